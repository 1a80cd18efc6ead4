//! The HTTP client: one transport, authentication, retries, throttling and decoding.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::{Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use http::header::{HeaderName, ACCEPT, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;
use tracing::Instrument;
use url::Url;

use crate::config::{AuthorizationMode, Config, OrgUrl, ProxyConfig};
use crate::credentials::Credentials;
use crate::error::{
    bounded, ApiError, ConfigError, DecodeError, Error, ErrorCause, OAuthError, Result,
    TransportError, TransportErrorKind,
};
use crate::pagination::{next_link, Page, PageStream};
use crate::rate_limit::{bucket_key, server_date, RateLimit, Throttle};
use crate::retry::RetryPolicy;

/// The longest `DPoP-Nonce` taken from an error answer.
const MAX_DPOP_NONCE_BYTES: usize = 1024;

/// `X-Okta-Request-Id`.
pub const REQUEST_ID_HEADER: &str = "x-okta-request-id";
/// `X-Okta-Retry-For`: the request ID of the first response, sent on retries.
pub const RETRY_FOR_HEADER: &str = "x-okta-retry-for";
/// `X-Okta-Retry-Count`: which retry this is, sent on retries.
pub const RETRY_COUNT_HEADER: &str = "x-okta-retry-count";

/// The user agent: `okta-sdk-rust/{version} rust/{rustc version} {os}/{arch}`.
pub fn user_agent() -> &'static str {
    static UA: OnceLock<String> = OnceLock::new();
    UA.get_or_init(|| {
        format!(
            "okta-sdk-rust/{} rust/{} {}/{}",
            env!("CARGO_PKG_VERSION"),
            env!("OKTA_SDK_RUSTC_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        )
    })
}

/// A client for one Okta org. Cheap to clone: clones share the connection pool, the
/// credentials and the rate-limit budgets.
///
/// ```no_run
/// # async fn run() -> Result<(), okta_core::Error> {
/// use okta_core::{Client, Config};
///
/// let client = Client::new(Config::from_env()?)?;
/// let me: serde_json::Value = client.get("/api/v1/users/me").send().await?.json()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    org_url: OrgUrl,
    credentials: Option<Arc<dyn Credentials>>,
    retry: RetryPolicy,
    throttle: Option<Throttle>,
    max_response_bytes: usize,
    user_agent: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("org_url", &self.inner.org_url)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .field("throttle", &self.inner.throttle.is_some())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Builds a client from a validated configuration.
    pub fn new(config: Config) -> Result<Client> {
        if config.credentials.is_none() && config.authorization_mode != AuthorizationMode::None {
            return Err(match config.authorization_mode {
                AuthorizationMode::PrivateKey => ConfigError::Missing(
                    "credentials for PrivateKey authorization (okta-auth's OAuth service-app credentials)",
                ),
                _ => ConfigError::Missing("credentials"),
            }
            .into());
        }
        let mut user_agent = user_agent().to_owned();
        if let Some(ext) = &config.user_agent_extension {
            user_agent.push(' ');
            user_agent.push_str(ext);
        }
        let mut builder = reqwest::Client::builder()
            .user_agent(user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::none());
        builder = match &config.proxy {
            ProxyConfig::FromEnvironment => builder,
            ProxyConfig::None => builder.no_proxy(),
            ProxyConfig::Url(url) => {
                use secrecy::ExposeSecret;
                let proxy =
                    reqwest::Proxy::all(url.expose_secret()).map_err(|_| ConfigError::Invalid {
                        name: "proxy",
                        reason: "not a usable proxy URL".into(),
                    })?;
                builder.proxy(proxy)
            }
        };
        let http = builder
            .build()
            .map_err(|e| ConfigError::HttpClient(e.to_string()))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                org_url: config.org_url,
                credentials: config.credentials,
                retry: config.retry,
                throttle: config.throttle.map(Throttle::new),
                max_response_bytes: config.max_response_bytes,
                user_agent,
            }),
        })
    }

    /// The org this client talks to.
    pub fn org_url(&self) -> &OrgUrl {
        &self.inner.org_url
    }

    /// The user agent sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// Starts a request to `path` (e.g. `/api/v1/users`) or to an absolute URL of the org.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let url = if path.starts_with("https://") || path.starts_with("http://") {
            Url::parse(path).map_err(|_| {
                Error::from(ConfigError::Invalid {
                    name: "url",
                    reason: format!("{:?} is not a valid URL", bounded(path)),
                })
            })
        } else {
            self.inner.org_url.join(path).map_err(Error::from)
        };
        RequestBuilder {
            client: self.clone(),
            request: url.map(|url| PreparedRequest {
                method,
                url,
                headers: HeaderMap::from_iter([(
                    ACCEPT,
                    HeaderValue::from_static("application/json"),
                )]),
                body: None,
                idempotent: None,
                authenticate: true,
                sensitive: false,
            }),
        }
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> RequestBuilder {
        self.request(Method::GET, path)
    }

    /// `POST path`.
    pub fn post(&self, path: &str) -> RequestBuilder {
        self.request(Method::POST, path)
    }

    /// `PUT path`.
    pub fn put(&self, path: &str) -> RequestBuilder {
        self.request(Method::PUT, path)
    }

    /// `DELETE path`.
    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.request(Method::DELETE, path)
    }

    pub(crate) async fn fetch_page<T: DeserializeOwned>(
        &self,
        request: &PreparedRequest,
    ) -> Result<Page<Result<T>>> {
        let response = self.execute(request).await?;
        let items = response.json_items::<T>()?;
        let next = next_link(&response.headers, &request.url);
        Ok(Page {
            items,
            next,
            rate_limit: response.rate_limit,
            request_id: response.request_id,
        })
    }

    /// Sends `request` with authentication, throttling and retries.
    pub(crate) async fn execute(&self, request: &PreparedRequest) -> Result<Response> {
        if !self.inner.org_url.same_origin(&request.url) {
            return Err(Error::ForeignUrl {
                origin: request.url.origin().ascii_serialization(),
            });
        }
        let policy = &self.inner.retry;
        let idempotent = request.is_idempotent();
        let bucket = self
            .inner
            .throttle
            .as_ref()
            .map(|_| bucket_key(&request.method, request.url.path()));
        let started = Instant::now();
        let mut attempt: u32 = 1;
        let mut first_request_id: Option<String> = None;
        let mut reauthorized = false;
        loop {
            let span = tracing::info_span!(
                "okta.request",
                method = %request.method,
                path = request.url.path(),
                attempt,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let permit = match (&self.inner.throttle, &bucket) {
                (Some(t), Some(b)) => Some(t.acquire(b).instrument(span.clone()).await),
                _ => None,
            };
            let outcome = self
                .attempt(request, attempt, first_request_id.as_deref())
                .instrument(span.clone())
                .await;
            if let Some(permit) = permit {
                permit.complete(outcome.as_ref().ok().map(|r| &r.headers));
            }
            // Decide whether to retry and how long to wait.
            let (error, wait) = match outcome {
                Ok(response) => {
                    span.record("status", response.status.as_u16());
                    if let Some(id) = &response.request_id {
                        span.record("request_id", id.as_str());
                    }
                    let status = response.status;
                    tracing::debug!(parent: &span, status = status.as_u16(), "okta response");
                    if status.is_success() {
                        return Ok(response);
                    }
                    if first_request_id.is_none() {
                        first_request_id = response.request_id.clone();
                    }
                    if status == StatusCode::UNAUTHORIZED && !reauthorized {
                        if let Some(creds) = &self.inner.credentials {
                            if request.authenticate
                                && creds.unauthorized(&request.url, &response.headers).await
                            {
                                reauthorized = true;
                                continue;
                            }
                        }
                    }
                    let wait = match status {
                        StatusCode::TOO_MANY_REQUESTS => Some(policy.rate_limit_wait(
                            response.rate_limit.as_ref(),
                            server_date(&response.headers),
                            SystemTime::now(),
                            attempt,
                        )),
                        StatusCode::BAD_GATEWAY
                        | StatusCode::SERVICE_UNAVAILABLE
                        | StatusCode::GATEWAY_TIMEOUT
                            if idempotent =>
                        {
                            Some(policy.backoff_delay(attempt))
                        }
                        _ => None,
                    };
                    (response.into_error(), wait)
                }
                Err(AttemptError::Final(e)) => return Err(e),
                Err(AttemptError::Retryable { error, sent }) => {
                    let wait = (!sent || idempotent).then(|| policy.backoff_delay(attempt));
                    (error, wait)
                }
            };
            let Some(wait) = wait else {
                return Err(error);
            };
            if attempt >= policy.max_attempts_value() {
                return Err(error);
            }
            if started.elapsed() + wait > policy.max_elapsed_value() {
                tracing::debug!(parent: &span, wait_ms = wait.as_millis() as u64, "not retrying: the wait would pass the retry time budget");
                return Err(error);
            }
            tracing::debug!(parent: &span, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        request: &PreparedRequest,
        attempt: u32,
        retry_for: Option<&str>,
    ) -> std::result::Result<Response, AttemptError> {
        let mut headers = request.headers.clone();
        if attempt > 1 {
            if let Some(id) = retry_for.and_then(|id| HeaderValue::from_str(id).ok()) {
                headers.insert(HeaderName::from_static(RETRY_FOR_HEADER), id);
            }
            headers.insert(
                HeaderName::from_static(RETRY_COUNT_HEADER),
                HeaderValue::from(attempt - 1),
            );
        }
        if request.authenticate {
            if let Some(creds) = &self.inner.credentials {
                creds
                    .authorize(&request.method, &request.url, &mut headers)
                    .await
                    .map_err(AttemptError::Final)?;
            }
        }
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), request.url.clone())
            .headers(headers);
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let transport = |source: reqwest::Error, kind| {
            let path = request.url.path().to_owned();
            if source.is_timeout() {
                Error::Timeout {
                    method: request.method.clone(),
                    path,
                    attempt,
                }
            } else {
                Error::Transport(Box::new(TransportError {
                    kind,
                    method: request.method.clone(),
                    path,
                    attempt,
                    source: source.without_url(),
                }))
            }
        };
        let mut response = builder.send().await.map_err(|e| {
            let sent = !e.is_connect();
            let kind = if sent {
                TransportErrorKind::Connection
            } else {
                TransportErrorKind::Connect
            };
            AttemptError::Retryable {
                error: transport(e, kind),
                sent,
            }
        })?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let limit = self.inner.max_response_bytes;
        let too_large = || {
            AttemptError::Final(Error::BodyTooLarge {
                limit,
                method: request.method.clone(),
                path: request.url.path().to_owned(),
            })
        };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        // Reserve for what the server announces, but no more than 64 KiB up front: the body
        // may never come.
        let mut body = BytesMut::with_capacity(
            response
                .content_length()
                .map_or(8 * 1024, |n| n as usize)
                .min(limit)
                .min(64 * 1024),
        );
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    return Err(AttemptError::Retryable {
                        error: transport(e, TransportErrorKind::Body),
                        sent: true,
                    })
                }
            }
        }
        let rate_limit = RateLimit::from_headers(&headers);
        let request_id = headers
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Response {
            status,
            headers,
            body: body.freeze(),
            rate_limit,
            request_id,
            sensitive: request.sensitive,
        })
    }
}

enum AttemptError {
    /// Not worth another attempt (bad credentials, oversized body).
    Final(Error),
    /// May succeed on another attempt; `sent` says whether the request may have reached Okta.
    Retryable { error: Error, sent: bool },
}

/// A request ready to send; cloned for each page of a stream.
#[derive(Clone)]
pub(crate) struct PreparedRequest {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Bytes>,
    idempotent: Option<bool>,
    authenticate: bool,
    sensitive: bool,
}

impl PreparedRequest {
    fn is_idempotent(&self) -> bool {
        self.idempotent.unwrap_or(matches!(
            self.method,
            Method::GET
                | Method::HEAD
                | Method::OPTIONS
                | Method::PUT
                | Method::DELETE
                | Method::TRACE
        ))
    }

    /// The request for a `next` link: a GET of exactly that URL with the same headers.
    /// The URL this request is sent to.
    pub(crate) fn url(&self) -> &Url {
        &self.url
    }

    pub(crate) fn follow(&self, url: Url) -> PreparedRequest {
        PreparedRequest {
            method: Method::GET,
            url,
            headers: self.headers.clone(),
            body: None,
            idempotent: None,
            authenticate: self.authenticate,
            sensitive: self.sensitive,
        }
    }
}

fn header_name(name: &str) -> Result<HeaderName, ConfigError> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| ConfigError::Invalid {
        name: "header",
        reason: "invalid header name".into(),
    })
}

/// Builds one request; finish with [`send`](RequestBuilder::send),
/// [`page`](RequestBuilder::page) or [`stream`](RequestBuilder::stream).
#[must_use = "a request does nothing until sent"]
pub struct RequestBuilder {
    client: Client,
    request: Result<PreparedRequest>,
}

impl fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.request {
            Ok(r) => f
                .debug_struct("RequestBuilder")
                .field("method", &r.method)
                .field("url", &r.url.as_str())
                .finish_non_exhaustive(),
            Err(e) => f.debug_tuple("RequestBuilder").field(e).finish(),
        }
    }
}

impl RequestBuilder {
    fn map(mut self, f: impl FnOnce(&mut PreparedRequest) -> Result<()>) -> Self {
        if let Ok(r) = &mut self.request {
            if let Err(e) = f(r) {
                self.request = Err(e);
            }
        }
        self
    }

    /// Appends a query parameter.
    pub fn query(self, name: &str, value: &str) -> Self {
        self.map(|r| {
            r.url.query_pairs_mut().append_pair(name, value);
            Ok(())
        })
    }

    /// Adds a header.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.map(|r| {
            let name = header_name(name)?;
            let value = HeaderValue::from_str(value).map_err(|_| ConfigError::Invalid {
                name: "header",
                reason: "invalid header value".into(),
            })?;
            r.headers.append(name, value);
            Ok(())
        })
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Self {
        self.map(|r| {
            let bytes = serde_json::to_vec(body).map_err(|e| ConfigError::Invalid {
                name: "body",
                reason: e.to_string(),
            })?;
            r.headers
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            r.body = Some(Bytes::from(bytes));
            Ok(())
        })
    }

    /// Sends `pairs` as an `application/x-www-form-urlencoded` body.
    pub fn form(self, pairs: &[(&str, &str)]) -> Self {
        self.map(|r| {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            r.headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            r.body = Some(Bytes::from(body));
            Ok(())
        })
    }

    /// Adds a header whose value is a secret: it is marked sensitive and never printed.
    pub fn secret_header(self, name: &str, value: &secrecy::SecretString) -> Self {
        use secrecy::ExposeSecret;
        self.map(|r| {
            let name = header_name(name)?;
            let mut value =
                HeaderValue::from_str(value.expose_secret()).map_err(|_| ConfigError::Invalid {
                    name: "header",
                    reason: "a secret header value has characters not allowed in headers".into(),
                })?;
            value.set_sensitive(true);
            r.headers.insert(name, value);
            Ok(())
        })
    }

    /// Overrides whether the request may be sent again after a 5xx or a broken connection.
    /// By default GET, HEAD, OPTIONS, PUT and DELETE may, POST may not.
    pub fn idempotent(self, idempotent: bool) -> Self {
        self.map(|r| {
            r.idempotent = Some(idempotent);
            Ok(())
        })
    }

    /// Sends the request without the client's credentials (for example to a token endpoint,
    /// which authenticates the client in the body).
    pub fn without_credentials(self) -> Self {
        self.map(|r| {
            r.authenticate = false;
            Ok(())
        })
    }

    /// Marks the response as sensitive (it carries tokens): decode errors then keep no excerpt
    /// of the body.
    pub fn sensitive_response(self) -> Self {
        self.map(|r| {
            r.sensitive = true;
            Ok(())
        })
    }

    /// Sends the request. A status outside 2xx is an [`Error::Api`] or [`Error::OAuth`].
    pub async fn send(self) -> Result<Response> {
        let request = self.request?;
        self.client.execute(&request).await
    }

    /// Sends the request and decodes one page of a collection.
    pub async fn page<T: DeserializeOwned>(self) -> Result<Page<T>> {
        let request = self.request?;
        let page = self.client.fetch_page::<T>(&request).await?;
        let items = page.items.into_iter().collect::<Result<Vec<T>>>()?;
        Ok(Page {
            items,
            next: page.next,
            rate_limit: page.rate_limit,
            request_id: page.request_id,
        })
    }

    /// Streams every item of a paginated collection, fetching pages lazily.
    pub fn stream<T: DeserializeOwned + Send + 'static>(self) -> PageStream<T> {
        match self.request {
            Ok(request) => PageStream::new(self.client, request),
            Err(e) => PageStream::from_error(self.client, e),
        }
    }
}

/// A successful (2xx) response, body read.
#[derive(Clone)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    rate_limit: Option<RateLimit>,
    request_id: Option<String>,
    sensitive: bool,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("rate_limit", &self.rate_limit)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl Response {
    /// HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The rate-limit snapshot, when the response carried the headers.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.rate_limit.as_ref()
    }

    /// The `X-Okta-Request-Id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Decodes the body as JSON; a failure names the JSON path.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        decode(&self.body, "", self.decode_context())
    }

    fn decode_context(&self) -> DecodeContext<'_> {
        DecodeContext {
            status: self.status,
            request_id: self.request_id.as_deref(),
            sensitive: self.sensitive,
        }
    }

    /// Decodes a JSON array item by item: a record that does not decode becomes an error of
    /// its own, the others still decode.
    fn json_items<T: DeserializeOwned>(&self) -> Result<Vec<Result<T>>> {
        // Fast path: one pass over a page where every record decodes.
        if let Ok(items) = serde_json::from_slice::<Vec<T>>(&self.body) {
            return Ok(items.into_iter().map(Ok).collect());
        }
        let ctx = self.decode_context();
        let raw: Vec<&RawValue> = match decode(&self.body, "", ctx) {
            Ok(raw) => raw,
            Err(e) => {
                // The body is not a well-formed array; decode it as records to name the path.
                return match decode::<Vec<T>>(&self.body, "", ctx) {
                    Err(precise) => Err(precise),
                    Ok(_) => Err(e),
                };
            }
        };
        Ok(raw
            .into_iter()
            .enumerate()
            .map(|(i, item)| decode::<T>(item.get().as_bytes(), &format!("[{i}]"), ctx))
            .collect())
    }

    fn into_error(self) -> Error {
        #[derive(serde::Deserialize)]
        struct Body {
            #[serde(rename = "errorCode")]
            error_code: Option<String>,
            #[serde(rename = "errorSummary")]
            error_summary: Option<String>,
            #[serde(rename = "errorLink")]
            error_link: Option<String>,
            #[serde(rename = "errorId")]
            error_id: Option<String>,
            #[serde(rename = "errorCauses", default)]
            error_causes: Vec<ErrorCause>,
            error: Option<serde_json::Value>,
            error_description: Option<String>,
        }
        let parsed = serde_json::from_slice::<Body>(&self.body).ok();
        if let Some(b) = &parsed {
            if b.error_code.is_none() && b.error_summary.is_none() {
                if let Some(serde_json::Value::String(code)) = &b.error {
                    return Error::OAuth(Box::new(OAuthError {
                        status: self.status,
                        error: bounded(code),
                        error_description: b.error_description.as_deref().map(bounded),
                        request_id: self.request_id,
                        // Sent back as it came (a cut nonce would never be accepted);
                        // an implausibly long one is dropped instead.
                        dpop_nonce: self
                            .headers
                            .get("dpop-nonce")
                            .and_then(|v| v.to_str().ok())
                            .filter(|v| v.len() <= MAX_DPOP_NONCE_BYTES)
                            .map(str::to_owned),
                    }));
                }
            }
        }
        let recognised = parsed
            .as_ref()
            .is_some_and(|b| b.error_code.is_some() || b.error_summary.is_some());
        let body_excerpt = (!recognised && !self.sensitive && !self.body.is_empty())
            .then(|| bounded(&String::from_utf8_lossy(&self.body)));
        let b = parsed.filter(|_| recognised);
        Error::Api(Box::new(ApiError {
            status: self.status,
            error_code: b
                .as_ref()
                .and_then(|b| b.error_code.as_deref().map(bounded)),
            error_summary: b
                .as_ref()
                .and_then(|b| b.error_summary.as_deref().map(bounded)),
            error_link: b
                .as_ref()
                .and_then(|b| b.error_link.as_deref().map(bounded)),
            error_id: b.as_ref().and_then(|b| b.error_id.as_deref().map(bounded)),
            error_causes: b
                .map(|b| {
                    b.error_causes
                        .into_iter()
                        .take(20)
                        .map(|c| ErrorCause {
                            error_summary: bounded(&c.error_summary),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            request_id: self.request_id,
            rate_limit: self.rate_limit,
            body_excerpt,
        }))
    }
}

#[derive(Clone, Copy)]
struct DecodeContext<'a> {
    status: StatusCode,
    request_id: Option<&'a str>,
    sensitive: bool,
}

/// Decodes `body` as `T`; errors name the JSON path below `prefix`.
fn decode<'de, T: serde::Deserialize<'de>>(
    body: &'de [u8],
    prefix: &str,
    ctx: DecodeContext<'_>,
) -> Result<T> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        decode_error(body, prefix, &path, e.into_inner(), ctx)
    })?;
    de.end()
        .map_err(|e| decode_error(body, prefix, ".", e, ctx))?;
    Ok(value)
}

fn decode_error(
    body: &[u8],
    prefix: &str,
    path: &str,
    inner: serde_json::Error,
    ctx: DecodeContext<'_>,
) -> Error {
    let path = match (prefix, path) {
        ("", p) => p.to_owned(),
        (pre, ".") => pre.to_owned(),
        (pre, p) if p.starts_with('[') => format!("{pre}{p}"),
        (pre, p) => format!("{pre}.{p}"),
    };
    // serde_json quotes offending values in its messages: keep only the category for
    // responses that carry tokens.
    let (message, excerpt) = if ctx.sensitive {
        let m = format!(
            "{:?} error at line {} column {}",
            inner.classify(),
            inner.line(),
            inner.column()
        );
        (m, String::new())
    } else {
        (
            bounded(&inner.to_string()),
            excerpt_at(body, inner.line(), inner.column()),
        )
    };
    Error::Decode(Box::new(DecodeError {
        path,
        message,
        excerpt,
        status: Some(ctx.status),
        request_id: ctx.request_id.map(str::to_owned),
    }))
}

/// Up to 40 characters of `body` before and after line/column (1-based).
fn excerpt_at(body: &[u8], line: usize, column: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            offset += column.min(l.len());
            break;
        }
        offset += l.len() + 1;
    }
    let offset = offset.min(text.len());
    let mut start = offset.saturating_sub(40);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (offset + 40).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DecodeContext<'static> {
        DecodeContext {
            status: StatusCode::OK,
            request_id: Some("req1"),
            sensitive: false,
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct User {
        id: String,
        profile: Profile,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Profile {
        login: String,
    }

    #[test]
    fn decode_error_names_the_json_path_and_keeps_a_bounded_excerpt() {
        let body =
            br#"[{"id":"00u1","profile":{"login":"a@x"}},{"id":"00u2","profile":{"login":7}}]"#;
        let err = decode::<Vec<User>>(body, "", ctx()).unwrap_err();
        let Error::Decode(d) = err else {
            panic!("{err:?}")
        };
        assert_eq!(d.path, "[1].profile.login");
        assert!(d.excerpt.len() <= 84, "{}", d.excerpt);
        assert_eq!(d.request_id.as_deref(), Some("req1"));
    }

    #[test]
    fn sensitive_decode_errors_keep_no_excerpt() {
        let body = br#"{"access_token": "secret-token", "expires_in": "soon"}"#;
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Token {
            access_token: String,
            expires_in: u64,
        }
        let c = DecodeContext {
            sensitive: true,
            ..ctx()
        };
        let err = decode::<Token>(body, "", c).unwrap_err();
        assert!(!format!("{err} {err:?}").contains("secret-token"));
    }

    #[test]
    fn trailing_garbage_is_a_decode_error() {
        assert!(decode::<Vec<u8>>(b"[1] x", "", ctx()).is_err());
    }

    #[test]
    fn excerpt_never_splits_a_character() {
        let body = "é".repeat(100);
        let e = excerpt_at(body.as_bytes(), 1, 51);
        assert!(e.chars().count() <= 41);
    }

    #[test]
    fn user_agent_names_sdk_rust_os_and_arch() {
        let ua = user_agent();
        assert!(
            ua.starts_with(&format!(
                "okta-sdk-rust/{} rust/1.",
                env!("CARGO_PKG_VERSION")
            )),
            "{ua}"
        );
        assert!(ua.ends_with(&format!(
            "{}/{}",
            std::env::consts::OS,
            std::env::consts::ARCH
        )));
    }
}
