//! Test keys and token signing shared by the JWT tests.
#![allow(dead_code)]

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{EcdsaKeyPair, Ed25519KeyPair, KeyPair};
use aws_lc_rs::{rsa, signature};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

pub(crate) fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) enum Key {
    Rsa(rsa::KeyPair),
    Ec(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

pub(crate) struct TestKey {
    pub(crate) kid: String,
    pub(crate) key: Key,
}

impl TestKey {
    pub(crate) fn rsa(kid: &str) -> TestKey {
        TestKey {
            kid: kid.into(),
            key: Key::Rsa(rsa::KeyPair::generate(rsa::KeySize::Rsa2048).unwrap()),
        }
    }
    pub(crate) fn ec(kid: &str) -> TestKey {
        TestKey {
            kid: kid.into(),
            key: Key::Ec(
                EcdsaKeyPair::generate(&signature::ECDSA_P256_SHA256_FIXED_SIGNING).unwrap(),
            ),
        }
    }
    pub(crate) fn ed(kid: &str) -> TestKey {
        TestKey {
            kid: kid.into(),
            key: Key::Ed(Ed25519KeyPair::generate().unwrap()),
        }
    }

    pub(crate) fn jwk(&self) -> Value {
        match &self.key {
            Key::Rsa(k) => {
                let p = k.public_key();
                json!({"kty":"RSA","kid":self.kid,"use":"sig","alg":"RS256",
                    "n": b64(p.modulus().big_endian_without_leading_zero()),
                    "e": b64(p.exponent().big_endian_without_leading_zero())})
            }
            Key::Ec(k) => {
                let point = k.public_key().as_ref();
                json!({"kty":"EC","crv":"P-256","kid":self.kid,"use":"sig",
                    "x": b64(&point[1..33]), "y": b64(&point[33..65])})
            }
            Key::Ed(k) => json!({"kty":"OKP","crv":"Ed25519","kid":self.kid,
                "x": b64(k.public_key().as_ref())}),
        }
    }

    pub(crate) fn alg(&self) -> &'static str {
        match self.key {
            Key::Rsa(_) => "RS256",
            Key::Ec(_) => "ES256",
            Key::Ed(_) => "EdDSA",
        }
    }

    pub(crate) fn sign_raw(&self, message: &[u8]) -> Vec<u8> {
        let rng = SystemRandom::new();
        match &self.key {
            Key::Rsa(k) => {
                let mut sig = vec![0; k.public_modulus_len()];
                k.sign(&signature::RSA_PKCS1_SHA256, &rng, message, &mut sig)
                    .unwrap();
                sig
            }
            Key::Ec(k) => k.sign(&rng, message).unwrap().as_ref().to_vec(),
            Key::Ed(k) => k.sign(message).as_ref().to_vec(),
        }
    }

    /// A token with `header` (alg and kid filled in unless present) and `claims`.
    pub(crate) fn token_with(&self, header: Value, claims: &Value) -> String {
        let mut header = header;
        let h = header.as_object_mut().unwrap();
        h.entry("alg").or_insert(json!(self.alg()));
        h.entry("kid").or_insert(json!(self.kid));
        let input = format!(
            "{}.{}",
            b64(&serde_json::to_vec(&header).unwrap()),
            b64(&serde_json::to_vec(claims).unwrap())
        );
        let sig = self.sign_raw(input.as_bytes());
        format!("{input}.{}", b64(&sig))
    }

    pub(crate) fn token(&self, claims: &Value) -> String {
        self.token_with(json!({}), claims)
    }
}

pub(crate) fn jwks(keys: &[&TestKey]) -> Vec<u8> {
    serde_json::to_vec(&json!({"keys": keys.iter().map(|k| k.jwk()).collect::<Vec<_>>()})).unwrap()
}
