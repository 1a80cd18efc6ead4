//! Group rules: the [`GroupRule`] model and the [`GroupRules`] endpoints
//! (`/api/v1/groups/rules`), which put users in groups by an expression over their profile.

use okta_core::{Client, Page, PageStream, RequestBuilder, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, segment, Links};

okta_enum! {
    /// The status of a group rule.
    pub enum GroupRuleStatus {
        /// The rule assigns users.
        Active => "ACTIVE",
        /// The rule is off (a rule can only be changed while inactive).
        Inactive => "INACTIVE",
        /// The rule refers to something that no longer exists (such as a deleted group).
        Invalid => "INVALID",
    }
}

/// The expression type of Okta Expression Language rules.
pub const EXPRESSION_TYPE: &str = "urn:okta:expression:1.0";

/// A group rule as the API returns it. Fields this SDK has no name for are kept in
/// [`extra`](GroupRule::extra), so a rule read, changed and
/// [replaced](GroupRules::replace) keeps them.
///
/// ```
/// use okta_mgmt::GroupRule;
///
/// let rule = GroupRule::new("Engineers", r#"user.department=="Engineering""#, ["00gjitX9HqABSoqTB0g3"]);
/// assert_eq!(
///     serde_json::to_value(&rule).unwrap(),
///     serde_json::json!({
///         "type": "group_rule",
///         "name": "Engineers",
///         "conditions": {"expression": {"type": "urn:okta:expression:1.0", "value": "user.department==\"Engineering\""}},
///         "actions": {"assignUserToGroups": {"groupIds": ["00gjitX9HqABSoqTB0g3"]}}
///     }),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupRule {
    /// The rule's id (absent before creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The type, `group_rule`.
    #[serde(rename = "type", default = "rule_type")]
    pub type_: String,
    /// The rule's name (1 to 50 characters).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<GroupRuleStatus>,
    /// When the rule was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the rule last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// Who the rule applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<GroupRuleConditions>,
    /// What the rule does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<GroupRuleActions>,
    /// `_embedded`: `groupIdToGroupNameMap` when asked for.
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Links>,
    /// Fields this SDK does not model (such as `allGroupsValid`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn rule_type() -> String {
    "group_rule".to_owned()
}

impl GroupRule {
    /// A rule to create: users whose profile matches `expression` (Okta Expression
    /// Language) are put in `group_ids`.
    pub fn new<I, S>(name: impl Into<String>, expression: impl Into<String>, group_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        GroupRule {
            id: None,
            type_: rule_type(),
            name: name.into(),
            status: None,
            created: None,
            last_updated: None,
            conditions: Some(GroupRuleConditions {
                expression: Some(GroupRuleExpression::new(expression)),
                people: None,
                extra: Map::new(),
            }),
            actions: Some(GroupRuleActions {
                assign_user_to_groups: Some(GroupRuleGroupAssignment {
                    group_ids: group_ids.into_iter().map(Into::into).collect(),
                    extra: Map::new(),
                }),
                extra: Map::new(),
            }),
            embedded: None,
            extra: Map::new(),
        }
    }

    /// Leaves these users out of the rule (`conditions.people.users.exclude`).
    pub fn exclude_users<I, S>(mut self, user_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let conditions = self
            .conditions
            .get_or_insert_with(GroupRuleConditions::default);
        let people = conditions.people.get_or_insert_with(Default::default);
        people
            .users
            .get_or_insert_with(Default::default)
            .exclude
            .extend(user_ids.into_iter().map(Into::into));
        self
    }

    /// The names of the rule's groups by id (`_embedded.groupIdToGroupNameMap`), when the rule
    /// was fetched with the group names.
    pub fn group_names(&self) -> Option<&Map<String, Value>> {
        self.embedded
            .as_ref()?
            .get("groupIdToGroupNameMap")?
            .as_object()
    }
}

/// The conditions of a group rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupRuleConditions {
    /// The expression users must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<GroupRuleExpression>,
    /// Users and groups left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<GroupRulePeople>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The expression of a group rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupRuleExpression {
    /// The expression language, [`EXPRESSION_TYPE`].
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The expression, such as `user.department=="Engineering"`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GroupRuleExpression {
    /// An Okta Expression Language expression.
    pub fn new(value: impl Into<String>) -> Self {
        GroupRuleExpression {
            type_: Some(EXPRESSION_TYPE.to_owned()),
            value: value.into(),
            extra: Map::new(),
        }
    }
}

/// The users and groups a group rule leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupRulePeople {
    /// Users left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<GroupRuleExclusion>,
    /// Groups whose members are left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupRuleExclusion>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Ids left out of a group rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupRuleExclusion {
    /// The ids.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What a group rule does.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupRuleActions {
    /// The groups matching users are put in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_user_to_groups: Option<GroupRuleGroupAssignment>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The groups of a group rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupRuleGroupAssignment {
    /// The group ids.
    #[serde(default)]
    pub group_ids: Vec<String>,
    /// Fields this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

const RULES: &str = "/api/v1/groups/rules";
const GROUP_NAMES: &str = "groupIdToGroupNameMap";

fn rule_path(id: &str) -> String {
    format!("{RULES}/{}", segment(id))
}

/// The writable fields of a rule, for create and replace.
#[derive(Serialize)]
struct RuleBody<'r> {
    #[serde(rename = "type")]
    type_: &'r str,
    name: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    conditions: Option<&'r GroupRuleConditions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<&'r GroupRuleActions>,
    #[serde(flatten)]
    extra: &'r Map<String, Value>,
}

impl<'r> From<&'r GroupRule> for RuleBody<'r> {
    fn from(rule: &'r GroupRule) -> Self {
        RuleBody {
            type_: &rule.type_,
            name: &rule.name,
            conditions: rule.conditions.as_ref(),
            actions: rule.actions.as_ref(),
            extra: &rule.extra,
        }
    }
}

/// The group rule endpoints, from [`Okta::group_rules`](crate::Okta::group_rules).
#[derive(Debug, Clone, Copy)]
pub struct GroupRules<'a> {
    client: &'a Client,
}

impl<'a> GroupRules<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        GroupRules { client }
    }

    /// Lists group rules (`GET /api/v1/groups/rules`): set the query on the builder, then
    /// [`stream`](ListGroupRules::stream) or [`page`](ListGroupRules::page).
    #[doc(alias = "listGroupRules")]
    pub fn list(&self) -> ListGroupRules<'a> {
        ListGroupRules {
            list: List::new(self.client, RULES),
        }
    }

    /// Creates a rule (`POST /api/v1/groups/rules`); it starts `INACTIVE`. Only the writable
    /// fields of `rule` are sent (`type`, `name`, `conditions`, `actions` and the fields in
    /// `extra`).
    #[doc(alias = "createGroupRule")]
    pub async fn create(&self, rule: &GroupRule) -> Result<GroupRule> {
        self.client
            .post(RULES)
            .json(&RuleBody::from(rule))
            .send()
            .await?
            .json()
    }

    /// Fetches a rule (`GET /api/v1/groups/rules/{groupRuleId}`). With `with_group_names`
    /// true the answer embeds the names of its groups ([`GroupRule::group_names`]).
    #[doc(alias = "getGroupRule")]
    pub async fn get(&self, id: &str, with_group_names: bool) -> Result<GroupRule> {
        let mut request = self.client.get(&rule_path(id));
        if with_group_names {
            request = request.query("expand", GROUP_NAMES);
        }
        request.send().await?.json()
    }

    /// Replaces an `INACTIVE` rule (`PUT /api/v1/groups/rules/{groupRuleId}`) with the
    /// writable fields of `rule`. Okta does not let the groups of a rule change.
    #[doc(alias = "replaceGroupRule")]
    pub async fn replace(&self, id: &str, rule: &GroupRule) -> Result<GroupRule> {
        self.client
            .put(&rule_path(id))
            .json(&RuleBody::from(rule))
            .send()
            .await?
            .json()
    }

    /// Deletes a rule (`DELETE /api/v1/groups/rules/{groupRuleId}`). With `remove_users`
    /// true, the users the rule put in its groups are taken out of them.
    #[doc(alias = "deleteGroupRule")]
    pub async fn delete(&self, id: &str, remove_users: bool) -> Result<()> {
        self.client
            .delete(&rule_path(id))
            .query("removeUsers", if remove_users { "true" } else { "false" })
            .send()
            .await?;
        Ok(())
    }

    /// Activates a rule (`POST /api/v1/groups/rules/{groupRuleId}/lifecycle/activate`): Okta
    /// starts putting matching users in its groups.
    #[doc(alias = "activateGroupRule")]
    pub async fn activate(&self, id: &str) -> Result<()> {
        self.client
            .post(&format!("{}/lifecycle/activate", rule_path(id)))
            .send()
            .await?;
        Ok(())
    }

    /// Deactivates a rule (`POST /api/v1/groups/rules/{groupRuleId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateGroupRule")]
    pub async fn deactivate(&self, id: &str) -> Result<()> {
        self.client
            .post(&format!("{}/lifecycle/deactivate", rule_path(id)))
            .send()
            .await?;
        Ok(())
    }
}

/// The query of [`GroupRules::list`].
#[must_use = "a list does nothing until streamed or paged"]
#[derive(Debug, Clone)]
pub struct ListGroupRules<'a> {
    list: List<'a, GroupRule>,
}

impl ListGroupRules<'_> {
    /// `search`: matches rules by name.
    pub fn search(mut self, keyword: impl Into<String>) -> Self {
        self.list = self.list.search(keyword);
        self
    }

    /// `limit`: rules per page (1 to 200).
    pub fn limit(mut self, limit: u32) -> Self {
        self.list = self.list.limit(limit);
        self
    }

    /// `after`: the cursor to start after.
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.list = self.list.after(cursor);
        self
    }

    /// `expand=groupIdToGroupNameMap`: embed the names of each rule's groups.
    pub fn with_group_names(mut self) -> Self {
        self.list = self.list.param("expand", GROUP_NAMES);
        self
    }

    /// The raw request.
    pub fn into_request(self) -> RequestBuilder {
        self.list.into_request()
    }

    /// Streams every matching rule, fetching pages lazily.
    pub fn stream(self) -> PageStream<GroupRule> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<GroupRule>> {
        self.into_request().page().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rule_round_trips_with_unknown_status_and_fields() {
        let input = json!({
            "type": "group_rule", "id": "0pr3f7zMZZHPgUoWO0g4", "status": "PAUSED",
            "name": "Engineering group rule", "created": "2026-01-01T00:00:00.000Z",
            "lastUpdated": "2026-01-02T00:00:00.000Z",
            "conditions": {
                "people": {"users": {"exclude": ["00u22w79JPMEeeuLr0g4"]}, "groups": {"exclude": []}},
                "expression": {"value": "user.role==\"Engineer\"", "type": "urn:okta:expression:1.0"}
            },
            "actions": {"assignUserToGroups": {"groupIds": ["00gjitX9HqABSoqTB0g3"]}},
            "allGroupsValid": true,
            "_embedded": {"groupIdToGroupNameMap": {"00gjitX9HqABSoqTB0g3": "Engineers"}}
        });
        let rule: GroupRule = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(rule.status, Some(GroupRuleStatus::Unknown("PAUSED".into())));
        assert_eq!(rule.extra["allGroupsValid"], true);
        assert_eq!(
            rule.group_names().unwrap()["00gjitX9HqABSoqTB0g3"],
            "Engineers"
        );
        assert_eq!(serde_json::to_value(&rule).unwrap(), input);
    }

    #[test]
    fn body_leaves_out_read_only_fields() {
        let rule: GroupRule = serde_json::from_value(json!({
            "type": "group_rule", "id": "0pr1", "status": "INACTIVE", "name": "r",
            "created": "2026-01-01T00:00:00.000Z", "allGroupsValid": true,
            "_embedded": {"groupIdToGroupNameMap": {}}
        }))
        .unwrap();
        assert_eq!(
            serde_json::to_value(RuleBody::from(&rule)).unwrap(),
            json!({"type": "group_rule", "name": "r", "allGroupsValid": true})
        );
    }

    #[test]
    fn exclude_users_adds_people_condition() {
        let rule = GroupRule::new("r", "true", ["00g1"]).exclude_users(["00u1"]);
        let json = serde_json::to_value(&rule).unwrap();
        assert_eq!(
            json["conditions"]["people"],
            json!({"users": {"exclude": ["00u1"]}})
        );
    }
}
