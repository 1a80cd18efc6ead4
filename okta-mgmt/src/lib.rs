//! The Okta Management API, hook receivers and SCIM 2.0 for the Okta Rust SDK.
//!
//! The typed Management API starts with users and groups: [`Okta`] is the entry point,
//! [`Okta::users`] ([`Users`]: list with `q` / `search` / `filter` and lazy pagination,
//! get, create, partial update, replace, delete, lifecycle, a user's groups) and
//! [`Okta::groups`] ([`Groups`]: list, get, create, replace, delete, members). The models
//! keep working when Okta changes: unknown fields and custom profile attributes are kept and
//! written back, unknown enum values decode to `Unknown`, and [`Field`] tells "leave
//! unchanged", "set to null" and "set to value" apart in partial updates.
//!
//! [`Okta::authorization_servers`] ([`AuthorizationServers`]) covers custom authorization
//! servers with their scopes, claims, policies, policy rules and signing keys (list, rotate).
//! [`Okta::policies`] ([`Policies`]) covers policies of every type with their rules, resource
//! mappings, cloning and simulation. [`Policy`] and [`PolicyRule`] are polymorphic by `type`:
//! a typed struct per documented type (global session, password, authenticator enrollment,
//! app sign-in, profile enrollment, identity provider discovery) and a generic variant that
//! keeps any other type, or a record that does not fit its typed struct, whole and writes it
//! back exactly.
//!
//! Every other endpoint is reachable through [`Okta::request`] (the raw request builder of
//! [`okta_core::Client`], re-exported as `core`) with the SDK's authentication, retries,
//! rate limiting and pagination. Errors are [`okta_core::Error`].
//!
//! SCIM 2.0 is here too (features `scim`, `scim-server`, `sqlite`): the resource and message
//! types, the complete filter language with an evaluator, PATCH with Okta's shapes, and a
//! server Okta can provision. The hook receivers are not implemented yet.
//!
//! | feature | enables | status |
//! |---|---|---|
//! | `oauth` | [`oauth`]: okta-auth's OAuth 2.0 client and `ServiceAppCredentials` (private_key_jwt + DPoP) for [`Okta`] | implemented |
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

/// OAuth 2.0 for the Management API: service-app credentials (`private_key_jwt` + DPoP).
#[cfg(feature = "oauth")]
#[cfg_attr(docsrs, doc(cfg(feature = "oauth")))]
pub use okta_auth::oauth;

pub mod authorization_servers;
pub mod groups;
mod list;
mod management;
pub mod model;
pub mod policies;
pub mod users;

pub use authorization_servers::{
    AuthorizationServer, AuthorizationServerClaims, AuthorizationServerKey,
    AuthorizationServerKeys, AuthorizationServerPolicies, AuthorizationServerPolicy,
    AuthorizationServerPolicyRule, AuthorizationServerRuleConditions, AuthorizationServerRules,
    AuthorizationServerScopes, AuthorizationServers, ClaimType, ClaimValueType, GroupFilterType,
    IssuerMode, KeyRotation, KeyStatus, KeyUse, ListAuthorizationServers, ListOAuth2Scopes,
    OAuth2Claim, OAuth2Scope, ScopeConsent, TokenActions,
};
pub use groups::{Group, GroupProfile, GroupType, Groups, ListGroups};
pub use list::List;
pub use management::Okta;
pub use model::{Field, Links};
pub use policies::{
    AccessAction, AccessPolicy, AccessPolicyRule, AuthenticatorEnrollment,
    AuthenticatorEnrollmentPolicy, AuthenticatorEnrollmentPolicyRule, CreatePolicy,
    CreatePolicyRule, GenericPolicy, GenericPolicyRule, GetPolicy, IdpDiscoveryPolicy,
    IdpDiscoveryPolicyRule, IncludeExclude, LifecycleStatus, ListPolicies, ListPolicyRules,
    OktaSignOnPolicy, PasswordPolicy, PasswordPolicyRule, PasswordPolicySettings,
    PasswordRuleActions, PeopleCondition, Policies, Policy, PolicyConditions, PolicyContext,
    PolicyMapping, PolicyMappingRequest, PolicyRule, PolicyRuleType, PolicySimulation,
    PolicySimulationResult, PolicyType, ProfileEnrollmentPolicy, ProfileEnrollmentPolicyRule,
    RuleAccess, SignOnPolicyRule, SimulatePolicies,
};
pub use users::{
    CreateUser, ListUsers, User, UserActivationToken, UserProfile, UserProfileUpdate, UserStatus,
    UserTypeRef, Users,
};

#[cfg(feature = "scim")]
#[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
pub mod scim;
