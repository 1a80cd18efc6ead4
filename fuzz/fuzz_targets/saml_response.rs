//! SAML response verification and IdP metadata parsing on arbitrary input: no panic, no
//! unbounded work, never an accepted assertion.
#![no_main]

use std::sync::{Arc, OnceLock};
use std::time::{Duration, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use okta_auth::core::clock::ManualClock;
use okta_auth::saml::{Expect, IdentityProvider, ResponseVerifier, ServiceProvider};

const IDP_CERT: &str = include_str!("../../okta-auth/tests/data/saml/keys/idp.crt");

fn verifier() -> &'static ResponseVerifier {
    static V: OnceLock<ResponseVerifier> = OnceLock::new();
    V.get_or_init(|| {
        let idp = IdentityProvider::new("http://www.okta.com/exk1fakeidp")
            .certificate_pem(IDP_CERT)
            .expect("fixture certificate");
        let sp = ServiceProvider::new(
            "https://sp.example.com/saml/metadata",
            "https://sp.example.com/saml/acs",
        );
        // 2026-03-01T10:01:00Z, the instant the fixtures are valid at.
        let now = UNIX_EPOCH + Duration::from_secs(1_772_359_260);
        ResponseVerifier::new(sp, idp).clock(Arc::new(ManualClock::new(now)))
    })
}

fuzz_target!(|data: &[u8]| {
    let verifier = verifier();
    // Anything the fuzzer makes that verifies would be a forged signature.
    if let Ok(assertion) = verifier.verify_without_replay_check(data, Expect::Request("id-request-7f3a9c")) {
        // Only an unmodified fixture can get here; its subject is the fixture's.
        assert!(assertion.name_id().starts_with("ada@example.com"), "{assertion:?}");
    }
    let _ = verifier.verify_without_replay_check(data, Expect::IdpInitiated);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = IdentityProvider::from_metadata(text);
    }
});
