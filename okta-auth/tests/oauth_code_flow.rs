//! Authorization code with PKCE, refresh and userinfo against a scripted token endpoint.

use okta_auth::oauth::{ClientAuth, Endpoints, OAuthClient, OAuthError, TokenType};
use okta_core::secrecy::{ExposeSecret, SecretString};
use okta_core::{Client, Config};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn setup() -> (MockServer, OAuthClient) {
    let server = MockServer::start().await;
    let http = Client::new(
        Config::builder()
            .org_url(server.uri())
            .anonymous()
            .build()
            .unwrap(),
    )
    .unwrap();
    let client = OAuthClient::new(
        http,
        "0oaweb",
        ClientAuth::SecretPost(SecretString::from("web-secret".to_string())),
        Endpoints::okta(&format!("{}/oauth2/default", server.uri())).unwrap(),
    );
    (server, client)
}

#[tokio::test]
async fn the_authorize_url_carries_pkce_s256_state_and_nonce() {
    let (_server, client) = setup().await;
    let login = client
        .authorization_request("https://app.example.com/cb", &["openid", "email"])
        .unwrap();
    let q: std::collections::HashMap<_, _> = login.url.query_pairs().into_owned().collect();
    assert!(login.url.path().ends_with("/oauth2/default/v1/authorize"));
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], "0oaweb");
    assert_eq!(q["scope"], "openid email");
    assert_eq!(q["state"], login.state);
    assert_eq!(q["nonce"], login.nonce);
    assert_eq!(q["code_challenge_method"], "S256");
    // The challenge is the SHA-256 of the verifier, and the verifier never leaves the app.
    use base64::Engine;
    let expected =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA256,
            login.pkce_verifier.expose_secret().as_bytes(),
        ));
    assert_eq!(q["code_challenge"], expected);
    assert!(!login
        .url
        .as_str()
        .contains(login.pkce_verifier.expose_secret()));
    assert!(login.pkce_verifier.expose_secret().len() >= 43);
}

#[tokio::test]
async fn code_exchange_sends_the_verifier_and_returns_all_tokens() {
    let (server, client) = setup().await;
    let login = client
        .authorization_request("https://app.example.com/cb", &["openid", "offline_access"])
        .unwrap();
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=the-code"))
        .and(body_string_contains(
            format!("code_verifier={}", login.pkce_verifier.expose_secret()).as_str(),
        ))
        .and(body_string_contains("client_secret=web-secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "expires_in": 3600, "access_token": "at-1",
            "refresh_token": "rt-1", "id_token": "h.p.s", "scope": "openid offline_access"})))
        .mount(&server)
        .await;
    let tokens = client
        .exchange_code(&login, "the-code", &login.state.clone())
        .await
        .unwrap();
    assert_eq!(tokens.access.secret(), "at-1");
    assert_eq!(tokens.access.token_type, TokenType::Bearer);
    assert_eq!(
        tokens.refresh_token.as_ref().unwrap().expose_secret(),
        "rt-1"
    );
    assert_eq!(tokens.id_token.as_deref(), Some("h.p.s"));
    assert!(!format!("{tokens:?}").contains("rt-1"));
}

#[tokio::test]
async fn a_redirect_with_another_state_is_refused_before_any_request() {
    let (server, client) = setup().await;
    let login = client
        .authorization_request("https://app.example.com/cb", &["openid"])
        .unwrap();
    let err = client
        .exchange_code(&login, "code", "forged-state")
        .await
        .unwrap_err();
    assert!(matches!(err, OAuthError::StateMismatch));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn refresh_and_userinfo() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=rt-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "expires_in": 60, "access_token": "at-2", "refresh_token": "rt-2"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth2/default/v1/userinfo"))
        .and(header("authorization", "Bearer at-2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"sub": "00u1", "email": "jane@example.com"})),
        )
        .mount(&server)
        .await;
    let tokens = client
        .refresh(&SecretString::from("rt-1".to_string()), &[])
        .await
        .unwrap();
    assert_eq!(tokens.access.secret(), "at-2");
    let info = client.userinfo(&tokens.access).await.unwrap();
    assert_eq!(info["email"], "jane@example.com");
}

#[tokio::test]
async fn an_oauth_error_keeps_error_and_description() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant", "error_description": "The refresh token is invalid or expired."})))
        .mount(&server)
        .await;
    let err = client
        .refresh(&SecretString::from("rt-old".to_string()), &[])
        .await
        .unwrap_err();
    let OAuthError::Request(okta_core::Error::OAuth(e)) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.error, "invalid_grant");
    assert!(e.error_description.as_deref().unwrap().contains("expired"));
    assert!(!format!("{err} {err:?}").contains("rt-old"));
}

/// A server saying a token lives for 2^64-1 seconds must neither overflow the clock nor have
/// the token kept for ever: a day at most is taken.
#[tokio::test]
async fn an_absurd_expires_in_is_capped_at_a_day() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "expires_in": u64::MAX, "access_token": "at-forever"})))
        .mount(&server)
        .await;
    let before = std::time::SystemTime::now();
    let tokens = client
        .refresh(&SecretString::from("rt-1".to_string()), &[])
        .await
        .unwrap();
    let lifetime = tokens.access.expires_at.duration_since(before).unwrap();
    assert!(
        lifetime <= std::time::Duration::from_secs(24 * 3600 + 5),
        "{lifetime:?}"
    );
    assert!(
        lifetime >= std::time::Duration::from_secs(24 * 3600 - 5),
        "{lifetime:?}"
    );
}

/// Okta allows access tokens of 5 minutes: with the default 5-minute renewal margin such a
/// token must still be reused (renewed at half its lifetime), not fetched again per call.
#[tokio::test]
async fn a_five_minute_token_is_reused_by_the_cache() {
    use okta_auth::oauth::{ClientCredentials, TokenCache};
    let (server, _) = setup().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "expires_in": 300, "access_token": "at-short", "scope": "okta.users.read"})))
        .expect(1)
        .mount(&server)
        .await;
    let http = Client::new(
        Config::builder()
            .org_url(server.uri())
            .anonymous()
            .build()
            .unwrap(),
    )
    .unwrap();
    let grant = ClientCredentials::new(
        http,
        &format!("{}/oauth2/default/v1/token", server.uri()),
        "0oasvc",
        ClientAuth::SecretPost(SecretString::from("svc-secret".to_string())),
    )
    .unwrap()
    .scopes(["okta.users.read"]);
    let cache = TokenCache::new(grant);
    for _ in 0..3 {
        assert_eq!(cache.token().await.unwrap().secret(), "at-short");
    }
    assert_eq!(cache.requests().await, 1);
}

/// A long DPoP nonce is sent back whole: a nonce cut for display would never be accepted.
#[tokio::test]
async fn a_long_dpop_nonce_is_sent_back_whole() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use okta_auth::oauth::Dpop;
    let (server, client) = setup().await;
    let client = client.with_dpop(Dpop::generate().unwrap());
    let nonce = "n".repeat(400);
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("dpop-nonce", nonce.as_str())
                .set_body_json(json!({"error": "use_dpop_nonce",
                    "error_description": "Authorization server requires nonce in DPoP proof."})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/default/v1/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "DPoP", "expires_in": 3600, "access_token": "at-dpop"})))
        .mount(&server)
        .await;
    let tokens = client
        .refresh(&SecretString::from("rt-1".to_string()), &[])
        .await
        .unwrap();
    assert_eq!(tokens.access.token_type, TokenType::DPoP);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let proof = requests[1].headers.get("dpop").unwrap().to_str().unwrap();
    let claims: serde_json::Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(proof.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["nonce"], nonce);
}
