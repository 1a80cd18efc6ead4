//! The System Log: the [`LogEvent`] model and the [`Logs`] endpoint (`GET /api/v1/logs`),
//! read two ways.
//!
//! - A bounded query ([`Logs::list`], [`LogQuery`]): `since` / `until` / `filter` / `q` /
//!   `limit` / `sortOrder`, streamed lazily. The stream ends when the results end.
//! - A tail ([`Logs::tail`], [`LogTail`]): an endless stream of new events that follows the
//!   `next` link Okta always sends in polling mode, waits a configurable interval when a page
//!   is empty and waits out rate limits (okta-core retries a `429` after its reset). Persist
//!   the [`LogCursor`] of the last event handled and start a new tail from it after a restart
//!   or an error.
//!
//! Okta keeps events 90 days.

use std::fmt;
use std::time::Duration;

use okta_core::{Client, FollowMode, Page, PageStream, RequestBuilder, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::okta_enum;

okta_enum! {
    /// How severe an event is.
    pub enum LogSeverity {
        /// Debugging detail.
        Debug => "DEBUG",
        /// Information.
        Info => "INFO",
        /// A warning.
        Warn => "WARN",
        /// An error.
        Error => "ERROR",
    }
}

okta_enum! {
    /// The result of the action an event records.
    pub enum LogOutcomeResult {
        /// It succeeded.
        Success => "SUCCESS",
        /// It failed.
        Failure => "FAILURE",
        /// It was skipped.
        Skipped => "SKIPPED",
        /// A policy allowed it.
        Allow => "ALLOW",
        /// A policy denied it.
        Deny => "DENY",
        /// The actor was challenged.
        Challenge => "CHALLENGE",
        /// Okta could not tell (`UNKNOWN`).
        UnknownOutcome => "UNKNOWN",
        /// A rate limit stopped it.
        RateLimit => "RATE_LIMIT",
        /// It was deferred.
        Deferred => "DEFERRED",
        /// It was scheduled.
        Scheduled => "SCHEDULED",
        /// It was abandoned.
        Abandoned => "ABANDONED",
        /// A challenge went unanswered.
        Unanswered => "UNANSWERED",
    }
}

okta_enum! {
    /// The system that proved the actor's identity.
    pub enum LogAuthenticationProvider {
        /// Okta.
        OktaAuthenticationProvider => "OKTA_AUTHENTICATION_PROVIDER",
        /// Active Directory.
        ActiveDirectory => "ACTIVE_DIRECTORY",
        /// An LDAP directory.
        Ldap => "LDAP",
        /// A federated identity provider.
        Federation => "FEDERATION",
        /// A social identity provider.
        Social => "SOCIAL",
        /// A factor provider.
        FactorProvider => "FACTOR_PROVIDER",
    }
}

okta_enum! {
    /// The service that manages the credential used.
    pub enum LogCredentialProvider {
        /// Okta's authentication provider.
        OktaAuthenticationProvider => "OKTA_AUTHENTICATION_PROVIDER",
        /// Okta's credential provider.
        OktaCredentialProvider => "OKTA_CREDENTIAL_PROVIDER",
        /// RSA.
        Rsa => "RSA",
        /// Symantec.
        Symantec => "SYMANTEC",
        /// Google.
        Google => "GOOGLE",
        /// Duo.
        Duo => "DUO",
        /// YubiKey.
        Yubikey => "YUBIKEY",
    }
}

okta_enum! {
    /// The kind of credential used.
    pub enum LogCredentialType {
        /// A one-time passcode.
        Otp => "OTP",
        /// An SMS passcode.
        Sms => "SMS",
        /// A password.
        Password => "PASSWORD",
        /// A SAML or other assertion.
        Assertion => "ASSERTION",
        /// Integrated Windows authentication.
        Iwa => "IWA",
        /// An email.
        Email => "EMAIL",
        /// An OAuth 2.0 token.
        OAuth2 => "OAuth 2.0",
        /// A JWT.
        Jwt => "JWT",
        /// A certificate.
        Certificate => "CERTIFICATE",
        /// A pre-shared symmetric key.
        PreSharedSymmetricKey => "PRE_SHARED_SYMMETRIC_KEY",
        /// An existing Okta sign-in of the client (`OKTA_CLIENT_SESSION`).
        OktaClientSession => "OKTA_CLIENT_SESSION",
        /// A device UDID.
        DeviceUdid => "DEVICE_UDID",
    }
}

okta_enum! {
    /// The order of a bounded query, by `published`.
    pub enum LogSortOrder {
        /// Oldest first (Okta's default).
        Ascending => "ASCENDING",
        /// Newest first.
        Descending => "DESCENDING",
    }
}

/// One System Log event.
///
/// Every part is optional (events differ by type), fields this SDK has no name for are kept
/// in the `extra` maps and unknown enum values in their `Unknown` variants. A field Okta sends
/// as `null` reads as `None` and is left out when the event is written again.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogEvent {
    /// The event's unique id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uuid: String,
    /// When the event was published (ISO 8601, UTC, milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The event type, such as `user.authentication.sso`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// The event type of the older Events API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy_event_type: Option<String>,
    /// The schema version of the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// How severe the event is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<LogSeverity>,
    /// A human-readable summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_message: Option<String>,
    /// Who acted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<LogActor>,
    /// The client the request came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<LogClient>,
    /// The result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<LogOutcome>,
    /// What was acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Vec<LogTarget>>,
    /// The request or job the event belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<LogTransaction>,
    /// Event-type-specific details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_context: Option<LogDebugContext>,
    /// How the actor authenticated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_context: Option<LogAuthenticationContext>,
    /// What Okta knows about the request's IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<LogSecurityContext>,
    /// The HTTP request, with the proxies it passed through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<LogRequest>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl LogEvent {
    /// The cursor that resumes a [tail](Logs::tail) after this event; `None` when the event
    /// has no `published` time or no `uuid`.
    pub fn cursor(&self) -> Option<LogCursor> {
        match &self.published {
            Some(published) if !published.is_empty() && !self.uuid.is_empty() => {
                Some(LogCursor::new(published.clone(), self.uuid.clone()))
            }
            _ => None,
        }
    }
}

/// The actor of an event: a user, an app, a client or Okta itself.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogActor {
    /// The actor's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The actor's type, such as `User`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Another id, such as a login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Further details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_entry: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One target of an event: what was acted on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogTarget {
    /// The target's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The target's type, such as `User` or `AppInstance`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Another id, such as a login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Further details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_entry: Option<Map<String, Value>>,
    /// The target's properties before (`from`) and after (`to`) the change, for the event
    /// types that report them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_details: Option<Value>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The client of the request that caused an event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogClient {
    /// For OAuth requests, the OAuth client's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The IP address the request came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// The kind of device, such as `Computer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// The name of the network zone the client was in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The user agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<LogUserAgent>,
    /// Where the client was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geographical_context: Option<LogGeographicalContext>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A client's user agent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogUserAgent {
    /// The browser, such as `CHROME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    /// The operating system, such as `Mac OS X`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    /// The `User-Agent` header as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_user_agent: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where a client or an IP address was.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogGeographicalContext {
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The state or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// The coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geolocation: Option<LogGeolocation>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Latitude and longitude.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogGeolocation {
    /// The latitude.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// The longitude.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The result of an event's action.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogOutcome {
    /// The result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<LogOutcomeResult>,
    /// Why, such as `INVALID_CREDENTIALS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The request or job an event belongs to: events with the same id come from the same one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogTransaction {
    /// The transaction id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `WEB` for a web request, `JOB` for an asynchronous job.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Event-type-specific details.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogDebugContext {
    /// The details, by name (such as `requestUri` or `threatSuspected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_data: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How the actor of an event authenticated.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogAuthenticationContext {
    /// The system that proved the identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_provider: Option<LogAuthenticationProvider>,
    /// The service that manages the credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_provider: Option<LogCredentialProvider>,
    /// The kind of credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_type: Option<LogCredentialType>,
    /// The step in the authentication pipeline (always 0 today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_step: Option<i64>,
    /// An opaque id shared by the events of one sign-in of the actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_session_id: Option<String>,
    /// The third-party interface the actor used, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface: Option<String>,
    /// The issuer of the assertion or token used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<LogIssuer>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The issuer of an assertion or token.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogIssuer {
    /// The issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The kind of issuer.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What Okta knows about the IP address of an event's request. Newer parts (`ipDetails`,
/// `risk`, `botProtection`, `userBehaviors`) are kept in [`extra`](Self::extra).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogSecurityContext {
    /// The autonomous system number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_number: Option<i64>,
    /// The organization of the autonomous system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_org: Option<String>,
    /// The internet service provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isp: Option<String>,
    /// The domain of the IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Whether the request came through a known proxy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_proxy: Option<bool>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The HTTP request of an event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogRequest {
    /// The client's address first, then every proxy the request passed through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_chain: Option<Vec<LogIpAddress>>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One address of a request's IP chain.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogIpAddress {
    /// The IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// `V4` or `V6`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the address came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the address is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geographical_context: Option<LogGeographicalContext>,
    /// Fields this SDK does not model (such as `ipDetails`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where a [tail](Logs::tail) stopped: the `published` time and `uuid` of the last event
/// handled. Serialize it to persist it (it is two strings), and pass it to
/// [`LogTail::resume_from`] to go on from there.
///
/// ```
/// use okta_mgmt::LogCursor;
///
/// let cursor = LogCursor::new("2024-07-01T08:00:00.123Z", "0d2c35a4-3f47-11ef-9b4c-0b3f6a0b1c2d");
/// let saved = serde_json::to_string(&cursor).unwrap();
/// assert_eq!(serde_json::from_str::<LogCursor>(&saved).unwrap(), cursor);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogCursor {
    /// The event's `published` time, as Okta wrote it.
    pub published: String,
    /// The event's `uuid`.
    pub uuid: String,
}

impl LogCursor {
    /// A cursor after the event `uuid` published at `published`.
    pub fn new(published: impl Into<String>, uuid: impl Into<String>) -> Self {
        LogCursor {
            published: published.into(),
            uuid: uuid.into(),
        }
    }

    /// A filter that drops the events a tail resumed from this cursor delivers again; see
    /// [`LogTail::resume_from`].
    pub fn replay_filter(&self) -> ReplayFilter {
        ReplayFilter {
            cursor: self.clone(),
            caught_up: false,
        }
    }
}

/// Drops the events a resumed tail had already delivered before its [`LogCursor`]: apply
/// [`is_new`](Self::is_new) to every event of the resumed stream, in order.
///
/// Until the cursor's own event comes by, an event published at or before the cursor's time
/// is an old one and is dropped; the cursor's event is dropped too, and every event after it
/// is new. An event published after the cursor's time also ends the dropping, so an event
/// is delivered twice rather than lost when the log no longer holds the cursor's event (it is
/// older than the 90-day retention, or the tail's filter changed).
#[derive(Debug, Clone)]
pub struct ReplayFilter {
    cursor: LogCursor,
    caught_up: bool,
}

impl ReplayFilter {
    /// Whether `event` is new (to be handled) rather than already delivered before the
    /// cursor.
    pub fn is_new(&mut self, event: &LogEvent) -> bool {
        if self.caught_up {
            return true;
        }
        if event.uuid == self.cursor.uuid {
            self.caught_up = true;
            return false;
        }
        // Okta writes `published` in one fixed format (UTC, milliseconds, `Z`), so text order
        // is time order.
        match &event.published {
            Some(published) if published.as_str() <= self.cursor.published.as_str() => false,
            _ => {
                self.caught_up = true;
                true
            }
        }
    }

    /// Whether the cursor's event (or a later one) has come by: from now on every event is
    /// new.
    pub fn caught_up(&self) -> bool {
        self.caught_up
    }
}

/// The System Log endpoint, from [`Okta::logs`](crate::Okta::logs).
#[derive(Debug, Clone, Copy)]
pub struct Logs<'a> {
    client: &'a Client,
}

const LOGS_PATH: &str = "/api/v1/logs";

/// The query parameters shared by [`LogQuery`] and [`LogTail`].
#[derive(Clone, Default)]
struct Params(Vec<(&'static str, String)>);

impl Params {
    fn set(&mut self, name: &'static str, value: String) {
        self.0.retain(|(key, _)| *key != name);
        self.0.push((name, value));
    }

    fn request(&self, client: &Client) -> RequestBuilder {
        self.0
            .iter()
            .fold(client.get(LOGS_PATH), |request, (name, value)| {
                request.query(name, value)
            })
    }
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

impl<'a> Logs<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Logs { client }
    }

    /// Queries the System Log (`GET /api/v1/logs`): set `since`, `until`, `filter`, `q`,
    /// `limit` and `sortOrder` on the builder, then [`stream`](LogQuery::stream) the events
    /// or fetch one [`page`](LogQuery::page). The stream ends when the results end.
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut events = okta
    ///     .logs()
    ///     .list()
    ///     .since("2024-07-01T00:00:00Z")
    ///     .until("2024-07-02T00:00:00Z")
    ///     .filter(r#"eventType eq "user.authentication.sso" and outcome.result eq "FAILURE""#)
    ///     .limit(1000)
    ///     .stream();
    /// while let Some(event) = events.try_next().await? {
    ///     println!("{} {:?}", event.uuid, event.display_message);
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "listLogEvents")]
    pub fn list(&self) -> LogQuery<'a> {
        LogQuery {
            client: self.client,
            params: Params::default(),
        }
    }

    /// Tails the System Log (`GET /api/v1/logs` in polling mode: ascending, no `until`): an
    /// endless stream of events as Okta records them. See [`LogTail`].
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta, saved: Option<okta_mgmt::LogCursor>) -> Result<(), okta_mgmt::core::Error> {
    /// use std::future::ready;
    /// use std::time::Duration;
    /// use futures_util::TryStreamExt;
    ///
    /// let tail = okta.logs().tail().filter(r#"eventType sw "user.lifecycle""#).interval(Duration::from_secs(10));
    /// let (tail, mut replay) = match &saved {
    ///     Some(cursor) => (tail.resume_from(cursor), Some(cursor.replay_filter())),
    ///     None => (tail.since("2024-07-01T00:00:00Z"), None),
    /// };
    /// let mut events = tail
    ///     .stream()
    ///     .try_filter(move |event| ready(replay.as_mut().map_or(true, |r| r.is_new(event))));
    /// while let Some(event) = events.try_next().await? {
    ///     // Handle the event, then persist where to go on from.
    ///     let _cursor = event.cursor();
    /// }
    /// # Ok(()) }
    /// ```
    pub fn tail(&self) -> LogTail<'a> {
        LogTail {
            client: self.client,
            params: Params::default(),
            interval: LogTail::DEFAULT_INTERVAL,
            link: None,
        }
    }
}

/// A bounded System Log query, from [`Logs::list`].
#[must_use = "a query does nothing until streamed or paged"]
#[derive(Clone)]
pub struct LogQuery<'a> {
    client: &'a Client,
    params: Params,
}

impl fmt::Debug for LogQuery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogQuery")
            .field("query", &self.params)
            .finish_non_exhaustive()
    }
}

impl LogQuery<'_> {
    fn set(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.set(name, value.into());
        self
    }

    /// `since`: the earliest `published` time (ISO 8601, such as `2024-07-01T00:00:00Z`;
    /// Okta's default is 7 days before `until`).
    pub fn since(self, since: impl Into<String>) -> Self {
        self.set("since", since)
    }

    /// `until`: the latest `published` time (ISO 8601; Okta's default is now).
    pub fn until(self, until: impl Into<String>) -> Self {
        self.set("until", until)
    }

    /// `filter`: a SCIM filter over event properties (not `published`), such as
    /// `eventType eq "user.authentication.sso"`.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.set("filter", expression)
    }

    /// `q`: keywords an event must contain (up to 10, case-insensitive).
    pub fn q(self, keywords: impl Into<String>) -> Self {
        self.set("q", keywords)
    }

    /// `limit`: events per page (0 to 1000; Okta's default is 100).
    pub fn limit(self, limit: u32) -> Self {
        self.set("limit", limit.to_string())
    }

    /// `sortOrder`: by `published`, oldest first (the default) or newest first.
    pub fn sort_order(self, order: LogSortOrder) -> Self {
        self.set("sortOrder", order.as_str())
    }

    /// `after`: the cursor of a `next` link, to fetch the page after it (never with `since`).
    /// Streams follow `next` links themselves.
    pub fn after(self, cursor: impl Into<String>) -> Self {
        self.set("after", cursor)
    }

    /// The raw request, to add a parameter this builder does not have.
    pub fn into_request(self) -> RequestBuilder {
        self.params.request(self.client)
    }

    /// Streams every matching event, fetching pages lazily. The stream ends when Okta sends
    /// no `next` link or a page comes back empty: without `until` Okta answers in polling
    /// mode, which always sends a `next` link, so the query then reads up to now and ends
    /// (use [`Logs::tail`] to keep going).
    pub fn stream(self) -> PageStream<LogEvent> {
        self.into_request()
            .stream()
            .follow(FollowMode::UntilEmptyPage)
    }

    /// Fetches one page; its `next` link (if any) leads to the following page.
    pub async fn page(self) -> Result<Page<LogEvent>> {
        self.into_request().page().await
    }
}

/// A tail of the System Log, from [`Logs::tail`]: [`stream`](Self::stream) is a stream of
/// events that never ends on its own.
///
/// It follows Okta's polling mode (ascending order, no `until`): every page has a `next`
/// link; when a page is empty the stream waits [`interval`](Self::interval) (5 seconds by
/// default) and asks the same link again. A `429` is retried after Okta's reset by the
/// client's retry policy. The stream ends only with an error (for example when retries run
/// out); the error is its last item.
///
/// To go on after an error or a restart, persist the [`LogCursor`] of the last event handled
/// ([`LogEvent::cursor`]) and start a new tail with [`resume_from`](Self::resume_from).
/// Resuming starts at the cursor's `published` time, which in polling mode bounds the time
/// Okta recorded events, so nothing recorded after the cursor's event is missed; the events
/// recorded between that time and the cursor's event come again, the cursor's event
/// included, and [`LogCursor::replay_filter`] drops them.
///
/// The exact alternative: at a page boundary (when
/// [`PageStream::buffered_items`] is 0 after handling an event), save the stream's
/// [`PageStream::next_link`] and start again with [`resume_from_link`](Self::resume_from_link):
/// Okta continues right after the last page delivered, with no event twice.
#[must_use = "a tail does nothing until streamed"]
#[derive(Clone)]
pub struct LogTail<'a> {
    client: &'a Client,
    params: Params,
    interval: Duration,
    /// A saved `next` link to start from instead of a query.
    link: Option<String>,
}

impl fmt::Debug for LogTail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogTail")
            .field("query", &self.params)
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}

impl LogTail<'_> {
    /// The wait before asking again after an empty page, unless set with
    /// [`interval`](Self::interval).
    pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

    fn set(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.set(name, value.into());
        self
    }

    /// `since`: start with the events recorded at or after this time (ISO 8601). Without it
    /// Okta starts 7 days ago.
    pub fn since(self, since: impl Into<String>) -> Self {
        self.set("since", since)
    }

    /// Starts where a previous tail stopped: `since` the cursor's `published` time. Drop the
    /// events delivered again with [`LogCursor::replay_filter`].
    pub fn resume_from(self, cursor: &LogCursor) -> Self {
        self.set("since", cursor.published.clone())
    }

    /// Starts from a `next` link saved from an earlier tail ([`PageStream::next_link`] at a
    /// page boundary): the link carries the query and Okta's position, so the other settings
    /// of the query are not sent. The link must point at this org (the client refuses any
    /// other origin).
    pub fn resume_from_link(mut self, link: impl Into<String>) -> Self {
        self.link = Some(link.into());
        self
    }

    /// `filter`: a SCIM filter over event properties, such as `eventType sw "user."`.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.set("filter", expression)
    }

    /// `q`: keywords an event must contain.
    pub fn q(self, keywords: impl Into<String>) -> Self {
        self.set("q", keywords)
    }

    /// `limit`: events per page (0 to 1000; Okta's default is 100). Larger pages use fewer
    /// requests of the rate limit while catching up.
    pub fn limit(self, limit: u32) -> Self {
        self.set("limit", limit.to_string())
    }

    /// The wait before asking again after an empty page (default
    /// [`DEFAULT_INTERVAL`](Self::DEFAULT_INTERVAL)).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The raw request of the first page.
    pub fn into_request(self) -> RequestBuilder {
        match &self.link {
            Some(link) => self.client.get(link),
            None => self.params.request(self.client),
        }
    }

    /// The endless stream of events.
    pub fn stream(self) -> PageStream<LogEvent> {
        let interval = self.interval;
        self.into_request()
            .stream()
            .follow(FollowMode::Poll { interval })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(uuid: &str, published: &str) -> LogEvent {
        LogEvent {
            uuid: uuid.into(),
            published: Some(published.into()),
            ..LogEvent::default()
        }
    }

    #[test]
    fn cursor_needs_a_time_and_an_id() {
        assert_eq!(
            event("u1", "2024-07-01T08:00:00.000Z").cursor(),
            Some(LogCursor::new("2024-07-01T08:00:00.000Z", "u1"))
        );
        assert_eq!(event("", "2024-07-01T08:00:00.000Z").cursor(), None);
        let mut no_time = event("u1", "");
        assert_eq!(no_time.cursor(), None);
        no_time.published = None;
        assert_eq!(no_time.cursor(), None);
    }

    #[test]
    fn replay_filter_drops_up_to_the_cursor_event_then_lets_everything_through() {
        let cursor = LogCursor::new("2024-07-01T08:00:00.500Z", "c");
        let mut filter = cursor.replay_filter();
        let stream = [
            event("a", "2024-07-01T08:00:00.100Z"),
            event("b", "2024-07-01T08:00:00.500Z"),
            event("c", "2024-07-01T08:00:00.500Z"),
            event("d", "2024-07-01T08:00:00.500Z"),
            event("e", "2024-07-01T08:00:00.200Z"),
            event("f", "2024-07-01T08:00:01.000Z"),
        ];
        let kept: Vec<&str> = stream
            .iter()
            .filter(|e| filter.is_new(e))
            .map(|e| e.uuid.as_str())
            .collect();
        assert_eq!(kept, ["d", "e", "f"]);
        assert!(filter.caught_up());
    }

    #[test]
    fn replay_filter_prefers_a_duplicate_to_a_lost_event_when_the_cursor_is_gone() {
        let mut filter = LogCursor::new("2024-07-01T08:00:00.500Z", "gone").replay_filter();
        assert!(!filter.is_new(&event("old", "2024-07-01T08:00:00.400Z")));
        assert!(filter.is_new(&event("later", "2024-07-01T08:00:00.600Z")));
        assert!(filter.is_new(&event("late-old", "2024-07-01T08:00:00.300Z")));
        let mut filter = LogCursor::new("2024-07-01T08:00:00.500Z", "x").replay_filter();
        assert!(filter.is_new(&LogEvent {
            uuid: "no-time".into(),
            ..LogEvent::default()
        }));
    }

    #[test]
    fn unknown_severity_and_outcome_are_kept() {
        let input = json!({
            "uuid": "u1",
            "severity": "CRITICAL",
            "outcome": {"result": "QUARANTINED", "reason": "policy"}
        });
        let event: LogEvent = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(
            event.severity,
            Some(LogSeverity::Unknown("CRITICAL".into()))
        );
        assert_eq!(
            event.outcome.as_ref().and_then(|o| o.result.clone()),
            Some(LogOutcomeResult::Unknown("QUARANTINED".into()))
        );
        assert_eq!(serde_json::to_value(&event).unwrap(), input);
    }
}
