//! Event hooks: the [`EventHook`] model and the [`EventHooks`] endpoints
//! (`/api/v1/eventHooks`), which register the services Okta calls when events happen.
//!
//! The header value Okta sends to the service ([`HookAuthScheme::value`]) is a
//! [`SecretString`]: it is sent when creating or replacing a hook, never printed by `Debug`,
//! and Okta never returns it.

use okta_core::secrecy::SecretString;
use okta_core::{Client, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, segment, Links};

okta_enum! {
    /// Whether an event hook (or an inline hook) is in use.
    pub enum HookStatus {
        /// Okta calls the hook.
        Active => "ACTIVE",
        /// Okta does not call the hook.
        Inactive => "INACTIVE",
    }
}

okta_enum! {
    /// Whether Okta has verified that the event hook's service answers the one-time
    /// verification request. Okta sends no events to an unverified hook.
    pub enum EventHookVerificationStatus {
        /// Not verified yet: the hook receives no events.
        Unverified => "UNVERIFIED",
        /// Verified.
        Verified => "VERIFIED",
    }
}

okta_enum! {
    /// The kind of channel an event hook is delivered through.
    pub enum EventHookChannelType {
        /// An HTTPS request to the service.
        Http => "HTTP",
    }
}

okta_enum! {
    /// How the subscribed events of an event hook are listed.
    pub enum EventSubscriptionType {
        /// By System Log event type (such as `user.lifecycle.create`).
        EventType => "EVENT_TYPE",
    }
}

okta_enum! {
    /// How a hook authenticates to the service it calls.
    pub enum HookAuthSchemeType {
        /// A header (`key`) with a secret value (`value`), such as `Authorization`.
        Header => "HEADER",
    }
}

/// Serde for `Option<SecretString>`: written as a plain string (only ever in request bodies),
/// read from a string or `null`.
pub(crate) mod secret_opt {
    use okta_core::secrecy::{ExposeSecret, SecretString};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<SecretString>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(secret) => serializer.serialize_str(secret.expose_secret()),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SecretString>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.map(SecretString::from))
    }
}

/// The header a hook sends to authenticate to the service (`channel.config.authScheme`).
///
/// `value` is write-only: Okta takes it on create and replace and never returns it, so a hook
/// read from Okta has `value: None`. `Debug` never shows it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HookAuthScheme {
    /// The scheme type (`HEADER`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<HookAuthSchemeType>,
    /// The header name, such as `Authorization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The header value: a secret Okta sends to the service.
    #[serde(default, with = "secret_opt", skip_serializing_if = "Option::is_none")]
    pub value: Option<SecretString>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HookAuthScheme {
    /// A `HEADER` scheme: Okta sends `key: value` with every call.
    pub fn header(key: impl Into<String>, value: SecretString) -> Self {
        HookAuthScheme {
            type_: Some(HookAuthSchemeType::Header),
            key: Some(key.into()),
            value: Some(value),
            extra: Map::new(),
        }
    }
}

/// An extra header a hook sends to the service (not a secret: use [`HookAuthScheme`] for
/// credentials).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HookHeader {
    /// The header name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The header value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HookHeader {
    /// The header `key: value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        HookHeader {
            key: Some(key.into()),
            value: Some(value.into()),
            extra: Map::new(),
        }
    }
}

/// An event hook as the API returns it.
///
/// Fields this SDK has no name for are kept in [`extra`](EventHook::extra) and unknown enum
/// values in their `Unknown` variant.
///
/// ```
/// use okta_mgmt::core::secrecy::SecretString;
/// use okta_mgmt::{EventHook, EventHookChannel, HookAuthScheme};
///
/// let channel = EventHookChannel::http("https://hooks.example.com/okta")
///     .auth_scheme(HookAuthScheme::header("Authorization", SecretString::from("s3cr3t")));
/// let hook = EventHook::new("User lifecycle", ["user.lifecycle.create", "user.lifecycle.activate"], channel);
/// assert!(!format!("{hook:?}").contains("s3cr3t"));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventHook {
    /// The hook's id (absent on a hook not created yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether Okta calls the hook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<HookStatus>,
    /// Whether the service passed the one-time verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_status: Option<EventHookVerificationStatus>,
    /// The events the hook subscribes to.
    #[serde(default)]
    pub events: EventSubscriptions,
    /// Where and how Okta delivers the events.
    #[serde(default)]
    pub channel: EventHookChannel,
    /// When the hook was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The id of the user who created the hook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When the hook last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// `_links`: related resources and the operations allowed now.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EventHook {
    /// A new hook named `name` that delivers the System Log event types `event_types`
    /// through `channel`.
    pub fn new<I, S>(name: impl Into<String>, event_types: I, channel: EventHookChannel) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        EventHook {
            id: None,
            name: name.into(),
            description: None,
            status: None,
            verification_status: None,
            events: EventSubscriptions::event_types(event_types),
            channel,
            created: None,
            created_by: None,
            last_updated: None,
            links: None,
            extra: Map::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// The events an event hook subscribes to (`events`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventSubscriptions {
    /// How `items` are listed (`EVENT_TYPE`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<EventSubscriptionType>,
    /// The subscribed event types, such as `user.lifecycle.create`.
    #[serde(default)]
    pub items: Vec<String>,
    /// Expression-language filters per event type (`filter`), as Okta sent them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EventSubscriptions {
    /// A subscription to these event types.
    pub fn event_types<I, S>(event_types: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        EventSubscriptions {
            type_: Some(EventSubscriptionType::EventType),
            items: event_types.into_iter().map(Into::into).collect(),
            filter: None,
            extra: Map::new(),
        }
    }
}

/// Where and how Okta delivers an event hook's events (`channel`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventHookChannel {
    /// The channel type (`HTTP`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<EventHookChannelType>,
    /// The channel version (`1.0.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The service endpoint and its authentication.
    #[serde(default)]
    pub config: EventHookChannelConfig,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EventHookChannel {
    /// An `HTTP` channel, version `1.0.0`, to `uri` (which must be `https://`).
    pub fn http(uri: impl Into<String>) -> Self {
        EventHookChannel {
            type_: Some(EventHookChannelType::Http),
            version: Some("1.0.0".to_owned()),
            config: EventHookChannelConfig {
                uri: uri.into(),
                ..EventHookChannelConfig::default()
            },
            extra: Map::new(),
        }
    }

    /// Sets how the hook authenticates to the service.
    pub fn auth_scheme(mut self, auth_scheme: HookAuthScheme) -> Self {
        self.config.auth_scheme = Some(auth_scheme);
        self
    }

    /// Adds a header sent with every delivery.
    pub fn header(mut self, header: HookHeader) -> Self {
        self.config
            .headers
            .get_or_insert_with(Vec::new)
            .push(header);
        self
    }
}

/// The endpoint of an event hook channel (`channel.config`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventHookChannelConfig {
    /// The service endpoint (`https://`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uri: String,
    /// Extra headers sent with every delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<Vec<HookHeader>>,
    /// How the hook authenticates to the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_scheme: Option<HookAuthScheme>,
    /// The HTTP method Okta uses (read-only, `POST`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /api/v1/eventHooks`: every event hook of the org.
pub type ListEventHooks<'a> = List<'a, EventHook>;

/// The event hook endpoints, from [`Okta::event_hooks`](crate::Okta::event_hooks).
#[derive(Debug, Clone, Copy)]
pub struct EventHooks<'a> {
    client: &'a Client,
}

fn event_hook_path(id: &str) -> String {
    format!("/api/v1/eventHooks/{}", segment(id))
}

/// The fields of an event hook a caller may write.
#[derive(Serialize)]
struct EventHookBody<'h> {
    name: &'h str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'h str>,
    events: &'h EventSubscriptions,
    channel: &'h EventHookChannel,
}

impl<'h> From<&'h EventHook> for EventHookBody<'h> {
    fn from(hook: &'h EventHook) -> Self {
        EventHookBody {
            name: &hook.name,
            description: hook.description.as_deref(),
            events: &hook.events,
            channel: &hook.channel,
        }
    }
}

impl<'a> EventHooks<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        EventHooks { client }
    }

    /// Lists the org's event hooks (`GET /api/v1/eventHooks`).
    #[doc(alias = "listEventHooks")]
    pub fn list(&self) -> ListEventHooks<'a> {
        List::new(self.client, "/api/v1/eventHooks")
    }

    /// Creates an event hook (`POST /api/v1/eventHooks`). Only the writable fields are sent
    /// (name, description, events, channel). Okta creates it `ACTIVE` and `UNVERIFIED`:
    /// [`verify`](Self::verify) it before it receives events.
    #[doc(alias = "createEventHook")]
    pub async fn create(&self, hook: &EventHook) -> Result<EventHook> {
        self.client
            .post("/api/v1/eventHooks")
            .json(&EventHookBody::from(hook))
            .send()
            .await?
            .json()
    }

    /// Fetches an event hook (`GET /api/v1/eventHooks/{eventHookId}`).
    #[doc(alias = "getEventHook")]
    pub async fn get(&self, id: &str) -> Result<EventHook> {
        self.client.get(&event_hook_path(id)).send().await?.json()
    }

    /// Replaces an event hook (`PUT /api/v1/eventHooks/{eventHookId}`) with the writable
    /// fields of `hook`. Okta never returns the auth header value: set
    /// [`HookAuthScheme::value`] again on a hook read from Okta, or the service stops
    /// receiving it.
    #[doc(alias = "replaceEventHook")]
    pub async fn replace(&self, id: &str, hook: &EventHook) -> Result<EventHook> {
        self.client
            .put(&event_hook_path(id))
            .json(&EventHookBody::from(hook))
            .send()
            .await?
            .json()
    }

    /// Deletes an event hook (`DELETE /api/v1/eventHooks/{eventHookId}`). Okta only deletes
    /// an `INACTIVE` hook: [`deactivate`](Self::deactivate) it first.
    #[doc(alias = "deleteEventHook")]
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.client.delete(&event_hook_path(id)).send().await?;
        Ok(())
    }

    /// Activates an event hook
    /// (`POST /api/v1/eventHooks/{eventHookId}/lifecycle/activate`).
    #[doc(alias = "activateEventHook")]
    pub async fn activate(&self, id: &str) -> Result<EventHook> {
        self.lifecycle(id, "activate").await
    }

    /// Deactivates an event hook
    /// (`POST /api/v1/eventHooks/{eventHookId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateEventHook")]
    pub async fn deactivate(&self, id: &str) -> Result<EventHook> {
        self.lifecycle(id, "deactivate").await
    }

    /// Asks Okta to verify the hook's service now
    /// (`POST /api/v1/eventHooks/{eventHookId}/lifecycle/verify`): Okta sends the one-time
    /// verification request and answers with the hook and its new `verificationStatus`.
    #[doc(alias = "verifyEventHook")]
    pub async fn verify(&self, id: &str) -> Result<EventHook> {
        self.lifecycle(id, "verify").await
    }

    async fn lifecycle(&self, id: &str, action: &str) -> Result<EventHook> {
        self.client
            .post(&format!("{}/lifecycle/{action}", event_hook_path(id)))
            .send()
            .await?
            .json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture() -> Value {
        json!({
            "id": "who8tw2mq1Y8GPjqK1d7",
            "status": "ACTIVE",
            "verificationStatus": "VERIFIED",
            "name": "Provisioning feed",
            "description": "Sends new users to the HR system",
            "created": "2024-03-01T17:22:01.000Z",
            "createdBy": "00u1a2b3c4d5e6f7g8h9",
            "lastUpdated": "2024-03-02T09:00:00.000Z",
            "events": {
                "type": "EVENT_TYPE",
                "items": ["user.lifecycle.create", "user.lifecycle.activate"],
                "filter": {
                    "type": "EXPRESSION_LANGUAGE",
                    "eventFilterMap": [{
                        "event": "user.lifecycle.create",
                        "condition": {"expression": "event.target.?[type eq 'User'].size() > 0", "version": null}
                    }]
                }
            },
            "channel": {
                "type": "HTTP",
                "version": "1.0.0",
                "config": {
                    "uri": "https://hooks.example.com/okta/events",
                    "headers": [{"key": "X-Feed", "value": "provisioning"}],
                    "authScheme": {"type": "HEADER", "key": "Authorization"},
                    "method": "POST"
                }
            },
            "_links": {"self": {"href": "https://example.okta.com/api/v1/eventHooks/who8tw2mq1Y8GPjqK1d7"}}
        })
    }

    #[test]
    fn event_hook_round_trips_without_losing_fields() {
        let input = fixture();
        let hook: EventHook = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(hook.status, Some(HookStatus::Active));
        assert_eq!(
            hook.verification_status,
            Some(EventHookVerificationStatus::Verified)
        );
        assert_eq!(hook.events.items.len(), 2);
        assert_eq!(
            hook.channel.config.uri,
            "https://hooks.example.com/okta/events"
        );
        assert_eq!(serde_json::to_value(&hook).unwrap(), input);
    }

    #[test]
    fn unknown_status_channel_type_and_fields_are_kept() {
        let mut input = fixture();
        input["status"] = json!("PAUSED");
        input["channel"]["type"] = json!("KAFKA");
        input["channel"]["config"]["authScheme"]["type"] = json!("HMAC");
        input["deliveryStats"] = json!({"failed": 2});
        input["channel"]["config"]["timeoutMs"] = json!(3000);
        let hook: EventHook = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(hook.status, Some(HookStatus::Unknown("PAUSED".into())));
        assert_eq!(
            hook.channel.type_,
            Some(EventHookChannelType::Unknown("KAFKA".into()))
        );
        assert_eq!(hook.extra["deliveryStats"], json!({"failed": 2}));
        assert_eq!(serde_json::to_value(&hook).unwrap(), input);
    }

    #[test]
    fn create_body_has_only_writable_fields_and_the_secret() {
        let mut hook: EventHook = serde_json::from_value(fixture()).unwrap();
        if let Some(scheme) = hook.channel.config.auth_scheme.as_mut() {
            scheme.value = Some(SecretString::from("Bearer s3cr3t"));
        }
        let body = serde_json::to_value(EventHookBody::from(&hook)).unwrap();
        let mut keys: Vec<&str> = body
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["channel", "description", "events", "name"]);
        assert_eq!(
            body["channel"]["config"]["authScheme"]["value"],
            "Bearer s3cr3t"
        );
        assert!(!format!("{hook:?}").contains("s3cr3t"));
    }
}
