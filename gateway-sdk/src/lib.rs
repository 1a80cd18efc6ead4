//! Calling REST and AI services behind an API gateway (APIPark, Kong, Envoy) with Okta
//! credentials.
//!
//! Not implemented yet: the crate declares its feature names and re-exports
//! [`okta_core`], whose [`okta_core::Client`] already speaks HTTP with retries and typed errors.
//!
//! | feature | enables | status |
//! |---|---|---|
//! | `ai` | OpenAI-compatible chat completions with SSE streaming | not implemented yet: enables nothing |
//! | `okta` | Okta credentials through okta-auth | pulls in okta-auth; nothing else yet |
//!
//! ```
//! let url = gateway_sdk::core::OrgUrl::parse("https://dev-123456.okta.com").unwrap();
//! assert_eq!(url.host(), "dev-123456.okta.com");
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use okta_core as core;
