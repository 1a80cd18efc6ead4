//! Obtaining tokens from the fake org and calling its Management API with them.

use std::sync::Arc;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use okta_auth::oauth::{
    ClientAuth, ClientCredentials, Dpop, ServiceAppCredentials, SigningKey, TokenType,
};
use okta_core::secrecy::SecretString;
use okta_core::{Client, Config};
use okta_testkit::{ClientAuth as FakeAuth, FakeOrg, OAuthClientSpec};
use serde_json::{json, Value};

fn anonymous(org: &FakeOrg) -> Client {
    Client::new(
        Config::builder()
            .org_url(org.url())
            .anonymous()
            .build()
            .unwrap(),
    )
    .unwrap()
}

fn rsa_pem() -> String {
    let key = rsa::KeyPair::generate(rsa::KeySize::Rsa2048).unwrap();
    let der = key.as_der().unwrap();
    let b64 = STANDARD.encode(der.as_ref());
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

/// A private_key_jwt client registered with the org, and its signing key.
fn key_client(org: &FakeOrg, scopes: &[&str], dpop: bool) -> (String, SigningKey) {
    let key = SigningKey::from_pem(&rsa_pem(), Some("key-1".into())).unwrap();
    let mut jwk = key.public_jwk();
    jwk["kid"] = json!("key-1");
    let client = org.create_oauth_client(
        OAuthClientSpec::new(FakeAuth::PrivateKeyJwt {
            jwks: json!({"keys": [jwk]}),
        })
        .with_scopes(scopes.iter().copied())
        .with_dpop_required(dpop),
    );
    (client.client_id, key)
}

fn token_posts(org: &FakeOrg) -> usize {
    org.requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/v1/token"))
        .count()
}

#[tokio::test]
async fn client_secret_basic_and_post_obtain_tokens() {
    let org = FakeOrg::start().await.unwrap();
    for (fake, make) in [
        (
            FakeAuth::SecretBasic("s3cr:et/1".into()),
            ClientAuth::SecretBasic as fn(SecretString) -> ClientAuth,
        ),
        (
            FakeAuth::SecretPost("s3cret-2".into()),
            ClientAuth::SecretPost,
        ),
    ] {
        let secret = match &fake {
            FakeAuth::SecretBasic(s) | FakeAuth::SecretPost(s) => s.clone(),
            _ => unreachable!(),
        };
        let client = org.create_oauth_client(OAuthClientSpec::new(fake).with_scopes(["api:read"]));
        let grant = ClientCredentials::new(
            anonymous(&org),
            &org.token_endpoint("default"),
            client.client_id,
            make(SecretString::from(secret)),
        )
        .unwrap()
        .scopes(["api:read"]);
        let token = grant.request_token().await.unwrap();
        assert_eq!(token.token_type, TokenType::Bearer);
        assert_eq!(token.scope.as_deref(), Some("api:read"));
    }
}

#[tokio::test]
async fn a_wrong_secret_is_an_invalid_client_oauth_error_without_the_secret() {
    let org = FakeOrg::start().await.unwrap();
    let client = org.create_oauth_client(
        OAuthClientSpec::new(FakeAuth::SecretPost("right".into())).with_scopes(["api:read"]),
    );
    let grant = ClientCredentials::new(
        anonymous(&org),
        &org.token_endpoint("default"),
        client.client_id,
        ClientAuth::SecretPost(SecretString::from("wrong-secret-value".to_string())),
    )
    .unwrap()
    .scopes(["api:read"]);
    let err = grant.request_token().await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(text.contains("invalid_client"), "{text}");
    assert!(!text.contains("wrong-secret-value"));
}

#[tokio::test]
async fn private_key_jwt_with_rsa_pem_and_ec_jwk_keys() {
    let org = FakeOrg::start().await.unwrap();
    let (client_id, key) = key_client(&org, &["okta.users.read"], false);
    let grant = ClientCredentials::new(
        anonymous(&org),
        &org.token_endpoint("org"),
        client_id,
        ClientAuth::PrivateKeyJwt(key),
    )
    .unwrap()
    .scopes(["okta.users.read"]);
    assert_eq!(
        grant.request_token().await.unwrap().token_type,
        TokenType::Bearer
    );
    // A second request uses a new assertion (the org refuses replayed jti values).
    grant.request_token().await.unwrap();

    // An EC key given as a private JWK.
    let private = ec_private_jwk();
    let key = SigningKey::from_jwk(&private, Some("ec-1".into())).unwrap();
    let mut public = key.public_jwk();
    public["kid"] = json!("ec-1");
    let client = org.create_oauth_client(
        OAuthClientSpec::new(FakeAuth::PrivateKeyJwt {
            jwks: json!({"keys": [public]}),
        })
        .with_scopes(["okta.users.read"]),
    );
    let grant = ClientCredentials::new(
        anonymous(&org),
        &org.token_endpoint("org"),
        client.client_id,
        ClientAuth::PrivateKeyJwt(key),
    )
    .unwrap()
    .scopes(["okta.users.read"]);
    grant.request_token().await.unwrap();
}

/// A private JWK for a new P-256 key.
fn ec_private_jwk() -> Value {
    use aws_lc_rs::encoding::AsBigEndian;
    let pair = aws_lc_rs::signature::EcdsaKeyPair::generate(
        &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
    )
    .unwrap();
    let private = pair.private_key().as_be_bytes().unwrap();
    use aws_lc_rs::signature::KeyPair;
    let point = pair.public_key().as_ref();
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    json!({"kty":"EC","crv":"P-256","d":b64(private.as_ref()),"x":b64(&point[1..33]),"y":b64(&point[33..65])})
}

#[tokio::test]
async fn dpop_tokens_follow_the_nonce_challenge_and_are_bound() {
    let org = FakeOrg::start().await.unwrap();
    let (client_id, key) = key_client(&org, &["okta.users.read"], true);
    let dpop = Dpop::generate().unwrap();
    let grant = ClientCredentials::new(
        anonymous(&org),
        &org.token_endpoint("org"),
        client_id,
        ClientAuth::PrivateKeyJwt(key),
    )
    .unwrap()
    .scopes(["okta.users.read"])
    .dpop(dpop.clone());
    let token = grant.request_token().await.unwrap();
    assert_eq!(token.token_type, TokenType::DPoP);
    // First try answered use_dpop_nonce, the retry carried the nonce.
    assert_eq!(token_posts(&org), 2);
    let claims = okta_auth::jwt::decode_unverified(token.secret(), 16_384)
        .unwrap()
        .1;
    assert_eq!(claims["cnf"]["jkt"], dpop.thumbprint());
    // The nonce is remembered: the next token needs one request.
    grant.request_token().await.unwrap();
    assert_eq!(token_posts(&org), 3);
}

async fn service_client(
    org: &FakeOrg,
    scopes: &[&str],
    dpop: bool,
) -> (Client, Arc<ServiceAppCredentials>) {
    let (client_id, key) = key_client(org, scopes, dpop);
    let mut grant = ClientCredentials::new(
        anonymous(org),
        &org.token_endpoint("org"),
        client_id,
        ClientAuth::PrivateKeyJwt(key),
    )
    .unwrap()
    .scopes(scopes.iter().copied());
    if dpop {
        grant = grant.dpop(Dpop::generate().unwrap());
    }
    let creds = Arc::new(ServiceAppCredentials::new(grant));
    let config = Config::builder()
        .org_url(org.url())
        .credentials(creds.clone())
        .build()
        .unwrap();
    (Client::new(config).unwrap(), creds)
}

#[tokio::test]
async fn the_management_api_runs_on_private_key_jwt_and_dpop() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(3);
    let (client, _) = service_client(&org, &["okta.users.read"], true).await;
    let users: Vec<Value> = client
        .get("/api/v1/users")
        .send()
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(users.len(), 3);
    let api = org
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/v1/users" && r.status == 200)
        .unwrap();
    assert!(api.header("authorization").unwrap().starts_with("DPoP "));
    assert!(api.header("dpop").is_some());
}

#[tokio::test]
async fn a_missing_scope_is_a_403_api_error() {
    let org = FakeOrg::start().await.unwrap();
    let (client, _) = service_client(&org, &["okta.users.read"], false).await;
    let err = client
        .post("/api/v1/users")
        .json(&json!({"profile": {"login": "a@example.com", "email": "a@example.com", "firstName": "A", "lastName": "B"}}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(err.error_code(), Some("E0000006"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_token_request() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(1);
    let (client, creds) = service_client(&org, &["okta.users.read"], true).await;
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.get("/api/v1/users").send().await.map(|_| ()) })
        })
        .collect();
    for c in calls {
        c.await.unwrap().unwrap();
    }
    assert_eq!(creds.cache().requests().await, 1);
}

#[tokio::test]
async fn a_refused_token_is_dropped_and_the_call_retried_once_with_a_new_one() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(1);
    let (client, creds) = service_client(&org, &["okta.users.read"], false).await;
    client.get("/api/v1/users").send().await.unwrap();
    // Retiring the signing key invalidates every token it signed.
    org.rotate_keys("org");
    org.retire_old_keys("org");
    client.get("/api/v1/users").send().await.unwrap();
    assert_eq!(creds.cache().requests().await, 2);
    let statuses: Vec<u16> = org
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v1/users")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 401, 200]);
}

#[tokio::test]
async fn credentials_debug_and_errors_hold_no_key_or_token() {
    let org = FakeOrg::start().await.unwrap();
    let (client, creds) = service_client(&org, &["okta.users.read"], true).await;
    client.get("/api/v1/users").send().await.unwrap();
    let token = creds.cache().token().await.unwrap();
    let text = format!("{creds:?} {client:?} {token:?}");
    assert!(!text.contains(token.secret()));
    assert!(!text.contains("PRIVATE KEY"));
}

#[tokio::test]
async fn introspection_and_revocation_with_client_authentication() {
    use okta_auth::oauth::{Endpoints, OAuthClient};
    let org = FakeOrg::start().await.unwrap();
    let registered = org.create_oauth_client(
        OAuthClientSpec::new(FakeAuth::SecretBasic("intro-secret".into()))
            .with_scopes(["api:read"]),
    );
    let client = OAuthClient::new(
        anonymous(&org),
        registered.client_id,
        ClientAuth::SecretBasic(SecretString::from("intro-secret".to_string())),
        Endpoints::okta(&org.issuer("default")).unwrap(),
    );
    let token = client.client_credentials(&["api:read"]).await.unwrap();
    let info = client.introspect(token.secret()).await.unwrap();
    assert!(info.active);
    assert_eq!(info.scope.as_deref(), Some("api:read"));
    client.revoke(token.secret()).await.unwrap();
    assert!(!client.introspect(token.secret()).await.unwrap().active);
}

#[tokio::test]
async fn discovery_finds_the_endpoints_of_the_default_server() {
    use okta_auth::oauth::OAuthClient;
    let org = FakeOrg::start().await.unwrap();
    let client = OAuthClient::discover(
        anonymous(&org),
        &org.issuer("default"),
        "0oa-any",
        ClientAuth::None,
    )
    .await
    .unwrap();
    assert_eq!(
        client.endpoints().token.as_str(),
        org.token_endpoint("default")
    );
    assert!(client.endpoints().introspection.is_some());
}
