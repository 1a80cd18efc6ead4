//! Hook keys: the [`HookKey`] model and the [`HookKeys`] endpoints (`/api/v1/hook-keys`).
//!
//! A hook key is a key pair Okta generates and keeps: Okta signs the client assertion of an
//! inline hook's `private_key_jwt` OAuth channel with the private key, and the service reads
//! the public key ([`HookKeys::get_public_key`]) by the key's `keyId` to check it.

use okta_core::{Client, Result};
use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::segment;

/// A hook key as the API returns it. Creating or replacing a key also returns its public key
/// in [`embedded`](Self::embedded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HookKey {
    /// The key record's id: use it with [`HookKeys::get`], [`HookKeys::replace`],
    /// [`HookKeys::delete`] and as an OAuth channel's `hookKeyId`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The public key's alias (`kid`): use it with [`HookKeys::get_public_key`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Whether an inline hook uses the key. Okta writes it as the string `"true"` or
    /// `"false"`; a value that is neither (nor a JSON boolean) reads as `None`.
    #[serde(default, with = "bool_string", skip_serializing_if = "Option::is_none")]
    pub is_used: Option<bool>,
    /// When the key was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the key last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// `_embedded`: the public key, in the answers of create and replace.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<HookPublicKey>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The public half of a hook key, as a JSON Web Key.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HookPublicKey {
    /// The key id (the hook key's `keyId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// The key type, such as `RSA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kty: Option<String>,
    /// The signing algorithm, such as `RS256`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// The intended use, such as `sig`.
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    /// The RSA public exponent (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// The RSA modulus (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// Other JWK members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `isUsed`: a boolean Okta writes as a string.
mod bool_string {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        value: &Option<bool>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(true) => serializer.serialize_str("true"),
            Some(false) => serializer.serialize_str("false"),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<bool>, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Bool(value) => Some(value),
            Value::String(value) if value.eq_ignore_ascii_case("true") => Some(true),
            Value::String(value) if value.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
    }
}

/// `GET /api/v1/hook-keys`: every hook key of the org.
pub type ListHookKeys<'a> = List<'a, HookKey>;

/// The hook key endpoints, from [`Okta::hook_keys`](crate::Okta::hook_keys).
#[derive(Debug, Clone, Copy)]
pub struct HookKeys<'a> {
    client: &'a Client,
}

fn hook_key_path(id: &str) -> String {
    format!("/api/v1/hook-keys/{}", segment(id))
}

#[derive(Serialize)]
struct KeyRequest<'n> {
    name: &'n str,
}

impl<'a> HookKeys<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        HookKeys { client }
    }

    /// Lists the org's hook keys (`GET /api/v1/hook-keys`).
    #[doc(alias = "listHookKeys")]
    pub fn list(&self) -> ListHookKeys<'a> {
        List::new(self.client, "/api/v1/hook-keys")
    }

    /// Creates a key pair named `name` (`POST /api/v1/hook-keys`); the answer carries the
    /// public key in [`HookKey::embedded`].
    #[doc(alias = "createHookKey")]
    pub async fn create(&self, name: &str) -> Result<HookKey> {
        self.client
            .post("/api/v1/hook-keys")
            .json(&KeyRequest { name })
            .send()
            .await?
            .json()
    }

    /// Fetches a hook key by its id (`GET /api/v1/hook-keys/{id}`).
    #[doc(alias = "getHookKey")]
    pub async fn get(&self, id: &str) -> Result<HookKey> {
        self.client.get(&hook_key_path(id)).send().await?.json()
    }

    /// Fetches the public key of a hook key by its `keyId`
    /// (`GET /api/v1/hook-keys/public/{keyId}`), for a service that checks the assertions
    /// Okta signs.
    #[doc(alias = "getPublicKey")]
    pub async fn get_public_key(&self, key_id: &str) -> Result<HookPublicKey> {
        self.client
            .get(&format!("/api/v1/hook-keys/public/{}", segment(key_id)))
            .send()
            .await?
            .json()
    }

    /// Renames a hook key (`PUT /api/v1/hook-keys/{id}`); the key pair stays the same.
    #[doc(alias = "replaceHookKey")]
    pub async fn replace(&self, id: &str, name: &str) -> Result<HookKey> {
        self.client
            .put(&hook_key_path(id))
            .json(&KeyRequest { name })
            .send()
            .await?
            .json()
    }

    /// Deletes a hook key (`DELETE /api/v1/hook-keys/{id}`). Okta refuses while an inline
    /// hook uses it.
    #[doc(alias = "deleteHookKey")]
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.client.delete(&hook_key_path(id)).send().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture() -> Value {
        json!({
            "id": "HKY1p7jWLndGQV9M60g4",
            "keyId": "7fbc27fd-e3df-4522-86bf-1930110256ad",
            "name": "Registration hook key",
            "isUsed": "false",
            "created": "2024-06-01T12:00:00.000Z",
            "lastUpdated": "2024-06-01T12:00:00.000Z",
            "_embedded": {
                "kty": "RSA",
                "alg": "RS256",
                "kid": "7fbc27fd-e3df-4522-86bf-1930110256ad",
                "use": null,
                "e": "AQAB",
                "n": "2naqCnv6r4xNQs7207lRtKQvdtnlVND-8k5iYBIiqoKGY3CqUmRm1jleoOniiQoMkFX8Wj2DmVqr002efF3vOQ7_gjtTatBTVUNbNIQLybun4dkVoUtfP7pRc5SLpcP3eGPRVar734ZrpQXzmCEdpqBt3jrVjwYjNE5DqOjbYXFJtMsy8CWE9LRJ3kyHEoHPzo22dG_vMrXH0_sAQoCk_4TgNCbvyzVmGVYXI_BkUnp0hv2pR4bQVRYzGB9dKJdctOh8zULqc_EJ8tiYsS05YnF7whrWEyARK0rH-e4d4W-OmBTga_zhY4kJ4NsoQ4PyvcatZkxjPO92QHQOFDnf3w"
            },
            "_links": {"self": {"href": "https://example.okta.com/api/v1/hook-keys/HKY1p7jWLndGQV9M60g4"}}
        })
    }

    #[test]
    fn detailed_key_round_trips_with_its_string_boolean() {
        let mut input = fixture();
        let key: HookKey = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(key.is_used, Some(false));
        assert_eq!(
            key.embedded.as_ref().and_then(|k| k.kty.as_deref()),
            Some("RSA")
        );
        assert!(key.extra.contains_key("_links"));
        // `use: null` reads as absent.
        input["_embedded"].as_object_mut().unwrap().remove("use");
        assert_eq!(serde_json::to_value(&key).unwrap(), input);
    }

    #[test]
    fn is_used_accepts_booleans_and_survives_odd_values() {
        let mut input = fixture();
        input["isUsed"] = json!(true);
        let key: HookKey = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(key.is_used, Some(true));
        input["isUsed"] = json!("TRUE");
        assert_eq!(
            serde_json::from_value::<HookKey>(input.clone())
                .unwrap()
                .is_used,
            Some(true)
        );
        input["isUsed"] = json!(3);
        assert_eq!(
            serde_json::from_value::<HookKey>(input).unwrap().is_used,
            None
        );
    }
}
