//! Helpers shared by the integration tests.

#![allow(dead_code, unreachable_pub)]

pub mod jose;

use okta_testkit::{FakeOrg, FakeOrgConfig};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::Value;

/// A running org and a client that sends its token.
pub struct TestOrg {
    pub org: FakeOrg,
    pub client: Client,
}

impl TestOrg {
    pub async fn start() -> TestOrg {
        Self::start_with(FakeOrgConfig::default()).await
    }

    pub async fn start_with(config: FakeOrgConfig) -> TestOrg {
        let org = FakeOrg::start_with(config).await.expect("org starts");
        TestOrg {
            org,
            client: Client::new(),
        }
    }

    /// A request to `path_and_query` (relative to the org) with the SSWS token.
    pub fn request(&self, method: Method, path_and_query: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path_and_query}", self.org.url()))
            .header("Authorization", format!("SSWS {}", self.org.api_token()))
    }

    pub fn get(&self, path_and_query: &str) -> RequestBuilder {
        self.request(Method::GET, path_and_query)
    }

    pub fn post(&self, path_and_query: &str) -> RequestBuilder {
        self.request(Method::POST, path_and_query)
    }

    pub fn put(&self, path_and_query: &str) -> RequestBuilder {
        self.request(Method::PUT, path_and_query)
    }

    pub fn delete(&self, path_and_query: &str) -> RequestBuilder {
        self.request(Method::DELETE, path_and_query)
    }

    /// Sends a GET to an absolute URL (a `Link` target) with the token.
    pub async fn get_url(&self, url: &str) -> Response {
        self.client
            .get(url)
            .header("Authorization", format!("SSWS {}", self.org.api_token()))
            .send()
            .await
            .expect("request sent")
    }
}

/// Sends a request and returns its status and JSON body (`Null` for an empty body).
pub async fn send(request: RequestBuilder) -> (u16, Value) {
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("body read");
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("JSON body")
    };
    (status, body)
}

/// The values of a response header, in order.
pub fn header_values(response: &Response, name: &str) -> Vec<String> {
    response
        .headers()
        .get_all(name)
        .iter()
        .map(|value| value.to_str().expect("ASCII header").to_owned())
        .collect()
}

/// The URL of the `Link` header with `rel="{rel}"`, if any.
pub fn link(response: &Response, rel: &str) -> Option<String> {
    header_values(response, "link")
        .into_iter()
        .find_map(|value| {
            let (target, params) = value.split_once(';')?;
            let wanted = format!("rel=\"{rel}\"");
            (params.trim() == wanted).then(|| {
                target
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned()
            })
        })
}

/// Checks that `body` is an Okta error body with this code and summary.
pub fn assert_okta_error(body: &Value, code: &str, summary: &str) {
    assert_eq!(body["errorCode"], code, "{body}");
    assert_eq!(body["errorSummary"], summary, "{body}");
    assert_eq!(body["errorLink"], code, "{body}");
    let error_id = body["errorId"].as_str().expect("errorId");
    assert!(error_id.starts_with("oae") && error_id.len() > 10, "{body}");
    assert!(body["errorCauses"].is_array(), "{body}");
}

/// The `errorSummary` of each error cause.
pub fn causes(body: &Value) -> Vec<String> {
    body["errorCauses"]
        .as_array()
        .expect("errorCauses")
        .iter()
        .map(|cause| {
            cause["errorSummary"]
                .as_str()
                .expect("cause summary")
                .to_owned()
        })
        .collect()
}

/// Reads one HTTP/1.1 response with a `Content-Length` from a raw connection:
/// its head (status line and headers) and its body.
pub async fn read_response(
    stream: &mut tokio::net::TcpStream,
) -> std::io::Result<(String, Vec<u8>)> {
    use tokio::io::AsyncReadExt;

    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok((head, body))
}

/// A raw `GET` request with the org's token, keeping the connection open.
pub fn raw_get(org: &FakeOrg, path: &str) -> String {
    format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: SSWS {}\r\n\r\n",
        org.addr(),
        org.api_token()
    )
}
