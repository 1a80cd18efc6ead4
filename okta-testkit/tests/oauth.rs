//! The authorization servers: discovery, keys, the client credentials grant with its three
//! client authentication methods and their refusals, introspection, revocation, key
//! rotation, and the pipeline (rate limits, faults, request log) on these endpoints.

mod common;

use std::time::Duration;

use common::jose::{
    assertion, assertion_with, decode, ec_key, jwt_form, now, other_rsa_key, rsa_key, unique,
    verifies_with, Key, JWT_BEARER,
};
use common::{assert_okta_error, send, TestOrg};
use okta_testkit::{ClientAuth, FakeOrg, FakeOrgConfig, Fault, FaultKind, OAuthClientSpec};
use reqwest::{Client, RequestBuilder};
use serde_json::{json, Value};

/// A `POST` of this form to `url`.
fn form(client: &Client, url: &str, form: &[(&str, String)]) -> RequestBuilder {
    client.post(url).form(form)
}

/// A client with both shared test keys (`rsa-1` RS256, `ec-1` ES256) and these scopes.
fn jwt_client(org: &FakeOrg, scopes: &[&str]) -> String {
    let jwks = json!({ "keys": [rsa_key().client_jwk("rsa-1"), ec_key().client_jwk("ec-1")] });
    org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::PrivateKeyJwt { jwks }).with_scopes(scopes.to_vec()),
    )
    .client_id
}

/// Asserts an RFC 6749 error answer.
fn assert_oauth_error(status: u16, body: &Value, expected_status: u16, error: &str) {
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["error"], error, "{body}");
    assert!(body["error_description"].is_string(), "{body}");
}

/// Sends a `private_key_jwt` token request to the org server and returns status and body.
async fn jwt_token_request(t: &TestOrg, assertion: &str, scope: &str) -> (u16, Value) {
    send(form(
        &t.client,
        &t.org.token_endpoint("org"),
        &jwt_form(assertion, scope),
    ))
    .await
}

fn client_credentials(scope: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "client_credentials".to_owned()),
        ("scope", scope.to_owned()),
    ]
}

#[tokio::test]
async fn discovery_documents_describe_both_servers() {
    let t = TestOrg::start().await;
    let url = t.org.url();
    for (path, issuer, prefix) in [
        (
            "/.well-known/openid-configuration",
            url.clone(),
            format!("{url}/oauth2/v1"),
        ),
        (
            "/.well-known/oauth-authorization-server",
            url.clone(),
            format!("{url}/oauth2/v1"),
        ),
        (
            "/oauth2/default/.well-known/openid-configuration",
            format!("{url}/oauth2/default"),
            format!("{url}/oauth2/default/v1"),
        ),
        (
            "/.well-known/oauth-authorization-server/oauth2/default",
            format!("{url}/oauth2/default"),
            format!("{url}/oauth2/default/v1"),
        ),
    ] {
        let (status, doc) = send(t.client.get(format!("{url}{path}"))).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(doc["issuer"], issuer, "{path}");
        for (field, name) in [
            ("authorization_endpoint", "authorize"),
            ("token_endpoint", "token"),
            ("jwks_uri", "keys"),
            ("introspection_endpoint", "introspect"),
            ("revocation_endpoint", "revoke"),
            ("userinfo_endpoint", "userinfo"),
            ("end_session_endpoint", "logout"),
        ] {
            assert_eq!(doc[field], format!("{prefix}/{name}"), "{path} {field}");
        }
        assert_eq!(
            doc["grant_types_supported"],
            json!(["client_credentials", "authorization_code", "refresh_token"])
        );
        assert_eq!(
            doc["token_endpoint_auth_methods_supported"],
            json!([
                "client_secret_basic",
                "client_secret_post",
                "private_key_jwt"
            ])
        );
        assert_eq!(
            doc["dpop_signing_alg_values_supported"],
            json!(["ES256", "RS256"])
        );
        assert_eq!(doc["code_challenge_methods_supported"], json!(["S256"]));
        assert_eq!(
            doc["id_token_signing_alg_values_supported"],
            json!(["RS256"])
        );
        assert!(doc["response_types_supported"]
            .as_array()
            .unwrap()
            .contains(&json!("code")));
        assert!(doc["scopes_supported"]
            .as_array()
            .unwrap()
            .contains(&json!("openid")));
    }
    assert_eq!(t.org.issuer("org"), url);
    assert_eq!(t.org.issuer("default"), format!("{url}/oauth2/default"));
    assert_eq!(
        t.org.token_endpoint("org"),
        format!("{url}/oauth2/v1/token")
    );
    assert_eq!(
        t.org.token_endpoint("default"),
        format!("{url}/oauth2/default/v1/token")
    );
}

#[tokio::test]
async fn unknown_authorization_servers_are_404_okta_errors() {
    let t = TestOrg::start().await;
    let url = t.org.url();
    for path in [
        "/oauth2/nope/v1/keys",
        "/oauth2/nope/.well-known/openid-configuration",
        "/.well-known/oauth-authorization-server/oauth2/nope",
        // The org server is only reachable under /oauth2/v1.
        "/oauth2/org/v1/keys",
    ] {
        let (status, body) = send(t.client.get(format!("{url}{path}"))).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["errorCode"], "E0000007", "{path}");
    }
    let (status, body) = send(form(
        &t.client,
        &format!("{url}/oauth2/nope/v1/token"),
        &client_credentials("x"),
    ))
    .await;
    assert_eq!(status, 404);
    assert_okta_error(
        &body,
        "E0000007",
        "Not found: Resource not found: nope (AuthorizationServer)",
    );
}

#[tokio::test]
async fn jwks_publishes_an_rs256_and_an_es256_key_with_cache_control() {
    let mut config = FakeOrgConfig::default();
    config.jwks_max_age = Duration::from_secs(120);
    let t = TestOrg::start_with(config).await;
    let response = t
        .client
        .get(format!("{}/oauth2/v1/keys", t.org.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cache = response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cache.contains("max-age=120"), "{cache}");
    let jwks: Value = response.json().await.unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    let rsa = keys.iter().find(|key| key["kty"] == "RSA").unwrap();
    assert_eq!(rsa["alg"], "RS256");
    assert_eq!(rsa["use"], "sig");
    assert_eq!(rsa["e"], "AQAB");
    // A 2048-bit modulus: 256 bytes, 342 base64url characters.
    assert_eq!(rsa["n"].as_str().unwrap().len(), 342);
    assert!(rsa["kid"].as_str().is_some_and(|kid| !kid.is_empty()));
    let ec = keys.iter().find(|key| key["kty"] == "EC").unwrap();
    assert_eq!(ec["crv"], "P-256");
    assert_eq!(ec["alg"], "ES256");
    assert_eq!(ec["use"], "sig");
    assert_eq!(ec["x"].as_str().unwrap().len(), 43);
    assert_eq!(ec["y"].as_str().unwrap().len(), 43);
    assert_ne!(ec["kid"], rsa["kid"]);
    assert!(rsa.get("d").is_none() && ec.get("d").is_none());
    assert_eq!(jwks, t.org.jwks("org"));

    let (status, default_jwks) = send(
        t.client
            .get(format!("{}/oauth2/default/v1/keys", t.org.url())),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(default_jwks, t.org.jwks("default"));
    assert_ne!(
        default_jwks["keys"][0]["kid"], rsa["kid"],
        "each server has its own keys"
    );
}

#[tokio::test]
async fn client_secret_basic_gets_a_signed_okta_access_token() {
    let t = TestOrg::start().await;
    // Characters that RFC 6749 form-urlencoding changes.
    let client = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretBasic("s3:cr+t &%é".to_owned()))
            .with_client_id("0oa basic:client")
            .with_scopes(["okta.users.read", "okta.groups.read"]),
    );
    let authorization = client.basic_authorization().unwrap();
    let response = t
        .client
        .post(t.org.token_endpoint("org"))
        .header("Authorization", authorization)
        .form(&client_credentials("okta.users.read"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "okta.users.read");
    let token = body["access_token"].as_str().unwrap();

    let (header, claims) = decode(token);
    assert_eq!(header["alg"], "RS256");
    assert!(verifies_with(token, &t.org.jwks("org")));
    assert_eq!(claims["ver"], 1);
    assert!(claims["jti"].as_str().unwrap().starts_with("AT."));
    assert_eq!(claims["iss"], t.org.url());
    assert_eq!(claims["aud"], t.org.url());
    assert_eq!(claims["cid"], "0oa basic:client");
    assert_eq!(claims["sub"], "0oa basic:client");
    assert_eq!(claims["scp"], json!(["okta.users.read"]));
    let iat = claims["iat"].as_i64().unwrap();
    assert!((iat - now()).abs() <= 5);
    assert_eq!(claims["exp"].as_i64().unwrap(), iat + 3600);
    assert!(claims.get("cnf").is_none());
}

#[tokio::test]
async fn client_secret_post_gets_a_default_server_token_for_custom_scopes() {
    let t = TestOrg::start().await;
    let client = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretPost("post-secret".to_owned()))
            .with_scopes(["orders:read", "orders:write"]),
    );
    assert!(client.client_id.starts_with("0oa"));
    let mut params = client_credentials("orders:read orders:write");
    params.push(("client_id", client.client_id.clone()));
    params.push(("client_secret", "post-secret".to_owned()));
    let (status, body) = send(form(&t.client, &t.org.token_endpoint("default"), &params)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["scope"], "orders:read orders:write");
    let token = body["access_token"].as_str().unwrap();
    let (_, claims) = decode(token);
    assert_eq!(claims["iss"], format!("{}/oauth2/default", t.org.url()));
    assert_eq!(claims["aud"], "api://default");
    assert_eq!(claims["scp"], json!(["orders:read", "orders:write"]));
    assert!(verifies_with(token, &t.org.jwks("default")));
    assert!(!verifies_with(token, &t.org.jwks("org")));
}

#[tokio::test]
async fn private_key_jwt_accepts_rs256_and_es256_assertions() {
    let t = TestOrg::start().await;
    let id = jwt_client(&t.org, &["okta.users.read", "okta.users.manage"]);
    let aud = t.org.token_endpoint("org");

    let rs256 = assertion(rsa_key(), "rsa-1", &id, &aud);
    let (status, body) = jwt_token_request(&t, &rs256, "okta.users.read okta.users.manage").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["scope"], "okta.users.read okta.users.manage");
    assert_eq!(decode(body["access_token"].as_str().unwrap()).1["cid"], id);

    let es256 = assertion(ec_key(), "ec-1", &id, &aud);
    let (status, body) = jwt_token_request(&t, &es256, "okta.users.read").await;
    assert_eq!(status, 200, "{body}");

    // `aud` may be an array holding the token endpoint; `client_id` may be sent too.
    let now = now();
    let claims = json!({
        "iss": id, "sub": id, "aud": ["https://elsewhere.example", aud],
        "iat": now, "exp": now + 3600, "jti": unique(),
    });
    let mut params = jwt_form(
        &assertion_with(ec_key(), "ec-1", &claims),
        "okta.users.read",
    );
    params.push(("client_id", id.clone()));
    let (status, body) = send(form(&t.client, &aud, &params)).await;
    assert_eq!(status, 200, "{body}");

    // The default server wants its own token endpoint as the audience.
    let default = t.org.token_endpoint("default");
    let (status, body) = send(form(
        &t.client,
        &default,
        &jwt_form(
            &assertion(rsa_key(), "rsa-1", &id, &default),
            "okta.users.read",
        ),
    ))
    .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn secret_clients_are_refused_with_invalid_client() {
    let t = TestOrg::start().await;
    let basic = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretBasic("right".to_owned()))
            .with_scopes(["okta.users.read"]),
    );
    let post = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretPost("right".to_owned()))
            .with_scopes(["okta.users.read"]),
    );
    let url = t.org.token_endpoint("org");
    let basic_request = |id: &str, secret: &str| {
        t.client
            .post(&url)
            .basic_auth(id, Some(secret))
            .form(&client_credentials("okta.users.read"))
    };
    let post_request = |id: &str, secret: &str| {
        let mut params = client_credentials("okta.users.read");
        params.push(("client_id", id.to_owned()));
        params.push(("client_secret", secret.to_owned()));
        form(&t.client, &url, &params)
    };

    let (status, body) = send(basic_request(&basic.client_id, "right")).await;
    assert_eq!(status, 200, "{body}");
    for (what, request) in [
        ("bad basic secret", basic_request(&basic.client_id, "wrong")),
        ("unknown basic client", basic_request("0oaunknown", "right")),
        ("bad post secret", post_request(&post.client_id, "wrong")),
        ("unknown post client", post_request("0oaunknown", "right")),
        (
            "post used by a basic client",
            post_request(&basic.client_id, "right"),
        ),
        (
            "basic used by a post client",
            basic_request(&post.client_id, "right"),
        ),
        (
            "no credentials",
            form(&t.client, &url, &client_credentials("okta.users.read")),
        ),
    ] {
        let (status, body) = send(request).await;
        assert_eq!(status, 401, "{what}: {body}");
        assert_eq!(body["error"], "invalid_client", "{what}");
    }

    // Two methods at once are a malformed request.
    let mut params = client_credentials("okta.users.read");
    params.push(("client_id", basic.client_id.clone()));
    params.push(("client_secret", "right".to_owned()));
    let (status, body) = send(
        t.client
            .post(&url)
            .basic_auth(&basic.client_id, Some("right"))
            .form(&params),
    )
    .await;
    assert_oauth_error(status, &body, 400, "invalid_request");
}

#[tokio::test]
async fn private_key_jwt_assertions_are_checked() {
    let t = TestOrg::start().await;
    let id = jwt_client(&t.org, &["okta.users.read"]);
    let aud = t.org.token_endpoint("org");
    let now = now();
    let claims = |changes: Value| {
        let mut claims = json!({
            "iss": id, "sub": id, "aud": aud, "iat": now, "exp": now + 300, "jti": unique(),
        });
        for (name, value) in changes.as_object().unwrap() {
            if value.is_null() {
                claims.as_object_mut().unwrap().remove(name);
            } else {
                claims[name] = value.clone();
            }
        }
        claims
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "wrong aud",
            assertion_with(rsa_key(), "rsa-1", &claims(json!({ "aud": t.org.url() }))),
        ),
        (
            "another server's token endpoint as aud",
            assertion_with(
                rsa_key(),
                "rsa-1",
                &claims(json!({ "aud": t.org.token_endpoint("default") })),
            ),
        ),
        (
            "expired",
            assertion_with(
                rsa_key(),
                "rsa-1",
                &claims(json!({ "iat": now - 900, "exp": now - 600 })),
            ),
        ),
        (
            "exp more than an hour after iat",
            assertion_with(rsa_key(), "rsa-1", &claims(json!({ "exp": now + 7200 }))),
        ),
        (
            "iat in the future",
            assertion_with(
                rsa_key(),
                "rsa-1",
                &claims(json!({ "iat": now + 600, "exp": now + 900 })),
            ),
        ),
        (
            "no jti",
            assertion_with(rsa_key(), "rsa-1", &claims(json!({ "jti": null }))),
        ),
        (
            "no exp",
            assertion_with(rsa_key(), "rsa-1", &claims(json!({ "exp": null }))),
        ),
        (
            "sub is not the client",
            assertion_with(rsa_key(), "rsa-1", &claims(json!({ "sub": "someone" }))),
        ),
        (
            "unknown kid",
            assertion_with(rsa_key(), "rsa-unknown", &claims(json!({}))),
        ),
        (
            "bad signature (another key under a registered kid)",
            assertion_with(other_rsa_key(), "rsa-1", &claims(json!({}))),
        ),
        (
            "ES256 key used with the RSA kid",
            assertion_with(ec_key(), "rsa-1", &claims(json!({}))),
        ),
        (
            "alg none",
            format!(
                "{}.{}.",
                common::jose::b64(br#"{"alg":"none","kid":"rsa-1"}"#),
                common::jose::b64(claims(json!({})).to_string().as_bytes())
            ),
        ),
        ("not a JWT", "not-a-jwt".to_owned()),
        (
            "unknown client",
            assertion_with(
                rsa_key(),
                "rsa-1",
                &claims(json!({ "iss": "0oanobody", "sub": "0oanobody" })),
            ),
        ),
    ];
    for (what, assertion) in cases {
        let (status, body) = jwt_token_request(&t, &assertion, "okta.users.read").await;
        assert_eq!(status, 401, "{what}: {body}");
        assert_eq!(body["error"], "invalid_client", "{what}: {body}");
    }

    // A wrong assertion type.
    let mut params = jwt_form(
        &assertion_with(rsa_key(), "rsa-1", &claims(json!({}))),
        "okta.users.read",
    );
    params[2].1 = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer".to_owned();
    let (status, body) = send(form(&t.client, &aud, &params)).await;
    assert_oauth_error(status, &body, 401, "invalid_client");
}

#[tokio::test]
async fn a_replayed_client_assertion_is_refused() {
    let t = TestOrg::start().await;
    let id = jwt_client(&t.org, &["okta.users.read"]);
    let assertion = assertion(rsa_key(), "rsa-1", &id, &t.org.token_endpoint("org"));
    let (status, body) = jwt_token_request(&t, &assertion, "okta.users.read").await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = jwt_token_request(&t, &assertion, "okta.users.read").await;
    assert_oauth_error(status, &body, 401, "invalid_client");
    assert!(body["error_description"].as_str().unwrap().contains("jti"));
}

#[tokio::test]
async fn scopes_must_be_allowed_and_okta_scopes_on_the_org_server() {
    let t = TestOrg::start().await;
    let id = jwt_client(&t.org, &["okta.users.read", "custom:scope"]);
    let org_aud = t.org.token_endpoint("org");

    let disallowed = assertion(rsa_key(), "rsa-1", &id, &org_aud);
    let (status, body) = jwt_token_request(&t, &disallowed, "okta.users.manage").await;
    assert_oauth_error(status, &body, 400, "invalid_scope");

    // Allowed for the client, but not an okta.* scope: the org server refuses it.
    let custom = assertion(rsa_key(), "rsa-1", &id, &org_aud);
    let (status, body) = jwt_token_request(&t, &custom, "custom:scope").await;
    assert_oauth_error(status, &body, 400, "invalid_scope");

    let missing = assertion(rsa_key(), "rsa-1", &id, &org_aud);
    let (status, body) = jwt_token_request(&t, &missing, "").await;
    assert_oauth_error(status, &body, 400, "invalid_scope");

    // The default server grants any scope allowed for the client.
    let default = t.org.token_endpoint("default");
    let (status, body) = send(form(
        &t.client,
        &default,
        &jwt_form(
            &assertion(rsa_key(), "rsa-1", &id, &default),
            "custom:scope",
        ),
    ))
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = send(form(
        &t.client,
        &default,
        &jwt_form(&assertion(rsa_key(), "rsa-1", &id, &default), "other:scope"),
    ))
    .await;
    assert_oauth_error(status, &body, 400, "invalid_scope");
}

#[tokio::test]
async fn malformed_token_requests_are_refused() {
    let t = TestOrg::start().await;
    let client = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretBasic("secret".to_owned()))
            .with_scopes(["okta.users.read"]),
    );
    let url = t.org.token_endpoint("org");
    let authed = || {
        t.client
            .post(&url)
            .header("Authorization", client.basic_authorization().unwrap())
    };

    let params = vec![
        ("grant_type", "password".to_owned()),
        ("scope", "okta.users.read".to_owned()),
    ];
    let (status, body) = send(authed().form(&params)).await;
    assert_oauth_error(status, &body, 400, "unsupported_grant_type");

    let (status, body) = send(authed().form(&[("scope", "okta.users.read")])).await;
    assert_oauth_error(status, &body, 400, "invalid_request");

    let (status, body) = send(
        authed()
            .header("Content-Type", "application/json")
            .body(r#"{"grant_type":"client_credentials"}"#),
    )
    .await;
    assert_oauth_error(status, &body, 400, "invalid_request");

    let (status, body) = send(
        authed()
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials&scope=a&scope=b"),
    )
    .await;
    assert_oauth_error(status, &body, 400, "invalid_request");

    let response = t.client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 405);
}

#[tokio::test]
async fn introspection_reports_active_tokens_and_revocation_deactivates_them() {
    let t = TestOrg::start().await;
    let client = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretPost("secret".to_owned())).with_scopes([
            "okta.users.read",
            "okta.groups.read",
            "api:read",
        ]),
    );
    let with_client = |mut params: Vec<(&'static str, String)>| {
        params.push(("client_id", client.client_id.clone()));
        params.push(("client_secret", "secret".to_owned()));
        params
    };
    let (status, body) = send(form(
        &t.client,
        &t.org.token_endpoint("org"),
        &with_client(client_credentials("okta.users.read okta.groups.read")),
    ))
    .await;
    assert_eq!(status, 200, "{body}");
    let token = body["access_token"].as_str().unwrap().to_owned();
    let (_, claims) = decode(&token);

    let introspect = format!("{}/oauth2/v1/introspect", t.org.url());
    let revoke = format!("{}/oauth2/v1/revoke", t.org.url());
    let token_param = |token: &str| with_client(vec![("token", token.to_owned())]);

    let (status, answer) = send(form(&t.client, &introspect, &token_param(&token))).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["active"], true);
    assert_eq!(answer["scope"], "okta.users.read okta.groups.read");
    assert_eq!(answer["client_id"], client.client_id);
    assert_eq!(answer["token_type"], "Bearer");
    assert_eq!(answer["sub"], client.client_id);
    assert_eq!(answer["iss"], t.org.url());
    assert_eq!(answer["aud"], t.org.url());
    for claim in ["exp", "iat", "jti"] {
        assert_eq!(answer[claim], claims[claim], "{claim}");
    }

    // Unknown, foreign and expired tokens are inactive.
    let (_, default_body) = send(form(
        &t.client,
        &t.org.token_endpoint("default"),
        &with_client(client_credentials("api:read")),
    ))
    .await;
    let default_token = default_body["access_token"].as_str().unwrap();
    let expired = t.org.mint_access_token(
        "org",
        json!({ "iss": t.org.url(), "aud": t.org.url(), "exp": now() - 10, "cid": client.client_id }),
    );
    for inactive in ["garbage", default_token, &expired] {
        let (status, answer) = send(form(&t.client, &introspect, &token_param(inactive))).await;
        assert_eq!(status, 200);
        assert_eq!(answer, json!({ "active": false }));
    }
    // ... but the default server knows its own.
    let (_, answer) = send(form(
        &t.client,
        &format!("{}/oauth2/default/v1/introspect", t.org.url()),
        &token_param(default_token),
    ))
    .await;
    assert_eq!(answer["active"], true);
    assert_eq!(answer["aud"], "api://default");

    // Introspection needs client authentication and a token.
    let (status, body) = send(form(&t.client, &introspect, &[("token", token.clone())])).await;
    assert_oauth_error(status, &body, 401, "invalid_client");
    let (status, body) = send(form(&t.client, &introspect, &with_client(Vec::new()))).await;
    assert_oauth_error(status, &body, 400, "invalid_request");

    let response = t
        .client
        .post(&revoke)
        .form(&token_param(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.bytes().await.unwrap().is_empty());
    let (_, answer) = send(form(&t.client, &introspect, &token_param(&token))).await;
    assert_eq!(answer, json!({ "active": false }));

    // Revoking an unknown token is fine too.
    let (status, _) = send(form(&t.client, &revoke, &token_param("unknown"))).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn private_key_jwt_clients_introspect_with_an_assertion_for_that_endpoint() {
    let t = TestOrg::start().await;
    let id = jwt_client(&t.org, &["okta.users.read"]);
    let (_, body) = jwt_token_request(
        &t,
        &assertion(rsa_key(), "rsa-1", &id, &t.org.token_endpoint("org")),
        "okta.users.read",
    )
    .await;
    let token = body["access_token"].as_str().unwrap().to_owned();
    let introspect = format!("{}/oauth2/v1/introspect", t.org.url());
    let params = |aud: &str| {
        vec![
            ("token", token.clone()),
            ("client_assertion_type", JWT_BEARER.to_owned()),
            ("client_assertion", assertion(ec_key(), "ec-1", &id, aud)),
        ]
    };
    let (status, answer) = send(form(&t.client, &introspect, &params(&introspect))).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["active"], true);
    let (status, answer) = send(form(
        &t.client,
        &introspect,
        &params(&t.org.token_endpoint("org")),
    ))
    .await;
    assert_eq!(
        status, 200,
        "the token endpoint is accepted as aud too: {answer}"
    );
    let (status, body) = send(form(&t.client, &introspect, &params(&t.org.url()))).await;
    assert_oauth_error(status, &body, 401, "invalid_client");
}

#[tokio::test]
async fn key_rotation_keeps_old_keys_published_until_retired() {
    let t = TestOrg::start().await;
    let client = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretPost("secret".to_owned()))
            .with_scopes(["okta.users.read"]),
    );
    let token_request = || {
        let mut params = client_credentials("okta.users.read");
        params.push(("client_id", client.client_id.clone()));
        params.push(("client_secret", "secret".to_owned()));
        form(&t.client, &t.org.token_endpoint("org"), &params)
    };
    let kids = |jwks: &Value| -> Vec<String> {
        jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|key| key["kid"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, body) = send(token_request()).await;
    let old_token = body["access_token"].as_str().unwrap().to_owned();
    let old_kid = decode(&old_token).0["kid"].as_str().unwrap().to_owned();
    let before = t.org.jwks("org");
    let default_before = t.org.jwks("default");
    assert_eq!(kids(&before).len(), 2);

    t.org.rotate_keys("org");
    let (_, rotated) = send(t.client.get(format!("{}/oauth2/v1/keys", t.org.url()))).await;
    let rotated_kids = kids(&rotated);
    assert_eq!(rotated_kids.len(), 4);
    assert!(rotated_kids.contains(&old_kid));
    assert_ne!(rotated_kids[0], old_kid, "the new key comes first");
    assert_eq!(
        t.org.jwks("default"),
        default_before,
        "other servers keep their keys"
    );

    let (_, body) = send(token_request()).await;
    let new_token = body["access_token"].as_str().unwrap().to_owned();
    let new_kid = decode(&new_token).0["kid"].as_str().unwrap().to_owned();
    assert_ne!(new_kid, old_kid);
    assert_eq!(new_kid, rotated_kids[0]);
    assert!(verifies_with(&new_token, &rotated));
    assert!(verifies_with(&old_token, &rotated));
    let users = |token: &str| {
        t.client
            .get(format!("{}/api/v1/users", t.org.url()))
            .bearer_auth(token)
    };
    assert_eq!(send(users(&old_token)).await.0, 200);

    t.org.retire_old_keys("org");
    let retired = t.org.jwks("org");
    assert_eq!(kids(&retired).len(), 2);
    assert!(!kids(&retired).contains(&old_kid));
    assert!(kids(&retired).contains(&new_kid));
    assert_eq!(send(users(&old_token)).await.0, 401);
    assert_eq!(send(users(&new_token)).await.0, 200);
}

#[tokio::test]
async fn minted_tokens_carry_exactly_the_given_claims() {
    let t = TestOrg::start().await;
    let claims = json!({ "iss": "https://issuer.example", "aud": "api://x", "custom": [1, 2] });
    let token = t.org.mint_access_token("default", claims.clone());
    let (header, decoded) = decode(&token);
    assert_eq!(decoded, claims);
    assert_eq!(header["alg"], "RS256");
    assert!(verifies_with(&token, &t.org.jwks("default")));
    assert!(!verifies_with(&token, &t.org.jwks("org")));
    let kid = header["kid"].as_str().unwrap();
    assert_eq!(t.org.jwks("default")["keys"][0]["kid"], kid);
}

#[tokio::test]
async fn a_bad_client_jwks_fails_client_creation() {
    let t = TestOrg::start().await;
    let org = &t.org;
    let no_kid = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        org.create_oauth_client(OAuthClientSpec::new(ClientAuth::PrivateKeyJwt {
            jwks: json!({ "keys": [Key::new_ec().public_jwk()] }),
        }))
    }));
    assert!(no_kid.is_err());
    let taken = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let spec =
            OAuthClientSpec::new(ClientAuth::SecretPost("s".to_owned())).with_client_id("same");
        org.create_oauth_client(spec.clone());
        org.create_oauth_client(spec)
    }));
    assert!(taken.is_err());
}

#[tokio::test]
async fn rate_limits_faults_and_the_request_log_cover_the_token_endpoint() {
    let t = TestOrg::start().await;
    let client = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretBasic("secret".to_owned()))
            .with_scopes(["okta.users.read"]),
    );
    let request = || {
        t.client
            .post(t.org.token_endpoint("org"))
            .header("Authorization", client.basic_authorization().unwrap())
            .form(&client_credentials("okta.users.read"))
    };
    t.org
        .set_bucket_rate_limit("POST /oauth2/v1/token", 1, Duration::from_secs(60));
    let first = request().send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["x-rate-limit-limit"], "1");
    let second = request().send().await.unwrap();
    assert_eq!(second.status(), 429);
    t.org.clear_rate_limits();

    t.org
        .inject(Fault::new(FaultKind::Status(503)).on("POST", "/oauth2/v1/token"));
    assert_eq!(request().send().await.unwrap().status(), 503);
    assert_eq!(request().send().await.unwrap().status(), 200);

    let logged: Vec<(String, u16)> = t
        .org
        .requests()
        .iter()
        .map(|r| (r.path.clone(), r.status))
        .collect();
    assert_eq!(
        logged,
        [
            ("/oauth2/v1/token".to_owned(), 200),
            ("/oauth2/v1/token".to_owned(), 429),
            ("/oauth2/v1/token".to_owned(), 503),
            ("/oauth2/v1/token".to_owned(), 200),
        ]
    );
    assert!(t.org.requests()[0].header("authorization").is_some());
}
