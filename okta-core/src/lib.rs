//! Transport and policy shared by every crate of the Okta Rust SDK.
//!
//! - [`Config`] and [`OrgUrl`]: a validated org URL, credentials, timeouts, proxy; read from
//!   the same environment variables as Okta's official SDKs with [`Config::from_env`].
//! - [`Credentials`]: applies authentication per request ([`Ssws`], [`Bearer`]; OAuth
//!   service-app credentials come from okta-auth).
//! - [`Client`]: one reqwest client (rustls on aws-lc-rs) with retries ([`RetryPolicy`]),
//!   Okta's rate-limit headers ([`RateLimit`]), optional proactive throttling
//!   ([`ThrottlePolicy`]), lazy pagination ([`pagination`]) and a tracing span per request.
//! - [`enum@Error`]: one error type that keeps Okta's error code, request ID and rate-limit
//!   snapshot, names the JSON path of decode errors, and never carries a secret.
//! - [`seen`] and [`clock`]: a bounded seen-ID store and an injectable clock for verifiers.
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use okta_core::{Client, Config};
//!
//! # async fn run() -> Result<(), okta_core::Error> {
//! let config = Config::builder()
//!     .org_url("https://dev-123456.okta.com")
//!     .api_token(std::env::var("OKTA_CLIENT_TOKEN").unwrap_or_default())
//!     .build()?;
//! let client = Client::new(config)?;
//!
//! // Every user whose department is Engineering, 200 per page, fetched lazily.
//! let mut users = client
//!     .get("/api/v1/users")
//!     .query("search", r#"profile.department eq "Engineering""#)
//!     .query("limit", "200")
//!     .stream::<serde_json::Value>();
//! while let Some(user) = users.try_next().await? {
//!     println!("{}", user["profile"]["login"]);
//! }
//! # Ok(()) }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
pub mod clock;
pub mod config;
pub mod credentials;
pub mod error;
pub mod pagination;
pub mod rate_limit;
pub mod retry;
pub mod seen;

pub use client::{
    user_agent, Client, RequestBuilder, Response, REQUEST_ID_HEADER, RETRY_COUNT_HEADER,
    RETRY_FOR_HEADER,
};
pub use config::{AuthorizationMode, Config, ConfigBuilder, OrgUrl, ProxyConfig};
pub use credentials::{Bearer, Credentials, Ssws};
pub use error::{ConfigError, Error, Result};
pub use pagination::{FollowMode, Page, PageStream};
pub use rate_limit::{RateLimit, ThrottlePolicy};
pub use retry::RetryPolicy;

/// The HTTP types used in the SDK's public API.
pub use http;
/// The secret types used in the SDK's public API.
pub use secrecy;
/// The URL type used in the SDK's public API.
pub use url;
