//! A SCIM 2.0 server Okta can provision (feature `scim-server`).
//!
//! [`ScimServer::router`] is an axum router for `/Users`, `/Groups`, `/ServiceProviderConfig`,
//! `/ResourceTypes`, `/Schemas` and `/.search`, over a [`ScimStore`]. Nest it where the SCIM
//! base URL should be:
//!
//! ```no_run
//! use okta_mgmt::scim::server::{BearerToken, MemoryStore, ScimServer};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let scim = ScimServer::new(MemoryStore::new(), BearerToken::new("s3cret-token"))
//!     .base_url("https://app.example.com/scim/v2");
//! let app = axum::Router::new().nest("/scim/v2", scim.router());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```
//!
//! Behaviour worth knowing:
//! - Every request is authenticated by a [`ScimAuth`] (a bearer token compared in constant time
//!   by default); failures are SCIM errors with `status` as a string, as Okta checks.
//! - `userName` is unique, compared case-insensitively: a duplicate is `409 uniqueness`.
//! - Writes are compare-and-swap on a version: a PATCH that races another write is re-read and
//!   re-applied, so no update is lost. Responses carry `ETag: W/"<version>"`, and `If-Match`
//!   is honoured (`412` on mismatch).
//! - `password` is accepted on create and replace but never stored or returned.
//! - Bodies over the configured limit (default 1 MiB) get `413`.

mod routes;
#[cfg(feature = "sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlite")))]
mod sqlite;
mod store;

use std::fmt;
use std::sync::Arc;

use axum::http::HeaderMap;
use okta_core::secrecy::{ExposeSecret, SecretString};

#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;
pub use store::{
    BoxFuture, ListPage, ListQuery, MemoryStore, ResourceKind, ScimStore, StoreError, Stored,
};

/// Decides whether a request may use the SCIM API.
pub trait ScimAuth: Send + Sync + fmt::Debug + 'static {
    /// Whether the request with `headers` is authorized.
    fn authorize(&self, headers: &HeaderMap) -> bool;
}

/// Accepts `Authorization: Bearer <token>` with one fixed token, compared in constant time.
pub struct BearerToken(SecretString);

impl BearerToken {
    /// Accepts `token`.
    pub fn new(token: impl Into<String>) -> Self {
        BearerToken(SecretString::from(token.into()))
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken([redacted])")
    }
}

impl ScimAuth for BearerToken {
    fn authorize(&self, headers: &HeaderMap) -> bool {
        let mut values = headers.get_all(axum::http::header::AUTHORIZATION).iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return false;
        };
        let Some((scheme, token)) = value.to_str().ok().and_then(|v| v.split_once(' ')) else {
            return false;
        };
        scheme.eq_ignore_ascii_case("bearer")
            && aws_lc_rs::constant_time::verify_slices_are_equal(
                token.trim().as_bytes(),
                self.0.expose_secret().as_bytes(),
            )
            .is_ok()
    }
}

/// The SCIM server: a store, an authentication check and settings. Build the axum router
/// with [`ScimServer::router`].
#[derive(Debug)]
pub struct ScimServer {
    settings: Settings,
}

#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) store: Arc<dyn ScimStore>,
    pub(crate) auth: Arc<dyn ScimAuth>,
    pub(crate) registry: crate::scim::schema::SchemaRegistry,
    pub(crate) base_url: String,
    pub(crate) max_body_bytes: usize,
    pub(crate) max_results: u64,
}

impl ScimServer {
    /// A server over `store`, admitting requests that `auth` accepts.
    pub fn new(store: impl ScimStore, auth: impl ScimAuth) -> Self {
        Self::with_shared(Arc::new(store), Arc::new(auth))
    }

    /// Like [`ScimServer::new`] with shared handles.
    pub fn with_shared(store: Arc<dyn ScimStore>, auth: Arc<dyn ScimAuth>) -> Self {
        ScimServer {
            settings: Settings {
                store,
                auth,
                registry: crate::scim::schema::SchemaRegistry::scim_default(),
                base_url: String::new(),
                max_body_bytes: 1024 * 1024,
                max_results: 200,
            },
        }
    }

    fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// The public base URL (e.g. `https://app.example.com/scim/v2`), used in `meta.location`
    /// and `Location` headers. Without it, locations are relative paths.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.settings_mut().base_url = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Largest request body accepted (default 1 MiB); larger ones get `413`.
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.settings_mut().max_body_bytes = n;
        self
    }

    /// The schemas the server describes at `/Schemas` and uses for filters (caseExact),
    /// projection (`returned`) and PATCH (multi-valued, read-only, required attributes);
    /// default [`SchemaRegistry::scim_default`](crate::scim::schema::SchemaRegistry::scim_default).
    /// Register an app's own extension here to make its attributes behave as declared.
    pub fn schema_registry(mut self, registry: crate::scim::schema::SchemaRegistry) -> Self {
        self.settings_mut().registry = registry;
        self
    }

    /// Most resources one list answer holds (default 200), announced in
    /// `/ServiceProviderConfig`.
    pub fn max_results(mut self, n: u64) -> Self {
        self.settings_mut().max_results = n.max(1);
        self
    }

    /// The axum router serving SCIM 2.0 at its root.
    pub fn router(self) -> axum::Router {
        routes::router(Arc::new(self.settings))
    }
}
