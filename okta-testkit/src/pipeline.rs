//! What every request goes through before and after its endpoint: the request log, the
//! concurrency limit, injected faults, rate limits, authentication and the common headers.
//!
//! In order: the request is logged; refused with a concurrent-limit 429 if too many are in
//! flight; a matching fault fires (a `Status` or `ConnectionReset` fault ends the request
//! here, a `Delay` waits); the rate limit of its bucket is applied (429 when spent); an
//! `/api/...` request without the org's SSWS token or a valid access token of the org
//! authorization server (with a scope it needs) gets a 401 (or a 403); then the endpoint answers
//! and `TruncatedBody` / `DuplicateRateLimitHeaders` faults alter the answer. Every answer
//! gets `X-Okta-Request-Id`, `Date` and, when a limit applies, `X-Rate-Limit-*`.

use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH, DATE};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::clock::{http_date_now, now_epoch_secs};
use crate::errors::ApiError;
use crate::faults::FaultKind;
use crate::ids;
use crate::log::RecordedRequest;
use crate::oauth::api_auth;
use crate::rate_limit::{bucket_for, Admission, RateInfo};
use crate::server::ResetHandle;
use crate::state::OrgState;

/// `X-Okta-Request-Id`.
const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-okta-request-id");

/// The middleware wrapped around every route and the fallbacks.
pub(crate) async fn pipeline(
    State(org): State<Arc<OrgState>>,
    request: Request,
    next: Next,
) -> Response {
    let request_id = ids::request_id();
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    org.log.push(record(&request, &request_id));
    let bucket = bucket_for(&method, &path);

    let Some(_in_flight) = org.concurrency.enter() else {
        let mut response = ApiError::rate_limited().into_response();
        // Okta's concurrent-limit shape: no budget, a suggested retry one second from now.
        RateInfo {
            limit: 0,
            remaining: 0,
            reset: now_epoch_secs() + 1,
        }
        .apply(response.headers_mut());
        return finish(&org, &request_id, response, None);
    };

    let fault = org.faults.take(&method, &path);
    let fault_name = fault.as_ref().map(|kind| format!("{kind:?}"));
    if fault_name.is_some() {
        // Recorded now, so it shows even if the client goes away before the answer.
        org.log.finish(&request_id, 0, fault_name.clone());
    }
    match fault {
        Some(FaultKind::Status(code)) => {
            let mut response = ApiError::for_status(code).into_response();
            let info = org.limiter().peek(&bucket, now_epoch_secs());
            if let Some(info) = info {
                info.apply(response.headers_mut());
            }
            return finish(&org, &request_id, response, fault_name);
        }
        Some(FaultKind::ConnectionReset) => {
            let Some(handle) = request.extensions().get::<ResetHandle>().cloned() else {
                // Not served by our accept loop: there is no connection to reset.
                let response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
                return finish(&org, &request_id, response, fault_name);
            };
            handle.reset();
            // The connection task drops this future together with the connection.
            return std::future::pending().await;
        }
        Some(FaultKind::Delay(delay)) => tokio::time::sleep(delay).await,
        _ => {}
    }

    let admission = org.limiter().admit(&bucket, now_epoch_secs());
    let rate = match admission {
        Admission::Unlimited => None,
        Admission::Allowed(info) => Some(info),
        Admission::Limited(info) => {
            let mut response = ApiError::rate_limited().into_response();
            info.apply(response.headers_mut());
            return finish(&org, &request_id, response, fault_name);
        }
    };

    let refusal = if path.starts_with("/api/") && !authorized(&request, &org.api_token) {
        api_auth::authorize(&org.oauth, &request).err()
    } else {
        None
    };
    let mut response = match refusal {
        Some(refusal) => *refusal,
        None => next.run(request).await,
    };

    if let Some(info) = rate {
        info.apply(response.headers_mut());
    }
    match fault {
        Some(FaultKind::TruncatedBody { keep }) => response = truncate(response, keep).await,
        Some(FaultKind::DuplicateRateLimitHeaders) => duplicate_rate_headers(&mut response, rate),
        _ => {}
    }
    finish(&org, &request_id, response, fault_name)
}

/// The log entry of a request just received.
fn record(request: &Request, request_id: &str) -> RecordedRequest {
    RecordedRequest {
        method: request.method().as_str().to_owned(),
        path: request.uri().path().to_owned(),
        query: request.uri().query().map(str::to_owned),
        headers: request
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        status: 0,
        request_id: request_id.to_owned(),
        received_at: SystemTime::now(),
        fault: None,
    }
}

/// Whether the request carries `Authorization: SSWS {token}` (scheme in any case).
fn authorized(request: &Request, token: &str) -> bool {
    let Some(value) = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    match value.split_once(' ') {
        Some((scheme, given)) => scheme.eq_ignore_ascii_case("SSWS") && given.trim() == token,
        None => false,
    }
}

/// Keeps only the first `keep` bytes of the body, with a matching `Content-Length`.
async fn truncate(response: Response, keep: usize) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let kept = bytes.slice(..keep.min(bytes.len()));
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(kept.len()));
    Response::from_parts(parts, Body::from(kept))
}

/// Sends every `X-Rate-Limit-*` header twice: the bucket's values (or made-up ones when no
/// limit applies), then a second copy with a bigger limit and remaining count and a later
/// reset.
fn duplicate_rate_headers(response: &mut Response, rate: Option<RateInfo>) {
    let first = rate.unwrap_or(RateInfo {
        limit: 600,
        remaining: 599,
        reset: now_epoch_secs() + 60,
    });
    let second = RateInfo {
        limit: first.limit.saturating_add(100),
        remaining: first.remaining.saturating_add(100),
        reset: first.reset.saturating_add(60),
    };
    let headers = response.headers_mut();
    first.apply(headers);
    second.append(headers);
}

/// Adds the headers every answer carries and records the status answered.
fn finish(
    org: &OrgState,
    request_id: &str,
    mut response: Response,
    fault: Option<String>,
) -> Response {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert(REQUEST_ID_HEADER, value);
    }
    if let Ok(value) = HeaderValue::from_str(&http_date_now()) {
        headers.insert(DATE, value);
    }
    org.log
        .finish(request_id, response.status().as_u16(), fault);
    response
}
