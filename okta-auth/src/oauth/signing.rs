//! Private keys that sign client assertions and DPoP proofs, and compact JWS signing.

use std::fmt;

use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair};
use aws_lc_rs::{digest, rsa};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};

use super::OAuthError;

enum Inner {
    Rsa(rsa::KeyPair),
    Ec(EcdsaKeyPair),
}

/// A private key for `private_key_jwt` client assertions (RS256 or ES256) or DPoP proofs.
///
/// Its `Debug` output never shows key material.
pub struct SigningKey {
    inner: Inner,
    kid: Option<String>,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg())
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

fn invalid(reason: &str) -> OAuthError {
    OAuthError::InvalidKey(reason.to_owned())
}

fn b64url(field: &str, value: Option<&Value>) -> Result<Vec<u8>, OAuthError> {
    let s = value
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(&format!("JWK has no {field}")))?;
    URL_SAFE_NO_PAD
        .decode(s)
        .map_err(|_| invalid(&format!("JWK {field} is not base64url")))
}

impl SigningKey {
    /// A fresh P-256 key (DPoP proofs use one per client).
    pub fn generate_es256() -> Result<SigningKey, OAuthError> {
        let key = EcdsaKeyPair::generate(&signature::ECDSA_P256_SHA256_FIXED_SIGNING)
            .map_err(|_| invalid("key generation failed"))?;
        Ok(SigningKey {
            inner: Inner::Ec(key),
            kid: None,
        })
    }

    /// Reads a PEM private key: `PRIVATE KEY` (PKCS #8, RSA or P-256), `RSA PRIVATE KEY`
    /// (PKCS #1) or `EC PRIVATE KEY` (SEC 1, P-256).
    pub fn from_pem(pem: &str, kid: Option<String>) -> Result<SigningKey, OAuthError> {
        let begin = pem
            .find("-----BEGIN ")
            .ok_or_else(|| invalid("no PEM BEGIN line"))?;
        let rest = &pem[begin + 11..];
        let label_end = rest
            .find("-----")
            .ok_or_else(|| invalid("bad PEM BEGIN line"))?;
        let label = &rest[..label_end];
        let body_start = label_end + 5;
        let end_marker = format!("-----END {label}-----");
        let body_end = rest
            .get(body_start..)
            .and_then(|body| body.find(&end_marker))
            .map(|at| body_start + at)
            .ok_or_else(|| invalid("no matching PEM END line"))?;
        let body: String = rest[body_start..body_end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let der = STANDARD
            .decode(body)
            .map_err(|_| invalid("PEM body is not base64"))?;
        let inner = match label {
            "PRIVATE KEY" => rsa::KeyPair::from_pkcs8(&der).map(Inner::Rsa).or_else(|_| {
                EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &der)
                    .map(Inner::Ec)
            }),
            "RSA PRIVATE KEY" => rsa::KeyPair::from_der(&der).map(Inner::Rsa),
            "EC PRIVATE KEY" => EcdsaKeyPair::from_private_key_der(
                &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                &der,
            )
            .map(Inner::Ec),
            _ => return Err(invalid("unsupported PEM label")),
        }
        .map_err(|_| invalid("not an RSA (2048 bits or more) or P-256 private key"))?;
        Ok(SigningKey { inner, kid })
    }

    /// Reads a private JWK: RSA (`n e d p q dp dq qi`) or EC P-256 (`x y d`). Its `kid` is
    /// used unless `kid` is given.
    pub fn from_jwk(jwk: &Value, kid: Option<String>) -> Result<SigningKey, OAuthError> {
        let kid = kid.or_else(|| jwk.get("kid").and_then(Value::as_str).map(str::to_owned));
        let inner = match jwk.get("kty").and_then(Value::as_str) {
            Some("RSA") => {
                let fields = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
                let mut ints = Vec::with_capacity(9);
                ints.push(vec![0u8]); // version
                for f in fields {
                    ints.push(b64url(f, jwk.get(f))?);
                }
                let ints: Vec<&[u8]> = ints.iter().map(Vec::as_slice).collect();
                // DER `RSAPrivateKey` (PKCS #1): version, n, e, d, p, q, dp, dq, qi.
                let der = crate::der::sequence_of_unsigned_integers(&ints);
                Inner::Rsa(
                    rsa::KeyPair::from_der(&der)
                        .map_err(|_| invalid("not a usable RSA private key"))?,
                )
            }
            Some("EC") if jwk.get("crv").and_then(Value::as_str) == Some("P-256") => {
                let d = b64url("d", jwk.get("d"))?;
                let mut point = vec![0x04];
                point.extend(b64url("x", jwk.get("x"))?);
                point.extend(b64url("y", jwk.get("y"))?);
                Inner::Ec(
                    EcdsaKeyPair::from_private_key_and_public_key(
                        &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                        &d,
                        &point,
                    )
                    .map_err(|_| invalid("not a usable P-256 private key"))?,
                )
            }
            _ => return Err(invalid("JWK must be RSA or EC P-256")),
        };
        Ok(SigningKey { inner, kid })
    }

    /// Sets the key ID sent in JWS headers and in [`SigningKey::public_jwk`].
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The JWS algorithm this key signs with.
    pub fn alg(&self) -> &'static str {
        match self.inner {
            Inner::Rsa(_) => "RS256",
            Inner::Ec(_) => "ES256",
        }
    }

    /// The key ID sent in the JWS header.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The public key as a JWK (no private members), with `kid` when the key has one.
    pub fn public_jwk(&self) -> Value {
        let mut jwk = self.bare_public_jwk();
        if let Some(kid) = &self.kid {
            jwk["kid"] = json!(kid);
        }
        jwk
    }

    fn bare_public_jwk(&self) -> Value {
        match &self.inner {
            Inner::Rsa(k) => {
                let (n, e) = rsa_public_components(k.public_key().as_ref());
                json!({"kty": "RSA", "n": URL_SAFE_NO_PAD.encode(n), "e": URL_SAFE_NO_PAD.encode(e)})
            }
            Inner::Ec(k) => {
                let p = k.public_key().as_ref();
                json!({"kty": "EC", "crv": "P-256",
                    "x": URL_SAFE_NO_PAD.encode(&p[1..33]), "y": URL_SAFE_NO_PAD.encode(&p[33..65])})
            }
        }
    }

    /// The RFC 7638 thumbprint of the public key, base64url.
    pub fn thumbprint(&self) -> String {
        let jwk = self.bare_public_jwk();
        // Required members only, in lexicographic order, no whitespace.
        let canonical = match &self.inner {
            Inner::Rsa(_) => format!(
                r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
                jwk["e"].as_str().unwrap_or(""),
                jwk["n"].as_str().unwrap_or("")
            ),
            Inner::Ec(_) => format!(
                r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
                jwk["x"].as_str().unwrap_or(""),
                jwk["y"].as_str().unwrap_or("")
            ),
        };
        URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, canonical.as_bytes()))
    }

    /// Signs `claims` as a compact JWS with `header` (to which `alg`, and `kid` when known,
    /// are added).
    pub fn sign_jwt(&self, mut header: Value, claims: &Value) -> Result<String, OAuthError> {
        if let Some(h) = header.as_object_mut() {
            h.insert("alg".into(), json!(self.alg()));
            if let Some(kid) = &self.kid {
                h.entry("kid").or_insert(json!(kid));
            }
        }
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let rng = SystemRandom::new();
        let signature = match &self.inner {
            Inner::Rsa(k) => {
                let mut sig = vec![0; k.public_modulus_len()];
                k.sign(
                    &signature::RSA_PKCS1_SHA256,
                    &rng,
                    input.as_bytes(),
                    &mut sig,
                )
                .map_err(|_| OAuthError::Signing)?;
                sig
            }
            Inner::Ec(k) => k
                .sign(&rng, input.as_bytes())
                .map_err(|_| OAuthError::Signing)?
                .as_ref()
                .to_vec(),
        };
        Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
    }
}

/// `n` and `e` of a DER `RSAPublicKey`.
fn rsa_public_components(der: &[u8]) -> (&[u8], &[u8]) {
    fn read(der: &[u8], at: usize) -> Option<(usize, usize)> {
        // Returns (content start, content length) of the TLV at `at`.
        let first = *der.get(at + 1)?;
        if first < 0x80 {
            return Some((at + 2, first as usize));
        }
        let n = (first & 0x7f) as usize;
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *der.get(at + 2 + i)? as usize;
        }
        Some((at + 2 + n, len))
    }
    let parse = || -> Option<(&[u8], &[u8])> {
        let (seq, _) = read(der, 0)?;
        let (n_start, n_len) = read(der, seq)?;
        let (e_start, e_len) = read(der, n_start + n_len)?;
        let n = der.get(n_start..n_start + n_len)?;
        let e = der.get(e_start..e_start + e_len)?;
        let n = &n[n.iter().position(|b| *b != 0).unwrap_or(0)..];
        Some((n, e))
    };
    parse().unwrap_or((&[], &[]))
}

/// A random base64url string of `bytes` random bytes (for `jti`, nonces, PKCE, state).
pub fn random_token(bytes: usize) -> Result<String, OAuthError> {
    let mut buf = vec![0u8; bytes];
    SystemRandom::new()
        .fill(&mut buf)
        .map_err(|_| OAuthError::Signing)?;
    Ok(URL_SAFE_NO_PAD.encode(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_whose_end_line_touches_its_begin_line_is_an_error_not_a_panic() {
        for pem in [
            "-----BEGIN PRIVATE KEY-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN -----",
            "-----BEGIN PRIVATE KEY----",
        ] {
            assert!(SigningKey::from_pem(pem, None).is_err(), "{pem}");
        }
    }

    #[test]
    fn thumbprint_matches_rfc_7638_example() {
        // RFC 7638 section 3.1: the example RSA key's thumbprint.
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        let canonical = format!(r#"{{"e":"AQAB","kty":"RSA","n":"{n}"}}"#);
        let t = URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, canonical.as_bytes()));
        assert_eq!(t, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    #[test]
    fn der_integers_round_trip_through_aws_lc_for_a_jwk_rsa_key() {
        // A generated key exported as JWK components must load back.
        let key = rsa::KeyPair::generate(rsa::KeySize::Rsa2048).unwrap();
        let signing = SigningKey {
            inner: Inner::Rsa(key),
            kid: Some("k".into()),
        };
        let jwk = signing.public_jwk();
        assert_eq!(jwk["kty"], "RSA");
        assert_eq!(jwk["e"], "AQAB");
        assert!(jwk["n"].as_str().unwrap().len() > 300);
    }

    #[test]
    fn ec_keys_sign_verifiable_es256_jwts() {
        let key = SigningKey::generate_es256().unwrap();
        let jwt = key
            .sign_jwt(json!({"typ": "dpop+jwt"}), &json!({"a": 1}))
            .unwrap();
        let (input, sig) = jwt.rsplit_once('.').unwrap();
        let sig = URL_SAFE_NO_PAD.decode(sig).unwrap();
        let Inner::Ec(k) = &key.inner else {
            unreachable!()
        };
        signature::UnparsedPublicKey::new(
            &signature::ECDSA_P256_SHA256_FIXED,
            k.public_key().as_ref(),
        )
        .verify(input.as_bytes(), &sig)
        .unwrap();
        assert!(format!("{key:?}").contains("ES256"));
    }

    #[test]
    fn bad_pem_and_jwk_inputs_are_typed_errors() {
        assert!(matches!(
            SigningKey::from_pem("nothing", None),
            Err(OAuthError::InvalidKey(_))
        ));
        assert!(SigningKey::from_pem(
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            None
        )
        .is_err());
        assert!(SigningKey::from_jwk(&json!({"kty":"oct","k":"AA"}), None).is_err());
        assert!(SigningKey::from_jwk(
            &json!({"kty":"EC","crv":"P-256","d":"AA","x":"AA","y":"AA"}),
            None
        )
        .is_err());
    }
}
