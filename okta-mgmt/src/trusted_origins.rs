//! Trusted origins: the [`TrustedOrigin`] model and the [`TrustedOrigins`] endpoints
//! (`/api/v1/trustedOrigins`).

use okta_core::{Client, RequestBuilder, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::idps::LifecycleStatus;
use crate::list::List;
use crate::model::{okta_enum, segment, Links};

okta_enum! {
    /// What an origin is trusted for.
    pub enum TrustedOriginScopeType {
        /// Cross-origin requests to Okta APIs from the origin.
        Cors => "CORS",
        /// Embedding Okta pages in an iframe of the origin.
        IframeEmbed => "IFRAME_EMBED",
        /// Redirects to the origin after sign-in or sign-out.
        Redirect => "REDIRECT",
    }
}

/// One thing an origin is trusted for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TrustedOriginScope {
    /// What the origin is trusted for.
    #[serde(rename = "type")]
    pub type_: TrustedOriginScopeType,
    /// With `IFRAME_EMBED`: the Okta apps that may be embedded (such as `OKTA_ENDUSER`);
    /// empty for the sign-in widget only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_okta_apps: Option<Vec<String>>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TrustedOriginScope {
    fn of(type_: TrustedOriginScopeType) -> Self {
        TrustedOriginScope {
            type_,
            allowed_okta_apps: None,
            extra: Map::new(),
        }
    }

    /// Cross-origin requests.
    pub fn cors() -> Self {
        Self::of(TrustedOriginScopeType::Cors)
    }

    /// Redirects.
    pub fn redirect() -> Self {
        Self::of(TrustedOriginScopeType::Redirect)
    }

    /// Embedding in an iframe, for these Okta apps (none: the sign-in widget only).
    pub fn iframe_embed<I, S>(allowed_okta_apps: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        TrustedOriginScope {
            allowed_okta_apps: Some(allowed_okta_apps.into_iter().map(Into::into).collect()),
            ..Self::of(TrustedOriginScopeType::IframeEmbed)
        }
    }
}

/// A trusted origin as the API returns it. Fields this SDK has no name for are kept in
/// [`extra`](TrustedOrigin::extra).
///
/// ```
/// use okta_mgmt::trusted_origins::{TrustedOrigin, TrustedOriginScope};
///
/// let origin = TrustedOrigin::new(
///     "Portal",
///     "https://portal.example.com",
///     [TrustedOriginScope::cors(), TrustedOriginScope::redirect()],
/// );
/// let json = serde_json::to_value(&origin).unwrap();
/// assert_eq!(json["scopes"][1]["type"], "REDIRECT");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TrustedOrigin {
    /// The trusted origin's id (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unique name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The origin: scheme, host and optional port, such as `https://example.com`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin: String,
    /// What the origin is trusted for.
    #[serde(default)]
    pub scopes: Vec<TrustedOriginScope>,
    /// The lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LifecycleStatus>,
    /// When the trusted origin was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The id of the user who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When it last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// The id of the user who last changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_by: Option<String>,
    /// `_links`: the origin and its lifecycle operations.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TrustedOrigin {
    /// A new trusted origin.
    pub fn new(
        name: impl Into<String>,
        origin: impl Into<String>,
        scopes: impl IntoIterator<Item = TrustedOriginScope>,
    ) -> Self {
        TrustedOrigin {
            id: None,
            name: name.into(),
            origin: origin.into(),
            scopes: scopes.into_iter().collect(),
            status: None,
            created: None,
            created_by: None,
            last_updated: None,
            last_updated_by: None,
            links: None,
            extra: Map::new(),
        }
    }
}

fn origin_path(trusted_origin_id: &str) -> String {
    format!("/api/v1/trustedOrigins/{}", segment(trusted_origin_id))
}

/// The trusted origin endpoints, from [`Okta::trusted_origins`](crate::Okta::trusted_origins).
#[derive(Debug, Clone, Copy)]
pub struct TrustedOrigins<'a> {
    client: &'a Client,
}

impl<'a> TrustedOrigins<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        TrustedOrigins { client }
    }

    /// Lists trusted origins (`GET /api/v1/trustedOrigins`): set `q` (prefix of the name or
    /// origin), `filter` (such as `name eq "Portal"`), `limit` and `after` on the builder,
    /// then [`stream`](List::stream) or [`page`](List::page).
    #[doc(alias = "listTrustedOrigins")]
    pub fn list(&self) -> ListTrustedOrigins<'a> {
        List::new(self.client, "/api/v1/trustedOrigins")
    }

    /// Fetches a trusted origin (`GET /api/v1/trustedOrigins/{trustedOriginId}`).
    #[doc(alias = "getTrustedOrigin")]
    pub async fn get(&self, trusted_origin_id: &str) -> Result<TrustedOrigin> {
        self.client
            .get(&origin_path(trusted_origin_id))
            .send()
            .await?
            .json()
    }

    /// Creates a trusted origin (`POST /api/v1/trustedOrigins`); only its `name`, `origin`
    /// and `scopes` are sent.
    #[doc(alias = "createTrustedOrigin")]
    pub async fn create(&self, origin: &TrustedOrigin) -> Result<TrustedOrigin> {
        #[derive(Serialize)]
        struct Write<'b> {
            name: &'b str,
            origin: &'b str,
            scopes: &'b [TrustedOriginScope],
        }
        self.client
            .post("/api/v1/trustedOrigins")
            .json(&Write {
                name: &origin.name,
                origin: &origin.origin,
                scopes: &origin.scopes,
            })
            .send()
            .await?
            .json()
    }

    /// Replaces a trusted origin (`PUT /api/v1/trustedOrigins/{trustedOriginId}`) with
    /// `origin`, read from Okta and changed.
    #[doc(alias = "replaceTrustedOrigin")]
    pub async fn replace(
        &self,
        trusted_origin_id: &str,
        origin: &TrustedOrigin,
    ) -> Result<TrustedOrigin> {
        self.client
            .put(&origin_path(trusted_origin_id))
            .json(origin)
            .send()
            .await?
            .json()
    }

    /// Deletes a trusted origin (`DELETE /api/v1/trustedOrigins/{trustedOriginId}`).
    #[doc(alias = "deleteTrustedOrigin")]
    pub async fn delete(&self, trusted_origin_id: &str) -> Result<()> {
        self.client
            .delete(&origin_path(trusted_origin_id))
            .send()
            .await?;
        Ok(())
    }

    /// Activates a trusted origin
    /// (`POST /api/v1/trustedOrigins/{trustedOriginId}/lifecycle/activate`).
    #[doc(alias = "activateTrustedOrigin")]
    pub async fn activate(&self, trusted_origin_id: &str) -> Result<TrustedOrigin> {
        self.lifecycle(trusted_origin_id, "activate")
            .send()
            .await?
            .json()
    }

    /// Deactivates a trusted origin
    /// (`POST /api/v1/trustedOrigins/{trustedOriginId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateTrustedOrigin")]
    pub async fn deactivate(&self, trusted_origin_id: &str) -> Result<TrustedOrigin> {
        self.lifecycle(trusted_origin_id, "deactivate")
            .send()
            .await?
            .json()
    }

    fn lifecycle(&self, trusted_origin_id: &str, operation: &str) -> RequestBuilder {
        self.client.post(&format!(
            "{}/lifecycle/{operation}",
            origin_path(trusted_origin_id)
        ))
    }
}

/// The query of [`TrustedOrigins::list`].
pub type ListTrustedOrigins<'a> = List<'a, TrustedOrigin>;
