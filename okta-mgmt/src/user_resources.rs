//! What a user has: app links, OAuth 2.0 clients holding the user's grants or tokens, devices
//! and sign-in blocks. The operations are methods of [`Users`](crate::Users).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, Links};

/// An app link on a user's dashboard (`GET /api/v1/users/{id}/appLinks`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AppLink {
    /// The link's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The label shown on the dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The URL that signs the user in to the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_url: Option<String>,
    /// The URL of the app's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// The app's name, such as `salesforce`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// The id of the app instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_instance_id: Option<String>,
    /// The id of the user's assignment to the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_assignment_id: Option<String>,
    /// Whether the user has set up the app's credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_setup: Option<bool>,
    /// Whether the link is hidden from the dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// The position on the dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<i64>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An OAuth 2.0 client app that holds grants or tokens of a user
/// (`GET /api/v1/users/{userId}/clients`). The field names are OAuth's (`client_id`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserClient {
    /// The client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// The client's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    /// The client's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<String>,
    /// `_links`: the client, and the user's grants and tokens for it.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A device enrolled by a user (`GET /api/v1/users/{userId}/devices`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserDevice {
    /// When the user enrolled the device (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The id of the link between the user and the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_user_id: Option<String>,
    /// The device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<UserDeviceDetails>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The device of a [`UserDevice`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserDeviceDetails {
    /// The device's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The device's status, such as `ACTIVE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When the device was registered (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the device last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// The device profile (`displayName`, `platform`, `serialNumber`, ...), kept as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Map<String, Value>>,
    /// The resource type, such as `UDDevice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// The resource id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// The alternate resource id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_alternate_id: Option<String>,
    /// The display name (`{"value": ..., "sensitive": ...}`), kept as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_display_name: Option<Value>,
    /// `_links`: the device, its users and lifecycle operations.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

okta_enum! {
    /// What kind of sign-in block applies.
    pub enum UserBlockType {
        /// A block that depends on the device.
        DeviceBased => "DEVICE_BASED",
    }
}

okta_enum! {
    /// Which devices a sign-in block applies to.
    pub enum UserBlockScope {
        /// Every device.
        AnyDevices => "ANY_DEVICES",
        /// Devices Okta does not know.
        UnknownDevices => "UNKNOWN_DEVICES",
    }
}

/// A sign-in block on a user (`GET /api/v1/users/{id}/blocks`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserBlock {
    /// The kind of block.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<UserBlockType>,
    /// Which devices it applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<UserBlockScope>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The listing of [`Users::app_links`](crate::Users::app_links).
pub type ListAppLinks<'a> = List<'a, AppLink>;
/// The listing of [`Users::clients`](crate::Users::clients).
pub type ListUserClients<'a> = List<'a, UserClient>;
/// The listing of [`Users::devices`](crate::Users::devices).
pub type ListUserDevices<'a> = List<'a, UserDevice>;
/// The listing of [`Users::blocks`](crate::Users::blocks).
pub type ListUserBlocks<'a> = List<'a, UserBlock>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn app_link_round_trips_with_unknown_fields() {
        let input = json!({
            "id": "00ub0oNGTSWTBKOLGLNR", "label": "Google Apps Mail",
            "linkUrl": "https://example.okta.com/home/google/0oa3omz2i9XRNSRIHBZO/50",
            "logoUrl": "https://example.okta.com/img/logos/google-mail.png",
            "appName": "google", "appInstanceId": "0oa3omz2i9XRNSRIHBZO",
            "appAssignmentId": "0ua3omz7weMMMQJERBKY", "credentialsSetup": false,
            "hidden": false, "sortOrder": 0, "futureFlag": true
        });
        let link: AppLink = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(link.sort_order, Some(0));
        assert_eq!(link.extra["futureFlag"], true);
        assert_eq!(serde_json::to_value(&link).unwrap(), input);
    }

    #[test]
    fn user_block_keeps_unknown_scope() {
        let input = json!({"type": "DEVICE_BASED", "appliesTo": "MANAGED_DEVICES"});
        let block: UserBlock = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(block.type_, Some(UserBlockType::DeviceBased));
        assert_eq!(
            block.applies_to,
            Some(UserBlockScope::Unknown("MANAGED_DEVICES".into()))
        );
        assert_eq!(serde_json::to_value(&block).unwrap(), input);
    }

    #[test]
    fn user_device_round_trips() {
        let input = json!({
            "created": "2026-01-01T00:00:00.000Z", "deviceUserId": "dud1",
            "device": {
                "id": "guo1", "status": "ACTIVE", "resourceType": "UDDevice",
                "profile": {"displayName": "Ada's Mac", "platform": "MACOS", "registered": true},
                "resourceDisplayName": {"value": "Ada's Mac", "sensitive": false},
                "_links": {"self": {"href": "https://example.okta.com/api/v1/devices/guo1"}},
                "riskLevel": "LOW"
            }
        });
        let device: UserDevice = serde_json::from_value(input.clone()).unwrap();
        let details = device.device.as_ref().unwrap();
        assert_eq!(details.extra["riskLevel"], "LOW");
        assert_eq!(serde_json::to_value(&device).unwrap(), input);
    }
}
