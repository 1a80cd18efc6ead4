//! The two parties: this service provider and the Okta IdP it trusts.

use std::fmt;

use super::cert::Certificate;
use super::encrypted::DecryptionKey;
use super::error::{bounded, SamlError};
use super::xml::{self, is, Limits, DS, MD};

/// The SAML binding of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Binding {
    /// `urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect`
    HttpRedirect,
    /// `urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST`
    HttpPost,
}

impl Binding {
    /// The binding's URI.
    pub fn uri(self) -> &'static str {
        match self {
            Binding::HttpRedirect => "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
            Binding::HttpPost => "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
        }
    }

    fn from_uri(uri: &str) -> Option<Self> {
        match uri {
            "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" => Some(Binding::HttpRedirect),
            "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" => Some(Binding::HttpPost),
            _ => None,
        }
    }
}

/// The Okta IdP a service provider trusts: its entity ID, its signing certificates (several
/// during a rotation) and its single sign-on URLs.
#[derive(Debug, Clone)]
pub struct IdentityProvider {
    pub(crate) entity_id: String,
    pub(crate) certificates: Vec<Certificate>,
    pub(crate) sso_urls: Vec<(Binding, String)>,
    pub(crate) want_authn_requests_signed: bool,
}

impl IdentityProvider {
    /// An IdP with this entity ID (Okta's look like `http://www.okta.com/exk...`) and no
    /// certificate yet: add at least one with [`certificate`](Self::certificate).
    pub fn new(entity_id: impl Into<String>) -> Self {
        IdentityProvider {
            entity_id: entity_id.into(),
            certificates: Vec::new(),
            sso_urls: Vec::new(),
            want_authn_requests_signed: false,
        }
    }

    /// Trusts this signing certificate (call again to trust several, e.g. during a rotation).
    pub fn certificate(mut self, certificate: Certificate) -> Self {
        self.certificates.push(certificate);
        self
    }

    /// Trusts a signing certificate given as PEM or base64.
    ///
    /// # Errors
    /// [`SamlError::Key`] when it is not an RSA certificate of at least 2048 bits.
    pub fn certificate_pem(self, pem: &str) -> Result<Self, SamlError> {
        Ok(self.certificate(Certificate::from_pem(pem)?))
    }

    /// Sets the single sign-on URL of a binding.
    pub fn sso_url(mut self, binding: Binding, url: impl Into<String>) -> Self {
        self.sso_urls.retain(|(b, _)| *b != binding);
        self.sso_urls.push((binding, url.into()));
        self
    }

    /// Reads Okta's IdP metadata XML (`EntityDescriptor` with an `IDPSSODescriptor`): the
    /// entity ID, the signing certificates and the single sign-on URLs.
    ///
    /// # Errors
    /// [`SamlError::Config`] when the metadata lacks an entity ID, an IDPSSODescriptor or a
    /// signing certificate; [`SamlError::Key`] for an unusable certificate; parse errors as
    /// for responses (DOCTYPE refused, size limits).
    pub fn from_metadata(xml_text: &str) -> Result<Self, SamlError> {
        let document = xml::parse(xml_text, &Limits::default().max_bytes(1024 * 1024))?;
        let mut entity = document.root_element();
        if is(entity, MD, "EntitiesDescriptor") {
            let mut found = entity
                .children()
                .filter(|node| is(*node, MD, "EntityDescriptor"))
                .filter(|node| {
                    node.children()
                        .any(|child| is(child, MD, "IDPSSODescriptor"))
                });
            entity = found.next().ok_or_else(|| {
                SamlError::Config(
                    "metadata has no EntityDescriptor with an IDPSSODescriptor".into(),
                )
            })?;
            if found.next().is_some() {
                return Err(SamlError::Config(
                    "metadata describes several IdPs; pass the one to trust".into(),
                ));
            }
        }
        if !is(entity, MD, "EntityDescriptor") {
            return Err(SamlError::Config(
                "metadata root is not an EntityDescriptor".into(),
            ));
        }
        let entity_id = entity
            .attribute("entityID")
            .filter(|id| !id.is_empty())
            .ok_or_else(|| SamlError::Config("EntityDescriptor has no entityID".into()))?;
        let descriptor = xml::single_child(entity, MD, "IDPSSODescriptor")?
            .ok_or_else(|| SamlError::Config("metadata has no IDPSSODescriptor".into()))?;
        let mut idp = IdentityProvider::new(entity_id);
        idp.want_authn_requests_signed =
            descriptor.attribute("WantAuthnRequestsSigned") == Some("true");
        for child in descriptor.children().filter(|n| n.is_element()) {
            if is(child, MD, "KeyDescriptor") {
                if child.attribute("use").is_some_and(|u| u != "signing") {
                    continue;
                }
                for data in child
                    .descendants()
                    .filter(|n| is(*n, DS, "X509Certificate"))
                {
                    let text = xml::text_only(data)?;
                    let certificate = Certificate::from_pem(&text)?;
                    if !idp
                        .certificates
                        .iter()
                        .any(|known| known.der() == certificate.der())
                    {
                        idp.certificates.push(certificate);
                    }
                }
            } else if is(child, MD, "SingleSignOnService") {
                let binding = child.attribute("Binding").and_then(Binding::from_uri);
                if let (Some(binding), Some(location)) = (binding, child.attribute("Location")) {
                    if !idp.sso_urls.iter().any(|(b, _)| *b == binding) {
                        idp.sso_urls.push((binding, location.to_owned()));
                    }
                }
            }
        }
        if idp.certificates.is_empty() {
            return Err(SamlError::Config(format!(
                "metadata of {} has no signing certificate",
                bounded(entity_id)
            )));
        }
        Ok(idp)
    }

    /// The IdP entity ID.
    pub fn entity_id(&self) -> &str {
        &self.entity_id
    }

    /// The trusted signing certificates.
    pub fn certificates(&self) -> &[Certificate] {
        &self.certificates
    }

    /// The single sign-on URL of a binding, if known.
    pub fn sso_url_for(&self, binding: Binding) -> Option<&str> {
        self.sso_urls
            .iter()
            .find(|(b, _)| *b == binding)
            .map(|(_, url)| url.as_str())
    }

    /// Whether the IdP's metadata asks for signed AuthnRequests.
    pub fn want_authn_requests_signed(&self) -> bool {
        self.want_authn_requests_signed
    }
}

/// This service provider: its entity ID (the audience Okta puts in assertions), its
/// Assertion Consumer Service URL, and optionally its keys.
pub struct ServiceProvider {
    pub(crate) entity_id: String,
    pub(crate) acs_url: String,
    pub(crate) decryption_keys: Vec<DecryptionKey>,
    pub(crate) signing: Option<super::authn_request::RequestSigner>,
    pub(crate) encryption_certificate: Option<Certificate>,
}

impl fmt::Debug for ServiceProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceProvider")
            .field("entity_id", &self.entity_id)
            .field("acs_url", &self.acs_url)
            .field("decryption_keys", &self.decryption_keys.len())
            .field("signs_requests", &self.signing.is_some())
            .finish()
    }
}

impl ServiceProvider {
    /// A service provider with this entity ID (Okta's "Audience URI (SP Entity ID)") and ACS
    /// URL (Okta's "Single sign-on URL").
    pub fn new(entity_id: impl Into<String>, acs_url: impl Into<String>) -> Self {
        ServiceProvider {
            entity_id: entity_id.into(),
            acs_url: acs_url.into(),
            decryption_keys: Vec::new(),
            signing: None,
            encryption_certificate: None,
        }
    }

    /// Adds a private key that decrypts encrypted assertions (call again to add the next key
    /// during a rotation).
    pub fn decryption_key(mut self, key: DecryptionKey) -> Self {
        self.decryption_keys.push(key);
        self
    }

    /// The certificate of the decryption key, published in the SP metadata so the IdP can
    /// encrypt to it.
    pub fn encryption_certificate(mut self, certificate: Certificate) -> Self {
        self.encryption_certificate = Some(certificate);
        self
    }

    /// The entity ID.
    pub fn entity_id(&self) -> &str {
        &self.entity_id
    }

    /// The Assertion Consumer Service URL.
    pub fn acs_url(&self) -> &str {
        &self.acs_url
    }
}
