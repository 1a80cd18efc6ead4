//! The response verifier: structure gate, signatures, decryption, semantic checks, replay.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use okta_core::clock::{Clock, SystemClock};
use okta_core::seen::{MemorySeenIds, SeenIds};
use roxmltree::{Document, Node};

use super::assertion::{Attribute, Coverage, VerifiedAssertion};
use super::config::{IdentityProvider, ServiceProvider};
use super::dsig::{self, AlgorithmPolicy};
use super::encrypted;
use super::error::{bounded, SamlError};
use super::xml::{
    self, element_children, is, parse_instant, required_child, single_child, text_only, Limits, DS,
    SAML, SAMLP,
};

const SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
const BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/// Which signatures a response must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SignaturePolicy {
    /// The assertion must be covered by at least one valid signature: its own or the
    /// Response's (default; matches every Okta app setting).
    #[default]
    Either,
    /// The Assertion must carry its own valid signature.
    Assertion,
    /// The Response must carry a valid signature.
    Response,
    /// Both the Response and the Assertion must carry valid signatures.
    Both,
}

/// What the response is expected to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect<'a> {
    /// An answer to the AuthnRequest with this ID (SP-initiated login): `InResponseTo` must
    /// equal it.
    Request(&'a str),
    /// An unsolicited response (IdP-initiated login): `InResponseTo` must be absent.
    IdpInitiated,
}

/// Verifies SAML responses from one IdP for one service provider.
///
/// ```no_run
/// # async fn run(saml_response: &str) -> Result<(), okta_auth::saml::SamlError> {
/// use okta_auth::saml::{Expect, IdentityProvider, ResponseVerifier, ServiceProvider};
///
/// let idp = IdentityProvider::from_metadata(&std::fs::read_to_string("okta-metadata.xml").unwrap())?;
/// let sp = ServiceProvider::new("https://app.example.com/saml/metadata", "https://app.example.com/saml/acs");
/// let verifier = ResponseVerifier::new(sp, idp);
/// let assertion = verifier.verify(saml_response, Expect::Request("id-of-my-request")).await?;
/// println!("{} logged in; groups {:?}", assertion.name_id(), assertion.attribute("groups"));
/// # Ok(()) }
/// ```
pub struct ResponseVerifier {
    sp: ServiceProvider,
    idp: IdentityProvider,
    policy: SignaturePolicy,
    skew: Duration,
    clock: Arc<dyn Clock>,
    seen: Arc<dyn SeenIds>,
    /// Whether `seen` is the built-in in-memory store (which then follows `clock`).
    default_seen: bool,
    algorithms: AlgorithmPolicy,
    limits: Limits,
    check_certificate_validity: bool,
    insecure_cbc: bool,
    max_lifetime: Duration,
}

impl fmt::Debug for ResponseVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseVerifier")
            .field("sp", &self.sp)
            .field("idp", &self.idp)
            .field("policy", &self.policy)
            .field("skew", &self.skew)
            .field("allow_sha1", &self.algorithms.allow_sha1)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// The default allowed clock difference with the IdP.
pub const DEFAULT_SKEW: Duration = Duration::from_secs(180);

/// The default longest time an accepted assertion may stay valid: what the built-in replay
/// store remembers an ID for. Okta's assertions are valid for minutes.
pub const DEFAULT_MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

impl ResponseVerifier {
    /// A verifier with the defaults: [`SignaturePolicy::Either`], 180 s of clock skew, SHA-1
    /// refused, [`Limits::default`], the system clock, and an in-memory replay store of up to
    /// 100,000 assertion IDs.
    pub fn new(sp: ServiceProvider, idp: IdentityProvider) -> Self {
        ResponseVerifier {
            sp,
            idp,
            policy: SignaturePolicy::default(),
            skew: DEFAULT_SKEW,
            clock: Arc::new(SystemClock),
            seen: default_seen_ids(Arc::new(SystemClock), DEFAULT_MAX_LIFETIME),
            default_seen: true,
            algorithms: AlgorithmPolicy::default(),
            limits: Limits::default(),
            check_certificate_validity: false,
            insecure_cbc: false,
            max_lifetime: DEFAULT_MAX_LIFETIME,
        }
    }

    /// Sets which signatures are required.
    pub fn signature_policy(mut self, policy: SignaturePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the allowed clock difference with the IdP (default 180 s).
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.skew = skew;
        self
    }

    /// Sets the clock ("now"), for tests and for replaying a captured response.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        if self.default_seen {
            // The built-in replay store expires entries on the same clock.
            self.seen = default_seen_ids(clock.clone(), self.max_lifetime);
        }
        self.clock = clock;
        self
    }

    /// Sets the store that remembers accepted assertion IDs (share one across replicas, e.g.
    /// backed by Redis, so a response cannot be replayed against another replica). If the
    /// store forgets IDs sooner than 24 hours, set
    /// [`max_assertion_lifetime`](Self::max_assertion_lifetime) to match.
    pub fn seen_ids(mut self, seen: Arc<dyn SeenIds>) -> Self {
        self.seen = seen;
        self.default_seen = false;
        self
    }

    /// Sets the longest an assertion may stay valid from now (its latest `NotOnOrAfter` plus
    /// the clock skew) for it to be accepted; default [`DEFAULT_MAX_LIFETIME`], 24 hours. A
    /// seen-ID store that forgot the ID sooner would let the assertion be replayed: the
    /// built-in store follows this setting, and a store set with
    /// [`seen_ids`](Self::seen_ids) must remember IDs at least this long.
    pub fn max_assertion_lifetime(mut self, lifetime: Duration) -> Self {
        self.max_lifetime = lifetime;
        if self.default_seen {
            // The built-in store remembers IDs for that long.
            self.seen = default_seen_ids(self.clock.clone(), lifetime);
        }
        self
    }

    /// Sets the parse limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Refuses certificates outside their validity period. Off by default: Okta's signing
    /// certificates are self-signed and pinned, and their expiry does not mean a compromise.
    pub fn check_certificate_validity(mut self, check: bool) -> Self {
        self.check_certificate_validity = check;
        self
    }

    /// INSECURE: also accepts RSA-SHA1 signatures and SHA-1 digests. SHA-1 collisions are
    /// practical; enable this only for an IdP that cannot be switched to SHA-256, and plan to
    /// turn it off.
    pub fn insecure_allow_sha1(mut self, allow: bool) -> Self {
        self.algorithms.allow_sha1 = allow;
        self
    }

    /// INSECURE: also decrypts AES-CBC encrypted assertions in a Response that is not signed.
    ///
    /// By default AES-CBC content is decrypted only when a verified Response signature covers
    /// it. Without one, anyone who can submit responses can flip ciphertext bits and learn a
    /// captured assertion's plaintext from how each attempt fails (Jager and Somorovsky, "How
    /// to Break XML Encryption", 2011), and a key sent for AES-GCM can be reused by relabelling
    /// the ciphertext as CBC. With this option every failure after decryption gives the same
    /// [`SamlError::Decryption`], but timing still differs. Prefer AES-GCM, or have Okta sign
    /// the Response (the default of Okta SAML apps).
    pub fn insecure_allow_unauthenticated_cbc(mut self, allow: bool) -> Self {
        self.insecure_cbc = allow;
        self
    }

    /// The service provider.
    pub fn service_provider(&self) -> &ServiceProvider {
        &self.sp
    }

    /// The IdP.
    pub fn identity_provider(&self) -> &IdentityProvider {
        &self.idp
    }

    /// Verifies a response (the POSTed `SAMLResponse` in base64, or raw XML) and records its
    /// assertion ID so that the same assertion is refused if it comes again.
    ///
    /// # Errors
    /// The [`SamlError`] of the first check that failed; [`SamlError::Replay`] when the
    /// assertion was already accepted.
    pub async fn verify(
        &self,
        saml_response: impl AsRef<[u8]>,
        expect: Expect<'_>,
    ) -> Result<VerifiedAssertion, SamlError> {
        let assertion = self.verify_without_replay_check(saml_response, expect)?;
        let until = assertion.replay_until() + self.skew;
        match self.seen.insert_if_new(assertion.id(), until).await {
            Ok(true) => Ok(assertion),
            Ok(false) => Err(SamlError::Replay),
            Err(error) => Err(SamlError::SeenStore(error.to_string())),
        }
    }

    /// Every check of [`verify`](Self::verify) except replay protection. The caller must make
    /// sure each assertion ID is accepted only once.
    ///
    /// # Errors
    /// The [`SamlError`] of the first check that failed.
    pub fn verify_without_replay_check(
        &self,
        saml_response: impl AsRef<[u8]>,
        expect: Expect<'_>,
    ) -> Result<VerifiedAssertion, SamlError> {
        let now = self.clock.now();
        let certificates = self.usable_certificates(now)?;
        let text = xml::decode_input(saml_response.as_ref(), &self.limits)?;
        let document = xml::parse(&text, &self.limits)?;
        let response = document.root_element();
        let gate = gate_response(&document, response)?;

        // A failure status comes without an assertion: report it as such.
        check_status(response)?;

        // The Response signature, when present, must verify. The envelope checks read only
        // the digested Response element's own attributes, Issuer and Status.
        let response_signed = match gate.signature {
            Some(signature) => {
                dsig::verify(response, signature, &certificates, self.algorithms)?;
                true
            }
            None => false,
        };
        self.check_envelope(response, response_signed, expect)?;

        // The assertion: covered by its own signature, by the Response's, or by neither.
        // Everything is then read from the very element that was canonicalized and digested,
        // by exact child position; the only part the digest leaves out, its own ds:Signature,
        // is never read.
        let decrypted: String;
        let decrypted_document: Document<'_>;
        let (assertion, assertion_signed, encrypted) = match gate.assertion {
            AssertionNode::Plain(assertion) => {
                let signed = match assertion_signature(assertion)? {
                    Some(signature) => {
                        dsig::verify(assertion, signature, &certificates, self.algorithms)?;
                        true
                    }
                    None => false,
                };
                (assertion, signed, false)
            }
            AssertionNode::Encrypted(encrypted_assertion) => {
                // Nothing is decrypted that the policy would refuse anyway.
                if !response_signed
                    && matches!(
                        self.policy,
                        SignaturePolicy::Response | SignaturePolicy::Both
                    )
                {
                    return Err(self.unsigned(false, false));
                }
                let is_cbc;
                (decrypted, is_cbc) = encrypted::decrypt(
                    encrypted_assertion,
                    &self.sp.decryption_keys,
                    self.limits.max_bytes,
                    response_signed || self.insecure_cbc,
                )?;
                // Unauthenticated CBC plaintext may be an attacker's bit-flipped variant:
                // every failure up to its signature check looks the same.
                let opaque = |error: SamlError| {
                    if is_cbc && !response_signed {
                        encrypted::failed()
                    } else {
                        error
                    }
                };
                decrypted_document = xml::parse(&decrypted, &self.limits).map_err(opaque)?;
                let inner = decrypted_document.root_element();
                if !is(inner, SAML, "Assertion") {
                    return Err(opaque(SamlError::Structure(
                        "decrypted content is not a saml:Assertion".into(),
                    )));
                }
                gate_standalone_assertion(&decrypted_document, inner).map_err(opaque)?;
                let signed = match assertion_signature(inner).map_err(opaque)? {
                    Some(signature) => {
                        dsig::verify(inner, signature, &certificates, self.algorithms)
                            .map_err(opaque)?;
                        true
                    }
                    None => false,
                };
                if is_cbc && !response_signed && !signed {
                    return Err(encrypted::failed());
                }
                (inner, signed, true)
            }
        };

        let covered = match self.policy {
            SignaturePolicy::Either => response_signed || assertion_signed,
            SignaturePolicy::Assertion => assertion_signed,
            SignaturePolicy::Response => response_signed,
            SignaturePolicy::Both => response_signed && assertion_signed,
        };
        if !covered {
            return Err(self.unsigned(response_signed, assertion_signed));
        }
        let coverage = Coverage {
            response_signed,
            assertion_signed,
            encrypted,
        };
        self.check_assertion(assertion, expect, now, coverage)
    }

    fn unsigned(&self, response_signed: bool, assertion_signed: bool) -> SamlError {
        SamlError::Unsigned(format!(
            "policy {:?}; response signed: {response_signed}, assertion signed: {assertion_signed}",
            self.policy
        ))
    }

    fn usable_certificates(
        &self,
        now: SystemTime,
    ) -> Result<Cow<'_, [super::Certificate]>, SamlError> {
        if self.idp.certificates.is_empty() {
            return Err(SamlError::Config(
                "the IdP has no signing certificate".into(),
            ));
        }
        if !self.check_certificate_validity {
            return Ok(Cow::Borrowed(&self.idp.certificates));
        }
        let valid: Vec<_> = self
            .idp
            .certificates
            .iter()
            .filter(|certificate| certificate.is_valid_at(now))
            .cloned()
            .collect();
        if valid.is_empty() {
            return Err(SamlError::Key(
                "every configured IdP certificate is outside its validity period".into(),
            ));
        }
        Ok(Cow::Owned(valid))
    }

    fn check_envelope(
        &self,
        response: Node<'_, '_>,
        signed: bool,
        expect: Expect<'_>,
    ) -> Result<(), SamlError> {
        if response.attribute("Version") != Some("2.0") {
            return Err(SamlError::Structure("Response Version is not 2.0".into()));
        }
        match response.attribute("Destination") {
            Some(destination) if destination != self.sp.acs_url => {
                return Err(SamlError::Destination(bounded(destination)))
            }
            None if signed => {
                return Err(SamlError::Destination(
                    "a signed Response must name its Destination".into(),
                ))
            }
            _ => {}
        }
        if let Some(issuer) = single_child(response, SAML, "Issuer")? {
            let issuer = text_only(issuer)?;
            if issuer.trim() != self.idp.entity_id {
                return Err(SamlError::Issuer(format!(
                    "Response Issuer {}",
                    bounded(&issuer)
                )));
            }
        }
        check_in_response_to(response.attribute("InResponseTo"), expect, "Response")
    }

    fn check_assertion(
        &self,
        assertion: Node<'_, '_>,
        expect: Expect<'_>,
        now: SystemTime,
        coverage: Coverage,
    ) -> Result<VerifiedAssertion, SamlError> {
        if assertion.attribute("Version") != Some("2.0") {
            return Err(SamlError::Structure("Assertion Version is not 2.0".into()));
        }
        let id = assertion
            .attribute("ID")
            .filter(|id| !id.is_empty())
            .ok_or_else(|| SamlError::Structure("Assertion has no ID".into()))?
            .to_owned();
        let issuer = text_only(required_child(assertion, SAML, "Issuer")?)?;
        if issuer.trim() != self.idp.entity_id {
            return Err(SamlError::Issuer(format!(
                "Assertion Issuer {}",
                bounded(&issuer)
            )));
        }
        let skew = self.skew;
        let late = |limit: SystemTime| now >= limit + skew;
        let early = |start: SystemTime| now + skew < start;

        // Subject: one NameID and a usable bearer confirmation.
        let subject = single_child(assertion, SAML, "Subject")?
            .ok_or_else(|| SamlError::Subject("the assertion has no Subject".into()))?;
        if single_child(subject, SAML, "EncryptedID")?.is_some() {
            return Err(SamlError::Subject(
                "encrypted NameIDs are not supported".into(),
            ));
        }
        let name_id_node = single_child(subject, SAML, "NameID")?
            .ok_or_else(|| SamlError::Subject("the Subject has no NameID".into()))?;
        let name_id = text_only(name_id_node)?;
        if name_id.trim().is_empty() {
            return Err(SamlError::Subject("the NameID is empty".into()));
        }
        let mut confirmed: Option<SystemTime> = None;
        let mut first_error = None;
        let mut bearer_seen = false;
        for confirmation in subject
            .children()
            .filter(|node| is(*node, SAML, "SubjectConfirmation"))
        {
            if confirmation.attribute("Method") != Some(BEARER) {
                continue;
            }
            bearer_seen = true;
            match self.check_confirmation(confirmation, expect, &late, &early) {
                Ok(until) => {
                    confirmed = Some(until);
                    break;
                }
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        let confirmation_not_on_or_after = match (confirmed, first_error) {
            (Some(until), _) => until,
            (None, Some(error)) => return Err(error),
            (None, None) => {
                return Err(SamlError::Subject(if bearer_seen {
                    "no usable bearer SubjectConfirmation".into()
                } else {
                    "no bearer SubjectConfirmation".into()
                }))
            }
        };

        // Conditions: times and audience.
        let conditions = single_child(assertion, SAML, "Conditions")?
            .ok_or_else(|| SamlError::Audience("the assertion has no Conditions".into()))?;
        let not_before = optional_instant(conditions, "NotBefore")?;
        let not_on_or_after = optional_instant(conditions, "NotOnOrAfter")?;
        if let Some(start) = not_before {
            if early(start) {
                return Err(SamlError::NotYetValid(format!(
                    "Conditions NotBefore {}",
                    xml::format_instant(start)
                )));
            }
        }
        if let Some(end) = not_on_or_after {
            if late(end) {
                return Err(SamlError::Expired(format!(
                    "Conditions NotOnOrAfter {}",
                    xml::format_instant(end)
                )));
            }
        }
        let mut audiences = Vec::new();
        let mut restrictions = 0;
        for restriction in conditions
            .children()
            .filter(|node| is(*node, SAML, "AudienceRestriction"))
        {
            restrictions += 1;
            let mut matched = false;
            for audience in restriction
                .children()
                .filter(|node| is(*node, SAML, "Audience"))
            {
                let audience = text_only(audience)?.trim().to_owned();
                matched |= audience == self.sp.entity_id;
                if audiences.len() < 32 {
                    audiences.push(audience);
                }
            }
            if !matched {
                return Err(SamlError::Audience(format!(
                    "{} is not among the audiences",
                    bounded(&self.sp.entity_id)
                )));
            }
        }
        if restrictions == 0 {
            return Err(SamlError::Audience(
                "the assertion has no AudienceRestriction".into(),
            ));
        }

        // The authentication statement.
        let authn = assertion
            .children()
            .find(|node| is(*node, SAML, "AuthnStatement"))
            .ok_or_else(|| SamlError::Structure("the assertion has no AuthnStatement".into()))?;
        let session_not_on_or_after = optional_instant(authn, "SessionNotOnOrAfter")?;
        if let Some(end) = session_not_on_or_after {
            if late(end) {
                return Err(SamlError::Expired(format!(
                    "SessionNotOnOrAfter {}",
                    xml::format_instant(end)
                )));
            }
        }
        let authn_instant = optional_instant(authn, "AuthnInstant")?;
        let authn_context_class = match single_child(authn, SAML, "AuthnContext")? {
            Some(context) => match single_child(context, SAML, "AuthnContextClassRef")? {
                Some(class) => Some(text_only(class)?.trim().to_owned()),
                None => None,
            },
            None => None,
        };

        // Attributes, in document order; a name twice is refused.
        let mut attributes: Vec<Attribute> = Vec::new();
        let mut names = HashSet::new();
        for statement in assertion
            .children()
            .filter(|node| is(*node, SAML, "AttributeStatement"))
        {
            for node in statement
                .children()
                .filter(|node| is(*node, SAML, "Attribute"))
            {
                let name = node
                    .attribute("Name")
                    .ok_or_else(|| SamlError::Attributes("an Attribute has no Name".into()))?;
                if !names.insert(name) {
                    return Err(SamlError::Attributes(format!(
                        "attribute {} appears twice",
                        bounded(name)
                    )));
                }
                let mut values = Vec::new();
                for value in node
                    .children()
                    .filter(|value| is(*value, SAML, "AttributeValue"))
                {
                    let mut text = String::new();
                    for part in value.descendants().filter(|n| n.is_text()) {
                        text.push_str(&xml::character_data(part)?);
                    }
                    values.push(text);
                }
                attributes.push(Attribute {
                    name: name.to_owned(),
                    name_format: node.attribute("NameFormat").map(str::to_owned),
                    friendly_name: node.attribute("FriendlyName").map(str::to_owned),
                    values,
                });
            }
        }

        // The ID must be remembered until the assertion is no longer valid anywhere.
        let valid_until = match not_on_or_after {
            Some(end) if end > confirmation_not_on_or_after => end,
            _ => confirmation_not_on_or_after,
        };
        if valid_until + self.skew > now + self.max_lifetime {
            return Err(SamlError::Lifetime(format!(
                "valid until {} (plus {} s of skew), more than {} s from now",
                xml::format_instant(valid_until),
                self.skew.as_secs(),
                self.max_lifetime.as_secs()
            )));
        }

        let in_response_to = match expect {
            Expect::Request(id) => Some(id.to_owned()),
            Expect::IdpInitiated => None,
        };
        Ok(VerifiedAssertion {
            id,
            issuer: issuer.trim().to_owned(),
            name_id,
            name_id_format: name_id_node.attribute("Format").map(str::to_owned),
            session_index: authn.attribute("SessionIndex").map(str::to_owned),
            session_not_on_or_after,
            authn_instant,
            authn_context_class,
            not_before,
            not_on_or_after,
            confirmation_not_on_or_after,
            audiences,
            in_response_to,
            attributes,
            coverage,
        })
    }

    fn check_confirmation(
        &self,
        confirmation: Node<'_, '_>,
        expect: Expect<'_>,
        late: &dyn Fn(SystemTime) -> bool,
        early: &dyn Fn(SystemTime) -> bool,
    ) -> Result<SystemTime, SamlError> {
        let data =
            single_child(confirmation, SAML, "SubjectConfirmationData")?.ok_or_else(|| {
                SamlError::Subject("bearer confirmation without SubjectConfirmationData".into())
            })?;
        if let Some(start) = optional_instant(data, "NotBefore")? {
            if early(start) {
                return Err(SamlError::NotYetValid(
                    "SubjectConfirmationData NotBefore".into(),
                ));
            }
        }
        let until = optional_instant(data, "NotOnOrAfter")?.ok_or_else(|| {
            SamlError::Subject("SubjectConfirmationData has no NotOnOrAfter".into())
        })?;
        if late(until) {
            return Err(SamlError::Expired(format!(
                "SubjectConfirmationData NotOnOrAfter {}",
                xml::format_instant(until)
            )));
        }
        match data.attribute("Recipient") {
            Some(recipient) if recipient == self.sp.acs_url => {}
            Some(recipient) => return Err(SamlError::Recipient(bounded(recipient))),
            None => return Err(SamlError::Recipient("no Recipient".into())),
        }
        check_in_response_to(
            data.attribute("InResponseTo"),
            expect,
            "SubjectConfirmationData",
        )?;
        if matches!(expect, Expect::Request(_)) && data.attribute("InResponseTo").is_none() {
            return Err(SamlError::InResponseTo(
                "SubjectConfirmationData has no InResponseTo".into(),
            ));
        }
        Ok(until)
    }
}

fn default_seen_ids(clock: Arc<dyn Clock>, lifetime: Duration) -> Arc<dyn SeenIds> {
    // An accepted assertion lives at most `lifetime` (skew included); an hour to spare.
    let ttl = lifetime.saturating_add(Duration::from_secs(3600));
    Arc::new(MemorySeenIds::new(100_000, ttl).with_clock(clock))
}

fn check_in_response_to(
    value: Option<&str>,
    expect: Expect<'_>,
    place: &str,
) -> Result<(), SamlError> {
    match (expect, value) {
        (Expect::Request(id), Some(found)) if found != id => Err(SamlError::InResponseTo(format!(
            "{place} InResponseTo {}",
            bounded(found)
        ))),
        (Expect::IdpInitiated, Some(found)) => Err(SamlError::InResponseTo(format!(
            "{place} answers request {} but an IdP-initiated response was expected",
            bounded(found)
        ))),
        _ => Ok(()),
    }
}

fn optional_instant(node: Node<'_, '_>, name: &str) -> Result<Option<SystemTime>, SamlError> {
    match node.attribute(name) {
        None => Ok(None),
        Some(text) => parse_instant(text).map(Some).ok_or_else(|| {
            SamlError::Malformed(format!("{name} {} is not a dateTime", bounded(text)))
        }),
    }
}

fn check_status(response: Node<'_, '_>) -> Result<(), SamlError> {
    let status = required_child(response, SAMLP, "Status")?;
    let code = required_child(status, SAMLP, "StatusCode")?;
    let value = code.attribute("Value").unwrap_or("");
    if value == SUCCESS {
        return Ok(());
    }
    let second = single_child(code, SAMLP, "StatusCode")?
        .and_then(|inner| inner.attribute("Value"))
        .map(|inner| format!(" / {}", bounded(inner)))
        .unwrap_or_default();
    Err(SamlError::Status(format!("{}{second}", bounded(value))))
}

enum AssertionNode<'a, 'input> {
    Plain(Node<'a, 'input>),
    Encrypted(Node<'a, 'input>),
}

struct Gate<'a, 'input> {
    signature: Option<Node<'a, 'input>>,
    assertion: AssertionNode<'a, 'input>,
}

/// The structure gate of a Response: unique IDs, exactly one (encrypted) assertion as a
/// direct child, signatures only where the profile puts them.
fn gate_response<'a, 'input>(
    document: &'a Document<'input>,
    response: Node<'a, 'input>,
) -> Result<Gate<'a, 'input>, SamlError> {
    if !is(response, SAMLP, "Response") {
        return Err(SamlError::Structure(
            "the root element is not samlp:Response".into(),
        ));
    }
    let children = element_children(response)?;
    // One pass over every element: IDs unique, assertions counted, signatures collected.
    let mut ids = HashSet::new();
    let mut assertions = Vec::with_capacity(1);
    let mut encrypted = Vec::with_capacity(1);
    let mut signatures = Vec::with_capacity(2);
    for node in document.descendants().filter(|node| node.is_element()) {
        check_ids(node, &mut ids)?;
        let name = node.tag_name();
        match (name.namespace(), name.name()) {
            (Some(SAML), "Assertion") => assertions.push(node),
            (Some(SAML), "EncryptedAssertion") => encrypted.push(node),
            (Some(DS), "Signature") => signatures.push(node),
            _ => {}
        }
    }
    let assertion = match (assertions.as_slice(), encrypted.as_slice()) {
        ([one], []) if one.parent() == Some(response) => AssertionNode::Plain(*one),
        ([], [one]) if one.parent() == Some(response) => AssertionNode::Encrypted(*one),
        ([], []) => {
            // A failure status legitimately has no assertion; report the status.
            check_status(response)?;
            return Err(SamlError::Structure("the Response has no Assertion".into()));
        }
        _ => {
            return Err(SamlError::Structure(
                "the Response must hold exactly one Assertion, as a direct child".into(),
            ))
        }
    };
    let assertion_element = match assertion {
        AssertionNode::Plain(node) => Some(node),
        AssertionNode::Encrypted(_) => None,
    };
    for signature in signatures {
        let parent = signature.parent();
        if parent != Some(response) && parent != assertion_element {
            return Err(SamlError::Structure(
                "a ds:Signature outside the Response and Assertion headers".into(),
            ));
        }
    }
    let signature = header_signature(&children, "Response")?;
    Ok(Gate {
        signature,
        assertion,
    })
}

/// The structure gate of a decrypted assertion: unique IDs, no nested assertion, a signature
/// only in the header.
fn gate_standalone_assertion(
    document: &Document<'_>,
    assertion: Node<'_, '_>,
) -> Result<(), SamlError> {
    unique_ids(document)?;
    if document
        .descendants()
        .filter(|node| is(*node, SAML, "Assertion") || is(*node, SAML, "EncryptedAssertion"))
        .count()
        != 1
    {
        return Err(SamlError::Structure(
            "an assertion inside the assertion".into(),
        ));
    }
    for signature in document
        .descendants()
        .filter(|node| is(*node, DS, "Signature"))
    {
        if signature.parent() != Some(assertion) {
            return Err(SamlError::Structure(
                "a ds:Signature outside the Assertion header".into(),
            ));
        }
    }
    Ok(())
}

/// The assertion's own signature, checked to sit right after its Issuer.
fn assertion_signature<'a, 'input>(
    assertion: Node<'a, 'input>,
) -> Result<Option<Node<'a, 'input>>, SamlError> {
    header_signature(&element_children(assertion)?, "Assertion")
}

/// At most one `ds:Signature` among `children`, and only right after the leading Issuer.
fn header_signature<'a, 'input>(
    children: &[Node<'a, 'input>],
    owner: &str,
) -> Result<Option<Node<'a, 'input>>, SamlError> {
    let mut found = None;
    for (index, child) in children.iter().enumerate() {
        if !is(*child, DS, "Signature") {
            continue;
        }
        let after_issuer = match index {
            0 => owner == "Response",
            1 => is(children[0], SAML, "Issuer"),
            _ => false,
        };
        if found.is_some() || !after_issuer {
            return Err(SamlError::Structure(format!(
                "the {owner}'s ds:Signature must directly follow its Issuer, once"
            )));
        }
        found = Some(*child);
    }
    Ok(found)
}

fn unique_ids(document: &Document<'_>) -> Result<(), SamlError> {
    let mut ids = HashSet::new();
    for node in document.descendants().filter(|node| node.is_element()) {
        check_ids(node, &mut ids)?;
    }
    Ok(())
}

/// Records the ID attributes of `element`, refusing one already seen.
fn check_ids<'a>(element: Node<'a, '_>, ids: &mut HashSet<&'a str>) -> Result<(), SamlError> {
    for attribute in element.attributes() {
        if matches!(attribute.name(), "ID" | "Id" | "id")
            && attribute.namespace().is_none()
            && !ids.insert(attribute.value())
        {
            return Err(SamlError::Structure(format!(
                "duplicate ID {}",
                bounded(attribute.value())
            )));
        }
    }
    Ok(())
}
