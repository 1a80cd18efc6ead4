//! Typed claims of Okta access tokens, with room for the application's own.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::JwtError;

/// Claims an application adds to its tokens, kept as JSON unless it names its own type.
pub type CustomClaims = serde_json::Map<String, serde_json::Value>;

/// `aud`: one string or an array of strings (RFC 7519 4.1.3).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    /// A single audience.
    One(String),
    /// Several audiences.
    Many(Vec<String>),
}

impl Audience {
    /// The audiences as a slice-like iterator.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, many) = match self {
            Audience::One(a) => (Some(a.as_str()), &[][..]),
            Audience::Many(v) => (None, v.as_slice()),
        };
        one.into_iter().chain(many.iter().map(String::as_str))
    }

    /// How many audiences there are.
    pub fn len(&self) -> usize {
        match self {
            Audience::One(_) => 1,
            Audience::Many(v) => v.len(),
        }
    }

    /// Whether there is no audience at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A NumericDate: seconds since the epoch, integer or not (RFC 7519 section 2).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct NumericDate(f64);

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if !(0.0..=1.0e11).contains(&v) {
            return Err(serde::de::Error::custom("not a usable NumericDate"));
        }
        Ok(NumericDate(v))
    }
}

impl NumericDate {
    /// As a [`SystemTime`].
    pub fn to_system_time(self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs_f64(self.0)
    }

    /// Whole seconds since the epoch.
    pub fn seconds(self) -> u64 {
        self.0 as u64
    }
}

/// The claims of an Okta access token. `C` holds the claims the application defines; by
/// default every claim not listed here is kept as JSON in `custom`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound = "C: DeserializeOwned")]
#[non_exhaustive]
pub struct AccessTokenClaims<C = CustomClaims> {
    /// Issuer.
    pub iss: String,
    /// Subject (the user's login, or the client ID for client-credentials tokens).
    #[serde(default)]
    pub sub: Option<String>,
    /// Audience(s).
    pub aud: Audience,
    /// Expiry.
    pub exp: NumericDate,
    /// Issued at.
    pub iat: NumericDate,
    /// Not before.
    #[serde(default)]
    pub nbf: Option<NumericDate>,
    /// Token ID.
    #[serde(default)]
    pub jti: Option<String>,
    /// Okta's token version.
    #[serde(default)]
    pub ver: Option<serde_json::Value>,
    /// The OAuth client the token was issued to.
    #[serde(default)]
    pub cid: Option<String>,
    /// The Okta user ID.
    #[serde(default)]
    pub uid: Option<String>,
    /// Granted scopes.
    #[serde(default)]
    pub scp: Vec<String>,
    /// When the user authenticated.
    #[serde(default)]
    pub auth_time: Option<NumericDate>,
    /// The confirmation claim (RFC 7800): present on sender-constrained tokens, such as
    /// DPoP-bound ones (`{"jkt": "<key thumbprint>"}`).
    #[serde(default)]
    pub cnf: Option<serde_json::Value>,
    /// `nonce`, which only ID tokens carry.
    #[serde(default)]
    nonce: Option<serde::de::IgnoredAny>,
    /// `at_hash`, which only ID tokens carry.
    #[serde(default)]
    at_hash: Option<serde::de::IgnoredAny>,
    /// The application's own claims.
    #[serde(flatten)]
    pub custom: C,
}

impl<C> AccessTokenClaims<C> {
    /// Whether the token carries claims only ID tokens have.
    pub(crate) fn has_id_token_claims(&self) -> bool {
        self.nonce.is_some() || self.at_hash.is_some()
    }

    /// Whether `scope` was granted.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scp.iter().any(|s| s == scope)
    }

    /// Fails with [`JwtError::MissingScope`] naming the first of `scopes` not granted.
    pub fn require_scopes(&self, scopes: &[&str]) -> Result<(), JwtError> {
        match scopes.iter().find(|s| !self.has_scope(s)) {
            Some(missing) => Err(JwtError::MissingScope((*missing).to_owned())),
            None => Ok(()),
        }
    }
}

/// The claims of an OpenID Connect ID token. `C` holds the other claims (profile, groups,
/// custom claims); by default they are kept as JSON in `custom`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound = "C: DeserializeOwned")]
#[non_exhaustive]
pub struct IdTokenClaims<C = CustomClaims> {
    /// Issuer.
    pub iss: String,
    /// Subject: the Okta user ID.
    pub sub: String,
    /// Audience(s): the client ID.
    pub aud: Audience,
    /// Expiry.
    pub exp: NumericDate,
    /// Issued at.
    pub iat: NumericDate,
    /// Not before.
    #[serde(default)]
    pub nbf: Option<NumericDate>,
    /// When the user authenticated.
    #[serde(default)]
    pub auth_time: Option<NumericDate>,
    /// The nonce of the authorization request.
    #[serde(default)]
    pub nonce: Option<String>,
    /// Authorized party.
    #[serde(default)]
    pub azp: Option<String>,
    /// Hash of the access token issued with this ID token.
    #[serde(default)]
    pub at_hash: Option<String>,
    /// Authentication methods used.
    #[serde(default)]
    pub amr: Vec<String>,
    /// The identity provider that authenticated the user.
    #[serde(default)]
    pub idp: Option<String>,
    /// Token ID.
    #[serde(default)]
    pub jti: Option<String>,
    /// Full name (`profile` scope).
    #[serde(default)]
    pub name: Option<String>,
    /// Okta username (`profile` scope).
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// Email address (`email` scope).
    #[serde(default)]
    pub email: Option<String>,
    /// Whether the email address is verified.
    #[serde(default)]
    pub email_verified: Option<bool>,
    /// Every other claim.
    #[serde(flatten)]
    pub custom: C,
}

/// Decodes claims, turning a missing registered claim into [`JwtError::MissingClaim`].
pub(crate) fn decode<T: DeserializeOwned>(payload: &[u8]) -> Result<T, JwtError> {
    serde_json::from_slice(payload).map_err(|e| {
        let msg = e.to_string();
        for claim in ["iss", "sub", "aud", "exp", "iat"] {
            if msg.starts_with(&format!("missing field `{claim}`")) {
                return JwtError::MissingClaim(claim);
            }
        }
        JwtError::Json {
            part: "claims",
            reason: super::error::bounded(&msg),
        }
    })
}
