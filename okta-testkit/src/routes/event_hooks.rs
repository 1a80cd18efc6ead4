//! `/api/v1/eventHooks` endpoints. The org makes no outbound calls, so it never delivers
//! events and cannot verify a hook: `verify` answers `400 E0000001` and leaves the hook
//! `UNVERIFIED`. The secret of `channel.config.authScheme` is accepted and never shown.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::{doc_json, href, timestamp, JsonBody};
use crate::clock::now_millis;
use crate::documents::{text, Doc};
use crate::errors::ApiError;
use crate::state::OrgState;
use crate::system_log::ADMIN_ID;

/// The event hook endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/eventHooks", get(list).post(create))
        .route(
            "/api/v1/eventHooks/{id}",
            get(fetch).put(replace).delete(delete),
        )
        .route(
            "/api/v1/eventHooks/{id}/lifecycle/{operation}",
            post(lifecycle),
        )
}

/// Checks `name`, `events.items` and `channel.config.uri` (an `http(s)` URL), and takes the
/// secret out of `channel.config.authScheme`.
fn checked_hook(body: JsonBody) -> Result<Doc, ApiError> {
    body.required("name")?;
    let events = body
        .object("events")?
        .ok_or_else(|| ApiError::blank("events"))?;
    if !events.get("items").is_some_and(Value::is_array) {
        return Err(ApiError::blank("events.items"));
    }
    let channel = body
        .object("channel")?
        .ok_or_else(|| ApiError::blank("channel"))?;
    let uri = channel
        .get("config")
        .and_then(|config| config.get("uri"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !(uri.starts_with("https://") || uri.starts_with("http://")) {
        return Err(ApiError::validation(
            "channel.config.uri",
            "The URI must be an http or https URL",
        ));
    }
    let mut hook = body.writable();
    if let Some(scheme) = hook
        .get_mut("channel")
        .and_then(|channel| channel.get_mut("config"))
        .and_then(|config| config.get_mut("authScheme"))
        .and_then(Value::as_object_mut)
    {
        scheme.remove("value");
    }
    if let Some(config) = hook
        .get_mut("channel")
        .and_then(|channel| channel.get_mut("config"))
        .and_then(Value::as_object_mut)
    {
        config.insert("method".to_owned(), Value::from("POST"));
    }
    Ok(hook)
}

/// The `_links` of a hook.
fn hook_links(org: &OrgState, id: &str, active: bool) -> Value {
    let base = format!("/api/v1/eventHooks/{id}");
    let operation = if active { "deactivate" } else { "activate" };
    let mut links = json!({
        "self": href(org, &base),
        "verify": href(org, &format!("{base}/lifecycle/verify")),
    });
    links[operation] = href(org, &format!("{base}/lifecycle/{operation}"));
    links
}

/// `GET /api/v1/eventHooks`: every hook (not paged, like Okta).
async fn list(State(org): State<Arc<OrgState>>) -> Result<Response, ApiError> {
    let store = org.store();
    let hooks: Vec<&Doc> = store.catalog.event_hooks.iter().collect();
    Ok(axum::Json(hooks).into_response())
}

/// `POST /api/v1/eventHooks`: creates an `ACTIVE`, `UNVERIFIED` hook.
async fn create(State(org): State<Arc<OrgState>>, body: JsonBody) -> Result<Response, ApiError> {
    let mut hook = checked_hook(body)?;
    let now = now_millis();
    let mut store = org.store();
    let id = store.new_id("who");
    hook.insert("id".to_owned(), Value::String(id.clone()));
    hook.insert("status".to_owned(), Value::from("ACTIVE"));
    hook.insert("verificationStatus".to_owned(), Value::from("UNVERIFIED"));
    hook.insert("created".to_owned(), timestamp(now));
    hook.insert("createdBy".to_owned(), Value::from(ADMIN_ID));
    hook.insert("lastUpdated".to_owned(), timestamp(now));
    hook.insert("_links".to_owned(), hook_links(&org, &id, true));
    Ok(doc_json(store.catalog.event_hooks.insert(&id, hook)))
}

/// `GET /api/v1/eventHooks/{eventHookId}`.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(doc_json(org.store().catalog.event_hooks.get(&id)?))
}

/// `PUT /api/v1/eventHooks/{eventHookId}`: replaces `name`, `description`, `events` and
/// `channel`.
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let mut hook = checked_hook(body)?;
    let mut store = org.store();
    let current = store.catalog.event_hooks.get(&id)?.clone();
    for key in [
        "id",
        "status",
        "verificationStatus",
        "created",
        "createdBy",
        "_links",
    ] {
        if let Some(value) = current.get(key) {
            hook.insert(key.to_owned(), value.clone());
        }
    }
    hook.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    Ok(doc_json(store.catalog.event_hooks.insert(&id, hook)))
}

/// `DELETE /api/v1/eventHooks/{eventHookId}`: only an `INACTIVE` hook can be deleted.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    if text(store.catalog.event_hooks.get(&id)?, "status") == "ACTIVE" {
        return Err(ApiError::validation(
            "status",
            "The event hook must be deactivated before it can be deleted",
        ));
    }
    store.catalog.event_hooks.remove(&id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/eventHooks/{eventHookId}/lifecycle/{activate|deactivate|verify}`.
async fn lifecycle(
    State(org): State<Arc<OrgState>>,
    Path((id, operation)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let active = match operation.as_str() {
        "activate" => true,
        "deactivate" => false,
        "verify" => {
            let store = org.store();
            let hook = store.catalog.event_hooks.get(&id)?;
            let uri = hook
                .get("channel")
                .and_then(|c| c.get("config"))
                .and_then(|c| c.get("uri"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            return Err(ApiError::validation(
                "verificationStatus",
                &format!(
                    "The event hook could not be verified: the fake org makes no outbound \
                     calls, so {uri} was not asked"
                ),
            ));
        }
        _ => {
            return Err(ApiError::not_found(
                &format!("/api/v1/eventHooks/{id}/lifecycle/{operation}"),
                "Endpoint",
            ))
        }
    };
    let links = hook_links(&org, &id, active);
    let mut store = org.store();
    let hook = store.catalog.event_hooks.get_mut(&id)?;
    hook.insert(
        "status".to_owned(),
        Value::from(if active { "ACTIVE" } else { "INACTIVE" }),
    );
    hook.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    hook.insert("_links".to_owned(), links);
    Ok(doc_json(hook))
}
