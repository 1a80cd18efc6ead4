"""Okta-shaped SAML 2.0 Responses, ds:Signature and xenc:EncryptedData templates, IdP metadata.

Every value a fixture can change is a field of `Spec`; the defaults are what Okta sends for a
successful SP-initiated sign-in of ada@example.com (see ../../okta-auth/tests/data/saml/README.md).
"""

import dataclasses
import hashlib
from typing import Optional

from xmldoc import El, Raw

# Fixed parameters (also written into every manifest entry).
IDP_ENTITY_ID = "http://www.okta.com/exk1fakeidp"
SP_ENTITY_ID = "https://sp.example.com/saml/metadata"
ACS_URL = "https://sp.example.com/saml/acs"
REQUEST_ID = "id-request-7f3a9c"
NAME_ID = "ada@example.com"
NOW = "2026-03-01T10:01:00Z"
SSO_URL = "https://fake.okta.example/app/fake/exk1fakeidp/sso/saml"

ISSUE_INSTANT = "2026-03-01T10:00:00Z"
NOT_BEFORE = "2026-03-01T09:55:00Z"  # IssueInstant - 5 min
NOT_ON_OR_AFTER = "2026-03-01T10:05:00Z"  # IssueInstant + 5 min
AUTHN_INSTANT = "2026-03-01T09:59:58Z"
SESSION_NOT_ON_OR_AFTER = "2026-03-01T18:00:00Z"

NS_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol"
NS_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion"
NS_METADATA = "urn:oasis:names:tc:SAML:2.0:metadata"
NS_DS = "http://www.w3.org/2000/09/xmldsig#"
NS_EC = "http://www.w3.org/2001/10/xml-exc-c14n#"
NS_XENC = "http://www.w3.org/2001/04/xmlenc#"
NS_XS = "http://www.w3.org/2001/XMLSchema"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"

STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
STATUS_REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester"
STATUS_AUTHN_FAILED = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"
NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
ISSUER_ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity"
CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
CM_HOLDER_OF_KEY = "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"
AC_PPT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
ATTRNAME_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"
BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"

ALG = {
    "exc-c14n": "http://www.w3.org/2001/10/xml-exc-c14n#",
    "enveloped": "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
    "rsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "rsa-sha1": "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    "hmac-sha256": "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256",
    "sha256": "http://www.w3.org/2001/04/xmlenc#sha256",
    "sha1": "http://www.w3.org/2000/09/xmldsig#sha1",
    "aes128-cbc": "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
    "aes256-cbc": "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
    "aes128-gcm": "http://www.w3.org/2009/xmlenc11#aes128-gcm",
    "aes256-gcm": "http://www.w3.org/2009/xmlenc11#aes256-gcm",
    "rsa-oaep-mgf1p": "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
    "rsa-1_5": "http://www.w3.org/2001/04/xmlenc#rsa-1_5",
}

DEFAULT_ATTRIBUTES = (
    ("firstName", ("Ada",)),
    ("lastName", ("Lovelace",)),
    ("email", ("ada@example.com",)),
    ("groups", ("Everyone", "Engineering", "Analytics")),
)


def okta_id(name, part):
    """An Okta-looking ID ("id" and 23 digits), fixed for a fixture name and part."""
    digest = hashlib.sha256(f"{name}/{part}".encode()).hexdigest()
    return "id" + str(int(digest[:24], 16))[-23:].rjust(23, "0")


@dataclasses.dataclass
class Sig:
    """A ds:Signature template: which key signs it and with which algorithms."""

    key: str = "idp"  # keys/<key>.key with keys/<key>.crt in KeyInfo
    method: str = "rsa-sha256"
    digest: str = "sha256"
    uri: Optional[str] = None  # Reference URI; None: "#" + the parent's ID
    prefix_list: str = "xs"
    key_info: bool = True  # KeyInfo/X509Data/X509Certificate (filled by xmlsec1)


@dataclasses.dataclass
class Spec:
    name: str
    # Prefixes: saml2p/saml2 (Okta), samlp/saml, or "" for default namespaces.
    p: str = "saml2p"
    a: str = "saml2"
    ds: str = "ds"
    ns_on_root: bool = False  # declare the assertion namespace once, on the Response
    response_id: Optional[str] = None
    assertion_id: Optional[str] = None
    issue_instant: str = ISSUE_INSTANT
    destination: Optional[str] = ACS_URL
    in_response_to: Optional[str] = REQUEST_ID  # None: IdP-initiated (no InResponseTo anywhere)
    response_issuer: Optional[str] = IDP_ENTITY_ID
    status: str = STATUS_SUCCESS
    status_sub: Optional[str] = None
    with_assertion: bool = True
    assertion_issuer: str = IDP_ENTITY_ID
    name_id: object = NAME_ID  # a string or a list of str/Raw children (comments)
    name_id_format: str = NAMEID_EMAIL
    cm_method: str = CM_BEARER
    scd_recipient: str = ACS_URL
    scd_not_on_or_after: str = NOT_ON_OR_AFTER
    scd_in_response_to: object = "same"  # "same": follows in_response_to
    not_before: str = NOT_BEFORE
    not_on_or_after: str = NOT_ON_OR_AFTER
    audiences: Optional[tuple] = (SP_ENTITY_ID,)  # None: no AudienceRestriction
    authn_instant: str = AUTHN_INSTANT
    session_not_on_or_after: str = SESSION_NOT_ON_OR_AFTER
    attributes: tuple = DEFAULT_ATTRIBUTES
    sign_response: Optional[Sig] = None
    sign_assertion: Optional[Sig] = None
    encrypted: bool = False  # the Assertion inside a saml2:EncryptedAssertion (encrypted later)
    pretty: bool = False

    def __post_init__(self):
        if self.response_id is None:
            self.response_id = okta_id(self.name, "response")
        if self.assertion_id is None:
            self.assertion_id = okta_id(self.name, "assertion")


def _q(prefix, local):
    return f"{prefix}:{local}" if prefix else local


def _xmlns(prefix, uri):
    return ("xmlns:" + prefix if prefix else "xmlns", uri)


def signature(sig, ref_id, ds="ds"):
    """An Okta-shaped ds:Signature template with empty DigestValue/SignatureValue/X509Certificate."""
    d = lambda local: _q(ds, local)  # noqa: E731
    uri = sig.uri if sig.uri is not None else "#" + ref_id
    c14n = El(d("Transform"), [("Algorithm", ALG["exc-c14n"])])
    if sig.prefix_list is not None:
        c14n.add(
            El("ec:InclusiveNamespaces", [("xmlns:ec", NS_EC), ("PrefixList", sig.prefix_list)])
        )
    return El(d("Signature"), [_xmlns(ds, NS_DS)], [
        El(d("SignedInfo"), [], [
            El(d("CanonicalizationMethod"), [("Algorithm", ALG["exc-c14n"])]),
            El(d("SignatureMethod"), [("Algorithm", ALG[sig.method])]),
            El(d("Reference"), [("URI", uri)], [
                El(d("Transforms"), [], [
                    El(d("Transform"), [("Algorithm", ALG["enveloped"])]),
                    c14n,
                ]),
                El(d("DigestMethod"), [("Algorithm", ALG[sig.digest])]),
                El(d("DigestValue")),
            ]),
        ]),
        El(d("SignatureValue")),
        El(d("KeyInfo"), [], [El(d("X509Data"), [], [El(d("X509Certificate"))])]) if sig.key_info else None,
    ])


def assertion(s, declare_ns=True):
    a = lambda local: _q(s.a, local)  # noqa: E731
    attrs = [_xmlns(s.a, NS_ASSERTION)] if declare_ns else []
    attrs += [("ID", s.assertion_id), ("IssueInstant", s.issue_instant), ("Version", "2.0")]
    el = El(a("Assertion"), attrs)
    el.add(El(a("Issuer"), [("Format", ISSUER_ENTITY)], [s.assertion_issuer]))
    if s.sign_assertion:
        el.add(signature(s.sign_assertion, s.assertion_id, s.ds))

    name_id = s.name_id if isinstance(s.name_id, list) else ([s.name_id] if s.name_id else [])
    scd = []
    irt = s.in_response_to if s.scd_in_response_to == "same" else s.scd_in_response_to
    if irt is not None:
        scd.append(("InResponseTo", irt))
    scd += [("NotOnOrAfter", s.scd_not_on_or_after), ("Recipient", s.scd_recipient)]
    el.add(El(a("Subject"), [], [
        El(a("NameID"), [("Format", s.name_id_format)], name_id),
        El(a("SubjectConfirmation"), [("Method", s.cm_method)], [
            El(a("SubjectConfirmationData"), scd),
        ]),
    ]))

    cond = El(a("Conditions"), [("NotBefore", s.not_before), ("NotOnOrAfter", s.not_on_or_after)])
    if s.audiences is not None:
        cond.add(El(a("AudienceRestriction"), [], [El(a("Audience"), [], [x]) for x in s.audiences]))
    el.add(cond)

    el.add(El(a("AuthnStatement"), [
        ("AuthnInstant", s.authn_instant),
        ("SessionIndex", s.assertion_id),
        ("SessionNotOnOrAfter", s.session_not_on_or_after),
    ], [El(a("AuthnContext"), [], [El(a("AuthnContextClassRef"), [], [AC_PPT])])]))

    if s.attributes:
        stmt = El(a("AttributeStatement"), [("xmlns:xs", NS_XS), ("xmlns:xsi", NS_XSI)])
        for name, values in s.attributes:
            stmt.add(El(a("Attribute"), [("Name", name), ("NameFormat", ATTRNAME_UNSPECIFIED)], [
                El(a("AttributeValue"), [("xsi:type", "xs:string")], [v]) for v in values
            ]))
        el.add(stmt)
    return el


def response(s, assertions=None):
    """The Response element. `assertions` replaces the generated Assertion (a list of El/Raw)."""
    p = lambda local: _q(s.p, local)  # noqa: E731
    attrs = [_xmlns(s.p, NS_PROTOCOL)]
    if s.ns_on_root:
        attrs.append(_xmlns(s.a, NS_ASSERTION))
    if s.destination is not None:
        attrs.append(("Destination", s.destination))
    attrs.append(("ID", s.response_id))
    if s.in_response_to is not None:
        attrs.append(("InResponseTo", s.in_response_to))
    attrs += [("IssueInstant", s.issue_instant), ("Version", "2.0")]
    root = El(p("Response"), attrs)
    issuer_ns = [] if s.ns_on_root else [_xmlns(s.a, NS_ASSERTION)]
    if s.response_issuer is not None:
        root.add(El(_q(s.a, "Issuer"), issuer_ns + [("Format", ISSUER_ENTITY)], [s.response_issuer]))
    if s.sign_response:
        root.add(signature(s.sign_response, s.response_id, s.ds))
    code = El(p("StatusCode"), [("Value", s.status)])
    if s.status_sub:
        code.add(El(p("StatusCode"), [("Value", s.status_sub)]))
    root.add(El(p("Status"), [], [code]))
    if assertions is not None:
        root.add(*assertions)
    elif s.with_assertion:
        inner = assertion(s, declare_ns=not s.ns_on_root)
        if s.encrypted:
            inner = El(_q(s.a, "EncryptedAssertion"), [_xmlns(s.a, NS_ASSERTION)], [inner])
        root.add(inner)
    return root


def encrypted_data_template(content_alg, transport_alg, data_id, key_id):
    """An xenc:EncryptedData template (Type Element) with the EncryptedKey inside its KeyInfo,
    the shape Okta uses inside saml2:EncryptedAssertion."""
    method = El("xenc:EncryptionMethod", [("Algorithm", ALG[transport_alg])])
    if transport_alg == "rsa-oaep-mgf1p":
        method.add(El("ds:DigestMethod", [("Algorithm", ALG["sha1"])]))
    return El("xenc:EncryptedData", [
        ("xmlns:xenc", NS_XENC), ("Id", data_id), ("Type", "http://www.w3.org/2001/04/xmlenc#Element"),
    ], [
        El("xenc:EncryptionMethod", [("Algorithm", ALG[content_alg])]),
        El("ds:KeyInfo", [("xmlns:ds", NS_DS)], [
            El("xenc:EncryptedKey", [("Id", key_id)], [
                method,
                El("ds:KeyInfo", [], [El("ds:X509Data", [], [El("ds:X509Certificate")])]),
                El("xenc:CipherData", [], [El("xenc:CipherValue")]),
            ]),
        ]),
        El("xenc:CipherData", [], [El("xenc:CipherValue")]),
    ])


def idp_metadata(cert_bodies):
    """Okta-shaped IdP metadata: one signing KeyDescriptor per certificate (PEM body text)."""
    desc = El("md:IDPSSODescriptor", [
        ("WantAuthnRequestsSigned", "false"), ("protocolSupportEnumeration", NS_PROTOCOL),
    ])
    for body in cert_bodies:
        desc.add(El("md:KeyDescriptor", [("use", "signing")], [
            El("ds:KeyInfo", [("xmlns:ds", NS_DS)], [
                El("ds:X509Data", [], [El("ds:X509Certificate", [], [body])]),
            ]),
        ]))
    desc.add(
        El("md:NameIDFormat", [], [NAMEID_UNSPECIFIED]),
        El("md:NameIDFormat", [], [NAMEID_EMAIL]),
        El("md:SingleSignOnService", [("Binding", BINDING_POST), ("Location", SSO_URL)]),
        El("md:SingleSignOnService", [("Binding", BINDING_REDIRECT), ("Location", SSO_URL)]),
    )
    return El("md:EntityDescriptor", [("xmlns:md", NS_METADATA), ("entityID", IDP_ENTITY_ID)], [desc])


def comment(text=""):
    return Raw(f"<!--{text}-->")
