"""The fixture catalog: what each file is, how it is made, and what a verifier must answer."""

import base64
import dataclasses
from typing import Callable, Optional

import saml
from saml import Sig, Spec, comment, okta_id
from xmldoc import (
    document, element, insert_after, insert_before, remove, replace_once, serialize,
    set_attr_on_first_tag, strip_declaration, text_of,
)
from xmlsec import cert_body

XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
EVIL_NAME_ID = "admin@example.com"


@dataclasses.dataclass
class Fixture:
    file: str
    what: str
    build: Callable
    expect: Optional[str] = None
    expect_any: Optional[list] = None
    name_id: Optional[str] = None
    options: dict = dataclasses.field(default_factory=dict)
    encrypted: bool = False  # not byte-reproducible: --check compares the decrypted plaintext
    decrypt_key: str = "sp-enc"  # key that decrypts it (for --check)
    # For invalid fixtures: whether xmlsec1, used as a verifier that resolves the Reference by
    # ID wherever the element is (Xmlsec.naive_verify), verifies the first ds:Signature of the
    # document with the configured IdP certificate. True shows the attack keeps a cryptographically valid
    # signature (it is pure wrapping or placement); False shows the signed bytes were broken.
    xmlsec_first_signature: Optional[bool] = None

    def __post_init__(self):
        if (self.expect is None) == (self.expect_any is None):
            raise ValueError(f"{self.file}: exactly one of expect/expect_any")
        if self.expect == "valid" and self.name_id is None:
            self.name_id = saml.NAME_ID


class Ctx:
    """What a build function gets: xmlsec1, the keys folder."""

    def __init__(self, xs, keys_dir):
        self.xs = xs
        self.keys = keys_dir
        self._signed = {}

    def signed(self, spec):
        """The Response document of `spec`, its templates signed (assertion first, so that a
        Response signature covers the signed assertion)."""
        key = repr(spec)
        if key not in self._signed:
            text = document(saml.response(spec), spec.pretty)
            if spec.sign_assertion:
                text = self.xs.sign(text, spec.assertion_id, spec.sign_assertion.key)
            if spec.sign_response:
                text = self.xs.sign(text, spec.response_id, spec.sign_response.key)
            self._signed[key] = text
        return self._signed[key]

    def encrypted(self, spec, content_alg, transport_alg="rsa-oaep-mgf1p", cert="sp-enc"):
        """Assertion signed (when spec says so), then encrypted, then the Response signed."""
        text = document(saml.response(spec), spec.pretty)
        if spec.sign_assertion:
            text = self.xs.sign(text, spec.assertion_id, spec.sign_assertion.key)
        template = serialize(saml.encrypted_data_template(
            content_alg, transport_alg,
            "_" + okta_id(spec.name, "encrypted-data")[2:], "_" + okta_id(spec.name, "encrypted-key")[2:]))
        bits = 256 if "256" in content_alg else 128
        text = self.xs.encrypt(text, spec.assertion_id, template, bits, cert)
        if spec.sign_response:
            text = self.xs.sign(text, spec.response_id, spec.sign_response.key)
        return text

    def digest_of(self, text, parent_id, old_signature):
        """The DigestValue a verifier computes for the element with ID `parent_id` of `text`
        (a tampered document): obtained by signing a copy whose `old_signature` is replaced by
        a fresh template, with the attacker's key."""
        probe = replace_once(text, old_signature, serialize(saml.signature(Sig(key="attacker"), parent_id)))
        probe = self.xs.sign(probe, parent_id, "attacker")
        start = probe.index(f'ID="{parent_id}"')
        return text_of(element(probe, "ds:Signature", start), "ds:DigestValue")


# ---------------------------------------------------------------------------------------------
# Building blocks

def assertion_signed(name, **kw):
    return Spec(name=name, sign_assertion=Sig(), **kw)


def response_signed(name, **kw):
    return Spec(name=name, sign_response=Sig(), **kw)


def both_signed(name, **kw):
    return Spec(name=name, sign_assertion=Sig(), sign_response=Sig(), **kw)


def evil(fragment):
    """The attacker's change: the NameID becomes admin@example.com."""
    return replace_once(fragment, f">{saml.NAME_ID}</saml2:NameID>", f">{EVIL_NAME_ID}</saml2:NameID>")


def assertion_of(text):
    return element(text, "saml2:Assertion")


def signature_of(fragment):
    return element(fragment, "ds:Signature")


def append_child(fragment, qname, child):
    """`child` inserted as the last child of the element `fragment` (named `qname`)."""
    end = f"</{qname}>"
    if not fragment.endswith(end):
        raise ValueError(f"fragment does not end with {end}")
    return fragment[: -len(end)] + child + end


def response_issuer(text):
    """The Response-level Issuer (the one that declares the assertion namespace itself)."""
    return element(text, "saml2:Issuer")


def with_doctype(text, doctype):
    return replace_once(text, XML_DECL, XML_DECL + doctype + "\n")


def b64(text):
    return base64.b64encode(text.encode()).decode()


# ---------------------------------------------------------------------------------------------
# Valid

def valid_fixtures():
    F = Fixture
    out = [
        F("valid/assertion-signed.xml", "Okta default: only the Assertion signed (rsa-sha256, exc-c14n + PrefixList xs)",
          lambda c: c.signed(assertion_signed("assertion-signed")), expect="valid"),
        F("valid/response-signed.xml", "only the Response signed; the signature covers the unsigned Assertion inside it",
          lambda c: c.signed(response_signed("response-signed")), expect="valid"),
        F("valid/both-signed.xml", "Assertion signed, then the Response signed over it",
          lambda c: c.signed(both_signed("both-signed")), expect="valid"),
        F("valid/both-signed.b64", "valid/both-signed.xml as the base64 SAMLResponse form value (one line, no newline)",
          lambda c: b64(c.signed(both_signed("both-signed"))), expect="valid"),
        F("valid/prefixes-samlp-saml.xml",
          "both signed, samlp/saml prefixes, the assertion namespace declared once on the Response (inherited into the signed Assertion)",
          lambda c: c.signed(both_signed("prefixes-samlp-saml", p="samlp", a="saml", ns_on_root=True)), expect="valid"),
        F("valid/default-namespaces.xml", "both signed, no prefixes: default namespaces for protocol, assertion and xmldsig",
          lambda c: c.signed(both_signed("default-namespaces", p="", a="", ds="")), expect="valid"),
        F("valid/pretty-printed.xml", "both signed, indented before signing (whitespace text nodes are signed)",
          lambda c: c.signed(both_signed("pretty-printed", pretty=True)), expect="valid"),
        F("valid/pretty-printed-crlf.xml",
          "the indented both-signed response converted to CRLF line ends after signing (parsers normalize them to LF)",
          lambda c: c.signed(both_signed("pretty-printed", pretty=True)).replace("\n", "\r\n"), expect="valid"),
        F("valid/sha1.xml", "Assertion signed with rsa-sha1 and a sha1 digest: valid only when SHA-1 is explicitly allowed",
          lambda c: c.signed(Spec(name="sha1", sign_assertion=Sig(method="rsa-sha1", digest="sha1"))),
          expect="valid", options={"allow_sha1": True}),
        F("valid/idp-initiated.xml", "IdP-initiated (unsolicited): no InResponseTo on the Response nor in SubjectConfirmationData; both signed",
          lambda c: c.signed(both_signed("idp-initiated", in_response_to=None)),
          expect="valid", options={"idp_initiated": True}),
        F("valid/nameid-comment.xml",
          "IdP signed a NameID holding a comment (ada@example.com<!---->.evil.com): the NameID is the whole text, ada@example.com.evil.com",
          lambda c: c.signed(assertion_signed("nameid-comment", name_id=[saml.NAME_ID, comment(), ".evil.com"])),
          expect="valid", name_id="ada@example.com.evil.com"),
        F("valid/nameid-comment-added-after-signing.xml",
          "IdP signed ada@example.com.evil.com, a comment was inserted after signing (CVE-2017-11427): comments are not signed, so still valid, NameID the whole text",
          build_comment_added_after_signing, expect="valid", name_id="ada@example.com.evil.com"),
        F("valid/rotation-idp2.xml", "both signed with the second (rotated) IdP key: valid when both IdP certificates are configured",
          lambda c: c.signed(Spec(name="rotation-idp2", sign_assertion=Sig(key="idp2"), sign_response=Sig(key="idp2"))),
          expect="valid", options={"idp_certs": ["idp.crt", "idp2.crt"]}),
    ]
    return out


def build_comment_added_after_signing(c):
    text = c.signed(assertion_signed("nameid-comment-added-after-signing", name_id="ada@example.com.evil.com"))
    return replace_once(text, ">ada@example.com.evil.com<", ">ada@example.com<!---->.evil.com<")


# ---------------------------------------------------------------------------------------------
# Encrypted

def encrypted_fixtures():
    F = Fixture
    enc = {"sp_key": "sp-enc.key"}
    out = []
    for alg in ("aes128-gcm", "aes256-gcm"):
        out.append(F(
            f"encrypted/{alg}.xml",
            f"EncryptedAssertion: assertion signed then encrypted, {alg} content, RSA-OAEP (mgf1p, sha1) key transport to sp-enc",
            (lambda a: lambda c: c.encrypted(Spec(name=f"encrypted-{a}", sign_assertion=Sig(), encrypted=True), a))(alg),
            expect="valid", options=dict(enc), encrypted=True))
    for alg in ("aes128-cbc", "aes256-cbc"):
        out.append(F(
            f"encrypted/{alg}.xml",
            f"EncryptedAssertion: assertion signed then encrypted, {alg} content, RSA-OAEP (mgf1p, sha1) key transport to sp-enc, "
            "then the Response signed: CBC is decrypted only under a verified Response signature",
            (lambda a: lambda c: c.encrypted(Spec(name=f"encrypted-{a}", sign_assertion=Sig(), sign_response=Sig(),
                                                  encrypted=True), a))(alg),
            expect="valid", options=dict(enc), encrypted=True))
    out += [
        F("encrypted/aes256-cbc-unsigned-response.xml",
          "signed assertion encrypted with aes256-cbc in an unsigned Response: nothing authenticates the ciphertext, "
          "so decrypting it would be a padding and format oracle",
          lambda c: c.encrypted(Spec(name="encrypted-cbc-unsigned-response", sign_assertion=Sig(), encrypted=True),
                                "aes256-cbc"),
          expect="algorithm", options=dict(enc), encrypted=True),
        F("encrypted/unsigned-assertion-signed-response.xml",
          "EncryptedAssertion (aes256-gcm) of an unsigned assertion; the Response signed after encryption covers it",
          lambda c: c.encrypted(Spec(name="encrypted-signed-response", sign_response=Sig(), encrypted=True), "aes256-gcm"),
          expect="valid", options=dict(enc), encrypted=True),
        F("encrypted/unsigned-assertion-unsigned-response.xml",
          "EncryptedAssertion (aes256-gcm) of an unsigned assertion in an unsigned Response: encryption is not a signature",
          lambda c: c.encrypted(Spec(name="encrypted-unsigned", encrypted=True), "aes256-gcm"),
          expect="unsigned", options=dict(enc), encrypted=True),
        F("encrypted/rsa-1_5-key-transport.xml",
          "signed assertion encrypted (aes128-gcm) with the key transported by RSA PKCS#1 v1.5 (rsa-1_5): not allowed",
          lambda c: c.encrypted(Spec(name="encrypted-rsa-1_5", sign_assertion=Sig(), encrypted=True), "aes128-gcm",
                                transport_alg="rsa-1_5"),
          expect="algorithm", options=dict(enc), encrypted=True),
        F("encrypted/other-sp-key.xml",
          "signed assertion encrypted (aes256-gcm) to another SP's key (sp-other), the SP holds sp-enc only",
          lambda c: c.encrypted(Spec(name="encrypted-other-sp", sign_assertion=Sig(), encrypted=True), "aes256-gcm",
                                cert="sp-other"),
          expect="decryption", options=dict(enc), encrypted=True, decrypt_key="sp-other"),
    ]
    return out


# ---------------------------------------------------------------------------------------------
# Attacks

def xsw_response(n):
    """XSW1/XSW2: the signed Response copied without its signature, the outer Response made
    evil (new ID, admin NameID); the copy goes inside the Signature (1) or before it (2)."""
    def build(c):
        spec = response_signed(f"xsw{n}")
        text = c.signed(spec)
        root = element(text, "saml2p:Response")
        sig = signature_of(root)
        original = remove(root, sig)
        outer = set_attr_on_first_tag(evil(root), "ID", okta_id(spec.name, "evil-response"))
        if n == 1:
            outer = replace_once(outer, sig, append_child(sig, "ds:Signature", original))
        else:
            outer = replace_once(outer, sig, original + sig)
        return XML_DECL + outer + "\n"
    return build


def xsw_assertion(n):
    """XSW3..XSW8 on an assertion-signed Response (SAMLRaider's placements)."""
    def build(c):
        spec = assertion_signed(f"xsw{n}")
        text = c.signed(spec)
        a = assertion_of(text)
        sig = signature_of(a)
        copy = remove(a, sig)  # the signed content, without its signature, original ID
        evil_id = okta_id(spec.name, "evil-assertion")
        if n == 3:  # evil unsigned assertion inserted before the signed one
            new = set_attr_on_first_tag(evil(copy), "ID", evil_id) + a
        elif n == 4:  # the signed assertion moved inside the evil one (its last child)
            new = append_child(set_attr_on_first_tag(evil(copy), "ID", evil_id), "saml2:Assertion", a)
        elif n == 5:  # the signed element made evil (new ID, keeps the signature); unsigned copy appended
            new = set_attr_on_first_tag(evil(a), "ID", evil_id) + copy
        elif n == 6:  # as 5, the unsigned copy inside the evil assertion's signature
            e = set_attr_on_first_tag(evil(a), "ID", evil_id)
            new = replace_once(e, sig, append_child(sig, "ds:Signature", copy))
        elif n == 7:  # evil copy (same ID) in samlp:Extensions, signed assertion untouched
            ext = f"<saml2p:Extensions>{evil(copy)}</saml2p:Extensions>"
            return insert_after(text, response_issuer(text), ext)
        elif n == 8:  # evil assertion keeps ID and signature; the original copy in ds:Object
            new = replace_once(evil(a), sig, append_child(sig, "ds:Signature", f"<ds:Object>{copy}</ds:Object>"))
        return replace_once(text, a, new)
    return build


XSW_WHAT = {
    1: "XSW1: evil Response (new ID, admin NameID) whose Signature contains the unsigned copy of the signed Response",
    2: "XSW2: evil Response (new ID, admin NameID) with the unsigned copy of the signed Response inserted before its Signature",
    3: "XSW3: evil unsigned Assertion (new ID, admin NameID) inserted before the signed Assertion",
    4: "XSW4: evil unsigned Assertion (new ID, admin NameID) wrapping the signed Assertion as its last child",
    5: "XSW5: signed Assertion made evil (new ID, admin NameID, keeps its Signature), an unsigned copy with the signed ID appended",
    6: "XSW6: signed Assertion made evil (new ID, admin NameID), the unsigned copy with the signed ID inside its Signature",
    7: "XSW7: evil unsigned copy (same ID, admin NameID) inside samlp:Extensions before the untouched signed Assertion",
    8: "XSW8: Assertion made evil keeping ID and Signature, the original unsigned copy inside a ds:Object of the Signature",
}
XSW_EXPECT = {
    1: ["structure", "reference"],  # duplicate assertion IDs, content in Signature, URI != parent ID
    2: ["structure", "reference"],
    3: ["structure"],  # two Assertion children
    4: ["structure", "unsigned"],  # assertion nested in assertion; the outer one has no signature
    5: ["structure", "reference"],  # two assertions; the signature's URI is not its parent's ID
    6: ["structure", "reference"],  # an Assertion inside the Signature; URI != parent ID
    7: ["structure"],  # duplicate IDs
    8: ["structure", "digest"],  # duplicate IDs, ds:Object; the evil assertion's digest breaks
}
XSW_XMLSEC = {1: None, 2: True, 3: True, 4: True, 5: True, 6: None, 7: None, 8: None}


def tampered_signedinfo(kind):
    """CVE-2025-29774/29775 and CVE-2024-45409 shapes. The assertion is made evil after
    signing; the digest of the evil assertion is put where a careless verifier reads it."""
    def build(c):
        spec = assertion_signed(f"signedinfo-{kind}")
        text = c.signed(spec)
        a = assertion_of(text)
        sig = signature_of(a)
        si = element(sig, "ds:SignedInfo")
        good = text_of(si, "ds:DigestValue")
        tampered = evil(text)
        forged = c.digest_of(tampered, spec.assertion_id, sig)
        dv = f"<ds:DigestValue>{good}</ds:DigestValue>"
        evil_si = replace_once(si, dv, f"<ds:DigestValue>{forged}</ds:DigestValue>")
        if kind == "extra":  # a second SignedInfo after the signed one
            new_sig = replace_once(sig, si, si + evil_si)
        elif kind == "wrapped":  # evil SignedInfo in place, the signed one wrapped in ds:Object
            new_sig = append_child(replace_once(sig, si, evil_si), "ds:Signature", f"<ds:Object>{si}</ds:Object>")
        elif kind == "digest-comment":  # forged digest in a comment before the signed one
            new_sig = replace_once(sig, dv, f"<ds:DigestValue><!--{forged}-->{good}</ds:DigestValue>")
        elif kind == "planted-in-assertion":  # a DigestValue before SignedInfo, inside the Assertion
            start = sig[: sig.index(">") + 1]
            new_sig = replace_once(sig, start, start + f"<ds:DigestValue>{forged}</ds:DigestValue>")
        elif kind == "planted-in-extensions":  # a DigestValue in samlp:Extensions, before the Assertion
            ext = (f'<saml2p:Extensions><ds:DigestValue xmlns:ds="{saml.NS_DS}">{forged}</ds:DigestValue>'
                   "</saml2p:Extensions>")
            return insert_after(tampered, response_issuer(tampered), ext)
        return replace_once(tampered, sig, new_sig)
    return build


def build_signature_exclusion(c):
    text = c.signed(both_signed("signature-exclusion"))
    for _ in range(2):
        text = remove(text, element(text, "ds:Signature"))
    return evil(text)


def build_attacker_cert_swapped(c):
    """Signed with the attacker's key, the IdP's certificate put in KeyInfo afterwards."""
    text = c.signed(Spec(name="attacker-key-idp-cert", sign_assertion=Sig(key="attacker")))
    old = text_of(text, "ds:X509Certificate")
    return replace_once(text, old, cert_body(c.keys, "idp") + "\n")


ENTITY_DOCTYPES = {
    "internal-entity": '<!DOCTYPE saml2p:Response [\n<!ENTITY who "ada@example.com">\n]>',
    "xxe": '<!DOCTYPE saml2p:Response [\n<!ENTITY who SYSTEM "file:///etc/hostname">\n]>',
    "billion-laughs": "<!DOCTYPE saml2p:Response [\n"
    + '<!ENTITY lol0 "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">\n' for i in range(1, 10))
    + '<!ENTITY who "&lol9;">\n]>',
}


def build_entity(kind):
    def build(c):
        text = c.signed(assertion_signed(f"doctype-{kind}"))
        text = replace_once(text, f">{saml.NAME_ID}</saml2:NameID>", ">&who;</saml2:NameID>")
        return with_doctype(text, ENTITY_DOCTYPES[kind])
    return build


def build_parser_differential_comment(c):
    """CVE-2025-25291 shape: a DOCTYPE whose SYSTEM literal holds `"><!--`. A conforming parser
    reads the evil response and a CDATA section; a parser that ends the literal at `"` reads a
    comment up to the CDATA start and then the signed original."""
    original = strip_declaration(c.signed(response_signed("parser-differential-comment")))
    end = "</saml2p:Response>"
    evil_part = evil(original)[: -len(end)]
    return (XML_DECL + "<!DOCTYPE saml2p:Response SYSTEM 'x\"><!--'>\n" + evil_part
            + "<![CDATA[-->\n" + original[: -len(end)] + "<!--]]>-->\n" + end + "\n")


def namespace_confusion(doctype):
    """CVE-2025-25292 shape: the Response signature moved into StatusDetail as an unqualified
    <Signature>; with the DOCTYPE, an ATTLIST default puts it in the xmldsig namespace for a
    parser that applies DTD defaults (and not for one that does not)."""
    def build(c):
        name = "namespace-confusion-doctype" if doctype else "namespace-confusion"
        text = c.signed(response_signed(name))
        sig = signature_of(text)
        text = evil(remove(text, sig))
        inner = sig[sig.index(">") + 1: -len("</ds:Signature>")]
        moved = f'<saml2p:StatusDetail><Signature xmlns:ds="{saml.NS_DS}">{inner}</Signature></saml2p:StatusDetail>'
        text = insert_before(text, "</saml2p:Status>", moved)
        if doctype:
            text = with_doctype(text, f'<!DOCTYPE saml2p:Response [\n<!ATTLIST Signature xmlns CDATA #FIXED "{saml.NS_DS}">\n]>')
        return text
    return build


def build_two_assertions(c):
    first = Spec(name="two-assertions", sign_assertion=Sig())
    second = Spec(name="two-assertions-second", sign_assertion=Sig(), name_id=EVIL_NAME_ID)
    text = document(saml.response(first, assertions=[saml.assertion(first), saml.assertion(second)]))
    text = c.xs.sign(text, first.assertion_id, "idp")
    return c.xs.sign(text, second.assertion_id, "idp")


def build_signature_in_subject(c):
    text = c.signed(assertion_signed("signature-in-subject"))
    sig = signature_of(text)
    return insert_after(remove(text, sig), "<saml2:Subject>", sig)


def build_duplicate_ids(c):
    spec = assertion_signed("duplicate-ids")
    text = c.signed(spec)
    return replace_once(text, f'ID="{spec.response_id}"', f'ID="{spec.assertion_id}"')


def build_response_assertion_swapped(c):
    """Signed Response whose Assertion was replaced by another, IdP-signed, assertion for admin."""
    text = c.signed(response_signed("response-assertion-swapped"))
    other = c.signed(assertion_signed("response-assertion-swapped-other", name_id=EVIL_NAME_ID))
    return replace_once(text, assertion_of(text), assertion_of(other))


def build_deep_nesting(c):
    text = c.signed(assertion_signed("deep-nesting"))
    depth = 300
    nest = '<n:e xmlns:n="urn:example:nesting">' + "<n:e>" * (depth - 1) + "</n:e>" * depth
    return insert_after(text, response_issuer(text), f"<saml2p:Extensions>{nest}</saml2p:Extensions>")


def attack_fixtures():
    F = Fixture
    out = []
    for n in (1, 2):
        out.append(F(f"attacks/xsw{n}.xml", XSW_WHAT[n], xsw_response(n), expect_any=XSW_EXPECT[n],
                     xmlsec_first_signature=XSW_XMLSEC[n]))
    for n in range(3, 9):
        kinds = XSW_EXPECT[n]
        out.append(F(f"attacks/xsw{n}.xml", XSW_WHAT[n], xsw_assertion(n),
                     expect=kinds[0] if len(kinds) == 1 else None,
                     expect_any=kinds if len(kinds) > 1 else None,
                     xmlsec_first_signature=XSW_XMLSEC[n]))
    out += [
        F("attacks/comment-injection-after-signing.xml",
          "after signing, the NameID ada@example.com became admin@example.com<!---->ada@example.com (a first-text-node reader sees admin): the signed text changed",
          lambda c: replace_once(c.signed(assertion_signed("comment-injection")),
                                 f">{saml.NAME_ID}</saml2:NameID>", f">{EVIL_NAME_ID}<!---->{saml.NAME_ID}</saml2:NameID>"),
          expect="digest", xmlsec_first_signature=False),
        F("attacks/extra-signedinfo.xml",
          "CVE-2025-29774 shape: a second SignedInfo (digest of the evil assertion) after the signed one",
          tampered_signedinfo("extra"), expect_any=["structure", "digest"], xmlsec_first_signature=False),
        F("attacks/wrapped-signedinfo.xml",
          "CVE-2025-29774 shape: the evil SignedInfo in place, the signed SignedInfo wrapped in a ds:Object",
          tampered_signedinfo("wrapped"), expect_any=["structure", "signature"], xmlsec_first_signature=False),
        F("attacks/digestvalue-comment.xml",
          "CVE-2025-29775 shape: <DigestValue><!--digest of the evil assertion-->signed digest</DigestValue>; SignedInfo still verifies",
          tampered_signedinfo("digest-comment"), expect_any=["digest", "structure"], xmlsec_first_signature=False),
        F("attacks/planted-digestvalue-in-assertion.xml",
          "CVE-2024-45409 shape: evil assertion with a ds:DigestValue of itself planted inside it (first child of its Signature, outside the digested bytes)",
          tampered_signedinfo("planted-in-assertion"), expect_any=["structure", "digest"], xmlsec_first_signature=False),
        F("attacks/planted-digestvalue-in-extensions.xml",
          "CVE-2024-45409 shape: evil assertion, a ds:DigestValue of it planted in samlp:Extensions (first DigestValue of the document)",
          tampered_signedinfo("planted-in-extensions"), expect_any=["digest", "structure"], xmlsec_first_signature=False),
        F("attacks/signature-exclusion.xml", "both signatures removed from a signed Response, NameID changed to admin",
          build_signature_exclusion, expect="unsigned"),
        F("attacks/unsigned-response.xml", "a Response and Assertion never signed",
          lambda c: document(saml.response(Spec(name="unsigned-response"))), expect="unsigned"),
        F("attacks/attacker-key.xml", "Assertion signed by the attacker's own key, the attacker's certificate in KeyInfo",
          lambda c: c.signed(Spec(name="attacker-key", sign_assertion=Sig(key="attacker"))),
          expect="signature", xmlsec_first_signature=False),
        F("attacks/attacker-key-idp-cert.xml",
          "Assertion signed by the attacker's key, the IdP's real certificate copied into KeyInfo",
          build_attacker_cert_swapped, expect="signature", xmlsec_first_signature=False),
        F("attacks/sha1-downgrade.xml", "Assertion signed by the real IdP key with rsa-sha1 (sha256 digest): SHA-1 is refused by default",
          lambda c: c.signed(Spec(name="sha1-downgrade", sign_assertion=Sig(method="rsa-sha1", digest="sha256"))),
          expect="algorithm", xmlsec_first_signature=True),
        F("attacks/sha1-digest.xml", "Assertion signed by the real IdP key with rsa-sha256 over a sha1 digest: refused by default",
          lambda c: c.signed(Spec(name="sha1-digest", sign_assertion=Sig(method="rsa-sha256", digest="sha1"))),
          expect="algorithm", xmlsec_first_signature=True),
        F("attacks/hmac-key-confusion.xml",
          "hmac-sha256 signature keyed with the bytes of the IdP certificate file (key confusion), no KeyInfo",
          lambda c: c.signed(Spec(name="hmac", sign_assertion=Sig(method="hmac-sha256", key="hmac:idp.crt", key_info=False))),
          expect="algorithm", xmlsec_first_signature=False),
        F("attacks/doctype-internal-entity.xml",
          "IdP-signed response with a DOCTYPE whose internal entity &who; (ada@example.com) is the NameID",
          build_entity("internal-entity"), expect="doctype"),
        F("attacks/xxe-external-entity.xml", "XXE: a DOCTYPE with an external entity (file:///etc/hostname) used as the NameID",
          build_entity("xxe"), expect="doctype"),
        F("attacks/billion-laughs.xml", "entity expansion: nine levels of ten-fold entities (10^9 'lol') used as the NameID",
          build_entity("billion-laughs"), expect="doctype"),
        F("attacks/parser-differential-comment.xml",
          "CVE-2025-25291 shape: DOCTYPE SYSTEM literal 'x\"><!--' and a CDATA section hiding the signed original from one parser and the evil one from the other",
          build_parser_differential_comment, expect="doctype"),
        F("attacks/parser-differential-namespace.xml",
          "CVE-2025-25292 shape: ATTLIST default xmlns for an unqualified <Signature> moved into StatusDetail, evil assertion",
          namespace_confusion(True), expect="doctype"),
        F("attacks/namespace-confusion.xml",
          "the Response signature moved into StatusDetail as an unqualified <Signature> (no namespace, so not a signature), evil assertion",
          namespace_confusion(False), expect_any=["unsigned", "structure"]),
        F("attacks/two-assertions.xml", "two Assertions, each validly signed by the IdP (ada, then admin)",
          build_two_assertions, expect="structure", xmlsec_first_signature=True),
        F("attacks/reference-other-id.xml",
          "the Assertion's signature (valid) has Reference URI #<Response ID>: it signs the Response, not its parent",
          lambda c: _reference_other_id(c), expect="reference", xmlsec_first_signature=True),
        F("attacks/reference-empty-uri.xml", "the Assertion's signature (valid) has Reference URI=\"\" (the whole document)",
          lambda c: c.signed(Spec(name="reference-empty", sign_assertion=Sig(uri=""))),
          expect="reference", xmlsec_first_signature=True),
        F("attacks/signature-in-subject.xml",
          "the Assertion's valid signature moved inside saml2:Subject (the enveloped transform still removes it)",
          build_signature_in_subject, expect="structure", xmlsec_first_signature=True),
        F("attacks/duplicate-ids.xml", "assertion-signed response whose Response ID was set to the Assertion's ID",
          build_duplicate_ids, expect="structure", xmlsec_first_signature=True),
        F("attacks/tampered-attribute.xml", "a groups value changed (Engineering -> Administrators) after signing",
          lambda c: replace_once(c.signed(assertion_signed("tampered-attribute")), ">Engineering<", ">Administrators<"),
          expect="digest", xmlsec_first_signature=False),
        F("attacks/response-assertion-swapped.xml",
          "signed Response whose unsigned Assertion was replaced by another, IdP-signed, assertion for admin",
          build_response_assertion_swapped, expect="digest", xmlsec_first_signature=False),
        F("attacks/weak-idp-key.xml", "signed with a 1024-bit IdP key, that key configured: too small",
          lambda c: c.signed(Spec(name="weak-idp-key", sign_assertion=Sig(key="idp-weak"))),
          expect="key", options={"idp_certs": ["idp-weak.crt"]}, xmlsec_first_signature=True),
        F("attacks/deep-nesting.xml", "300 nested elements inside samlp:Extensions of a signed response (depth cap 128)",
          build_deep_nesting, expect="limits"),
        F("attacks/malformed-truncated.xml", "a signed response cut in the middle: not well-formed XML",
          lambda c: _truncated(c), expect="malformed"),
        F("attacks/malformed-base64.b64", "a SAMLResponse form value that is not base64",
          lambda c: "PHNhbWwycDpSZXNwb25zZ$$not*base64!!", expect="malformed"),
        F("attacks/malformed-not-xml.b64", "valid base64 of text that is not XML",
          lambda c: b64("this is not a SAML response\n"), expect="malformed"),
    ]
    return out


def _reference_other_id(c):
    spec = Spec(name="reference-other-id")
    spec.sign_assertion = Sig(uri="#" + spec.response_id)
    return c.signed(spec)


def _truncated(c):
    text = c.signed(assertion_signed("malformed-truncated"))
    return text[: text.index("<saml2:Conditions")]


# ---------------------------------------------------------------------------------------------
# Semantic failures: validly signed (both signatures), one check failing

def semantic_fixtures():
    F = Fixture
    other = "https://other.example.com"

    def sem(name, what, expect=None, expect_any=None, options=None, **kw):
        return F(f"semantic/{name}.xml", what, lambda c: c.signed(both_signed(f"semantic-{name}", **kw)),
                 expect=expect, expect_any=expect_any, options=options or {}, xmlsec_first_signature=True)

    return [
        sem("expired", "Conditions NotBefore 09:00, NotOnOrAfter 09:30: in the past at 10:01 (more than any skew)",
            expect="expired", not_before="2026-03-01T09:00:00Z", not_on_or_after="2026-03-01T09:30:00Z"),
        sem("not-yet-valid", "Conditions NotBefore 10:30 (29 min after now), NotOnOrAfter 10:35",
            expect="not_yet_valid", not_before="2026-03-01T10:30:00Z", not_on_or_after="2026-03-01T10:35:00Z"),
        sem("valid-for-48-hours", "Conditions, SubjectConfirmationData and session NotOnOrAfter 48 hours ahead: longer than the "
            "replay store remembers an ID (24 hours), so a replay on the second day could not be detected",
            expect="lifetime", not_on_or_after="2026-03-03T10:00:00Z", scd_not_on_or_after="2026-03-03T10:00:00Z",
            session_not_on_or_after="2026-03-03T10:00:00Z"),
        sem("wrong-audience", "Audience is another SP's entity ID", expect="audience",
            audiences=(f"{other}/saml/metadata",)),
        sem("wrong-recipient", "SubjectConfirmationData Recipient is another ACS URL", expect="recipient",
            scd_recipient=f"{other}/saml/acs"),
        sem("wrong-destination", "Response Destination is another ACS URL", expect="destination",
            destination=f"{other}/saml/acs"),
        sem("wrong-assertion-issuer", "Assertion Issuer is another IdP (http://www.okta.com/exk1otheridp)", expect="issuer",
            assertion_issuer="http://www.okta.com/exk1otheridp"),
        sem("wrong-response-issuer", "Response Issuer is another IdP (http://www.okta.com/exk1otheridp)", expect="issuer",
            response_issuer="http://www.okta.com/exk1otheridp"),
        sem("status-requester-authn-failed", "StatusCode Requester with second-level AuthnFailed (the Assertion is still there)",
            expect="status", status=saml.STATUS_REQUESTER, status_sub=saml.STATUS_AUTHN_FAILED),
        F("semantic/status-authn-failed-no-assertion.xml",
          "an Okta-style error Response: signed, StatusCode Requester/AuthnFailed, no Assertion",
          lambda c: c.signed(response_signed("semantic-status-no-assertion", status=saml.STATUS_REQUESTER,
                                             status_sub=saml.STATUS_AUTHN_FAILED, with_assertion=False)),
          expect_any=["status", "structure"], xmlsec_first_signature=True),
        F("semantic/no-assertion.xml", "a signed Success Response without any Assertion (missing required element)",
          lambda c: c.signed(response_signed("semantic-no-assertion", with_assertion=False)),
          expect="structure", xmlsec_first_signature=True),
        sem("in-response-to-mismatch", "InResponseTo (Response and SubjectConfirmationData) is id-request-0d41c8, not the request ID",
            expect="in_response_to", in_response_to="id-request-0d41c8"),
        sem("unsolicited-response", "IdP-initiated response (no InResponseTo) while the SP expects an answer to its request",
            expect="in_response_to", in_response_to=None),
        sem("no-bearer-confirmation", "the only SubjectConfirmation is holder-of-key, no bearer", expect="subject",
            cm_method=saml.CM_HOLDER_OF_KEY),
        sem("subject-confirmation-expired", "SubjectConfirmationData NotOnOrAfter 09:30: the bearer confirmation expired",
            expect_any=["expired", "subject"], scd_not_on_or_after="2026-03-01T09:30:00Z"),
        sem("empty-nameid", "NameID element present but empty", expect="subject", name_id=""),
        sem("duplicate-attribute-names", "two Attribute elements named email", expect="attributes",
            attributes=saml.DEFAULT_ATTRIBUTES + (("email", ("admin@example.com",)),)),
        sem("missing-audience-restriction", "Conditions without AudienceRestriction", expect_any=["audience", "structure"],
            audiences=None),
    ]


# ---------------------------------------------------------------------------------------------
# Signature policy: the same shapes as valid/, verified with a `require` option

def policy_fixtures():
    F = Fixture
    shapes = {
        "assertion-signed": lambda n: assertion_signed(n),
        "response-signed": lambda n: response_signed(n),
        "both-signed": lambda n: both_signed(n),
    }
    no_response = "the Response signature it requires is missing"
    no_assertion = "the Assertion signature it requires is missing"
    cases = [
        ("assertion-signed", "assertion", "valid", "the Assertion signature it requires is there"),
        ("assertion-signed", "response", "unsigned", no_response),
        ("assertion-signed", "both", "unsigned", no_response),
        ("response-signed", "response", "valid", "the Response signature it requires is there"),
        ("response-signed", "assertion", "unsigned", no_assertion),
        ("response-signed", "both", "unsigned", no_assertion),
        ("both-signed", "both", "valid", "both signatures are there"),
        ("both-signed", "assertion", "valid", "the Assertion signature is there (the Response one too)"),
        ("both-signed", "response", "valid", "the Response signature is there (the Assertion one too)"),
    ]
    out = []
    for shape, require, expect, why in cases:
        name = f"{shape}-require-{require}"
        what = f"{shape.split('-')[0]}-signed response verified with require={require}: {why}"
        out.append(F(f"policy/{name}.xml", what, (lambda sh, n: lambda c: c.signed(shapes[sh](n)))(shape, f"policy-{name}"),
                     expect=expect, options={"require": require},
                     xmlsec_first_signature=None if expect == "valid" else True))
    out.append(F(
        "policy/encrypted-signed-response-require-assertion.xml",
        "EncryptedAssertion (aes256-gcm) of an unsigned assertion in a signed Response, verified with require=assertion",
        lambda c: c.encrypted(Spec(name="policy-encrypted-require-assertion", sign_response=Sig(), encrypted=True), "aes256-gcm"),
        expect="unsigned", options={"sp_key": "sp-enc.key", "require": "assertion"}, encrypted=True))
    out.append(F(
        "policy/encrypted-unsigned-response-require-response.xml",
        "signed assertion encrypted (aes256-gcm) in an unsigned Response, verified with require=response and no SP key: "
        "refused for the missing signature before any decryption is tried",
        lambda c: c.encrypted(Spec(name="policy-encrypted-require-response", sign_assertion=Sig(), encrypted=True),
                              "aes256-gcm"),
        expect="unsigned", options={"require": "response"}, encrypted=True))
    out.append(F(
        "policy/aes256-cbc-unsigned-response-insecure-cbc.xml",
        "signed assertion encrypted with aes256-cbc in an unsigned Response, verified with the insecure option that "
        "allows unauthenticated CBC",
        lambda c: c.encrypted(Spec(name="policy-cbc-insecure", sign_assertion=Sig(), encrypted=True), "aes256-cbc"),
        expect="valid", options={"sp_key": "sp-enc.key", "insecure_cbc": True}, encrypted=True))
    return out


def all_fixtures():
    return (valid_fixtures() + encrypted_fixtures() + attack_fixtures() + semantic_fixtures()
            + policy_fixtures())


def metadata_files(keys_dir):
    """IdP metadata (not Responses: documented in the README, not in the manifest)."""
    return {
        "metadata/idp-metadata.xml": document(saml.idp_metadata([cert_body(keys_dir, "idp")])),
        "metadata/idp-metadata-rotation.xml": document(
            saml.idp_metadata([cert_body(keys_dir, "idp"), cert_body(keys_dir, "idp2")])),
    }
