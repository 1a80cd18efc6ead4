//! Tokens in and out for the Okta Rust SDK.
//!
//! Verifying Okta-issued tokens (feature `jwt`), protecting axum routes with them (feature
//! `axum`), obtaining tokens with OAuth 2.0 (feature `oauth`) and verifying SAML 2.0
//! responses as a service provider (feature `saml`).
//!
//! | feature | enables |
//! |---|---|
//! | `jwt` | [`jwt::AccessTokenVerifier`] and [`jwt::IdTokenVerifier`]: discovery, a self-refreshing JWKS cache, RS256/384/512, PS256/384/512, ES256/384 and EdDSA through aws-lc-rs |
//! | `oauth` | [`oauth::OAuthClient`]: client credentials (client_secret_basic/post, private_key_jwt with RS256/ES256 keys from PEM or JWK), authorization code + PKCE, refresh, introspection, revocation; [`oauth::Dpop`], [`oauth::TokenCache`], [`oauth::ServiceAppCredentials`] for okta-core |
//! | `saml` | [`saml::ResponseVerifier`]: pure-Rust SAML 2.0 response verification (exclusive c14n, XML-DSig, encrypted assertions, every known wrapping attack refused), [`saml::AuthnRequest`] (HTTP-Redirect, optionally signed), IdP metadata in and SP metadata out |
//! | `axum` | [`axum::OktaAuthLayer`], [`axum::RequireScopes`] and the [`axum::Claims`] extractor (RFC 6750 answers) |
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

#[cfg(feature = "saml")]
#[cfg_attr(docsrs, doc(cfg(feature = "saml")))]
pub mod saml;
