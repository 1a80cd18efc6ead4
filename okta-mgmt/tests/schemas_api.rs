//! Request shapes of the schema endpoints against a mock server: partial updates send only
//! the attributes named, and answers keep custom attributes.

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{LogStreamType, Okta, SchemaAttribute, SchemaAttributeType, SchemaUpdate};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path};
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

fn profile_schema(name: &str) -> Value {
    json!({
        "id": format!("https://example.okta.com/meta/schemas/{name}/default"),
        "$schema": "http://json-schema.org/draft-04/schema#",
        "name": name, "title": "Default", "type": "object",
        "definitions": {
            "base": {"id": "#base", "type": "object", "required": ["login"], "properties": {
                "login": {"title": "Username", "type": "string", "required": true, "mutability": "READ_WRITE", "scope": "NONE",
                          "permissions": [{"principal": "SELF", "action": "READ_ONLY"}]}
            }},
            "custom": {"id": "#custom", "type": "object", "required": [], "properties": {
                "twitterHandle": {"title": "Twitter handle", "type": "string", "maxLength": 20,
                                  "unique": "UNIQUE_VALIDATED", "scope": "NONE", "futureProperty": {"x": 1}}
            }}
        },
        "properties": {"profile": {"allOf": [{"$ref": "#/definitions/custom"}, {"$ref": "#/definitions/base"}]}},
        "_links": {"self": {"href": format!("https://example.okta.com/api/v1/meta/schemas/{name}/default")}}
    })
}

fn update() -> SchemaUpdate {
    SchemaUpdate::new()
        .set_custom(
            "twitterHandle",
            SchemaAttribute::new("Twitter handle", SchemaAttributeType::String).max_length(20),
        )
        .remove_custom("faxNumber")
}

fn update_body() -> Value {
    json!({"definitions": {"custom": {"id": "#custom", "type": "object", "properties": {
        "twitterHandle": {"title": "Twitter handle", "type": "string", "maxLength": 20},
        "faxNumber": null
    }}}})
}

#[tokio::test]
async fn user_schema_keeps_custom_attributes_and_unknown_fields() {
    let answer = profile_schema("user");
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/meta/schemas/user/oty%2F1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(answer.clone())),
    )
    .await;
    let schema = okta.schemas().user_schema("oty/1").await.unwrap();
    let twitter = schema.custom_attribute("twitterHandle").unwrap();
    assert_eq!(twitter.max_length, Some(20));
    assert_eq!(twitter.extra["futureProperty"], json!({"x": 1}));
    assert_eq!(serde_json::to_value(&schema).unwrap(), answer);
    server.verify().await;
}

#[tokio::test]
async fn update_user_schema_sends_only_the_named_attributes() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/meta/schemas/user/default"))
            .and(body_json(update_body()))
            .respond_with(ResponseTemplate::new(200).set_body_json(profile_schema("user"))),
    )
    .await;
    let schema = okta
        .schemas()
        .update_user_schema("default", &update())
        .await
        .unwrap();
    assert!(schema.custom_attribute("twitterHandle").is_some());
    server.verify().await;
}

#[tokio::test]
async fn group_schema_is_fetched_from_the_default_path() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/meta/schemas/group/default"))
            .respond_with(ResponseTemplate::new(200).set_body_json(profile_schema("group"))),
    )
    .await;
    let schema = okta.schemas().group_schema().await.unwrap();
    assert_eq!(schema.name.as_deref(), Some("group"));
    server.verify().await;
}

#[tokio::test]
async fn update_group_schema_sends_the_partial_body() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/meta/schemas/group/default"))
            .and(body_json(update_body()))
            .respond_with(ResponseTemplate::new(200).set_body_json(profile_schema("group"))),
    )
    .await;
    okta.schemas().update_group_schema(&update()).await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn app_user_schema_encodes_the_app_id() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/meta/schemas/apps/0oa%201/default"))
            .respond_with(ResponseTemplate::new(200).set_body_json(profile_schema("app"))),
    )
    .await;
    let schema = okta.schemas().app_user_schema("0oa 1").await.unwrap();
    assert!(schema.base_attribute("login").is_some());
    server.verify().await;
}

#[tokio::test]
async fn update_app_user_schema_sends_the_partial_body() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/meta/schemas/apps/0oa1/default"))
            .and(body_json(update_body()))
            .respond_with(ResponseTemplate::new(200).set_body_json(profile_schema("app"))),
    )
    .await;
    okta.schemas()
        .update_app_user_schema("0oa1", &update())
        .await
        .unwrap();
    server.verify().await;
}

fn log_stream_schema(kind: &str) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "id": format!("https://example.okta.com/api/v1/meta/schemas/logStream/{kind}"),
        "title": "AWS EventBridge", "type": "object",
        "properties": {"region": {"title": "AWS Region", "type": "string"}},
        "required": ["region"]
    })
}

#[tokio::test]
async fn log_stream_schemas_are_listed() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/meta/schemas/logStream"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                log_stream_schema("aws_eventbridge"),
                log_stream_schema("splunk_cloud_logstreaming")
            ]))),
    )
    .await;
    let schemas: Vec<_> = okta
        .schemas()
        .log_stream_schemas()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(schemas.len(), 2);
    server.verify().await;
}

#[tokio::test]
async fn log_stream_schema_uses_the_type_in_the_path() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/meta/schemas/logStream/aws_eventbridge"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(log_stream_schema("aws_eventbridge")),
            ),
    )
    .await;
    let schema = okta
        .schemas()
        .log_stream_schema(&LogStreamType::AwsEventbridge)
        .await
        .unwrap();
    assert_eq!(schema.required.unwrap(), ["region"]);
    server.verify().await;
}
