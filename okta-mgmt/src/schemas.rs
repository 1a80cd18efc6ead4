//! Profile schemas (users, groups, app users) and log stream schemas: the [`ProfileSchema`]
//! and [`LogStreamSchema`] models and the [`Schemas`] endpoints (`/api/v1/meta/schemas`).
//!
//! Changes are partial: a [`SchemaUpdate`] names only the attributes to add, change or remove
//! (`null`), so attributes nobody meant to touch stay as they are. Every attribute of a
//! fetched schema, custom ones included, is kept with the fields this SDK does not model.

use std::collections::BTreeMap;

use okta_core::{Client, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, segment, Links};

okta_enum! {
    /// The JSON type of a schema attribute.
    pub enum SchemaAttributeType {
        /// An array (of `items`).
        Array => "array",
        /// A boolean.
        Boolean => "boolean",
        /// An integer.
        Integer => "integer",
        /// A number.
        Number => "number",
        /// A string.
        String => "string",
    }
}

okta_enum! {
    /// Who may change an attribute.
    pub enum SchemaAttributeMutability {
        /// Set once.
        Immutable => "IMMUTABLE",
        /// Read only.
        ReadOnly => "READ_ONLY",
        /// Read and write.
        ReadWrite => "READ_WRITE",
        /// Write only.
        WriteOnly => "WRITE_ONLY",
    }
}

okta_enum! {
    /// Whether an attribute belongs to the user only (`SELF`) or may be shared.
    pub enum SchemaAttributeScope {
        /// Shared.
        None => "NONE",
        /// The user's own.
        SelfScope => "SELF",
    }
}

okta_enum! {
    /// The kind of log stream whose settings a [`LogStreamSchema`] describes.
    pub enum LogStreamType {
        /// Amazon EventBridge.
        AwsEventbridge => "aws_eventbridge",
        /// Splunk Cloud.
        SplunkCloudLogstreaming => "splunk_cloud_logstreaming",
    }
}

/// One attribute of a profile schema. Fields this SDK has no name for are kept in
/// [`extra`](SchemaAttribute::extra).
///
/// ```
/// use okta_mgmt::{SchemaAttribute, SchemaAttributeType};
///
/// let attribute = SchemaAttribute::new("Twitter handle", SchemaAttributeType::String)
///     .description("The user's handle")
///     .max_length(20);
/// assert_eq!(
///     serde_json::to_value(&attribute).unwrap(),
///     serde_json::json!({"title": "Twitter handle", "type": "string", "description": "The user's handle", "maxLength": 20}),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SchemaAttribute {
    /// The name shown in the admin console.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The JSON type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<SchemaAttributeType>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A string format, such as `email`, `uri` or `country-code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Whether a value is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Who may change the attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutability: Option<SchemaAttributeMutability>,
    /// Whether the attribute is the user's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<SchemaAttributeScope>,
    /// The minimum string length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// The maximum string length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// A regular expression values must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The allowed values.
    #[serde(rename = "enum", default, skip_serializing_if = "Option::is_none")]
    pub enum_: Option<Vec<Value>>,
    /// The allowed values with their display names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<SchemaEnumOption>>,
    /// The items of an array attribute (`type`, `enum`, `oneOf`), kept as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Value>,
    /// Who may read or write the attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<SchemaPermission>>,
    /// Which profile source masters the attribute (`type`, `priority`), kept as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master: Option<Value>,
    /// Whether values must be unique (`UNIQUE_VALIDATED` or `NOT_UNIQUE` from Okta), kept as
    /// it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique: Option<Value>,
    /// The attribute's name in the app (app user schemas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_name: Option<String>,
    /// The attribute's namespace in the app (app user schemas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_namespace: Option<String>,
    /// The default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Whether app group values combine (`ENABLE`) or the highest priority wins (`DISABLE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union: Option<String>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SchemaAttribute {
    /// An attribute with this display name and type.
    pub fn new(title: impl Into<String>, type_: SchemaAttributeType) -> Self {
        SchemaAttribute {
            title: Some(title.into()),
            type_: Some(type_),
            ..SchemaAttribute::default()
        }
    }

    /// Sets `description`.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets `required`.
    pub fn required(mut self, required: bool) -> Self {
        self.required = Some(required);
        self
    }

    /// Sets `minLength`.
    pub fn min_length(mut self, length: u64) -> Self {
        self.min_length = Some(length);
        self
    }

    /// Sets `maxLength`.
    pub fn max_length(mut self, length: u64) -> Self {
        self.max_length = Some(length);
        self
    }

    /// Adds a permission, such as `("SELF", "READ_WRITE")`.
    pub fn permission(mut self, principal: impl Into<String>, action: impl Into<String>) -> Self {
        self.permissions
            .get_or_insert_with(Vec::new)
            .push(SchemaPermission {
                principal: Some(principal.into()),
                action: Some(action.into()),
                extra: Map::new(),
            });
        self
    }
}

/// An allowed value with its display name (`{"const": ..., "title": ...}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SchemaEnumOption {
    /// The value.
    #[serde(rename = "const", default, skip_serializing_if = "Option::is_none")]
    pub const_: Option<Value>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SchemaEnumOption {
    /// A value and its display name.
    pub fn new(value: impl Into<Value>, title: impl Into<String>) -> Self {
        SchemaEnumOption {
            const_: Some(value.into()),
            title: Some(title.into()),
            extra: Map::new(),
        }
    }
}

/// Who may do what with an attribute (`{"principal": "SELF", "action": "READ_WRITE"}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SchemaPermission {
    /// The principal, such as `SELF`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The action, such as `READ_WRITE`, `READ_ONLY` or `HIDE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `base` (Okta's) or `custom` (the org's) attributes of a profile schema.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SchemaSection {
    /// `#base` or `#custom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `object`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The attributes by name.
    #[serde(default)]
    pub properties: BTreeMap<String, SchemaAttribute>,
    /// The names of the required attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<Vec<String>>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `definitions` of a profile schema.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SchemaDefinitions {
    /// Okta's attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<SchemaSection>,
    /// The org's attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<SchemaSection>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A profile schema: of a user type, of groups, or of an app's users.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProfileSchema {
    /// The schema's id (a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `$schema`: the JSON Schema version.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The schema's name, such as `user`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `object`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// When the schema was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the schema last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// The base and custom attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definitions: Option<SchemaDefinitions>,
    /// The top-level `properties` (how the profile is assembled), kept as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Map<String, Value>>,
    /// `_links`.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ProfileSchema {
    /// A custom attribute by name.
    pub fn custom_attribute(&self, name: &str) -> Option<&SchemaAttribute> {
        self.definitions
            .as_ref()?
            .custom
            .as_ref()?
            .properties
            .get(name)
    }

    /// A base attribute by name.
    pub fn base_attribute(&self, name: &str) -> Option<&SchemaAttribute> {
        self.definitions
            .as_ref()?
            .base
            .as_ref()?
            .properties
            .get(name)
    }
}

/// The schema of a log stream type's settings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogStreamSchema {
    /// The schema's id (a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `$schema`: the JSON Schema version.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The title, such as `AWS EventBridge`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `object`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The settings by name, as JSON Schema, kept as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Map<String, Value>>,
    /// The names of the required settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<Vec<String>>,
    /// The allowed values with their display names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<SchemaEnumOption>>,
    /// A regular expression values must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The messages shown for invalid settings, kept as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<Value>,
    /// `_links`.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A partial change of a profile schema: only the attributes named here are sent. An
/// attribute set to a value is added or changed, a removed one is sent as `null` (which
/// deletes a custom attribute); all others stay as they are.
///
/// ```
/// use okta_mgmt::{SchemaAttribute, SchemaAttributeType, SchemaUpdate};
///
/// let update = SchemaUpdate::new()
///     .set_custom("twitterHandle", SchemaAttribute::new("Twitter handle", SchemaAttributeType::String))
///     .remove_custom("faxNumber");
/// assert_eq!(
///     serde_json::to_value(&update).unwrap(),
///     serde_json::json!({"definitions": {"custom": {"id": "#custom", "type": "object", "properties": {
///         "faxNumber": null,
///         "twitterHandle": {"title": "Twitter handle", "type": "string"}
///     }}}}),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct SchemaUpdate {
    /// Changes of base attributes (only their permissions and a few flags may change).
    pub base: BTreeMap<String, Option<SchemaAttribute>>,
    /// Changes of custom attributes: `Some` adds or replaces, `None` deletes.
    pub custom: BTreeMap<String, Option<SchemaAttribute>>,
}

impl SchemaUpdate {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        SchemaUpdate::default()
    }

    /// Adds or changes a custom attribute.
    pub fn set_custom(mut self, name: impl Into<String>, attribute: SchemaAttribute) -> Self {
        self.custom.insert(name.into(), Some(attribute));
        self
    }

    /// Deletes a custom attribute (sends it as `null`).
    pub fn remove_custom(mut self, name: impl Into<String>) -> Self {
        self.custom.insert(name.into(), None);
        self
    }

    /// Changes a base attribute (such as its `permissions`).
    pub fn set_base(mut self, name: impl Into<String>, attribute: SchemaAttribute) -> Self {
        self.base.insert(name.into(), Some(attribute));
        self
    }

    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self.base.is_empty() && self.custom.is_empty()
    }
}

impl Serialize for SchemaUpdate {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Section<'s> {
            id: &'static str,
            #[serde(rename = "type")]
            type_: &'static str,
            properties: &'s BTreeMap<String, Option<SchemaAttribute>>,
        }
        #[derive(Serialize)]
        struct Definitions<'s> {
            #[serde(skip_serializing_if = "Option::is_none")]
            base: Option<Section<'s>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            custom: Option<Section<'s>>,
        }
        #[derive(Serialize)]
        struct Body<'s> {
            definitions: Definitions<'s>,
        }
        fn section<'s>(
            id: &'static str,
            properties: &'s BTreeMap<String, Option<SchemaAttribute>>,
        ) -> Option<Section<'s>> {
            (!properties.is_empty()).then_some(Section {
                id,
                type_: "object",
                properties,
            })
        }
        Body {
            definitions: Definitions {
                base: section("#base", &self.base),
                custom: section("#custom", &self.custom),
            },
        }
        .serialize(serializer)
    }
}

/// The schema of a user type, from [`Schemas::user_schema`].
pub type UserSchema = ProfileSchema;
/// The group schema, from [`Schemas::group_schema`].
pub type GroupSchema = ProfileSchema;

const SCHEMAS: &str = "/api/v1/meta/schemas";

/// The schema endpoints, from [`Okta::schemas`](crate::Okta::schemas).
#[derive(Debug, Clone, Copy)]
pub struct Schemas<'a> {
    client: &'a Client,
}

impl<'a> Schemas<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Schemas { client }
    }

    /// Fetches the user schema of a user type (`GET /api/v1/meta/schemas/user/{schemaId}`);
    /// `default` is the default user type.
    #[doc(alias = "getUserSchema")]
    pub async fn user_schema(&self, schema_id: &str) -> Result<UserSchema> {
        self.client
            .get(&format!("{SCHEMAS}/user/{}", segment(schema_id)))
            .send()
            .await?
            .json()
    }

    /// Adds, changes or deletes attributes of a user type's schema
    /// (`POST /api/v1/meta/schemas/user/{schemaId}`, a partial update) and returns the whole
    /// schema.
    #[doc(alias = "updateUserProfile")]
    pub async fn update_user_schema(
        &self,
        schema_id: &str,
        update: &SchemaUpdate,
    ) -> Result<UserSchema> {
        self.client
            .post(&format!("{SCHEMAS}/user/{}", segment(schema_id)))
            .json(update)
            .send()
            .await?
            .json()
    }

    /// Fetches the group schema (`GET /api/v1/meta/schemas/group/default`).
    #[doc(alias = "getGroupSchema")]
    pub async fn group_schema(&self) -> Result<GroupSchema> {
        self.client
            .get(&format!("{SCHEMAS}/group/default"))
            .send()
            .await?
            .json()
    }

    /// Adds, changes or deletes attributes of the group schema
    /// (`POST /api/v1/meta/schemas/group/default`, a partial update).
    #[doc(alias = "updateGroupSchema")]
    pub async fn update_group_schema(&self, update: &SchemaUpdate) -> Result<GroupSchema> {
        self.client
            .post(&format!("{SCHEMAS}/group/default"))
            .json(update)
            .send()
            .await?
            .json()
    }

    /// Fetches the schema of an app's user profiles
    /// (`GET /api/v1/meta/schemas/apps/{appId}/default`).
    #[doc(alias = "getApplicationUserSchema")]
    pub async fn app_user_schema(&self, app_id: &str) -> Result<ProfileSchema> {
        self.client
            .get(&format!("{SCHEMAS}/apps/{}/default", segment(app_id)))
            .send()
            .await?
            .json()
    }

    /// Adds, changes or deletes attributes of an app's user schema
    /// (`POST /api/v1/meta/schemas/apps/{appId}/default`, a partial update).
    #[doc(alias = "updateApplicationUserProfile")]
    pub async fn update_app_user_schema(
        &self,
        app_id: &str,
        update: &SchemaUpdate,
    ) -> Result<ProfileSchema> {
        self.client
            .post(&format!("{SCHEMAS}/apps/{}/default", segment(app_id)))
            .json(update)
            .send()
            .await?
            .json()
    }

    /// Lists the schemas of every log stream type (`GET /api/v1/meta/schemas/logStream`).
    #[doc(alias = "listLogStreamSchemas")]
    pub fn log_stream_schemas(&self) -> ListLogStreamSchemas<'a> {
        List::new(self.client, format!("{SCHEMAS}/logStream"))
    }

    /// Fetches the schema of a log stream type
    /// (`GET /api/v1/meta/schemas/logStream/{logStreamType}`).
    #[doc(alias = "getLogStreamSchema")]
    pub async fn log_stream_schema(
        &self,
        log_stream_type: &LogStreamType,
    ) -> Result<LogStreamSchema> {
        self.client
            .get(&format!(
                "{SCHEMAS}/logStream/{}",
                segment(log_stream_type.as_str())
            ))
            .send()
            .await?
            .json()
    }
}

/// The listing of [`Schemas::log_stream_schemas`].
pub type ListLogStreamSchemas<'a> = List<'a, LogStreamSchema>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn user_schema_round_trips_with_custom_attributes_and_unknown_fields() {
        let input = json!({
            "id": "https://example.okta.com/meta/schemas/user/default",
            "$schema": "http://json-schema.org/draft-04/schema#",
            "name": "user", "title": "User", "type": "object",
            "lastUpdated": "2026-01-01T00:00:00.000Z", "created": "2025-01-01T00:00:00.000Z",
            "definitions": {
                "base": {
                    "id": "#base", "type": "object", "required": ["login"],
                    "properties": {"login": {
                        "title": "Username", "type": "string", "required": true,
                        "mutability": "READ_WRITE", "scope": "NONE", "minLength": 5, "maxLength": 100,
                        "pattern": ".+", "permissions": [{"principal": "SELF", "action": "READ_WRITE"}],
                        "master": {"type": "PROFILE_MASTER"}
                    }}
                },
                "custom": {
                    "id": "#custom", "type": "object", "required": [],
                    "properties": {
                        "twitterHandle": {"title": "Twitter", "type": "string", "unique": "UNIQUE_VALIDATED", "scope": "NONE"},
                        "shirtSize": {"title": "Shirt", "type": "string", "enum": ["S", "M"],
                            "oneOf": [{"const": "S", "title": "Small"}, {"const": "M", "title": "Medium"}],
                            "mutability": "HIDDEN_FROM_APPS", "sensitive": true},
                        "skills": {"title": "Skills", "type": "array", "items": {"type": "string"}, "union": "DISABLE"}
                    }
                }
            },
            "properties": {"profile": {"allOf": [{"$ref": "#/definitions/custom"}, {"$ref": "#/definitions/base"}]}},
            "_links": {"self": {"href": "https://example.okta.com/api/v1/meta/schemas/user/default"}},
            "nextGen": {"enabled": true}
        });
        let schema: ProfileSchema = serde_json::from_value(input.clone()).unwrap();
        let shirt = schema.custom_attribute("shirtSize").unwrap();
        assert_eq!(
            shirt.mutability,
            Some(SchemaAttributeMutability::Unknown(
                "HIDDEN_FROM_APPS".into()
            ))
        );
        assert_eq!(shirt.extra["sensitive"], true);
        assert_eq!(schema.base_attribute("login").unwrap().min_length, Some(5));
        assert_eq!(schema.extra["nextGen"], json!({"enabled": true}));
        assert_eq!(serde_json::to_value(&schema).unwrap(), input);
    }

    #[test]
    fn update_sends_only_named_attributes_and_nulls_for_removals() {
        let update = SchemaUpdate::new()
            .set_base(
                "firstName",
                SchemaAttribute::default().permission("SELF", "READ_ONLY"),
            )
            .remove_custom("faxNumber");
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"definitions": {
                "base": {"id": "#base", "type": "object", "properties": {"firstName": {"permissions": [{"principal": "SELF", "action": "READ_ONLY"}]}}},
                "custom": {"id": "#custom", "type": "object", "properties": {"faxNumber": null}}
            }})
        );
        assert_eq!(
            serde_json::to_value(SchemaUpdate::new()).unwrap(),
            json!({"definitions": {}})
        );
    }

    #[test]
    fn log_stream_schema_round_trips() {
        let input = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "id": "https://example.okta.com/api/v1/meta/schemas/logStream/aws_eventbridge",
            "title": "AWS EventBridge", "type": "object",
            "properties": {"accountId": {"title": "AWS Account ID", "type": "string", "pattern": "^\\d{12}$"}},
            "required": ["eventSourceName", "accountId", "region"],
            "errorMessage": {"properties": {"accountId": "Account number must be 12 digits."}},
            "_links": {"self": {"href": "https://example.okta.com/api/v1/meta/schemas/logStream/aws_eventbridge"}}
        });
        let schema: LogStreamSchema = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(schema.required.as_ref().unwrap().len(), 3);
        assert_eq!(serde_json::to_value(&schema).unwrap(), input);
    }
}
