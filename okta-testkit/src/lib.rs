//! A local, stateful fake Okta org for testing code that talks to Okta.
//!
//! [`FakeOrg::start`] runs an HTTP server on `127.0.0.1` that answers a useful part of the
//! Okta Management API the way Okta does: users (create, get, update, lifecycle, delete,
//! list with `q` / `search` / `filter` and `Link` pagination), groups and memberships,
//! Okta-shaped error bodies, `X-Okta-Request-Id`, `X-Rate-Limit-*` headers and 429s; and,
//! kept as the JSON objects posted, apps with user and group assignments, network zones,
//! trusted origins, event hooks, group rules and authorization servers, with a System Log
//! of what happened.
//! A test can then make it misbehave: rate limits per bucket, a concurrency limit, and
//! queued [faults](Fault) (error statuses, delays, TCP resets, truncated bodies, duplicated
//! headers). Every request is recorded ([`FakeOrg::requests`]).
//!
//! Every `/api/...` request must carry `Authorization: SSWS {token}`, the token being
//! [`FakeOrg::api_token`], or an access token of the org authorization server (see
//! [below](#authorization-servers)).
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
//! - `GET|POST /api/v1/groups/rules`, `GET|PUT|DELETE /api/v1/groups/rules/{id}` (`DELETE`
//!   answers `202`), `POST .../lifecycle/{activate|deactivate}` (`204`): rules are created
//!   `INACTIVE`, only an `INACTIVE` rule can be replaced, and none is evaluated
//! - `GET|POST /api/v1/apps?activate=`, `GET|PUT|DELETE /api/v1/apps/{id}` (an `ACTIVE` app
//!   is not deleted: `403 E0000056`), `POST .../lifecycle/{activate|deactivate}`; an app keeps
//!   what its `signOnMode` posted (`settings`, `credentials`...), and `OPENID_CONNECT` apps
//!   get a `client_id` (and a `client_secret` for `client_secret_*` methods)
//! - `GET|POST /api/v1/apps/{id}/users`, `GET|POST|DELETE /api/v1/apps/{id}/users/{userId}`;
//!   `GET /api/v1/apps/{id}/groups`, `GET|PUT|PATCH|DELETE /api/v1/apps/{id}/groups/{groupId}`
//!   (`PATCH`: a JSON Patch of `/priority` and `/profile`)
//! - `GET /api/v1/logs`: the System Log of the org's own actions (users created, updated,
//!   (de)activated, suspended, deleted; groups created, changed, deleted; memberships; apps
//!   and their user and group assignments) as `LogEvent`s, with `since`, `until`,
//!   `filter` (`eventType eq "..."`, `target.id eq "..."`...), `q`, `limit` (1-1000, 100 by
//!   default), `sortOrder` and `after`. A polling query (no `until`, ascending) always
//!   answers a `next` link, even on an empty page, like Okta; a bounded one ends.
//!   [`FakeOrg::log_events`] reads the same events
//! - `GET|POST /api/v1/zones`, `GET|PUT|DELETE /api/v1/zones/{id}`,
//!   `POST .../lifecycle/{activate|deactivate}` (network zones, kept as posted)
//! - `GET|POST /api/v1/trustedOrigins`, `GET|PUT|DELETE /api/v1/trustedOrigins/{id}`,
//!   `POST .../lifecycle/{activate|deactivate}` (origins are unique)
//! - `GET|POST /api/v1/eventHooks`, `GET|PUT|DELETE /api/v1/eventHooks/{id}`,
//!   `POST .../lifecycle/{activate|deactivate|verify}`: the org calls no hook, so `verify`
//!   answers `400 E0000001` and the hook stays `UNVERIFIED`; the `authScheme` secret is never
//!   shown, and only an `INACTIVE` hook can be deleted
//! - `GET|POST /api/v1/authorizationServers` (`POST` answers `201`),
//!   `GET|PUT|DELETE /api/v1/authorizationServers/{id}`, `POST .../lifecycle/{activate|deactivate}`
//!   (`204`), and their `/scopes` and `/claims` (list, `201` create, get, replace, delete).
//!   The server `default` exists from the start; servers created here are configuration only
//!   (no `/oauth2/{id}/...` endpoints), each with Okta's system scopes (`openid`, `profile`...)
//!
//! Lists are pages in creation order with `Link: <...>; rel="self"` and, when more follow,
//! `Link: <...>; rel="next"`. `search` and `filter` take a subset of Okta's expressions
//! (`eq`, `ne`, `sw`, `co`, `gt`, `ge`, `lt`, `le`, `pr`, `and`, `or`, parentheses).
//!
//! The `fake-okta` binary runs an org from the command line (`fake-okta --help`);
//! `--public-url` (or [`FakeOrgConfig::public_url`]) makes its links name a proxy in front of
//! it, such as the Prism validating proxy of `tools/prism`.
//!
//! # Authorization servers
//!
//! Each org has two authorization servers, each with its own keys: the org server
//! (`"org"`: issuer `{url}`, endpoints `/oauth2/v1/...`, metadata at
//! `/.well-known/openid-configuration` and `/.well-known/oauth-authorization-server`) and the
//! custom server `"default"` (issuer `{url}/oauth2/default`, endpoints
//! `/oauth2/default/v1/...`, metadata at `/oauth2/default/.well-known/openid-configuration`
//! and `/.well-known/oauth-authorization-server/oauth2/default`). Another id under
//! `/oauth2/{id}/...` is `404 E0000007`. These endpoints need no SSWS token, and rate limits,
//! faults and the request log apply to them like to the rest.
//!
//! - `GET .../v1/keys`: the published keys, an RS256 and an ES256 key per key generation,
//!   with `Cache-Control: max-age` ([`FakeOrgConfig::jwks_max_age`]). Tokens are signed
//!   RS256; [`FakeOrg::rotate_keys`] and [`FakeOrg::retire_old_keys`] rotate the keys.
//! - `POST .../v1/token`: the `client_credentials` grant for clients made with
//!   [`FakeOrg::create_oauth_client`], authenticated with `client_secret_basic`,
//!   `client_secret_post` or `private_key_jwt` (RS256 / ES256 assertions: `iss` = `sub` =
//!   client id, `aud` the endpoint URL, `exp` at most an hour after `iat`, a fresh `jti`;
//!   60 s of clock skew). The org server grants only `okta.*` scopes; both grant only the
//!   client's allowed scopes, and a request must name at least one. Access tokens carry
//!   Okta's claims (`ver`, `jti` `AT....`, `iss`, `aud` = the org URL or `api://default`,
//!   `iat`, `exp`, `cid`, `scp`, `sub` = the client id) and live
//!   [`FakeOrgConfig::access_token_lifetime`]. Errors are RFC 6749 bodies
//!   (`{"error","error_description"}`): `401 invalid_client`, `400 invalid_request`,
//!   `invalid_scope`, `unsupported_grant_type`, `invalid_dpop_proof`, `use_dpop_nonce`.
//! - DPoP (RFC 9449) at the token endpoint: a request with a `DPoP` proof (or from a
//!   client made with `require_dpop`) gets a DPoP-bound token (`token_type` `DPoP`, claim
//!   `cnf.jkt`). A proof without a nonce the server issued is answered `400 use_dpop_nonce`
//!   with a fresh `DPoP-Nonce` (the last 16 nonces of each server stay valid); a client
//!   assertion is not used up by that answer, so it may be sent again with the retry. A
//!   malformed, badly signed, stale (`iat` more than 60 s away), misdirected (`htm`, `htu`)
//!   or replayed (`jti`) proof is `400 invalid_dpop_proof`, and so is a missing proof from
//!   a client that requires DPoP.
//! - `POST .../v1/introspect` (client authentication as at the token endpoint; a client
//!   assertion's `aud` may be this endpoint or the token endpoint): `{"active":true,...}`
//!   for an unexpired, unrevoked token this server signed with a published key, else
//!   `{"active":false}`. `token_type_hint` is ignored.
//! - `POST .../v1/revoke` (client authentication): revokes an access token of this server
//!   issued to the calling client; answers `200` with an empty body in every case.
//!
//! The Management API accepts `Authorization: Bearer {token}` with an unbound access token
//! of the org server whose `aud` is the org URL, and `Authorization: DPoP {token}` with a
//! bound one and a `DPoP` proof (`htm` the method, `htu` the URL without query, `ath`, the
//! token's key, a nonce of the org server: without one the answer is `401` with
//! `WWW-Authenticate: DPoP error="use_dpop_nonce"` and `DPoP-Nonce`). Reading users needs
//! `okta.users.read` or `okta.users.manage`, changing them `okta.users.manage` (the same
//! for groups; other paths need no particular scope); a missing scope is `403 E0000006` with
//! `WWW-Authenticate: {Bearer|DPoP} ..., error="insufficient_scope"`. A bad, expired,
//! revoked or foreign token or a bad proof is `401 E0000011` with a `WWW-Authenticate`
//! challenge (`error="invalid_token"` or `"invalid_dpop_proof"`).
//!
//! Not implemented: the `authorize`, `userinfo` and `logout` endpoints (listed in the
//! metadata, answered `404`), other grants (authorization code, refresh token), ID tokens,
//! refresh tokens, PKCE, and custom servers other than `default`.
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
mod documents;
mod errors;
mod faults;
mod filter;
mod ids;
mod log;
mod oauth;
mod org;
mod pagination;
mod pipeline;
mod rate_limit;
mod representation;
mod routes;
mod server;
mod state;
mod store;
mod system_log;

pub use config::FakeOrgConfig;
pub use faults::{Fault, FaultKind};
pub use log::RecordedRequest;
pub use oauth::client::{ClientAuth, OAuthClient, OAuthClientSpec};
pub use org::FakeOrg;
