//! An OAuth 2.0 / OpenID Connect client of one authorization server.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::digest;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use okta_core::clock::{Clock, SystemClock};
use okta_core::secrecy::{ExposeSecret, SecretString};
use okta_core::{Client, RequestBuilder};
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

/// How the client authenticates to the authorization server.
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_secret_basic`: HTTP Basic with the form-encoded ID and secret.
    SecretBasic(SecretString),
    /// `client_secret_post`: ID and secret in the request body.
    SecretPost(SecretString),
    /// `private_key_jwt`: a JWT signed with the client's private key (RFC 7523).
    PrivateKeyJwt(SigningKey),
    /// A public client (authorization code with PKCE): only `client_id` is sent.
    None,
}

impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientAuth::SecretBasic(_) => f.write_str("SecretBasic([redacted])"),
            ClientAuth::SecretPost(_) => f.write_str("SecretPost([redacted])"),
            ClientAuth::PrivateKeyJwt(k) => f.debug_tuple("PrivateKeyJwt").field(k).finish(),
            ClientAuth::None => f.write_str("None"),
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

/// The longest `expires_in` taken as said (24 hours, Okta's longest access-token lifetime).
const MAX_EXPIRES_IN: u64 = 24 * 3600;

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

/// The answer to a code exchange or a refresh.
#[derive(Clone)]
#[non_exhaustive]
pub struct TokenSet {
    /// The access token.
    pub access: Token,
    /// The refresh token, when one was issued (`offline_access`).
    pub refresh_token: Option<SecretString>,
    /// The ID token, when `openid` was requested; verify it with `jwt::IdTokenVerifier`.
    pub id_token: Option<String>,
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access", &self.access)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .field("id_token", &self.id_token.as_ref().map(|_| "[present]"))
            .finish()
    }
}

/// An introspection answer (RFC 7662).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Introspection {
    /// Whether the token is active.
    pub active: bool,
    /// Granted scopes, space-separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// The client the token was issued to.
    #[serde(default)]
    pub client_id: Option<String>,
    /// The resource owner's name.
    #[serde(default)]
    pub username: Option<String>,
    /// `Bearer` or `DPoP`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// Expiry, epoch seconds.
    #[serde(default)]
    pub exp: Option<u64>,
    /// Issued at, epoch seconds.
    #[serde(default)]
    pub iat: Option<u64>,
    /// Subject.
    #[serde(default)]
    pub sub: Option<String>,
    /// Issuer.
    #[serde(default)]
    pub iss: Option<String>,
    /// Every other member.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The endpoints of an authorization server.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Endpoints {
    /// The issuer identifier.
    pub issuer: String,
    /// The token endpoint.
    pub token: Url,
    /// The authorization endpoint.
    pub authorization: Option<Url>,
    /// The introspection endpoint.
    pub introspection: Option<Url>,
    /// The revocation endpoint.
    pub revocation: Option<Url>,
    /// The userinfo endpoint.
    pub userinfo: Option<Url>,
}

impl Endpoints {
    /// Okta's endpoints for an issuer: the org authorization server
    /// (`https://{org}` -> `/oauth2/v1/...`) or a custom one (`.../oauth2/{id}` -> `.../v1/...`).
    pub fn okta(issuer: &str) -> Result<Endpoints, OAuthError> {
        let issuer = issuer.trim_end_matches('/');
        let base = if issuer.contains("/oauth2/") {
            format!("{issuer}/v1/")
        } else {
            format!("{issuer}/oauth2/v1/")
        };
        let at = |name: &str| parse_url(&format!("{base}{name}"), "endpoint");
        Ok(Endpoints {
            issuer: issuer.to_owned(),
            token: at("token")?,
            authorization: Some(at("authorize")?),
            introspection: Some(at("introspect")?),
            revocation: Some(at("revoke")?),
            userinfo: Some(at("userinfo")?),
        })
    }
}

fn parse_url(s: &str, name: &'static str) -> Result<Url, OAuthError> {
    Url::parse(s).map_err(|_| {
        OAuthError::Request(
            okta_core::ConfigError::Invalid {
                name,
                reason: "not an absolute URL".into(),
            }
            .into(),
        )
    })
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    token_type: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    id_token: Option<String>,
}

/// Form-encoding of a client ID or secret for HTTP Basic (RFC 6749 section 2.3.1).
fn form_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A login started by [`OAuthClient::authorization_request`]: send the user to `url`, keep
/// the rest (server-side, tied to the user's browser) until the redirect comes back.
#[non_exhaustive]
pub struct AuthorizationRequest {
    /// Where to send the user's browser.
    pub url: Url,
    /// The `state` sent; the redirect must carry it back.
    pub state: String,
    /// The `nonce` sent; the ID token must carry it.
    pub nonce: String,
    /// The PKCE verifier (RFC 7636), sent with the code exchange.
    pub pkce_verifier: SecretString,
    /// The redirect URI sent.
    pub redirect_uri: String,
}

impl fmt::Debug for AuthorizationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationRequest")
            .field("url", &self.url.as_str())
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// A client of one authorization server: client credentials, authorization code with PKCE,
/// refresh, introspection, revocation and userinfo, with the client's authentication and,
/// optionally, DPoP.
///
/// ```no_run
/// # async fn run() -> Result<(), okta_auth::oauth::OAuthError> {
/// use okta_auth::oauth::{ClientAuth, OAuthClient};
/// use okta_core::secrecy::SecretString;
///
/// let http = okta_core::Client::new(
///     okta_core::Config::builder().org_url("https://dev-123456.okta.com").anonymous().build()?,
/// )?;
/// let client = OAuthClient::discover(
///     http,
///     "https://dev-123456.okta.com/oauth2/default",
///     "0oa1webapp",
///     ClientAuth::SecretBasic(SecretString::from("secret".to_string())),
/// )
/// .await?;
/// let login = client.authorization_request("https://app.example.com/callback", &["openid", "email"])?;
/// // Redirect the browser to login.url; on the callback:
/// # let (code, state) = ("c", "s");
/// let tokens = client.exchange_code(&login, code, state).await?;
/// # Ok(()) }
/// ```
pub struct OAuthClient {
    http: Client,
    client_id: String,
    auth: ClientAuth,
    endpoints: Endpoints,
    dpop: Option<Dpop>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClient")
            .field("client_id", &self.client_id)
            .field("auth", &self.auth)
            .field("endpoints", &self.endpoints)
            .field("dpop", &self.dpop)
            .finish()
    }
}

impl OAuthClient {
    /// A client of the server at `endpoints`, sending requests through `http` (an anonymous
    /// okta-core client for the server's origin is enough: the client authenticates itself).
    pub fn new(
        http: Client,
        client_id: impl Into<String>,
        auth: ClientAuth,
        endpoints: Endpoints,
    ) -> Self {
        OAuthClient {
            http,
            client_id: client_id.into(),
            auth,
            endpoints,
            dpop: None,
            clock: Arc::new(SystemClock),
        }
    }

    /// Finds the endpoints through `issuer`'s discovery document (which must name `issuer`).
    pub async fn discover(
        http: Client,
        issuer: &str,
        client_id: impl Into<String>,
        auth: ClientAuth,
    ) -> Result<Self, OAuthError> {
        let meta = crate::discovery::fetch(&http, issuer).await?;
        if meta.issuer != issuer {
            return Err(OAuthError::BadResponse("discovery names another issuer"));
        }
        let opt = |u: &Option<String>, name| u.as_deref().map(|u| parse_url(u, name)).transpose();
        let token = meta
            .token_endpoint
            .as_deref()
            .ok_or(OAuthError::BadResponse("discovery has no token_endpoint"))?;
        let endpoints = Endpoints {
            issuer: meta.issuer.clone(),
            token: parse_url(token, "token_endpoint")?,
            authorization: opt(&meta.authorization_endpoint, "authorization_endpoint")?,
            introspection: opt(&meta.introspection_endpoint, "introspection_endpoint")?,
            revocation: opt(&meta.revocation_endpoint, "revocation_endpoint")?,
            userinfo: opt(&meta.userinfo_endpoint, "userinfo_endpoint")?,
        };
        Ok(Self::new(http, client_id, auth, endpoints))
    }

    /// Binds tokens to `dpop`'s key (RFC 9449).
    pub fn with_dpop(mut self, dpop: Dpop) -> Self {
        self.dpop = Some(dpop);
        self
    }

    /// Uses `clock` for assertion times and expiry.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The client ID.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The server's endpoints.
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The DPoP key, when tokens are DPoP-bound.
    pub fn dpop(&self) -> Option<&Dpop> {
        self.dpop.as_ref()
    }

    pub(crate) fn now(&self) -> SystemTime {
        self.clock.now()
    }

    fn assertion(&self, key: &SigningKey, audience: &Url) -> Result<String, OAuthError> {
        let now = self
            .now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        key.sign_jwt(
            json!({}),
            &json!({
                "iss": self.client_id,
                "sub": self.client_id,
                "aud": audience.as_str(),
                "iat": now,
                "exp": now + ASSERTION_LIFETIME.as_secs(),
                "jti": random_token(24)?,
            }),
        )
    }

    /// A POST to `endpoint` with the client's authentication and `form`.
    fn post(
        &self,
        endpoint: &Url,
        mut form: Vec<(&'static str, String)>,
        dpop: bool,
    ) -> Result<RequestBuilder, OAuthError> {
        let mut request = self
            .http
            .post(endpoint.as_str())
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
                form.push(("client_assertion_type", JWT_BEARER.into()));
                form.push(("client_assertion", self.assertion(key, endpoint)?));
            }
            ClientAuth::None => form.push(("client_id", self.client_id.clone())),
        }
        if let (true, Some(d)) = (dpop, &self.dpop) {
            request = request.header("dpop", &d.proof("POST", endpoint, None)?);
        }
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Ok(request.form(&pairs))
    }

    /// Sends a token request, answering a `use_dpop_nonce` challenge once.
    async fn token_request(
        &self,
        form: Vec<(&'static str, String)>,
    ) -> Result<TokenSet, OAuthError> {
        let endpoint = &self.endpoints.token;
        let response = match self.post(endpoint, form.clone(), true)?.send().await {
            Err(okta_core::Error::OAuth(e))
                if e.error == "use_dpop_nonce" && self.dpop.is_some() =>
            {
                match (&self.dpop, &e.dpop_nonce) {
                    (Some(dpop), Some(nonce)) => dpop.set_nonce(endpoint, nonce),
                    _ => return Err(okta_core::Error::OAuth(e).into()),
                }
                self.post(endpoint, form, true)?.send().await?
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
            dpop.set_nonce(endpoint, nonce);
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
        Ok(TokenSet {
            access: Token {
                access_token: SecretString::from(body.access_token),
                token_type,
                // A day at most: a huge value neither overflows the clock nor keeps a token
                // cached for ever.
                expires_at: self.now()
                    + Duration::from_secs(body.expires_in.unwrap_or(3600).min(MAX_EXPIRES_IN)),
                scope: body.scope,
            },
            refresh_token: body.refresh_token.map(SecretString::from),
            id_token: body.id_token,
        })
    }

    /// The client-credentials grant (RFC 6749 section 4.4).
    pub async fn client_credentials(&self, scopes: &[&str]) -> Result<Token, OAuthError> {
        let mut form = vec![("grant_type", "client_credentials".to_owned())];
        if !scopes.is_empty() {
            form.push(("scope", scopes.join(" ")));
        }
        Ok(self.token_request(form).await?.access)
    }

    /// Starts an authorization-code login with PKCE (S256), `state` and `nonce`.
    pub fn authorization_request(
        &self,
        redirect_uri: &str,
        scopes: &[&str],
    ) -> Result<AuthorizationRequest, OAuthError> {
        let mut url = self
            .endpoints
            .authorization
            .clone()
            .ok_or(OAuthError::BadResponse(
                "the server has no authorization endpoint",
            ))?;
        let state = random_token(16)?;
        let nonce = random_token(16)?;
        let verifier = random_token(32)?;
        let challenge =
            URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, verifier.as_bytes()));
        url.query_pairs_mut()
            .append_pair("client_id", &self.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("scope", &scopes.join(" "))
            .append_pair("state", &state)
            .append_pair("nonce", &nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(AuthorizationRequest {
            url,
            state,
            nonce,
            pkce_verifier: SecretString::from(verifier),
            redirect_uri: redirect_uri.to_owned(),
        })
    }

    /// Exchanges the `code` of the redirect for tokens, after checking that `returned_state`
    /// is the `state` of `request` (in constant time).
    pub async fn exchange_code(
        &self,
        request: &AuthorizationRequest,
        code: &str,
        returned_state: &str,
    ) -> Result<TokenSet, OAuthError> {
        if aws_lc_rs::constant_time::verify_slices_are_equal(
            request.state.as_bytes(),
            returned_state.as_bytes(),
        )
        .is_err()
        {
            return Err(OAuthError::StateMismatch);
        }
        self.token_request(vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
            ("redirect_uri", request.redirect_uri.clone()),
            (
                "code_verifier",
                request.pkce_verifier.expose_secret().to_owned(),
            ),
        ])
        .await
    }

    /// The refresh-token grant; `scopes` may narrow the original grant.
    pub async fn refresh(
        &self,
        refresh_token: &SecretString,
        scopes: &[&str],
    ) -> Result<TokenSet, OAuthError> {
        let mut form = vec![
            ("grant_type", "refresh_token".to_owned()),
            ("refresh_token", refresh_token.expose_secret().to_owned()),
        ];
        if !scopes.is_empty() {
            form.push(("scope", scopes.join(" ")));
        }
        self.token_request(form).await
    }

    /// Asks the server whether `token` is active (RFC 7662).
    pub async fn introspect(&self, token: &str) -> Result<Introspection, OAuthError> {
        let endpoint = self
            .endpoints
            .introspection
            .as_ref()
            .ok_or(OAuthError::BadResponse(
                "the server has no introspection endpoint",
            ))?;
        let response = self
            .post(endpoint, vec![("token", token.to_owned())], false)?
            .send()
            .await?;
        Ok(response.json()?)
    }

    /// Revokes `token` (RFC 7009).
    pub async fn revoke(&self, token: &str) -> Result<(), OAuthError> {
        let endpoint = self
            .endpoints
            .revocation
            .as_ref()
            .ok_or(OAuthError::BadResponse(
                "the server has no revocation endpoint",
            ))?;
        self.post(endpoint, vec![("token", token.to_owned())], false)?
            .send()
            .await?;
        Ok(())
    }

    /// The userinfo claims for `token` (OpenID Connect Core 5.3).
    pub async fn userinfo(&self, token: &Token) -> Result<serde_json::Value, OAuthError> {
        let endpoint = self
            .endpoints
            .userinfo
            .as_ref()
            .ok_or(OAuthError::BadResponse(
                "the server has no userinfo endpoint",
            ))?;
        let mut request = self
            .http
            .get(endpoint.as_str())
            .without_credentials()
            .sensitive_response();
        let scheme = match (token.token_type, &self.dpop) {
            (TokenType::DPoP, Some(d)) => {
                request = request.header("dpop", &d.proof("GET", endpoint, Some(token.secret()))?);
                "DPoP"
            }
            _ => "Bearer",
        };
        let header = SecretString::from(format!("{scheme} {}", token.secret()));
        let response = request
            .secret_header("authorization", &header)
            .send()
            .await?;
        Ok(response.json()?)
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
    fn okta_endpoints_for_org_and_custom_servers() {
        let org = Endpoints::okta("https://dev-1.okta.com").unwrap();
        assert_eq!(org.token.as_str(), "https://dev-1.okta.com/oauth2/v1/token");
        let custom = Endpoints::okta("https://dev-1.okta.com/oauth2/default").unwrap();
        assert_eq!(
            custom.token.as_str(),
            "https://dev-1.okta.com/oauth2/default/v1/token"
        );
        assert_eq!(
            custom.userinfo.unwrap().as_str(),
            "https://dev-1.okta.com/oauth2/default/v1/userinfo"
        );
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
