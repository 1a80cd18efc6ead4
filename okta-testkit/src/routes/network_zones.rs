//! `/api/v1/zones` endpoints: network zones (`IP`, `DYNAMIC`, `DYNAMIC_V2`), kept as posted.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::{doc_json, doc_page, href, timestamp, JsonBody};
use crate::clock::now_millis;
use crate::documents::{Doc, Searched};
use crate::errors::ApiError;
use crate::filter::Criteria;
use crate::pagination::ListParams;
use crate::state::OrgState;

/// The network zone endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/zones", get(list).post(create))
        .route("/api/v1/zones/{id}", get(fetch).put(replace).delete(delete))
        .route("/api/v1/zones/{id}/lifecycle/{operation}", post(lifecycle))
}

/// The `_links` of a zone.
fn zone_links(org: &OrgState, id: &str, active: bool) -> Value {
    let base = format!("/api/v1/zones/{id}");
    let operation = if active { "deactivate" } else { "activate" };
    let mut links = json!({ "self": href(org, &base) });
    links[operation] = href(org, &format!("{base}/lifecycle/{operation}"));
    links
}

/// Checks the fields every zone needs: `type` and `name`.
fn check_zone(body: &JsonBody) -> Result<(), ApiError> {
    body.required("type")?;
    body.required("name")?;
    Ok(())
}

/// `GET /api/v1/zones`: a page of zones in id order; `filter` takes expressions such as
/// `usage eq "POLICY"`.
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let criteria = Criteria::parse::<Searched<'_>>(None, None, params.filter.as_deref())?;
    let store = org.store();
    let zones = store
        .catalog
        .zones
        .after(params.after.as_deref())
        .filter(|zone| {
            criteria.matches(&Searched {
                doc: zone,
                q_fields: &["name"],
            })
        });
    Ok(doc_page(
        &org,
        "/api/v1/zones",
        raw.as_deref(),
        &params,
        zones,
    ))
}

/// `POST /api/v1/zones`: creates an `ACTIVE` zone (`usage` `POLICY` unless given).
async fn create(State(org): State<Arc<OrgState>>, body: JsonBody) -> Result<Response, ApiError> {
    check_zone(&body)?;
    let now = now_millis();
    let mut store = org.store();
    let id = store.new_id("nzo");
    let mut zone: Doc = body.writable();
    zone.entry("usage").or_insert_with(|| Value::from("POLICY"));
    zone.insert("system".to_owned(), Value::Bool(false));
    zone.insert("id".to_owned(), Value::String(id.clone()));
    zone.insert("status".to_owned(), Value::from("ACTIVE"));
    zone.insert("created".to_owned(), timestamp(now));
    zone.insert("lastUpdated".to_owned(), timestamp(now));
    zone.insert("_links".to_owned(), zone_links(&org, &id, true));
    Ok(doc_json(store.catalog.zones.insert(&id, zone)))
}

/// `GET /api/v1/zones/{zoneId}`.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(doc_json(org.store().catalog.zones.get(&id)?))
}

/// `PUT /api/v1/zones/{zoneId}`: replaces the zone; `id`, `status`, `system`, `created`
/// stay.
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    check_zone(&body)?;
    let mut store = org.store();
    let current = store.catalog.zones.get(&id)?.clone();
    let mut zone = body.writable();
    for key in ["id", "status", "system", "created", "_links"] {
        if let Some(value) = current.get(key) {
            zone.insert(key.to_owned(), value.clone());
        }
    }
    zone.entry("usage").or_insert_with(|| Value::from("POLICY"));
    zone.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    Ok(doc_json(store.catalog.zones.insert(&id, zone)))
}

/// `DELETE /api/v1/zones/{zoneId}`.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    org.store().catalog.zones.remove(&id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/zones/{zoneId}/lifecycle/{activate|deactivate}`: answers the zone.
async fn lifecycle(
    State(org): State<Arc<OrgState>>,
    Path((id, operation)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let active = match operation.as_str() {
        "activate" => true,
        "deactivate" => false,
        _ => {
            return Err(ApiError::not_found(
                &format!("/api/v1/zones/{id}/lifecycle/{operation}"),
                "Endpoint",
            ))
        }
    };
    let links = zone_links(&org, &id, active);
    let mut store = org.store();
    let zone = store.catalog.zones.get_mut(&id)?;
    zone.insert(
        "status".to_owned(),
        Value::from(if active { "ACTIVE" } else { "INACTIVE" }),
    );
    zone.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    zone.insert("_links".to_owned(), links);
    Ok(doc_json(zone))
}
