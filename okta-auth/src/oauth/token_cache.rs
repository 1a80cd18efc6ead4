//! One token shared by every caller, renewed before it expires.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::client::Token;
use super::client_credentials::ClientCredentials;
use super::OAuthError;

/// Default margin before expiry at which a token is renewed: 5 minutes (capped at half of
/// the token's lifetime for short-lived tokens).
pub const DEFAULT_RENEW_BEFORE: Duration = Duration::from_secs(300);

/// Caches the token of a [`ClientCredentials`] grant.
///
/// Concurrent callers share one token and, when it must be renewed, one token request: the
/// others wait for its result instead of sending their own.
#[derive(Debug)]
pub struct TokenCache {
    grant: ClientCredentials,
    /// The token and the margin before its expiry at which it is renewed.
    current: RwLock<Option<(Arc<Token>, Duration)>>,
    fetching: tokio::sync::Mutex<u64>,
    renew_before: Duration,
}

impl TokenCache {
    /// A cache over `grant`.
    pub fn new(grant: ClientCredentials) -> Self {
        TokenCache {
            grant,
            current: RwLock::new(None),
            fetching: tokio::sync::Mutex::new(0),
            renew_before: DEFAULT_RENEW_BEFORE,
        }
    }

    /// Renews tokens this long before they expire (at most half of a token's lifetime).
    pub fn renew_before(mut self, margin: Duration) -> Self {
        self.renew_before = margin;
        self
    }

    /// The grant behind the cache.
    pub fn grant(&self) -> &ClientCredentials {
        &self.grant
    }

    /// How many tokens have been requested so far.
    pub async fn requests(&self) -> u64 {
        *self.fetching.lock().await
    }

    fn usable(&self) -> Option<Arc<Token>> {
        let (token, margin) = self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()?;
        let now = self.grant.now();
        let lifetime_left = token.expires_at.duration_since(now).ok()?;
        (lifetime_left > margin).then_some(token)
    }

    /// A token valid for longer than the renewal margin, requesting one if needed.
    pub async fn token(&self) -> Result<Arc<Token>, OAuthError> {
        if let Some(t) = self.usable() {
            return Ok(t);
        }
        let mut count = self.fetching.lock().await;
        // Another caller may have renewed it while we waited.
        if let Some(t) = self.usable() {
            return Ok(t);
        }
        *count += 1;
        let token = Arc::new(self.grant.request_token().await?);
        // A token living less than twice the margin is renewed at half its lifetime, so that
        // short-lived tokens are still reused.
        let lifetime = token
            .expires_at
            .duration_since(self.grant.now())
            .unwrap_or_default();
        let margin = self.renew_before.min(lifetime / 2);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some((token.clone(), margin));
        Ok(token)
    }

    /// Drops `token` if it is still the cached one (a server refused it); a newer token
    /// fetched meanwhile by another caller is kept.
    pub fn invalidate(&self, token: &Token) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        if current
            .as_ref()
            .is_some_and(|(c, _)| c.secret() == token.secret())
        {
            *current = None;
        }
    }
}
