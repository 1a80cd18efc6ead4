//! The [`Policy`] model: one typed struct per policy type Okta documents, and
//! [`GenericPolicy`] for every other type.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::model::{okta_enum, Field, Links};

okta_enum! {
    /// Whether a policy, rule, authorization server, claim or policy of an authorization
    /// server is in force.
    pub enum LifecycleStatus {
        /// In force.
        Active => "ACTIVE",
        /// Not in force.
        Inactive => "INACTIVE",
    }
}

okta_enum! {
    /// The type of a [`Policy`] (the `type` query parameter of
    /// [`Policies::list`](crate::Policies::list) too).
    pub enum PolicyType {
        /// App sign-in policy (Identity Engine).
        AccessPolicy => "ACCESS_POLICY",
        /// Entity risk policy (read-only).
        EntityRisk => "ENTITY_RISK",
        /// Identity provider discovery (routing) policy.
        IdpDiscovery => "IDP_DISCOVERY",
        /// Authenticator enrollment policy.
        MfaEnroll => "MFA_ENROLL",
        /// Global session policy.
        OktaSignOn => "OKTA_SIGN_ON",
        /// Password policy.
        Password => "PASSWORD",
        /// Session violation enforcement policy (read-only).
        PostAuthSession => "POST_AUTH_SESSION",
        /// User profile (enrollment) policy.
        ProfileEnrollment => "PROFILE_ENROLLMENT",
        /// Device signal collection policy.
        DeviceSignalCollection => "DEVICE_SIGNAL_COLLECTION",
        /// Session violation detection policy (read-only).
        SessionViolationDetection => "SESSION_VIOLATION_DETECTION",
        /// Client update policy (read-only).
        ClientUpdate => "CLIENT_UPDATE",
        /// Identity claims sourcing policy.
        IdentityClaimSourcing => "IDENTITY_CLAIM_SOURCING",
    }
}

okta_enum! {
    /// Where a network condition applies.
    pub enum NetworkConnection {
        /// Any network.
        Anywhere => "ANYWHERE",
        /// The zones listed in `include` / `exclude`.
        Zone => "ZONE",
    }
}

/// A list of ids a condition includes and excludes (groups, users, zones, clients...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IncludeExclude {
    /// The ids the condition includes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<String>>,
    /// The ids the condition excludes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<String>>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl IncludeExclude {
    /// A condition that includes these ids.
    pub fn include<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        IncludeExclude {
            include: Some(ids.into_iter().map(Into::into).collect()),
            ..IncludeExclude::default()
        }
    }

    /// Sets the ids the condition excludes.
    pub fn exclude<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.exclude = Some(ids.into_iter().map(Into::into).collect());
        self
    }
}

/// Who a policy or rule applies to: groups and users.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PeopleCondition {
    /// The groups (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<IncludeExclude>,
    /// The users (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<IncludeExclude>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PeopleCondition {
    /// Members of these groups.
    pub fn groups<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        PeopleCondition {
            groups: Some(IncludeExclude::include(ids)),
            ..PeopleCondition::default()
        }
    }
}

/// Where a sign-in comes from: any network or the listed network zones.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NetworkCondition {
    /// `ANYWHERE` or `ZONE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<NetworkConnection>,
    /// The network zone ids included (with `ZONE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<String>>,
    /// The network zone ids excluded (with `ZONE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<String>>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Which user store a password policy applies to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthProviderCondition {
    /// `OKTA`, `ACTIVE_DIRECTORY` or `LDAP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The directory integration ids (for `ACTIVE_DIRECTORY` and `LDAP`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<String>>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The conditions of a policy or a policy rule. The conditions this SDK names are typed; the
/// others (device, platform, risk score, app, user identifier, expression...) are kept in
/// [`extra`](PolicyConditions::extra).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PolicyConditions {
    /// Who the policy or rule applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<PeopleCondition>,
    /// Where the sign-in comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkCondition>,
    /// The user store (password policies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_provider: Option<AuthProviderCondition>,
    /// Other conditions, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PolicyConditions {
    /// Conditions that apply to members of these groups.
    pub fn groups<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        PolicyConditions {
            people: Some(PeopleCondition::groups(ids)),
            ..PolicyConditions::default()
        }
    }
}

/// The password rules of a password policy (`settings.password`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PasswordSettings {
    /// What a password must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<PasswordComplexity>,
    /// How long a password lives and how often it may be reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<PasswordAge>,
    /// When failed sign-ins lock the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lockout: Option<PasswordLockout>,
    /// Other members (such as `breachedProtection`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What a password must contain (`settings.password.complexity`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PasswordComplexity {
    /// The minimum length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// The minimum number of lowercase letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_lower_case: Option<u32>,
    /// The minimum number of uppercase letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_upper_case: Option<u32>,
    /// The minimum number of digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_number: Option<u32>,
    /// The minimum number of symbols.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_symbol: Option<u32>,
    /// Whether the password may not contain the user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_username: Option<bool>,
    /// Profile attributes the password may not contain (`firstName`, `lastName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_attributes: Option<Vec<String>>,
    /// Other members (such as `dictionary`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How long a password lives (`settings.password.age`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PasswordAge {
    /// Days until the password expires (0: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_days: Option<u32>,
    /// Days before expiry to warn the user (0: no warning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_warn_days: Option<u32>,
    /// Minutes before the password may be changed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age_minutes: Option<u32>,
    /// How many previous passwords may not be reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history_count: Option<u32>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// When failed sign-ins lock the account (`settings.password.lockout`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PasswordLockout {
    /// Failed attempts before lockout (0: no lockout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u32>,
    /// Minutes until a locked account unlocks by itself (0: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_unlock_minutes: Option<u32>,
    /// Whether the user is told the account is locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_lockout_failures: Option<bool>,
    /// Where the user is notified of a lockout (such as `EMAIL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_lockout_notification_channels: Option<Vec<String>>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The settings of a [`PasswordPolicy`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PasswordPolicySettings {
    /// Complexity, age and lockout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordSettings>,
    /// Account recovery factors, as Okta sent them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<Value>,
    /// Delegated authentication options, as Okta sent them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<Value>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Whether an authenticator must, may or may not be enrolled.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollRequirement {
    /// `REQUIRED`, `OPTIONAL` or `NOT_ALLOWED`.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_: Option<String>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EnrollRequirement {
    /// A requirement such as `REQUIRED`, `OPTIONAL` or `NOT_ALLOWED`.
    pub fn new(requirement: impl Into<String>) -> Self {
        EnrollRequirement {
            self_: Some(requirement.into()),
            extra: Map::new(),
        }
    }
}

/// One authenticator of an authenticator enrollment policy.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthenticatorEnrollment {
    /// The authenticator key, such as `okta_verify` or `phone_number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether users must enroll it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enroll: Option<EnrollRequirement>,
    /// Other members (such as `constraints`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AuthenticatorEnrollment {
    /// The authenticator `key` with this enrollment requirement.
    pub fn new(key: impl Into<String>, requirement: impl Into<String>) -> Self {
        AuthenticatorEnrollment {
            key: Some(key.into()),
            enroll: Some(EnrollRequirement::new(requirement)),
            extra: Map::new(),
        }
    }
}

/// The settings of an [`AuthenticatorEnrollmentPolicy`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthenticatorEnrollmentSettings {
    /// `AUTHENTICATORS` (Identity Engine) or `FACTORS` (Classic Engine).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The authenticators and whether each must be enrolled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticators: Option<Vec<AuthenticatorEnrollment>>,
    /// Other members (such as `factors` in Classic Engine), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Declares a typed policy struct: the members every policy has, then its own.
macro_rules! policy_struct {
    (
        $(#[$meta:meta])*
        $name:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident: $ty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// Its `type` is written by [`Policy`]; members this SDK has no name for are kept in
        /// `extra`. An optional member Okta sends as `null` reads as `None` and is left out
        /// when written back (`conditions` keeps its `null`).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct $name {
            /// The id (absent before the policy is created).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            /// The name.
            pub name: String,
            /// The description.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub description: Option<String>,
            /// The order of evaluation among the policies of its type (1 first).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub priority: Option<i64>,
            /// Whether the policy is in force.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub status: Option<LifecycleStatus>,
            /// Whether Okta made the policy (such as the default policy).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub system: Option<bool>,
            /// When the policy was created (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created: Option<String>,
            /// When the policy last changed (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub last_updated: Option<String>,
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
            /// `_links`: related resources (rules, mappings, lifecycle operations).
            #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
            pub links: Option<Links>,
            /// `_embedded`: resources embedded on request (such as `rules` with
            /// `expand=rules`).
            #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
            pub embedded: Option<Links>,
            /// Members this SDK does not model, kept and written back as they came.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        impl $name {
            /// A policy named `name`; Okta fills in the rest (priority, status...).
            pub fn new(name: impl Into<String>) -> Self {
                $name {
                    id: None,
                    name: name.into(),
                    description: None,
                    priority: None,
                    status: None,
                    system: None,
                    created: None,
                    last_updated: None,
                    $( $field: Default::default(), )*
                    links: None,
                    embedded: None,
                    extra: Map::new(),
                }
            }

            /// Sets the description.
            pub fn description(mut self, description: impl Into<String>) -> Self {
                self.description = Some(description.into());
                self
            }

            /// Sets the priority (1 is evaluated first).
            pub fn priority(mut self, priority: i64) -> Self {
                self.priority = Some(priority);
                self
            }
        }
    };
}

policy_struct! {
    /// A global session policy (`OKTA_SIGN_ON`): who must sign in how, through its rules.
    OktaSignOnPolicy {
        /// The conditions (`people.groups.include`); absent, `null` or set, kept as it came.
        #[serde(default, skip_serializing_if = "Field::is_unchanged")]
        conditions: Field<PolicyConditions>,
    }
}

policy_struct! {
    /// A password policy (`PASSWORD`): complexity, age, lockout and recovery.
    PasswordPolicy {
        /// The conditions (`people.groups.include`, `authProvider`); absent, `null` or set,
        /// kept as it came.
        #[serde(default, skip_serializing_if = "Field::is_unchanged")]
        conditions: Field<PolicyConditions>,
        /// The password settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        settings: Option<PasswordPolicySettings>,
    }
}

policy_struct! {
    /// An authenticator enrollment policy (`MFA_ENROLL`): which authenticators users must
    /// or may enroll.
    AuthenticatorEnrollmentPolicy {
        /// The conditions (`people.groups.include`); absent, `null` or set, kept as it came.
        #[serde(default, skip_serializing_if = "Field::is_unchanged")]
        conditions: Field<PolicyConditions>,
        /// The authenticators and their requirements.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        settings: Option<AuthenticatorEnrollmentSettings>,
    }
}

policy_struct! {
    /// An app sign-in policy (`ACCESS_POLICY`, Identity Engine): how users sign in to the apps
    /// mapped to it.
    AccessPolicy {
        /// The conditions (Okta sends `null`); absent, `null` or set, kept as it came.
        #[serde(default, skip_serializing_if = "Field::is_unchanged")]
        conditions: Field<PolicyConditions>,
    }
}

policy_struct! {
    /// A user profile policy (`PROFILE_ENROLLMENT`, Identity Engine): what users give at
    /// registration and progressive profiling, through its rules.
    ProfileEnrollmentPolicy {
        /// The conditions (Okta sends `null`); absent, `null` or set, kept as it came.
        #[serde(default, skip_serializing_if = "Field::is_unchanged")]
        conditions: Field<PolicyConditions>,
    }
}

policy_struct! {
    /// The identity provider discovery policy (`IDP_DISCOVERY`): which identity provider a
    /// user is routed to, through its rules. Every org has exactly one.
    IdpDiscoveryPolicy {
        /// The conditions (Okta sends `null`); absent, `null` or set, kept as it came.
        #[serde(default, skip_serializing_if = "Field::is_unchanged")]
        conditions: Field<PolicyConditions>,
    }
}

/// A policy of a type this SDK has no struct for (or one whose typed decoding failed): the
/// common members, with everything else kept in [`extra`](GenericPolicy::extra) and written
/// back exactly.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GenericPolicy {
    /// The `type`, kept as it came (absent when Okta sent none).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<PolicyType>,
    /// The id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the policy is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// Every other member, kept as it came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GenericPolicy {
    /// A policy of type `type_` named `name`; set the other members in
    /// [`extra`](GenericPolicy::extra).
    pub fn new(type_: impl Into<PolicyType>, name: impl Into<String>) -> Self {
        GenericPolicy {
            type_: Some(type_.into()),
            name: Some(name.into()),
            ..GenericPolicy::default()
        }
    }

    /// Decodes the common members, or, when even they do not decode, keeps everything in
    /// `extra`.
    fn from_map(map: Map<String, Value>) -> Self {
        match crate::poly::try_typed::<GenericPolicy>(map) {
            Ok(generic) => generic,
            Err(mut map) => GenericPolicy {
                type_: crate::poly::take::<String>(&mut map, "type").map(PolicyType::from),
                extra: map,
                ..GenericPolicy::default()
            },
        }
    }
}

/// Declares a polymorphic enum over typed structs, discriminated by `type`, with a generic
/// fallback. Decoding never fails on an object; encoding writes back what was decoded.
macro_rules! polymorphic {
    (
        $(#[$meta:meta])*
        $name:ident: $kind:ident, $generic:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident($ty:ident) => $kind_variant:ident,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        // Every variant is a struct of a few hundred bytes; boxing them would only make
        // matching on the variants clumsier.
        #[allow(clippy::large_enum_variant)]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                $variant($ty),
            )+
            /// Any other type (or a record the typed struct could not decode), kept whole.
            Other($generic),
        }

        impl $name {
            /// The `type`.
            pub fn kind(&self) -> $kind {
                match self {
                    $( $name::$variant(_) => $kind::$kind_variant, )+
                    $name::Other(other) => other
                        .type_
                        .clone()
                        .unwrap_or_else(|| $kind::Unknown(String::new())),
                }
            }

            /// The id (absent before creation).
            pub fn id(&self) -> Option<&str> {
                match self {
                    $( $name::$variant(inner) => inner.id.as_deref(), )+
                    $name::Other(other) => other.id.as_deref(),
                }
            }

            /// The name.
            pub fn name(&self) -> Option<&str> {
                match self {
                    $( $name::$variant(inner) => Some(inner.name.as_str()), )+
                    $name::Other(other) => other.name.as_deref(),
                }
            }

            /// Whether it is in force.
            pub fn status(&self) -> Option<&LifecycleStatus> {
                match self {
                    $( $name::$variant(inner) => inner.status.as_ref(), )+
                    $name::Other(other) => other.status.as_ref(),
                }
            }

            /// Decodes an object: the typed struct of its `type` when it decodes, the generic
            /// struct otherwise.
            pub fn from_map(mut map: Map<String, Value>) -> Self {
                let kind = match map.get("type") {
                    Some(Value::String(kind)) => $kind::from(kind.as_str()),
                    _ => return $name::Other($generic::from_map(map)),
                };
                let Some(tag) = map.remove("type") else {
                    return $name::Other($generic::from_map(map));
                };
                let typed = match kind {
                    $(
                        $kind::$kind_variant => {
                            crate::poly::try_typed::<$ty>(map).map($name::$variant)
                        }
                    )+
                    _ => Err(map),
                };
                match typed {
                    Ok(typed) => typed,
                    Err(mut map) => {
                        map.insert("type".to_owned(), tag);
                        $name::Other($generic::from_map(map))
                    }
                }
            }
        }

        $(
            impl From<$ty> for $name {
                fn from(inner: $ty) -> Self {
                    $name::$variant(inner)
                }
            }
        )+

        impl From<$generic> for $name {
            fn from(inner: $generic) -> Self {
                $name::Other(inner)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok($name::from_map(Map::deserialize(deserializer)?))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #[derive(Serialize)]
                struct Tagged<'a, T> {
                    #[serde(rename = "type")]
                    kind: &'a str,
                    #[serde(flatten)]
                    inner: &'a T,
                }
                match self {
                    $(
                        $name::$variant(inner) => Tagged {
                            kind: $kind::$kind_variant.as_str(),
                            inner,
                        }
                        .serialize(serializer),
                    )+
                    $name::Other(other) => other.serialize(serializer),
                }
            }
        }
    };
}
pub(crate) use polymorphic;

polymorphic! {
    /// An Okta policy, by its `type`.
    ///
    /// Each type Okta documents in detail has its own struct; any other type (and any record
    /// whose typed decoding fails) is kept whole in [`Policy::Other`]. Decoding a list never
    /// fails because of one policy, and writing a policy back sends what was read, an unknown
    /// `type` included.
    ///
    /// ```
    /// use okta_mgmt::{PasswordPolicy, Policy, PolicyConditions, PolicyType};
    ///
    /// let policy = Policy::from(
    ///     PasswordPolicy::new("Contractors").conditions(PolicyConditions::groups(["00g1"])),
    /// );
    /// assert_eq!(policy.kind(), PolicyType::Password);
    /// let json = serde_json::to_value(&policy).unwrap();
    /// assert_eq!(json["type"], "PASSWORD");
    /// assert_eq!(json["conditions"]["people"]["groups"]["include"][0], "00g1");
    /// ```
    Policy: PolicyType, GenericPolicy {
        /// A global session policy.
        OktaSignOn(OktaSignOnPolicy) => OktaSignOn,
        /// A password policy.
        Password(PasswordPolicy) => Password,
        /// An authenticator enrollment policy.
        MfaEnroll(AuthenticatorEnrollmentPolicy) => MfaEnroll,
        /// An app sign-in policy.
        Access(AccessPolicy) => AccessPolicy,
        /// A user profile policy.
        ProfileEnrollment(ProfileEnrollmentPolicy) => ProfileEnrollment,
        /// The identity provider discovery policy.
        IdpDiscovery(IdpDiscoveryPolicy) => IdpDiscovery,
    }
}

macro_rules! conditions_setter {
    ($($ty:ident),+) => {
        $(
            impl $ty {
                /// Sets the conditions.
                pub fn conditions(mut self, conditions: PolicyConditions) -> Self {
                    self.conditions = Field::Value(conditions);
                    self
                }
            }
        )+
    };
}

conditions_setter!(
    OktaSignOnPolicy,
    PasswordPolicy,
    AuthenticatorEnrollmentPolicy,
    AccessPolicy,
    ProfileEnrollmentPolicy,
    IdpDiscoveryPolicy
);

impl PasswordPolicy {
    /// Sets the password settings.
    pub fn settings(mut self, settings: PasswordPolicySettings) -> Self {
        self.settings = Some(settings);
        self
    }
}

impl AuthenticatorEnrollmentPolicy {
    /// Sets the authenticators users must or may enroll (`settings.type` `AUTHENTICATORS`).
    pub fn authenticators(mut self, authenticators: Vec<AuthenticatorEnrollment>) -> Self {
        self.settings = Some(AuthenticatorEnrollmentSettings {
            type_: Some("AUTHENTICATORS".to_owned()),
            authenticators: Some(authenticators),
            extra: Map::new(),
        });
        self
    }
}
