//! The SCIM server answering Okta's provisioning requests (U1-U7, G1-G8) and the steps of
//! Okta's SCIM 2.0 SPEC test, against both stores.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use okta_mgmt::scim::server::{BearerToken, MemoryStore, ScimServer, ScimStore};
use serde_json::{json, Value};
use tower::ServiceExt;

const TOKEN: &str = "scim-test-token";

fn app_with(store: Arc<dyn ScimStore>) -> Router {
    let server = ScimServer::with_shared(store, Arc::new(BearerToken::new(TOKEN)))
        .base_url("https://app.example.com/scim/v2")
        .max_body_bytes(64 * 1024);
    Router::new().nest("/scim/v2", server.router())
}

fn stores() -> Vec<(&'static str, Router)> {
    let mut v: Vec<(&'static str, Router)> =
        vec![("memory", app_with(Arc::new(MemoryStore::new())))];
    #[cfg(feature = "sqlite")]
    v.push((
        "sqlite",
        app_with(Arc::new(
            okta_mgmt::scim::server::SqliteStore::in_memory().unwrap(),
        )),
    ));
    v
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
}

async fn call(app: &Router, method: &str, path: &str, body: Option<Value>) -> Answer {
    call_with(
        app,
        method,
        path,
        body,
        Some(&format!("Bearer {TOKEN}")),
        &[],
    )
    .await
}

async fn call_with(
    app: &Router,
    method: &str,
    path: &str,
    body: Option<Value>,
    auth: Option<&str>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut req = Request::builder()
        .method(method)
        .uri(format!("/scim/v2{path}"))
        .header("accept", "application/scim+json");
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = match body {
        Some(b) => req
            .header("content-type", "application/scim+json; charset=utf-8")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn okta_user(user_name: &str) -> Value {
    // Okta's U2 body.
    json!({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":user_name,
        "name":{"givenName":"Test","familyName":"User"},
        "emails":[{"primary":true,"value":user_name,"type":"work"}],
        "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
        "groups":[],"password":"1mz050nq","active":true})
}

fn is_list_response(v: &Value) {
    assert_eq!(
        v["schemas"][0],
        "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    );
    assert!(
        v["totalResults"].is_u64() && v["startIndex"].is_u64() && v["itemsPerPage"].is_u64(),
        "{v}"
    );
}

fn is_error(v: &Value, status: &str) {
    assert_eq!(
        v["schemas"][0], "urn:ietf:params:scim:api:messages:2.0:Error",
        "{v}"
    );
    assert_eq!(v["status"], status, "status is a string: {v}");
    assert!(!v["detail"].as_str().unwrap_or("").is_empty());
}

#[tokio::test]
async fn okta_user_provisioning_u1_to_u6() {
    for (name, app) in stores() {
        // U1: the lookup before create finds nothing.
        let r = call(
            &app,
            "GET",
            "/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100",
            None,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        is_list_response(&r.body);
        assert_eq!(r.body["totalResults"], 0);
        assert_eq!(r.body["Resources"], json!([]));
        // U2: create.
        let r = call(
            &app,
            "POST",
            "/Users",
            Some(okta_user("test.user@okta.local")),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.body);
        let id = r.body["id"].as_str().unwrap().to_owned();
        assert!(
            r.body.get("password").is_none(),
            "password is never returned"
        );
        assert_eq!(r.body["meta"]["resourceType"], "User");
        assert_eq!(
            r.headers["location"],
            format!("https://app.example.com/scim/v2/Users/{id}").as_str()
        );
        assert!(r.headers.contains_key("etag"));
        // U2 again: 409.
        let r = call(
            &app,
            "POST",
            "/Users",
            Some(okta_user("TEST.USER@okta.local")),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "{name}: userName is unique ignoring case"
        );
        is_error(&r.body, "409");
        assert_eq!(r.body["scimType"], "uniqueness");
        // U1 now finds it, also with another case (userName is not case-exact).
        let r = call(
            &app,
            "GET",
            "/Users?filter=userName%20eq%20%22Test.User%40okta.local%22",
            None,
        )
        .await;
        assert_eq!(r.body["totalResults"], 1, "{name}");
        assert_eq!(r.body["Resources"][0]["id"], id.as_str());
        // U4: get.
        let r = call(&app, "GET", &format!("/Users/{id}"), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.body["name"]["familyName"], "User");
        // U5: PUT the whole object.
        let mut user = r.body.clone();
        user["name"]["familyName"] = json!("Renamed");
        user["name"]["middleName"] = json!("M");
        let r = call(&app, "PUT", &format!("/Users/{id}"), Some(user)).await;
        assert_eq!(r.status, StatusCode::OK, "{name}: {}", r.body);
        assert_eq!(r.body["name"]["familyName"], "Renamed");
        // U6: deactivate and reactivate with a path-less replace.
        for active in [false, true] {
            let r = call(
                &app,
                "PATCH",
                &format!("/Users/{id}"),
                Some(json!({
                "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations":[{"op":"replace","value":{"active":active}}]})),
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{name}: {}", r.body);
            assert_eq!(r.body["active"], active);
        }
    }
}

#[tokio::test]
async fn u3_paging_is_stable_and_counts_are_integers() {
    for (name, app) in stores() {
        for i in 0..7 {
            call(
                &app,
                "POST",
                "/Users",
                Some(okta_user(&format!("u{i}@example.com"))),
            )
            .await;
        }
        let mut seen = Vec::new();
        let mut start = 1;
        loop {
            let r = call(
                &app,
                "GET",
                &format!("/Users?startIndex={start}&count=3"),
                None,
            )
            .await;
            is_list_response(&r.body);
            assert_eq!(r.body["totalResults"], 7, "{name}");
            let page = r.body["Resources"].as_array().unwrap().clone();
            if page.is_empty() {
                break;
            }
            assert_eq!(r.body["itemsPerPage"], page.len());
            seen.extend(
                page.iter()
                    .map(|u| u["userName"].as_str().unwrap().to_owned()),
            );
            start += 3;
        }
        let expected: Vec<String> = (0..7).map(|i| format!("u{i}@example.com")).collect();
        assert_eq!(seen, expected, "{name}: creation order, each once");
        // count=0 answers the total only; startIndex below 1 counts as 1.
        let r = call(&app, "GET", "/Users?count=0", None).await;
        assert_eq!(r.body["totalResults"], 7);
        assert_eq!(r.body["Resources"], json!([]));
        let r = call(&app, "GET", "/Users?startIndex=0&count=1", None).await;
        assert_eq!(r.body["startIndex"], 1);
        // Sorting.
        let r = call(
            &app,
            "GET",
            "/Users?sortBy=userName&sortOrder=descending&count=2",
            None,
        )
        .await;
        assert_eq!(
            r.body["Resources"][0]["userName"], "u6@example.com",
            "{name}"
        );
    }
}

#[tokio::test]
async fn okta_group_push_g1_to_g8() {
    for (name, app) in stores() {
        let a = call(&app, "POST", "/Users", Some(okta_user("a@example.com")))
            .await
            .body["id"]
            .clone();
        let b = call(&app, "POST", "/Users", Some(okta_user("b@example.com")))
            .await
            .body["id"]
            .clone();
        // G1.
        let r = call(&app, "POST", "/Groups", Some(json!({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.body);
        let gid = r.body["id"].as_str().unwrap().to_owned();
        // G2, G3.
        let r = call(&app, "GET", "/Groups?startIndex=1&count=100", None).await;
        assert_eq!(r.body["totalResults"], 1);
        let r = call(
            &app,
            "GET",
            "/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100",
            None,
        )
        .await;
        assert_eq!(r.body["totalResults"], 1, "{name}");
        // G4.
        assert_eq!(
            call(&app, "GET", &format!("/Groups/{gid}"), None)
                .await
                .body["displayName"],
            "Test SCIMv2"
        );
        // G5: rename with a path-less replace carrying the same id.
        let r = call(
            &app,
            "PATCH",
            &format!("/Groups/{gid}"),
            Some(
                json!({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations":[{"op":"replace","value":{"id":gid,"displayName":"Renamed"}}]}),
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{name}: {}", r.body);
        assert_eq!(r.body["displayName"], "Renamed");
        // G7: full membership push.
        let r = call(&app, "PATCH", &format!("/Groups/{gid}"), Some(json!({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations":[{"op":"replace","path":"members","value":[{"value":a,"display":"a"},{"value":b,"display":"b"}]}]}))).await;
        assert_eq!(
            r.body["members"].as_array().unwrap().len(),
            2,
            "{name}: {}",
            r.body
        );
        // G6: remove one member by filter, add another.
        let r = call(&app, "PATCH", &format!("/Groups/{gid}"), Some(json!({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations":[{"op":"remove","path":format!("members[value eq \"{}\"]", a.as_str().unwrap())},
                          {"op":"add","path":"members","value":[{"value":"c-id","display":"c"}]}]}))).await;
        assert_eq!(r.status, StatusCode::OK, "{name}: {}", r.body);
        let members: Vec<&str> = r.body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["value"].as_str().unwrap())
            .collect();
        assert_eq!(members, [b.as_str().unwrap(), "c-id"]);
        // G8.
        let r = call(&app, "DELETE", &format!("/Groups/{gid}"), None).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(r.body, Value::Null);
        assert_eq!(
            call(&app, "GET", &format!("/Groups/{gid}"), None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn okta_spec_test_steps() {
    for (name, app) in stores() {
        call(&app, "POST", "/Users", Some(okta_user("existing@atko.com"))).await;
        // 1.
        let r = call(&app, "GET", "/Users?count=1&startIndex=1", None).await;
        is_list_response(&r.body);
        let u = &r.body["Resources"][0];
        for field in ["id", "userName"] {
            assert!(
                !u[field].as_str().unwrap_or("").is_empty(),
                "{name}: {field}"
            );
        }
        assert!(
            u["active"].is_boolean()
                && u["name"]["familyName"].is_string()
                && u["emails"][0]["value"].is_string()
        );
        let id = u["id"].as_str().unwrap().to_owned();
        // 2.
        assert_eq!(
            call(&app, "GET", &format!("/Users/{id}"), None).await.body["id"],
            id.as_str()
        );
        // 3 and 5.
        let r = call(
            &app,
            "GET",
            "/Users?filter=userName%20eq%20%22abcdefgh%40atko.com%22",
            None,
        )
        .await;
        assert_eq!(r.body["totalResults"], 0);
        // 4 and 12.
        for missing in ["010101001010101011001010101011", "00919288221112222"] {
            let r = call(&app, "GET", &format!("/Users/{missing}"), None).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND);
            is_error(&r.body, "404");
        }
        // 6, 7, 8.
        let body = json!({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"RunscopeAbc@atko.com",
            "name":{"givenName":"Runscope123","familyName":"Abcdefghi123"},
            "emails":[{"primary":true,"value":"RunscopeAbc@atko.com","type":"work"}],"displayName":"R A","active":true});
        let r = call(&app, "POST", "/Users", Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.body["active"], true);
        assert_eq!(r.body["name"]["givenName"], "Runscope123");
        assert_eq!(
            r.body["schemas"][0],
            "urn:ietf:params:scim:schemas:core:2.0:User"
        );
        let new_id = r.body["id"].as_str().unwrap().to_owned();
        assert_eq!(
            call(&app, "GET", &format!("/Users/{new_id}"), None)
                .await
                .body["userName"],
            "RunscopeAbc@atko.com"
        );
        assert_eq!(
            call(&app, "POST", "/Users", Some(body)).await.status,
            StatusCode::CONFLICT
        );
        // 9.
        let r = call(
            &app,
            "GET",
            "/Users?filter=userName%20eq%20%22RUNSCOPEABC%40ATKO.COM%22",
            None,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        // 10.
        let r = call(&app, "GET", "/Groups", None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body["Resources"].is_array());
        // 11.
        let r = call_with(
            &app,
            "GET",
            "/Users?filter=userName%20eq%20%22x%22",
            None,
            Some("non-token"),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{name}");
        is_error(&r.body, "401");
    }
}

#[tokio::test]
async fn authentication_is_required_everywhere() {
    let (_, app) = stores().remove(0);
    for path in [
        "/Users",
        "/Groups",
        "/ServiceProviderConfig",
        "/Schemas",
        "/ResourceTypes",
    ] {
        let r = call_with(&app, "GET", path, None, None, &[]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
        let r = call_with(&app, "GET", path, None, Some("Bearer wrong"), &[]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn bad_requests_get_scim_errors() {
    let (_, app) = stores().remove(0);
    let r = call(&app, "GET", "/Users?filter=userName%20eq", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["scimType"], "invalidFilter");
    assert!(
        r.body["detail"].as_str().unwrap().contains("position"),
        "{}",
        r.body
    );
    let r = call(
        &app,
        "POST",
        "/Users",
        Some(json!({"name":{"givenName":"x"}})),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["scimType"], "invalidValue");
    let big = json!({"userName": "x".repeat(70 * 1024)});
    let r = call(&app, "POST", "/Users", Some(big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    is_error(&r.body, "413");
    let r = call(
        &app,
        "PATCH",
        "/Users/nope",
        Some(json!({"schemas":[],"Operations":[]})),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn etags_guard_updates_with_if_match() {
    for (name, app) in stores() {
        let r = call(&app, "POST", "/Users", Some(okta_user("etag@example.com"))).await;
        let id = r.body["id"].as_str().unwrap().to_owned();
        let etag = r.headers["etag"].to_str().unwrap().to_owned();
        let patch = json!({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"A"}]});
        let r = call_with(
            &app,
            "PATCH",
            &format!("/Users/{id}"),
            Some(patch.clone()),
            Some(&format!("Bearer {TOKEN}")),
            &[("if-match", &etag)],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        let r = call_with(
            &app,
            "PATCH",
            &format!("/Users/{id}"),
            Some(patch),
            Some(&format!("Bearer {TOKEN}")),
            &[("if-match", &etag)],
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::PRECONDITION_FAILED,
            "{name}: the old ETag is stale"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_patches_never_lose_an_update() {
    for (name, app) in stores() {
        let gid = call(&app, "POST", "/Groups", Some(json!({"displayName":"busy"})))
            .await
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let app = app.clone();
                let gid = gid.clone();
                tokio::spawn(async move {
                    call(&app, "PATCH", &format!("/Groups/{gid}"), Some(json!({
                        "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                        "Operations":[{"op":"add","path":"members","value":[{"value":format!("m{i}")}]}]}))).await.status
                })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), StatusCode::OK, "{name}");
        }
        let r = call(&app, "GET", &format!("/Groups/{gid}"), None).await;
        assert_eq!(
            r.body["members"].as_array().unwrap().len(),
            40,
            "{name}: every add survived"
        );
    }
}

#[tokio::test]
async fn attributes_and_excluded_attributes_shape_answers() {
    let (_, app) = stores().remove(0);
    let id = call(&app, "POST", "/Users", Some(okta_user("p@example.com")))
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = call(
        &app,
        "GET",
        &format!("/Users/{id}?attributes=userName,name.givenName"),
        None,
    )
    .await;
    assert_eq!(r.body["userName"], "p@example.com");
    assert_eq!(r.body["name"]["givenName"], "Test");
    assert!(r.body["name"].get("familyName").is_none());
    assert!(r.body.get("emails").is_none());
    assert_eq!(r.body["id"], id.as_str(), "id is always returned");
    let r = call(&app, "GET", "/Users?excludedAttributes=emails", None).await;
    assert!(r.body["Resources"][0].get("emails").is_none());
    assert!(r.body["Resources"][0].get("userName").is_some());
}

#[tokio::test]
async fn discovery_endpoints_describe_the_server() {
    let (_, app) = stores().remove(0);
    let r = call(&app, "GET", "/ServiceProviderConfig", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["patch"]["supported"], true);
    assert_eq!(r.body["filter"]["supported"], true);
    let r = call(&app, "GET", "/ResourceTypes", None).await;
    is_list_response(&r.body);
    assert_eq!(r.body["totalResults"], 2);
    let r = call(&app, "GET", "/Schemas", None).await;
    is_list_response(&r.body);
    let r = call(
        &app,
        "GET",
        "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["id"], "urn:ietf:params:scim:schemas:core:2.0:User");
}

#[tokio::test]
async fn search_endpoint_takes_a_search_request() {
    let (_, app) = stores().remove(0);
    call(&app, "POST", "/Users", Some(okta_user("s1@example.com"))).await;
    call(&app, "POST", "/Users", Some(okta_user("s2@example.com"))).await;
    let r = call(
        &app,
        "POST",
        "/Users/.search",
        Some(
            json!({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter":"userName sw \"s1\"","startIndex":1,"count":10}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["totalResults"], 1);
    let r = call(
        &app,
        "POST",
        "/.search",
        Some(json!({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]})),
    )
    .await;
    assert_eq!(r.body["totalResults"], 2);
}

#[tokio::test]
async fn a_registered_extension_behaves_as_its_schema_declares() {
    use okta_mgmt::scim::schema::{AttributeDef, AttributeType, SchemaDef, SchemaRegistry};
    const EXT: &str = "urn:example:params:scim:schemas:extension:badges:2.0:User";
    let registry = SchemaRegistry::scim_default()
        .with_schema(SchemaDef::new(
            EXT,
            "Badges",
            "Badges earned",
            vec![AttributeDef::new("badges", AttributeType::String).with_multi_valued(true)],
        ))
        .with_extension("urn:ietf:params:scim:schemas:core:2.0:User", EXT);
    let server =
        ScimServer::new(MemoryStore::new(), BearerToken::new(TOKEN)).schema_registry(registry);
    let app = Router::new().nest("/scim/v2", server.router());
    let mut body = okta_user("badges@example.com");
    body[EXT] = json!({"level": 1});
    body["schemas"] = json!(["urn:ietf:params:scim:schemas:core:2.0:User", EXT]);
    let id = call(&app, "POST", "/Users", Some(body)).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Multi-valued per the registered schema: `add` appends instead of replacing.
    let r = call(
        &app,
        "PATCH",
        &format!("/Users/{id}"),
        Some(json!({
        "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations":[{"op":"add","path":format!("{EXT}:badges"),"value":["second"]}]})),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body[EXT]["badges"], json!(["second"]));
    // And /Schemas describes it.
    let r = call(&app, "GET", &format!("/Schemas/{EXT}"), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["attributes"][0]["multiValued"], true);
}

/// Attribute names ignore case, so one object may not carry `userName` and `USERNAME`, or
/// `id` and `ID`: some checks would read one spelling and storage the other (a second
/// `alice`, a client-chosen id, a password kept under another spelling).
#[tokio::test]
async fn names_repeated_in_another_case_are_refused() {
    for (store, app) in stores() {
        let alice = call(&app, "POST", "/Users", Some(okta_user("alice@example.com"))).await;
        assert_eq!(alice.status, StatusCode::CREATED, "{store}");
        let alice_id = alice.body["id"].as_str().unwrap().to_owned();
        for (name, value) in [
            ("USERNAME", json!("zzz@example.com")),
            ("ID", json!("attacker-id")),
            ("PASSWORD", json!("p2")),
        ] {
            let mut body = okta_user("bob@example.com");
            body["id"] = json!("attacker-id");
            body[name] = value;
            if name != "ID" {
                body.as_object_mut().unwrap().remove("id");
            }
            let answer = call(&app, "POST", "/Users", Some(body)).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{store} {name}");
            is_error(&answer.body, "400");
            assert_eq!(answer.body["scimType"], "invalidSyntax", "{store} {name}");
        }
        // Nested objects too.
        let mut body = okta_user("carol@example.com");
        body["name"]["GIVENNAME"] = json!("Eve");
        let answer = call(&app, "POST", "/Users", Some(body)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{store}");
        // A replace cannot take over another resource's id either.
        let mut body = okta_user("alice@example.com");
        body["Id"] = json!(alice_id);
        body["id"] = json!("someone-else");
        let answer = call(&app, "PUT", &format!("/Users/{alice_id}"), Some(body)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{store}");
        // Only one alice exists.
        let list = call(
            &app,
            "GET",
            "/Users?filter=userName%20eq%20%22alice@example.com%22",
            None,
        )
        .await;
        assert_eq!(list.body["totalResults"], 1, "{store}");
    }
}

/// `replace emails.display` copies its value into every email: a large value times many
/// emails is refused instead of exhausting memory.
#[tokio::test]
async fn a_patch_value_copied_into_many_elements_is_bounded() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let mut user = okta_user("dave@example.com");
    user["emails"] = json!((0..100)
        .map(|i| json!({"value": format!("d{i}@example.com"), "type": "other"}))
        .collect::<Vec<_>>());
    let created = call(&app, "POST", "/Users", Some(user)).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let patch = |value: Value| {
        json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "emails.display", "value": value}]})
    };
    let big = "x".repeat(50 * 1024);
    let answer = call(
        &app,
        "PATCH",
        &format!("/Users/{id}"),
        Some(patch(json!(big))),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["scimType"], "tooMany");
    let answer = call(
        &app,
        "PATCH",
        &format!("/Users/{id}"),
        Some(patch(json!("work mail"))),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["emails"][99]["display"], "work mail");
}

/// Error details quote the request, but only so much of it.
#[tokio::test]
async fn error_details_do_not_echo_a_large_request() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let created = call(&app, "POST", "/Users", Some(okta_user("erin@example.com"))).await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "x".repeat(40_000), "path": "displayName", "value": "E"}]});
    let answer = call(&app, "PATCH", &format!("/Users/{id}"), Some(body)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body["detail"].as_str().unwrap().len() < 1_000,
        "{}",
        answer.body
    );
}

/// A deleted user leaves the groups that listed it: no group names a user that is gone.
#[tokio::test]
async fn deleting_a_user_takes_it_out_of_its_groups() {
    for (store, app) in stores() {
        let frank = call(&app, "POST", "/Users", Some(okta_user("frank@example.com"))).await;
        let grace = call(&app, "POST", "/Users", Some(okta_user("grace@example.com"))).await;
        let (frank, grace) = (
            frank.body["id"].as_str().unwrap().to_owned(),
            grace.body["id"].as_str().unwrap().to_owned(),
        );
        let group = call(
            &app,
            "POST",
            "/Groups",
            Some(json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                "displayName": "Ops",
                "members": [{"value": frank, "display": "frank"}, {"value": grace, "display": "grace"}]})),
        )
        .await;
        assert_eq!(group.status, StatusCode::CREATED, "{store}");
        let group_id = group.body["id"].as_str().unwrap().to_owned();
        let deleted = call(&app, "DELETE", &format!("/Users/{frank}"), None).await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{store}");
        let group = call(&app, "GET", &format!("/Groups/{group_id}"), None).await;
        let members: Vec<&str> = group.body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["value"].as_str().unwrap())
            .collect();
        assert_eq!(members, [grace.as_str()], "{store}");
    }
}
