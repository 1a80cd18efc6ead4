//! Request shapes of the group rule and group owner endpoints against a mock server.

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{GroupOwnerOriginType, GroupOwnerType, GroupRule, GroupRuleStatus, Okta};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn okta(server: &MockServer) -> Okta {
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .build()
        .unwrap();
    Okta::new(Client::new(config).unwrap())
}

async fn mounted(mock: Mock) -> (MockServer, Okta) {
    let server = MockServer::start().await;
    mock.expect(1).mount(&server).await;
    let okta = okta(&server);
    (server, okta)
}

fn rule(status: &str) -> Value {
    json!({
        "type": "group_rule", "id": "0pr3f7zMZZHPgUoWO0g4", "status": status,
        "name": "Engineers", "created": "2026-01-01T00:00:00.000Z",
        "lastUpdated": "2026-01-01T00:00:00.000Z",
        "conditions": {"expression": {"value": "user.department==\"Engineering\"", "type": "urn:okta:expression:1.0"}},
        "actions": {"assignUserToGroups": {"groupIds": ["00gjitX9HqABSoqTB0g3"]}},
        "allGroupsValid": true
    })
}

fn new_rule_body() -> Value {
    json!({
        "type": "group_rule", "name": "Engineers",
        "conditions": {"expression": {"value": "user.department==\"Engineering\"", "type": "urn:okta:expression:1.0"}},
        "actions": {"assignUserToGroups": {"groupIds": ["00gjitX9HqABSoqTB0g3"]}}
    })
}

#[tokio::test]
async fn list_sends_search_limit_and_group_names_expansion() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/groups/rules"))
            .and(query_param("search", "Engineers"))
            .and(query_param("limit", "20"))
            .and(query_param("expand", "groupIdToGroupNameMap"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([rule("ACTIVE")]))),
    )
    .await;
    let rules: Vec<GroupRule> = okta
        .group_rules()
        .list()
        .search("Engineers")
        .limit(20)
        .with_group_names()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(rules[0].status, Some(GroupRuleStatus::Active));
    server.verify().await;
}

#[tokio::test]
async fn create_sends_only_the_writable_fields() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/groups/rules"))
            .and(body_json(new_rule_body()))
            .respond_with(ResponseTemplate::new(200).set_body_json(rule("INACTIVE"))),
    )
    .await;
    let created = okta
        .group_rules()
        .create(&GroupRule::new(
            "Engineers",
            r#"user.department=="Engineering""#,
            ["00gjitX9HqABSoqTB0g3"],
        ))
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), Some("0pr3f7zMZZHPgUoWO0g4"));
    assert_eq!(created.status, Some(GroupRuleStatus::Inactive));
    server.verify().await;
}

#[tokio::test]
async fn get_with_group_names_sends_expand_and_reads_the_names() {
    let mut answer = rule("ACTIVE");
    answer["_embedded"] = json!({"groupIdToGroupNameMap": {"00gjitX9HqABSoqTB0g3": "Engineering"}});
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/groups/rules/0pr%2F1"))
            .and(query_param("expand", "groupIdToGroupNameMap"))
            .respond_with(ResponseTemplate::new(200).set_body_json(answer)),
    )
    .await;
    let rule = okta.group_rules().get("0pr/1", true).await.unwrap();
    assert_eq!(
        rule.group_names().unwrap()["00gjitX9HqABSoqTB0g3"],
        "Engineering"
    );
    server.verify().await;
}

#[tokio::test]
async fn get_without_group_names_sends_no_expand() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/groups/rules/0pr1"))
            .and(query_param_is_missing("expand"))
            .respond_with(ResponseTemplate::new(200).set_body_json(rule("ACTIVE"))),
    )
    .await;
    okta.group_rules().get("0pr1", false).await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn replace_sends_the_read_rule_without_read_only_fields_but_with_unknown_ones() {
    let mut body = new_rule_body();
    body["name"] = json!("Engineers (all)");
    body["allGroupsValid"] = json!(true);
    let (server, okta) = mounted(
        Mock::given(method("PUT"))
            .and(path("/api/v1/groups/rules/0pr3f7zMZZHPgUoWO0g4"))
            .and(body_json(body))
            .respond_with(ResponseTemplate::new(200).set_body_json(rule("INACTIVE"))),
    )
    .await;
    let mut read: GroupRule = serde_json::from_value(rule("INACTIVE")).unwrap();
    read.name = "Engineers (all)".into();
    okta.group_rules()
        .replace("0pr3f7zMZZHPgUoWO0g4", &read)
        .await
        .unwrap();
    server.verify().await;
}

#[tokio::test]
async fn delete_sends_remove_users() {
    let (server, okta) = mounted(
        Mock::given(method("DELETE"))
            .and(path("/api/v1/groups/rules/0pr1"))
            .and(query_param("removeUsers", "true"))
            .respond_with(ResponseTemplate::new(202)),
    )
    .await;
    okta.group_rules().delete("0pr1", true).await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn activate_posts_to_the_lifecycle_path() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/groups/rules/0pr1/lifecycle/activate"))
            .respond_with(ResponseTemplate::new(204)),
    )
    .await;
    okta.group_rules().activate("0pr1").await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn deactivate_posts_to_the_lifecycle_path() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/groups/rules/0pr1/lifecycle/deactivate"))
            .respond_with(ResponseTemplate::new(204)),
    )
    .await;
    okta.group_rules().deactivate("0pr1").await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn list_owners_sends_search_and_decodes_owners() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/groups/00g%2B1/owners"))
            .and(query_param("search", "type eq \"USER\""))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
                "id": "00u1emaK22TWRYd3TtG", "type": "USER", "displayName": "Ada Lovelace",
                "originType": "OKTA_DIRECTORY", "resolved": true,
                "lastUpdated": "2026-01-01T00:00:00.000Z"
            }]))),
    )
    .await;
    let owners: Vec<_> = okta
        .group_owners()
        .list("00g+1")
        .search("type eq \"USER\"")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(owners[0].type_, Some(GroupOwnerType::User));
    assert_eq!(
        owners[0].origin_type,
        Some(GroupOwnerOriginType::OktaDirectory)
    );
    server.verify().await;
}

#[tokio::test]
async fn assign_owner_sends_id_and_type() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/groups/00g1/owners"))
            .and(body_json(
                json!({"id": "00u1emaK22TWRYd3TtG", "type": "USER"}),
            ))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "id": "00u1emaK22TWRYd3TtG", "type": "USER", "resolved": true,
                "originType": "OKTA_DIRECTORY"
            }))),
    )
    .await;
    let owner = okta
        .group_owners()
        .assign("00g1", "00u1emaK22TWRYd3TtG", GroupOwnerType::User)
        .await
        .unwrap();
    assert_eq!(owner.resolved, Some(true));
    server.verify().await;
}

#[tokio::test]
async fn delete_owner_encodes_both_ids() {
    let (server, okta) = mounted(
        Mock::given(method("DELETE"))
            .and(path("/api/v1/groups/00g1/owners/00u%2F1"))
            .respond_with(ResponseTemplate::new(204)),
    )
    .await;
    okta.group_owners().delete("00g1", "00u/1").await.unwrap();
    server.verify().await;
}
