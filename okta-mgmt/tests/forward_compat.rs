//! Forward compatibility on a full page: 200 records where one is odd (a value Okta added
//! after this SDK was written, a field of an unexpected shape, `null` where a value was
//! expected) still decode, every record arrives, and nothing is lost when written back.

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{Application, Okta, SignOnMode, User, UserStatus};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(path_: &str, page: Vec<Value>) -> (MockServer, Okta) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(path_))
        .respond_with(ResponseTemplate::new(200).set_body_json(Value::Array(page)))
        .mount(&server)
        .await;
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .build()
        .unwrap();
    (server, Okta::new(Client::new(config).unwrap()))
}

fn bookmark(i: usize) -> Value {
    json!({
        "id": format!("0oa{i:05}"), "name": "bookmark", "label": format!("Link {i}"),
        "status": "ACTIVE", "signOnMode": "BOOKMARK",
        "created": "2026-01-05T10:00:00.000Z", "lastUpdated": "2026-01-06T10:00:00.000Z",
        "settings": {"app": {"requestIntegration": false, "url": format!("https://example.com/{i}")}},
        "_links": {"self": {"href": format!("https://example.okta.com/api/v1/apps/0oa{i:05}")}}
    })
}

fn user(i: usize) -> Value {
    json!({
        "id": format!("00u{i:05}"), "status": "ACTIVE",
        "created": "2026-01-05T10:00:00.000Z", "activated": null, "statusChanged": null,
        "lastLogin": null, "lastUpdated": "2026-01-06T10:00:00.000Z", "passwordChanged": null,
        "type": {"id": "oty1"},
        "profile": {"login": format!("u{i}@example.com"), "email": format!("u{i}@example.com"),
                    "firstName": "U", "lastName": format!("{i}"), "employeeLevel": i},
        "_links": {"self": {"href": format!("https://example.okta.com/api/v1/users/00u{i:05}")}}
    })
}

#[tokio::test]
async fn one_app_of_an_unknown_sign_on_mode_in_a_page_of_200_decodes_and_round_trips() {
    let mut page: Vec<Value> = (0..200).map(bookmark).collect();
    // A sign-on mode Okta might add, with settings of a shape nobody modelled.
    page[117] = json!({
        "id": "0oaFUTURE", "name": "future_app", "label": "Future", "status": "ACTIVE",
        "signOnMode": "QUANTUM_SSO", "settings": {"quantum": {"entangled": true}},
        "newTopLevelField": [1, 2, 3]
    });
    // A known mode whose settings have an unexpected shape.
    page[42]["settings"] = json!("not an object");
    let (_server, okta) = serve("/api/v1/apps", page.clone()).await;
    let apps: Vec<Application> = okta.apps().list().stream().try_collect().await.unwrap();
    assert_eq!(apps.len(), 200);
    assert_eq!(
        apps[117].sign_on_mode(),
        SignOnMode::Unknown("QUANTUM_SSO".into())
    );
    assert_eq!(apps[0].sign_on_mode(), SignOnMode::Bookmark);
    assert_eq!(apps[42].id(), Some("0oa00042"));
    for (app, original) in apps.iter().zip(&page) {
        assert_eq!(&serde_json::to_value(app).unwrap(), original);
    }
}

#[tokio::test]
async fn one_user_with_an_unknown_status_and_odd_fields_in_a_page_of_200_decodes() {
    let mut page: Vec<Value> = (0..200).map(user).collect();
    page[199]["status"] = json!("HIBERNATING");
    page[199]["profile"]["newAttribute"] = json!({"nested": ["kept"]});
    page[199]["credentials"] = json!({"provider": {"type": "FEDERATION_2030", "name": "X"}});
    page[199]["brandNewField"] = json!(null);
    let (_server, okta) = serve("/api/v1/users", page.clone()).await;
    let users: Vec<User> = okta.users().list().stream().try_collect().await.unwrap();
    assert_eq!(users.len(), 200);
    assert_eq!(users[199].status, UserStatus::Unknown("HIBERNATING".into()));
    let written = serde_json::to_value(&users[199]).unwrap();
    assert_eq!(written["status"], "HIBERNATING");
    assert_eq!(
        written["profile"]["newAttribute"],
        json!({"nested": ["kept"]})
    );
    assert_eq!(
        written["credentials"]["provider"]["type"],
        "FEDERATION_2030"
    );
    assert_eq!(written["profile"]["employeeLevel"], 199);
    // `null` and absent stay apart where the model keeps them: the unknown field is kept.
    assert!(written.as_object().unwrap().contains_key("brandNewField"));
}

/// A record missing a field the spec calls required decodes with an empty value, and writing
/// it back leaves the field out rather than sending an empty string Okta never sent.
#[test]
fn required_strings_absent_in_a_record_stay_absent_when_written_back() {
    let origin: okta_mgmt::TrustedOrigin =
        serde_json::from_value(json!({"id": "tos1", "origin": "https://a.example.com"})).unwrap();
    let written = serde_json::to_value(&origin).unwrap();
    assert!(written.get("name").is_none(), "{written}");
    assert_eq!(written["origin"], "https://a.example.com");

    let event: okta_mgmt::LogEvent =
        serde_json::from_value(json!({"eventType": "user.session.start"})).unwrap();
    let written = serde_json::to_value(&event).unwrap();
    assert!(written.get("uuid").is_none(), "{written}");
    assert_eq!(written["eventType"], "user.session.start");

    let group: okta_mgmt::Group =
        serde_json::from_value(json!({"id": "00g1", "profile": {"description": "d"}})).unwrap();
    let written = serde_json::to_value(&group).unwrap();
    assert!(written["profile"].get("name").is_none(), "{written}");
}

/// An ID of `..` (from user input) must not move a call to another endpoint: removing user
/// `00uVICTIM` from group `..` would otherwise be `DELETE /api/v1/users/00uVICTIM`, which
/// deactivates the user. Nothing is sent.
#[tokio::test]
async fn dot_segment_ids_are_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(
        Config::builder()
            .org_url(server.uri())
            .api_token("t")
            .build()
            .unwrap(),
    )
    .unwrap();
    let okta = Okta::new(client);
    for group in ["..", ".", ""] {
        let error = okta
            .groups()
            .remove_user(group, "00uVICTIM")
            .await
            .unwrap_err();
        assert!(error.to_string().contains("segment"), "{group:?}: {error}");
        assert!(okta.groups().add_user(group, "00uVICTIM").await.is_err());
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// App records carry OAuth client secrets: an odd record, kept whole in the generic
/// variant, shows no secret in its Debug output.
#[tokio::test]
async fn an_odd_app_record_shows_no_secret_in_debug_output() {
    let bad = json!({"credentials": {"oauthClient": {"client_id": "0oa1",
        "client_secret": "SECRET-4f1c9e", "token_endpoint_auth_method": "client_secret_basic"}},
        "id": 5, "label": 6, "name": 7, "signOnMode": "OPENID_CONNECT", "status": "ACTIVE"});
    let (_server, okta) = serve("/api/v1/apps", vec![bad]).await;
    let results: Vec<_> = futures_util::StreamExt::collect(okta.apps().list().stream()).await;
    assert_eq!(results.len(), 1);
    let app = results[0].as_ref().unwrap();
    let shown = format!("{app:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("credentials"), "{shown}");
    // The secret is still there to be written back.
    assert_eq!(
        serde_json::to_value(app).unwrap()["credentials"]["oauthClient"]["client_secret"],
        "SECRET-4f1c9e"
    );
}
