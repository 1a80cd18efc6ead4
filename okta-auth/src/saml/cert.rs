//! IdP certificates: the RSA public key (and validity) read out of an X.509 certificate.
//!
//! Only what verification needs is read: the SubjectPublicKeyInfo and the validity period.
//! The certificate's own signature and chain are not checked: an IdP certificate is trusted
//! because it was configured (pinned), exactly as Okta's self-signed signing certificates are
//! meant to be used.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use aws_lc_rs::signature::{self, ParsedPublicKey, VerificationAlgorithm};

use super::error::SamlError;
use super::xml::{base64_text, pem_body};

/// The smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;

/// A pinned IdP signing certificate, parsed once.
#[derive(Clone)]
pub struct Certificate {
    /// DER `RSAPublicKey` (PKCS #1).
    rsa_public_key: Vec<u8>,
    bits: usize,
    not_before: Option<SystemTime>,
    not_after: Option<SystemTime>,
    der: Vec<u8>,
    /// aws-lc-rs keys, parsed on first use, one slot per [`RsaHash`].
    parsed: Arc<[OnceLock<Option<ParsedPublicKey>>; 4]>,
}

/// The hash of an RSA PKCS #1 v1.5 signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RsaHash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("rsa_bits", &self.bits)
            .field("not_after", &self.not_after)
            .finish_non_exhaustive()
    }
}

impl Certificate {
    /// Parses a certificate from PEM (`-----BEGIN CERTIFICATE-----`) or from the bare base64
    /// found in metadata and `ds:X509Certificate` (line breaks allowed).
    ///
    /// # Errors
    /// [`SamlError::Key`] when it is not an X.509 certificate with an RSA key of at least
    /// 2048 bits.
    pub fn from_pem(text: &str) -> Result<Self, SamlError> {
        let der = if text.contains("-----BEGIN CERTIFICATE-----") {
            pem_body(text, "CERTIFICATE")
        } else {
            base64_text(text)
        }
        .ok_or_else(|| SamlError::Key("certificate is not PEM or base64".into()))?;
        Certificate::from_der(&der)
    }

    /// Parses a DER certificate.
    ///
    /// # Errors
    /// [`SamlError::Key`] when it is not an X.509 certificate with an RSA key of at least
    /// 2048 bits.
    pub fn from_der(der: &[u8]) -> Result<Self, SamlError> {
        let bad = |what: &str| SamlError::Key(format!("certificate: {what}"));
        let mut outer = Reader::new(der);
        let mut certificate = outer.sequence().ok_or_else(|| bad("not DER"))?;
        let mut tbs = certificate
            .sequence()
            .ok_or_else(|| bad("no tbsCertificate"))?;
        if tbs.peek_tag() == Some(0xA0) {
            tbs.any(0xA0).ok_or_else(|| bad("bad version"))?;
        }
        tbs.any(0x02).ok_or_else(|| bad("bad serial"))?;
        tbs.any(0x30)
            .ok_or_else(|| bad("bad signature algorithm"))?;
        tbs.any(0x30).ok_or_else(|| bad("bad issuer"))?;
        let mut validity = tbs.sequence().ok_or_else(|| bad("bad validity"))?;
        let not_before = validity.time();
        let not_after = validity.time();
        tbs.any(0x30).ok_or_else(|| bad("bad subject"))?;
        let mut spki = tbs.sequence().ok_or_else(|| bad("bad public key info"))?;
        let mut algorithm = spki.sequence().ok_or_else(|| bad("bad key algorithm"))?;
        let oid = algorithm
            .any(0x06)
            .ok_or_else(|| bad("bad key algorithm"))?;
        // 1.2.840.113549.1.1.1 rsaEncryption
        if oid != [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01] {
            return Err(SamlError::Key("the certificate's key is not RSA".into()));
        }
        let bits = spki.any(0x03).ok_or_else(|| bad("bad public key"))?;
        let rsa_public_key = match bits.split_first() {
            Some((0, key)) => key.to_vec(),
            _ => return Err(bad("bad public key")),
        };
        let mut key = Reader::new(&rsa_public_key);
        let mut fields = key.sequence().ok_or_else(|| bad("bad RSA key"))?;
        let modulus = fields.any(0x02).ok_or_else(|| bad("bad RSA modulus"))?;
        let significant = modulus
            .iter()
            .position(|b| *b != 0)
            .map_or(&[][..], |i| &modulus[i..]);
        let modulus_bits = match significant.first() {
            Some(first) => significant.len() * 8 - first.leading_zeros() as usize,
            None => 0,
        };
        if modulus_bits < MIN_RSA_BITS {
            return Err(SamlError::Key(format!(
                "RSA key of {modulus_bits} bits; at least {MIN_RSA_BITS} are required"
            )));
        }
        Ok(Certificate {
            rsa_public_key,
            bits: modulus_bits,
            not_before,
            not_after,
            der: der.to_vec(),
            parsed: Arc::default(),
        })
    }

    /// The RSA modulus size in bits.
    pub fn rsa_bits(&self) -> usize {
        self.bits
    }

    /// The end of the certificate's validity period, when it could be read.
    pub fn not_after(&self) -> Option<SystemTime> {
        self.not_after
    }

    /// The start of the certificate's validity period, when it could be read.
    pub fn not_before(&self) -> Option<SystemTime> {
        self.not_before
    }

    /// The DER bytes of the certificate.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Whether `signature` is a valid RSA PKCS #1 v1.5 signature of `message` by this key.
    pub(crate) fn verify(&self, hash: RsaHash, message: &[u8], signature: &[u8]) -> bool {
        let (slot, algorithm): (usize, &'static dyn VerificationAlgorithm) = match hash {
            RsaHash::Sha1 => (0, &signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY),
            RsaHash::Sha256 => (1, &signature::RSA_PKCS1_2048_8192_SHA256),
            RsaHash::Sha384 => (2, &signature::RSA_PKCS1_2048_8192_SHA384),
            RsaHash::Sha512 => (3, &signature::RSA_PKCS1_2048_8192_SHA512),
        };
        let parsed = self.parsed[slot]
            .get_or_init(|| ParsedPublicKey::new(algorithm, &self.rsa_public_key).ok());
        parsed
            .as_ref()
            .is_some_and(|key| key.verify_sig(message, signature).is_ok())
    }

    /// Whether `now` is inside the validity period.
    pub(crate) fn is_valid_at(&self, now: SystemTime) -> bool {
        self.not_before.is_none_or(|from| now >= from) && self.not_after.is_none_or(|to| now <= to)
    }
}

/// A minimal DER reader: definite lengths only, bounded by its input.
struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }

    fn peek_tag(&self) -> Option<u8> {
        self.data.first().copied()
    }

    /// Reads one element with `tag`, returning its contents.
    fn any(&mut self, tag: u8) -> Option<&'a [u8]> {
        let (&found, rest) = self.data.split_first()?;
        if found != tag {
            return None;
        }
        let (&first, mut rest) = rest.split_first()?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7F);
            if count == 0 || count > 4 || rest.len() < count {
                return None;
            }
            let mut len = 0usize;
            for byte in &rest[..count] {
                len = (len << 8) | usize::from(*byte);
            }
            rest = &rest[count..];
            len
        };
        if rest.len() < len {
            return None;
        }
        let (contents, after) = rest.split_at(len);
        self.data = after;
        Some(contents)
    }

    fn sequence(&mut self) -> Option<Reader<'a>> {
        self.any(0x30).map(Reader::new)
    }

    /// Reads a UTCTime or GeneralizedTime; `None` (and nothing consumed) otherwise.
    fn time(&mut self) -> Option<SystemTime> {
        let (text, four_digit_year) = match self.peek_tag()? {
            0x17 => (self.any(0x17)?, false),
            0x18 => (self.any(0x18)?, true),
            _ => return None,
        };
        let text = std::str::from_utf8(text).ok()?;
        let (year, rest) = if four_digit_year {
            (text.get(..4)?.parse::<i64>().ok()?, text.get(4..)?)
        } else {
            let yy = text.get(..2)?.parse::<i64>().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, text.get(2..)?)
        };
        let field = |i: usize| rest.get(i..i + 2)?.parse::<i64>().ok();
        let iso = format!(
            "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            field(0)?,
            field(2)?,
            field(4)?,
            field(6)?,
            field(8)?
        );
        super::xml::parse_instant(&iso)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_a_key_error_not_a_panic() {
        for input in ["", "AAAA", "-----BEGIN CERTIFICATE-----\nMIIB\n", "MAA="] {
            assert_eq!(Certificate::from_pem(input).unwrap_err().kind(), "key");
        }
        assert!(Certificate::from_der(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]).is_err());
    }
}
