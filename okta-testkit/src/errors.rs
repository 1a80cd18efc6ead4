//! Okta-shaped error answers.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::ids;

/// An error answered with Okta's error body:
/// `{"errorCode","errorSummary","errorLink","errorId","errorCauses":[{"errorSummary"}]}`.
#[derive(Clone, Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    summary: String,
    causes: Vec<String>,
}

impl ApiError {
    /// An error with the given status, Okta error code and summary, and no causes.
    pub(crate) fn new(status: StatusCode, code: &'static str, summary: impl Into<String>) -> Self {
        Self {
            status,
            code,
            summary: summary.into(),
            causes: Vec::new(),
        }
    }

    /// Adds an entry to `errorCauses`.
    pub(crate) fn with_cause(mut self, cause: impl Into<String>) -> Self {
        self.causes.push(cause.into());
        self
    }

    /// `400 E0000001 Api validation failed: {field}` with the cause `{field}: {problem}`.
    pub(crate) fn validation(field: &str, problem: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "E0000001",
            format!("Api validation failed: {field}"),
        )
        .with_cause(format!("{field}: {problem}"))
    }

    /// The validation error for a required field that is missing or blank.
    pub(crate) fn blank(field: &str) -> Self {
        Self::validation(field, "The field cannot be left blank")
    }

    /// The validation error for a unique field whose value is taken.
    pub(crate) fn duplicate(field: &str) -> Self {
        Self::validation(
            field,
            "An object with this field already exists in the current organization",
        )
    }

    /// `404 E0000007 Not found: Resource not found: {id} ({kind})`.
    pub(crate) fn not_found(id: &str, kind: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "E0000007",
            format!("Not found: Resource not found: {id} ({kind})"),
        )
    }

    /// `400 E0000003 The request body was not well-formed.`
    pub(crate) fn malformed_body() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "E0000003",
            "The request body was not well-formed.",
        )
    }

    /// `401 E0000011 Invalid token provided`.
    pub(crate) fn invalid_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "E0000011",
            "Invalid token provided",
        )
    }

    /// `429 E0000047`, the rate-limit error.
    pub(crate) fn rate_limited() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "E0000047",
            "API call exceeded rate limit due to too many requests.",
        )
    }

    /// `400 E0000031 Invalid search criteria.`
    pub(crate) fn invalid_search(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "E0000031",
            "Invalid search criteria.",
        )
        .with_cause(detail)
    }

    /// `405 E0000022`, a known path asked with a method it does not support.
    pub(crate) fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "E0000022",
            "The endpoint does not support the provided HTTP method",
        )
    }

    /// A plausible Okta error for an arbitrary status, used by injected faults.
    ///
    /// A code outside 100..=999 is answered as 500.
    pub(crate) fn for_status(code: u16) -> Self {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let reason = status.canonical_reason().unwrap_or("Error");
        match status.as_u16() {
            401 => Self::invalid_token(),
            403 => Self::new(
                status,
                "E0000006",
                "You do not have permission to perform the requested action",
            ),
            404 => Self::new(status, "E0000007", "Not found: Resource not found"),
            429 => Self::rate_limited(),
            400..=499 => Self::new(
                status,
                "E0000001",
                format!("Api validation failed: {reason}"),
            ),
            _ => Self::new(status, "E0000009", reason),
        }
    }

    /// The JSON body, with a fresh `errorId`.
    pub(crate) fn body(&self) -> Value {
        let causes: Vec<Value> = self
            .causes
            .iter()
            .map(|cause| json!({ "errorSummary": cause }))
            .collect();
        json!({
            "errorCode": self.code,
            "errorSummary": self.summary,
            "errorLink": self.code,
            "errorId": ids::error_id(),
            "errorCauses": causes,
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}
