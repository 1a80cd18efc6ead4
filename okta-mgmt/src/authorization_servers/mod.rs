//! Custom authorization servers: the [`AuthorizationServer`] model and the
//! [`AuthorizationServers`] endpoints (`/api/v1/authorizationServers`), with their scopes,
//! claims, policies, policy rules and signing keys.
//!
//! The sub-areas hang off [`AuthorizationServers`]: [`scopes`](AuthorizationServers::scopes),
//! [`claims`](AuthorizationServers::claims), [`policies`](AuthorizationServers::policies),
//! [`rules`](AuthorizationServers::rules) and [`keys`](AuthorizationServers::keys). Their
//! methods take the ids of the parents first.
//!
//! ```no_run
//! # async fn run(okta: okta_mgmt::Okta) -> Result<(), okta_mgmt::core::Error> {
//! use okta_mgmt::{AuthorizationServer, OAuth2Scope};
//!
//! let servers = okta.authorization_servers();
//! let server = servers.create(&AuthorizationServer::new("Orders API", ["api://orders"])).await?;
//! let id = server.id.as_deref().unwrap_or_default();
//! servers.scopes().create(id, &OAuth2Scope::new("orders:read")).await?;
//! # Ok(()) }
//! ```

use okta_core::{Client, PageStream, Result};

use crate::model::segment;

mod model;

pub use model::{
    AuthorizationServer, AuthorizationServerCredentials, AuthorizationServerKey,
    AuthorizationServerPolicy, AuthorizationServerPolicyConditions, AuthorizationServerPolicyRule,
    AuthorizationServerRuleActions, AuthorizationServerRuleConditions, ClaimConditions, ClaimType,
    ClaimValueType, GroupFilterType, IssuerMode, KeyRotation, KeyRotationMode, KeyStatus, KeyUse,
    OAuth2Claim, OAuth2Scope, ScopeConsent, ScopeMetadataPublish, SigningCredentials, TokenActions,
};

fn server_path(id: &str) -> String {
    format!("/api/v1/authorizationServers/{}", segment(id))
}

fn child_path(server_id: &str, collection: &str, id: &str) -> String {
    format!("{}/{collection}/{}", server_path(server_id), segment(id))
}

fn policy_path(server_id: &str, policy_id: &str) -> String {
    child_path(server_id, "policies", policy_id)
}

fn rule_path(server_id: &str, policy_id: &str, rule_id: &str) -> String {
    format!(
        "{}/rules/{}",
        policy_path(server_id, policy_id),
        segment(rule_id)
    )
}

/// The custom authorization server endpoints, from
/// [`Okta::authorization_servers`](crate::Okta::authorization_servers).
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationServers<'a> {
    client: &'a Client,
}

impl<'a> AuthorizationServers<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        AuthorizationServers { client }
    }

    /// The scopes of authorization servers.
    pub fn scopes(&self) -> AuthorizationServerScopes<'a> {
        AuthorizationServerScopes {
            client: self.client,
        }
    }

    /// The custom claims of authorization servers.
    pub fn claims(&self) -> AuthorizationServerClaims<'a> {
        AuthorizationServerClaims {
            client: self.client,
        }
    }

    /// The policies of authorization servers.
    pub fn policies(&self) -> AuthorizationServerPolicies<'a> {
        AuthorizationServerPolicies {
            client: self.client,
        }
    }

    /// The rules of authorization server policies.
    pub fn rules(&self) -> AuthorizationServerRules<'a> {
        AuthorizationServerRules {
            client: self.client,
        }
    }

    /// The signing keys of authorization servers.
    pub fn keys(&self) -> AuthorizationServerKeys<'a> {
        AuthorizationServerKeys {
            client: self.client,
        }
    }

    /// Lists the authorization servers (`GET /api/v1/authorizationServers`); `q` (name
    /// prefix), `limit` and `after` apply.
    #[doc(alias = "listAuthorizationServers")]
    pub fn list(&self) -> ListAuthorizationServers<'a> {
        crate::list::List::new(self.client, "/api/v1/authorizationServers")
    }

    /// Creates an authorization server (`POST /api/v1/authorizationServers`).
    #[doc(alias = "createAuthorizationServer")]
    pub async fn create(&self, server: &AuthorizationServer) -> Result<AuthorizationServer> {
        self.client
            .post("/api/v1/authorizationServers")
            .json(server)
            .send()
            .await?
            .json()
    }

    /// Fetches an authorization server (`GET /api/v1/authorizationServers/{authServerId}`).
    #[doc(alias = "getAuthorizationServer")]
    pub async fn get(&self, auth_server_id: &str) -> Result<AuthorizationServer> {
        self.client
            .get(&server_path(auth_server_id))
            .send()
            .await?
            .json()
    }

    /// Replaces an authorization server (`PUT /api/v1/authorizationServers/{authServerId}`).
    #[doc(alias = "replaceAuthorizationServer")]
    pub async fn replace(
        &self,
        auth_server_id: &str,
        server: &AuthorizationServer,
    ) -> Result<AuthorizationServer> {
        self.client
            .put(&server_path(auth_server_id))
            .json(server)
            .send()
            .await?
            .json()
    }

    /// Deletes an authorization server
    /// (`DELETE /api/v1/authorizationServers/{authServerId}`).
    #[doc(alias = "deleteAuthorizationServer")]
    pub async fn delete(&self, auth_server_id: &str) -> Result<()> {
        self.client
            .delete(&server_path(auth_server_id))
            .send()
            .await?;
        Ok(())
    }

    /// Activates an authorization server
    /// (`POST /api/v1/authorizationServers/{authServerId}/lifecycle/activate`).
    #[doc(alias = "activateAuthorizationServer")]
    pub async fn activate(&self, auth_server_id: &str) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/activate",
                server_path(auth_server_id)
            ))
            .send()
            .await?;
        Ok(())
    }

    /// Deactivates an authorization server
    /// (`POST /api/v1/authorizationServers/{authServerId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateAuthorizationServer")]
    pub async fn deactivate(&self, auth_server_id: &str) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/deactivate",
                server_path(auth_server_id)
            ))
            .send()
            .await?;
        Ok(())
    }
}

/// The query of [`AuthorizationServers::list`].
pub type ListAuthorizationServers<'a> = crate::list::List<'a, AuthorizationServer>;

/// The query of [`AuthorizationServerScopes::list`].
pub type ListOAuth2Scopes<'a> = crate::list::List<'a, OAuth2Scope>;

/// The scope endpoints, from [`AuthorizationServers::scopes`].
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationServerScopes<'a> {
    client: &'a Client,
}

impl<'a> AuthorizationServerScopes<'a> {
    /// Lists the scopes of an authorization server
    /// (`GET /api/v1/authorizationServers/{authServerId}/scopes`); `q`, `filter`, `limit` and
    /// `after` apply.
    #[doc(alias = "listOAuth2Scopes")]
    pub fn list(&self, auth_server_id: &str) -> ListOAuth2Scopes<'a> {
        crate::list::List::new(
            self.client,
            format!("{}/scopes", server_path(auth_server_id)),
        )
    }

    /// Creates a scope (`POST /api/v1/authorizationServers/{authServerId}/scopes`).
    #[doc(alias = "createOAuth2Scope")]
    pub async fn create(&self, auth_server_id: &str, scope: &OAuth2Scope) -> Result<OAuth2Scope> {
        self.client
            .post(&format!("{}/scopes", server_path(auth_server_id)))
            .json(scope)
            .send()
            .await?
            .json()
    }

    /// Fetches a scope
    /// (`GET /api/v1/authorizationServers/{authServerId}/scopes/{scopeId}`).
    #[doc(alias = "getOAuth2Scope")]
    pub async fn get(&self, auth_server_id: &str, scope_id: &str) -> Result<OAuth2Scope> {
        self.client
            .get(&child_path(auth_server_id, "scopes", scope_id))
            .send()
            .await?
            .json()
    }

    /// Replaces a scope
    /// (`PUT /api/v1/authorizationServers/{authServerId}/scopes/{scopeId}`).
    #[doc(alias = "replaceOAuth2Scope")]
    pub async fn replace(
        &self,
        auth_server_id: &str,
        scope_id: &str,
        scope: &OAuth2Scope,
    ) -> Result<OAuth2Scope> {
        self.client
            .put(&child_path(auth_server_id, "scopes", scope_id))
            .json(scope)
            .send()
            .await?
            .json()
    }

    /// Deletes a scope
    /// (`DELETE /api/v1/authorizationServers/{authServerId}/scopes/{scopeId}`).
    #[doc(alias = "deleteOAuth2Scope")]
    pub async fn delete(&self, auth_server_id: &str, scope_id: &str) -> Result<()> {
        self.client
            .delete(&child_path(auth_server_id, "scopes", scope_id))
            .send()
            .await?;
        Ok(())
    }
}

/// The custom claim endpoints, from [`AuthorizationServers::claims`].
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationServerClaims<'a> {
    client: &'a Client,
}

impl<'a> AuthorizationServerClaims<'a> {
    /// Streams the custom claims of an authorization server
    /// (`GET /api/v1/authorizationServers/{authServerId}/claims`).
    #[doc(alias = "listOAuth2Claims")]
    pub fn list(&self, auth_server_id: &str) -> PageStream<OAuth2Claim> {
        self.client
            .get(&format!("{}/claims", server_path(auth_server_id)))
            .stream()
    }

    /// Creates a custom claim (`POST /api/v1/authorizationServers/{authServerId}/claims`).
    #[doc(alias = "createOAuth2Claim")]
    pub async fn create(&self, auth_server_id: &str, claim: &OAuth2Claim) -> Result<OAuth2Claim> {
        self.client
            .post(&format!("{}/claims", server_path(auth_server_id)))
            .json(claim)
            .send()
            .await?
            .json()
    }

    /// Fetches a custom claim
    /// (`GET /api/v1/authorizationServers/{authServerId}/claims/{claimId}`).
    #[doc(alias = "getOAuth2Claim")]
    pub async fn get(&self, auth_server_id: &str, claim_id: &str) -> Result<OAuth2Claim> {
        self.client
            .get(&child_path(auth_server_id, "claims", claim_id))
            .send()
            .await?
            .json()
    }

    /// Replaces a custom claim
    /// (`PUT /api/v1/authorizationServers/{authServerId}/claims/{claimId}`).
    #[doc(alias = "replaceOAuth2Claim")]
    pub async fn replace(
        &self,
        auth_server_id: &str,
        claim_id: &str,
        claim: &OAuth2Claim,
    ) -> Result<OAuth2Claim> {
        self.client
            .put(&child_path(auth_server_id, "claims", claim_id))
            .json(claim)
            .send()
            .await?
            .json()
    }

    /// Deletes a custom claim
    /// (`DELETE /api/v1/authorizationServers/{authServerId}/claims/{claimId}`).
    #[doc(alias = "deleteOAuth2Claim")]
    pub async fn delete(&self, auth_server_id: &str, claim_id: &str) -> Result<()> {
        self.client
            .delete(&child_path(auth_server_id, "claims", claim_id))
            .send()
            .await?;
        Ok(())
    }
}

/// The authorization server policy endpoints, from [`AuthorizationServers::policies`].
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationServerPolicies<'a> {
    client: &'a Client,
}

impl<'a> AuthorizationServerPolicies<'a> {
    /// Streams the policies of an authorization server
    /// (`GET /api/v1/authorizationServers/{authServerId}/policies`).
    #[doc(alias = "listAuthorizationServerPolicies")]
    pub fn list(&self, auth_server_id: &str) -> PageStream<AuthorizationServerPolicy> {
        self.client
            .get(&format!("{}/policies", server_path(auth_server_id)))
            .stream()
    }

    /// Creates a policy (`POST /api/v1/authorizationServers/{authServerId}/policies`).
    #[doc(alias = "createAuthorizationServerPolicy")]
    pub async fn create(
        &self,
        auth_server_id: &str,
        policy: &AuthorizationServerPolicy,
    ) -> Result<AuthorizationServerPolicy> {
        self.client
            .post(&format!("{}/policies", server_path(auth_server_id)))
            .json(policy)
            .send()
            .await?
            .json()
    }

    /// Fetches a policy
    /// (`GET /api/v1/authorizationServers/{authServerId}/policies/{policyId}`).
    #[doc(alias = "getAuthorizationServerPolicy")]
    pub async fn get(
        &self,
        auth_server_id: &str,
        policy_id: &str,
    ) -> Result<AuthorizationServerPolicy> {
        self.client
            .get(&policy_path(auth_server_id, policy_id))
            .send()
            .await?
            .json()
    }

    /// Replaces a policy
    /// (`PUT /api/v1/authorizationServers/{authServerId}/policies/{policyId}`).
    #[doc(alias = "replaceAuthorizationServerPolicy")]
    pub async fn replace(
        &self,
        auth_server_id: &str,
        policy_id: &str,
        policy: &AuthorizationServerPolicy,
    ) -> Result<AuthorizationServerPolicy> {
        self.client
            .put(&policy_path(auth_server_id, policy_id))
            .json(policy)
            .send()
            .await?
            .json()
    }

    /// Deletes a policy
    /// (`DELETE /api/v1/authorizationServers/{authServerId}/policies/{policyId}`).
    #[doc(alias = "deleteAuthorizationServerPolicy")]
    pub async fn delete(&self, auth_server_id: &str, policy_id: &str) -> Result<()> {
        self.client
            .delete(&policy_path(auth_server_id, policy_id))
            .send()
            .await?;
        Ok(())
    }

    /// Activates a policy
    /// (`POST /api/v1/authorizationServers/{authServerId}/policies/{policyId}/lifecycle/activate`).
    #[doc(alias = "activateAuthorizationServerPolicy")]
    pub async fn activate(&self, auth_server_id: &str, policy_id: &str) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/activate",
                policy_path(auth_server_id, policy_id)
            ))
            .send()
            .await?;
        Ok(())
    }

    /// Deactivates a policy
    /// (`POST /api/v1/authorizationServers/{authServerId}/policies/{policyId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateAuthorizationServerPolicy")]
    pub async fn deactivate(&self, auth_server_id: &str, policy_id: &str) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/deactivate",
                policy_path(auth_server_id, policy_id)
            ))
            .send()
            .await?;
        Ok(())
    }
}

/// The authorization server policy rule endpoints, from [`AuthorizationServers::rules`].
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationServerRules<'a> {
    client: &'a Client,
}

impl<'a> AuthorizationServerRules<'a> {
    /// Streams the rules of a policy
    /// (`GET /api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules`).
    #[doc(alias = "listAuthorizationServerPolicyRules")]
    pub fn list(
        &self,
        auth_server_id: &str,
        policy_id: &str,
    ) -> PageStream<AuthorizationServerPolicyRule> {
        self.client
            .get(&format!("{}/rules", policy_path(auth_server_id, policy_id)))
            .stream()
    }

    /// Creates a rule
    /// (`POST /api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules`).
    #[doc(alias = "createAuthorizationServerPolicyRule")]
    pub async fn create(
        &self,
        auth_server_id: &str,
        policy_id: &str,
        rule: &AuthorizationServerPolicyRule,
    ) -> Result<AuthorizationServerPolicyRule> {
        self.client
            .post(&format!("{}/rules", policy_path(auth_server_id, policy_id)))
            .json(rule)
            .send()
            .await?
            .json()
    }

    /// Fetches a rule
    /// (`GET /api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules/{ruleId}`).
    #[doc(alias = "getAuthorizationServerPolicyRule")]
    pub async fn get(
        &self,
        auth_server_id: &str,
        policy_id: &str,
        rule_id: &str,
    ) -> Result<AuthorizationServerPolicyRule> {
        self.client
            .get(&rule_path(auth_server_id, policy_id, rule_id))
            .send()
            .await?
            .json()
    }

    /// Replaces a rule
    /// (`PUT /api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules/{ruleId}`).
    #[doc(alias = "replaceAuthorizationServerPolicyRule")]
    pub async fn replace(
        &self,
        auth_server_id: &str,
        policy_id: &str,
        rule_id: &str,
        rule: &AuthorizationServerPolicyRule,
    ) -> Result<AuthorizationServerPolicyRule> {
        self.client
            .put(&rule_path(auth_server_id, policy_id, rule_id))
            .json(rule)
            .send()
            .await?
            .json()
    }

    /// Deletes a rule
    /// (`DELETE /api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules/{ruleId}`).
    #[doc(alias = "deleteAuthorizationServerPolicyRule")]
    pub async fn delete(&self, auth_server_id: &str, policy_id: &str, rule_id: &str) -> Result<()> {
        self.client
            .delete(&rule_path(auth_server_id, policy_id, rule_id))
            .send()
            .await?;
        Ok(())
    }

    /// Activates a rule
    /// (`POST /api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules/{ruleId}/lifecycle/activate`).
    #[doc(alias = "activateAuthorizationServerPolicyRule")]
    pub async fn activate(
        &self,
        auth_server_id: &str,
        policy_id: &str,
        rule_id: &str,
    ) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/activate",
                rule_path(auth_server_id, policy_id, rule_id)
            ))
            .send()
            .await?;
        Ok(())
    }

    /// Deactivates a rule
    /// (`POST /api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules/{ruleId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateAuthorizationServerPolicyRule")]
    pub async fn deactivate(
        &self,
        auth_server_id: &str,
        policy_id: &str,
        rule_id: &str,
    ) -> Result<()> {
        self.client
            .post(&format!(
                "{}/lifecycle/deactivate",
                rule_path(auth_server_id, policy_id, rule_id)
            ))
            .send()
            .await?;
        Ok(())
    }
}

/// The signing key endpoints, from [`AuthorizationServers::keys`].
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationServerKeys<'a> {
    client: &'a Client,
}

impl<'a> AuthorizationServerKeys<'a> {
    /// Streams the signing keys of an authorization server (active, next and expired)
    /// (`GET /api/v1/authorizationServers/{authServerId}/credentials/keys`).
    #[doc(alias = "listAuthorizationServerKeys")]
    pub fn list(&self, auth_server_id: &str) -> PageStream<AuthorizationServerKey> {
        self.client
            .get(&format!("{}/credentials/keys", server_path(auth_server_id)))
            .stream()
    }

    /// Fetches one signing key
    /// (`GET /api/v1/authorizationServers/{authServerId}/credentials/keys/{keyId}`).
    #[doc(alias = "getAuthorizationServerKey")]
    pub async fn get(&self, auth_server_id: &str, key_id: &str) -> Result<AuthorizationServerKey> {
        self.client
            .get(&format!(
                "{}/credentials/keys/{}",
                server_path(auth_server_id),
                segment(key_id)
            ))
            .send()
            .await?
            .json()
    }

    /// Rotates the signing keys now and returns the keys afterwards
    /// (`POST /api/v1/authorizationServers/{authServerId}/credentials/lifecycle/keyRotate`).
    /// The `NEXT` key becomes `ACTIVE`; tokens signed with the old key stay verifiable with
    /// it until they expire.
    #[doc(alias = "rotateAuthorizationServerKeys")]
    pub async fn rotate(
        &self,
        auth_server_id: &str,
        rotation: &KeyRotation,
    ) -> Result<Vec<AuthorizationServerKey>> {
        self.client
            .post(&format!(
                "{}/credentials/lifecycle/keyRotate",
                server_path(auth_server_id)
            ))
            .json(rotation)
            .send()
            .await?
            .json()
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::{json, Value};

    use super::*;
    use crate::policies::LifecycleStatus;

    fn round_trip<T: Serialize + DeserializeOwned>(input: &Value) -> T {
        let decoded: T = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(
            &serde_json::to_value(&decoded).unwrap(),
            input,
            "no member lost"
        );
        decoded
    }

    #[test]
    fn authorization_server_round_trips_with_unknown_members_and_values() {
        let input = json!({
            "id": "aus1orders",
            "name": "Orders",
            "description": "Orders API",
            "audiences": ["api://orders"],
            "issuer": "https://example.okta.com/oauth2/aus1orders",
            "issuerMode": "SOMEWHERE_NEW",
            "status": "ACTIVE",
            "created": "2024-01-01T00:00:00.000Z",
            "lastUpdated": "2024-01-02T00:00:00.000Z",
            "default": false,
            "credentials": {"signing": {
                "rotationMode": "AUTO", "lastRotated": "2024-01-01T00:00:00.000Z",
                "nextRotation": "2024-04-01T00:00:00.000Z", "kid": "k1", "use": "sig"
            }},
            "jwks_uri": "https://orders.example.com/jwks",
            "_links": {"scopes": {"href": "https://example.okta.com/api/v1/authorizationServers/aus1orders/scopes"}}
        });
        let server: AuthorizationServer = round_trip(&input);
        assert_eq!(
            server.issuer_mode,
            Some(IssuerMode::Unknown("SOMEWHERE_NEW".into()))
        );
        assert_eq!(server.status, Some(LifecycleStatus::Active));
        assert_eq!(server.extra["default"], false);
        let signing = server.credentials.unwrap().signing.unwrap();
        assert_eq!(signing.rotation_mode, Some(KeyRotationMode::Auto));
        assert_eq!(
            server.jwks_uri.as_deref(),
            Some("https://orders.example.com/jwks")
        );
    }

    #[test]
    fn scope_claim_policy_rule_and_key_round_trip() {
        let scope: OAuth2Scope = round_trip(&json!({
            "id": "scp1", "name": "orders:read", "displayName": "Read orders",
            "consent": "REQUIRED", "default": false, "optional": false, "system": false,
            "metadataPublish": "ALL_CLIENTS", "_links": {"self": {"href": "x"}}
        }));
        assert_eq!(scope.consent, Some(ScopeConsent::Required));

        let claim: OAuth2Claim = round_trip(&json!({
            "id": "ocl1", "name": "groups", "status": "ACTIVE", "claimType": "IDENTITY",
            "valueType": "GROUPS", "value": "Eng", "group_filter_type": "STARTS_WITH",
            "alwaysIncludeInToken": true, "conditions": {"scopes": ["profile"]}, "system": false
        }));
        assert_eq!(claim.group_filter_type, Some(GroupFilterType::StartsWith));

        let policy: AuthorizationServerPolicy = round_trip(&json!({
            "id": "00p1as", "type": "OAUTH_AUTHORIZATION_POLICY", "name": "Default",
            "description": "Default policy", "priority": 1, "status": "ACTIVE", "system": false,
            "conditions": {"clients": {"include": ["ALL_CLIENTS"]}}
        }));
        assert_eq!(
            policy.conditions.unwrap().clients.unwrap().include,
            Some(vec!["ALL_CLIENTS".to_owned()])
        );

        let rule: AuthorizationServerPolicyRule = round_trip(&json!({
            "id": "0pr1as", "type": "RESOURCE_ACCESS", "name": "Everyone", "priority": 1,
            "status": "ACTIVE", "system": false,
            "conditions": {
                "people": {"groups": {"include": ["EVERYONE"]}},
                "grantTypes": {"include": ["authorization_code", "urn:ietf:params:oauth:grant-type:device_code"]},
                "scopes": {"include": ["*"]}
            },
            "actions": {"token": {
                "accessTokenLifetimeMinutes": 60, "refreshTokenLifetimeMinutes": 0,
                "refreshTokenWindowMinutes": 10080, "inlineHook": {"id": "cal1"}
            }}
        }));
        let token = rule.actions.unwrap().token.unwrap();
        assert_eq!(token.access_token_lifetime_minutes, Some(60));

        let key: AuthorizationServerKey = round_trip(&json!({
            "kid": "k1", "kty": "RSA", "alg": "RS256", "use": "sig", "e": "AQAB", "n": "0vx7",
            "status": "RETIRED", "x5c": ["MIIC"]
        }));
        assert_eq!(key.status, Some(KeyStatus::Unknown("RETIRED".into())));
        assert!(key.extra.contains_key("x5c"));
    }

    #[test]
    fn new_models_send_only_what_was_set() {
        let rule = AuthorizationServerPolicyRule::new(
            "Everyone",
            AuthorizationServerRuleConditions::new(["EVERYONE"], ["client_credentials"], ["*"]),
        );
        assert_eq!(
            serde_json::to_value(&rule).unwrap(),
            json!({
                "type": "RESOURCE_ACCESS",
                "name": "Everyone",
                "conditions": {
                    "people": {"groups": {"include": ["EVERYONE"]}},
                    "grantTypes": {"include": ["client_credentials"]},
                    "scopes": {"include": ["*"]}
                }
            })
        );
        assert_eq!(
            serde_json::to_value(KeyRotation::default()).unwrap(),
            json!({"use": "sig"})
        );
    }
}
