//! OpenID Provider discovery (OpenID Connect Discovery 1.0, RFC 8414).

use okta_core::Client;
use serde::Deserialize;

/// The parts of an OpenID Provider's metadata the SDK uses.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ProviderMetadata {
    /// The issuer; must equal the URL the metadata was discovered from.
    pub issuer: String,
    /// Where the signing keys are published.
    pub jwks_uri: String,
    /// The token endpoint.
    #[serde(default)]
    pub token_endpoint: Option<String>,
    /// The authorization endpoint.
    #[serde(default)]
    pub authorization_endpoint: Option<String>,
    /// The introspection endpoint.
    #[serde(default)]
    pub introspection_endpoint: Option<String>,
    /// The revocation endpoint.
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    /// The userinfo endpoint.
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
}

/// An anonymous client for the origin of `url` that reads at most `max_bytes` per response.
#[cfg(feature = "jwt")]
pub(crate) fn anonymous_client(url: &str, max_bytes: usize) -> Result<Client, okta_core::Error> {
    let url = url::Url::parse(url).map_err(|_| okta_core::ConfigError::Invalid {
        name: "issuer or endpoint URL",
        reason: "not an absolute URL".into(),
    })?;
    let config = okta_core::Config::builder()
        .org_url(url.origin().ascii_serialization())
        .anonymous()
        .max_response_bytes(max_bytes)
        .build()?;
    Client::new(config)
}

/// Fetches `{issuer}/.well-known/openid-configuration` with `client`. The caller checks that
/// the document names the issuer it asked for.
pub(crate) async fn fetch(
    client: &Client,
    issuer: &str,
) -> Result<ProviderMetadata, okta_core::Error> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    client.get(&url).send().await?.json()
}
