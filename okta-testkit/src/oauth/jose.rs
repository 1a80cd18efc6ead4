//! The little JOSE the org needs: base64url, compact JWTs, public JWKs and the org's own
//! signing keys (RS256 and ES256, made with aws-lc-rs).

use std::fmt;

use aws_lc_rs::digest::{digest, SHA256};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{
    EcdsaKeyPair, KeyPair as _, RsaKeyPair, RsaPublicKeyComponents, UnparsedPublicKey,
    ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, RSA_PKCS1_2048_8192_SHA256,
    RSA_PKCS1_SHA256,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Map, Value};

use crate::ids;

/// Base64url without padding, as JOSE writes it.
pub(crate) fn b64(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

/// Decodes base64url without padding; `None` for anything else.
pub(crate) fn unb64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// `base64url(SHA-256(data))`, the form of `ath` and of JWK thumbprints.
pub(crate) fn sha256_b64(data: &[u8]) -> String {
    b64(digest(&SHA256, data).as_ref())
}

/// A compact JWS whose parts decoded: header and claims are JSON objects. Nothing about it
/// is trusted until [`PublicJwk::verify`] says so.
#[derive(Debug)]
pub(crate) struct Jwt {
    /// The protected header.
    pub(crate) header: Map<String, Value>,
    /// The payload.
    pub(crate) claims: Map<String, Value>,
    /// `base64url(header) "." base64url(payload)`, the bytes that were signed.
    pub(crate) signing_input: String,
    /// The signature bytes.
    pub(crate) signature: Vec<u8>,
}

impl Jwt {
    /// Splits and decodes a compact JWS; `None` when it is not three base64url parts with
    /// JSON objects for header and payload.
    pub(crate) fn parse(token: &str) -> Option<Jwt> {
        let mut parts = token.split('.');
        let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let object = |part: &str| match serde_json::from_slice(&unb64(part)?) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        };
        Some(Jwt {
            header: object(header)?,
            claims: object(payload)?,
            signing_input: format!("{header}.{payload}"),
            signature: unb64(signature)?,
        })
    }

    /// A string member of the header.
    pub(crate) fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }

    /// A string claim.
    pub(crate) fn claim_str(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    /// A NumericDate claim, in whole seconds (fractions are dropped).
    pub(crate) fn claim_time(&self, name: &str) -> Option<i64> {
        numeric_date(self.claims.get(name)?)
    }
}

/// A NumericDate (an integer or a float of seconds), floored; `None` for anything else.
pub(crate) fn numeric_date(value: &Value) -> Option<i64> {
    if let Some(secs) = value.as_i64() {
        return Some(secs);
    }
    let secs = value.as_f64()?;
    // Saturating float-to-int conversion; a NaN is not a date.
    (secs.is_finite()).then(|| secs.floor() as i64)
}

/// The signature algorithms the org accepts and makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Alg {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// ECDSA P-256 with SHA-256, fixed-length (r || s) signatures.
    Es256,
}

impl Alg {
    /// The algorithm named by a JOSE `alg`, if supported.
    pub(crate) fn from_name(name: &str) -> Option<Alg> {
        match name {
            "RS256" => Some(Alg::Rs256),
            "ES256" => Some(Alg::Es256),
            _ => None,
        }
    }
}

/// JWK members that only a private key has.
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// A public key read from a JWK: an RSA key or an EC P-256 key.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum PublicJwk {
    /// An RSA public key: modulus and exponent, big-endian without leading zeros.
    Rsa {
        /// The modulus.
        n: Vec<u8>,
        /// The public exponent.
        e: Vec<u8>,
    },
    /// An EC P-256 public key: the uncompressed point `04 || x || y`.
    Ec {
        /// The 65-byte uncompressed point.
        point: Vec<u8>,
    },
}

impl fmt::Debug for PublicJwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublicJwk::Rsa { n, .. } => write!(f, "RSA({} bits)", n.len() * 8),
            PublicJwk::Ec { .. } => f.write_str("EC(P-256)"),
        }
    }
}

impl PublicJwk {
    /// Reads a public JWK (`kty` RSA with `n`, `e`, or EC with `crv` P-256, `x`, `y`).
    /// `allow_private` tells whether private members may be present (they are ignored).
    pub(crate) fn from_json(jwk: &Value, allow_private: bool) -> Result<PublicJwk, String> {
        let Some(jwk) = jwk.as_object() else {
            return Err("the JWK is not a JSON object".to_owned());
        };
        if !allow_private && PRIVATE_MEMBERS.iter().any(|name| jwk.contains_key(*name)) {
            return Err("the JWK holds private key material".to_owned());
        }
        let member = |name: &str| -> Result<Vec<u8>, String> {
            jwk.get(name)
                .and_then(Value::as_str)
                .and_then(unb64)
                .filter(|bytes| !bytes.is_empty())
                .ok_or_else(|| format!("the JWK has no valid '{name}'"))
        };
        match jwk.get("kty").and_then(Value::as_str) {
            Some("RSA") => Ok(PublicJwk::Rsa {
                n: strip_zeros(member("n")?),
                e: strip_zeros(member("e")?),
            }),
            Some("EC") => {
                if jwk.get("crv").and_then(Value::as_str) != Some("P-256") {
                    return Err("only the EC curve P-256 is supported".to_owned());
                }
                let (x, y) = (member("x")?, member("y")?);
                if x.len() != 32 || y.len() != 32 {
                    return Err("P-256 coordinates must be 32 bytes long".to_owned());
                }
                let mut point = Vec::with_capacity(65);
                point.push(4);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                Ok(PublicJwk::Ec { point })
            }
            _ => Err("the JWK's kty must be RSA or EC".to_owned()),
        }
    }

    /// The algorithm this key signs with.
    pub(crate) fn alg(&self) -> Alg {
        match self {
            PublicJwk::Rsa { .. } => Alg::Rs256,
            PublicJwk::Ec { .. } => Alg::Es256,
        }
    }

    /// Whether `signature` is a valid `alg` signature of `message` by this key. An `alg`
    /// that does not fit the key type fails.
    pub(crate) fn verify(&self, alg: Alg, message: &[u8], signature: &[u8]) -> bool {
        match (self, alg) {
            (PublicJwk::Rsa { n, e }, Alg::Rs256) => RsaPublicKeyComponents { n, e }
                .verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
                .is_ok(),
            (PublicJwk::Ec { point }, Alg::Es256) => {
                UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point)
                    .verify(message, signature)
                    .is_ok()
            }
            _ => false,
        }
    }

    /// The RFC 7638 thumbprint, `base64url(SHA-256(canonical JWK))`.
    pub(crate) fn thumbprint(&self) -> String {
        let canonical = match self {
            PublicJwk::Rsa { n, e } => {
                format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, b64(e), b64(n))
            }
            PublicJwk::Ec { point } => {
                let (x, y) = ec_coordinates(point);
                format!(
                    r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
                    b64(x),
                    b64(y)
                )
            }
        };
        sha256_b64(canonical.as_bytes())
    }

    /// The public JWK members (without `kid`, `alg`, `use`).
    fn members(&self) -> Map<String, Value> {
        let mut map = Map::new();
        match self {
            PublicJwk::Rsa { n, e } => {
                map.insert("kty".to_owned(), json!("RSA"));
                map.insert("n".to_owned(), json!(b64(n)));
                map.insert("e".to_owned(), json!(b64(e)));
            }
            PublicJwk::Ec { point } => {
                let (x, y) = ec_coordinates(point);
                map.insert("kty".to_owned(), json!("EC"));
                map.insert("crv".to_owned(), json!("P-256"));
                map.insert("x".to_owned(), json!(b64(x)));
                map.insert("y".to_owned(), json!(b64(y)));
            }
        }
        map
    }
}

/// The `x` and `y` of an uncompressed point `04 || x || y`.
fn ec_coordinates(point: &[u8]) -> (&[u8], &[u8]) {
    let coordinates = point.get(1..).unwrap_or_default();
    coordinates.split_at(coordinates.len() / 2)
}

/// Drops leading zero bytes (keeping at least one byte).
fn strip_zeros(mut bytes: Vec<u8>) -> Vec<u8> {
    let zeros = bytes
        .iter()
        .take(bytes.len().saturating_sub(1))
        .take_while(|&&b| b == 0)
        .count();
    bytes.drain(..zeros);
    bytes
}

/// Reads one DER element: its tag, its contents and what follows it.
fn der_element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (len_bytes, rest) = rest.split_at(count);
        let len = len_bytes
            .iter()
            .fold(0usize, |len, &b| (len << 8) | usize::from(b));
        (len, rest)
    };
    if rest.len() < len {
        return None;
    }
    let (contents, rest) = rest.split_at(len);
    Some((tag, contents, rest))
}

/// Reads a PKCS#1 `RSAPublicKey` (`SEQUENCE { INTEGER n, INTEGER e }`).
fn rsa_public_from_pkcs1(der: &[u8]) -> Option<PublicJwk> {
    let (0x30, sequence, _) = der_element(der)? else {
        return None;
    };
    let (0x02, n, rest) = der_element(sequence)? else {
        return None;
    };
    let (0x02, e, _) = der_element(rest)? else {
        return None;
    };
    Some(PublicJwk::Rsa {
        n: strip_zeros(n.to_vec()),
        e: strip_zeros(e.to_vec()),
    })
}

/// Signs `header.claims` and returns the compact JWS.
fn compact(header: &Value, claims: &Value, sign: impl FnOnce(&[u8]) -> Vec<u8>) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = sign(input.as_bytes());
    format!("{input}.{}", b64(&signature))
}

/// One generation of an authorization server's keys: an RS256 key (which signs the
/// server's tokens) and an ES256 key (published), each with its random `kid`.
pub(crate) struct KeyGeneration {
    rsa_kid: String,
    rsa: RsaKeyPair,
    rsa_public: PublicJwk,
    ec_kid: String,
    ec_public: PublicJwk,
}

impl fmt::Debug for KeyGeneration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyGeneration")
            .field("rsa_kid", &self.rsa_kid)
            .field("ec_kid", &self.ec_kid)
            .finish_non_exhaustive()
    }
}

impl KeyGeneration {
    /// Makes a new RSA 2048 key and a new P-256 key.
    ///
    /// # Panics
    ///
    /// If aws-lc cannot make keys, which only happens when the machine is broken.
    pub(crate) fn generate() -> KeyGeneration {
        let rsa = RsaKeyPair::generate(KeySize::Rsa2048).expect("aws-lc makes an RSA key");
        let rsa_public = rsa_public_from_pkcs1(rsa.public_key().as_ref())
            .expect("aws-lc encodes RSA public keys as PKCS#1");
        let ec = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING)
            .expect("aws-lc makes a P-256 key");
        let ec_public = PublicJwk::Ec {
            point: ec.public_key().as_ref().to_vec(),
        };
        KeyGeneration {
            rsa_kid: ids::token(43),
            rsa,
            rsa_public,
            ec_kid: ids::token(43),
            ec_public,
        }
    }

    /// The `kid` of the RS256 key.
    pub(crate) fn rsa_kid(&self) -> &str {
        &self.rsa_kid
    }

    /// The public key of the RS256 key.
    pub(crate) fn rsa_public(&self) -> &PublicJwk {
        &self.rsa_public
    }

    /// The two public JWKs, RS256 first.
    pub(crate) fn jwks(&self) -> [Value; 2] {
        let jwk = |public: &PublicJwk, kid: &str, alg: &str| {
            let mut map = public.members();
            map.insert("alg".to_owned(), json!(alg));
            map.insert("kid".to_owned(), json!(kid));
            map.insert("use".to_owned(), json!("sig"));
            Value::Object(map)
        };
        [
            jwk(&self.rsa_public, &self.rsa_kid, "RS256"),
            jwk(&self.ec_public, &self.ec_kid, "ES256"),
        ]
    }

    /// Signs `claims` with the RS256 key; the header is `{"kid","alg":"RS256"}`.
    pub(crate) fn sign_rs256(&self, claims: &Value) -> String {
        let header = json!({ "kid": self.rsa_kid, "alg": "RS256" });
        compact(&header, claims, |input| {
            let mut signature = vec![0; self.rsa.public_modulus_len()];
            self.rsa
                .sign(
                    &RSA_PKCS1_SHA256,
                    &SystemRandom::new(),
                    input,
                    &mut signature,
                )
                .expect("aws-lc signs with its own RSA key");
            signature
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_tokens_verify_with_the_published_rsa_key() {
        let keys = KeyGeneration::generate();
        let token = keys.sign_rs256(&json!({ "sub": "x" }));
        let jwt = Jwt::parse(&token).expect("parses");
        assert_eq!(jwt.header_str("kid"), Some(keys.rsa_kid()));
        assert_eq!(jwt.claim_str("sub"), Some("x"));
        let [rsa, ec] = keys.jwks();
        let public = PublicJwk::from_json(&rsa, false).expect("RSA JWK");
        assert!(public.verify(Alg::Rs256, jwt.signing_input.as_bytes(), &jwt.signature));
        assert!(!public.verify(Alg::Es256, jwt.signing_input.as_bytes(), &jwt.signature));
        assert_eq!(rsa["e"], "AQAB");
        let ec_public = PublicJwk::from_json(&ec, false).expect("EC JWK");
        assert_eq!(ec_public.alg(), Alg::Es256);
    }

    #[test]
    fn thumbprint_matches_rfc_7638_example() {
        let jwk = json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        let key = PublicJwk::from_json(&jwk, false).expect("parses");
        assert_eq!(
            key.thumbprint(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn private_jwks_are_refused_when_asked() {
        let jwk = json!({ "kty": "EC", "crv": "P-256", "x": b64(&[1; 32]), "y": b64(&[2; 32]), "d": "AA" });
        assert!(PublicJwk::from_json(&jwk, false).is_err());
        assert!(PublicJwk::from_json(&jwk, true).is_ok());
    }

    #[test]
    fn malformed_tokens_do_not_parse() {
        assert!(Jwt::parse("").is_none());
        assert!(Jwt::parse("a.b").is_none());
        assert!(Jwt::parse("a.b.c.d").is_none());
        assert!(Jwt::parse("e30.e30.").is_some());
        assert!(Jwt::parse("W10.e30.").is_none());
    }
}
