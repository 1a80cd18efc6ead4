//! Policies: the polymorphic [`Policy`] and [`PolicyRule`] models and the [`Policies`]
//! endpoints (`/api/v1/policies`), with rules, resource mappings and simulation.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use okta_core::{Client, Page, PageStream, RequestBuilder, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{okta_enum, segment, Links};

mod model;
mod rules;

pub use model::{
    AccessPolicy, AuthProviderCondition, AuthenticatorEnrollment, AuthenticatorEnrollmentPolicy,
    AuthenticatorEnrollmentSettings, EnrollRequirement, GenericPolicy, IdpDiscoveryPolicy,
    IncludeExclude, LifecycleStatus, NetworkCondition, NetworkConnection, OktaSignOnPolicy,
    PasswordAge, PasswordComplexity, PasswordLockout, PasswordPolicy, PasswordPolicySettings,
    PasswordSettings, PeopleCondition, Policy, PolicyConditions, PolicyType,
    ProfileEnrollmentPolicy,
};
pub use rules::{
    AccessAction, AccessPolicyRule, AccessRuleActions, AppSignOnAction,
    AuthenticatorEnrollmentPolicyRule, EnrollmentRuleActions, GenericPolicyRule,
    IdpDiscoveryPolicyRule, IdpDiscoveryRuleActions, PasswordPolicyRule, PasswordRuleActions,
    PolicyRule, PolicyRuleType, ProfileEnrollmentPolicyRule, ProfileEnrollmentRuleActions,
    RuleAccess, SignOnAction, SignOnPolicyRule, SignOnRuleActions, SignOnSession,
};

okta_enum! {
    /// The kind of resource mapped to a policy.
    pub enum PolicyMappingResourceType {
        /// An app sign-in policy (mapped to an app through the app's policy).
        AccessPolicy => "ACCESS_POLICY",
    }
}

/// A resource (such as an app) mapped to a policy. The mapped resource is named by
/// `_links.application` (or another link).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyMapping {
    /// The mapping's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `_links`: `self`, `policy` and the mapped resource (such as `application`).
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Members this SDK does not model, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`Policies::map_resource`]: the resource to map to the policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PolicyMappingRequest {
    /// The id of the resource to map (for `ACCESS_POLICY`, the app sign-in policy's id).
    pub resource_id: String,
    /// The kind of resource.
    pub resource_type: PolicyMappingResourceType,
}

impl PolicyMappingRequest {
    /// Maps the resource `resource_id` of kind `resource_type`.
    pub fn new(
        resource_id: impl Into<String>,
        resource_type: impl Into<PolicyMappingResourceType>,
    ) -> Self {
        PolicyMappingRequest {
            resource_id: resource_id.into(),
            resource_type: resource_type.into(),
        }
    }
}

/// The sign-in context of a [policy simulation](Policies::simulate): who signs in, from
/// where, on what.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyContext {
    /// The user: `{"id": "00u..."}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Value>,
    /// The user's groups: `{"ids": ["00g..."]}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Value>,
    /// The client IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// The network zones: `{"ids": ["nzo..."]}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<Value>,
    /// The device: `platform`, `registered`, `managed`, `assuranceId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Value>,
    /// The risk: `{"level": "LOW" | "MEDIUM" | "HIGH"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Value>,
    /// Other members, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PolicyContext {
    /// The context of user `user_id`, a member of `group_ids` (both required by Okta).
    pub fn new<I, S>(user_id: impl Into<String>, group_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let ids: Vec<String> = group_ids.into_iter().map(Into::into).collect();
        PolicyContext {
            user: Some(serde_json::json!({ "id": user_id.into() })),
            groups: Some(serde_json::json!({ "ids": ids })),
            ..PolicyContext::default()
        }
    }
}

/// The body of [`Policies::simulate`]: the app being signed in to, the context and the
/// policy types to evaluate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PolicySimulation {
    /// The app instance id (required).
    pub app_instance: String,
    /// The sign-in context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_context: Option<PolicyContext>,
    /// The policy types to evaluate (`ACCESS_POLICY`, `MFA_ENROLL`, `OKTA_SIGN_ON`,
    /// `PROFILE_ENROLLMENT`); absent evaluates them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_types: Option<Vec<PolicyType>>,
    /// Other members, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PolicySimulation {
    /// A simulation of signing in to app `app_instance`.
    pub fn new(app_instance: impl Into<String>) -> Self {
        PolicySimulation {
            app_instance: app_instance.into(),
            policy_context: None,
            policy_types: None,
            extra: Map::new(),
        }
    }

    /// Sets the sign-in context.
    pub fn context(mut self, context: PolicyContext) -> Self {
        self.policy_context = Some(context);
        self
    }

    /// Evaluates only these policy types.
    pub fn policy_types(mut self, types: impl IntoIterator<Item = PolicyType>) -> Self {
        self.policy_types = Some(types.into_iter().collect());
        self
    }
}

okta_enum! {
    /// Whether a policy, rule or condition matched in a simulation.
    pub enum SimulationStatus {
        /// It matched.
        Match => "MATCH",
        /// It did not match.
        NotMatch => "NOT_MATCH",
        /// It could not be evaluated with the given context.
        Undefined => "UNDEFINED",
    }
}

/// One condition of a simulated policy or rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimulatedCondition {
    /// The condition, such as `people.groups.include`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Whether it matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SimulationStatus>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A simulated policy or rule: whether it matched and why.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimulatedPolicy {
    /// The policy's (or rule's) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name (`null` for some default rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SimulationStatus>,
    /// The conditions evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<SimulatedCondition>>,
    /// The rules of a policy (absent on a rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<SimulatedPolicy>>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A list of simulated policies (`result`, `evaluated`, `undefined`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimulatedPolicies {
    /// The policies.
    #[serde(default)]
    pub policies: Vec<SimulatedPolicy>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The evaluation of one policy type in a simulation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PolicyEvaluation {
    /// The policy type evaluated (Okta sends one value, some documents an array: kept as it
    /// came).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_type: Option<Value>,
    /// The overall status (often `null`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SimulationStatus>,
    /// The policies that decide the sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<SimulatedPolicies>,
    /// The policies evaluated before the deciding one (with `expand=EVALUATED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluated: Option<SimulatedPolicies>,
    /// The policies that could not be evaluated with the given context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undefined: Option<SimulatedPolicies>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of [`Policies::simulate`]: one evaluation per policy type.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct PolicySimulationResult {
    /// The evaluations.
    pub evaluation: Vec<PolicyEvaluation>,
    /// Other members, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for PolicySimulationResult {
    /// Okta answers `{"evaluation": [...]}`; a bare array of evaluations (the shape Okta's
    /// spec declares) is accepted too.
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped {
            #[serde(default)]
            evaluation: Vec<PolicyEvaluation>,
            #[serde(flatten)]
            extra: Map<String, Value>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Wrapped(Wrapped),
            Bare(Vec<PolicyEvaluation>),
        }
        Ok(match Shape::deserialize(deserializer)? {
            Shape::Wrapped(wrapped) => PolicySimulationResult {
                evaluation: wrapped.evaluation,
                extra: wrapped.extra,
            },
            Shape::Bare(evaluation) => PolicySimulationResult {
                evaluation,
                extra: Map::new(),
            },
        })
    }
}

type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

fn policy_path(id: &str) -> String {
    format!("/api/v1/policies/{}", segment(id))
}

fn rule_path(policy_id: &str, rule_id: &str) -> String {
    format!("{}/rules/{}", policy_path(policy_id), segment(rule_id))
}

fn mapping_path(policy_id: &str, mapping_id: &str) -> String {
    format!(
        "{}/mappings/{}",
        policy_path(policy_id),
        segment(mapping_id)
    )
}

fn flag(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// The policy endpoints, from [`Okta::policies`](crate::Okta::policies).
#[derive(Debug, Clone, Copy)]
pub struct Policies<'a> {
    client: &'a Client,
}

impl<'a> Policies<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Policies { client }
    }

    /// Lists the policies of one type (`GET /api/v1/policies?type=`): set the rest of the
    /// query on the builder, then [`stream`](ListPolicies::stream) every policy or fetch one
    /// [`page`](ListPolicies::page).
    ///
    /// ```no_run
    /// # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
    /// use futures_util::TryStreamExt;
    /// use okta_mgmt::{LifecycleStatus, Policy, PolicyType};
    ///
    /// let mut policies = okta.policies().list(PolicyType::Password).status(LifecycleStatus::Active).stream();
    /// while let Some(policy) = policies.try_next().await? {
    ///     if let Policy::Password(password) = policy {
    ///         println!("{}: {:?}", password.name, password.settings);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "listPolicies")]
    pub fn list(&self, type_: impl Into<PolicyType>) -> ListPolicies<'a> {
        ListPolicies {
            client: self.client,
            query: vec![("type", type_.into().as_str().to_owned())],
        }
    }

    /// Starts creating a policy (`POST /api/v1/policies`); Okta activates it unless
    /// [`activate(false)`](CreatePolicy::activate) is set.
    #[doc(alias = "createPolicy")]
    pub fn create(&self, policy: impl Into<Policy>) -> CreatePolicy<'a> {
        CreatePolicy {
            client: self.client,
            policy: policy.into(),
            activate: None,
        }
    }

    /// Starts a simulation of which policies and rules a sign-in would meet
    /// (`POST /api/v1/policies/simulate`).
    #[doc(alias = "createPolicySimulation")]
    pub fn simulate(&self, simulation: PolicySimulation) -> SimulatePolicies<'a> {
        SimulatePolicies {
            client: self.client,
            simulation,
            expand: None,
        }
    }

    /// Fetches a policy (`GET /api/v1/policies/{policyId}`); await it directly, or set
    /// [`expand`](GetPolicy::expand) first.
    #[doc(alias = "getPolicy")]
    pub fn get(&self, policy_id: &str) -> GetPolicy<'a> {
        GetPolicy {
            client: self.client,
            path: policy_path(policy_id),
            expand: None,
        }
    }

    /// Replaces a policy (`PUT /api/v1/policies/{policyId}`) with `policy` as read (and
    /// changed), unknown members included.
    #[doc(alias = "replacePolicy")]
    pub async fn replace(&self, policy_id: &str, policy: &Policy) -> Result<Policy> {
        self.client
            .put(&policy_path(policy_id))
            .json(policy)
            .send()
            .await?
            .json()
    }

    /// Deletes a policy (`DELETE /api/v1/policies/{policyId}`).
    #[doc(alias = "deletePolicy")]
    pub async fn delete(&self, policy_id: &str) -> Result<()> {
        self.client.delete(&policy_path(policy_id)).send().await?;
        Ok(())
    }

    /// Streams the apps mapped to a policy (`GET /api/v1/policies/{policyId}/app`). Okta
    /// deprecates this operation in favour of [`mappings`](Self::mappings).
    #[doc(alias = "listPolicyApps")]
    pub fn apps(&self, policy_id: &str) -> PageStream<crate::Application> {
        self.client
            .get(&format!("{}/app", policy_path(policy_id)))
            .stream()
    }

    /// Makes a copy of a policy, rules included (`POST /api/v1/policies/{policyId}/clone`).
    #[doc(alias = "clonePolicy")]
    pub async fn clone_policy(&self, policy_id: &str) -> Result<Policy> {
        self.client
            .post(&format!("{}/clone", policy_path(policy_id)))
            .send()
            .await?
            .json()
    }

    /// Activates a policy (`POST /api/v1/policies/{policyId}/lifecycle/activate`).
    #[doc(alias = "activatePolicy")]
    pub async fn activate(&self, policy_id: &str) -> Result<()> {
        self.client
            .post(&format!("{}/lifecycle/activate", policy_path(policy_id)))
            .send()
            .await?;
        Ok(())
    }

    /// Deactivates a policy (`POST /api/v1/policies/{policyId}/lifecycle/deactivate`).
    #[doc(alias = "deactivatePolicy")]
    pub async fn deactivate(&self, policy_id: &str) -> Result<()> {
        self.client
            .post(&format!("{}/lifecycle/deactivate", policy_path(policy_id)))
            .send()
            .await?;
        Ok(())
    }

    /// Streams the resources mapped to a policy (`GET /api/v1/policies/{policyId}/mappings`).
    #[doc(alias = "listPolicyMappings")]
    pub fn mappings(&self, policy_id: &str) -> PageStream<PolicyMapping> {
        self.client
            .get(&format!("{}/mappings", policy_path(policy_id)))
            .stream()
    }

    /// Maps a resource to a policy (`POST /api/v1/policies/{policyId}/mappings`).
    #[doc(alias = "mapResourceToPolicy")]
    pub async fn map_resource(
        &self,
        policy_id: &str,
        request: &PolicyMappingRequest,
    ) -> Result<PolicyMapping> {
        self.client
            .post(&format!("{}/mappings", policy_path(policy_id)))
            .json(request)
            .send()
            .await?
            .json()
    }

    /// Fetches one mapping of a policy
    /// (`GET /api/v1/policies/{policyId}/mappings/{mappingId}`).
    #[doc(alias = "getPolicyMapping")]
    pub async fn get_mapping(&self, policy_id: &str, mapping_id: &str) -> Result<PolicyMapping> {
        self.client
            .get(&mapping_path(policy_id, mapping_id))
            .send()
            .await?
            .json()
    }

    /// Removes a mapping from a policy
    /// (`DELETE /api/v1/policies/{policyId}/mappings/{mappingId}`).
    #[doc(alias = "deletePolicyResourceMapping")]
    pub async fn delete_mapping(&self, policy_id: &str, mapping_id: &str) -> Result<()> {
        self.client
            .delete(&mapping_path(policy_id, mapping_id))
            .send()
            .await?;
        Ok(())
    }

    /// Lists the rules of a policy (`GET /api/v1/policies/{policyId}/rules`); only
    /// [`limit`](crate::List::limit) applies to this query.
    #[doc(alias = "listPolicyRules")]
    pub fn rules(&self, policy_id: &str) -> ListPolicyRules<'a> {
        crate::list::List::new(self.client, format!("{}/rules", policy_path(policy_id)))
    }

    /// Starts creating a rule in a policy (`POST /api/v1/policies/{policyId}/rules`); Okta
    /// activates it unless [`activate(false)`](CreatePolicyRule::activate) is set.
    #[doc(alias = "createPolicyRule")]
    pub fn create_rule(
        &self,
        policy_id: &str,
        rule: impl Into<PolicyRule>,
    ) -> CreatePolicyRule<'a> {
        CreatePolicyRule {
            client: self.client,
            path: format!("{}/rules", policy_path(policy_id)),
            rule: rule.into(),
            activate: None,
        }
    }

    /// Fetches a rule (`GET /api/v1/policies/{policyId}/rules/{ruleId}`).
    #[doc(alias = "getPolicyRule")]
    pub async fn get_rule(&self, policy_id: &str, rule_id: &str) -> Result<PolicyRule> {
        self.client
            .get(&rule_path(policy_id, rule_id))
            .send()
            .await?
            .json()
    }

    /// Replaces a rule (`PUT /api/v1/policies/{policyId}/rules/{ruleId}`) with `rule` as read
    /// (and changed), unknown members included.
    #[doc(alias = "replacePolicyRule")]
    pub async fn replace_rule(
        &self,
        policy_id: &str,
        rule_id: &str,
        rule: &PolicyRule,
    ) -> Result<PolicyRule> {
        self.client
            .put(&rule_path(policy_id, rule_id))
            .json(rule)
            .send()
            .await?
            .json()
    }

    /// Deletes a rule (`DELETE /api/v1/policies/{policyId}/rules/{ruleId}`).
    #[doc(alias = "deletePolicyRule")]
    pub async fn delete_rule(&self, policy_id: &str, rule_id: &str) -> Result<()> {
        self.client
            .delete(&rule_path(policy_id, rule_id))
            .send()
            .await?;
        Ok(())
    }

    /// Activates a rule
    /// (`POST /api/v1/policies/{policyId}/rules/{ruleId}/lifecycle/activate`).
    #[doc(alias = "activatePolicyRule")]
    pub async fn activate_rule(&self, policy_id: &str, rule_id: &str) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/activate",
                rule_path(policy_id, rule_id)
            ))
            .send()
            .await?;
        Ok(())
    }

    /// Deactivates a rule
    /// (`POST /api/v1/policies/{policyId}/rules/{ruleId}/lifecycle/deactivate`).
    #[doc(alias = "deactivatePolicyRule")]
    pub async fn deactivate_rule(&self, policy_id: &str, rule_id: &str) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/deactivate",
                rule_path(policy_id, rule_id)
            ))
            .send()
            .await?;
        Ok(())
    }
}

/// The query of [`Policies::rules`].
pub type ListPolicyRules<'a> = crate::list::List<'a, PolicyRule>;

/// The query of [`Policies::list`]: the policy type plus `status`, `q`, `expand`, `sortBy`,
/// `limit`, `resourceId` and `after`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until streamed or paged"]
pub struct ListPolicies<'a> {
    client: &'a Client,
    query: Vec<(&'static str, String)>,
}

impl ListPolicies<'_> {
    fn set(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.retain(|(key, _)| *key != name);
        self.query.push((name, value.into()));
        self
    }

    /// `status`: only policies with this status.
    pub fn status(self, status: LifecycleStatus) -> Self {
        self.set("status", status.as_str())
    }

    /// `q`: policies whose name contains this text.
    pub fn q(self, q: impl Into<String>) -> Self {
        self.set("q", q)
    }

    /// `expand`: embeds related resources, such as `rules`.
    pub fn expand(self, expand: impl Into<String>) -> Self {
        self.set("expand", expand)
    }

    /// `sortBy`: the property to sort by, such as `created`.
    pub fn sort_by(self, property: impl Into<String>) -> Self {
        self.set("sortBy", property)
    }

    /// `limit`: policies per page.
    pub fn limit(self, limit: u32) -> Self {
        self.set("limit", limit.to_string())
    }

    /// `resourceId`: only the policies mapped to this resource (such as an app).
    pub fn resource_id(self, id: impl Into<String>) -> Self {
        self.set("resourceId", id)
    }

    /// `after`: the cursor to start after (from a `next` link). Streams follow `next` links
    /// themselves.
    pub fn after(self, cursor: impl Into<String>) -> Self {
        self.set("after", cursor)
    }

    /// The raw request, to add a parameter this builder does not have.
    pub fn into_request(self) -> RequestBuilder {
        let mut request = self.client.get("/api/v1/policies");
        for (name, value) in &self.query {
            request = request.query(name, value);
        }
        request
    }

    /// Streams every matching policy, fetching pages lazily by following `next` links.
    pub fn stream(self) -> PageStream<Policy> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<Policy>> {
        self.into_request().page().await
    }
}

/// The request of [`Policies::get`]: await it, or set [`expand`](GetPolicy::expand) first.
#[derive(Debug)]
#[must_use = "a policy is fetched only when awaited or sent"]
pub struct GetPolicy<'a> {
    client: &'a Client,
    path: String,
    expand: Option<String>,
}

impl<'a> GetPolicy<'a> {
    /// `expand`: embeds related resources, such as `rules`.
    pub fn expand(mut self, expand: impl Into<String>) -> Self {
        self.expand = Some(expand.into());
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<Policy> {
        let mut request = self.client.get(&self.path);
        if let Some(expand) = &self.expand {
            request = request.query("expand", expand);
        }
        request.send().await?.json()
    }
}

impl<'a> IntoFuture for GetPolicy<'a> {
    type Output = Result<Policy>;
    type IntoFuture = Pending<'a, Policy>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The request of [`Policies::create`].
#[derive(Debug)]
#[must_use = "a policy is created only when sent"]
pub struct CreatePolicy<'a> {
    client: &'a Client,
    policy: Policy,
    activate: Option<bool>,
}

impl<'a> CreatePolicy<'a> {
    /// `activate`: whether the new policy is active (Okta's default `true`).
    pub fn activate(mut self, activate: bool) -> Self {
        self.activate = Some(activate);
        self
    }

    /// Sends the request and returns the new policy.
    pub async fn send(self) -> Result<Policy> {
        let mut request = self.client.post("/api/v1/policies");
        if let Some(activate) = self.activate {
            request = request.query("activate", flag(activate));
        }
        request.json(&self.policy).send().await?.json()
    }
}

impl<'a> IntoFuture for CreatePolicy<'a> {
    type Output = Result<Policy>;
    type IntoFuture = Pending<'a, Policy>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The request of [`Policies::create_rule`].
#[derive(Debug)]
#[must_use = "a rule is created only when sent"]
pub struct CreatePolicyRule<'a> {
    client: &'a Client,
    path: String,
    rule: PolicyRule,
    activate: Option<bool>,
}

impl<'a> CreatePolicyRule<'a> {
    /// `activate`: whether the new rule is active (Okta's default `true`).
    pub fn activate(mut self, activate: bool) -> Self {
        self.activate = Some(activate);
        self
    }

    /// Sends the request and returns the new rule.
    pub async fn send(self) -> Result<PolicyRule> {
        let mut request = self.client.post(&self.path);
        if let Some(activate) = self.activate {
            request = request.query("activate", flag(activate));
        }
        request.json(&self.rule).send().await?.json()
    }
}

impl<'a> IntoFuture for CreatePolicyRule<'a> {
    type Output = Result<PolicyRule>;
    type IntoFuture = Pending<'a, PolicyRule>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The request of [`Policies::simulate`].
#[derive(Debug)]
#[must_use = "a simulation runs only when sent"]
pub struct SimulatePolicies<'a> {
    client: &'a Client,
    simulation: PolicySimulation,
    expand: Option<String>,
}

impl<'a> SimulatePolicies<'a> {
    /// `expand`: `EVALUATED` adds the policies evaluated before the deciding one, `RULE` the
    /// rules (comma-separated for both).
    pub fn expand(mut self, expand: impl Into<String>) -> Self {
        self.expand = Some(expand.into());
        self
    }

    /// Sends the request and returns the evaluations.
    pub async fn send(self) -> Result<PolicySimulationResult> {
        let mut request = self.client.post("/api/v1/policies/simulate");
        if let Some(expand) = &self.expand {
            request = request.query("expand", expand);
        }
        request.json(&self.simulation).send().await?.json()
    }
}

impl<'a> IntoFuture for SimulatePolicies<'a> {
    type Output = Result<PolicySimulationResult>;
    type IntoFuture = Pending<'a, PolicySimulationResult>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn round_trip<T: Serialize + serde::de::DeserializeOwned>(input: &Value) -> T {
        let decoded: T = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(
            &serde_json::to_value(&decoded).unwrap(),
            input,
            "no member lost"
        );
        decoded
    }

    fn password_policy() -> Value {
        json!({
            "id": "00p1pwd",
            "status": "ACTIVE",
            "name": "Default Policy",
            "description": "The default password policy",
            "priority": 2,
            "system": true,
            "type": "PASSWORD",
            "created": "2024-03-01T10:00:00.000Z",
            "lastUpdated": "2024-03-02T10:00:00.000Z",
            "conditions": {
                "people": {"groups": {"include": ["00g1every"]}},
                "authProvider": {"provider": "OKTA"}
            },
            "settings": {
                "password": {
                    "complexity": {
                        "minLength": 12, "minLowerCase": 1, "minUpperCase": 1, "minNumber": 1,
                        "minSymbol": 0, "excludeUsername": true,
                        "dictionary": {"common": {"exclude": true}}
                    },
                    "age": {"maxAgeDays": 90, "expireWarnDays": 7, "minAgeMinutes": 60, "historyCount": 4},
                    "lockout": {"maxAttempts": 5, "autoUnlockMinutes": 30, "showLockoutFailures": false,
                                "userLockoutNotificationChannels": ["EMAIL"]},
                    "breachedProtection": {"expireAfterDays": 1}
                },
                "recovery": {"factors": {"okta_email": {"status": "ACTIVE"}}},
                "delegation": {"options": {"skipUnlock": false}}
            },
            "_links": {"self": {"href": "https://example.okta.com/api/v1/policies/00p1pwd"}}
        })
    }

    #[test]
    fn password_policy_decodes_typed_and_writes_back_every_member() {
        let policy: Policy = round_trip(&password_policy());
        let Policy::Password(password) = &policy else {
            panic!("expected a password policy, got {policy:?}");
        };
        assert_eq!(policy.kind(), PolicyType::Password);
        assert_eq!(policy.id(), Some("00p1pwd"));
        assert_eq!(password.status, Some(LifecycleStatus::Active));
        let settings = password
            .settings
            .as_ref()
            .unwrap()
            .password
            .as_ref()
            .unwrap();
        assert_eq!(settings.complexity.as_ref().unwrap().min_length, Some(12));
        assert!(settings
            .complexity
            .as_ref()
            .unwrap()
            .extra
            .contains_key("dictionary"));
        assert_eq!(settings.lockout.as_ref().unwrap().max_attempts, Some(5));
        assert!(settings.extra.contains_key("breachedProtection"));
        let conditions = password.conditions.value().unwrap();
        assert_eq!(
            conditions
                .auth_provider
                .as_ref()
                .unwrap()
                .provider
                .as_deref(),
            Some("OKTA")
        );
    }

    #[test]
    fn null_conditions_stay_null_and_absent_conditions_stay_absent() {
        let with_null = json!({"id": "rst1", "name": "Any two factors", "type": "ACCESS_POLICY", "conditions": null});
        let policy: Policy = round_trip(&with_null);
        assert!(matches!(&policy, Policy::Access(access) if access.conditions.is_null()));
        let without = json!({"id": "rst1", "name": "Any two factors", "type": "ACCESS_POLICY"});
        let policy: Policy = round_trip(&without);
        assert!(matches!(&policy, Policy::Access(access) if access.conditions.is_unchanged()));
    }

    #[test]
    fn unknown_policy_type_is_kept_whole_and_round_trips_exactly() {
        let input = json!({
            "id": "00p1new",
            "name": "Future policy",
            "type": "QUANTUM_SIGN_ON",
            "status": "ACTIVE",
            "conditions": {"quantum": {"entangled": true}},
            "settings": {"qubits": 3},
            "futureMember": [1, 2, 3]
        });
        let policy: Policy = round_trip(&input);
        assert_eq!(policy.kind(), PolicyType::Unknown("QUANTUM_SIGN_ON".into()));
        let Policy::Other(other) = &policy else {
            panic!("expected Other")
        };
        assert_eq!(other.name.as_deref(), Some("Future policy"));
        assert_eq!(other.extra["settings"]["qubits"], 3);
    }

    #[test]
    fn known_type_that_does_not_fit_its_struct_falls_back_to_generic() {
        // A password policy whose priority is not a number: the typed struct rejects it, the
        // record is kept whole instead of failing the page.
        let input = json!({"id": "00p1odd", "name": "Odd", "type": "PASSWORD", "priority": "high"});
        let policy: Policy = round_trip(&input);
        assert!(
            matches!(&policy, Policy::Other(other) if other.type_ == Some(PolicyType::Password))
        );
        assert_eq!(policy.kind(), PolicyType::Password);
        // Even a record whose common members have the wrong shape is kept.
        let input = json!({"id": 42, "name": ["odd"], "type": "PASSWORD"});
        let policy: Policy = round_trip(&input);
        assert_eq!(policy.kind(), PolicyType::Password);
        assert_eq!(policy.id(), None);
        // And a record without a type.
        let input = json!({"id": "00p1", "name": "No type"});
        let policy: Policy = round_trip(&input);
        assert_eq!(policy.kind(), PolicyType::Unknown(String::new()));
    }

    #[test]
    fn a_page_with_an_odd_policy_still_decodes() {
        let page = json!([
            password_policy(),
            {"id": "00p2", "name": "Sign on", "type": "OKTA_SIGN_ON", "conditions": {"people": {"groups": {"include": ["00g1"]}}}},
            {"id": "00p3", "name": "Broken", "type": "OKTA_SIGN_ON", "system": "yes"},
            {"id": "00p4", "name": "New", "type": "SOMETHING_NEW"}
        ]);
        let policies: Vec<Policy> = serde_json::from_value(page.clone()).unwrap();
        assert!(matches!(policies[0], Policy::Password(_)));
        assert!(matches!(policies[1], Policy::OktaSignOn(_)));
        assert!(matches!(policies[2], Policy::Other(_)));
        assert!(matches!(policies[3], Policy::Other(_)));
        assert_eq!(serde_json::to_value(&policies).unwrap(), page);
    }

    #[test]
    fn unknown_enum_values_and_members_inside_typed_policies_are_kept() {
        let input = json!({
            "id": "00p1mfa",
            "name": "MFA",
            "type": "MFA_ENROLL",
            "status": "PAUSED",
            "conditions": {"people": {"groups": {"include": ["00g1"]}}, "network": {"connection": "SATELLITE"}},
            "settings": {
                "type": "AUTHENTICATORS",
                "authenticators": [
                    {"key": "okta_verify", "enroll": {"self": "REQUIRED"}},
                    {"key": "phone_number", "enroll": {"self": "NOT_ALLOWED"}, "constraints": {"x": 1}}
                ]
            },
            "newTopLevel": {"a": "b"}
        });
        let policy: Policy = round_trip(&input);
        let Policy::MfaEnroll(mfa) = &policy else {
            panic!("expected MFA_ENROLL, got {policy:?}")
        };
        assert_eq!(mfa.status, Some(LifecycleStatus::Unknown("PAUSED".into())));
        let network = mfa.conditions.value().unwrap().network.as_ref().unwrap();
        assert_eq!(
            network.connection,
            Some(NetworkConnection::Unknown("SATELLITE".into()))
        );
        assert_eq!(mfa.extra["newTopLevel"]["a"], "b");
        let authenticators = mfa
            .settings
            .as_ref()
            .unwrap()
            .authenticators
            .as_ref()
            .unwrap();
        assert_eq!(authenticators[0].key.as_deref(), Some("okta_verify"));
        assert!(authenticators[1].extra.contains_key("constraints"));
    }

    #[test]
    fn rules_decode_by_type_and_round_trip() {
        let sign_on = json!({
            "id": "0pr1", "name": "Require MFA", "type": "SIGN_ON", "priority": 1, "status": "ACTIVE",
            "system": false,
            "conditions": {
                "people": {"users": {"exclude": ["00u1"]}},
                "network": {"connection": "ZONE", "include": ["nzo1"]},
                "authContext": {"authType": "ANY"}
            },
            "actions": {"signon": {
                "access": "ALLOW", "requireFactor": true, "factorPromptMode": "SESSION",
                "rememberDeviceByDefault": false, "factorLifetime": 15,
                "primaryFactor": "PASSWORD_IDP_ANY_FACTOR",
                "session": {"usePersistentCookie": false, "maxSessionIdleMinutes": 120, "maxSessionLifetimeMinutes": 0}
            }}
        });
        let rule: PolicyRule = round_trip(&sign_on);
        let PolicyRule::SignOn(sign_on_rule) = &rule else {
            panic!("expected SIGN_ON, got {rule:?}")
        };
        let signon = sign_on_rule
            .actions
            .as_ref()
            .unwrap()
            .signon
            .as_ref()
            .unwrap();
        assert_eq!(signon.access, Some(RuleAccess::Allow));
        assert_eq!(
            signon.session.as_ref().unwrap().max_session_idle_minutes,
            Some(120)
        );
        assert!(sign_on_rule
            .conditions
            .value()
            .unwrap()
            .extra
            .contains_key("authContext"));

        let password = json!({
            "id": "0pr2", "name": "Default Rule", "type": "PASSWORD",
            "conditions": {"people": {"users": {"exclude": []}}, "network": {"connection": "ANYWHERE"}},
            "actions": {
                "passwordChange": {"access": "ALLOW"},
                "selfServicePasswordReset": {"access": "ALLOW", "requirement": {"primary": {"methods": ["email"]}}},
                "selfServiceUnlock": {"access": "DENY"}
            }
        });
        let rule: PolicyRule = round_trip(&password);
        assert!(matches!(rule, PolicyRule::Password(_)));

        let access = json!({
            "id": "rul1", "name": "Catch-all Rule", "type": "ACCESS_POLICY", "conditions": null,
            "actions": {"appSignOn": {"access": "ALLOW", "verificationMethod": {"type": "ASSURANCE", "factorMode": "2FA", "constraints": []}}}
        });
        let rule: PolicyRule = round_trip(&access);
        assert_eq!(rule.kind(), PolicyRuleType::AccessPolicy);

        let future =
            json!({"id": "rul9", "name": "Later", "type": "TELEPATHY", "actions": {"think": true}});
        let rule: PolicyRule = round_trip(&future);
        assert!(
            matches!(&rule, PolicyRule::Other(other) if other.extra["actions"]["think"] == true)
        );
        assert_eq!(rule.kind(), PolicyRuleType::Unknown("TELEPATHY".into()));
    }

    #[test]
    fn a_new_policy_sends_only_what_was_set() {
        let policy = Policy::from(
            OktaSignOnPolicy::new("Contractors")
                .description("Sign-on for contractors")
                .conditions(PolicyConditions::groups(["00g1"])),
        );
        assert_eq!(
            serde_json::to_value(&policy).unwrap(),
            json!({
                "type": "OKTA_SIGN_ON",
                "name": "Contractors",
                "description": "Sign-on for contractors",
                "conditions": {"people": {"groups": {"include": ["00g1"]}}}
            })
        );
    }

    #[test]
    fn simulation_result_accepts_the_wrapped_and_the_bare_shape() {
        let evaluation = json!({
            "status": null, "policyType": "OKTA_SIGN_ON",
            "result": {"policies": [{"id": "00p1", "name": "Default", "status": "MATCH", "conditions": [],
                "rules": [{"id": "0pr1", "name": "Rule", "status": "MATCH",
                           "conditions": [{"type": "people.groups.include", "status": "MATCH"}]}]}]},
            "undefined": {"policies": []}, "evaluated": {"policies": []}
        });
        let wrapped: PolicySimulationResult =
            serde_json::from_value(json!({"evaluation": [evaluation]})).unwrap();
        let bare: PolicySimulationResult = serde_json::from_value(json!([evaluation])).unwrap();
        assert_eq!(wrapped, bare);
        let policy = &wrapped.evaluation[0].result.as_ref().unwrap().policies[0];
        assert_eq!(policy.status, Some(SimulationStatus::Match));
        let rule = &policy.rules.as_ref().unwrap()[0];
        assert_eq!(
            rule.conditions.as_ref().unwrap()[0].type_.as_deref(),
            Some("people.groups.include")
        );
    }
}
