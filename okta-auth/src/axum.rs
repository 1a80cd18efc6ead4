//! Protecting an axum application with Okta access tokens (feature `axum`).
//!
//! [`OktaAuthLayer`] reads `Authorization: Bearer <token>`, verifies the token with an
//! [`AccessTokenVerifier`], and puts the claims in the request extensions, where the
//! [`Claims`] extractor finds them. Failures are answered as RFC 6750 section 3 says:
//!
//! | situation | status | `WWW-Authenticate` |
//! |---|---|---|
//! | no `Authorization` header | 401 | `Bearer` |
//! | not a single bearer token | 400 | `Bearer error="invalid_request"` |
//! | token rejected | 401 | `Bearer error="invalid_token", error_description="..."` |
//! | scope missing ([`RequireScopes`]) | 403 | `Bearer error="insufficient_scope", scope="..."` |
//!
//! ```no_run
//! use axum::{routing::get, Router};
//! use okta_auth::axum::{Claims, OktaAuthLayer, RequireScopes};
//! use okta_auth::jwt::AccessTokenVerifier;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = AccessTokenVerifier::builder("https://dev-123456.okta.com/oauth2/default")
//!     .audience("api://default")
//!     .discover()
//!     .await?;
//! let app: Router = Router::new()
//!     .route("/orders", get(|Claims(claims): Claims| async move {
//!         format!("orders of {}", claims.sub.clone().unwrap_or_default())
//!     }))
//!     .route_layer(RequireScopes::new(["orders:read"]))
//!     .layer(OktaAuthLayer::new(verifier));
//! # Ok(()) }
//! ```

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Request, Response, StatusCode};
use tower::{Layer, Service};

use crate::jwt::{AccessTokenClaims, AccessTokenVerifier, JwtError};

/// The verified claims of the request's access token.
#[derive(Debug, Clone)]
pub struct Claims(pub Arc<AccessTokenClaims>);

impl<S: Send + Sync> FromRequestParts<S> for Claims {
    type Rejection = Response<Body>;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Claims>()
            .cloned()
            // The route is not behind OktaAuthLayer: treat it as unauthenticated.
            .ok_or_else(|| challenge(StatusCode::UNAUTHORIZED, None, None, None))
    }
}

/// Builds an RFC 6750 error answer with a small JSON body.
fn challenge(
    status: StatusCode,
    error: Option<&str>,
    description: Option<&str>,
    scope: Option<&str>,
) -> Response<Body> {
    let mut header = String::from("Bearer");
    let mut params = Vec::new();
    if let Some(e) = error {
        params.push(format!("error=\"{e}\""));
    }
    if let Some(d) = description {
        // Quoted-string content: no quotes or backslashes, printable ASCII only.
        let clean: String = d
            .chars()
            .map(|c| {
                if c == '"' || c == '\\' || !(' '..='~').contains(&c) {
                    '\''
                } else {
                    c
                }
            })
            .collect();
        params.push(format!("error_description=\"{clean}\""));
    }
    if let Some(s) = scope {
        params.push(format!("scope=\"{s}\""));
    }
    if !params.is_empty() {
        header.push(' ');
        header.push_str(&params.join(", "));
    }
    let body = match error {
        Some(e) => serde_json::json!({"error": e, "error_description": description}).to_string(),
        None => String::new(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&header) {
        response.headers_mut().insert(WWW_AUTHENTICATE, v);
    }
    if error.is_some() {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}

/// A layer that requires a valid Okta access token on every request.
#[derive(Debug, Clone)]
pub struct OktaAuthLayer {
    verifier: Arc<AccessTokenVerifier>,
}

impl OktaAuthLayer {
    /// Verifies bearer tokens with `verifier`.
    pub fn new(verifier: AccessTokenVerifier) -> Self {
        OktaAuthLayer {
            verifier: Arc::new(verifier),
        }
    }
}

impl<S> Layer<S> for OktaAuthLayer {
    type Service = OktaAuth<S>;
    fn layer(&self, inner: S) -> Self::Service {
        OktaAuth {
            inner,
            verifier: self.verifier.clone(),
        }
    }
}

/// The service [`OktaAuthLayer`] wraps around an application.
#[derive(Debug, Clone)]
pub struct OktaAuth<S> {
    inner: S,
    verifier: Arc<AccessTokenVerifier>,
}

/// The answer to a token that was not accepted. The details go to the log only: the client
/// learns that its token is not valid (and whether it expired, so that it refreshes), never
/// the expected issuer, key IDs or client IDs. When the key set is unavailable the token
/// may well be good: that is a 503, not a reason for the client to drop it.
fn rejection(error: &JwtError) -> Response<Body> {
    if matches!(error, JwtError::KeySet(_) | JwtError::InvalidKeySet(_)) {
        tracing::warn!(%error, "bearer token not checked: the key set is unavailable");
        let body = serde_json::json!({
            "error": "temporarily_unavailable",
            "error_description": "the signing keys of the authorization server are unavailable",
        });
        let mut response = Response::new(Body::from(body.to_string()));
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        let headers = response.headers_mut();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("5"));
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        return response;
    }
    tracing::debug!(%error, "bearer token rejected");
    let description = match error {
        JwtError::Expired { .. } => "token expired",
        JwtError::NotYetValid { .. } | JwtError::IssuedInFuture { .. } => "token not valid yet",
        JwtError::SenderConstrained => "a key-bound (DPoP) token is not a bearer token",
        _ => "token not accepted",
    };
    challenge(
        StatusCode::UNAUTHORIZED,
        Some("invalid_token"),
        Some(description),
        None,
    )
}

/// The bearer token of a request, or the answer to send instead.
#[allow(clippy::result_large_err)]
fn bearer_token<B>(request: &Request<B>) -> Result<&str, Response<Body>> {
    let mut values = request.headers().get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Err(challenge(StatusCode::UNAUTHORIZED, None, None, None));
    };
    let invalid = || {
        challenge(
            StatusCode::BAD_REQUEST,
            Some("invalid_request"),
            Some("expected one Authorization: Bearer header"),
            None,
        )
    };
    if values.next().is_some() {
        return Err(invalid());
    }
    let value = value.to_str().map_err(|_| invalid())?;
    let (scheme, token) = value.split_once(' ').ok_or_else(invalid)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.contains(' ') {
        return Err(invalid());
    }
    Ok(token)
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, B> Service<Request<B>> for OktaAuth<S>
where
    S: Service<Request<B>, Response = Response<Body>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        // Take the service that was polled ready; leave a fresh clone behind.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let verifier = self.verifier.clone();
        Box::pin(async move {
            let token = match bearer_token(&request) {
                Ok(t) => t.to_owned(),
                Err(answer) => return Ok(answer),
            };
            match verifier.verify(&token).await {
                Ok(claims) => {
                    request.extensions_mut().insert(Claims(Arc::new(claims)));
                    inner.call(request).await
                }
                Err(e) => Ok(rejection(&e)),
            }
        })
    }
}

/// A route layer that requires scopes of a token already verified by [`OktaAuthLayer`].
#[derive(Debug, Clone)]
pub struct RequireScopes {
    scopes: Arc<[String]>,
}

impl RequireScopes {
    /// Requires every one of `scopes`.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(scopes: I) -> Self {
        RequireScopes {
            scopes: scopes.into_iter().map(Into::into).collect(),
        }
    }
}

impl<S> Layer<S> for RequireScopes {
    type Service = RequireScopesService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        RequireScopesService {
            inner,
            scopes: self.scopes.clone(),
        }
    }
}

/// The service [`RequireScopes`] wraps around a route.
#[derive(Debug, Clone)]
pub struct RequireScopesService<S> {
    inner: S,
    scopes: Arc<[String]>,
}

impl<S, B> Service<Request<B>> for RequireScopesService<S>
where
    S: Service<Request<B>, Response = Response<Body>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let answer = match request.extensions().get::<Claims>() {
            None => Some(challenge(StatusCode::UNAUTHORIZED, None, None, None)),
            Some(Claims(claims)) if self.scopes.iter().all(|s| claims.has_scope(s)) => None,
            Some(_) => Some(challenge(
                StatusCode::FORBIDDEN,
                Some("insufficient_scope"),
                Some("the token lacks a required scope"),
                Some(&self.scopes.join(" ")),
            )),
        };
        Box::pin(async move {
            match answer {
                Some(a) => Ok(a),
                None => inner.call(request).await,
            }
        })
    }
}
