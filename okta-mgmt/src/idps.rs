//! Identity providers: the [`IdentityProvider`] model and the [`IdentityProviders`] endpoints
//! (`/api/v1/idps`).
//!
//! One model serves every kind of identity provider: [`IdentityProvider::type_`] says which
//! (an unknown kind decodes to [`IdentityProviderType::Unknown`]), and the parts whose shape
//! depends on the kind (`protocol` endpoints and credentials, `policy` details, `properties`)
//! are kept as JSON, so nothing Okta sends is lost.

use std::fmt;

use okta_core::{Client, Page, PageStream, RequestBuilder, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, segment, Links};

okta_enum! {
    /// The kind of identity provider.
    pub enum IdentityProviderType {
        /// Login with Amazon.
        Amazon => "AMAZON",
        /// Sign in with Apple.
        Apple => "APPLE",
        /// Discord.
        Discord => "DISCORD",
        /// Facebook.
        Facebook => "FACEBOOK",
        /// GitHub.
        Github => "GITHUB",
        /// GitLab.
        Gitlab => "GITLAB",
        /// Google.
        Google => "GOOGLE",
        /// CLEAR identity verification.
        IdvClear => "IDV_CLEAR",
        /// Incode identity verification.
        IdvIncode => "IDV_INCODE",
        /// Persona identity verification.
        IdvPersona => "IDV_PERSONA",
        /// A standard identity verification vendor.
        IdvStandard => "IDV_STANDARD",
        /// LinkedIn.
        Linkedin => "LINKEDIN",
        /// Login.gov.
        Logingov => "LOGINGOV",
        /// The Login.gov sandbox.
        LogingovSandbox => "LOGINGOV_SANDBOX",
        /// Microsoft.
        Microsoft => "MICROSOFT",
        /// A generic OpenID Connect provider.
        Oidc => "OIDC",
        /// Another Okta org.
        OktaIntegration => "OKTA_INTEGRATION",
        /// PayPal.
        Paypal => "PAYPAL",
        /// The PayPal sandbox.
        PaypalSandbox => "PAYPAL_SANDBOX",
        /// Salesforce.
        Salesforce => "SALESFORCE",
        /// A SAML 2.0 provider.
        Saml2 => "SAML2",
        /// Spotify.
        Spotify => "SPOTIFY",
        /// Smart cards and PIV (X.509 certificates).
        X509 => "X509",
        /// Xero.
        Xero => "XERO",
        /// Yahoo.
        Yahoo => "YAHOO",
        /// Yahoo Japan.
        Yahoojp => "YAHOOJP",
    }
}

okta_enum! {
    /// The protocol an identity provider speaks (`protocol.type`).
    pub enum IdpProtocolType {
        /// SAML 2.0.
        Saml2 => "SAML2",
        /// OAuth 2.0.
        OAuth2 => "OAUTH2",
        /// OpenID Connect.
        Oidc => "OIDC",
        /// Mutual TLS (smart cards).
        Mtls => "MTLS",
        /// Identity verification.
        IdProofing => "ID_PROOFING",
    }
}

okta_enum! {
    /// The lifecycle status of an identity provider or trusted origin.
    pub enum LifecycleStatus {
        /// Active.
        Active => "ACTIVE",
        /// Inactive.
        Inactive => "INACTIVE",
    }
}

okta_enum! {
    /// Which issuer Okta uses towards an identity provider (`issuerMode`).
    pub enum IssuerMode {
        /// The org's custom domain.
        CustomUrl => "CUSTOM_URL",
        /// The domain of the request.
        Dynamic => "DYNAMIC",
        /// The org's Okta domain.
        OrgUrl => "ORG_URL",
    }
}

/// The protocol settings of an identity provider (`protocol`). The `endpoints`,
/// `algorithms`, `credentials` and `settings` objects depend on the protocol and are kept as
/// JSON. `Debug` never shows the credentials (they hold client secrets).
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdpProtocol {
    /// The protocol.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<IdpProtocolType>,
    /// The scopes asked of an OAuth 2.0 / OpenID Connect provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// The provider's endpoints (`authorization`, `token`, `userInfo`, `jwks`, `sso`, `acs`,
    /// ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Value>,
    /// The algorithms of requests and responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithms: Option<Value>,
    /// The credentials (`client` with `client_id` and `client_secret`, `trust`, `signing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Value>,
    /// Other protocol fields (such as `issuer` or `settings`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl IdpProtocol {
    /// Protocol settings of this type.
    pub fn new(type_: IdpProtocolType) -> Self {
        IdpProtocol {
            type_: Some(type_),
            ..IdpProtocol::default()
        }
    }

    /// Sets the scopes.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the endpoints object.
    pub fn endpoints(mut self, endpoints: Value) -> Self {
        self.endpoints = Some(endpoints);
        self
    }

    /// Sets the algorithms object.
    pub fn algorithms(mut self, algorithms: Value) -> Self {
        self.algorithms = Some(algorithms);
        self
    }

    /// Sets the credentials object.
    pub fn credentials(mut self, credentials: Value) -> Self {
        self.credentials = Some(credentials);
        self
    }
}

impl fmt::Debug for IdpProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdpProtocol")
            .field("type_", &self.type_)
            .field("scopes", &self.scopes)
            .field("endpoints", &self.endpoints)
            .field("algorithms", &self.algorithms)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|_| "[REDACTED]"),
            )
            .field("extra", &self.extra)
            .finish()
    }
}

/// How users signing in through an identity provider are matched, created and trusted
/// (`policy`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IdpPolicy {
    /// Just-in-time provisioning (`action`, `profileMaster`, `groups`, `conditions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning: Option<Value>,
    /// Account linking (`action`, `filter`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_link: Option<Value>,
    /// How the provider's user is found in Okta (`userNameTemplate`, `filter`, `matchType`,
    /// `matchAttribute`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Value>,
    /// The clock skew allowed, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_clock_skew: Option<i64>,
    /// Whether authentication claims of the provider are trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust_claims: Option<bool>,
    /// Other policy fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An identity provider as the API returns it. Fields this SDK has no name for are kept in
/// [`extra`](IdentityProvider::extra).
///
/// ```
/// use okta_mgmt::idps::{IdentityProvider, IdentityProviderType, IdpProtocol, IdpProtocolType};
///
/// let idp = IdentityProvider::new(IdentityProviderType::Google, "Google")
///     .protocol(IdpProtocol::new(IdpProtocolType::Oidc).scopes(["openid", "email", "profile"]));
/// let json = serde_json::to_value(&idp).unwrap();
/// assert_eq!(json["type"], "GOOGLE");
/// assert_eq!(json["protocol"]["scopes"][1], "email");
/// assert!(json.get("id").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IdentityProvider {
    /// The provider's id, such as `0oa62bfdjnK55Z5x80h7` (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The kind of provider.
    #[serde(rename = "type")]
    pub type_: IdentityProviderType,
    /// The provider's unique name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// Which issuer Okta uses towards the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_mode: Option<IssuerMode>,
    /// When the provider was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the provider last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// The protocol settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<IdpProtocol>,
    /// How users are matched, created and trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<IdpPolicy>,
    /// Properties of some kinds of provider (such as X.509 or identity verification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Value>,
    /// `_links`: metadata, ACS and authorize URLs, users and lifecycle operations.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl IdentityProvider {
    /// A new identity provider of this kind and name; set its
    /// [`protocol`](Self::protocol) and [`policy`](Self::policy) before creating it.
    pub fn new(type_: IdentityProviderType, name: impl Into<String>) -> Self {
        IdentityProvider {
            id: None,
            type_,
            name: name.into(),
            status: None,
            issuer_mode: None,
            created: None,
            last_updated: None,
            protocol: None,
            policy: None,
            properties: None,
            links: None,
            extra: Map::new(),
        }
    }

    /// Sets the protocol settings.
    pub fn protocol(mut self, protocol: IdpProtocol) -> Self {
        self.protocol = Some(protocol);
        self
    }

    /// Sets the policy.
    pub fn policy(mut self, policy: IdpPolicy) -> Self {
        self.policy = Some(policy);
        self
    }
}

fn idp_path(idp_id: &str) -> String {
    format!("/api/v1/idps/{}", segment(idp_id))
}

/// The identity provider endpoints, from
/// [`Okta::identity_providers`](crate::Okta::identity_providers).
#[derive(Debug, Clone, Copy)]
pub struct IdentityProviders<'a> {
    client: &'a Client,
}

impl<'a> IdentityProviders<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        IdentityProviders { client }
    }

    /// Lists identity providers (`GET /api/v1/idps`): set `q`, `type`, `limit` on the
    /// builder, then [`stream`](ListIdentityProviders::stream) or
    /// [`page`](ListIdentityProviders::page).
    #[doc(alias = "listIdentityProviders")]
    pub fn list(&self) -> ListIdentityProviders<'a> {
        ListIdentityProviders {
            list: List::new(self.client, "/api/v1/idps").sensitive_response(),
        }
    }

    /// Fetches an identity provider (`GET /api/v1/idps/{idpId}`).
    #[doc(alias = "getIdentityProvider")]
    pub async fn get(&self, idp_id: &str) -> Result<IdentityProvider> {
        self.client
            .get(&idp_path(idp_id))
            .sensitive_response()
            .send()
            .await?
            .json()
    }

    /// Creates an identity provider (`POST /api/v1/idps`).
    #[doc(alias = "createIdentityProvider")]
    pub async fn create(&self, idp: &IdentityProvider) -> Result<IdentityProvider> {
        self.client
            .post("/api/v1/idps")
            .json(idp)
            .sensitive_response()
            .send()
            .await?
            .json()
    }

    /// Replaces an identity provider (`PUT /api/v1/idps/{idpId}`) with `idp`, read from Okta
    /// and changed.
    #[doc(alias = "replaceIdentityProvider")]
    pub async fn replace(&self, idp_id: &str, idp: &IdentityProvider) -> Result<IdentityProvider> {
        self.client
            .put(&idp_path(idp_id))
            .json(idp)
            .sensitive_response()
            .send()
            .await?
            .json()
    }

    /// Deletes an identity provider (`DELETE /api/v1/idps/{idpId}`).
    #[doc(alias = "deleteIdentityProvider")]
    pub async fn delete(&self, idp_id: &str) -> Result<()> {
        self.client.delete(&idp_path(idp_id)).send().await?;
        Ok(())
    }

    /// Activates an identity provider (`POST /api/v1/idps/{idpId}/lifecycle/activate`).
    #[doc(alias = "activateIdentityProvider")]
    pub async fn activate(&self, idp_id: &str) -> Result<IdentityProvider> {
        self.lifecycle(idp_id, "activate").send().await?.json()
    }

    /// Deactivates an identity provider (`POST /api/v1/idps/{idpId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateIdentityProvider")]
    pub async fn deactivate(&self, idp_id: &str) -> Result<IdentityProvider> {
        self.lifecycle(idp_id, "deactivate").send().await?.json()
    }

    fn lifecycle(&self, idp_id: &str, operation: &str) -> RequestBuilder {
        self.client
            .post(&format!("{}/lifecycle/{operation}", idp_path(idp_id)))
    }
}

/// The query of [`IdentityProviders::list`]: `q`, `type`, `limit`, `after`.
#[must_use = "a list does nothing until streamed or paged"]
#[derive(Debug, Clone)]
pub struct ListIdentityProviders<'a> {
    list: List<'a, IdentityProvider>,
}

impl ListIdentityProviders<'_> {
    /// `q`: providers whose name matches this.
    pub fn q(mut self, q: impl Into<String>) -> Self {
        self.list = self.list.q(q);
        self
    }

    /// `type`: only providers of this kind.
    pub fn type_(mut self, type_: IdentityProviderType) -> Self {
        self.list = self.list.param("type", type_.as_str());
        self
    }

    /// `limit`: providers per page (at most 200).
    pub fn limit(mut self, limit: u32) -> Self {
        self.list = self.list.limit(limit);
        self
    }

    /// `after`: the cursor to start after.
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.list = self.list.after(cursor);
        self
    }

    /// The raw request.
    pub fn into_request(self) -> RequestBuilder {
        self.list.into_request()
    }

    /// Streams every matching provider, fetching pages lazily.
    pub fn stream(self) -> PageStream<IdentityProvider> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<IdentityProvider>> {
        self.into_request().page().await
    }
}
