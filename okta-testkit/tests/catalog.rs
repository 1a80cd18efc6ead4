//! Apps, the System Log, network zones, trusted origins, event hooks, group rules and
//! authorization servers: the rules the org enforces on them. (Their shapes are checked
//! against Okta's OpenAPI description by okta-mgmt's Prism tests.)

mod common;

use common::{assert_okta_error, link, send, TestOrg};
use okta_testkit::{FakeOrg, FakeOrgConfig};
use serde_json::{json, Value};

fn bookmark(label: &str) -> Value {
    json!({
        "name": "bookmark",
        "label": label,
        "signOnMode": "BOOKMARK",
        "settings": {"app": {"requestIntegration": false, "url": "https://example.com/wiki"}},
        "x-custom": {"kept": true},
    })
}

#[tokio::test]
async fn apps_keep_what_was_posted_and_are_deleted_only_when_inactive() {
    let t = TestOrg::start().await;
    let (status, app) = send(t.post("/api/v1/apps").json(&bookmark("Wiki"))).await;
    assert_eq!(status, 200);
    let id = app["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("0oa"));
    assert_eq!(app["status"], "ACTIVE");
    assert_eq!(app["settings"]["app"]["url"], "https://example.com/wiki");
    assert_eq!(app["x-custom"], json!({"kept": true}));

    let (status, body) = send(t.delete(&format!("/api/v1/apps/{id}"))).await;
    assert_eq!(status, 403);
    assert_okta_error(&body, "E0000056", "Delete application forbidden.");
    let (status, _) = send(t.post(&format!("/api/v1/apps/{id}/lifecycle/deactivate"))).await;
    assert_eq!(status, 200);
    let (status, _) = send(t.delete(&format!("/api/v1/apps/{id}"))).await;
    assert_eq!(status, 204);
    let (status, _) = send(t.get(&format!("/api/v1/apps/{id}"))).await;
    assert_eq!(status, 404);

    let (_, missing_label) = send(
        t.post("/api/v1/apps")
            .json(&json!({"signOnMode": "BOOKMARK"})),
    )
    .await;
    assert_okta_error(&missing_label, "E0000001", "Api validation failed: label");
}

#[tokio::test]
async fn oidc_apps_get_a_client_id_and_assignments_need_existing_users_and_groups() {
    let t = TestOrg::start().await;
    let (_, app) = send(t.post("/api/v1/apps?activate=false").json(&json!({
        "label": "Portal",
        "signOnMode": "OPENID_CONNECT",
        "credentials": {"oauthClient": {"token_endpoint_auth_method": "client_secret_basic"}},
        "settings": {"oauthClient": {"redirect_uris": ["https://example.com/cb"]}},
    })))
    .await;
    let id = app["id"].as_str().unwrap().to_owned();
    assert_eq!(app["status"], "INACTIVE");
    assert_eq!(app["credentials"]["oauthClient"]["client_id"], id.as_str());
    assert!(app["credentials"]["oauthClient"]["client_secret"].is_string());

    let (status, _) = send(
        t.post(&format!("/api/v1/apps/{id}/users"))
            .json(&json!({"id": "00unosuchuser0000000"})),
    )
    .await;
    assert_eq!(status, 404);
    let user = t.org.create_user(json!({"login": "ada@example.com"}));
    let (status, assigned) = send(
        t.post(&format!("/api/v1/apps/{id}/users"))
            .json(&json!({"id": user, "profile": {"role": "admin"}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(assigned["credentials"]["userName"], "ada@example.com");
    assert_eq!(assigned["profile"]["role"], "admin");

    let group = t.org.create_group("Admins");
    let (status, _) = send(
        t.put(&format!("/api/v1/apps/{id}/groups/{group}"))
            .json(&json!({})),
    )
    .await;
    assert_eq!(status, 200);
    // Deleting the user and the group removes their assignments.
    for _ in 0..2 {
        send(t.delete(&format!("/api/v1/users/{user}"))).await;
    }
    send(t.delete(&format!("/api/v1/groups/{group}"))).await;
    let (_, users) = send(t.get(&format!("/api/v1/apps/{id}/users"))).await;
    let (_, groups) = send(t.get(&format!("/api/v1/apps/{id}/groups"))).await;
    assert_eq!((users, groups), (json!([]), json!([])));
}

#[tokio::test]
async fn the_system_log_records_actions_and_polling_always_links_next() {
    let t = TestOrg::start().await;
    let user = t.org.create_user(json!({"login": "grace@example.com"}));
    let group = t.org.create_group("Navy");
    send(t.put(&format!("/api/v1/groups/{group}/users/{user}"))).await;
    send(t.post(&format!("/api/v1/users/{user}/lifecycle/suspend"))).await;

    let types: Vec<String> = t
        .org
        .log_events()
        .iter()
        .map(|e| e["eventType"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        types,
        ["group.user_membership.add", "user.lifecycle.suspend"]
    );

    let response = t
        .get("/api/v1/logs?since=2000-01-01T00:00:00Z&limit=1")
        .send()
        .await
        .unwrap();
    let mut next = link(&response, "next").expect("a polling page links to the next");
    let mut seen = Vec::new();
    for _ in 0..5 {
        let response = t.get_url(&next).await;
        let following = link(&response, "next");
        let page: Vec<Value> = response.json().await.unwrap();
        seen.extend(page.iter().map(|e| e["eventType"].clone()));
        next = following.expect("even an empty polling page links to the next");
        if page.is_empty() {
            break;
        }
    }
    assert_eq!(seen, [json!("user.lifecycle.suspend")]);

    let response = t
        .get("/api/v1/logs?since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z&limit=2")
        .send()
        .await
        .unwrap();
    assert!(link(&response, "next").is_none(), "a bounded query ends");
    let (status, _) = send(t.get("/api/v1/logs?limit=5000")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn hooks_rules_origins_and_servers_follow_their_lifecycles() {
    let t = TestOrg::start().await;
    let (_, hook) = send(t.post("/api/v1/eventHooks").json(&json!({
        "name": "Hook",
        "events": {"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]},
        "channel": {"type": "HTTP", "version": "1.0.0", "config": {
            "uri": "https://hooks.example.com",
            "authScheme": {"type": "HEADER", "key": "Authorization", "value": "s3cret"},
        }},
    })))
    .await;
    assert!(!hook.to_string().contains("s3cret"));
    let hook_path = format!("/api/v1/eventHooks/{}", hook["id"].as_str().unwrap());
    let (status, body) = send(t.post(&format!("{hook_path}/lifecycle/verify"))).await;
    assert_eq!(status, 400);
    assert_okta_error(
        &body,
        "E0000001",
        "Api validation failed: verificationStatus",
    );
    assert_eq!(
        send(t.delete(&hook_path)).await.0,
        400,
        "an active hook stays"
    );

    let group = t.org.create_group("Everyone here");
    let rule = json!({
        "type": "group_rule",
        "name": "All",
        "conditions": {"expression": {"type": "urn:okta:expression:1.0", "value": "true"}},
        "actions": {"assignUserToGroups": {"groupIds": [group]}},
    });
    let (_, created) = send(t.post("/api/v1/groups/rules").json(&rule)).await;
    assert_eq!(created["status"], "INACTIVE");
    let rule_path = format!("/api/v1/groups/rules/{}", created["id"].as_str().unwrap());
    assert_eq!(
        send(t.post(&format!("{rule_path}/lifecycle/activate")))
            .await
            .0,
        204
    );
    assert_eq!(send(t.put(&rule_path).json(&rule)).await.0, 400);
    assert_eq!(send(t.delete(&rule_path)).await.0, 202);
    let mut unknown_group = rule.clone();
    unknown_group["actions"]["assignUserToGroups"]["groupIds"] = json!(["00gnosuchgroup000000"]);
    assert_eq!(
        send(t.post("/api/v1/groups/rules").json(&unknown_group))
            .await
            .0,
        404
    );

    let origin =
        json!({"name": "Web", "origin": "https://web.example.com", "scopes": [{"type": "CORS"}]});
    assert_eq!(
        send(t.post("/api/v1/trustedOrigins").json(&origin)).await.0,
        200
    );
    let (status, body) = send(t.post("/api/v1/trustedOrigins").json(&origin)).await;
    assert_eq!(status, 400);
    assert_okta_error(&body, "E0000001", "Api validation failed: origin");

    let (status, servers) = send(t.get("/api/v1/authorizationServers")).await;
    assert_eq!(status, 200);
    assert_eq!(servers[0]["id"], "default");
    assert_eq!(
        servers[0]["issuer"],
        format!("{}/oauth2/default", t.org.url())
    );
    let (status, server) = send(
        t.post("/api/v1/authorizationServers")
            .json(&json!({"name": "Payments", "audiences": ["api://payments"]})),
    )
    .await;
    assert_eq!(status, 201);
    let scopes_path = format!(
        "/api/v1/authorizationServers/{}/scopes",
        server["id"].as_str().unwrap()
    );
    let (_, scopes) = send(t.get(&scopes_path)).await;
    assert!(scopes
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == "openid"));
    let (status, _) = send(t.post(&scopes_path).json(&json!({"name": "openid"}))).await;
    assert_eq!(status, 400, "scope names are unique within a server");
}

#[tokio::test]
async fn a_public_url_is_the_prefix_of_links_and_link_headers() {
    let mut config = FakeOrgConfig::default();
    config.public_url = Some("http://127.0.0.1:4010/".to_owned());
    let org = FakeOrg::start_with(config).await.unwrap();
    assert_eq!(org.url(), "http://127.0.0.1:4010");
    let id = org.create_user(json!({"login": "ada@example.com"}));
    let response = reqwest::Client::new()
        .get(format!("http://{}/api/v1/users?limit=1", org.addr()))
        .header("Authorization", format!("SSWS {}", org.api_token()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        link(&response, "self").as_deref(),
        Some("http://127.0.0.1:4010/api/v1/users?limit=1")
    );
    let users: Vec<Value> = response.json().await.unwrap();
    assert_eq!(
        users[0]["_links"]["self"]["href"],
        format!("http://127.0.0.1:4010/api/v1/users/{id}")
    );
}
