//! Streaming a large collection: throughput against a hand-written reqwest loop, and peak
//! memory at 10,000 vs 100,000 users (it must not grow with the collection).
//!
//! Run: `cargo bench -p okta-core --bench pagination`

use std::time::Duration;

use criterion::Criterion;
use futures_util::TryStreamExt;
use okta_core::{Client, Config, RetryPolicy};
use okta_testkit::{FakeOrg, FakeOrgConfig};
use peak_alloc::PeakAlloc;
use serde_json::Value;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

const USERS: usize = 100_000;
const PAGE: &str = "200";

async fn sdk_stream(client: &Client, n: usize) -> usize {
    let mut stream = client
        .get("/api/v1/users")
        .query("limit", PAGE)
        .stream::<Value>();
    let mut count = 0;
    while count < n {
        match stream.try_next().await.expect("page") {
            Some(_) => count += 1,
            None => break,
        }
    }
    count
}

/// The baseline: the same pages fetched with reqwest and decoded with serde_json, following
/// `rel="next"` by hand, with no retries, throttling or per-item error handling.
async fn raw_loop(http: &reqwest::Client, base: &str, token: &str) -> usize {
    let mut url = format!("{base}/api/v1/users?limit={PAGE}");
    let mut count = 0;
    loop {
        let resp = http
            .get(&url)
            .header("authorization", format!("SSWS {token}"))
            .header("accept", "application/json")
            .send()
            .await
            .expect("send");
        let next = resp
            .headers()
            .get_all("link")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.contains("rel=\"next\""))
            .and_then(|v| v.split('>').next())
            .map(|v| v.trim_start_matches('<').to_owned());
        let body = resp.bytes().await.expect("body");
        let page: Vec<Value> = serde_json::from_slice(&body).expect("json");
        count += page.len();
        match next {
            Some(n) => url = n,
            None => return count,
        }
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut config = FakeOrgConfig::default();
    // The org's request log would grow with the number of pages; the client is measured.
    config.request_log_capacity = 0;
    let org = rt.block_on(FakeOrg::start_with(config)).expect("fake org");
    org.seed_users(USERS);
    let client = Client::new(
        Config::builder()
            .org_url(org.url())
            .api_token(org.api_token())
            .retry(RetryPolicy::default())
            .build()
            .expect("config"),
    )
    .expect("client");

    // Peak memory above the level before streaming, for 10,000 and for 100,000 users.
    let mut peaks = Vec::new();
    for n in [10_000, USERS] {
        rt.block_on(sdk_stream(&client, 1)); // warm the connection pool
        let before = ALLOC.current_usage();
        ALLOC.reset_peak_usage();
        let count = rt.block_on(sdk_stream(&client, n));
        assert_eq!(count, n);
        let peak = ALLOC.peak_usage().saturating_sub(before);
        println!("memory: streaming {n:>6} users in pages of {PAGE}: peak {:.0} KiB above the starting level", peak as f64 / 1024.0);
        peaks.push(peak as f64);
    }
    let ratio = peaks[1] / peaks[0];
    println!("memory: peak(100,000) / peak(10,000) = {ratio:.2} (target <= 1.20)");

    let http = reqwest::Client::new();
    let base = org.url();
    let token = org.api_token().to_owned();
    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(40))
        .configure_from_args();
    let mut group = c.benchmark_group("stream_100k_users");
    group.throughput(criterion::Throughput::Elements(USERS as u64));
    group.bench_function("okta_core_stream", |b| {
        b.to_async(&rt)
            .iter(|| async { assert_eq!(sdk_stream(&client, USERS).await, USERS) })
    });
    group.bench_function("baseline_reqwest_loop", |b| {
        b.to_async(&rt)
            .iter(|| async { assert_eq!(raw_loop(&http, &base, &token).await, USERS) })
    });
    group.finish();
    c.final_summary();
}
