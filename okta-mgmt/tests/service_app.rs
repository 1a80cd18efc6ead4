//! The typed Management API on service-app credentials: private_key_jwt client credentials
//! with DPoP-bound tokens, against the fake org's org authorization server.

use std::sync::Arc;

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::oauth::{ClientAuth, ClientCredentials, Dpop, ServiceAppCredentials, SigningKey};
use okta_mgmt::{GroupProfile, Okta};
use okta_testkit::{ClientAuth as FakeAuth, FakeOrg, OAuthClientSpec};
use serde_json::json;

async fn service_app(org: &FakeOrg, scopes: &[&str]) -> Okta {
    let key = SigningKey::generate_es256()
        .unwrap()
        .with_kid("service-key-1");
    let jwk = key.public_jwk();
    let spec = OAuthClientSpec::new(FakeAuth::PrivateKeyJwt {
        jwks: json!({"keys": [jwk]}),
    })
    .with_scopes(scopes.iter().copied())
    .with_dpop_required(true);
    let registered = org.create_oauth_client(spec);
    let anonymous = Client::new(
        Config::builder()
            .org_url(org.url())
            .anonymous()
            .build()
            .unwrap(),
    )
    .unwrap();
    let grant = ClientCredentials::new(
        anonymous,
        &org.token_endpoint("org"),
        registered.client_id,
        ClientAuth::PrivateKeyJwt(key),
    )
    .unwrap()
    .scopes(scopes.iter().copied())
    .dpop(Dpop::generate().unwrap());
    let credentials = Arc::new(ServiceAppCredentials::new(grant));
    let config = Config::builder()
        .org_url(org.url())
        .credentials(credentials)
        .build()
        .unwrap();
    Okta::new(Client::new(config).unwrap())
}

#[tokio::test]
async fn typed_calls_run_on_private_key_jwt_with_dpop_bound_tokens() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(3);
    let okta = service_app(&org, &["okta.users.read", "okta.groups.manage"]).await;

    let users: Vec<_> = okta.users().list().stream().try_collect().await.unwrap();
    assert_eq!(users.len(), 3);
    let group = okta
        .groups()
        .create(GroupProfile::new("Service app group"))
        .await
        .unwrap();
    okta.groups()
        .add_user(&group.id, &users[0].id)
        .await
        .unwrap();
    let members: Vec<_> = okta.groups().users(&group.id).try_collect().await.unwrap();
    assert_eq!(members.len(), 1);

    // Every Management API call carried a DPoP-bound token and a fresh proof.
    let api: Vec<_> = org
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
        .collect();
    assert!(api.len() >= 4);
    for request in &api {
        assert!(
            request
                .header("authorization")
                .unwrap()
                .starts_with("DPoP "),
            "{}",
            request.path
        );
        assert!(request.header("dpop").is_some(), "{}", request.path);
    }
}

#[tokio::test]
async fn a_scope_the_app_was_not_granted_is_an_okta_403() {
    let org = FakeOrg::start().await.unwrap();
    let okta = service_app(&org, &["okta.users.read"]).await;
    let error = okta
        .groups()
        .create(GroupProfile::new("not allowed"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(error.error_code(), Some("E0000006"));
}
