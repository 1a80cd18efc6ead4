//! `/api/v1/users` endpoints.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{query_flag, JsonBody};
use crate::clock::now_millis;
use crate::errors::ApiError;
use crate::filter::Criteria;
use crate::ids;
use crate::pagination::{list_response, take_page, ListParams};
use crate::representation::{GroupJson, UserJson};
use crate::state::OrgState;
use crate::store::{Lifecycle, NewUser, User};
use crate::system_log::Target;

/// The user endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/users", get(list).post(create))
        .route(
            "/api/v1/users/{id}",
            get(fetch).post(update).put(replace).delete(delete),
        )
        .route("/api/v1/users/{id}/lifecycle/{operation}", post(lifecycle))
        .route("/api/v1/users/{id}/groups", get(groups_of))
}

/// `GET /api/v1/users`: a page of users in id order, filtered by `q`, `search` and `filter`.
///
/// Like Okta, without `search` or `filter` the list leaves deprovisioned users out.
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let criteria = Criteria::parse::<User>(
        params.q.as_deref(),
        params.search.as_deref(),
        params.filter.as_deref(),
    )?;
    let show_deprovisioned = criteria.has_expression();
    let store = org.store();
    let users = store
        .users_after(params.after.as_deref())
        .filter(|user| (show_deprovisioned || !user.is_deprovisioned()) && criteria.matches(*user));
    let (page, more) = take_page(users, params.limit);
    let next = page.last().filter(|_| more).map(|user| user.id.as_str());
    let page: Vec<UserJson<'_>> = page
        .into_iter()
        .map(|user| UserJson::new(user, &org.base_url))
        .collect();
    Ok(list_response(
        &org.base_url,
        "/api/v1/users",
        raw.as_deref(),
        &params,
        &page,
        next,
    ))
}

/// `POST /api/v1/users?activate=`: creates a user, `ACTIVE` unless `activate=false`
/// (then `STAGED`).
async fn create(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let activate = query_flag(raw.as_deref(), "activate").unwrap_or(true);
    let new = NewUser {
        profile: body.object("profile")?.unwrap_or_default(),
        with_password: body.sets_password(),
        group_ids: body.strings("groupIds")?,
    };
    let now = now_millis();
    let mut store = org.store();
    let user = store.create_user(new, activate, now)?;
    let target = Target::user(user);
    let response = Json(UserJson::new(user, &org.base_url)).into_response();
    store.log.record(
        now,
        "user.lifecycle.create",
        "Create Okta user",
        std::slice::from_ref(&target),
    );
    if activate {
        store.log.record(
            now,
            "user.lifecycle.activate",
            "Activate Okta user",
            &[target],
        );
    }
    Ok(response)
}

/// `GET /api/v1/users/{idOrLogin}`.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let store = org.store();
    let user = store
        .find_user(&id)
        .ok_or_else(|| ApiError::not_found(&id, "User"))?;
    Ok(Json(UserJson::new(user, &org.base_url)).into_response())
}

/// `POST /api/v1/users/{id}`: partial update, profile keys merged (`null` removes a key).
async fn update(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let profile = body.object("profile")?;
    let now = now_millis();
    let mut store = org.store();
    let user = store.update_user(&id, profile, body.sets_password(), false, now)?;
    let target = Target::user(user);
    let response = Json(UserJson::new(user, &org.base_url)).into_response();
    store.log.record(
        now,
        "user.account.update_profile",
        "Update user profile for Okta",
        &[target],
    );
    Ok(response)
}

/// `PUT /api/v1/users/{id}`: replaces the whole profile.
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let profile = body.object("profile")?.unwrap_or_default();
    let now = now_millis();
    let mut store = org.store();
    let user = store.update_user(&id, Some(profile), body.sets_password(), true, now)?;
    let target = Target::user(user);
    let response = Json(UserJson::new(user, &org.base_url)).into_response();
    store.log.record(
        now,
        "user.account.update_profile",
        "Update user profile for Okta",
        &[target],
    );
    Ok(response)
}

/// `DELETE /api/v1/users/{id}`: deactivates, or deletes a deactivated user.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let now = now_millis();
    let mut store = org.store();
    let user = store.existing_user(&id)?;
    let target = Target::user(user);
    let deactivating = !user.is_deprovisioned();
    store.delete_user(&id, now)?;
    if deactivating {
        store.log.record(
            now,
            "user.lifecycle.deactivate",
            "Deactivate Okta user",
            &[target],
        );
    } else {
        store.log.record(
            now,
            "user.lifecycle.delete.initiated",
            "Delete Okta user",
            &[target],
        );
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/users/{id}/lifecycle/{operation}` for `activate`, `deactivate`, `suspend`
/// and `unsuspend`. Answers `{}`, except `activate?sendEmail=false`, which answers an
/// activation token and URL.
async fn lifecycle(
    State(org): State<Arc<OrgState>>,
    Path((id, operation)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let Some(operation) = Lifecycle::from_name(&operation) else {
        return Err(ApiError::not_found(
            &format!("/api/v1/users/{id}/lifecycle/{operation}"),
            "Endpoint",
        ));
    };
    let now = now_millis();
    let mut store = org.store();
    let user = store.lifecycle(&id, operation, now)?;
    let target = Target::user(user);
    store.log.record(
        now,
        &format!("user.lifecycle.{}", operation.name()),
        operation.display_message(),
        &[target],
    );
    drop(store);
    let send_email = query_flag(raw.as_deref(), "sendEmail").unwrap_or(true);
    if operation == Lifecycle::Activate && !send_email {
        let token = ids::token(20);
        return Ok(Json(json!({
            "activationUrl": format!("{}/tokens/{token}/verify", org.base_url),
            "activationToken": token,
        })));
    }
    Ok(Json(json!({})))
}

/// `GET /api/v1/users/{id}/groups`: every group the user belongs to.
async fn groups_of(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let store = org.store();
    let groups: Vec<GroupJson<'_>> = store
        .groups_of(&id)?
        .into_iter()
        .map(|group| GroupJson::new(group, &org.base_url))
        .collect();
    Ok(Json(groups).into_response())
}
