//! How a fake org is set up.

use std::time::Duration;

/// The token a fake org accepts unless told otherwise.
pub(crate) const DEFAULT_API_TOKEN: &str = "00fake-ssws-token-7Qm3xV9kLp2RtW8zYb4N";

/// Settings of a [`crate::FakeOrg`], read once at start.
///
/// ```
/// use okta_testkit::FakeOrgConfig;
/// use std::time::Duration;
///
/// let mut config = FakeOrgConfig::default();
/// config.rate_limit = Some((100, Duration::from_secs(60)));
/// config.max_page_size = 50;
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FakeOrgConfig {
    /// The token the org accepts in `Authorization: SSWS {api_token}`.
    pub api_token: String,
    /// The port to listen on (on 127.0.0.1); 0 picks a free one.
    pub port: u16,
    /// The URL clients reach the org at, when that is not the address it listens on (a
    /// proxy in front of it, such as a validating proxy): the prefix of every link, `Link`
    /// header and issuer the org answers, and what [`crate::FakeOrg::url`] returns. `None`:
    /// `http://127.0.0.1:{port}`. A trailing `/` is ignored.
    pub public_url: Option<String>,
    /// The default budget of every rate-limit bucket: `limit` requests per `window`
    /// (whole seconds, at least 1). `None`: unlimited.
    pub rate_limit: Option<(u32, Duration)>,
    /// The largest page a list endpoint answers; bigger `limit`s are clamped (at least 1).
    pub max_page_size: usize,
    /// The page size when a list request has no `limit` (clamped to `max_page_size`).
    pub default_page_size: usize,
    /// How many requests the request log keeps; older entries are dropped first, and 0 turns
    /// the log off. Bounds the memory of a long-running org.
    pub request_log_capacity: usize,
    /// The `Cache-Control: max-age` of the authorization servers' key sets (whole seconds).
    pub jwks_max_age: Duration,
    /// How long the access tokens of the authorization servers live (whole seconds, at
    /// least 1); also their `expires_in`.
    pub access_token_lifetime: Duration,
}

impl Default for FakeOrgConfig {
    fn default() -> Self {
        Self {
            api_token: DEFAULT_API_TOKEN.to_owned(),
            port: 0,
            public_url: None,
            rate_limit: None,
            max_page_size: 200,
            default_page_size: 200,
            request_log_capacity: 100_000,
            jwks_max_age: Duration::from_secs(3600),
            access_token_lifetime: Duration::from_secs(3600),
        }
    }
}
