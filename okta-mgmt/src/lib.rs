//! The Okta Management API, hook receivers and SCIM 2.0 for the Okta Rust SDK.
//!
//! SCIM 2.0 is here (features `scim`, `scim-server`, `sqlite`): the resource and message
//! types, the complete filter language with an evaluator, PATCH with Okta's shapes, and a
//! server Okta can provision. The typed Management API and the hook receivers are not
//! implemented yet; until they are, every Management API endpoint is reachable through the raw
//! request builder of [`okta_core::Client`], with the SDK's authentication, retries, rate
//! limiting and pagination; this crate re-exports it.
//!
//! | feature | enables | status |
//! |---|---|---|
//! | `oauth` | OAuth 2.0 service-app credentials (via okta-auth) | not implemented yet: enables nothing |
//! | `hooks` | event and inline hook receivers | not implemented yet: enables nothing |
//! | `scim` | [`scim::resource`], [`scim::schema`], [`scim::filter`] (RFC 7644 grammar, canonical printing, evaluation), [`scim::patch`] | implemented |
//! | `scim-server` | [`scim::server`]: an axum router over a store trait, in-memory store | implemented |
//! | `sqlite` | [`scim::server::SqliteStore`] (bundled SQLite) | implemented |
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

#[cfg(feature = "scim")]
#[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
pub mod scim;
