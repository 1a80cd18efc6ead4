//! The `okta-inspect jwt` command-line contract: output shape and exit codes.

use std::process::Command;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

const ISS: &str = "https://dev-1.okta.com/oauth2/default";
const NOW: &str = "2026-01-01T00:00:00Z";
const NOW_SECS: u64 = 1_767_225_600;

fn b64(b: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(b)
}

/// A JWKS file with one ES256 key, and a token signed by it.
fn fixture(name: &str, exp: u64) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("okta-inspect-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap();
    let p = key.public_key().as_ref();
    let jwks = json!({"keys":[{"kty":"EC","crv":"P-256","kid":"k1","x":b64(&p[1..33]),"y":b64(&p[33..65])}]});
    let path = dir.join("jwks.json");
    std::fs::write(&path, serde_json::to_vec(&jwks).unwrap()).unwrap();
    let claims =
        json!({"iss":ISS,"aud":"api://default","iat":NOW_SECS,"exp":exp,"sub":"jane","scp":["a"]});
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"ES256","kid":"k1"}"#),
        b64(&serde_json::to_vec(&claims).unwrap())
    );
    let sig = key.sign(&SystemRandom::new(), input.as_bytes()).unwrap();
    (
        path.to_string_lossy().into_owned(),
        format!("{input}.{}", b64(sig.as_ref())),
    )
}

fn inspect(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_okta-inspect"))
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn verify_prints_valid_claims_and_exits_0() {
    let (jwks, token) = fixture("valid", NOW_SECS + 600);
    let (code, out) = inspect(&[
        "jwt",
        "verify",
        "--issuer",
        ISS,
        "--audience",
        "api://default",
        "--jwks",
        &jwks,
        "--now",
        NOW,
        &token,
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["valid"], true);
    assert_eq!(out["claims"]["sub"], "jane");
}

#[test]
fn verify_prints_the_error_and_exits_1_when_rejected() {
    let (jwks, token) = fixture("expired", NOW_SECS - 3600);
    let (code, out) = inspect(&[
        "jwt",
        "verify",
        "--issuer",
        ISS,
        "--audience",
        "api://default",
        "--jwks",
        &jwks,
        "--now",
        NOW,
        "--leeway-secs",
        "0",
        &token,
    ]);
    assert_eq!(code, 1);
    assert_eq!(out["valid"], false);
    assert!(out["error"].as_str().unwrap().contains("expired"), "{out}");
    let (code, out) = inspect(&[
        "jwt",
        "verify",
        "--issuer",
        ISS,
        "--audience",
        "api://other",
        "--jwks",
        &jwks,
        "--now",
        NOW,
        &token,
    ]);
    assert_eq!(code, 1);
    assert_eq!(out["valid"], false);
}

#[test]
fn usage_errors_exit_2() {
    let (code, _) = inspect(&["jwt", "verify", "--audience", "a", "tok"]);
    assert_eq!(code, 2);
    let (code, _) = inspect(&[
        "jwt",
        "verify",
        "--issuer",
        ISS,
        "--audience",
        "a",
        "--now",
        "soon",
        "tok",
    ]);
    assert_eq!(code, 2);
    let (code, _) = inspect(&["bogus"]);
    assert_eq!(code, 2);
}

#[test]
fn decode_shows_header_and_claims_marked_unverified() {
    let (_, token) = fixture("decode", NOW_SECS);
    let (code, out) = inspect(&["jwt", "decode", &token]);
    assert_eq!(code, 0);
    assert_eq!(out["verified"], false);
    assert_eq!(out["header"]["alg"], "ES256");
    assert_eq!(out["claims"]["iss"], ISS);
    let (code, out) = inspect(&["jwt", "decode", "not-a-token"]);
    assert_eq!(code, 1);
    assert!(out["error"].is_string());
}

#[test]
fn scim_filter_prints_the_tree_or_the_error_position() {
    let (code, out) = inspect(&[
        "scim",
        "filter",
        r#"userName eq "bjensen" and emails[type eq "work"]"#,
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out["canonical"],
        r#"userName eq "bjensen" and emails[type eq "work"]"#
    );
    assert!(out["filter"]["and"].is_array(), "{out}");
    let (code, out) = inspect(&["scim", "filter", r#"userName eq"#]);
    assert_eq!(code, 1);
    assert!(out["position"].is_u64(), "{out}");
    assert!(out["error"].as_str().unwrap().contains("position"), "{out}");
    let (code, _) = inspect(&["scim", "filter"]);
    assert_eq!(code, 2);
}
