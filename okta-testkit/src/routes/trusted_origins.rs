//! `/api/v1/trustedOrigins` endpoints: origins trusted for CORS, redirects and iframe
//! embedding. Origins are unique.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::{doc_json, doc_page, href, timestamp, JsonBody};
use crate::clock::now_millis;
use crate::documents::{text, Doc, Searched};
use crate::errors::ApiError;
use crate::filter::Criteria;
use crate::pagination::ListParams;
use crate::state::OrgState;
use crate::store::Store;
use crate::system_log::ADMIN_ID;

/// The trusted origin endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/trustedOrigins", get(list).post(create))
        .route(
            "/api/v1/trustedOrigins/{id}",
            get(fetch).put(replace).delete(delete),
        )
        .route(
            "/api/v1/trustedOrigins/{id}/lifecycle/{operation}",
            post(lifecycle),
        )
}

/// The `_links` of a trusted origin.
fn origin_links(org: &OrgState, id: &str, active: bool) -> Value {
    let base = format!("/api/v1/trustedOrigins/{id}");
    let operation = if active { "deactivate" } else { "activate" };
    let mut links = json!({ "self": href(org, &base) });
    links[operation] = href(org, &format!("{base}/lifecycle/{operation}"));
    links
}

/// Checks `name`, `origin` (an `http(s)` URL, not taken by another trusted origin) and
/// `scopes` (a non-empty array).
fn check_origin(store: &Store, body: &JsonBody, id: Option<&str>) -> Result<(), ApiError> {
    body.required("name")?;
    let origin = body.required("origin")?;
    if !(origin.starts_with("https://") || origin.starts_with("http://")) {
        return Err(ApiError::validation(
            "origin",
            "The origin must be an http or https URL",
        ));
    }
    let taken = store.catalog.trusted_origins.iter().any(|other| {
        text(other, "origin").eq_ignore_ascii_case(&origin) && Some(text(other, "id")) != id
    });
    if taken {
        return Err(ApiError::duplicate("origin"));
    }
    match body.0.get("scopes") {
        Some(Value::Array(scopes)) if !scopes.is_empty() => Ok(()),
        _ => Err(ApiError::blank("scopes")),
    }
}

/// `GET /api/v1/trustedOrigins`: a page in id order; `q` matches the start of `name` or
/// `origin`, `filter` takes expressions such as `status eq "ACTIVE"`.
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let criteria =
        Criteria::parse::<Searched<'_>>(params.q.as_deref(), None, params.filter.as_deref())?;
    let store = org.store();
    let origins = store
        .catalog
        .trusted_origins
        .after(params.after.as_deref())
        .filter(|origin| {
            criteria.matches(&Searched {
                doc: origin,
                q_fields: &["name", "origin"],
            })
        });
    Ok(doc_page(
        &org,
        "/api/v1/trustedOrigins",
        raw.as_deref(),
        &params,
        origins,
    ))
}

/// `POST /api/v1/trustedOrigins`: creates an `ACTIVE` trusted origin.
async fn create(State(org): State<Arc<OrgState>>, body: JsonBody) -> Result<Response, ApiError> {
    let now = now_millis();
    let mut store = org.store();
    check_origin(&store, &body, None)?;
    let id = store.new_id("tos");
    let mut origin: Doc = body.writable();
    origin.insert("id".to_owned(), Value::String(id.clone()));
    origin.insert("status".to_owned(), Value::from("ACTIVE"));
    origin.insert("created".to_owned(), timestamp(now));
    origin.insert("createdBy".to_owned(), Value::from(ADMIN_ID));
    origin.insert("lastUpdated".to_owned(), timestamp(now));
    origin.insert("lastUpdatedBy".to_owned(), Value::from(ADMIN_ID));
    origin.insert("_links".to_owned(), origin_links(&org, &id, true));
    Ok(doc_json(store.catalog.trusted_origins.insert(&id, origin)))
}

/// `GET /api/v1/trustedOrigins/{trustedOriginId}`.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(doc_json(org.store().catalog.trusted_origins.get(&id)?))
}

/// `PUT /api/v1/trustedOrigins/{trustedOriginId}`: replaces `name`, `origin` and `scopes`.
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let mut store = org.store();
    let current = store.catalog.trusted_origins.get(&id)?.clone();
    check_origin(&store, &body, Some(&id))?;
    let mut origin = body.writable();
    for key in ["id", "status", "created", "createdBy", "_links"] {
        if let Some(value) = current.get(key) {
            origin.insert(key.to_owned(), value.clone());
        }
    }
    origin.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    origin.insert("lastUpdatedBy".to_owned(), Value::from(ADMIN_ID));
    Ok(doc_json(store.catalog.trusted_origins.insert(&id, origin)))
}

/// `DELETE /api/v1/trustedOrigins/{trustedOriginId}`.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    org.store().catalog.trusted_origins.remove(&id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/trustedOrigins/{id}/lifecycle/{activate|deactivate}`: answers the origin.
async fn lifecycle(
    State(org): State<Arc<OrgState>>,
    Path((id, operation)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let active = match operation.as_str() {
        "activate" => true,
        "deactivate" => false,
        _ => {
            return Err(ApiError::not_found(
                &format!("/api/v1/trustedOrigins/{id}/lifecycle/{operation}"),
                "Endpoint",
            ))
        }
    };
    let links = origin_links(&org, &id, active);
    let mut store = org.store();
    let origin = store.catalog.trusted_origins.get_mut(&id)?;
    origin.insert(
        "status".to_owned(),
        Value::from(if active { "ACTIVE" } else { "INACTIVE" }),
    );
    origin.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    origin.insert("lastUpdatedBy".to_owned(), Value::from(ADMIN_ID));
    origin.insert("_links".to_owned(), links);
    Ok(doc_json(origin))
}
