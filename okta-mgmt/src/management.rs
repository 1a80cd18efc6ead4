//! [`Okta`]: the entry point of the typed Management API.

use okta_core::http::Method;
use okta_core::{Client, RequestBuilder};

use crate::authorization_servers::AuthorizationServers;
use crate::groups::Groups;
use crate::policies::Policies;
use crate::users::Users;

/// The typed Okta Management API over an [`okta_core::Client`].
///
/// ```no_run
/// # async fn run() -> Result<(), okta_mgmt::core::Error> {
/// use okta_mgmt::core::{Client, Config};
/// use okta_mgmt::Okta;
///
/// let okta = Okta::new(Client::new(Config::from_env()?)?);
/// let user = okta.users().get("ada@example.com").await?;
/// println!("{} is {}", user.profile.login, user.status);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Okta {
    client: Client,
}

impl Okta {
    /// The Management API over `client`.
    pub fn new(client: Client) -> Self {
        Okta { client }
    }

    /// The underlying client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The user endpoints (`/api/v1/users`).
    pub fn users(&self) -> Users<'_> {
        Users::new(&self.client)
    }

    /// The group endpoints (`/api/v1/groups`).
    pub fn groups(&self) -> Groups<'_> {
        Groups::new(&self.client)
    }

    /// The custom authorization server endpoints (`/api/v1/authorizationServers`), with their
    /// scopes, claims, policies, rules and keys as sub-areas.
    pub fn authorization_servers(&self) -> AuthorizationServers<'_> {
        AuthorizationServers::new(&self.client)
    }

    /// The policy endpoints (`/api/v1/policies`): policies of every type, their rules,
    /// resource mappings and simulation.
    pub fn policies(&self) -> Policies<'_> {
        Policies::new(&self.client)
    }

    /// A raw request to any endpoint, for what the typed API does not cover yet. It has the
    /// same authentication, retries, rate limiting and pagination
    /// ([`RequestBuilder::stream`]) as the typed calls.
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use okta_mgmt::core::http::Method;
    ///
    /// let apps: Vec<serde_json::Value> =
    ///     okta.request(Method::GET, "/api/v1/apps").query("limit", "20").send().await?.json()?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, path)
    }
}

impl From<Client> for Okta {
    fn from(client: Client) -> Self {
        Okta::new(client)
    }
}
