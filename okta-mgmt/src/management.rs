//! [`Okta`]: the entry point of the typed Management API.

use okta_core::http::Method;
use okta_core::{Client, RequestBuilder};

use crate::apps::Apps;
use crate::authorization_servers::AuthorizationServers;
use crate::event_hooks::EventHooks;
use crate::factors::Factors;
use crate::group_owners::GroupOwners;
use crate::group_rules::GroupRules;
use crate::groups::Groups;
use crate::hook_keys::HookKeys;
use crate::idps::IdentityProviders;
use crate::inline_hooks::InlineHooks;
use crate::logs::Logs;
use crate::network_zones::NetworkZones;
use crate::policies::Policies;
use crate::schemas::Schemas;
use crate::trusted_origins::TrustedOrigins;
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

    /// The event hook endpoints (`/api/v1/eventHooks`).
    pub fn event_hooks(&self) -> EventHooks<'_> {
        EventHooks::new(&self.client)
    }

    /// The inline hook endpoints (`/api/v1/inlineHooks`).
    pub fn inline_hooks(&self) -> InlineHooks<'_> {
        InlineHooks::new(&self.client)
    }

    /// The hook key endpoints (`/api/v1/hook-keys`).
    pub fn hook_keys(&self) -> HookKeys<'_> {
        HookKeys::new(&self.client)
    }

    /// The System Log (`/api/v1/logs`): bounded queries and an endless tail.
    pub fn logs(&self) -> Logs<'_> {
        Logs::new(&self.client)
    }

    /// The factor endpoints (`/api/v1/users/{userId}/factors` and the org's YubiKey OTP
    /// tokens).
    pub fn factors(&self) -> Factors<'_> {
        Factors::new(&self.client)
    }

    /// The group rule endpoints (`/api/v1/groups/rules`).
    pub fn group_rules(&self) -> GroupRules<'_> {
        GroupRules::new(&self.client)
    }

    /// The group owner endpoints (`/api/v1/groups/{groupId}/owners`).
    pub fn group_owners(&self) -> GroupOwners<'_> {
        GroupOwners::new(&self.client)
    }

    /// The profile and log stream schema endpoints (`/api/v1/meta/schemas`).
    pub fn schemas(&self) -> Schemas<'_> {
        Schemas::new(&self.client)
    }

    /// The application endpoints (`/api/v1/apps`): apps of every sign-on mode, their
    /// lifecycle, and user and group assignments.
    pub fn apps(&self) -> Apps<'_> {
        Apps::new(&self.client)
    }

    /// The identity provider endpoints (`/api/v1/idps`).
    pub fn identity_providers(&self) -> IdentityProviders<'_> {
        IdentityProviders::new(&self.client)
    }

    /// The network zone endpoints (`/api/v1/zones`).
    pub fn network_zones(&self) -> NetworkZones<'_> {
        NetworkZones::new(&self.client)
    }

    /// The trusted origin endpoints (`/api/v1/trustedOrigins`).
    pub fn trusted_origins(&self) -> TrustedOrigins<'_> {
        TrustedOrigins::new(&self.client)
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
