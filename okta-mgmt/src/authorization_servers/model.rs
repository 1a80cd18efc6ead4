//! The models of custom authorization servers: the server, its scopes, claims, policies,
//! policy rules and signing keys.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{okta_enum, Links};
use crate::policies::{IncludeExclude, LifecycleStatus, PeopleCondition};

okta_enum! {
    /// What the authorization server writes in the `iss` claim of its tokens.
    pub enum IssuerMode {
        /// The org's Okta domain (`https://{org}.okta.com/oauth2/{id}`).
        OrgUrl => "ORG_URL",
        /// The org's custom domain.
        CustomUrl => "CUSTOM_URL",
        /// The domain the request came in on.
        Dynamic => "DYNAMIC",
    }
}

okta_enum! {
    /// How the signing key of an authorization server is rotated.
    pub enum KeyRotationMode {
        /// Okta rotates the key on a schedule.
        Auto => "AUTO",
        /// The key is rotated only through [`rotate`](crate::AuthorizationServerKeys::rotate).
        Manual => "MANUAL",
    }
}

okta_enum! {
    /// The use of a JSON Web Key.
    pub enum KeyUse {
        /// Signing tokens.
        Sig => "sig",
        /// Encrypting tokens.
        Enc => "enc",
    }
}

okta_enum! {
    /// The state of a signing key of an authorization server.
    pub enum KeyStatus {
        /// Signs the tokens issued now.
        Active => "ACTIVE",
        /// Becomes active at the next rotation.
        Next => "NEXT",
        /// Was active before the last rotation; still verifies older tokens.
        Expired => "EXPIRED",
    }
}

okta_enum! {
    /// Whether a consent dialog is shown for a scope.
    pub enum ScopeConsent {
        /// No consent dialog.
        Implicit => "IMPLICIT",
        /// The user must consent.
        Required => "REQUIRED",
        /// Consent is asked for, depending on the app's settings.
        Flexible => "FLEXIBLE",
    }
}

okta_enum! {
    /// Whether a scope appears in the server's metadata document.
    pub enum ScopeMetadataPublish {
        /// Listed for every client.
        AllClients => "ALL_CLIENTS",
        /// Not listed.
        NoClients => "NO_CLIENTS",
    }
}

okta_enum! {
    /// The token a claim goes into.
    pub enum ClaimType {
        /// The ID token.
        Identity => "IDENTITY",
        /// The access token.
        Resource => "RESOURCE",
    }
}

okta_enum! {
    /// How a claim's value is computed.
    pub enum ClaimValueType {
        /// An Okta Expression Language expression.
        Expression => "EXPRESSION",
        /// The user's groups, filtered by `group_filter_type`.
        Groups => "GROUPS",
        /// A claim Okta defines.
        System => "SYSTEM",
    }
}

okta_enum! {
    /// How a `GROUPS` claim filters group names with its value.
    pub enum GroupFilterType {
        /// Names starting with the value (case-insensitive).
        StartsWith => "STARTS_WITH",
        /// Names equal to the value (case-insensitive).
        Equals => "EQUALS",
        /// Names containing the value (case-insensitive).
        Contains => "CONTAINS",
        /// Names matching the value as a regular expression.
        Regex => "REGEX",
    }
}

/// The signing key settings of an authorization server (`credentials.signing`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SigningCredentials {
    /// The id of the key signing tokens now (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// When that key started signing (ISO 8601, read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_rotated: Option<String>,
    /// When the key changes next (ISO 8601, with `AUTO` rotation only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_rotation: Option<String>,
    /// `AUTO` or `MANUAL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_mode: Option<KeyRotationMode>,
    /// The key use (`sig`).
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<KeyUse>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The credentials of an authorization server.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationServerCredentials {
    /// The signing key settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<SigningCredentials>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A custom authorization server (`/api/v1/authorizationServers`).
///
/// Members this SDK has no name for (such as `default`) are kept in
/// [`extra`](AuthorizationServer::extra) and written back on [replace](crate::AuthorizationServers::replace).
///
/// ```
/// use okta_mgmt::AuthorizationServer;
///
/// let server = AuthorizationServer::new("Orders API", ["api://orders"])
///     .description("Tokens for the orders service");
/// let json = serde_json::to_value(&server).unwrap();
/// assert_eq!(json, serde_json::json!({
///     "name": "Orders API",
///     "description": "Tokens for the orders service",
///     "audiences": ["api://orders"],
/// }));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AuthorizationServer {
    /// The id, such as `aus1abcd...` or `default` (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The audiences of its access tokens (the `aud` claim; Okta accepts one).
    #[serde(default)]
    pub audiences: Vec<String>,
    /// The issuer (`iss` claim) of its tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Which domain the issuer uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_mode: Option<IssuerMode>,
    /// Whether the server is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// The signing key settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<AuthorizationServerCredentials>,
    /// The algorithm encrypting its access tokens (`RSA-OAEP-256`, `-384`, `-512`); absent:
    /// not encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_encrypted_response_algorithm: Option<String>,
    /// The resource server's public keys for token encryption (a JWK Set), as Okta sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks: Option<Value>,
    /// The URL of the resource server's JWK Set for token encryption.
    #[serde(rename = "jwks_uri", default, skip_serializing_if = "Option::is_none")]
    pub jwks_uri: Option<String>,
    /// When the server was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the server last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// `_links`: metadata, scopes, claims, policies, keys and lifecycle operations.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Members this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AuthorizationServer {
    /// A server named `name` issuing access tokens for `audiences`.
    pub fn new<I, S>(name: impl Into<String>, audiences: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AuthorizationServer {
            id: None,
            name: name.into(),
            description: None,
            audiences: audiences.into_iter().map(Into::into).collect(),
            issuer: None,
            issuer_mode: None,
            status: None,
            credentials: None,
            access_token_encrypted_response_algorithm: None,
            jwks: None,
            jwks_uri: None,
            created: None,
            last_updated: None,
            links: None,
            extra: Map::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the issuer mode.
    pub fn issuer_mode(mut self, mode: IssuerMode) -> Self {
        self.issuer_mode = Some(mode);
        self
    }
}

/// A scope of an authorization server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OAuth2Scope {
    /// The id (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The scope name, such as `orders:read`.
    pub name: String,
    /// The name shown in the consent dialog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether a consent dialog is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<ScopeConsent>,
    /// Whether the scope is granted when a client asks for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// Whether the user may skip consenting to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
    /// Whether Okta made the scope (such as `openid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// Whether the scope appears in the metadata document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_publish: Option<ScopeMetadataPublish>,
    /// `_links`: related resources.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Members this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OAuth2Scope {
    /// A scope named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        OAuth2Scope {
            id: None,
            name: name.into(),
            display_name: None,
            description: None,
            consent: None,
            default: None,
            optional: None,
            system: None,
            metadata_publish: None,
            links: None,
            extra: Map::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the consent requirement.
    pub fn consent(mut self, consent: ScopeConsent) -> Self {
        self.consent = Some(consent);
        self
    }
}

/// The conditions of a claim: the scopes that bring it into a token.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimConditions {
    /// The scopes (empty: every scope).
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A custom claim of an authorization server.
///
/// ```
/// use okta_mgmt::{ClaimType, ClaimValueType, OAuth2Claim};
///
/// let claim = OAuth2Claim::new("department", ClaimType::Resource, ClaimValueType::Expression, "user.department");
/// let json = serde_json::to_value(&claim).unwrap();
/// assert_eq!(json["claimType"], "RESOURCE");
/// assert_eq!(json["value"], "user.department");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OAuth2Claim {
    /// The id (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The claim name in the token.
    pub name: String,
    /// Whether the claim is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// The token it goes into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_type: Option<ClaimType>,
    /// How its value is computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<ClaimValueType>,
    /// The expression, or the group filter value for `GROUPS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For ID token claims: whether the claim is always included (not only at the userinfo
    /// endpoint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_include_in_token: Option<bool>,
    /// The scopes that bring the claim into a token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<ClaimConditions>,
    /// How a `GROUPS` claim filters group names.
    #[serde(
        rename = "group_filter_type",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub group_filter_type: Option<GroupFilterType>,
    /// Whether Okta made the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// `_links`: related resources.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Members this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OAuth2Claim {
    /// A claim `name` in the `claim_type` token whose value is `value` interpreted as
    /// `value_type`.
    pub fn new(
        name: impl Into<String>,
        claim_type: ClaimType,
        value_type: ClaimValueType,
        value: impl Into<String>,
    ) -> Self {
        OAuth2Claim {
            id: None,
            name: name.into(),
            status: None,
            claim_type: Some(claim_type),
            value_type: Some(value_type),
            value: Some(value.into()),
            always_include_in_token: None,
            conditions: None,
            group_filter_type: None,
            system: None,
            links: None,
            extra: Map::new(),
        }
    }

    /// Brings the claim into tokens only with these scopes.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.conditions = Some(ClaimConditions {
            scopes: scopes.into_iter().map(Into::into).collect(),
            extra: Map::new(),
        });
        self
    }

    /// Sets how a `GROUPS` claim filters group names.
    pub fn group_filter_type(mut self, filter: GroupFilterType) -> Self {
        self.group_filter_type = Some(filter);
        self
    }
}

/// The conditions of an authorization server policy: the clients it applies to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationServerPolicyConditions {
    /// The client ids (`ALL_CLIENTS` for every client).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<IncludeExclude>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A policy of an authorization server (`type` `OAUTH_AUTHORIZATION_POLICY`): which clients
/// its rules apply to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AuthorizationServerPolicy {
    /// The id (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The type: `OAUTH_AUTHORIZATION_POLICY`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The name.
    pub name: String,
    /// The description (Okta requires one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The order of evaluation (1 first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// Whether the policy is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// Whether Okta made the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// The clients the policy applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<AuthorizationServerPolicyConditions>,
    /// When the policy was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the policy last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// `_links`: rules and lifecycle operations.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Members this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AuthorizationServerPolicy {
    /// A policy named `name` with this description, applying to the clients `client_ids`
    /// (`["ALL_CLIENTS"]` for every client).
    pub fn new<I, S>(name: impl Into<String>, description: impl Into<String>, client_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AuthorizationServerPolicy {
            id: None,
            type_: Some("OAUTH_AUTHORIZATION_POLICY".to_owned()),
            name: name.into(),
            description: Some(description.into()),
            priority: None,
            status: None,
            system: None,
            conditions: Some(AuthorizationServerPolicyConditions {
                clients: Some(IncludeExclude::include(client_ids)),
                extra: Map::new(),
            }),
            created: None,
            last_updated: None,
            links: None,
            extra: Map::new(),
        }
    }

    /// Sets the priority (1 is evaluated first).
    pub fn priority(mut self, priority: i64) -> Self {
        self.priority = Some(priority);
        self
    }
}

/// The conditions of an authorization server policy rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AuthorizationServerRuleConditions {
    /// The users and groups (`groups.include: ["EVERYONE"]` for everyone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<PeopleCondition>,
    /// The grant types, such as `authorization_code` or `client_credentials`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_types: Option<IncludeExclude>,
    /// The scopes (`*` for any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<IncludeExclude>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AuthorizationServerRuleConditions {
    /// A rule for members of `group_ids`, using `grant_types` and asking for `scopes`.
    pub fn new<G, T, S>(group_ids: G, grant_types: T, scopes: S) -> Self
    where
        G: IntoIterator,
        G::Item: Into<String>,
        T: IntoIterator,
        T::Item: Into<String>,
        S: IntoIterator,
        S::Item: Into<String>,
    {
        AuthorizationServerRuleConditions {
            people: Some(PeopleCondition::groups(group_ids)),
            grant_types: Some(IncludeExclude::include(grant_types)),
            scopes: Some(IncludeExclude::include(scopes)),
            extra: Map::new(),
        }
    }
}

/// The token lifetimes of an authorization server policy rule (`actions.token`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenActions {
    /// Minutes an access token lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_lifetime_minutes: Option<u32>,
    /// Minutes a refresh token lives (0: unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_lifetime_minutes: Option<u32>,
    /// Minutes a refresh token lives without being used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_window_minutes: Option<u32>,
    /// The token inline hook (`{"id": ...}`), as Okta sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_hook: Option<Value>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The actions of an authorization server policy rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationServerRuleActions {
    /// The token lifetimes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenActions>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A rule of an authorization server policy (`type` `RESOURCE_ACCESS`): who gets tokens with
/// which grants and scopes, and how long they live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AuthorizationServerPolicyRule {
    /// The id (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The type: `RESOURCE_ACCESS`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The name.
    pub name: String,
    /// The order of evaluation (1 first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// Whether the rule is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// Whether Okta made the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// Who, which grants and which scopes (required on create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<AuthorizationServerRuleConditions>,
    /// The token lifetimes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<AuthorizationServerRuleActions>,
    /// When the rule was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the rule last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// `_links`: lifecycle operations.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Members this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AuthorizationServerPolicyRule {
    /// A `RESOURCE_ACCESS` rule named `name` with these conditions.
    pub fn new(name: impl Into<String>, conditions: AuthorizationServerRuleConditions) -> Self {
        AuthorizationServerPolicyRule {
            id: None,
            type_: Some("RESOURCE_ACCESS".to_owned()),
            name: name.into(),
            priority: None,
            status: None,
            system: None,
            conditions: Some(conditions),
            actions: None,
            created: None,
            last_updated: None,
            links: None,
            extra: Map::new(),
        }
    }

    /// Sets the token lifetimes.
    pub fn token(mut self, token: TokenActions) -> Self {
        self.actions = Some(AuthorizationServerRuleActions {
            token: Some(token),
            extra: Map::new(),
        });
        self
    }

    /// Sets the priority (1 is evaluated first).
    pub fn priority(mut self, priority: i64) -> Self {
        self.priority = Some(priority);
        self
    }
}

/// A signing key of an authorization server: the public members of an RSA JSON Web Key
/// (RFC 7517) and its rotation state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationServerKey {
    /// The key id (`kid` in token headers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// The key type (`RSA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kty: Option<String>,
    /// The algorithm (`RS256`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// The use (`sig`).
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<KeyUse>,
    /// The RSA public exponent (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// The RSA modulus (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// `ACTIVE`, `NEXT` or `EXPIRED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<KeyStatus>,
    /// `_links`: related resources.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Other members (such as `x5c`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of a key rotation: the use of the keys to rotate (Okta supports `sig` only, the
/// default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyRotation {
    /// The use of the keys to rotate.
    #[serde(rename = "use")]
    pub use_: KeyUse,
}

impl KeyRotation {
    /// A rotation of the keys with this use.
    pub fn new(use_: KeyUse) -> Self {
        KeyRotation { use_ }
    }
}

impl Default for KeyRotation {
    /// A rotation of the signing keys (`{"use": "sig"}`).
    fn default() -> Self {
        KeyRotation { use_: KeyUse::Sig }
    }
}
