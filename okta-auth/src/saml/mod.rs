//! A SAML 2.0 service provider in pure Rust: verifies Okta-signed responses, makes
//! AuthnRequests and SP metadata.
//!
//! [`ResponseVerifier`] takes the POSTed `SAMLResponse` and returns a [`VerifiedAssertion`]
//! or the [`SamlError`] of the first check that failed. It is built the way the trusted
//! implementations (goxmldsig, python3-saml, ruby-saml, signxml) are, and refuses every attack
//! they have been hit by:
//!
//! - **One parser, once.** The input is size-capped before base64 decoding, any DOCTYPE is
//!   refused (no entities, no XXE, no billion laughs), attributes per element and namespace
//!   declarations are counted before parsing (they make parsing time grow faster than the
//!   input), and roxmltree parses it with node and depth caps. No second parser ever sees the
//!   input.
//! - **Structure first.** The root must be `samlp:Response` holding exactly one `Assertion`
//!   (or `EncryptedAssertion`) as a direct child and no other assertion anywhere; IDs must be
//!   unique; a `ds:Signature` may only sit right after the Issuer of the Response or of the
//!   Assertion. Elements are found by exact position, never by searching descendants.
//! - **XML-DSig by the book, no more.** Exactly one Reference, to `#` + the ID of the element
//!   holding the signature; transforms exactly enveloped-signature then exclusive c14n;
//!   RSA-SHA256/384/512 and SHA-256/384/512 only (SHA-1 only through an explicitly insecure
//!   option); RSA keys of at least 2048 bits from the CONFIGURED certificates only (KeyInfo is
//!   never trusted). The canonical SignedInfo is verified, parsed again, and the DigestValue
//!   taken from the verified copy; digests are compared in constant time.
//! - **Only what was digested is read.** Every value comes from the very element that was
//!   canonicalized and digested, found by exact child position, and text is read through the
//!   same decoding the canonicalizer used, so the value is the digested one; the NameID is the
//!   whole text of its element, so comments can not cut it short.
//! - **Encrypted assertions** (RSA-OAEP key transport; AES-128/256-GCM, and AES-128/256-CBC
//!   only inside a verified Response signature, since unauthenticated CBC is a decryption
//!   oracle) are decrypted with the service provider's key and must then be covered by a
//!   signature; RSA PKCS #1 v1.5 key transport is refused.
//! - **Semantics**: status, destination, issuers, audience, recipient, validity windows with
//!   clock skew, `InResponseTo` (or an explicit IdP-initiated mode), bearer confirmation,
//!   session expiry, duplicate attributes, a lifetime no longer than the replay store
//!   remembers, and replay through a seen-ID store
//!   ([`okta_core::seen::SeenIds`]; in memory by default, shared across replicas in
//!   production).
//!
//! ```no_run
//! # async fn run(saml_response: String) -> Result<(), okta_auth::saml::SamlError> {
//! use okta_auth::saml::{AuthnRequest, Expect, IdentityProvider, ResponseVerifier, ServiceProvider};
//!
//! let idp = IdentityProvider::from_metadata(&std::fs::read_to_string("okta-idp-metadata.xml").unwrap())?;
//! let sp = ServiceProvider::new("https://app.example.com/saml/metadata", "https://app.example.com/saml/acs");
//!
//! // Start the login: redirect the browser, remember the request ID.
//! let request = AuthnRequest::new(&sp, &idp)?;
//! let (redirect_to, request_id) = (request.redirect_url(&sp)?, request.id().to_owned());
//!
//! // At the ACS: verify what the browser POSTs back.
//! let verifier = ResponseVerifier::new(sp, idp);
//! let assertion = verifier.verify(&saml_response, Expect::Request(&request_id)).await?;
//! println!("{} ({:?})", assertion.name_id(), assertion.attribute("groups"));
//! # let _ = redirect_to;
//! # Ok(()) }
//! ```

mod assertion;
mod authn_request;
mod c14n;
mod cert;
mod config;
mod dsig;
mod encrypted;
mod error;
mod verify;
mod xml;

pub use assertion::{Attribute, Coverage, VerifiedAssertion};
pub use authn_request::{AuthnRequest, RequestSigner};
pub use cert::{Certificate, MIN_RSA_BITS};
pub use config::{Binding, IdentityProvider, ServiceProvider};
pub use encrypted::DecryptionKey;
pub use error::SamlError;
pub use verify::{Expect, ResponseVerifier, SignaturePolicy, DEFAULT_MAX_LIFETIME, DEFAULT_SKEW};
pub use xml::Limits;
