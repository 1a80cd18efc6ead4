//! [`FakeOrg`], the handle a test holds.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::clock::now_millis;
use crate::config::FakeOrgConfig;
use crate::faults::Fault;
use crate::log::RecordedRequest;
use crate::oauth::client::{OAuthClient, OAuthClientSpec};
use crate::routes;
use crate::server;
use crate::state::OrgState;
use crate::store::NewUser;

/// A running fake Okta org: an HTTP server on 127.0.0.1 with its own users and groups.
///
/// Dropping it stops the server (its tasks are aborted); [`FakeOrg::shutdown`] also waits
/// for them to end.
pub struct FakeOrg {
    state: Arc<OrgState>,
    addr: SocketAddr,
    server: JoinHandle<()>,
}

impl FakeOrg {
    /// Starts an org with [`FakeOrgConfig::default`]. Must be called within a Tokio runtime.
    pub async fn start() -> std::io::Result<FakeOrg> {
        Self::start_with(FakeOrgConfig::default()).await
    }

    /// Starts an org with the given settings. Must be called within a Tokio runtime.
    pub async fn start_with(config: FakeOrgConfig) -> std::io::Result<FakeOrg> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let addr = listener.local_addr()?;
        let base_url = match config.public_url.as_deref() {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://127.0.0.1:{}", addr.port()),
        };
        let state = Arc::new(OrgState::new(&config, base_url));
        let app = routes::router(Arc::clone(&state));
        let server = tokio::spawn(server::accept_loop(listener, app));
        Ok(FakeOrg {
            state,
            addr,
            server,
        })
    }

    /// The org's base URL, `http://127.0.0.1:{port}` (or [`FakeOrgConfig::public_url`]),
    /// without a trailing slash.
    pub fn url(&self) -> String {
        self.state.base_url.clone()
    }

    /// The address the org listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The token the org accepts in `Authorization: SSWS {token}`.
    pub fn api_token(&self) -> &str {
        &self.state.api_token
    }

    /// Gives every rate-limit bucket without a budget of its own a budget of `limit`
    /// requests per `window` (whole seconds, at least 1), and restarts all counts.
    pub fn set_rate_limit(&self, limit: u32, window: Duration) {
        self.state.limiter().set_default(limit, window);
    }

    /// Gives one bucket, like `"GET /api/v1/users"` or `"GET /api/v1/users/{id}"`, a budget
    /// of `limit` requests per `window`, and restarts its count.
    pub fn set_bucket_rate_limit(&self, bucket: &str, limit: u32, window: Duration) {
        self.state.limiter().set_bucket(bucket, limit, window);
    }

    /// Removes every rate limit: requests are unlimited and answers carry no
    /// `X-Rate-Limit-*` headers.
    pub fn clear_rate_limits(&self) {
        self.state.limiter().clear();
    }

    /// Sets how many requests may be handled at once; those above are answered with
    /// Okta's concurrent-limit 429. `None` removes the limit.
    pub fn set_concurrency_limit(&self, max_in_flight: Option<usize>) {
        self.state.concurrency.set_limit(max_in_flight);
    }

    /// Queues a fault. The first queued fault that matches a request's method and path
    /// prefix fires on it and counts down.
    pub fn inject(&self, fault: Fault) {
        self.state.faults.push(fault);
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.log.snapshot()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.state.log.clear();
    }

    /// Creates `n` active users quickly and returns their ids, in creation order.
    ///
    /// User `i` has the profile `firstName` "User", `lastName` "{i}" and login and email
    /// `user{i}@example.com`; `i` starts at 1 and goes on across calls (skipping logins
    /// already taken).
    pub fn seed_users(&self, n: usize) -> Vec<String> {
        self.state.store().seed_users(n, now_millis())
    }

    /// Creates an active user with this profile and returns its id.
    ///
    /// A profile without a `login` gets one (its `email` if any, else a generated
    /// `@example.com` address); a profile that is not a JSON object counts as empty.
    ///
    /// # Panics
    ///
    /// If the login is already taken: a test helper that cannot do what it was asked fails
    /// the test.
    pub fn create_user(&self, profile: Value) -> String {
        let mut profile = match profile {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let has_login = profile
            .get("login")
            .and_then(Value::as_str)
            .is_some_and(|login| !login.trim().is_empty());
        if !has_login {
            let login = match profile.get("email").and_then(Value::as_str) {
                Some(email) if !email.trim().is_empty() => email.to_owned(),
                _ => format!("user-{}@example.com", crate::ids::token(12).to_lowercase()),
            };
            profile.insert("login".to_owned(), Value::String(login));
        }
        let new = NewUser {
            profile,
            ..NewUser::default()
        };
        match self.state.store().create_user(new, true, now_millis()) {
            Ok(user) => user.id.clone(),
            Err(error) => panic!("FakeOrg::create_user: {}", error.body()),
        }
    }

    /// Creates a group with this name (and no description) and returns its id.
    ///
    /// # Panics
    ///
    /// If the name is blank or already taken.
    pub fn create_group(&self, name: &str) -> String {
        let mut profile = Map::new();
        profile.insert("name".to_owned(), Value::from(name));
        profile.insert("description".to_owned(), Value::Null);
        match self.state.store().create_group(profile, now_millis()) {
            Ok(group) => group.id.clone(),
            Err(error) => panic!("FakeOrg::create_group: {}", error.body()),
        }
    }

    /// Every System Log event the org recorded (`LogEvent` objects), oldest first: what
    /// `GET /api/v1/logs` reads.
    pub fn log_events(&self) -> Vec<Value> {
        self.state.store().log.events()
    }

    /// The number of users, whatever their status.
    pub fn user_count(&self) -> usize {
        self.state.store().user_count()
    }

    /// The issuer of an authorization server: the org URL for `"org"` (the org authorization
    /// server), `{url}/oauth2/{server}` for a custom one such as `"default"`.
    pub fn issuer(&self, server: &str) -> String {
        self.state.oauth.issuer(server)
    }

    /// The token endpoint of an authorization server: `{url}/oauth2/v1/token` for `"org"`,
    /// `{url}/oauth2/{server}/v1/token` otherwise. It is also the `aud` client assertions
    /// must name and the `htu` of DPoP proofs sent to it.
    pub fn token_endpoint(&self, server: &str) -> String {
        self.state.oauth.endpoint(server, "token")
    }

    /// The key set an authorization server publishes at `.../v1/keys`, `{"keys":[...]}`:
    /// an RS256 and an ES256 key per key generation, the current generation first.
    ///
    /// # Panics
    ///
    /// If `server` is neither `"org"` nor `"default"`.
    pub fn jwks(&self, server: &str) -> Value {
        self.state
            .oauth
            .jwks(server)
            .unwrap_or_else(|| unknown_server("jwks", server))
    }

    /// Gives an authorization server new RS256 and ES256 keys (with new random `kid`s) and
    /// signs with them from now on. The previous keys stay published, and tokens they
    /// signed stay valid, until [`FakeOrg::retire_old_keys`].
    ///
    /// # Panics
    ///
    /// If `server` is neither `"org"` nor `"default"`.
    pub fn rotate_keys(&self, server: &str) {
        if !self.state.oauth.rotate(server) {
            unknown_server("rotate_keys", server);
        }
    }

    /// Stops publishing every key of an authorization server but the current ones; tokens
    /// signed with the retired keys are no longer accepted.
    ///
    /// # Panics
    ///
    /// If `server` is neither `"org"` nor `"default"`.
    pub fn retire_old_keys(&self, server: &str) {
        if !self.state.oauth.retire(server) {
            unknown_server("retire_old_keys", server);
        }
    }

    /// Registers an OAuth 2.0 client (a service app) with both authorization servers.
    ///
    /// ```
    /// use okta_testkit::{ClientAuth, FakeOrg, OAuthClientSpec};
    /// use serde_json::Value;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let org = FakeOrg::start().await?;
    /// let client = org.create_oauth_client(
    ///     OAuthClientSpec::new(ClientAuth::SecretBasic("s3cret".into()))
    ///         .with_scopes(["okta.users.read"]),
    /// );
    /// let http = reqwest::Client::new();
    /// let token: Value = http
    ///     .post(org.token_endpoint("org"))
    ///     .header("Authorization", client.basic_authorization().unwrap_or_default())
    ///     .form(&[("grant_type", "client_credentials"), ("scope", "okta.users.read")])
    ///     .send()
    ///     .await?
    ///     .json()
    ///     .await?;
    /// assert_eq!(token["token_type"], "Bearer");
    ///
    /// let access_token = token["access_token"].as_str().unwrap_or_default();
    /// let users = http
    ///     .get(format!("{}/api/v1/users", org.url()))
    ///     .bearer_auth(access_token)
    ///     .send()
    ///     .await?;
    /// assert_eq!(users.status(), 200);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If the client id is empty or taken, or a `private_key_jwt` key set is not
    /// `{"keys":[...]}` of public RSA or EC P-256 keys, each with a `kid`.
    pub fn create_oauth_client(&self, spec: OAuthClientSpec) -> OAuthClient {
        match self.state.oauth.add_client(spec) {
            Ok(client) => client,
            Err(problem) => panic!("FakeOrg::create_oauth_client: {problem}"),
        }
    }

    /// Signs `claims` as they are with the current RS256 key of an authorization server
    /// (header `{"kid","alg":"RS256"}`) and returns the compact JWT. Nothing is added:
    /// this makes tokens with exactly the claims a verifier test needs.
    ///
    /// Such a token is accepted wherever the server's own tokens are if its claims are
    /// right: `iss` the issuer, `exp` in the future (and, for the Management API, `aud` the
    /// org URL and `scp` holding the scopes the request needs).
    ///
    /// # Panics
    ///
    /// If `server` is neither `"org"` nor `"default"`.
    pub fn mint_access_token(&self, server: &str, claims: Value) -> String {
        match self.state.oauth.current_keys(server) {
            Some(keys) => keys.sign_rs256(&claims),
            None => unknown_server("mint_access_token", server),
        }
    }

    /// Stops the server and waits until its tasks have ended.
    pub async fn shutdown(mut self) {
        self.server.abort();
        // An aborted task ends with a cancellation error, which is what we asked for.
        let _ = (&mut self.server).await;
    }
}

/// Fails a test that named an authorization server the org does not have.
fn unknown_server(method: &str, server: &str) -> ! {
    panic!("FakeOrg::{method}: unknown authorization server {server:?} (expected \"org\" or \"default\")")
}

impl fmt::Debug for FakeOrg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The users and groups are left out: an org may hold a hundred thousand of them.
        f.debug_struct("FakeOrg")
            .field("url", &self.state.base_url)
            .field("users", &self.user_count())
            .finish_non_exhaustive()
    }
}

impl Drop for FakeOrg {
    fn drop(&mut self) {
        self.server.abort();
    }
}
