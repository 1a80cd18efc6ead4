//! The request each custom authorization server operation sends (method, path, query, body)
//! and the decoding of its answer, against a local mock server.

use futures_util::TryStreamExt;
use okta_mgmt::{
    AuthorizationServer, AuthorizationServerPolicy, AuthorizationServerPolicyRule,
    AuthorizationServerRuleConditions, ClaimType, ClaimValueType, KeyRotation, KeyStatus,
    LifecycleStatus, OAuth2Claim, OAuth2Scope, ScopeConsent, TokenActions,
};
use serde_json::{json, Value};
mod mock_support;

use mock_support::{expect, okta};

/// A server id that must be percent-encoded in a path.
const SERVER_ID: &str = "aus 1/x";
const SERVER_PATH: &str = "/api/v1/authorizationServers/aus%201%2Fx";

fn server_json(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Orders",
        "description": "Orders API",
        "audiences": ["api://orders"],
        "issuer": "https://example.okta.com/oauth2/aus1",
        "issuerMode": "ORG_URL",
        "status": "ACTIVE",
        "default": false,
        "credentials": {"signing": {"rotationMode": "AUTO", "kid": "k1", "use": "sig"}},
        "_links": {"self": {"href": "https://example.okta.com/api/v1/authorizationServers/aus1"}}
    })
}

#[tokio::test]
async fn servers_list_with_query_and_create() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "GET",
        "/api/v1/authorizationServers",
        &[("q", "Ord"), ("limit", "10"), ("after", "aus0")],
        None,
        200,
        Some(json!([server_json("aus1")])),
    )
    .await;
    expect(
        &server,
        "POST",
        "/api/v1/authorizationServers",
        &[],
        Some(json!({"name": "Orders", "description": "Orders API", "audiences": ["api://orders"]})),
        201,
        Some(server_json("aus1")),
    )
    .await;
    let servers: Vec<AuthorizationServer> = okta
        .authorization_servers()
        .list()
        .q("Ord")
        .limit(10)
        .after("aus0")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(servers[0].id.as_deref(), Some("aus1"));
    assert_eq!(servers[0].extra["default"], false);
    let created = okta
        .authorization_servers()
        .create(&AuthorizationServer::new("Orders", ["api://orders"]).description("Orders API"))
        .await
        .unwrap();
    assert_eq!(created.status, Some(LifecycleStatus::Active));
}

#[tokio::test]
async fn servers_get_replace_delete_and_lifecycle_encode_the_id() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "GET",
        SERVER_PATH,
        &[],
        None,
        200,
        Some(server_json(SERVER_ID)),
    )
    .await;
    let mut changed = server_json(SERVER_ID);
    changed["description"] = json!("Changed");
    expect(
        &server,
        "PUT",
        SERVER_PATH,
        &[],
        Some(changed.clone()),
        200,
        Some(changed),
    )
    .await;
    expect(&server, "DELETE", SERVER_PATH, &[], None, 204, None).await;
    expect(
        &server,
        "POST",
        &format!("{SERVER_PATH}/lifecycle/activate"),
        &[],
        None,
        204,
        None,
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{SERVER_PATH}/lifecycle/deactivate"),
        &[],
        None,
        204,
        None,
    )
    .await;
    let servers = okta.authorization_servers();
    let mut found = servers.get(SERVER_ID).await.unwrap();
    found.description = Some("Changed".into());
    // The member the SDK does not model (`default`) is written back with the change.
    let replaced = servers.replace(SERVER_ID, &found).await.unwrap();
    assert_eq!(replaced.description.as_deref(), Some("Changed"));
    servers.delete(SERVER_ID).await.unwrap();
    servers.activate(SERVER_ID).await.unwrap();
    servers.deactivate(SERVER_ID).await.unwrap();
}

#[tokio::test]
async fn scopes_list_create_get_replace_delete() {
    let (server, okta) = okta().await;
    let scope = json!({"id": "scp1", "name": "orders:read", "consent": "REQUIRED", "system": false,
                       "metadataPublish": "NO_CLIENTS", "default": false, "optional": false});
    expect(
        &server,
        "GET",
        &format!("{SERVER_PATH}/scopes"),
        &[
            ("q", "orders"),
            ("filter", "name eq \"orders:read\""),
            ("limit", "50"),
            ("after", "scp0"),
        ],
        None,
        200,
        Some(json!([scope.clone()])),
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{SERVER_PATH}/scopes"),
        &[],
        Some(json!({"name": "orders:read", "description": "Read orders", "consent": "REQUIRED"})),
        201,
        Some(scope.clone()),
    )
    .await;
    let scope_path = format!("{SERVER_PATH}/scopes/scp%2B1");
    expect(
        &server,
        "GET",
        &scope_path,
        &[],
        None,
        200,
        Some(scope.clone()),
    )
    .await;
    expect(
        &server,
        "PUT",
        &scope_path,
        &[],
        Some(scope.clone()),
        200,
        Some(scope.clone()),
    )
    .await;
    expect(&server, "DELETE", &scope_path, &[], None, 204, None).await;

    let scopes = okta.authorization_servers().scopes();
    let listed: Vec<OAuth2Scope> = scopes
        .list(SERVER_ID)
        .q("orders")
        .filter("name eq \"orders:read\"")
        .limit(50)
        .after("scp0")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed[0].consent, Some(ScopeConsent::Required));
    let new = OAuth2Scope::new("orders:read")
        .description("Read orders")
        .consent(ScopeConsent::Required);
    scopes.create(SERVER_ID, &new).await.unwrap();
    let got = scopes.get(SERVER_ID, "scp+1").await.unwrap();
    let replaced = scopes.replace(SERVER_ID, "scp+1", &got).await.unwrap();
    assert_eq!(replaced, got);
    scopes.delete(SERVER_ID, "scp+1").await.unwrap();
}

#[tokio::test]
async fn claims_list_create_get_replace_delete() {
    let (server, okta) = okta().await;
    let claim = json!({"id": "ocl1", "name": "department", "status": "ACTIVE", "claimType": "RESOURCE",
                       "valueType": "EXPRESSION", "value": "user.department", "alwaysIncludeInToken": true,
                       "conditions": {"scopes": ["orders:read"]}, "system": false});
    expect(
        &server,
        "GET",
        &format!("{SERVER_PATH}/claims"),
        &[],
        None,
        200,
        Some(json!([claim.clone()])),
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{SERVER_PATH}/claims"),
        &[],
        Some(
            json!({"name": "department", "claimType": "RESOURCE", "valueType": "EXPRESSION",
                    "value": "user.department", "conditions": {"scopes": ["orders:read"]}}),
        ),
        201,
        Some(claim.clone()),
    )
    .await;
    let claim_path = format!("{SERVER_PATH}/claims/ocl1");
    expect(
        &server,
        "GET",
        &claim_path,
        &[],
        None,
        200,
        Some(claim.clone()),
    )
    .await;
    expect(
        &server,
        "PUT",
        &claim_path,
        &[],
        Some(claim.clone()),
        200,
        Some(claim.clone()),
    )
    .await;
    expect(&server, "DELETE", &claim_path, &[], None, 204, None).await;

    let claims = okta.authorization_servers().claims();
    let listed: Vec<OAuth2Claim> = claims.list(SERVER_ID).try_collect().await.unwrap();
    assert_eq!(listed[0].value_type, Some(ClaimValueType::Expression));
    let new = OAuth2Claim::new(
        "department",
        ClaimType::Resource,
        ClaimValueType::Expression,
        "user.department",
    )
    .scopes(["orders:read"]);
    let created = claims.create(SERVER_ID, &new).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("ocl1"));
    let got = claims.get(SERVER_ID, "ocl1").await.unwrap();
    claims.replace(SERVER_ID, "ocl1", &got).await.unwrap();
    claims.delete(SERVER_ID, "ocl1").await.unwrap();
}

#[tokio::test]
async fn policies_list_create_get_replace_delete_and_lifecycle() {
    let (server, okta) = okta().await;
    let policy = json!({"id": "00p1", "type": "OAUTH_AUTHORIZATION_POLICY", "name": "Default",
                        "description": "Default policy", "priority": 1, "status": "ACTIVE", "system": false,
                        "conditions": {"clients": {"include": ["ALL_CLIENTS"]}},
                        "created": "2024-01-01T00:00:00.000Z", "lastUpdated": "2024-01-01T00:00:00.000Z"});
    expect(
        &server,
        "GET",
        &format!("{SERVER_PATH}/policies"),
        &[],
        None,
        200,
        Some(json!([policy.clone()])),
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{SERVER_PATH}/policies"),
        &[],
        Some(json!({"type": "OAUTH_AUTHORIZATION_POLICY", "name": "Default", "description": "Default policy",
                    "priority": 1, "conditions": {"clients": {"include": ["ALL_CLIENTS"]}}})),
        201,
        Some(policy.clone()),
    )
    .await;
    let policy_path = format!("{SERVER_PATH}/policies/00p%3F1");
    expect(
        &server,
        "GET",
        &policy_path,
        &[],
        None,
        200,
        Some(policy.clone()),
    )
    .await;
    expect(
        &server,
        "PUT",
        &policy_path,
        &[],
        Some(policy.clone()),
        200,
        Some(policy.clone()),
    )
    .await;
    expect(&server, "DELETE", &policy_path, &[], None, 204, None).await;
    expect(
        &server,
        "POST",
        &format!("{policy_path}/lifecycle/activate"),
        &[],
        None,
        204,
        None,
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{policy_path}/lifecycle/deactivate"),
        &[],
        None,
        204,
        None,
    )
    .await;

    let policies = okta.authorization_servers().policies();
    let listed: Vec<AuthorizationServerPolicy> =
        policies.list(SERVER_ID).try_collect().await.unwrap();
    assert_eq!(listed[0].priority, Some(1));
    let new =
        AuthorizationServerPolicy::new("Default", "Default policy", ["ALL_CLIENTS"]).priority(1);
    policies.create(SERVER_ID, &new).await.unwrap();
    let got = policies.get(SERVER_ID, "00p?1").await.unwrap();
    policies.replace(SERVER_ID, "00p?1", &got).await.unwrap();
    policies.delete(SERVER_ID, "00p?1").await.unwrap();
    policies.activate(SERVER_ID, "00p?1").await.unwrap();
    policies.deactivate(SERVER_ID, "00p?1").await.unwrap();
}

#[tokio::test]
async fn rules_list_create_get_replace_delete_and_lifecycle() {
    let (server, okta) = okta().await;
    let rule = json!({"id": "0pr1", "type": "RESOURCE_ACCESS", "name": "Everyone", "priority": 1,
                      "status": "ACTIVE", "system": false,
                      "conditions": {"people": {"groups": {"include": ["EVERYONE"]}},
                                     "grantTypes": {"include": ["client_credentials"]},
                                     "scopes": {"include": ["*"]}},
                      "actions": {"token": {"accessTokenLifetimeMinutes": 60,
                                            "refreshTokenLifetimeMinutes": 0,
                                            "refreshTokenWindowMinutes": 10080}}});
    let rules_path = format!("{SERVER_PATH}/policies/00p1/rules");
    expect(
        &server,
        "GET",
        &rules_path,
        &[],
        None,
        200,
        Some(json!([rule.clone()])),
    )
    .await;
    expect(
        &server,
        "POST",
        &rules_path,
        &[],
        Some(json!({"type": "RESOURCE_ACCESS", "name": "Everyone",
                    "conditions": {"people": {"groups": {"include": ["EVERYONE"]}},
                                   "grantTypes": {"include": ["client_credentials"]},
                                   "scopes": {"include": ["*"]}},
                    "actions": {"token": {"accessTokenLifetimeMinutes": 60}}})),
        201,
        Some(rule.clone()),
    )
    .await;
    let rule_path = format!("{rules_path}/0pr%231");
    expect(
        &server,
        "GET",
        &rule_path,
        &[],
        None,
        200,
        Some(rule.clone()),
    )
    .await;
    expect(
        &server,
        "PUT",
        &rule_path,
        &[],
        Some(rule.clone()),
        200,
        Some(rule.clone()),
    )
    .await;
    expect(&server, "DELETE", &rule_path, &[], None, 204, None).await;
    expect(
        &server,
        "POST",
        &format!("{rule_path}/lifecycle/activate"),
        &[],
        None,
        204,
        None,
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{rule_path}/lifecycle/deactivate"),
        &[],
        None,
        204,
        None,
    )
    .await;

    let rules = okta.authorization_servers().rules();
    let listed: Vec<AuthorizationServerPolicyRule> =
        rules.list(SERVER_ID, "00p1").try_collect().await.unwrap();
    assert_eq!(listed[0].type_.as_deref(), Some("RESOURCE_ACCESS"));
    let mut token = TokenActions::default();
    token.access_token_lifetime_minutes = Some(60);
    let new = AuthorizationServerPolicyRule::new(
        "Everyone",
        AuthorizationServerRuleConditions::new(["EVERYONE"], ["client_credentials"], ["*"]),
    )
    .token(token);
    rules.create(SERVER_ID, "00p1", &new).await.unwrap();
    let got = rules.get(SERVER_ID, "00p1", "0pr#1").await.unwrap();
    assert_eq!(
        got.actions
            .as_ref()
            .unwrap()
            .token
            .as_ref()
            .unwrap()
            .refresh_token_window_minutes,
        Some(10080)
    );
    rules
        .replace(SERVER_ID, "00p1", "0pr#1", &got)
        .await
        .unwrap();
    rules.delete(SERVER_ID, "00p1", "0pr#1").await.unwrap();
    rules.activate(SERVER_ID, "00p1", "0pr#1").await.unwrap();
    rules.deactivate(SERVER_ID, "00p1", "0pr#1").await.unwrap();
}

#[tokio::test]
async fn keys_list_get_and_rotate() {
    let (server, okta) = okta().await;
    let active = json!({"kid": "k-1", "kty": "RSA", "alg": "RS256", "use": "sig", "e": "AQAB",
                        "n": "sXch", "status": "ACTIVE"});
    let next = json!({"kid": "k-2", "kty": "RSA", "alg": "RS256", "use": "sig", "e": "AQAB",
                      "n": "pjdss", "status": "NEXT"});
    expect(
        &server,
        "GET",
        &format!("{SERVER_PATH}/credentials/keys"),
        &[],
        None,
        200,
        Some(json!([active.clone(), next.clone()])),
    )
    .await;
    expect(
        &server,
        "GET",
        &format!("{SERVER_PATH}/credentials/keys/k-1"),
        &[],
        None,
        200,
        Some(active.clone()),
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{SERVER_PATH}/credentials/lifecycle/keyRotate"),
        &[],
        Some(json!({"use": "sig"})),
        200,
        Some(
            json!([next, {"kid": "k-1", "kty": "RSA", "alg": "RS256", "use": "sig", "e": "AQAB",
                           "n": "sXch", "status": "EXPIRED"}]),
        ),
    )
    .await;
    let keys = okta.authorization_servers().keys();
    let listed: Vec<_> = keys.list(SERVER_ID).try_collect().await.unwrap();
    assert_eq!(listed[1].status, Some(KeyStatus::Next));
    let one = keys.get(SERVER_ID, "k-1").await.unwrap();
    assert_eq!(serde_json::to_value(&one).unwrap(), active);
    let rotated = keys
        .rotate(SERVER_ID, &KeyRotation::default())
        .await
        .unwrap();
    assert_eq!(rotated[0].status, Some(KeyStatus::Next));
    assert_eq!(rotated[1].status, Some(KeyStatus::Expired));
}
