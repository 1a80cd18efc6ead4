//! Why a SAML response was rejected.

use std::fmt;

/// The most characters of attacker-controlled text an error message carries.
const MAX_ECHO: usize = 96;

/// Which check rejected a SAML response (or refused a configuration).
///
/// Every variant carries a short, bounded description for logs; no variant echoes more than a
/// few dozen characters of the input, and none carries key material. Match on the variant
/// (or on [`SamlError::kind`]) to tell the checks apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SamlError {
    /// The input is not base64 or not well-formed XML (or not UTF-8).
    #[error("malformed SAML message: {0}")]
    Malformed(String),
    /// The document has a DOCTYPE (DTDs, entities and XXE are refused outright).
    #[error("SAML message has a DOCTYPE; DTDs and entities are refused")]
    Doctype,
    /// The input is larger or deeper than the configured limits, or has too many nodes.
    #[error("SAML message exceeds a limit: {0}")]
    Limits(String),
    /// The document does not have the shape the SAML profile requires: a signature in an
    /// unexpected place, several assertions, duplicate IDs, a missing element...
    #[error("unexpected SAML document structure: {0}")]
    Structure(String),
    /// No valid signature covers the assertion as the signature policy requires.
    #[error("SAML assertion is not signed as required: {0}")]
    Unsigned(String),
    /// A signature's Reference does not point at the element that contains the signature.
    #[error("signature reference is not the signed element: {0}")]
    Reference(String),
    /// An algorithm (signature, digest, canonicalization, transform, encryption) is not
    /// allowed.
    #[error("algorithm not allowed: {0}")]
    Algorithm(String),
    /// The digest of the signed element does not match the signed DigestValue: the content was
    /// changed after signing.
    #[error("digest mismatch: the signed content was altered")]
    Digest,
    /// The signature value does not verify with any configured IdP certificate.
    #[error("signature does not verify with the configured IdP certificates")]
    Signature,
    /// A configured key or certificate is unusable (not RSA, smaller than 2048 bits, expired
    /// when expiry checks are on, not parseable).
    #[error("unusable key or certificate: {0}")]
    Key(String),
    /// An encrypted assertion could not be decrypted with the service provider's key.
    #[error("encrypted assertion cannot be decrypted: {0}")]
    Decryption(String),
    /// The response's status is not `Success`.
    #[error("SAML response status is not Success: {0}")]
    Status(String),
    /// The response's `Destination` is not this service provider's ACS URL.
    #[error("response Destination is not the ACS URL: {0}")]
    Destination(String),
    /// An Issuer is not the configured IdP entity ID.
    #[error("issuer is not the configured IdP: {0}")]
    Issuer(String),
    /// The assertion's audience does not include this service provider's entity ID.
    #[error("assertion audience does not include this service provider: {0}")]
    Audience(String),
    /// The bearer confirmation's `Recipient` is not this service provider's ACS URL.
    #[error("subject confirmation Recipient is not the ACS URL: {0}")]
    Recipient(String),
    /// The assertion (or its confirmation, or the session) is past its `NotOnOrAfter`.
    #[error("SAML assertion expired: {0}")]
    Expired(String),
    /// The assertion stays valid for longer than the verifier can remember its ID, so a replay
    /// could not be detected for all of its lifetime.
    #[error("SAML assertion lives too long for replay protection: {0}")]
    Lifetime(String),
    /// The assertion is not valid yet (`NotBefore` in the future beyond the allowed skew).
    #[error("SAML assertion not valid yet: {0}")]
    NotYetValid(String),
    /// `InResponseTo` does not match the request this service provider sent (or a response
    /// to some request arrived where only IdP-initiated responses are expected).
    #[error("InResponseTo does not match the expected request: {0}")]
    InResponseTo(String),
    /// No usable subject: no bearer confirmation, or an empty or missing NameID.
    #[error("no usable subject: {0}")]
    Subject(String),
    /// An attribute statement is unusable (the same attribute name twice).
    #[error("unusable attributes: {0}")]
    Attributes(String),
    /// The assertion ID was already accepted once (a replay).
    #[error("SAML assertion was already used (replay)")]
    Replay,
    /// The seen-ID store could not answer, so replay protection cannot be guaranteed.
    #[error("replay check failed: {0}")]
    SeenStore(String),
    /// The configuration (IdP metadata, service provider settings) is unusable.
    #[error("invalid SAML configuration: {0}")]
    Config(String),
}

impl SamlError {
    /// A short, stable name of the check that failed (`"digest"`, `"audience"`...), for
    /// metrics and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            SamlError::Malformed(_) => "malformed",
            SamlError::Doctype => "doctype",
            SamlError::Limits(_) => "limits",
            SamlError::Structure(_) => "structure",
            SamlError::Unsigned(_) => "unsigned",
            SamlError::Reference(_) => "reference",
            SamlError::Algorithm(_) => "algorithm",
            SamlError::Digest => "digest",
            SamlError::Signature => "signature",
            SamlError::Key(_) => "key",
            SamlError::Decryption(_) => "decryption",
            SamlError::Status(_) => "status",
            SamlError::Destination(_) => "destination",
            SamlError::Issuer(_) => "issuer",
            SamlError::Audience(_) => "audience",
            SamlError::Recipient(_) => "recipient",
            SamlError::Expired(_) => "expired",
            SamlError::NotYetValid(_) => "not_yet_valid",
            SamlError::Lifetime(_) => "lifetime",
            SamlError::InResponseTo(_) => "in_response_to",
            SamlError::Subject(_) => "subject",
            SamlError::Attributes(_) => "attributes",
            SamlError::Replay => "replay",
            SamlError::SeenStore(_) => "seen_store",
            SamlError::Config(_) => "config",
        }
    }
}

/// Quotes attacker-controlled text for an error message, cut to a few dozen characters and
/// with control characters escaped.
pub(crate) fn bounded(text: &str) -> String {
    struct Quoted<'a>(&'a str);
    impl fmt::Display for Quoted<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("\"")?;
            for (count, c) in self.0.chars().enumerate() {
                if count == MAX_ECHO {
                    return f.write_str("…\"");
                }
                for escaped in c.escape_debug() {
                    fmt::Write::write_char(f, escaped)?;
                }
            }
            f.write_str("\"")
        }
    }
    Quoted(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_cuts_long_text_and_escapes_controls() {
        let long = "a".repeat(500);
        let quoted = bounded(&long);
        assert!(quoted.len() < 110, "{quoted}");
        assert_eq!(bounded("x\ny"), "\"x\\ny\"");
    }
}
