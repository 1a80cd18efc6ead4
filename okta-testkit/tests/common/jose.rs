//! What the OAuth tests need to play a client: keys, signed assertions, DPoP proofs and
//! a way to read and check the org's tokens.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{
    EcdsaKeyPair, KeyPair, RsaKeyPair, RsaPublicKeyComponents, ECDSA_P256_SHA256_FIXED_SIGNING,
    RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

pub fn b64(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

pub fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

pub fn sha256_b64(data: &[u8]) -> String {
    b64(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, data).as_ref())
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A random-enough unique id.
pub fn unique() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

/// A test key pair.
pub enum Key {
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
}

impl Key {
    pub fn new_rsa() -> Key {
        Key::Rsa(RsaKeyPair::generate(KeySize::Rsa2048).unwrap())
    }

    pub fn new_ec() -> Key {
        Key::Ec(EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap())
    }

    pub fn alg(&self) -> &'static str {
        match self {
            Key::Rsa(_) => "RS256",
            Key::Ec(_) => "ES256",
        }
    }

    /// The public JWK, without `kid`.
    pub fn public_jwk(&self) -> Value {
        match self {
            Key::Rsa(pair) => {
                let (n, e) = pkcs1_public(pair.public_key().as_ref());
                json!({ "kty": "RSA", "n": b64(&n), "e": b64(&e) })
            }
            Key::Ec(pair) => {
                let point = pair.public_key().as_ref();
                json!({
                    "kty": "EC",
                    "crv": "P-256",
                    "x": b64(&point[1..33]),
                    "y": b64(&point[33..65]),
                })
            }
        }
    }

    /// The public JWK with `kid`, `alg` and `use`, as registered for a client.
    pub fn client_jwk(&self, kid: &str) -> Value {
        let mut jwk = self.public_jwk();
        jwk["kid"] = json!(kid);
        jwk["alg"] = json!(self.alg());
        jwk["use"] = json!("sig");
        jwk
    }

    /// The RFC 7638 thumbprint.
    pub fn thumbprint(&self) -> String {
        let jwk = self.public_jwk();
        let canonical = match self {
            Key::Rsa(_) => format!(
                r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
                jwk["e"].as_str().unwrap(),
                jwk["n"].as_str().unwrap()
            ),
            Key::Ec(_) => format!(
                r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
                jwk["x"].as_str().unwrap(),
                jwk["y"].as_str().unwrap()
            ),
        };
        sha256_b64(canonical.as_bytes())
    }

    pub fn sign(&self, input: &[u8]) -> Vec<u8> {
        match self {
            Key::Rsa(pair) => {
                let mut signature = vec![0; pair.public_modulus_len()];
                pair.sign(
                    &RSA_PKCS1_SHA256,
                    &SystemRandom::new(),
                    input,
                    &mut signature,
                )
                .unwrap();
                signature
            }
            Key::Ec(pair) => pair
                .sign(&SystemRandom::new(), input)
                .unwrap()
                .as_ref()
                .to_vec(),
        }
    }

    /// A compact JWS of `header` and `claims`.
    pub fn jwt(&self, header: &Value, claims: &Value) -> String {
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let signature = self.sign(input.as_bytes());
        format!("{input}.{}", b64(&signature))
    }
}

/// Shared keys: generating RSA keys takes a while.
pub fn rsa_key() -> &'static Key {
    static KEY: OnceLock<Key> = OnceLock::new();
    KEY.get_or_init(Key::new_rsa)
}

pub fn other_rsa_key() -> &'static Key {
    static KEY: OnceLock<Key> = OnceLock::new();
    KEY.get_or_init(Key::new_rsa)
}

pub fn ec_key() -> &'static Key {
    static KEY: OnceLock<Key> = OnceLock::new();
    KEY.get_or_init(Key::new_ec)
}

/// `(n, e)` of a PKCS#1 `RSAPublicKey`, without leading zeros.
fn pkcs1_public(der: &[u8]) -> (Vec<u8>, Vec<u8>) {
    fn element(input: &[u8]) -> (u8, &[u8], &[u8]) {
        let tag = input[0];
        let (len, start) = if input[1] < 0x80 {
            (input[1] as usize, 2)
        } else {
            let count = (input[1] & 0x7f) as usize;
            let len = input[2..2 + count]
                .iter()
                .fold(0usize, |len, &b| (len << 8) | b as usize);
            (len, 2 + count)
        };
        (tag, &input[start..start + len], &input[start + len..])
    }
    let strip = |bytes: &[u8]| {
        let zeros = bytes.iter().take_while(|&&b| b == 0).count();
        bytes[zeros..].to_vec()
    };
    let (_, sequence, _) = element(der);
    let (_, n, rest) = element(sequence);
    let (_, e, _) = element(rest);
    (strip(n), strip(e))
}

/// A client assertion for `client_id` to `aud`, signed with `key` under `kid`, valid for
/// five minutes.
pub fn assertion(key: &Key, kid: &str, client_id: &str, aud: &str) -> String {
    let now = now();
    assertion_with(
        key,
        kid,
        &json!({
            "iss": client_id,
            "sub": client_id,
            "aud": aud,
            "iat": now,
            "exp": now + 300,
            "jti": unique(),
        }),
    )
}

/// A client assertion with these claims.
pub fn assertion_with(key: &Key, kid: &str, claims: &Value) -> String {
    key.jwt(
        &json!({ "alg": key.alg(), "kid": kid, "typ": "JWT" }),
        claims,
    )
}

/// The form of a `private_key_jwt` token request.
pub fn jwt_form(assertion: &str, scope: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "client_credentials".to_owned()),
        ("scope", scope.to_owned()),
        ("client_assertion_type", JWT_BEARER.to_owned()),
        ("client_assertion", assertion.to_owned()),
    ]
}

/// A DPoP proof by `key` for `htm` `htu`, with an optional nonce and access token hash.
pub fn dpop_proof(
    key: &Key,
    htm: &str,
    htu: &str,
    nonce: Option<&str>,
    access_token: Option<&str>,
) -> String {
    let mut claims = json!({ "htm": htm, "htu": htu, "iat": now(), "jti": unique() });
    if let Some(nonce) = nonce {
        claims["nonce"] = json!(nonce);
    }
    if let Some(token) = access_token {
        claims["ath"] = json!(sha256_b64(token.as_bytes()));
    }
    dpop_proof_with(key, &claims)
}

/// A DPoP proof by `key` with these claims.
pub fn dpop_proof_with(key: &Key, claims: &Value) -> String {
    let header = json!({ "typ": "dpop+jwt", "alg": key.alg(), "jwk": key.public_jwk() });
    key.jwt(&header, claims)
}

/// The header and claims of a compact JWT (not verified).
pub fn decode(token: &str) -> (Value, Value) {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "{token}");
    (
        serde_json::from_slice(&unb64(parts[0])).unwrap(),
        serde_json::from_slice(&unb64(parts[1])).unwrap(),
    )
}

/// Whether `token` is an RS256 JWT signed by the RSA key of `jwks` its `kid` names.
pub fn verifies_with(token: &str, jwks: &Value) -> bool {
    let (header, _) = decode(token);
    let Some(jwk) = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|jwk| jwk["kid"] == header["kid"] && jwk["kty"] == "RSA")
    else {
        return false;
    };
    let (input, signature) = token.rsplit_once('.').unwrap();
    let n = unb64(jwk["n"].as_str().unwrap());
    let e = unb64(jwk["e"].as_str().unwrap());
    RsaPublicKeyComponents { n: &n, e: &e }
        .verify(
            &RSA_PKCS1_2048_8192_SHA256,
            input.as_bytes(),
            &unb64(signature),
        )
        .is_ok()
}
