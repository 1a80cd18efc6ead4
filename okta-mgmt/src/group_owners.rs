//! Group owners: the [`GroupOwner`] model and the [`GroupOwners`] endpoints
//! (`/api/v1/groups/{groupId}/owners`). An owner is a user, or a group whose members own the
//! group.

use okta_core::{Client, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, segment};

okta_enum! {
    /// What kind of principal owns a group.
    pub enum GroupOwnerType {
        /// A group: its members own the group.
        Group => "GROUP",
        /// A user.
        User => "USER",
    }
}

okta_enum! {
    /// Where an owner comes from.
    pub enum GroupOwnerOriginType {
        /// Imported from an app.
        Application => "APPLICATION",
        /// Set in Okta.
        OktaDirectory => "OKTA_DIRECTORY",
    }
}

/// An owner of a group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupOwner {
    /// The owner's id (a user or group id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Whether the owner is a user or a group.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<GroupOwnerType>,
    /// The owner's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Where the owner comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_type: Option<GroupOwnerOriginType>,
    /// The id of the app the owner comes from, for `APPLICATION` owners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_id: Option<String>,
    /// Whether Okta has matched an imported owner to a user or group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// When the owner last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn owners_path(group_id: &str) -> String {
    format!("/api/v1/groups/{}/owners", segment(group_id))
}

/// The group owner endpoints, from [`Okta::group_owners`](crate::Okta::group_owners).
#[derive(Debug, Clone, Copy)]
pub struct GroupOwners<'a> {
    client: &'a Client,
}

impl<'a> GroupOwners<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        GroupOwners { client }
    }

    /// Lists the owners of a group (`GET /api/v1/groups/{groupId}/owners`); `search` filters
    /// them, such as `type eq "USER"`.
    #[doc(alias = "listGroupOwners")]
    pub fn list(&self, group_id: &str) -> ListGroupOwners<'a> {
        List::new(self.client, owners_path(group_id))
    }

    /// Makes a user or a group an owner of the group (`POST /api/v1/groups/{groupId}/owners`).
    #[doc(alias = "assignGroupOwner")]
    pub async fn assign(
        &self,
        group_id: &str,
        owner_id: &str,
        owner_type: GroupOwnerType,
    ) -> Result<GroupOwner> {
        #[derive(Serialize)]
        struct Body<'b> {
            id: &'b str,
            #[serde(rename = "type")]
            type_: GroupOwnerType,
        }
        self.client
            .post(&owners_path(group_id))
            .json(&Body {
                id: owner_id,
                type_: owner_type,
            })
            .send()
            .await?
            .json()
    }

    /// Removes an owner of the group (`DELETE /api/v1/groups/{groupId}/owners/{ownerId}`).
    #[doc(alias = "deleteGroupOwner")]
    pub async fn delete(&self, group_id: &str, owner_id: &str) -> Result<()> {
        self.client
            .delete(&format!("{}/{}", owners_path(group_id), segment(owner_id)))
            .send()
            .await?;
        Ok(())
    }
}

/// The query of [`GroupOwners::list`].
pub type ListGroupOwners<'a> = List<'a, GroupOwner>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn owner_round_trips_with_unknown_type_and_fields() {
        let input = json!({
            "id": "00u1emaK22TWRYd3TtG", "type": "SERVICE_ACCOUNT", "displayName": "bot",
            "originType": "OKTA_DIRECTORY", "resolved": true,
            "lastUpdated": "2026-01-01T00:00:00.000Z", "tier": 2
        });
        let owner: GroupOwner = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(
            owner.type_,
            Some(GroupOwnerType::Unknown("SERVICE_ACCOUNT".into()))
        );
        assert_eq!(owner.extra["tier"], 2);
        assert_eq!(serde_json::to_value(&owner).unwrap(), input);
    }
}
