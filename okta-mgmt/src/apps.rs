//! Applications: the polymorphic [`Application`] model (one variant per `signOnMode`), app
//! user and group assignments, and the [`Apps`] endpoints (`/api/v1/apps`).
//!
//! An application's shape depends on its `signOnMode`. [`Application`] has a typed variant for
//! each sign-on mode this SDK models and [`Application::Other`] for the rest: a sign-on mode
//! Okta adds later (or `SAML_1_1`, which cannot be created through the API) decodes into
//! [`GenericApplication`], which keeps every field and writes it back exactly as it came. A
//! record of a known sign-on mode whose fields do not fit the typed variant also falls back to
//! [`Application::Other`] instead of failing the page it is on.
//!
//! The typed variants keep every field too (fields they do not name go to their `extra`
//! maps, at every level), with one difference: a `null` in a field they name reads as `None`
//! and is left out when the app is written back. The generic variant keeps `null`s as well.

use std::fmt;

use okta_core::http::Method;
use okta_core::{Client, Page, PageStream, RequestBuilder, Result};
use serde::de::{DeserializeOwned, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, segment, Links};
use crate::poly::{serialize_tagged, take, try_typed};

okta_enum! {
    /// How users sign in to an application (`signOnMode`), which decides the application's
    /// shape.
    pub enum SignOnMode {
        /// A Secure Web Authentication app with a custom sign-in page (`AUTO_LOGIN`).
        AutoLogin => "AUTO_LOGIN",
        /// HTTP Basic Authentication (`BASIC_AUTH`).
        BasicAuth => "BASIC_AUTH",
        /// A link to a URL (`BOOKMARK`).
        Bookmark => "BOOKMARK",
        /// Secure Web Authentication through the Okta browser plugin (`BROWSER_PLUGIN`).
        BrowserPlugin => "BROWSER_PLUGIN",
        /// An OAuth 2.0 / OpenID Connect client (`OPENID_CONNECT`).
        OpenIdConnect => "OPENID_CONNECT",
        /// SAML 1.1 (`SAML_1_1`; such apps come from the Okta Integration Network only).
        Saml11 => "SAML_1_1",
        /// SAML 2.0 (`SAML_2_0`).
        Saml2 => "SAML_2_0",
        /// Secure Web Authentication with an HTTP POST sign-in (`SECURE_PASSWORD_STORE`).
        SecurePasswordStore => "SECURE_PASSWORD_STORE",
        /// WS-Federation (`WS_FEDERATION`).
        WsFederation => "WS_FEDERATION",
    }
}

okta_enum! {
    /// An application's lifecycle status.
    pub enum ApplicationStatus {
        /// Active: users can sign in.
        Active => "ACTIVE",
        /// Deactivated.
        Inactive => "INACTIVE",
        /// Deleted (listed only on request).
        Deleted => "DELETED",
    }
}

okta_enum! {
    /// How a user's name in an app is built (`credentials.userNameTemplate.type`).
    pub enum UserNameTemplateType {
        /// No template.
        None => "NONE",
        /// One of Okta's built-in expressions.
        BuiltIn => "BUILT_IN",
        /// A custom expression.
        Custom => "CUSTOM",
    }
}

okta_enum! {
    /// Who sets an app's sign-in credentials (`credentials.scheme`).
    pub enum CredentialsScheme {
        /// An administrator sets the username and password.
        AdminSetsCredentials => "ADMIN_SETS_CREDENTIALS",
        /// The administrator sets the username, the user the password.
        EditPasswordOnly => "EDIT_PASSWORD_ONLY",
        /// The user sets the username and password.
        EditUsernameAndPassword => "EDIT_USERNAME_AND_PASSWORD",
        /// The user's Okta password is used.
        ExternalPasswordSync => "EXTERNAL_PASSWORD_SYNC",
        /// Every user shares one username and password.
        SharedUsernameAndPassword => "SHARED_USERNAME_AND_PASSWORD",
    }
}

okta_enum! {
    /// The kind of OpenID Connect client (`application_type`).
    pub enum OidcApplicationType {
        /// A single-page app running in a browser.
        Browser => "browser",
        /// A native or mobile app.
        Native => "native",
        /// A machine-to-machine service.
        Service => "service",
        /// A web app with a back end.
        Web => "web",
    }
}

okta_enum! {
    /// An OAuth 2.0 grant type a client may use.
    pub enum GrantType {
        /// `authorization_code`.
        AuthorizationCode => "authorization_code",
        /// `client_credentials`.
        ClientCredentials => "client_credentials",
        /// `implicit`.
        Implicit => "implicit",
        /// `interaction_code` (Okta Identity Engine).
        InteractionCode => "interaction_code",
        /// `password`.
        Password => "password",
        /// `refresh_token`.
        RefreshToken => "refresh_token",
        /// The device authorization grant.
        DeviceCode => "urn:ietf:params:oauth:grant-type:device_code",
        /// The JWT bearer grant.
        JwtBearer => "urn:ietf:params:oauth:grant-type:jwt-bearer",
        /// The SAML 2.0 bearer grant.
        Saml2Bearer => "urn:ietf:params:oauth:grant-type:saml2-bearer",
        /// Token exchange.
        TokenExchange => "urn:ietf:params:oauth:grant-type:token-exchange",
        /// Client-initiated backchannel authentication.
        Ciba => "urn:openid:params:grant-type:ciba",
        /// Okta's one-time passcode grant.
        Otp => "urn:okta:params:oauth:grant-type:otp",
        /// Okta's out-of-band grant.
        Oob => "urn:okta:params:oauth:grant-type:oob",
        /// The MFA one-time passcode grant.
        MfaOtp => "http://auth0.com/oauth/grant-type/mfa-otp",
        /// The MFA out-of-band grant.
        MfaOob => "http://auth0.com/oauth/grant-type/mfa-oob",
    }
}

okta_enum! {
    /// How a client authenticates at the token endpoint (`token_endpoint_auth_method`).
    pub enum TokenEndpointAuthMethod {
        /// No client authentication (public clients, with PKCE).
        None => "none",
        /// HTTP Basic with the client secret.
        ClientSecretBasic => "client_secret_basic",
        /// The client secret in the form body.
        ClientSecretPost => "client_secret_post",
        /// A JWT signed with the client secret.
        ClientSecretJwt => "client_secret_jwt",
        /// A JWT signed with the client's private key.
        PrivateKeyJwt => "private_key_jwt",
    }
}

/// Defines an application model of one sign-on mode: the fields every application has, then
/// the given ones.
macro_rules! application_struct {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($fields:tt)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct $name {
            /// The app's id, such as `0oa1gjh63g214q0Hq0g4` (absent before creation).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            /// The key name of the app's template, such as `oidc_client` or `bookmark`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            /// The name shown to users. (A record without one decodes as
            /// [`Application::Other`].)
            pub label: String,
            /// The lifecycle status.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub status: Option<ApplicationStatus>,
            /// When the app was created (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created: Option<String>,
            /// When the app last changed (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub last_updated: Option<String>,
            /// The enabled features, such as `PUSH_NEW_USERS` (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub features: Option<Vec<String>>,
            /// Self-service assignment and custom error pages.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub accessibility: Option<ApplicationAccessibility>,
            /// Where the app shows up for users.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub visibility: Option<ApplicationVisibility>,
            /// Custom properties that token claims and assertions can refer to.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub profile: Option<Map<String, Value>>,
            $($fields)*
            /// `_links`: related resources and the lifecycle operations allowed now.
            #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
            pub links: Option<Links>,
            /// `_embedded`: resources embedded on request (such as an app user).
            #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
            pub embedded: Option<Links>,
            /// Fields this SDK does not model (such as `licensing`, `orn` or
            /// `universalLogout`), kept and written back as they came.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        impl $name {
            /// An app with this label and template key name, nothing else set.
            fn blank(label: impl Into<String>, name: Option<&str>) -> Self {
                $name {
                    id: None,
                    name: name.map(str::to_owned),
                    label: label.into(),
                    status: None,
                    created: None,
                    last_updated: None,
                    features: None,
                    accessibility: None,
                    visibility: None,
                    profile: None,
                    credentials: None,
                    settings: None,
                    links: None,
                    embedded: None,
                    extra: Map::new(),
                }
            }
        }
    };
}

/// Defines the `settings` of one sign-on mode: the settings every application has, then the
/// given ones.
macro_rules! settings_struct {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($fields:tt)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct $name {
            $($fields)*
            /// Whether Okta assigns users to the app from their roles or groups.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub implicit_assignment: Option<bool>,
            /// The id of the inline hook called on sign-in.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub inline_hook_id: Option<String>,
            /// Notes shown to administrators and users.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub notes: Option<ApplicationNotes>,
            /// Other settings (such as `notifications` or `identityStoreId`), kept as they came.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }
    };
}

/// Self-service assignment and custom error pages of an app (`accessibility`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ApplicationAccessibility {
    /// Whether users can assign the app to themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_service: Option<bool>,
    /// A custom error page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_redirect_url: Option<String>,
    /// A custom sign-in page (deprecated by Okta).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_redirect_url: Option<String>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where an app shows up for users (`visibility`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ApplicationVisibility {
    /// Whether users are signed in to the app when they sign in to Okta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_launch: Option<bool>,
    /// Whether the sign-in form is submitted when the user lands on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_submit_toolbar: Option<bool>,
    /// Where the app is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide: Option<ApplicationVisibilityHide>,
    /// Which of the app's links appear on the End-User Dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_links: Option<Map<String, Value>>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where an app is hidden (`visibility.hide`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplicationVisibilityHide {
    /// Hidden in Okta Mobile.
    #[serde(rename = "iOS", default, skip_serializing_if = "Option::is_none")]
    pub ios: Option<bool>,
    /// Hidden on the End-User Dashboard in a browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<bool>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Notes of an app (`settings.notes`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplicationNotes {
    /// A note for administrators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<String>,
    /// A note shown on the End-User Dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enduser: Option<String>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How a user's name in the app is built (`credentials.userNameTemplate`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserNameTemplate {
    /// The expression, such as `${source.login}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The kind of expression.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<UserNameTemplateType>,
    /// A suffix appended to built-in expressions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_suffix: Option<String>,
    /// Whether the name is pushed to the app on updates (`PUSH`, `DONT_PUSH`,
    /// `NOT_CONFIGURED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_status: Option<String>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The signing key of an app (`credentials.signing`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SigningCredentials {
    /// The key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// When the key was last rotated (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_rotated: Option<String>,
    /// When the key is next rotated (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_rotation: Option<String>,
    /// How the key is rotated, such as `AUTO` or `MANUAL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_mode: Option<String>,
    /// What the key is used for, such as `sig`.
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The credentials of an app that has only a signing key and a username template (SAML 2.0,
/// bookmark, WS-Federation).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ApplicationCredentials {
    /// The signing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<SigningCredentials>,
    /// How users' names in the app are built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name_template: Option<UserNameTemplate>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A password sent to Okta (`{"value": ...}`). Okta never returns the value; it answers an
/// empty object when a password is set. `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PasswordValue {
    /// The password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Other fields (such as `hash` or `hook`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PasswordValue {
    /// A password with this value.
    pub fn new(value: impl Into<String>) -> Self {
        PasswordValue {
            value: Some(value.into()),
            extra: Map::new(),
        }
    }
}

impl fmt::Debug for PasswordValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordValue")
            .field("value", &self.value.as_ref().map(|_| "[REDACTED]"))
            .field("extra", &self.extra.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The credentials of a Secure Web Authentication or Basic Authentication app.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SchemeApplicationCredentials {
    /// Who sets the credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<CredentialsScheme>,
    /// The shared username (with `SHARED_USERNAME_AND_PASSWORD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// The shared password (write-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordValue>,
    /// Whether users may see their password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveal_password: Option<bool>,
    /// The signing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<SigningCredentials>,
    /// How users' names in the app are built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name_template: Option<UserNameTemplate>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The OAuth 2.0 client credentials of an OpenID Connect app (`credentials.oauthClient`).
/// `Debug` never shows the client secret.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OAuthClientCredentials {
    /// The client id (Okta makes one when it is not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The client secret of a confidential client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// How the client authenticates at the token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_endpoint_auth_method: Option<TokenEndpointAuthMethod>,
    /// Whether the client must use PKCE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pkce_required: Option<bool>,
    /// Whether Okta rotates the client's keys.
    #[serde(
        rename = "autoKeyRotation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auto_key_rotation: Option<bool>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for OAuthClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClientCredentials")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field(
                "token_endpoint_auth_method",
                &self.token_endpoint_auth_method,
            )
            .field("pkce_required", &self.pkce_required)
            .field("auto_key_rotation", &self.auto_key_rotation)
            .field("extra", &self.extra)
            .finish()
    }
}

/// The credentials of an OpenID Connect app.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OAuthApplicationCredentials {
    /// The OAuth 2.0 client credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_client: Option<OAuthClientCredentials>,
    /// The signing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<SigningCredentials>,
    /// How users' names in the app are built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name_template: Option<UserNameTemplate>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The OAuth 2.0 / OpenID Connect client settings of an app (`settings.oauthClient`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OidcClientSettings {
    /// The kind of client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_type: Option<OidcApplicationType>,
    /// The grant types the client may use.
    #[serde(default)]
    pub grant_types: Vec<GrantType>,
    /// The response types the client may ask for (`code`, `token`, `id_token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_types: Option<Vec<String>>,
    /// Where Okta may redirect after sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uris: Option<Vec<String>>,
    /// Where Okta may redirect after sign-out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// A URL a third party can use to start sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiate_login_uri: Option<String>,
    /// A page about the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    /// The client's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<String>,
    /// The client's policy document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_uri: Option<String>,
    /// The client's terms of service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tos_uri: Option<String>,
    /// The client's JSON Web Key Set URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_uri: Option<String>,
    /// Whether users consent to scopes (`REQUIRED`, `TRUSTED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_method: Option<String>,
    /// Which issuer tokens carry (`ORG_URL`, `CUSTOM_URL`, `DYNAMIC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_mode: Option<String>,
    /// Whether redirect URIs may use a wildcard subdomain (`DISABLED`, `SUBDOMAIN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wildcard_redirect: Option<String>,
    /// Whether access tokens are DPoP-bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_bound_access_tokens: Option<bool>,
    /// Other settings (such as `refresh_token`, `jwks` or `idp_initiated_login`), kept as they
    /// came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OidcClientSettings {
    /// Client settings of this kind with these grant types.
    pub fn new(
        application_type: OidcApplicationType,
        grant_types: impl IntoIterator<Item = GrantType>,
    ) -> Self {
        OidcClientSettings {
            application_type: Some(application_type),
            grant_types: grant_types.into_iter().collect(),
            ..OidcClientSettings::default()
        }
    }

    /// Sets the redirect URIs.
    pub fn redirect_uris<I, S>(mut self, uris: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.redirect_uris = Some(uris.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the sign-out redirect URIs.
    pub fn post_logout_redirect_uris<I, S>(mut self, uris: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.post_logout_redirect_uris = Some(uris.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the response types (`code`, `token`, `id_token`).
    pub fn response_types<I, S>(mut self, types: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.response_types = Some(types.into_iter().map(Into::into).collect());
        self
    }
}

settings_struct! {
    /// The settings of an OpenID Connect app.
    OidcApplicationSettings {
        /// The OAuth 2.0 / OpenID Connect client settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub oauth_client: Option<OidcClientSettings>,
    }
}

/// The SAML 2.0 settings of an app (`settings.signOn`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SamlSignOn {
    /// The Assertion Consumer Service URL of the service provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_acs_url: Option<String>,
    /// Where the assertion may be presented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Where the response is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// The service provider's entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// The resource to open after IdP-initiated sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_relay_state: Option<String>,
    /// The issuer of the assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp_issuer: Option<String>,
    /// The template of the subject's name id, such as `${user.userName}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_name_id_template: Option<String>,
    /// The format of the subject's name id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_name_id_format: Option<String>,
    /// Whether the response is signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_signed: Option<bool>,
    /// Whether the assertion is signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assertion_signed: Option<bool>,
    /// The signature algorithm (`RSA_SHA256`, `RSA_SHA1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_algorithm: Option<String>,
    /// The digest algorithm (`SHA256`, `SHA1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest_algorithm: Option<String>,
    /// Whether a `ForceAuthn` request makes users sign in again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honor_force_authn: Option<bool>,
    /// The authentication context class of the assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authn_context_class_ref: Option<String>,
    /// Whether SAML requests are compressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_compressed: Option<bool>,
    /// Whether the app has several ACS URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_multiple_acs_endpoints: Option<bool>,
    /// Custom attribute statements, as Okta writes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_statements: Option<Vec<Value>>,
    /// Other settings (such as `acsEndpoints`, `slo` or `spCertificate`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SamlSignOn {
    /// SAML settings for a service provider with this ACS URL and entity id: the ACS URL is
    /// also the recipient and destination, the response and assertion are signed with
    /// RSA-SHA256, the name id is the Okta username (unspecified format), `ForceAuthn` is
    /// honored, requests are not compressed and there is one ACS URL.
    pub fn new(sso_acs_url: impl Into<String>, audience: impl Into<String>) -> Self {
        let acs = sso_acs_url.into();
        SamlSignOn {
            recipient: Some(acs.clone()),
            destination: Some(acs.clone()),
            sso_acs_url: Some(acs),
            audience: Some(audience.into()),
            subject_name_id_template: Some("${user.userName}".into()),
            subject_name_id_format: Some(
                "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified".into(),
            ),
            response_signed: Some(true),
            assertion_signed: Some(true),
            signature_algorithm: Some("RSA_SHA256".into()),
            digest_algorithm: Some("SHA256".into()),
            honor_force_authn: Some(true),
            authn_context_class_ref: Some(
                "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport".into(),
            ),
            request_compressed: Some(false),
            allow_multiple_acs_endpoints: Some(false),
            ..SamlSignOn::default()
        }
    }
}

settings_struct! {
    /// The settings of a SAML 2.0 app.
    SamlApplicationSettings {
        /// The SAML 2.0 settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sign_on: Option<SamlSignOn>,
    }
}

/// The sign-in pages of an `AUTO_LOGIN` app (`settings.signOn`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AutoLoginSignOn {
    /// The sign-in page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_url: Option<String>,
    /// A second sign-in page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// Other settings, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

settings_struct! {
    /// The settings of an `AUTO_LOGIN` app.
    AutoLoginApplicationSettings {
        /// The sign-in pages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sign_on: Option<AutoLoginSignOn>,
    }
}

/// The link of a bookmark app (`settings.app`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BookmarkAppSettings {
    /// The URL the bookmark opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether Okta is asked to build an integration for the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_integration: Option<bool>,
    /// Other settings, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

settings_struct! {
    /// The settings of a bookmark app.
    BookmarkApplicationSettings {
        /// The link.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app: Option<BookmarkAppSettings>,
    }
}

/// The pages of a Basic Authentication app (`settings.app`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BasicAuthAppSettings {
    /// The sign-in page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The page that authenticates.
    #[serde(rename = "authURL", default, skip_serializing_if = "Option::is_none")]
    pub auth_url: Option<String>,
    /// Other settings, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

settings_struct! {
    /// The settings of a Basic Authentication app.
    BasicAuthApplicationSettings {
        /// The pages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app: Option<BasicAuthAppSettings>,
    }
}

/// The sign-in form of a browser-plugin app (`settings.app`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BrowserPluginAppSettings {
    /// The sign-in page (`template_swa`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// CSS selector of the username field (`template_swa`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_field: Option<String>,
    /// CSS selector of the password field (`template_swa`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_field: Option<String>,
    /// CSS selector of the sign-in button (`template_swa`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button_field: Option<String>,
    /// A regular expression restricting the sign-in page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_url_regex: Option<String>,
    /// The sign-in page (`template_swa3field`).
    #[serde(rename = "targetURL", default, skip_serializing_if = "Option::is_none")]
    pub target_url: Option<String>,
    /// Other settings (the selectors of `template_swa3field`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

settings_struct! {
    /// The settings of a browser-plugin app.
    BrowserPluginApplicationSettings {
        /// The sign-in form.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app: Option<BrowserPluginAppSettings>,
    }
}

/// The sign-in form of a Secure Password Store app (`settings.app`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SecurePasswordStoreAppSettings {
    /// The page the form posts to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The name of the username parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_field: Option<String>,
    /// The name of the password parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_field: Option<String>,
    /// Other settings (`optionalField1` ... `optionalField3Value`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

settings_struct! {
    /// The settings of a Secure Password Store app.
    SecurePasswordStoreApplicationSettings {
        /// The sign-in form.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app: Option<SecurePasswordStoreAppSettings>,
    }
}

/// The WS-Federation settings of an app (`settings.app`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WsFederationAppSettings {
    /// The app's launch URL.
    #[serde(rename = "siteURL", default, skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    /// The endpoint users sign in at.
    #[serde(rename = "wReplyURL", default, skip_serializing_if = "Option::is_none")]
    pub w_reply_url: Option<String>,
    /// Whether the app may override `wReplyURL` with a reply parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w_reply_override: Option<bool>,
    /// The service provider's entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience_restriction: Option<String>,
    /// The realm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
    /// The username format of the response.
    #[serde(
        rename = "nameIDFormat",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_id_format: Option<String>,
    /// The authentication context class of the assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authn_context_class_ref: Option<String>,
    /// The format of group values (`windowsDomainQualifiedName`, `samAccountName`, `dn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_value_format: Option<String>,
    /// Which extra username attributes are sent (`username`, `upn`, `upnAndUsername`,
    /// `none`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_attribute: Option<String>,
    /// Other settings (such as `groupFilter` or `attributeStatements`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl WsFederationAppSettings {
    /// WS-Federation settings for these URLs and entity id: the username is sent in the
    /// unspecified format, the authentication context is password over TLS, groups are sent
    /// as domain-qualified names and no extra username attribute is sent.
    pub fn new(
        site_url: impl Into<String>,
        w_reply_url: impl Into<String>,
        audience_restriction: impl Into<String>,
    ) -> Self {
        WsFederationAppSettings {
            site_url: Some(site_url.into()),
            w_reply_url: Some(w_reply_url.into()),
            audience_restriction: Some(audience_restriction.into()),
            name_id_format: Some("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified".into()),
            authn_context_class_ref: Some(
                "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport".into(),
            ),
            group_value_format: Some("windowsDomainQualifiedName".into()),
            username_attribute: Some("none".into()),
            ..WsFederationAppSettings::default()
        }
    }
}

settings_struct! {
    /// The settings of a WS-Federation app.
    WsFederationApplicationSettings {
        /// The WS-Federation settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app: Option<WsFederationAppSettings>,
    }
}

application_struct! {
    /// An OAuth 2.0 / OpenID Connect client (`signOnMode: OPENID_CONNECT`).
    OidcApplication {
        /// The client credentials.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<OAuthApplicationCredentials>,
        /// The client settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<OidcApplicationSettings>,
    }
}

impl OidcApplication {
    /// A new OpenID Connect client (`name: oidc_client`) with these client settings.
    pub fn new(label: impl Into<String>, client: OidcClientSettings) -> Self {
        let mut app = Self::blank(label, Some("oidc_client"));
        app.settings = Some(OidcApplicationSettings {
            oauth_client: Some(client),
            ..Default::default()
        });
        app
    }

    /// Sets how the client authenticates at the token endpoint.
    pub fn token_endpoint_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.credentials
            .get_or_insert_with(Default::default)
            .oauth_client
            .get_or_insert_with(Default::default)
            .token_endpoint_auth_method = Some(method);
        self
    }
}

application_struct! {
    /// A SAML 2.0 app (`signOnMode: SAML_2_0`).
    SamlApplication {
        /// The signing key and username template.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<ApplicationCredentials>,
        /// The SAML settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<SamlApplicationSettings>,
    }
}

impl SamlApplication {
    /// A new custom SAML 2.0 app (Okta makes its `name`).
    pub fn new(label: impl Into<String>, sign_on: SamlSignOn) -> Self {
        let mut app = Self::blank(label, None);
        app.settings = Some(SamlApplicationSettings {
            sign_on: Some(sign_on),
            ..Default::default()
        });
        app
    }
}

application_struct! {
    /// A Secure Web Authentication app with a custom sign-in page (`signOnMode: AUTO_LOGIN`).
    AutoLoginApplication {
        /// Who sets the credentials.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<SchemeApplicationCredentials>,
        /// The sign-in pages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<AutoLoginApplicationSettings>,
    }
}

impl AutoLoginApplication {
    /// A new custom SWA app signing in at `login_url` (Okta makes its `name`).
    pub fn new(label: impl Into<String>, login_url: impl Into<String>) -> Self {
        let mut app = Self::blank(label, None);
        app.settings = Some(AutoLoginApplicationSettings {
            sign_on: Some(AutoLoginSignOn {
                login_url: Some(login_url.into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        app
    }
}

application_struct! {
    /// A link to a URL (`signOnMode: BOOKMARK`).
    BookmarkApplication {
        /// The signing key and username template.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<ApplicationCredentials>,
        /// The link.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<BookmarkApplicationSettings>,
    }
}

impl BookmarkApplication {
    /// A new bookmark (`name: bookmark`) to `url`.
    pub fn new(label: impl Into<String>, url: impl Into<String>) -> Self {
        let mut app = Self::blank(label, Some("bookmark"));
        app.settings = Some(BookmarkApplicationSettings {
            app: Some(BookmarkAppSettings {
                url: Some(url.into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        app
    }
}

application_struct! {
    /// An HTTP Basic Authentication app (`signOnMode: BASIC_AUTH`).
    BasicAuthApplication {
        /// Who sets the credentials.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<SchemeApplicationCredentials>,
        /// The pages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<BasicAuthApplicationSettings>,
    }
}

impl BasicAuthApplication {
    /// A new Basic Authentication app (`name: template_basic_auth`) with this sign-in page
    /// and authenticating page.
    pub fn new(
        label: impl Into<String>,
        url: impl Into<String>,
        auth_url: impl Into<String>,
    ) -> Self {
        let mut app = Self::blank(label, Some("template_basic_auth"));
        app.settings = Some(BasicAuthApplicationSettings {
            app: Some(BasicAuthAppSettings {
                url: Some(url.into()),
                auth_url: Some(auth_url.into()),
                extra: Map::new(),
            }),
            ..Default::default()
        });
        app
    }
}

application_struct! {
    /// A Secure Web Authentication app signed in by the browser plugin
    /// (`signOnMode: BROWSER_PLUGIN`).
    BrowserPluginApplication {
        /// Who sets the credentials.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<SchemeApplicationCredentials>,
        /// The sign-in form.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<BrowserPluginApplicationSettings>,
    }
}

impl BrowserPluginApplication {
    /// A new SWA app (`name: template_swa`) whose sign-in form at `url` has these username,
    /// password and button CSS selectors.
    pub fn new(
        label: impl Into<String>,
        url: impl Into<String>,
        username_field: impl Into<String>,
        password_field: impl Into<String>,
        button_field: impl Into<String>,
    ) -> Self {
        let mut app = Self::blank(label, Some("template_swa"));
        app.settings = Some(BrowserPluginApplicationSettings {
            app: Some(BrowserPluginAppSettings {
                url: Some(url.into()),
                username_field: Some(username_field.into()),
                password_field: Some(password_field.into()),
                button_field: Some(button_field.into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        app
    }
}

application_struct! {
    /// A Secure Web Authentication app that signs in with an HTTP POST
    /// (`signOnMode: SECURE_PASSWORD_STORE`).
    SecurePasswordStoreApplication {
        /// Who sets the credentials.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<SchemeApplicationCredentials>,
        /// The sign-in form.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<SecurePasswordStoreApplicationSettings>,
    }
}

impl SecurePasswordStoreApplication {
    /// A new Secure Password Store app (`name: template_sps`) posting to `url` with these
    /// username and password parameter names.
    pub fn new(
        label: impl Into<String>,
        url: impl Into<String>,
        username_field: impl Into<String>,
        password_field: impl Into<String>,
    ) -> Self {
        let mut app = Self::blank(label, Some("template_sps"));
        app.settings = Some(SecurePasswordStoreApplicationSettings {
            app: Some(SecurePasswordStoreAppSettings {
                url: Some(url.into()),
                username_field: Some(username_field.into()),
                password_field: Some(password_field.into()),
                extra: Map::new(),
            }),
            ..Default::default()
        });
        app
    }
}

application_struct! {
    /// A WS-Federation app (`signOnMode: WS_FEDERATION`).
    WsFederationApplication {
        /// The signing key and username template.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<ApplicationCredentials>,
        /// The WS-Federation settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub settings: Option<WsFederationApplicationSettings>,
    }
}

impl WsFederationApplication {
    /// A new WS-Federation app (`name: template_wsfed`) with these settings.
    pub fn new(label: impl Into<String>, settings: WsFederationAppSettings) -> Self {
        let mut app = Self::blank(label, Some("template_wsfed"));
        app.settings = Some(WsFederationApplicationSettings {
            app: Some(settings),
            ..Default::default()
        });
        app
    }
}

/// An application of a sign-on mode this SDK has no typed model for (or whose fields did not
/// fit its typed model). The common fields it could read are typed; everything else, and any
/// field of an unexpected shape, stays in [`extra`](GenericApplication::extra), so the app is
/// written back exactly as it came.
#[derive(Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GenericApplication {
    /// The sign-on mode, when it is a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_on_mode: Option<SignOnMode>,
    /// The app's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The key name of the app's template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The name shown to users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApplicationStatus>,
    /// When the app was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the app last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// `_links`: related resources.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Every other field (such as `settings` and `credentials`), kept as it came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Shows the names of the [`extra`](GenericApplication::extra) fields, not their values:
/// they hold the credentials of apps the SDK does not model, client secrets included.
impl fmt::Debug for GenericApplication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenericApplication")
            .field("sign_on_mode", &self.sign_on_mode)
            .field("id", &self.id)
            .field("name", &self.name)
            .field("label", &self.label)
            .field("status", &self.status)
            .field("created", &self.created)
            .field("last_updated", &self.last_updated)
            .field("extra", &self.extra.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl GenericApplication {
    /// Reads the common fields out of `map`, keeping the rest.
    pub fn from_map(mut map: Map<String, Value>) -> Self {
        GenericApplication {
            sign_on_mode: take(&mut map, "signOnMode"),
            id: take(&mut map, "id"),
            name: take(&mut map, "name"),
            label: take(&mut map, "label"),
            status: take(&mut map, "status"),
            created: take(&mut map, "created"),
            last_updated: take(&mut map, "lastUpdated"),
            links: take(&mut map, "_links"),
            extra: map,
        }
    }
}

impl<'de> Deserialize<'de> for GenericApplication {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(Self::from_map(Map::deserialize(deserializer)?))
    }
}

/// An Okta application, typed by its `signOnMode`.
///
/// Decoding never fails because of the sign-on mode: an unknown one (or a record that does
/// not fit its typed model) becomes [`Application::Other`], which writes back exactly what it
/// read.
///
/// ```
/// use okta_mgmt::apps::{Application, BookmarkApplication, SignOnMode};
///
/// let app: Application = BookmarkApplication::new("Wiki", "https://wiki.example.com").into();
/// assert_eq!(app.sign_on_mode(), SignOnMode::Bookmark);
/// let json = serde_json::to_value(&app).unwrap();
/// assert_eq!(json["signOnMode"], "BOOKMARK");
/// assert_eq!(json["settings"]["app"]["url"], "https://wiki.example.com");
///
/// let future: Application = serde_json::from_value(serde_json::json!({
///     "id": "0oa1", "label": "New", "signOnMode": "PASSKEY_MAGIC", "settings": {"x": 1}
/// })).unwrap();
/// assert_eq!(future.sign_on_mode(), SignOnMode::Unknown("PASSKEY_MAGIC".into()));
/// assert_eq!(serde_json::to_value(&future).unwrap()["settings"]["x"], 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Application {
    /// `OPENID_CONNECT`.
    OpenIdConnect(OidcApplication),
    /// `SAML_2_0`.
    Saml2(SamlApplication),
    /// `AUTO_LOGIN`.
    AutoLogin(AutoLoginApplication),
    /// `BOOKMARK`.
    Bookmark(BookmarkApplication),
    /// `BASIC_AUTH`.
    BasicAuth(BasicAuthApplication),
    /// `BROWSER_PLUGIN`.
    BrowserPlugin(BrowserPluginApplication),
    /// `SECURE_PASSWORD_STORE`.
    SecurePasswordStore(SecurePasswordStoreApplication),
    /// `WS_FEDERATION`.
    WsFederation(WsFederationApplication),
    /// Any other sign-on mode (including `SAML_1_1` and modes Okta adds later), or a record
    /// that does not fit its typed model.
    Other(GenericApplication),
}

/// Runs `$body` with `$app` bound to the typed struct of any variant but `Other`.
macro_rules! typed_app {
    ($self:expr, $app:ident => $body:expr, $other:ident => $fallback:expr) => {
        match $self {
            Application::OpenIdConnect($app) => $body,
            Application::Saml2($app) => $body,
            Application::AutoLogin($app) => $body,
            Application::Bookmark($app) => $body,
            Application::BasicAuth($app) => $body,
            Application::BrowserPlugin($app) => $body,
            Application::SecurePasswordStore($app) => $body,
            Application::WsFederation($app) => $body,
            Application::Other($other) => $fallback,
        }
    };
}

impl Application {
    /// The sign-on mode. For [`Application::Other`] without a string `signOnMode` this is
    /// `Unknown("")`.
    pub fn sign_on_mode(&self) -> SignOnMode {
        match self {
            Application::OpenIdConnect(_) => SignOnMode::OpenIdConnect,
            Application::Saml2(_) => SignOnMode::Saml2,
            Application::AutoLogin(_) => SignOnMode::AutoLogin,
            Application::Bookmark(_) => SignOnMode::Bookmark,
            Application::BasicAuth(_) => SignOnMode::BasicAuth,
            Application::BrowserPlugin(_) => SignOnMode::BrowserPlugin,
            Application::SecurePasswordStore(_) => SignOnMode::SecurePasswordStore,
            Application::WsFederation(_) => SignOnMode::WsFederation,
            Application::Other(app) => app
                .sign_on_mode
                .clone()
                .unwrap_or_else(|| SignOnMode::Unknown(String::new())),
        }
    }

    /// The app's id (absent before creation).
    pub fn id(&self) -> Option<&str> {
        typed_app!(self, app => app.id.as_deref(), other => other.id.as_deref())
    }

    /// The name shown to users.
    pub fn label(&self) -> Option<&str> {
        typed_app!(self, app => Some(app.label.as_str()), other => other.label.as_deref())
    }

    /// The key name of the app's template, such as `oidc_client`.
    pub fn name(&self) -> Option<&str> {
        typed_app!(self, app => app.name.as_deref(), other => other.name.as_deref())
    }

    /// The lifecycle status.
    pub fn status(&self) -> Option<&ApplicationStatus> {
        typed_app!(self, app => app.status.as_ref(), other => other.status.as_ref())
    }

    /// `_links`.
    pub fn links(&self) -> Option<&Links> {
        typed_app!(self, app => app.links.as_ref(), other => other.links.as_ref())
    }

    /// Fields the model of this variant does not name, kept as they came.
    pub fn extra(&self) -> &Map<String, Value> {
        typed_app!(self, app => &app.extra, other => &other.extra)
    }
}

/// Decodes `map` as the typed variant `T`, putting the discriminator back when it does not
/// fit.
fn decode_variant<T: DeserializeOwned>(
    mut map: Map<String, Value>,
    wrap: fn(T) -> Application,
) -> Application {
    let mode = map.remove("signOnMode");
    match try_typed::<T>(map) {
        Ok(app) => wrap(app),
        Err(mut map) => {
            if let Some(mode) = mode {
                map.insert("signOnMode".into(), mode);
            }
            Application::Other(GenericApplication::from_map(map))
        }
    }
}

impl<'de> Deserialize<'de> for Application {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let map = Map::deserialize(deserializer)?;
        let mode = map
            .get("signOnMode")
            .and_then(Value::as_str)
            .map(SignOnMode::from);
        Ok(match mode {
            Some(SignOnMode::OpenIdConnect) => decode_variant(map, Application::OpenIdConnect),
            Some(SignOnMode::Saml2) => decode_variant(map, Application::Saml2),
            Some(SignOnMode::AutoLogin) => decode_variant(map, Application::AutoLogin),
            Some(SignOnMode::Bookmark) => decode_variant(map, Application::Bookmark),
            Some(SignOnMode::BasicAuth) => decode_variant(map, Application::BasicAuth),
            Some(SignOnMode::BrowserPlugin) => decode_variant(map, Application::BrowserPlugin),
            Some(SignOnMode::SecurePasswordStore) => {
                decode_variant(map, Application::SecurePasswordStore)
            }
            Some(SignOnMode::WsFederation) => decode_variant(map, Application::WsFederation),
            _ => Application::Other(GenericApplication::from_map(map)),
        })
    }
}

impl Serialize for Application {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        const KEY: &str = "signOnMode";
        match self {
            Application::OpenIdConnect(app) => {
                serialize_tagged(app, KEY, "OPENID_CONNECT", serializer)
            }
            Application::Saml2(app) => serialize_tagged(app, KEY, "SAML_2_0", serializer),
            Application::AutoLogin(app) => serialize_tagged(app, KEY, "AUTO_LOGIN", serializer),
            Application::Bookmark(app) => serialize_tagged(app, KEY, "BOOKMARK", serializer),
            Application::BasicAuth(app) => serialize_tagged(app, KEY, "BASIC_AUTH", serializer),
            Application::BrowserPlugin(app) => {
                serialize_tagged(app, KEY, "BROWSER_PLUGIN", serializer)
            }
            Application::SecurePasswordStore(app) => {
                serialize_tagged(app, KEY, "SECURE_PASSWORD_STORE", serializer)
            }
            Application::WsFederation(app) => {
                serialize_tagged(app, KEY, "WS_FEDERATION", serializer)
            }
            Application::Other(app) => app.serialize(serializer),
        }
    }
}

macro_rules! from_variant {
    ($($ty:ident => $variant:ident),+ $(,)?) => {
        $(
            impl From<$ty> for Application {
                fn from(app: $ty) -> Self {
                    Application::$variant(app)
                }
            }
        )+
    };
}

from_variant! {
    OidcApplication => OpenIdConnect,
    SamlApplication => Saml2,
    AutoLoginApplication => AutoLogin,
    BookmarkApplication => Bookmark,
    BasicAuthApplication => BasicAuth,
    BrowserPluginApplication => BrowserPlugin,
    SecurePasswordStoreApplication => SecurePasswordStore,
    WsFederationApplication => WsFederation,
    GenericApplication => Other,
}

okta_enum! {
    /// The status of a user's assignment to an app.
    pub enum AppUserStatus {
        /// Provisioned and enabled.
        Active => "ACTIVE",
        /// Approved, not yet provisioned.
        Approved => "APPROVED",
        /// Deprovisioned in the app.
        Deprovisioned => "DEPROVISIONED",
        /// Assigned implicitly.
        Implicit => "IMPLICIT",
        /// Imported from the app.
        Imported => "IMPORTED",
        /// Provisioned but not enabled.
        Inactive => "INACTIVE",
        /// Matched to an Okta user on import.
        Matched => "MATCHED",
        /// Waiting for provisioning.
        Pending => "PENDING",
        /// Provisioned.
        Provisioned => "PROVISIONED",
        /// Access revoked.
        Revoked => "REVOKED",
        /// Staged.
        Staged => "STAGED",
        /// Suspended.
        Suspended => "SUSPENDED",
        /// Unassigned.
        Unassigned => "UNASSIGNED",
    }
}

okta_enum! {
    /// How a user is assigned to an app.
    pub enum AppUserScope {
        /// Directly.
        User => "USER",
        /// Through a group.
        Group => "GROUP",
    }
}

okta_enum! {
    /// The synchronization state of an app user.
    pub enum AppUserSyncState {
        /// Provisioning is off.
        Disabled => "DISABLED",
        /// The last synchronization failed.
        Error => "ERROR",
        /// Changes wait to be pushed.
        OutOfSync => "OUT_OF_SYNC",
        /// In sync.
        Synchronized => "SYNCHRONIZED",
        /// Being synchronized.
        Syncing => "SYNCING",
    }
}

/// A user's credentials in an app.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AppUserCredentials {
    /// The user's name in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// The user's password in the app (write-only; Okta answers `{}` when one is set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordValue>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AppUserCredentials {
    /// Credentials with this user name.
    pub fn user_name(user_name: impl Into<String>) -> Self {
        AppUserCredentials {
            user_name: Some(user_name.into()),
            ..Default::default()
        }
    }

    /// Sets the password.
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(PasswordValue::new(password));
        self
    }
}

/// A user's assignment to an app (an application user).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AppUser {
    /// The Okta user's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The user's id in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// How the user is assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<AppUserScope>,
    /// The assignment's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AppUserStatus>,
    /// The synchronization state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_state: Option<AppUserSyncState>,
    /// When the assignment was made (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the assignment last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// When the status last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_changed: Option<String>,
    /// When the app password last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_changed: Option<String>,
    /// When the user was last synchronized (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<String>,
    /// The user's credentials in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<AppUserCredentials>,
    /// The user's profile in the app (attributes of the app's user schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Map<String, Value>>,
    /// `_links`.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`: the Okta user with `expand=user`.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AppUser {
    /// An assignment of the Okta user `user_id` (for [`Apps::assign_user`]).
    pub fn new(user_id: impl Into<String>) -> Self {
        AppUser {
            id: Some(user_id.into()),
            ..Default::default()
        }
    }

    /// Sets the user's credentials in the app.
    pub fn credentials(mut self, credentials: AppUserCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sets an attribute of the user's profile in the app.
    pub fn profile_attribute(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.profile
            .get_or_insert_with(Map::new)
            .insert(name.into(), value.into());
        self
    }
}

/// An update of an app user for [`Apps::update_user`]: new credentials, new profile
/// attributes, or both. Only what is set is sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AppUserUpdate {
    /// New credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<AppUserCredentials>,
    /// Profile attributes to set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Map<String, Value>>,
}

impl AppUserUpdate {
    /// An update of the user's credentials.
    pub fn credentials(credentials: AppUserCredentials) -> Self {
        AppUserUpdate {
            credentials: Some(credentials),
            profile: None,
        }
    }

    /// An update of the user's profile in the app.
    pub fn profile(profile: Map<String, Value>) -> Self {
        AppUserUpdate {
            credentials: None,
            profile: Some(profile),
        }
    }
}

/// A group's assignment to an app.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ApplicationGroupAssignment {
    /// The group's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the assignment last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// The priority among the groups of a user assigned through several groups (lower wins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// Profile attributes given to the group's members in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Map<String, Value>>,
    /// `_links`.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`: the group with `expand=group`.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ApplicationGroupAssignment {
    /// Sets the priority.
    pub fn priority(mut self, priority: i64) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Sets a profile attribute given to the group's members.
    pub fn profile_attribute(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.profile
            .get_or_insert_with(Map::new)
            .insert(name.into(), value.into());
        self
    }
}

okta_enum! {
    /// The operation of a [`JsonPatchOperation`].
    pub enum PatchAction {
        /// Remove the attribute at `path`.
        Remove => "remove",
        /// Replace the attribute at `path` with `value`.
        Replace => "replace",
    }
}

/// One JSON Patch operation of [`Apps::update_group`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JsonPatchOperation {
    /// The operation.
    pub op: PatchAction,
    /// The path of the attribute, such as `/profile/role`.
    pub path: String,
    /// The new value (for `replace`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl JsonPatchOperation {
    /// Replaces the attribute at `path` with `value`.
    pub fn replace(path: impl Into<String>, value: impl Into<Value>) -> Self {
        JsonPatchOperation {
            op: PatchAction::Replace,
            path: path.into(),
            value: Some(value.into()),
        }
    }

    /// Removes the attribute at `path`.
    pub fn remove(path: impl Into<String>) -> Self {
        JsonPatchOperation {
            op: PatchAction::Remove,
            path: path.into(),
            value: None,
        }
    }
}

fn app_path(app_id: &str) -> String {
    format!("/api/v1/apps/{}", segment(app_id))
}

fn app_user_path(app_id: &str, user_id: &str) -> String {
    format!("{}/users/{}", app_path(app_id), segment(user_id))
}

fn app_group_path(app_id: &str, group_id: &str) -> String {
    format!("{}/groups/{}", app_path(app_id), segment(group_id))
}

fn flag(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// The application endpoints, from [`Okta::apps`](crate::Okta::apps).
#[derive(Debug, Clone, Copy)]
pub struct Apps<'a> {
    client: &'a Client,
}

impl<'a> Apps<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Apps { client }
    }

    /// Lists apps (`GET /api/v1/apps`): set the query on the builder, then
    /// [`stream`](ListApplications::stream) every app or fetch one
    /// [`page`](ListApplications::page).
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use futures_util::TryStreamExt;
    /// use okta_mgmt::apps::Application;
    ///
    /// let mut apps = okta.apps().list().filter(r#"status eq "ACTIVE""#).limit(50).stream();
    /// while let Some(app) = apps.try_next().await? {
    ///     if let Application::OpenIdConnect(oidc) = &app {
    ///         println!("{} is an OIDC client", oidc.label);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "listApplications")]
    pub fn list(&self) -> ListApplications<'a> {
        ListApplications {
            list: List::new(self.client, "/api/v1/apps").sensitive_response(),
        }
    }

    /// Fetches an app (`GET /api/v1/apps/{appId}`).
    #[doc(alias = "getApplication")]
    pub async fn get(&self, app_id: &str) -> Result<Application> {
        self.client
            .get(&app_path(app_id))
            .sensitive_response()
            .send()
            .await?
            .json()
    }

    /// Starts creating an app (`POST /api/v1/apps`); Okta activates it unless
    /// [`activate(false)`](CreateApplication::activate) is set.
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use okta_mgmt::apps::{GrantType, OidcApplication, OidcApplicationType, OidcClientSettings};
    ///
    /// let client = OidcClientSettings::new(OidcApplicationType::Web, [GrantType::AuthorizationCode])
    ///     .redirect_uris(["https://app.example.com/callback"])
    ///     .response_types(["code"]);
    /// let app = okta.apps().create(OidcApplication::new("Portal", client)).send().await?;
    /// println!("created {:?}", app.id());
    /// # Ok(()) }
    /// ```
    #[doc(alias = "createApplication")]
    pub fn create(&self, app: impl Into<Application>) -> CreateApplication<'a> {
        CreateApplication {
            client: self.client,
            app: app.into(),
            activate: None,
        }
    }

    /// Replaces an app (`PUT /api/v1/apps/{appId}`) with `app`, read from Okta and changed.
    #[doc(alias = "replaceApplication")]
    pub async fn replace(&self, app_id: &str, app: &Application) -> Result<Application> {
        self.client
            .put(&app_path(app_id))
            .json(app)
            .sensitive_response()
            .send()
            .await?
            .json()
    }

    /// Deletes an app (`DELETE /api/v1/apps/{appId}`); Okta deletes only inactive apps.
    #[doc(alias = "deleteApplication")]
    pub async fn delete(&self, app_id: &str) -> Result<()> {
        self.client.delete(&app_path(app_id)).send().await?;
        Ok(())
    }

    /// Activates an inactive app (`POST /api/v1/apps/{appId}/lifecycle/activate`).
    #[doc(alias = "activateApplication")]
    pub async fn activate(&self, app_id: &str) -> Result<()> {
        self.lifecycle(app_id, "activate").send().await?;
        Ok(())
    }

    /// Deactivates an active app (`POST /api/v1/apps/{appId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateApplication")]
    pub async fn deactivate(&self, app_id: &str) -> Result<()> {
        self.lifecycle(app_id, "deactivate").send().await?;
        Ok(())
    }

    /// Lists the apps assigned to a group (`GET /api/v1/groups/{groupId}/apps`); Okta takes
    /// only `limit` and `after` here.
    #[doc(alias = "listAssignedApplicationsForGroup")]
    pub fn list_for_group(&self, group_id: &str) -> ListGroupApplications<'a> {
        List::new(
            self.client,
            format!("/api/v1/groups/{}/apps", segment(group_id)),
        )
    }

    /// Lists the users assigned to an app (`GET /api/v1/apps/{appId}/users`).
    #[doc(alias = "listApplicationUsers")]
    pub fn list_users(&self, app_id: &str) -> ListAssignments<'a, AppUser> {
        ListAssignments::new(self.client, format!("{}/users", app_path(app_id)))
    }

    /// Assigns a user to an app (`POST /api/v1/apps/{appId}/users`), with the credentials
    /// and profile set on `user`.
    #[doc(alias = "assignUserToApplication")]
    pub async fn assign_user(&self, app_id: &str, user: &AppUser) -> Result<AppUser> {
        self.client
            .post(&format!("{}/users", app_path(app_id)))
            .json(user)
            .send()
            .await?
            .json()
    }

    /// Fetches a user's assignment to an app (`GET /api/v1/apps/{appId}/users/{userId}`).
    #[doc(alias = "getApplicationUser")]
    pub async fn get_user(&self, app_id: &str, user_id: &str) -> Result<AppUser> {
        self.client
            .get(&app_user_path(app_id, user_id))
            .send()
            .await?
            .json()
    }

    /// Updates a user's credentials or profile in an app
    /// (`POST /api/v1/apps/{appId}/users/{userId}`).
    #[doc(alias = "updateApplicationUser")]
    pub async fn update_user(
        &self,
        app_id: &str,
        user_id: &str,
        update: &AppUserUpdate,
    ) -> Result<AppUser> {
        self.client
            .post(&app_user_path(app_id, user_id))
            .json(update)
            .send()
            .await?
            .json()
    }

    /// Unassigns a user from an app (`DELETE /api/v1/apps/{appId}/users/{userId}?sendEmail=`);
    /// with `send_email` Okta emails the administrator about the deactivation.
    #[doc(alias = "unassignUserFromApplication")]
    pub async fn unassign_user(&self, app_id: &str, user_id: &str, send_email: bool) -> Result<()> {
        self.client
            .delete(&app_user_path(app_id, user_id))
            .query("sendEmail", flag(send_email))
            .send()
            .await?;
        Ok(())
    }

    /// Lists the groups assigned to an app (`GET /api/v1/apps/{appId}/groups`).
    #[doc(alias = "listApplicationGroupAssignments")]
    pub fn list_groups(&self, app_id: &str) -> ListAssignments<'a, ApplicationGroupAssignment> {
        ListAssignments::new(self.client, format!("{}/groups", app_path(app_id)))
    }

    /// Fetches a group's assignment to an app (`GET /api/v1/apps/{appId}/groups/{groupId}`).
    #[doc(alias = "getApplicationGroupAssignment")]
    pub async fn get_group(
        &self,
        app_id: &str,
        group_id: &str,
    ) -> Result<ApplicationGroupAssignment> {
        self.client
            .get(&app_group_path(app_id, group_id))
            .send()
            .await?
            .json()
    }

    /// Assigns a group to an app (`PUT /api/v1/apps/{appId}/groups/{groupId}`) with the
    /// priority and profile set on `assignment` (`ApplicationGroupAssignment::default()` for
    /// none).
    #[doc(alias = "assignGroupToApplication")]
    pub async fn assign_group(
        &self,
        app_id: &str,
        group_id: &str,
        assignment: &ApplicationGroupAssignment,
    ) -> Result<ApplicationGroupAssignment> {
        self.client
            .put(&app_group_path(app_id, group_id))
            .json(assignment)
            .send()
            .await?
            .json()
    }

    /// Changes a group's assignment to an app with JSON Patch operations
    /// (`PATCH /api/v1/apps/{appId}/groups/{groupId}`).
    #[doc(alias = "updateGroupAssignmentToApplication")]
    pub async fn update_group(
        &self,
        app_id: &str,
        group_id: &str,
        operations: &[JsonPatchOperation],
    ) -> Result<ApplicationGroupAssignment> {
        self.client
            .request(Method::PATCH, &app_group_path(app_id, group_id))
            .json(operations)
            .send()
            .await?
            .json()
    }

    /// Unassigns a group from an app (`DELETE /api/v1/apps/{appId}/groups/{groupId}`).
    #[doc(alias = "unassignApplicationFromGroup")]
    pub async fn unassign_group(&self, app_id: &str, group_id: &str) -> Result<()> {
        self.client
            .delete(&app_group_path(app_id, group_id))
            .send()
            .await?;
        Ok(())
    }

    fn lifecycle(&self, app_id: &str, operation: &str) -> RequestBuilder {
        self.client
            .post(&format!("{}/lifecycle/{operation}", app_path(app_id)))
    }
}

/// The request of [`Apps::create`].
#[must_use = "an app is created only when sent"]
#[derive(Debug)]
pub struct CreateApplication<'a> {
    client: &'a Client,
    app: Application,
    activate: Option<bool>,
}

impl CreateApplication<'_> {
    /// `activate`: whether to activate the app now (Okta's default `true`).
    pub fn activate(mut self, activate: bool) -> Self {
        self.activate = Some(activate);
        self
    }

    /// Sends the request and returns the new app.
    pub async fn send(self) -> Result<Application> {
        let mut request = self.client.post("/api/v1/apps");
        if let Some(activate) = self.activate {
            request = request.query("activate", flag(activate));
        }
        request
            .json(&self.app)
            .sensitive_response()
            .send()
            .await?
            .json()
    }
}

/// The query of [`Apps::list`]: `q`, `filter`, `expand`, `limit`, `after` and Okta's app
/// listing switches, ending in [`stream`](Self::stream) or [`page`](Self::page).
#[must_use = "a list does nothing until streamed or paged"]
#[derive(Debug, Clone)]
pub struct ListApplications<'a> {
    list: List<'a, Application>,
}

impl ListApplications<'_> {
    fn set(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.list = self.list.param(name, value);
        self
    }

    /// `q`: apps whose `name` or `label` starts with this.
    pub fn q(mut self, q: impl Into<String>) -> Self {
        self.list = self.list.q(q);
        self
    }

    /// `filter`: an expression such as `status eq "ACTIVE"`, `name eq "oidc_client"` or
    /// `user.id eq "00u1..."`.
    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.list = self.list.filter(expression);
        self
    }

    /// `limit`: apps per page (at most 200).
    pub fn limit(mut self, limit: u32) -> Self {
        self.list = self.list.limit(limit);
        self
    }

    /// `after`: the cursor to start after.
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.list = self.list.after(cursor);
        self
    }

    /// `expand`: embeds a related resource, such as `user/{userId}` (with a `user.id`
    /// filter).
    pub fn expand(self, expand: impl Into<String>) -> Self {
        self.set("expand", expand)
    }

    /// `includeNonDeleted`: also list inactive (not deleted) apps.
    pub fn include_non_deleted(self, include: bool) -> Self {
        self.set("includeNonDeleted", flag(include))
    }

    /// `useOptimization`: let Okta leave out some properties to answer faster.
    pub fn use_optimization(self, optimize: bool) -> Self {
        self.set("useOptimization", flag(optimize))
    }

    /// `alwaysIncludeVpnSettings`: include the VPN notification settings of every app.
    pub fn always_include_vpn_settings(self, include: bool) -> Self {
        self.set("alwaysIncludeVpnSettings", flag(include))
    }

    /// The raw request.
    pub fn into_request(self) -> RequestBuilder {
        self.list.into_request()
    }

    /// Streams every matching app, fetching pages lazily.
    pub fn stream(self) -> PageStream<Application> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<Application>> {
        self.into_request().page().await
    }
}

/// The query of [`Apps::list_users`] and [`Apps::list_groups`] (`q`, `expand`, `limit`,
/// `after`), ending in [`stream`](Self::stream) or [`page`](Self::page).
#[must_use = "a list does nothing until streamed or paged"]
pub struct ListAssignments<'a, T> {
    list: List<'a, T>,
}

impl<T> fmt::Debug for ListAssignments<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListAssignments")
            .field("list", &self.list)
            .finish()
    }
}

impl<'a, T: DeserializeOwned + Send + 'static> ListAssignments<'a, T> {
    fn new(client: &'a Client, path: String) -> Self {
        ListAssignments {
            list: List::new(client, path),
        }
    }

    /// `q`: users whose profile attributes, or groups whose names, start with this.
    pub fn q(mut self, q: impl Into<String>) -> Self {
        self.list = self.list.q(q);
        self
    }

    /// `limit`: items per page.
    pub fn limit(mut self, limit: u32) -> Self {
        self.list = self.list.limit(limit);
        self
    }

    /// `after`: the cursor to start after.
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.list = self.list.after(cursor);
        self
    }

    /// `expand`: embeds the Okta user (`user`) or group (`group`) in `_embedded`.
    pub fn expand(mut self, expand: impl Into<String>) -> Self {
        self.list = self.list.param("expand", expand);
        self
    }

    /// The raw request.
    pub fn into_request(self) -> RequestBuilder {
        self.list.into_request()
    }

    /// Streams every item, fetching pages lazily.
    pub fn stream(self) -> PageStream<T> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<T>> {
        self.into_request().page().await
    }
}

/// The query of [`Apps::list_for_group`].
pub type ListGroupApplications<'a> = List<'a, Application>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_known_mode_with_a_field_of_the_wrong_shape_falls_back_and_round_trips() {
        let input = json!({
            "id": "0oa1", "label": "Odd", "signOnMode": "BOOKMARK",
            "settings": {"app": {"url": 42}}
        });
        let app: Application = serde_json::from_value(input.clone()).unwrap();
        assert!(matches!(app, Application::Other(_)), "{app:?}");
        assert_eq!(app.sign_on_mode(), SignOnMode::Bookmark);
        assert_eq!(serde_json::to_value(&app).unwrap(), input);
    }

    #[test]
    fn generic_keeps_nulls_and_odd_common_fields_in_extra() {
        let input = json!({"signOnMode": 7, "id": null, "label": ["x"], "status": "ACTIVE"});
        let app: Application = serde_json::from_value(input.clone()).unwrap();
        let Application::Other(generic) = &app else {
            panic!("expected the generic variant: {app:?}")
        };
        assert_eq!(generic.status, Some(ApplicationStatus::Active));
        assert!(generic.extra.contains_key("label"));
        assert!(generic.extra.contains_key("id"));
        assert_eq!(app.sign_on_mode(), SignOnMode::Unknown(String::new()));
        assert_eq!(serde_json::to_value(&app).unwrap(), input);
    }

    #[test]
    fn a_typed_mode_without_a_label_falls_back_instead_of_inventing_one() {
        let input = json!({"id": "0oa1", "signOnMode": "OPENID_CONNECT", "name": "oidc_client"});
        let app: Application = serde_json::from_value(input.clone()).unwrap();
        assert!(matches!(app, Application::Other(_)), "{app:?}");
        assert_eq!(serde_json::to_value(&app).unwrap(), input);
    }

    #[test]
    fn client_secret_and_passwords_stay_out_of_debug() {
        let credentials = OAuthClientCredentials {
            client_secret: Some("s3cret-value".into()),
            ..Default::default()
        };
        let password = AppUserCredentials::user_name("ada").password("hunter2-pass");
        let debug = format!("{credentials:?} {password:?}");
        assert!(!debug.contains("s3cret-value"), "{debug}");
        assert!(!debug.contains("hunter2-pass"), "{debug}");
    }
}
