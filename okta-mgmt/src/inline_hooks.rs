//! Inline hooks: the [`InlineHook`] model and the [`InlineHooks`] endpoints
//! (`/api/v1/inlineHooks`), which register the services Okta calls and waits for in the middle
//! of a flow (token and SAML assertion changes, registration, password and user import,
//! telephony).
//!
//! A hook's channel is polymorphic on its `type`: [`InlineHookChannel::Http`] (a header
//! secret), [`InlineHookChannel::OAuth`] (`client_secret_post` or `private_key_jwt`), and
//! [`InlineHookChannel::Other`] for a channel type this SDK does not know or a record that
//! does not fit its typed variant, kept as it came. Secrets (the auth header value, the OAuth
//! client secret) are [`SecretString`]s: sent on create and replace, never printed by
//! `Debug`, never returned by Okta.

use std::fmt;

use okta_core::secrecy::SecretString;
use okta_core::{Client, Page, PageStream, RequestBuilder, Result};
use serde::de::Deserializer;
use serde::ser::{Error as _, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::event_hooks::{secret_opt, HookAuthScheme, HookHeader, HookStatus};
use crate::model::{okta_enum, segment, Links};

okta_enum! {
    /// The flow an inline hook takes part in.
    pub enum InlineHookType {
        /// User import: change the imported profile or how the user is matched.
        Import => "com.okta.import.transform",
        /// Token inline hook: add claims to or change tokens of a custom authorization server.
        Token => "com.okta.oauth2.tokens.transform",
        /// SAML inline hook: change a SAML assertion.
        Saml => "com.okta.saml.tokens.transform",
        /// Telephony inline hook: send SMS and voice one-time passcodes through another
        /// provider.
        Telephony => "com.okta.telephony.provider",
        /// Password import: verify a password against the system a user is migrated from.
        PasswordImport => "com.okta.user.credential.password.import",
        /// Registration inline hook: check or change self-service registration and progressive
        /// profiling.
        Registration => "com.okta.user.pre-registration",
    }
}

okta_enum! {
    /// The kind of channel an inline hook is called through.
    pub enum InlineHookChannelType {
        /// HTTPS with a header secret.
        Http => "HTTP",
        /// HTTPS with an OAuth 2.0 access token Okta obtains first.
        OAuth => "OAUTH",
    }
}

okta_enum! {
    /// How Okta authenticates to the token endpoint of an OAuth inline hook channel.
    pub enum OAuthClientAuth {
        /// A client secret in the token request body.
        ClientSecretPost => "client_secret_post",
        /// A JWT signed with an Okta hook key (see [`HookKeys`](crate::HookKeys)).
        PrivateKeyJwt => "private_key_jwt",
    }
}

/// The channel of an inline hook: how Okta calls the service, by `type`.
///
/// Decoding never fails on an odd channel: an unknown `type`, or a known one whose fields do
/// not fit the typed variant, gives [`InlineHookChannel::Other`], which writes back exactly
/// what was read.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum InlineHookChannel {
    /// `HTTP`: the service is called with a header secret.
    Http(HttpChannel),
    /// `OAUTH`: Okta obtains an access token and sends it to the service.
    OAuth(OAuthChannel),
    /// A channel this SDK does not model, kept as it came.
    Other(OtherChannel),
}

impl InlineHookChannel {
    /// An `HTTP` channel, version `1.0.0`, to `uri` (which must be `https://`), sending
    /// `auth_scheme` (such as [`HookAuthScheme::header`]) with every call.
    pub fn http(uri: impl Into<String>, auth_scheme: HookAuthScheme) -> Self {
        InlineHookChannel::Http(HttpChannel {
            version: Some("1.0.0".to_owned()),
            config: HttpChannelConfig {
                uri: uri.into(),
                auth_scheme: Some(auth_scheme),
                ..HttpChannelConfig::default()
            },
            extra: Map::new(),
        })
    }

    /// An `OAUTH` channel, version `1.0.0`, to `uri`: Okta gets an access token for `scope`
    /// from `token_url` as `client_id`, authenticating with `client_secret`
    /// (`client_secret_post`).
    pub fn oauth_client_secret(
        uri: impl Into<String>,
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SecretString,
        scope: impl Into<String>,
    ) -> Self {
        let mut config = OAuthChannelConfig::new(
            OAuthClientAuth::ClientSecretPost,
            uri,
            token_url,
            client_id,
            scope,
        );
        config.client_secret = Some(client_secret);
        InlineHookChannel::oauth(config)
    }

    /// An `OAUTH` channel, version `1.0.0`, to `uri`: Okta gets an access token for `scope`
    /// from `token_url` as `client_id`, authenticating with a JWT signed by the hook key
    /// `hook_key_id` (`private_key_jwt`; the `id` of a [`HookKey`](crate::HookKey)).
    pub fn oauth_private_key_jwt(
        uri: impl Into<String>,
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        hook_key_id: impl Into<String>,
        scope: impl Into<String>,
    ) -> Self {
        let mut config = OAuthChannelConfig::new(
            OAuthClientAuth::PrivateKeyJwt,
            uri,
            token_url,
            client_id,
            scope,
        );
        config.hook_key_id = Some(hook_key_id.into());
        InlineHookChannel::oauth(config)
    }

    fn oauth(config: OAuthChannelConfig) -> Self {
        InlineHookChannel::OAuth(OAuthChannel {
            version: Some("1.0.0".to_owned()),
            config,
            extra: Map::new(),
        })
    }

    /// The channel `type` as Okta writes it (`HTTP`, `OAUTH` or an unknown value; empty when
    /// the record had none).
    pub fn type_name(&self) -> &str {
        match self {
            InlineHookChannel::Http(_) => InlineHookChannelType::Http.as_str(),
            InlineHookChannel::OAuth(_) => InlineHookChannelType::OAuth.as_str(),
            InlineHookChannel::Other(other) => other.type_.as_deref().unwrap_or_default(),
        }
    }

    /// The service endpoint, when the channel has one.
    pub fn uri(&self) -> Option<&str> {
        match self {
            InlineHookChannel::Http(http) => Some(&http.config.uri),
            InlineHookChannel::OAuth(oauth) => Some(&oauth.config.uri),
            InlineHookChannel::Other(other) => other
                .extra
                .get("config")
                .and_then(|config| config.get("uri"))
                .and_then(Value::as_str),
        }
    }
}

/// An `HTTP` inline hook channel.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HttpChannel {
    /// The channel version (`1.0.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The service endpoint and its header secret.
    #[serde(default)]
    pub config: HttpChannelConfig,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The endpoint of an `HTTP` inline hook channel (`channel.config`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HttpChannelConfig {
    /// The service endpoint (`https://`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uri: String,
    /// Extra headers sent with every call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<Vec<HookHeader>>,
    /// The header secret; its `value` is write-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_scheme: Option<HookAuthScheme>,
    /// The HTTP method Okta uses (`POST`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An `OAUTH` inline hook channel.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OAuthChannel {
    /// The channel version (`1.0.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The service endpoint and the token request.
    #[serde(default)]
    pub config: OAuthChannelConfig,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The endpoint and token request of an `OAUTH` inline hook channel (`channel.config`).
///
/// With `client_secret_post`, [`client_secret`](Self::client_secret) is set (write-only);
/// with `private_key_jwt`, [`hook_key_id`](Self::hook_key_id).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OAuthChannelConfig {
    /// How Okta authenticates to the token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<OAuthClientAuth>,
    /// The service endpoint (`https://`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uri: String,
    /// The token endpoint Okta gets the access token from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    /// The client id Okta uses at the token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The client secret (`client_secret_post`): write-only, never shown by `Debug`.
    #[serde(default, with = "secret_opt", skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<SecretString>,
    /// The `id` of the hook key that signs the client assertion (`private_key_jwt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook_key_id: Option<String>,
    /// The scopes to request, space-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Extra headers sent with every call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<Vec<HookHeader>>,
    /// The HTTP method Okta uses (`POST`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Fields this SDK does not model (such as an `authScheme` of `null`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OAuthChannelConfig {
    /// A configuration with the fields both OAuth client authentications need, method
    /// `POST`.
    pub fn new(
        auth_type: OAuthClientAuth,
        uri: impl Into<String>,
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        scope: impl Into<String>,
    ) -> Self {
        OAuthChannelConfig {
            auth_type: Some(auth_type),
            uri: uri.into(),
            token_url: Some(token_url.into()),
            client_id: Some(client_id.into()),
            scope: Some(scope.into()),
            method: Some("POST".to_owned()),
            ..OAuthChannelConfig::default()
        }
    }
}

/// A channel this SDK does not model (or one whose fields did not fit the typed variant):
/// the common fields, and everything else in [`extra`](Self::extra).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OtherChannel {
    /// The `type`, when the record had a string there.
    pub type_: Option<String>,
    /// The `version`, when the record had a string there.
    pub version: Option<String>,
    /// Every other field (including `config`), as it came.
    pub extra: Map<String, Value>,
}

impl OtherChannel {
    fn from_map(mut map: Map<String, Value>) -> Self {
        let type_ = crate::poly::take(&mut map, "type");
        let version = crate::poly::take(&mut map, "version");
        OtherChannel {
            type_,
            version,
            extra: map,
        }
    }
}

impl<'de> Deserialize<'de> for InlineHookChannel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(deserializer)?;
        let kind = map
            .get("type")
            .and_then(Value::as_str)
            .map(InlineHookChannelType::from);
        // The typed variants are decoded without their `type`.
        let tag = map.remove("type");
        let channel = match kind {
            Some(InlineHookChannelType::Http) => {
                crate::poly::try_typed(map).map(InlineHookChannel::Http)
            }
            Some(InlineHookChannelType::OAuth) => {
                crate::poly::try_typed(map).map(InlineHookChannel::OAuth)
            }
            _ => Err(map),
        };
        Ok(channel.unwrap_or_else(|mut map| {
            if let Some(tag) = tag {
                map.insert("type".to_owned(), tag);
            }
            InlineHookChannel::Other(OtherChannel::from_map(map))
        }))
    }
}

impl Serialize for InlineHookChannel {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let typed = |map: std::result::Result<Map<String, Value>, serde_json::Error>,
                     type_: InlineHookChannelType| {
            let mut map = map.map_err(S::Error::custom)?;
            map.insert("type".into(), Value::String(type_.as_str().to_owned()));
            Ok(map)
        };
        let map = match self {
            InlineHookChannel::Http(http) => typed(object(http), InlineHookChannelType::Http)?,
            InlineHookChannel::OAuth(oauth) => typed(object(oauth), InlineHookChannelType::OAuth)?,
            InlineHookChannel::Other(other) => {
                let mut map = other.extra.clone();
                if let Some(type_) = &other.type_ {
                    map.insert("type".into(), Value::String(type_.clone()));
                }
                if let Some(version) = &other.version {
                    map.insert("version".into(), Value::String(version.clone()));
                }
                map
            }
        };
        map.serialize(serializer)
    }
}

fn object<T: Serialize>(value: &T) -> std::result::Result<Map<String, Value>, serde_json::Error> {
    match serde_json::to_value(value)? {
        Value::Object(map) => Ok(map),
        _ => Err(serde::ser::Error::custom("a channel must be a JSON object")),
    }
}

/// An inline hook as the API returns it.
///
/// ```
/// use okta_mgmt::core::secrecy::SecretString;
/// use okta_mgmt::{HookAuthScheme, InlineHook, InlineHookChannel, InlineHookType};
///
/// let channel = InlineHookChannel::http(
///     "https://hooks.example.com/okta/token",
///     HookAuthScheme::header("Authorization", SecretString::from("s3cr3t")),
/// );
/// let hook = InlineHook::new("Add claims", InlineHookType::Token, channel);
/// assert!(!format!("{hook:?}").contains("s3cr3t"));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InlineHook {
    /// The hook's id (absent on a hook not created yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The flow the hook takes part in.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<InlineHookType>,
    /// Whether Okta calls the hook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<HookStatus>,
    /// The version of the hook type (`1.0.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// How Okta calls the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<InlineHookChannel>,
    /// When the hook was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the hook last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// `_links`: related resources and the operations allowed now.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl InlineHook {
    /// A new hook of type `type_` named `name` (version `1.0.0`) called through `channel`.
    pub fn new(name: impl Into<String>, type_: InlineHookType, channel: InlineHookChannel) -> Self {
        InlineHook {
            id: None,
            name: name.into(),
            type_: Some(type_),
            status: None,
            version: Some("1.0.0".to_owned()),
            channel: Some(channel),
            created: None,
            last_updated: None,
            links: None,
            extra: Map::new(),
        }
    }
}

/// A partial update of an inline hook ([`InlineHooks::update`]): only the fields set are
/// sent.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct InlineHookUpdate {
    /// A new display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A new channel (Okta needs its secret again).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<InlineHookChannel>,
}

impl InlineHookUpdate {
    /// Sets a new display name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets a new version.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Sets a new channel.
    pub fn channel(mut self, channel: InlineHookChannel) -> Self {
        self.channel = Some(channel);
        self
    }
}

/// The answer of a service to a test call ([`InlineHooks::execute`]): the commands it
/// returned and its error, if any.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InlineHookResponse {
    /// The commands, such as `com.okta.identity.patch` with JSON Patch operations.
    #[serde(default)]
    pub commands: Vec<InlineHookCommand>,
    /// The error the service returned (`{"errorSummary": ...}`), as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One command of an inline hook response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InlineHookCommand {
    /// The command type, such as `com.okta.action.update`.
    #[serde(rename = "type", default)]
    pub type_: String,
    /// The command's value (JSON Patch operations or an object, by type).
    #[serde(default)]
    pub value: Value,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The inline hook endpoints, from [`Okta::inline_hooks`](crate::Okta::inline_hooks).
#[derive(Debug, Clone, Copy)]
pub struct InlineHooks<'a> {
    client: &'a Client,
}

fn inline_hook_path(id: &str) -> String {
    format!("/api/v1/inlineHooks/{}", segment(id))
}

#[derive(Serialize)]
struct CreateBody<'h> {
    name: &'h str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    type_: Option<&'h InlineHookType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'h str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'h InlineHookChannel>,
}

#[derive(Serialize)]
struct ReplaceBody<'h> {
    name: &'h str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'h str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'h InlineHookChannel>,
}

impl<'a> InlineHooks<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        InlineHooks { client }
    }

    /// Lists the org's inline hooks (`GET /api/v1/inlineHooks`), optionally of one type.
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use futures_util::TryStreamExt;
    /// use okta_mgmt::InlineHookType;
    ///
    /// let hooks: Vec<_> = okta.inline_hooks().list().of_type(InlineHookType::Token).stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    #[doc(alias = "listInlineHooks")]
    pub fn list(&self) -> ListInlineHooks<'a> {
        ListInlineHooks {
            client: self.client,
            type_: None,
        }
    }

    /// Creates an inline hook (`POST /api/v1/inlineHooks`), sending its name, type, version
    /// and channel (with its secret).
    #[doc(alias = "createInlineHook")]
    pub async fn create(&self, hook: &InlineHook) -> Result<InlineHook> {
        self.client
            .post("/api/v1/inlineHooks")
            .json(&CreateBody {
                name: &hook.name,
                type_: hook.type_.as_ref(),
                version: hook.version.as_deref(),
                channel: hook.channel.as_ref(),
            })
            .send()
            .await?
            .json()
    }

    /// Fetches an inline hook (`GET /api/v1/inlineHooks/{inlineHookId}`).
    #[doc(alias = "getInlineHook")]
    pub async fn get(&self, id: &str) -> Result<InlineHook> {
        self.client.get(&inline_hook_path(id)).send().await?.json()
    }

    /// Updates some fields of an inline hook (`POST /api/v1/inlineHooks/{inlineHookId}`):
    /// only what `update` sets is sent.
    #[doc(alias = "updateInlineHook")]
    pub async fn update(&self, id: &str, update: &InlineHookUpdate) -> Result<InlineHook> {
        self.client
            .post(&inline_hook_path(id))
            .json(update)
            .send()
            .await?
            .json()
    }

    /// Replaces an inline hook (`PUT /api/v1/inlineHooks/{inlineHookId}`) with the name,
    /// version and channel of `hook` (its type cannot change). Okta never returns channel
    /// secrets: set them again on a hook read from Okta.
    #[doc(alias = "replaceInlineHook")]
    pub async fn replace(&self, id: &str, hook: &InlineHook) -> Result<InlineHook> {
        self.client
            .put(&inline_hook_path(id))
            .json(&ReplaceBody {
                name: &hook.name,
                version: hook.version.as_deref(),
                channel: hook.channel.as_ref(),
            })
            .send()
            .await?
            .json()
    }

    /// Deletes an inline hook (`DELETE /api/v1/inlineHooks/{inlineHookId}`). Okta only
    /// deletes an `INACTIVE` hook that nothing uses.
    #[doc(alias = "deleteInlineHook")]
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.client.delete(&inline_hook_path(id)).send().await?;
        Ok(())
    }

    /// Calls the hook's service with a sample payload and returns its answer
    /// (`POST /api/v1/inlineHooks/{inlineHookId}/execute`). The payload is the request Okta
    /// would send for the hook's type (such as a token inline hook request with `data`).
    #[doc(alias = "executeInlineHook")]
    pub async fn execute<P: Serialize + ?Sized>(
        &self,
        id: &str,
        payload: &P,
    ) -> Result<InlineHookResponse> {
        self.client
            .post(&format!("{}/execute", inline_hook_path(id)))
            .json(payload)
            .send()
            .await?
            .json()
    }

    /// Activates an inline hook
    /// (`POST /api/v1/inlineHooks/{inlineHookId}/lifecycle/activate`).
    #[doc(alias = "activateInlineHook")]
    pub async fn activate(&self, id: &str) -> Result<InlineHook> {
        self.lifecycle(id, "activate").await
    }

    /// Deactivates an inline hook
    /// (`POST /api/v1/inlineHooks/{inlineHookId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateInlineHook")]
    pub async fn deactivate(&self, id: &str) -> Result<InlineHook> {
        self.lifecycle(id, "deactivate").await
    }

    async fn lifecycle(&self, id: &str, action: &str) -> Result<InlineHook> {
        self.client
            .post(&format!("{}/lifecycle/{action}", inline_hook_path(id)))
            .send()
            .await?
            .json()
    }
}

/// The query of [`InlineHooks::list`]: an optional hook type, then
/// [`stream`](Self::stream) or [`page`](Self::page).
#[must_use = "a list does nothing until streamed or paged"]
#[derive(Clone)]
pub struct ListInlineHooks<'a> {
    client: &'a Client,
    type_: Option<InlineHookType>,
}

impl fmt::Debug for ListInlineHooks<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListInlineHooks")
            .field("type_", &self.type_)
            .finish_non_exhaustive()
    }
}

impl ListInlineHooks<'_> {
    /// `type`: only hooks of this type.
    pub fn of_type(mut self, type_: InlineHookType) -> Self {
        self.type_ = Some(type_);
        self
    }

    /// The raw request, to add a parameter this builder does not have.
    pub fn into_request(self) -> RequestBuilder {
        let request = self.client.get("/api/v1/inlineHooks");
        match &self.type_ {
            Some(type_) => request.query("type", type_.as_str()),
            None => request,
        }
    }

    /// Streams every matching hook, following `next` links if Okta sends any.
    pub fn stream(self) -> PageStream<InlineHook> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<InlineHook>> {
        self.into_request().page().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn http_hook() -> Value {
        json!({
            "id": "cali3qR7wQ0m2Gw5V0g4",
            "status": "ACTIVE",
            "name": "Token claims",
            "type": "com.okta.oauth2.tokens.transform",
            "version": "1.0.0",
            "channel": {
                "type": "HTTP",
                "version": "1.0.0",
                "config": {
                    "uri": "https://hooks.example.com/okta/token",
                    "headers": [{"key": "X-Tenant", "value": "blue"}],
                    "authScheme": {"type": "HEADER", "key": "Authorization"},
                    "method": "POST"
                }
            },
            "created": "2024-05-01T10:00:00.000Z",
            "lastUpdated": "2024-05-02T10:00:00.000Z",
            "_links": {"self": {"href": "https://example.okta.com/api/v1/inlineHooks/cali3qR7wQ0m2Gw5V0g4"}}
        })
    }

    fn oauth_hook() -> Value {
        json!({
            "id": "cali9vX2kP4n1Sd8F3h6",
            "status": "INACTIVE",
            "name": "Registration check",
            "type": "com.okta.user.pre-registration",
            "version": "1.0.0",
            "channel": {
                "type": "OAUTH",
                "version": "1.0.0",
                "config": {
                    "uri": "https://hooks.example.com/okta/registration",
                    "method": "POST",
                    "authType": "private_key_jwt",
                    "hookKeyId": "HKY1p7jWLndGQV9M60g4",
                    "clientId": "0oa1b2c3d4e5f6g7h8i9",
                    "scope": "okta.inlinehooks",
                    "tokenUrl": "https://auth.example.com/oauth2/v1/token",
                    "authScheme": null
                }
            }
        })
    }

    #[test]
    fn http_and_oauth_hooks_decode_typed_and_round_trip() {
        let input = http_hook();
        let hook: InlineHook = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(hook.type_, Some(InlineHookType::Token));
        let Some(InlineHookChannel::Http(http)) = &hook.channel else {
            panic!("expected an HTTP channel: {:?}", hook.channel);
        };
        assert_eq!(http.config.uri, "https://hooks.example.com/okta/token");
        assert_eq!(serde_json::to_value(&hook).unwrap(), input);

        let input = oauth_hook();
        let hook: InlineHook = serde_json::from_value(input.clone()).unwrap();
        let Some(InlineHookChannel::OAuth(oauth)) = &hook.channel else {
            panic!("expected an OAuth channel: {:?}", hook.channel);
        };
        assert_eq!(oauth.config.auth_type, Some(OAuthClientAuth::PrivateKeyJwt));
        assert_eq!(
            oauth.config.hook_key_id.as_deref(),
            Some("HKY1p7jWLndGQV9M60g4")
        );
        assert_eq!(serde_json::to_value(&hook).unwrap(), input);
    }

    #[test]
    fn unknown_channel_type_round_trips_exactly() {
        let mut input = http_hook();
        input["channel"] = json!({
            "type": "GRPC",
            "version": "2.0.0",
            "config": {"target": "hooks.example.com:443"},
            "deadline": 3
        });
        input["type"] = json!("com.okta.future.transform");
        let hook: InlineHook = serde_json::from_value(input.clone()).unwrap();
        let Some(InlineHookChannel::Other(other)) = &hook.channel else {
            panic!("expected the generic channel: {:?}", hook.channel);
        };
        assert_eq!(other.type_.as_deref(), Some("GRPC"));
        assert_eq!(other.version.as_deref(), Some("2.0.0"));
        assert_eq!(
            hook.type_,
            Some(InlineHookType::Unknown("com.okta.future.transform".into()))
        );
        assert_eq!(serde_json::to_value(&hook).unwrap(), input);
    }

    #[test]
    fn a_known_type_with_odd_fields_falls_back_instead_of_failing() {
        let mut input = http_hook();
        input["channel"]["config"] = json!("not an object");
        let hook: InlineHook = serde_json::from_value(input.clone()).unwrap();
        assert!(
            matches!(&hook.channel, Some(InlineHookChannel::Other(o)) if o.type_.as_deref() == Some("HTTP"))
        );
        assert_eq!(serde_json::to_value(&hook).unwrap(), input);

        let odd = json!({"type": 7, "version": {"major": 1}});
        let channel: InlineHookChannel = serde_json::from_value(odd.clone()).unwrap();
        assert_eq!(channel.type_name(), "");
        assert_eq!(serde_json::to_value(&channel).unwrap(), odd);
    }

    #[test]
    fn unknown_fields_in_typed_channels_are_kept() {
        let mut input = oauth_hook();
        input["channel"]["config"]["audience"] = json!("https://hooks.example.com");
        input["channel"]["retries"] = json!(1);
        input["channel"]["config"]["authType"] = json!("tls_client_auth");
        let hook: InlineHook = serde_json::from_value(input.clone()).unwrap();
        let Some(InlineHookChannel::OAuth(oauth)) = &hook.channel else {
            panic!("expected an OAuth channel");
        };
        assert_eq!(
            oauth.config.auth_type,
            Some(OAuthClientAuth::Unknown("tls_client_auth".into()))
        );
        assert_eq!(serde_json::to_value(&hook).unwrap(), input);
    }

    #[test]
    fn secrets_are_sent_but_never_debugged() {
        let channel = InlineHookChannel::oauth_client_secret(
            "https://hooks.example.com/okta",
            "https://auth.example.com/token",
            "client-1",
            SecretString::from("client-s3cr3t"),
            "hooks",
        );
        assert!(!format!("{channel:?}").contains("client-s3cr3t"));
        let json = serde_json::to_value(&channel).unwrap();
        assert_eq!(json["type"], "OAUTH");
        assert_eq!(json["config"]["clientSecret"], "client-s3cr3t");
        assert_eq!(json["config"]["authType"], "client_secret_post");

        let channel = InlineHookChannel::http(
            "https://hooks.example.com/okta",
            HookAuthScheme::header("Authorization", SecretString::from("header-s3cr3t")),
        );
        assert!(!format!("{channel:?}").contains("header-s3cr3t"));
        let json = serde_json::to_value(&channel).unwrap();
        assert_eq!(json["config"]["authScheme"]["value"], "header-s3cr3t");
    }
}
