//! Rate limits (fixed windows per bucket) and the concurrency limit.
//!
//! A bucket is `"{METHOD} {path template}"`, the template being the path with every id
//! replaced by `{id}` (`GET /api/v1/users/{id}`). Each bucket has a budget of `limit`
//! requests per fixed window aligned to the Unix epoch: the window holding `now` starts at
//! `floor(now / window) * window` and resets at `window_start + window` (whole seconds).
//!
//! Requests refused with a 429 are not counted against the window, the simplest honest
//! model: the window's count is exactly the number of requests that were let through.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, HeaderName, HeaderValue};

/// `X-Rate-Limit-Limit`.
pub(crate) const LIMIT_HEADER: HeaderName = HeaderName::from_static("x-rate-limit-limit");
/// `X-Rate-Limit-Remaining`.
pub(crate) const REMAINING_HEADER: HeaderName = HeaderName::from_static("x-rate-limit-remaining");
/// `X-Rate-Limit-Reset`.
pub(crate) const RESET_HEADER: HeaderName = HeaderName::from_static("x-rate-limit-reset");

/// Path segments after which the next segment is an id (or a login).
const COLLECTIONS: &[&str] = &[
    "users",
    "groups",
    "apps",
    "roles",
    "factors",
    "policies",
    "rules",
    "zones",
    "idps",
    "authorizationServers",
    "scopes",
    "claims",
    "trustedOrigins",
    "eventHooks",
    "inlineHooks",
    "logs",
];

/// The bucket a request counts against: `"{METHOD} {path template}"`.
pub(crate) fn bucket_for(method: &str, path: &str) -> String {
    let mut bucket = String::with_capacity(method.len() + path.len() + 1);
    bucket.push_str(method);
    bucket.push(' ');
    let mut previous = "";
    for (index, segment) in path.split('/').enumerate() {
        if index > 0 {
            bucket.push('/');
        }
        if !segment.is_empty() && COLLECTIONS.contains(&previous) {
            bucket.push_str("{id}");
        } else {
            bucket.push_str(segment);
        }
        previous = segment;
    }
    bucket
}

/// The rate-limit numbers reported in a response's headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RateInfo {
    /// `X-Rate-Limit-Limit`.
    pub(crate) limit: u32,
    /// `X-Rate-Limit-Remaining`.
    pub(crate) remaining: u32,
    /// `X-Rate-Limit-Reset`, UTC epoch seconds.
    pub(crate) reset: u64,
}

impl RateInfo {
    /// Sets the three `X-Rate-Limit-*` headers.
    pub(crate) fn apply(&self, headers: &mut HeaderMap) {
        headers.insert(LIMIT_HEADER, HeaderValue::from(self.limit));
        headers.insert(REMAINING_HEADER, HeaderValue::from(self.remaining));
        headers.insert(RESET_HEADER, HeaderValue::from(self.reset));
    }

    /// Appends the three `X-Rate-Limit-*` headers, keeping any already present.
    pub(crate) fn append(&self, headers: &mut HeaderMap) {
        headers.append(LIMIT_HEADER, HeaderValue::from(self.limit));
        headers.append(REMAINING_HEADER, HeaderValue::from(self.remaining));
        headers.append(RESET_HEADER, HeaderValue::from(self.reset));
    }
}

/// The outcome of asking a bucket to let a request through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Admission {
    /// No limit applies to the bucket.
    Unlimited,
    /// Let through and counted.
    Allowed(RateInfo),
    /// The window's budget is spent: answer 429.
    Limited(RateInfo),
}

#[derive(Clone, Copy, Debug)]
struct Budget {
    limit: u32,
    window_secs: u64,
}

impl Budget {
    fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window_secs: window.as_secs().max(1),
        }
    }

    fn window_start(&self, now_secs: u64) -> u64 {
        now_secs / self.window_secs * self.window_secs
    }
}

#[derive(Clone, Copy, Debug)]
struct Window {
    start: u64,
    used: u32,
}

/// Fixed-window counters for every bucket.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    default: Option<Budget>,
    buckets: HashMap<String, Budget>,
    windows: HashMap<String, Window>,
}

impl RateLimiter {
    /// Sets the budget of every bucket without its own; forgets the counts so far.
    pub(crate) fn set_default(&mut self, limit: u32, window: Duration) {
        self.default = Some(Budget::new(limit, window));
        self.windows.clear();
    }

    /// Sets the budget of one bucket; forgets that bucket's count so far.
    pub(crate) fn set_bucket(&mut self, bucket: &str, limit: u32, window: Duration) {
        self.buckets
            .insert(bucket.to_owned(), Budget::new(limit, window));
        self.windows.remove(bucket);
    }

    /// Removes every limit.
    pub(crate) fn clear(&mut self) {
        self.default = None;
        self.buckets.clear();
        self.windows.clear();
    }

    fn budget(&self, bucket: &str) -> Option<Budget> {
        self.buckets.get(bucket).copied().or(self.default)
    }

    fn used(&self, bucket: &str, window_start: u64) -> u32 {
        self.windows
            .get(bucket)
            .filter(|window| window.start == window_start)
            .map_or(0, |window| window.used)
    }

    /// Counts a request against `bucket` if its budget allows it.
    pub(crate) fn admit(&mut self, bucket: &str, now_secs: u64) -> Admission {
        let Some(budget) = self.budget(bucket) else {
            return Admission::Unlimited;
        };
        let start = budget.window_start(now_secs);
        let used = self.used(bucket, start);
        let reset = start + budget.window_secs;
        if used >= budget.limit {
            return Admission::Limited(RateInfo {
                limit: budget.limit,
                remaining: 0,
                reset,
            });
        }
        self.windows.insert(
            bucket.to_owned(),
            Window {
                start,
                used: used + 1,
            },
        );
        Admission::Allowed(RateInfo {
            limit: budget.limit,
            remaining: budget.limit - used - 1,
            reset,
        })
    }

    /// The numbers of `bucket` without counting a request, if a limit applies.
    pub(crate) fn peek(&self, bucket: &str, now_secs: u64) -> Option<RateInfo> {
        let budget = self.budget(bucket)?;
        let start = budget.window_start(now_secs);
        let used = self.used(bucket, start);
        Some(RateInfo {
            limit: budget.limit,
            remaining: budget.limit.saturating_sub(used),
            reset: start + budget.window_secs,
        })
    }
}

/// Counts the requests being handled and refuses those above the limit.
#[derive(Debug, Default)]
pub(crate) struct ConcurrencyGate {
    max_in_flight: Mutex<Option<usize>>,
    in_flight: Arc<AtomicUsize>,
}

/// Holds one slot of the [`ConcurrencyGate`] until dropped.
#[derive(Debug)]
pub(crate) struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl ConcurrencyGate {
    /// Sets (or, with `None`, removes) the maximum number of requests handled at once.
    pub(crate) fn set_limit(&self, max_in_flight: Option<usize>) {
        *self.max_in_flight.lock().unwrap_or_else(|e| e.into_inner()) = max_in_flight;
    }

    /// Takes a slot, or `None` when the request would exceed the limit.
    pub(crate) fn enter(&self) -> Option<InFlight> {
        let max = *self.max_in_flight.lock().unwrap_or_else(|e| e.into_inner());
        let now_in_flight = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        let slot = InFlight(Arc::clone(&self.in_flight));
        match max {
            Some(max) if now_in_flight > max => None,
            _ => Some(slot),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_replace_ids_with_placeholders() {
        assert_eq!(bucket_for("GET", "/api/v1/users"), "GET /api/v1/users");
        assert_eq!(
            bucket_for("GET", "/api/v1/users/00u1"),
            "GET /api/v1/users/{id}"
        );
        assert_eq!(
            bucket_for("PUT", "/api/v1/groups/00g1/users/00u1"),
            "PUT /api/v1/groups/{id}/users/{id}"
        );
        assert_eq!(
            bucket_for("POST", "/api/v1/users/00u1/lifecycle/activate"),
            "POST /api/v1/users/{id}/lifecycle/activate"
        );
        assert_eq!(
            bucket_for("GET", "/api/v1/users/00u1/groups"),
            "GET /api/v1/users/{id}/groups"
        );
    }

    #[test]
    fn fixed_windows_are_aligned_to_the_epoch_and_do_not_count_refusals() {
        let mut limiter = RateLimiter::default();
        limiter.set_default(2, Duration::from_secs(60));
        let now = 1_800_000_030;
        let reset = 1_800_000_060;
        assert_eq!(
            limiter.admit("GET /", now),
            Admission::Allowed(RateInfo {
                limit: 2,
                remaining: 1,
                reset
            })
        );
        assert_eq!(
            limiter.admit("GET /", now),
            Admission::Allowed(RateInfo {
                limit: 2,
                remaining: 0,
                reset
            })
        );
        assert_eq!(
            limiter.admit("GET /", now + 1),
            Admission::Limited(RateInfo {
                limit: 2,
                remaining: 0,
                reset
            })
        );
        assert_eq!(
            limiter.peek("GET /", now).map(|info| info.remaining),
            Some(0)
        );
        // The next window starts afresh.
        assert!(
            matches!(limiter.admit("GET /", reset), Admission::Allowed(info) if info.remaining == 1)
        );
        // Other buckets have their own counts.
        assert!(matches!(
            limiter.admit("GET /x", now),
            Admission::Allowed(_)
        ));
        limiter.clear();
        assert_eq!(limiter.admit("GET /", now), Admission::Unlimited);
    }

    #[test]
    fn concurrency_gate_refuses_above_the_limit_and_frees_slots_on_drop() {
        let gate = ConcurrencyGate::default();
        gate.set_limit(Some(1));
        let first = gate.enter();
        assert!(first.is_some());
        assert!(gate.enter().is_none());
        drop(first);
        assert!(gate.enter().is_some());
    }
}
