//! The `okta-inspect` command-line contract (`jwt`, `saml`, `scim`): output shape and exit
//! codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

// `saml verify`, against the committed SAML fixtures of okta-auth (see their README.md).

const IDP_ENTITY_ID: &str = "http://www.okta.com/exk1fakeidp";
const SP_ENTITY_ID: &str = "https://sp.example.com/saml/metadata";
const ACS_URL: &str = "https://sp.example.com/saml/acs";
const REQUEST_ID: &str = "id-request-7f3a9c";
const SAML_NOW: &str = "2026-03-01T10:01:00Z";

fn saml_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../okta-auth/tests/data/saml")
}

fn saml_file(relative: &str) -> String {
    saml_data().join(relative).to_string_lossy().into_owned()
}

fn idp_metadata() -> String {
    saml_file("metadata/idp-metadata.xml")
}

fn manifest() -> Vec<Value> {
    let path = saml_data().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text).expect("manifest.json is JSON") {
        Value::Array(entries) => entries,
        other => panic!("manifest.json is not an array: {other}"),
    }
}

/// The first manifest entry that `pick` accepts.
fn manifest_entry(what: &str, pick: impl Fn(&Value) -> bool) -> Value {
    manifest()
        .into_iter()
        .find(|entry| pick(entry))
        .unwrap_or_else(|| panic!("the manifest has no {what}"))
}

fn default_options(entry: &Value) -> bool {
    entry["options"].as_object().is_none_or(|o| o.is_empty())
}

/// Runs okta-inspect with `stdin`; returns the exit code, the JSON printed and the raw output.
fn inspect_with_stdin(args: &[&str], stdin: &[u8]) -> (i32, Value, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_okta-inspect"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, text)
}

/// `saml verify` arguments for the fixed fixture parameters, trusting `idp.crt`.
fn saml_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "saml",
        "verify",
        "--idp-entity-id",
        IDP_ENTITY_ID,
        "--sp-entity-id",
        SP_ENTITY_ID,
        "--acs-url",
        ACS_URL,
        "--now",
        SAML_NOW,
    ];
    args.extend_from_slice(extra);
    args
}

/// The `saml verify` arguments of a manifest entry, or `None` when an option has no flag
/// (`allow_sha1`, `require`).
fn entry_args(entry: &Value) -> Option<Vec<String>> {
    let options = entry["options"].as_object().cloned().unwrap_or_default();
    let mut args: Vec<String> = saml_args(&[]).iter().map(|a| a.to_string()).collect();
    let expressible = ["idp_certs", "sp_key", "request_id", "idp_initiated", "now"];
    if options
        .keys()
        .any(|name| !expressible.contains(&name.as_str()))
    {
        return None;
    }
    let certs: Vec<String> = match options.get("idp_certs") {
        Some(list) => list
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<_>>()?,
        None => vec!["idp.crt".to_owned()],
    };
    for cert in certs {
        args.extend(["--idp-cert".into(), saml_file(&format!("keys/{cert}"))]);
    }
    if let Some(key) = options.get("sp_key") {
        args.extend([
            "--sp-key".into(),
            saml_file(&format!("keys/{}", key.as_str()?)),
        ]);
    }
    if let Some(now) = options.get("now") {
        let at = args.iter().position(|a| a == "--now")? + 1;
        args[at] = now.as_str()?.to_owned();
    }
    if options.get("idp_initiated").and_then(Value::as_bool) == Some(true) {
        args.push("--idp-initiated".into());
    } else {
        let id = options.get("request_id").and_then(Value::as_str);
        args.extend(["--request-id".into(), id.unwrap_or(REQUEST_ID).to_owned()]);
    }
    args.push(saml_file(entry["file"].as_str()?));
    Some(args)
}

fn run_entry(entry: &Value) -> (i32, Value, String) {
    let args = entry_args(entry).expect("options expressible as flags");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    inspect_with_stdin(&args, b"")
}

#[test]
fn saml_verify_prints_the_subject_and_attributes_in_document_order_and_exits_0() {
    let entry = manifest_entry("valid both-signed XML fixture with default options", |e| {
        e["expect"] == "valid"
            && default_options(e)
            && e["file"]
                .as_str()
                .is_some_and(|f| f.ends_with(".xml") && f.contains("both"))
    });
    let (code, out, text) = run_entry(&entry);
    assert_eq!(code, 0, "{text}");
    assert_eq!(out["valid"], true, "{text}");
    assert_eq!(out["issuer"], IDP_ENTITY_ID);
    assert_eq!(out["name_id"], entry["name_id"]);
    assert_eq!(
        out["name_id_format"],
        "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
    );
    assert!(out["session_index"].is_string(), "{text}");
    assert_eq!(
        out["attributes"]["groups"],
        json!(["Everyone", "Engineering", "Analytics"])
    );
    assert_eq!(out["attributes"]["email"], json!(["ada@example.com"]));
    // Attribute names print in the order of the document, not sorted.
    let at = |name: &str| text.find(&format!("\"{name}\":")).unwrap_or(usize::MAX);
    let order = ["firstName", "lastName", "email", "groups"].map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    let keys: Vec<&str> = out
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "attributes",
        "issuer",
        "name_id",
        "name_id_format",
        "session_index",
        "valid",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected, "{text}");
}

#[test]
fn saml_verify_rejects_an_attack_fixture_with_valid_false_and_exit_1() {
    let entry = manifest_entry("signature-wrapping attack with default options", |e| {
        e["file"]
            .as_str()
            .is_some_and(|f| f.starts_with("attacks/xsw"))
            && default_options(e)
    });
    let (code, out, text) = run_entry(&entry);
    assert_eq!(code, 1, "{text}");
    assert_eq!(out["valid"], false, "{text}");
    assert!(
        out["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{text}"
    );
    assert_eq!(out.as_object().unwrap().len(), 2, "{text}");
}

#[test]
fn saml_verify_agrees_with_every_manifest_entry_it_can_express() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for entry in manifest() {
        if entry_args(&entry).is_none() {
            continue;
        }
        checked += 1;
        let (code, out, text) = run_entry(&entry);
        let file = entry["file"].as_str().unwrap_or_default();
        let valid = entry["expect"] == "valid";
        let agrees = if valid {
            code == 0 && out["valid"] == true && out["name_id"] == entry["name_id"]
        } else {
            code == 1 && out["valid"] == false && out["error"].is_string()
        };
        if !agrees {
            wrong.push(format!("{file}: exit {code}, {text}"));
        }
    }
    assert!(checked >= 50, "only {checked} fixtures could be checked");
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn saml_verify_reads_base64_from_stdin() {
    let entry = manifest_entry("valid base64 fixture", |e| {
        e["expect"] == "valid"
            && default_options(e)
            && e["file"].as_str().is_some_and(|f| f.ends_with(".b64"))
    });
    let base64 = std::fs::read(saml_file(entry["file"].as_str().unwrap())).unwrap();
    let cert = saml_file("keys/idp.crt");
    for stdin_arg in [None, Some("-")] {
        let mut args = saml_args(&["--idp-cert", &cert, "--request-id", REQUEST_ID]);
        args.extend(stdin_arg);
        let (code, out, text) = inspect_with_stdin(&args, &base64);
        assert_eq!(code, 0, "{stdin_arg:?}: {text}");
        assert_eq!(out["name_id"], entry["name_id"], "{text}");
    }
    // The same bytes with a flipped character are refused.
    let mut altered = base64;
    let at = altered.len() / 2;
    altered[at] = if altered[at] == b'A' { b'B' } else { b'A' };
    let args = saml_args(&["--idp-cert", &cert, "--request-id", REQUEST_ID]);
    let (code, out, text) = inspect_with_stdin(&args, &altered);
    assert_eq!((code, &out["valid"]), (1, &json!(false)), "{text}");
}

#[test]
fn saml_verify_trusts_idp_metadata_whose_entity_id_matches() {
    let entry = manifest_entry("valid XML fixture with default options", |e| {
        e["expect"] == "valid"
            && default_options(e)
            && e["file"].as_str().is_some_and(|f| f.ends_with(".xml"))
    });
    let metadata = idp_metadata();
    let response = saml_file(entry["file"].as_str().unwrap());
    let args = saml_args(&[
        "--idp-metadata",
        &metadata,
        "--request-id",
        REQUEST_ID,
        &response,
    ]);
    let (code, out, text) = inspect_with_stdin(&args, b"");
    assert_eq!(code, 0, "{text}");
    assert_eq!(out["name_id"], entry["name_id"], "{text}");

    // The metadata describes another IdP than the one named: refused, whatever it signed.
    let mut args = saml_args(&[
        "--idp-metadata",
        &metadata,
        "--request-id",
        REQUEST_ID,
        &response,
    ]);
    args[3] = "http://www.okta.com/exk1otheridp";
    let (code, out, text) = inspect_with_stdin(&args, b"");
    assert_eq!(code, 1, "{text}");
    assert_eq!(out["valid"], false);
    assert!(
        out["error"].as_str().unwrap().contains("entity ID"),
        "{text}"
    );
}

#[test]
fn saml_verify_reports_unreadable_files_and_bad_certificates_as_rejected() {
    let response = saml_file("valid/both-signed.xml");
    let missing = saml_file("keys/no-such-certificate.crt");
    let not_a_cert = saml_file("manifest.json");
    for cert in [&missing, &not_a_cert] {
        let args = saml_args(&["--idp-cert", cert, "--request-id", REQUEST_ID, &response]);
        let (code, out, text) = inspect_with_stdin(&args, b"");
        assert_eq!(code, 1, "{cert}: {text}");
        assert_eq!(out["valid"], false, "{text}");
    }
    let cert = saml_file("keys/idp.crt");
    let args = saml_args(&["--idp-cert", &cert, "--request-id", REQUEST_ID, &missing]);
    let (code, out, text) = inspect_with_stdin(&args, b"");
    assert_eq!(code, 1, "{text}");
    assert!(
        out["error"]
            .as_str()
            .unwrap()
            .contains("no-such-certificate"),
        "{text}"
    );
}

#[test]
fn saml_verify_usage_errors_exit_2() {
    let cert = saml_file("keys/idp.crt");
    let metadata = idp_metadata();
    let without_acs_url = [
        "saml",
        "verify",
        "--idp-cert",
        &cert,
        "--idp-entity-id",
        IDP_ENTITY_ID,
        "--sp-entity-id",
        SP_ENTITY_ID,
        "--request-id",
        REQUEST_ID,
    ];
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("missing --acs-url", without_acs_url.to_vec()),
        (
            "both --request-id and --idp-initiated",
            saml_args(&[
                "--idp-cert",
                &cert,
                "--request-id",
                REQUEST_ID,
                "--idp-initiated",
            ]),
        ),
        (
            "neither --request-id nor --idp-initiated",
            saml_args(&["--idp-cert", &cert]),
        ),
        (
            "unknown flag",
            saml_args(&["--idp-cert", &cert, "--request-id", REQUEST_ID, "--verbose"]),
        ),
        (
            "both --idp-cert and --idp-metadata",
            saml_args(&[
                "--idp-cert",
                &cert,
                "--idp-metadata",
                &metadata,
                "--idp-initiated",
            ]),
        ),
        (
            "neither --idp-cert nor --idp-metadata",
            saml_args(&["--idp-initiated"]),
        ),
        (
            "two input files",
            saml_args(&["--idp-cert", &cert, "--idp-initiated", "a.xml", "b.xml"]),
        ),
        (
            "a flag without its value",
            saml_args(&["--idp-initiated", "--idp-cert"]),
        ),
        (
            "--skew-secs not a number",
            saml_args(&[
                "--idp-cert",
                &cert,
                "--idp-initiated",
                "--skew-secs",
                "lots",
            ]),
        ),
        ("unknown saml command", vec!["saml", "check"]),
    ];
    for (what, args) in cases {
        let (code, out, text) = inspect_with_stdin(&args, b"");
        assert_eq!(code, 2, "{what}: {text}");
        assert_eq!(
            out,
            Value::Null,
            "{what}: a usage error prints no JSON: {text}"
        );
    }
}

#[test]
fn saml_verify_trusts_every_certificate_of_a_pem_bundle() {
    let entry = manifest_entry("valid fixture signed with a rotated key", |e| {
        e["expect"] == "valid"
            && e["options"]["idp_certs"]
                .as_array()
                .is_some_and(|c| c.len() > 1)
    });
    let certs: Vec<&str> = entry["options"]["idp_certs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let dir = std::env::temp_dir().join(format!("okta-inspect-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let read = |cert: &str| std::fs::read_to_string(saml_file(&format!("keys/{cert}"))).unwrap();
    let bundle = dir.join("bundle.pem");
    std::fs::write(&bundle, certs.iter().map(|c| read(c)).collect::<String>()).unwrap();
    let only_first = dir.join("first.pem");
    std::fs::write(&only_first, read(certs[0])).unwrap();
    let response = saml_file(entry["file"].as_str().unwrap());
    let run = |pem: &Path| {
        let pem = pem.to_string_lossy();
        let args = saml_args(&["--idp-cert", &pem, "--request-id", REQUEST_ID, &response]);
        inspect_with_stdin(&args, b"")
    };
    let (code, out, text) = run(&bundle);
    assert_eq!(code, 0, "{text}");
    assert_eq!(out["name_id"], entry["name_id"]);
    // Without the certificate that signed it, the same response is refused.
    let (code, _, text) = run(&only_first);
    assert_eq!(code, 1, "{text}");
}
