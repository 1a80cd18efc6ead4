//! Protect an axum API with Okta access tokens.
//!
//! The example starts the embedded fake Okta org, registers an OAuth client on its `default`
//! authorization server, and serves an API on 127.0.0.1 whose routes require a valid access
//! token (and, for `/orders`, the `orders:read` scope). It then calls the API three times:
//! without a token, with a token lacking the scope, and with the right token.
//!
//! Run it with `cargo run -p examples --example axum_api`.

use axum::routing::get;
use axum::Router;
use okta_auth::axum::{Claims, OktaAuthLayer, RequireScopes};
use okta_auth::jwt::AccessTokenVerifier;
use okta_auth::oauth::{ClientAuth, ClientCredentials};
use okta_core::secrecy::SecretString;
use okta_core::{Client, Config, RetryPolicy};
use okta_testkit::{ClientAuth as FakeAuth, FakeOrg, OAuthClientSpec};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let org = FakeOrg::start().await?;
    let issuer = org.issuer("default");

    // The API: every route needs a token from the `default` server for `api://default`.
    let verifier = AccessTokenVerifier::builder(&issuer)
        .audience("api://default")
        .discover()
        .await?;
    let app = Router::new()
        .route(
            "/orders",
            get(|Claims(c): Claims| async move {
                format!(
                    "orders visible to client {}",
                    c.cid.clone().unwrap_or_default()
                )
            }),
        )
        .route_layer(RequireScopes::new(["orders:read"]))
        .route(
            "/whoami",
            get(|Claims(c): Claims| async move { c.sub.clone().unwrap_or_default() }),
        )
        .layer(OktaAuthLayer::new(verifier));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let api = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("API listening on {api}, trusting tokens from {issuer}");

    // A client of the API: obtains tokens with the client-credentials grant.
    let registered = org.create_oauth_client(
        OAuthClientSpec::new(FakeAuth::SecretBasic("example-secret".into()))
            .with_scopes(["orders:read", "profile:read"]),
    );
    let token_for = |scopes: &'static [&'static str]| {
        let http = Client::new(Config::builder().org_url(org.url()).anonymous().build()?)?;
        Ok::<_, Box<dyn std::error::Error>>(
            ClientCredentials::new(
                http,
                &org.token_endpoint("default"),
                registered.client_id.clone(),
                ClientAuth::SecretBasic(SecretString::from("example-secret".to_string())),
            )?
            .scopes(scopes.iter().copied()),
        )
    };

    let call = |token: Option<String>| {
        let api = api.clone();
        async move {
            let mut b = Config::builder()
                .org_url(&api)
                .retry(RetryPolicy::disabled());
            b = match token {
                Some(t) => b.bearer_token(t),
                None => b.anonymous(),
            };
            let client = Client::new(b.build()?)?;
            Ok::<_, Box<dyn std::error::Error>>(match client.get("/orders").send().await {
                Ok(r) => format!("{} {}", r.status(), String::from_utf8_lossy(r.body())),
                Err(e) => e.to_string(),
            })
        }
    };

    println!("without a token:          {}", call(None).await?);
    let narrow = token_for(&["profile:read"])?.request_token().await?;
    println!(
        "token without the scope:  {}",
        call(Some(narrow.secret().to_owned())).await?
    );
    let good = token_for(&["orders:read"])?.request_token().await?;
    println!(
        "token with orders:read:   {}",
        call(Some(good.secret().to_owned())).await?
    );
    Ok(())
}
