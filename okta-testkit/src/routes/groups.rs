//! `/api/v1/groups` endpoints.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};

use super::JsonBody;
use crate::clock::now_millis;
use crate::errors::ApiError;
use crate::filter::Criteria;
use crate::pagination::{list_response, take_page, ListParams};
use crate::representation::{GroupJson, UserJson};
use crate::state::OrgState;
use crate::store::{Group, Store};
use crate::system_log::Target;

/// The group endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/groups", get(list).post(create))
        .route(
            "/api/v1/groups/{id}",
            get(fetch).put(replace).delete(delete),
        )
        .route("/api/v1/groups/{id}/users", get(members))
        .route(
            "/api/v1/groups/{id}/users/{user_id}",
            put(add_member).delete(remove_member),
        )
}

/// `GET /api/v1/groups`: a page of groups in id order; `q` matches the start of the name.
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let criteria = Criteria::parse::<Group>(
        params.q.as_deref(),
        params.search.as_deref(),
        params.filter.as_deref(),
    )?;
    let store = org.store();
    let groups = store
        .groups_after(params.after.as_deref())
        .filter(|group| criteria.matches(*group));
    let (page, more) = take_page(groups, params.limit);
    let next = page.last().filter(|_| more).map(|group| group.id.as_str());
    let page: Vec<GroupJson<'_>> = page
        .into_iter()
        .map(|group| GroupJson::new(group, &org.base_url))
        .collect();
    Ok(list_response(
        &org.base_url,
        "/api/v1/groups",
        raw.as_deref(),
        &params,
        &page,
        next,
    ))
}

/// `POST /api/v1/groups` with `{"profile":{"name","description"}}`.
async fn create(State(org): State<Arc<OrgState>>, body: JsonBody) -> Result<Response, ApiError> {
    let profile = body.object("profile")?.unwrap_or_default();
    let now = now_millis();
    let mut store = org.store();
    let group = store.create_group(profile, now)?;
    let target = Target::group(group);
    let response = Json(GroupJson::new(group, &org.base_url)).into_response();
    store.log.record(
        now,
        "group.lifecycle.create",
        "Create Okta group",
        &[target],
    );
    Ok(response)
}

/// `GET /api/v1/groups/{id}`.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let store = org.store();
    Ok(Json(GroupJson::new(store.group(&id)?, &org.base_url)).into_response())
}

/// `PUT /api/v1/groups/{id}`: replaces the profile.
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let profile = body.object("profile")?.unwrap_or_default();
    let now = now_millis();
    let mut store = org.store();
    let group = store.replace_group(&id, profile, now)?;
    let target = Target::group(group);
    let response = Json(GroupJson::new(group, &org.base_url)).into_response();
    store.log.record(
        now,
        "group.profile.update",
        "Update Okta group profile",
        &[target],
    );
    Ok(response)
}

/// `DELETE /api/v1/groups/{id}`.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    let target = Target::group(store.group(&id)?);
    store.delete_group(&id)?;
    store.log.record(
        now_millis(),
        "group.lifecycle.delete",
        "Delete Okta group",
        &[target],
    );
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/groups/{id}/users`: a page of members in id order.
async fn members(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let store = org.store();
    let users = store.members_after(&id, params.after.as_deref())?;
    let (page, more) = take_page(users, params.limit);
    let next = page.last().filter(|_| more).map(|user| user.id.as_str());
    let page: Vec<UserJson<'_>> = page
        .into_iter()
        .map(|user| UserJson::new(user, &org.base_url))
        .collect();
    Ok(list_response(
        &org.base_url,
        &format!("/api/v1/groups/{id}/users"),
        raw.as_deref(),
        &params,
        &page,
        next,
    ))
}

/// `PUT /api/v1/groups/{groupId}/users/{userId}`.
async fn add_member(
    State(org): State<Arc<OrgState>>,
    Path((group_id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let now = now_millis();
    let mut store = org.store();
    store.add_member(&group_id, &user_id, now)?;
    membership_event(&mut store, &group_id, &user_id, now, true);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/groups/{groupId}/users/{userId}`.
async fn remove_member(
    State(org): State<Arc<OrgState>>,
    Path((group_id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let now = now_millis();
    let mut store = org.store();
    store.remove_member(&group_id, &user_id, now)?;
    membership_event(&mut store, &group_id, &user_id, now, false);
    Ok(StatusCode::NO_CONTENT)
}

/// Records `group.user_membership.add` or `.remove` for a user and group that exist.
fn membership_event(store: &mut Store, group_id: &str, user_id: &str, now: i64, added: bool) {
    let (Some(user), Ok(group)) = (store.find_user(user_id), store.group(group_id)) else {
        return;
    };
    let targets = [Target::user(user), Target::group(group)];
    let (event_type, message) = if added {
        ("group.user_membership.add", "Add user to group membership")
    } else {
        (
            "group.user_membership.remove",
            "Remove user from group membership",
        )
    };
    store.log.record(now, event_type, message, &targets);
}
