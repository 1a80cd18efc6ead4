//! Discovery and a JWKS cache that follows key rotation without a restart.
//!
//! - Keys are parsed once per document and shared by every verification.
//! - A token whose `kid` is unknown triggers a refresh, at most once per minimum interval,
//!   and concurrent callers share that one fetch.
//! - A failed refresh keeps serving the keys already held.
//! - The document is refetched when `Cache-Control: max-age` (bounded) says it is stale, by
//!   one caller while the others go on with the stale keys, and again no sooner than the
//!   minimum interval if that fails.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use okta_core::Client;
use tokio::sync::{Mutex, MutexGuard};
use tokio::time::Instant;

use super::error::JwtError;
use super::keys::KeySet;
pub use crate::discovery::ProviderMetadata;

/// Default minimum time between two fetches caused by unknown `kid`s: 30 s.
pub const DEFAULT_MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(30);
/// Shortest freshness accepted from `Cache-Control`: 5 minutes.
pub const MIN_MAX_AGE: Duration = Duration::from_secs(300);
/// Longest freshness accepted from `Cache-Control`, and the default: 24 h and 1 h.
pub const MAX_MAX_AGE: Duration = Duration::from_secs(86_400);
/// Freshness when the response has no usable `Cache-Control`.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(3_600);
/// While no key set has ever been fetched, failed fetches are retried at most this often.
const FAILED_FETCH_RETRY_INTERVAL: Duration = Duration::from_secs(1);
/// The largest JWKS or discovery document read: 256 KiB.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024;

/// An anonymous client for the origin of `url` (discovery and JWKS need no credentials).
pub(crate) fn anonymous_client(url: &str) -> Result<Client, JwtError> {
    crate::discovery::anonymous_client(url, MAX_DOCUMENT_BYTES).map_err(JwtError::KeySet)
}

/// Fetches `{issuer}/.well-known/openid-configuration` and checks that it names `issuer`.
pub async fn discover(issuer: &str) -> Result<ProviderMetadata, JwtError> {
    let client = anonymous_client(issuer)?;
    let meta = crate::discovery::fetch(&client, issuer)
        .await
        .map_err(JwtError::KeySet)?;
    if meta.issuer != issuer {
        return Err(JwtError::IssuerMismatch {
            expected: issuer.to_owned(),
            found: super::error::bounded(&meta.issuer),
        });
    }
    Ok(meta)
}

/// A cached, self-refreshing JWKS.
#[derive(Debug)]
pub struct JwksCache {
    client: Client,
    url: String,
    min_refresh_interval: Duration,
    current: RwLock<Option<Cached>>,
    refresh: Mutex<RefreshState>,
}

#[derive(Debug, Clone)]
struct Cached {
    keys: Arc<KeySet>,
    generation: u64,
    fresh_until: Instant,
}

#[derive(Debug, Default)]
struct RefreshState {
    last_fetch: Option<Instant>,
    fetches: u64,
}

impl JwksCache {
    /// A cache of the JWKS at `jwks_url`, fetched with `client` on first use.
    pub fn new(client: Client, jwks_url: impl Into<String>) -> Self {
        JwksCache {
            client,
            url: jwks_url.into(),
            min_refresh_interval: DEFAULT_MIN_REFRESH_INTERVAL,
            current: RwLock::new(None),
            refresh: Mutex::new(RefreshState::default()),
        }
    }

    /// Sets the minimum time between fetches caused by unknown `kid`s.
    pub fn min_refresh_interval(mut self, interval: Duration) -> Self {
        self.min_refresh_interval = interval;
        self
    }

    /// How many times the document has been fetched.
    pub async fn fetch_count(&self) -> u64 {
        self.refresh.lock().await.fetches
    }

    fn snapshot(&self) -> Option<Cached> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The current keys: fetched on first use, refetched once stale. Stale keys keep being
    /// served: while another caller refetches (nobody waits for it), when the refetch fails,
    /// and until the minimum interval has passed since the last attempt (so that a failing
    /// issuer is not asked again on every verification).
    pub(crate) async fn keys(&self) -> Result<(Arc<KeySet>, u64), JwtError> {
        match self.snapshot() {
            Some(c) if Instant::now() < c.fresh_until => Ok((c.keys, c.generation)),
            Some(c) => match self.refresh.try_lock() {
                Ok(state) => Ok(self
                    .refresh_locked(state, Some(c.generation), true)
                    .await
                    .unwrap_or((c.keys, c.generation))),
                Err(_) => Ok((c.keys, c.generation)),
            },
            None => self.refresh(None, true).await,
        }
    }

    /// Called when a token names a `kid` not in generation `seen`: refetches unless another
    /// caller already did, or the last fetch is more recent than the minimum interval.
    pub(crate) async fn refresh_for_unknown_kid(
        &self,
        seen: u64,
    ) -> Result<(Arc<KeySet>, u64), JwtError> {
        self.refresh(Some(seen), true).await
    }

    async fn refresh(
        &self,
        seen: Option<u64>,
        rate_limited: bool,
    ) -> Result<(Arc<KeySet>, u64), JwtError> {
        let state = self.refresh.lock().await;
        self.refresh_locked(state, seen, rate_limited).await
    }

    async fn refresh_locked(
        &self,
        mut state: MutexGuard<'_, RefreshState>,
        seen: Option<u64>,
        rate_limited: bool,
    ) -> Result<(Arc<KeySet>, u64), JwtError> {
        // Someone refreshed while we waited for the lock: use their result.
        if let Some(c) = self.snapshot() {
            if seen.is_some_and(|g| c.generation > g) || (seen.is_none() && state.fetches > 0) {
                return Ok((c.keys, c.generation));
            }
            if rate_limited
                && state
                    .last_fetch
                    .is_some_and(|t| t.elapsed() < self.min_refresh_interval)
            {
                return Ok((c.keys, c.generation));
            }
        } else if state
            .last_fetch
            .is_some_and(|t| t.elapsed() < FAILED_FETCH_RETRY_INTERVAL)
        {
            // No keys yet and the last fetch failed moments ago: do not hammer the issuer.
            return Err(JwtError::InvalidKeySet(
                "no key set yet: the last fetch failed less than a second ago".into(),
            ));
        }
        state.last_fetch = Some(Instant::now());
        state.fetches += 1;
        let response = self
            .client
            .get(&self.url)
            .send()
            .await
            .map_err(JwtError::KeySet)?;
        let keys = Arc::new(KeySet::from_jwks(response.body())?);
        let max_age = max_age(response.headers()).unwrap_or(DEFAULT_MAX_AGE);
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let generation = current.as_ref().map_or(1, |c| c.generation + 1);
        *current = Some(Cached {
            keys: keys.clone(),
            generation,
            fresh_until: Instant::now() + max_age,
        });
        Ok((keys, generation))
    }
}

/// `Cache-Control: max-age=N`, bounded to [`MIN_MAX_AGE`, `MAX_MAX_AGE`]; `no-store` and
/// `no-cache` give the minimum.
fn max_age(headers: &okta_core::http::HeaderMap) -> Option<Duration> {
    let value = headers
        .get_all(okta_core::http::header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let mut age = None;
    for directive in value.split(',').map(str::trim) {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return Some(MIN_MAX_AGE);
        }
        if let Some(v) = lower.strip_prefix("max-age=") {
            age = v
                .trim_matches('"')
                .parse::<u64>()
                .ok()
                .map(Duration::from_secs);
        }
    }
    age.map(|a| a.clamp(MIN_MAX_AGE, MAX_MAX_AGE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use okta_core::http::HeaderMap;

    fn cc(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("cache-control", v.parse().unwrap());
        h
    }

    /// Stale keys and a failing issuer: a flood of verifications asks the issuer once per
    /// minimum interval, not once per verification, and every caller gets the stale keys.
    #[tokio::test]
    async fn a_failing_refresh_of_stale_keys_is_rate_limited() {
        use wiremock::matchers::method;
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(404))
            .mount(&server)
            .await;
        let url = format!("{}/oauth2/default/v1/keys", server.uri());
        let cache = JwksCache::new(anonymous_client(&url).unwrap(), url)
            .min_refresh_interval(Duration::from_secs(60));
        let held = Arc::new(KeySet::from_jwks(br#"{"keys":[]}"#).unwrap());
        *cache.current.write().unwrap() = Some(Cached {
            keys: held.clone(),
            generation: 7,
            fresh_until: Instant::now() - Duration::from_secs(1),
        });
        for _ in 0..50 {
            let (keys, generation) = cache.keys().await.unwrap();
            assert!(Arc::ptr_eq(&keys, &held));
            assert_eq!(generation, 7);
        }
        assert_eq!(cache.fetch_count().await, 1);
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    #[test]
    fn max_age_is_bounded() {
        assert_eq!(max_age(&cc("max-age=600")), Some(Duration::from_secs(600)));
        assert_eq!(max_age(&cc("public, max-age=1")), Some(MIN_MAX_AGE));
        assert_eq!(max_age(&cc("max-age=99999999")), Some(MAX_MAX_AGE));
        assert_eq!(max_age(&cc("no-store")), Some(MIN_MAX_AGE));
        assert_eq!(max_age(&cc("private")), None);
        assert_eq!(max_age(&HeaderMap::new()), None);
    }
}
