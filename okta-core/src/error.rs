//! The SDK's error type.
//!
//! One [`enum@Error`] for everything a call can fail with. Each variant keeps what a caller
//! needs to act on the failure: the Okta error code and request ID of an API error, the JSON
//! path of a decode error, the rate-limit snapshot of a 429. Nothing in an error carries a
//! credential, and text taken from a response is bounded (see [`EXCERPT_LIMIT`]).

use std::fmt;

use http::StatusCode;
use serde::Deserialize;

use crate::rate_limit::RateLimit;

/// The most characters of server-supplied text an error keeps (excerpts, summaries).
pub const EXCERPT_LIMIT: usize = 256;

/// Result alias used throughout the SDK.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything an SDK call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration is invalid; nothing was sent.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Okta answered with an error status and (usually) an Okta error body.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// An OAuth 2.0 endpoint answered with an RFC 6749 error.
    #[error(transparent)]
    OAuth(Box<OAuthError>),
    /// A response body could not be decoded into the expected type.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request did not complete within the configured timeout.
    #[error("request timed out ({method} {path}, attempt {attempt})")]
    Timeout {
        /// HTTP method.
        method: http::Method,
        /// URL path (no query).
        path: String,
        /// Which attempt timed out (1 = the first).
        attempt: u32,
    },
    /// The connection failed: DNS, connect, TLS, reset, or a body cut off by the peer.
    #[error(transparent)]
    Transport(Box<TransportError>),
    /// A response body was larger than the configured maximum; it was not read further.
    #[error("response body exceeds the {limit}-byte limit ({method} {path})")]
    BodyTooLarge {
        /// The configured limit in bytes.
        limit: usize,
        /// HTTP method.
        method: http::Method,
        /// URL path (no query).
        path: String,
    },
    /// A URL the SDK was asked to follow points outside the configured org.
    #[error("refusing to send credentials to {origin}: not the org's origin")]
    ForeignUrl {
        /// The scheme, host and port of the refused URL.
        origin: String,
    },
    /// A collection's `next` link led back to a page the stream had already read: following
    /// it would repeat the same items for ever, so the stream stopped.
    #[error("pagination loop: the next link repeats a page already read ({path})")]
    PaginationLoop {
        /// URL path (no query) of the repeated page.
        path: String,
    },
    /// Credentials could not be applied to a request (for example a token request failed).
    #[error("credentials could not be applied: {0}")]
    Credentials(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A seen-ID store refused or failed an operation.
    #[error(transparent)]
    SeenStore(#[from] crate::seen::SeenStoreError),
}

impl Error {
    /// The HTTP status of an API or OAuth error.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::OAuth(e) => Some(e.status),
            Error::Decode(e) => e.status,
            _ => None,
        }
    }

    /// The `X-Okta-Request-Id` of the response that caused the error, if there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::OAuth(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The rate-limit snapshot of the response that caused the error, if it had one.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        match self {
            Error::Api(e) => e.rate_limit.as_ref(),
            _ => None,
        }
    }

    /// The Okta `errorCode` (for example `E0000007`) of an API error.
    pub fn error_code(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.error_code.as_deref(),
            _ => None,
        }
    }

    /// Whether Okta refused the request for exceeding a rate limit (HTTP 429).
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether the resource does not exist (HTTP 404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }
}

/// A configuration problem, found before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The org URL is not acceptable; `problem` says why.
    #[error("invalid org URL {url:?}: {problem}")]
    OrgUrl {
        /// The rejected value, bounded in length.
        url: String,
        /// What is wrong with it.
        problem: OrgUrlProblem,
    },
    /// A required setting is missing.
    #[error("missing configuration: {0}")]
    Missing(&'static str),
    /// A setting has a value that cannot be used.
    #[error("invalid value for {name}: {reason}")]
    Invalid {
        /// The setting (builder method or environment variable).
        name: &'static str,
        /// Why the value is refused (never the value of a secret).
        reason: String,
    },
    /// The HTTP client could not be built (for example an unusable proxy URL).
    #[error("the HTTP client could not be built: {0}")]
    HttpClient(String),
}

/// Why an org URL was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OrgUrlProblem {
    /// The value is empty.
    Empty,
    /// The value is not a URL at all.
    NotAUrl,
    /// The scheme is not `https` (plain `http` is only accepted for loopback hosts).
    NotHttps,
    /// The URL has a path; the org URL is the bare origin, e.g. `https://dev-123.okta.com`.
    HasPath,
    /// The URL has a query string or fragment.
    HasQueryOrFragment,
    /// The URL carries a user name or password.
    HasCredentials,
    /// The host is the admin console (`*-admin.okta.com`), not the org.
    AdminHost,
    /// The value is still a documentation placeholder such as `{yourOktaDomain}`.
    Placeholder,
    /// Characters around the URL (whitespace, quotes, trailing junk).
    TrailingJunk,
    /// The URL has no host.
    NoHost,
}

impl fmt::Display for OrgUrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrgUrlProblem::Empty => "it is empty",
            OrgUrlProblem::NotAUrl => "it is not an absolute URL",
            OrgUrlProblem::NotHttps => {
                "the scheme must be https (http is accepted only for loopback hosts)"
            }
            OrgUrlProblem::HasPath => {
                "it must not have a path: use the bare origin, e.g. https://dev-123456.okta.com"
            }
            OrgUrlProblem::HasQueryOrFragment => "it must not have a query string or fragment",
            OrgUrlProblem::HasCredentials => "it must not contain a user name or password",
            OrgUrlProblem::AdminHost => {
                "it is the admin console host (-admin); use the org host without -admin"
            }
            OrgUrlProblem::Placeholder => {
                "it still contains a placeholder such as {yourOktaDomain}"
            }
            OrgUrlProblem::TrailingJunk => {
                "it has whitespace, quotes or other characters around the URL"
            }
            OrgUrlProblem::NoHost => "it has no host",
        })
    }
}

/// One entry of an Okta error's `errorCauses`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ErrorCause {
    /// The cause's summary, e.g. `login: An object with this field already exists`.
    #[serde(rename = "errorSummary", default)]
    pub error_summary: String,
}

/// An error answer from the Okta API.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Okta's `errorCode`, e.g. `E0000001`.
    pub error_code: Option<String>,
    /// Okta's `errorSummary`.
    pub error_summary: Option<String>,
    /// Okta's `errorLink`.
    pub error_link: Option<String>,
    /// Okta's `errorId`, useful when contacting Okta support.
    pub error_id: Option<String>,
    /// Okta's `errorCauses`.
    pub error_causes: Vec<ErrorCause>,
    /// The `X-Okta-Request-Id` response header.
    pub request_id: Option<String>,
    /// The rate-limit headers of the response.
    pub rate_limit: Option<RateLimit>,
    /// A bounded excerpt of the body when it was not an Okta error object.
    pub body_excerpt: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Okta API error {}", self.status.as_u16())?;
        if let Some(code) = &self.error_code {
            write!(f, " {code}")?;
        }
        if let Some(summary) = &self.error_summary {
            write!(f, ": {summary}")?;
        }
        for cause in &self.error_causes {
            write!(f, "; {}", cause.error_summary)?;
        }
        if let Some(excerpt) = &self.body_excerpt {
            write!(f, ": {excerpt}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// An RFC 6749 error answer from an OAuth 2.0 endpoint.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OAuthError {
    /// HTTP status.
    pub status: StatusCode,
    /// The `error` code, e.g. `invalid_client`.
    pub error: String,
    /// The `error_description`, if any.
    pub error_description: Option<String>,
    /// The `X-Okta-Request-Id` response header.
    pub request_id: Option<String>,
    /// The `DPoP-Nonce` response header: the nonce to put in the next DPoP proof.
    pub dpop_nonce: Option<String>,
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OAuth error {} {}", self.status.as_u16(), self.error)?;
        if let Some(d) = &self.error_description {
            write!(f, ": {d}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for OAuthError {}

/// A response body that did not decode into the expected type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// The JSON path where decoding failed, e.g. `[137].profile.login` (`.` for the root).
    pub path: String,
    /// What the decoder reported.
    pub message: String,
    /// A bounded excerpt of the body around the failure; empty for sensitive responses.
    pub excerpt: String,
    /// The HTTP status of the response, if the body came from one.
    pub status: Option<StatusCode>,
    /// The `X-Okta-Request-Id` of the response.
    pub request_id: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode response at {}: {}",
            self.path, self.message
        )?;
        if !self.excerpt.is_empty() {
            write!(f, " near {:?}", self.excerpt)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// What kind of connection failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be established; the request was not sent.
    Connect,
    /// The connection failed after the request may have been sent (reset, closed early).
    Connection,
    /// The response body was cut off by the peer.
    Body,
    /// Anything else the HTTP stack reported.
    Other,
}

/// A connection-level failure, with the underlying error as its source.
#[derive(Debug, thiserror::Error)]
#[error("{kind:?} error on {method} {path} (attempt {attempt})")]
#[non_exhaustive]
pub struct TransportError {
    /// What failed.
    pub kind: TransportErrorKind,
    /// HTTP method.
    pub method: http::Method,
    /// URL path (no query).
    pub path: String,
    /// Which attempt failed (1 = the first).
    pub attempt: u32,
    /// The underlying error.
    #[source]
    pub source: reqwest::Error,
}

/// Cuts server-supplied text to at most [`EXCERPT_LIMIT`] characters, on a char boundary.
pub(crate) fn bounded(text: &str) -> String {
    bounded_to(text, EXCERPT_LIMIT)
}

pub(crate) fn bounded_to(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        None => text.to_owned(),
        Some((i, _)) => format!("{}…", &text[..i]),
    }
}
