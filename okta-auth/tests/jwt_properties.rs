//! Properties of verification on arbitrary input: never a panic, never an acceptance of a
//! modified token, and oversized input refused before any work.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use okta_auth::jwt::{decode_unverified, AccessTokenVerifier, JwtError, KeySet};
use okta_core::clock::ManualClock;
use proptest::prelude::*;
use serde_json::json;

mod common;
use common::{jwks, TestKey};

const ISS: &str = "https://dev-1.okta.com/oauth2/default";
const NOW: u64 = 1_800_000_000;

struct Fixture {
    verifier: AccessTokenVerifier,
    token: String,
    rt: tokio::runtime::Runtime,
}

fn fixture() -> &'static Fixture {
    static F: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let key = TestKey::ec("k1");
        let verifier = AccessTokenVerifier::builder(ISS)
            .audience("api://default")
            .clock(Arc::new(ManualClock::new(
                UNIX_EPOCH + Duration::from_secs(NOW),
            )))
            .keys(KeySet::from_jwks(&jwks(&[&key])).unwrap())
            .unwrap();
        let token = key.token(&json!({"iss":ISS,"aud":"api://default","iat":NOW,"exp":NOW + 60}));
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        Fixture {
            verifier,
            token,
            rt,
        }
    })
}

fn verify(token: &str) -> Result<(), JwtError> {
    let f = fixture();
    f.rt.block_on(f.verifier.verify(token)).map(|_| ())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_string_is_rejected_without_panic(s in ".{0,2000}") {
        prop_assert!(verify(&s).is_err());
        let _ = decode_unverified(&s, 8192);
    }

    #[test]
    fn token_shaped_garbage_is_rejected_without_panic(
        a in "[A-Za-z0-9_-]{0,200}", b in "[A-Za-z0-9_-]{0,400}", c in "[A-Za-z0-9_=+/-]{0,200}"
    ) {
        let token = format!("{a}.{b}.{c}");
        prop_assert!(verify(&token).is_err());
    }

    #[test]
    fn any_single_character_change_of_a_valid_token_is_rejected(
        pos in 0usize..10_000, replacement in "[A-Za-z0-9_.=-]"
    ) {
        let token = &fixture().token;
        prop_assume!(verify(token).is_ok());
        let pos = pos % token.len();
        let mut changed = token.clone();
        changed.replace_range(pos..pos + 1, &replacement);
        prop_assume!(changed != *token);
        prop_assert!(verify(&changed).is_err(), "accepted a modified token at {}", pos);
    }

    #[test]
    fn anything_past_the_size_cap_is_refused_before_decoding(extra in 1usize..5_000) {
        let big = "a".repeat(okta_auth::jwt::DEFAULT_MAX_TOKEN_BYTES + extra);
        let refused_for_size = matches!(verify(&big), Err(JwtError::TooLarge { .. }));
        prop_assert!(refused_for_size);
    }

    #[test]
    fn arbitrary_jwks_documents_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = KeySet::from_jwks(&bytes);
    }

    #[test]
    fn jwks_with_arbitrary_members_never_panic(
        kty in "(RSA|EC|OKP|oct|[a-z]{0,4})", crv in "(P-256|P-384|Ed25519|[A-Z0-9-]{0,6})",
        n in "[A-Za-z0-9_-]{0,64}", x in "[A-Za-z0-9_-]{0,64}", alg in "(RS256|ES256|none|HS256|[A-Z0-9]{0,6})"
    ) {
        let doc = json!({"keys":[{"kty":kty,"crv":crv,"n":n,"e":"AQAB","x":x,"y":x,"alg":alg,"kid":"k"}]});
        let _ = KeySet::from_jwks(doc.to_string().as_bytes());
    }
}
