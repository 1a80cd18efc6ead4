//! Request-shape tests against a local mock server: an exact matcher (method, encoded path,
//! whole query, JSON body) and an `Okta` client pointed at the server.

use std::time::Duration;

use okta_mgmt::core::{Client, Config};
use okta_mgmt::Okta;
use serde_json::Value;
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

/// A request the test expects exactly: method, path (percent-encoded as sent), the whole
/// query and the JSON body (or no body).
pub(crate) struct Exact {
    pub(crate) method: &'static str,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<Value>,
}

impl Match for Exact {
    fn matches(&self, request: &Request) -> bool {
        let mut query: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        query.sort();
        let mut expected = self.query.clone();
        expected.sort();
        let body_matches = match &self.body {
            None => request.body.is_empty(),
            Some(body) => {
                serde_json::from_slice::<Value>(&request.body).ok().as_ref() == Some(body)
            }
        };
        request.method.as_str() == self.method
            && request.url.path() == self.path
            && query == expected
            && body_matches
    }
}

/// Expects one request and answers it with `status` and `answer` (no body when `None`).
pub(crate) async fn expect(
    server: &MockServer,
    method: &'static str,
    path: &str,
    query: &[(&str, &str)],
    body: Option<Value>,
    status: u16,
    answer: Option<Value>,
) {
    let mut response = ResponseTemplate::new(status);
    if let Some(answer) = answer {
        response = response.set_body_json(answer);
    }
    Mock::given(Exact {
        method,
        path: path.to_owned(),
        query: query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        body,
    })
    .respond_with(response)
    .expect(1)
    .mount(server)
    .await;
}

pub(crate) async fn okta() -> (MockServer, Okta) {
    let server = MockServer::start().await;
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .request_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    (server, Okta::new(Client::new(config).unwrap()))
}
