//! The request log: every request the org received, in arrival order.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::SystemTime;

/// One request received by the fake org, as seen on the wire.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The HTTP method, e.g. `GET`.
    pub method: String,
    /// The path, without the query string, e.g. `/api/v1/users`.
    pub path: String,
    /// The raw query string, without the `?`, if the request had one.
    pub query: Option<String>,
    /// All request headers, in the order received, with lowercase names.
    pub headers: Vec<(String, String)>,
    /// The status answered; `0` when the connection was reset or no answer was sent
    /// (for instance when the client went away during an injected delay).
    pub status: u16,
    /// The `X-Okta-Request-Id` the org gave this request.
    pub request_id: String,
    /// When the request arrived.
    pub received_at: SystemTime,
    /// The injected fault that fired on this request (its `Debug` form), if any.
    pub fault: Option<String>,
}

impl RecordedRequest {
    /// The first value of the header `name` (matched case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// The shared log behind [`crate::FakeOrg::requests`]: the latest `capacity` requests.
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: Mutex<VecDeque<RecordedRequest>>,
    capacity: usize,
}

impl RequestLog {
    /// A log that keeps at most `capacity` entries (0: keeps none).
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            entries: Mutex::new(VecDeque::new()),
            capacity,
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, VecDeque<RecordedRequest>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records a request on arrival; its outcome is filled in by [`RequestLog::finish`].
    pub(crate) fn push(&self, request: RecordedRequest) {
        if self.capacity == 0 {
            return;
        }
        let mut entries = self.entries();
        if entries.len() >= self.capacity {
            entries.pop_front();
        }
        entries.push_back(request);
    }

    /// Records the status answered to the request `request_id` and the fault that fired.
    pub(crate) fn finish(&self, request_id: &str, status: u16, fault: Option<String>) {
        let mut entries = self.entries();
        // The request is almost always among the last few entries.
        if let Some(entry) = entries
            .iter_mut()
            .rev()
            .find(|entry| entry.request_id == request_id)
        {
            entry.status = status;
            entry.fault = fault;
        }
    }

    /// A copy of every entry.
    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.entries().iter().cloned().collect()
    }

    /// Forgets every entry.
    pub(crate) fn clear(&self) {
        self.entries().clear();
    }
}
