//! The axum layer answers as RFC 6750 section 3 prescribes and hands claims to handlers.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use axum::Router;
use okta_auth::axum::{Claims, OktaAuthLayer, RequireScopes};
use okta_auth::jwt::{AccessTokenVerifier, KeySet};
use okta_core::clock::ManualClock;
use serde_json::{json, Value};
use tower::ServiceExt;

mod common;
use common::{jwks, TestKey};

const ISS: &str = "https://dev-1.okta.com/oauth2/default";
const NOW: u64 = 1_800_000_000;

fn claims(scopes: &[&str]) -> Value {
    json!({"iss":ISS,"aud":"api://default","iat":NOW,"exp":NOW + 600,"sub":"jane@example.com","scp":scopes})
}

fn app(key: &TestKey) -> Router {
    let verifier = AccessTokenVerifier::builder(ISS)
        .audience("api://default")
        .clock(Arc::new(ManualClock::new(
            UNIX_EPOCH + Duration::from_secs(NOW),
        )))
        .keys(KeySet::from_jwks(&jwks(&[key])).unwrap())
        .unwrap();
    Router::new()
        .route(
            "/orders",
            get(|Claims(c): Claims| async move { c.sub.clone().unwrap_or_default() }),
        )
        .route_layer(RequireScopes::new(["orders:read"]))
        .route(
            "/me",
            get(|Claims(c): Claims| async move { c.scp.join(" ") }),
        )
        .layer(OktaAuthLayer::new(verifier))
}

async fn call(app: &Router, auth: Option<&str>, path: &str) -> (StatusCode, String, String) {
    let mut req = Request::builder().uri(path);
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let www = res
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = axum::body::to_bytes(res.into_body(), 1 << 16)
        .await
        .unwrap();
    (status, www, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn a_valid_token_reaches_the_handler_with_its_claims() {
    let k = TestKey::rsa("k1");
    let app = app(&k);
    let token = k.token(&claims(&["orders:read", "openid"]));
    let (status, _, body) = call(&app, Some(&format!("Bearer {token}")), "/orders").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "jane@example.com");
    // The scheme is case-insensitive.
    let (status, _, body) = call(&app, Some(&format!("bearer {token}")), "/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "orders:read openid");
}

#[tokio::test]
async fn no_token_gets_a_bare_bearer_challenge() {
    let app = app(&TestKey::rsa("k1"));
    let (status, www, _) = call(&app, None, "/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(www, "Bearer");
}

#[tokio::test]
async fn an_invalid_token_gets_invalid_token() {
    let k = TestKey::rsa("k1");
    let app = app(&k);
    let expired =
        k.token(&json!({"iss":ISS,"aud":"api://default","iat":NOW - 9000,"exp":NOW - 3600}));
    let (status, www, body) = call(&app, Some(&format!("Bearer {expired}")), "/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(www.starts_with("Bearer error=\"invalid_token\""), "{www}");
    assert!(www.contains("error_description=\"token expired\""), "{www}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["error"],
        "invalid_token"
    );
    let forged = TestKey::rsa("k1").token(&claims(&["orders:read"]));
    let (status, www, _) = call(&app, Some(&format!("Bearer {forged}")), "/orders").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(www.contains("invalid_token"));
}

#[tokio::test]
async fn a_missing_scope_gets_403_insufficient_scope() {
    let k = TestKey::rsa("k1");
    let app = app(&k);
    let token = k.token(&claims(&["openid"]));
    let (status, www, _) = call(&app, Some(&format!("Bearer {token}")), "/orders").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(www.contains("error=\"insufficient_scope\""), "{www}");
    assert!(www.contains("scope=\"orders:read\""), "{www}");
    // The same token is fine where no scope is required.
    let (status, _, _) = call(&app, Some(&format!("Bearer {token}")), "/me").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn other_schemes_and_malformed_headers_are_invalid_requests() {
    let app = app(&TestKey::rsa("k1"));
    for auth in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "SSWS 00abc"] {
        let (status, www, _) = call(&app, Some(auth), "/me").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{auth}");
        assert!(www.contains("invalid_request"), "{auth}: {www}");
    }
}

/// A DPoP-bound token (`cnf.jkt`) that leaked is worthless without its key: sent as a bearer
/// token it is refused (RFC 9449 section 7.2).
#[tokio::test]
async fn a_dpop_bound_token_sent_as_bearer_is_refused() {
    let k = TestKey::rsa("k1");
    let app = app(&k);
    let mut bound = claims(&["orders:read"]);
    bound["cnf"] = json!({"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"});
    let token = k.token(&bound);
    let (status, www, _) = call(&app, Some(&format!("Bearer {token}")), "/orders").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(www.contains("invalid_token"), "{www}");
    assert!(www.contains("DPoP"), "{www}");
}

/// An ID token whose audience happens to be accepted is still not an access token.
#[tokio::test]
async fn an_id_token_is_not_accepted_as_an_access_token() {
    let k = TestKey::rsa("k1");
    let app = app(&k);
    for claim in ["nonce", "at_hash"] {
        let mut id_token = claims(&[]);
        id_token[claim] = json!("n-0S6_WzA2Mj");
        let token = k.token(&id_token);
        let (status, www, _) = call(&app, Some(&format!("Bearer {token}")), "/me").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{claim}");
        assert!(www.contains("invalid_token"), "{www}");
    }
}

/// Rejections do not tell the client the expected issuer, key IDs or client IDs.
#[tokio::test]
async fn rejections_do_not_echo_what_the_verifier_expects() {
    let k = TestKey::rsa("k1");
    let app = app(&k);
    let mut wrong = claims(&[]);
    wrong["iss"] = json!("https://attacker.example/oauth2/default");
    let token = k.token(&wrong);
    let (status, www, body) = call(&app, Some(&format!("Bearer {token}")), "/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for secret in [ISS, "attacker.example", "k1"] {
        assert!(!www.contains(secret), "{www}");
        assert!(!body.contains(secret), "{body}");
    }
}

/// When the key set cannot be fetched the token may well be good: 503, not 401.
#[tokio::test]
async fn an_unavailable_key_set_is_a_503_not_an_invalid_token() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oauth2/default/v1/keys"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let iss = format!("{}/oauth2/default", server.uri());
    let verifier = AccessTokenVerifier::builder(&iss)
        .audience("api://default")
        .jwks_url(&format!("{iss}/v1/keys"))
        .unwrap();
    let app = Router::new()
        .route("/me", get(|| async { "hi" }))
        .layer(OktaAuthLayer::new(verifier));
    let k = TestKey::rsa("k1");
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let token = k.token(&json!({"iss": iss, "aud": "api://default", "iat": now, "exp": now + 600}));
    let (status, www, body) = call(&app, Some(&format!("Bearer {token}")), "/me").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(www, "");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["error"],
        "temporarily_unavailable"
    );
    assert!(!body.contains("/v1/keys"), "{body}");
}
