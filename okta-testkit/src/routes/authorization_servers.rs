//! `/api/v1/authorizationServers` endpoints: custom authorization servers with their scopes
//! and claims, as configuration. The org has the server `default` from the start (the one
//! its `/oauth2/default/...` endpoints serve); servers created here are records only: their
//! `/oauth2/{id}/...` endpoints do not exist. A new server gets Okta's system scopes
//! (`openid`, `profile`, `email`, `address`, `phone`, `offline_access`).

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::{doc_json, doc_page, href, timestamp, JsonBody};
use crate::clock::{iso8601, now_millis};
use crate::documents::{text, Collection, Doc, Searched};
use crate::errors::ApiError;
use crate::filter::Criteria;
use crate::ids;
use crate::pagination::ListParams;
use crate::state::OrgState;
use crate::store::Store;

/// The scopes every custom authorization server has.
const SYSTEM_SCOPES: &[(&str, &str)] = &[
    ("openid", "Signals that a request is an OpenID request."),
    (
        "profile",
        "Allows access to the end user's default profile claims.",
    ),
    (
        "email",
        "Allows access to the email and email_verified claims.",
    ),
    ("address", "Allows access to the address claim."),
    (
        "phone",
        "Allows access to the phone_number and phone_number_verified claims.",
    ),
    (
        "offline_access",
        "Allows the app to request refresh tokens.",
    ),
];

/// Ninety days, the default signing key rotation period.
const ROTATION_MILLIS: i64 = 90 * 24 * 3600 * 1000;

/// The authorization server endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/api/v1/authorizationServers", get(list).post(create))
        .route(
            "/api/v1/authorizationServers/{id}",
            get(fetch).put(replace).delete(delete),
        )
        .route(
            "/api/v1/authorizationServers/{id}/lifecycle/{operation}",
            post(lifecycle),
        )
        .route(
            "/api/v1/authorizationServers/{id}/scopes",
            get(list_scopes).post(create_scope),
        )
        .route(
            "/api/v1/authorizationServers/{id}/scopes/{scope_id}",
            get(fetch_scope).put(replace_scope).delete(delete_scope),
        )
        .route(
            "/api/v1/authorizationServers/{id}/claims",
            get(list_claims).post(create_claim),
        )
        .route(
            "/api/v1/authorizationServers/{id}/claims/{claim_id}",
            get(fetch_claim).put(replace_claim).delete(delete_claim),
        )
}

/// Adds the authorization server `id` with its system scopes to the store.
pub(crate) fn add_server(
    store: &mut Store,
    base_url: &str,
    id: &str,
    mut server: Doc,
    now: i64,
) -> Doc {
    let base = format!("{base_url}/api/v1/authorizationServers/{id}");
    server.insert("id".to_owned(), Value::from(id));
    server.insert(
        "issuer".to_owned(),
        Value::String(format!("{base_url}/oauth2/{id}")),
    );
    server
        .entry("issuerMode")
        .or_insert_with(|| Value::from("ORG_URL"));
    server.insert("status".to_owned(), Value::from("ACTIVE"));
    server.insert("created".to_owned(), timestamp(now));
    server.insert("lastUpdated".to_owned(), timestamp(now));
    server.insert(
        "credentials".to_owned(),
        json!({"signing": {
            "kid": ids::token(43),
            "lastRotated": iso8601(now),
            "nextRotation": iso8601(now + ROTATION_MILLIS),
            "rotationMode": "AUTO",
            "use": "sig",
        }}),
    );
    server.insert("_links".to_owned(), server_links(base_url, id, true));
    let mut scopes = Collection::new("OAuth2Scope");
    for (name, description) in SYSTEM_SCOPES {
        let scope_id = store.new_id("scp");
        let scope = json!({
            "id": scope_id,
            "name": name,
            "description": description,
            "system": true,
            "default": false,
            "consent": "IMPLICIT",
            "metadataPublish": "ALL_CLIENTS",
            "optional": false,
            "_links": {"self": {"href": format!("{base}/scopes/{scope_id}")}},
        });
        if let Value::Object(scope) = scope {
            scopes.insert(&scope_id, scope);
        }
    }
    store.catalog.scopes.insert(id.to_owned(), scopes);
    store
        .catalog
        .claims
        .insert(id.to_owned(), Collection::new("OAuth2Claim"));
    store.catalog.auth_servers.insert(id, server).clone()
}

/// The `_links` of a server.
fn server_links(base_url: &str, id: &str, active: bool) -> Value {
    let base = format!("{base_url}/api/v1/authorizationServers/{id}");
    let operation = if active { "deactivate" } else { "activate" };
    let mut links = json!({
        "self": {"href": base},
        "scopes": {"href": format!("{base}/scopes")},
        "claims": {"href": format!("{base}/claims")},
        "policies": {"href": format!("{base}/policies")},
        "metadata": [
            {"href": format!("{base_url}/oauth2/{id}/.well-known/openid-configuration")},
            {"href": format!("{base_url}/oauth2/{id}/.well-known/oauth-authorization-server")},
        ],
    });
    links[operation] = json!({"href": format!("{base}/lifecycle/{operation}")});
    links
}

/// Checks `name` and `audiences` (a non-empty array of strings).
fn check_server(body: &JsonBody) -> Result<(), ApiError> {
    body.required("name")?;
    let audiences = body.strings("audiences")?;
    if audiences.is_empty() {
        return Err(ApiError::blank("audiences"));
    }
    Ok(())
}

/// A `201 Created` JSON answer.
fn created(doc: &Doc) -> Response {
    (StatusCode::CREATED, axum::Json(doc)).into_response()
}

/// `GET /api/v1/authorizationServers`: a page in id order; `q` matches the start of the
/// name or audience.
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = ListParams::parse(raw.as_deref(), org.default_page_size, org.max_page_size)?;
    let criteria = Criteria::parse::<Searched<'_>>(params.q.as_deref(), None, None)?;
    let store = org.store();
    let servers = store
        .catalog
        .auth_servers
        .after(params.after.as_deref())
        .filter(|server| {
            criteria.matches(&Searched {
                doc: server,
                q_fields: &["name", "audiences"],
            })
        });
    Ok(doc_page(
        &org,
        "/api/v1/authorizationServers",
        raw.as_deref(),
        &params,
        servers,
    ))
}

/// `POST /api/v1/authorizationServers`: `201` with the new `ACTIVE` server.
async fn create(State(org): State<Arc<OrgState>>, body: JsonBody) -> Result<Response, ApiError> {
    check_server(&body)?;
    let mut store = org.store();
    let name = body.required("name")?;
    if store
        .catalog
        .auth_servers
        .iter()
        .any(|server| text(server, "name").eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::duplicate("name"));
    }
    let id = store.new_id("aus");
    let server = add_server(
        &mut store,
        &org.base_url,
        &id,
        body.writable(),
        now_millis(),
    );
    Ok(created(&server))
}

/// `GET /api/v1/authorizationServers/{authServerId}`.
async fn fetch(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(doc_json(org.store().catalog.auth_servers.get(&id)?))
}

/// `PUT /api/v1/authorizationServers/{authServerId}`: replaces the name, description,
/// audiences and issuer mode.
async fn replace(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    check_server(&body)?;
    let mut store = org.store();
    let current = store.catalog.auth_servers.get(&id)?.clone();
    let mut server = body.writable();
    for key in ["id", "issuer", "status", "created", "credentials", "_links"] {
        if let Some(value) = current.get(key) {
            server.insert(key.to_owned(), value.clone());
        }
    }
    server
        .entry("issuerMode")
        .or_insert_with(|| Value::from("ORG_URL"));
    server.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    Ok(doc_json(store.catalog.auth_servers.insert(&id, server)))
}

/// `DELETE /api/v1/authorizationServers/{authServerId}`: with its scopes and claims.
async fn delete(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    store.catalog.auth_servers.remove(&id)?;
    store.catalog.scopes.remove(&id);
    store.catalog.claims.remove(&id);
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/authorizationServers/{authServerId}/lifecycle/{activate|deactivate}`:
/// `204`.
async fn lifecycle(
    State(org): State<Arc<OrgState>>,
    Path((id, operation)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let active = match operation.as_str() {
        "activate" => true,
        "deactivate" => false,
        _ => {
            return Err(ApiError::not_found(
                &format!("/api/v1/authorizationServers/{id}/lifecycle/{operation}"),
                "Endpoint",
            ))
        }
    };
    let links = server_links(&org.base_url, &id, active);
    let mut store = org.store();
    let server = store.catalog.auth_servers.get_mut(&id)?;
    server.insert(
        "status".to_owned(),
        Value::from(if active { "ACTIVE" } else { "INACTIVE" }),
    );
    server.insert("lastUpdated".to_owned(), timestamp(now_millis()));
    server.insert("_links".to_owned(), links);
    Ok(StatusCode::NO_CONTENT)
}

/// The scopes (or claims) of an existing server.
fn children<'a>(
    store: &'a mut Store,
    server_id: &str,
    claims: bool,
) -> Result<&'a mut Collection, ApiError> {
    store.catalog.auth_servers.get(server_id)?;
    let (map, kind) = if claims {
        (&mut store.catalog.claims, "OAuth2Claim")
    } else {
        (&mut store.catalog.scopes, "OAuth2Scope")
    };
    Ok(map
        .entry(server_id.to_owned())
        .or_insert_with(|| Collection::new(kind)))
}

/// Lists a server's scopes or claims.
fn list_children(
    org: &OrgState,
    id: &str,
    raw: Option<&str>,
    claims: bool,
) -> Result<Response, ApiError> {
    let mut params = ListParams::parse(raw, org.default_page_size, org.max_page_size)?;
    let criteria =
        Criteria::parse::<Searched<'_>>(params.q.as_deref(), None, params.filter.as_deref())?;
    let mut store = org.store();
    let items = children(&mut store, id, claims)?;
    let path = format!(
        "/api/v1/authorizationServers/{id}/{}",
        if claims { "claims" } else { "scopes" }
    );
    if claims {
        // Okta answers every claim at once.
        params.limit = usize::MAX;
    }
    let matching = items.after(params.after.as_deref()).filter(|item| {
        criteria.matches(&Searched {
            doc: item,
            q_fields: &["name"],
        })
    });
    Ok(doc_page(org, &path, raw, &params, matching))
}

/// Creates a scope or claim: `name` required and unique within the server.
fn create_child(
    org: &OrgState,
    id: &str,
    body: JsonBody,
    claims: bool,
) -> Result<Response, ApiError> {
    let name = body.required("name")?;
    if claims {
        body.required("claimType")?;
        body.required("valueType")?;
    }
    let mut store = org.store();
    let child_id = store.new_id(if claims { "ocl" } else { "scp" });
    let items = children(&mut store, id, claims)?;
    if items.iter().any(|item| text(item, "name") == name) {
        return Err(ApiError::duplicate("name"));
    }
    let mut item = body.writable();
    item.insert("id".to_owned(), Value::String(child_id.clone()));
    item.insert("system".to_owned(), Value::Bool(false));
    let segment = if claims { "claims" } else { "scopes" };
    if claims {
        item.entry("status")
            .or_insert_with(|| Value::from("ACTIVE"));
        item.entry("alwaysIncludeInToken")
            .or_insert(Value::Bool(false));
        item.entry("conditions")
            .or_insert_with(|| json!({"scopes": []}));
    } else {
        item.entry("consent")
            .or_insert_with(|| Value::from("IMPLICIT"));
        item.entry("default").or_insert(Value::Bool(false));
        item.entry("metadataPublish")
            .or_insert_with(|| Value::from("NO_CLIENTS"));
        item.entry("optional").or_insert(Value::Bool(false));
    }
    item.insert(
        "_links".to_owned(),
        json!({"self": href(org, &format!("/api/v1/authorizationServers/{id}/{segment}/{child_id}"))}),
    );
    Ok(created(items.insert(&child_id, item)))
}

/// Replaces a scope or claim: `id`, `system` and `_links` stay.
fn replace_child(
    org: &OrgState,
    id: &str,
    child_id: &str,
    body: JsonBody,
    claims: bool,
) -> Result<Response, ApiError> {
    body.required("name")?;
    let mut store = org.store();
    let items = children(&mut store, id, claims)?;
    let current = items.get(child_id)?.clone();
    let mut item = body.0;
    for key in ["id", "system", "_links"] {
        if let Some(value) = current.get(key) {
            item.insert(key.to_owned(), value.clone());
        }
    }
    Ok(doc_json(items.insert(child_id, item)))
}

/// `GET /api/v1/authorizationServers/{authServerId}/scopes` (`q`, `filter`, `after`,
/// `limit`).
async fn list_scopes(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    list_children(&org, &id, raw.as_deref(), false)
}

/// `POST /api/v1/authorizationServers/{authServerId}/scopes`: `201`.
async fn create_scope(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    create_child(&org, &id, body, false)
}

/// `GET /api/v1/authorizationServers/{authServerId}/scopes/{scopeId}`.
async fn fetch_scope(
    State(org): State<Arc<OrgState>>,
    Path((id, scope_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let mut store = org.store();
    Ok(doc_json(children(&mut store, &id, false)?.get(&scope_id)?))
}

/// `PUT /api/v1/authorizationServers/{authServerId}/scopes/{scopeId}`.
async fn replace_scope(
    State(org): State<Arc<OrgState>>,
    Path((id, scope_id)): Path<(String, String)>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    replace_child(&org, &id, &scope_id, body, false)
}

/// `DELETE /api/v1/authorizationServers/{authServerId}/scopes/{scopeId}`.
async fn delete_scope(
    State(org): State<Arc<OrgState>>,
    Path((id, scope_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    children(&mut store, &id, false)?.remove(&scope_id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/authorizationServers/{authServerId}/claims`: every claim.
async fn list_claims(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    list_children(&org, &id, raw.as_deref(), true)
}

/// `POST /api/v1/authorizationServers/{authServerId}/claims`: `201`.
async fn create_claim(
    State(org): State<Arc<OrgState>>,
    Path(id): Path<String>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    create_child(&org, &id, body, true)
}

/// `GET /api/v1/authorizationServers/{authServerId}/claims/{claimId}`.
async fn fetch_claim(
    State(org): State<Arc<OrgState>>,
    Path((id, claim_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let mut store = org.store();
    Ok(doc_json(children(&mut store, &id, true)?.get(&claim_id)?))
}

/// `PUT /api/v1/authorizationServers/{authServerId}/claims/{claimId}`.
async fn replace_claim(
    State(org): State<Arc<OrgState>>,
    Path((id, claim_id)): Path<(String, String)>,
    body: JsonBody,
) -> Result<Response, ApiError> {
    replace_child(&org, &id, &claim_id, body, true)
}

/// `DELETE /api/v1/authorizationServers/{authServerId}/claims/{claimId}`.
async fn delete_claim(
    State(org): State<Arc<OrgState>>,
    Path((id, claim_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut store = org.store();
    children(&mut store, &id, true)?.remove(&claim_id)?;
    Ok(StatusCode::NO_CONTENT)
}
