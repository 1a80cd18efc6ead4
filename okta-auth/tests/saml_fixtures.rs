//! Every committed SAML fixture (made with xmlsec1 by tools/saml-fixtures/generate.sh) against
//! the verifier: valid responses are accepted with the right subject, and each attack and
//! semantic failure is refused by the check the manifest names.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use okta_auth::core::clock::ManualClock;
use okta_auth::saml::{
    DecryptionKey, Expect, IdentityProvider, ResponseVerifier, SamlError, ServiceProvider,
    SignaturePolicy, VerifiedAssertion,
};
use serde_json::Value;

const IDP_ENTITY_ID: &str = "http://www.okta.com/exk1fakeidp";
const SP_ENTITY_ID: &str = "https://sp.example.com/saml/metadata";
const ACS_URL: &str = "https://sp.example.com/saml/acs";
const REQUEST_ID: &str = "id-request-7f3a9c";
const NOW: &str = "2026-03-01T10:01:00Z";

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/saml")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn manifest() -> Vec<Value> {
    serde_json::from_str::<Value>(&read(&data().join("manifest.json")))
        .expect("manifest.json is JSON")
        .as_array()
        .expect("manifest.json is an array")
        .clone()
}

fn instant(text: &str) -> std::time::SystemTime {
    let seconds = {
        // Fixtures use whole seconds in UTC: YYYY-MM-DDTHH:MM:SSZ.
        let n = |r: std::ops::Range<usize>| text[r].parse::<i64>().unwrap();
        let (y, m, d) = (n(0..4), n(5..7), n(8..10));
        let (hh, mm, ss) = (n(11..13), n(14..16), n(17..19));
        let y2 = if m <= 2 { y - 1 } else { y };
        let era = y2.div_euclid(400);
        let yoe = y2 - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400 + hh * 3600 + mm * 60 + ss
    };
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds as u64)
}

/// Builds the verifier an entry asks for; a configuration error (such as a weak key) is the
/// outcome itself.
fn verifier(options: &Value) -> Result<ResponseVerifier, SamlError> {
    let keys = data().join("keys");
    let certs: Vec<String> = options["idp_certs"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
        .unwrap_or_else(|| vec!["idp.crt".to_owned()]);
    let mut idp = IdentityProvider::new(IDP_ENTITY_ID);
    for cert in certs {
        idp = idp.certificate_pem(&read(&keys.join(cert)))?;
    }
    let mut sp = ServiceProvider::new(SP_ENTITY_ID, ACS_URL);
    if let Some(key) = options["sp_key"].as_str() {
        sp = sp.decryption_key(DecryptionKey::from_pkcs8_pem(&read(&keys.join(key)))?);
    }
    let policy = match options["require"].as_str().unwrap_or("either") {
        "assertion" => SignaturePolicy::Assertion,
        "response" => SignaturePolicy::Response,
        "both" => SignaturePolicy::Both,
        _ => SignaturePolicy::Either,
    };
    let now = instant(options["now"].as_str().unwrap_or(NOW));
    Ok(ResponseVerifier::new(sp, idp)
        .signature_policy(policy)
        .insecure_allow_sha1(options["allow_sha1"].as_bool().unwrap_or(false))
        .insecure_allow_unauthenticated_cbc(options["insecure_cbc"].as_bool().unwrap_or(false))
        .clock(Arc::new(ManualClock::new(now))))
}

fn run(entry: &Value) -> Result<VerifiedAssertion, SamlError> {
    let options = &entry["options"];
    let verifier = verifier(options)?;
    let input = std::fs::read(data().join(entry["file"].as_str().unwrap())).unwrap();
    let request_id = options["request_id"].as_str().unwrap_or(REQUEST_ID);
    let expect = if options["idp_initiated"].as_bool().unwrap_or(false) {
        Expect::IdpInitiated
    } else {
        Expect::Request(request_id)
    };
    verifier.verify_without_replay_check(&input, expect)
}

#[test]
fn every_fixture_gets_the_outcome_its_manifest_entry_names() {
    let entries = manifest();
    assert!(entries.len() >= 60, "only {} fixtures", entries.len());
    let mut failures = Vec::new();
    let mut outcomes = std::collections::BTreeMap::<&str, usize>::new();
    for entry in &entries {
        let file = entry["file"].as_str().unwrap();
        let outcome = run(entry);
        *outcomes
            .entry(outcome.as_ref().map_or_else(|e| e.kind(), |_| "valid"))
            .or_default() += 1;
        let expected: Vec<&str> = match entry["expect"].as_str() {
            Some(kind) => vec![kind],
            None => entry["expect_any"]
                .as_array()
                .unwrap_or_else(|| panic!("{file}: no expect"))
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect(),
        };
        match (&outcome, expected.as_slice()) {
            (Ok(assertion), ["valid"]) => {
                if let Some(name_id) = entry["name_id"].as_str() {
                    if assertion.name_id() != name_id {
                        failures.push(format!(
                            "{file}: NameID {:?}, expected {name_id:?}",
                            assertion.name_id()
                        ));
                    }
                }
            }
            (Ok(assertion), _) => failures.push(format!(
                "{file}: ACCEPTED (NameID {:?}) but expected {expected:?}",
                assertion.name_id()
            )),
            (Err(error), kinds) => {
                if !kinds.contains(&error.kind()) {
                    failures.push(format!(
                        "{file}: {error} [{}], expected {kinds:?}",
                        error.kind()
                    ));
                }
                let message = error.to_string();
                if message.len() > 400 {
                    failures.push(format!("{file}: error message of {} bytes", message.len()));
                }
            }
        }
    }
    println!("{} fixtures; outcomes: {outcomes:?}", entries.len());
    assert!(
        failures.is_empty(),
        "{} of {} fixtures wrong:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}

#[test]
fn valid_fixtures_yield_okta_shaped_assertions() {
    let entry = manifest()
        .into_iter()
        .find(|e| {
            e["expect"] == "valid"
                && e["options"]["idp_initiated"].is_null()
                && e["file"].as_str().unwrap().contains("both")
        })
        .expect("a both-signed valid fixture");
    let assertion = run(&entry).unwrap();
    assert_eq!(assertion.issuer(), IDP_ENTITY_ID);
    assert_eq!(assertion.name_id(), "ada@example.com");
    assert_eq!(
        assertion.name_id_format(),
        Some("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")
    );
    assert!(assertion.session_index().is_some());
    assert_eq!(assertion.in_response_to(), Some(REQUEST_ID));
    assert_eq!(assertion.audiences(), [SP_ENTITY_ID.to_owned()]);
    assert_eq!(assertion.attribute("groups").map(<[String]>::len), Some(3));
    assert_eq!(
        assertion.attribute("email"),
        Some(&["ada@example.com".to_owned()][..])
    );
    assert!(assertion.coverage().response_signed && assertion.coverage().assertion_signed);
    assert_eq!(
        assertion.authn_context_class(),
        Some("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
    );
}

#[tokio::test]
async fn an_assertion_is_accepted_once_and_its_replay_refused() {
    let entry = manifest()
        .into_iter()
        .find(|e| e["expect"] == "valid" && e["options"].as_object().is_none_or(|o| o.is_empty()))
        .expect("a valid fixture with default options");
    let verifier = verifier(&entry["options"]).unwrap();
    let input = std::fs::read(data().join(entry["file"].as_str().unwrap())).unwrap();
    verifier
        .verify(&input, Expect::Request(REQUEST_ID))
        .await
        .unwrap();
    let replay = verifier
        .verify(&input, Expect::Request(REQUEST_ID))
        .await
        .unwrap_err();
    assert_eq!(replay, SamlError::Replay);
}

#[test]
fn a_response_past_its_validity_is_refused_as_expired() {
    let entry = manifest()
        .into_iter()
        .find(|e| e["expect"] == "valid" && e["options"].as_object().is_none_or(|o| o.is_empty()))
        .unwrap();
    let mut options = serde_json::json!({});
    options["now"] = "2026-03-01T10:20:00Z".into();
    let verifier = verifier(&options).unwrap();
    let input = std::fs::read(data().join(entry["file"].as_str().unwrap())).unwrap();
    let error = verifier
        .verify_without_replay_check(&input, Expect::Request(REQUEST_ID))
        .unwrap_err();
    assert_eq!(error.kind(), "expired", "{error}");
}

#[test]
fn idp_metadata_gives_entity_id_certificates_and_sso_urls() {
    let metadata = read(&data().join("metadata/idp-metadata.xml"));
    let idp = IdentityProvider::from_metadata(&metadata).unwrap();
    assert_eq!(idp.entity_id(), IDP_ENTITY_ID);
    assert_eq!(idp.certificates().len(), 1);
    assert!(idp
        .sso_url_for(okta_auth::saml::Binding::HttpRedirect)
        .is_some_and(|u| u.starts_with("https://")));
}

/// The CBC padding and format oracle: with unauthenticated CBC allowed, an attacker flips bits
/// of a captured ciphertext and watches how each attempt fails. Every tampered variant must
/// fail with the same error and message, whatever the flip breaks (padding, UTF-8, XML,
/// structure, signature); without the option, the ciphertext is not even decrypted.
#[test]
fn tampered_unauthenticated_cbc_ciphertext_fails_one_way_only() {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

    let file = "policy/aes256-cbc-unsigned-response-insecure-cbc.xml";
    let text = read(&data().join(file));
    let options = serde_json::json!({"sp_key": "sp-enc.key", "insecure_cbc": true});
    let insecure = verifier(&options).unwrap();
    insecure
        .verify_without_replay_check(&text, Expect::Request(REQUEST_ID))
        .expect("the untampered response is accepted with the insecure option");

    // The content ciphertext is the last CipherValue (the first is the wrapped key).
    let open = text.rfind("<xenc:CipherValue>").unwrap() + "<xenc:CipherValue>".len();
    let close = open + text[open..].find("</xenc:CipherValue>").unwrap();
    let compact: String = text[open..close]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let ciphertext = STANDARD.decode(compact).unwrap();
    let blocks = ciphertext.len() / 16;
    let mut messages = std::collections::BTreeSet::new();
    // Flips in the IV (the first block of plaintext: the XML start), in the middle, and in
    // the block before the last (the padding).
    let positions = [0, 1, 5, 15, 16 * (blocks / 2) + 3, 16 * (blocks - 2) + 15];
    for position in positions {
        for mask in [0x01u8, 0x20, 0x80] {
            let mut tampered = ciphertext.clone();
            tampered[position] ^= mask;
            let input = format!(
                "{}{}{}",
                &text[..open],
                STANDARD.encode(&tampered),
                &text[close..]
            );
            let error = insecure
                .verify_without_replay_check(&input, Expect::Request(REQUEST_ID))
                .unwrap_err();
            assert_eq!(error.kind(), "decryption", "flip at {position}: {error}");
            messages.insert(error.to_string());
        }
    }
    assert_eq!(messages.len(), 1, "{messages:?}");

    let default = verifier(&serde_json::json!({"sp_key": "sp-enc.key"})).unwrap();
    let error = default
        .verify_without_replay_check(&text, Expect::Request(REQUEST_ID))
        .unwrap_err();
    assert_eq!(error.kind(), "algorithm", "{error}");
}

/// With a longer lifetime allowed, the built-in replay store remembers IDs that long too: the
/// 48-hour assertion is accepted once, and refused when it comes again 30 hours later.
#[tokio::test]
async fn a_longer_assertion_lifetime_makes_the_built_in_store_remember_longer() {
    let entry = manifest()
        .into_iter()
        .find(|e| e["file"] == "semantic/valid-for-48-hours.xml")
        .unwrap();
    let clock = Arc::new(ManualClock::new(instant(NOW)));
    let verifier = verifier(&entry["options"])
        .unwrap()
        .clock(clock.clone())
        .max_assertion_lifetime(std::time::Duration::from_secs(49 * 3600));
    let input = std::fs::read(data().join("semantic/valid-for-48-hours.xml")).unwrap();
    verifier
        .verify(&input, Expect::Request(REQUEST_ID))
        .await
        .unwrap();
    clock.advance(std::time::Duration::from_secs(30 * 3600));
    let replay = verifier
        .verify(&input, Expect::Request(REQUEST_ID))
        .await
        .unwrap_err();
    assert_eq!(replay, SamlError::Replay);
}
