//! Where the SCIM server keeps its resources: the [`ScimStore`] trait and the in-memory store.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;

use serde_json::Value;

use crate::scim::filter::{AttrPath, CompValue, CompareOp, Filter};

/// A boxed, sendable future, as the object-safe store trait returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The two resource types the server serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ResourceKind {
    /// `/Users`.
    User,
    /// `/Groups`.
    Group,
}

impl ResourceKind {
    /// `User` or `Group`, as in `meta.resourceType`.
    pub fn name(self) -> &'static str {
        match self {
            ResourceKind::User => "User",
            ResourceKind::Group => "Group",
        }
    }

    /// The path segment: `Users` or `Groups`.
    pub fn endpoint(self) -> &'static str {
        match self {
            ResourceKind::User => "Users",
            ResourceKind::Group => "Groups",
        }
    }

    /// The core schema URN.
    pub fn schema(self) -> &'static str {
        match self {
            ResourceKind::User => crate::scim::resource::USER,
            ResourceKind::Group => crate::scim::resource::GROUP,
        }
    }

    /// The attribute that must be unique: `userName` for users (case-insensitively, as
    /// RFC 7643 defines it not case-exact); none for groups.
    pub fn unique_attribute(self) -> Option<&'static str> {
        match self {
            ResourceKind::User => Some("userName"),
            ResourceKind::Group => None,
        }
    }
}

/// A resource as stored, with the version that guards concurrent updates.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// The resource's JSON, `id` and `meta` included.
    pub resource: Value,
    /// Incremented by every write; the ETag is derived from it.
    pub version: u64,
}

/// Why a store operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another resource already has this unique value (`userName`).
    #[error("{attribute} {value:?} is already taken")]
    Uniqueness {
        /// The unique attribute.
        attribute: &'static str,
        /// The value, bounded.
        value: String,
    },
    /// The resource does not exist.
    #[error("resource not found")]
    NotFound,
    /// The resource changed since the version the write was based on.
    #[error("resource changed concurrently")]
    VersionMismatch,
    /// The backend failed.
    #[error("store failure: {0}")]
    Backend(String),
}

/// What a list request asks for. Indices are 1-based as in SCIM.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ListQuery {
    /// Only resources matching this filter.
    pub filter: Option<Filter>,
    /// 1-based index of the first result.
    pub start_index: u64,
    /// Most results to return.
    pub count: u64,
    /// Attribute to sort by (a top-level or `a.b` path); creation order otherwise.
    pub sort_by: Option<String>,
    /// Sort descending.
    pub descending: bool,
}

impl ListQuery {
    /// Results `start_index` (1-based) to `start_index + count - 1`, in creation order.
    pub fn new(start_index: u64, count: u64) -> Self {
        ListQuery {
            start_index: start_index.max(1),
            count,
            ..ListQuery::default()
        }
    }

    /// Keeps only resources matching `filter`.
    pub fn with_filter(mut self, filter: Filter) -> Self {
        self.filter = Some(filter);
        self
    }

    /// Sorts by `attribute` (`a` or `a.b`).
    pub fn sorted_by(mut self, attribute: impl Into<String>, descending: bool) -> Self {
        self.sort_by = Some(attribute.into());
        self.descending = descending;
        self
    }
}

/// One page of a list.
#[derive(Debug, Clone)]
pub struct ListPage {
    /// Resources matching the filter, in all.
    pub total: u64,
    /// The requested window.
    pub resources: Vec<Stored>,
}

/// Storage behind the SCIM server. Implementations must make `replace` a compare-and-swap on
/// `version`, so concurrent PATCHes never lose an update, and must enforce the uniqueness of
/// [`ResourceKind::unique_attribute`].
pub trait ScimStore: Send + Sync + fmt::Debug + 'static {
    /// Stores a new resource (its `id` already assigned).
    fn create(
        &self,
        kind: ResourceKind,
        resource: Value,
    ) -> BoxFuture<'_, Result<Stored, StoreError>>;
    /// Reads one resource.
    fn get<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Stored>, StoreError>>;
    /// Replaces a resource if its version is still `expected_version`.
    fn replace<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
        resource: Value,
        expected_version: u64,
    ) -> BoxFuture<'a, Result<Stored, StoreError>>;
    /// Deletes a resource; `false` if it did not exist.
    fn delete<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
    ) -> BoxFuture<'a, Result<bool, StoreError>>;
    /// Lists resources. `case_exact` tells the filter evaluator which attributes compare
    /// case-sensitively.
    fn list<'a>(
        &'a self,
        kind: ResourceKind,
        query: &'a ListQuery,
        case_exact: &'a (dyn Fn(&crate::scim::filter::AttrPath) -> bool + Send + Sync),
    ) -> BoxFuture<'a, Result<ListPage, StoreError>>;
}

/// Reads `path` (`a` or `a.b`, case-insensitive) for sorting.
pub(crate) fn sort_key(resource: &Value, path: &str) -> Option<String> {
    let mut current = resource;
    for part in path.split('.') {
        let obj = current.as_object()?;
        current = obj
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(part))
            .map(|(_, v)| v)?;
        if let Value::Array(items) = current {
            // Multi-valued: the primary value, else the first.
            current = items
                .iter()
                .find(|i| i.get("primary") == Some(&Value::Bool(true)))
                .or_else(|| items.first())?;
            if let Some(v) = current.get("value") {
                current = v;
            }
        }
    }
    Some(match current {
        Value::String(s) => s.to_lowercase(),
        other => other.to_string(),
    })
}

/// The unique value of `resource` for `kind`, lowercased (userName is not case-exact).
pub(crate) fn unique_value(kind: ResourceKind, resource: &Value) -> Option<String> {
    let attr = kind.unique_attribute()?;
    resource
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(attr))
        .and_then(|(_, v)| v.as_str())
        .map(str::to_lowercase)
}

/// `userName eq "x"` on users: the value to look up in the unique index.
pub(crate) fn indexed_lookup(kind: ResourceKind, filter: &Filter) -> Option<String> {
    let attr = kind.unique_attribute()?;
    match filter {
        Filter::Compare {
            path:
                AttrPath {
                    urn,
                    attr: a,
                    sub_attr: None,
                },
            op: CompareOp::Eq,
            value: CompValue::Str(v),
        } if a.eq_ignore_ascii_case(attr)
            && urn
                .as_deref()
                .is_none_or(|u| u.eq_ignore_ascii_case(kind.schema())) =>
        {
            Some(v.to_lowercase())
        }
        _ => None,
    }
}

/// Sorts, then cuts the 1-based window out of `matching`.
pub(crate) fn window(mut matching: Vec<Stored>, query: &ListQuery) -> ListPage {
    if let Some(by) = &query.sort_by {
        matching.sort_by(|a, b| {
            let (ka, kb) = (sort_key(&a.resource, by), sort_key(&b.resource, by));
            // Resources without the attribute sort last in either order.
            match (ka, kb) {
                (Some(x), Some(y)) if query.descending => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        });
    }
    let total = matching.len() as u64;
    let skip = query.start_index.saturating_sub(1) as usize;
    let resources = matching
        .into_iter()
        .skip(skip)
        .take(query.count as usize)
        .collect();
    ListPage { total, resources }
}

/// Keeps resources in memory, in creation order.
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: RwLock<Memory>,
}

#[derive(Debug, Default)]
struct Memory {
    /// Per kind: creation sequence -> (id, stored).
    by_seq: HashMap<ResourceKind, BTreeMap<u64, (String, Stored)>>,
    /// Per kind: id -> creation sequence.
    seq_of: HashMap<ResourceKind, HashMap<String, u64>>,
    /// Per kind: unique value -> id.
    unique: HashMap<ResourceKind, HashMap<String, String>>,
    next_seq: u64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Memory> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Memory> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }
}

fn id_of(resource: &Value) -> Result<String, StoreError> {
    resource
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| StoreError::Backend("resource without id".into()))
}

impl ScimStore for MemoryStore {
    fn create(
        &self,
        kind: ResourceKind,
        resource: Value,
    ) -> BoxFuture<'_, Result<Stored, StoreError>> {
        let result = (|| {
            let id = id_of(&resource)?;
            let mut m = self.write();
            let unique = unique_value(kind, &resource);
            if let Some(u) = &unique {
                if m.unique.entry(kind).or_default().contains_key(u) {
                    return Err(StoreError::Uniqueness {
                        attribute: kind.unique_attribute().unwrap_or("id"),
                        value: u.chars().take(128).collect(),
                    });
                }
            }
            if m.seq_of.entry(kind).or_default().contains_key(&id) {
                return Err(StoreError::Backend("duplicate id".into()));
            }
            m.next_seq += 1;
            let seq = m.next_seq;
            let stored = Stored {
                resource,
                version: 1,
            };
            m.by_seq
                .entry(kind)
                .or_default()
                .insert(seq, (id.clone(), stored.clone()));
            m.seq_of.entry(kind).or_default().insert(id.clone(), seq);
            if let Some(u) = unique {
                m.unique.entry(kind).or_default().insert(u, id);
            }
            Ok(stored)
        })();
        Box::pin(async move { result })
    }

    fn get<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
        let m = self.read();
        let found = m
            .seq_of
            .get(&kind)
            .and_then(|s| s.get(id))
            .and_then(|seq| m.by_seq.get(&kind)?.get(seq))
            .map(|(_, stored)| stored.clone());
        Box::pin(async move { Ok(found) })
    }

    fn replace<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
        resource: Value,
        expected_version: u64,
    ) -> BoxFuture<'a, Result<Stored, StoreError>> {
        let result = (|| {
            let mut m = self.write();
            let seq = *m
                .seq_of
                .get(&kind)
                .and_then(|s| s.get(id))
                .ok_or(StoreError::NotFound)?;
            let current = m
                .by_seq
                .get(&kind)
                .and_then(|b| b.get(&seq))
                .map(|(_, s)| s.clone())
                .ok_or(StoreError::NotFound)?;
            if current.version != expected_version {
                return Err(StoreError::VersionMismatch);
            }
            let old_unique = unique_value(kind, &current.resource);
            let new_unique = unique_value(kind, &resource);
            if new_unique != old_unique {
                if let Some(u) = &new_unique {
                    if m.unique
                        .entry(kind)
                        .or_default()
                        .get(u)
                        .is_some_and(|owner| owner != id)
                    {
                        return Err(StoreError::Uniqueness {
                            attribute: kind.unique_attribute().unwrap_or("id"),
                            value: u.chars().take(128).collect(),
                        });
                    }
                }
                let index = m.unique.entry(kind).or_default();
                if let Some(old) = old_unique {
                    index.remove(&old);
                }
                if let Some(new) = new_unique {
                    index.insert(new, id.to_owned());
                }
            }
            let stored = Stored {
                resource,
                version: current.version + 1,
            };
            m.by_seq
                .entry(kind)
                .or_default()
                .insert(seq, (id.to_owned(), stored.clone()));
            Ok(stored)
        })();
        Box::pin(async move { result })
    }

    fn delete<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
    ) -> BoxFuture<'a, Result<bool, StoreError>> {
        let mut m = self.write();
        let removed = match m.seq_of.get_mut(&kind).and_then(|s| s.remove(id)) {
            None => false,
            Some(seq) => {
                if let Some((_, stored)) = m.by_seq.get_mut(&kind).and_then(|b| b.remove(&seq)) {
                    if let Some(u) = unique_value(kind, &stored.resource) {
                        if let Some(index) = m.unique.get_mut(&kind) {
                            index.remove(&u);
                        }
                    }
                }
                true
            }
        };
        Box::pin(async move { Ok(removed) })
    }

    fn list<'a>(
        &'a self,
        kind: ResourceKind,
        query: &'a ListQuery,
        case_exact: &'a (dyn Fn(&crate::scim::filter::AttrPath) -> bool + Send + Sync),
    ) -> BoxFuture<'a, Result<ListPage, StoreError>> {
        let m = self.read();
        if let Some(key) = query.filter.as_ref().and_then(|f| indexed_lookup(kind, f)) {
            // `userName eq "..."`: one lookup in the unique index.
            let matching: Vec<Stored> = m
                .unique
                .get(&kind)
                .and_then(|u| u.get(&key))
                .and_then(|id| m.seq_of.get(&kind)?.get(id))
                .and_then(|seq| m.by_seq.get(&kind)?.get(seq))
                .map(|(_, s)| s.clone())
                .into_iter()
                .collect();
            drop(m);
            let page = window(matching, query);
            return Box::pin(async move { Ok(page) });
        }
        let all = m.by_seq.get(&kind).into_iter().flat_map(|b| b.values());
        let keep = |s: &Stored| {
            query
                .filter
                .as_ref()
                .is_none_or(|f| f.matches(&s.resource, case_exact))
        };
        if query.sort_by.is_none() {
            // Creation order: count everything, clone only the window.
            let skip = query.start_index.saturating_sub(1) as usize;
            let mut total = 0u64;
            let mut resources = Vec::new();
            for (_, s) in all.filter(|(_, s)| keep(s)) {
                if total as usize >= skip && (resources.len() as u64) < query.count {
                    resources.push(s.clone());
                }
                total += 1;
            }
            return Box::pin(async move { Ok(ListPage { total, resources }) });
        }
        let matching: Vec<Stored> = all
            .filter(|(_, s)| keep(s))
            .map(|(_, s)| s.clone())
            .collect();
        drop(m);
        let page = window(matching, query);
        Box::pin(async move { Ok(page) })
    }
}
