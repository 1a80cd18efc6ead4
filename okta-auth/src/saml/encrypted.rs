//! Encrypted assertions (XML Encryption 1.1): RSA-OAEP key transport, AES-CBC or AES-GCM
//! content. RSA PKCS #1 v1.5 key transport is refused (Bleichenbacher), and every decryption
//! failure gives the same error so that no padding or key oracle is exposed.

use std::fmt;

use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_128_GCM, AES_256_GCM};
use aws_lc_rs::cipher::{DecryptingKey, DecryptionContext, UnboundCipherKey, AES_128, AES_256};
use aws_lc_rs::iv::FixedLength;
use aws_lc_rs::rsa::{
    OaepAlgorithm, OaepPrivateDecryptingKey, PrivateDecryptingKey, OAEP_SHA1_MGF1SHA1,
    OAEP_SHA256_MGF1SHA256,
};
use roxmltree::Node;

use super::error::{bounded, SamlError};
use super::xml::{
    base64_text, element_children, is, pem_body, required_child, text_only, DS, XENC, XENC11,
};

/// The service provider's private key for encrypted assertions (RSA, PKCS #8).
pub struct DecryptionKey {
    key: OaepPrivateDecryptingKey,
}

impl fmt::Debug for DecryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecryptionKey").finish_non_exhaustive()
    }
}

impl DecryptionKey {
    /// Reads an RSA private key from PEM (`-----BEGIN PRIVATE KEY-----`, PKCS #8).
    ///
    /// # Errors
    /// [`SamlError::Key`] when it is not a PKCS #8 RSA key of 2048 to 8192 bits.
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, SamlError> {
        let der = pem_body(pem, "PRIVATE KEY").ok_or_else(|| {
            SamlError::Key("expected a PEM \"BEGIN PRIVATE KEY\" (PKCS #8) block".into())
        })?;
        DecryptionKey::from_pkcs8_der(&der)
    }

    /// Reads an RSA private key from PKCS #8 DER.
    ///
    /// # Errors
    /// [`SamlError::Key`] when it is not a PKCS #8 RSA key of 2048 to 8192 bits.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, SamlError> {
        let key = PrivateDecryptingKey::from_pkcs8(der)
            .map_err(|_| SamlError::Key("not an RSA PKCS #8 private key".into()))?;
        let key = OaepPrivateDecryptingKey::new(key)
            .map_err(|_| SamlError::Key("RSA key unusable for OAEP".into()))?;
        Ok(DecryptionKey { key })
    }
}

/// The one error of every decryption failure.
pub(crate) fn failed() -> SamlError {
    SamlError::Decryption("no configured key decrypts it, or the ciphertext is damaged".into())
}

enum Content {
    Cbc(&'static aws_lc_rs::cipher::Algorithm, usize),
    Gcm(&'static aws_lc_rs::aead::Algorithm, usize),
}

/// Decrypts `<saml:EncryptedAssertion>` into the XML text of the assertion. AES-CBC content
/// is refused unless `allow_cbc` (a verified Response signature covers the ciphertext, or the
/// caller accepted the risk). Also says whether the content was AES-CBC.
pub(crate) fn decrypt(
    encrypted_assertion: Node<'_, '_>,
    keys: &[DecryptionKey],
    max_bytes: usize,
    allow_cbc: bool,
) -> Result<(String, bool), SamlError> {
    if keys.is_empty() {
        return Err(SamlError::Decryption(
            "the assertion is encrypted and no decryption key is configured".into(),
        ));
    }
    let children = element_children(encrypted_assertion)?;
    let (data, siblings) = match children.split_first() {
        Some((data, rest)) if is(*data, XENC, "EncryptedData") => (*data, rest),
        _ => {
            return Err(SamlError::Structure(
                "EncryptedAssertion does not start with EncryptedData".into(),
            ))
        }
    };
    if siblings.iter().any(|node| !is(*node, XENC, "EncryptedKey")) {
        return Err(SamlError::Structure(
            "unexpected element in EncryptedAssertion".into(),
        ));
    }
    let method = required_child(data, XENC, "EncryptionMethod")?;
    let content = match method.attribute("Algorithm").unwrap_or("") {
        "http://www.w3.org/2001/04/xmlenc#aes128-cbc" => Content::Cbc(&AES_128, 16),
        "http://www.w3.org/2001/04/xmlenc#aes256-cbc" => Content::Cbc(&AES_256, 32),
        "http://www.w3.org/2009/xmlenc11#aes128-gcm" => Content::Gcm(&AES_128_GCM, 16),
        "http://www.w3.org/2009/xmlenc11#aes256-gcm" => Content::Gcm(&AES_256_GCM, 32),
        other => {
            return Err(SamlError::Algorithm(format!(
                "content encryption {}",
                bounded(other)
            )))
        }
    };

    let is_cbc = matches!(content, Content::Cbc(..));
    if is_cbc && !allow_cbc {
        // Unauthenticated CBC lets whoever can submit responses learn the plaintext from the
        // errors and timing of each attempt (Jager and Somorovsky, 2011), and a GCM key can be
        // reused by relabelling its ciphertext as CBC.
        return Err(SamlError::Algorithm(
            "AES-CBC content is accepted only in a signed Response; use AES-GCM or sign the Response"
                .into(),
        ));
    }

    // The EncryptedKey: inside KeyInfo, or a sibling of EncryptedData.
    let mut encrypted_keys: Vec<Node<'_, '_>> = siblings.to_vec();
    if let Some(key_info) = super::xml::single_child(data, DS, "KeyInfo")? {
        encrypted_keys.extend(
            key_info
                .children()
                .filter(|node| is(*node, XENC, "EncryptedKey")),
        );
    }
    let encrypted_key = match encrypted_keys.as_slice() {
        [one] => *one,
        [] => return Err(SamlError::Structure("no EncryptedKey".into())),
        _ => return Err(SamlError::Structure("more than one EncryptedKey".into())),
    };
    let oaep = key_transport(required_child(encrypted_key, XENC, "EncryptionMethod")?)?;
    let wrapped = cipher_value(encrypted_key)?;

    let key_len = match content {
        Content::Cbc(_, len) | Content::Gcm(_, len) => len,
    };
    let mut content_key = None;
    for key in keys {
        let mut out = vec![0u8; key.key.min_output_size()];
        if let Ok(plain) = key.key.decrypt(oaep, &wrapped, &mut out, None) {
            if plain.len() == key_len {
                content_key = Some(plain.to_vec());
                break;
            }
        }
    }
    let content_key = content_key.ok_or_else(failed)?;

    let mut ciphertext = cipher_value(data)?;
    if ciphertext.len() > max_bytes + 64 {
        return Err(SamlError::Limits("encrypted assertion too large".into()));
    }
    let plaintext = match content {
        Content::Cbc(algorithm, _) => {
            if ciphertext.len() < 32 || ciphertext.len() % 16 != 0 {
                return Err(failed());
            }
            let mut iv = [0u8; 16];
            iv.copy_from_slice(&ciphertext[..16]);
            let mut body = ciphertext.split_off(16);
            let key = UnboundCipherKey::new(algorithm, &content_key).map_err(|_| failed())?;
            let key = DecryptingKey::cbc(key).map_err(|_| failed())?;
            let plain = key
                .decrypt(&mut body, DecryptionContext::Iv128(FixedLength::from(iv)))
                .map_err(|_| failed())?;
            // XML Encryption padding: the last byte says how many bytes to drop (1..=16).
            let pad = usize::from(*plain.last().ok_or_else(failed)?);
            if pad == 0 || pad > 16 || pad > plain.len() {
                return Err(failed());
            }
            let len = plain.len() - pad;
            body.truncate(len);
            body
        }
        Content::Gcm(algorithm, _) => {
            if ciphertext.len() < 12 + 16 {
                return Err(failed());
            }
            let mut nonce = [0u8; 12];
            nonce.copy_from_slice(&ciphertext[..12]);
            let mut body = ciphertext.split_off(12);
            let key = UnboundKey::new(algorithm, &content_key).map_err(|_| failed())?;
            let key = LessSafeKey::new(key);
            let len = key
                .open_in_place(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut body)
                .map_err(|_| failed())?
                .len();
            body.truncate(len);
            body
        }
    };
    if plaintext.len() > max_bytes {
        return Err(SamlError::Limits("decrypted assertion too large".into()));
    }
    let text = String::from_utf8(plaintext).map_err(|_| failed())?;
    Ok((text, is_cbc))
}

fn cipher_value(node: Node<'_, '_>) -> Result<Vec<u8>, SamlError> {
    let data = required_child(node, XENC, "CipherData")?;
    let value = required_child(data, XENC, "CipherValue")?;
    base64_text(&text_only(value)?)
        .ok_or_else(|| SamlError::Malformed("CipherValue is not base64".into()))
}

fn key_transport(method: Node<'_, '_>) -> Result<&'static OaepAlgorithm, SamlError> {
    let mut digest = "http://www.w3.org/2000/09/xmldsig#sha1";
    let mut mgf = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
    for child in element_children(method)? {
        if is(child, DS, "DigestMethod") {
            digest = child.attribute("Algorithm").unwrap_or("");
        } else if is(child, XENC11, "MGF") {
            mgf = child.attribute("Algorithm").unwrap_or("");
        } else if is(child, XENC, "OAEPparams") {
            return Err(SamlError::Algorithm(
                "OAEP parameters (label) are not supported".into(),
            ));
        } else {
            return Err(SamlError::Structure(
                "unexpected element in EncryptionMethod".into(),
            ));
        }
    }
    let algorithm = method.attribute("Algorithm").unwrap_or("");
    match algorithm {
        "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p" => {
            if mgf != "http://www.w3.org/2009/xmlenc11#mgf1sha1" {
                return Err(SamlError::Algorithm(
                    "rsa-oaep-mgf1p uses MGF1 with SHA-1".into(),
                ));
            }
        }
        "http://www.w3.org/2009/xmlenc11#rsa-oaep" => {}
        "http://www.w3.org/2001/04/xmlenc#rsa-1_5" => {
            return Err(SamlError::Algorithm(
                "RSA PKCS #1 v1.5 key transport (rsa-1_5) is refused".into(),
            ))
        }
        other => {
            return Err(SamlError::Algorithm(format!(
                "key transport {}",
                bounded(other)
            )))
        }
    }
    match (digest, mgf) {
        ("http://www.w3.org/2000/09/xmldsig#sha1", "http://www.w3.org/2009/xmlenc11#mgf1sha1") => {
            Ok(&OAEP_SHA1_MGF1SHA1)
        }
        (
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2009/xmlenc11#mgf1sha256",
        ) => Ok(&OAEP_SHA256_MGF1SHA256),
        _ => Err(SamlError::Algorithm(format!(
            "OAEP with digest {} and mask {} is not supported",
            bounded(digest),
            bounded(mgf)
        ))),
    }
}
