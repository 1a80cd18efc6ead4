//! The requests the event hook, inline hook and hook key endpoints send, and the typed
//! answers they decode, against a local mock of the org.

use std::time::Duration;

use futures_util::TryStreamExt;
use okta_mgmt::core::secrecy::SecretString;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{
    EventHook, EventHookChannel, EventHookVerificationStatus, HookAuthScheme, HookHeader,
    HookStatus, InlineHook, InlineHookChannel, InlineHookType, InlineHookUpdate, Okta,
};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn org() -> (MockServer, Okta) {
    let server = MockServer::start().await;
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    (server, Okta::new(Client::new(config).unwrap()))
}

/// Answers `verb path` once with `status` and `body` (no body when `Value::Null`).
async fn answer(server: &MockServer, verb: &str, at: &str, status: u16, body: Value) {
    let mut response = ResponseTemplate::new(status);
    if !body.is_null() {
        response = response.set_body_json(body);
    }
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

/// The one request the server received.
async fn sent(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

fn body(request: &Request) -> Value {
    if request.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&request.body).unwrap()
    }
}

fn event_hook_json(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "status": status,
        "verificationStatus": "UNVERIFIED",
        "name": "Lifecycle feed",
        "created": "2024-03-01T17:22:01.000Z",
        "createdBy": "00u1a2b3c4d5e6f7g8h9",
        "lastUpdated": "2024-03-01T17:22:01.000Z",
        "events": {"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]},
        "channel": {
            "type": "HTTP",
            "version": "1.0.0",
            "config": {
                "uri": "https://hooks.example.com/okta/events",
                "headers": [{"key": "X-Feed", "value": "lifecycle"}],
                "authScheme": {"type": "HEADER", "key": "Authorization"},
                "method": "POST"
            }
        },
        "_links": {"self": {"href": "https://example.okta.com/api/v1/eventHooks/who1"}}
    })
}

fn new_event_hook() -> EventHook {
    let channel = EventHookChannel::http("https://hooks.example.com/okta/events")
        .header(HookHeader::new("X-Feed", "lifecycle"))
        .auth_scheme(HookAuthScheme::header(
            "Authorization",
            SecretString::from("Bearer ev-s3cr3t"),
        ));
    EventHook::new("Lifecycle feed", ["user.lifecycle.create"], channel)
        .description("New users for HR")
}

fn expected_event_hook_body() -> Value {
    json!({
        "name": "Lifecycle feed",
        "description": "New users for HR",
        "events": {"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]},
        "channel": {
            "type": "HTTP",
            "version": "1.0.0",
            "config": {
                "uri": "https://hooks.example.com/okta/events",
                "headers": [{"key": "X-Feed", "value": "lifecycle"}],
                "authScheme": {"type": "HEADER", "key": "Authorization", "value": "Bearer ev-s3cr3t"}
            }
        }
    })
}

#[tokio::test]
async fn list_event_hooks_gets_the_collection_and_decodes_each_hook() {
    let (server, okta) = org().await;
    answer(
        &server,
        "GET",
        "/api/v1/eventHooks",
        200,
        json!([
            event_hook_json("who1", "ACTIVE"),
            event_hook_json("who2", "INACTIVE")
        ]),
    )
    .await;
    let hooks: Vec<EventHook> = okta
        .event_hooks()
        .list()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(hooks.len(), 2);
    assert_eq!(hooks[1].status, Some(HookStatus::Inactive));
    let request = sent(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn create_event_hook_posts_the_writable_fields_with_the_secret() {
    let (server, okta) = org().await;
    answer(
        &server,
        "POST",
        "/api/v1/eventHooks",
        200,
        event_hook_json("who1", "ACTIVE"),
    )
    .await;
    let created = okta.event_hooks().create(&new_event_hook()).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("who1"));
    assert_eq!(
        created.verification_status,
        Some(EventHookVerificationStatus::Unverified)
    );
    let request = sent(&server).await;
    assert_eq!(body(&request), expected_event_hook_body());
    assert_eq!(
        request.headers.get("authorization").unwrap(),
        "SSWS test-token"
    );
}

#[tokio::test]
async fn get_event_hook_percent_encodes_the_id() {
    let (server, okta) = org().await;
    answer(
        &server,
        "GET",
        "/api/v1/eventHooks/who%2F1%20x",
        200,
        event_hook_json("who/1 x", "ACTIVE"),
    )
    .await;
    let hook = okta.event_hooks().get("who/1 x").await.unwrap();
    assert_eq!(hook.id.as_deref(), Some("who/1 x"));
    assert_eq!(hook.channel.config.method.as_deref(), Some("POST"));
    assert_eq!(
        sent(&server).await.url.path(),
        "/api/v1/eventHooks/who%2F1%20x"
    );
}

#[tokio::test]
async fn replace_event_hook_puts_the_writable_fields_only() {
    let (server, okta) = org().await;
    answer(
        &server,
        "PUT",
        "/api/v1/eventHooks/who1",
        200,
        event_hook_json("who1", "ACTIVE"),
    )
    .await;
    // A hook as read from Okta, with read-only fields set: they are not sent back.
    let mut hook: EventHook = serde_json::from_value(event_hook_json("who1", "ACTIVE")).unwrap();
    hook.name = "Lifecycle feed".into();
    hook.description = Some("New users for HR".into());
    hook.channel = new_event_hook().channel;
    let replaced = okta.event_hooks().replace("who1", &hook).await.unwrap();
    assert_eq!(replaced.name, "Lifecycle feed");
    assert_eq!(body(&sent(&server).await), expected_event_hook_body());
}

#[tokio::test]
async fn delete_event_hook_sends_a_bodiless_delete() {
    let (server, okta) = org().await;
    answer(
        &server,
        "DELETE",
        "/api/v1/eventHooks/who1",
        204,
        Value::Null,
    )
    .await;
    okta.event_hooks().delete("who1").await.unwrap();
    assert!(sent(&server).await.body.is_empty());
}

#[tokio::test]
async fn event_hook_lifecycle_posts_to_activate_deactivate_and_verify() {
    for (action, status, verification) in [
        ("activate", "ACTIVE", "UNVERIFIED"),
        ("deactivate", "INACTIVE", "UNVERIFIED"),
        ("verify", "ACTIVE", "VERIFIED"),
    ] {
        let (server, okta) = org().await;
        let mut answer_body = event_hook_json("who 1", status);
        answer_body["verificationStatus"] = json!(verification);
        answer(
            &server,
            "POST",
            &format!("/api/v1/eventHooks/who%201/lifecycle/{action}"),
            200,
            answer_body,
        )
        .await;
        let hooks = okta.event_hooks();
        let hook = match action {
            "activate" => hooks.activate("who 1").await,
            "deactivate" => hooks.deactivate("who 1").await,
            _ => hooks.verify("who 1").await,
        }
        .unwrap();
        assert_eq!(hook.status, Some(HookStatus::from(status)), "{action}");
        assert_eq!(
            hook.verification_status,
            Some(EventHookVerificationStatus::from(verification)),
            "{action}"
        );
        let request = sent(&server).await;
        assert_eq!(request.method.as_str(), "POST");
        assert!(request.body.is_empty(), "{action} sends no body");
    }
}

fn inline_hook_json(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "status": status,
        "name": "Token claims",
        "type": "com.okta.oauth2.tokens.transform",
        "version": "1.0.0",
        "channel": {
            "type": "HTTP",
            "version": "1.0.0",
            "config": {
                "uri": "https://hooks.example.com/okta/token",
                "authScheme": {"type": "HEADER", "key": "Authorization"},
                "method": "POST"
            }
        },
        "created": "2024-05-01T10:00:00.000Z",
        "lastUpdated": "2024-05-01T10:00:00.000Z"
    })
}

fn http_channel() -> InlineHookChannel {
    InlineHookChannel::http(
        "https://hooks.example.com/okta/token",
        HookAuthScheme::header("Authorization", SecretString::from("in-s3cr3t")),
    )
}

fn expected_http_channel() -> Value {
    json!({
        "type": "HTTP",
        "version": "1.0.0",
        "config": {
            "uri": "https://hooks.example.com/okta/token",
            "authScheme": {"type": "HEADER", "key": "Authorization", "value": "in-s3cr3t"}
        }
    })
}

#[tokio::test]
async fn list_inline_hooks_sends_the_type_filter() {
    let (server, okta) = org().await;
    answer(
        &server,
        "GET",
        "/api/v1/inlineHooks",
        200,
        json!([inline_hook_json("cal1", "ACTIVE")]),
    )
    .await;
    let hooks: Vec<InlineHook> = okta
        .inline_hooks()
        .list()
        .of_type(InlineHookType::Token)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(hooks.len(), 1);
    assert!(matches!(hooks[0].channel, Some(InlineHookChannel::Http(_))));
    let request = sent(&server).await;
    assert_eq!(
        request.url.query(),
        Some("type=com.okta.oauth2.tokens.transform")
    );
}

#[tokio::test]
async fn create_inline_hook_posts_name_type_version_and_channel() {
    let (server, okta) = org().await;
    answer(
        &server,
        "POST",
        "/api/v1/inlineHooks",
        200,
        inline_hook_json("cal1", "ACTIVE"),
    )
    .await;
    let hook = InlineHook::new("Token claims", InlineHookType::Token, http_channel());
    let created = okta.inline_hooks().create(&hook).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("cal1"));
    assert_eq!(created.status, Some(HookStatus::Active));
    assert_eq!(
        body(&sent(&server).await),
        json!({
            "name": "Token claims",
            "type": "com.okta.oauth2.tokens.transform",
            "version": "1.0.0",
            "channel": expected_http_channel()
        })
    );
}

#[tokio::test]
async fn create_inline_hook_with_an_oauth_channel_sends_the_client_secret() {
    let (server, okta) = org().await;
    let mut answer_body = inline_hook_json("cal2", "ACTIVE");
    answer_body["channel"] = json!({
        "type": "OAUTH",
        "version": "1.0.0",
        "config": {
            "uri": "https://hooks.example.com/okta/token",
            "method": "POST",
            "authType": "client_secret_post",
            "clientId": "0oa1",
            "scope": "hooks",
            "tokenUrl": "https://auth.example.com/token"
        }
    });
    answer(&server, "POST", "/api/v1/inlineHooks", 200, answer_body).await;
    let channel = InlineHookChannel::oauth_client_secret(
        "https://hooks.example.com/okta/token",
        "https://auth.example.com/token",
        "0oa1",
        SecretString::from("oauth-s3cr3t"),
        "hooks",
    );
    let created = okta
        .inline_hooks()
        .create(&InlineHook::new(
            "Token claims",
            InlineHookType::Token,
            channel,
        ))
        .await
        .unwrap();
    assert!(matches!(created.channel, Some(InlineHookChannel::OAuth(_))));
    let sent_body = body(&sent(&server).await);
    assert_eq!(
        sent_body["channel"],
        json!({
            "type": "OAUTH",
            "version": "1.0.0",
            "config": {
                "uri": "https://hooks.example.com/okta/token",
                "method": "POST",
                "authType": "client_secret_post",
                "clientId": "0oa1",
                "clientSecret": "oauth-s3cr3t",
                "scope": "hooks",
                "tokenUrl": "https://auth.example.com/token"
            }
        })
    );
}

#[tokio::test]
async fn get_inline_hook_percent_encodes_the_id() {
    let (server, okta) = org().await;
    answer(
        &server,
        "GET",
        "/api/v1/inlineHooks/cal%3F1",
        200,
        inline_hook_json("cal?1", "ACTIVE"),
    )
    .await;
    let hook = okta.inline_hooks().get("cal?1").await.unwrap();
    assert_eq!(hook.type_, Some(InlineHookType::Token));
    assert_eq!(
        sent(&server).await.url.path(),
        "/api/v1/inlineHooks/cal%3F1"
    );
}

#[tokio::test]
async fn update_inline_hook_posts_only_the_fields_set() {
    let (server, okta) = org().await;
    answer(
        &server,
        "POST",
        "/api/v1/inlineHooks/cal1",
        200,
        inline_hook_json("cal1", "ACTIVE"),
    )
    .await;
    let update = InlineHookUpdate::default().name("Token claims v2");
    okta.inline_hooks().update("cal1", &update).await.unwrap();
    assert_eq!(
        body(&sent(&server).await),
        json!({"name": "Token claims v2"})
    );
}

#[tokio::test]
async fn replace_inline_hook_puts_name_version_and_channel_without_the_type() {
    let (server, okta) = org().await;
    answer(
        &server,
        "PUT",
        "/api/v1/inlineHooks/cal1",
        200,
        inline_hook_json("cal1", "ACTIVE"),
    )
    .await;
    let mut hook: InlineHook = serde_json::from_value(inline_hook_json("cal1", "ACTIVE")).unwrap();
    hook.channel = Some(http_channel());
    let replaced = okta.inline_hooks().replace("cal1", &hook).await.unwrap();
    assert_eq!(replaced.name, "Token claims");
    assert_eq!(
        body(&sent(&server).await),
        json!({"name": "Token claims", "version": "1.0.0", "channel": expected_http_channel()})
    );
}

#[tokio::test]
async fn delete_inline_hook_sends_a_delete() {
    let (server, okta) = org().await;
    answer(
        &server,
        "DELETE",
        "/api/v1/inlineHooks/cal1",
        204,
        Value::Null,
    )
    .await;
    okta.inline_hooks().delete("cal1").await.unwrap();
    assert_eq!(sent(&server).await.method.as_str(), "DELETE");
}

#[tokio::test]
async fn execute_inline_hook_posts_the_payload_and_decodes_the_commands() {
    let (server, okta) = org().await;
    answer(
        &server,
        "POST",
        "/api/v1/inlineHooks/cal1/execute",
        200,
        json!({
            "commands": [{
                "type": "com.okta.identity.patch",
                "value": [{"op": "add", "path": "/claims/extPatientId", "value": "1234"}]
            }]
        }),
    )
    .await;
    let payload = json!({
        "eventId": "3o9jBzq1SmOGmmsDsZyyOw",
        "eventTime": "2024-05-01T10:00:00.000Z",
        "eventType": "com.okta.oauth2.tokens.transform",
        "eventTypeVersion": "1.0",
        "contentType": "application/json",
        "cloudEventVersion": "0.1",
        "source": "https://example.okta.com/oauth2/default/v1/authorize",
        "data": {"context": {}, "identity": {"claims": {}}, "access": {"claims": {}}}
    });
    let answer = okta.inline_hooks().execute("cal1", &payload).await.unwrap();
    assert_eq!(answer.commands.len(), 1);
    assert_eq!(answer.commands[0].type_, "com.okta.identity.patch");
    assert_eq!(answer.commands[0].value[0]["op"], "add");
    assert!(answer.error.is_none());
    assert_eq!(body(&sent(&server).await), payload);
}

#[tokio::test]
async fn inline_hook_activate_and_deactivate_post_to_lifecycle() {
    for (action, status) in [("activate", "ACTIVE"), ("deactivate", "INACTIVE")] {
        let (server, okta) = org().await;
        answer(
            &server,
            "POST",
            &format!("/api/v1/inlineHooks/cal%201/lifecycle/{action}"),
            200,
            inline_hook_json("cal 1", status),
        )
        .await;
        let hooks = okta.inline_hooks();
        let hook = if action == "activate" {
            hooks.activate("cal 1").await
        } else {
            hooks.deactivate("cal 1").await
        }
        .unwrap();
        assert_eq!(hook.status, Some(HookStatus::from(status)));
        assert!(
            sent(&server).await.body.is_empty(),
            "{action} sends no body"
        );
    }
}

fn hook_key_json(id: &str, detailed: bool) -> Value {
    let mut key = json!({
        "id": id,
        "keyId": "7fbc27fd-e3df-4522-86bf-1930110256ad",
        "name": "Registration hook key",
        "isUsed": "true",
        "created": "2024-06-01T12:00:00.000Z",
        "lastUpdated": "2024-06-01T12:00:00.000Z"
    });
    if detailed {
        key["_embedded"] = public_key_json();
    }
    key
}

fn public_key_json() -> Value {
    json!({
        "kty": "RSA",
        "alg": "RS256",
        "kid": "7fbc27fd-e3df-4522-86bf-1930110256ad",
        "use": "sig",
        "e": "AQAB",
        "n": "2naqCnv6r4xNQs7207lRtKQvdtnlVND-8k5iYBIiqoKGY3CqUmRm1jleoOniiQoMkFX8Wj2DmVqr"
    })
}

#[tokio::test]
async fn list_hook_keys_decodes_each_key() {
    let (server, okta) = org().await;
    answer(
        &server,
        "GET",
        "/api/v1/hook-keys",
        200,
        json!([hook_key_json("HKY1", false)]),
    )
    .await;
    let page = okta.hook_keys().list().page().await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].is_used, Some(true));
    assert_eq!(sent(&server).await.method.as_str(), "GET");
}

#[tokio::test]
async fn create_hook_key_posts_the_name_and_gets_the_public_key() {
    let (server, okta) = org().await;
    answer(
        &server,
        "POST",
        "/api/v1/hook-keys",
        200,
        hook_key_json("HKY1", true),
    )
    .await;
    let key = okta
        .hook_keys()
        .create("Registration hook key")
        .await
        .unwrap();
    assert_eq!(key.id, "HKY1");
    assert_eq!(
        key.embedded.as_ref().and_then(|k| k.alg.as_deref()),
        Some("RS256")
    );
    assert_eq!(
        body(&sent(&server).await),
        json!({"name": "Registration hook key"})
    );
}

#[tokio::test]
async fn get_hook_key_percent_encodes_the_id() {
    let (server, okta) = org().await;
    answer(
        &server,
        "GET",
        "/api/v1/hook-keys/HKY%2F1",
        200,
        hook_key_json("HKY/1", false),
    )
    .await;
    let key = okta.hook_keys().get("HKY/1").await.unwrap();
    assert_eq!(
        key.key_id.as_deref(),
        Some("7fbc27fd-e3df-4522-86bf-1930110256ad")
    );
    assert!(key.embedded.is_none());
}

#[tokio::test]
async fn get_public_key_reads_the_jwk_by_key_id() {
    let (server, okta) = org().await;
    answer(
        &server,
        "GET",
        "/api/v1/hook-keys/public/7fbc27fd-e3df-4522-86bf-1930110256ad",
        200,
        public_key_json(),
    )
    .await;
    let jwk = okta
        .hook_keys()
        .get_public_key("7fbc27fd-e3df-4522-86bf-1930110256ad")
        .await
        .unwrap();
    assert_eq!(jwk.kty.as_deref(), Some("RSA"));
    assert_eq!(jwk.use_.as_deref(), Some("sig"));
    assert_eq!(serde_json::to_value(&jwk).unwrap(), public_key_json());
}

#[tokio::test]
async fn replace_hook_key_puts_the_new_name() {
    let (server, okta) = org().await;
    answer(
        &server,
        "PUT",
        "/api/v1/hook-keys/HKY1",
        200,
        hook_key_json("HKY1", true),
    )
    .await;
    let key = okta
        .hook_keys()
        .replace("HKY1", "Renamed key")
        .await
        .unwrap();
    assert!(key.embedded.is_some());
    assert_eq!(body(&sent(&server).await), json!({"name": "Renamed key"}));
}

#[tokio::test]
async fn delete_hook_key_sends_a_delete_and_reports_okta_errors() {
    let (server, okta) = org().await;
    answer(
        &server,
        "DELETE",
        "/api/v1/hook-keys/HKY1",
        204,
        Value::Null,
    )
    .await;
    okta.hook_keys().delete("HKY1").await.unwrap();
    assert_eq!(sent(&server).await.method.as_str(), "DELETE");

    let (server, okta) = org().await;
    answer(
        &server,
        "DELETE",
        "/api/v1/hook-keys/HKY2",
        400,
        json!({
            "errorCode": "E0000001",
            "errorSummary": "Api validation failed: key is in use",
            "errorLink": "E0000001",
            "errorId": "oae1",
            "errorCauses": []
        }),
    )
    .await;
    let error = okta.hook_keys().delete("HKY2").await.unwrap_err();
    assert_eq!(error.error_code(), Some("E0000001"), "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
}
