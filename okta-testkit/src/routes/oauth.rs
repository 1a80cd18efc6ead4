//! The authorization server endpoints: discovery, keys, token, introspection, revocation.
//!
//! The org server answers under `/oauth2/v1/...` and `/.well-known/...`, a custom server
//! `{id}` under `/oauth2/{id}/v1/...`, `/oauth2/{id}/.well-known/...` and
//! `/.well-known/oauth-authorization-server/oauth2/{id}`. An unknown `{id}` is
//! `404 E0000007`. These paths do not need the SSWS token.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::ids;
use crate::oauth::client_auth::{authenticate, Authenticated};
use crate::oauth::dpop::{self, Expected, ProofError, ValidProof};
use crate::oauth::errors::{no_store, OAuthError, Params};
use crate::oauth::{now_secs, OAuth, Replayed, ORG_SERVER};
use crate::state::OrgState;

/// The authorization server endpoints.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new()
        .route("/.well-known/openid-configuration", get(org_discovery))
        .route(
            "/.well-known/oauth-authorization-server",
            get(org_discovery),
        )
        .route(
            "/.well-known/oauth-authorization-server/oauth2/{server}",
            get(custom_discovery),
        )
        .route(
            "/oauth2/{server}/.well-known/openid-configuration",
            get(custom_discovery),
        )
        .route(
            "/oauth2/{server}/.well-known/oauth-authorization-server",
            get(custom_discovery),
        )
        .route("/oauth2/v1/keys", get(org_keys))
        .route("/oauth2/{server}/v1/keys", get(custom_keys))
        .route("/oauth2/v1/token", post(org_token))
        .route("/oauth2/{server}/v1/token", post(custom_token))
        .route("/oauth2/v1/introspect", post(org_introspect))
        .route("/oauth2/{server}/v1/introspect", post(custom_introspect))
        .route("/oauth2/v1/revoke", post(org_revoke))
        .route("/oauth2/{server}/v1/revoke", post(custom_revoke))
}

/// Answers `answer(server)` if the custom server exists, else `404 E0000007`.
fn with_custom(org: &OrgState, server: &str, answer: impl FnOnce(&str) -> Response) -> Response {
    if org.oauth.is_custom_server(server) {
        answer(server)
    } else {
        ApiError::not_found(server, "AuthorizationServer").into_response()
    }
}

async fn org_discovery(State(org): State<Arc<OrgState>>) -> Response {
    discovery(&org.oauth, ORG_SERVER)
}

async fn custom_discovery(
    State(org): State<Arc<OrgState>>,
    Path(server): Path<String>,
) -> Response {
    with_custom(&org, &server, |server| discovery(&org.oauth, server))
}

async fn org_keys(State(org): State<Arc<OrgState>>) -> Response {
    keys(&org.oauth, ORG_SERVER)
}

async fn custom_keys(State(org): State<Arc<OrgState>>, Path(server): Path<String>) -> Response {
    with_custom(&org, &server, |server| keys(&org.oauth, server))
}

async fn org_token(State(org): State<Arc<OrgState>>, headers: HeaderMap, body: Bytes) -> Response {
    answer(token(&org.oauth, ORG_SERVER, &headers, &body))
}

async fn custom_token(
    State(org): State<Arc<OrgState>>,
    Path(server): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    with_custom(&org, &server, |server| {
        answer(token(&org.oauth, server, &headers, &body))
    })
}

async fn org_introspect(
    State(org): State<Arc<OrgState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(introspect(&org.oauth, ORG_SERVER, &headers, &body))
}

async fn custom_introspect(
    State(org): State<Arc<OrgState>>,
    Path(server): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    with_custom(&org, &server, |server| {
        answer(introspect(&org.oauth, server, &headers, &body))
    })
}

async fn org_revoke(State(org): State<Arc<OrgState>>, headers: HeaderMap, body: Bytes) -> Response {
    answer(revoke(&org.oauth, ORG_SERVER, &headers, &body))
}

async fn custom_revoke(
    State(org): State<Arc<OrgState>>,
    Path(server): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    with_custom(&org, &server, |server| {
        answer(revoke(&org.oauth, server, &headers, &body))
    })
}

/// The answer, or the OAuth error.
fn answer(result: Result<Response, OAuthError>) -> Response {
    result.unwrap_or_else(IntoResponse::into_response)
}

/// The scopes listed in discovery.
fn scopes_supported(server: &str) -> Vec<&'static str> {
    let mut scopes = vec![
        "openid",
        "profile",
        "email",
        "address",
        "phone",
        "offline_access",
    ];
    if server == ORG_SERVER {
        scopes.extend([
            "okta.users.read",
            "okta.users.manage",
            "okta.groups.read",
            "okta.groups.manage",
        ]);
    }
    scopes
}

/// The discovery document of a server (the same for OpenID and RFC 8414 metadata).
fn discovery(oauth: &OAuth, server: &str) -> Response {
    let endpoint = |name: &str| oauth.endpoint(server, name);
    let auth_methods = [
        "client_secret_basic",
        "client_secret_post",
        "private_key_jwt",
    ];
    let document = json!({
        "issuer": oauth.issuer(server),
        "authorization_endpoint": endpoint("authorize"),
        "token_endpoint": endpoint("token"),
        "userinfo_endpoint": endpoint("userinfo"),
        "jwks_uri": endpoint("keys"),
        "introspection_endpoint": endpoint("introspect"),
        "revocation_endpoint": endpoint("revoke"),
        "end_session_endpoint": endpoint("logout"),
        "response_types_supported": ["code", "token", "id_token", "code id_token", "code token", "id_token token", "code id_token token"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "grant_types_supported": ["client_credentials", "authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "scopes_supported": scopes_supported(server),
        "token_endpoint_auth_methods_supported": auth_methods,
        "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],
        "introspection_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "id_token_signing_alg_values_supported": ["RS256"],
        "dpop_signing_alg_values_supported": ["ES256", "RS256"],
        "code_challenge_methods_supported": ["S256"],
    });
    Json(document).into_response()
}

/// `GET .../v1/keys`: the server's published keys, cacheable for the configured time.
fn keys(oauth: &OAuth, server: &str) -> Response {
    let Some(jwks) = oauth.jwks(server) else {
        return ApiError::not_found(server, "AuthorizationServer").into_response();
    };
    let mut response = Json(jwks).into_response();
    let cache = format!("max-age={}, must-revalidate", oauth.jwks_max_age);
    if let Ok(value) = HeaderValue::from_str(&cache) {
        response.headers_mut().insert(CACHE_CONTROL, value);
    }
    response
}

/// The URLs a client assertion sent to `endpoint` may name as `aud`: that endpoint and
/// the server's token endpoint.
fn audiences(oauth: &OAuth, server: &str, endpoint: &str) -> [String; 2] {
    [
        oauth.endpoint(server, endpoint),
        oauth.endpoint(server, "token"),
    ]
}

/// Authenticates the client of a request to `endpoint`.
fn client_of(
    oauth: &OAuth,
    server: &str,
    endpoint: &str,
    headers: &HeaderMap,
    params: &Params,
    now: i64,
) -> Result<Authenticated, OAuthError> {
    let audiences = audiences(oauth, server, endpoint);
    let audiences = [audiences[0].as_str(), audiences[1].as_str()];
    authenticate(oauth, headers, params, &audiences, now)
}

/// `POST .../v1/token`: the `client_credentials` grant.
fn token(
    oauth: &OAuth,
    server: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OAuthError> {
    let now = now_secs();
    let params = Params::parse(headers, body)?;
    let auth = client_of(oauth, server, "token", headers, &params, now)?;
    let client = &auth.client.client;

    match params.get("grant_type") {
        None => {
            return Err(OAuthError::invalid_request(
                "The grant_type parameter is required.",
            ))
        }
        Some("client_credentials") => {}
        Some(other) => {
            return Err(OAuthError::unsupported_grant_type(format!(
                "The grant_type '{other}' is not supported."
            )))
        }
    }

    let scopes = granted_scopes(server, &client.scopes, params.get("scope"))?;
    let proof = token_proof(oauth, server, headers, client.require_dpop, now)?;
    oauth
        .commit(
            auth.replay.as_ref(),
            proof.as_ref().map(|proof| &proof.replay),
        )
        .map_err(|replayed| match replayed {
            Replayed::Assertion => {
                OAuthError::invalid_client("The client_assertion 'jti' was already used.")
            }
            Replayed::Proof => {
                OAuthError::invalid_dpop_proof("The DPoP proof 'jti' was already used.")
            }
        })?;

    let Some(keys) = oauth.current_keys(server) else {
        return Err(OAuthError::new(
            StatusCode::NOT_FOUND,
            "invalid_request",
            "Unknown authorization server.",
        ));
    };
    let mut claims = json!({
        "ver": 1,
        "jti": format!("AT.{}", ids::token(43)),
        "iss": oauth.issuer(server),
        "aud": oauth.audience(server),
        "iat": now,
        "exp": now.saturating_add(oauth.token_lifetime),
        "cid": client.client_id,
        "scp": scopes,
        "sub": client.client_id,
    });
    let token_type = match &proof {
        Some(proof) => {
            claims["cnf"] = json!({ "jkt": proof.jkt });
            "DPoP"
        }
        None => "Bearer",
    };
    let access_token = keys.sign_rs256(&claims);
    let mut response = Json(json!({
        "token_type": token_type,
        "expires_in": oauth.token_lifetime,
        "access_token": access_token,
        "scope": scopes.join(" "),
    }))
    .into_response();
    no_store(response.headers_mut());
    Ok(response)
}

/// The scopes a token request gets: all those asked for, each allowed for the client (and
/// an `okta.*` scope on the org server); `invalid_scope` otherwise.
fn granted_scopes(
    server: &str,
    allowed: &[String],
    requested: Option<&str>,
) -> Result<Vec<String>, OAuthError> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in requested.unwrap_or_default().split_whitespace() {
        if !scopes.iter().any(|known| known == scope) {
            scopes.push(scope.to_owned());
        }
    }
    if scopes.is_empty() {
        return Err(OAuthError::invalid_scope(
            "No scope was requested and the authorization server has no default scope: 'scope' must be provided.",
        ));
    }
    for scope in &scopes {
        if server == ORG_SERVER && !scope.starts_with("okta.") {
            return Err(OAuthError::invalid_scope(format!(
                "The org authorization server only grants okta.* scopes to client_credentials requests, not '{scope}'."
            )));
        }
        if !allowed.contains(scope) {
            return Err(OAuthError::invalid_scope(format!(
                "The requested scope '{scope}' is not allowed for this client."
            )));
        }
    }
    Ok(scopes)
}

/// Checks the DPoP proof of a token request, if it has one or the client needs one.
fn token_proof(
    oauth: &OAuth,
    server: &str,
    headers: &HeaderMap,
    required: bool,
    now: i64,
) -> Result<Option<ValidProof>, OAuthError> {
    let proof = match dpop::proof_header(headers) {
        Ok(Some(proof)) => proof,
        Ok(None) if required => {
            return Err(OAuthError::invalid_dpop_proof(
                "The client requires DPoP: the DPoP proof header is missing.",
            ))
        }
        Ok(None) => return Ok(None),
        Err(ProofError::Invalid(text)) => return Err(OAuthError::invalid_dpop_proof(text)),
        Err(ProofError::UseNonce) => {
            return Err(OAuthError::use_dpop_nonce(oauth.issue_nonce(server)))
        }
    };
    let url = oauth.endpoint(server, "token");
    let expected = Expected {
        method: "POST",
        url: &url,
        access_token: None,
        server,
        now,
    };
    match dpop::check(oauth, proof, &expected) {
        Ok(valid) => Ok(Some(valid)),
        Err(ProofError::Invalid(text)) => Err(OAuthError::invalid_dpop_proof(text)),
        Err(ProofError::UseNonce) => Err(OAuthError::use_dpop_nonce(oauth.issue_nonce(server))),
    }
}

/// The `token` parameter, or `invalid_request`.
fn token_param(params: &Params) -> Result<&str, OAuthError> {
    params
        .get("token")
        .ok_or_else(|| OAuthError::invalid_request("The token parameter is required."))
}

/// `POST .../v1/introspect`: whether a token of this server is active, and its claims.
fn introspect(
    oauth: &OAuth,
    server: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OAuthError> {
    let now = now_secs();
    let params = Params::parse(headers, body)?;
    let auth = client_of(oauth, server, "introspect", headers, &params, now)?;
    let token = token_param(&params)?;
    commit_client(oauth, &auth)?;
    let Some(claims) = oauth.verify_access_token(server, token, now) else {
        return Ok(Json(json!({ "active": false })).into_response());
    };
    let scope = match claims.get("scp") {
        Some(Value::Array(scopes)) => scopes
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        Some(Value::String(scopes)) => scopes.clone(),
        _ => String::new(),
    };
    let mut answer = json!({
        "active": true,
        "scope": scope,
        "client_id": claims.get("cid"),
        "token_type": if claims.contains_key("cnf") { "DPoP" } else { "Bearer" },
        "exp": claims.get("exp"),
        "iat": claims.get("iat"),
        "sub": claims.get("sub"),
        "aud": claims.get("aud"),
        "iss": claims.get("iss"),
        "jti": claims.get("jti"),
    });
    if claims.contains_key("uid") {
        answer["username"] = claims.get("sub").cloned().unwrap_or(Value::Null);
        answer["uid"] = claims.get("uid").cloned().unwrap_or(Value::Null);
    }
    if let Some(cnf) = claims.get("cnf") {
        answer["cnf"] = cnf.clone();
    }
    Ok(Json(answer).into_response())
}

/// `POST .../v1/revoke`: revokes an access token of this server issued to the client.
/// Unknown tokens and tokens of other clients are ignored (`200` all the same).
fn revoke(
    oauth: &OAuth,
    server: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OAuthError> {
    let now = now_secs();
    let params = Params::parse(headers, body)?;
    let auth = client_of(oauth, server, "revoke", headers, &params, now)?;
    let token = token_param(&params)?;
    commit_client(oauth, &auth)?;
    let issued_to_client = oauth
        .verify_access_token(server, token, now)
        .and_then(|claims| claims.get("cid").cloned())
        .is_some_and(|cid| cid == auth.client.client.client_id.as_str());
    if issued_to_client {
        oauth.revoke(token);
    }
    let mut response = StatusCode::OK.into_response();
    no_store(response.headers_mut());
    Ok(response)
}

/// Records the assertion `jti` of an authenticated client.
fn commit_client(oauth: &OAuth, auth: &Authenticated) -> Result<(), OAuthError> {
    oauth
        .commit(auth.replay.as_ref(), None)
        .map_err(|_| OAuthError::invalid_client("The client_assertion 'jti' was already used."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_server_grants_only_allowed_okta_scopes() {
        let allowed = vec!["okta.users.read".to_owned(), "custom".to_owned()];
        assert_eq!(
            granted_scopes("org", &allowed, Some("okta.users.read okta.users.read")).ok(),
            Some(vec!["okta.users.read".to_owned()])
        );
        let refused = granted_scopes("org", &allowed, Some("custom"));
        assert_eq!(refused.err().map(|e| e.code()), Some("invalid_scope"));
        assert!(granted_scopes("default", &allowed, Some("custom")).is_ok());
        let refused = granted_scopes("default", &allowed, Some("other"));
        assert_eq!(refused.err().map(|e| e.code()), Some("invalid_scope"));
        let refused = granted_scopes("default", &allowed, Some("  "));
        assert_eq!(refused.err().map(|e| e.code()), Some("invalid_scope"));
    }
}
