//! The state shared by the server tasks and the [`crate::FakeOrg`] handle.

use std::sync::{Mutex, MutexGuard};

use crate::clock::now_millis;
use crate::config::FakeOrgConfig;
use crate::faults::FaultQueue;
use crate::log::RequestLog;
use crate::oauth::OAuth;
use crate::rate_limit::{ConcurrencyGate, RateLimiter};
use crate::store::Store;

/// Everything a request handler may read or change. Locks are held only for short,
/// synchronous sections, never across an `.await`.
#[derive(Debug)]
pub(crate) struct OrgState {
    /// The token accepted in `Authorization: SSWS {token}`.
    pub(crate) api_token: String,
    /// `http://127.0.0.1:{port}`, the prefix of every link the org answers.
    pub(crate) base_url: String,
    /// The page size when a list request has no `limit`.
    pub(crate) default_page_size: usize,
    /// The largest page size.
    pub(crate) max_page_size: usize,
    store: Mutex<Store>,
    limiter: Mutex<RateLimiter>,
    /// The concurrency limit.
    pub(crate) concurrency: ConcurrencyGate,
    /// Injected faults waiting to fire.
    pub(crate) faults: FaultQueue,
    /// Every request received.
    pub(crate) log: RequestLog,
    /// The authorization servers and OAuth clients.
    pub(crate) oauth: OAuth,
}

impl OrgState {
    /// The state of a new, empty org answering under `base_url`.
    pub(crate) fn new(config: &FakeOrgConfig, base_url: String) -> Self {
        let mut limiter = RateLimiter::default();
        if let Some((limit, window)) = config.rate_limit {
            limiter.set_default(limit, window);
        }
        let max_page_size = config.max_page_size.max(1);
        let oauth = OAuth::new(
            base_url.clone(),
            config.jwks_max_age.as_secs(),
            i64::try_from(config.access_token_lifetime.as_secs().max(1)).unwrap_or(i64::MAX),
        );
        let mut store = Store::default();
        crate::routes::add_default_authorization_server(&mut store, &base_url, now_millis());
        Self {
            api_token: config.api_token.clone(),
            base_url,
            default_page_size: config.default_page_size.clamp(1, max_page_size),
            max_page_size,
            store: Mutex::new(store),
            limiter: Mutex::new(limiter),
            concurrency: ConcurrencyGate::default(),
            faults: FaultQueue::default(),
            log: RequestLog::new(config.request_log_capacity),
            oauth,
        }
    }

    /// Locks the users and groups.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the rate-limit counters.
    pub(crate) fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        self.limiter.lock().unwrap_or_else(|e| e.into_inner())
    }
}
