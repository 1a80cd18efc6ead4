//! Talking to the fake org through Prism (`tools/prism/run.sh`), which checks every request
//! and response against Okta's OpenAPI description.
//!
//! With `--errors`, Prism answers `422` to a request that breaks the spec and `500` to a
//! response that does, and it names every violation, errors and warnings alike, in an
//! `sl-violations` response header. The typed API does not show response headers, so the
//! tests talk to Prism through [`Relay`], a small local relay that records every
//! `sl-violations` header it forwards.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use okta_mgmt::core::http::Method;
use okta_mgmt::core::{Client, Config, Error, RetryPolicy};
use okta_mgmt::Okta;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What `tools/prism/run.sh` exported.
#[derive(Debug, Clone)]
pub(crate) struct PrismEnv {
    /// Prism's URL.
    pub(crate) url: String,
    /// The fake org's SSWS token.
    pub(crate) token: String,
    /// The fake org's own URL, to do what Prism would refuse (`PRISM_FAKE_OKTA_URL`).
    pub(crate) fake_org_url: Option<String>,
}

/// The Prism set-up, or `None` after printing why the test is skipped.
pub(crate) fn prism_env() -> Option<PrismEnv> {
    let Some(url) = std::env::var("PRISM_URL").ok().filter(|u| !u.is_empty()) else {
        println!(
            "skipped: PRISM_URL is not set (the test command starts Prism with tools/prism/run.sh)"
        );
        return None;
    };
    let Some(token) = std::env::var("PRISM_OKTA_TOKEN").ok() else {
        println!(
            "skipped: PRISM_OKTA_TOKEN is not set (tools/prism/run.sh exports it with PRISM_URL)"
        );
        return None;
    };
    Some(PrismEnv {
        url: url.trim_end_matches('/').to_owned(),
        token,
        fake_org_url: std::env::var("PRISM_FAKE_OKTA_URL").ok(),
    })
}

/// A client for `url` with the fake org's token and no retries (a retried `500` would only
/// hide which request Prism refused).
pub(crate) fn okta(url: &str, token: &str) -> Okta {
    let config = Config::builder()
        .org_url(url)
        .api_token(token)
        .request_timeout(Duration::from_secs(30))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap_or_else(|error| panic!("client configuration for {url}: {error}"));
    Okta::new(Client::new(config).unwrap_or_else(|error| panic!("client for {url}: {error}")))
}

/// A local relay in front of Prism that records the `sl-violations` header of every
/// answer. It reads one request per connection (with its `Content-Length` body), forwards
/// it with `Connection: close`, relays the whole answer and closes; `Link` headers naming
/// Prism are rewritten to name the relay, so pagination stays behind it.
pub(crate) struct Relay {
    url: String,
    violations: Arc<Mutex<Vec<String>>>,
    accept_loop: JoinHandle<()>,
}

impl Relay {
    /// Starts a relay to Prism at `prism_url` (`http://host:port`).
    pub(crate) async fn start(prism_url: &str) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|error| panic!("relay cannot listen: {error}"));
        let port = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("relay address: {error}"))
            .port();
        let url = format!("http://127.0.0.1:{port}");
        let upstream = prism_url
            .strip_prefix("http://")
            .unwrap_or(prism_url)
            .to_owned();
        let violations = Arc::new(Mutex::new(Vec::new()));
        let accept_loop = tokio::spawn({
            let violations = Arc::clone(&violations);
            let rewrite = (prism_url.to_owned(), url.clone());
            async move {
                while let Ok((client, _)) = listener.accept().await {
                    let violations = Arc::clone(&violations);
                    let upstream = upstream.clone();
                    let rewrite = rewrite.clone();
                    tokio::spawn(async move {
                        if let Err(problem) =
                            relay_one(client, &upstream, &rewrite, &violations).await
                        {
                            record(&violations, format!("relay failure: {problem}"));
                        }
                    });
                }
            }
        });
        Relay {
            url,
            violations,
            accept_loop,
        }
    }

    /// The relay's URL, to use as the org URL.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// A client of the typed API through the relay.
    pub(crate) fn okta(&self, token: &str) -> Okta {
        okta(&self.url, token)
    }

    /// Every `sl-violations` header seen so far, each with its request line.
    pub(crate) fn violations(&self) -> Vec<String> {
        self.violations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Fails the test when any answer carried `sl-violations` (or the relay failed).
    pub(crate) fn assert_clean(&self) {
        let violations = self.violations();
        assert!(
            violations.is_empty(),
            "Prism reported spec violations:\n{}",
            violations.join("\n")
        );
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

fn record(violations: &Mutex<Vec<String>>, entry: String) {
    violations
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(entry);
}

/// The end of the header section in `buffer`, if it is there.
fn header_end(buffer: &[u8]) -> Option<usize> {
    buffer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

/// Forwards one request and its answer.
async fn relay_one(
    mut client: TcpStream,
    upstream: &str,
    (prism_url, relay_url): &(String, String),
    violations: &Mutex<Vec<String>>,
) -> Result<(), String> {
    let mut buffer = Vec::new();
    let mut chunk = vec![0u8; 16 * 1024];
    let head_len = loop {
        if let Some(end) = header_end(&buffer) {
            break end;
        }
        let n = client.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            // The client closed an idle connection: nothing to relay.
            return Ok(());
        }
        buffer.extend_from_slice(&chunk[..n]);
        if buffer.len() > 1 << 20 {
            return Err("request headers over 1 MiB".to_owned());
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_len]).into_owned();
    let request_line = head.lines().next().unwrap_or_default().to_owned();
    let mut content_length = 0usize;
    let mut forwarded_head = String::new();
    for (index, line) in head.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        let name = line
            .split_once(':')
            .map(|(name, _)| name.trim().to_ascii_lowercase());
        match name.as_deref() {
            _ if index == 0 => {}
            Some("connection") | Some("host") => continue,
            Some("content-length") => {
                content_length = line
                    .split_once(':')
                    .and_then(|(_, v)| v.trim().parse().ok())
                    .unwrap_or(0);
            }
            Some("transfer-encoding") => {
                return Err("chunked request bodies are not relayed".to_owned())
            }
            _ => {}
        }
        forwarded_head.push_str(line);
        forwarded_head.push_str("\r\n");
    }
    forwarded_head.push_str(&format!("Host: {upstream}\r\nConnection: close\r\n\r\n"));
    let mut body = buffer[head_len..].to_vec();
    while body.len() < content_length {
        let n = client.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the client closed before sending its body".to_owned());
        }
        body.extend_from_slice(&chunk[..n]);
    }

    let mut prism = TcpStream::connect(upstream)
        .await
        .map_err(|e| format!("cannot reach Prism at {upstream}: {e}"))?;
    prism
        .write_all(forwarded_head.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    prism.write_all(&body).await.map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    prism
        .read_to_end(&mut answer)
        .await
        .map_err(|e| e.to_string())?;
    let Some(answer_head_len) = header_end(&answer) else {
        return Err(format!(
            "Prism's answer to {request_line} has no header section"
        ));
    };
    let answer_head = String::from_utf8_lossy(&answer[..answer_head_len]).into_owned();
    let mut relayed_head = String::new();
    for line in answer_head.split("\r\n").filter(|l| !l.is_empty()) {
        let name = line
            .split_once(':')
            .map(|(name, _)| name.trim().to_ascii_lowercase());
        match name.as_deref() {
            Some("sl-violations") => {
                let value = line.split_once(':').map_or("", |(_, v)| v.trim());
                record(violations, format!("{request_line}: {value}"));
            }
            Some("connection") => continue,
            Some("link") => {
                relayed_head.push_str(&line.replace(prism_url.as_str(), relay_url));
                relayed_head.push_str("\r\n");
                continue;
            }
            _ => {}
        }
        relayed_head.push_str(line);
        relayed_head.push_str("\r\n");
    }
    relayed_head.push_str("Connection: close\r\n\r\n");
    client
        .write_all(relayed_head.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    client
        .write_all(&answer[answer_head_len..])
        .await
        .map_err(|e| e.to_string())?;
    client.shutdown().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// A raw call: the status and JSON body of a success (`Value::Null` when empty), or the
/// error. Any `sl-violations` header on the answer fails the test at once.
pub(crate) async fn call(
    okta: &Okta,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, Value), Error> {
    let mut request = okta.request(method.clone(), path);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await?;
    if let Some(violations) = response.headers().get("sl-violations") {
        panic!(
            "{method} {path}: Prism reported {}",
            String::from_utf8_lossy(violations.as_bytes())
        );
    }
    let value = if response.body().is_empty() {
        Value::Null
    } else {
        response.json()?
    };
    Ok((response.status().as_u16(), value))
}

/// [`call`] that must succeed.
pub(crate) async fn ok(
    okta: &Okta,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> (u16, Value) {
    match call(okta, method.clone(), path, body).await {
        Ok(answer) => answer,
        Err(error) => panic!("{method} {path}: {error}"),
    }
}

/// A name no other test run uses, for resources that must not collide.
pub(crate) fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{prefix}{}{nanos:09}", std::process::id())
}
