//! The System Log: the LogEvent model, the bounded query and the endless, resumable tail,
//! against a local mock of the org.

use std::future::ready;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures_util::{StreamExt, TryStreamExt};
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{
    LogAuthenticationProvider, LogCredentialType, LogCursor, LogEvent, LogOutcomeResult,
    LogSeverity, LogSortOrder, Okta,
};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn org() -> (MockServer, Okta) {
    let server = MockServer::start().await;
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    (server, Okta::new(Client::new(config).unwrap()))
}

/// A page of events, linking to `?after={next}` when `next` is given.
fn page(events: Value, next: Option<&str>) -> ResponseTemplate {
    let response = ResponseTemplate::new(200).set_body_json(events);
    match next {
        Some(after) => response.insert_header(
            "link",
            format!("</api/v1/logs?after={after}>; rel=\"next\"").as_str(),
        ),
        None => response,
    }
}

fn event(uuid: &str, published: &str) -> Value {
    json!({"uuid": uuid, "published": published, "eventType": "user.authentication.sso", "severity": "INFO"})
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn query_of(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A sign-in failure, shaped like the events in Okta's System Log documentation.
fn full_event() -> Value {
    json!({
        "uuid": "dc9fd3c0-598c-11ef-8478-2b7584bf8d5a",
        "published": "2024-08-13T15:58:20.353Z",
        "eventType": "user.authentication.sso",
        "version": "0",
        "severity": "WARN",
        "legacyEventType": "core.user_auth.login_failed",
        "displayMessage": "User login to Okta",
        "actor": {
            "id": "00u1qw1mqitPHM8AJ0g7",
            "type": "User",
            "alternateId": "ada@example.com",
            "displayName": "Ada Lovelace",
            "detailEntry": {"methodTypeUsed": "Password"}
        },
        "client": {
            "userAgent": {
                "rawUserAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15",
                "os": "Mac OS X",
                "browser": "SAFARI"
            },
            "zone": "null",
            "device": "Computer",
            "id": "0oa1b2c3d4e5f6g7h8i9",
            "ipAddress": "198.51.100.7",
            "geographicalContext": {
                "city": "Lyon",
                "state": "Auvergne-Rhone-Alpes",
                "country": "France",
                "postalCode": "69001",
                "geolocation": {"lat": 45.764, "lon": 4.8357}
            }
        },
        "outcome": {"result": "FAILURE", "reason": "INVALID_CREDENTIALS"},
        "target": [{
            "id": "0oa1gjh63g214q0Hq0g4",
            "type": "AppInstance",
            "alternateId": "Okta Admin Console",
            "displayName": "Okta Admin Console",
            "detailEntry": {"signOnModeType": "OPENID_CONNECT"},
            "changeDetails": {"from": {"status": "ACTIVE"}, "to": {"status": "LOCKED_OUT"}}
        }],
        "transaction": {"type": "WEB", "id": "Zrt-3Nlq8kQcEdpMqgkqawAADBo", "detail": {"requestApiTokenId": "00T1"}},
        "debugContext": {"debugData": {"requestUri": "/idp/idx/identify", "threatSuspected": "false", "url": "/idp/idx/identify?"}},
        "authenticationContext": {
            "authenticationProvider": "OKTA_AUTHENTICATION_PROVIDER",
            "credentialProvider": "OKTA_CREDENTIAL_PROVIDER",
            "credentialType": "PASSWORD",
            "issuer": {"id": "https://example.okta.com", "type": "ORG"},
            "externalSessionId": "102bZDNFfWaQSyEZQuDgWt-uQ",
            "interface": "Okta Sign-In Widget",
            "authenticationStep": 0
        },
        "securityContext": {
            "asNumber": 64496,
            "asOrg": "example transit",
            "isp": "example isp",
            "domain": "example.net",
            "isProxy": false,
            "risk": {"level": "LOW", "reasons": ["New Device"]}
        },
        "request": {
            "ipChain": [{
                "ip": "198.51.100.7",
                "version": "V4",
                "source": null,
                "geographicalContext": {"city": "Lyon", "country": "France", "geolocation": {"lat": 45.764, "lon": 4.8357}},
                "ipDetails": {"asNumber": 64496, "ipServiceCategories": []}
            }]
        }
    })
}

/// `value` with every `null` member removed (a `null` reads as absent).
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[test]
fn a_full_log_event_decodes_every_part_and_loses_nothing_but_nulls() {
    let input = full_event();
    let event: LogEvent = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(event.uuid, "dc9fd3c0-598c-11ef-8478-2b7584bf8d5a");
    assert_eq!(event.severity, Some(LogSeverity::Warn));
    assert_eq!(
        event.actor.as_ref().and_then(|a| a.alternate_id.as_deref()),
        Some("ada@example.com")
    );
    let client = event.client.as_ref().unwrap();
    assert_eq!(client.ip_address.as_deref(), Some("198.51.100.7"));
    assert_eq!(
        client
            .user_agent
            .as_ref()
            .and_then(|u| u.browser.as_deref()),
        Some("SAFARI")
    );
    let geo = client.geographical_context.as_ref().unwrap();
    assert_eq!(geo.geolocation.as_ref().and_then(|g| g.lat), Some(45.764));
    assert_eq!(
        event.outcome.as_ref().and_then(|o| o.result.clone()),
        Some(LogOutcomeResult::Failure)
    );
    let targets = event.target.as_ref().unwrap();
    assert_eq!(targets[0].type_.as_deref(), Some("AppInstance"));
    assert_eq!(
        targets[0].change_details.as_ref().unwrap()["to"]["status"],
        "LOCKED_OUT"
    );
    assert_eq!(
        event.transaction.as_ref().and_then(|t| t.type_.as_deref()),
        Some("WEB")
    );
    assert_eq!(
        event
            .debug_context
            .as_ref()
            .unwrap()
            .debug_data
            .as_ref()
            .unwrap()["requestUri"],
        "/idp/idx/identify"
    );
    let auth = event.authentication_context.as_ref().unwrap();
    assert_eq!(
        auth.authentication_provider,
        Some(LogAuthenticationProvider::OktaAuthenticationProvider)
    );
    assert_eq!(auth.credential_type, Some(LogCredentialType::Password));
    assert_eq!(auth.authentication_step, Some(0));
    let security = event.security_context.as_ref().unwrap();
    assert_eq!(security.as_number, Some(64496));
    assert_eq!(security.is_proxy, Some(false));
    assert_eq!(security.extra["risk"]["level"], "LOW");
    let chain = event.request.as_ref().unwrap().ip_chain.as_ref().unwrap();
    assert_eq!(chain[0].ip.as_deref(), Some("198.51.100.7"));
    assert_eq!(chain[0].extra["ipDetails"]["asNumber"], 64496);
    assert_eq!(
        event.cursor(),
        Some(LogCursor::new(
            "2024-08-13T15:58:20.353Z",
            "dc9fd3c0-598c-11ef-8478-2b7584bf8d5a"
        ))
    );

    assert_eq!(serde_json::to_value(&event).unwrap(), without_nulls(input));
}

#[test]
fn unknown_enum_values_and_fields_survive_a_log_event() {
    let mut input = without_nulls(full_event());
    input["severity"] = json!("FATAL");
    input["authenticationContext"]["credentialType"] = json!("PASSKEY");
    input["outcome"]["result"] = json!("QUARANTINED");
    input["newTopLevel"] = json!({"a": [1, 2]});
    input["actor"]["extraActorField"] = json!(true);
    input["client"]["geographicalContext"]["geolocation"]["alt"] = json!(170.0);
    let event: LogEvent = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(event.severity, Some(LogSeverity::Unknown("FATAL".into())));
    assert_eq!(
        event
            .authentication_context
            .as_ref()
            .unwrap()
            .credential_type,
        Some(LogCredentialType::Unknown("PASSKEY".into()))
    );
    assert_eq!(event.extra["newTopLevel"], json!({"a": [1, 2]}));
    assert_eq!(serde_json::to_value(&event).unwrap(), input);
}

#[tokio::test]
async fn bounded_query_sends_every_parameter_and_ends_with_the_results() {
    let (server, okta) = org().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2024-08-01T00:00:00Z"))
        .respond_with(page(
            json!([
                event("e1", "2024-08-01T01:00:00.000Z"),
                event("e2", "2024-08-01T02:00:00.000Z")
            ]),
            Some("p2"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "p2"))
        .respond_with(page(json!([event("e3", "2024-08-01T03:00:00.000Z")]), None))
        .expect(1)
        .mount(&server)
        .await;
    let events: Vec<LogEvent> = okta
        .logs()
        .list()
        .since("2024-08-01T00:00:00Z")
        .until("2024-08-02T00:00:00Z")
        .filter(r#"eventType eq "user.authentication.sso""#)
        .q("Lyon Safari")
        .limit(2)
        .sort_order(LogSortOrder::Ascending)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let uuids: Vec<&str> = events.iter().map(|e| e.uuid.as_str()).collect();
    assert_eq!(uuids, ["e1", "e2", "e3"]);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        query_of(&sent[0]),
        [
            ("since".to_string(), "2024-08-01T00:00:00Z".to_string()),
            ("until".into(), "2024-08-02T00:00:00Z".into()),
            (
                "filter".into(),
                r#"eventType eq "user.authentication.sso""#.into()
            ),
            ("q".into(), "Lyon Safari".into()),
            ("limit".into(), "2".into()),
            ("sortOrder".into(), "ASCENDING".into()),
        ]
    );
    assert_eq!(sent[1].url.query(), Some("after=p2"));
}

#[tokio::test]
async fn a_query_without_until_reads_up_to_now_and_ends_although_next_is_always_sent() {
    let (server, okta) = org().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("sortOrder", "DESCENDING"))
        .respond_with(page(
            json!([event("e1", "2024-08-01T01:00:00.000Z")]),
            Some("p2"),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "p2"))
        .respond_with(page(json!([]), Some("p2")))
        .mount(&server)
        .await;
    let events: Vec<LogEvent> = tokio::time::timeout(
        Duration::from_secs(5),
        okta.logs()
            .list()
            .sort_order(LogSortOrder::Descending)
            .stream()
            .try_collect(),
    )
    .await
    .expect("the query ends")
    .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn one_page_exposes_its_next_link() {
    let (server, okta) = org().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .respond_with(page(
            json!([event("e1", "2024-08-01T01:00:00.000Z")]),
            Some("p2"),
        ))
        .mount(&server)
        .await;
    let first = okta.logs().list().limit(1).page().await.unwrap();
    assert_eq!(first.items.len(), 1);
    let next = first.next.expect("a next link");
    assert_eq!(next.query(), Some("after=p2"));
    assert_eq!(requests(&server).await[0].url.query(), Some("limit=1"));
}

#[tokio::test]
async fn tail_waits_on_empty_pages_picks_up_new_events_and_never_ends() {
    let (server, okta) = org().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2024-08-01T00:00:00Z"))
        .respond_with(page(
            json!([
                event("e1", "2024-08-01T01:00:00.000Z"),
                event("e2", "2024-08-01T02:00:00.000Z")
            ]),
            Some("c1"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    // Caught up: an empty page that links to the same cursor, then a new event.
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c1"))
        .respond_with(page(json!([]), Some("c1")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c1"))
        .respond_with(page(
            json!([event("e3", "2024-08-01T03:00:00.000Z")]),
            Some("c2"),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c2"))
        .respond_with(page(json!([]), Some("c2")))
        .mount(&server)
        .await;

    let interval = Duration::from_millis(300);
    let mut tail = okta
        .logs()
        .tail()
        .since("2024-08-01T00:00:00Z")
        .filter(r#"eventType sw "user.""#)
        .limit(500)
        .interval(interval)
        .stream();
    assert_eq!(tail.try_next().await.unwrap().unwrap().uuid, "e1");
    assert_eq!(tail.try_next().await.unwrap().unwrap().uuid, "e2");
    let before = Instant::now();
    assert_eq!(tail.try_next().await.unwrap().unwrap().uuid, "e3");
    assert!(
        before.elapsed() >= interval,
        "an empty page is followed by a wait of the interval ({:?})",
        before.elapsed()
    );
    let more = tokio::time::timeout(Duration::from_millis(800), tail.next()).await;
    assert!(more.is_err(), "the tail keeps polling instead of ending");

    let sent = requests(&server).await;
    assert_eq!(
        query_of(&sent[0]),
        [
            ("since".to_string(), "2024-08-01T00:00:00Z".to_string()),
            ("filter".into(), r#"eventType sw "user.""#.into()),
            ("limit".into(), "500".into()),
        ]
    );
    assert!(
        sent.iter()
            .all(|r| r.url.query_pairs().all(|(k, _)| k != "until")),
        "polling mode never sends until"
    );
    let polls_of_c2 = sent
        .iter()
        .filter(|r| r.url.query() == Some("after=c2"))
        .count();
    assert!(
        polls_of_c2 >= 2,
        "it polled the last cursor again: {polls_of_c2}"
    );
}

#[tokio::test]
async fn tail_waits_out_a_rate_limit_and_goes_on() {
    let (server, okta) = org().await;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2024-08-01T00:00:00Z"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-rate-limit-limit", "60")
                .insert_header("x-rate-limit-remaining", "0")
                .insert_header("x-rate-limit-reset", now.to_string().as_str())
                .insert_header("x-okta-request-id", "rl-1")
                .set_body_json(json!({
                    "errorCode": "E0000047",
                    "errorSummary": "API call exceeded rate limit due to too many requests.",
                    "errorLink": "E0000047",
                    "errorId": "oae2",
                    "errorCauses": []
                })),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2024-08-01T00:00:00Z"))
        .respond_with(page(
            json!([event("e1", "2024-08-01T01:00:00.000Z")]),
            Some("c1"),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c1"))
        .respond_with(page(json!([]), Some("c1")))
        .mount(&server)
        .await;
    let mut tail = okta
        .logs()
        .tail()
        .since("2024-08-01T00:00:00Z")
        .interval(Duration::from_millis(100))
        .stream();
    let first = tokio::time::timeout(Duration::from_secs(10), tail.try_next())
        .await
        .expect("the rate limit is waited out")
        .unwrap()
        .unwrap();
    assert_eq!(first.uuid, "e1");
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2, "one 429, then the same request again");
    assert_eq!(sent[1].url, sent[0].url);
    assert_eq!(
        sent[1]
            .headers
            .get("x-okta-retry-for")
            .map(|v| v.to_str().unwrap()),
        Some("rl-1")
    );
}

#[tokio::test]
async fn a_resumed_tail_starts_at_the_cursor_time_and_the_replay_filter_drops_what_was_seen() {
    let (server, okta) = org().await;
    // A first run handled e1 and e2, then stopped: it persisted the cursor of e2.
    let cursor: LogCursor = serde_json::from_value(json!({
        "published": "2024-08-01T02:00:00.000Z",
        "uuid": "e2"
    }))
    .unwrap();
    // From the cursor's time Okta answers e1b (recorded before e2), e2 itself, then new ones.
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2024-08-01T02:00:00.000Z"))
        .respond_with(page(
            json!([
                event("e1b", "2024-08-01T01:59:59.000Z"),
                event("e2", "2024-08-01T02:00:00.000Z"),
                event("e3", "2024-08-01T02:00:00.000Z"),
                event("e4", "2024-08-01T03:00:00.000Z")
            ]),
            Some("c1"),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c1"))
        .respond_with(page(json!([]), Some("c1")))
        .mount(&server)
        .await;
    let mut replay = cursor.replay_filter();
    let mut tail = okta
        .logs()
        .tail()
        .resume_from(&cursor)
        .interval(Duration::from_millis(100))
        .stream()
        .try_filter(move |event| ready(replay.is_new(event)));
    assert_eq!(tail.try_next().await.unwrap().unwrap().uuid, "e3");
    let last = tail.try_next().await.unwrap().unwrap();
    assert_eq!(last.uuid, "e4");
    assert_eq!(
        last.cursor(),
        Some(LogCursor::new("2024-08-01T03:00:00.000Z", "e4"))
    );
    let sent = requests(&server).await;
    assert_eq!(
        sent[0].url.query(),
        Some("since=2024-08-01T02%3A00%3A00.000Z")
    );
}

#[tokio::test]
async fn a_malformed_event_is_an_error_of_its_own_and_the_tail_goes_on() {
    let (server, okta) = org().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2024-08-01T00:00:00Z"))
        .respond_with(page(
            json!([
                event("ok1", "2024-08-01T01:00:00.000Z"),
                {"uuid": 42, "published": "2024-08-01T01:00:01.000Z"},
                event("ok2", "2024-08-01T01:00:02.000Z")
            ]),
            Some("c1"),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c1"))
        .respond_with(page(json!([]), Some("c1")))
        .mount(&server)
        .await;
    let mut tail = okta
        .logs()
        .tail()
        .since("2024-08-01T00:00:00Z")
        .interval(Duration::from_millis(100))
        .stream();
    assert_eq!(tail.next().await.unwrap().unwrap().uuid, "ok1");
    assert!(tail.next().await.unwrap().is_err());
    assert_eq!(tail.next().await.unwrap().unwrap().uuid, "ok2");
}

#[tokio::test]
async fn a_tail_resumed_from_a_saved_next_link_continues_exactly_there() {
    let (server, okta) = org().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2024-08-01T00:00:00Z"))
        .respond_with(page(
            json!([
                event("e1", "2024-08-01T01:00:00.000Z"),
                event("e2", "2024-08-01T02:00:00.000Z")
            ]),
            Some("c1"),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c1"))
        .respond_with(page(
            json!([event("e3", "2024-08-01T03:00:00.000Z")]),
            Some("c2"),
        ))
        .mount(&server)
        .await;

    let mut tail = okta
        .logs()
        .tail()
        .since("2024-08-01T00:00:00Z")
        .interval(Duration::from_millis(50))
        .stream();
    assert_eq!(tail.try_next().await.unwrap().unwrap().uuid, "e1");
    assert_eq!(tail.try_next().await.unwrap().unwrap().uuid, "e2");
    // A page boundary: everything fetched was handled; save where Okta goes on.
    assert_eq!(tail.buffered_items(), 0);
    let saved = tail.next_link().unwrap().to_string();
    drop(tail);

    let mut resumed = okta
        .logs()
        .tail()
        .resume_from_link(saved)
        .interval(Duration::from_millis(50))
        .stream();
    assert_eq!(resumed.try_next().await.unwrap().unwrap().uuid, "e3");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "no event fetched twice");
    assert_eq!(requests[1].url.query(), Some("after=c1"));
}
