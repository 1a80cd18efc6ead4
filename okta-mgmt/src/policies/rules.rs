//! The [`PolicyRule`] model: one typed struct per rule type Okta documents, and
//! [`GenericPolicyRule`] for every other type.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::model::{polymorphic, LifecycleStatus, PolicyConditions};
use crate::model::{okta_enum, Field, Links};

okta_enum! {
    /// The type of a [`PolicyRule`]. It matches the type of its policy, except that the
    /// rules of `OKTA_SIGN_ON` policies are `SIGN_ON`.
    pub enum PolicyRuleType {
        /// A rule of an app sign-in policy.
        AccessPolicy => "ACCESS_POLICY",
        /// A rule of a device signal collection policy.
        DeviceSignalCollection => "DEVICE_SIGNAL_COLLECTION",
        /// A rule of the entity risk policy.
        EntityRisk => "ENTITY_RISK",
        /// A rule of the identity provider discovery policy.
        IdpDiscovery => "IDP_DISCOVERY",
        /// A rule of an authenticator enrollment policy.
        MfaEnroll => "MFA_ENROLL",
        /// A rule of a password policy.
        Password => "PASSWORD",
        /// A rule of a session violation enforcement policy.
        PostAuthSession => "POST_AUTH_SESSION",
        /// A rule of a user profile policy.
        ProfileEnrollment => "PROFILE_ENROLLMENT",
        /// A rule of a global session policy.
        SignOn => "SIGN_ON",
        /// A rule of the session violation detection policy.
        SessionViolationDetection => "SESSION_VIOLATION_DETECTION",
        /// A rule of the client update policy.
        ClientUpdate => "CLIENT_UPDATE",
        /// A rule of the identity claims sourcing policy.
        IdentityClaimSourcing => "IDENTITY_CLAIM_SOURCING",
    }
}

okta_enum! {
    /// Whether a rule allows or denies.
    pub enum RuleAccess {
        /// Allowed.
        Allow => "ALLOW",
        /// Denied.
        Deny => "DENY",
    }
}

/// Declares a typed rule struct: the members every rule has, then its own.
macro_rules! rule_struct {
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
        /// Its `type` is written by [`PolicyRule`]; members this SDK has no name for are kept
        /// in `extra`. An optional member Okta sends as `null` reads as `None` and is left out
        /// when written back (`conditions` keeps its `null`).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct $name {
            /// The id (absent before the rule is created).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            /// The name.
            pub name: String,
            /// The order of evaluation among the rules of the policy (1 first).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub priority: Option<i64>,
            /// Whether the rule is in force.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub status: Option<LifecycleStatus>,
            /// Whether Okta made the rule (such as the catch-all rule).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub system: Option<bool>,
            /// When the rule was created (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created: Option<String>,
            /// When the rule last changed (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub last_updated: Option<String>,
            /// The conditions; absent, `null` or set, kept as it came.
            #[serde(default, skip_serializing_if = "Field::is_unchanged")]
            pub conditions: Field<PolicyConditions>,
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
            /// `_links`: related resources and lifecycle operations.
            #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
            pub links: Option<Links>,
            /// Members this SDK does not model, kept and written back as they came.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        impl $name {
            /// A rule named `name`; Okta fills in the rest (priority, status...).
            pub fn new(name: impl Into<String>) -> Self {
                $name {
                    id: None,
                    name: name.into(),
                    priority: None,
                    status: None,
                    system: None,
                    created: None,
                    last_updated: None,
                    conditions: Field::Unchanged,
                    $( $field: Default::default(), )*
                    links: None,
                    extra: Map::new(),
                }
            }

            /// Sets the conditions.
            pub fn conditions(mut self, conditions: PolicyConditions) -> Self {
                self.conditions = Field::Value(conditions);
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

/// An action that allows or denies, with its other members kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccessAction {
    /// `ALLOW` or `DENY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<RuleAccess>,
    /// Other members (such as `requirement`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AccessAction {
    /// An action with this access.
    pub fn new(access: RuleAccess) -> Self {
        AccessAction {
            access: Some(access),
            extra: Map::new(),
        }
    }
}

/// The session limits of a global session policy rule (`actions.signon.session`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignOnSession {
    /// Minutes of inactivity before the session ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_idle_minutes: Option<u32>,
    /// Minutes a session may last at most (0: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_lifetime_minutes: Option<u32>,
    /// Whether the session cookie outlives the browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_persistent_cookie: Option<bool>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What a global session policy rule does at sign-in (`actions.signon`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignOnAction {
    /// `ALLOW` or `DENY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<RuleAccess>,
    /// Whether a second factor is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_factor: Option<bool>,
    /// When the second factor is asked for: `DEVICE`, `SESSION` or `ALWAYS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_prompt_mode: Option<String>,
    /// Minutes a verified factor stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_lifetime: Option<u32>,
    /// Whether "remember this device" is ticked by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remember_device_by_default: Option<bool>,
    /// The primary factor: `PASSWORD_IDP_ANY_FACTOR` or `PASSWORD_IDP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_factor: Option<String>,
    /// The session limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SignOnSession>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The actions of a [`SignOnPolicyRule`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignOnRuleActions {
    /// What happens at sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signon: Option<SignOnAction>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The actions of a [`PasswordPolicyRule`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PasswordRuleActions {
    /// Whether users may change their password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_change: Option<AccessAction>,
    /// Whether users may reset a forgotten password (and with which authenticators, kept in
    /// its `extra`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_service_password_reset: Option<AccessAction>,
    /// Whether users may unlock their account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_service_unlock: Option<AccessAction>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What an app sign-in policy rule requires (`actions.appSignOn`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AppSignOnAction {
    /// `ALLOW` or `DENY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<RuleAccess>,
    /// How users verify (such as `{"type": "ASSURANCE", "factorMode": "2FA", ...}`), kept as
    /// it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<Value>,
    /// The "keep me signed in" settings, kept as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_me_signed_in: Option<Value>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The actions of an [`AccessPolicyRule`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccessRuleActions {
    /// What signing in to the app requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_sign_on: Option<AppSignOnAction>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The actions of an [`AuthenticatorEnrollmentPolicyRule`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentRuleActions {
    /// When users are asked to enroll: `{"self": "CHALLENGE" | "LOGIN" | "NEVER"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enroll: Option<super::model::EnrollRequirement>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The actions of a [`ProfileEnrollmentPolicyRule`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProfileEnrollmentRuleActions {
    /// Registration and progressive profiling (`access`, `profileAttributes`,
    /// `targetGroupIds`, `activationRequirements`...), kept as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_enrollment: Option<Value>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The actions of an [`IdpDiscoveryPolicyRule`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdpDiscoveryRuleActions {
    /// Where users are routed (`providers`, `idpSelectionType`, `matchCriteria`...), kept as
    /// it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp: Option<Value>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

rule_struct! {
    /// A rule of a global session policy (`SIGN_ON`).
    SignOnPolicyRule {
        /// What happens at sign-in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actions: Option<SignOnRuleActions>,
    }
}

rule_struct! {
    /// A rule of a password policy (`PASSWORD`).
    PasswordPolicyRule {
        /// Password change, reset and unlock.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actions: Option<PasswordRuleActions>,
    }
}

rule_struct! {
    /// A rule of an authenticator enrollment policy (`MFA_ENROLL`).
    AuthenticatorEnrollmentPolicyRule {
        /// When users are asked to enroll.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actions: Option<EnrollmentRuleActions>,
    }
}

rule_struct! {
    /// A rule of an app sign-in policy (`ACCESS_POLICY`).
    AccessPolicyRule {
        /// What signing in to the app requires.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actions: Option<AccessRuleActions>,
    }
}

rule_struct! {
    /// A rule of a user profile policy (`PROFILE_ENROLLMENT`).
    ProfileEnrollmentPolicyRule {
        /// Registration and progressive profiling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actions: Option<ProfileEnrollmentRuleActions>,
    }
}

rule_struct! {
    /// A rule of the identity provider discovery policy (`IDP_DISCOVERY`).
    IdpDiscoveryPolicyRule {
        /// Where users are routed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actions: Option<IdpDiscoveryRuleActions>,
    }
}

/// A rule of a type this SDK has no struct for (or one whose typed decoding failed): the
/// common members, with everything else kept in [`extra`](GenericPolicyRule::extra) and
/// written back exactly.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GenericPolicyRule {
    /// The `type`, kept as it came (absent when Okta sent none).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<PolicyRuleType>,
    /// The id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the rule is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// Every other member (`conditions`, `actions`...), kept as it came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GenericPolicyRule {
    /// A rule of type `type_` named `name`; set the other members in
    /// [`extra`](GenericPolicyRule::extra).
    pub fn new(type_: impl Into<PolicyRuleType>, name: impl Into<String>) -> Self {
        GenericPolicyRule {
            type_: Some(type_.into()),
            name: Some(name.into()),
            ..GenericPolicyRule::default()
        }
    }

    /// Decodes the common members, or, when even they do not decode, keeps everything in
    /// `extra`.
    fn from_map(map: Map<String, Value>) -> Self {
        match crate::poly::try_typed::<GenericPolicyRule>(map) {
            Ok(generic) => generic,
            Err(mut map) => GenericPolicyRule {
                type_: crate::poly::take::<String>(&mut map, "type").map(PolicyRuleType::from),
                extra: map,
                ..GenericPolicyRule::default()
            },
        }
    }
}

polymorphic! {
    /// A policy rule, by its `type`.
    ///
    /// Each type Okta documents in detail has its own struct; any other type (and any record
    /// whose typed decoding fails) is kept whole in [`PolicyRule::Other`]. Writing a rule back
    /// sends what was read, an unknown `type` included.
    ///
    /// ```
    /// use okta_mgmt::{PasswordPolicyRule, PasswordRuleActions, PolicyRule, RuleAccess, AccessAction};
    ///
    /// let mut actions = PasswordRuleActions::default();
    /// actions.password_change = Some(AccessAction::new(RuleAccess::Allow));
    /// let mut rule = PasswordPolicyRule::new("Allow changes");
    /// rule.actions = Some(actions);
    /// let json = serde_json::to_value(PolicyRule::from(rule)).unwrap();
    /// assert_eq!(json["type"], "PASSWORD");
    /// assert_eq!(json["actions"]["passwordChange"]["access"], "ALLOW");
    /// ```
    PolicyRule: PolicyRuleType, GenericPolicyRule {
        /// A rule of a global session policy.
        SignOn(SignOnPolicyRule) => SignOn,
        /// A rule of a password policy.
        Password(PasswordPolicyRule) => Password,
        /// A rule of an authenticator enrollment policy.
        MfaEnroll(AuthenticatorEnrollmentPolicyRule) => MfaEnroll,
        /// A rule of an app sign-in policy.
        Access(AccessPolicyRule) => AccessPolicy,
        /// A rule of a user profile policy.
        ProfileEnrollment(ProfileEnrollmentPolicyRule) => ProfileEnrollment,
        /// A rule of the identity provider discovery policy.
        IdpDiscovery(IdpDiscoveryPolicyRule) => IdpDiscovery,
    }
}
