//! A SQLite store (feature `sqlite`): resources survive restarts.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::store::{
    indexed_lookup, unique_value, window, BoxFuture, ListPage, ListQuery, ResourceKind, ScimStore,
    StoreError, Stored,
};
use crate::scim::filter::AttrPath;

/// Resources in one SQLite table, JSON bodies with a version per row and a unique index on
/// the lowercased `userName`, so `userName eq "..."` (what Okta sends) is an index lookup.
/// Every call runs on tokio's blocking pool.
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

impl fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

fn backend(e: impl fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

fn kind_key(kind: ResourceKind) -> &'static str {
    kind.name()
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::from_connection(Connection::open(path).map_err(backend)?)
    }

    /// A store in a private in-memory database (for tests).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::from_connection(Connection::open_in_memory().map_err(backend)?)
    }

    fn from_connection(conn: Connection) -> Result<Self, StoreError> {
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS scim_resources (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 kind TEXT NOT NULL,
                 id TEXT NOT NULL,
                 unique_key TEXT,
                 version INTEGER NOT NULL,
                 body TEXT NOT NULL,
                 UNIQUE (kind, id)
             );
             CREATE UNIQUE INDEX IF NOT EXISTS scim_resources_unique
                 ON scim_resources (kind, unique_key) WHERE unique_key IS NOT NULL;",
        )
        .map_err(backend)?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let guard = conn.lock().unwrap_or_else(|e| e.into_inner());
            f(&guard)
        })
        .await
        .map_err(backend)?
    }
}

fn parse_body(body: String, version: i64) -> Result<Stored, StoreError> {
    Ok(Stored {
        resource: serde_json::from_str(&body).map_err(backend)?,
        version: version as u64,
    })
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

fn uniqueness(kind: ResourceKind, key: Option<&String>) -> StoreError {
    StoreError::Uniqueness {
        attribute: kind.unique_attribute().unwrap_or("id"),
        value: key
            .map(|k| k.chars().take(128).collect())
            .unwrap_or_default(),
    }
}

impl ScimStore for SqliteStore {
    fn create(
        &self,
        kind: ResourceKind,
        resource: Value,
    ) -> BoxFuture<'_, Result<Stored, StoreError>> {
        Box::pin(async move {
            let id = resource
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| backend("resource without id"))?
                .to_owned();
            let key = unique_value(kind, &resource);
            let body = serde_json::to_string(&resource).map_err(backend)?;
            self.run(move |c| {
                c.execute(
                    "INSERT INTO scim_resources (kind, id, unique_key, version, body) VALUES (?1, ?2, ?3, 1, ?4)",
                    params![kind_key(kind), id, key, body],
                )
                .map_err(|e| if is_unique_violation(&e) { uniqueness(kind, key.as_ref()) } else { backend(e) })?;
                Ok(())
            })
            .await?;
            Ok(Stored {
                resource,
                version: 1,
            })
        })
    }

    fn get<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Stored>, StoreError>> {
        let id = id.to_owned();
        Box::pin(async move {
            self.run(move |c| {
                c.query_row(
                    "SELECT body, version FROM scim_resources WHERE kind = ?1 AND id = ?2",
                    params![kind_key(kind), id],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
                )
                .optional()
                .map_err(backend)?
                .map(|(b, v)| parse_body(b, v))
                .transpose()
            })
            .await
        })
    }

    fn replace<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
        resource: Value,
        expected_version: u64,
    ) -> BoxFuture<'a, Result<Stored, StoreError>> {
        let id = id.to_owned();
        Box::pin(async move {
            let key = unique_value(kind, &resource);
            let body = serde_json::to_string(&resource).map_err(backend)?;
            let id2 = id.clone();
            let changed = self
                .run(move |c| {
                    c.execute(
                        "UPDATE scim_resources SET body = ?1, unique_key = ?2, version = version + 1
                         WHERE kind = ?3 AND id = ?4 AND version = ?5",
                        params![body, key, kind_key(kind), id2, expected_version as i64],
                    )
                    .map_err(|e| if is_unique_violation(&e) { uniqueness(kind, key.as_ref()) } else { backend(e) })
                })
                .await?;
            if changed == 1 {
                return Ok(Stored {
                    resource,
                    version: expected_version + 1,
                });
            }
            match self.get(kind, &id).await? {
                None => Err(StoreError::NotFound),
                Some(_) => Err(StoreError::VersionMismatch),
            }
        })
    }

    fn delete<'a>(
        &'a self,
        kind: ResourceKind,
        id: &'a str,
    ) -> BoxFuture<'a, Result<bool, StoreError>> {
        let id = id.to_owned();
        Box::pin(async move {
            self.run(move |c| {
                c.execute(
                    "DELETE FROM scim_resources WHERE kind = ?1 AND id = ?2",
                    params![kind_key(kind), id],
                )
                .map(|n| n > 0)
                .map_err(backend)
            })
            .await
        })
    }

    fn list<'a>(
        &'a self,
        kind: ResourceKind,
        query: &'a ListQuery,
        case_exact: &'a (dyn Fn(&AttrPath) -> bool + Send + Sync),
    ) -> BoxFuture<'a, Result<ListPage, StoreError>> {
        Box::pin(async move {
            if let Some(key) = query.filter.as_ref().and_then(|f| indexed_lookup(kind, f)) {
                let found = self
                    .run(move |c| {
                        c.query_row(
                            "SELECT body, version FROM scim_resources WHERE kind = ?1 AND unique_key = ?2",
                            params![kind_key(kind), key],
                            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
                        )
                        .optional()
                        .map_err(backend)
                    })
                    .await?;
                let matching = match found {
                    Some((b, v)) => vec![parse_body(b, v)?],
                    None => Vec::new(),
                };
                return Ok(window(matching, query));
            }
            // Any other filter: scan in creation order and evaluate in Rust.
            let rows = self
                .run(move |c| {
                    let mut stmt = c
                        .prepare(
                            "SELECT body, version FROM scim_resources WHERE kind = ?1 ORDER BY seq",
                        )
                        .map_err(backend)?;
                    let rows = stmt
                        .query_map(params![kind_key(kind)], |r| {
                            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                        })
                        .map_err(backend)?;
                    let mut out = Vec::new();
                    for row in rows {
                        let (b, v) = row.map_err(backend)?;
                        out.push(parse_body(b, v)?);
                    }
                    Ok(out)
                })
                .await?;
            let matching: Vec<Stored> = rows
                .into_iter()
                .filter(|s| {
                    query
                        .filter
                        .as_ref()
                        .is_none_or(|f| f.matches(&s.resource, case_exact))
                })
                .collect();
            Ok(window(matching, query))
        })
    }
}
