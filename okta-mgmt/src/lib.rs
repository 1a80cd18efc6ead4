//! The Okta Management API, hook receivers and SCIM 2.0 for the Okta Rust SDK.
//!
//! The typed Management API, the hook receivers and SCIM are not implemented yet. Until
//! they are, every Management API endpoint is reachable through the raw request builder of
//! [`okta_core::Client`], with the SDK's authentication, retries, rate limiting and
//! pagination; this crate re-exports it.
//!
//! | feature | enables | status |
//! |---|---|---|
//! | `oauth` | OAuth 2.0 service-app credentials (via okta-auth) | not implemented yet: enables nothing |
//! | `hooks` | event and inline hook receivers | not implemented yet: enables nothing |
//! | `scim` | SCIM 2.0 types, filters and PATCH | not implemented yet: enables nothing |
//! | `scim-server` | SCIM 2.0 server | not implemented yet: enables nothing |
//! | `axum` | axum routers for hooks and SCIM | not implemented yet: enables nothing |
//!
//! ```no_run
//! # async fn run() -> Result<(), okta_mgmt::core::Error> {
//! use okta_mgmt::core::{Client, Config};
//! let client = Client::new(Config::from_env()?)?;
//! let users: Vec<serde_json::Value> = client.get("/api/v1/users").query("limit", "5").send().await?.json()?;
//! # Ok(()) }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use okta_core as core;
