//! Properties of SAML verification on any input: no panic, bounded errors, and no mutation of
//! a signed response is ever accepted with different content.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use okta_auth::core::clock::ManualClock;
use okta_auth::saml::{Expect, IdentityProvider, Limits, ResponseVerifier, ServiceProvider};
use proptest::prelude::*;

fn data(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/saml")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn verifier() -> ResponseVerifier {
    let cert = String::from_utf8(data("keys/idp.crt")).unwrap();
    let idp = IdentityProvider::new("http://www.okta.com/exk1fakeidp")
        .certificate_pem(&cert)
        .unwrap();
    let sp = ServiceProvider::new(
        "https://sp.example.com/saml/metadata",
        "https://sp.example.com/saml/acs",
    );
    let now = UNIX_EPOCH + Duration::from_secs(1_772_359_260);
    ResponseVerifier::new(sp, idp).clock(Arc::new(ManualClock::new(now)))
}

const REQUEST: Expect<'static> = Expect::Request("id-request-7f3a9c");

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_are_rejected_with_a_bounded_error(input in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let error = verifier().verify_without_replay_check(&input, REQUEST).unwrap_err();
        prop_assert!(error.to_string().len() < 400);
    }

    #[test]
    fn arbitrary_xml_like_text_is_rejected(input in "<[a-zA-Z:]{1,12}( [a-zA-Z:]{1,8}=\"[^\"<&]{0,16}\")*>[^<&]{0,64}(<[a-z]{1,4}/>)*</[a-zA-Z:]{1,12}>") {
        prop_assert!(verifier().verify_without_replay_check(input.as_bytes(), REQUEST).is_err());
    }

    #[test]
    fn no_single_byte_change_inside_the_signed_assertion_is_accepted(position in 0usize..100_000, byte in any::<u8>()) {
        let original = data("valid/both-signed.xml");
        let text = String::from_utf8(original.clone()).unwrap();
        // Only change bytes inside the Assertion element: every one of them is signed twice.
        let start = text.find("Assertion ").unwrap();
        let end = text.rfind("Assertion>").unwrap();
        let at = start + position % (end - start);
        let mut changed = original.clone();
        if changed[at] == byte { return Ok(()); }
        changed[at] = byte;
        if let Ok(assertion) = verifier().verify_without_replay_check(&changed, REQUEST) {
            // Only a change the canonical form erases (such as whitespace inside a tag) may
            // pass, and then nothing the caller reads may differ.
            let reference = verifier().verify_without_replay_check(&original, REQUEST).unwrap();
            prop_assert_eq!(assertion, reference);
        }
    }
}

#[test]
fn a_huge_input_is_refused_before_any_parsing() {
    let huge = vec![b'A'; 8 * 1024 * 1024];
    let error = verifier()
        .verify_without_replay_check(&huge, REQUEST)
        .unwrap_err();
    assert_eq!(error.kind(), "limits");
    let small = verifier().limits(Limits::default().max_bytes(1024));
    let error = small
        .verify_without_replay_check(data("valid/both-signed.xml"), REQUEST)
        .unwrap_err();
    assert_eq!(error.kind(), "limits");
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    let deep = format!(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">{}{}</samlp:Response>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    let error = verifier()
        .verify_without_replay_check(deep.as_bytes(), REQUEST)
        .unwrap_err();
    assert_eq!(error.kind(), "limits");
}
