//! `/api/v1/groups/rules` endpoints. Rules are stored and go through their lifecycle
//! (created `INACTIVE`; only an `INACTIVE` rule can be changed); the org does not evaluate
//! their expressions.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use super::{doc_json, doc_page, timestamp, JsonBody};
use crate::clock::now_millis;
use crate::documents::{text, Doc};
use crate::errors::ApiError;
use crate::pagination::ListParams;
use crate::state::OrgState;
use crate::store::Store;

/// The group rule endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/groups/rules", get(list).post(create))
        .route(
            "/api/v1/groups/rules/{id}",
            get(fetch).put(replace).delete(delete),
        )
        .route(
            "/api/v1/groups/rules/{id}/lifecycle/{operation}",
            post(lifecycle),
        )
}

/// Checks `name`, `conditions.expression.value` and that the groups of
/// `actions.assignUserToGroups.groupIds` exist.
fn check_rule(store: &Store, body: &JsonBody) -> Result<(), ApiError> {
    body.required("name")?;
    let expression = body
        .0
        .get("conditions")
        .and_then(|c| c.get("expression"))
        .and_then(|e| e.get("value"))
        .and_then(Value::as_str)
        .filter(|value| !value.trim().is_empty());
    if expression.is_none() {
        return Err(ApiError::blank("conditions.expression.value"));
    }
    let group_ids = body
        .0
        .get("actions")
        .and_then(|a| a.get("assignUserToGroups"))
        .and_then(|a| a.get("groupIds"))
        .and_then(Value::as_array);
    let Some(group_ids) = group_ids.filter(|ids| !ids.is_empty()) else {
        return Err(ApiError::blank("actions.assignUserToGroups.groupIds"));
    };
    for group_id in group_ids {
        let id = group_id.as_str().unwrap_or_default();
        store.group(id)?;
    }
    Ok(())
}

/// `GET /api/v1/groups/rules`: a page of rules in id order; `search` keeps the rules whose
/// name contains it (ignoring case).
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let search = params.search.as_deref().map(str::to_lowercase);
    let store = org.store();
    let rules = store
        .catalog
        .group_rules
        .after(params.after.as_deref())
        .filter(|rule| {
            search
                .as_deref()
                .is_none_or(|s| text(rule, "name").to_lowercase().contains(s))
        });
    Ok(doc_page(
        &org,
        "/api/v1/groups/rules",
        raw.as_deref(),
        &params,
        rules,
    ))
}

/// `POST /api/v1/groups/rules`: creates an `INACTIVE` rule.
async fn create(State(org): State<Arc<OrgState>>, body: JsonBody) -> Result<Response, ApiError> {
    let now = now_millis();
    let mut store = org.store();
    check_rule(&store, &body)?;
    let id = store.new_id("0pr");
    let mut rule: Doc = body.writable();
    rule.insert("type".to_owned(), Value::from("group_rule"));
    rule.insert("id".to_owned(), Value::String(id.clone()));
    rule.insert("status".to_owned(), Value::from("INACTIVE"));
    rule.insert("created".to_owned(), timestamp(now));
    rule.insert("lastUpdated".to_owned(), timestamp(now));
    Ok(doc_json(store.catalog.group_rules.insert(&id, rule)))
}

/// `GET /api/v1/groups/rules/{groupRuleId}`; `expand=groupIdToGroupNameMap` embeds the
/// names of the rule's groups.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let store = org.store();
    let rule = store.catalog.group_rules.get(&id)?;
    let expand = url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .any(|(key, value)| key == "expand" && value == "groupIdToGroupNameMap");
    if !expand {
        return Ok(doc_json(rule));
    }
    let names: Map<String, Value> = rule
        .get("actions")
        .and_then(|a| a.get("assignUserToGroups"))
        .and_then(|a| a.get("groupIds"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|group_id| {
            let name = store.group(group_id).ok()?.profile.get("name")?.clone();
            Some((group_id.to_owned(), name))
        })
        .collect();
    let mut rule = rule.clone();
    rule.insert(
        "_embedded".to_owned(),
        json!({ "groupIdToGroupNameMap": names }),
    );
    Ok(doc_json(&rule))
}

/// `PUT /api/v1/groups/rules/{groupRuleId}`: replaces an `INACTIVE` rule's name and
/// conditions (`actions` cannot change, like in Okta).
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let mut store = org.store();
    let current = store.catalog.group_rules.get(&id)?.clone();
    if text(&current, "status") != "INACTIVE" {
        return Err(ApiError::validation(
            "status",
            "Only an INACTIVE group rule can be changed",
        ));
    }
    check_rule(&store, &body)?;
    let mut rule = body.writable();
    for key in ["id", "type", "status", "created", "actions"] {
        if let Some(value) = current.get(key) {
            rule.insert(key.to_owned(), value.clone());
        }
    }
    rule.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    Ok(doc_json(store.catalog.group_rules.insert(&id, rule)))
}

/// `DELETE /api/v1/groups/rules/{groupRuleId}?removeUsers=`: answers `202`.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    org.store().catalog.group_rules.remove(&id)?;
    Ok(StatusCode::ACCEPTED)
}

/// `POST /api/v1/groups/rules/{groupRuleId}/lifecycle/{activate|deactivate}`: `204`.
async fn lifecycle(
    State(org): State<Arc<OrgState>>,
    Path((id, operation)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let status = match operation.as_str() {
        "activate" => "ACTIVE",
        "deactivate" => "INACTIVE",
        _ => {
            return Err(ApiError::not_found(
                &format!("/api/v1/groups/rules/{id}/lifecycle/{operation}"),
                "Endpoint",
            ))
        }
    };
    let mut store = org.store();
    let rule = store.catalog.group_rules.get_mut(&id)?;
    rule.insert("status".to_owned(), Value::from(status));
    rule.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    Ok(StatusCode::NO_CONTENT)
}
