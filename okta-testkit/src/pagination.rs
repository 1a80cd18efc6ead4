//! Cursor pagination: `limit` and `after` parameters and `Link` headers.

use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, LINK};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::errors::ApiError;

/// The query parameters of a list request.
#[derive(Clone, Debug, Default)]
pub(crate) struct ListParams {
    /// The page size, clamped to the configured maximum.
    pub(crate) limit: usize,
    /// The opaque cursor: the id of the last item of the previous page.
    pub(crate) after: Option<String>,
    pub(crate) q: Option<String>,
    pub(crate) search: Option<String>,
    pub(crate) filter: Option<String>,
}

impl ListParams {
    /// Parses a raw query string. A `limit` that is not a positive integer is refused; one
    /// above `max_limit` is clamped.
    pub(crate) fn parse(
        raw_query: Option<&str>,
        default_limit: usize,
        max_limit: usize,
    ) -> Result<Self, ApiError> {
        let max_limit = max_limit.max(1);
        let mut params = Self {
            limit: default_limit.clamp(1, max_limit),
            ..Self::default()
        };
        let pairs = url::form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes());
        for (key, value) in pairs {
            match key.as_ref() {
                "limit" => params.limit = parse_limit(&value, max_limit)?,
                "after" => params.after = Some(value.into_owned()).filter(|a| !a.is_empty()),
                "q" => params.q = Some(value.into_owned()),
                "search" => params.search = Some(value.into_owned()),
                "filter" => params.filter = Some(value.into_owned()),
                _ => {}
            }
        }
        Ok(params)
    }

    /// The query string of the page after the item `after`.
    fn next_query(&self, after: &str) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("limit", &self.limit.to_string());
        query.append_pair("after", after);
        for (key, value) in [
            ("q", &self.q),
            ("search", &self.search),
            ("filter", &self.filter),
        ] {
            if let Some(value) = value {
                query.append_pair(key, value);
            }
        }
        query.finish()
    }
}

/// Parses a `limit`: a positive integer, clamped to `max_limit` however many digits it has.
fn parse_limit(value: &str, max_limit: usize) -> Result<usize, ApiError> {
    let digits = value.trim();
    let positive = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.bytes().any(|b| b != b'0');
    if !positive {
        return Err(ApiError::validation(
            "limit",
            "The value must be a positive integer",
        ));
    }
    Ok(digits
        .parse::<usize>()
        .map_or(max_limit, |limit| limit.min(max_limit)))
}

/// Takes up to `limit` items and tells whether more follow.
pub(crate) fn take_page<T>(mut items: impl Iterator<Item = T>, limit: usize) -> (Vec<T>, bool) {
    let page: Vec<T> = items.by_ref().take(limit).collect();
    let more = page.len() == limit && items.next().is_some();
    (page, more)
}

/// A JSON array answer (`page`, serialized) with Okta's `Link` headers: always `rel="self"` (the URL asked),
/// and `rel="next"` when `next_after` names the last item of a page that has successors.
pub(crate) fn list_response(
    base_url: &str,
    path: &str,
    raw_query: Option<&str>,
    params: &ListParams,
    page: &impl Serialize,
    next_after: Option<&str>,
) -> Response {
    let body = match serde_json::to_vec(page) {
        Ok(body) => body,
        Err(_) => return ApiError::for_status(500).into_response(),
    };
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let self_url = match raw_query.filter(|q| !q.is_empty()) {
        Some(query) => format!("{base_url}{path}?{query}"),
        None => format!("{base_url}{path}"),
    };
    if let Ok(value) = HeaderValue::from_str(&format!("<{self_url}>; rel=\"self\"")) {
        headers.append(LINK, value);
    }
    if let Some(after) = next_after {
        let next_url = format!("{base_url}{path}?{}", params.next_query(after));
        if let Ok(value) = HeaderValue::from_str(&format!("<{next_url}>; rel=\"next\"")) {
            headers.append(LINK, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_defaulted_clamped_and_validated() {
        let parse = |q: &str| ListParams::parse(Some(q), 200, 200).map(|p| p.limit);
        assert_eq!(parse("").ok(), Some(200));
        assert_eq!(parse("limit=5").ok(), Some(5));
        assert_eq!(parse("limit=5000").ok(), Some(200));
        assert_eq!(parse("limit=99999999999999999999999").ok(), Some(200));
        assert!(parse("limit=00").is_err());
        assert!(parse("limit=0").is_err());
        assert!(parse("limit=-1").is_err());
        assert!(parse("limit=ten").is_err());
    }

    #[test]
    fn next_query_keeps_the_search_parameters() {
        let params = ListParams::parse(
            Some("q=ad+a&limit=2&search=status%20eq%20%22ACTIVE%22"),
            200,
            200,
        );
        let query = params.map(|p| p.next_query("00u1")).unwrap_or_default();
        assert_eq!(
            query,
            "limit=2&after=00u1&q=ad+a&search=status+eq+%22ACTIVE%22"
        );
    }

    #[test]
    fn take_page_reports_whether_more_follow() {
        assert_eq!(take_page(1..=3, 3), (vec![1, 2, 3], false));
        assert_eq!(take_page(1..=4, 3), (vec![1, 2, 3], true));
        assert_eq!(take_page(1..=2, 3), (vec![1, 2], false));
    }
}
