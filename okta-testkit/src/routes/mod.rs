//! The router: the endpoints of the Management API the org implements.

mod groups;
mod oauth;
mod users;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::Uri;
use axum::middleware;
use axum::Router;
use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::pipeline::pipeline;
use crate::state::OrgState;

/// The whole application, wrapped in the [`pipeline`] middleware.
pub(crate) fn router(state: Arc<OrgState>) -> Router {
    let management_api = Router::new().merge(users::routes()).merge(groups::routes());
    Router::new()
        .merge(management_api)
        // Endpoints outside the Management API (hook receivers...) are merged here. The
        // pipeline authenticates `/api/...` paths only, so they need no token.
        .merge(oauth::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), pipeline))
        .with_state(state)
}

/// A path no endpoint serves: `404 E0000007`.
async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(uri.path(), "Endpoint")
}

/// A known path asked with another method: `405 E0000022`.
async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// A request body that must be a JSON object; anything else is `400 E0000003`.
#[derive(Debug)]
pub(crate) struct JsonBody(pub(crate) Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::malformed_body())?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(JsonBody(map)),
            _ => Err(ApiError::malformed_body()),
        }
    }
}

impl JsonBody {
    /// The object under `key`: `None` when absent or null, `400 E0000003` when not an object.
    fn object(&self, key: &str) -> Result<Option<Map<String, Value>>, ApiError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map.clone())),
            Some(_) => Err(ApiError::malformed_body()),
        }
    }

    /// The strings under `key`: empty when absent or null, `400 E0000003` when not an
    /// array of strings.
    fn strings(&self, key: &str) -> Result<Vec<String>, ApiError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(ApiError::malformed_body),
            Some(_) => Err(ApiError::malformed_body()),
        }
    }

    /// Whether the body sets a password (`credentials.password.value` or `.hash`).
    fn sets_password(&self) -> bool {
        let password = self.0.get("credentials").and_then(|c| c.get("password"));
        password.is_some_and(|p| p.get("value").is_some() || p.get("hash").is_some())
    }
}

/// A boolean query parameter: `Some(true)` / `Some(false)` for `true` / `false` in any case,
/// `None` when absent or anything else.
fn query_flag(raw_query: Option<&str>, name: &str) -> Option<bool> {
    url::form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes())
        .find(|(key, _)| key == name)
        .and_then(|(_, value)| {
            if value.eq_ignore_ascii_case("true") {
                Some(true)
            } else if value.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        })
}
