//! Identity providers: the model keeps every field (unknown types and protocol details
//! included) and every operation sends the request Okta documents.

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::idps::{
    IdentityProvider, IdentityProviderType, IdpPolicy, IdpProtocol, IdpProtocolType, IssuerMode,
    LifecycleStatus,
};
use okta_mgmt::Okta;
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> (MockServer, Okta) {
    let server = MockServer::start().await;
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .build()
        .unwrap();
    (server, Okta::new(Client::new(config).unwrap()))
}

fn google_idp() -> Value {
    json!({
        "id": "0oa62bfdjnK55Z5x80h7", "type": "GOOGLE", "issuerMode": "ORG_URL",
        "name": "Google", "status": "ACTIVE",
        "created": "2026-01-10T12:00:00.000Z", "lastUpdated": "2026-01-11T12:00:00.000Z",
        "protocol": {
            "type": "OIDC", "scopes": ["profile", "email", "openid"],
            "endpoints": {
                "authorization": {"url": "https://accounts.google.com/o/oauth2/auth", "binding": "HTTP-REDIRECT"},
                "token": {"url": "https://www.googleapis.com/oauth2/v3/token", "binding": "HTTP-POST"}
            },
            "credentials": {"client": {"client_id": "google-client", "client_secret": "google-secret-value"}}
        },
        "policy": {
            "provisioning": {"action": "AUTO", "profileMaster": true,
                              "groups": {"action": "NONE"}, "conditions": {"deprovisioned": {"action": "NONE"}}},
            "accountLink": {"filter": null, "action": "AUTO"},
            "subject": {"userNameTemplate": {"template": "idpuser.email"}, "filter": null, "matchType": "USERNAME"},
            "maxClockSkew": 0
        },
        "_links": {
            "authorize": {"href": "https://example.okta.com/oauth2/v1/authorize?idp=0oa62bfdjnK55Z5x80h7", "templated": true},
            "clientRedirectUri": {"href": "https://example.okta.com/oauth2/v1/authorize/callback"}
        }
    })
}

#[test]
fn an_identity_provider_decodes_and_reserializes_unchanged() {
    let idp: IdentityProvider = serde_json::from_value(google_idp()).unwrap();
    assert_eq!(idp.type_, IdentityProviderType::Google);
    assert_eq!(idp.status, Some(LifecycleStatus::Active));
    assert_eq!(idp.issuer_mode, Some(IssuerMode::OrgUrl));
    let protocol = idp.protocol.as_ref().unwrap();
    assert_eq!(protocol.type_, Some(IdpProtocolType::Oidc));
    assert_eq!(protocol.scopes.as_ref().unwrap().len(), 3);
    assert_eq!(idp.policy.as_ref().unwrap().max_clock_skew, Some(0));
    assert_eq!(serde_json::to_value(&idp).unwrap(), google_idp());
}

#[test]
fn protocol_credentials_stay_out_of_debug() {
    let idp: IdentityProvider = serde_json::from_value(google_idp()).unwrap();
    let debug = format!("{idp:?}");
    assert!(!debug.contains("google-secret-value"), "{debug}");
}

#[test]
fn unknown_types_and_fields_are_kept() {
    let mut input = google_idp();
    input["type"] = json!("FUTURE_SOCIAL");
    input["status"] = json!("PENDING_REVIEW");
    input["protocol"]["type"] = json!("OAUTH3");
    input["protocol"]["pkce"] = json!({"required": true});
    input["futureTopLevel"] = json!("kept");
    let idp: IdentityProvider = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(
        idp.type_,
        IdentityProviderType::Unknown("FUTURE_SOCIAL".into())
    );
    assert_eq!(
        idp.status,
        Some(LifecycleStatus::Unknown("PENDING_REVIEW".into()))
    );
    assert_eq!(idp.extra["futureTopLevel"], "kept");
    assert_eq!(serde_json::to_value(&idp).unwrap(), input);
}

#[tokio::test]
async fn list_identity_providers_sends_q_type_and_limit() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/idps"))
        .and(query_param("q", "Goo"))
        .and(query_param("type", "GOOGLE"))
        .and(query_param("limit", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([google_idp()])))
        .expect(1)
        .mount(&server)
        .await;
    let idps: Vec<IdentityProvider> = okta
        .identity_providers()
        .list()
        .q("Goo")
        .type_(IdentityProviderType::Google)
        .limit(5)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(idps.len(), 1);
    assert_eq!(idps[0].name, "Google");
}

#[tokio::test]
async fn create_identity_provider_sends_only_what_is_set() {
    let (server, okta) = server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/idps"))
        .and(body_json(json!({
            "type": "OIDC", "name": "Partner",
            "protocol": {"type": "OIDC", "scopes": ["openid"],
                          "endpoints": {"jwks": {"url": "https://partner.example.com/keys"}}},
            "policy": {"maxClockSkew": 120000}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(google_idp()))
        .expect(1)
        .mount(&server)
        .await;
    let mut policy = IdpPolicy::default();
    policy.max_clock_skew = Some(120_000);
    let idp = IdentityProvider::new(IdentityProviderType::Oidc, "Partner")
        .protocol(
            IdpProtocol::new(IdpProtocolType::Oidc)
                .scopes(["openid"])
                .endpoints(json!({"jwks": {"url": "https://partner.example.com/keys"}})),
        )
        .policy(policy);
    let created = okta.identity_providers().create(&idp).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("0oa62bfdjnK55Z5x80h7"));
}

#[tokio::test]
async fn get_identity_provider_encodes_the_id() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/idps/0oa%2F6"))
        .respond_with(ResponseTemplate::new(200).set_body_json(google_idp()))
        .expect(1)
        .mount(&server)
        .await;
    let idp = okta.identity_providers().get("0oa/6").await.unwrap();
    assert_eq!(idp.type_, IdentityProviderType::Google);
}

#[tokio::test]
async fn replace_identity_provider_puts_the_whole_provider_back() {
    let (server, okta) = server().await;
    let mut idp: IdentityProvider = serde_json::from_value(google_idp()).unwrap();
    idp.name = "Google Workspace".into();
    let mut expected = google_idp();
    expected["name"] = json!("Google Workspace");
    Mock::given(method("PUT"))
        .and(path("/api/v1/idps/0oa62bfdjnK55Z5x80h7"))
        .and(body_json(expected.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(expected))
        .expect(1)
        .mount(&server)
        .await;
    let replaced = okta
        .identity_providers()
        .replace("0oa62bfdjnK55Z5x80h7", &idp)
        .await
        .unwrap();
    assert_eq!(replaced, idp);
}

#[tokio::test]
async fn delete_activate_and_deactivate_identity_provider() {
    let (server, okta) = server().await;
    let mut inactive = google_idp();
    inactive["status"] = json!("INACTIVE");
    Mock::given(method("DELETE"))
        .and(path("/api/v1/idps/0oa1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/idps/0oa1/lifecycle/activate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(google_idp()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/idps/0oa1/lifecycle/deactivate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(inactive))
        .expect(1)
        .mount(&server)
        .await;
    okta.identity_providers().delete("0oa1").await.unwrap();
    let active = okta.identity_providers().activate("0oa1").await.unwrap();
    assert_eq!(active.status, Some(LifecycleStatus::Active));
    let inactive = okta.identity_providers().deactivate("0oa1").await.unwrap();
    assert_eq!(inactive.status, Some(LifecycleStatus::Inactive));
}
