//! What a verified SAML response yields.

use std::time::SystemTime;

/// One SAML attribute: its name and its values in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub(crate) name: String,
    pub(crate) name_format: Option<String>,
    pub(crate) friendly_name: Option<String>,
    pub(crate) values: Vec<String>,
}

impl Attribute {
    /// The attribute's `Name`, such as `groups` or `email`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `NameFormat`, when the IdP sent one.
    pub fn name_format(&self) -> Option<&str> {
        self.name_format.as_deref()
    }

    /// The `FriendlyName`, when the IdP sent one.
    pub fn friendly_name(&self) -> Option<&str> {
        self.friendly_name.as_deref()
    }

    /// The values, in document order (several for multi-valued attributes such as `groups`).
    pub fn values(&self) -> &[String] {
        &self.values
    }
}

/// Which signatures covered the assertion that was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Coverage {
    /// The Response carried a valid signature (which covers the assertion inside it).
    pub response_signed: bool,
    /// The Assertion carried its own valid signature.
    pub assertion_signed: bool,
    /// The assertion arrived encrypted and was decrypted with the service provider's key.
    pub encrypted: bool,
}

/// A SAML assertion that passed every check: signature, structure, issuer, audience,
/// recipient, times, `InResponseTo` and (with [`ResponseVerifier::verify`](super::ResponseVerifier::verify))
/// replay.
///
/// It can only be made by the verifier, and everything in it was read from the verified
/// canonical bytes; no raw XML is kept, so nothing unverified is reachable through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedAssertion {
    pub(crate) id: String,
    pub(crate) issuer: String,
    pub(crate) name_id: String,
    pub(crate) name_id_format: Option<String>,
    pub(crate) session_index: Option<String>,
    pub(crate) session_not_on_or_after: Option<SystemTime>,
    pub(crate) authn_instant: Option<SystemTime>,
    pub(crate) authn_context_class: Option<String>,
    pub(crate) not_before: Option<SystemTime>,
    pub(crate) not_on_or_after: Option<SystemTime>,
    pub(crate) confirmation_not_on_or_after: SystemTime,
    pub(crate) audiences: Vec<String>,
    pub(crate) in_response_to: Option<String>,
    pub(crate) attributes: Vec<Attribute>,
    pub(crate) coverage: Coverage,
}

impl VerifiedAssertion {
    /// The assertion's `ID` (used for replay protection).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The assertion's `Issuer`: the IdP entity ID.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The subject's `NameID` (its whole text: comments inside it never cut it short).
    pub fn name_id(&self) -> &str {
        &self.name_id
    }

    /// The NameID's `Format`, such as
    /// `urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress`.
    pub fn name_id_format(&self) -> Option<&str> {
        self.name_id_format.as_deref()
    }

    /// The `SessionIndex` of the authentication statement (for single logout).
    pub fn session_index(&self) -> Option<&str> {
        self.session_index.as_deref()
    }

    /// The `SessionNotOnOrAfter`: when the IdP wants the session to end.
    pub fn session_not_on_or_after(&self) -> Option<SystemTime> {
        self.session_not_on_or_after
    }

    /// When the user authenticated (`AuthnInstant`).
    pub fn authn_instant(&self) -> Option<SystemTime> {
        self.authn_instant
    }

    /// The authentication context class, such as
    /// `urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport`.
    pub fn authn_context_class(&self) -> Option<&str> {
        self.authn_context_class.as_deref()
    }

    /// The Conditions' `NotBefore`.
    pub fn not_before(&self) -> Option<SystemTime> {
        self.not_before
    }

    /// The Conditions' `NotOnOrAfter`.
    pub fn not_on_or_after(&self) -> Option<SystemTime> {
        self.not_on_or_after
    }

    /// The audiences of the assertion's audience restrictions (this service provider's
    /// entity ID is among them).
    pub fn audiences(&self) -> &[String] {
        &self.audiences
    }

    /// The request this answers (`InResponseTo`), or `None` for an IdP-initiated login.
    pub fn in_response_to(&self) -> Option<&str> {
        self.in_response_to.as_deref()
    }

    /// Every attribute, in document order.
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// The values of the attribute `name`, if the assertion has it.
    pub fn attribute(&self, name: &str) -> Option<&[String]> {
        self.attributes
            .iter()
            .find(|attribute| attribute.name == name)
            .map(|attribute| attribute.values.as_slice())
    }

    /// Which signatures covered this assertion.
    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    /// Until when the assertion's ID must be remembered for replay protection.
    pub(crate) fn replay_until(&self) -> SystemTime {
        match self.not_on_or_after {
            Some(conditions) if conditions > self.confirmation_not_on_or_after => conditions,
            _ => self.confirmation_not_on_or_after,
        }
    }
}
