//! Tail the System Log with the typed Management API, save where it stopped, and resume from
//! there.
//!
//! `okta.logs().tail()` follows Okta's polling mode: an endless stream of events that waits
//! and asks again when it has caught up. This example prints events as they arrive and stops
//! after a few events or a timeout, keeping the [`LogCursor`] of the last event; a second tail
//! resumes from the saved cursor and drops the events it already printed.
//!
//! Runs against the embedded fake org, where a background task creates users so events
//! arrive, unless `OKTA_CLIENT_ORGURL` and `OKTA_CLIENT_TOKEN` name a real org (without
//! `since`, Okta starts 7 days back).
//!
//! Run it with `cargo run -p examples --example tail_logs`.

use std::future::ready;
use std::time::Duration;

use futures_util::{Stream, TryStreamExt};
use okta_mgmt::core::{Client, Config, Error};
use okta_mgmt::{LogCursor, LogEvent, Okta, UserProfile};
use okta_testkit::FakeOrg;
use tokio::time::{timeout_at, Instant};

/// Events per tail before it stops.
const EVENTS: usize = 4;
/// How long a tail waits for them.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The events to tail.
const FILTER: &str = r#"eventType sw "user.lifecycle""#;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A real org when configured, otherwise the embedded fake org.
    let (org, config) = match Config::from_env() {
        Ok(config) => (None, config),
        Err(_) => {
            let org = FakeOrg::start().await?;
            let config = Config::builder()
                .org_url(org.url())
                .api_token(org.api_token())
                .build()?;
            (Some(org), config)
        }
    };
    let okta = Okta::new(Client::new(config)?);
    // Okta asks pollers to wait a few seconds between empty pages; the fake org is local.
    let interval = if org.is_some() {
        Duration::from_millis(200)
    } else {
        Duration::from_secs(5)
    };

    // Against the fake org, something has to happen: create a user every 150 ms.
    let activity = org.is_some().then(|| {
        let okta = okta.clone();
        tokio::spawn(async move {
            for i in 1..=8 {
                tokio::time::sleep(Duration::from_millis(150)).await;
                let login = format!("tail{i}@example.com");
                let profile = UserProfile::new(login.clone())
                    .email(login)
                    .first_name("Tail")
                    .last_name(format!("User{i}"));
                if let Err(error) = okta.users().create(profile).send().await {
                    eprintln!("could not create {i}: {error}");
                }
            }
        })
    });

    println!("tailing the System Log ({FILTER}):");
    let events = okta
        .logs()
        .tail()
        .filter(FILTER)
        .interval(interval)
        .stream();
    let Some(cursor) = print_events(events).await? else {
        println!("no events arrived; nothing to resume from");
        return Ok(());
    };
    // Persist the cursor (a file, a database row...) to go on after a restart.
    let saved = serde_json::to_string(&cursor)?;
    println!("stopped; saved cursor {saved}");

    // Later: resume from the saved cursor; the replay filter drops what was printed already.
    let cursor: LogCursor = serde_json::from_str(&saved)?;
    let mut replay = cursor.replay_filter();
    println!("resuming from the saved cursor:");
    let events = okta
        .logs()
        .tail()
        .filter(FILTER)
        .interval(interval)
        .resume_from(&cursor)
        .stream()
        .try_filter(move |event| ready(replay.is_new(event)));
    if let Some(cursor) = print_events(events).await? {
        println!("stopped again at {}", serde_json::to_string(&cursor)?);
    }

    if let Some(activity) = activity {
        activity.abort();
    }
    Ok(())
}

/// Prints events until [`EVENTS`] have come or [`TIMEOUT`] has passed, then drops the tail.
/// Returns the cursor after the last event printed.
async fn print_events(
    events: impl Stream<Item = Result<LogEvent, Error>>,
) -> Result<Option<LogCursor>, Error> {
    let mut events = std::pin::pin!(events);
    let deadline = Instant::now() + TIMEOUT;
    let mut cursor = None;
    for _ in 0..EVENTS {
        let Ok(next) = timeout_at(deadline, events.try_next()).await else {
            println!("  (no more events within {TIMEOUT:?})");
            break;
        };
        let Some(event) = next? else {
            break;
        };
        let target = event
            .target
            .as_ref()
            .and_then(|targets| targets.first())
            .and_then(|target| target.alternate_id.as_deref())
            .unwrap_or("-");
        println!(
            "  {} {:<24} {target}",
            event.published.as_deref().unwrap_or("-"),
            event.event_type.as_deref().unwrap_or("-"),
        );
        cursor = event.cursor().or(cursor);
    }
    Ok(cursor)
}
