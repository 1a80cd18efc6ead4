//! The group endpoints and memberships.

mod common;

use common::{assert_okta_error, causes, link, send, TestOrg};
use serde_json::{json, Value};

#[tokio::test]
async fn created_group_has_okta_shape_and_unique_name() {
    let t = TestOrg::start().await;
    let (status, group) = send(t.post("/api/v1/groups").json(&json!({
        "profile": {"name": "Engineering", "description": "Builders"}
    })))
    .await;
    assert_eq!(status, 200);
    let id = group["id"].as_str().unwrap();
    assert_eq!(id.len(), 20);
    assert!(id.starts_with("00g"));
    assert_eq!(group["objectClass"], json!(["okta:user_group"]));
    assert_eq!(group["type"], "OKTA_GROUP");
    assert_eq!(
        group["profile"],
        json!({"name": "Engineering", "description": "Builders"})
    );
    for key in ["created", "lastUpdated", "lastMembershipUpdated"] {
        assert!(group[key].as_str().unwrap().ends_with('Z'), "{key}");
    }
    assert_eq!(
        group["_links"]["users"]["href"],
        format!("{}/api/v1/groups/{id}/users", t.org.url())
    );
    assert_eq!(
        send(t.get(&format!("/api/v1/groups/{id}"))).await,
        (200, group.clone())
    );

    let (status, body) = send(
        t.post("/api/v1/groups")
            .json(&json!({"profile": {"name": "engineering"}})),
    )
    .await;
    assert_eq!(status, 400);
    assert_okta_error(&body, "E0000001", "Api validation failed: name");
    assert_eq!(
        causes(&body),
        ["name: An object with this field already exists in the current organization"]
    );

    let (status, body) = send(
        t.post("/api/v1/groups")
            .json(&json!({"profile": {"description": "nameless"}})),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(causes(&body), ["name: The field cannot be left blank"]);

    let (status, body) = send(t.get("/api/v1/groups/00gnothere")).await;
    assert_eq!(status, 404);
    assert_okta_error(
        &body,
        "E0000007",
        "Not found: Resource not found: 00gnothere (UserGroup)",
    );
}

#[tokio::test]
async fn groups_are_listed_searched_replaced_and_deleted() {
    let t = TestOrg::start().await;
    let ids: Vec<String> = ["Admins", "Accounting", "Sales"]
        .iter()
        .map(|name| t.org.create_group(name))
        .collect();

    let names = |body: &Value| -> Vec<String> {
        body.as_array()
            .unwrap()
            .iter()
            .map(|group| group["profile"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, all) = send(t.get("/api/v1/groups")).await;
    assert_eq!(names(&all), ["Admins", "Accounting", "Sales"]);
    let (_, found) = send(t.get("/api/v1/groups?q=ac")).await;
    assert_eq!(names(&found), ["Accounting"]);
    let (_, found) = send(t.get("/api/v1/groups?search=profile.name%20sw%20%22a%22")).await;
    assert_eq!(names(&found), ["Admins", "Accounting"]);
    let (status, body) = send(t.get("/api/v1/groups?filter=profile.name%20eq")).await;
    assert_eq!(status, 400);
    assert_eq!(body["errorCode"], "E0000031");

    let response = t.get("/api/v1/groups?limit=2").send().await.unwrap();
    let next = link(&response, "next").unwrap();
    assert!(next.ends_with(&format!("after={}", ids[1])), "{next}");

    let (status, replaced) = send(t.put(&format!("/api/v1/groups/{}", ids[2])).json(&json!({
        "profile": {"name": "Sales EMEA", "description": "Europe"}
    })))
    .await;
    assert_eq!(status, 200);
    assert_eq!(replaced["profile"]["name"], "Sales EMEA");
    let (status, _) = send(
        t.put(&format!("/api/v1/groups/{}", ids[2]))
            .json(&json!({"profile": {"name": "Admins"}})),
    )
    .await;
    assert_eq!(status, 400);

    let response = t
        .delete(&format!("/api/v1/groups/{}", ids[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(
        send(t.get(&format!("/api/v1/groups/{}", ids[0]))).await.0,
        404
    );
    // The name is free again.
    assert_eq!(
        send(
            t.post("/api/v1/groups")
                .json(&json!({"profile": {"name": "Admins"}}))
        )
        .await
        .0,
        200
    );
}

#[tokio::test]
async fn memberships_are_added_listed_with_links_and_removed() {
    let t = TestOrg::start().await;
    let group = t.org.create_group("Everyone");
    let users = t.org.seed_users(5);
    for user in &users {
        let response = t
            .put(&format!("/api/v1/groups/{group}/users/{user}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }
    // Adding twice changes nothing.
    let again = t.put(&format!("/api/v1/groups/{group}/users/{}", users[0]));
    assert_eq!(again.send().await.unwrap().status(), 204);

    let mut seen = Vec::new();
    let mut url = format!("{}/api/v1/groups/{group}/users?limit=2", t.org.url());
    loop {
        let response = t.get_url(&url).await;
        assert_eq!(response.status(), 200);
        let next = link(&response, "next");
        let page: Vec<Value> = response.json().await.unwrap();
        seen.extend(
            page.iter()
                .map(|user| user["id"].as_str().unwrap().to_owned()),
        );
        match next {
            Some(next) => url = next,
            None => break,
        }
    }
    assert_eq!(seen, users);

    let (status, groups) = send(t.get(&format!("/api/v1/users/{}/groups", users[0]))).await;
    assert_eq!(status, 200);
    assert_eq!(groups[0]["id"], group.as_str());

    let removed = t.delete(&format!("/api/v1/groups/{group}/users/{}", users[0]));
    assert_eq!(removed.send().await.unwrap().status(), 204);
    let (_, groups) = send(t.get(&format!("/api/v1/users/{}/groups", users[0]))).await;
    assert_eq!(groups, json!([]));

    // Deleting a user (deactivate, then delete) removes its memberships.
    for _ in 0..2 {
        let response = t
            .delete(&format!("/api/v1/users/{}", users[1]))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }
    let (_, members) = send(t.get(&format!("/api/v1/groups/{group}/users"))).await;
    assert_eq!(members.as_array().unwrap().len(), 3);

    let (status, body) = send(t.put(&format!("/api/v1/groups/{group}/users/00unothere"))).await;
    assert_eq!(status, 404);
    assert_eq!(
        body["errorSummary"],
        "Not found: Resource not found: 00unothere (User)"
    );
    let (status, _) = send(t.put(&format!("/api/v1/groups/00gnothere/users/{}", users[2]))).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn users_can_be_created_straight_into_groups() {
    let t = TestOrg::start().await;
    let group = t.org.create_group("Staff");
    let (status, user) = send(t.post("/api/v1/users").json(&json!({
        "profile": {"login": "new@example.com"},
        "groupIds": [group],
    })))
    .await;
    assert_eq!(status, 200);
    let (_, groups) = send(t.get(&format!(
        "/api/v1/users/{}/groups",
        user["id"].as_str().unwrap()
    )))
    .await;
    assert_eq!(groups[0]["profile"]["name"], "Staff");

    let (status, _) = send(t.post("/api/v1/users").json(&json!({
        "profile": {"login": "other@example.com"},
        "groupIds": ["00gnothere"],
    })))
    .await;
    assert_eq!(status, 404);
    assert_eq!(t.org.user_count(), 1);
}
