//! Stream every user of an org with the typed Management API, with a progress line per page.
//!
//! The stream fetches pages lazily and follows Okta's `Link` headers; `pages_fetched` tells
//! how far it got. Runs against the embedded fake org (seeded with 250 users) unless
//! `OKTA_CLIENT_ORGURL` and `OKTA_CLIENT_TOKEN` name a real org.
//!
//! Run it with `cargo run -p examples --example list_users`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::Okta;
use okta_testkit::FakeOrg;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A real org when configured, otherwise the embedded fake org.
    let (_org, config) = match Config::from_env() {
        Ok(config) => (None, config),
        Err(_) => {
            let org = FakeOrg::start().await?;
            org.set_rate_limit(600, Duration::from_secs(60));
            org.seed_users(250);
            let config = Config::builder()
                .org_url(org.url())
                .api_token(org.api_token())
                .build()?;
            (Some(org), config)
        }
    };
    let okta = Okta::new(Client::new(config)?);

    let started = Instant::now();
    let mut users = okta.users().list().limit(100).stream();
    let mut count = 0usize;
    let mut pages = 0u64;
    let mut by_status = BTreeMap::new();
    while let Some(user) = users.try_next().await? {
        // The first user of a new page: report the pages read before it.
        if users.pages_fetched() > pages {
            if pages > 0 {
                println!("page {pages:>3}: {count:>6} users so far");
            }
            pages = users.pages_fetched();
        }
        count += 1;
        *by_status.entry(user.status.to_string()).or_insert(0) += 1;
    }
    println!("page {:>3}: {count:>6} users so far", users.pages_fetched());

    // The stream does not show response headers: one small request shows the rate limit.
    let probe = okta.users().list().limit(1).into_request().send().await?;
    let rate = match probe.rate_limit() {
        Some(rate) => format!("{}/{} requests left", rate.remaining, rate.limit),
        None => "no rate-limit headers".to_owned(),
    };
    println!(
        "listed {count} users in {} pages in {:.2?} ({rate}); by status: {by_status:?}",
        users.pages_fetched(),
        started.elapsed()
    );
    Ok(())
}
