//! Tokens in and out for the Okta Rust SDK.
//!
//! This crate will hold Okta access and ID token verification, the OAuth 2.0 flows
//! (client credentials with `private_key_jwt`, DPoP, authorization code with PKCE) and a
//! pure-Rust SAML 2.0 service provider. None of these is implemented yet: the crate
//! currently re-exports [`okta_core`] and declares its feature names so that
//! applications can depend on it with a stable feature set.
//!
//! | feature | enables | status |
//! |---|---|---|
//! | `jwt` | access and ID token verification | not implemented yet: enables nothing |
//! | `oauth` | OAuth 2.0 flows and service-app credentials | not implemented yet: enables nothing |
//! | `saml` | SAML 2.0 response verification | not implemented yet: enables nothing |
//! | `axum` | bearer-token layer for axum | not implemented yet: enables nothing |
//!
//! ```
//! // The shared configuration lives in okta-core and is reachable from here.
//! let url = okta_auth::core::OrgUrl::parse("https://dev-123456.okta.com").unwrap();
//! assert_eq!(url.as_str(), "https://dev-123456.okta.com/");
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use okta_core as core;
