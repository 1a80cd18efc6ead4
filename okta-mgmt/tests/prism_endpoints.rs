//! The typed API of the fake org's other areas through Prism: apps with their user and group
//! assignments, the System Log (bounded queries and a tail), network zones, trusted origins,
//! event hooks, group rules and authorization servers with scopes and claims. Every request
//! the SDK sends and every answer it decodes must conform to Okta's OpenAPI description (no
//! `sl-violations`, no `422`/`500`).
//!
//! Raw `Okta::request` calls remain only where the typed API has no words for the check: the
//! `204` of a group rule's activation, and the `next` link of an empty System Log polling
//! page (the typed query ends there).
//!
//! Needs `PRISM_URL` and `PRISM_OKTA_TOKEN` (the test command starts `tools/prism/run.sh`);
//! without them each test prints `skipped: ...` and passes. Lists are narrowed to the test's
//! own records, because tests run at the same time.

mod prism_support;

use std::time::Duration;

use futures_util::TryStreamExt;
use okta_mgmt::apps::{
    AppUser, AppUserUpdate, Application, ApplicationGroupAssignment, ApplicationStatus,
    BookmarkApplication, GrantType, JsonPatchOperation, OidcApplication, OidcApplicationType,
    OidcClientSettings, SamlApplication, SamlSignOn, TokenEndpointAuthMethod,
};
use okta_mgmt::core::http::Method;
use okta_mgmt::core::Error;
use okta_mgmt::network_zones::{DynamicNetworkZone, IpNetworkZone, NetworkZoneAddress};
use okta_mgmt::trusted_origins::TrustedOriginScope;
use okta_mgmt::{
    AuthorizationServer, ClaimType, ClaimValueType, EventHook, EventHookChannel,
    EventHookVerificationStatus, GroupProfile, GroupRule, GroupRuleStatus, HookAuthScheme,
    HookHeader, HookStatus, LogEvent, LogSortOrder, NetworkZone, OAuth2Claim, OAuth2Scope, Okta,
    ScopeConsent, TrustedOrigin, UserProfile,
};
use prism_support::{ok, prism_env, unique, Relay};
use serde_json::{json, Map, Value};

/// The HTTP status of a failed call.
fn status_of(error: &Error) -> Option<u16> {
    error.status().map(|s| s.as_u16())
}

/// Creates an active user with a unique login and returns its id.
async fn user(okta: &Okta, family: &str) -> String {
    let login = format!("{}@example.com", unique(family).to_lowercase());
    let profile = UserProfile::new(login.clone())
        .email(login)
        .first_name("App")
        .last_name(family);
    okta.users().create(profile).send().await.unwrap().id
}

/// Deactivates, then deletes a user.
async fn delete_user(okta: &Okta, id: &str) {
    okta.users().deactivate(id).await.unwrap();
    okta.users().delete(id).await.unwrap();
}

/// The bookmark URL of an app.
fn bookmark_url(app: &Application) -> Option<&str> {
    match app {
        Application::Bookmark(app) => app.settings.as_ref()?.app.as_ref()?.url.as_deref(),
        _ => None,
    }
}

#[tokio::test]
async fn apps_and_their_assignments_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);
    let apps = okta.apps();
    let label = unique("Handbook ");

    // Three sign-on modes.
    let app = apps
        .create(BookmarkApplication::new(
            label.clone(),
            "https://example.com/handbook",
        ))
        .send()
        .await
        .unwrap();
    assert!(matches!(app, Application::Bookmark(_)), "{app:?}");
    let app_id = app.id().unwrap().to_owned();
    assert_eq!(app.status(), Some(&ApplicationStatus::Active));
    assert_eq!(bookmark_url(&app), Some("https://example.com/handbook"));

    let client = OidcClientSettings::new(OidcApplicationType::Web, [GrantType::AuthorizationCode])
        .redirect_uris(["https://portal.example.com/callback"])
        .response_types(["code"]);
    let portal = apps
        .create(
            OidcApplication::new(format!("{label} portal"), client)
                .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretPost),
        )
        .activate(false)
        .send()
        .await
        .unwrap();
    let Application::OpenIdConnect(portal) = portal else {
        panic!("an OIDC app decodes as one: {portal:?}");
    };
    let portal_id = portal.id.clone().unwrap();
    assert_eq!(portal.status, Some(ApplicationStatus::Inactive));
    let oauth = portal
        .credentials
        .as_ref()
        .and_then(|c| c.oauth_client.as_ref());
    assert_eq!(
        oauth.and_then(|c| c.client_id.as_deref()),
        Some(portal_id.as_str())
    );
    assert_eq!(
        portal
            .settings
            .as_ref()
            .and_then(|s| s.oauth_client.as_ref())
            .and_then(|c| c.redirect_uris.clone()),
        Some(vec!["https://portal.example.com/callback".to_owned()]),
        "sign-on mode settings are kept as posted"
    );

    let saml = apps
        .create(SamlApplication::new(
            format!("{label} payroll"),
            SamlSignOn::new(
                "https://payroll.example.com/acs",
                "https://payroll.example.com",
            ),
        ))
        .send()
        .await
        .unwrap();
    let Application::Saml2(saml) = saml else {
        panic!("a SAML app decodes as one: {saml:?}");
    };
    let saml_id = saml.id.clone().unwrap();
    assert_eq!(
        saml.settings
            .as_ref()
            .and_then(|s| s.sign_on.as_ref())
            .and_then(|s| s.sso_acs_url.as_deref()),
        Some("https://payroll.example.com/acs")
    );

    // List with pagination (one app a page), get, replace.
    let listed: Vec<Application> = apps
        .list()
        .q(label.clone())
        .limit(1)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let mut listed_ids: Vec<&str> = listed.iter().filter_map(Application::id).collect();
    listed_ids.sort_unstable();
    let mut created_ids = vec![app_id.as_str(), portal_id.as_str(), saml_id.as_str()];
    created_ids.sort_unstable();
    assert_eq!(listed_ids, created_ids);
    let page = apps.list().q(label.clone()).limit(1).page().await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(page.next.is_some(), "a first page of 1 out of 3 links on");
    let mut fetched = apps.get(&app_id).await.unwrap();
    assert_eq!(fetched.label(), Some(label.as_str()));
    if let Application::Bookmark(bookmark) = &mut fetched {
        if let Some(settings) = bookmark.settings.as_mut().and_then(|s| s.app.as_mut()) {
            settings.url = Some("https://example.com/handbook/v2".to_owned());
        }
    }
    let replaced = apps.replace(&app_id, &fetched).await.unwrap();
    assert_eq!(
        bookmark_url(&replaced),
        Some("https://example.com/handbook/v2")
    );
    assert_eq!(replaced.id(), Some(app_id.as_str()));

    // User assignments.
    let user_id = user(&okta, "Reader").await;
    let assigned = apps
        .assign_user(
            &app_id,
            &AppUser::new(user_id.clone()).profile_attribute("team", "docs"),
        )
        .await
        .unwrap();
    assert_eq!(assigned.id.as_deref(), Some(user_id.as_str()));
    let app_users: Vec<AppUser> = apps
        .list_users(&app_id)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(app_users.len(), 1);
    assert_eq!(
        apps.get_user(&app_id, &user_id)
            .await
            .unwrap()
            .id
            .as_deref(),
        Some(user_id.as_str())
    );
    let mut profile = Map::new();
    profile.insert("team".into(), json!("editors"));
    let updated = apps
        .update_user(&app_id, &user_id, &AppUserUpdate::profile(profile))
        .await
        .unwrap();
    assert_eq!(updated.profile.unwrap()["team"], "editors");
    apps.unassign_user(&app_id, &user_id, false).await.unwrap();
    assert!(apps
        .list_users(&app_id)
        .page()
        .await
        .unwrap()
        .items
        .is_empty());

    // Group assignments.
    let group = okta
        .groups()
        .create(GroupProfile::new(unique("Readers ")))
        .await
        .unwrap();
    let assignment = apps
        .assign_group(
            &app_id,
            &group.id,
            &ApplicationGroupAssignment::default().priority(0),
        )
        .await
        .unwrap();
    assert_eq!(assignment.id.as_deref(), Some(group.id.as_str()));
    let groups: Vec<ApplicationGroupAssignment> = apps
        .list_groups(&app_id)
        .limit(20)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(groups.len(), 1);
    apps.get_group(&app_id, &group.id).await.unwrap();
    let patched = apps
        .update_group(
            &app_id,
            &group.id,
            &[JsonPatchOperation::replace(
                "/profile",
                json!({"role": "reader"}),
            )],
        )
        .await
        .unwrap();
    assert_eq!(patched.profile.unwrap()["role"], "reader");
    apps.unassign_group(&app_id, &group.id).await.unwrap();

    // Lifecycle: an active app cannot be deleted.
    let refused = apps.delete(&app_id).await.unwrap_err();
    assert_eq!(status_of(&refused), Some(403), "{refused}");
    apps.deactivate(&app_id).await.unwrap();
    apps.activate(&app_id).await.unwrap();
    assert_eq!(
        apps.get(&app_id).await.unwrap().status(),
        Some(&ApplicationStatus::Active)
    );
    apps.activate(&portal_id).await.unwrap();
    for id in [&app_id, &portal_id, &saml_id] {
        apps.deactivate(id).await.unwrap();
        apps.delete(id).await.unwrap();
    }
    let gone = apps.get(&app_id).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
    okta.groups().delete(&group.id).await.unwrap();
    delete_user(&okta, &user_id).await;
    relay.assert_clean();
}

/// Whether `event` acts on `id`.
fn targets(event: &LogEvent, id: &str) -> bool {
    event
        .target
        .as_ref()
        .is_some_and(|t| t.iter().any(|t| t.id.as_deref() == Some(id)))
}

/// Whether `event` is the creation of the user `user_id`.
fn creates(event: &LogEvent, user_id: &str) -> bool {
    event.event_type.as_deref() == Some("user.lifecycle.create") && targets(event, user_id)
}

#[tokio::test]
async fn the_system_log_records_the_orgs_actions_and_polls_like_okta() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);
    let since = "2000-01-01T00:00:00.000Z";
    let user_id = user(&okta, "Logged").await;

    // A bounded query ends, and finds the creation of this user.
    let created: Vec<LogEvent> = okta
        .logs()
        .list()
        .since(since)
        .until("2999-01-01T00:00:00.000Z")
        .filter(r#"eventType eq "user.lifecycle.create""#)
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(
        created.iter().any(|event| creates(event, &user_id)),
        "no user.lifecycle.create event for {user_id}"
    );
    assert!(created
        .iter()
        .all(|event| event.event_type.as_deref() == Some("user.lifecycle.create")));

    // Newest first.
    let newest = okta
        .logs()
        .list()
        .since(since)
        .sort_order(LogSortOrder::Descending)
        .q(user_id.clone())
        .limit(1)
        .page()
        .await
        .unwrap();
    assert!(
        targets(&newest.items[0], &user_id),
        "the newest event about {user_id} names it: {:?}",
        newest.items
    );

    // Polling (no `until`) always has a `next` link, even on an empty page (raw requests:
    // the typed query ends on the empty page instead of showing it).
    let mut page = okta
        .logs()
        .list()
        .since(since)
        .limit(1000)
        .page()
        .await
        .unwrap();
    for _ in 0..100 {
        let Some(next) = page.next.clone() else {
            panic!("a polling page without a next link");
        };
        if page.items.is_empty() {
            break;
        }
        let path = format!("{}?{}", next.path(), next.query().unwrap_or_default());
        page = okta
            .request(Method::GET, &path)
            .page::<LogEvent>()
            .await
            .unwrap();
    }
    assert!(page.items.is_empty(), "the feed was read to its end");
    assert!(
        page.next.is_some(),
        "an empty polling page still links to the next"
    );

    // The typed query reads such a feed up to now and ends on the empty page.
    let events: Vec<LogEvent> = okta
        .logs()
        .list()
        .since(since)
        .limit(500)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(events.iter().any(|event| creates(event, &user_id)));

    // A tail started before a user exists picks up its creation; dropping the stream stops
    // it. It starts at the newest event so far.
    let start = events
        .iter()
        .filter_map(|event| event.published.clone())
        .max()
        .unwrap();
    let mut tail = okta
        .logs()
        .tail()
        .since(start)
        .filter(r#"eventType eq "user.lifecycle.create""#)
        .interval(Duration::from_millis(100))
        .stream();
    let (created_later, seen) = tokio::join!(
        async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            user(&okta, "Tailed").await
        },
        async {
            let mut seen = Vec::new();
            let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
            while let Ok(Some(event)) = tokio::time::timeout_at(deadline, tail.try_next())
                .await
                .map(Result::unwrap)
            {
                let done = event.target.as_ref().is_some_and(|targets| {
                    targets
                        .iter()
                        .any(|t| t.display_name.as_deref() == Some("App Tailed"))
                });
                seen.push(event);
                if done {
                    break;
                }
            }
            seen
        }
    );
    assert!(
        seen.iter().any(|event| creates(event, &created_later)),
        "the tail saw {} events, none creating {created_later}",
        seen.len()
    );
    assert!(tail.pages_fetched() >= 1);
    drop(tail);

    for id in [user_id, created_later] {
        delete_user(&okta, &id).await;
    }
    relay.assert_clean();
}

#[tokio::test]
async fn zones_and_trusted_origins_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);
    let zones = okta.network_zones();

    let name = unique("Office ");
    let zone = IpNetworkZone::new(name.clone())
        .gateways([NetworkZoneAddress::cidr("198.51.100.0/24")])
        .proxies([NetworkZoneAddress::range("203.0.113.1-203.0.113.9")]);
    let created = zones.create(zone).await.unwrap();
    let NetworkZone::Ip(mut created) = created else {
        panic!("an IP zone decodes as one: {created:?}");
    };
    let zone_id = created.id.clone().unwrap();
    assert_eq!(
        created.usage.as_ref().map(|u| u.as_str()),
        Some("POLICY"),
        "Okta's default usage"
    );
    let listed: Vec<NetworkZone> = zones.list().stream().try_collect().await.unwrap();
    assert!(listed.iter().any(|z| z.id() == Some(zone_id.as_str())));
    assert_eq!(
        zones.get(&zone_id).await.unwrap().name(),
        Some(name.as_str())
    );
    created.gateways = okta_mgmt::Field::Value(vec![NetworkZoneAddress::cidr("198.51.100.0/25")]);
    let replaced = zones
        .replace(&zone_id, &NetworkZone::Ip(created))
        .await
        .unwrap();
    let NetworkZone::Ip(replaced) = replaced else {
        panic!("{replaced:?}");
    };
    assert_eq!(
        replaced.gateways,
        okta_mgmt::Field::Value(vec![NetworkZoneAddress::cidr("198.51.100.0/25")])
    );
    let inactive = zones.deactivate(&zone_id).await.unwrap();
    assert_eq!(inactive.status().map(|s| s.as_str()), Some("INACTIVE"));
    let active = zones.activate(&zone_id).await.unwrap();
    assert_eq!(active.status().map(|s| s.as_str()), Some("ACTIVE"));
    let dynamic = zones
        .create(DynamicNetworkZone::new(unique("Anonymizers ")).proxy_type("Tor"))
        .await
        .unwrap();
    assert!(matches!(dynamic, NetworkZone::Dynamic(_)), "{dynamic:?}");
    for id in [zone_id.as_str(), dynamic.id().unwrap()] {
        zones.deactivate(id).await.unwrap();
        zones.delete(id).await.unwrap();
    }

    let origins = okta.trusted_origins();
    let host = unique("app").to_lowercase();
    let origin = TrustedOrigin::new(
        format!("Web {host}"),
        format!("https://{host}.example.com"),
        [TrustedOriginScope::cors(), TrustedOriginScope::redirect()],
    );
    let created = origins.create(&origin).await.unwrap();
    let origin_id = created.id.clone().unwrap();
    assert_eq!(created.scopes.len(), 2);
    let duplicate = origins.create(&origin).await.unwrap_err();
    assert_eq!(status_of(&duplicate), Some(400), "{duplicate}");
    let found: Vec<TrustedOrigin> = origins
        .list()
        .q(format!("Web {host}"))
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let mut changed = created.clone();
    changed.scopes = vec![TrustedOriginScope::cors()];
    let replaced = origins.replace(&origin_id, &changed).await.unwrap();
    assert_eq!(replaced.scopes.len(), 1);
    let inactive = origins.deactivate(&origin_id).await.unwrap();
    assert_eq!(
        inactive.status.map(|s| s.as_str().to_owned()).as_deref(),
        Some("INACTIVE")
    );
    origins.activate(&origin_id).await.unwrap();
    assert_eq!(origins.get(&origin_id).await.unwrap().origin, origin.origin);
    origins.delete(&origin_id).await.unwrap();
    relay.assert_clean();
}

#[tokio::test]
async fn event_hooks_and_group_rules_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);
    let hooks = okta.event_hooks();

    let name = unique("Provisioning hook ");
    let hook = EventHook::new(
        name.clone(),
        ["user.lifecycle.create", "user.lifecycle.activate"],
        EventHookChannel::http("https://hooks.example.com/okta")
            .header(HookHeader::new("X-Team", "identity"))
            .auth_scheme(HookAuthScheme::header(
                "Authorization",
                "hook-secret".to_owned().into(),
            )),
    );
    let created = hooks.create(&hook).await.unwrap();
    let hook_id = created.id.clone().unwrap();
    assert_eq!(
        created.verification_status,
        Some(EventHookVerificationStatus::Unverified)
    );
    assert!(
        created
            .channel
            .config
            .auth_scheme
            .as_ref()
            .is_some_and(|scheme| scheme.value.is_none()),
        "the hook secret is never shown"
    );
    let listed: Vec<EventHook> = hooks.list().stream().try_collect().await.unwrap();
    assert!(listed
        .iter()
        .any(|h| h.id.as_deref() == Some(hook_id.as_str())));
    assert_eq!(hooks.get(&hook_id).await.unwrap().name, name);
    let replaced = hooks
        .replace(&hook_id, &hook.clone().description("Provisioning events"))
        .await
        .unwrap();
    assert_eq!(replaced.id.as_deref(), Some(hook_id.as_str()));
    assert_eq!(replaced.description.as_deref(), Some("Provisioning events"));
    // The org cannot call the hook. Okta's description of the operation: when the service
    // does not answer the verification request, it "returns a 400 error with more
    // information about the failure" (ErrorApiValidationFailed400, E0000001).
    let unverified = hooks.verify(&hook_id).await.unwrap_err();
    assert_eq!(status_of(&unverified), Some(400), "{unverified}");
    assert_eq!(unverified.error_code(), Some("E0000001"), "{unverified}");
    let inactive = hooks.deactivate(&hook_id).await.unwrap();
    assert_eq!(inactive.status, Some(HookStatus::Inactive));
    let active = hooks.activate(&hook_id).await.unwrap();
    assert_eq!(active.status, Some(HookStatus::Active));
    hooks.deactivate(&hook_id).await.unwrap();
    hooks.delete(&hook_id).await.unwrap();

    let rules = okta.group_rules();
    let group = okta
        .groups()
        .create(GroupProfile::new(unique("Engineers ")))
        .await
        .unwrap();
    let rule_name = unique("Engineering rule ");
    let rule = GroupRule::new(
        rule_name.clone(),
        r#"user.department=="Engineering""#,
        [group.id.clone()],
    );
    let created = rules.create(&rule).await.unwrap();
    assert_eq!(created.status, Some(GroupRuleStatus::Inactive));
    let rule_id = created.id.clone().unwrap();
    let found: Vec<GroupRule> = rules
        .list()
        .search(rule_name.clone())
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let named = rules.get(&rule_id, true).await.unwrap();
    assert_eq!(
        named.group_names().and_then(|n| n.get(&group.id)),
        Some(&Value::String(group.profile.name.clone()))
    );
    let changed = GroupRule::new(
        rule_name.clone(),
        r#"user.department=="R&D""#,
        [group.id.clone()],
    );
    let replaced = rules.replace(&rule_id, &changed).await.unwrap();
    assert_eq!(
        replaced
            .conditions
            .and_then(|c| c.expression)
            .map(|e| e.value),
        Some(r#"user.department=="R&D""#.to_owned())
    );
    // Activation answers 204 No Content.
    let (status, _) = ok(
        &okta,
        Method::POST,
        &format!("/api/v1/groups/rules/{rule_id}/lifecycle/activate"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    rules.deactivate(&rule_id).await.unwrap();
    rules.activate(&rule_id).await.unwrap();
    assert_eq!(
        rules.get(&rule_id, false).await.unwrap().status,
        Some(GroupRuleStatus::Active)
    );
    let refused = rules.replace(&rule_id, &changed).await.unwrap_err();
    assert_eq!(
        status_of(&refused),
        Some(400),
        "an active rule cannot change: {refused}"
    );
    rules.deactivate(&rule_id).await.unwrap();
    rules.delete(&rule_id, false).await.unwrap();
    let gone = rules.get(&rule_id, false).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
    okta.groups().delete(&group.id).await.unwrap();
    relay.assert_clean();
}

#[tokio::test]
async fn authorization_servers_scopes_and_claims_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);
    let servers = okta.authorization_servers();

    let default = servers.get("default").await.unwrap();
    assert_eq!(default.audiences, ["api://default"]);
    let name = unique("Payments ");
    let created = servers
        .create(
            &AuthorizationServer::new(name.clone(), ["api://payments"]).description("Payments API"),
        )
        .await
        .unwrap();
    let server_id = created.id.clone().unwrap();
    assert!(created
        .issuer
        .as_deref()
        .is_some_and(|i| i.ends_with(&format!("/oauth2/{server_id}"))));
    let listed: Vec<AuthorizationServer> = servers
        .list()
        .q(name.clone())
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    let mut changed = created.clone();
    changed.description = Some("Payments and refunds".to_owned());
    let replaced = servers.replace(&server_id, &changed).await.unwrap();
    assert_eq!(
        replaced.description.as_deref(),
        Some("Payments and refunds")
    );

    let scopes = servers.scopes();
    let listed: Vec<OAuth2Scope> = scopes
        .list(&server_id)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(listed.iter().any(|scope| scope.name == "openid"));
    let scope = scopes
        .create(
            &server_id,
            &OAuth2Scope::new("payments:read")
                .description("Read payments")
                .consent(ScopeConsent::Implicit),
        )
        .await
        .unwrap();
    let scope_id = scope.id.clone().unwrap();
    assert_eq!(
        scopes.get(&server_id, &scope_id).await.unwrap().name,
        "payments:read"
    );
    let scope = scopes
        .replace(
            &server_id,
            &scope_id,
            &OAuth2Scope::new("payments:read").description("Read payments and refunds"),
        )
        .await
        .unwrap();
    assert_eq!(
        scope.description.as_deref(),
        Some("Read payments and refunds")
    );

    let claims = servers.claims();
    let mut claim = OAuth2Claim::new(
        "department",
        ClaimType::Resource,
        ClaimValueType::Expression,
        "user.profile.department",
    )
    .scopes(["payments:read"]);
    claim.always_include_in_token = Some(true);
    let created_claim = claims.create(&server_id, &claim).await.unwrap();
    let claim_id = created_claim.id.clone().unwrap();
    let listed: Vec<OAuth2Claim> = claims.list(&server_id).try_collect().await.unwrap();
    assert!(listed
        .iter()
        .any(|c| c.id.as_deref() == Some(claim_id.as_str())));
    assert_eq!(
        claims.get(&server_id, &claim_id).await.unwrap().name,
        "department"
    );
    claim.value = Some("user.profile.division".to_owned());
    let replaced = claims.replace(&server_id, &claim_id, &claim).await.unwrap();
    assert_eq!(replaced.value.as_deref(), Some("user.profile.division"));
    claims.delete(&server_id, &claim_id).await.unwrap();
    scopes.delete(&server_id, &scope_id).await.unwrap();

    servers.deactivate(&server_id).await.unwrap();
    servers.activate(&server_id).await.unwrap();
    servers.deactivate(&server_id).await.unwrap();
    assert_eq!(
        servers
            .get(&server_id)
            .await
            .unwrap()
            .status
            .map(|s| s.as_str().to_owned())
            .as_deref(),
        Some("INACTIVE")
    );
    servers.delete(&server_id).await.unwrap();
    let gone = servers.get(&server_id).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
    relay.assert_clean();
}
