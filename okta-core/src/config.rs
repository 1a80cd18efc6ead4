//! Configuration: the org URL, credentials, timeouts, proxy, retries and throttling.
//!
//! Build a [`Config`] with [`Config::builder`] or read it from the environment with
//! [`Config::from_env`], which understands the variable names of Okta's official SDKs.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use crate::credentials::{Bearer, Credentials, Ssws};
use crate::error::{bounded, ConfigError, OrgUrlProblem};
use crate::rate_limit::ThrottlePolicy;
use crate::retry::RetryPolicy;

/// A validated Okta org URL such as `https://dev-123456.okta.com`.
///
/// Only the origin is accepted: `https` (plain `http` only for loopback hosts, for tests),
/// a host, an optional port, and nothing else.
///
/// ```
/// use okta_core::OrgUrl;
///
/// let org = OrgUrl::parse("https://dev-123456.okta.com/").unwrap();
/// assert_eq!(org.host(), "dev-123456.okta.com");
///
/// let err = OrgUrl::parse("https://dev-123456-admin.okta.com").unwrap_err();
/// assert!(err.to_string().contains("admin"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct OrgUrl(Url);

impl OrgUrl {
    /// Parses and validates an org URL.
    pub fn parse(input: &str) -> Result<Self, ConfigError> {
        let fail = |problem| ConfigError::OrgUrl {
            url: bounded(input),
            problem,
        };
        if input.trim().is_empty() {
            return Err(fail(OrgUrlProblem::Empty));
        }
        if input.contains('{') || input.contains('}') || input.contains("yourOktaDomain") {
            return Err(fail(OrgUrlProblem::Placeholder));
        }
        if input.trim() != input
            || input
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>'))
        {
            return Err(fail(OrgUrlProblem::TrailingJunk));
        }
        let url = Url::parse(input).map_err(|e| match e {
            url::ParseError::EmptyHost => fail(OrgUrlProblem::NoHost),
            _ => fail(OrgUrlProblem::NotAUrl),
        })?;
        if url.cannot_be_a_base() {
            return Err(fail(OrgUrlProblem::NotAUrl));
        }
        let host = url.host_str().ok_or_else(|| fail(OrgUrlProblem::NoHost))?;
        if host.is_empty() {
            return Err(fail(OrgUrlProblem::NoHost));
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            _ => return Err(fail(OrgUrlProblem::NotHttps)),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(fail(OrgUrlProblem::HasCredentials));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(fail(OrgUrlProblem::HasQueryOrFragment));
        }
        if url.path() != "/" {
            return Err(fail(OrgUrlProblem::HasPath));
        }
        if host
            .split('.')
            .next()
            .is_some_and(|label| label.to_ascii_lowercase().ends_with("-admin"))
        {
            return Err(fail(OrgUrlProblem::AdminHost));
        }
        // A trailing dot or other oddities in the host are left to DNS; the origin is fixed here.
        Ok(OrgUrl(url))
    }

    /// The URL, always with a `/` path.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The URL as a [`Url`].
    pub fn url(&self) -> &Url {
        &self.0
    }

    /// The host name.
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }

    /// Resolves a path such as `/api/v1/users` against the org.
    ///
    /// A path with a `.` or `..` segment (also percent-encoded) or an empty segment inside it
    /// is refused: URL resolution would collapse it into another endpoint, so an ID of `..`
    /// in `/api/v1/groups/{id}/users/{user}` would reach `/api/v1/users/{user}`.
    pub fn join(&self, path: &str) -> Result<Url, ConfigError> {
        let invalid = |why: &str| ConfigError::Invalid {
            name: "path",
            reason: format!("{:?} {why}", bounded(path)),
        };
        let path_part = path.split(['?', '#']).next().unwrap_or_default();
        let mut segments = path_part.split('/').enumerate().peekable();
        while let Some((index, segment)) = segments.next() {
            // A dot segment is at most `%2e%2e`: only short segments need decoding.
            if segment.len() <= 6
                && matches!(
                    segment.to_ascii_lowercase().replace("%2e", ".").as_str(),
                    "." | ".."
                )
            {
                return Err(invalid("has a dot segment"));
            }
            if segment.is_empty() && index != 0 && segments.peek().is_some() {
                return Err(invalid("has an empty segment"));
            }
        }
        self.0
            .join(path)
            .map_err(|_| invalid("is not a valid path"))
    }

    /// Whether `url` has the same scheme, host and port as the org.
    pub fn same_origin(&self, url: &Url) -> bool {
        self.0.origin() == url.origin()
    }
}

impl fmt::Debug for OrgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("OrgUrl").field(&self.0.as_str()).finish()
    }
}

impl fmt::Display for OrgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str().trim_end_matches('/'))
    }
}

impl std::str::FromStr for OrgUrl {
    type Err = ConfigError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgUrl::parse(s)
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// How the SDK authenticates to the Management API (`OKTA_CLIENT_AUTHORIZATIONMODE`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthorizationMode {
    /// A static API token sent as `Authorization: SSWS {token}`.
    Ssws,
    /// An OAuth 2.0 service app authenticating with `private_key_jwt` (credentials from
    /// okta-auth's `oauth` feature, set with [`ConfigBuilder::credentials`]).
    PrivateKey,
    /// A bearer access token obtained elsewhere.
    Bearer,
    /// No credentials: for public endpoints such as discovery documents and JWKS.
    None,
}

/// Where requests go through a proxy.
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum ProxyConfig {
    /// Use `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` from the environment (default).
    #[default]
    FromEnvironment,
    /// Send every request through this proxy URL.
    Url(SecretString),
    /// Connect directly, ignoring the environment.
    None,
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A proxy URL may carry a password.
            ProxyConfig::Url(_) => f.write_str("Url([redacted])"),
            ProxyConfig::FromEnvironment => f.write_str("FromEnvironment"),
            ProxyConfig::None => f.write_str("None"),
        }
    }
}

/// Everything the [`Client`](crate::Client) needs.
#[derive(Clone)]
#[non_exhaustive]
pub struct Config {
    /// The org URL.
    pub org_url: OrgUrl,
    /// The authorization mode the configuration was built for.
    pub authorization_mode: AuthorizationMode,
    /// Applies authentication to each request; `None` until set for `PrivateKey` mode.
    pub credentials: Option<Arc<dyn Credentials>>,
    /// OAuth client ID (`OKTA_CLIENT_CLIENTID`), for `PrivateKey` mode.
    pub client_id: Option<String>,
    /// OAuth scopes (`OKTA_CLIENT_SCOPES`), for `PrivateKey` mode.
    pub scopes: Vec<String>,
    /// PEM or JWK private key (`OKTA_CLIENT_PRIVATEKEY`), for `PrivateKey` mode.
    pub private_key: Option<SecretString>,
    /// Key ID of the private key (`OKTA_CLIENT_PRIVATEKEYID`).
    pub private_key_id: Option<String>,
    /// Appended to the user agent, e.g. `my-app/1.2`.
    pub user_agent_extension: Option<String>,
    /// Time allowed to establish a connection.
    pub connect_timeout: Duration,
    /// Time allowed for one attempt of a request, body included.
    pub request_timeout: Duration,
    /// Proxy settings, used for every request the SDK makes.
    pub proxy: ProxyConfig,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Proactive throttling; `None` (the default) means off.
    pub throttle: Option<ThrottlePolicy>,
    /// The largest response body read into memory.
    pub max_response_bytes: usize,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("org_url", &self.org_url)
            .field("authorization_mode", &self.authorization_mode)
            .field("credentials", &self.credentials)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "[redacted]"),
            )
            .field("private_key_id", &self.private_key_id)
            .field("user_agent_extension", &self.user_agent_extension)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("proxy", &self.proxy)
            .field("retry", &self.retry)
            .field("throttle", &self.throttle)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// Default time allowed to connect: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one attempt: 30 s.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default largest response body: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

impl Config {
    /// Starts a configuration for `org_url`.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads the configuration from the process environment.
    ///
    /// | variable | meaning |
    /// |---|---|
    /// | `OKTA_CLIENT_ORGURL` | org URL (required) |
    /// | `OKTA_CLIENT_AUTHORIZATIONMODE` | `SSWS` (default), `PrivateKey` or `Bearer` |
    /// | `OKTA_CLIENT_TOKEN` | API token (SSWS) or access token (Bearer) |
    /// | `OKTA_CLIENT_CLIENTID` | OAuth client ID (PrivateKey) |
    /// | `OKTA_CLIENT_SCOPES` | scopes, separated by commas or spaces (PrivateKey) |
    /// | `OKTA_CLIENT_PRIVATEKEY` | PEM or JWK private key (PrivateKey) |
    /// | `OKTA_CLIENT_PRIVATEKEYID` | key ID of that key (PrivateKey) |
    /// | `OKTA_CLIENT_CONNECTIONTIMEOUT` | connect timeout in seconds |
    /// | `OKTA_CLIENT_REQUESTTIMEOUT` | per-attempt timeout in seconds |
    /// | `OKTA_CLIENT_RATELIMIT_MAXRETRIES` | retries after the first attempt (0 turns retries off) |
    ///
    /// In `PrivateKey` mode the key material is kept in the configuration; the credentials that
    /// use it come from okta-auth and are set with [`ConfigBuilder::credentials`].
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], reading variables through `lookup` instead of the process
    /// environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let org = get("OKTA_CLIENT_ORGURL").ok_or(ConfigError::Missing("OKTA_CLIENT_ORGURL"))?;
        let mut b = Config::builder().org_url(&org);
        let mode = match get("OKTA_CLIENT_AUTHORIZATIONMODE") {
            None => AuthorizationMode::Ssws,
            Some(m) if m.eq_ignore_ascii_case("ssws") => AuthorizationMode::Ssws,
            Some(m) if m.eq_ignore_ascii_case("privatekey") => AuthorizationMode::PrivateKey,
            Some(m) if m.eq_ignore_ascii_case("bearer") => AuthorizationMode::Bearer,
            Some(m) => {
                return Err(ConfigError::Invalid {
                    name: "OKTA_CLIENT_AUTHORIZATIONMODE",
                    reason: format!("{:?} is not one of SSWS, PrivateKey, Bearer", bounded(&m)),
                })
            }
        };
        match mode {
            AuthorizationMode::Ssws => {
                let token =
                    get("OKTA_CLIENT_TOKEN").ok_or(ConfigError::Missing("OKTA_CLIENT_TOKEN"))?;
                b = b.api_token(token);
            }
            AuthorizationMode::Bearer => {
                let token =
                    get("OKTA_CLIENT_TOKEN").ok_or(ConfigError::Missing("OKTA_CLIENT_TOKEN"))?;
                b = b.bearer_token(token);
            }
            // Not reachable from the environment: anonymous clients are built in code.
            AuthorizationMode::None => {}
            AuthorizationMode::PrivateKey => {
                let client_id = get("OKTA_CLIENT_CLIENTID")
                    .ok_or(ConfigError::Missing("OKTA_CLIENT_CLIENTID"))?;
                let key = get("OKTA_CLIENT_PRIVATEKEY")
                    .ok_or(ConfigError::Missing("OKTA_CLIENT_PRIVATEKEY"))?;
                let scopes =
                    get("OKTA_CLIENT_SCOPES").ok_or(ConfigError::Missing("OKTA_CLIENT_SCOPES"))?;
                b = b.private_key(client_id, key, get("OKTA_CLIENT_PRIVATEKEYID"));
                b = b.scopes(
                    scopes
                        .split([',', ' '])
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
            }
        }
        let secs = |name: &'static str| -> Result<Option<u64>, ConfigError> {
            get(name)
                .map(|v| {
                    v.trim().parse::<u64>().map_err(|_| ConfigError::Invalid {
                        name,
                        reason: "expected a whole number".into(),
                    })
                })
                .transpose()
        };
        if let Some(s) = secs("OKTA_CLIENT_CONNECTIONTIMEOUT")? {
            b = b.connect_timeout(Duration::from_secs(s));
        }
        if let Some(s) = secs("OKTA_CLIENT_REQUESTTIMEOUT")? {
            b = b.request_timeout(Duration::from_secs(s));
        }
        if let Some(n) = secs("OKTA_CLIENT_RATELIMIT_MAXRETRIES")? {
            let retries = u32::try_from(n).unwrap_or(u32::MAX);
            b = b.retry(RetryPolicy::default().max_attempts(retries.saturating_add(1)));
        }
        b.build()
    }
}

/// Builds a [`Config`].
///
/// ```
/// use okta_core::{Config, RetryPolicy, ThrottlePolicy};
/// use std::time::Duration;
///
/// let config = Config::builder()
///     .org_url("https://dev-123456.okta.com")
///     .api_token("00abc-not-a-real-token")
///     .request_timeout(Duration::from_secs(20))
///     .retry(RetryPolicy::default().max_attempts(5))
///     .throttle(ThrottlePolicy::default())
///     .build()
///     .unwrap();
/// assert!(!format!("{config:?}").contains("00abc"));
/// ```
#[derive(Default)]
#[must_use]
pub struct ConfigBuilder {
    org_url: Option<String>,
    mode: Option<AuthorizationMode>,
    credentials: Option<Arc<dyn Credentials>>,
    client_id: Option<String>,
    scopes: Vec<String>,
    private_key: Option<SecretString>,
    private_key_id: Option<String>,
    user_agent_extension: Option<String>,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    proxy: ProxyConfig,
    retry: Option<RetryPolicy>,
    throttle: Option<ThrottlePolicy>,
    max_response_bytes: Option<usize>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("org_url", &self.org_url)
            .field("mode", &self.mode)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl ConfigBuilder {
    /// The org URL, e.g. `https://dev-123456.okta.com` (validated by [`ConfigBuilder::build`]).
    pub fn org_url(mut self, url: impl Into<String>) -> Self {
        self.org_url = Some(url.into());
        self
    }

    /// Authenticates with a static API token (`Authorization: SSWS ...`).
    pub fn api_token(mut self, token: impl Into<String>) -> Self {
        self.mode = Some(AuthorizationMode::Ssws);
        self.credentials = Some(Arc::new(Ssws::new(token)));
        self
    }

    /// Authenticates with an access token obtained elsewhere (`Authorization: Bearer ...`).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.mode = Some(AuthorizationMode::Bearer);
        self.credentials = Some(Arc::new(Bearer::new(token)));
        self
    }

    /// Records the key material of an OAuth service app for `PrivateKey` mode. The
    /// credentials that sign with it are set with [`ConfigBuilder::credentials`].
    pub fn private_key(
        mut self,
        client_id: impl Into<String>,
        key: impl Into<String>,
        key_id: Option<String>,
    ) -> Self {
        self.mode = Some(AuthorizationMode::PrivateKey);
        self.client_id = Some(client_id.into());
        self.private_key = Some(SecretString::from(key.into()));
        self.private_key_id = key_id;
        self
    }

    /// OAuth scopes requested in `PrivateKey` mode, e.g. `okta.users.read`.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = String>) -> Self {
        self.scopes = scopes.into_iter().collect();
        self
    }

    /// Sends requests without credentials, for public endpoints such as discovery documents
    /// and JWKS.
    pub fn anonymous(mut self) -> Self {
        self.mode = Some(AuthorizationMode::None);
        self.credentials = None;
        self
    }

    /// Any [`Credentials`] implementation; replaces what `api_token`/`bearer_token` set.
    pub fn credentials(mut self, credentials: Arc<dyn Credentials>) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Appended to the user agent, e.g. `my-app/1.2`.
    pub fn user_agent_extension(mut self, ext: impl Into<String>) -> Self {
        self.user_agent_extension = Some(ext.into());
        self
    }

    /// Time allowed to establish a connection (default [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = Some(t);
        self
    }

    /// Time allowed for one attempt, body included (default [`DEFAULT_REQUEST_TIMEOUT`]).
    pub fn request_timeout(mut self, t: Duration) -> Self {
        self.request_timeout = Some(t);
        self
    }

    /// Sends every request, token requests included, through `proxy_url`.
    pub fn proxy(mut self, proxy_url: impl Into<String>) -> Self {
        self.proxy = ProxyConfig::Url(SecretString::from(proxy_url.into()));
        self
    }

    /// Ignores proxy settings in the environment.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxyConfig::None;
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Turns proactive throttling on.
    pub fn throttle(mut self, policy: ThrottlePolicy) -> Self {
        self.throttle = Some(policy);
        self
    }

    /// The largest response body read into memory (default [`DEFAULT_MAX_RESPONSE_BYTES`]).
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = Some(n);
        self
    }

    /// Validates and builds the configuration.
    pub fn build(self) -> Result<Config, ConfigError> {
        let org = self.org_url.ok_or(ConfigError::Missing("org URL"))?;
        let org_url = OrgUrl::parse(&org)?;
        let authorization_mode = match (&self.mode, &self.credentials) {
            (Some(m), _) => m.clone(),
            (None, Some(_)) => AuthorizationMode::Bearer,
            (None, None) => {
                return Err(ConfigError::Missing(
                    "credentials (API token, bearer token or OAuth credentials)",
                ))
            }
        };
        if authorization_mode == AuthorizationMode::PrivateKey && self.scopes.is_empty() {
            return Err(ConfigError::Missing("scopes for PrivateKey authorization"));
        }
        if let Some(ext) = &self.user_agent_extension {
            if ext.chars().any(|c| c.is_control()) {
                return Err(ConfigError::Invalid {
                    name: "user_agent_extension",
                    reason: "contains control characters".into(),
                });
            }
        }
        for (name, t) in [
            ("connect_timeout", self.connect_timeout),
            ("request_timeout", self.request_timeout),
        ] {
            if t == Some(Duration::ZERO) {
                return Err(ConfigError::Invalid {
                    name,
                    reason: "must be greater than zero".into(),
                });
            }
        }
        Ok(Config {
            org_url,
            authorization_mode,
            credentials: self.credentials,
            client_id: self.client_id,
            scopes: self.scopes,
            private_key: self.private_key,
            private_key_id: self.private_key_id,
            user_agent_extension: self.user_agent_extension,
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            request_timeout: self.request_timeout.unwrap_or(DEFAULT_REQUEST_TIMEOUT),
            proxy: self.proxy,
            retry: self.retry.unwrap_or_default(),
            throttle: self.throttle,
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(input: &str) -> OrgUrlProblem {
        match OrgUrl::parse(input) {
            Err(ConfigError::OrgUrl { problem, .. }) => problem,
            other => panic!("{input:?} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn org_url_accepts_https_origin_with_or_without_slash_and_port() {
        for ok in [
            "https://dev-123456.okta.com",
            "https://dev-123456.okta.com/",
            "https://login.example.com:8443",
            "https://acme.oktapreview.com",
        ] {
            assert!(OrgUrl::parse(ok).is_ok(), "{ok} should be accepted");
        }
    }

    /// `..` as an ID would move a request to another endpoint once the URL is resolved.
    #[test]
    fn paths_with_dot_or_empty_segments_are_refused() {
        let org = OrgUrl::parse("https://dev-1.okta.com").unwrap();
        for bad in [
            "/api/v1/groups/../users/00u1",
            "/api/v1/groups/./users",
            "/api/v1/groups/%2E%2e/users/00u1",
            "/api/v1/groups/.%2E/users/00u1",
            "/api/v1/apps/%2e",
            "/api/v1/groups//users/00u1",
            "//evil.example/api/v1/users",
            "/api/v1/users/..?q=x",
        ] {
            assert!(org.join(bad).is_err(), "{bad}");
        }
        for good in [
            "/api/v1/users",
            "/api/v1/users/",
            "/api/v1/users/a.b%40example.com",
            "/api/v1/users?search=profile.login%20eq%20%22..%22",
            "/api/v1/users/...",
        ] {
            assert!(org.join(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn org_url_accepts_plain_http_only_for_loopback() {
        assert!(OrgUrl::parse("http://127.0.0.1:8080").is_ok());
        assert!(OrgUrl::parse("http://localhost:3000").is_ok());
        assert!(OrgUrl::parse("http://[::1]:3000").is_ok());
        assert_eq!(
            problem("http://dev-123456.okta.com"),
            OrgUrlProblem::NotHttps
        );
        assert_eq!(problem("http://10.0.0.1"), OrgUrlProblem::NotHttps);
        assert_eq!(
            problem("ftp://dev-123456.okta.com"),
            OrgUrlProblem::NotHttps
        );
    }

    #[test]
    fn org_url_rejections_name_the_problem() {
        assert_eq!(problem(""), OrgUrlProblem::Empty);
        assert_eq!(problem("   "), OrgUrlProblem::Empty);
        assert_eq!(problem("dev-123456.okta.com"), OrgUrlProblem::NotAUrl);
        assert_eq!(
            problem("https://dev-123456.okta.com/oauth2/default"),
            OrgUrlProblem::HasPath
        );
        assert_eq!(
            problem("https://dev-123456.okta.com/api/v1"),
            OrgUrlProblem::HasPath
        );
        assert_eq!(
            problem("https://dev-123456.okta.com?x=1"),
            OrgUrlProblem::HasQueryOrFragment
        );
        assert_eq!(
            problem("https://dev-123456.okta.com/#a"),
            OrgUrlProblem::HasQueryOrFragment
        );
        assert_eq!(
            problem("https://user:pw@dev-123456.okta.com"),
            OrgUrlProblem::HasCredentials
        );
        assert_eq!(
            problem("https://dev-123456-admin.okta.com"),
            OrgUrlProblem::AdminHost
        );
        assert_eq!(
            problem("https://DEV-123456-ADMIN.okta.com"),
            OrgUrlProblem::AdminHost
        );
        assert_eq!(
            problem("https://{yourOktaDomain}"),
            OrgUrlProblem::Placeholder
        );
        assert_eq!(
            problem("https://dev-123456.okta.com "),
            OrgUrlProblem::TrailingJunk
        );
        assert_eq!(
            problem(" https://dev-123456.okta.com"),
            OrgUrlProblem::TrailingJunk
        );
        assert_eq!(
            problem("\"https://dev-123456.okta.com\""),
            OrgUrlProblem::TrailingJunk
        );
        assert_eq!(
            problem("https://dev-123456.okta.com\n"),
            OrgUrlProblem::TrailingJunk
        );
        assert_eq!(problem("https://"), OrgUrlProblem::NoHost);
    }

    #[test]
    fn org_url_error_message_says_what_is_wrong() {
        let msg = OrgUrl::parse("https://dev-1.okta.com/api")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("must not have a path"), "{msg}");
        assert!(msg.contains("https://dev-1.okta.com/api"), "{msg}");
    }

    #[test]
    fn same_origin_compares_scheme_host_and_port() {
        let org = OrgUrl::parse("https://dev-1.okta.com").unwrap();
        assert!(
            org.same_origin(&Url::parse("https://dev-1.okta.com/api/v1/users?after=x").unwrap())
        );
        assert!(!org.same_origin(&Url::parse("https://evil.example/api/v1/users").unwrap()));
        assert!(!org.same_origin(&Url::parse("http://dev-1.okta.com/api/v1/users").unwrap()));
        assert!(!org.same_origin(&Url::parse("https://dev-1.okta.com:444/").unwrap()));
    }

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn from_env_reads_the_official_sdk_variable_names() {
        let c = Config::from_lookup(env(&[
            ("OKTA_CLIENT_ORGURL", "https://dev-1.okta.com"),
            ("OKTA_CLIENT_TOKEN", "00secret-token"),
            ("OKTA_CLIENT_REQUESTTIMEOUT", "7"),
            ("OKTA_CLIENT_RATELIMIT_MAXRETRIES", "0"),
        ]))
        .unwrap();
        assert_eq!(c.authorization_mode, AuthorizationMode::Ssws);
        assert_eq!(c.request_timeout, Duration::from_secs(7));
        assert_eq!(c.retry.max_attempts_value(), 1);

        let c = Config::from_lookup(env(&[
            ("OKTA_CLIENT_ORGURL", "https://dev-1.okta.com"),
            ("OKTA_CLIENT_AUTHORIZATIONMODE", "PrivateKey"),
            ("OKTA_CLIENT_CLIENTID", "0oa1"),
            ("OKTA_CLIENT_SCOPES", "okta.users.read,okta.groups.read"),
            (
                "OKTA_CLIENT_PRIVATEKEY",
                "-----BEGIN PRIVATE KEY-----secret",
            ),
            ("OKTA_CLIENT_PRIVATEKEYID", "kid1"),
        ]))
        .unwrap();
        assert_eq!(c.authorization_mode, AuthorizationMode::PrivateKey);
        assert_eq!(c.scopes, ["okta.users.read", "okta.groups.read"]);
        assert_eq!(c.client_id.as_deref(), Some("0oa1"));
        assert_eq!(c.private_key_id.as_deref(), Some("kid1"));
        assert!(!format!("{c:?}").contains("secret"));
    }

    #[test]
    fn from_env_names_the_missing_or_bad_variable() {
        let e = Config::from_lookup(env(&[])).unwrap_err();
        assert_eq!(e, ConfigError::Missing("OKTA_CLIENT_ORGURL"));
        let e = Config::from_lookup(env(&[("OKTA_CLIENT_ORGURL", "https://dev-1.okta.com")]))
            .unwrap_err();
        assert_eq!(e, ConfigError::Missing("OKTA_CLIENT_TOKEN"));
        let e = Config::from_lookup(env(&[
            ("OKTA_CLIENT_ORGURL", "https://dev-1.okta.com"),
            ("OKTA_CLIENT_AUTHORIZATIONMODE", "Magic"),
        ]))
        .unwrap_err();
        assert!(
            e.to_string().contains("OKTA_CLIENT_AUTHORIZATIONMODE"),
            "{e}"
        );
        let e = Config::from_lookup(env(&[
            ("OKTA_CLIENT_ORGURL", "https://dev-1.okta.com"),
            ("OKTA_CLIENT_TOKEN", "t"),
            ("OKTA_CLIENT_REQUESTTIMEOUT", "soon"),
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("OKTA_CLIENT_REQUESTTIMEOUT"), "{e}");
    }
}
