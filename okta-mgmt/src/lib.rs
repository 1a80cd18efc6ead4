//! The Okta Management API, hook receivers and SCIM 2.0 for the Okta Rust SDK.
//!
//! The typed Management API: [`Okta`] is the entry point, one accessor per area, one method
//! per Okta operation (each carries Okta's operationId as a doc alias, so searching these docs
//! for `listUsers` or `activateFactor` finds it).
//!
//! | accessor | Okta API |
//! |---|---|
//! | [`Okta::users`] ([`Users`]) | users: list with `q` / `search` / `filter` and lazy pagination, CRUD, lifecycle, unlock, factor reset, passwords and recovery questions, a user's groups, app links, clients, devices and blocks |
//! | [`Okta::groups`], [`Okta::group_rules`], [`Okta::group_owners`] | groups and members, group rules, group owners |
//! | [`Okta::factors`] ([`Factors`]) | a user's factors by `factorType` ([`UserFactor`]): enrollment, activation, verification, transactions, YubiKey OTP tokens |
//! | [`Okta::apps`] ([`Apps`]) | applications by `signOnMode` ([`Application`]), lifecycle, user and group assignments |
//! | [`Okta::authorization_servers`] | custom authorization servers with their scopes, claims, policies, rules and keys |
//! | [`Okta::policies`] ([`Policies`]) | policies by `type` ([`Policy`]) and their rules ([`PolicyRule`]), mappings, simulation |
//! | [`Okta::identity_providers`], [`Okta::network_zones`], [`Okta::trusted_origins`] | IdPs, network zones by `type`, trusted origins |
//! | [`Okta::event_hooks`], [`Okta::inline_hooks`], [`Okta::hook_keys`] | event and inline hooks (secrets as `SecretString`, never in `Debug`), hook keys |
//! | [`Okta::logs`] ([`Logs`]) | the System Log: a bounded query that ends, and a polling tail that resumes from a [`LogCursor`] |
//! | [`Okta::schemas`] ([`Schemas`]) | user, group and app-user profile schemas, log stream schemas |
//!
//! The models keep working when Okta changes: unknown fields and custom profile attributes are
//! kept and written back, unknown enum values decode to `Unknown`, polymorphic resources
//! (applications, policies, policy rules, factors, network zones, inline hook channels) decode
//! to their typed variant or to a generic one that keeps everything, so one odd record never
//! fails a page, and [`Field`] tells "leave unchanged", "set to null" and "set to value" apart
//! in partial updates. Every other endpoint is reachable through [`Okta::request`] (the raw
//! request builder of [`okta_core::Client`], re-exported as `core`) with the SDK's
//! authentication, retries, rate limiting and pagination. Errors are [`okta_core::Error`].
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

pub mod apps;
pub mod authorization_servers;
pub mod credentials;
pub mod event_hooks;
pub mod factors;
pub mod group_owners;
pub mod group_rules;
pub mod groups;
pub mod hook_keys;
pub mod idps;
pub mod inline_hooks;
mod list;
pub mod logs;
mod management;
pub mod model;
pub mod network_zones;
pub mod policies;
mod poly;
pub mod schemas;
pub mod trusted_origins;
pub mod user_resources;
pub mod users;

pub use apps::{Application, Apps, SignOnMode};
pub use authorization_servers::{
    AuthorizationServer, AuthorizationServerClaims, AuthorizationServerKey,
    AuthorizationServerKeys, AuthorizationServerPolicies, AuthorizationServerPolicy,
    AuthorizationServerPolicyRule, AuthorizationServerRuleConditions, AuthorizationServerRules,
    AuthorizationServerScopes, AuthorizationServers, ClaimType, ClaimValueType, GroupFilterType,
    IssuerMode, KeyRotation, KeyStatus, KeyUse, ListAuthorizationServers, ListOAuth2Scopes,
    OAuth2Claim, OAuth2Scope, ScopeConsent, TokenActions,
};
pub use credentials::{
    AuthenticationProvider, AuthenticationProviderType, ChangePassword, RecoveryQuestion,
    ResetPasswordToken, TempPassword, UserCredentials,
};
pub use event_hooks::{
    EventHook, EventHookChannel, EventHookChannelConfig, EventHookChannelType,
    EventHookVerificationStatus, EventHooks, EventSubscriptionType, EventSubscriptions,
    HookAuthScheme, HookAuthSchemeType, HookHeader, HookStatus, ListEventHooks,
};
pub use factors::{
    EnrollFactor, FactorActivation, FactorEnrollment, FactorOf, FactorProvider, FactorResult,
    FactorStatus, FactorTransaction, FactorType, Factors, GenericFactor, ListFactors,
    ListYubikeyTokens, SecurityQuestion, SupportedFactor, UserFactor, VerifyFactor,
    YubikeyOtpToken, YubikeyTokenSeed, YubikeyTokenStatus,
};
pub use group_owners::{GroupOwner, GroupOwnerOriginType, GroupOwnerType, GroupOwners};
pub use group_rules::{GroupRule, GroupRuleStatus, GroupRules, ListGroupRules};
pub use groups::{Group, GroupProfile, GroupType, Groups, ListGroups};
pub use hook_keys::{HookKey, HookKeys, HookPublicKey, ListHookKeys};
pub use idps::{IdentityProvider, IdentityProviderType, IdentityProviders};
pub use inline_hooks::{
    HttpChannel, HttpChannelConfig, InlineHook, InlineHookChannel, InlineHookChannelType,
    InlineHookCommand, InlineHookResponse, InlineHookType, InlineHookUpdate, InlineHooks,
    ListInlineHooks, OAuthChannel, OAuthChannelConfig, OAuthClientAuth, OtherChannel,
};
pub use list::List;
pub use logs::{
    LogActor, LogAuthenticationContext, LogAuthenticationProvider, LogClient,
    LogCredentialProvider, LogCredentialType, LogCursor, LogDebugContext, LogEvent,
    LogGeographicalContext, LogGeolocation, LogIpAddress, LogIssuer, LogOutcome, LogOutcomeResult,
    LogQuery, LogRequest, LogSecurityContext, LogSeverity, LogSortOrder, LogTail, LogTarget,
    LogTransaction, LogUserAgent, Logs, ReplayFilter,
};
pub use management::Okta;
pub use model::{Field, Links};
pub use network_zones::{NetworkZone, NetworkZones};
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
pub use schemas::{
    GroupSchema, LogStreamSchema, LogStreamType, ProfileSchema, SchemaAttribute,
    SchemaAttributeMutability, SchemaAttributeScope, SchemaAttributeType, SchemaUpdate, Schemas,
    UserSchema,
};
pub use trusted_origins::{TrustedOrigin, TrustedOrigins};
pub use user_resources::{AppLink, UserBlock, UserClient, UserDevice};
pub use users::{
    CreateUser, ListUsers, User, UserActivationToken, UserProfile, UserProfileUpdate, UserStatus,
    UserTypeRef, Users,
};

#[cfg(feature = "scim")]
#[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
pub mod scim;
