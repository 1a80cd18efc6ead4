//! The service-provider side: AuthnRequests for the HTTP-Redirect binding (signed and not)
//! and SP metadata, read back the way an IdP reads them.

use std::path::Path;

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use okta_auth::saml::{
    AuthnRequest, Binding, Certificate, IdentityProvider, RequestSigner, ServiceProvider,
};

const SSO: &str = "https://fake.okta.example/app/fake/exk1fakeidp/sso/saml";

fn key_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/saml/keys")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn idp() -> IdentityProvider {
    IdentityProvider::new("http://www.okta.com/exk1fakeidp").sso_url(Binding::HttpRedirect, SSO)
}

fn sp() -> ServiceProvider {
    ServiceProvider::new(
        "https://sp.example.com/saml/metadata",
        "https://sp.example.com/saml/acs",
    )
}

/// Splits a redirect URL's query into decoded (name, value) pairs and the raw query.
fn query(url: &str) -> (Vec<(String, String)>, String) {
    let (base, raw) = url.split_once('?').unwrap();
    assert_eq!(base, SSO);
    let pairs = url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    (pairs, raw.to_owned())
}

fn inflate(saml_request: &str) -> String {
    let deflated = STANDARD.decode(saml_request).unwrap();
    let xml = miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap();
    String::from_utf8(xml).unwrap()
}

#[test]
fn redirect_binding_carries_a_deflated_authn_request_with_the_id_to_expect() {
    let sp = sp();
    let request = AuthnRequest::new(&sp, &idp())
        .unwrap()
        .relay_state("/after login?x=1&y");
    let url = request.redirect_url(&sp).unwrap();
    let (pairs, _) = query(&url);
    assert_eq!(pairs[0].0, "SAMLRequest");
    assert_eq!(pairs[1], ("RelayState".into(), "/after login?x=1&y".into()));
    assert_eq!(
        pairs.len(),
        2,
        "unsigned requests carry no SigAlg/Signature"
    );
    let xml = inflate(&pairs[0].1);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "AuthnRequest");
    assert_eq!(root.attribute("ID"), Some(request.id()));
    assert_eq!(root.attribute("Destination"), Some(SSO));
    assert_eq!(
        root.attribute("AssertionConsumerServiceURL"),
        Some("https://sp.example.com/saml/acs")
    );
    assert_eq!(root.attribute("Version"), Some("2.0"));
    let issuer = root.first_element_child().unwrap();
    assert_eq!(issuer.text(), Some("https://sp.example.com/saml/metadata"));
}

#[test]
fn every_request_gets_a_fresh_unguessable_id() {
    let sp = sp();
    let a = AuthnRequest::new(&sp, &idp()).unwrap();
    let b = AuthnRequest::new(&sp, &idp()).unwrap();
    assert_ne!(a.id(), b.id());
    assert!(a.id().len() >= 40, "{}", a.id());
    assert!(
        !a.id().as_bytes()[0].is_ascii_digit(),
        "an xs:ID must not start with a digit"
    );
}

#[test]
fn signed_redirect_signature_verifies_over_the_query_string_with_the_sp_certificate() {
    let certificate = Certificate::from_pem(&key_file("sp-enc.crt")).unwrap();
    let signer =
        RequestSigner::from_pkcs8_pem(&key_file("sp-enc.key"), Some(certificate.clone())).unwrap();
    let sp = sp().signing_key(signer);
    let url = AuthnRequest::new(&sp, &idp())
        .unwrap()
        .relay_state("state")
        .redirect_url(&sp)
        .unwrap();
    let (pairs, raw) = query(&url);
    assert_eq!(
        pairs[2],
        (
            "SigAlg".into(),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256".into()
        )
    );
    let signed_part = &raw[..raw.find("&Signature=").unwrap()];
    let signature = STANDARD.decode(&pairs[3].1).unwrap();
    // The SPKI of the certificate, as an IdP would use it.
    let spki = spki_of(certificate.der());
    let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, spki).unwrap();
    key.verify_sig(signed_part.as_bytes(), &signature).unwrap();
    let mut tampered = signed_part.replace("RelayState=state", "RelayState=other");
    tampered.push('x');
    assert!(key.verify_sig(tampered.as_bytes(), &signature).is_err());
}

/// Extracts the SubjectPublicKeyInfo from a DER certificate by walking its first fields.
fn spki_of(der: &[u8]) -> Vec<u8> {
    fn element(data: &[u8]) -> (usize, usize) {
        let len0 = data[1] as usize;
        if len0 < 0x80 {
            (2, len0)
        } else {
            let n = len0 & 0x7f;
            let mut len = 0;
            for b in &data[2..2 + n] {
                len = (len << 8) | *b as usize;
            }
            (2 + n, len)
        }
    }
    let (h, _) = element(der);
    let tbs = &der[h..];
    let (h, len) = element(tbs);
    let mut rest = &tbs[h..h + len];
    if rest[0] == 0xA0 {
        let (h, len) = element(rest);
        rest = &rest[h + len..];
    }
    for _ in 0..5 {
        let (h, len) = element(rest);
        rest = &rest[h + len..];
    }
    let (h, len) = element(rest);
    rest[..h + len].to_vec()
}

#[test]
fn sp_metadata_names_the_acs_the_entity_and_the_certificates() {
    let certificate = Certificate::from_pem(&key_file("sp-enc.crt")).unwrap();
    let signer =
        RequestSigner::from_pkcs8_pem(&key_file("sp-enc.key"), Some(certificate.clone())).unwrap();
    let sp = sp().signing_key(signer).encryption_certificate(certificate);
    let xml = sp.metadata_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.attribute("entityID"),
        Some("https://sp.example.com/saml/metadata")
    );
    let descriptor = root.first_element_child().unwrap();
    assert_eq!(descriptor.tag_name().name(), "SPSSODescriptor");
    assert_eq!(descriptor.attribute("AuthnRequestsSigned"), Some("true"));
    let uses: Vec<_> = descriptor
        .children()
        .filter(|n| n.tag_name().name() == "KeyDescriptor")
        .filter_map(|n| n.attribute("use"))
        .collect();
    assert_eq!(uses, ["signing", "encryption"]);
    let acs = descriptor
        .children()
        .find(|n| n.tag_name().name() == "AssertionConsumerService")
        .unwrap();
    assert_eq!(
        acs.attribute("Location"),
        Some("https://sp.example.com/saml/acs")
    );
    assert_eq!(acs.attribute("Binding"), Some(Binding::HttpPost.uri()));
}

#[test]
fn an_idp_without_a_redirect_url_cannot_start_a_login() {
    let error = AuthnRequest::new(&sp(), &IdentityProvider::new("x")).unwrap_err();
    assert_eq!(error.kind(), "config");
}
