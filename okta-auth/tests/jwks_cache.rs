//! The JWKS cache over HTTP: discovery, rotation, floods of unknown kids, failing refreshes.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use okta_auth::jwt::{AccessTokenVerifier, JwtError};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
use common::{jwks, TestKey};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn claims(iss: &str) -> Value {
    json!({"iss": iss, "aud": "api://default", "iat": now(), "exp": now() + 600, "scp": ["a"]})
}

struct Issuer {
    server: MockServer,
    iss: String,
}

impl Issuer {
    async fn start() -> Issuer {
        let server = MockServer::start().await;
        let iss = format!("{}/oauth2/default", server.uri());
        Mock::given(method("GET"))
            .and(path("/oauth2/default/.well-known/openid-configuration"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "issuer": iss, "jwks_uri": format!("{iss}/v1/keys"),
                "token_endpoint": format!("{iss}/v1/token")})))
            .mount(&server)
            .await;
        Issuer { server, iss }
    }

    /// Serves `keys` from now on (replacing what was served).
    async fn publish(&self, keys: &[&TestKey]) {
        self.server.reset().await;
        Mock::given(method("GET"))
            .and(path("/oauth2/default/.well-known/openid-configuration"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "issuer": self.iss, "jwks_uri": format!("{}/v1/keys", self.iss)})))
            .mount(&self.server)
            .await;
        Mock::given(method("GET"))
            .and(path("/oauth2/default/v1/keys"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(jwks(keys), "application/json")
                    .insert_header("cache-control", "max-age=3600"),
            )
            .mount(&self.server)
            .await;
    }

    async fn fail_keys(&self) {
        self.server.reset().await;
        Mock::given(method("GET"))
            .and(path("/oauth2/default/v1/keys"))
            .respond_with(ResponseTemplate::new(503))
            .mount(&self.server)
            .await;
    }

    async fn key_fetches(&self) -> usize {
        self.server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.url.path().ends_with("/v1/keys"))
            .count()
    }

    async fn verifier(&self, min_refresh: Duration) -> AccessTokenVerifier {
        AccessTokenVerifier::builder(&self.iss)
            .audience("api://default")
            .min_refresh_interval(min_refresh)
            .discover()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn discovery_finds_the_jwks_and_keys_are_fetched_once() {
    let issuer = Issuer::start().await;
    let k = TestKey::rsa("k1");
    issuer.publish(&[&k]).await;
    let v = issuer.verifier(Duration::from_secs(30)).await;
    for _ in 0..20 {
        v.verify(&k.token(&claims(&issuer.iss))).await.unwrap();
    }
    assert_eq!(issuer.key_fetches().await, 1);
}

#[tokio::test]
async fn discovery_refuses_metadata_for_another_issuer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oauth2/default/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": "https://evil.example/oauth2/default", "jwks_uri": "https://evil.example/keys"})))
        .mount(&server)
        .await;
    let err = AccessTokenVerifier::builder(format!("{}/oauth2/default", server.uri()))
        .audience("api://default")
        .discover()
        .await
        .unwrap_err();
    assert!(matches!(err, JwtError::IssuerMismatch { .. }), "{err:?}");
}

#[tokio::test]
async fn a_rotated_key_verifies_after_one_refresh_and_a_removed_key_stops_verifying() {
    let issuer = Issuer::start().await;
    let (old, new) = (TestKey::rsa("old"), TestKey::ec("new"));
    issuer.publish(&[&old]).await;
    let v = issuer.verifier(Duration::ZERO).await;
    v.verify(&old.token(&claims(&issuer.iss))).await.unwrap();

    // The issuer starts signing with a new key: one refresh, no restart.
    issuer.publish(&[&old, &new]).await;
    v.verify(&new.token(&claims(&issuer.iss))).await.unwrap();
    assert_eq!(
        issuer.key_fetches().await,
        1,
        "exactly one refresh for the new kid"
    );

    // The old key is withdrawn: after the next refresh it no longer verifies.
    issuer.publish(&[&new]).await;
    let probe = TestKey::rsa("unknown-kid-triggers-refresh");
    let _ = v.verify(&probe.token(&claims(&issuer.iss))).await;
    let err = v
        .verify(&old.token(&claims(&issuer.iss)))
        .await
        .unwrap_err();
    assert!(matches!(err, JwtError::UnknownKid(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_unknown_kids_causes_at_most_one_fetch_per_interval() {
    let issuer = Issuer::start().await;
    let k = TestKey::ec("k1");
    issuer.publish(&[&k]).await;
    let v = Arc::new(issuer.verifier(Duration::from_secs(60)).await);
    v.verify(&k.token(&claims(&issuer.iss))).await.unwrap();
    let tasks: Vec<_> = (0..1_000)
        .map(|i| {
            let v = v.clone();
            let token = k.token_with(json!({"kid": format!("random-{i}")}), &claims(&issuer.iss));
            tokio::spawn(async move { v.verify(&token).await })
        })
        .collect();
    for t in tasks {
        assert!(matches!(t.await.unwrap(), Err(JwtError::UnknownKid(_))));
    }
    // The first fetch, plus at most one refresh for the whole flood.
    assert!(
        issuer.key_fetches().await <= 2,
        "{} fetches",
        issuer.key_fetches().await
    );
    // Legitimate tokens kept verifying.
    v.verify(&k.token(&claims(&issuer.iss))).await.unwrap();
}

#[tokio::test]
async fn a_failed_refresh_keeps_serving_the_keys_already_held() {
    let issuer = Issuer::start().await;
    let k = TestKey::rsa("k1");
    issuer.publish(&[&k]).await;
    let v = issuer.verifier(Duration::ZERO).await;
    v.verify(&k.token(&claims(&issuer.iss))).await.unwrap();
    issuer.fail_keys().await;
    let other = TestKey::rsa("k2");
    let err = v
        .verify(&other.token(&claims(&issuer.iss)))
        .await
        .unwrap_err();
    assert!(matches!(err, JwtError::KeySet(_)), "{err:?}");
    v.verify(&k.token(&claims(&issuer.iss))).await.unwrap();
}
