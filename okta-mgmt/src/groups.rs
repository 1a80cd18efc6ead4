//! Groups: the [`Group`] model and the [`Groups`] endpoints (`/api/v1/groups`).

use okta_core::{Client, PageStream, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{okta_enum, segment, Links};
use crate::users::User;

okta_enum! {
    /// Where a group comes from.
    pub enum GroupType {
        /// A group made in Okta.
        OktaGroup => "OKTA_GROUP",
        /// A group imported from an app (such as Active Directory).
        AppGroup => "APP_GROUP",
        /// A group Okta made itself (such as `Everyone`).
        BuiltIn => "BUILT_IN",
    }
}

/// An Okta group as the API returns it. Fields this SDK has no name for are kept in
/// [`extra`](Group::extra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Group {
    /// The group's id, such as `00g1emaKYZTWRYYRRTSK`.
    pub id: String,
    /// When the group was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the group's profile last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// When the group's members last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_membership_updated: Option<String>,
    /// The object classes, such as `okta:user_group` (empty when Okta sent none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub object_class: Vec<String>,
    /// Where the group comes from. Okta leaves it out of some answers (such as a user's
    /// groups in its own examples), so it is optional rather than a reason to fail a page.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<GroupType>,
    /// The profile.
    #[serde(default)]
    pub profile: GroupProfile,
    /// `_links`: related resources.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// `_embedded`: resources embedded on request (such as `stats` with `expand=stats`).
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model, kept and written back as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A group's profile: its name, description and the org's custom attributes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupProfile {
    /// The group's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description (`null` when there is none).
    #[serde(default)]
    pub description: Option<String>,
    /// Custom attributes, kept as they came.
    #[serde(flatten)]
    pub custom: Map<String, Value>,
}

impl GroupProfile {
    /// A profile with this name and no description.
    pub fn new(name: impl Into<String>) -> Self {
        GroupProfile {
            name: name.into(),
            ..GroupProfile::default()
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets a custom attribute.
    pub fn custom(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.custom.insert(name.into(), value.into());
        self
    }
}

/// The body of a create or replace: the profile, without a `null` description (Okta's
/// schema has the description as a string, so a request must leave it out instead).
#[derive(Serialize)]
struct ProfileBody<'a> {
    profile: ProfileRequest<'a>,
}

#[derive(Serialize)]
struct ProfileRequest<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(flatten)]
    custom: &'a Map<String, Value>,
}

impl<'a> ProfileBody<'a> {
    fn new(profile: &'a GroupProfile) -> Self {
        ProfileBody {
            profile: ProfileRequest {
                name: &profile.name,
                description: profile.description.as_deref(),
                custom: &profile.custom,
            },
        }
    }
}

fn group_path(id: &str) -> String {
    format!("/api/v1/groups/{}", segment(id))
}

fn member_path(group_id: &str, user_id: &str) -> String {
    format!("{}/users/{}", group_path(group_id), segment(user_id))
}

/// The group endpoints, from [`Okta::groups`](crate::Okta::groups).
#[derive(Debug, Clone, Copy)]
pub struct Groups<'a> {
    client: &'a Client,
}

impl<'a> Groups<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Groups { client }
    }

    /// Lists groups (`GET /api/v1/groups`): set the query on the builder, then
    /// [`stream`](ListGroups::stream) every group or fetch one [`page`](ListGroups::page).
    #[doc(alias = "listGroups")]
    pub fn list(&self) -> ListGroups<'a> {
        crate::list::List::new(self.client, "/api/v1/groups")
    }

    /// Fetches a group (`GET /api/v1/groups/{groupId}`).
    #[doc(alias = "getGroup")]
    pub async fn get(&self, id: &str) -> Result<Group> {
        self.client.get(&group_path(id)).send().await?.json()
    }

    /// Creates an Okta group (`POST /api/v1/groups`).
    #[doc(alias = "addGroup")]
    pub async fn create(&self, profile: GroupProfile) -> Result<Group> {
        self.client
            .post("/api/v1/groups")
            .json(&ProfileBody::new(&profile))
            .send()
            .await?
            .json()
    }

    /// Replaces a group's profile (`PUT /api/v1/groups/{groupId}`).
    #[doc(alias = "replaceGroup")]
    pub async fn replace(&self, id: &str, profile: GroupProfile) -> Result<Group> {
        self.client
            .put(&group_path(id))
            .json(&ProfileBody::new(&profile))
            .send()
            .await?
            .json()
    }

    /// Deletes a group (`DELETE /api/v1/groups/{groupId}`); its members stay.
    #[doc(alias = "deleteGroup")]
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.client.delete(&group_path(id)).send().await?;
        Ok(())
    }

    /// Streams the group's members (`GET /api/v1/groups/{groupId}/users`).
    #[doc(alias = "listGroupUsers")]
    pub fn users(&self, id: &str) -> PageStream<User> {
        self.client
            .get(&format!("{}/users", group_path(id)))
            .stream()
    }

    /// Adds a user to the group (`PUT /api/v1/groups/{groupId}/users/{userId}`); adding a
    /// member again changes nothing.
    #[doc(alias = "assignUserToGroup")]
    pub async fn add_user(&self, group_id: &str, user_id: &str) -> Result<()> {
        self.client
            .put(&member_path(group_id, user_id))
            .send()
            .await?;
        Ok(())
    }

    /// Removes a user from the group (`DELETE /api/v1/groups/{groupId}/users/{userId}`).
    #[doc(alias = "unassignUserFromGroup")]
    pub async fn remove_user(&self, group_id: &str, user_id: &str) -> Result<()> {
        self.client
            .delete(&member_path(group_id, user_id))
            .send()
            .await?;
        Ok(())
    }
}

/// The query of [`Groups::list`].
pub type ListGroups<'a> = crate::list::List<'a, Group>;
