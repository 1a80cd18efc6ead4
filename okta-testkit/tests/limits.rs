//! Rate limits and the concurrency limit.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{assert_okta_error, header_values, TestOrg};
use okta_testkit::{FakeOrgConfig, Fault, FaultKind};
use serde_json::Value;

/// The single value of a numeric header.
fn number(response: &reqwest::Response, name: &str) -> u64 {
    let values = header_values(response, name);
    assert_eq!(values.len(), 1, "{name}: {values:?}");
    values[0].parse().unwrap()
}

/// The server clock, from the `Date` header, in epoch seconds.
fn server_now(response: &reqwest::Response) -> u64 {
    let date = header_values(response, "date").remove(0);
    httpdate::parse_http_date(&date)
        .unwrap()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn rate_limit_answers_429_once_the_budget_is_spent() {
    let t = TestOrg::start().await;
    t.org.seed_users(1);
    t.org.set_rate_limit(3, Duration::from_secs(3600));

    let mut reset = 0;
    for remaining in [2, 1, 0] {
        let response = t.get("/api/v1/users").send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(number(&response, "x-rate-limit-limit"), 3);
        assert_eq!(number(&response, "x-rate-limit-remaining"), remaining);
        reset = number(&response, "x-rate-limit-reset");
        let now = server_now(&response);
        // A fixed window aligned to the epoch.
        assert_eq!(reset % 3600, 0);
        assert!(
            reset > now && reset <= now + 3600,
            "reset {reset}, now {now}"
        );
    }

    let limited = t.get("/api/v1/users").send().await.unwrap();
    assert_eq!(limited.status(), 429);
    assert_eq!(number(&limited, "x-rate-limit-limit"), 3);
    assert_eq!(number(&limited, "x-rate-limit-remaining"), 0);
    assert_eq!(number(&limited, "x-rate-limit-reset"), reset);
    assert!(limited.headers().contains_key("x-okta-request-id"));
    assert_eq!(limited.headers()["content-type"], "application/json");
    let body: Value = limited.json().await.unwrap();
    assert_okta_error(
        &body,
        "E0000047",
        "API call exceeded rate limit due to too many requests.",
    );

    // Refused requests are not counted, and other buckets have their own budget.
    let other = t.get("/api/v1/groups").send().await.unwrap();
    assert_eq!(other.status(), 200);
    assert_eq!(number(&other, "x-rate-limit-remaining"), 2);

    t.org.clear_rate_limits();
    let free = t.get("/api/v1/users").send().await.unwrap();
    assert_eq!(free.status(), 200);
    assert!(!free.headers().contains_key("x-rate-limit-limit"));
}

#[tokio::test]
async fn bucket_limits_apply_to_every_id_of_one_endpoint_only() {
    let t = TestOrg::start().await;
    let ids = t.org.seed_users(2);
    t.org
        .set_bucket_rate_limit("GET /api/v1/users/{id}", 1, Duration::from_secs(3600));

    let first = t
        .get(&format!("/api/v1/users/{}", ids[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(number(&first, "x-rate-limit-remaining"), 0);
    let second = t
        .get(&format!("/api/v1/users/{}", ids[1]))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 429);

    let list = t.get("/api/v1/users").send().await.unwrap();
    assert_eq!(list.status(), 200);
    assert!(!list.headers().contains_key("x-rate-limit-limit"));
}

#[tokio::test]
async fn rate_limit_from_the_config_applies_from_the_start() {
    let mut config = FakeOrgConfig::default();
    config.rate_limit = Some((1, Duration::from_secs(3600)));
    let t = TestOrg::start_with(config).await;
    assert_eq!(t.get("/api/v1/groups").send().await.unwrap().status(), 200);
    assert_eq!(t.get("/api/v1/groups").send().await.unwrap().status(), 429);
}

#[tokio::test]
async fn concurrency_limit_answers_okta_concurrent_limit_429() {
    let t = TestOrg::start().await;
    t.org.set_concurrency_limit(Some(1));
    // Keep one request in flight for a while.
    t.org.inject(
        Fault::new(FaultKind::Delay(Duration::from_millis(500))).on("GET", "/api/v1/users"),
    );
    let slow = tokio::spawn(t.get("/api/v1/users").send());
    let deadline = SystemTime::now() + Duration::from_secs(5);
    while t.org.requests().is_empty() {
        assert!(
            SystemTime::now() < deadline,
            "the slow request never arrived"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    let refused = t.get("/api/v1/groups").send().await.unwrap();
    assert_eq!(refused.status(), 429);
    assert_eq!(number(&refused, "x-rate-limit-limit"), 0);
    assert_eq!(number(&refused, "x-rate-limit-remaining"), 0);
    let now = server_now(&refused);
    let reset = number(&refused, "x-rate-limit-reset");
    assert!(reset > now && reset <= now + 2, "reset {reset}, now {now}");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["errorCode"], "E0000047");

    let slow = slow.await.unwrap().unwrap();
    assert_eq!(slow.status(), 200);
    // The slot is free again.
    assert_eq!(t.get("/api/v1/groups").send().await.unwrap().status(), 200);

    t.org.set_concurrency_limit(None);
    assert_eq!(t.get("/api/v1/groups").send().await.unwrap().status(), 200);
}
