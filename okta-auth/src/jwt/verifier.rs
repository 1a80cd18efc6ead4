//! [`AccessTokenVerifier`]: every check an Okta access token must pass, in order.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use okta_core::clock::{Clock, SystemClock};
use serde::de::DeserializeOwned;

use super::claims::{self, AccessTokenClaims, CustomClaims};
use super::error::{bounded, JwtError};
use super::jwks::{self, JwksCache};
use super::jws::{self, Algorithm};
use super::keys::KeySet;

/// Default clock skew allowed on `exp`, `nbf` and `iat`: 120 s (as Okta's verifiers).
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(120);
/// Default largest token accepted: 8 KiB.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 8 * 1024;

/// Where the verifier's keys come from.
#[derive(Debug, Clone)]
enum Keys {
    Static(Arc<KeySet>),
    Jwks(Arc<JwksCache>),
}

/// Verifies Okta access tokens (RFC 9068 profile) from one issuer.
///
/// The checks, in order: size; three strict base64url parts; header JSON; `alg` in the
/// allowlist (never `none` or HMAC); no `crit`; the key by `kid` from the configured key set
/// only (`jku`, `x5u`, `jwk`, `x5c` are ignored), refreshing the JWKS once for an unknown
/// `kid`; the key fits `alg`; the signature; then the claims: `iss` exactly, `aud` one of the
/// configured audiences, `exp` and `iat` present, `exp`/`nbf`/`iat` within the leeway, `cid`
/// in the allowlist when one is set.
///
/// ```no_run
/// # async fn run(token: &str) -> Result<(), okta_auth::jwt::JwtError> {
/// use okta_auth::jwt::AccessTokenVerifier;
///
/// let verifier = AccessTokenVerifier::builder("https://dev-123456.okta.com/oauth2/default")
///     .audience("api://default")
///     .discover()
///     .await?;
/// let claims = verifier.verify(token).await?;
/// claims.require_scopes(&["orders:read"])?;
/// println!("token for {:?}", claims.sub);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AccessTokenVerifier {
    issuer: String,
    audiences: Vec<String>,
    client_ids: Option<Vec<String>>,
    algorithms: Vec<Algorithm>,
    leeway: Duration,
    max_token_bytes: usize,
    clock: Arc<dyn Clock>,
    keys: Keys,
}

impl fmt::Debug for AccessTokenVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokenVerifier")
            .field("issuer", &self.issuer)
            .field("audiences", &self.audiences)
            .field("client_ids", &self.client_ids)
            .field("algorithms", &self.algorithms)
            .field("leeway", &self.leeway)
            .finish_non_exhaustive()
    }
}

/// Builds an [`AccessTokenVerifier`].
#[must_use]
pub struct AccessTokenVerifierBuilder {
    issuer: String,
    audiences: Vec<String>,
    client_ids: Option<Vec<String>>,
    algorithms: Vec<Algorithm>,
    leeway: Duration,
    max_token_bytes: usize,
    clock: Arc<dyn Clock>,
    min_refresh_interval: Duration,
}

impl fmt::Debug for AccessTokenVerifierBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokenVerifierBuilder")
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl AccessTokenVerifier {
    /// Starts a verifier for tokens whose `iss` is exactly `issuer`, e.g.
    /// `https://dev-123456.okta.com/oauth2/default`.
    pub fn builder(issuer: impl Into<String>) -> AccessTokenVerifierBuilder {
        AccessTokenVerifierBuilder {
            issuer: issuer.into(),
            audiences: Vec::new(),
            client_ids: None,
            algorithms: Algorithm::ALL.to_vec(),
            leeway: DEFAULT_LEEWAY,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            clock: Arc::new(SystemClock),
            min_refresh_interval: jwks::DEFAULT_MIN_REFRESH_INTERVAL,
        }
    }

    /// The issuer this verifier accepts.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Verifies `token`; custom claims are kept as JSON.
    pub async fn verify(&self, token: &str) -> Result<AccessTokenClaims<CustomClaims>, JwtError> {
        self.verify_as(token).await
    }

    /// Verifies `token`, decoding the application's claims into `C`.
    pub async fn verify_as<C: DeserializeOwned>(
        &self,
        token: &str,
    ) -> Result<AccessTokenClaims<C>, JwtError> {
        let parsed = jws::parse(token, self.max_token_bytes)?;
        if !self.algorithms.contains(&parsed.alg) {
            return Err(JwtError::AlgorithmNotAllowed(parsed.alg.name().to_owned()));
        }
        let kid = parsed.header.kid.as_deref();
        match &self.keys {
            Keys::Static(set) => set.find(kid)?.verify(
                parsed.alg,
                parsed.signing_input.as_bytes(),
                &parsed.signature,
            )?,
            Keys::Jwks(cache) => {
                let (mut set, generation) = cache.keys().await?;
                if let Err(JwtError::UnknownKid(_)) = set.find(kid) {
                    set = cache.refresh_for_unknown_kid(generation).await?.0;
                }
                set.find(kid)?.verify(
                    parsed.alg,
                    parsed.signing_input.as_bytes(),
                    &parsed.signature,
                )?;
            }
        }
        let claims: AccessTokenClaims<C> = claims::decode(&parsed.payload)?;
        self.check_claims(&claims)?;
        Ok(claims)
    }

    fn check_claims<C>(&self, c: &AccessTokenClaims<C>) -> Result<(), JwtError> {
        if c.iss != self.issuer {
            return Err(JwtError::IssuerMismatch {
                expected: self.issuer.clone(),
                found: bounded(&c.iss),
            });
        }
        if !c.aud.iter().any(|a| self.audiences.iter().any(|x| x == a)) {
            return Err(JwtError::AudienceMismatch);
        }
        let now = self.clock.now();
        let exp = c.exp.to_system_time();
        if exp + self.leeway <= now {
            return Err(JwtError::Expired { exp });
        }
        if let Some(nbf) = c.nbf.map(|n| n.to_system_time()) {
            if nbf > now + self.leeway {
                return Err(JwtError::NotYetValid { nbf });
            }
        }
        let iat = c.iat.to_system_time();
        if iat > now + self.leeway {
            return Err(JwtError::IssuedInFuture { iat });
        }
        if let Some(allowed) = &self.client_ids {
            let cid = c.cid.as_deref().ok_or(JwtError::MissingClaim("cid"))?;
            if !allowed.iter().any(|a| a == cid) {
                return Err(JwtError::ClientIdNotAllowed(bounded(cid)));
            }
        }
        Ok(())
    }
}

impl AccessTokenVerifierBuilder {
    /// Accepts tokens whose `aud` contains `audience` (call again to accept several).
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audiences.push(audience.into());
        self
    }

    /// Accepts only tokens whose `cid` is one of `client_ids`.
    pub fn client_ids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, client_ids: I) -> Self {
        self.client_ids = Some(client_ids.into_iter().map(Into::into).collect());
        self
    }

    /// Restricts the accepted algorithms (default: every [`Algorithm`]).
    pub fn algorithms(mut self, algorithms: &[Algorithm]) -> Self {
        self.algorithms = algorithms.to_vec();
        self
    }

    /// Clock skew allowed on `exp`, `nbf` and `iat` (default [`DEFAULT_LEEWAY`]).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Largest token accepted (default [`DEFAULT_MAX_TOKEN_BYTES`]).
    pub fn max_token_bytes(mut self, max: usize) -> Self {
        self.max_token_bytes = max;
        self
    }

    /// The time source (default the system clock).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Minimum time between JWKS fetches caused by unknown `kid`s
    /// (default [`jwks::DEFAULT_MIN_REFRESH_INTERVAL`]).
    pub fn min_refresh_interval(mut self, interval: Duration) -> Self {
        self.min_refresh_interval = interval;
        self
    }

    fn check(&self) -> Result<(), JwtError> {
        if self.audiences.is_empty() {
            return Err(JwtError::MissingClaim("aud (no audience configured)"));
        }
        Ok(())
    }

    fn finish(self, keys: Keys) -> AccessTokenVerifier {
        AccessTokenVerifier {
            issuer: self.issuer,
            audiences: self.audiences,
            client_ids: self.client_ids,
            algorithms: self.algorithms,
            leeway: self.leeway,
            max_token_bytes: self.max_token_bytes,
            clock: self.clock,
            keys,
        }
    }

    /// Uses a fixed key set (no fetching).
    pub fn keys(self, keys: KeySet) -> Result<AccessTokenVerifier, JwtError> {
        self.check()?;
        Ok(self.finish(Keys::Static(Arc::new(keys))))
    }

    /// Uses the JWKS at `jwks_url` (same origin as the issuer), fetched on first use.
    pub fn jwks_url(self, jwks_url: &str) -> Result<AccessTokenVerifier, JwtError> {
        self.check()?;
        let client = jwks::issuer_client(&self.issuer)?;
        let cache =
            JwksCache::new(client, jwks_url).min_refresh_interval(self.min_refresh_interval);
        Ok(self.finish(Keys::Jwks(Arc::new(cache))))
    }

    /// Finds the JWKS through the issuer's discovery document.
    pub async fn discover(self) -> Result<AccessTokenVerifier, JwtError> {
        self.check()?;
        let meta = jwks::discover(&self.issuer).await?;
        self.jwks_url(&meta.jwks_uri)
    }
}
