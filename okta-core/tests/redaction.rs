//! Secrets never reach Debug output, Display output, error messages or tracing output.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use okta_core::{Client, Config, RetryPolicy};
use okta_testkit::{FakeOrg, Fault, FaultKind};
use tracing_subscriber::fmt::MakeWriter;

const API_TOKEN: &str = "00SECRET-api-token-value-1234567890";
const PRIVATE_KEY: &str = "-----BEGIN PRIVATE KEY-----SECRETKEYMATERIAL-----END PRIVATE KEY-----";
const PROXY: &str = "http://user:SECRETPROXYPASS@127.0.0.1:9";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn assert_clean(what: &str, text: &str) {
    for secret in [API_TOKEN, "SECRETKEYMATERIAL", "SECRETPROXYPASS"] {
        assert!(!text.contains(secret), "{what} leaks a secret: {text}");
    }
}

#[test]
fn config_debug_hides_token_private_key_and_proxy_password() {
    let c = Config::builder()
        .org_url("https://dev-1.okta.com")
        .api_token(API_TOKEN)
        .proxy(PROXY)
        .build()
        .unwrap();
    assert_clean("Config", &format!("{c:?}"));
    let c = Config::builder()
        .org_url("https://dev-1.okta.com")
        .private_key("0oa1", PRIVATE_KEY, Some("kid".into()))
        .scopes(["okta.users.read".to_string()])
        .build()
        .unwrap();
    assert_clean("Config", &format!("{c:?}"));
    let err = Client::new(c).unwrap_err();
    assert_clean("Error", &format!("{err} {err:?}"));
}

#[tokio::test]
async fn tracing_output_and_errors_of_a_failing_call_hold_no_secret() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(capture.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let org = FakeOrg::start().await.unwrap();
    org.inject(
        Fault::new(FaultKind::Status(503))
            .on("GET", "/api/v1/users")
            .times(2),
    );
    let config = Config::builder()
        .org_url(org.url())
        .api_token(API_TOKEN)
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(5))
                .max_attempts(2),
        )
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    assert_clean("Client", &format!("{client:?}"));
    let err = client.get("/api/v1/users").send().await.unwrap_err();
    assert_clean("Error", &format!("{err} {err:?}"));

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("okta.request"),
        "the request span is traced: {logs}"
    );
    assert!(logs.contains("attempt=2"), "retries are traced: {logs}");
    assert!(logs.contains("status=503"), "{logs}");
    assert_clean("tracing output", &logs);
}
