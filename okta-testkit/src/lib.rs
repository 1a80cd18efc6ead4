//! A local, stateful fake Okta org for testing code that talks to Okta.
//!
//! [`FakeOrg::start`] runs an HTTP server on `127.0.0.1` that answers a useful part of the
//! Okta Management API the way Okta does: users (create, get, update, lifecycle, delete,
//! list with `q` / `search` / `filter` and `Link` pagination), groups and memberships,
//! Okta-shaped error bodies, `X-Okta-Request-Id`, `X-Rate-Limit-*` headers and 429s.
//! A test can then make it misbehave: rate limits per bucket, a concurrency limit, and
//! queued [faults](Fault) (error statuses, delays, TCP resets, truncated bodies, duplicated
//! headers). Every request is recorded ([`FakeOrg::requests`]).
//!
//! Every `/api/...` request must carry `Authorization: SSWS {token}`, the token being
//! [`FakeOrg::api_token`].
//!
//! # Endpoints
//!
//! - `GET /api/v1/users` (`limit`, `after`, `q`, `search`, `filter`; without `search` or
//!   `filter`, deprovisioned users are left out, like Okta does), `POST /api/v1/users?activate=`
//! - `GET|POST|PUT|DELETE /api/v1/users/{idOrLogin}` (`POST` merges the profile, `PUT`
//!   replaces it, `DELETE` deactivates, then deletes)
//! - `POST /api/v1/users/{id}/lifecycle/{activate|deactivate|suspend|unsuspend}`
//! - `GET /api/v1/users/{id}/groups`
//! - `GET|POST /api/v1/groups`, `GET|PUT|DELETE /api/v1/groups/{id}`
//! - `GET /api/v1/groups/{id}/users`, `PUT|DELETE /api/v1/groups/{id}/users/{userId}`
//!
//! Lists are pages in creation order with `Link: <...>; rel="self"` and, when more follow,
//! `Link: <...>; rel="next"`. `search` and `filter` take a subset of Okta's expressions
//! (`eq`, `ne`, `sw`, `co`, `gt`, `ge`, `lt`, `le`, `pr`, `and`, `or`, parentheses).
//!
//! The `fake-okta` binary runs an org from the command line (`fake-okta --help`).
//!
//! ```
//! use okta_testkit::FakeOrg;
//! use serde_json::{json, Value};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let org = FakeOrg::start().await?;
//! let id = org.create_user(json!({
//!     "firstName": "Ada",
//!     "lastName": "Lovelace",
//!     "email": "ada@example.com",
//!     "login": "ada@example.com",
//! }));
//!
//! let user: Value = reqwest::Client::new()
//!     .get(format!("{}/api/v1/users/{id}", org.url()))
//!     .header("Authorization", format!("SSWS {}", org.api_token()))
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(user["profile"]["login"], "ada@example.com");
//! assert_eq!(org.requests().len(), 1);
//! org.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod clock;
mod config;
mod errors;
mod faults;
mod filter;
mod ids;
mod log;
mod org;
mod pagination;
mod pipeline;
mod rate_limit;
mod representation;
mod routes;
mod server;
mod state;
mod store;

pub use config::FakeOrgConfig;
pub use faults::{Fault, FaultKind};
pub use log::RecordedRequest;
pub use org::FakeOrg;
