//! The verifiers: every check a token must pass, in order.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use okta_core::clock::{Clock, SystemClock};
use serde::de::DeserializeOwned;

use super::claims::{self, AccessTokenClaims, CustomClaims, IdTokenClaims, NumericDate};
use super::error::{bounded, JwtError};
use super::jwks::{self, JwksCache};
use super::jws::{self, Algorithm, Compact};
use super::keys::KeySet;

/// Default clock skew allowed on `exp`, `nbf` and `iat`: 120 s (as Okta's verifiers).
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(120);
/// Default largest token accepted: 8 KiB.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 8 * 1024;

/// Where a verifier's keys come from.
#[derive(Debug, Clone)]
enum Keys {
    Static(Arc<KeySet>),
    Jwks(Arc<JwksCache>),
}

/// What every verifier checks: the JWS, the issuer and the times.
#[derive(Clone)]
struct Core {
    issuer: String,
    algorithms: Vec<Algorithm>,
    leeway: Duration,
    max_token_bytes: usize,
    clock: Arc<dyn Clock>,
    keys: Keys,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("issuer", &self.issuer)
            .field("algorithms", &self.algorithms)
            .field("leeway", &self.leeway)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// Parses `token` and checks its signature; returns it with its payload still unread.
    async fn verify_signature<'t>(&self, token: &'t str) -> Result<Compact<'t>, JwtError> {
        let parsed = jws::parse(token, self.max_token_bytes)?;
        if !self.algorithms.contains(&parsed.alg) {
            return Err(JwtError::AlgorithmNotAllowed(parsed.alg.name().to_owned()));
        }
        let kid = parsed.header.kid.as_deref();
        let message = parsed.signing_input.as_bytes();
        match &self.keys {
            Keys::Static(set) => {
                set.find(kid, parsed.alg)?
                    .verify(parsed.alg, message, &parsed.signature)?
            }
            Keys::Jwks(cache) => {
                let (mut set, generation) = cache.keys().await?;
                if let Err(JwtError::UnknownKid(_)) = set.find(kid, parsed.alg) {
                    set = cache.refresh_for_unknown_kid(generation).await?.0;
                }
                set.find(kid, parsed.alg)?
                    .verify(parsed.alg, message, &parsed.signature)?;
            }
        }
        Ok(parsed)
    }

    fn check_issuer(&self, iss: &str) -> Result<(), JwtError> {
        if iss != self.issuer {
            return Err(JwtError::IssuerMismatch {
                expected: self.issuer.clone(),
                found: bounded(iss),
            });
        }
        Ok(())
    }

    fn check_times(
        &self,
        exp: NumericDate,
        nbf: Option<NumericDate>,
        iat: NumericDate,
    ) -> Result<SystemTime, JwtError> {
        let now = self.clock.now();
        let exp = exp.to_system_time();
        if exp + self.leeway <= now {
            return Err(JwtError::Expired { exp });
        }
        if let Some(nbf) = nbf.map(NumericDate::to_system_time) {
            if nbf > now + self.leeway {
                return Err(JwtError::NotYetValid { nbf });
            }
        }
        let iat = iat.to_system_time();
        if iat > now + self.leeway {
            return Err(JwtError::IssuedInFuture { iat });
        }
        Ok(now)
    }
}

/// Settings shared by the verifier builders.
#[derive(Clone)]
struct CoreBuilder {
    issuer: String,
    algorithms: Vec<Algorithm>,
    leeway: Duration,
    max_token_bytes: usize,
    clock: Arc<dyn Clock>,
    min_refresh_interval: Duration,
}

impl CoreBuilder {
    fn new(issuer: String) -> Self {
        CoreBuilder {
            issuer,
            algorithms: Algorithm::ALL.to_vec(),
            leeway: DEFAULT_LEEWAY,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            clock: Arc::new(SystemClock),
            min_refresh_interval: jwks::DEFAULT_MIN_REFRESH_INTERVAL,
        }
    }

    fn build(self, keys: Keys) -> Core {
        Core {
            issuer: self.issuer,
            algorithms: self.algorithms,
            leeway: self.leeway,
            max_token_bytes: self.max_token_bytes,
            clock: self.clock,
            keys,
        }
    }

    fn static_keys(self, keys: KeySet) -> Core {
        self.build(Keys::Static(Arc::new(keys)))
    }

    fn jwks_url(self, jwks_url: &str) -> Result<Core, JwtError> {
        // The JWKS may live on another origin than the issuer (discovery says where).
        let absolute = url::Url::parse(&self.issuer)
            .and_then(|issuer| issuer.join(jwks_url))
            .map_err(|_| JwtError::InvalidKeySet("the JWKS URL is not a valid URL".into()))?;
        let client = jwks::anonymous_client(absolute.as_str())?;
        let jwks_url = absolute.as_str();
        let cache =
            JwksCache::new(client, jwks_url).min_refresh_interval(self.min_refresh_interval);
        Ok(self.build(Keys::Jwks(Arc::new(cache))))
    }

    async fn discover(self) -> Result<Core, JwtError> {
        let meta = jwks::discover(&self.issuer).await?;
        self.jwks_url(&meta.jwks_uri)
    }
}

/// The setters and key sources every verifier builder has.
macro_rules! common_builder_methods {
    ($verifier:ty) => {
        /// Restricts the accepted algorithms (default: every [`Algorithm`]).
        pub fn algorithms(mut self, algorithms: &[Algorithm]) -> Self {
            self.core.algorithms = algorithms.to_vec();
            self
        }

        /// Clock skew allowed on `exp`, `nbf` and `iat` (default [`DEFAULT_LEEWAY`]).
        pub fn leeway(mut self, leeway: Duration) -> Self {
            self.core.leeway = leeway;
            self
        }

        /// Largest token accepted (default [`DEFAULT_MAX_TOKEN_BYTES`]).
        pub fn max_token_bytes(mut self, max: usize) -> Self {
            self.core.max_token_bytes = max;
            self
        }

        /// The time source (default the system clock).
        pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
            self.core.clock = clock;
            self
        }

        /// Minimum time between JWKS fetches caused by unknown `kid`s
        /// (default [`jwks::DEFAULT_MIN_REFRESH_INTERVAL`]).
        pub fn min_refresh_interval(mut self, interval: Duration) -> Self {
            self.core.min_refresh_interval = interval;
            self
        }

        /// Uses a fixed key set (no fetching).
        pub fn keys(self, keys: KeySet) -> Result<$verifier, JwtError> {
            self.check()?;
            let (core, rest) = self.split();
            Ok(rest.finish(core.static_keys(keys)))
        }

        /// Uses the JWKS at `jwks_url` (absolute, or a reference resolved against the issuer
        /// URL as RFC 3986 does), fetched on first use.
        pub fn jwks_url(self, jwks_url: &str) -> Result<$verifier, JwtError> {
            self.check()?;
            let (core, rest) = self.split();
            Ok(rest.finish(core.jwks_url(jwks_url)?))
        }

        /// Finds the JWKS through the issuer's discovery document.
        pub async fn discover(self) -> Result<$verifier, JwtError> {
            self.check()?;
            let (core, rest) = self.split();
            Ok(rest.finish(core.discover().await?))
        }
    };
}

/// Verifies Okta access tokens (RFC 9068 profile) from one issuer.
///
/// The checks, in order: size; three strict base64url parts; header JSON; `alg` in the
/// allowlist (never `none` or HMAC); no `crit`; the key by `kid` from the configured key set
/// only (`jku`, `x5u`, `jwk`, `x5c` are ignored), refreshing the JWKS once for an unknown
/// `kid`; the key fits `alg`; the signature; then the claims: `iss` exactly, `aud` one of the
/// configured audiences, `exp` and `iat` present, `exp`/`nbf`/`iat` within the leeway, no
/// claim only ID tokens carry (`nonce`, `at_hash`), no `cnf` (a DPoP-bound token is only valid
/// with a proof of its key, which a bearer-token check cannot see; such tokens are refused,
/// and checking DPoP proofs on the resource-server side is not provided), `cid` in the
/// allowlist when one is set.
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
#[derive(Debug, Clone)]
pub struct AccessTokenVerifier {
    core: Core,
    audiences: Vec<String>,
    client_ids: Option<Vec<String>>,
}

/// Builds an [`AccessTokenVerifier`].
#[must_use]
#[derive(Clone)]
pub struct AccessTokenVerifierBuilder {
    core: CoreBuilder,
    rest: AccessRest,
}

#[derive(Clone)]
struct AccessRest {
    audiences: Vec<String>,
    client_ids: Option<Vec<String>>,
}

impl AccessRest {
    fn finish(self, core: Core) -> AccessTokenVerifier {
        AccessTokenVerifier {
            core,
            audiences: self.audiences,
            client_ids: self.client_ids,
        }
    }
}

impl fmt::Debug for AccessTokenVerifierBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokenVerifierBuilder")
            .field("issuer", &self.core.issuer)
            .field("audiences", &self.rest.audiences)
            .finish_non_exhaustive()
    }
}

impl AccessTokenVerifier {
    /// Starts a verifier for tokens whose `iss` is exactly `issuer`, e.g.
    /// `https://dev-123456.okta.com/oauth2/default`.
    pub fn builder(issuer: impl Into<String>) -> AccessTokenVerifierBuilder {
        AccessTokenVerifierBuilder {
            core: CoreBuilder::new(issuer.into()),
            rest: AccessRest {
                audiences: Vec::new(),
                client_ids: None,
            },
        }
    }

    /// The issuer this verifier accepts.
    pub fn issuer(&self) -> &str {
        &self.core.issuer
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
        let parsed = self.core.verify_signature(token).await?;
        let c: AccessTokenClaims<C> = claims::decode(&parsed.payload)?;
        self.core.check_issuer(&c.iss)?;
        if !c.aud.iter().any(|a| self.audiences.iter().any(|x| x == a)) {
            return Err(JwtError::AudienceMismatch);
        }
        self.core.check_times(c.exp, c.nbf, c.iat)?;
        if c.has_id_token_claims() {
            return Err(JwtError::NotAnAccessToken);
        }
        if c.cnf.is_some() {
            return Err(JwtError::SenderConstrained);
        }
        if let Some(allowed) = &self.client_ids {
            let cid = c.cid.as_deref().ok_or(JwtError::MissingClaim("cid"))?;
            if !allowed.iter().any(|a| a == cid) {
                return Err(JwtError::ClientIdNotAllowed(bounded(cid)));
            }
        }
        Ok(c)
    }
}

impl AccessTokenVerifierBuilder {
    /// Accepts tokens whose `aud` contains `audience` (call again to accept several).
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.rest.audiences.push(audience.into());
        self
    }

    /// Accepts only tokens whose `cid` is one of `client_ids`.
    pub fn client_ids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, client_ids: I) -> Self {
        self.rest.client_ids = Some(client_ids.into_iter().map(Into::into).collect());
        self
    }

    fn check(&self) -> Result<(), JwtError> {
        if self.rest.audiences.is_empty() {
            return Err(JwtError::MissingClaim("aud (no audience configured)"));
        }
        Ok(())
    }

    fn split(self) -> (CoreBuilder, AccessRest) {
        (self.core, self.rest)
    }

    common_builder_methods!(AccessTokenVerifier);
}

/// Verifies OpenID Connect ID tokens for one client.
///
/// Beyond the signature, issuer and time checks of [`AccessTokenVerifier`]: `aud` must contain
/// the client ID, `azp` must be the client ID when there are several audiences, `nonce` must
/// equal the one the login sent, `at_hash` must match the access token when one is given, and
/// `auth_time` must be recent enough when a `max_age` is set.
///
/// ```no_run
/// # async fn run(id_token: &str, access_token: &str) -> Result<(), okta_auth::jwt::JwtError> {
/// use okta_auth::jwt::IdTokenVerifier;
///
/// let verifier = IdTokenVerifier::builder("https://dev-123456.okta.com", "0oa1client")
///     .discover()
///     .await?;
/// let claims = verifier
///     .verify(id_token, Some("n-0S6_WzA2Mj"), Some(access_token))
///     .await?;
/// println!("signed in: {:?}", claims.email);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct IdTokenVerifier {
    core: Core,
    client_id: String,
    max_age: Option<Duration>,
}

/// Builds an [`IdTokenVerifier`].
#[must_use]
#[derive(Clone)]
pub struct IdTokenVerifierBuilder {
    core: CoreBuilder,
    rest: IdRest,
}

#[derive(Clone)]
struct IdRest {
    client_id: String,
    max_age: Option<Duration>,
}

impl IdRest {
    fn finish(self, core: Core) -> IdTokenVerifier {
        IdTokenVerifier {
            core,
            client_id: self.client_id,
            max_age: self.max_age,
        }
    }
}

impl fmt::Debug for IdTokenVerifierBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdTokenVerifierBuilder")
            .field("issuer", &self.core.issuer)
            .field("client_id", &self.rest.client_id)
            .finish_non_exhaustive()
    }
}

impl IdTokenVerifier {
    /// Starts a verifier for ID tokens from `issuer` for the client `client_id`.
    pub fn builder(
        issuer: impl Into<String>,
        client_id: impl Into<String>,
    ) -> IdTokenVerifierBuilder {
        IdTokenVerifierBuilder {
            core: CoreBuilder::new(issuer.into()),
            rest: IdRest {
                client_id: client_id.into(),
                max_age: None,
            },
        }
    }

    /// Verifies `token`. `nonce` is the value the authorization request sent (its absence in
    /// the token is then an error); `access_token`, when given, must match `at_hash`.
    pub async fn verify(
        &self,
        token: &str,
        nonce: Option<&str>,
        access_token: Option<&str>,
    ) -> Result<IdTokenClaims<CustomClaims>, JwtError> {
        self.verify_as(token, nonce, access_token).await
    }

    /// Like [`IdTokenVerifier::verify`], decoding the application's claims into `C`.
    pub async fn verify_as<C: DeserializeOwned>(
        &self,
        token: &str,
        nonce: Option<&str>,
        access_token: Option<&str>,
    ) -> Result<IdTokenClaims<C>, JwtError> {
        let parsed = self.core.verify_signature(token).await?;
        let c: IdTokenClaims<C> = claims::decode(&parsed.payload)?;
        self.core.check_issuer(&c.iss)?;
        if !c.aud.iter().any(|a| a == self.client_id) {
            return Err(JwtError::AudienceMismatch);
        }
        if c.aud.len() > 1 && c.azp.as_deref() != Some(self.client_id.as_str()) {
            return Err(JwtError::AuthorizedPartyMismatch);
        }
        if let Some(azp) = &c.azp {
            if azp != &self.client_id {
                return Err(JwtError::AuthorizedPartyMismatch);
            }
        }
        let now = self.core.check_times(c.exp, c.nbf, c.iat)?;
        if let Some(expected) = nonce {
            match c.nonce.as_deref() {
                None => return Err(JwtError::MissingClaim("nonce")),
                Some(n) if !constant_time_eq(n.as_bytes(), expected.as_bytes()) => {
                    return Err(JwtError::NonceMismatch)
                }
                Some(_) => {}
            }
        }
        if let Some(max_age) = self.max_age {
            let auth_time = c
                .auth_time
                .ok_or(JwtError::MissingClaim("auth_time"))?
                .to_system_time();
            if auth_time + max_age + self.core.leeway < now {
                return Err(JwtError::AuthenticationTooOld { auth_time });
            }
        }
        if let Some(access_token) = access_token {
            let expected = c
                .at_hash
                .as_deref()
                .ok_or(JwtError::MissingClaim("at_hash"))?;
            if !constant_time_eq(
                at_hash(parsed.alg, access_token).as_bytes(),
                expected.as_bytes(),
            ) {
                return Err(JwtError::AccessTokenHashMismatch);
            }
        }
        Ok(c)
    }
}

impl IdTokenVerifierBuilder {
    /// Requires the user to have authenticated at most `max_age` ago (`auth_time`).
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.rest.max_age = Some(max_age);
        self
    }

    fn check(&self) -> Result<(), JwtError> {
        Ok(())
    }

    fn split(self) -> (CoreBuilder, IdRest) {
        (self.core, self.rest)
    }

    common_builder_methods!(IdTokenVerifier);
}

/// `at_hash` (OpenID Connect Core 3.1.3.6): base64url of the left half of the hash of the
/// access token, with the hash of the ID token's algorithm.
pub fn at_hash(alg: Algorithm, access_token: &str) -> String {
    use aws_lc_rs::digest;
    use base64::Engine;
    let algorithm = match alg {
        Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256 => &digest::SHA256,
        Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 => &digest::SHA384,
        Algorithm::RS512 | Algorithm::PS512 | Algorithm::EdDSA => &digest::SHA512,
    };
    let d = digest::digest(algorithm, access_token.as_bytes());
    let half = &d.as_ref()[..d.as_ref().len() / 2];
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(half)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    aws_lc_rs::constant_time::verify_slices_are_equal(a, b).is_ok()
}
