//! Request shapes of a user's lifecycle extras, credential operations and sub-resources,
//! against a mock server: method, path, query and body sent, and the typed answer.

use futures_util::TryStreamExt;
use okta_mgmt::core::secrecy::{ExposeSecret, SecretString};
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{AuthenticationProviderType, Okta, UserStatus};
use serde_json::json;
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

fn credentials() -> serde_json::Value {
    json!({
        "password": {},
        "recovery_question": {"question": "Who's a major player in the cowboy scene?"},
        "provider": {"type": "OKTA", "name": "OKTA"}
    })
}

#[tokio::test]
async fn blocks_get_the_encoded_user_path_and_decode_block_scopes() {
    let (server, okta) =
        mounted(
            Mock::given(method("GET"))
                .and(path("/api/v1/users/ada%40example.com/blocks"))
                .respond_with(ResponseTemplate::new(200).set_body_json(
                    json!([{"type": "DEVICE_BASED", "appliesTo": "UNKNOWN_DEVICES"}]),
                )),
        )
        .await;
    let blocks: Vec<_> = okta
        .users()
        .blocks("ada@example.com")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(blocks.len(), 1);
    assert_eq!(
        blocks[0].applies_to,
        Some(okta_mgmt::user_resources::UserBlockScope::UnknownDevices)
    );
    server.verify().await;
}

#[tokio::test]
async fn reactivate_without_email_returns_a_redacted_activation_token() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/lifecycle/reactivate"))
            .and(query_param("sendEmail", "false"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "activationToken": "XE6wE17zmphl3KqAPFxO",
                "activationUrl": "https://example.okta.com/welcome/XE6wE17zmphl3KqAPFxO"
            }))),
    )
    .await;
    let token = okta.users().reactivate("00u1", false).await.unwrap();
    assert_eq!(
        token.activation_token.as_ref().unwrap().expose_secret(),
        "XE6wE17zmphl3KqAPFxO"
    );
    assert!(!format!("{token:?}").contains("XE6wE17zmphl3KqAPFxO"));
    server.verify().await;
}

#[tokio::test]
async fn reset_factors_posts_to_the_lifecycle_path() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u%2F1/lifecycle/reset_factors"))
            .respond_with(ResponseTemplate::new(200)),
    )
    .await;
    okta.users().reset_factors("00u/1").await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn unlock_posts_to_the_lifecycle_path() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/lifecycle/unlock"))
            .respond_with(ResponseTemplate::new(200)),
    )
    .await;
    okta.users().unlock("00u1").await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn expire_password_returns_the_user_in_password_expired() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/lifecycle/expire_password"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": "00u1", "status": "PASSWORD_EXPIRED",
                "profile": {"login": "ada@example.com"}
            }))),
    )
    .await;
    let user = okta.users().expire_password("00u1").await.unwrap();
    assert_eq!(user.status, UserStatus::PasswordExpired);
    server.verify().await;
}

#[tokio::test]
async fn expire_password_with_temp_password_sends_revoke_sessions_and_hides_the_password() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path(
                "/api/v1/users/00u1/lifecycle/expire_password_with_temp_password",
            ))
            .and(query_param("revokeSessions", "true"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"tempPassword": "F8a-s6cQ"})),
            ),
    )
    .await;
    let temp = okta
        .users()
        .expire_password_with_temp_password("00u1", true)
        .await
        .unwrap();
    assert_eq!(
        temp.temp_password.as_ref().unwrap().expose_secret(),
        "F8a-s6cQ"
    );
    assert!(!format!("{temp:?}").contains("F8a-s6cQ"));
    server.verify().await;
}

#[tokio::test]
async fn reset_password_without_email_returns_the_reset_link() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/lifecycle/reset_password"))
            .and(query_param("sendEmail", "false"))
            .and(query_param("revokeSessions", "false"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "resetPasswordUrl": "https://example.okta.com/reset_password/XE6wE17zmphl3KqAPFxO"
            }))),
    )
    .await;
    let reset = okta
        .users()
        .reset_password("00u1", false, false)
        .await
        .unwrap();
    assert!(reset
        .reset_password_url
        .as_ref()
        .unwrap()
        .expose_secret()
        .ends_with("XE6wE17zmphl3KqAPFxO"));
    server.verify().await;
}

#[tokio::test]
async fn reset_password_by_email_accepts_an_empty_answer() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/lifecycle/reset_password"))
            .and(query_param("sendEmail", "true"))
            .respond_with(ResponseTemplate::new(200)),
    )
    .await;
    let reset = okta
        .users()
        .reset_password("00u1", true, false)
        .await
        .unwrap();
    assert!(reset.reset_password_url.is_none());
    server.verify().await;
}

#[tokio::test]
async fn change_password_sends_both_passwords_strict_and_revoke_sessions() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path(
                "/api/v1/users/ada%40example.com/credentials/change_password",
            ))
            .and(query_param("strict", "true"))
            .and(body_json(json!({
                "oldPassword": {"value": "tlpWENT2m"},
                "newPassword": {"value": "uTVM,TPw55"},
                "revokeSessions": true
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(credentials())),
    )
    .await;
    let request = okta
        .users()
        .change_password(
            "ada@example.com",
            SecretString::from("tlpWENT2m"),
            SecretString::from("uTVM,TPw55"),
        )
        .strict(true)
        .revoke_sessions(true);
    let shown = format!("{request:?}");
    assert!(
        !shown.contains("tlpWENT2m") && !shown.contains("uTVM"),
        "{shown}"
    );
    let credentials = request.send().await.unwrap();
    assert_eq!(
        credentials.provider.unwrap().type_,
        Some(AuthenticationProviderType::Okta)
    );
    server.verify().await;
}

#[tokio::test]
async fn change_password_leaves_unset_options_out() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/credentials/change_password"))
            .and(query_param_is_missing("strict"))
            .and(body_json(json!({
                "oldPassword": {"value": "old"},
                "newPassword": {"value": "new"}
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(credentials())),
    )
    .await;
    okta.users()
        .change_password("00u1", SecretString::from("old"), SecretString::from("new"))
        .send()
        .await
        .unwrap();
    server.verify().await;
}

#[tokio::test]
async fn change_recovery_question_sends_password_question_and_answer() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path(
                "/api/v1/users/00u1/credentials/change_recovery_question",
            ))
            .and(body_json(json!({
                "password": {"value": "tlpWENT2m"},
                "recovery_question": {
                    "question": "How many roads must a man walk down?",
                    "answer": "forty two"
                }
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(credentials())),
    )
    .await;
    let credentials = okta
        .users()
        .change_recovery_question(
            "00u1",
            &SecretString::from("tlpWENT2m"),
            "How many roads must a man walk down?",
            &SecretString::from("forty two"),
        )
        .await
        .unwrap();
    assert!(credentials.recovery_question.unwrap().question.is_some());
    server.verify().await;
}

#[tokio::test]
async fn forgot_password_without_email_returns_the_reset_link() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/credentials/forgot_password"))
            .and(query_param("sendEmail", "false"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "resetPasswordUrl": "https://example.okta.com/signin/reset-password/XE6wE17zmphl3KqAPFxO"
            }))),
    )
    .await;
    let reset = okta.users().forgot_password("00u1", false).await.unwrap();
    assert!(reset.reset_password_url.is_some());
    assert!(!format!("{reset:?}").contains("XE6wE17zmphl3KqAPFxO"));
    server.verify().await;
}

#[tokio::test]
async fn forgot_password_set_new_password_sends_answer_and_new_password() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path(
                "/api/v1/users/00u1/credentials/forgot_password_recovery_question",
            ))
            .and(query_param("sendEmail", "false"))
            .and(body_json(json!({
                "password": {"value": "Abcd1234!"},
                "recovery_question": {"answer": "Annie Oakley"}
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(credentials())),
    )
    .await;
    okta.users()
        .forgot_password_set_new_password(
            "00u1",
            &SecretString::from("Annie Oakley"),
            &SecretString::from("Abcd1234!"),
            false,
        )
        .await
        .unwrap();
    server.verify().await;
}

#[tokio::test]
async fn app_links_decode_typed_links() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/00u1/appLinks"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
                "id": "00ub0oNGTSWTBKOLGLNR", "label": "Google Apps Mail",
                "linkUrl": "https://example.okta.com/home/google/0oa3omz2i9XRNSRIHBZO/50",
                "appName": "google", "appInstanceId": "0oa3omz2i9XRNSRIHBZO",
                "credentialsSetup": false, "hidden": false, "sortOrder": 0
            }]))),
    )
    .await;
    let links: Vec<_> = okta
        .users()
        .app_links("00u1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(links[0].app_name.as_deref(), Some("google"));
    server.verify().await;
}

#[tokio::test]
async fn clients_decode_oauth_field_names() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/00u1/clients"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
                "client_id": "0oabskvc6442nkvQO0h7", "client_name": "My App",
                "client_uri": null, "logo_uri": null,
                "_links": {"grants": {"href": "https://example.okta.com/api/v1/users/00u1/clients/0oabskvc6442nkvQO0h7/grants"}}
            }]))),
    )
    .await;
    let clients: Vec<_> = okta
        .users()
        .clients("00u1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        clients[0].client_id.as_deref(),
        Some("0oabskvc6442nkvQO0h7")
    );
    assert!(clients[0].links.as_ref().unwrap().contains_key("grants"));
    server.verify().await;
}

#[tokio::test]
async fn devices_decode_the_embedded_device() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/00u1/devices"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
                "created": "2026-01-01T00:00:00.000Z", "deviceUserId": "dud1",
                "device": {"id": "guo1", "status": "ACTIVE", "profile": {"displayName": "Ada's Mac"}}
            }]))),
    )
    .await;
    let devices: Vec<_> = okta
        .users()
        .devices("00u1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        devices[0].device.as_ref().unwrap().id.as_deref(),
        Some("guo1")
    );
    server.verify().await;
}
