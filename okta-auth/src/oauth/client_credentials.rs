//! The client-credentials grant (RFC 6749 section 4.4) as a reusable token source.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use okta_core::clock::Clock;
use okta_core::Client;

use super::client::{ClientAuth, Endpoints, OAuthClient, Token};
use super::dpop::Dpop;
use super::OAuthError;

/// Requests tokens with the client-credentials grant for a fixed set of scopes.
///
/// ```no_run
/// # async fn run() -> Result<(), okta_auth::oauth::OAuthError> {
/// use okta_auth::oauth::{ClientAuth, ClientCredentials, Dpop, SigningKey};
///
/// let http = okta_core::Client::new(
///     okta_core::Config::builder().org_url("https://dev-123456.okta.com").anonymous().build()?,
/// )?;
/// let key = SigningKey::from_pem(&std::fs::read_to_string("key.pem").unwrap(), Some("kid1".into()))?;
/// let grant = ClientCredentials::new(
///     http,
///     "https://dev-123456.okta.com/oauth2/v1/token",
///     "0oa1service",
///     ClientAuth::PrivateKeyJwt(key),
/// )?
/// .scopes(["okta.users.read"])
/// .dpop(Dpop::generate()?);
/// let token = grant.request_token().await?;
/// # Ok(()) }
/// ```
pub struct ClientCredentials {
    client: OAuthClient,
    scopes: Vec<String>,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client", &self.client)
            .field("scopes", &self.scopes)
            .finish()
    }
}

impl ClientCredentials {
    /// A grant for `client_id` at `token_endpoint`, sent through `http` (whose org must be
    /// the token endpoint's origin; an anonymous client is enough).
    pub fn new(
        http: Client,
        token_endpoint: &str,
        client_id: impl Into<String>,
        auth: ClientAuth,
    ) -> Result<Self, OAuthError> {
        let token = url::Url::parse(token_endpoint).map_err(|_| {
            OAuthError::from(okta_core::ConfigError::Invalid {
                name: "token_endpoint",
                reason: "not an absolute URL".into(),
            })
        })?;
        let endpoints = Endpoints {
            issuer: String::new(),
            token,
            authorization: None,
            introspection: None,
            revocation: None,
            userinfo: None,
        };
        Ok(Self::from_client(OAuthClient::new(
            http, client_id, auth, endpoints,
        )))
    }

    /// A grant through an existing [`OAuthClient`].
    pub fn from_client(client: OAuthClient) -> Self {
        ClientCredentials {
            client,
            scopes: Vec::new(),
        }
    }

    /// Scopes to request.
    pub fn scopes<I: IntoIterator<Item = S>, S: Into<String>>(mut self, scopes: I) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Binds tokens to `dpop`'s key (RFC 9449).
    pub fn dpop(mut self, dpop: Dpop) -> Self {
        self.client = self.client.with_dpop(dpop);
        self
    }

    /// Uses `clock` for assertion times and expiry.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.client = self.client.with_clock(clock);
        self
    }

    /// The DPoP key, when tokens are DPoP-bound.
    pub fn dpop_key(&self) -> Option<&Dpop> {
        self.client.dpop()
    }

    /// The client behind the grant.
    pub fn client(&self) -> &OAuthClient {
        &self.client
    }

    pub(crate) fn now(&self) -> SystemTime {
        self.client.now()
    }

    /// Requests a token. With DPoP, a `use_dpop_nonce` answer is retried once with the
    /// nonce the server sent.
    pub async fn request_token(&self) -> Result<Token, OAuthError> {
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        self.client.client_credentials(&scopes).await
    }
}
