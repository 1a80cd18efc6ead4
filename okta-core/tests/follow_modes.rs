//! Feeds that always link `next` (System Log polling): stopping on an empty page, or polling.

use std::time::Duration;

use futures_util::StreamExt;
use okta_core::{Client, Config, FollowMode};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn feed() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let page = |items: serde_json::Value, after: &str| {
        ResponseTemplate::new(200)
            .set_body_json(items)
            .insert_header(
                "link",
                format!("</api/v1/logs?after={after}>; rel=\"next\"").as_str(),
            )
    };
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("since", "2026-01-01T00:00:00Z"))
        .respond_with(page(json!([{"uuid": "e1"}, {"uuid": "e2"}]), "c1"))
        .mount(&server)
        .await;
    // The cursor after the last event answers an empty page that still links to itself.
    Mock::given(method("GET"))
        .and(path("/api/v1/logs"))
        .and(query_param("after", "c1"))
        .respond_with(page(json!([]), "c1"))
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
    (server, client)
}

#[tokio::test]
async fn until_empty_page_ends_a_feed_that_always_links_next() {
    let (server, client) = feed().await;
    let events: Vec<_> = client
        .get("/api/v1/logs")
        .query("since", "2026-01-01T00:00:00Z")
        .stream::<serde_json::Value>()
        .follow(FollowMode::UntilEmptyPage)
        .collect()
        .await;
    assert_eq!(events.len(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn poll_mode_waits_the_interval_and_fetches_the_same_cursor_again() {
    let (server, client) = feed().await;
    let mut stream = client
        .get("/api/v1/logs")
        .query("since", "2026-01-01T00:00:00Z")
        .stream::<serde_json::Value>()
        .follow(FollowMode::Poll {
            interval: Duration::from_millis(100),
        });
    assert!(stream.next().await.unwrap().is_ok());
    assert!(stream.next().await.unwrap().is_ok());
    // No more events: the stream keeps polling instead of ending.
    let waited = tokio::time::timeout(Duration::from_millis(450), stream.next()).await;
    assert!(
        waited.is_err(),
        "a polling stream does not end on an empty page"
    );
    let polls = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.query() == Some("after=c1"))
        .count();
    // At least one poll after the interval, and no busy loop (at most one per interval).
    assert!(
        (2..=6).contains(&polls),
        "polled {polls} times in 450 ms at 100 ms intervals"
    );
}

#[tokio::test]
async fn the_next_link_at_a_page_boundary_resumes_the_feed_exactly_there() {
    let (server, client) = feed().await;
    let mut stream = client
        .get("/api/v1/logs")
        .query("since", "2026-01-01T00:00:00Z")
        .stream::<serde_json::Value>()
        .follow(FollowMode::UntilEmptyPage);
    assert_eq!(stream.next_link(), None, "nothing fetched yet");
    assert_eq!(stream.next().await.unwrap().unwrap()["uuid"], "e1");
    assert_eq!(stream.buffered_items(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap()["uuid"], "e2");
    assert_eq!(stream.buffered_items(), 0);
    let saved = stream.next_link().unwrap().to_string();
    assert!(saved.ends_with("/api/v1/logs?after=c1"), "{saved}");
    drop(stream);

    // Later, a new stream from the saved link asks exactly for it.
    let resumed: Vec<_> = client
        .get(&saved)
        .stream::<serde_json::Value>()
        .follow(FollowMode::UntilEmptyPage)
        .collect()
        .await;
    assert!(resumed.is_empty());
    let last = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(last.url.query(), Some("after=c1"));
}

/// With the default mode, the feed's empty page linking to itself used to be fetched again
/// and again without end. The stream now notices the repeated page and ends with an error.
#[tokio::test]
async fn a_next_link_back_to_a_page_already_read_ends_the_stream_with_an_error() {
    let (server, client) = feed().await;
    let items: Vec<_> = client
        .get("/api/v1/logs")
        .query("since", "2026-01-01T00:00:00Z")
        .stream::<serde_json::Value>()
        .collect()
        .await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[..2].iter().all(Result::is_ok));
    let error = items[2].as_ref().unwrap_err();
    assert!(
        matches!(error, okta_core::Error::PaginationLoop { .. }),
        "{error}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// A cycle of two pages, each with items, is noticed too.
#[tokio::test]
async fn a_cycle_of_pages_is_noticed() {
    let server = MockServer::start().await;
    for (from, to) in [("a", "b"), ("b", "a")] {
        Mock::given(method("GET"))
            .and(path("/api/v1/users"))
            .and(query_param("after", from))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([{"id": from}]))
                    .insert_header(
                        "link",
                        format!("</api/v1/users?after={to}>; rel=\"next\"").as_str(),
                    ),
            )
            .mount(&server)
            .await;
    }
    let client = Client::new(
        Config::builder()
            .org_url(server.uri())
            .api_token("t")
            .build()
            .unwrap(),
    )
    .unwrap();
    let items: Vec<_> = client
        .get("/api/v1/users")
        .query("after", "a")
        .stream::<serde_json::Value>()
        .take(10)
        .collect()
        .await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(matches!(
        items[2].as_ref().unwrap_err(),
        okta_core::Error::PaginationLoop { .. }
    ));
}
