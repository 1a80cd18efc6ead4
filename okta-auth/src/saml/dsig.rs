//! XML-DSig verification of one enveloped signature, by exact structure.
//!
//! The signature must be `SignedInfo, SignatureValue, KeyInfo?` with exactly one Reference to
//! `#` + the ID of the element that contains the signature, the transforms exactly
//! `[enveloped-signature, exc-c14n]`, and every algorithm on an allowlist. SignedInfo is
//! canonicalized and verified with the configured certificates only (KeyInfo is never
//! trusted); the verified canonical SignedInfo is parsed again and the DigestValue taken from
//! THAT; the signed element is canonicalized without its signature and its digest compared in
//! constant time. What a caller gets back is the digested canonical bytes, nothing else.

use aws_lc_rs::digest;
use roxmltree::{Document, Node, ParsingOptions};

use super::c14n::{self, Options};
use super::cert::{Certificate, RsaHash};
use super::error::{bounded, SamlError};
use super::xml::{base64_text, element_children, is, text_only, DS, EXC_C14N, EXC_C14N_COMMENTS};

const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/// Algorithms a verifier accepts beyond the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct AlgorithmPolicy {
    /// Accept RSA-SHA1 signatures and SHA-1 digests (insecure; off by default).
    pub(crate) allow_sha1: bool,
}

/// The checked contents of a Reference.
struct ReferenceInfo {
    digest: &'static digest::Algorithm,
    digest_value: Vec<u8>,
    with_comments: bool,
    prefixes: Vec<String>,
}

/// Verifies `signature`, a `ds:Signature` that is a direct child of `signed`.
pub(crate) fn verify(
    signed: Node<'_, '_>,
    signature: Node<'_, '_>,
    certificates: &[Certificate],
    policy: AlgorithmPolicy,
) -> Result<(), SamlError> {
    let id = signed
        .attribute("ID")
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            SamlError::Structure(format!("signed <{}> has no ID", signed.tag_name().name()))
        })?;
    let children = element_children(signature)?;
    let (signed_info, signature_value) = match children.as_slice() {
        [info, value] | [info, value, _] => (*info, *value),
        _ => {
            return Err(SamlError::Structure(
                "ds:Signature must hold SignedInfo, SignatureValue and at most KeyInfo".into(),
            ))
        }
    };
    if !is(signed_info, DS, "SignedInfo") || !is(signature_value, DS, "SignatureValue") {
        return Err(SamlError::Structure(
            "ds:Signature children are not SignedInfo, SignatureValue".into(),
        ));
    }
    if let Some(key_info) = children.get(2) {
        if !is(*key_info, DS, "KeyInfo") {
            return Err(SamlError::Structure(
                "ds:Signature has an element other than KeyInfo after SignatureValue".into(),
            ));
        }
    }

    // SignedInfo, checked on the received tree before any work.
    let (c14n_method, signature_method, reference) = signed_info_parts(signed_info)?;
    let (si_comments, si_prefixes) = canonicalization(c14n_method)?;
    let hash = signature_algorithm(signature_method, policy)?;
    reference_info(reference, id, policy)?;

    let signature_bytes = base64_text(&text_only(signature_value)?)
        .ok_or_else(|| SamlError::Malformed("SignatureValue is not base64".into()))?;

    // Verify the canonical SignedInfo with the configured certificates only.
    let prefixes: Vec<&str> = si_prefixes.iter().map(String::as_str).collect();
    let mut canonical_info = Vec::with_capacity(1024);
    c14n::canonicalize(
        signed_info,
        &Options {
            with_comments: si_comments,
            inclusive_prefixes: &prefixes,
            exclude: None,
        },
        &mut canonical_info,
    )
    .map_err(c14n_error)?;
    if !certificates
        .iter()
        .any(|certificate| certificate.verify(hash, &canonical_info, &signature_bytes))
    {
        return Err(SamlError::Signature);
    }

    // From here on only the verified bytes are read: parse them again and take the
    // Reference from that tree.
    let text = std::str::from_utf8(&canonical_info)
        .map_err(|_| SamlError::Malformed("canonical SignedInfo is not UTF-8".into()))?;
    let document = Document::parse_with_options(
        text,
        ParsingOptions {
            allow_dtd: false,
            nodes_limit: 1000,
            ..ParsingOptions::default()
        },
    )
    .map_err(|_| SamlError::Malformed("canonical SignedInfo does not parse".into()))?;
    let verified_info = document.root_element();
    if !is(verified_info, DS, "SignedInfo") {
        return Err(SamlError::Structure(
            "verified SignedInfo changed shape".into(),
        ));
    }
    let (_, verified_method, verified_reference) = signed_info_parts(verified_info)?;
    if signature_algorithm(verified_method, policy)? != hash {
        return Err(SamlError::Structure(
            "verified SignedInfo changed shape".into(),
        ));
    }
    let reference = reference_info(verified_reference, id, policy)?;

    // Digest the signed element without this signature.
    let prefixes: Vec<&str> = reference.prefixes.iter().map(String::as_str).collect();
    let mut canonical = Vec::with_capacity(signed.range().len());
    c14n::canonicalize(
        signed,
        &Options {
            with_comments: reference.with_comments,
            inclusive_prefixes: &prefixes,
            exclude: Some(signature.id()),
        },
        &mut canonical,
    )
    .map_err(c14n_error)?;
    let computed = digest::digest(reference.digest, &canonical);
    if aws_lc_rs::constant_time::verify_slices_are_equal(computed.as_ref(), &reference.digest_value)
        .is_err()
    {
        return Err(SamlError::Digest);
    }
    Ok(())
}

fn c14n_error(error: c14n::C14nError) -> SamlError {
    SamlError::Structure(format!("cannot canonicalize: {error:?}"))
}

fn signed_info_parts<'a, 'input>(
    signed_info: Node<'a, 'input>,
) -> Result<(Node<'a, 'input>, Node<'a, 'input>, Node<'a, 'input>), SamlError> {
    let children = element_children(signed_info)?;
    match children.as_slice() {
        [c14n_method, signature_method, reference]
            if is(*c14n_method, DS, "CanonicalizationMethod")
                && is(*signature_method, DS, "SignatureMethod")
                && is(*reference, DS, "Reference") =>
        {
            Ok((*c14n_method, *signature_method, *reference))
        }
        _ => Err(SamlError::Structure(
            "SignedInfo must hold CanonicalizationMethod, SignatureMethod and exactly one Reference"
                .into(),
        )),
    }
}

/// Reads an exclusive canonicalization method: (with comments, inclusive prefixes).
fn canonicalization(method: Node<'_, '_>) -> Result<(bool, Vec<String>), SamlError> {
    let algorithm = method.attribute("Algorithm").unwrap_or("");
    let with_comments = match algorithm {
        EXC_C14N => false,
        EXC_C14N_COMMENTS => true,
        other => {
            return Err(SamlError::Algorithm(format!(
                "canonicalization {} (only exclusive c14n is accepted)",
                bounded(other)
            )))
        }
    };
    let children = element_children(method)?;
    let prefixes = match children.as_slice() {
        [] => Vec::new(),
        [inclusive] if is(*inclusive, EXC_C14N, "InclusiveNamespaces") => {
            if inclusive.has_children() && !text_only(*inclusive)?.trim().is_empty() {
                return Err(SamlError::Structure(
                    "InclusiveNamespaces has content".into(),
                ));
            }
            inclusive
                .attribute("PrefixList")
                .unwrap_or("")
                .split_ascii_whitespace()
                .take(32)
                .map(str::to_owned)
                .collect()
        }
        _ => {
            return Err(SamlError::Structure(
                "unexpected element inside a canonicalization method".into(),
            ))
        }
    };
    Ok((with_comments, prefixes))
}

fn signature_algorithm(
    method: Node<'_, '_>,
    policy: AlgorithmPolicy,
) -> Result<RsaHash, SamlError> {
    if !element_children(method)?.is_empty() {
        return Err(SamlError::Algorithm(
            "SignatureMethod with parameters (such as HMACOutputLength)".into(),
        ));
    }
    match method.attribute("Algorithm").unwrap_or("") {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => Ok(RsaHash::Sha256),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => Ok(RsaHash::Sha384),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => Ok(RsaHash::Sha512),
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1" if policy.allow_sha1 => Ok(RsaHash::Sha1),
        other => Err(SamlError::Algorithm(format!(
            "signature {}",
            bounded(other)
        ))),
    }
}

fn reference_info(
    reference: Node<'_, '_>,
    id: &str,
    policy: AlgorithmPolicy,
) -> Result<ReferenceInfo, SamlError> {
    let uri = reference.attribute("URI").unwrap_or("");
    if uri.strip_prefix('#') != Some(id) {
        return Err(SamlError::Reference(if uri.is_empty() {
            "empty or missing Reference URI".into()
        } else {
            format!("URI {} is not #{}", bounded(uri), bounded(id))
        }));
    }
    let children = element_children(reference)?;
    let (transforms, digest_method, digest_value) = match children.as_slice() {
        [transforms, method, value]
            if is(*transforms, DS, "Transforms")
                && is(*method, DS, "DigestMethod")
                && is(*value, DS, "DigestValue") =>
        {
            (*transforms, *method, *value)
        }
        _ => {
            return Err(SamlError::Structure(
                "Reference must hold Transforms, DigestMethod, DigestValue".into(),
            ))
        }
    };
    let transform_list = element_children(transforms)?;
    let (with_comments, prefixes) = match transform_list.as_slice() {
        [enveloped, c14n] if is(*enveloped, DS, "Transform") && is(*c14n, DS, "Transform") => {
            if enveloped.attribute("Algorithm") != Some(ENVELOPED)
                || !element_children(*enveloped)?.is_empty()
            {
                return Err(SamlError::Algorithm(
                    "the first transform must be enveloped-signature".into(),
                ));
            }
            canonicalization(*c14n)?
        }
        _ => {
            return Err(SamlError::Algorithm(
                "transforms must be exactly enveloped-signature then exclusive c14n".into(),
            ))
        }
    };
    if !element_children(digest_method)?.is_empty() {
        return Err(SamlError::Structure("DigestMethod has content".into()));
    }
    let digest = match digest_method.attribute("Algorithm").unwrap_or("") {
        "http://www.w3.org/2001/04/xmlenc#sha256" => &digest::SHA256,
        "http://www.w3.org/2001/04/xmldsig-more#sha384" => &digest::SHA384,
        "http://www.w3.org/2001/04/xmlenc#sha512" => &digest::SHA512,
        "http://www.w3.org/2000/09/xmldsig#sha1" if policy.allow_sha1 => {
            &digest::SHA1_FOR_LEGACY_USE_ONLY
        }
        other => return Err(SamlError::Algorithm(format!("digest {}", bounded(other)))),
    };
    let digest_value = base64_text(&text_only(digest_value)?)
        .filter(|value| value.len() == digest.output_len())
        .ok_or_else(|| SamlError::Malformed("DigestValue is not a base64 digest".into()))?;
    Ok(ReferenceInfo {
        digest,
        digest_value,
        with_comments,
        prefixes,
    })
}
