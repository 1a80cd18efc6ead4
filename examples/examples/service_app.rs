//! Call the Management API as an OAuth 2.0 service app: `private_key_jwt` + DPoP.
//!
//! Okta's preferred way for a backend to call the Management API: the service app proves its
//! identity with a signed JWT, receives a DPoP-bound access token with `okta.*` scopes, and
//! signs a DPoP proof for every call. The example runs it against the embedded fake org.
//!
//! Run it with `cargo run -p examples --example service_app`.

use std::sync::Arc;

use okta_auth::oauth::{ClientAuth, ClientCredentials, Dpop, ServiceAppCredentials, SigningKey};
use okta_core::{Client, Config};
use okta_testkit::{ClientAuth as FakeAuth, FakeOrg, OAuthClientSpec};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let org = FakeOrg::start().await?;
    org.seed_users(3);

    // The service app's key pair. In production the private key comes from a secret store
    // (OKTA_CLIENT_PRIVATEKEY) and the public JWK is registered with the app in Okta.
    let key = SigningKey::generate_es256()?.with_kid("service-key-1");
    let public = key.public_jwk();
    let app = org.create_oauth_client(
        OAuthClientSpec::new(FakeAuth::PrivateKeyJwt {
            jwks: json!({"keys": [public]}),
        })
        .with_scopes(["okta.users.read"])
        .with_dpop_required(true),
    );
    println!("service app {} registered with a public key", app.client_id);

    let http = Client::new(Config::builder().org_url(org.url()).anonymous().build()?)?;
    let grant = ClientCredentials::new(
        http,
        &org.token_endpoint("org"),
        app.client_id.clone(),
        ClientAuth::PrivateKeyJwt(key),
    )?
    .scopes(["okta.users.read"])
    .dpop(Dpop::generate()?);
    let credentials = Arc::new(ServiceAppCredentials::new(grant));

    let client = Client::new(
        Config::builder()
            .org_url(org.url())
            .credentials(credentials.clone())
            .build()?,
    )?;
    let users: Vec<serde_json::Value> = client.get("/api/v1/users").send().await?.json()?;
    for u in &users {
        println!("  {}", u["profile"]["login"]);
    }
    println!(
        "listed {} users with a DPoP-bound token ({} token request)",
        users.len(),
        credentials.cache().requests().await
    );
    Ok(())
}
