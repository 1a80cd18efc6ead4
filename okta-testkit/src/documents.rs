//! Resources kept as the JSON objects the API answers: apps, network zones, trusted
//! origins, event hooks, group rules and authorization servers (with their scopes and claims).
//!
//! Okta keeps whatever a client posts for these (an app's `signOnMode`-specific settings, a
//! zone's gateways...), so the org stores the object itself, with the read-only fields it
//! sets (`id`, `status`, `created`, `lastUpdated`, `_links`...) written in.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Bound;

use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::filter::Searchable;

/// A resource as its JSON object.
pub(crate) type Doc = Map<String, Value>;

/// Resources of one kind by id, in id (creation) order, so `after` cursors work like for
/// users and groups.
#[derive(Debug)]
pub(crate) struct Collection {
    /// The resource kind named in `404` answers (`AppInstance`, `Zone`...).
    kind: &'static str,
    items: BTreeMap<String, Doc>,
}

impl Collection {
    /// An empty collection of resources of this kind.
    pub(crate) fn new(kind: &'static str) -> Self {
        Self {
            kind,
            items: BTreeMap::new(),
        }
    }

    /// Stores `doc` under `id` (replacing what was there) and returns it.
    pub(crate) fn insert(&mut self, id: &str, doc: Doc) -> &Doc {
        self.items.insert(id.to_owned(), doc);
        // Just inserted; the fallback is never taken.
        self.items.entry(id.to_owned()).or_default()
    }

    /// The resource `id`, or `404 E0000007`.
    pub(crate) fn get(&self, id: &str) -> Result<&Doc, ApiError> {
        self.items
            .get(id)
            .ok_or_else(|| ApiError::not_found(id, self.kind))
    }

    /// The resource `id` to change, or `404 E0000007`.
    pub(crate) fn get_mut(&mut self, id: &str) -> Result<&mut Doc, ApiError> {
        let kind = self.kind;
        self.items
            .get_mut(id)
            .ok_or_else(|| ApiError::not_found(id, kind))
    }

    /// Removes the resource `id`, or answers `404 E0000007`.
    pub(crate) fn remove(&mut self, id: &str) -> Result<Doc, ApiError> {
        self.items
            .remove(id)
            .ok_or_else(|| ApiError::not_found(id, self.kind))
    }

    /// The resources after the cursor `after` (exclusive), in id order.
    pub(crate) fn after<'a>(&'a self, after: Option<&str>) -> impl Iterator<Item = &'a Doc> + 'a {
        let lower = after.map_or(Bound::Unbounded, Bound::Excluded);
        self.items
            .range::<str, _>((lower, Bound::Unbounded))
            .map(|(_, doc)| doc)
    }

    /// Every resource, in id order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Doc> {
        self.items.values()
    }
}

/// A string field of a resource (empty when absent or not a string).
pub(crate) fn text<'a>(doc: &'a Doc, key: &str) -> &'a str {
    doc.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A resource seen by `q`, `search` and `filter`: attributes are dotted paths into the
/// object (`status`, `settings.app.url`), and `q` matches the start of any of `q_fields`.
pub(crate) struct Searched<'a> {
    pub(crate) doc: &'a Doc,
    pub(crate) q_fields: &'static [&'static str],
}

impl Searchable for Searched<'_> {
    fn knows(path: &str) -> bool {
        !path.is_empty() && path.split('.').all(|part| !part.is_empty())
    }

    fn attribute(&self, path: &str) -> Option<Cow<'_, Value>> {
        let mut parts = path.split('.');
        let first = self.doc.get(parts.next()?)?;
        parts
            .try_fold(first, |value, part| value.get(part))
            .map(Cow::Borrowed)
    }

    fn matches_q(&self, q_lowercase: &str) -> bool {
        self.q_fields.iter().any(|field| {
            self.attribute(field)
                .and_then(|value| value.as_str().map(str::to_lowercase))
                .is_some_and(|value| value.starts_with(q_lowercase))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(value: Value) -> Doc {
        match value {
            Value::Object(map) => map,
            _ => Doc::new(),
        }
    }

    #[test]
    fn collection_pages_after_a_cursor_and_names_its_kind_when_missing() {
        let mut apps = Collection::new("AppInstance");
        for id in ["0oa1", "0oa2", "0oa3"] {
            apps.insert(id, doc(json!({ "id": id })));
        }
        let ids: Vec<&str> = apps.after(Some("0oa1")).map(|d| text(d, "id")).collect();
        assert_eq!(ids, ["0oa2", "0oa3"]);
        let missing = apps
            .get("0oa9")
            .err()
            .map(|e| e.body()["errorSummary"].clone());
        assert_eq!(
            missing,
            Some(json!("Not found: Resource not found: 0oa9 (AppInstance)"))
        );
        assert!(apps.remove("0oa2").is_ok());
        assert!(apps.get("0oa2").is_err());
    }

    #[test]
    fn searched_reads_dotted_paths_and_q_matches_prefixes() {
        let app = doc(json!({"label": "Payroll", "settings": {"app": {"url": "https://x"}}}));
        let searched = Searched {
            doc: &app,
            q_fields: &["label"],
        };
        assert_eq!(
            searched.attribute("settings.app.url").as_deref(),
            Some(&json!("https://x"))
        );
        assert!(searched.attribute("settings.nope").is_none());
        assert!(searched.matches_q("pay"));
        assert!(!searched.matches_q("roll"));
        assert!(!Searched::knows("a..b"));
    }
}
