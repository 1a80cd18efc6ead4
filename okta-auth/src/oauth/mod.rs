//! Obtaining tokens from Okta (feature `oauth`).
//!
//! - [`OAuthClient`]: a client of one authorization server: client credentials, authorization
//!   code with PKCE (S256, `state`, `nonce`), refresh, introspection, revocation, userinfo.
//! - [`ClientCredentials`]: the client-credentials grant with `client_secret_basic`,
//!   `client_secret_post` or `private_key_jwt` ([`SigningKey`] from PEM or JWK), optionally
//!   DPoP-bound ([`Dpop`]), answering Okta's `use_dpop_nonce` challenge by itself.
//! - [`TokenCache`]: one token shared by concurrent callers, one request in flight, renewed
//!   before it expires.
//! - [`ServiceAppCredentials`]: the okta-core [`Credentials`](okta_core::Credentials) of an
//!   OAuth 2.0 service app, so the Management API client runs on `private_key_jwt` + DPoP with
//!   `okta.*` scopes.
//!
//! Every request goes through an okta-core [`Client`](okta_core::Client), so token requests
//! use the same proxy, timeouts and retries as API calls.

mod client;
mod client_credentials;
mod dpop;
mod service_app;
mod signing;
mod token_cache;

pub use crate::discovery::ProviderMetadata;
pub use client::{
    AuthorizationRequest, ClientAuth, Endpoints, Introspection, OAuthClient, Token, TokenSet,
    TokenType,
};
pub use client_credentials::ClientCredentials;
pub use dpop::Dpop;
pub use service_app::ServiceAppCredentials;
pub use signing::{random_token, SigningKey};
pub use token_cache::{TokenCache, DEFAULT_RENEW_BEFORE};

/// Why a token could not be obtained or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OAuthError {
    /// A private key could not be read; the message never contains key material.
    #[error("invalid private key: {0}")]
    InvalidKey(String),
    /// Signing an assertion or proof failed.
    #[error("signing failed")]
    Signing,
    /// The token endpoint refused the request or could not be reached.
    #[error(transparent)]
    Request(#[from] okta_core::Error),
    /// The server's answer (or metadata) lacks something required.
    #[error("unusable answer: {0}")]
    BadResponse(&'static str),
    /// The `state` of the redirect is not the one the login sent.
    #[error("state does not match the authorization request")]
    StateMismatch,
}

impl From<okta_core::ConfigError> for OAuthError {
    fn from(e: okta_core::ConfigError) -> Self {
        OAuthError::Request(e.into())
    }
}
