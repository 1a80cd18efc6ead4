//! DPoP at the token endpoint, and Management API calls made with access tokens of the
//! org authorization server (`Bearer` and `DPoP`).

mod common;

use common::jose::{
    assertion, decode, dpop_proof, dpop_proof_with, ec_key, jwt_form, now, other_rsa_key, rsa_key,
    sha256_b64, unique, Key,
};
use common::{assert_okta_error, send, TestOrg};
use okta_testkit::{ClientAuth, OAuthClient, OAuthClientSpec};
use reqwest::{RequestBuilder, Response};
use serde_json::{json, Value};

const ALL_SCOPES: [&str; 4] = [
    "okta.users.read",
    "okta.users.manage",
    "okta.groups.read",
    "okta.groups.manage",
];

fn basic_client(t: &TestOrg, scopes: &[&str], require_dpop: bool) -> OAuthClient {
    t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::SecretBasic(unique()))
            .with_scopes(scopes.to_vec())
            .with_dpop_required(require_dpop),
    )
}

/// A token request of `client` for `scope`, with an optional DPoP proof.
fn token_request(
    t: &TestOrg,
    client: &OAuthClient,
    scope: &str,
    proof: Option<&str>,
) -> RequestBuilder {
    let mut request = t
        .client
        .post(t.org.token_endpoint("org"))
        .header("Authorization", client.basic_authorization().unwrap())
        .form(&[("grant_type", "client_credentials"), ("scope", scope)]);
    if let Some(proof) = proof {
        request = request.header("DPoP", proof);
    }
    request
}

fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap().to_owned())
}

/// Gets a Bearer token for `scope`.
async fn bearer_token(t: &TestOrg, scope: &str) -> String {
    let client = basic_client(t, &ALL_SCOPES, false);
    let (status, body) = send(token_request(t, &client, scope, None)).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_owned()
}

/// Gets a DPoP-bound token for `scope`, bound to `key`, going through the nonce dance;
/// returns the token and the nonce.
async fn dpop_token(t: &TestOrg, key: &Key, scope: &str) -> (String, String) {
    let client = basic_client(t, &ALL_SCOPES, false);
    let url = t.org.token_endpoint("org");
    let first = token_request(
        t,
        &client,
        scope,
        Some(&dpop_proof(key, "POST", &url, None, None)),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(first.status(), 400);
    let nonce = header(&first, "dpop-nonce").unwrap();
    let proof = dpop_proof(key, "POST", &url, Some(&nonce), None);
    let (status, body) = send(token_request(t, &client, scope, Some(&proof))).await;
    assert_eq!(status, 200, "{body}");
    (body["access_token"].as_str().unwrap().to_owned(), nonce)
}

#[tokio::test]
async fn dpop_token_request_gets_a_nonce_then_a_bound_token_and_refuses_replays() {
    let t = TestOrg::start().await;
    let client = basic_client(&t, &["okta.users.read"], false);
    let url = t.org.token_endpoint("org");
    let key = ec_key();

    let first = token_request(
        &t,
        &client,
        "okta.users.read",
        Some(&dpop_proof(key, "POST", &url, None, None)),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(first.status(), 400);
    let nonce = header(&first, "dpop-nonce").expect("DPoP-Nonce header");
    assert!(!nonce.is_empty());
    let body: Value = first.json().await.unwrap();
    assert_eq!(
        body,
        json!({
            "error": "use_dpop_nonce",
            "error_description": "Authorization server requires nonce in DPoP proof."
        })
    );

    let proof = dpop_proof(key, "POST", &url, Some(&nonce), None);
    let (status, body) = send(token_request(&t, &client, "okta.users.read", Some(&proof))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "DPoP");
    let (_, claims) = decode(body["access_token"].as_str().unwrap());
    assert_eq!(claims["cnf"], json!({ "jkt": key.thumbprint() }));

    let (status, body) = send(token_request(&t, &client, "okta.users.read", Some(&proof))).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_dpop_proof", "{body}");

    // An RS256 proof works the same, with a nonce the server issued.
    let rs_proof = dpop_proof(rsa_key(), "POST", &url, Some(&nonce), None);
    let (status, body) = send(token_request(
        &t,
        &client,
        "okta.users.read",
        Some(&rs_proof),
    ))
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        decode(body["access_token"].as_str().unwrap()).1["cnf"]["jkt"],
        rsa_key().thumbprint()
    );

    // A nonce the server never issued gets a fresh one.
    let unknown = dpop_proof(key, "POST", &url, Some("made-up"), None);
    let response = token_request(&t, &client, "okta.users.read", Some(&unknown))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(header(&response, "dpop-nonce").is_some_and(|fresh| fresh != nonce));
}

#[tokio::test]
async fn a_private_key_jwt_client_may_reuse_its_assertion_after_the_nonce_challenge() {
    let t = TestOrg::start().await;
    let jwks = json!({ "keys": [rsa_key().client_jwk("rsa-1")] });
    let client = t.org.create_oauth_client(
        OAuthClientSpec::new(ClientAuth::PrivateKeyJwt { jwks })
            .with_scopes(["okta.users.read"])
            .with_dpop_required(true),
    );
    let url = t.org.token_endpoint("org");
    let form = jwt_form(
        &assertion(rsa_key(), "rsa-1", &client.client_id, &url),
        "okta.users.read",
    );
    let request = |proof: Option<String>| {
        let request = t.client.post(&url).form(&form);
        match proof {
            Some(proof) => request.header("DPoP", proof),
            None => request,
        }
    };

    let (status, body) = send(request(None)).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"], "invalid_dpop_proof",
        "a client requiring DPoP needs a proof"
    );

    let challenge = request(Some(dpop_proof(ec_key(), "POST", &url, None, None)))
        .send()
        .await
        .unwrap();
    assert_eq!(challenge.status(), 400);
    let nonce = header(&challenge, "dpop-nonce").unwrap();
    let (status, body) = send(request(Some(dpop_proof(
        ec_key(),
        "POST",
        &url,
        Some(&nonce),
        None,
    ))))
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "DPoP");
}

#[tokio::test]
async fn invalid_dpop_proofs_are_refused_at_the_token_endpoint() {
    let t = TestOrg::start().await;
    let client = basic_client(&t, &["okta.users.read"], false);
    let url = t.org.token_endpoint("org");
    let key = ec_key();
    let challenge = token_request(
        &t,
        &client,
        "okta.users.read",
        Some(&dpop_proof(key, "POST", &url, None, None)),
    )
    .send()
    .await
    .unwrap();
    let nonce = header(&challenge, "dpop-nonce").unwrap();
    let claims = |changes: Value| {
        let mut claims = json!({
            "htm": "POST", "htu": url, "iat": now(), "jti": unique(), "nonce": nonce,
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
    let with_header = |header: Value, claims: &Value| key.jwt(&header, claims);
    let private_jwk = {
        let mut jwk = key.public_jwk();
        jwk["d"] = json!("c2VjcmV0");
        jwk
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "wrong htm",
            dpop_proof_with(key, &claims(json!({ "htm": "GET" }))),
        ),
        (
            "wrong htu",
            dpop_proof_with(
                key,
                &claims(json!({ "htu": format!("{}/oauth2/v1/keys", t.org.url()) })),
            ),
        ),
        (
            "stale iat",
            dpop_proof_with(key, &claims(json!({ "iat": now() - 600 }))),
        ),
        (
            "future iat",
            dpop_proof_with(key, &claims(json!({ "iat": now() + 600 }))),
        ),
        (
            "no jti",
            dpop_proof_with(key, &claims(json!({ "jti": null }))),
        ),
        (
            "wrong typ",
            with_header(
                json!({ "typ": "JWT", "alg": "ES256", "jwk": key.public_jwk() }),
                &claims(json!({})),
            ),
        ),
        (
            "no jwk",
            with_header(
                json!({ "typ": "dpop+jwt", "alg": "ES256" }),
                &claims(json!({})),
            ),
        ),
        (
            "private key in jwk",
            with_header(
                json!({ "typ": "dpop+jwt", "alg": "ES256", "jwk": private_jwk }),
                &claims(json!({})),
            ),
        ),
        (
            "bad signature",
            other_rsa_key().jwt(
                &json!({ "typ": "dpop+jwt", "alg": "RS256", "jwk": rsa_key().public_jwk() }),
                &claims(json!({})),
            ),
        ),
        (
            "alg that does not fit the jwk",
            rsa_key().jwt(
                &json!({ "typ": "dpop+jwt", "alg": "ES256", "jwk": rsa_key().public_jwk() }),
                &claims(json!({})),
            ),
        ),
        (
            "HS256",
            with_header(
                json!({ "typ": "dpop+jwt", "alg": "HS256", "jwk": key.public_jwk() }),
                &claims(json!({})),
            ),
        ),
        ("not a JWT", "garbage".to_owned()),
    ];
    for (what, proof) in cases {
        let (status, body) =
            send(token_request(&t, &client, "okta.users.read", Some(&proof))).await;
        assert_eq!(status, 400, "{what}: {body}");
        assert_eq!(body["error"], "invalid_dpop_proof", "{what}: {body}");
    }
}

#[tokio::test]
async fn bearer_tokens_call_the_management_api_within_their_scopes() {
    let t = TestOrg::start().await;
    let user = t.org.seed_users(1).remove(0);
    let read = bearer_token(&t, "okta.users.read").await;
    let users = format!("{}/api/v1/users", t.org.url());

    let (status, body) = send(t.client.get(&users).bearer_auth(&read)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 1);
    let (status, _) = send(
        t.client
            .get(format!("{users}/{user}/groups"))
            .bearer_auth(&read),
    )
    .await;
    assert_eq!(status, 200);

    let response = t
        .client
        .post(format!("{users}/{user}/lifecycle/suspend"))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let challenge = header(&response, "www-authenticate").unwrap();
    assert!(challenge.starts_with("Bearer "), "{challenge}");
    assert!(
        challenge.contains("error=\"insufficient_scope\""),
        "{challenge}"
    );
    let body: Value = response.json().await.unwrap();
    assert_okta_error(
        &body,
        "E0000006",
        "You do not have permission to perform the requested action",
    );

    let (status, _) = send(
        t.client
            .get(format!("{}/api/v1/groups", t.org.url()))
            .bearer_auth(&read),
    )
    .await;
    assert_eq!(status, 403, "users scopes do not cover groups");

    let manage = bearer_token(&t, "okta.users.manage okta.groups.read").await;
    let (status, _) = send(
        t.client
            .post(format!("{users}/{user}/lifecycle/suspend"))
            .bearer_auth(&manage),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = send(t.client.get(&users).bearer_auth(&manage)).await;
    assert_eq!(status, 200, "manage covers reads");
    let (status, _) = send(
        t.client
            .get(format!("{}/api/v1/groups", t.org.url()))
            .bearer_auth(&manage),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = send(
        t.client
            .post(format!("{}/api/v1/groups", t.org.url()))
            .bearer_auth(&manage)
            .json(&json!({ "profile": { "name": "Readers" } })),
    )
    .await;
    assert_eq!(status, 403, "okta.groups.read does not allow writes");

    // The SSWS token works as before.
    assert_eq!(send(t.get("/api/v1/users")).await.0, 200);
}

#[tokio::test]
async fn revoked_expired_and_foreign_tokens_are_refused_by_the_management_api() {
    let t = TestOrg::start().await;
    let client = basic_client(&t, &ALL_SCOPES, false);
    let (_, body) = send(token_request(&t, &client, "okta.users.read", None)).await;
    let token = body["access_token"].as_str().unwrap().to_owned();
    let users = format!("{}/api/v1/users", t.org.url());
    assert_eq!(send(t.client.get(&users).bearer_auth(&token)).await.0, 200);

    let revoke = t
        .client
        .post(format!("{}/oauth2/v1/revoke", t.org.url()))
        .header("Authorization", client.basic_authorization().unwrap())
        .form(&[
            ("token", token.as_str()),
            ("token_type_hint", "access_token"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), 200);
    let response = t
        .client
        .get(&users)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(header(&response, "www-authenticate")
        .unwrap()
        .contains("invalid_token"));
    let body: Value = response.json().await.unwrap();
    assert_okta_error(&body, "E0000011", "Invalid token provided");

    let claims = |exp: i64, aud: &str| {
        json!({
            "ver": 1, "jti": unique(), "iss": t.org.url(), "aud": aud, "iat": now() - 100,
            "exp": exp, "cid": client.client_id, "sub": client.client_id, "scp": ["okta.users.read"],
        })
    };
    let minted = t
        .org
        .mint_access_token("org", claims(now() + 600, &t.org.url()));
    assert_eq!(send(t.client.get(&users).bearer_auth(&minted)).await.0, 200);
    let expired = t
        .org
        .mint_access_token("org", claims(now() - 10, &t.org.url()));
    let wrong_aud = t
        .org
        .mint_access_token("org", claims(now() + 600, "api://default"));
    let from_default = t
        .org
        .mint_access_token("default", claims(now() + 600, &t.org.url()));
    let other_org = common::TestOrg::start().await;
    let from_other_org = other_org
        .org
        .mint_access_token("org", claims(now() + 600, &t.org.url()));
    for (what, token) in [
        ("expired", expired.as_str()),
        ("wrong aud", wrong_aud.as_str()),
        ("default server", from_default.as_str()),
        ("other org", from_other_org.as_str()),
        ("garbage", "not.a.token"),
    ] {
        let (status, body) = send(t.client.get(&users).bearer_auth(token)).await;
        assert_eq!(status, 401, "{what}");
        assert_eq!(body["errorCode"], "E0000011", "{what}");
    }
}

#[tokio::test]
async fn dpop_tokens_call_the_management_api_with_proofs() {
    let t = TestOrg::start().await;
    t.org.seed_users(2);
    let key = ec_key();
    let (token, _) = dpop_token(&t, key, "okta.users.read").await;
    let users = format!("{}/api/v1/users", t.org.url());
    let call = |proof: Option<String>| {
        let request = t
            .client
            .get(format!("{users}?limit=1"))
            .header("Authorization", format!("DPoP {token}"));
        match proof {
            Some(proof) => request.header("DPoP", proof),
            None => request,
        }
    };

    // Without a nonce the API asks for one.
    let response = call(Some(dpop_proof(key, "GET", &users, None, Some(&token))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let challenge = header(&response, "www-authenticate").unwrap();
    assert!(challenge.starts_with("DPoP "), "{challenge}");
    assert!(
        challenge.contains("error=\"use_dpop_nonce\""),
        "{challenge}"
    );
    let nonce = header(&response, "dpop-nonce").unwrap();

    // The query is not part of htu.
    let proof = dpop_proof(key, "GET", &users, Some(&nonce), Some(&token));
    let (status, body) = send(call(Some(proof.clone()))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 1);

    let refusals = [
        ("replayed proof", Some(proof)),
        ("missing proof", None),
        (
            "wrong ath",
            Some(dpop_proof(
                key,
                "GET",
                &users,
                Some(&nonce),
                Some("another token"),
            )),
        ),
        (
            "no ath",
            Some(dpop_proof(key, "GET", &users, Some(&nonce), None)),
        ),
        (
            "wrong htm",
            Some(dpop_proof(key, "POST", &users, Some(&nonce), Some(&token))),
        ),
        (
            "another key than the token's",
            Some(dpop_proof(
                rsa_key(),
                "GET",
                &users,
                Some(&nonce),
                Some(&token),
            )),
        ),
    ];
    for (what, proof) in refusals {
        let response = call(proof).send().await.unwrap();
        assert_eq!(response.status(), 401, "{what}");
        let challenge = header(&response, "www-authenticate").unwrap();
        assert!(
            challenge.contains("error=\"invalid_dpop_proof\""),
            "{what}: {challenge}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errorCode"], "E0000011", "{what}");
    }

    // A bound token is not a bearer token.
    let (status, _) = send(t.client.get(&users).bearer_auth(&token)).await;
    assert_eq!(status, 401);
    // An unbound token is not a DPoP token.
    let bearer = bearer_token(&t, "okta.users.read").await;
    let (status, _) = send(
        t.client
            .get(&users)
            .header("Authorization", format!("DPoP {bearer}"))
            .header(
                "DPoP",
                dpop_proof(key, "GET", &users, Some(&nonce), Some(&bearer)),
            ),
    )
    .await;
    assert_eq!(status, 401);

    // Scopes apply to DPoP tokens too.
    let groups = format!("{}/api/v1/groups", t.org.url());
    let response = t
        .client
        .get(&groups)
        .header("Authorization", format!("DPoP {token}"))
        .header(
            "DPoP",
            dpop_proof(key, "GET", &groups, Some(&nonce), Some(&token)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(header(&response, "www-authenticate")
        .unwrap()
        .contains("insufficient_scope"));
}

#[tokio::test]
async fn a_nonce_from_the_token_endpoint_is_good_for_api_calls_with_the_manage_scope() {
    let t = TestOrg::start().await;
    let key = rsa_key();
    let (token, nonce) = dpop_token(&t, key, "okta.users.manage").await;
    let url = format!("{}/api/v1/users?activate=true", t.org.url());
    let htu = format!("{}/api/v1/users", t.org.url());
    let profile = json!({
        "firstName": "D", "lastName": "P", "email": "dp@example.com", "login": "dp@example.com",
    });
    let (status, body) = send(
        t.client
            .post(&url)
            .header("Authorization", format!("DPoP {token}"))
            .header(
                "DPoP",
                dpop_proof(key, "POST", &htu, Some(&nonce), Some(&token)),
            )
            .json(&json!({ "profile": profile })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(t.org.user_count(), 1);
    // The ath the helper sends is base64url(SHA-256(token)).
    let proof = dpop_proof(key, "GET", &htu, Some(&nonce), Some(&token));
    assert_eq!(decode(&proof).1["ath"], sha256_b64(token.as_bytes()));
}
