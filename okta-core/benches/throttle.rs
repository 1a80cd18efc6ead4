//! 200 requests against a budget of 10 per second: with proactive throttling the total time
//! stays within 1.10x of the 20 s floor the limit imposes, with no failed call. The same load
//! without throttling (429s and retries only) is measured in the same run for comparison.
//!
//! Run: `cargo bench -p okta-core --bench throttle`

use std::time::{Duration, Instant};

use okta_core::{Client, Config, RetryPolicy, ThrottlePolicy};
use okta_testkit::FakeOrg;

const REQUESTS: usize = 200;
const BUDGET: u32 = 10;
const WORKERS: usize = 20;

async fn run(org: &FakeOrg, throttle: bool) -> (Duration, usize, usize) {
    let mut b = Config::builder()
        .org_url(org.url())
        .api_token(org.api_token())
        .retry(
            RetryPolicy::default()
                .max_attempts(50)
                .max_elapsed(Duration::from_secs(300)),
        );
    if throttle {
        b = b.throttle(ThrottlePolicy::default());
    }
    let client = Client::new(b.build().expect("config")).expect("client");
    org.clear_requests();
    let started = Instant::now();
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let client = client.clone();
            let next = next.clone();
            tokio::spawn(async move {
                let mut failed = 0;
                while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < REQUESTS {
                    if client
                        .get("/api/v1/users")
                        .query("limit", "1")
                        .send()
                        .await
                        .is_err()
                    {
                        failed += 1;
                    }
                }
                failed
            })
        })
        .collect();
    let mut failed = 0;
    for w in workers {
        failed += w.await.expect("worker");
    }
    let elapsed = started.elapsed();
    let limited = org.requests().iter().filter(|r| r.status == 429).count();
    (elapsed, failed, limited)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let org = FakeOrg::start().await.expect("fake org");
        org.seed_users(1);
        org.set_rate_limit(BUDGET, Duration::from_secs(1));
        let floor = Duration::from_secs((REQUESTS as u64) / u64::from(BUDGET));
        for (name, throttle) in [("proactive throttling", true), ("429 retries only", false)] {
            // Start both runs at the same point of a window.
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("clock");
            tokio::time::sleep(Duration::from_nanos(1_000_000_000 - u64::from(now.subsec_nanos()))).await;
            let (elapsed, failed, limited) = run(&org, throttle).await;
            println!(
                "throttle: {REQUESTS} requests at {BUDGET}/s with {name}: {:.2} s = {:.3}x the {} s floor, {failed} failed calls, {limited} answers were 429",
                elapsed.as_secs_f64(),
                elapsed.as_secs_f64() / floor.as_secs_f64(),
                floor.as_secs()
            );
        }
    });
}
