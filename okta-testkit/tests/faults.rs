//! Injected faults, the request log, keep-alive and shutdown.

mod common;

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use common::{assert_okta_error, header_values, raw_get, read_response, send, TestOrg};
use okta_testkit::{FakeOrg, Fault, FaultKind};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn status_fault_answers_an_okta_error_without_processing() {
    let t = TestOrg::start().await;
    t.org
        .inject(Fault::new(FaultKind::Status(503)).on("POST", "/api/v1/users"));
    let create = || {
        t.post("/api/v1/users")
            .json(&json!({"profile": {"login": "ada@example.com"}}))
    };

    let response = create().send().await.unwrap();
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("x-okta-request-id"));
    let body: Value = response.json().await.unwrap();
    assert_okta_error(&body, "E0000009", "Service Unavailable");
    assert_eq!(
        t.org.user_count(),
        0,
        "the faulted request was not processed"
    );

    assert_eq!(send(create()).await.0, 200);
    let log = t.org.requests();
    assert_eq!(log[0].status, 503);
    assert_eq!(log[0].fault.as_deref(), Some("Status(503)"));
    assert_eq!(log[1].status, 200);
    assert_eq!(log[1].fault, None);
}

#[tokio::test]
async fn faults_match_method_and_path_prefix_and_count_down() {
    let t = TestOrg::start().await;
    t.org.inject(
        Fault::new(FaultKind::Status(500))
            .on("get", "/api/v1/groups")
            .times(2),
    );
    t.org.inject(Fault::new(FaultKind::Status(429)));

    // The first fault does not match; the catch-all second one does.
    let (status, body) = send(t.get("/api/v1/users")).await;
    assert_eq!(status, 429);
    assert_eq!(body["errorCode"], "E0000047");
    assert_eq!(send(t.get("/api/v1/users")).await.0, 200);

    let (status, body) = send(t.get("/api/v1/groups?limit=1")).await;
    assert_eq!(status, 500);
    assert_okta_error(&body, "E0000009", "Internal Server Error");
    assert_eq!(
        send(
            t.post("/api/v1/groups")
                .json(&json!({"profile": {"name": "G"}}))
        )
        .await
        .0,
        200
    );
    assert_eq!(send(t.get("/api/v1/groups")).await.0, 500);
    assert_eq!(send(t.get("/api/v1/groups")).await.0, 200);
}

#[tokio::test]
async fn delay_fault_waits_then_answers_normally() {
    let t = TestOrg::start().await;
    t.org
        .inject(Fault::new(FaultKind::Delay(Duration::from_millis(300))));
    let started = Instant::now();
    let (status, body) = send(t.get("/api/v1/users")).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!((status, body), (200, json!([])));
    assert_eq!(t.org.requests()[0].fault.as_deref(), Some("Delay(300ms)"));
}

#[tokio::test]
async fn connection_reset_fault_is_seen_as_a_connection_error() {
    let t = TestOrg::start().await;
    t.org
        .inject(Fault::new(FaultKind::ConnectionReset).on("POST", "/api/v1/users"));

    let result = t
        .post("/api/v1/users")
        .json(&json!({"profile": {"login": "ada@example.com"}}))
        .send()
        .await;
    let error = result.expect_err("the connection is reset");
    assert!(error.status().is_none(), "{error:?}");
    assert_eq!(t.org.user_count(), 0, "the reset request was not processed");

    let log = t.org.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, 0);
    assert_eq!(log[0].fault.as_deref(), Some("ConnectionReset"));

    // The next request, on a new connection, works.
    assert_eq!(send(t.get("/api/v1/users")).await.0, 200);
}

#[tokio::test]
async fn connection_reset_fault_sends_a_tcp_reset() {
    let org = FakeOrg::start().await.unwrap();
    org.inject(Fault::new(FaultKind::ConnectionReset));
    let mut stream = TcpStream::connect(org.addr()).await.unwrap();
    stream
        .write_all(raw_get(&org, "/api/v1/users").as_bytes())
        .await
        .unwrap();
    let mut buffer = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
        .await
        .expect("the server acts quickly");
    match read {
        Err(error) => assert_eq!(error.kind(), ErrorKind::ConnectionReset),
        Ok(n) => panic!("expected a reset, read {n} bytes"),
    }
}

#[tokio::test]
async fn truncated_body_fault_sends_a_complete_response_with_a_cut_body() {
    let t = TestOrg::start().await;
    t.org.seed_users(3);
    t.org
        .inject(Fault::new(FaultKind::TruncatedBody { keep: 10 }).on("GET", "/api/v1/users"));

    let response = t.get("/api/v1/users").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header_values(&response, "content-length"), ["10"]);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = response.bytes().await.unwrap();
    assert_eq!(body.len(), 10);
    assert!(body.starts_with(b"[{\""));
    assert!(serde_json::from_slice::<Value>(&body).is_err());

    // The connection stays usable and the next answer is whole.
    let (status, users) = send(t.get("/api/v1/users")).await;
    assert_eq!(status, 200);
    assert_eq!(users.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn duplicate_rate_limit_headers_fault_sends_each_header_twice() {
    let t = TestOrg::start().await;
    t.org.set_rate_limit(50, Duration::from_secs(3600));
    t.org
        .inject(Fault::new(FaultKind::DuplicateRateLimitHeaders));

    let response = t.get("/api/v1/users").send().await.unwrap();
    assert_eq!(response.status(), 200);
    let numbers = |name: &str| -> Vec<u64> {
        header_values(&response, name)
            .iter()
            .map(|value| value.parse().unwrap())
            .collect()
    };
    let limit = numbers("x-rate-limit-limit");
    let remaining = numbers("x-rate-limit-remaining");
    let reset = numbers("x-rate-limit-reset");
    assert_eq!(limit.len(), 2);
    assert_eq!(limit[0], 50);
    assert_eq!(remaining[0], 49);
    assert!(limit[1] > limit[0] && remaining[1] > remaining[0] && reset[1] > reset[0]);

    // Without a configured limit the fault still sends two differing copies.
    t.org.clear_rate_limits();
    t.org
        .inject(Fault::new(FaultKind::DuplicateRateLimitHeaders));
    let response = t.get("/api/v1/users").send().await.unwrap();
    let resets = header_values(&response, "x-rate-limit-reset");
    assert_eq!(resets.len(), 2);
    assert_ne!(resets[0], resets[1]);
}

#[tokio::test]
async fn request_log_records_every_request_in_arrival_order() {
    let t = TestOrg::start().await;
    t.org
        .set_bucket_rate_limit("GET /api/v1/groups", 1, Duration::from_secs(3600));
    t.org
        .inject(Fault::new(FaultKind::Status(502)).on("DELETE", "/"));

    let unauthorized = t
        .client
        .get(format!("{}/api/v1/users", t.org.url()))
        .send()
        .await
        .unwrap();
    let ok = t
        .get("/api/v1/users?limit=5&q=ada")
        .header("X-Custom-Thing", "Value 1")
        .send()
        .await
        .unwrap();
    let ok_id = header_values(&ok, "x-okta-request-id").remove(0);
    assert_eq!(send(t.get("/api/v1/groups")).await.0, 200);
    assert_eq!(send(t.get("/api/v1/groups")).await.0, 429);
    assert_eq!(send(t.delete("/api/v1/users/00unothere")).await.0, 502);
    assert_eq!(send(t.get("/api/v1/users/00unothere")).await.0, 404);
    assert_eq!(unauthorized.status(), 401);

    let log = t.org.requests();
    let summary: Vec<(&str, &str, u16)> = log
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str(), r.status))
        .collect();
    assert_eq!(
        summary,
        [
            ("GET", "/api/v1/users", 401),
            ("GET", "/api/v1/users", 200),
            ("GET", "/api/v1/groups", 200),
            ("GET", "/api/v1/groups", 429),
            ("DELETE", "/api/v1/users/00unothere", 502),
            ("GET", "/api/v1/users/00unothere", 404),
        ]
    );
    let second = &log[1];
    assert_eq!(second.query.as_deref(), Some("limit=5&q=ada"));
    assert_eq!(second.request_id, ok_id);
    assert_eq!(second.header("x-custom-thing"), Some("Value 1"));
    assert_eq!(second.header("X-CUSTOM-THING"), Some("Value 1"));
    assert!(second
        .headers
        .iter()
        .any(|(name, _)| name == "x-custom-thing"));
    assert_eq!(
        second.header("authorization"),
        Some(format!("SSWS {}", t.org.api_token()).as_str())
    );
    assert_eq!(log[0].header("authorization"), None);
    assert_eq!(log[4].fault.as_deref(), Some("Status(502)"));
    assert!(log.windows(2).all(|w| w[0].received_at <= w[1].received_at));
    let mut ids: Vec<&str> = log.iter().map(|r| r.request_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), log.len());

    t.org.clear_requests();
    assert!(t.org.requests().is_empty());
    assert_eq!(send(t.get("/api/v1/users")).await.0, 200);
    assert_eq!(t.org.requests().len(), 1);
}

#[tokio::test]
async fn connections_are_kept_alive_between_requests() {
    let org = FakeOrg::start().await.unwrap();
    org.seed_users(2);
    let mut stream = TcpStream::connect(org.addr()).await.unwrap();
    for path in ["/api/v1/users", "/api/v1/users?limit=1", "/api/v1/groups"] {
        stream
            .write_all(raw_get(&org, path).as_bytes())
            .await
            .unwrap();
        let (head, body) = read_response(&mut stream).await.unwrap();
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(serde_json::from_slice::<Value>(&body).is_ok());
    }
    assert_eq!(org.requests().len(), 3);
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let org = FakeOrg::start().await.unwrap();
    let addr = org.addr();
    assert_eq!(org.url(), format!("http://127.0.0.1:{}", addr.port()));
    assert!(TcpStream::connect(addr).await.is_ok());
    org.shutdown().await;
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn request_log_keeps_only_the_latest_entries_up_to_its_capacity() {
    let mut config = okta_testkit::FakeOrgConfig::default();
    config.request_log_capacity = 2;
    let org = okta_testkit::FakeOrg::start_with(config).await.unwrap();
    let http = reqwest::Client::new();
    for path in ["/api/v1/users", "/api/v1/groups", "/api/v1/users/nobody"] {
        http.get(format!("{}{path}", org.url()))
            .header("authorization", format!("SSWS {}", org.api_token()))
            .send()
            .await
            .unwrap();
    }
    let paths: Vec<String> = org.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/api/v1/groups", "/api/v1/users/nobody"]);
}
