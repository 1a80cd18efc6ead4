//! The service-provider side: AuthnRequests for the HTTP-Redirect binding and SP metadata.

use std::fmt;
use std::time::SystemTime;

use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use url::form_urlencoded::byte_serialize;

use super::cert::Certificate;
use super::config::{Binding, IdentityProvider, ServiceProvider};
use super::error::SamlError;
use super::xml::{escape, format_instant, pem_body};

const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

/// The service provider's key for signing AuthnRequests (RSA, PKCS #8), with its certificate
/// for the SP metadata.
pub struct RequestSigner {
    key: RsaKeyPair,
    certificate: Option<Certificate>,
}

impl fmt::Debug for RequestSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestSigner")
            .field("certificate", &self.certificate)
            .finish_non_exhaustive()
    }
}

impl RequestSigner {
    /// Reads an RSA private key from PEM (`-----BEGIN PRIVATE KEY-----`, PKCS #8), and the
    /// matching certificate (published in the SP metadata) if there is one.
    ///
    /// # Errors
    /// [`SamlError::Key`] when the key is not a PKCS #8 RSA key of at least 2048 bits.
    pub fn from_pkcs8_pem(pem: &str, certificate: Option<Certificate>) -> Result<Self, SamlError> {
        let der = pem_body(pem, "PRIVATE KEY").ok_or_else(|| {
            SamlError::Key("expected a PEM \"BEGIN PRIVATE KEY\" (PKCS #8) block".into())
        })?;
        let key = RsaKeyPair::from_pkcs8(&der)
            .map_err(|_| SamlError::Key("not an RSA PKCS #8 private key".into()))?;
        if key.public_modulus_len() * 8 < super::cert::MIN_RSA_BITS {
            return Err(SamlError::Key("RSA key smaller than 2048 bits".into()));
        }
        Ok(RequestSigner { key, certificate })
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SamlError> {
        let mut signature = vec![0u8; self.key.public_modulus_len()];
        self.key
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| SamlError::Key("signing the request failed".into()))?;
        Ok(signature)
    }
}

impl ServiceProvider {
    /// Signs AuthnRequests with this key (the IdP must know its certificate).
    pub fn signing_key(mut self, signer: RequestSigner) -> Self {
        self.signing = Some(signer);
        self
    }

    /// The SP metadata XML (`EntityDescriptor` with an `SPSSODescriptor`): entity ID, ACS URL
    /// (HTTP-POST), NameID format, and the signing and encryption certificates when set.
    pub fn metadata_xml(&self) -> String {
        let mut xml = String::with_capacity(2048);
        xml.push_str(
            "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"",
        );
        escape(&self.entity_id, &mut xml);
        xml.push_str("\">");
        xml.push_str("<md:SPSSODescriptor AuthnRequestsSigned=\"");
        xml.push_str(if self.signing.is_some() {
            "true"
        } else {
            "false"
        });
        xml.push_str("\" WantAssertionsSigned=\"true\" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">");
        let signing = self.signing.as_ref().and_then(|s| s.certificate.as_ref());
        for (usage, certificate) in [
            ("signing", signing),
            ("encryption", self.encryption_certificate.as_ref()),
        ] {
            if let Some(certificate) = certificate {
                xml.push_str("<md:KeyDescriptor use=\"");
                xml.push_str(usage);
                xml.push_str("\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>");
                xml.push_str(&STANDARD.encode(certificate.der()));
                xml.push_str("</ds:X509Certificate></ds:X509Data></ds:KeyInfo>");
                if usage == "encryption" {
                    xml.push_str("<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/>");
                    xml.push_str("<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes128-gcm\"/>");
                    xml.push_str("<md:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>");
                }
                xml.push_str("</md:KeyDescriptor>");
            }
        }
        xml.push_str("<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>");
        xml.push_str("<md:AssertionConsumerService Binding=\"");
        xml.push_str(Binding::HttpPost.uri());
        xml.push_str("\" Location=\"");
        escape(&self.acs_url, &mut xml);
        xml.push_str("\" index=\"0\" isDefault=\"true\"/>");
        xml.push_str("</md:SPSSODescriptor></md:EntityDescriptor>");
        xml
    }
}

/// An AuthnRequest for the HTTP-Redirect binding (SP-initiated login).
///
/// Keep [`id`](AuthnRequest::id) (for example in the user's session cookie) and pass it to
/// the verifier as [`Expect::Request`](super::Expect::Request) when the response comes back.
///
/// ```
/// use okta_auth::saml::{AuthnRequest, Binding, IdentityProvider, ServiceProvider};
///
/// let sp = ServiceProvider::new("https://app.example.com/saml/metadata", "https://app.example.com/saml/acs");
/// let idp = IdentityProvider::new("http://www.okta.com/exk1")
///     .sso_url(Binding::HttpRedirect, "https://example.okta.com/app/example/exk1/sso/saml");
/// let request = AuthnRequest::new(&sp, &idp).unwrap().relay_state("/dashboard");
/// let url = request.redirect_url(&sp).unwrap();
/// assert!(url.starts_with("https://example.okta.com/app/example/exk1/sso/saml?SAMLRequest="));
/// assert!(request.id().starts_with("id"));
/// ```
#[derive(Debug, Clone)]
pub struct AuthnRequest {
    id: String,
    issue_instant: SystemTime,
    destination: String,
    acs_url: String,
    issuer: String,
    relay_state: Option<String>,
    force_authn: bool,
    is_passive: bool,
    name_id_format: Option<String>,
}

impl AuthnRequest {
    /// A request from `sp` to `idp`'s HTTP-Redirect single sign-on URL, with a fresh random
    /// ID and the current time.
    ///
    /// # Errors
    /// [`SamlError::Config`] when the IdP has no HTTP-Redirect single sign-on URL.
    pub fn new(sp: &ServiceProvider, idp: &IdentityProvider) -> Result<Self, SamlError> {
        let destination = idp
            .sso_url_for(Binding::HttpRedirect)
            .ok_or_else(|| SamlError::Config("the IdP has no HTTP-Redirect SSO URL".into()))?;
        let mut random = [0u8; 20];
        SystemRandom::new()
            .fill(&mut random)
            .map_err(|_| SamlError::Config("no randomness for the request ID".into()))?;
        let mut id = String::with_capacity(42);
        id.push_str("id");
        for byte in random {
            id.push_str(&format!("{byte:02x}"));
        }
        Ok(AuthnRequest {
            id,
            issue_instant: SystemTime::now(),
            destination: destination.to_owned(),
            acs_url: sp.acs_url.clone(),
            issuer: sp.entity_id.clone(),
            relay_state: None,
            force_authn: false,
            is_passive: false,
            name_id_format: None,
        })
    }

    /// Sets the RelayState (where to go after login); the IdP sends it back unchanged.
    pub fn relay_state(mut self, relay_state: impl Into<String>) -> Self {
        self.relay_state = Some(relay_state.into());
        self
    }

    /// Asks the IdP to authenticate the user again even with a session (`ForceAuthn`).
    pub fn force_authn(mut self, force: bool) -> Self {
        self.force_authn = force;
        self
    }

    /// Asks the IdP not to interact with the user (`IsPassive`).
    pub fn is_passive(mut self, passive: bool) -> Self {
        self.is_passive = passive;
        self
    }

    /// Asks for a NameID format (`NameIDPolicy Format`).
    pub fn name_id_format(mut self, format: impl Into<String>) -> Self {
        self.name_id_format = Some(format.into());
        self
    }

    /// Sets the issue instant (the default is the time of [`AuthnRequest::new`]).
    pub fn issue_instant(mut self, at: SystemTime) -> Self {
        self.issue_instant = at;
        self
    }

    /// The request ID: what the response's `InResponseTo` must equal.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The AuthnRequest XML.
    pub fn xml(&self) -> String {
        let mut xml = String::with_capacity(768);
        xml.push_str("<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"");
        escape(&self.id, &mut xml);
        xml.push_str("\" Version=\"2.0\" IssueInstant=\"");
        xml.push_str(&format_instant(self.issue_instant));
        xml.push_str("\" Destination=\"");
        escape(&self.destination, &mut xml);
        xml.push_str("\" AssertionConsumerServiceURL=\"");
        escape(&self.acs_url, &mut xml);
        xml.push_str("\" ProtocolBinding=\"");
        xml.push_str(Binding::HttpPost.uri());
        xml.push('"');
        if self.force_authn {
            xml.push_str(" ForceAuthn=\"true\"");
        }
        if self.is_passive {
            xml.push_str(" IsPassive=\"true\"");
        }
        xml.push_str("><saml:Issuer>");
        escape(&self.issuer, &mut xml);
        xml.push_str("</saml:Issuer>");
        if let Some(format) = &self.name_id_format {
            xml.push_str("<samlp:NameIDPolicy Format=\"");
            escape(format, &mut xml);
            xml.push_str("\" AllowCreate=\"true\"/>");
        }
        xml.push_str("</samlp:AuthnRequest>");
        xml
    }

    /// The URL to redirect the browser to: `SAMLRequest` (DEFLATE, base64, URL-encoded),
    /// `RelayState`, and, when the service provider has a [`RequestSigner`], `SigAlg` and
    /// `Signature` computed over the query string as the HTTP-Redirect binding specifies.
    ///
    /// # Errors
    /// [`SamlError::Key`] if signing fails.
    pub fn redirect_url(&self, sp: &ServiceProvider) -> Result<String, SamlError> {
        let deflated = miniz_oxide::deflate::compress_to_vec(self.xml().as_bytes(), 6);
        let mut query = String::from("SAMLRequest=");
        query.extend(byte_serialize(STANDARD.encode(deflated).as_bytes()));
        if let Some(relay_state) = &self.relay_state {
            query.push_str("&RelayState=");
            query.extend(byte_serialize(relay_state.as_bytes()));
        }
        if let Some(signer) = &sp.signing {
            query.push_str("&SigAlg=");
            query.extend(byte_serialize(RSA_SHA256.as_bytes()));
            let signature = signer.sign(query.as_bytes())?;
            query.push_str("&Signature=");
            query.extend(byte_serialize(STANDARD.encode(signature).as_bytes()));
        }
        let separator = if self.destination.contains('?') {
            '&'
        } else {
            '?'
        };
        Ok(format!("{}{separator}{query}", self.destination))
    }
}
