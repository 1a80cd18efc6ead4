//! How a request proves who sends it.
//!
//! [`Credentials`] is given the method and URL of every attempt, so schemes that sign each
//! request (DPoP) fit the same trait as static tokens. [`Ssws`] and [`Bearer`] live here;
//! OAuth service-app credentials live in okta-auth.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderValue, Method};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::error::Error;

/// A boxed, sendable future, as returned by the object-safe traits of the SDK.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Applies authentication to outgoing requests.
///
/// Implementations must mark the header values they add as sensitive
/// ([`HeaderValue::set_sensitive`]) and must never print secrets in `Debug`.
pub trait Credentials: Send + Sync + fmt::Debug {
    /// Adds authentication headers for one attempt of `method url`.
    fn authorize<'a>(
        &'a self,
        method: &'a Method,
        url: &'a Url,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<(), Error>>;

    /// Called when the API answered 401 to a request for `url` with `response_headers`.
    /// Returns `true` when fresh credentials may succeed (a cached token was dropped, a new
    /// DPoP nonce was learned); the client then retries the request once. The default
    /// returns `false`.
    fn unauthorized<'a>(
        &'a self,
        url: &'a Url,
        response_headers: &'a HeaderMap,
    ) -> BoxFuture<'a, bool> {
        let _ = (url, response_headers);
        Box::pin(async { false })
    }
}

fn secret_header(scheme: &str, secret: &SecretString) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(&format!("{scheme} {}", secret.expose_secret()))
        .map_err(|_| {
            Error::Config(crate::ConfigError::Invalid {
                name: "token",
                reason: "contains characters not allowed in an HTTP header".into(),
            })
        })?;
    value.set_sensitive(true);
    Ok(value)
}

/// An Okta API token, sent as `Authorization: SSWS {token}`.
///
/// ```
/// let creds = okta_core::Ssws::new("00abc-secret");
/// assert_eq!(format!("{creds:?}"), "Ssws([redacted])");
/// ```
#[derive(Clone)]
pub struct Ssws(SecretString);

impl Ssws {
    /// Wraps an API token.
    pub fn new(token: impl Into<String>) -> Self {
        Ssws(SecretString::from(token.into()))
    }
}

impl fmt::Debug for Ssws {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ssws([redacted])")
    }
}

impl Credentials for Ssws {
    fn authorize<'a>(
        &'a self,
        _method: &'a Method,
        _url: &'a Url,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            headers.insert(AUTHORIZATION, secret_header("SSWS", &self.0)?);
            Ok(())
        })
    }
}

/// An OAuth 2.0 access token obtained elsewhere, sent as `Authorization: Bearer {token}`.
///
/// ```
/// let creds = okta_core::Bearer::new("eyJ-secret");
/// assert_eq!(format!("{creds:?}"), "Bearer([redacted])");
/// ```
#[derive(Clone)]
pub struct Bearer(SecretString);

impl Bearer {
    /// Wraps an access token.
    pub fn new(token: impl Into<String>) -> Self {
        Bearer(SecretString::from(token.into()))
    }
}

impl fmt::Debug for Bearer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bearer([redacted])")
    }
}

impl Credentials for Bearer {
    fn authorize<'a>(
        &'a self,
        _method: &'a Method,
        _url: &'a Url,
        headers: &'a mut HeaderMap,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            headers.insert(AUTHORIZATION, secret_header("Bearer", &self.0)?);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn ssws_sets_a_sensitive_authorization_header() {
        let mut headers = HeaderMap::new();
        let url = Url::parse("https://dev-1.okta.com/api/v1/users").unwrap();
        Ssws::new("tok")
            .authorize(&Method::GET, &url, &mut headers)
            .await
            .unwrap();
        let v = &headers[AUTHORIZATION];
        assert_eq!(v, "SSWS tok");
        assert!(v.is_sensitive());
    }

    #[tokio::test]
    async fn a_token_with_a_newline_is_a_config_error_without_the_token() {
        let mut headers = HeaderMap::new();
        let url = Url::parse("https://dev-1.okta.com/").unwrap();
        let err = Bearer::new("abc\nsecret")
            .authorize(&Method::GET, &url, &mut headers)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)));
        assert!(!format!("{err} {err:?}").contains("secret"));
    }
}
