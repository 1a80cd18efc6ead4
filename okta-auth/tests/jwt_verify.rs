//! Access-token verification: the accepted shapes and every attack of the catalogue.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use aws_lc_rs::hmac;
use aws_lc_rs::signature::KeyPair;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use okta_auth::jwt::{AccessTokenVerifier, Algorithm, JwtError, KeySet};
use okta_core::clock::ManualClock;
use serde_json::{json, Value};

mod common;
use common::{b64, jwks, Key, TestKey};

const ISS: &str = "https://dev-1.okta.com/oauth2/default";
const AUD: &str = "api://default";
const NOW: u64 = 1_800_000_000;

fn claims() -> Value {
    json!({"ver":1,"jti":"AT.abc","iss":ISS,"aud":AUD,"iat":NOW,"exp":NOW + 3600,
        "cid":"0oaclient","uid":"00uuser","scp":["openid","orders:read"],"sub":"jane@example.com",
        "auth_time":NOW - 10})
}

fn with(mut c: Value, key: &str, value: Value) -> Value {
    c[key] = value;
    c
}

fn without(mut c: Value, key: &str) -> Value {
    c.as_object_mut().unwrap().remove(key);
    c
}

fn verifier(keys: &[&TestKey]) -> AccessTokenVerifier {
    AccessTokenVerifier::builder(ISS)
        .audience(AUD)
        .clock(Arc::new(ManualClock::new(
            UNIX_EPOCH + Duration::from_secs(NOW),
        )))
        .keys(KeySet::from_jwks(&jwks(keys)).unwrap())
        .unwrap()
}

async fn reject(v: &AccessTokenVerifier, token: &str) -> JwtError {
    match v.verify(token).await {
        Ok(c) => panic!("token accepted: {c:?}"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn rs256_es256_and_eddsa_tokens_verify_with_typed_claims() {
    let (r, e, d) = (TestKey::rsa("r1"), TestKey::ec("e1"), TestKey::ed("d1"));
    let v = verifier(&[&r, &e, &d]);
    for key in [&r, &e, &d] {
        let c = v.verify(&key.token(&claims())).await.unwrap();
        assert_eq!(c.iss, ISS);
        assert_eq!(c.cid.as_deref(), Some("0oaclient"));
        assert_eq!(c.sub.as_deref(), Some("jane@example.com"));
        assert!(c.has_scope("orders:read"));
        assert!(c.require_scopes(&["openid", "orders:read"]).is_ok());
        assert!(
            matches!(c.require_scopes(&["orders:write"]), Err(JwtError::MissingScope(s)) if s == "orders:write")
        );
    }
}

#[tokio::test]
async fn custom_claims_decode_into_the_applications_type() {
    #[derive(serde::Deserialize)]
    struct Mine {
        tenant: String,
    }
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let token = k.token(&with(claims(), "tenant", json!("acme")));
    let c = v.verify_as::<Mine>(&token).await.unwrap();
    assert_eq!(c.custom.tenant, "acme");
    let untyped = v.verify(&token).await.unwrap();
    assert_eq!(untyped.custom["tenant"], "acme");
}

#[tokio::test]
async fn alg_none_is_refused() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"none","kid":"r1"}"#),
        b64(&serde_json::to_vec(&claims()).unwrap())
    );
    assert!(matches!(
        reject(&v, &format!("{input}.")).await,
        JwtError::AlgorithmNotAllowed(_)
    ));
    assert!(matches!(
        reject(&v, &format!("{input}.AAAA")).await,
        JwtError::AlgorithmNotAllowed(_)
    ));
}

#[tokio::test]
async fn hs256_signed_with_the_rsa_public_key_is_refused() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let Key::Rsa(kp) = &k.key else { unreachable!() };
    let public = kp.public_key().as_ref().to_vec();
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"HS256","kid":"r1"}"#),
        b64(&serde_json::to_vec(&claims()).unwrap())
    );
    let tag = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, &public),
        input.as_bytes(),
    );
    let token = format!("{input}.{}", b64(tag.as_ref()));
    assert!(matches!(reject(&v, &token).await, JwtError::AlgorithmNotAllowed(a) if a == "HS256"));
}

#[tokio::test]
async fn a_token_for_an_algorithm_outside_the_allowlist_is_refused() {
    let k = TestKey::ec("e1");
    let v = AccessTokenVerifier::builder(ISS)
        .audience(AUD)
        .algorithms(&[Algorithm::RS256])
        .clock(Arc::new(ManualClock::new(
            UNIX_EPOCH + Duration::from_secs(NOW),
        )))
        .keys(KeySet::from_jwks(&jwks(&[&k])).unwrap())
        .unwrap();
    assert!(
        matches!(reject(&v, &k.token(&claims())).await, JwtError::AlgorithmNotAllowed(a) if a == "ES256")
    );
}

#[tokio::test]
async fn unknown_kid_is_refused() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let token = k.token_with(json!({"kid":"nope"}), &claims());
    assert!(matches!(reject(&v, &token).await, JwtError::UnknownKid(kid) if kid == "nope"));
}

#[tokio::test]
async fn kid_is_required_when_the_set_holds_several_keys() {
    let (a, b) = (TestKey::rsa("a"), TestKey::rsa("b"));
    let token = {
        let input = format!(
            "{}.{}",
            b64(br#"{"alg":"RS256"}"#),
            b64(&serde_json::to_vec(&claims()).unwrap())
        );
        format!("{input}.{}", b64(&a.sign_raw(input.as_bytes())))
    };
    assert!(matches!(
        reject(&verifier(&[&a, &b]), &token).await,
        JwtError::KidRequired
    ));
    // With a single key, a kid-less token is verified with it.
    assert!(verifier(&[&a]).verify(&token).await.is_ok());
}

#[tokio::test]
async fn a_key_of_another_type_than_alg_is_refused() {
    let (r, e) = (TestKey::rsa("r1"), TestKey::ec("e1"));
    let v = verifier(&[&r, &e]);
    // Signed by the RSA key but naming the EC key's kid.
    let token = r.token_with(json!({"kid":"e1"}), &claims());
    assert!(matches!(
        reject(&v, &token).await,
        JwtError::KeyAlgorithmMismatch { .. }
    ));
}

#[tokio::test]
async fn expired_and_not_yet_valid_tokens_are_refused_outside_the_leeway() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let expired = k.token(&with(claims(), "exp", json!(NOW - 121)));
    assert!(matches!(
        reject(&v, &expired).await,
        JwtError::Expired { .. }
    ));
    let within = k.token(&with(claims(), "exp", json!(NOW - 60)));
    assert!(
        v.verify(&within).await.is_ok(),
        "60 s late is within the 120 s leeway"
    );
    let nbf = k.token(&with(claims(), "nbf", json!(NOW + 300)));
    assert!(matches!(
        reject(&v, &nbf).await,
        JwtError::NotYetValid { .. }
    ));
    let iat = k.token(&with(claims(), "iat", json!(NOW + 300)));
    assert!(matches!(
        reject(&v, &iat).await,
        JwtError::IssuedInFuture { .. }
    ));
}

#[tokio::test]
async fn exp_and_iat_are_required() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    assert!(matches!(
        reject(&v, &k.token(&without(claims(), "exp"))).await,
        JwtError::MissingClaim("exp")
    ));
    assert!(matches!(
        reject(&v, &k.token(&without(claims(), "iat"))).await,
        JwtError::MissingClaim("iat")
    ));
    assert!(matches!(
        reject(&v, &k.token(&with(claims(), "exp", json!("soon")))).await,
        JwtError::Json { .. }
    ));
}

#[tokio::test]
async fn wrong_issuer_is_refused_including_a_trailing_slash() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    for iss in [
        format!("{ISS}/"),
        "https://evil.example/oauth2/default".to_string(),
        "https://dev-1.okta.com".to_string(),
    ] {
        let t = k.token(&with(claims(), "iss", json!(iss)));
        assert!(
            matches!(reject(&v, &t).await, JwtError::IssuerMismatch { .. }),
            "{iss}"
        );
    }
}

#[tokio::test]
async fn wrong_audience_is_refused_and_any_listed_audience_matches() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let t = k.token(&with(claims(), "aud", json!("api://other")));
    assert!(matches!(reject(&v, &t).await, JwtError::AudienceMismatch));
    let t = k.token(&with(claims(), "aud", json!(["api://other", AUD])));
    assert!(v.verify(&t).await.is_ok());
    let t = k.token(&with(claims(), "aud", json!([])));
    assert!(matches!(reject(&v, &t).await, JwtError::AudienceMismatch));
}

#[tokio::test]
async fn client_id_allowlist_is_enforced() {
    let k = TestKey::rsa("r1");
    let v = AccessTokenVerifier::builder(ISS)
        .audience(AUD)
        .client_ids(["0oaother"])
        .clock(Arc::new(ManualClock::new(
            UNIX_EPOCH + Duration::from_secs(NOW),
        )))
        .keys(KeySet::from_jwks(&jwks(&[&k])).unwrap())
        .unwrap();
    assert!(
        matches!(reject(&v, &k.token(&claims())).await, JwtError::ClientIdNotAllowed(c) if c == "0oaclient")
    );
}

#[tokio::test]
async fn payload_changed_after_signing_is_refused() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let token = k.token(&claims());
    let parts: Vec<&str> = token.split('.').collect();
    let forged = b64(&serde_json::to_vec(&with(claims(), "scp", json!(["admin"]))).unwrap());
    let t = format!("{}.{}.{}", parts[0], forged, parts[2]);
    assert!(matches!(reject(&v, &t).await, JwtError::InvalidSignature));
}

#[tokio::test]
async fn signature_changed_is_refused() {
    for k in [TestKey::rsa("r1"), TestKey::ec("e1"), TestKey::ed("d1")] {
        let v = verifier(&[&k]);
        let token = k.token(&claims());
        let (input, sig) = token.rsplit_once('.').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(sig).unwrap();
        bytes[5] ^= 0x01;
        let t = format!("{input}.{}", b64(&bytes));
        assert!(
            matches!(reject(&v, &t).await, JwtError::InvalidSignature),
            "{}",
            k.alg()
        );
    }
}

#[tokio::test]
async fn keys_named_in_the_token_are_never_trusted() {
    let legit = TestKey::rsa("r1");
    let attacker = TestKey::rsa("evil");
    let v = verifier(&[&legit]);
    // The attacker signs with its own key and points at it in every way JOSE allows.
    for header in [
        json!({"kid":"r1","jwk":attacker.jwk()}),
        json!({"kid":"r1","jku":"https://evil.example/keys"}),
        json!({"kid":"r1","x5u":"https://evil.example/cert.pem"}),
        json!({"kid":"r1","x5c":["MIIBIjANBgkq"]}),
    ] {
        let t = attacker.token_with(header, &claims());
        assert!(matches!(reject(&v, &t).await, JwtError::InvalidSignature));
    }
    let t = attacker.token_with(json!({"jwk":attacker.jwk()}), &claims());
    assert!(matches!(reject(&v, &t).await, JwtError::UnknownKid(_)));
}

#[tokio::test]
async fn unknown_crit_is_refused() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let t = k.token_with(json!({"crit":["urn:example:must-understand"]}), &claims());
    assert!(matches!(
        reject(&v, &t).await,
        JwtError::UnsupportedCritical
    ));
}

#[tokio::test]
async fn oversized_tokens_are_refused_before_decoding() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let big = k.token(&with(claims(), "pad", json!("x".repeat(10_000))));
    assert!(matches!(reject(&v, &big).await, JwtError::TooLarge { .. }));
}

#[tokio::test]
async fn malformed_base64_and_json_are_refused() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let good = k.token(&claims());
    let (h, rest) = good.split_once('.').unwrap();
    assert!(matches!(
        reject(&v, &format!("{h}=.{rest}")).await,
        JwtError::Base64("header")
    ));
    assert!(matches!(
        reject(&v, &format!("{h}.!!.sig")).await,
        JwtError::Base64("payload")
    ));
    let not_json = format!("{}.{}", b64(b"not json"), rest);
    assert!(matches!(
        reject(&v, &not_json).await,
        JwtError::Json { part: "header", .. }
    ));
    let input = format!("{h}.{}", b64(b"[1,2]"));
    let t = format!("{input}.{}", b64(&k.sign_raw(input.as_bytes())));
    assert!(matches!(
        reject(&v, &t).await,
        JwtError::Json { part: "claims", .. }
    ));
    assert!(matches!(reject(&v, "a.b").await, JwtError::Malformed(_)));
}

#[tokio::test]
async fn errors_never_contain_the_token() {
    let k = TestKey::rsa("r1");
    let v = verifier(&[&k]);
    let token = k.token(&with(claims(), "exp", json!(NOW - 1000)));
    let e = reject(&v, &token).await;
    let text = format!("{e} {e:?}");
    let sig = token.rsplit('.').next().unwrap();
    assert!(!text.contains(sig) && !text.contains(&token));
}

mod id_tokens {
    use super::*;
    use okta_auth::jwt::{at_hash, IdTokenVerifier};

    const CLIENT: &str = "0oaclient";

    fn id_claims() -> Value {
        json!({"iss":ISS,"sub":"00uuser","aud":CLIENT,"iat":NOW,"exp":NOW + 3600,
            "auth_time":NOW - 60,"nonce":"n-123","email":"jane@example.com","amr":["pwd"],
            "groups":["Everyone"]})
    }

    fn id_verifier(keys: &[&TestKey], max_age: Option<Duration>) -> IdTokenVerifier {
        let mut b = IdTokenVerifier::builder(ISS, CLIENT).clock(Arc::new(ManualClock::new(
            UNIX_EPOCH + Duration::from_secs(NOW),
        )));
        if let Some(m) = max_age {
            b = b.max_age(m);
        }
        b.keys(KeySet::from_jwks(&jwks(keys)).unwrap()).unwrap()
    }

    #[tokio::test]
    async fn a_valid_id_token_verifies_with_nonce_and_at_hash() {
        let k = TestKey::rsa("r1");
        let access = "eyJ.access.token";
        let token = k.token(&with(
            id_claims(),
            "at_hash",
            json!(at_hash(Algorithm::RS256, access)),
        ));
        let c = id_verifier(&[&k], None)
            .verify(&token, Some("n-123"), Some(access))
            .await
            .unwrap();
        assert_eq!(c.sub, "00uuser");
        assert_eq!(c.email.as_deref(), Some("jane@example.com"));
        assert_eq!(c.custom["groups"][0], "Everyone");
    }

    #[tokio::test]
    async fn at_hash_matches_the_openid_connect_example() {
        // OpenID Connect Core, Appendix A.3.
        assert_eq!(
            at_hash(
                Algorithm::RS256,
                "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"
            ),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
    }

    #[tokio::test]
    async fn audience_must_be_the_client_and_azp_must_match() {
        let k = TestKey::rsa("r1");
        let v = id_verifier(&[&k], None);
        let t = k.token(&with(id_claims(), "aud", json!("0oaother")));
        assert!(matches!(
            v.verify(&t, None, None).await,
            Err(JwtError::AudienceMismatch)
        ));
        let t = k.token(&with(id_claims(), "aud", json!([CLIENT, "0oaother"])));
        assert!(matches!(
            v.verify(&t, None, None).await,
            Err(JwtError::AuthorizedPartyMismatch)
        ));
        let t = k.token(&with(
            with(id_claims(), "aud", json!([CLIENT, "0oaother"])),
            "azp",
            json!(CLIENT),
        ));
        assert!(v.verify(&t, None, None).await.is_ok());
    }

    #[tokio::test]
    async fn nonce_must_match_and_be_present() {
        let k = TestKey::rsa("r1");
        let v = id_verifier(&[&k], None);
        let t = k.token(&id_claims());
        assert!(matches!(
            v.verify(&t, Some("other"), None).await,
            Err(JwtError::NonceMismatch)
        ));
        let t = k.token(&without(id_claims(), "nonce"));
        assert!(matches!(
            v.verify(&t, Some("n-123"), None).await,
            Err(JwtError::MissingClaim("nonce"))
        ));
    }

    #[tokio::test]
    async fn at_hash_must_match_the_access_token() {
        let k = TestKey::ec("e1");
        let v = id_verifier(&[&k], None);
        let t = k.token(&with(
            id_claims(),
            "at_hash",
            json!(at_hash(Algorithm::ES256, "token-a")),
        ));
        assert!(matches!(
            v.verify(&t, None, Some("token-b")).await,
            Err(JwtError::AccessTokenHashMismatch)
        ));
        let t = k.token(&id_claims());
        assert!(matches!(
            v.verify(&t, None, Some("token-a")).await,
            Err(JwtError::MissingClaim("at_hash"))
        ));
    }

    #[tokio::test]
    async fn max_age_refuses_an_old_authentication() {
        let k = TestKey::rsa("r1");
        let v = id_verifier(&[&k], Some(Duration::from_secs(300)));
        let t = k.token(&with(id_claims(), "auth_time", json!(NOW - 1000)));
        assert!(matches!(
            v.verify(&t, None, None).await,
            Err(JwtError::AuthenticationTooOld { .. })
        ));
        let t = k.token(&without(id_claims(), "auth_time"));
        assert!(matches!(
            v.verify(&t, None, None).await,
            Err(JwtError::MissingClaim("auth_time"))
        ));
        assert!(v.verify(&k.token(&id_claims()), None, None).await.is_ok());
    }

    #[tokio::test]
    async fn sub_is_required() {
        let k = TestKey::rsa("r1");
        let v = id_verifier(&[&k], None);
        let t = k.token(&without(id_claims(), "sub"));
        assert!(matches!(
            v.verify(&t, None, None).await,
            Err(JwtError::MissingClaim("sub"))
        ));
    }
}

/// Two keys of a JWKS under one `kid` (an RSA and an EC key, during a migration): each
/// token is checked with the key that fits its `alg`, not only the first listed.
#[tokio::test]
async fn keys_sharing_a_kid_are_chosen_by_algorithm() {
    let (r, e) = (TestKey::rsa("k1"), TestKey::ec("k1"));
    let v = verifier(&[&r, &e]);
    v.verify(&r.token(&claims())).await.unwrap();
    v.verify(&e.token(&claims())).await.unwrap();
    // A token signed by neither still fails on its signature.
    let stranger = TestKey::ec("k1");
    assert!(matches!(
        reject(&v, &stranger.token(&claims())).await,
        JwtError::InvalidSignature
    ));
}
