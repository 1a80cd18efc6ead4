//! Verifying Okta-issued JWTs (feature `jwt`).
//!
//! [`AccessTokenVerifier`] checks access tokens and [`IdTokenVerifier`] ID tokens from an Okta authorization server (or any
//! OpenID Provider) against keys from a fixed [`KeySet`] or a self-refreshing [`JwksCache`]
//! found through discovery. Signatures are checked with aws-lc-rs; keys are parsed once.

mod claims;
mod error;
mod jwks;
mod jws;
mod keys;
mod verifier;

pub use claims::{AccessTokenClaims, Audience, CustomClaims, IdTokenClaims, NumericDate};
pub use error::JwtError;
pub use jwks::{
    discover, JwksCache, ProviderMetadata, DEFAULT_MAX_AGE, DEFAULT_MIN_REFRESH_INTERVAL,
    MAX_DOCUMENT_BYTES, MAX_MAX_AGE, MIN_MAX_AGE,
};
pub use jws::{decode_unverified, Algorithm};
pub use keys::{KeySet, VerifyingKey, MAX_KEYS};
pub use verifier::{
    at_hash, AccessTokenVerifier, AccessTokenVerifierBuilder, IdTokenVerifier,
    IdTokenVerifierBuilder, DEFAULT_LEEWAY, DEFAULT_MAX_TOKEN_BYTES,
};
