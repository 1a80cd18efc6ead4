//! The fake org's other endpoints through Prism with the raw `Okta::request`: apps with
//! their user and group assignments, the System Log, network zones, trusted origins, event
//! hooks, group rules and authorization servers with scopes and claims. Every request and
//! answer must conform to Okta's OpenAPI description (no `sl-violations`, no `422`/`500`).
//!
//! Needs `PRISM_URL` and `PRISM_OKTA_TOKEN` (the test command starts `tools/prism/run.sh`);
//! without them each test prints `skipped: ...` and passes.

mod prism_support;

use futures_util::TryStreamExt;
use okta_mgmt::core::http::Method;
use okta_mgmt::core::FollowMode;
use okta_mgmt::Okta;
use prism_support::{call, ok, prism_env, unique, Relay};
use serde_json::{json, Value};

/// The `id` of an answer.
fn id(value: &Value) -> String {
    value["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {value}"))
        .to_owned()
}

/// Creates an active user with a unique login and returns its id.
async fn user(okta: &Okta, family: &str) -> String {
    let login = format!("{}@example.com", unique(family).to_lowercase());
    let body = json!({"profile": {"login": login, "email": login, "firstName": "App", "lastName": family}});
    id(&ok(okta, Method::POST, "/api/v1/users", Some(&body)).await.1)
}

#[tokio::test]
async fn apps_and_their_assignments_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);
    let label = unique("Handbook ");

    let bookmark = json!({
        "name": "bookmark",
        "label": label,
        "signOnMode": "BOOKMARK",
        "settings": {"app": {"requestIntegration": false, "url": "https://example.com/handbook"}},
    });
    let (_, app) = ok(&okta, Method::POST, "/api/v1/apps", Some(&bookmark)).await;
    let app_id = id(&app);
    assert_eq!(app["status"], "ACTIVE");
    assert_eq!(
        app["settings"]["app"]["url"],
        "https://example.com/handbook"
    );

    let oidc = json!({
        "name": "oidc_client",
        "label": format!("{label} portal"),
        "signOnMode": "OPENID_CONNECT",
        "credentials": {"oauthClient": {"token_endpoint_auth_method": "client_secret_post"}},
        "settings": {"oauthClient": {
            "client_uri": "https://portal.example.com",
            "redirect_uris": ["https://portal.example.com/callback"],
            "response_types": ["code"],
            "grant_types": ["authorization_code"],
            "application_type": "web",
        }},
    });
    let (_, portal) = ok(
        &okta,
        Method::POST,
        "/api/v1/apps?activate=false",
        Some(&oidc),
    )
    .await;
    let portal_id = id(&portal);
    assert_eq!(portal["status"], "INACTIVE");
    assert_eq!(portal["credentials"]["oauthClient"]["client_id"], portal_id);
    assert_eq!(
        portal["settings"]["oauthClient"]["redirect_uris"][0],
        "https://portal.example.com/callback",
        "sign-on mode settings are kept as posted"
    );

    let listed: Vec<Value> = okta
        .request(Method::GET, "/api/v1/apps")
        .query("q", &label)
        .query("limit", "1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    let path = format!("/api/v1/apps/{app_id}");
    assert_eq!(ok(&okta, Method::GET, &path, None).await.1["label"], label);
    let mut changed = bookmark.clone();
    changed["settings"]["app"]["url"] = json!("https://example.com/handbook/v2");
    let (_, replaced) = ok(&okta, Method::PUT, &path, Some(&changed)).await;
    assert_eq!(
        replaced["settings"]["app"]["url"],
        "https://example.com/handbook/v2"
    );
    assert_eq!(replaced["id"], app_id.as_str());

    // User assignments.
    let user_id = user(&okta, "Reader").await;
    let users_path = format!("{path}/users");
    let (_, assigned) = ok(
        &okta,
        Method::POST,
        &users_path,
        Some(&json!({"id": user_id, "scope": "USER", "profile": {"team": "docs"}})),
    )
    .await;
    assert_eq!(assigned["id"], user_id.as_str());
    let (_, page) = ok(&okta, Method::GET, &users_path, None).await;
    assert_eq!(page.as_array().map(Vec::len), Some(1));
    let user_path = format!("{users_path}/{user_id}");
    ok(&okta, Method::GET, &user_path, None).await;
    let (_, updated) = ok(
        &okta,
        Method::POST,
        &user_path,
        Some(&json!({"profile": {"team": "editors"}})),
    )
    .await;
    assert_eq!(updated["profile"]["team"], "editors");
    ok(&okta, Method::DELETE, &user_path, None).await;

    // Group assignments.
    let (_, group) = ok(
        &okta,
        Method::POST,
        "/api/v1/groups",
        Some(&json!({"profile": {"name": unique("Readers ")}})),
    )
    .await;
    let group_id = id(&group);
    let group_path = format!("{path}/groups/{group_id}");
    let (_, assignment) = ok(
        &okta,
        Method::PUT,
        &group_path,
        Some(&json!({"priority": 0, "profile": {}})),
    )
    .await;
    assert_eq!(assignment["id"], group_id.as_str());
    ok(&okta, Method::GET, &format!("{path}/groups"), None).await;
    ok(&okta, Method::GET, &group_path, None).await;
    let patch = json!([{"op": "replace", "path": "/profile", "value": {"role": "reader"}}]);
    let (_, patched) = ok(&okta, Method::PATCH, &group_path, Some(&patch)).await;
    assert_eq!(patched["profile"]["role"], "reader");
    ok(&okta, Method::DELETE, &group_path, None).await;

    // Lifecycle: an active app cannot be deleted.
    let refused = call(&okta, Method::DELETE, &path, None).await.unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(403), "{refused}");
    for (app, operations) in [
        (&path, &["deactivate", "activate", "deactivate"][..]),
        (
            &format!("/api/v1/apps/{portal_id}"),
            &["activate", "deactivate"][..],
        ),
    ] {
        for operation in operations {
            let (status, _) = ok(
                &okta,
                Method::POST,
                &format!("{app}/lifecycle/{operation}"),
                None,
            )
            .await;
            assert_eq!(status, 200);
        }
        ok(&okta, Method::DELETE, app, None).await;
    }
    ok(
        &okta,
        Method::DELETE,
        &format!("/api/v1/groups/{group_id}"),
        None,
    )
    .await;
    relay.assert_clean();
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
    let created: Vec<Value> = okta
        .request(Method::GET, "/api/v1/logs")
        .query("since", since)
        .query("until", "2999-01-01T00:00:00.000Z")
        .query("filter", r#"eventType eq "user.lifecycle.create""#)
        .query("limit", "2")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(
        created
            .iter()
            .any(|event| event["target"][0]["id"] == user_id.as_str()),
        "no user.lifecycle.create event for {user_id}"
    );
    assert!(created
        .iter()
        .all(|event| event["eventType"] == "user.lifecycle.create"));

    // Newest first.
    let (_, newest) = ok(
        &okta,
        Method::GET,
        &format!("/api/v1/logs?since={since}&sortOrder=DESCENDING&limit=1&q={user_id}"),
        None,
    )
    .await;
    assert_eq!(newest[0]["target"][0]["id"], user_id.as_str());

    // Polling (no `until`) always has a `next` link, even on an empty page.
    let mut page = okta
        .request(Method::GET, "/api/v1/logs")
        .query("since", since)
        .query("limit", "1000")
        .page::<Value>()
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
            .page::<Value>()
            .await
            .unwrap();
    }
    assert!(page.items.is_empty(), "the feed was read to its end");
    assert!(
        page.next.is_some(),
        "an empty polling page still links to the next"
    );

    // The SDK's stream reads such a feed up to now and ends on the empty page.
    let events: Vec<Value> = okta
        .request(Method::GET, "/api/v1/logs")
        .query("since", since)
        .query("limit", "500")
        .stream()
        .follow(FollowMode::UntilEmptyPage)
        .try_collect()
        .await
        .unwrap();
    assert!(events
        .iter()
        .any(|event| event["eventType"] == "user.lifecycle.create"
            && event["target"][0]["id"] == user_id.as_str()));

    let path = format!("/api/v1/users/{user_id}");
    ok(&okta, Method::DELETE, &path, None).await;
    ok(&okta, Method::DELETE, &path, None).await;
    relay.assert_clean();
}

#[tokio::test]
async fn zones_and_trusted_origins_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);

    let zone = json!({
        "type": "IP",
        "name": unique("Office "),
        "gateways": [{"type": "CIDR", "value": "198.51.100.0/24"}],
        "proxies": [{"type": "RANGE", "value": "203.0.113.1-203.0.113.9"}],
    });
    let (_, created) = ok(&okta, Method::POST, "/api/v1/zones", Some(&zone)).await;
    let path = format!("/api/v1/zones/{}", id(&created));
    assert_eq!(created["usage"], "POLICY");
    ok(&okta, Method::GET, "/api/v1/zones", None).await;
    ok(&okta, Method::GET, &path, None).await;
    let mut changed = zone.clone();
    changed["gateways"][0]["value"] = json!("198.51.100.0/25");
    let (_, replaced) = ok(&okta, Method::PUT, &path, Some(&changed)).await;
    assert_eq!(replaced["gateways"][0]["value"], "198.51.100.0/25");
    let (_, inactive) = ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/deactivate"),
        None,
    )
    .await;
    assert_eq!(inactive["status"], "INACTIVE");
    ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/activate"),
        None,
    )
    .await;
    let dynamic = json!({"type": "DYNAMIC", "name": unique("Anonymizers "), "proxyType": "Tor"});
    let (_, dynamic) = ok(&okta, Method::POST, "/api/v1/zones", Some(&dynamic)).await;
    for zone in [path.clone(), format!("/api/v1/zones/{}", id(&dynamic))] {
        ok(&okta, Method::DELETE, &zone, None).await;
    }

    let host = unique("app").to_lowercase();
    let origin = json!({
        "name": format!("Web {host}"),
        "origin": format!("https://{host}.example.com"),
        "scopes": [{"type": "CORS"}, {"type": "REDIRECT"}],
    });
    let (_, created) = ok(&okta, Method::POST, "/api/v1/trustedOrigins", Some(&origin)).await;
    let path = format!("/api/v1/trustedOrigins/{}", id(&created));
    let duplicate = call(&okta, Method::POST, "/api/v1/trustedOrigins", Some(&origin))
        .await
        .unwrap_err();
    assert_eq!(
        duplicate.status().map(|s| s.as_u16()),
        Some(400),
        "{duplicate}"
    );
    let (_, found) = ok(
        &okta,
        Method::GET,
        &format!("/api/v1/trustedOrigins?q=Web%20{host}"),
        None,
    )
    .await;
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let mut changed = origin.clone();
    changed["scopes"] = json!([{"type": "CORS"}]);
    let (_, replaced) = ok(&okta, Method::PUT, &path, Some(&changed)).await;
    assert_eq!(replaced["scopes"].as_array().map(Vec::len), Some(1));
    let (_, inactive) = ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/deactivate"),
        None,
    )
    .await;
    assert_eq!(inactive["status"], "INACTIVE");
    ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/activate"),
        None,
    )
    .await;
    ok(&okta, Method::GET, &path, None).await;
    ok(&okta, Method::DELETE, &path, None).await;
    relay.assert_clean();
}

#[tokio::test]
async fn event_hooks_and_group_rules_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);

    let hook = json!({
        "name": unique("Provisioning hook "),
        "events": {"type": "EVENT_TYPE", "items": ["user.lifecycle.create", "user.lifecycle.activate"]},
        "channel": {"type": "HTTP", "version": "1.0.0", "config": {
            "uri": "https://hooks.example.com/okta",
            "headers": [{"key": "X-Team", "value": "identity"}],
            "authScheme": {"type": "HEADER", "key": "Authorization", "value": "hook-secret"},
        }},
    });
    let (_, created) = ok(&okta, Method::POST, "/api/v1/eventHooks", Some(&hook)).await;
    let path = format!("/api/v1/eventHooks/{}", id(&created));
    assert_eq!(created["verificationStatus"], "UNVERIFIED");
    assert!(
        created["channel"]["config"]["authScheme"]
            .get("value")
            .is_none(),
        "the hook secret is never shown"
    );
    ok(&okta, Method::GET, "/api/v1/eventHooks", None).await;
    ok(&okta, Method::GET, &path, None).await;
    let (_, replaced) = ok(&okta, Method::PUT, &path, Some(&hook)).await;
    assert_eq!(replaced["id"], created["id"]);
    // The org cannot call the hook, so verification fails the way the spec allows (400).
    let unverified = call(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/verify"),
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(
        unverified.status().map(|s| s.as_u16()),
        Some(400),
        "{unverified}"
    );
    let (_, inactive) = ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/deactivate"),
        None,
    )
    .await;
    assert_eq!(inactive["status"], "INACTIVE");
    ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/activate"),
        None,
    )
    .await;
    ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/deactivate"),
        None,
    )
    .await;
    ok(&okta, Method::DELETE, &path, None).await;

    let (_, group) = ok(
        &okta,
        Method::POST,
        "/api/v1/groups",
        Some(&json!({"profile": {"name": unique("Engineers ")}})),
    )
    .await;
    let group_id = id(&group);
    let rule_name = unique("Engineering rule ");
    let rule = json!({
        "type": "group_rule",
        "name": rule_name,
        "conditions": {"expression": {"type": "urn:okta:expression:1.0", "value": "user.department==\"Engineering\""}},
        "actions": {"assignUserToGroups": {"groupIds": [group_id]}},
    });
    let (_, created) = ok(&okta, Method::POST, "/api/v1/groups/rules", Some(&rule)).await;
    assert_eq!(created["status"], "INACTIVE");
    let path = format!("/api/v1/groups/rules/{}", id(&created));
    let (_, found) = ok(
        &okta,
        Method::GET,
        &format!(
            "/api/v1/groups/rules?search={}",
            rule_name.replace(' ', "%20")
        ),
        None,
    )
    .await;
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let mut changed = rule.clone();
    changed["conditions"]["expression"]["value"] = json!("user.department==\"R&D\"");
    ok(&okta, Method::PUT, &path, Some(&changed)).await;
    let (status, _) = ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/activate"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(
        ok(&okta, Method::GET, &path, None).await.1["status"],
        "ACTIVE"
    );
    let refused = call(&okta, Method::PUT, &path, Some(&changed))
        .await
        .unwrap_err();
    assert_eq!(
        refused.status().map(|s| s.as_u16()),
        Some(400),
        "an active rule cannot change"
    );
    ok(
        &okta,
        Method::POST,
        &format!("{path}/lifecycle/deactivate"),
        None,
    )
    .await;
    let (status, _) = ok(&okta, Method::DELETE, &path, None).await;
    assert_eq!(status, 202);
    ok(
        &okta,
        Method::DELETE,
        &format!("/api/v1/groups/{group_id}"),
        None,
    )
    .await;
    relay.assert_clean();
}

#[tokio::test]
async fn authorization_servers_scopes_and_claims_conform_to_the_spec() {
    let Some(env) = prism_env() else {
        return;
    };
    let relay = Relay::start(&env.url).await;
    let okta = relay.okta(&env.token);

    let (_, default) = ok(
        &okta,
        Method::GET,
        "/api/v1/authorizationServers/default",
        None,
    )
    .await;
    assert_eq!(default["audiences"][0], "api://default");
    let name = unique("Payments ");
    let server =
        json!({"name": name, "description": "Payments API", "audiences": ["api://payments"]});
    let (status, created) = ok(
        &okta,
        Method::POST,
        "/api/v1/authorizationServers",
        Some(&server),
    )
    .await;
    assert_eq!(status, 201);
    let server_id = id(&created);
    let path = format!("/api/v1/authorizationServers/{server_id}");
    assert!(created["issuer"]
        .as_str()
        .is_some_and(|i| i.ends_with(&format!("/oauth2/{server_id}"))));
    let (_, listed) = ok(
        &okta,
        Method::GET,
        &format!(
            "/api/v1/authorizationServers?q={}",
            name.replace(' ', "%20")
        ),
        None,
    )
    .await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    let mut changed = server.clone();
    changed["description"] = json!("Payments and refunds");
    let (_, replaced) = ok(&okta, Method::PUT, &path, Some(&changed)).await;
    assert_eq!(replaced["description"], "Payments and refunds");

    let (_, scopes) = ok(&okta, Method::GET, &format!("{path}/scopes"), None).await;
    assert!(scopes
        .as_array()
        .is_some_and(|s| s.iter().any(|scope| scope["name"] == "openid")));
    let (status, scope) = ok(
        &okta,
        Method::POST,
        &format!("{path}/scopes"),
        Some(&json!({"name": "payments:read", "description": "Read payments", "consent": "IMPLICIT"})),
    )
    .await;
    assert_eq!(status, 201);
    let scope_path = format!("{path}/scopes/{}", id(&scope));
    ok(&okta, Method::GET, &scope_path, None).await;
    let (_, scope) = ok(
        &okta,
        Method::PUT,
        &scope_path,
        Some(&json!({"name": "payments:read", "description": "Read payments and refunds"})),
    )
    .await;
    assert_eq!(scope["description"], "Read payments and refunds");

    let claim = json!({
        "name": "department",
        "status": "ACTIVE",
        "claimType": "RESOURCE",
        "valueType": "EXPRESSION",
        "value": "user.profile.department",
        "alwaysIncludeInToken": true,
        "conditions": {"scopes": ["payments:read"]},
    });
    let (status, created_claim) =
        ok(&okta, Method::POST, &format!("{path}/claims"), Some(&claim)).await;
    assert_eq!(status, 201);
    let claim_path = format!("{path}/claims/{}", id(&created_claim));
    ok(&okta, Method::GET, &format!("{path}/claims"), None).await;
    ok(&okta, Method::GET, &claim_path, None).await;
    let mut changed = claim.clone();
    changed["value"] = json!("user.profile.division");
    let (_, replaced) = ok(&okta, Method::PUT, &claim_path, Some(&changed)).await;
    assert_eq!(replaced["value"], "user.profile.division");
    ok(&okta, Method::DELETE, &claim_path, None).await;
    ok(&okta, Method::DELETE, &scope_path, None).await;

    for operation in ["deactivate", "activate", "deactivate"] {
        let (status, _) = ok(
            &okta,
            Method::POST,
            &format!("{path}/lifecycle/{operation}"),
            None,
        )
        .await;
        assert_eq!(status, 204);
    }
    assert_eq!(
        ok(&okta, Method::GET, &path, None).await.1["status"],
        "INACTIVE"
    );
    ok(&okta, Method::DELETE, &path, None).await;
    relay.assert_clean();
}
