//! OAuth 2.0 clients (Okta service apps) registered with a fake org.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;

/// How a client authenticates at the token, introspection and revocation endpoints.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_secret_basic`: `Authorization: Basic base64(id ":" secret)`, id and secret
    /// form-urlencoded first (RFC 6749 section 2.3.1). Holds the secret.
    SecretBasic(String),
    /// `client_secret_post`: `client_id` and `client_secret` in the form body. Holds the
    /// secret.
    SecretPost(String),
    /// `private_key_jwt`: a `client_assertion` JWT signed with one of the client's keys.
    PrivateKeyJwt {
        /// The client's public JWKS, `{"keys":[...]}`: RSA keys (RS256) and EC P-256 keys
        /// (ES256), each with a `kid`.
        jwks: Value,
    },
}

impl ClientAuth {
    /// The OAuth name of the method: `client_secret_basic`, `client_secret_post` or
    /// `private_key_jwt`.
    pub fn method_name(&self) -> &'static str {
        match self {
            ClientAuth::SecretBasic(_) => "client_secret_basic",
            ClientAuth::SecretPost(_) => "client_secret_post",
            ClientAuth::PrivateKeyJwt { .. } => "private_key_jwt",
        }
    }
}

/// What [`crate::FakeOrg::create_oauth_client`] registers.
///
/// ```
/// use okta_testkit::{ClientAuth, OAuthClientSpec};
///
/// let spec = OAuthClientSpec::new(ClientAuth::SecretPost("s3cret".into()))
///     .with_client_id("0oa-my-service")
///     .with_scopes(["okta.users.read"])
///     .with_dpop_required(true);
/// assert_eq!(spec.scopes, ["okta.users.read"]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct OAuthClientSpec {
    /// The client id; `None` makes an Okta-like one (`0oa...`).
    pub client_id: Option<String>,
    /// How the client authenticates.
    pub auth: ClientAuth,
    /// The scopes the client may be granted (e.g. `okta.users.read`, or any scope for the
    /// `default` server).
    pub scopes: Vec<String>,
    /// Whether every token request of the client must carry a DPoP proof; one without is
    /// answered `400 invalid_dpop_proof`.
    pub require_dpop: bool,
}

impl OAuthClientSpec {
    /// A client with a generated id, this authentication, no allowed scope and no DPoP
    /// requirement.
    pub fn new(auth: ClientAuth) -> Self {
        Self {
            client_id: None,
            auth,
            scopes: Vec::new(),
            require_dpop: false,
        }
    }

    /// Sets the client id.
    pub fn with_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// Sets the allowed scopes.
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Sets whether token requests must carry a DPoP proof.
    pub fn with_dpop_required(mut self, require_dpop: bool) -> Self {
        self.require_dpop = require_dpop;
        self
    }
}

/// A client registered with a fake org.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OAuthClient {
    /// The client id.
    pub client_id: String,
    /// How the client authenticates.
    pub auth: ClientAuth,
    /// The scopes the client may be granted.
    pub scopes: Vec<String>,
    /// Whether token requests must carry a DPoP proof.
    pub require_dpop: bool,
}

impl OAuthClient {
    /// The client secret, for the two secret methods.
    pub fn client_secret(&self) -> Option<&str> {
        match &self.auth {
            ClientAuth::SecretBasic(secret) | ClientAuth::SecretPost(secret) => Some(secret),
            ClientAuth::PrivateKeyJwt { .. } => None,
        }
    }

    /// The `Authorization` header value of `client_secret_basic`,
    /// `Basic base64(urlencode(client_id) ":" urlencode(secret))`, for a client with a secret.
    pub fn basic_authorization(&self) -> Option<String> {
        let secret = self.client_secret()?;
        let encode = |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
        let id: String = encode(&self.client_id);
        let secret: String = encode(secret);
        Some(format!(
            "Basic {}",
            STANDARD.encode(format!("{id}:{secret}"))
        ))
    }
}
