//! `GET /api/v1/logs`: the System Log (see [`crate::system_log`]).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_TYPE, LINK};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::clock::now_millis;
use crate::errors::ApiError;
use crate::state::OrgState;
use crate::system_log::LogQuery;

/// The System Log endpoint.
pub(super) fn routes() -> Router<Arc<OrgState>> {
    Router::new().route("/api/v1/logs", get(list))
}

/// `GET /api/v1/logs`: a page of events with `Link` headers; polling queries always have a
/// `next` link.
async fn list(
    State(org): State<Arc<OrgState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let query = LogQuery::parse(raw.as_deref())?;
    let store = org.store();
    let (page, next) = store.log.query(&query, now_millis());
    let body = serde_json::to_vec(&page).map_err(|_| ApiError::for_status(500))?;
    drop(store);
    let mut response = Body::from(body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let self_url = match raw.as_deref().filter(|q| !q.is_empty()) {
        Some(query) => format!("{}/api/v1/logs?{query}", org.base_url),
        None => format!("{}/api/v1/logs", org.base_url),
    };
    if let Ok(value) = HeaderValue::from_str(&format!("<{self_url}>; rel=\"self\"")) {
        headers.append(LINK, value);
    }
    if let Some(cursor) = next {
        let next_url = format!("{}/api/v1/logs?{}", org.base_url, query.next_query(&cursor));
        if let Ok(value) = HeaderValue::from_str(&format!("<{next_url}>; rel=\"next\"")) {
            headers.append(LINK, value);
        }
    }
    Ok(response)
}
