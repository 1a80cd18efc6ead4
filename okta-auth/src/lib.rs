//! Tokens in and out for the Okta Rust SDK.
//!
//! Verifying Okta-issued tokens (feature `jwt`), protecting axum routes with them (feature
//! `axum`) and obtaining service-app tokens with `private_key_jwt` and DPoP (feature `oauth`)
//! are here today; the authorization-code flow and the SAML 2.0 service provider are not
//! implemented yet.
//!
//! | feature | enables | status |
//! |---|---|---|
//! | `jwt` | [`jwt::AccessTokenVerifier`]: discovery, a self-refreshing JWKS cache, RS256/384/512, PS256/384/512, ES256/384 and EdDSA through aws-lc-rs | access tokens; ID tokens not yet |
//! | `oauth` | [`oauth::ClientCredentials`] (client_secret_basic/post, private_key_jwt with RS256/ES256 keys from PEM or JWK), [`oauth::Dpop`], [`oauth::TokenCache`], [`oauth::ServiceAppCredentials`] for okta-core | client credentials; authorization code + PKCE, refresh, introspection, revocation and userinfo not yet |
//! | `saml` | SAML 2.0 response verification | not implemented yet: enables nothing |
//! | `axum` | [`axum::OktaAuthLayer`], [`axum::RequireScopes`] and the [`axum::Claims`] extractor (RFC 6750 answers) | implemented |
//!
//! ```
//! // The shared configuration lives in okta-core and is reachable from here.
//! let url = okta_auth::core::OrgUrl::parse("https://dev-123456.okta.com").unwrap();
//! assert_eq!(url.as_str(), "https://dev-123456.okta.com/");
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use okta_core as core;

#[cfg(any(feature = "jwt", feature = "oauth"))]
mod der;
#[cfg(any(feature = "jwt", feature = "oauth"))]
mod discovery;

#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub mod jwt;

#[cfg(feature = "oauth")]
#[cfg_attr(docsrs, doc(cfg(feature = "oauth")))]
pub mod oauth;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
