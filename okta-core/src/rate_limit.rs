//! Okta rate limits: the `X-Rate-Limit-*` snapshot and proactive throttling.
//!
//! Every Okta response carries `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and
//! `X-Rate-Limit-Reset` (UTC epoch seconds) for the endpoint's bucket. [`RateLimit`] is that
//! snapshot; it is on every [`Response`](crate::Response) and every API error.
//!
//! With a [`ThrottlePolicy`], the client keeps a budget per bucket: when the remaining
//! requests of a bucket reach the policy's reserve, later calls to that bucket wait for the
//! window's reset instead of spending requests on 429 answers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::DATE;
use http::{HeaderMap, Method};
use tokio::sync::Notify;
use tokio::time::Instant;

/// `X-Rate-Limit-Limit`.
pub const LIMIT_HEADER: &str = "x-rate-limit-limit";
/// `X-Rate-Limit-Remaining`.
pub const REMAINING_HEADER: &str = "x-rate-limit-remaining";
/// `X-Rate-Limit-Reset`.
pub const RESET_HEADER: &str = "x-rate-limit-reset";

/// The rate-limit headers of one response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: u32,
    /// Requests left in the current window.
    pub remaining: u32,
    /// When the window resets (server clock).
    pub reset: SystemTime,
}

impl RateLimit {
    /// Reads the snapshot from response headers; `None` when any of the three is missing or
    /// unparsable.
    ///
    /// A header may appear more than once (several buckets applied to one request, or a proxy
    /// repeating it) and a value may be a comma-separated list. The most restrictive values
    /// win: the smallest limit, the smallest remaining and the earliest reset.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use okta_core::RateLimit;
    ///
    /// let mut h = HeaderMap::new();
    /// h.append("x-rate-limit-limit", "600".parse().unwrap());
    /// h.append("x-rate-limit-remaining", "598".parse().unwrap());
    /// h.append("x-rate-limit-remaining", "12".parse().unwrap());
    /// h.append("x-rate-limit-reset", "1767225600".parse().unwrap());
    /// let rl = RateLimit::from_headers(&h).unwrap();
    /// assert_eq!((rl.limit, rl.remaining), (600, 12));
    /// ```
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let limit = min_header(headers, LIMIT_HEADER)?;
        let remaining = min_header(headers, REMAINING_HEADER)?;
        let reset = min_header(headers, RESET_HEADER)?;
        Some(RateLimit {
            limit: u32::try_from(limit).unwrap_or(u32::MAX),
            remaining: u32::try_from(remaining).unwrap_or(u32::MAX),
            // A reset the clock cannot represent is no snapshot, not a panic.
            reset: UNIX_EPOCH.checked_add(Duration::from_secs(reset))?,
        })
    }

    /// Whether this is Okta's concurrent-request limit rather than a rate limit: it reports
    /// limit and remaining as 0, and its reset is only a suggestion.
    pub fn is_concurrent_limit(&self) -> bool {
        self.limit == 0 && self.remaining == 0
    }

    /// The reset as UTC epoch seconds.
    pub fn reset_epoch_seconds(&self) -> u64 {
        self.reset
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }
}

fn min_header(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|v| v.trim().parse::<u64>().ok())
        .min()
}

/// The server's `Date` header; the first parsable one when repeated.
pub(crate) fn server_date(headers: &HeaderMap) -> Option<SystemTime> {
    headers
        .get_all(DATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| httpdate::parse_http_date(v).ok())
}

/// Proactive throttling settings.
///
/// ```
/// use okta_core::ThrottlePolicy;
/// use std::time::Duration;
///
/// // Keep 5 requests of every bucket for other clients of the same org, never wait over 90 s.
/// let policy = ThrottlePolicy::default().reserve(5).max_wait(Duration::from_secs(90));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ThrottlePolicy {
    /// Requests per bucket left unspent: when `remaining <= reserve`, calls wait for the reset.
    pub reserve: u32,
    /// The longest a call waits for a reset before it is sent anyway.
    pub max_wait: Duration,
}

impl Default for ThrottlePolicy {
    /// A reserve of 0 and a maximum wait of 65 s (Okta's windows are one minute).
    fn default() -> Self {
        ThrottlePolicy {
            reserve: 0,
            max_wait: Duration::from_secs(65),
        }
    }
}

impl ThrottlePolicy {
    /// Sets [`ThrottlePolicy::reserve`].
    pub fn reserve(mut self, reserve: u32) -> Self {
        self.reserve = reserve;
        self
    }

    /// Sets [`ThrottlePolicy::max_wait`].
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }
}

/// The bucket a request counts against: the method and the path with IDs replaced by `{id}`,
/// e.g. `GET /api/v1/users/{id}`. Okta's buckets are per endpoint; this is the same grouping.
pub fn bucket_key(method: &Method, path: &str) -> String {
    let mut key = String::with_capacity(method.as_str().len() + path.len() + 1);
    key.push_str(method.as_str());
    key.push(' ');
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        key.push('/');
        if looks_like_id(segment) {
            key.push_str("{id}");
        } else {
            key.push_str(segment);
        }
    }
    if !path.contains(|c| c != '/') {
        key.push('/');
    }
    key
}

fn looks_like_id(segment: &str) -> bool {
    segment.contains('@')
        || segment.contains('%')
        || (segment.len() >= 12 && segment.bytes().any(|b| b.is_ascii_digit()))
}

/// The furthest ahead a window's reset is believed (Okta's windows last a minute).
const MAX_RESET_AHEAD: Duration = Duration::from_secs(600);

/// Shared per-bucket budgets, consulted before every attempt.
#[derive(Debug)]
pub(crate) struct Throttle {
    policy: ThrottlePolicy,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Default)]
struct Bucket {
    /// What the last responses said; `None` until the first response.
    known: Option<Known>,
    /// Requests sent and not yet answered.
    in_flight: u32,
    /// Woken when a response updates the bucket.
    changed: Arc<Notify>,
}

#[derive(Debug, Clone, Copy)]
struct Known {
    limit: u32,
    /// Local estimate of the requests left in the window.
    remaining: u32,
    /// The window's reset in server epoch seconds.
    reset_epoch: u64,
    /// The same moment on the local monotonic clock.
    reset_at: Instant,
}

/// What `acquire` decided.
enum Decision {
    Go,
    WaitUntil(Instant),
    WaitForResponse(Arc<Notify>),
}

impl Throttle {
    pub(crate) fn new(policy: ThrottlePolicy) -> Self {
        Throttle {
            policy,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until `bucket` may spend a request, then counts it as in flight until the
    /// returned permit is completed or dropped.
    pub(crate) async fn acquire<'a>(&'a self, bucket: &'a str) -> Permit<'a> {
        let deadline = Instant::now() + self.policy.max_wait;
        loop {
            let decision = self.decide(bucket, Instant::now() >= deadline);
            match decision {
                Decision::Go => {
                    return Permit {
                        throttle: self,
                        bucket,
                        done: false,
                    }
                }
                Decision::WaitUntil(t) => {
                    tracing::debug!(
                        bucket,
                        wait_ms = t.saturating_duration_since(Instant::now()).as_millis() as u64,
                        "throttling until the rate-limit window resets"
                    );
                    tokio::time::sleep_until(t.min(deadline)).await;
                }
                Decision::WaitForResponse(notify) => {
                    let _ = tokio::time::timeout_at(
                        deadline.min(Instant::now() + Duration::from_secs(1)),
                        notify.notified(),
                    )
                    .await;
                }
            }
        }
    }

    fn decide(&self, bucket: &str, out_of_patience: bool) -> Decision {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        // Look up before inserting: the key is allocated once per bucket, not once per call.
        if !buckets.contains_key(bucket) {
            buckets.insert(bucket.to_owned(), Bucket::default());
        }
        let Some(b) = buckets.get_mut(bucket) else {
            return Decision::Go;
        };
        let now = Instant::now();
        if out_of_patience {
            b.in_flight += 1;
            if let Some(k) = &mut b.known {
                k.remaining = k.remaining.saturating_sub(1);
            }
            return Decision::Go;
        }
        match &mut b.known {
            // Learn the budget from one response before letting a crowd through.
            None if b.in_flight > 0 => Decision::WaitForResponse(b.changed.clone()),
            None => {
                b.in_flight += 1;
                Decision::Go
            }
            Some(k) => {
                if now >= k.reset_at && k.remaining <= self.policy.reserve {
                    // The window is over: assume a full budget until a response says otherwise.
                    k.remaining = k.limit.saturating_sub(b.in_flight);
                }
                if k.remaining > self.policy.reserve {
                    k.remaining -= 1;
                    b.in_flight += 1;
                    Decision::Go
                } else if now < k.reset_at {
                    Decision::WaitUntil(k.reset_at)
                } else {
                    Decision::WaitForResponse(b.changed.clone())
                }
            }
        }
    }

    /// Records the answer to a request acquired for `bucket`.
    fn complete(&self, bucket: &str, headers: Option<&HeaderMap>) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let Some(b) = buckets.get_mut(bucket) else {
            return;
        };
        b.in_flight = b.in_flight.saturating_sub(1);
        let snapshot =
            headers.and_then(|h| RateLimit::from_headers(h).map(|rl| (rl, server_date(h))));
        if let Some((rl, date)) = snapshot.filter(|(rl, _)| !rl.is_concurrent_limit()) {
            let reset_epoch = rl.reset_epoch_seconds();
            // Convert the server's reset to local time using the server's own clock.
            let now_server = date.unwrap_or_else(SystemTime::now);
            let until_reset = rl
                .reset
                .duration_since(now_server)
                .unwrap_or(Duration::ZERO);
            if until_reset > MAX_RESET_AHEAD {
                // Okta's windows last a minute: a reset further away is not believed, or one
                // such answer would hold the bucket back until the process restarts.
                b.changed.notify_waiters();
                return;
            }
            let reset_at = Instant::now() + until_reset;
            match &mut b.known {
                Some(k) if k.reset_epoch == reset_epoch => {
                    k.remaining = k.remaining.min(rl.remaining);
                    k.limit = rl.limit;
                }
                Some(k)
                    if k.reset_epoch > reset_epoch
                        && k.reset_epoch - reset_epoch <= MAX_RESET_AHEAD.as_secs() =>
                {
                    // A late answer from an older window: nothing to learn.
                }
                _ => {
                    b.known = Some(Known {
                        limit: rl.limit,
                        remaining: rl.remaining.saturating_sub(b.in_flight),
                        reset_epoch,
                        reset_at,
                    });
                }
            }
        }
        b.changed.notify_waiters();
    }
}

/// A request counted as in flight against a bucket.
pub(crate) struct Permit<'a> {
    throttle: &'a Throttle,
    bucket: &'a str,
    done: bool,
}

impl Permit<'_> {
    /// Records the response headers (or `None` when no response came).
    pub(crate) fn complete(mut self, headers: Option<&HeaderMap>) {
        self.done = true;
        self.throttle.complete(self.bucket, headers);
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        // A cancelled call must not hold its slot forever.
        if !self.done {
            self.throttle.complete(self.bucket, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    #[test]
    fn snapshot_needs_all_three_headers() {
        assert!(RateLimit::from_headers(&headers(&[("x-rate-limit-limit", "10")])).is_none());
        let rl = RateLimit::from_headers(&headers(&[
            ("x-rate-limit-limit", "10"),
            ("x-rate-limit-remaining", "3"),
            ("x-rate-limit-reset", "1700000000"),
        ]))
        .unwrap();
        assert_eq!(rl.limit, 10);
        assert_eq!(rl.remaining, 3);
        assert_eq!(rl.reset_epoch_seconds(), 1_700_000_000);
        assert!(!rl.is_concurrent_limit());
    }

    #[test]
    fn duplicated_headers_take_the_most_restrictive_values_without_failing() {
        let rl = RateLimit::from_headers(&headers(&[
            ("x-rate-limit-limit", "600"),
            ("x-rate-limit-limit", "100"),
            ("x-rate-limit-remaining", "599"),
            ("x-rate-limit-remaining", "not-a-number"),
            ("x-rate-limit-remaining", "40"),
            ("x-rate-limit-reset", "1700000060, 1700000030"),
        ]))
        .unwrap();
        assert_eq!((rl.limit, rl.remaining), (100, 40));
        assert_eq!(rl.reset_epoch_seconds(), 1_700_000_030);
    }

    #[test]
    fn concurrent_limit_is_recognised_by_zero_limit_and_remaining() {
        let rl = RateLimit::from_headers(&headers(&[
            ("x-rate-limit-limit", "0"),
            ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-reset", "1700000001"),
        ]))
        .unwrap();
        assert!(rl.is_concurrent_limit());
    }

    #[test]
    fn bucket_key_replaces_ids_and_logins() {
        assert_eq!(
            bucket_key(&Method::GET, "/api/v1/users"),
            "GET /api/v1/users"
        );
        assert_eq!(
            bucket_key(&Method::GET, "/api/v1/users/00ub0oNGTSWTBKOLGLNR"),
            "GET /api/v1/users/{id}"
        );
        assert_eq!(
            bucket_key(
                &Method::PUT,
                "/api/v1/groups/00g1emaKYZTWRYYRRTSK/users/jane@example.com"
            ),
            "PUT /api/v1/groups/{id}/users/{id}"
        );
        assert_eq!(
            bucket_key(
                &Method::POST,
                "/api/v1/users/00ub0oNGTSWTBKOLGLNR/lifecycle/activate"
            ),
            "POST /api/v1/users/{id}/lifecycle/activate"
        );
        assert_eq!(bucket_key(&Method::GET, "/"), "GET /");
    }

    fn rl_headers(limit: u32, remaining: u32, reset: u64, date: SystemTime) -> HeaderMap {
        headers(&[
            ("x-rate-limit-limit", &limit.to_string()),
            ("x-rate-limit-remaining", &remaining.to_string()),
            ("x-rate-limit-reset", &reset.to_string()),
            ("date", &httpdate::fmt_http_date(date)),
        ])
    }

    #[tokio::test(start_paused = true)]
    async fn a_reset_past_what_the_clock_holds_is_no_snapshot_not_a_panic() {
        for reset in ["9223372036854775808", "18446744073709551615"] {
            assert!(RateLimit::from_headers(&headers(&[
                ("x-rate-limit-limit", "600"),
                ("x-rate-limit-remaining", "0"),
                ("x-rate-limit-reset", reset),
            ]))
            .is_none());
        }
        // Through the throttle too, with a server clock at the epoch.
        let t = Throttle::new(ThrottlePolicy::default());
        t.acquire("b").await.complete(Some(&rl_headers(
            600,
            0,
            i64::MAX as u64,
            UNIX_EPOCH + Duration::from_secs(1),
        )));
    }

    /// One answer with a reset a year away must not hold the bucket back: later answers of
    /// normal windows are still learned, and calls go out without waiting.
    #[tokio::test(start_paused = true)]
    async fn a_far_future_reset_does_not_throttle_the_bucket_for_ever() {
        let t = Throttle::new(ThrottlePolicy::default());
        let date = UNIX_EPOCH + Duration::from_secs(1_000_000);
        t.acquire("b")
            .await
            .complete(Some(&rl_headers(600, 0, 1_000_000 + 365 * 86_400, date)));
        t.acquire("b")
            .await
            .complete(Some(&rl_headers(600, 599, 1_000_060, date)));
        let start = Instant::now();
        for _ in 0..10 {
            t.acquire("b").await.complete(None);
        }
        assert_eq!(Instant::now() - start, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn throttle_lets_one_request_learn_the_budget_then_spends_it_and_waits_for_reset() {
        let t = Throttle::new(ThrottlePolicy::default());
        let date = UNIX_EPOCH + Duration::from_secs(1_000);
        let first = t.acquire("b").await;
        // A second caller must wait for the first answer.
        assert!(matches!(t.decide("b", false), Decision::WaitForResponse(_)));
        first.complete(Some(&rl_headers(3, 2, 1_010, date)));
        t.acquire("b").await.complete(None);
        t.acquire("b").await.complete(None);
        // Budget spent: the next call waits for the reset, 10 s away on the server's clock.
        let start = Instant::now();
        let _permit = t.acquire("b").await;
        assert!(Instant::now() - start >= Duration::from_secs(10));
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_permit_frees_its_slot() {
        let t = Throttle::new(ThrottlePolicy::default());
        drop(t.acquire("b").await);
        // Nothing in flight any more: the next caller may learn the budget at once.
        assert!(matches!(t.decide("b", false), Decision::Go));
    }
}
