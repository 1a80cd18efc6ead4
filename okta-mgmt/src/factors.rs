//! Factors: a user's enrolled factors ([`UserFactor`], one variant per `factorType`), their
//! enrollment, activation and verification, and the org's YubiKey OTP tokens. The endpoints
//! are [`Factors`], from [`Okta::factors`](crate::Okta::factors).
//!
//! [`UserFactor`] never fails to decode because of a `factorType` this SDK does not know or
//! a record of an odd shape: such a factor becomes [`UserFactor::Other`], and every factor is
//! written back with the fields it was read with.

use std::fmt;

use okta_core::secrecy::{ExposeSecret, SecretString};
use okta_core::{Client, Page, PageStream, RequestBuilder, Result};
use serde::de::Deserializer;
use serde::ser::{Error as _, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::credentials::{redact, secret_opt};
use crate::list::List;
use crate::model::{okta_enum, segment, Links};
use crate::users::user_path;

okta_enum! {
    /// The kind of a factor (`factorType`).
    pub enum FactorType {
        /// A voice call with a code.
        Call => "call",
        /// An email with a code.
        Email => "email",
        /// Okta Verify push.
        Push => "push",
        /// A security question.
        Question => "question",
        /// Okta Verify with a signed nonce (FastPass).
        SignedNonce => "signed_nonce",
        /// A text message with a code.
        Sms => "sms",
        /// A hardware or software token from a third party (RSA SecurID, Symantec VIP).
        Token => "token",
        /// A hardware token (YubiKey OTP).
        TokenHardware => "token:hardware",
        /// A custom HOTP token.
        TokenHotp => "token:hotp",
        /// A TOTP app (Okta Verify, Google Authenticator).
        TokenSoftwareTotp => "token:software:totp",
        /// A FIDO U2F key.
        U2f => "u2f",
        /// A web factor (Duo).
        Web => "web",
        /// A WebAuthn authenticator.
        WebAuthn => "webauthn",
    }
}

okta_enum! {
    /// Who provides a factor.
    pub enum FactorProvider {
        /// A custom provider (custom HOTP).
        Custom => "CUSTOM",
        /// Duo.
        Duo => "DUO",
        /// FIDO (U2F, WebAuthn).
        Fido => "FIDO",
        /// Google (Google Authenticator).
        Google => "GOOGLE",
        /// Okta.
        Okta => "OKTA",
        /// RSA SecurID.
        Rsa => "RSA",
        /// Symantec VIP.
        Symantec => "SYMANTEC",
        /// Yubico (YubiKey).
        Yubico => "YUBICO",
    }
}

okta_enum! {
    /// The status of a factor.
    pub enum FactorStatus {
        /// Enrolled and active.
        Active => "ACTIVE",
        /// Disabled.
        Disabled => "DISABLED",
        /// Enrolled.
        Enrolled => "ENROLLED",
        /// The activation window passed.
        Expired => "EXPIRED",
        /// Inactive.
        Inactive => "INACTIVE",
        /// Not enrolled.
        NotSetup => "NOT_SETUP",
        /// Enrolled, waiting for activation.
        PendingActivation => "PENDING_ACTIVATION",
    }
}

okta_enum! {
    /// The result of a verification or of a push transaction (`factorResult`).
    pub enum FactorResult {
        /// The user has not answered yet (a push): poll the transaction.
        Waiting => "WAITING",
        /// Verified.
        Success => "SUCCESS",
        /// Okta sent a challenge (a code by SMS, call or email).
        Challenge => "CHALLENGE",
        /// Okta hit an error.
        Error => "ERROR",
        /// The user did not answer in time.
        Expired => "EXPIRED",
        /// The verification failed.
        Failed => "FAILED",
        /// The code was already used in this time window.
        PasscodeReplayed => "PASSCODE_REPLAYED",
        /// The user rejected the push.
        Rejected => "REJECTED",
        /// Okta did not complete the verification in time.
        Timeout => "TIMEOUT",
        /// The user answered outside the allowed time window.
        TimeWindowExceeded => "TIME_WINDOW_EXCEEDED",
    }
}

okta_enum! {
    /// Whether the sign-on policy requires a factor.
    pub enum FactorEnrollment {
        /// The user may enroll it.
        Optional => "OPTIONAL",
        /// The user must enroll it.
        Required => "REQUIRED",
    }
}

okta_enum! {
    /// The status of a YubiKey OTP token.
    pub enum YubikeyTokenStatus {
        /// Assigned to a user and active.
        Active => "ACTIVE",
        /// Blocked.
        Blocked => "BLOCKED",
        /// Deleted.
        Deleted => "DELETED",
        /// Inactive.
        Inactive => "INACTIVE",
        /// Revoked.
        Revoked => "REVOKED",
        /// Uploaded, not assigned to a user.
        Unassigned => "UNASSIGNED",
    }
}

/// A factor of one kind: the fields every factor has, and a profile of type `P`.
///
/// The variants of [`UserFactor`] use it with their own profile type; [`GenericFactor`] keeps
/// the profile as a JSON object. Fields without a name here (such as `verify` or
/// `factorProfileId`) are kept in [`extra`](FactorOf::extra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FactorOf<P> {
    /// The factor's id (absent in an enrollment request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The kind of factor.
    pub factor_type: FactorType,
    /// Who provides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<FactorProvider>,
    /// The vendor's name, such as `OKTA` or `YubiCo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_name: Option<String>,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FactorStatus>,
    /// When the factor was enrolled (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the factor last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// The profile of this kind of factor.
    #[serde(default = "Option::default", skip_serializing_if = "Option::is_none")]
    pub profile: Option<P>,
    /// `_links`: the factor and its operations (activate, verify, poll, ...).
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`: such as the `activation` of a factor pending activation (a TOTP secret,
    /// a QR code).
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<P> FactorOf<P> {
    /// A factor to enroll: this kind, provider and profile, nothing else.
    pub fn new(factor_type: FactorType, provider: FactorProvider, profile: Option<P>) -> Self {
        FactorOf {
            id: None,
            factor_type,
            provider: Some(provider),
            vendor_name: None,
            status: None,
            created: None,
            last_updated: None,
            profile,
            links: None,
            embedded: None,
            extra: Map::new(),
        }
    }
}

/// The profile of an SMS factor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SmsProfile {
    /// The phone number (E.164, such as `+15551234567`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The profile of a call factor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallProfile {
    /// The phone number (E.164).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The extension to dial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_extension: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The profile of an email factor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailProfile {
    /// The email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The profile of an Okta Verify push factor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PushProfile {
    /// The credential id (usually the user's login).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// The push token of the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_token: Option<String>,
    /// The device type, such as `SmartPhone_IPhone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_type: Option<String>,
    /// The device's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The platform, such as `IOS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The Okta Verify version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The profile of a security question factor. The answer is sent when enrolling and never
/// returned; `Debug` does not show it.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SecurityQuestionProfile {
    /// The question's key, such as `disliked_food`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The question as shown to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_text: Option<String>,
    /// The answer (for enrollment only).
    #[serde(default, with = "secret_opt", skip_serializing_if = "Option::is_none")]
    pub answer: Option<SecretString>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for SecurityQuestionProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecurityQuestionProfile")
            .field("question", &self.question)
            .field("question_text", &self.question_text)
            .field("answer", &redact(&self.answer))
            .field("extra", &self.extra)
            .finish()
    }
}

impl PartialEq for SecurityQuestionProfile {
    fn eq(&self, other: &Self) -> bool {
        self.question == other.question
            && self.question_text == other.question_text
            && self.answer.as_ref().map(ExposeSecret::expose_secret)
                == other.answer.as_ref().map(ExposeSecret::expose_secret)
            && self.extra == other.extra
    }
}

/// The profile of token factors (`token`, `token:hardware`, `token:software:totp`), U2F and
/// web factors: the credential id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenProfile {
    /// The credential id, such as the user's login or a token serial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The profile of a custom HOTP factor. The shared secret is sent when enrolling a token
/// made elsewhere; `Debug` does not show it.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HotpProfile {
    /// The shared secret (for enrollment only).
    #[serde(default, with = "secret_opt", skip_serializing_if = "Option::is_none")]
    pub shared_secret: Option<SecretString>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for HotpProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HotpProfile")
            .field("shared_secret", &redact(&self.shared_secret))
            .field("extra", &self.extra)
            .finish()
    }
}

impl PartialEq for HotpProfile {
    fn eq(&self, other: &Self) -> bool {
        self.shared_secret.as_ref().map(ExposeSecret::expose_secret)
            == other
                .shared_secret
                .as_ref()
                .map(ExposeSecret::expose_secret)
            && self.extra == other.extra
    }
}

/// The profile of a WebAuthn factor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebAuthnProfile {
    /// The authenticator's name, such as `MacBook Touch ID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_name: Option<String>,
    /// The credential id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An SMS factor.
pub type SmsFactor = FactorOf<SmsProfile>;
/// A call factor.
pub type CallFactor = FactorOf<CallProfile>;
/// An email factor.
pub type EmailFactor = FactorOf<EmailProfile>;
/// An Okta Verify push factor.
pub type PushFactor = FactorOf<PushProfile>;
/// A security question factor.
pub type SecurityQuestionFactor = FactorOf<SecurityQuestionProfile>;
/// A token factor (`token`, `token:hardware`, `token:software:totp`), a U2F or a web factor.
pub type TokenFactor = FactorOf<TokenProfile>;
/// A custom HOTP factor.
pub type HotpFactor = FactorOf<HotpProfile>;
/// A WebAuthn factor.
pub type WebAuthnFactor = FactorOf<WebAuthnProfile>;
/// A factor of a kind this SDK has no profile type for (such as `signed_nonce`), or one that
/// did not decode as its kind: the profile is kept as a JSON object.
pub type GenericFactor = FactorOf<Map<String, Value>>;

/// A user's factor, by `factorType`.
///
/// ```
/// use okta_mgmt::{FactorType, UserFactor};
///
/// let factor: UserFactor = serde_json::from_value(serde_json::json!({
///     "id": "mbl1", "factorType": "sms", "provider": "OKTA", "status": "ACTIVE",
///     "profile": {"phoneNumber": "+15551234567"}
/// })).unwrap();
/// let UserFactor::Sms(sms) = &factor else { panic!("an SMS factor") };
/// assert_eq!(sms.profile.as_ref().unwrap().phone_number.as_deref(), Some("+15551234567"));
///
/// let new: UserFactor = serde_json::from_value(serde_json::json!({
///     "id": "x1", "factorType": "face:scan", "profile": {"model": "v2"}
/// })).unwrap();
/// assert_eq!(new.factor_type(), &FactorType::Unknown("face:scan".into()));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum UserFactor {
    /// `call`.
    Call(CallFactor),
    /// `email`.
    Email(EmailFactor),
    /// `push`.
    Push(PushFactor),
    /// `question`.
    Question(SecurityQuestionFactor),
    /// `sms`.
    Sms(SmsFactor),
    /// `token` (RSA SecurID, Symantec VIP).
    Token(TokenFactor),
    /// `token:hardware` (YubiKey OTP).
    TokenHardware(TokenFactor),
    /// `token:hotp` (custom HOTP).
    TokenHotp(HotpFactor),
    /// `token:software:totp` (Okta Verify, Google Authenticator).
    TokenSoftwareTotp(TokenFactor),
    /// `u2f`.
    U2f(TokenFactor),
    /// `web` (Duo).
    Web(TokenFactor),
    /// `webauthn`.
    WebAuthn(WebAuthnFactor),
    /// `signed_nonce`, a kind this SDK does not know, or a record that did not decode as its
    /// kind. Written back as it was read.
    Other(GenericFactor),
}

impl UserFactor {
    /// An SMS factor to enroll.
    pub fn sms(phone_number: impl Into<String>) -> Self {
        UserFactor::Sms(FactorOf::new(
            FactorType::Sms,
            FactorProvider::Okta,
            Some(SmsProfile {
                phone_number: Some(phone_number.into()),
                extra: Map::new(),
            }),
        ))
    }

    /// A call factor to enroll.
    pub fn call(phone_number: impl Into<String>) -> Self {
        UserFactor::Call(FactorOf::new(
            FactorType::Call,
            FactorProvider::Okta,
            Some(CallProfile {
                phone_number: Some(phone_number.into()),
                phone_extension: None,
                extra: Map::new(),
            }),
        ))
    }

    /// An email factor to enroll.
    pub fn email(email: impl Into<String>) -> Self {
        UserFactor::Email(FactorOf::new(
            FactorType::Email,
            FactorProvider::Okta,
            Some(EmailProfile {
                email: Some(email.into()),
                extra: Map::new(),
            }),
        ))
    }

    /// An Okta Verify push factor to enroll (the answer carries the QR code to scan).
    pub fn push() -> Self {
        UserFactor::Push(FactorOf::new(FactorType::Push, FactorProvider::Okta, None))
    }

    /// A security question factor to enroll, with the question's key (see
    /// [`Factors::list_security_questions`]) and the answer.
    pub fn question(question: impl Into<String>, answer: SecretString) -> Self {
        UserFactor::Question(FactorOf::new(
            FactorType::Question,
            FactorProvider::Okta,
            Some(SecurityQuestionProfile {
                question: Some(question.into()),
                question_text: None,
                answer: Some(answer),
                extra: Map::new(),
            }),
        ))
    }

    /// A TOTP factor to enroll (`OKTA` for Okta Verify, `GOOGLE` for Google Authenticator);
    /// the answer carries the shared secret and QR code.
    pub fn totp(provider: FactorProvider) -> Self {
        UserFactor::TokenSoftwareTotp(FactorOf::new(FactorType::TokenSoftwareTotp, provider, None))
    }

    /// A YubiKey OTP factor to enroll, with a code from the key (`verify.passCode`).
    pub fn yubikey(pass_code: impl Into<String>) -> Self {
        let mut factor = FactorOf::new(FactorType::TokenHardware, FactorProvider::Yubico, None);
        factor.extra.insert(
            "verify".into(),
            serde_json::json!({ "passCode": pass_code.into() }),
        );
        UserFactor::TokenHardware(factor)
    }

    /// A WebAuthn factor to enroll (the answer carries the activation options).
    pub fn webauthn() -> Self {
        UserFactor::WebAuthn(FactorOf::new(
            FactorType::WebAuthn,
            FactorProvider::Fido,
            None,
        ))
    }

    /// The kind of factor.
    pub fn factor_type(&self) -> &FactorType {
        self.common().factor_type
    }

    /// The factor's id.
    pub fn id(&self) -> Option<&str> {
        self.common().id.as_deref()
    }

    /// The status.
    pub fn status(&self) -> Option<&FactorStatus> {
        self.common().status.as_ref()
    }

    /// The provider.
    pub fn provider(&self) -> Option<&FactorProvider> {
        self.common().provider.as_ref()
    }

    /// `_links`.
    pub fn links(&self) -> Option<&Links> {
        self.common().links.as_ref()
    }

    /// `_embedded` (such as the `activation` of a TOTP or push factor).
    pub fn embedded(&self) -> Option<&Links> {
        self.common().embedded.as_ref()
    }

    fn common(&self) -> Common<'_> {
        macro_rules! common {
            ($f:expr) => {
                Common {
                    id: &$f.id,
                    factor_type: &$f.factor_type,
                    provider: &$f.provider,
                    status: &$f.status,
                    links: &$f.links,
                    embedded: &$f.embedded,
                }
            };
        }
        match self {
            UserFactor::Call(f) => common!(f),
            UserFactor::Email(f) => common!(f),
            UserFactor::Push(f) => common!(f),
            UserFactor::Question(f) => common!(f),
            UserFactor::Sms(f) => common!(f),
            UserFactor::Token(f)
            | UserFactor::TokenHardware(f)
            | UserFactor::TokenSoftwareTotp(f)
            | UserFactor::U2f(f)
            | UserFactor::Web(f) => common!(f),
            UserFactor::TokenHotp(f) => common!(f),
            UserFactor::WebAuthn(f) => common!(f),
            UserFactor::Other(f) => common!(f),
        }
    }
}

struct Common<'f> {
    id: &'f Option<String>,
    factor_type: &'f FactorType,
    provider: &'f Option<FactorProvider>,
    status: &'f Option<FactorStatus>,
    links: &'f Option<Links>,
    embedded: &'f Option<Links>,
}

impl<'de> Deserialize<'de> for UserFactor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        Ok(UserFactor::from_map(map))
    }
}

impl UserFactor {
    fn from_map(map: Map<String, Value>) -> Self {
        use crate::poly::try_typed;
        let kind = map
            .get("factorType")
            .and_then(Value::as_str)
            .map(FactorType::from);
        let decoded = match &kind {
            Some(FactorType::Call) => try_typed(map).map(UserFactor::Call),
            Some(FactorType::Email) => try_typed(map).map(UserFactor::Email),
            Some(FactorType::Push) => try_typed(map).map(UserFactor::Push),
            Some(FactorType::Question) => try_typed(map).map(UserFactor::Question),
            Some(FactorType::Sms) => try_typed(map).map(UserFactor::Sms),
            Some(FactorType::Token) => try_typed(map).map(UserFactor::Token),
            Some(FactorType::TokenHardware) => try_typed(map).map(UserFactor::TokenHardware),
            Some(FactorType::TokenHotp) => try_typed(map).map(UserFactor::TokenHotp),
            Some(FactorType::TokenSoftwareTotp) => {
                try_typed(map).map(UserFactor::TokenSoftwareTotp)
            }
            Some(FactorType::U2f) => try_typed(map).map(UserFactor::U2f),
            Some(FactorType::Web) => try_typed(map).map(UserFactor::Web),
            Some(FactorType::WebAuthn) => try_typed(map).map(UserFactor::WebAuthn),
            _ => Err(map),
        };
        let map = match decoded.map_err(try_typed::<FactorOf<Map<String, Value>>>) {
            Ok(factor) => return factor,
            Err(Ok(generic)) => return UserFactor::Other(generic),
            Err(Err(map)) => map,
        };
        // Not even the common fields decode (say an `id` that is a number, or no
        // `factorType`): keep everything as it came, the factor type aside.
        let mut extra = map;
        let factor_type = match extra.get("factorType").and_then(Value::as_str) {
            Some(kind) => {
                let kind = FactorType::from(kind);
                extra.remove("factorType");
                kind
            }
            None => FactorType::Unknown(String::new()),
        };
        UserFactor::Other(FactorOf {
            id: None,
            factor_type,
            provider: None,
            vendor_name: None,
            status: None,
            created: None,
            last_updated: None,
            profile: None,
            links: None,
            embedded: None,
            extra,
        })
    }
}

impl Serialize for UserFactor {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            UserFactor::Call(f) => f.serialize(serializer),
            UserFactor::Email(f) => f.serialize(serializer),
            UserFactor::Push(f) => f.serialize(serializer),
            UserFactor::Question(f) => f.serialize(serializer),
            UserFactor::Sms(f) => f.serialize(serializer),
            UserFactor::Token(f)
            | UserFactor::TokenHardware(f)
            | UserFactor::TokenSoftwareTotp(f)
            | UserFactor::U2f(f)
            | UserFactor::Web(f) => f.serialize(serializer),
            UserFactor::TokenHotp(f) => f.serialize(serializer),
            UserFactor::WebAuthn(f) => f.serialize(serializer),
            UserFactor::Other(f) if f.factor_type.as_str().is_empty() => {
                // A record read without a factor type: write back exactly what came.
                let mut value = serde_json::to_value(f).map_err(S::Error::custom)?;
                if let Value::Object(map) = &mut value {
                    if map.get("factorType") == Some(&Value::String(String::new())) {
                        map.remove("factorType");
                    }
                }
                value.serialize(serializer)
            }
            UserFactor::Other(f) => f.serialize(serializer),
        }
    }
}

/// A factor the user may enroll, from [`Factors::list_supported`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SupportedFactor {
    /// The kind of factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_type: Option<FactorType>,
    /// Who provides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<FactorProvider>,
    /// The vendor's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_name: Option<String>,
    /// Whether the user has enrolled it (`NOT_SETUP`, `ACTIVE`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FactorStatus>,
    /// Whether the sign-on policy requires it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment: Option<FactorEnrollment>,
    /// `_links`: such as `enroll`.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A security question the user may choose, from [`Factors::list_security_questions`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SecurityQuestion {
    /// The question's key, such as `disliked_food`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    /// The question as shown to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_text: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The result of a verification ([`Factors::verify`]) or of a push transaction
/// ([`Factors::transaction_status`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FactorTransaction {
    /// The result: `WAITING` while a push has no answer, then `SUCCESS`, `REJECTED`,
    /// `TIMEOUT`, ...
    pub factor_result: FactorResult,
    /// A message about the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_message: Option<String>,
    /// When the transaction expires (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The profile of the factor used (such as `credentialId`), kept as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Map<String, Value>>,
    /// `_links`: `poll` and `cancel` while waiting, `verify` and `factor` after.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`: the number `challenge` of a push with number matching.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl FactorTransaction {
    /// The transaction id to poll with [`Factors::transaction_status`]: the last segment of
    /// the `poll` link, while a push waits.
    pub fn transaction_id(&self) -> Option<&str> {
        let href = self.links.as_ref()?.get("poll")?.get("href")?.as_str()?;
        let path = href.split(['?', '#']).next()?;
        path.rsplit('/').next().filter(|id| !id.is_empty())
    }

    /// The number the user must pick in Okta Verify (`_embedded.challenge.correctAnswer`),
    /// for a push with number matching.
    pub fn correct_answer(&self) -> Option<i64> {
        self.embedded
            .as_ref()?
            .get("challenge")?
            .get("correctAnswer")?
            .as_i64()
    }
}

/// A YubiKey OTP token uploaded to the org.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct YubikeyOtpToken {
    /// The token's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<YubikeyTokenStatus>,
    /// When the token was uploaded (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When it was activated (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated: Option<String>,
    /// When it last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// When it was last verified (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_verified: Option<String>,
    /// The profile (such as `serial`), kept as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Map<String, Value>>,
    /// `_links`.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`: such as the assigned `user`.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The seed of a YubiKey OTP token to upload ([`Factors::upload_yubikey_token_seed`]). The
/// private id and AES key are secrets; `Debug` does not show them.
#[derive(Clone)]
#[non_exhaustive]
pub struct YubikeyTokenSeed {
    /// The key's serial number.
    pub serial_number: String,
    /// The key's public id.
    pub public_id: String,
    /// The key's private id.
    pub private_id: SecretString,
    /// The AES key.
    pub aes_key: SecretString,
}

impl YubikeyTokenSeed {
    /// A seed from the values of the YubiKey personalization tool.
    pub fn new(
        serial_number: impl Into<String>,
        public_id: impl Into<String>,
        private_id: SecretString,
        aes_key: SecretString,
    ) -> Self {
        YubikeyTokenSeed {
            serial_number: serial_number.into(),
            public_id: public_id.into(),
            private_id,
            aes_key,
        }
    }
}

impl fmt::Debug for YubikeyTokenSeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("YubikeyTokenSeed")
            .field("serial_number", &self.serial_number)
            .field("public_id", &self.public_id)
            .field("private_id", &"[REDACTED]")
            .field("aes_key", &"[REDACTED]")
            .finish()
    }
}

impl Serialize for YubikeyTokenSeed {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("serialNumber", &self.serial_number)?;
        map.serialize_entry("publicId", &self.public_id)?;
        map.serialize_entry("privateId", self.private_id.expose_secret())?;
        map.serialize_entry("aesKey", self.aes_key.expose_secret())?;
        map.end()
    }
}

/// The body of [`Factors::activate`]: what proves the user holds the factor. Only the fields
/// that are set are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FactorActivation {
    /// The code from the SMS, call, email or TOTP app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_code: Option<String>,
    /// Whether a push uses number matching.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_number_matching_challenge: Option<bool>,
    /// The client data (U2F, WebAuthn; base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_data: Option<String>,
    /// The registration data (U2F; base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_data: Option<String>,
    /// The attestation (WebAuthn; base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<String>,
}

impl FactorActivation {
    /// Activation with a code (SMS, call, email, TOTP).
    pub fn pass_code(code: impl Into<String>) -> Self {
        FactorActivation {
            pass_code: Some(code.into()),
            ..FactorActivation::default()
        }
    }

    /// Activation of a U2F key.
    pub fn u2f(registration_data: impl Into<String>, client_data: impl Into<String>) -> Self {
        FactorActivation {
            registration_data: Some(registration_data.into()),
            client_data: Some(client_data.into()),
            ..FactorActivation::default()
        }
    }

    /// Activation of a WebAuthn authenticator.
    pub fn webauthn(attestation: impl Into<String>, client_data: impl Into<String>) -> Self {
        FactorActivation {
            attestation: Some(attestation.into()),
            client_data: Some(client_data.into()),
            ..FactorActivation::default()
        }
    }
}

fn factors_path(user_id: &str) -> String {
    format!("{}/factors", user_path(user_id))
}

fn factor_path(user_id: &str, factor_id: &str) -> String {
    format!("{}/{}", factors_path(user_id), segment(factor_id))
}

const YUBIKEY_TOKENS: &str = "/api/v1/org/factors/yubikey_token/tokens";

/// The factor endpoints, from [`Okta::factors`](crate::Okta::factors).
#[derive(Debug, Clone, Copy)]
pub struct Factors<'a> {
    client: &'a Client,
}

impl<'a> Factors<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Factors { client }
    }

    /// Lists the user's enrolled factors (`GET /api/v1/users/{userId}/factors`).
    #[doc(alias = "listFactors")]
    pub fn list(&self, user_id: &str) -> ListFactors<'a> {
        List::new(self.client, factors_path(user_id))
    }

    /// Starts enrolling a factor for the user (`POST /api/v1/users/{userId}/factors`): set the
    /// options on the builder, then [`send`](EnrollFactor::send).
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use okta_mgmt::{FactorActivation, UserFactor};
    ///
    /// let factor = okta.factors().enroll("00u1", UserFactor::sms("+15551234567")).update_phone(true).send().await?;
    /// let code = "123456"; // from the text message
    /// okta.factors().activate("00u1", factor.id().unwrap_or_default(), &FactorActivation::pass_code(code)).await?;
    /// # Ok(()) }
    /// ```
    #[doc(alias = "enrollFactor")]
    pub fn enroll(&self, user_id: &str, factor: UserFactor) -> EnrollFactor<'a> {
        EnrollFactor {
            client: self.client,
            user_id: user_id.to_owned(),
            factor,
            update_phone: None,
            template_id: None,
            token_lifetime_seconds: None,
            activate: None,
            accept_language: None,
        }
    }

    /// Lists the factors the user may enroll (`GET /api/v1/users/{userId}/factors/catalog`).
    #[doc(alias = "listSupportedFactors")]
    pub fn list_supported(&self, user_id: &str) -> ListSupportedFactors<'a> {
        List::new(self.client, format!("{}/catalog", factors_path(user_id)))
    }

    /// Lists the security questions the user may choose
    /// (`GET /api/v1/users/{userId}/factors/questions`).
    #[doc(alias = "listSupportedSecurityQuestions")]
    pub fn list_security_questions(&self, user_id: &str) -> ListSecurityQuestions<'a> {
        List::new(self.client, format!("{}/questions", factors_path(user_id)))
    }

    /// Fetches one of the user's factors (`GET /api/v1/users/{userId}/factors/{factorId}`).
    #[doc(alias = "getFactor")]
    pub async fn get(&self, user_id: &str, factor_id: &str) -> Result<UserFactor> {
        self.client
            .get(&factor_path(user_id, factor_id))
            .send()
            .await?
            .json()
    }

    /// Unenrolls a factor (`DELETE /api/v1/users/{userId}/factors/{factorId}`). With
    /// `remove_recovery_enrollment` true, a phone or email used for recovery is removed too.
    #[doc(alias = "unenrollFactor")]
    pub async fn unenroll(
        &self,
        user_id: &str,
        factor_id: &str,
        remove_recovery_enrollment: bool,
    ) -> Result<()> {
        self.client
            .delete(&factor_path(user_id, factor_id))
            .query(
                "removeRecoveryEnrollment",
                if remove_recovery_enrollment {
                    "true"
                } else {
                    "false"
                },
            )
            .send()
            .await?;
        Ok(())
    }

    /// Activates a factor enrolled without activation
    /// (`POST /api/v1/users/{userId}/factors/{factorId}/lifecycle/activate`). A push factor
    /// answers `PENDING_ACTIVATION` until the user scans the QR code: poll with
    /// [`get`](Self::get).
    #[doc(alias = "activateFactor")]
    pub async fn activate(
        &self,
        user_id: &str,
        factor_id: &str,
        activation: &FactorActivation,
    ) -> Result<UserFactor> {
        self.client
            .post(&format!(
                "{}/lifecycle/activate",
                factor_path(user_id, factor_id)
            ))
            .json(activation)
            .send()
            .await?
            .json()
    }

    /// Sends the enrollment code of an SMS, call or email factor again
    /// (`POST /api/v1/users/{userId}/factors/{factorId}/resend`). `factor` is the factor as
    /// enrolled (its type, provider and profile are sent); `template_id` picks a custom SMS
    /// template.
    #[doc(alias = "resendEnrollFactor")]
    pub async fn resend_enroll(
        &self,
        user_id: &str,
        factor_id: &str,
        factor: &UserFactor,
        template_id: Option<&str>,
    ) -> Result<UserFactor> {
        let mut request = self
            .client
            .post(&format!("{}/resend", factor_path(user_id, factor_id)));
        if let Some(template_id) = template_id {
            request = request.query("templateId", template_id);
        }
        request.json(factor).send().await?.json()
    }

    /// Fetches the status of a push verification
    /// (`GET /api/v1/users/{userId}/factors/{factorId}/transactions/{transactionId}`); the
    /// transaction id is [`FactorTransaction::transaction_id`] of the verification.
    #[doc(alias = "getFactorTransactionStatus")]
    pub async fn transaction_status(
        &self,
        user_id: &str,
        factor_id: &str,
        transaction_id: &str,
    ) -> Result<FactorTransaction> {
        self.client
            .get(&format!(
                "{}/transactions/{}",
                factor_path(user_id, factor_id),
                segment(transaction_id)
            ))
            .send()
            .await?
            .json()
    }

    /// Starts verifying a factor (`POST /api/v1/users/{userId}/factors/{factorId}/verify`):
    /// set the proof on the builder (a code, an answer, nothing to send a push or a
    /// challenge), then [`send`](VerifyFactor::send).
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use okta_mgmt::FactorResult;
    ///
    /// let result = okta.factors().verify("00u1", "opf1").send().await?;
    /// if result.factor_result == FactorResult::Waiting {
    ///     let id = result.transaction_id().unwrap_or_default();
    ///     let status = okta.factors().transaction_status("00u1", "opf1", id).await?;
    ///     println!("push: {}", status.factor_result);
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "verifyFactor")]
    pub fn verify(&self, user_id: &str, factor_id: &str) -> VerifyFactor<'a> {
        VerifyFactor {
            client: self.client,
            path: format!("{}/verify", factor_path(user_id, factor_id)),
            body: VerifyBody::default(),
            template_id: None,
            token_lifetime_seconds: None,
            headers: Vec::new(),
        }
    }

    /// Lists the org's YubiKey OTP tokens (`GET /api/v1/org/factors/yubikey_token/tokens`).
    #[doc(alias = "listYubikeyOtpTokens")]
    pub fn list_yubikey_tokens(&self) -> ListYubikeyTokens<'a> {
        ListYubikeyTokens {
            list: List::new(self.client, YUBIKEY_TOKENS),
        }
    }

    /// Uploads the seed of a YubiKey OTP token (`POST /api/v1/org/factors/yubikey_token/tokens`),
    /// so a user can enroll the key.
    #[doc(alias = "uploadYubikeyOtpTokenSeed")]
    pub async fn upload_yubikey_token_seed(
        &self,
        seed: &YubikeyTokenSeed,
    ) -> Result<YubikeyOtpToken> {
        self.client
            .post(YUBIKEY_TOKENS)
            .json(seed)
            .send()
            .await?
            .json()
    }

    /// Fetches a YubiKey OTP token (`GET /api/v1/org/factors/yubikey_token/tokens/{tokenId}`).
    #[doc(alias = "getYubikeyOtpTokenById")]
    pub async fn get_yubikey_token(&self, token_id: &str) -> Result<YubikeyOtpToken> {
        self.client
            .get(&format!("{YUBIKEY_TOKENS}/{}", segment(token_id)))
            .send()
            .await?
            .json()
    }
}

/// The listing of [`Factors::list`].
pub type ListFactors<'a> = List<'a, UserFactor>;
/// The listing of [`Factors::list_supported`].
pub type ListSupportedFactors<'a> = List<'a, SupportedFactor>;
/// The listing of [`Factors::list_security_questions`].
pub type ListSecurityQuestions<'a> = List<'a, SecurityQuestion>;

/// The request of [`Factors::enroll`].
#[must_use = "a factor is enrolled only when sent"]
#[derive(Debug)]
pub struct EnrollFactor<'a> {
    client: &'a Client,
    user_id: String,
    factor: UserFactor,
    update_phone: Option<bool>,
    template_id: Option<String>,
    token_lifetime_seconds: Option<u32>,
    activate: Option<bool>,
    accept_language: Option<String>,
}

impl EnrollFactor<'_> {
    /// `updatePhone`: replace the phone number of an SMS or call factor already enrolled.
    pub fn update_phone(mut self, update: bool) -> Self {
        self.update_phone = Some(update);
        self
    }

    /// `templateId`: the custom SMS template of the enrollment message.
    pub fn template_id(mut self, template_id: impl Into<String>) -> Self {
        self.template_id = Some(template_id.into());
        self
    }

    /// `tokenLifetimeSeconds`: how long the enrollment code of an email factor is valid.
    pub fn token_lifetime_seconds(mut self, seconds: u32) -> Self {
        self.token_lifetime_seconds = Some(seconds);
        self
    }

    /// `activate`: activate the factor at once (email, call, SMS; for a push, the answer
    /// carries the activation QR code).
    pub fn activate(mut self, activate: bool) -> Self {
        self.activate = Some(activate);
        self
    }

    /// `Accept-Language`: the language of the enrollment message, such as `fr`.
    pub fn accept_language(mut self, language: impl Into<String>) -> Self {
        self.accept_language = Some(language.into());
        self
    }

    /// Sends the request and returns the enrolled factor.
    pub async fn send(self) -> Result<UserFactor> {
        let mut request = self.client.post(&factors_path(&self.user_id));
        if let Some(update) = self.update_phone {
            request = request.query("updatePhone", if update { "true" } else { "false" });
        }
        if let Some(template_id) = &self.template_id {
            request = request.query("templateId", template_id);
        }
        if let Some(seconds) = self.token_lifetime_seconds {
            request = request.query("tokenLifetimeSeconds", &seconds.to_string());
        }
        if let Some(activate) = self.activate {
            request = request.query("activate", if activate { "true" } else { "false" });
        }
        if let Some(language) = &self.accept_language {
            request = request.header("Accept-Language", language);
        }
        request.json(&self.factor).send().await?.json()
    }
}

#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct VerifyBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pass_code: Option<String>,
    #[serde(with = "secret_opt", skip_serializing_if = "Option::is_none", default)]
    answer: Option<SecretString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    use_number_matching_challenge: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authenticator_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_pass_code: Option<String>,
}

impl VerifyBody {
    fn is_empty(&self) -> bool {
        self.pass_code.is_none()
            && self.answer.is_none()
            && self.use_number_matching_challenge.is_none()
            && self.client_data.is_none()
            && self.signature_data.is_none()
            && self.authenticator_data.is_none()
            && self.next_pass_code.is_none()
    }
}

/// The request of [`Factors::verify`]. `Debug` does not show the answer.
#[must_use = "a factor is verified only when sent"]
pub struct VerifyFactor<'a> {
    client: &'a Client,
    path: String,
    body: VerifyBody,
    template_id: Option<String>,
    token_lifetime_seconds: Option<u32>,
    headers: Vec<(&'static str, String)>,
}

impl fmt::Debug for VerifyFactor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyFactor")
            .field("path", &self.path)
            .field("pass_code", &self.body.pass_code)
            .field("answer", &redact(&self.body.answer))
            .field("template_id", &self.template_id)
            .field("token_lifetime_seconds", &self.token_lifetime_seconds)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl VerifyFactor<'_> {
    /// `passCode`: the code from an SMS, call, email, TOTP app or token.
    pub fn pass_code(mut self, code: impl Into<String>) -> Self {
        self.body.pass_code = Some(code.into());
        self
    }

    /// `nextPassCode`: the next code of an RSA or Symantec token, when Okta asks for it.
    pub fn next_pass_code(mut self, code: impl Into<String>) -> Self {
        self.body.next_pass_code = Some(code.into());
        self
    }

    /// `answer`: the answer to a security question.
    pub fn answer(mut self, answer: SecretString) -> Self {
        self.body.answer = Some(answer);
        self
    }

    /// `useNumberMatchingChallenge`: send a push with number matching.
    pub fn use_number_matching_challenge(mut self, use_it: bool) -> Self {
        self.body.use_number_matching_challenge = Some(use_it);
        self
    }

    /// The signed assertion of a U2F key or WebAuthn authenticator (base64url values;
    /// `authenticator_data` is WebAuthn only).
    pub fn assertion(
        mut self,
        client_data: impl Into<String>,
        signature_data: impl Into<String>,
        authenticator_data: Option<String>,
    ) -> Self {
        self.body.client_data = Some(client_data.into());
        self.body.signature_data = Some(signature_data.into());
        self.body.authenticator_data = authenticator_data;
        self
    }

    /// `templateId`: the custom SMS template of the challenge.
    pub fn template_id(mut self, template_id: impl Into<String>) -> Self {
        self.template_id = Some(template_id.into());
        self
    }

    /// `tokenLifetimeSeconds`: how long the code of an email challenge is valid.
    pub fn token_lifetime_seconds(mut self, seconds: u32) -> Self {
        self.token_lifetime_seconds = Some(seconds);
        self
    }

    /// `X-Forwarded-For`: the end user's IP address, for a push shown with its location.
    pub fn forwarded_for(mut self, ip: impl Into<String>) -> Self {
        self.headers.push(("X-Forwarded-For", ip.into()));
        self
    }

    /// `User-Agent`: the end user's browser, for a push shown with it.
    pub fn end_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.headers.push(("User-Agent", user_agent.into()));
        self
    }

    /// `Accept-Language`: the language of the challenge message, such as `fr`.
    pub fn accept_language(mut self, language: impl Into<String>) -> Self {
        self.headers.push(("Accept-Language", language.into()));
        self
    }

    /// Sends the request. A push answers [`FactorResult::Waiting`] (HTTP 201) with a `poll`
    /// link; a code answers `SUCCESS` or an error.
    pub async fn send(self) -> Result<FactorTransaction> {
        let mut request: RequestBuilder = self.client.post(&self.path);
        if let Some(template_id) = &self.template_id {
            request = request.query("templateId", template_id);
        }
        if let Some(seconds) = self.token_lifetime_seconds {
            request = request.query("tokenLifetimeSeconds", &seconds.to_string());
        }
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        if !self.body.is_empty() {
            request = request.json(&self.body);
        }
        request.send().await?.json()
    }
}

/// The query of [`Factors::list_yubikey_tokens`].
#[must_use = "a list does nothing until streamed or paged"]
#[derive(Debug, Clone)]
pub struct ListYubikeyTokens<'a> {
    list: List<'a, YubikeyOtpToken>,
}

impl ListYubikeyTokens<'_> {
    /// `filter`: an expression over `profile.serial`, `profile.email`, `user.id`, `status`,
    /// `created`, `activated` or `lastVerified`.
    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.list = self.list.filter(expression);
        self
    }

    /// `limit`: tokens per page (at most 200).
    pub fn limit(mut self, limit: u32) -> Self {
        self.list = self.list.limit(limit);
        self
    }

    /// `after`: the cursor to start after.
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.list = self.list.after(cursor);
        self
    }

    /// `sortBy`: the property to sort by (the ones `filter` accepts).
    pub fn sort_by(mut self, property: impl Into<String>) -> Self {
        self.list = self.list.sort_by(property);
        self
    }

    /// `sortOrder`: `ASC` or `DESC`.
    pub fn sort_order(mut self, order: impl Into<String>) -> Self {
        self.list = self.list.sort_order(order);
        self
    }

    /// `expand`: embed related resources, such as `user`.
    pub fn expand(mut self, expand: impl Into<String>) -> Self {
        self.list = self.list.param("expand", expand);
        self
    }

    /// `forDownload`: ask for a CSV download of the tokens (the answer is not JSON, so use
    /// [`into_request`](Self::into_request) and read the body).
    pub fn for_download(mut self, for_download: bool) -> Self {
        self.list = self
            .list
            .param("forDownload", if for_download { "true" } else { "false" });
        self
    }

    /// The raw request.
    pub fn into_request(self) -> RequestBuilder {
        self.list.into_request()
    }

    /// Streams every matching token, fetching pages lazily.
    pub fn stream(self) -> PageStream<YubikeyOtpToken> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<YubikeyOtpToken>> {
        self.into_request().page().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(input: Value) -> UserFactor {
        let factor: UserFactor = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(serde_json::to_value(&factor).unwrap(), input);
        factor
    }

    #[test]
    fn every_known_factor_type_decodes_to_its_variant_and_round_trips() {
        let cases = [
            (
                json!({"id": "c1", "factorType": "call", "provider": "OKTA", "profile": {"phoneNumber": "+15551234567", "phoneExtension": "1234"}}),
                "Call",
            ),
            (
                json!({"id": "e1", "factorType": "email", "provider": "OKTA", "profile": {"email": "ada@example.com"}}),
                "Email",
            ),
            (
                json!({"id": "p1", "factorType": "push", "provider": "OKTA", "profile": {"credentialId": "ada@example.com", "deviceType": "SmartPhone_IPhone", "platform": "IOS", "name": "Ada's iPhone", "version": "17.0"}}),
                "Push",
            ),
            (
                json!({"id": "q1", "factorType": "question", "provider": "OKTA", "profile": {"question": "disliked_food", "questionText": "What is the food you least liked as a child?"}}),
                "Question",
            ),
            (
                json!({"id": "s1", "factorType": "sms", "provider": "OKTA", "status": "ACTIVE", "profile": {"phoneNumber": "+15551234567"}}),
                "Sms",
            ),
            (
                json!({"id": "t1", "factorType": "token", "provider": "RSA", "profile": {"credentialId": "ada"}}),
                "Token",
            ),
            (
                json!({"id": "y1", "factorType": "token:hardware", "provider": "YUBICO", "profile": {"credentialId": "000004102994"}}),
                "TokenHardware",
            ),
            (
                json!({"id": "h1", "factorType": "token:hotp", "provider": "CUSTOM", "factorProfileId": "fpr1", "profile": {}}),
                "TokenHotp",
            ),
            (
                json!({"id": "o1", "factorType": "token:software:totp", "provider": "GOOGLE", "profile": {"credentialId": "ada@example.com"}}),
                "TokenSoftwareTotp",
            ),
            (
                json!({"id": "u1", "factorType": "u2f", "provider": "FIDO", "profile": {"credentialId": "GAiiLsVab2m3-zL1Fi3bVtNrM9G6_MntUITHKjxkV24ktGKjLSCRnz72wCEdHCe18IvC69Aia0sE4UpsO0HpFQ"}}),
                "U2f",
            ),
            (
                json!({"id": "w1", "factorType": "web", "provider": "DUO", "profile": {"credentialId": "ada"}}),
                "Web",
            ),
            (
                json!({"id": "a1", "factorType": "webauthn", "provider": "FIDO", "profile": {"authenticatorName": "MacBook Touch ID", "credentialId": "l3Br0n-7H3g047NqESqJynFtIgf3Ix9OfaRoNwLoloso99Xl2zS_O7EXUkmPeAIzTVtEL4dYjicJWBz7NpqhGA"}}),
                "WebAuthn",
            ),
        ];
        for (input, variant) in cases {
            let factor = round_trip(input);
            let debug = format!("{factor:?}");
            assert!(debug.starts_with(&format!("{variant}(")), "{debug}");
        }
    }

    #[test]
    fn unknown_factor_type_is_kept_exactly() {
        let factor = round_trip(json!({
            "id": "f1", "factorType": "face:scan", "provider": "ACME", "status": "ACTIVE",
            "profile": {"model": "v2"}, "_links": {"self": {"href": "https://x/f1"}}, "newField": [1, 2]
        }));
        let UserFactor::Other(generic) = &factor else {
            panic!("{factor:?}")
        };
        assert_eq!(generic.factor_type, FactorType::Unknown("face:scan".into()));
        assert_eq!(
            generic.provider,
            Some(FactorProvider::Unknown("ACME".into()))
        );
        assert_eq!(generic.extra["newField"], json!([1, 2]));
    }

    #[test]
    fn signed_nonce_decodes_as_generic_and_round_trips() {
        let factor = round_trip(
            json!({"id": "n1", "factorType": "signed_nonce", "provider": "OKTA", "profile": {"deviceToken": "d", "keys": [{"kty": "EC"}]}}),
        );
        assert_eq!(factor.factor_type(), &FactorType::SignedNonce);
        assert!(matches!(factor, UserFactor::Other(_)));
    }

    #[test]
    fn a_known_type_with_an_odd_profile_falls_back_without_losing_fields() {
        // `phoneNumber` is a number here: the typed decode fails, the generic one keeps it.
        let factor = round_trip(
            json!({"id": "s1", "factorType": "sms", "profile": {"phoneNumber": 15551234567_u64}}),
        );
        assert!(matches!(factor, UserFactor::Other(_)), "{factor:?}");
        assert_eq!(factor.factor_type(), &FactorType::Sms);
    }

    #[test]
    fn records_with_odd_common_fields_or_no_factor_type_still_decode_and_round_trip() {
        let factor = round_trip(json!({"id": 42, "factorType": "sms", "status": "ACTIVE"}));
        assert_eq!(factor.factor_type(), &FactorType::Sms);
        let factor = round_trip(json!({"id": "x", "status": "ACTIVE"}));
        assert!(matches!(factor, UserFactor::Other(_)));
        let factor = round_trip(json!({"id": "x", "factorType": 7}));
        assert!(matches!(factor, UserFactor::Other(_)));
    }

    #[test]
    fn unknown_status_and_extra_fields_survive_in_a_typed_variant() {
        let factor = round_trip(
            json!({"id": "s1", "factorType": "sms", "status": "QUARANTINED", "profile": {"phoneNumber": "+1555", "carrier": "x"}, "_embedded": {"activation": {"expiresAt": "2026-01-01T00:00:00.000Z"}}}),
        );
        let UserFactor::Sms(sms) = &factor else {
            panic!("{factor:?}")
        };
        assert_eq!(
            sms.status,
            Some(FactorStatus::Unknown("QUARANTINED".into()))
        );
        assert_eq!(sms.profile.as_ref().unwrap().extra["carrier"], "x");
    }

    #[test]
    fn enrollment_bodies_send_only_what_is_set_and_hide_secrets_from_debug() {
        assert_eq!(
            serde_json::to_value(UserFactor::sms("+15551234567")).unwrap(),
            json!({"factorType": "sms", "provider": "OKTA", "profile": {"phoneNumber": "+15551234567"}})
        );
        let question = UserFactor::question("disliked_food", SecretString::from("mayonnaise"));
        assert_eq!(
            serde_json::to_value(&question).unwrap(),
            json!({"factorType": "question", "provider": "OKTA", "profile": {"question": "disliked_food", "answer": "mayonnaise"}})
        );
        assert!(!format!("{question:?}").contains("mayonnaise"));
        assert_eq!(
            serde_json::to_value(UserFactor::yubikey("cccccceukngd")).unwrap(),
            json!({"factorType": "token:hardware", "provider": "YUBICO", "verify": {"passCode": "cccccceukngd"}})
        );
        let seed = YubikeyTokenSeed::new(
            "7886622",
            "ccccccijgibu",
            SecretString::from("b74be6169486"),
            SecretString::from("1fcc6d8ce39bf1604e0b17f3e0a11067"),
        );
        let shown = format!("{seed:?}");
        assert!(
            !shown.contains("b74be6169486") && !shown.contains("1fcc6d8c"),
            "{shown}"
        );
    }

    #[test]
    fn transaction_exposes_poll_id_and_number_challenge() {
        let input = json!({
            "factorResult": "WAITING", "expiresAt": "2026-01-01T00:05:00.000Z",
            "profile": {"credentialId": "ada@example.com"},
            "_embedded": {"challenge": {"correctAnswer": 72}},
            "_links": {"poll": {"href": "https://x.okta.com/api/v1/users/00u1/factors/opf1/transactions/v2mst.GldKV5VxTrifyeZmWSQguA", "hints": {"allow": ["GET"]}}}
        });
        let transaction: FactorTransaction = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(
            transaction.transaction_id(),
            Some("v2mst.GldKV5VxTrifyeZmWSQguA")
        );
        assert_eq!(transaction.correct_answer(), Some(72));
        assert_eq!(serde_json::to_value(&transaction).unwrap(), input);
        let odd: FactorTransaction =
            serde_json::from_value(json!({"factorResult": "DEFERRED"})).unwrap();
        assert_eq!(odd.factor_result, FactorResult::Unknown("DEFERRED".into()));
        assert_eq!(odd.transaction_id(), None);
    }
}
