//! Management API credentials of an OAuth 2.0 service app.

use std::fmt;
use std::sync::{Arc, Mutex};

use okta_core::credentials::BoxFuture;
use okta_core::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use okta_core::http::{HeaderMap, HeaderValue, Method};
use okta_core::secrecy::ExposeSecret;
use okta_core::url::Url;
use okta_core::{AuthorizationMode, Client, Config, Credentials};

use super::client::{ClientAuth, Token, TokenType};
use super::client_credentials::ClientCredentials;
use super::dpop::Dpop;
use super::signing::SigningKey;
use super::token_cache::TokenCache;
use super::OAuthError;

/// [`Credentials`] for the Management API from a service app: client credentials with
/// `private_key_jwt` (or a secret), optionally DPoP-bound, cached and renewed.
///
/// On a 401 the client asks these credentials whether to retry: a `use_dpop_nonce` challenge
/// stores the API's nonce; any other 401 drops the cached token. Either way the call is sent
/// once more.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use okta_auth::oauth::ServiceAppCredentials;
/// use okta_core::{Client, Config};
/// use std::sync::Arc;
///
/// // OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey, OKTA_CLIENT_CLIENTID, OKTA_CLIENT_SCOPES,
/// // OKTA_CLIENT_PRIVATEKEY (PEM or JWK), OKTA_CLIENT_PRIVATEKEYID
/// let mut config = Config::from_env()?;
/// config.credentials = Some(Arc::new(ServiceAppCredentials::from_config(&config, true)?));
/// let client = Client::new(config)?;
/// # Ok(()) }
/// ```
pub struct ServiceAppCredentials {
    cache: TokenCache,
    dpop: Option<Dpop>,
    /// The last token sent, so a 401 can drop exactly that one.
    last: Mutex<Option<Arc<Token>>>,
}

impl fmt::Debug for ServiceAppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAppCredentials")
            .field("grant", self.cache.grant())
            .finish_non_exhaustive()
    }
}

impl ServiceAppCredentials {
    /// Credentials requesting tokens through `grant` (its DPoP key, if any, signs API proofs).
    pub fn new(grant: ClientCredentials) -> Self {
        let dpop = grant.dpop_key().cloned();
        ServiceAppCredentials {
            cache: TokenCache::new(grant),
            dpop,
            last: Mutex::new(None),
        }
    }

    /// Builds the credentials from a `PrivateKey` configuration (see
    /// [`Config::from_env`]): the org authorization server's token endpoint, the client ID,
    /// scopes and private key (PEM, or a JWK as JSON). With `dpop`, tokens are DPoP-bound,
    /// as Okta requires for service apps created with DPoP on.
    pub fn from_config(config: &Config, dpop: bool) -> Result<Self, OAuthError> {
        if config.authorization_mode != AuthorizationMode::PrivateKey {
            return Err(OAuthError::InvalidKey(
                "the configuration is not in PrivateKey mode".into(),
            ));
        }
        let client_id = config
            .client_id
            .clone()
            .ok_or_else(|| OAuthError::InvalidKey("no client ID configured".into()))?;
        let key_text = config
            .private_key
            .as_ref()
            .ok_or_else(|| OAuthError::InvalidKey("no private key configured".into()))?
            .expose_secret();
        let kid = config.private_key_id.clone();
        let key = if key_text.trim_start().starts_with('{') {
            let jwk: serde_json::Value = serde_json::from_str(key_text)
                .map_err(|_| OAuthError::InvalidKey("the private key is not JSON".into()))?;
            SigningKey::from_jwk(&jwk, kid)?
        } else {
            SigningKey::from_pem(key_text, kid)?
        };
        let mut anonymous = config.clone();
        anonymous.credentials = None;
        anonymous.authorization_mode = AuthorizationMode::None;
        let http = Client::new(anonymous)?;
        let token_endpoint = config
            .org_url
            .join("/oauth2/v1/token")
            .map_err(|e| OAuthError::Request(e.into()))?;
        let mut grant = ClientCredentials::new(
            http,
            token_endpoint.as_str(),
            client_id,
            ClientAuth::PrivateKeyJwt(key),
        )?
        .scopes(config.scopes.clone());
        if dpop {
            grant = grant.dpop(Dpop::generate()?);
        }
        Ok(Self::new(grant))
    }

    /// The token cache (for its statistics, or to share it).
    pub fn cache(&self) -> &TokenCache {
        &self.cache
    }

    async fn apply(
        &self,
        method: &Method,
        url: &Url,
        headers: &mut HeaderMap,
    ) -> Result<(), OAuthError> {
        let token = self.cache.token().await?;
        let mut value = match (token.token_type, &self.dpop) {
            (TokenType::DPoP, Some(dpop)) => {
                let proof = dpop.proof(method.as_str(), url, Some(token.secret()))?;
                headers.insert(
                    "dpop",
                    HeaderValue::from_str(&proof).map_err(|_| OAuthError::Signing)?,
                );
                HeaderValue::from_str(&format!("DPoP {}", token.secret()))
            }
            _ => HeaderValue::from_str(&format!("Bearer {}", token.secret())),
        }
        .map_err(|_| {
            OAuthError::BadResponse("access token has characters not allowed in a header")
        })?;
        value.set_sensitive(true);
        headers.insert(AUTHORIZATION, value);
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(token);
        Ok(())
    }
}

impl Credentials for ServiceAppCredentials {
    fn authorize<'a>(
        &'a self,
        method: &'a Method,
        url: &'a Url,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<(), okta_core::Error>> {
        Box::pin(async move {
            self.apply(method, url, headers).await.map_err(|e| match e {
                OAuthError::Request(inner) => inner,
                other => okta_core::Error::Credentials(Box::new(other)),
            })
        })
    }

    fn unauthorized<'a>(
        &'a self,
        url: &'a Url,
        response_headers: &'a HeaderMap,
    ) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            let challenge = response_headers
                .get_all(WWW_AUTHENTICATE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .any(|v| v.contains("use_dpop_nonce"));
            let nonce = response_headers
                .get("dpop-nonce")
                .and_then(|v| v.to_str().ok());
            if let (true, Some(nonce), Some(dpop)) = (challenge, nonce, &self.dpop) {
                // The API wants a nonce in the proof: same token, new proof.
                dpop.set_nonce(url, nonce);
                return true;
            }
            let last = self.last.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(token) = last {
                self.cache.invalidate(&token);
            }
            true
        })
    }
}
