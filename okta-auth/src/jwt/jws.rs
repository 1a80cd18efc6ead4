//! JWS compact serialization (RFC 7515 section 7.1), parsed strictly.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;

use super::error::{bounded, JwtError};

/// Signature algorithms this crate verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512.
    PS512,
    /// ECDSA P-256 with SHA-256.
    ES256,
    /// ECDSA P-384 with SHA-384.
    ES384,
    /// Ed25519.
    EdDSA,
}

impl Algorithm {
    /// Every supported algorithm.
    pub const ALL: [Algorithm; 9] = [
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::EdDSA,
    ];

    /// The JOSE name, e.g. `RS256`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::EdDSA => "EdDSA",
        }
    }

    /// Parses a JOSE name; `none` and HMAC names are not algorithms of this crate.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// The protected header fields this crate looks at. `jku`, `x5u`, `jwk` and `x5c` are never
/// used to find a key: keys come only from the configured key set.
#[derive(Debug, Deserialize)]
pub(crate) struct Header {
    pub(crate) alg: String,
    #[serde(default)]
    pub(crate) kid: Option<String>,
    #[serde(default)]
    pub(crate) crit: Option<serde_json::Value>,
}

/// A token split and decoded, signature not yet checked.
#[derive(Debug)]
pub(crate) struct Compact<'a> {
    pub(crate) header: Header,
    pub(crate) alg: Algorithm,
    /// `base64(header) "." base64(payload)`: the bytes that were signed.
    pub(crate) signing_input: &'a str,
    pub(crate) payload: Vec<u8>,
    pub(crate) signature: Vec<u8>,
}

fn decode_part(part: &str, name: &'static str) -> Result<Vec<u8>, JwtError> {
    // The engine refuses padding, non-alphabet bytes (whitespace included) and
    // non-canonical trailing bits.
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwtError::Base64(name))
}

/// Splits and decodes `token`, checking its size first and its header's `alg` and `crit`.
pub(crate) fn parse(token: &str, max_len: usize) -> Result<Compact<'_>, JwtError> {
    if token.len() > max_len {
        return Err(JwtError::TooLarge {
            len: token.len(),
            max: max_len,
        });
    }
    let mut parts = token.splitn(4, '.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed("a JWS has exactly three parts"));
    };
    if h.is_empty() || p.is_empty() {
        return Err(JwtError::Malformed("empty header or payload"));
    }
    if s.is_empty() {
        return Err(JwtError::AlgorithmNotAllowed(
            "none (unsigned token)".into(),
        ));
    }
    let header_bytes = decode_part(h, "header")?;
    let header: Header = serde_json::from_slice(&header_bytes).map_err(|e| JwtError::Json {
        part: "header",
        reason: bounded(&e.to_string()),
    })?;
    let alg = Algorithm::from_name(&header.alg)
        .ok_or_else(|| JwtError::AlgorithmNotAllowed(bounded(&header.alg)))?;
    match &header.crit {
        None => {}
        // We implement no extension, so any listed one is unsupported; an empty list is
        // itself forbidden by RFC 7515 4.1.11.
        Some(_) => return Err(JwtError::UnsupportedCritical),
    }
    let payload = decode_part(p, "payload")?;
    let signature = decode_part(s, "signature")?;
    Ok(Compact {
        header,
        alg,
        signing_input: &token[..h.len() + 1 + p.len()],
        payload,
        signature,
    })
}

/// Decodes a token's header and claims WITHOUT verifying anything, for debugging and
/// display only: nothing returned here may be trusted.
///
/// ```
/// let (header, claims) = okta_auth::jwt::decode_unverified(
///     "eyJhbGciOiJub25lIn0.eyJzdWIiOiJqYW5lIn0.",
///     8192,
/// )
/// .unwrap();
/// assert_eq!(header["alg"], "none");
/// assert_eq!(claims["sub"], "jane");
/// ```
pub fn decode_unverified(
    token: &str,
    max_len: usize,
) -> Result<(serde_json::Value, serde_json::Value), JwtError> {
    if token.len() > max_len {
        return Err(JwtError::TooLarge {
            len: token.len(),
            max: max_len,
        });
    }
    let parts: Vec<&str> = token.splitn(4, '.').collect();
    let [h, p, _] = parts[..] else {
        return Err(JwtError::Malformed("a JWS has exactly three parts"));
    };
    let json = |bytes: Vec<u8>, part| {
        serde_json::from_slice(&bytes).map_err(|e| JwtError::Json {
            part,
            reason: bounded(&e.to_string()),
        })
    };
    Ok((
        json(decode_part(h, "header")?, "header")?,
        json(decode_part(p, "payload")?, "claims")?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn token(header: &str, payload: &str, sig: &str) -> String {
        format!("{}.{}.{}", b64(header), b64(payload), sig)
    }

    #[test]
    fn oversized_tokens_are_refused_before_decoding() {
        let t = "a".repeat(100);
        assert!(matches!(
            parse(&t, 99),
            Err(JwtError::TooLarge { len: 100, max: 99 })
        ));
    }

    #[test]
    fn wrong_part_counts_are_malformed() {
        for t in ["", "a", "a.b", "a.b.c.d", "a.b.c.d.e"] {
            assert!(matches!(parse(t, 1000), Err(JwtError::Malformed(_))), "{t}");
        }
    }

    #[test]
    fn alg_none_and_hmac_are_refused() {
        let none = token(r#"{"alg":"none"}"#, "{}", "");
        assert!(matches!(
            parse(&none, 1000),
            Err(JwtError::AlgorithmNotAllowed(_))
        ));
        let none = token(r#"{"alg":"none"}"#, "{}", "c2ln");
        assert!(matches!(
            parse(&none, 1000),
            Err(JwtError::AlgorithmNotAllowed(_))
        ));
        let hs = token(r#"{"alg":"HS256"}"#, "{}", "c2ln");
        assert!(matches!(parse(&hs, 1000), Err(JwtError::AlgorithmNotAllowed(a)) if a == "HS256"));
    }

    #[test]
    fn base64_must_be_strict() {
        let good = token(r#"{"alg":"RS256"}"#, "{}", "c2ln");
        assert!(parse(&good, 1000).is_ok());
        let padded = format!("{}=.{}.c2ln", b64(r#"{"alg":"RS256"}"#), b64("{}"));
        assert!(matches!(
            parse(&padded, 1000),
            Err(JwtError::Base64("header"))
        ));
        let spaced = format!("{}.{} .c2ln", b64(r#"{"alg":"RS256"}"#), b64("{}"));
        assert!(matches!(
            parse(&spaced, 1000),
            Err(JwtError::Base64("payload"))
        ));
        let std_alphabet = format!("{}.{}.c2+/", b64(r#"{"alg":"RS256"}"#), b64("{}"));
        assert!(matches!(
            parse(&std_alphabet, 1000),
            Err(JwtError::Base64("signature"))
        ));
        // A last character with non-zero discarded bits is not canonical: "e30" is "{}", "e31" is not.
        let noncanonical = format!("{}.e31.c2ln", b64(r#"{"alg":"RS256"}"#));
        assert!(matches!(
            parse(&noncanonical, 1000),
            Err(JwtError::Base64("payload"))
        ));
    }

    #[test]
    fn crit_is_refused() {
        let t = token(r#"{"alg":"RS256","crit":["exp"],"exp":1}"#, "{}", "c2ln");
        assert!(matches!(
            parse(&t, 1000),
            Err(JwtError::UnsupportedCritical)
        ));
    }

    #[test]
    fn malformed_header_json_is_a_json_error() {
        let t = token(r#"{"alg":"RS256""#, "{}", "c2ln");
        assert!(matches!(
            parse(&t, 1000),
            Err(JwtError::Json { part: "header", .. })
        ));
        let t = token(r#"{"alg":"RS256","alg":"none"}"#, "{}", "c2ln");
        assert!(matches!(
            parse(&t, 1000),
            Err(JwtError::Json { part: "header", .. })
        ));
    }
}
