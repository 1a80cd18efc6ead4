//! The router: the endpoints of the Management API the org implements.

mod apps;
mod authorization_servers;
mod event_hooks;
mod group_rules;
mod groups;
mod logs;
mod network_zones;
mod oauth;
mod trusted_origins;
mod users;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::Uri;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::clock::iso8601;
use crate::documents::Doc;
use crate::errors::ApiError;
use crate::pagination::{list_response, take_page, ListParams};
use crate::pipeline::pipeline;
use crate::state::OrgState;
use crate::store::Store;

/// The whole application, wrapped in the [`pipeline`] middleware.
pub(crate) fn router(state: Arc<OrgState>) -> Router {
    let management_api = Router::new()
        .merge(users::routes())
        .merge(groups::routes())
        .merge(group_rules::routes())
        .merge(apps::routes())
        .merge(logs::routes())
        .merge(network_zones::routes())
        .merge(trusted_origins::routes())
        .merge(event_hooks::routes())
        .merge(authorization_servers::routes());
    Router::new()
        .merge(management_api)
        // Endpoints outside the Management API (hook receivers...) are merged here. The
        // pipeline authenticates `/api/...` paths only, so they need no token.
        .merge(oauth::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), pipeline))
        .with_state(state)
}

/// Adds the custom authorization server `default` (audience `api://default`) to a new org.
pub(crate) fn add_default_authorization_server(store: &mut Store, base_url: &str, now: i64) {
    let server = json!({
        "name": "default",
        "description": "Default Authorization Server",
        "audiences": ["api://default"],
    });
    if let Value::Object(server) = server {
        authorization_servers::add_server(store, base_url, "default", server, now);
    }
}

/// A path no endpoint serves: `404 E0000007`.
async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(uri.path(), "Endpoint")
}

/// A known path asked with another method: `405 E0000022`.
async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// A request body that must be a JSON object; anything else is `400 E0000003`.
#[derive(Debug)]
pub(crate) struct JsonBody(pub(crate) Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::malformed_body())?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(JsonBody(map)),
            _ => Err(ApiError::malformed_body()),
        }
    }
}

/// A request body that must be a JSON array (a JSON Patch); anything else is `400 E0000003`.
#[derive(Debug)]
pub(crate) struct JsonArray(pub(crate) Vec<Value>);

impl<S: Send + Sync> FromRequest<S> for JsonArray {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::malformed_body())?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Array(items)) => Ok(JsonArray(items)),
            _ => Err(ApiError::malformed_body()),
        }
    }
}

/// Fields the org sets itself; a posted value is ignored.
const READ_ONLY: &[&str] = &[
    "id",
    "created",
    "createdBy",
    "lastUpdated",
    "lastUpdatedBy",
    "status",
    "_links",
    "_embedded",
];

impl JsonBody {
    /// The posted object without the read-only fields the org sets.
    fn writable(mut self) -> Doc {
        for key in READ_ONLY {
            self.0.remove(*key);
        }
        self.0
    }

    /// A string under `key` that must be present and not blank (`400 E0000001` otherwise).
    fn required(&self, key: &str) -> Result<String, ApiError> {
        self.0
            .get(key)
            .and_then(Value::as_str)
            .filter(|value| !value.trim().is_empty())
            .map(str::to_owned)
            .ok_or_else(|| ApiError::blank(key))
    }

    /// The object under `key`: `None` when absent or null, `400 E0000003` when not an object.
    fn object(&self, key: &str) -> Result<Option<Map<String, Value>>, ApiError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map.clone())),
            Some(_) => Err(ApiError::malformed_body()),
        }
    }

    /// The strings under `key`: empty when absent or null, `400 E0000003` when not an
    /// array of strings.
    fn strings(&self, key: &str) -> Result<Vec<String>, ApiError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(ApiError::malformed_body),
            Some(_) => Err(ApiError::malformed_body()),
        }
    }

    /// Whether the body sets a password (`credentials.password.value` or `.hash`).
    fn sets_password(&self) -> bool {
        let password = self.0.get("credentials").and_then(|c| c.get("password"));
        password.is_some_and(|p| p.get("value").is_some() || p.get("hash").is_some())
    }
}

/// A boolean query parameter: `Some(true)` / `Some(false)` for `true` / `false` in any case,
/// `None` when absent or anything else.
fn query_flag(raw_query: Option<&str>, name: &str) -> Option<bool> {
    url::form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes())
        .find(|(key, _)| key == name)
        .and_then(|(_, value)| {
            if value.eq_ignore_ascii_case("true") {
                Some(true)
            } else if value.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        })
}

/// A page of `docs` (in cursor order) with Okta's `Link` headers; each document's `id` is
/// its cursor.
fn doc_page<'a>(
    org: &OrgState,
    path: &str,
    raw_query: Option<&str>,
    params: &ListParams,
    docs: impl Iterator<Item = &'a Doc>,
) -> Response {
    let (page, more) = take_page(docs, params.limit);
    let next = page
        .last()
        .filter(|_| more)
        .and_then(|doc| doc.get("id"))
        .and_then(Value::as_str);
    list_response(&org.base_url, path, raw_query, params, &page, next)
}

/// A JSON object answer.
fn doc_json(doc: &Doc) -> Response {
    Json(doc).into_response()
}

/// `{"href": "{base_url}{path}"}`.
fn href(org: &OrgState, path: &str) -> Value {
    json!({ "href": format!("{}{path}", org.base_url) })
}

/// A timestamp as the API shows it.
fn timestamp(millis: i64) -> Value {
    Value::String(iso8601(millis))
}
