//! The user endpoints: authentication, shapes, pagination, search and errors.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{assert_okta_error, causes, header_values, link, send, TestOrg};
use okta_testkit::FakeOrgConfig;
use serde_json::{json, Value};

fn is_okta_timestamp(value: &Value) -> bool {
    let Some(text) = value.as_str() else {
        return false;
    };
    let bytes = text.as_bytes();
    text.len() == 24
        && text.ends_with('Z')
        && bytes[4] == b'-'
        && bytes[10] == b'T'
        && bytes[19] == b'.'
        && text[..4].parse::<u32>().is_ok()
}

#[tokio::test]
async fn api_requests_need_the_ssws_token() {
    let t = TestOrg::start().await;
    let url = format!("{}/api/v1/users", t.org.url());

    let missing = t.client.get(&url).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    assert!(missing.headers().contains_key("x-okta-request-id"));
    assert_eq!(missing.headers()["content-type"], "application/json");
    let body: Value = missing.json().await.unwrap();
    assert_okta_error(&body, "E0000011", "Invalid token provided");
    assert_eq!(body["errorCauses"], json!([]));

    let wrong = t
        .client
        .get(&url)
        .header("Authorization", "SSWS not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);

    let bearer = t
        .client
        .get(&url)
        .header("Authorization", format!("Bearer {}", t.org.api_token()))
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), 401);

    let (status, body) = send(t.get("/api/v1/users")).await;
    assert_eq!(status, 200);
    assert_eq!(body, json!([]));
}

#[tokio::test]
async fn every_answer_has_a_unique_request_id_and_one_date() {
    let t = TestOrg::start().await;
    let mut ids = HashSet::new();
    for _ in 0..5 {
        let response = t.get("/api/v1/users").send().await.unwrap();
        assert_eq!(header_values(&response, "date").len(), 1);
        let date = &header_values(&response, "date")[0];
        assert!(date.ends_with(" GMT"), "{date}");
        let id = header_values(&response, "x-okta-request-id");
        assert_eq!(id.len(), 1);
        assert!(ids.insert(id[0].clone()));
        assert!(!response.headers().contains_key("x-rate-limit-limit"));
    }
}

#[tokio::test]
async fn created_user_has_okta_shape_and_is_found_by_id_or_login() {
    let t = TestOrg::start().await;
    let (status, user) = send(t.post("/api/v1/users").json(&json!({
        "profile": {
            "firstName": "Ada",
            "lastName": "Lovelace",
            "email": "ada@example.com",
            "login": "ada@example.com",
            "department": "Engines",
        },
        "credentials": { "password": { "value": "correct horse" } },
    })))
    .await;
    assert_eq!(status, 200);
    let id = user["id"].as_str().unwrap();
    assert_eq!(id.len(), 20);
    assert!(id.starts_with("00u"));
    assert_eq!(user["status"], "ACTIVE");
    for key in [
        "created",
        "activated",
        "statusChanged",
        "lastUpdated",
        "passwordChanged",
    ] {
        assert!(is_okta_timestamp(&user[key]), "{key}: {}", user[key]);
    }
    assert_eq!(user["lastLogin"], Value::Null);
    assert!(user["type"]["id"].is_string());
    assert_eq!(user["profile"]["department"], "Engines");
    assert_eq!(
        user["credentials"]["provider"],
        json!({"type": "OKTA", "name": "OKTA"})
    );
    assert!(!user.to_string().contains("correct horse"));
    assert_eq!(
        user["_links"]["self"]["href"],
        format!("{}/api/v1/users/{id}", t.org.url())
    );

    let (status, by_id) = send(t.get(&format!("/api/v1/users/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(by_id, user);
    let (status, by_login) = send(t.get("/api/v1/users/ada@example.com")).await;
    assert_eq!(status, 200);
    assert_eq!(by_login["id"], id);

    let (status, staged) = send(
        t.post("/api/v1/users?activate=false")
            .json(&json!({"profile": {"login": "bob@example.com"}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(staged["status"], "STAGED");
    assert_eq!(staged["activated"], Value::Null);
    assert_eq!(staged["passwordChanged"], Value::Null);
    assert_eq!(t.org.user_count(), 2);
}

#[tokio::test]
async fn user_errors_have_okta_shapes() {
    let t = TestOrg::start().await;

    let (status, body) = send(
        t.post("/api/v1/users")
            .json(&json!({"profile": {"firstName": "No", "lastName": "Login"}})),
    )
    .await;
    assert_eq!(status, 400);
    assert_okta_error(&body, "E0000001", "Api validation failed: login");
    assert_eq!(causes(&body), ["login: The field cannot be left blank"]);

    t.org.create_user(json!({"login": "taken@example.com"}));
    let (status, body) = send(
        t.post("/api/v1/users")
            .json(&json!({"profile": {"login": "TAKEN@example.com"}})),
    )
    .await;
    assert_eq!(status, 400);
    assert_okta_error(&body, "E0000001", "Api validation failed: login");
    assert_eq!(
        causes(&body),
        ["login: An object with this field already exists in the current organization"]
    );

    let (status, body) = send(
        t.post("/api/v1/users")
            .header("Content-Type", "application/json")
            .body("{\"profile\": {"),
    )
    .await;
    assert_eq!(status, 400);
    assert_okta_error(&body, "E0000003", "The request body was not well-formed.");

    let (status, body) = send(t.get("/api/v1/users/00unothere")).await;
    assert_eq!(status, 404);
    assert_okta_error(
        &body,
        "E0000007",
        "Not found: Resource not found: 00unothere (User)",
    );

    let (status, body) = send(t.get("/api/v1/nothing/here")).await;
    assert_eq!(status, 404);
    assert_eq!(body["errorCode"], "E0000007");

    let (status, body) = send(t.request(reqwest::Method::PATCH, "/api/v1/users")).await;
    assert_eq!(status, 405);
    assert_okta_error(
        &body,
        "E0000022",
        "The endpoint does not support the provided HTTP method",
    );
}

#[tokio::test]
async fn link_pagination_covers_every_user_exactly_once() {
    let t = TestOrg::start().await;
    let seeded = t.org.seed_users(1001);
    assert_eq!(seeded.len(), 1001);

    let mut seen = Vec::new();
    let mut pages = 0;
    let mut url = format!("{}/api/v1/users?limit=200", t.org.url());
    loop {
        let response = t.get_url(&url).await;
        assert_eq!(response.status(), 200);
        assert_eq!(link(&response, "self").as_deref(), Some(url.as_str()));
        assert_eq!(
            header_values(&response, "link").len(),
            if pages < 5 { 2 } else { 1 }
        );
        let next = link(&response, "next");
        let page: Vec<Value> = response.json().await.unwrap();
        pages += 1;
        seen.extend(
            page.iter()
                .map(|user| user["id"].as_str().unwrap().to_owned()),
        );
        match next {
            Some(next) => {
                assert!(next.contains("limit=200"), "{next}");
                assert!(
                    next.contains(&format!("after={}", seen.last().unwrap())),
                    "{next}"
                );
                url = next;
            }
            None => break,
        }
    }
    assert_eq!(pages, 6);
    assert_eq!(seen, seeded, "every user once, in id order");

    // A page that ends exactly at the last user has no next link.
    let response = t
        .get(&format!("/api/v1/users?limit=1&after={}", seeded[999]))
        .send()
        .await
        .unwrap();
    assert!(link(&response, "next").is_none());
    let last: Vec<Value> = response.json().await.unwrap();
    assert_eq!(last[0]["id"], seeded[1000].as_str());
}

#[tokio::test]
async fn limit_is_defaulted_clamped_and_validated() {
    let mut config = FakeOrgConfig::default();
    config.max_page_size = 20;
    config.default_page_size = 5;
    let t = TestOrg::start_with(config).await;
    t.org.seed_users(30);

    let page: Vec<Value> = t
        .get("/api/v1/users")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page.len(), 5);
    let response = t.get("/api/v1/users?limit=1000").send().await.unwrap();
    let next = link(&response, "next").unwrap();
    assert!(next.contains("limit=20"), "{next}");
    let page: Vec<Value> = response.json().await.unwrap();
    assert_eq!(page.len(), 20);

    for bad in ["0", "-3", "ten"] {
        let (status, body) = send(t.get(&format!("/api/v1/users?limit={bad}"))).await;
        assert_eq!(status, 400, "limit={bad}");
        assert_eq!(body["errorCode"], "E0000001");
    }
}

async fn logins(t: &TestOrg, path_and_query: &str) -> Vec<String> {
    let (status, body) = send(t.get(path_and_query)).await;
    assert_eq!(status, 200, "{path_and_query}: {body}");
    let mut logins: Vec<String> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["profile"]["login"].as_str().unwrap().to_owned())
        .collect();
    logins.sort();
    logins
}

#[tokio::test]
async fn q_search_and_filter_select_users() {
    let t = TestOrg::start().await;
    for (first, last, login, dept, level) in [
        ("Ada", "Lovelace", "ada@example.com", "Eng", 3),
        ("Alan", "Turing", "alan@example.com", "Eng", 5),
        ("Grace", "Hopper", "grace@navy.example", "Navy", 7),
    ] {
        t.org.create_user(json!({
            "firstName": first, "lastName": last, "email": login, "login": login,
            "department": dept, "level": level,
        }));
    }
    // A later millisecond, so that only this user matches `lastUpdated ge` its creation.
    tokio::time::sleep(Duration::from_millis(5)).await;
    let (_, staged) = send(
        t.post("/api/v1/users?activate=false")
            .json(&json!({"profile": {"login": "staged@example.com", "firstName": "Sam"}})),
    )
    .await;

    assert_eq!(
        logins(&t, "/api/v1/users?q=a").await,
        ["ada@example.com", "alan@example.com"]
    );
    assert_eq!(
        logins(&t, "/api/v1/users?q=HOP").await,
        ["grace@navy.example"]
    );
    assert_eq!(
        logins(&t, "/api/v1/users?q=zzz").await,
        Vec::<String>::new()
    );

    let search = |expr: &str| format!("/api/v1/users?search={}", url_encode(expr));
    assert_eq!(
        logins(&t, &search(r#"profile.department eq "eng""#)).await,
        ["ada@example.com", "alan@example.com"]
    );
    assert_eq!(
        logins(
            &t,
            &search(r#"profile.level gt 4 and profile.department ne "Eng""#)
        )
        .await,
        ["grace@navy.example"]
    );
    assert_eq!(
        logins(
            &t,
            &search(
                r#"(profile.login co "navy" or profile.firstName sw "al") and status eq "ACTIVE""#
            )
        )
        .await,
        ["alan@example.com", "grace@navy.example"]
    );
    assert_eq!(
        logins(
            &t,
            &search(&format!(r#"id eq "{}""#, staged["id"].as_str().unwrap()))
        )
        .await,
        ["staged@example.com"]
    );
    assert_eq!(logins(&t, &search("profile.level pr")).await.len(), 3);

    let filter = |expr: &str| format!("/api/v1/users?filter={}", url_encode(expr));
    assert_eq!(
        logins(&t, &filter(r#"status eq "STAGED""#)).await,
        ["staged@example.com"]
    );
    let created = staged["created"].as_str().unwrap();
    assert_eq!(
        logins(&t, &filter(&format!(r#"lastUpdated ge "{created}""#))).await,
        ["staged@example.com"]
    );

    for bad in [
        r#"profile.department eq"#,
        r#"profile.department eq "Eng" and"#,
        r#"(status eq "ACTIVE""#,
        r#"nonsense eq "x""#,
        r#"status ~ "x""#,
    ] {
        let (status, body) = send(t.get(&search(bad))).await;
        assert_eq!(status, 400, "{bad}");
        assert_okta_error(&body, "E0000031", "Invalid search criteria.");
    }
    // `filter` does not know `ne` or `co`.
    let (status, body) = send(t.get(&filter(r#"status ne "ACTIVE""#))).await;
    assert_eq!(status, 400);
    assert_eq!(body["errorCode"], "E0000031");

    // The next link keeps the search.
    let response = t
        .get(&format!(
            "{}&limit=1",
            search(r#"profile.department eq "Eng""#)
        ))
        .send()
        .await
        .unwrap();
    let next = link(&response, "next").unwrap();
    assert!(next.contains("search=profile.department"), "{next}");
    let second: Vec<Value> = t.get_url(&next).await.json().await.unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0]["profile"]["login"], "alan@example.com");
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn profile_updates_merge_or_replace_and_touch_last_updated() {
    let t = TestOrg::start().await;
    let id = t.org.create_user(json!({
        "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
        "login": "ada@example.com", "nickname": "Countess", "title": "Analyst",
    }));
    let (_, before) = send(t.get(&format!("/api/v1/users/{id}"))).await;
    tokio::time::sleep(Duration::from_millis(5)).await;

    let (status, merged) = send(
        t.post(&format!("/api/v1/users/{id}"))
            .json(&json!({"profile": {"title": "Mathematician", "nickname": null}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(merged["profile"]["title"], "Mathematician");
    assert_eq!(merged["profile"]["firstName"], "Ada");
    assert!(merged["profile"].get("nickname").is_none());
    assert!(merged["lastUpdated"].as_str() > before["lastUpdated"].as_str());

    let (status, replaced) =
        send(t.put(&format!("/api/v1/users/{id}")).json(
            &json!({"profile": {"login": "ada.l@example.com", "email": "ada.l@example.com"}}),
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        replaced["profile"],
        json!({"login": "ada.l@example.com", "email": "ada.l@example.com"})
    );
    let (status, _) = send(t.get("/api/v1/users/ada.l@example.com")).await;
    assert_eq!(status, 200);
    let (status, _) = send(t.get("/api/v1/users/ada@example.com")).await;
    assert_eq!(status, 404);

    let (status, body) = send(
        t.put(&format!("/api/v1/users/{id}"))
            .json(&json!({"profile": {"email": "x@example.com"}})),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(causes(&body), ["login: The field cannot be left blank"]);
}

#[tokio::test]
async fn lifecycle_operations_follow_okta_status_rules() {
    let t = TestOrg::start().await;
    let id = t.org.create_user(json!({"login": "ada@example.com"}));
    let op = |name: &str| t.post(&format!("/api/v1/users/{id}/lifecycle/{name}"));
    let status_of =
        || async { send(t.get(&format!("/api/v1/users/{id}"))).await.1["status"].clone() };

    assert_eq!(send(op("suspend")).await, (200, json!({})));
    assert_eq!(status_of().await, "SUSPENDED");
    let (status, body) = send(op("suspend")).await;
    assert_eq!(status, 400);
    assert_okta_error(&body, "E0000001", "Api validation failed: status");
    assert_eq!(send(op("unsuspend")).await, (200, json!({})));
    assert_eq!(status_of().await, "ACTIVE");
    let (status, _) = send(op("activate")).await;
    assert_eq!(status, 400);
    assert_eq!(send(op("deactivate")).await, (200, json!({})));
    assert_eq!(status_of().await, "DEPROVISIONED");

    let (status, token) = send(t.post(&format!(
        "/api/v1/users/{id}/lifecycle/activate?sendEmail=false"
    )))
    .await;
    assert_eq!(status, 200);
    let activation_token = token["activationToken"].as_str().unwrap();
    assert!(token["activationUrl"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/tokens/{activation_token}/verify")));
    assert_eq!(status_of().await, "ACTIVE");

    let (status, body) = send(op("explode")).await;
    assert_eq!(status, 404);
    assert_eq!(body["errorCode"], "E0000007");
    let (status, _) = send(t.post("/api/v1/users/00unothere/lifecycle/suspend")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn delete_deactivates_first_then_deletes() {
    let t = TestOrg::start().await;
    let ids = t.org.seed_users(3);
    let path = format!("/api/v1/users/{}", ids[1]);

    let response = t.delete(&path).send().await.unwrap();
    assert_eq!(response.status(), 204);
    assert!(!response.headers().contains_key("content-type"));
    assert_eq!(send(t.get(&path)).await.1["status"], "DEPROVISIONED");
    // Okta leaves deactivated users out of a plain list, not out of a search on status.
    assert_eq!(
        send(t.get("/api/v1/users"))
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let (_, found) = send(t.get("/api/v1/users?search=status%20eq%20%22DEPROVISIONED%22")).await;
    assert_eq!(found[0]["id"], ids[1].as_str());

    assert_eq!(t.delete(&path).send().await.unwrap().status(), 204);
    assert_eq!(send(t.get(&path)).await.0, 404);
    assert_eq!(t.org.user_count(), 2);
    assert_eq!(t.delete(&path).send().await.unwrap().status(), 404);
}

#[tokio::test]
#[ignore = "timing check of the 100,000-user stream; run with --ignored (best in release)"]
async fn streams_100k_users_in_pages_of_200_quickly() {
    let t = TestOrg::start().await;
    let started = std::time::Instant::now();
    t.org.seed_users(100_000);
    let seeded = started.elapsed();
    let started = std::time::Instant::now();
    let mut count = 0;
    let mut url = format!("{}/api/v1/users?limit=200", t.org.url());
    loop {
        let response = t.get_url(&url).await;
        let next = link(&response, "next");
        count += response.json::<Vec<Value>>().await.unwrap().len();
        match next {
            Some(next) => url = next,
            None => break,
        }
    }
    assert_eq!(count, 100_000);
    println!("seeded in {seeded:?}, streamed in {:?}", started.elapsed());
}
