//! Injected faults: misbehaviours queued by a test and fired by matching requests.

use std::sync::Mutex;
use std::time::Duration;

/// What an injected fault does to the request it fires on.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum FaultKind {
    /// Answer this status (meant for 4xx and 5xx) with an Okta-shaped error body; the
    /// request is not processed.
    ///
    /// 5xx statuses answer `E0000009`, 429 answers `E0000047`, 401 `E0000011`, 403 `E0000006`,
    /// 404 `E0000007`, other 4xx `E0000001`. A number that is not an HTTP status answers 500.
    Status(u16),
    /// Wait this long, then process the request normally. The request counts as in flight
    /// while it waits.
    Delay(Duration),
    /// Close the TCP connection with a reset (RST) instead of answering; the request is
    /// not processed.
    ConnectionReset,
    /// Process the request normally, then send only the first `keep` bytes of the body (all
    /// of it when shorter) as a complete, well-formed HTTP response (`Content-Length: keep`).
    TruncatedBody {
        /// How many bytes of the body to send.
        keep: usize,
    },
    /// Process the request normally and send each `X-Rate-Limit-*` header twice with different
    /// values: the second copy has a bigger limit and remaining count and a later reset.
    DuplicateRateLimitHeaders,
}

/// A fault queued with [`crate::FakeOrg::inject`].
///
/// ```
/// use okta_testkit::{Fault, FaultKind};
///
/// let fault = Fault::new(FaultKind::Status(503)).on("GET", "/api/v1/users").times(2);
/// assert_eq!(fault.times, 2);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Fault {
    /// The method the fault applies to (uppercase); `None` matches any method.
    pub method: Option<String>,
    /// The fault fires on requests whose path starts with this prefix.
    pub path_prefix: String,
    /// What the fault does.
    pub kind: FaultKind,
    /// How many more requests the fault fires on.
    pub times: usize,
}

impl Fault {
    /// A fault that fires once on the next request, whatever its method and path.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            method: None,
            path_prefix: "/".to_owned(),
            kind,
            times: 1,
        }
    }

    /// Restricts the fault to `method` (any case; `*` or empty means any method) and to paths
    /// starting with `path_prefix`.
    pub fn on(mut self, method: &str, path_prefix: &str) -> Self {
        self.method = match method.trim() {
            "" | "*" => None,
            method => Some(method.to_ascii_uppercase()),
        };
        self.path_prefix = path_prefix.to_owned();
        self
    }

    /// Makes the fault fire on the next `n` matching requests.
    pub fn times(mut self, n: usize) -> Self {
        self.times = n;
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.times > 0
            && self
                .method
                .as_deref()
                .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
            && path.starts_with(&self.path_prefix)
    }
}

/// The queue of pending faults.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    faults: Mutex<Vec<Fault>>,
}

impl FaultQueue {
    /// Queues a fault behind those already queued.
    pub(crate) fn push(&self, fault: Fault) {
        let mut faults = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        faults.push(fault);
    }

    /// Fires the first queued fault matching the request, if any: decrements its count
    /// (dropping it when spent) and returns what it does.
    pub(crate) fn take(&self, method: &str, path: &str) -> Option<FaultKind> {
        let mut faults = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        let index = faults
            .iter()
            .position(|fault| fault.matches(method, path))?;
        let fault = &mut faults[index];
        fault.times -= 1;
        let kind = fault.kind.clone();
        if fault.times == 0 {
            faults.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_matching_fault_fires_and_is_used_up() {
        let queue = FaultQueue::default();
        queue.push(Fault::new(FaultKind::Status(500)).on("post", "/api/v1/groups"));
        queue.push(
            Fault::new(FaultKind::Status(503))
                .on("GET", "/api/v1/users")
                .times(2),
        );
        assert!(queue.take("GET", "/api/v1/groups").is_none());
        assert!(matches!(
            queue.take("GET", "/api/v1/users/1"),
            Some(FaultKind::Status(503))
        ));
        assert!(matches!(
            queue.take("GET", "/api/v1/users"),
            Some(FaultKind::Status(503))
        ));
        assert!(queue.take("GET", "/api/v1/users").is_none());
        assert!(matches!(
            queue.take("POST", "/api/v1/groups"),
            Some(FaultKind::Status(500))
        ));
        assert!(queue.take("POST", "/api/v1/groups").is_none());
    }

    #[test]
    fn a_fault_with_zero_times_never_fires() {
        let queue = FaultQueue::default();
        queue.push(Fault::new(FaultKind::ConnectionReset).times(0));
        assert!(queue.take("GET", "/").is_none());
    }
}
