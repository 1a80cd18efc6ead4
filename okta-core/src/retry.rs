//! When and how long to wait before sending a request again.
//!
//! The defaults ([`RetryPolicy::default`]):
//!
//! | setting | default |
//! |---|---|
//! | attempts, the first included | 4 |
//! | total time, waits included | 120 s |
//! | backoff for 5xx and connection errors | exponential from 300 ms, factor 2, capped at 20 s, full jitter |
//! | wait after a 429 | `X-Rate-Limit-Reset - Date + 1 s` on the server's clock, at least 1 s, at most 60 s |
//!
//! What is retried:
//! - 429 Too Many Requests, for every method: Okta did not process the request. A concurrent
//!   limit 429 (limit and remaining both 0) uses the backoff instead of the reset, which is only
//!   a suggestion there.
//! - 502, 503 and 504, and connections reset or timed out after the request went out: only for
//!   idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) or requests marked idempotent. A POST is
//!   never sent twice.
//! - A connection that could not be established at all: for every method, since nothing was sent.
//!
//! A wait that would pass the total-time budget is not started: the last error is returned.
//! Waiting uses tokio timers and never blocks a thread.

use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};

use crate::rate_limit::RateLimit;

/// Retry settings. See the [module documentation](self) for what is retried.
///
/// ```
/// use okta_core::RetryPolicy;
/// use std::time::Duration;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(6)
///     .max_elapsed(Duration::from_secs(300));
/// let never = RetryPolicy::disabled();
/// assert_eq!(never.max_attempts_value(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    max_attempts: u32,
    max_elapsed: Duration,
    base_delay: Duration,
    max_delay: Duration,
    rate_limit_floor: Duration,
    rate_limit_cap: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_elapsed: Duration::from_secs(120),
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(20),
            rate_limit_floor: Duration::from_secs(1),
            rate_limit_cap: Duration::from_secs(60),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries: every request is sent once.
    pub fn disabled() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Total time a request may take, waits between attempts included.
    pub fn max_elapsed(mut self, d: Duration) -> Self {
        self.max_elapsed = d;
        self
    }

    /// First backoff delay for 5xx and connection errors.
    pub fn base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    /// Largest backoff delay.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// Bounds of the wait after a 429: never shorter than `floor`, never longer than `cap`.
    pub fn rate_limit_wait_bounds(mut self, floor: Duration, cap: Duration) -> Self {
        self.rate_limit_floor = floor;
        self.rate_limit_cap = cap.max(floor);
        self
    }

    /// Turns jitter on backoff delays on (default) or off.
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// The configured number of attempts.
    pub fn max_attempts_value(&self) -> u32 {
        self.max_attempts
    }

    /// The configured total-time budget.
    pub fn max_elapsed_value(&self) -> Duration {
        self.max_elapsed
    }

    /// The wait after a 429 answer, from its rate-limit headers and `Date`.
    ///
    /// `reset - date + 1 s` on the server's clock; when `Date` is missing, the local clock
    /// `now` stands in. The result is kept within the policy's floor and cap. A concurrent-limit
    /// 429, or one without headers, waits the backoff delay for `retry` instead.
    pub fn rate_limit_wait(
        &self,
        rate_limit: Option<&RateLimit>,
        date: Option<SystemTime>,
        now: SystemTime,
        retry: u32,
    ) -> Duration {
        let Some(rl) = rate_limit.filter(|rl| !rl.is_concurrent_limit()) else {
            return self.backoff_delay(retry).max(self.rate_limit_floor);
        };
        let server_now = date.unwrap_or(now);
        let until_reset = rl
            .reset
            .duration_since(server_now)
            .unwrap_or(Duration::ZERO);
        (until_reset + Duration::from_secs(1)).clamp(self.rate_limit_floor, self.rate_limit_cap)
    }

    /// The backoff delay before retry number `retry` (1 = the first retry), jitter applied.
    pub fn backoff_delay(&self, retry: u32) -> Duration {
        let ceiling = ExponentialBuilder::new()
            .with_min_delay(self.base_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .without_max_times()
            .build()
            .nth(retry.saturating_sub(1) as usize)
            .unwrap_or(self.max_delay);
        // backon computes in f32; whole milliseconds are precise enough and exact.
        let ceiling = Duration::from_millis(ceiling.as_millis() as u64);
        if self.jitter {
            // Full jitter: uniform in [0, ceiling].
            ceiling.mul_f64(fastrand::f64())
        } else {
            ceiling
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn rl(limit: u32, remaining: u32, reset: u64) -> RateLimit {
        RateLimit {
            limit,
            remaining,
            reset: at(reset),
        }
    }

    #[test]
    fn wait_is_reset_minus_server_date_plus_one_second() {
        let p = RetryPolicy::default();
        let w = p.rate_limit_wait(Some(&rl(600, 0, 1_030)), Some(at(1_000)), at(5_000), 1);
        assert_eq!(w, Duration::from_secs(31));
    }

    #[test]
    fn wait_uses_the_server_clock_not_the_local_one() {
        // The local clock is 20 s behind the server: the server's Date decides.
        let p = RetryPolicy::default();
        let w = p.rate_limit_wait(Some(&rl(600, 0, 1_010)), Some(at(1_000)), at(980), 1);
        assert_eq!(w, Duration::from_secs(11));
    }

    #[test]
    fn reset_in_the_past_waits_the_floor() {
        let p = RetryPolicy::default();
        let w = p.rate_limit_wait(Some(&rl(600, 0, 900)), Some(at(1_000)), at(1_000), 1);
        assert_eq!(w, Duration::from_secs(1));
        let p = p.rate_limit_wait_bounds(Duration::from_secs(2), Duration::from_secs(10));
        assert_eq!(
            p.rate_limit_wait(Some(&rl(600, 0, 900)), Some(at(1_000)), at(1_000), 1),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn missing_date_falls_back_to_the_local_clock() {
        let p = RetryPolicy::default();
        let w = p.rate_limit_wait(Some(&rl(600, 0, 1_005)), None, at(1_000), 1);
        assert_eq!(w, Duration::from_secs(6));
    }

    #[test]
    fn wait_is_capped() {
        let p = RetryPolicy::default();
        let w = p.rate_limit_wait(Some(&rl(600, 0, 100_000)), Some(at(1_000)), at(1_000), 1);
        assert_eq!(w, Duration::from_secs(60));
    }

    #[test]
    fn concurrent_limit_ignores_the_reset_and_backs_off() {
        let p = RetryPolicy::default().jitter(false);
        let w = p.rate_limit_wait(Some(&rl(0, 0, 1_050)), Some(at(1_000)), at(1_000), 1);
        // Backoff (300 ms) raised to the 1 s floor, not the 51 s the reset suggests.
        assert_eq!(w, Duration::from_secs(1));
        let w = p.rate_limit_wait(Some(&rl(0, 0, 1_050)), Some(at(1_000)), at(1_000), 4);
        assert_eq!(w, Duration::from_millis(2_400));
    }

    #[test]
    fn duplicated_headers_feed_the_earliest_reset() {
        let mut h = http::HeaderMap::new();
        for (k, v) in [
            ("x-rate-limit-limit", "600"),
            ("x-rate-limit-limit", "600"),
            ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-reset", "1020"),
            ("x-rate-limit-reset", "1040"),
        ] {
            h.append(k, v.parse().unwrap());
        }
        let snapshot = RateLimit::from_headers(&h);
        let w = RetryPolicy::default().rate_limit_wait(
            snapshot.as_ref(),
            Some(at(1_000)),
            at(1_000),
            1,
        );
        assert_eq!(w, Duration::from_secs(21));
    }

    #[test]
    fn backoff_grows_exponentially_up_to_the_cap_and_jitter_stays_below_it() {
        let p = RetryPolicy::default().jitter(false);
        let delays: Vec<_> = (1..=9).map(|n| p.backoff_delay(n)).collect();
        assert_eq!(delays[0], Duration::from_millis(300));
        assert_eq!(delays[1], Duration::from_millis(600));
        assert_eq!(delays[2], Duration::from_millis(1_200));
        assert_eq!(delays[8], Duration::from_secs(20));
        let p = RetryPolicy::default();
        for n in 1..20 {
            assert!(p.backoff_delay(n) <= Duration::from_secs(20));
        }
    }

    #[test]
    fn disabled_policy_allows_one_attempt() {
        assert_eq!(RetryPolicy::disabled().max_attempts_value(), 1);
        assert_eq!(
            RetryPolicy::default().max_attempts(0).max_attempts_value(),
            1
        );
    }
}
