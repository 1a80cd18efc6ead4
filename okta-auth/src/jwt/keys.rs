//! Verification keys from a JWKS (RFC 7517), parsed once.

use std::fmt;
use std::sync::OnceLock;

use aws_lc_rs::signature::{self, ParsedPublicKey, VerificationAlgorithm};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;

use super::error::{bounded, JwtError};
use super::jws::Algorithm;

/// The most keys a key set may hold; larger documents are refused.
pub const MAX_KEYS: usize = 64;

/// A public key that verifies token signatures.
pub struct VerifyingKey {
    kid: Option<String>,
    material: Material,
    /// Restricts the key to one algorithm when the JWK named one (`alg`).
    alg: Option<Algorithm>,
    /// Parsed aws-lc-rs keys, one slot per algorithm, built on first use.
    parsed: [OnceLock<Option<ParsedPublicKey>>; 9],
}

enum Material {
    /// DER `RSAPublicKey` (PKCS #1).
    Rsa(Vec<u8>),
    /// Uncompressed point of a P-256 key.
    P256(Vec<u8>),
    /// Uncompressed point of a P-384 key.
    P384(Vec<u8>),
    /// Raw Ed25519 public key.
    Ed25519(Vec<u8>),
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kty = match self.material {
            Material::Rsa(_) => "RSA",
            Material::P256(_) => "EC P-256",
            Material::P384(_) => "EC P-384",
            Material::Ed25519(_) => "OKP Ed25519",
        };
        f.debug_struct("VerifyingKey")
            .field("kid", &self.kid)
            .field("kty", &kty)
            .field("alg", &self.alg)
            .finish()
    }
}

#[derive(Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default, rename = "use")]
    use_: Option<String>,
    #[serde(default)]
    key_ops: Option<Vec<String>>,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
    #[serde(default)]
    crv: Option<String>,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    y: Option<String>,
}

fn b64(field: &str, value: Option<&String>) -> Result<Vec<u8>, String> {
    let value = value.ok_or_else(|| format!("missing {field}"))?;
    URL_SAFE_NO_PAD
        .decode(value)
        .map_err(|_| format!("{field} is not base64url"))
}

impl VerifyingKey {
    fn from_jwk(jwk: Jwk) -> Result<VerifyingKey, String> {
        if jwk.use_.as_deref().is_some_and(|u| u != "sig") {
            return Err("not a signature key (use)".into());
        }
        if jwk
            .key_ops
            .as_ref()
            .is_some_and(|ops| !ops.iter().any(|o| o == "verify"))
        {
            return Err("key_ops does not allow verify".into());
        }
        let alg = match jwk.alg.as_deref() {
            None => None,
            Some(name) => Some(
                Algorithm::from_name(name)
                    .ok_or_else(|| format!("unsupported alg {:?}", bounded(name)))?,
            ),
        };
        let material = match (jwk.kty.as_str(), jwk.crv.as_deref()) {
            ("RSA", _) => {
                let n = b64("n", jwk.n.as_ref())?;
                let e = b64("e", jwk.e.as_ref())?;
                // DER `RSAPublicKey ::= SEQUENCE { modulus, publicExponent }`.
                Material::Rsa(crate::der::sequence_of_unsigned_integers(&[&n, &e]))
            }
            ("EC", Some(crv @ ("P-256" | "P-384"))) => {
                let x = b64("x", jwk.x.as_ref())?;
                let y = b64("y", jwk.y.as_ref())?;
                let len = if crv == "P-256" { 32 } else { 48 };
                if x.len() != len || y.len() != len {
                    return Err(format!("{crv} coordinates must be {len} bytes"));
                }
                let mut point = Vec::with_capacity(1 + 2 * len);
                point.push(0x04);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                if crv == "P-256" {
                    Material::P256(point)
                } else {
                    Material::P384(point)
                }
            }
            ("OKP", Some("Ed25519")) => {
                let x = b64("x", jwk.x.as_ref())?;
                if x.len() != 32 {
                    return Err("Ed25519 keys are 32 bytes".into());
                }
                Material::Ed25519(x)
            }
            (kty, crv) => {
                return Err(format!(
                    "unsupported key type {:?}{}",
                    bounded(kty),
                    crv.map(|c| format!(" curve {:?}", bounded(c)))
                        .unwrap_or_default()
                ))
            }
        };
        let key = VerifyingKey {
            kid: jwk.kid,
            material,
            alg,
            parsed: Default::default(),
        };
        if let Some(alg) = alg {
            if !key.supports(alg) {
                return Err(format!("alg {} does not fit the key type", alg.name()));
            }
        }
        Ok(key)
    }

    /// The key's ID.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn supports(&self, alg: Algorithm) -> bool {
        if self.alg.is_some_and(|a| a != alg) {
            return false;
        }
        matches!(
            (&self.material, alg),
            (
                Material::Rsa(_),
                Algorithm::RS256
                    | Algorithm::RS384
                    | Algorithm::RS512
                    | Algorithm::PS256
                    | Algorithm::PS384
                    | Algorithm::PS512
            ) | (Material::P256(_), Algorithm::ES256)
                | (Material::P384(_), Algorithm::ES384)
                | (Material::Ed25519(_), Algorithm::EdDSA)
        )
    }

    fn parsed(&self, alg: Algorithm) -> Option<&ParsedPublicKey> {
        let slot = Algorithm::ALL.iter().position(|a| *a == alg)?;
        self.parsed[slot]
            .get_or_init(|| {
                let (algorithm, bytes): (&'static dyn VerificationAlgorithm, &[u8]) =
                    match (&self.material, alg) {
                        (Material::Rsa(d), Algorithm::RS256) => {
                            (&signature::RSA_PKCS1_2048_8192_SHA256, d)
                        }
                        (Material::Rsa(d), Algorithm::RS384) => {
                            (&signature::RSA_PKCS1_2048_8192_SHA384, d)
                        }
                        (Material::Rsa(d), Algorithm::RS512) => {
                            (&signature::RSA_PKCS1_2048_8192_SHA512, d)
                        }
                        (Material::Rsa(d), Algorithm::PS256) => {
                            (&signature::RSA_PSS_2048_8192_SHA256, d)
                        }
                        (Material::Rsa(d), Algorithm::PS384) => {
                            (&signature::RSA_PSS_2048_8192_SHA384, d)
                        }
                        (Material::Rsa(d), Algorithm::PS512) => {
                            (&signature::RSA_PSS_2048_8192_SHA512, d)
                        }
                        (Material::P256(p), Algorithm::ES256) => {
                            (&signature::ECDSA_P256_SHA256_FIXED, p)
                        }
                        (Material::P384(p), Algorithm::ES384) => {
                            (&signature::ECDSA_P384_SHA384_FIXED, p)
                        }
                        (Material::Ed25519(k), Algorithm::EdDSA) => (&signature::ED25519, k),
                        _ => return None,
                    };
                ParsedPublicKey::new(algorithm, bytes).ok()
            })
            .as_ref()
    }

    /// Checks `signature` over `message` with `alg`.
    pub(crate) fn verify(
        &self,
        alg: Algorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), JwtError> {
        if !self.supports(alg) {
            return Err(JwtError::KeyAlgorithmMismatch {
                kid: self.kid.clone().unwrap_or_default(),
                alg: alg.name(),
            });
        }
        let key = self.parsed(alg).ok_or(JwtError::KeyAlgorithmMismatch {
            kid: self.kid.clone().unwrap_or_default(),
            alg: alg.name(),
        })?;
        key.verify_sig(message, signature)
            .map_err(|_| JwtError::InvalidSignature)
    }
}

/// A set of verification keys, as published at an issuer's `jwks_uri`.
#[derive(Debug, Default)]
pub struct KeySet {
    keys: Vec<VerifyingKey>,
    skipped: Vec<String>,
}

impl KeySet {
    /// Parses a JWKS document (`{"keys":[...]}`). Keys this crate cannot use for verification
    /// (encryption keys, unsupported types) are skipped and listed in
    /// [`KeySet::skipped`]; a document that is not a JWKS, or holds more than [`MAX_KEYS`]
    /// keys, is an error.
    pub fn from_jwks(json: &[u8]) -> Result<KeySet, JwtError> {
        #[derive(Deserialize)]
        struct Doc {
            keys: Vec<serde_json::Value>,
        }
        let doc: Doc = serde_json::from_slice(json)
            .map_err(|e| JwtError::InvalidKeySet(bounded(&e.to_string())))?;
        if doc.keys.len() > MAX_KEYS {
            return Err(JwtError::InvalidKeySet(format!(
                "{} keys (at most {MAX_KEYS})",
                doc.keys.len()
            )));
        }
        let mut set = KeySet::default();
        for (i, value) in doc.keys.into_iter().enumerate() {
            let parsed = serde_json::from_value::<Jwk>(value)
                .map_err(|e| bounded(&e.to_string()))
                .and_then(VerifyingKey::from_jwk);
            match parsed {
                Ok(key) => set.keys.push(key),
                Err(reason) => set.skipped.push(format!("key {i}: {reason}")),
            }
        }
        Ok(set)
    }

    /// The usable keys.
    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    /// Why keys of the document were skipped.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The key for a token's `kid` and `alg`: by ID (among several keys with that ID, the
    /// first that fits `alg`), or the only key when the token has none.
    pub(crate) fn find(
        &self,
        kid: Option<&str>,
        alg: Algorithm,
    ) -> Result<&VerifyingKey, JwtError> {
        match kid {
            Some(kid) => {
                let mut named = self.keys.iter().filter(|k| k.kid.as_deref() == Some(kid));
                let first = named
                    .clone()
                    .next()
                    .ok_or_else(|| JwtError::UnknownKid(bounded(kid)))?;
                Ok(named.find(|k| k.supports(alg)).unwrap_or(first))
            }
            None if self.keys.len() == 1 => Ok(&self.keys[0]),
            None => Err(JwtError::KidRequired),
        }
    }

    /// Whether a key with `kid` is present.
    pub fn contains(&self, kid: &str) -> bool {
        self.keys.iter().any(|k| k.kid.as_deref() == Some(kid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_keys_are_skipped_with_a_reason() {
        let set = KeySet::from_jwks(
            br#"{"keys":[
              {"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB","kid":"enc"},
              {"kty":"oct","k":"c2VjcmV0","kid":"hmac"},
              {"kty":"EC","crv":"P-521","x":"AA","y":"AA","kid":"p521"},
              {"kty":"EC","crv":"P-256","x":"AA","y":"AA","kid":"short"},
              {"kty":"RSA","alg":"ES256","n":"AQAB","e":"AQAB","kid":"mismatch"}
            ]}"#,
        )
        .unwrap();
        assert!(set.keys().is_empty());
        assert_eq!(set.skipped().len(), 5, "{:?}", set.skipped());
    }

    #[test]
    fn a_document_that_is_not_a_jwks_is_an_error() {
        assert!(KeySet::from_jwks(b"[]").is_err());
        assert!(KeySet::from_jwks(b"{\"keys\":{}}").is_err());
        let many = format!(
            "{{\"keys\":[{}]}}",
            vec!["{\"kty\":\"x\"}"; MAX_KEYS + 1].join(",")
        );
        assert!(KeySet::from_jwks(many.as_bytes()).is_err());
    }
}
