//! Why a token was rejected.

use std::time::SystemTime;

/// Why a token was not accepted. Each variant names the check that failed; none carries the
/// token, and values taken from the token are bounded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JwtError {
    /// The token is longer than the configured maximum; nothing was decoded.
    #[error("token of {len} bytes exceeds the {max}-byte limit")]
    TooLarge {
        /// The token's length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The token is not three dot-separated parts.
    #[error("malformed token: {0}")]
    Malformed(&'static str),
    /// A part is not strict base64url (RFC 7515: no padding, no whitespace, canonical).
    #[error("the {0} is not strict base64url")]
    Base64(&'static str),
    /// The header or the claims are not the expected JSON.
    #[error("the {part} is not valid JSON: {reason}")]
    Json {
        /// `header` or `claims`.
        part: &'static str,
        /// What the decoder said, bounded.
        reason: String,
    },
    /// The header's `alg` is not allowed (`none`, HMAC, or outside the configured allowlist).
    #[error("algorithm {0:?} is not allowed")]
    AlgorithmNotAllowed(String),
    /// The header lists critical extensions this verifier does not understand (RFC 7515 4.1.11).
    #[error("unsupported critical header parameter(s)")]
    UnsupportedCritical,
    /// The header has no `kid` and the key set holds more than one key.
    #[error("the token has no kid and the key set holds several keys")]
    KidRequired,
    /// No key of the key set has the token's `kid`, even after a refresh.
    #[error("no key with kid {0:?}")]
    UnknownKid(String),
    /// The key found cannot verify the token's algorithm (e.g. an EC key for RS256).
    #[error("key {kid:?} cannot be used with {alg}")]
    KeyAlgorithmMismatch {
        /// The key's ID.
        kid: String,
        /// The token's algorithm.
        alg: &'static str,
    },
    /// The signature does not verify.
    #[error("invalid signature")]
    InvalidSignature,
    /// A required claim is missing.
    #[error("missing claim {0}")]
    MissingClaim(&'static str),
    /// `iss` is not the configured issuer.
    #[error("issuer {found:?} is not the expected {expected:?}")]
    IssuerMismatch {
        /// The configured issuer.
        expected: String,
        /// The token's issuer, bounded.
        found: String,
    },
    /// No `aud` value is one of the configured audiences.
    #[error("audience not accepted")]
    AudienceMismatch,
    /// `azp` is not the client ID (or is missing while there are several audiences).
    #[error("authorized party (azp) is not this client")]
    AuthorizedPartyMismatch,
    /// `nonce` is not the value the authorization request sent.
    #[error("nonce does not match")]
    NonceMismatch,
    /// `at_hash` does not match the access token.
    #[error("at_hash does not match the access token")]
    AccessTokenHashMismatch,
    /// The user authenticated longer ago than the configured `max_age`.
    #[error("authentication is older than max_age")]
    AuthenticationTooOld {
        /// The token's `auth_time`.
        auth_time: SystemTime,
    },
    /// `cid` is not in the configured allowlist.
    #[error("client id {0:?} is not allowed")]
    ClientIdNotAllowed(String),
    /// The token expired (`exp` plus leeway is in the past).
    #[error("token expired")]
    Expired {
        /// The token's `exp`.
        exp: SystemTime,
    },
    /// `nbf` minus leeway is in the future.
    #[error("token not valid yet")]
    NotYetValid {
        /// The token's `nbf`.
        nbf: SystemTime,
    },
    /// `iat` minus leeway is in the future.
    #[error("token issued in the future")]
    IssuedInFuture {
        /// The token's `iat`.
        iat: SystemTime,
    },
    /// The access token is bound to a key (`cnf`, RFC 7800; Okta's DPoP-bound tokens carry
    /// `cnf.jkt`). It is only valid with a proof of possession of that key, so it is refused
    /// where a bearer token is expected (RFC 9449 section 7.2).
    #[error("the token is bound to a key (cnf) and cannot be accepted as a bearer token")]
    SenderConstrained,
    /// The token has claims only ID tokens carry (`nonce`, `at_hash`): an ID token is not an
    /// access token, even when its audience matches.
    #[error("an ID token is not an access token")]
    NotAnAccessToken,
    /// A required scope is missing from `scp`.
    #[error("missing scope {0:?}")]
    MissingScope(String),
    /// The key set could not be fetched or parsed.
    #[error("key set unavailable: {0}")]
    KeySet(#[source] okta_core::Error),
    /// The key set document is not a usable JWKS.
    #[error("invalid key set: {0}")]
    InvalidKeySet(String),
}

/// Cuts token-supplied text for error messages.
pub(crate) fn bounded(text: &str) -> String {
    const MAX: usize = 128;
    match text.char_indices().nth(MAX) {
        None => text.to_owned(),
        Some((i, _)) => format!("{}…", &text[..i]),
    }
}
