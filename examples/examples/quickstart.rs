//! Quickstart: talk to an Okta org with the SDK, no Okta account needed.
//!
//! The example starts the embedded fake org from `okta-testkit` on 127.0.0.1, then uses the
//! SDK exactly as against a real org: configure, create users, page through them, and read
//! Okta's error details and rate-limit headers.
//!
//! Run it with `cargo run -p examples --example quickstart`. To point it at a real org instead,
//! set `OKTA_CLIENT_ORGURL` and `OKTA_CLIENT_TOKEN`.

use futures_util::TryStreamExt;
use okta_auth::jwt::AccessTokenVerifier;
use okta_auth::oauth::{ClientAuth, ClientCredentials};
use okta_core::secrecy::SecretString;
use okta_core::{Client, Config, Error, ThrottlePolicy};
use okta_testkit::{ClientAuth as FakeAuth, FakeOrg, OAuthClientSpec};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A real org when configured, otherwise the embedded fake org.
    let (_fake, config) = match Config::from_env() {
        Ok(config) => (None, config),
        Err(_) => {
            let org = FakeOrg::start().await?;
            org.set_rate_limit(50, std::time::Duration::from_secs(1));
            let config = Config::builder()
                .org_url(org.url())
                .api_token(org.api_token())
                .user_agent_extension("okta-quickstart/1.0")
                .throttle(ThrottlePolicy::default())
                .build()?;
            println!("started a fake Okta org at {}", org.url());
            (Some(org), config)
        }
    };
    let client = Client::new(config)?;

    // Create a few users (raw Management API calls; typed models arrive with okta-mgmt).
    for i in 1..=5 {
        let user: serde_json::Value = client
            .post("/api/v1/users")
            .query("activate", "true")
            .json(&json!({"profile": {
                "firstName": "Quick", "lastName": format!("Start{i}"),
                "email": format!("quick{i}@example.com"), "login": format!("quick{i}@example.com"),
                "department": "Engineering"
            }}))
            .send()
            .await?
            .json()?;
        println!("created {} ({})", user["profile"]["login"], user["id"]);
    }

    // Okta's error details survive: a duplicate login is an E0000001 with its cause.
    let duplicate = client
        .post("/api/v1/users")
        .json(
            &json!({"profile": {"firstName": "Quick", "lastName": "Again",
            "email": "quick1@example.com", "login": "quick1@example.com"}}),
        )
        .send()
        .await;
    if let Err(Error::Api(e)) = duplicate {
        println!("duplicate refused: {e}");
    }

    // Page through users two at a time; the stream follows Okta's Link headers lazily.
    let mut users = client
        .get("/api/v1/users")
        .query("limit", "2")
        .stream::<serde_json::Value>();
    let mut count = 0;
    while let Some(user) = users.try_next().await? {
        count += 1;
        println!("  {:>2}. {}", count, user["profile"]["login"]);
    }
    println!("listed {count} users in {} pages", users.pages_fetched());

    let response = client
        .get("/api/v1/users")
        .query("limit", "1")
        .send()
        .await?;
    if let Some(rl) = response.rate_limit() {
        println!(
            "rate limit: {}/{} left, request id {}",
            rl.remaining,
            rl.limit,
            response.request_id().unwrap_or("-")
        );
    }

    if let Some(org) = &_fake {
        verify_a_token(org).await?;
    }
    Ok(())
}

/// Obtains an access token from the org's `default` authorization server with the
/// client-credentials grant, then verifies it the way an API protected by Okta would.
async fn verify_a_token(org: &FakeOrg) -> Result<(), Box<dyn std::error::Error>> {
    let app = org.create_oauth_client(
        OAuthClientSpec::new(FakeAuth::SecretPost("quickstart-secret".into()))
            .with_scopes(["orders:read"]),
    );
    let http = Client::new(Config::builder().org_url(org.url()).anonymous().build()?)?;
    let token = ClientCredentials::new(
        http,
        &org.token_endpoint("default"),
        app.client_id,
        ClientAuth::SecretPost(SecretString::from("quickstart-secret".to_string())),
    )?
    .scopes(["orders:read"])
    .request_token()
    .await?;
    let verifier = AccessTokenVerifier::builder(org.issuer("default"))
        .audience("api://default")
        .discover()
        .await?;
    let claims = verifier.verify(token.secret()).await?;
    println!(
        "verified an access token for client {} with scopes {:?}",
        claims.cid.as_deref().unwrap_or("-"),
        claims.scp
    );
    Ok(())
}
