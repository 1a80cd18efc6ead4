//! The client against the fake org: retries, rate limits, pagination and errors over real HTTP.

use std::collections::HashSet;
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use okta_core::{Client, Config, Error, RetryPolicy, ThrottlePolicy};
use okta_testkit::{FakeOrg, Fault, FaultKind};
use serde_json::{json, Value};

fn client(org: &FakeOrg, retry: RetryPolicy, throttle: Option<ThrottlePolicy>) -> Client {
    let mut b = Config::builder()
        .org_url(org.url())
        .api_token(org.api_token())
        .retry(retry)
        .request_timeout(Duration::from_secs(5));
    if let Some(t) = throttle {
        b = b.throttle(t);
    }
    Client::new(b.build().unwrap()).unwrap()
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(50))
}

#[tokio::test]
async fn stream_visits_every_user_once_across_pages() {
    let org = FakeOrg::start().await.unwrap();
    let ids: HashSet<String> = org.seed_users(45).into_iter().collect();
    let client = client(&org, RetryPolicy::default(), None);
    let mut stream = client
        .get("/api/v1/users")
        .query("limit", "10")
        .stream::<Value>();
    let mut seen = HashSet::new();
    while let Some(user) = stream.try_next().await.unwrap() {
        assert!(
            seen.insert(user["id"].as_str().unwrap().to_owned()),
            "duplicate {user}"
        );
    }
    assert_eq!(seen, ids);
    assert_eq!(stream.pages_fetched(), 5);
    // Each page was requested once, lazily, following the Link header.
    let gets = org
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v1/users")
        .count();
    assert_eq!(gets, 5);
}

#[tokio::test]
async fn stream_is_lazy_one_page_at_a_time() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(30);
    let client = client(&org, RetryPolicy::default(), None);
    let mut stream = client
        .get("/api/v1/users")
        .query("limit", "10")
        .stream::<Value>();
    for _ in 0..10 {
        stream.try_next().await.unwrap().unwrap();
    }
    assert_eq!(
        org.requests().len(),
        1,
        "only the first page is fetched for 10 items"
    );
    stream.try_next().await.unwrap().unwrap();
    assert_eq!(org.requests().len(), 2);
}

#[tokio::test]
async fn get_succeeds_after_injected_server_errors_and_resets() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(2);
    org.inject(
        Fault::new(FaultKind::Status(503))
            .on("GET", "/api/v1/users")
            .times(1),
    );
    org.inject(
        Fault::new(FaultKind::ConnectionReset)
            .on("GET", "/api/v1/users")
            .times(1),
    );
    org.inject(
        Fault::new(FaultKind::Status(504))
            .on("GET", "/api/v1/users")
            .times(1),
    );
    let client = client(&org, fast_retries(), None);
    let users: Vec<Value> = client
        .get("/api/v1/users")
        .send()
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(users.len(), 2);
    let log = org.requests();
    assert_eq!(log.len(), 4);
    // Retries carry the retry headers, pointing at the first response's request ID.
    assert_eq!(log[0].header("x-okta-retry-count"), None);
    assert_eq!(log[1].header("x-okta-retry-count"), Some("1"));
    assert_eq!(log[3].header("x-okta-retry-count"), Some("3"));
    assert_eq!(
        log[1].header("x-okta-retry-for"),
        Some(log[0].request_id.as_str())
    );
    assert_eq!(
        log[3].header("x-okta-retry-for"),
        Some(log[0].request_id.as_str())
    );
}

#[tokio::test]
async fn post_that_got_a_5xx_is_not_sent_again() {
    let org = FakeOrg::start().await.unwrap();
    org.inject(
        Fault::new(FaultKind::Status(503))
            .on("POST", "/api/v1/users")
            .times(1),
    );
    let client = client(&org, fast_retries(), None);
    let err = client
        .post("/api/v1/users")
        .json(
            &json!({"profile": {"login": "a@example.com", "email": "a@example.com",
            "firstName": "A", "lastName": "B"}}),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    let posts = org.requests().iter().filter(|r| r.method == "POST").count();
    assert_eq!(posts, 1, "a POST must never be sent twice");
    assert_eq!(org.user_count(), 0);
}

#[tokio::test]
async fn post_after_a_connection_reset_is_not_sent_again() {
    let org = FakeOrg::start().await.unwrap();
    org.inject(
        Fault::new(FaultKind::ConnectionReset)
            .on("POST", "/api/v1/users")
            .times(1),
    );
    let client = client(&org, fast_retries(), None);
    let err = client
        .post("/api/v1/users")
        .json(&json!({"profile": {"login": "a@example.com"}}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(
        org.requests().iter().filter(|r| r.method == "POST").count(),
        1
    );
}

#[tokio::test]
async fn post_is_retried_after_a_429_because_okta_did_not_process_it() {
    let org = FakeOrg::start().await.unwrap();
    org.inject(
        Fault::new(FaultKind::Status(429))
            .on("POST", "/api/v1/users")
            .times(1),
    );
    let client = client(
        &org,
        fast_retries().rate_limit_wait_bounds(Duration::from_millis(10), Duration::from_millis(20)),
        None,
    );
    client
        .post("/api/v1/users")
        .json(
            &json!({"profile": {"login": "a@example.com", "email": "a@example.com",
            "firstName": "A", "lastName": "B"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(org.user_count(), 1);
}

#[tokio::test]
async fn truncated_body_is_a_decode_error_naming_the_json_path() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(3);
    let full = client(&org, RetryPolicy::disabled(), None)
        .get("/api/v1/users")
        .send()
        .await
        .unwrap()
        .body()
        .len();
    // Cut inside the last user.
    org.inject(Fault::new(FaultKind::TruncatedBody { keep: full - 40 }).on("GET", "/api/v1/users"));
    let client = client(&org, RetryPolicy::disabled(), None);
    let err = client
        .get("/api/v1/users")
        .page::<Value>()
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert!(
        d.path.starts_with("[2]"),
        "path {:?} should point into the third user",
        d.path
    );
    assert!(d.request_id.is_some());
    assert!(err.to_string().contains(&d.path));
}

#[tokio::test]
async fn one_malformed_record_does_not_fail_the_page() {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        id: String,
        profile: StrictProfile,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct StrictProfile {
        #[serde(rename = "costCenter")]
        cost_center: u32,
    }
    let org = FakeOrg::start().await.unwrap();
    for (i, cc) in [json!(1), json!("not a number"), json!(3)]
        .into_iter()
        .enumerate()
    {
        org.create_user(
            json!({"login": format!("u{i}@example.com"), "email": format!("u{i}@example.com"),
            "firstName": "U", "lastName": "X", "costCenter": cc}),
        );
    }
    let client = client(&org, RetryPolicy::default(), None);
    let results: Vec<_> = client
        .get("/api/v1/users")
        .stream::<Strict>()
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[2].is_ok());
    let Err(Error::Decode(d)) = &results[1] else {
        panic!("second record should fail")
    };
    assert_eq!(d.path, "[1].profile.costCenter");
}

#[tokio::test]
async fn api_errors_keep_okta_fields_and_rate_limit() {
    let org = FakeOrg::start().await.unwrap();
    org.set_rate_limit(100, Duration::from_secs(60));
    let client = client(&org, RetryPolicy::default(), None);
    let err = client
        .get("/api/v1/users/00unotthere000000000")
        .send()
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.error_code.as_deref(), Some("E0000007"));
    assert!(api
        .error_summary
        .as_deref()
        .unwrap_or("")
        .contains("Not found"));
    assert!(api.error_id.is_some());
    assert!(api.request_id.is_some());
    assert_eq!(api.rate_limit.map(|r| r.limit), Some(100));
    assert!(err.is_not_found());

    let profile = json!({"profile": {"login": "dup@example.com", "email": "dup@example.com",
        "firstName": "D", "lastName": "U"}});
    client
        .post("/api/v1/users")
        .json(&profile)
        .send()
        .await
        .unwrap();
    let err = client
        .post("/api/v1/users")
        .json(&profile)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some("E0000001"));
    let Error::Api(api) = &err else { panic!() };
    assert!(
        api.error_causes[0].error_summary.contains("already exists"),
        "{err}"
    );
}

#[tokio::test]
async fn wrong_token_is_a_401_api_error_without_the_token() {
    let org = FakeOrg::start().await.unwrap();
    let config = Config::builder()
        .org_url(org.url())
        .api_token("wrong-secret-token")
        .build()
        .unwrap();
    let err = Client::new(config)
        .unwrap()
        .get("/api/v1/users")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.error_code(), Some("E0000011"));
    assert!(!format!("{err} {err:?}").contains("wrong-secret-token"));
}

#[tokio::test]
async fn duplicated_rate_limit_headers_do_not_break_a_call() {
    let org = FakeOrg::start().await.unwrap();
    org.set_rate_limit(100, Duration::from_secs(60));
    org.inject(Fault::new(FaultKind::DuplicateRateLimitHeaders).on("GET", "/api/v1/users"));
    let client = client(
        &org,
        RetryPolicy::default(),
        Some(ThrottlePolicy::default()),
    );
    let r = client.get("/api/v1/users").send().await.unwrap();
    let rl = r.rate_limit().unwrap();
    assert_eq!(rl.limit, 100, "the most restrictive copy wins");
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_and_a_get_is_retried() {
    let org = FakeOrg::start().await.unwrap();
    org.inject(Fault::new(FaultKind::Delay(Duration::from_secs(3))).on("GET", "/api/v1/users"));
    let config = Config::builder()
        .org_url(org.url())
        .api_token(org.api_token())
        .request_timeout(Duration::from_millis(300))
        .retry(fast_retries())
        .build()
        .unwrap();
    let client = Client::new(config.clone()).unwrap();
    client.get("/api/v1/users").send().await.unwrap();
    assert_eq!(org.requests().len(), 2);

    org.inject(Fault::new(FaultKind::Delay(Duration::from_secs(3))).on("GET", "/api/v1/users"));
    let mut config = config;
    config.retry = RetryPolicy::disabled();
    let once = Client::new(config).unwrap();
    let err = once.get("/api/v1/users").send().await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn retries_stop_at_max_attempts() {
    let org = FakeOrg::start().await.unwrap();
    org.inject(
        Fault::new(FaultKind::Status(503))
            .on("GET", "/api/v1/users")
            .times(10),
    );
    let client = client(&org, fast_retries().max_attempts(3), None);
    let err = client.get("/api/v1/users").send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(org.requests().len(), 3);
}

#[tokio::test]
async fn retries_stop_when_the_wait_would_pass_max_elapsed() {
    let org = FakeOrg::start().await.unwrap();
    org.set_rate_limit(1, Duration::from_secs(60));
    let client = client(
        &org,
        RetryPolicy::default().max_elapsed(Duration::from_secs(2)),
        None,
    );
    client.get("/api/v1/users").send().await.unwrap();
    let started = std::time::Instant::now();
    let err = client.get("/api/v1/users").send().await.unwrap_err();
    assert!(err.is_rate_limited());
    assert!(err.rate_limit().is_some());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "no pointless wait"
    );
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let org = FakeOrg::start().await.unwrap();
    let client = client(&org, RetryPolicy::default(), None);
    let err = client
        .get("https://evil.example/api/v1/users")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ForeignUrl { .. }), "{err:?}");
    assert!(org.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_lists_under_a_rate_limit_all_succeed() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(5);
    org.set_rate_limit(250, Duration::from_secs(1));
    let client = client(
        &org,
        RetryPolicy::default()
            .max_attempts(30)
            .max_elapsed(Duration::from_secs(120)),
        None,
    );
    let results = run_concurrent(&client, 1_000).await;
    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    let log = org.requests();
    let limited = log.iter().filter(|r| r.status == 429).count();
    eprintln!(
        "{limited} of {} requests got a 429 without throttling",
        log.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proactive_throttling_keeps_429s_under_five_percent() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(5);
    org.set_rate_limit(250, Duration::from_secs(1));
    let client = client(
        &org,
        RetryPolicy::default()
            .max_attempts(30)
            .max_elapsed(Duration::from_secs(120)),
        Some(ThrottlePolicy::default()),
    );
    let results = run_concurrent(&client, 1_000).await;
    assert!(results.iter().all(Result::is_ok));
    let log = org.requests();
    let limited = log.iter().filter(|r| r.status == 429).count();
    eprintln!(
        "{limited} of {} requests got a 429 with throttling on",
        log.len()
    );
    assert!(
        (limited as f64) < 0.05 * log.len() as f64,
        "{limited} of {} requests got a 429",
        log.len()
    );
}

async fn run_concurrent(client: &Client, n: usize) -> Vec<Result<Vec<Value>, Error>> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.get("/api/v1/users").send().await?.json::<Vec<Value>>() })
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// Credentials that hold a stale token until told the API refused it.
#[derive(Debug)]
struct Rotating {
    stale: okta_core::Ssws,
    fresh: okta_core::Ssws,
    refreshed: std::sync::atomic::AtomicBool,
}

impl okta_core::Credentials for Rotating {
    fn authorize<'a>(
        &'a self,
        method: &'a okta_core::http::Method,
        url: &'a okta_core::url::Url,
        headers: &'a mut okta_core::http::HeaderMap,
    ) -> okta_core::credentials::BoxFuture<'a, Result<(), Error>> {
        if self.refreshed.load(std::sync::atomic::Ordering::SeqCst) {
            self.fresh.authorize(method, url, headers)
        } else {
            self.stale.authorize(method, url, headers)
        }
    }

    fn unauthorized<'a>(
        &'a self,
        _url: &'a okta_core::url::Url,
        _headers: &'a okta_core::http::HeaderMap,
    ) -> okta_core::credentials::BoxFuture<'a, bool> {
        Box::pin(async move {
            !self
                .refreshed
                .swap(true, std::sync::atomic::Ordering::SeqCst)
        })
    }
}

#[tokio::test]
async fn a_401_lets_credentials_refresh_and_the_call_is_retried_once() {
    let org = FakeOrg::start().await.unwrap();
    let creds = std::sync::Arc::new(Rotating {
        stale: okta_core::Ssws::new("expired"),
        fresh: okta_core::Ssws::new(org.api_token()),
        refreshed: false.into(),
    });
    let config = Config::builder()
        .org_url(org.url())
        .credentials(creds)
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    client.get("/api/v1/users").send().await.unwrap();
    let statuses: Vec<u16> = org.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [401, 200]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_limit_429s_are_retried_with_backoff() {
    let org = FakeOrg::start().await.unwrap();
    org.set_concurrency_limit(Some(3));
    org.inject(
        Fault::new(FaultKind::Delay(Duration::from_millis(50)))
            .on("GET", "/api/v1/users")
            .times(100),
    );
    let client = client(
        &org,
        RetryPolicy::default()
            .max_attempts(20)
            .base_delay(Duration::from_millis(20))
            .rate_limit_wait_bounds(Duration::from_millis(20), Duration::from_secs(1)),
        None,
    );
    let results = run_concurrent(&client, 30).await;
    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    let log = org.requests();
    let concurrent_429 = log.iter().filter(|r| r.status == 429).count();
    assert!(concurrent_429 > 0, "the limit was exercised");
}

#[tokio::test]
async fn an_explicit_proxy_carries_every_request() {
    // The fake org doubles as an HTTP proxy: a proxied request arrives in absolute form and
    // is routed by its path. The org URL itself points at a closed port.
    let org = FakeOrg::start().await.unwrap();
    let config = Config::builder()
        .org_url("http://127.0.0.1:9")
        .api_token(org.api_token())
        .proxy(org.url())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    client.get("/api/v1/users").send().await.unwrap();
    assert_eq!(org.requests().len(), 1);
}
