//! The client-credentials grant (RFC 6749 section 4.4) with Okta's client authentications.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use okta_core::clock::{Clock, SystemClock};
use okta_core::secrecy::{ExposeSecret, SecretString};
use okta_core::Client;
use serde::Deserialize;
use serde_json::json;
use url::Url;

use super::dpop::Dpop;
use super::signing::{random_token, SigningKey};
use super::OAuthError;

/// `client_assertion_type` for `private_key_jwt` (RFC 7523).
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// Lifetime of a client assertion (Okta accepts at most one hour).
const ASSERTION_LIFETIME: Duration = Duration::from_secs(300);

/// How the client authenticates at the token endpoint.
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_secret_basic`: HTTP Basic with the form-encoded ID and secret.
    SecretBasic(SecretString),
    /// `client_secret_post`: ID and secret in the request body.
    SecretPost(SecretString),
    /// `private_key_jwt`: a JWT signed with the client's private key (RFC 7523).
    PrivateKeyJwt(SigningKey),
}

impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientAuth::SecretBasic(_) => f.write_str("SecretBasic([redacted])"),
            ClientAuth::SecretPost(_) => f.write_str("SecretPost([redacted])"),
            ClientAuth::PrivateKeyJwt(k) => f.debug_tuple("PrivateKeyJwt").field(k).finish(),
        }
    }
}

/// `token_type` of a token response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenType {
    /// Sent as `Authorization: Bearer`.
    Bearer,
    /// Bound to a DPoP key; sent as `Authorization: DPoP` with a proof.
    DPoP,
}

/// An access token and what the server said about it.
#[derive(Clone)]
pub struct Token {
    access_token: SecretString,
    /// How to present the token.
    pub token_type: TokenType,
    /// When it expires (local clock, from `expires_in`).
    pub expires_at: SystemTime,
    /// Granted scopes, if the server listed them.
    pub scope: Option<String>,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &"[redacted]")
            .field("token_type", &self.token_type)
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .finish()
    }
}

impl Token {
    /// The access token itself; keep it out of logs.
    pub fn secret(&self) -> &str {
        self.access_token.expose_secret()
    }
}

/// Requests tokens with the client-credentials grant.
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
    http: Client,
    token_endpoint: Url,
    client_id: String,
    auth: ClientAuth,
    scopes: Vec<String>,
    dpop: Option<Dpop>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_endpoint", &self.token_endpoint.as_str())
            .field("client_id", &self.client_id)
            .field("auth", &self.auth)
            .field("scopes", &self.scopes)
            .field("dpop", &self.dpop)
            .finish()
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    token_type: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
}

/// Form-encoding of a client ID or secret for HTTP Basic (RFC 6749 section 2.3.1).
fn form_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
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
        let token_endpoint = Url::parse(token_endpoint).map_err(|_| {
            OAuthError::Request(
                okta_core::ConfigError::Invalid {
                    name: "token_endpoint",
                    reason: "not an absolute URL".into(),
                }
                .into(),
            )
        })?;
        Ok(ClientCredentials {
            http,
            token_endpoint,
            client_id: client_id.into(),
            auth,
            scopes: Vec::new(),
            dpop: None,
            clock: Arc::new(SystemClock),
        })
    }

    /// Scopes to request.
    pub fn scopes<I: IntoIterator<Item = S>, S: Into<String>>(mut self, scopes: I) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Binds tokens to `dpop`'s key (RFC 9449).
    pub fn dpop(mut self, dpop: Dpop) -> Self {
        self.dpop = Some(dpop);
        self
    }

    /// Uses `clock` for assertion times and expiry.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The current time on the grant's clock.
    pub(crate) fn now(&self) -> SystemTime {
        self.clock.now()
    }

    /// The DPoP key, when tokens are DPoP-bound.
    pub fn dpop_key(&self) -> Option<&Dpop> {
        self.dpop.as_ref()
    }

    fn assertion(&self, key: &SigningKey) -> Result<String, OAuthError> {
        let now = self
            .clock
            .now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        key.sign_jwt(
            json!({}),
            &json!({
                "iss": self.client_id,
                "sub": self.client_id,
                "aud": self.token_endpoint.as_str(),
                "iat": now,
                "exp": now + ASSERTION_LIFETIME.as_secs(),
                "jti": random_token(24)?,
            }),
        )
    }

    async fn send(&self) -> Result<okta_core::Response, okta_core::Error> {
        let scope = self.scopes.join(" ");
        let mut form: Vec<(&str, String)> = vec![("grant_type", "client_credentials".into())];
        if !scope.is_empty() {
            form.push(("scope", scope));
        }
        let mut request = self
            .http
            .post(self.token_endpoint.as_str())
            .without_credentials()
            .sensitive_response();
        match &self.auth {
            ClientAuth::SecretBasic(secret) => {
                let pair = format!(
                    "{}:{}",
                    form_encode(&self.client_id),
                    form_encode(secret.expose_secret())
                );
                let header = SecretString::from(format!("Basic {}", STANDARD.encode(pair)));
                request = request.secret_header("authorization", &header);
            }
            ClientAuth::SecretPost(secret) => {
                form.push(("client_id", self.client_id.clone()));
                form.push(("client_secret", secret.expose_secret().to_owned()));
            }
            ClientAuth::PrivateKeyJwt(key) => {
                let assertion = self
                    .assertion(key)
                    .map_err(|e| okta_core::Error::Credentials(Box::new(e)))?;
                form.push(("client_assertion_type", JWT_BEARER.into()));
                form.push(("client_assertion", assertion));
            }
        }
        if let Some(dpop) = &self.dpop {
            let proof = dpop
                .proof("POST", &self.token_endpoint, None)
                .map_err(|e| okta_core::Error::Credentials(Box::new(e)))?;
            request = request.header("dpop", &proof);
        }
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        request.form(&pairs).send().await
    }

    /// Requests a token. With DPoP, a `use_dpop_nonce` answer is retried once with the
    /// nonce the server sent.
    pub async fn request_token(&self) -> Result<Token, OAuthError> {
        let response = match self.send().await {
            Err(okta_core::Error::OAuth(e))
                if e.error == "use_dpop_nonce" && self.dpop.is_some() && e.dpop_nonce.is_some() =>
            {
                if let (Some(dpop), Some(nonce)) = (&self.dpop, &e.dpop_nonce) {
                    dpop.set_nonce(&self.token_endpoint, nonce);
                }
                self.send().await?
            }
            other => other?,
        };
        if let (Some(dpop), Some(nonce)) = (
            &self.dpop,
            response
                .headers()
                .get("dpop-nonce")
                .and_then(|v| v.to_str().ok()),
        ) {
            dpop.set_nonce(&self.token_endpoint, nonce);
        }
        let body: TokenResponse = response.json()?;
        let token_type = if body.token_type.eq_ignore_ascii_case("dpop") {
            TokenType::DPoP
        } else if body.token_type.eq_ignore_ascii_case("bearer") {
            TokenType::Bearer
        } else {
            return Err(OAuthError::BadResponse("unknown token_type"));
        };
        if token_type == TokenType::DPoP && self.dpop.is_none() {
            return Err(OAuthError::BadResponse("DPoP token without a DPoP key"));
        }
        if body.access_token.is_empty() {
            return Err(OAuthError::BadResponse("empty access_token"));
        }
        Ok(Token {
            access_token: SecretString::from(body.access_token),
            token_type,
            expires_at: self.clock.now() + Duration::from_secs(body.expires_in.unwrap_or(3600)),
            scope: body.scope,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_encoded_first() {
        assert_eq!(form_encode("a b:c"), "a+b%3Ac");
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let auth = ClientAuth::SecretPost(SecretString::from("s3cr3t".to_string()));
        assert_eq!(format!("{auth:?}"), "SecretPost([redacted])");
        let token = Token {
            access_token: SecretString::from("tok-value".to_string()),
            token_type: TokenType::Bearer,
            expires_at: UNIX_EPOCH,
            scope: None,
        };
        assert!(!format!("{token:?}").contains("tok-value"));
    }
}
