//! The System Log: the events the org records for its own actions, and the
//! `GET /api/v1/logs` query over them.
//!
//! Events are kept in the order they were recorded (their persistence order) with a
//! sequence number, which is the opaque `after` cursor. Like Okta:
//!
//! - a *polling* query (no `until`, ascending) reads events in persistence order and always
//!   answers a `next` link, even on an empty page, so a client can poll it forever;
//! - a *bounded* query (`until` set, or `sortOrder=DESCENDING`) reads the events published in
//!   `[since, until)` in the order asked and has a `next` link only while more follow.
//!
//! `since` defaults to 7 days before `until` (or now), `until` to now, `limit` to 100
//! (at most 1000). `filter` takes the org's expression subset over the event's attributes
//! (`eventType eq "user.lifecycle.create"`, `target.id eq "..."`, `outcome.result eq
//! "SUCCESS"`); `q` holds keywords that must all appear in the event.

use std::borrow::Cow;

use serde_json::{json, Map, Value};

use crate::clock::{iso8601, parse_iso8601};
use crate::documents::{text, Doc};
use crate::errors::ApiError;
use crate::filter::{Criteria, Searchable};
use crate::ids;
use crate::store::{Group, User};

/// The default page size of `GET /api/v1/logs`.
pub(crate) const DEFAULT_LIMIT: usize = 100;
/// The largest page size of `GET /api/v1/logs`.
pub(crate) const MAX_LIMIT: usize = 1000;
/// How far back `since` goes by default: 7 days.
const DEFAULT_WINDOW_MILLIS: i64 = 7 * 24 * 3600 * 1000;

/// The resource an event is about (`LogTarget`).
#[derive(Clone, Debug)]
pub(crate) struct Target {
    id: String,
    kind: &'static str,
    alternate_id: String,
    display_name: String,
}

impl Target {
    /// A user: `type` `User`, `alternateId` the login.
    pub(crate) fn user(user: &User) -> Self {
        let profile = &user.profile;
        let login = profile
            .get("login")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let name = [profile.get("firstName"), profile.get("lastName")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            id: user.id.clone(),
            kind: "User",
            alternate_id: login.to_owned(),
            display_name: if name.is_empty() {
                login.to_owned()
            } else {
                name
            },
        }
    }

    /// A group: `type` `UserGroup`.
    pub(crate) fn group(group: &Group) -> Self {
        let name = group
            .profile
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        Self {
            id: group.id.clone(),
            kind: "UserGroup",
            alternate_id: "unknown".to_owned(),
            display_name: name.to_owned(),
        }
    }

    /// An app: `type` `AppInstance`, `alternateId` its label.
    pub(crate) fn app(app: &Doc) -> Self {
        Self {
            id: text(app, "id").to_owned(),
            kind: "AppInstance",
            alternate_id: text(app, "label").to_owned(),
            display_name: text(app, "label").to_owned(),
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "type": self.kind,
            "alternateId": self.alternate_id,
            "displayName": self.display_name,
        })
    }
}

/// One recorded event.
#[derive(Clone, Debug)]
struct Event {
    seq: u64,
    published: i64,
    json: Map<String, Value>,
}

impl Searchable for Event {
    fn knows(path: &str) -> bool {
        !path.is_empty() && path != "published"
    }

    fn attribute(&self, path: &str) -> Option<Cow<'_, Value>> {
        let mut parts = path.split('.');
        let first = self.json.get(parts.next()?)?;
        let mut values = vec![first];
        for part in parts {
            // Arrays (`target`) match when any element does.
            values = values
                .into_iter()
                .flat_map(|value| match value {
                    Value::Array(items) => items.iter().filter_map(|i| i.get(part)).collect(),
                    other => other.get(part).into_iter().collect::<Vec<_>>(),
                })
                .collect();
        }
        match values.as_slice() {
            [] => None,
            [one] => Some(Cow::Borrowed(*one)),
            many => Some(Cow::Owned(Value::Array(
                many.iter().map(|v| (*v).clone()).collect(),
            ))),
        }
    }

    fn matches_q(&self, q_lowercase: &str) -> bool {
        let haystack = Value::Object(self.json.clone()).to_string().to_lowercase();
        q_lowercase
            .split_whitespace()
            .all(|keyword| haystack.contains(keyword))
    }
}

/// Every event the org recorded, in persistence order.
#[derive(Debug, Default)]
pub(crate) struct SystemLog {
    events: Vec<Event>,
    next_seq: u64,
}

impl SystemLog {
    /// Records an event of the org's admin (the owner of the API token) with outcome
    /// `SUCCESS`.
    pub(crate) fn record(
        &mut self,
        now: i64,
        event_type: &str,
        display_message: &str,
        targets: &[Target],
    ) {
        self.next_seq += 1;
        // Persistence order is publication order: a clock step back does not reorder.
        let published = self
            .events
            .last()
            .map_or(now, |last| last.published.max(now));
        let json = json!({
            "uuid": ids::uuid(),
            "published": iso8601(published),
            "eventType": event_type,
            "version": "0",
            "severity": "INFO",
            "displayMessage": display_message,
            "actor": {
                "id": ADMIN_ID,
                "type": "User",
                "alternateId": "admin@example.com",
                "displayName": "Fake Org Admin",
            },
            "client": {
                "ipAddress": "127.0.0.1",
                "device": "Unknown",
                "userAgent": {"rawUserAgent": "unknown", "os": "Unknown", "browser": "UNKNOWN"},
            },
            "authenticationContext": {"authenticationStep": 0, "externalSessionId": "unknown"},
            "outcome": {"result": "SUCCESS"},
            "securityContext": {},
            "debugContext": {"debugData": {}},
            "transaction": {"type": "WEB", "id": ids::token(27), "detail": {}},
            "request": {"ipChain": [{"ip": "127.0.0.1", "version": "V4", "source": null}]},
            "target": targets.iter().map(Target::to_json).collect::<Vec<_>>(),
        });
        let Value::Object(mut json) = json else {
            return;
        };
        // `source` is not nullable in Okta's schema: leave it out.
        if let Some(Value::Array(chain)) = json
            .get_mut("request")
            .and_then(|request| request.get_mut("ipChain"))
        {
            for hop in chain.iter_mut().filter_map(Value::as_object_mut) {
                hop.remove("source");
            }
        }
        self.events.push(Event {
            seq: self.next_seq,
            published,
            json,
        });
    }

    /// Every event, oldest first.
    pub(crate) fn events(&self) -> Vec<Value> {
        self.events
            .iter()
            .map(|event| Value::Object(event.json.clone()))
            .collect()
    }

    /// Answers a query: the page and the cursor of the `next` link, if there is one.
    pub(crate) fn query(
        &self,
        query: &LogQuery,
        now: i64,
    ) -> (Vec<&Map<String, Value>>, Option<String>) {
        let criteria = &query.criteria;
        if query.is_polling() {
            let since = query.since.unwrap_or(now - DEFAULT_WINDOW_MILLIS);
            let start = match query.after {
                Some(after) => self.events.partition_point(|e| e.seq <= after),
                None => self.events.partition_point(|e| e.published < since),
            };
            let mut page = Vec::new();
            // Without a match the cursor moves past what was read, so the next poll starts
            // there; with none read it stays where it was.
            let mut cursor = match query.after {
                Some(after) => after,
                None => start.checked_sub(1).map_or(0, |i| self.events[i].seq),
            };
            for event in &self.events[start..] {
                if page.len() == query.limit {
                    break;
                }
                cursor = event.seq;
                if criteria.matches(event) {
                    page.push(&event.json);
                }
            }
            return (page, Some(cursor.to_string()));
        }
        let until = query.until.unwrap_or(now);
        let since = query.since.unwrap_or(until - DEFAULT_WINDOW_MILLIS);
        let in_window = |e: &&Event| e.published >= since && e.published < until;
        let after_cursor = |e: &&Event| match query.after {
            None => true,
            Some(after) if query.descending => e.seq < after,
            Some(after) => e.seq > after,
        };
        let selected: Box<dyn Iterator<Item = &Event>> = if query.descending {
            Box::new(self.events.iter().rev())
        } else {
            Box::new(self.events.iter())
        };
        let mut matching = selected
            .filter(in_window)
            .filter(after_cursor)
            .filter(|e| criteria.matches(*e));
        let page: Vec<&Event> = matching.by_ref().take(query.limit).collect();
        let more = page.len() == query.limit && matching.next().is_some();
        let next = page.last().filter(|_| more).map(|e| e.seq.to_string());
        (page.into_iter().map(|e| &e.json).collect(), next)
    }
}

/// The id of the admin every event is attributed to.
pub(crate) const ADMIN_ID: &str = "00u0fakeorgadmin0000";

/// The parameters of `GET /api/v1/logs`.
#[derive(Debug)]
pub(crate) struct LogQuery {
    since: Option<i64>,
    until: Option<i64>,
    after: Option<u64>,
    pub(crate) limit: usize,
    descending: bool,
    criteria: Criteria,
    raw: Vec<(String, String)>,
}

impl LogQuery {
    /// Parses the query string; bad values are `400 E0000001`.
    pub(crate) fn parse(raw_query: Option<&str>) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
                .filter(|value| !value.is_empty())
        };
        let time = |name: &str| {
            get(name)
                .map(|value| {
                    parse_iso8601(value).ok_or_else(|| {
                        ApiError::validation(name, "The value must be an ISO 8601 timestamp")
                    })
                })
                .transpose()
        };
        let since = time("since")?;
        let until = time("until")?;
        let after = get("after")
            .map(|value| {
                value
                    .parse::<u64>()
                    .map_err(|_| ApiError::validation("after", "Invalid cursor"))
            })
            .transpose()?;
        let limit = match get("limit") {
            None => DEFAULT_LIMIT,
            Some(value) => match value.parse::<usize>() {
                Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => limit,
                _ => {
                    return Err(ApiError::validation(
                        "limit",
                        "The value must be an integer from 1 to 1000",
                    ))
                }
            },
        };
        let descending = match get("sortOrder") {
            None => false,
            Some(order) if order.eq_ignore_ascii_case("ASCENDING") => false,
            Some(order) if order.eq_ignore_ascii_case("DESCENDING") => true,
            Some(_) => {
                return Err(ApiError::validation(
                    "sortOrder",
                    "The value must be ASCENDING or DESCENDING",
                ))
            }
        };
        let criteria = Criteria::parse::<Event>(get("q"), None, get("filter"))?;
        Ok(Self {
            since,
            until,
            after,
            limit,
            descending,
            criteria,
            raw: pairs,
        })
    }

    /// Whether this is a polling query: no `until`, ascending.
    pub(crate) fn is_polling(&self) -> bool {
        self.until.is_none() && !self.descending
    }

    /// The query string of the next page: the same parameters with `after` set to `cursor`
    /// (and, when polling, without `since`, which `after` replaces).
    pub(crate) fn next_query(&self, cursor: &str) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        let polling = self.is_polling();
        let mut has_limit = false;
        for (key, value) in &self.raw {
            match key.as_str() {
                "after" => continue,
                "since" if polling => continue,
                "limit" => has_limit = true,
                _ => {}
            }
            query.append_pair(key, value);
        }
        if !has_limit {
            query.append_pair("limit", &self.limit.to_string());
        }
        query.append_pair("after", cursor);
        query.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_with(types: &[&str]) -> SystemLog {
        let mut log = SystemLog::default();
        for (i, event_type) in types.iter().enumerate() {
            log.record(1_000 + i as i64, event_type, "something happened", &[]);
        }
        log
    }

    fn event_types(page: &[&Map<String, Value>]) -> Vec<String> {
        page.iter()
            .map(|e| text(e, "eventType").to_owned())
            .collect()
    }

    fn query(raw: &str) -> LogQuery {
        match LogQuery::parse(Some(raw)) {
            Ok(query) => query,
            Err(error) => panic!("{raw}: {}", error.body()),
        }
    }

    #[test]
    fn polling_always_has_a_next_link_even_on_an_empty_page() {
        let log = log_with(&["a", "b", "c"]);
        let (page, next) = log.query(&query("limit=2&since=1970-01-01T00:00:00Z"), 5_000);
        assert_eq!(event_types(&page), ["a", "b"]);
        let next = next.unwrap_or_default();
        let (page, next) = log.query(&query(&format!("limit=2&after={next}")), 5_000);
        assert_eq!(event_types(&page), ["c"]);
        let next = next.unwrap_or_default();
        let (page, again) = log.query(&query(&format!("limit=2&after={next}")), 5_000);
        assert!(page.is_empty());
        assert_eq!(again.as_deref(), Some(next.as_str()));
    }

    #[test]
    fn bounded_queries_end_and_can_run_backwards() {
        let log = log_with(&["a", "b", "c"]);
        let bounded = "since=1970-01-01T00:00:00Z&until=1970-01-01T00:00:05Z";
        let (page, next) = log.query(&query(&format!("{bounded}&limit=3")), 5_000);
        assert_eq!(event_types(&page), ["a", "b", "c"]);
        assert!(next.is_none());
        let (page, next) = log.query(
            &query(&format!("{bounded}&limit=2&sortOrder=DESCENDING")),
            5_000,
        );
        assert_eq!(event_types(&page), ["c", "b"]);
        let cursor = next.unwrap_or_default();
        let (page, next) = log.query(
            &query(&format!(
                "{bounded}&limit=2&sortOrder=DESCENDING&after={cursor}"
            )),
            5_000,
        );
        assert_eq!(event_types(&page), ["a"]);
        assert!(next.is_none());
    }

    #[test]
    fn filter_and_q_select_events() {
        let log = log_with(&["user.lifecycle.create", "group.user_membership.add"]);
        let q = "since=1970-01-01T00:00:00Z&until=2000-01-01T00:00:00Z";
        let (page, _) = log.query(
            &query(&format!(
                "{q}&filter=eventType+eq+%22group.user_membership.add%22"
            )),
            5_000,
        );
        assert_eq!(event_types(&page), ["group.user_membership.add"]);
        let (page, _) = log.query(&query(&format!("{q}&q=lifecycle+HAPPENED")), 5_000);
        assert_eq!(event_types(&page), ["user.lifecycle.create"]);
    }

    #[test]
    fn bad_parameters_are_refused_and_next_query_replaces_since() {
        assert!(LogQuery::parse(Some("limit=0")).is_err());
        assert!(LogQuery::parse(Some("limit=1001")).is_err());
        assert!(LogQuery::parse(Some("since=yesterday")).is_err());
        assert!(LogQuery::parse(Some("sortOrder=UP")).is_err());
        assert!(LogQuery::parse(Some("after=x")).is_err());
        assert_eq!(
            query("since=1970-01-01T00:00:00Z&filter=a+eq+%22b%22").next_query("7"),
            "filter=a+eq+%22b%22&limit=100&after=7"
        );
    }
}
