//! Token verification and key-set parsing on arbitrary input: no panic, no unbounded work.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use okta_auth::jwt::{decode_unverified, AccessTokenVerifier, KeySet};

/// A fixed P-256 public key (its private half is not needed: nothing here should verify).
const JWKS: &str = r#"{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},{"kty":"RSA","kid":"k2","e":"AQAB","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}]}"#;

struct State {
    verifier: AccessTokenVerifier,
    rt: tokio::runtime::Runtime,
}

fn state() -> &'static State {
    static S: OnceLock<State> = OnceLock::new();
    S.get_or_init(|| State {
        verifier: AccessTokenVerifier::builder("https://dev-1.okta.com/oauth2/default")
            .audience("api://default")
            .keys(KeySet::from_jwks(JWKS.as_bytes()).expect("fixed JWKS"))
            .expect("verifier"),
        rt: tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime"),
    })
}

fuzz_target!(|data: &[u8]| {
    let s = state();
    let text = String::from_utf8_lossy(data);
    assert!(s.rt.block_on(s.verifier.verify(&text)).is_err());
    let _ = decode_unverified(&text, 8192);
    let _ = KeySet::from_jwks(data);
});
