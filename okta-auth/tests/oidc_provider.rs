//! Integration tests against a real, certified OpenID Provider: the `oidc-provider` npm
//! package, configured and started by `tools/oidc-provider/run.sh`, which exports
//! `OIDC_PROVIDER_URL`. Without that variable every test prints one line and passes.
//!
//! The provider's clients, resources and admin endpoints are described in
//! `tools/oidc-provider/README.md`. Its access tokens are RFC 9068 JWTs (`typ: at+jwt`) whose
//! scopes are in `scope` (a space-separated string) and whose client is in `client_id`, so
//! the Okta-specific `scp` and `cid` fields of the claims stay empty and the tests read
//! `claims.custom` instead.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use okta_auth::jwt::{self, AccessTokenClaims, AccessTokenVerifier, CustomClaims, JwtError};
use okta_auth::oauth::{ClientAuth, ClientCredentials, OAuthClient, OAuthError, SigningKey, Token};
use okta_core::secrecy::SecretString;
use okta_core::{Client, Config};
use serde_json::Value;
use tokio::sync::RwLock;

/// The audience (resource indicator) of the provider's default resource.
const API: &str = "urn:okta-sdk-rust:api";
/// A second resource of the provider, with scope `other:read`.
const OTHER_API: &str = "urn:okta-sdk-rust:other-api";
/// Access token lifetime configured in server.js.
const ACCESS_TOKEN_TTL: u64 = 600;

const SECRET_BASIC: (&str, &str) = ("secret-basic", "secret-basic-test-secret");
const SECRET_POST: (&str, &str) = ("secret-post", "secret-post-test-secret");
const OPAQUE_TOKENS: (&str, &str) = ("opaque-tokens", "opaque-tokens-test-secret");
const PKJWT: &str = "pkjwt";

/// The provider's signing keys are shared by every test in this binary: tests that verify
/// tokens hold a read guard, the key-rotation test holds the write guard.
static SIGNING_KEYS: RwLock<()> = RwLock::const_new(());

/// The issuer, or `None` (after saying so) when the provider was not started.
fn issuer() -> Option<String> {
    match std::env::var("OIDC_PROVIDER_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            println!(
                "skipped: OIDC_PROVIDER_URL is not set (the test command starts oidc-provider)"
            );
            None
        }
    }
}

/// An anonymous HTTP client for the provider's origin.
fn http(issuer: &str) -> Client {
    let config = Config::builder()
        .org_url(issuer)
        .anonymous()
        .build()
        .expect("the provider URL is a valid loopback origin");
    Client::new(config).expect("HTTP client")
}

async fn token_endpoint(issuer: &str) -> String {
    jwt::discover(issuer)
        .await
        .expect("discovery")
        .token_endpoint
        .expect("the provider has a token endpoint")
}

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

fn tools_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/oidc-provider")
}

/// The TEST-ONLY key of the `pkjwt` client, with the kid of the JWKS the provider loaded.
fn pkjwt_key() -> SigningKey {
    let dir = tools_dir();
    let pem = std::fs::read_to_string(dir.join("pkjwt-test-key.pem")).expect("pkjwt-test-key.pem");
    let jwks: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("pkjwt-jwks.json")).expect("pkjwt-jwks.json"),
    )
    .expect("pkjwt-jwks.json is JSON");
    let kid = jwks["keys"][0]["kid"]
        .as_str()
        .expect("the pkjwt JWKS names a kid")
        .to_owned();
    SigningKey::from_pem(&pem, Some(kid)).expect("the test key is a P-256 PKCS #8 key")
}

/// A fresh P-256 key, unknown to the provider, with `kid`.
fn impostor_key(kid: Option<String>) -> SigningKey {
    use aws_lc_rs::encoding::AsBigEndian;
    use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).expect("key");
    let d = pair.private_key().as_be_bytes().expect("private scalar");
    let point = pair.public_key().as_ref();
    let jwk = serde_json::json!({
        "kty": "EC",
        "crv": "P-256",
        "d": URL_SAFE_NO_PAD.encode(d.as_ref()),
        "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
        "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
    });
    SigningKey::from_jwk(&jwk, kid).expect("a usable P-256 JWK")
}

async fn request_token(
    issuer: &str,
    client_id: &str,
    auth: ClientAuth,
    scopes: &[&str],
) -> Result<Token, OAuthError> {
    ClientCredentials::new(http(issuer), &token_endpoint(issuer).await, client_id, auth)?
        .scopes(scopes.iter().copied())
        .request_token()
        .await
}

/// A verifier for `audience` that refetches the JWKS for every unknown kid.
async fn verifier(issuer: &str, audience: &str) -> AccessTokenVerifier {
    AccessTokenVerifier::builder(issuer)
        .audience(audience)
        .min_refresh_interval(Duration::ZERO)
        .discover()
        .await
        .expect("verifier through discovery")
}

fn header(token: &str) -> Value {
    jwt::decode_unverified(token, 16 * 1024).expect("a JWS").0
}

fn kid(token: &str) -> String {
    header(token)["kid"]
        .as_str()
        .expect("the token names its key")
        .to_owned()
}

fn custom_str<'a>(claims: &'a AccessTokenClaims<CustomClaims>, name: &str) -> Option<&'a str> {
    claims.custom.get(name).and_then(Value::as_str)
}

/// Checks what every client-credentials token of the provider carries.
fn assert_client_token(
    issuer: &str,
    token: &Token,
    claims: &AccessTokenClaims<CustomClaims>,
    client_id: &str,
    scope: &str,
) {
    assert_eq!(token.scope.as_deref(), Some(scope));
    let lifetime = token
        .expires_at
        .duration_since(SystemTime::now())
        .expect("the token expires in the future");
    assert!(
        lifetime > Duration::from_secs(ACCESS_TOKEN_TTL - 60)
            && lifetime <= Duration::from_secs(ACCESS_TOKEN_TTL),
        "expires_at follows expires_in ({lifetime:?})"
    );
    assert_eq!(claims.iss, issuer);
    assert!(claims.aud.iter().any(|a| a == API));
    assert_eq!(claims.sub.as_deref(), Some(client_id));
    assert_eq!(custom_str(claims, "client_id"), Some(client_id));
    assert_eq!(custom_str(claims, "scope"), Some(scope));
    assert!(claims.scp.is_empty() && claims.cid.is_none());
    assert_eq!(
        claims.exp.seconds() - claims.iat.seconds(),
        ACCESS_TOKEN_TTL
    );
}

/// `POST` or `GET` an admin endpoint of the test server.
async fn admin(issuer: &str, method: &str, path: &str) -> Value {
    let http = http(issuer);
    let url = format!("{issuer}{path}");
    let request = match method {
        "POST" => http.post(&url),
        _ => http.get(&url),
    };
    request
        .send()
        .await
        .and_then(|r| r.json())
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

async fn jwks_requests(issuer: &str) -> u64 {
    admin(issuer, "GET", "/admin/stats").await["jwks_requests"]
        .as_u64()
        .expect("jwks_requests")
}

fn kids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("a list of kids")
        .iter()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect()
}

async fn published_kids(issuer: &str) -> Vec<String> {
    let meta = jwt::discover(issuer).await.expect("discovery");
    let jwks: Value = http(issuer)
        .get(&meta.jwks_uri)
        .send()
        .await
        .and_then(|r| r.json())
        .expect("the JWKS");
    jwks["keys"]
        .as_array()
        .expect("JWKS keys")
        .iter()
        .filter_map(|k| k["kid"].as_str().map(str::to_owned))
        .collect()
}

fn oauth_error(result: Result<Token, OAuthError>) -> Box<okta_core::error::OAuthError> {
    match result {
        Err(OAuthError::Request(okta_core::Error::OAuth(e))) => e,
        other => panic!("expected an OAuth error from the token endpoint, got {other:?}"),
    }
}

#[tokio::test]
async fn discovery_names_the_issuer_and_its_endpoints() {
    let Some(issuer) = issuer() else { return };
    let meta = jwt::discover(&issuer).await.expect("discovery");
    assert_eq!(meta.issuer, issuer);
    assert_eq!(meta.jwks_uri, format!("{issuer}/jwks"));
    assert_eq!(meta.token_endpoint, Some(format!("{issuer}/token")));
    for endpoint in [&meta.introspection_endpoint, &meta.revocation_endpoint] {
        let endpoint = endpoint.as_deref().expect("endpoint advertised");
        assert!(endpoint.starts_with(&format!("{issuer}/")), "{endpoint}");
    }
}

#[tokio::test]
async fn discovery_refuses_a_document_that_names_another_issuer() {
    let Some(issuer) = issuer() else { return };
    // The same document, asked for as `{issuer}/`: its `issuer` is not that string.
    let asked = format!("{issuer}/");
    match jwt::discover(&asked).await {
        Err(JwtError::IssuerMismatch { expected, found }) => {
            assert_eq!(expected, asked);
            assert_eq!(found, issuer);
        }
        other => panic!("expected IssuerMismatch, got {other:?}"),
    }
}

#[tokio::test]
async fn client_credentials_with_client_secret_basic() {
    let Some(issuer) = issuer() else { return };
    let _keys = SIGNING_KEYS.read().await;
    let (id, pw) = SECRET_BASIC;
    let token = request_token(
        &issuer,
        id,
        ClientAuth::SecretBasic(secret(pw)),
        &["api:read"],
    )
    .await
    .expect("token");
    let claims = verifier(&issuer, API)
        .await
        .verify(token.secret())
        .await
        .expect("the token verifies");
    assert_client_token(&issuer, &token, &claims, id, "api:read");
}

#[tokio::test]
async fn client_credentials_with_client_secret_post() {
    let Some(issuer) = issuer() else { return };
    let _keys = SIGNING_KEYS.read().await;
    let (id, pw) = SECRET_POST;
    let token = request_token(
        &issuer,
        id,
        ClientAuth::SecretPost(secret(pw)),
        &["api:read", "api:write"],
    )
    .await
    .expect("token");
    let claims = verifier(&issuer, API)
        .await
        .verify(token.secret())
        .await
        .expect("the token verifies");
    assert_client_token(&issuer, &token, &claims, id, "api:read api:write");
}

#[tokio::test]
async fn client_credentials_with_private_key_jwt() {
    let Some(issuer) = issuer() else { return };
    let _keys = SIGNING_KEYS.read().await;
    let token = request_token(
        &issuer,
        PKJWT,
        ClientAuth::PrivateKeyJwt(pkjwt_key()),
        &["api:write"],
    )
    .await
    .expect("token");
    // server.js signs this client's access tokens with its P-256 key.
    assert_eq!(header(token.secret())["alg"], "ES256");
    let claims = verifier(&issuer, API)
        .await
        .verify(token.secret())
        .await
        .expect("the ES256 token verifies");
    assert_client_token(&issuer, &token, &claims, PKJWT, "api:write");
}

#[tokio::test]
async fn a_wrong_client_secret_is_refused_as_invalid_client() {
    let Some(issuer) = issuer() else { return };
    let (id, _) = SECRET_BASIC;
    let error = oauth_error(
        request_token(
            &issuer,
            id,
            ClientAuth::SecretBasic(secret("not-the-secret")),
            &["api:read"],
        )
        .await,
    );
    assert_eq!(error.status.as_u16(), 401);
    assert_eq!(error.error, "invalid_client");
}

#[tokio::test]
async fn a_client_assertion_signed_by_another_key_is_refused_as_invalid_client() {
    let Some(issuer) = issuer() else { return };
    // A new P-256 key that claims the registered key's kid.
    let impostor = impostor_key(pkjwt_key().kid().map(str::to_owned));
    let error = oauth_error(
        request_token(
            &issuer,
            PKJWT,
            ClientAuth::PrivateKeyJwt(impostor),
            &["api:read"],
        )
        .await,
    );
    assert_eq!(error.error, "invalid_client");
}

#[tokio::test]
async fn access_tokens_are_at_jwt_and_verify_through_discovery() {
    let Some(issuer) = issuer() else { return };
    let _keys = SIGNING_KEYS.read().await;
    let (id, pw) = SECRET_BASIC;
    let token = request_token(
        &issuer,
        id,
        ClientAuth::SecretBasic(secret(pw)),
        &["api:read", "api:write"],
    )
    .await
    .expect("token");
    let header = header(token.secret());
    assert_eq!(header["typ"], "at+jwt");
    assert_eq!(header["alg"], "RS256");
    assert!(published_kids(&issuer).await.contains(&kid(token.secret())));

    let verifier = verifier(&issuer, API).await;
    assert_eq!(verifier.issuer(), issuer);
    let claims = verifier
        .verify(token.secret())
        .await
        .expect("the token verifies");
    assert!(claims.jti.is_some());
    assert_eq!(custom_str(&claims, "scope"), Some("api:read api:write"));
    // Verifying again uses the cached keys: the signature check is repeatable.
    verifier
        .verify(token.secret())
        .await
        .expect("the token verifies again");

    // A changed signature byte and the token is refused.
    let (signed, signature) = token.secret().rsplit_once('.').expect("a JWS");
    let mut signature = signature.to_owned().into_bytes();
    signature[10] = if signature[10] == b'A' { b'B' } else { b'A' };
    let tampered = format!("{signed}.{}", String::from_utf8(signature).expect("ASCII"));
    match verifier.verify(&tampered).await {
        Err(JwtError::InvalidSignature) => {}
        other => panic!("expected InvalidSignature, got {other:?}"),
    }
}

#[tokio::test]
async fn a_token_for_another_audience_is_refused() {
    let Some(issuer) = issuer() else { return };
    let _keys = SIGNING_KEYS.read().await;
    // Ask the provider for a token for the other resource (RFC 8707 `resource`).
    let (id, pw) = SECRET_BASIC;
    let response: Value = http(&issuer)
        .post(&token_endpoint(&issuer).await)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", pw),
            ("scope", "other:read"),
            ("resource", OTHER_API),
        ])
        .send()
        .await
        .and_then(|r| r.json())
        .expect("token for the other resource");
    let other_token = response["access_token"].as_str().expect("access_token");

    match verifier(&issuer, API).await.verify(other_token).await {
        Err(JwtError::AudienceMismatch) => {}
        other => panic!("expected AudienceMismatch, got {other:?}"),
    }
    // The same token is fine for a verifier of its own audience.
    let claims = verifier(&issuer, OTHER_API)
        .await
        .verify(other_token)
        .await
        .expect("valid for its own audience");
    assert!(claims.aud.iter().any(|a| a == OTHER_API));
    assert_eq!(custom_str(&claims, "scope"), Some("other:read"));
}

#[tokio::test]
async fn a_running_verifier_follows_key_rotation_and_drops_retired_keys() {
    let Some(issuer) = issuer() else { return };
    let _keys = SIGNING_KEYS.write().await;
    let (id, pw) = SECRET_BASIC;
    let get_token = || {
        request_token(
            &issuer,
            id,
            ClientAuth::SecretBasic(secret(pw)),
            &["api:read"],
        )
    };

    let verifier = verifier(&issuer, API).await;
    let old = get_token().await.expect("token before rotation");
    let old_kid = kid(old.secret());
    verifier
        .verify(old.secret())
        .await
        .expect("verifies before rotation");
    let fetches = jwks_requests(&issuer).await;

    // Rotate: a new key signs, the old one stays published.
    let rotated = admin(&issuer, "POST", "/admin/rotate-keys").await;
    assert!(kids(&rotated["published"]).contains(&old_kid));
    let new = get_token().await.expect("token after rotation");
    let new_kid = kid(new.secret());
    assert_ne!(new_kid, old_kid);
    assert!(kids(&rotated["signing"]).contains(&new_kid));

    verifier
        .verify(new.secret())
        .await
        .expect("the same verifier accepts the new key");
    assert_eq!(
        jwks_requests(&issuer).await,
        fetches + 1,
        "one JWKS refresh for the unknown kid"
    );
    verifier
        .verify(old.secret())
        .await
        .expect("the old key is still published");
    assert_eq!(
        jwks_requests(&issuer).await,
        fetches + 1,
        "a known kid needs no refresh"
    );

    // Retire the old keys: they leave the published JWKS.
    let retired = admin(&issuer, "POST", "/admin/retire-old-keys").await;
    assert!(kids(&retired["retired"]).contains(&old_kid));
    let published = published_kids(&issuer).await;
    assert!(!published.contains(&old_kid) && published.contains(&new_kid));
    let fetches = jwks_requests(&issuer).await;

    // The next refresh (here for the key of a further rotation) drops the retired key.
    admin(&issuer, "POST", "/admin/rotate-keys").await;
    let newest = get_token().await.expect("token after the second rotation");
    verifier
        .verify(newest.secret())
        .await
        .expect("the verifier accepts the newest key");
    assert_eq!(
        jwks_requests(&issuer).await,
        fetches + 1,
        "one JWKS refresh for the newest kid"
    );

    match verifier.verify(old.secret()).await {
        Err(JwtError::UnknownKid(kid)) => assert_eq!(kid, old_kid),
        other => panic!("a token signed by a retired key must be refused, got {other:?}"),
    }
    assert_eq!(
        jwks_requests(&issuer).await,
        fetches + 2,
        "the retired kid was looked up once more before the token was refused"
    );
    verifier
        .verify(new.secret())
        .await
        .expect("the previous, still published key keeps working");
}

#[tokio::test]
async fn introspection_reports_a_token_active_then_inactive_after_revocation() {
    let Some(issuer) = issuer() else { return };
    let (id, pw) = OPAQUE_TOKENS;
    let client = OAuthClient::discover(
        http(&issuer),
        &issuer,
        id,
        ClientAuth::SecretBasic(secret(pw)),
    )
    .await
    .expect("OAuth client through discovery");
    // This client's access tokens are opaque: oidc-provider introspects and revokes only those.
    let token = client
        .client_credentials(&["api:read"])
        .await
        .expect("token");
    assert!(jwt::decode_unverified(token.secret(), 16 * 1024).is_err());

    let active = client
        .introspect(token.secret())
        .await
        .expect("introspection");
    assert!(active.active);
    assert_eq!(active.scope.as_deref(), Some("api:read"));
    assert_eq!(active.client_id.as_deref(), Some(id));
    assert_eq!(active.iss.as_deref(), Some(issuer.as_str()));
    let exp = active.exp.expect("exp");
    let iat = active.iat.expect("iat");
    assert_eq!(exp - iat, ACCESS_TOKEN_TTL);

    client.revoke(token.secret()).await.expect("revocation");
    let revoked = client
        .introspect(token.secret())
        .await
        .expect("introspection");
    assert!(!revoked.active);
    assert_eq!(revoked.scope, None);
    assert_eq!(revoked.client_id, None);

    // Revoking again is not an error (RFC 7009 section 2.2).
    client
        .revoke(token.secret())
        .await
        .expect("second revocation");
}
