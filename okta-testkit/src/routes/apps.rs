//! `/api/v1/apps` endpoints: apps, their lifecycle, user and group assignments.
//!
//! An app keeps whatever its `signOnMode` posted (`settings`, `credentials`...), with the
//! read-only fields written in. `OPENID_CONNECT` apps get a `client_id` (the app id) and,
//! for a `client_secret_*` method, a generated `client_secret`.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use super::{doc_json, doc_page, href, query_flag, timestamp, JsonArray, JsonBody};
use crate::clock::now_millis;
use crate::documents::{text, Collection, Doc, Searched};
use crate::errors::ApiError;
use crate::filter::Criteria;
use crate::ids;
use crate::pagination::ListParams;
use crate::state::OrgState;
use crate::store::Store;
use crate::system_log::Target;

/// The app endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/apps", get(list).post(create))
        .route("/api/v1/apps/{id}", get(fetch).put(replace).delete(delete))
        .route("/api/v1/apps/{id}/lifecycle/{operation}", post(lifecycle))
        .route("/api/v1/apps/{id}/users", get(list_users).post(assign_user))
        .route(
            "/api/v1/apps/{id}/users/{user_id}",
            get(fetch_user).post(update_user).delete(unassign_user),
        )
        .route("/api/v1/apps/{id}/groups", get(list_groups))
        .route(
            "/api/v1/apps/{id}/groups/{group_id}",
            get(fetch_group)
                .put(assign_group)
                .patch(patch_group)
                .delete(unassign_group),
        )
}

/// The `_links` of an app in `status`.
fn app_links(org: &OrgState, id: &str, active: bool) -> Value {
    let base = format!("/api/v1/apps/{id}");
    let mut links = json!({
        "self": href(org, &base),
        "users": href(org, &format!("{base}/users")),
        "groups": href(org, &format!("{base}/groups")),
        "appLinks": [],
        "logo": [],
    });
    let (name, operation) = if active {
        ("deactivate", "deactivate")
    } else {
        ("activate", "activate")
    };
    links[name] = href(org, &format!("{base}/lifecycle/{operation}"));
    links
}

/// Fills in what Okta adds to a posted app: defaults and, for OIDC apps, the client id.
fn complete_app(app: &mut Doc, id: &str) {
    let mode = text(app, "signOnMode").to_owned();
    if !app.contains_key("name") {
        let name = match mode.as_str() {
            "OPENID_CONNECT" => "oidc_client".to_owned(),
            "BOOKMARK" => "bookmark".to_owned(),
            _ => {
                let label: String = text(app, "label")
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                format!("fakeorg_{label}_1")
            }
        };
        app.insert("name".to_owned(), Value::String(name));
    }
    app.entry("features").or_insert_with(|| json!([]));
    app.entry("settings").or_insert_with(|| json!({}));
    app.entry("visibility").or_insert_with(|| {
        json!({"autoSubmitToolbar": false, "hide": {"iOS": false, "web": false}, "appLinks": {}})
    });
    app.entry("accessibility")
        .or_insert_with(|| json!({"selfService": false}));
    let credentials = app.entry("credentials").or_insert_with(|| json!({}));
    if let Some(credentials) = credentials.as_object_mut() {
        if mode == "OPENID_CONNECT" {
            let client = credentials
                .entry("oauthClient")
                .or_insert_with(|| json!({}));
            if let Some(client) = client.as_object_mut() {
                client.insert("client_id".to_owned(), Value::String(id.to_owned()));
                client.entry("autoKeyRotation").or_insert(Value::Bool(true));
                let method = client
                    .entry("token_endpoint_auth_method")
                    .or_insert_with(|| Value::from("client_secret_basic"))
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                if method.starts_with("client_secret") {
                    client
                        .entry("client_secret")
                        .or_insert_with(|| Value::String(ids::token(40)));
                }
            }
        } else {
            credentials
                .entry("userNameTemplate")
                .or_insert_with(|| json!({"template": "${source.login}", "type": "BUILT_IN"}));
        }
    }
}

/// Checks the fields every app needs: `signOnMode` and `label`.
fn check_app(body: &JsonBody) -> Result<(), ApiError> {
    body.required("signOnMode")?;
    body.required("label")?;
    Ok(())
}

/// `GET /api/v1/apps`: a page of apps in id order; `q` matches the start of `label` or
/// `name`, `filter` takes expressions such as `status eq "ACTIVE"`.
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let criteria =
        Criteria::parse::<Searched<'_>>(params.q.as_deref(), None, params.filter.as_deref())?;
    let store = org.store();
    let apps = store
        .catalog
        .apps
        .after(params.after.as_deref())
        .filter(|app| {
            criteria.matches(&Searched {
                doc: app,
                q_fields: &["label", "name"],
            })
        });
    Ok(doc_page(
        &org,
        "/api/v1/apps",
        raw.as_deref(),
        &params,
        apps,
    ))
}

/// `POST /api/v1/apps?activate=`: creates an app, `ACTIVE` unless `activate=false`.
async fn create(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
    body: JsonBody,
) -> Result<Response, ApiError> {
    check_app(&body)?;
    let active = query_flag(raw.as_deref(), "activate").unwrap_or(true);
    let now = now_millis();
    let mut store = org.store();
    let id = store.new_id("0oa");
    let mut app = body.writable();
    complete_app(&mut app, &id);
    app.insert("id".to_owned(), Value::String(id.clone()));
    app.insert(
        "status".to_owned(),
        Value::from(if active { "ACTIVE" } else { "INACTIVE" }),
    );
    app.insert("created".to_owned(), timestamp(now));
    app.insert("lastUpdated".to_owned(), timestamp(now));
    app.insert("_links".to_owned(), app_links(&org, &id, active));
    let app = store.catalog.apps.insert(&id, app).clone();
    store.log.record(
        now,
        "application.lifecycle.create",
        "Add application",
        &[Target::app(&app)],
    );
    Ok(doc_json(&app))
}

/// `GET /api/v1/apps/{appId}`.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let store = org.store();
    Ok(doc_json(store.catalog.apps.get(&id)?))
}

/// `PUT /api/v1/apps/{appId}`: replaces the app; `id`, `status`, `created` and the OIDC
/// client id stay.
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    check_app(&body)?;
    let now = now_millis();
    let mut store = org.store();
    let current = store.catalog.apps.get(&id)?.clone();
    let mut app = body.writable();
    let secret = current
        .get("credentials")
        .and_then(|c| c.get("oauthClient"))
        .and_then(|c| c.get("client_secret"))
        .cloned();
    complete_app(&mut app, &id);
    if let (Some(secret), Some(client)) = (
        secret,
        app.get_mut("credentials")
            .and_then(|c| c.get_mut("oauthClient"))
            .and_then(Value::as_object_mut),
    ) {
        client.insert("client_secret".to_owned(), secret);
    }
    for key in ["id", "status", "created", "_links"] {
        if let Some(value) = current.get(key) {
            app.insert(key.to_owned(), value.clone());
        }
    }
    app.insert("lastUpdated".to_owned(), timestamp(now));
    let app = store.catalog.apps.insert(&id, app).clone();
    store.log.record(
        now,
        "application.lifecycle.update",
        "Update application",
        &[Target::app(&app)],
    );
    Ok(doc_json(&app))
}

/// `DELETE /api/v1/apps/{appId}`: deletes an `INACTIVE` app and its assignments; an active
/// one is `403 E0000056`.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    if text(store.catalog.apps.get(&id)?, "status") == "ACTIVE" {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "E0000056",
            "Delete application forbidden.",
        )
        .with_cause("The application must be deactivated before it can be deleted."));
    }
    let app = store.catalog.apps.remove(&id)?;
    store.catalog.app_users.remove(&id);
    store.catalog.app_groups.remove(&id);
    store.log.record(
        now_millis(),
        "application.lifecycle.delete",
        "Delete application",
        &[Target::app(&app)],
    );
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/apps/{appId}/lifecycle/{activate|deactivate}`: answers `200` with no body.
async fn lifecycle(
    State(org): State<Arc<OrgState>>,
    Path((id, operation)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let active = match operation.as_str() {
        "activate" => true,
        "deactivate" => false,
        _ => {
            return Err(ApiError::not_found(
                &format!("/api/v1/apps/{id}/lifecycle/{operation}"),
                "Endpoint",
            ))
        }
    };
    let now = now_millis();
    let mut store = org.store();
    let links = app_links(&org, &id, active);
    let app = store.catalog.apps.get_mut(&id)?;
    app.insert(
        "status".to_owned(),
        Value::from(if active { "ACTIVE" } else { "INACTIVE" }),
    );
    app.insert("lastUpdated".to_owned(), timestamp(now));
    app.insert("_links".to_owned(), links);
    let target = Target::app(app);
    store.log.record(
        now,
        &format!("application.lifecycle.{operation}"),
        if active {
            "Activate application"
        } else {
            "Deactivate application"
        },
        &[target],
    );
    Ok(StatusCode::OK)
}

/// The assignments of an existing app, made on first use.
fn assignments<'a>(
    store: &'a mut Store,
    app_id: &str,
    groups: bool,
) -> Result<&'a mut Collection, ApiError> {
    store.catalog.apps.get(app_id)?;
    let (map, kind) = if groups {
        (&mut store.catalog.app_groups, "ApplicationGroupAssignment")
    } else {
        (&mut store.catalog.app_users, "AppUser")
    };
    Ok(map
        .entry(app_id.to_owned())
        .or_insert_with(|| Collection::new(kind)))
}

/// `GET /api/v1/apps/{appId}/users`: a page of user assignments in user id order; `q`
/// matches the start of `credentials.userName`.
async fn list_users(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let criteria = Criteria::parse::<Searched<'_>>(params.q.as_deref(), None, None)?;
    let mut store = org.store();
    let users = assignments(&mut store, &id, false)?;
    let page = users.after(params.after.as_deref()).filter(|user| {
        criteria.matches(&Searched {
            doc: user,
            q_fields: &["credentials.userName"],
        })
    });
    Ok(doc_page(
        &org,
        &format!("/api/v1/apps/{id}/users"),
        raw.as_deref(),
        &params,
        page,
    ))
}

/// `POST /api/v1/apps/{appId}/users` with `{"id": userId, "credentials"?, "profile"?}`:
/// assigns the user (again: updates the assignment).
async fn assign_user(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let user_id = body.required("id")?;
    let profile = body.object("profile")?;
    let credentials = body.object("credentials")?;
    let now = now_millis();
    let mut store = org.store();
    let app = store.catalog.apps.get(&id)?.clone();
    let user = store.existing_user(&user_id)?;
    let user_target = Target::user(user);
    let user_id = user.id.clone();
    let login = user.profile.get("login").cloned().unwrap_or(Value::Null);
    let links = json!({
        "app": href(&org, &format!("/api/v1/apps/{id}")),
        "user": href(&org, &format!("/api/v1/users/{user_id}")),
    });
    let assigned = assignments(&mut store, &id, false)?;
    let mut doc = match assigned.get(&user_id) {
        Ok(existing) => existing.clone(),
        Err(_) => {
            let mut doc = Map::new();
            doc.insert("id".to_owned(), Value::String(user_id.clone()));
            doc.insert("created".to_owned(), timestamp(now));
            doc.insert("scope".to_owned(), Value::from("USER"));
            doc.insert("status".to_owned(), Value::from("ACTIVE"));
            doc.insert("statusChanged".to_owned(), timestamp(now));
            doc.insert("syncState".to_owned(), Value::from("DISABLED"));
            doc.insert("credentials".to_owned(), json!({ "userName": login }));
            doc.insert("profile".to_owned(), json!({}));
            doc.insert("_links".to_owned(), links);
            doc
        }
    };
    if let Some(credentials) = credentials {
        doc.insert("credentials".to_owned(), Value::Object(credentials));
    }
    if let Some(profile) = profile {
        merge_profile(&mut doc, profile);
    }
    doc.insert("lastUpdated".to_owned(), timestamp(now));
    let doc = assigned.insert(&user_id, doc).clone();
    store.log.record(
        now,
        "application.user_membership.add",
        "Add user to application membership",
        &[user_target, Target::app(&app)],
    );
    Ok(doc_json(&doc))
}

/// Merges profile keys into an assignment's `profile` (`null` removes a key).
fn merge_profile(doc: &mut Doc, changes: Map<String, Value>) {
    let profile = doc.entry("profile").or_insert_with(|| json!({}));
    if let Some(profile) = profile.as_object_mut() {
        for (key, value) in changes {
            if value.is_null() {
                profile.remove(&key);
            } else {
                profile.insert(key, value);
            }
        }
    }
}

/// `GET /api/v1/apps/{appId}/users/{userId}`.
async fn fetch_user(
    State(org): State<Arc<OrgState>>,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let mut store = org.store();
    Ok(doc_json(
        assignments(&mut store, &id, false)?.get(&user_id)?,
    ))
}

/// `POST /api/v1/apps/{appId}/users/{userId}`: changes the assignment's `credentials`
/// (replaced) or `profile` (merged).
async fn update_user(
    State(org): State<Arc<OrgState>>,
    Path((id, user_id)): Path<(String, String)>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let profile = body.object("profile")?;
    let credentials = body.object("credentials")?;
    let now = now_millis();
    let mut store = org.store();
    let doc = assignments(&mut store, &id, false)?.get_mut(&user_id)?;
    if let Some(credentials) = credentials {
        doc.insert("credentials".to_owned(), Value::Object(credentials));
    }
    if let Some(profile) = profile {
        merge_profile(doc, profile);
    }
    doc.insert("lastUpdated".to_owned(), timestamp(now));
    Ok(doc_json(doc))
}

/// `DELETE /api/v1/apps/{appId}/users/{userId}`.
async fn unassign_user(
    State(org): State<Arc<OrgState>>,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    let app = store.catalog.apps.get(&id)?.clone();
    assignments(&mut store, &id, false)?.remove(&user_id)?;
    let mut targets = vec![Target::app(&app)];
    if let Some(user) = store.find_user(&user_id) {
        targets.insert(0, Target::user(user));
    }
    store.log.record(
        now_millis(),
        "application.user_membership.remove",
        "Remove user from application membership",
        &targets,
    );
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/apps/{appId}/groups`: a page of group assignments in group id order.
async fn list_groups(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let mut store = org.store();
    let groups = assignments(&mut store, &id, true)?;
    Ok(doc_page(
        &org,
        &format!("/api/v1/apps/{id}/groups"),
        raw.as_deref(),
        &params,
        groups.after(params.after.as_deref()),
    ))
}

/// `GET /api/v1/apps/{appId}/groups/{groupId}`.
async fn fetch_group(
    State(org): State<Arc<OrgState>>,
    Path((id, group_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let mut store = org.store();
    Ok(doc_json(
        assignments(&mut store, &id, true)?.get(&group_id)?,
    ))
}

/// `PUT /api/v1/apps/{appId}/groups/{groupId}` with `{"priority"?, "profile"?}`.
async fn assign_group(
    State(org): State<Arc<OrgState>>,
    Path((id, group_id)): Path<(String, String)>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let profile = body.object("profile")?.unwrap_or_default();
    let priority = match body.0.get("priority") {
        None | Some(Value::Null) => None,
        Some(value) => Some(value.as_u64().ok_or_else(|| {
            ApiError::validation("priority", "The value must be a non-negative integer")
        })?),
    };
    let now = now_millis();
    let mut store = org.store();
    let app = store.catalog.apps.get(&id)?.clone();
    let group_target = Target::group(store.group(&group_id)?);
    let links = json!({
        "self": href(&org, &format!("/api/v1/apps/{id}/groups/{group_id}")),
        "app": href(&org, &format!("/api/v1/apps/{id}")),
        "group": href(&org, &format!("/api/v1/groups/{group_id}")),
    });
    let assigned = assignments(&mut store, &id, true)?;
    let priority = priority.unwrap_or_else(|| {
        assigned
            .get(&group_id)
            .ok()
            .and_then(|doc| doc.get("priority"))
            .and_then(Value::as_u64)
            .unwrap_or_else(|| assigned.iter().count() as u64)
    });
    let doc = json!({
        "id": group_id,
        "lastUpdated": timestamp(now),
        "priority": priority,
        "profile": profile,
        "_links": links,
    });
    let Value::Object(doc) = doc else {
        return Err(ApiError::for_status(500));
    };
    let doc = assigned.insert(&group_id, doc).clone();
    store.log.record(
        now,
        "group.application_assignment.add",
        "Add assigned application to group",
        &[group_target, Target::app(&app)],
    );
    Ok(doc_json(&doc))
}

/// `PATCH /api/v1/apps/{appId}/groups/{groupId}`: a JSON Patch (`add`, `replace`, `remove`)
/// of the assignment's `profile` and `priority`.
async fn patch_group(
    State(org): State<Arc<OrgState>>,
    Path((id, group_id)): Path<(String, String)>,
    JsonArray(operations): JsonArray,
) -> Result<Response, ApiError> {
    let now = now_millis();
    let mut store = org.store();
    let doc = assignments(&mut store, &id, true)?.get_mut(&group_id)?;
    let mut patched = doc.clone();
    for operation in &operations {
        apply_patch(&mut patched, operation)?;
    }
    patched.insert("lastUpdated".to_owned(), timestamp(now));
    *doc = patched;
    Ok(doc_json(doc))
}

/// Applies one JSON Patch operation to `/priority`, `/profile` or a key under `/profile`.
fn apply_patch(doc: &mut Doc, operation: &Value) -> Result<(), ApiError> {
    let invalid = |problem: &str| ApiError::validation("path", problem);
    let op = operation
        .get("op")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let path = operation
        .get("path")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let value = operation.get("value").cloned();
    let mut parts = path.strip_prefix('/').unwrap_or_default().split('/');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<String> = parts
        .map(|part| part.replace("~1", "/").replace("~0", "~"))
        .collect();
    match (first, rest.as_slice()) {
        ("priority", []) => match (op, value) {
            ("add" | "replace", Some(value)) if value.is_u64() => {
                doc.insert("priority".to_owned(), value);
                Ok(())
            }
            _ => Err(invalid(
                "priority takes add or replace with a non-negative integer",
            )),
        },
        ("profile", []) => match (op, value) {
            ("add" | "replace", Some(Value::Object(profile))) => {
                doc.insert("profile".to_owned(), Value::Object(profile));
                Ok(())
            }
            _ => Err(invalid("profile takes add or replace with an object")),
        },
        ("profile", [key]) => {
            let profile = doc.entry("profile").or_insert_with(|| json!({}));
            let Some(profile) = profile.as_object_mut() else {
                return Err(invalid("profile is not an object"));
            };
            match (op, value) {
                ("add" | "replace", Some(value)) => {
                    profile.insert(key.clone(), value);
                    Ok(())
                }
                ("remove", _) => {
                    profile.remove(key);
                    Ok(())
                }
                _ => Err(invalid("unsupported operation")),
            }
        }
        _ => Err(invalid(&format!("cannot patch {path}"))),
    }
}

/// `DELETE /api/v1/apps/{appId}/groups/{groupId}`.
async fn unassign_group(
    State(org): State<Arc<OrgState>>,
    Path((id, group_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    let app = store.catalog.apps.get(&id)?.clone();
    assignments(&mut store, &id, true)?.remove(&group_id)?;
    let mut targets = vec![Target::app(&app)];
    if let Ok(group) = store.group(&group_id) {
        targets.insert(0, Target::group(group));
    }
    store.log.record(
        now_millis(),
        "group.application_assignment.remove",
        "Remove assigned application from group",
        &targets,
    );
    Ok(StatusCode::NO_CONTENT)
}
