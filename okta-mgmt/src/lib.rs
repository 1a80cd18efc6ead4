//! The Okta Management API, hook receivers and SCIM 2.0 for the Okta Rust SDK.
//!
//! The typed Management API: [`Okta`] is the entry point, with
//! [`Okta::users`] ([`Users`]: list with `q` / `search` / `filter` and lazy pagination,
//! get, create, partial update, replace, delete, lifecycle, a user's groups) and
//! [`Okta::groups`] ([`Groups`]: list, get, create, replace, delete, members), then the hooks
//! Okta calls: [`Okta::event_hooks`] ([`EventHooks`]: list, get, create, replace, delete,
//! activate, deactivate, verify), [`Okta::inline_hooks`] ([`InlineHooks`]: list, get, create,
//! partial update, replace, delete, activate, deactivate and a test call; HTTP and OAuth
//! channels as [`InlineHookChannel`]) and
//! [`Okta::hook_keys`] ([`HookKeys`]), and the System Log with [`Okta::logs`] ([`Logs`]: a
//! bounded query and an endless tail that resumes from a [`LogCursor`]). Hook secrets are
//! `SecretString`s that `Debug` never shows. The models
//! The typed Management API covers users, groups and the areas around them: [`Okta`] is the
//! entry point, [`Okta::users`] ([`Users`]: list with `q` / `search` / `filter` and lazy
//! pagination, get, create, partial update, replace, delete, lifecycle, unlock, factor reset,
//! password and recovery question operations, a user's groups, app links, OAuth 2.0 clients,
//! devices and sign-in blocks), [`Okta::groups`] ([`Groups`]: list, get, create, replace,
//! delete, members), [`Okta::group_rules`] ([`GroupRules`]), [`Okta::group_owners`]
//! ([`GroupOwners`]), [`Okta::factors`] ([`Factors`]: a user's factors by `factorType`
//! ([`UserFactor`], where a type this SDK does not know decodes as [`UserFactor::Other`]),
//! enrollment, activation, verification, push transactions, YubiKey OTP tokens) and
//! [`Okta::schemas`] ([`Schemas`]: user, group and app user profile schemas with partial
//! updates, log stream schemas). The models
//! keep working when Okta changes: unknown fields and custom profile attributes are kept and
//! [`Okta::groups`] ([`Groups`]: list, get, create, replace, delete, members), then
//! [`Okta::apps`] ([`Apps`]: applications typed by sign-on mode in [`Application`], their
//! lifecycle, user and group assignments, the apps of a group), [`Okta::identity_providers`]
//! ([`IdentityProviders`]), [`Okta::network_zones`] ([`NetworkZones`]: IP, dynamic and enhanced
//! dynamic zones in [`NetworkZone`]) and [`Okta::trusted_origins`] ([`TrustedOrigins`]). The
//! models keep working when Okta changes: unknown fields and custom profile attributes are kept and
//! written back, unknown enum values decode to `Unknown`, and [`Field`] tells "leave
//! unchanged", "set to null" and "set to value" apart in partial updates. Resources whose
//! shape depends on a discriminator (an app's `signOnMode`, a zone's `type`) decode an
//! unknown one into a generic variant that writes back exactly what it read. Every other
//! endpoint is reachable through [`Okta::request`] (the raw request builder of
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

pub mod apps;
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
mod poly;
pub mod schemas;
pub mod trusted_origins;
pub mod user_resources;
pub mod users;

pub use apps::{Application, Apps, SignOnMode};
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
