//! The request each policy operation sends (method, path, query, body) and the decoding of
//! its answer, against a local mock server.

use futures_util::TryStreamExt;
use okta_mgmt::{
    LifecycleStatus, OktaSignOnPolicy, PasswordPolicyRule, Policy, PolicyConditions,
    PolicyMappingRequest, PolicyRule, PolicyRuleType, PolicySimulation, PolicyType,
};
use serde_json::{json, Value};
mod mock_support;

use mock_support::{expect, okta, Exact};
use wiremock::{Mock, ResponseTemplate};

/// An id that must be percent-encoded in a path.
const ODD_ID: &str = "00p/1 x";
const ODD_PATH: &str = "/api/v1/policies/00p%2F1%20x";

fn sign_on_policy(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Contractors",
        "type": "OKTA_SIGN_ON",
        "status": "ACTIVE",
        "priority": 1,
        "system": false,
        "conditions": {"people": {"groups": {"include": ["00g1"]}}},
        "_links": {"rules": {"href": "https://example.okta.com/api/v1/policies/00p1/rules"}}
    })
}

fn sign_on_rule(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Require MFA",
        "type": "SIGN_ON",
        "status": "ACTIVE",
        "conditions": {"network": {"connection": "ANYWHERE"}},
        "actions": {"signon": {"access": "ALLOW", "requireFactor": true}}
    })
}

#[tokio::test]
async fn list_sends_the_required_type_and_every_query_parameter() {
    let (server, okta) = okta().await;
    let page = json!([sign_on_policy("00p1"), {"id": "00p2", "name": "Next", "type": "NEW_KIND"}]);
    expect(
        &server,
        "GET",
        "/api/v1/policies",
        &[
            ("type", "OKTA_SIGN_ON"),
            ("status", "ACTIVE"),
            ("q", "Contr"),
            ("expand", "rules"),
            ("sortBy", "created"),
            ("limit", "20"),
            ("resourceId", "0oa1"),
            ("after", "00p0"),
        ],
        None,
        200,
        Some(page.clone()),
    )
    .await;
    let policies: Vec<Policy> = okta
        .policies()
        .list(PolicyType::OktaSignOn)
        .status(LifecycleStatus::Active)
        .q("Contr")
        .expand("rules")
        .sort_by("created")
        .limit(20)
        .resource_id("0oa1")
        .after("00p0")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(matches!(policies[0], Policy::OktaSignOn(_)));
    assert_eq!(policies[1].kind(), PolicyType::Unknown("NEW_KIND".into()));
    assert_eq!(serde_json::to_value(&policies).unwrap(), page);
}

#[tokio::test]
async fn list_follows_next_links_across_pages() {
    let (server, okta) = okta().await;
    let next = format!(
        "<{}/api/v1/policies?type=PASSWORD&after=00p1>; rel=\"next\"",
        server.uri()
    );
    Mock::given(Exact {
        method: "GET",
        path: "/api/v1/policies".into(),
        query: vec![("type".into(), "PASSWORD".into())],
        body: None,
    })
    .respond_with(
        ResponseTemplate::new(200)
            .set_body_json(json!([{"id": "00p1", "name": "A", "type": "PASSWORD"}]))
            .insert_header("link", next.as_str()),
    )
    .expect(1)
    .mount(&server)
    .await;
    expect(
        &server,
        "GET",
        "/api/v1/policies",
        &[("type", "PASSWORD"), ("after", "00p1")],
        None,
        200,
        Some(json!([{"id": "00p2", "name": "B", "type": "PASSWORD"}])),
    )
    .await;
    let ids: Vec<String> = okta
        .policies()
        .list(PolicyType::Password)
        .stream()
        .map_ok(|policy| policy.id().unwrap_or_default().to_owned())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["00p1", "00p2"]);
}

#[tokio::test]
async fn create_sends_the_typed_policy_with_its_type_and_activate_flag() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "POST",
        "/api/v1/policies",
        &[("activate", "false")],
        Some(json!({
            "type": "OKTA_SIGN_ON",
            "name": "Contractors",
            "conditions": {"people": {"groups": {"include": ["00g1"]}}}
        })),
        200,
        Some(sign_on_policy("00p1")),
    )
    .await;
    let policy = okta
        .policies()
        .create(OktaSignOnPolicy::new("Contractors").conditions(PolicyConditions::groups(["00g1"])))
        .activate(false)
        .await
        .unwrap();
    assert_eq!(policy.id(), Some("00p1"));
    assert!(matches!(policy, Policy::OktaSignOn(_)));
}

#[tokio::test]
async fn create_without_activate_sends_no_query() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "POST",
        "/api/v1/policies",
        &[],
        Some(json!({"type": "OKTA_SIGN_ON", "name": "Contractors"})),
        200,
        Some(sign_on_policy("00p1")),
    )
    .await;
    okta.policies()
        .create(OktaSignOnPolicy::new("Contractors"))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn simulate_sends_the_context_and_expand() {
    let (server, okta) = okta().await;
    let answer = json!({"evaluation": [{
        "status": null,
        "policyType": "OKTA_SIGN_ON",
        "result": {"policies": [{"id": "00p1", "name": "Default", "status": "MATCH", "conditions": [], "rules": []}]},
        "undefined": {"policies": []},
        "evaluated": {"policies": []}
    }]});
    expect(
        &server,
        "POST",
        "/api/v1/policies/simulate",
        &[("expand", "EVALUATED,RULE")],
        Some(json!({
            "appInstance": "0oa1",
            "policyContext": {"user": {"id": "00u1"}, "groups": {"ids": ["00g1"]}},
            "policyTypes": ["OKTA_SIGN_ON", "MFA_ENROLL"]
        })),
        200,
        Some(answer),
    )
    .await;
    let result = okta
        .policies()
        .simulate(
            PolicySimulation::new("0oa1")
                .context(okta_mgmt::PolicyContext::new("00u1", ["00g1"]))
                .policy_types([PolicyType::OktaSignOn, PolicyType::MfaEnroll]),
        )
        .expand("EVALUATED,RULE")
        .await
        .unwrap();
    assert_eq!(result.evaluation.len(), 1);
    let deciding = &result.evaluation[0].result.as_ref().unwrap().policies[0];
    assert_eq!(deciding.id.as_deref(), Some("00p1"));
}

#[tokio::test]
async fn get_encodes_the_id_and_sends_expand_only_when_set() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "GET",
        ODD_PATH,
        &[],
        None,
        200,
        Some(sign_on_policy(ODD_ID)),
    )
    .await;
    expect(
        &server,
        "GET",
        "/api/v1/policies/00p2",
        &[("expand", "rules")],
        None,
        200,
        Some(sign_on_policy("00p2")),
    )
    .await;
    let policy = okta.policies().get(ODD_ID).await.unwrap();
    assert_eq!(policy.id(), Some(ODD_ID));
    let policy = okta
        .policies()
        .get("00p2")
        .expand("rules")
        .send()
        .await
        .unwrap();
    assert_eq!(policy.name(), Some("Contractors"));
}

#[tokio::test]
async fn replace_writes_back_what_was_read_unknown_type_included() {
    let (server, okta) = okta().await;
    let unknown = json!({"id": "00p9", "name": "Future", "type": "FUTURE_POLICY", "settings": {"x": [1, {"y": null}]}});
    expect(
        &server,
        "GET",
        "/api/v1/policies/00p9",
        &[],
        None,
        200,
        Some(unknown.clone()),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/api/v1/policies/00p9",
        &[],
        Some(unknown.clone()),
        200,
        Some(unknown.clone()),
    )
    .await;
    let policy = okta.policies().get("00p9").await.unwrap();
    let replaced = okta.policies().replace("00p9", &policy).await.unwrap();
    assert_eq!(replaced, policy);
}

#[tokio::test]
async fn delete_clone_activate_deactivate_hit_their_paths() {
    let (server, okta) = okta().await;
    expect(&server, "DELETE", ODD_PATH, &[], None, 204, None).await;
    expect(
        &server,
        "POST",
        &format!("{ODD_PATH}/clone"),
        &[],
        None,
        200,
        Some(sign_on_policy("00p1copy")),
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{ODD_PATH}/lifecycle/activate"),
        &[],
        None,
        204,
        None,
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{ODD_PATH}/lifecycle/deactivate"),
        &[],
        None,
        204,
        None,
    )
    .await;
    let policies = okta.policies();
    policies.delete(ODD_ID).await.unwrap();
    let copy = policies.clone_policy(ODD_ID).await.unwrap();
    assert_eq!(copy.id(), Some("00p1copy"));
    policies.activate(ODD_ID).await.unwrap();
    policies.deactivate(ODD_ID).await.unwrap();
}

#[tokio::test]
async fn policy_apps_decode_by_sign_on_mode() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "GET",
        &format!("{ODD_PATH}/app"),
        &[],
        None,
        200,
        Some(json!([{"id": "0oa1", "name": "bookmark", "signOnMode": "BOOKMARK"}])),
    )
    .await;
    let apps: Vec<okta_mgmt::Application> =
        okta.policies().apps(ODD_ID).try_collect().await.unwrap();
    assert_eq!(apps[0].sign_on_mode(), okta_mgmt::SignOnMode::Bookmark);
    assert_eq!(apps[0].id(), Some("0oa1"));
}

#[tokio::test]
async fn mappings_list_map_get_and_delete() {
    let (server, okta) = okta().await;
    let mapping = json!({
        "id": "map1",
        "_links": {"application": {"href": "https://example.okta.com/api/v1/apps/0oa1"}}
    });
    expect(
        &server,
        "GET",
        &format!("{ODD_PATH}/mappings"),
        &[],
        None,
        200,
        Some(json!([mapping.clone()])),
    )
    .await;
    expect(
        &server,
        "POST",
        &format!("{ODD_PATH}/mappings"),
        &[],
        Some(json!({"resourceId": "rst1", "resourceType": "ACCESS_POLICY"})),
        200,
        Some(mapping.clone()),
    )
    .await;
    expect(
        &server,
        "GET",
        &format!("{ODD_PATH}/mappings/map%201"),
        &[],
        None,
        200,
        Some(mapping.clone()),
    )
    .await;
    expect(
        &server,
        "DELETE",
        &format!("{ODD_PATH}/mappings/map%201"),
        &[],
        None,
        204,
        None,
    )
    .await;
    let policies = okta.policies();
    let all: Vec<_> = policies.mappings(ODD_ID).try_collect().await.unwrap();
    assert_eq!(all[0].id.as_deref(), Some("map1"));
    let mapped = policies
        .map_resource(ODD_ID, &PolicyMappingRequest::new("rst1", "ACCESS_POLICY"))
        .await
        .unwrap();
    assert!(mapped.links.unwrap().contains_key("application"));
    let one = policies.get_mapping(ODD_ID, "map 1").await.unwrap();
    assert_eq!(serde_json::to_value(&one).unwrap(), mapping);
    policies.delete_mapping(ODD_ID, "map 1").await.unwrap();
}

#[tokio::test]
async fn rules_list_with_limit_and_create_with_activate() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "GET",
        &format!("{ODD_PATH}/rules"),
        &[("limit", "5")],
        None,
        200,
        Some(json!([sign_on_rule("0pr1"), {"id": "0pr2", "name": "x", "type": "BRAND_NEW"}])),
    )
    .await;
    let mut rule = PasswordPolicyRule::new("Allow change");
    rule.actions =
        Some(serde_json::from_value(json!({"passwordChange": {"access": "ALLOW"}})).unwrap());
    expect(
        &server,
        "POST",
        &format!("{ODD_PATH}/rules"),
        &[("activate", "true")],
        Some(json!({
            "type": "PASSWORD",
            "name": "Allow change",
            "actions": {"passwordChange": {"access": "ALLOW"}}
        })),
        200,
        Some(
            json!({"id": "0pr3", "type": "PASSWORD", "name": "Allow change", "status": "ACTIVE",
                    "actions": {"passwordChange": {"access": "ALLOW"}}}),
        ),
    )
    .await;
    let rules: Vec<PolicyRule> = okta
        .policies()
        .rules(ODD_ID)
        .limit(5)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(matches!(rules[0], PolicyRule::SignOn(_)));
    assert_eq!(rules[1].kind(), PolicyRuleType::Unknown("BRAND_NEW".into()));
    let created = okta
        .policies()
        .create_rule(ODD_ID, rule)
        .activate(true)
        .await
        .unwrap();
    assert!(matches!(&created, PolicyRule::Password(p) if p.id.as_deref() == Some("0pr3")));
}

#[tokio::test]
async fn rule_get_replace_delete_and_lifecycle() {
    let (server, okta) = okta().await;
    let rule_path = format!("{ODD_PATH}/rules/0pr%2F1");
    expect(
        &server,
        "GET",
        &rule_path,
        &[],
        None,
        200,
        Some(sign_on_rule("0pr/1")),
    )
    .await;
    expect(
        &server,
        "PUT",
        &rule_path,
        &[],
        Some(sign_on_rule("0pr/1")),
        200,
        Some(sign_on_rule("0pr/1")),
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
    let policies = okta.policies();
    let rule = policies.get_rule(ODD_ID, "0pr/1").await.unwrap();
    assert_eq!(rule.kind(), PolicyRuleType::SignOn);
    let replaced = policies.replace_rule(ODD_ID, "0pr/1", &rule).await.unwrap();
    assert_eq!(replaced, rule);
    policies.delete_rule(ODD_ID, "0pr/1").await.unwrap();
    policies.activate_rule(ODD_ID, "0pr/1").await.unwrap();
    policies.deactivate_rule(ODD_ID, "0pr/1").await.unwrap();
}

#[tokio::test]
async fn okta_errors_come_back_as_errors() {
    let (server, okta) = okta().await;
    expect(
        &server,
        "GET",
        "/api/v1/policies/missing",
        &[],
        None,
        404,
        Some(json!({"errorCode": "E0000007", "errorSummary": "Not found: Resource not found: missing (Policy)",
                    "errorLink": "E0000007", "errorId": "oae1", "errorCauses": []})),
    )
    .await;
    let error = okta.policies().get("missing").await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
}
