"""Writes the SAML fixtures, their manifest and READMEs; with --check, compares a fresh
regeneration with the committed files. Run through generate.sh."""

import base64
import concurrent.futures
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import saml
from fixtures import Ctx, all_fixtures, metadata_files
from xmldoc import element
from xmlsec import KEYS, ToolError, Xmlsec, ensure_keys, signature_xpath

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "okta-auth", "tests", "data", "saml")
GENERATED_DIRS = ("valid", "encrypted", "attacks", "semantic", "policy", "metadata")

PARAMS = {
    "idp_entity_id": saml.IDP_ENTITY_ID,
    "sp_entity_id": saml.SP_ENTITY_ID,
    "acs_url": saml.ACS_URL,
    "request_id": saml.REQUEST_ID,
    "name_id": saml.NAME_ID,
    "now": saml.NOW,
}

DS = "{http://www.w3.org/2000/09/xmldsig#}"


def log(msg):
    print(f"saml-fixtures: {msg}", file=sys.stderr)


class SanityError(Exception):
    pass


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# ---------------------------------------------------------------------------------------------
# Sanity checks, run on every generated fixture

def response_xml(fx, content):
    return base64.b64decode(content).decode() if fx.file.endswith(".b64") else content


def signatures(doc):
    """IDs of the elements that hold a ds:Signature child."""
    root = ET.fromstring(doc.encode())
    return [el.get("ID") for el in root.iter() if el.find(DS + "Signature") is not None]


def name_id_text(doc):
    root = ET.fromstring(doc.encode())  # comments are dropped: the whole text of NameID
    nid = root.find(".//{urn:oasis:names:tc:SAML:2.0:assertion}NameID")
    return "".join(nid.itertext())


def sanity(fx, content, xs):
    certs = [c[:-4] for c in fx.options.get("idp_certs", ["idp.crt"])]
    if fx.expect == "valid":
        doc = response_xml(fx, content)
        # A Response signature over an EncryptedAssertion is checked on the encrypted form,
        # the decrypted assertion's own signature on the plaintext.
        todo = [(doc, pid) for pid in signatures(doc)]
        if fx.encrypted:
            doc = xs.decrypt(doc, fx.decrypt_key)
            if doc is None:
                raise SanityError("xmlsec1 cannot decrypt it")
            done = {pid for _, pid in todo}
            todo += [(doc, pid) for pid in signatures(doc) if pid not in done]
        if not todo:
            raise SanityError("no signature")
        for text, pid in todo:
            if not any(xs.verify(text, cert, signature_xpath(pid)) for cert in certs):
                raise SanityError(f"xmlsec1 --verify fails for the signature of {pid}")
        if name_id_text(doc) != fx.name_id:
            raise SanityError(f"NameID is {name_id_text(doc)!r}, manifest says {fx.name_id!r}")
        return
    if fx.encrypted:
        if fx.expect == "decryption":
            if xs.decrypt(content, "sp-enc") is not None:
                raise SanityError("sp-enc decrypts it")
        if xs.decrypt(content, fx.decrypt_key) is None:
            raise SanityError(f"{fx.decrypt_key} does not decrypt it")
    if fx.xmlsec_first_signature is not None:
        ok = any(xs.naive_verify(content, cert) for cert in certs)
        if ok != fx.xmlsec_first_signature:
            raise SanityError(f"xmlsec1 --verify of the first signature {'succeeds' if ok else 'fails'}"
                              f" (expected {'success' if fx.xmlsec_first_signature else 'failure'})")


# ---------------------------------------------------------------------------------------------
# Manifest and READMEs

def manifest_entry(fx):
    e = {"file": fx.file, "what": fx.what}
    if fx.expect is not None:
        e["expect"] = fx.expect
    else:
        e["expect_any"] = fx.expect_any
    if fx.expect == "valid":
        e["name_id"] = fx.name_id
    e["options"] = fx.options
    e["params"] = PARAMS
    return e


KEYS_README = """\
# Test-only keys

These RSA keys and self-signed certificates exist only to sign, encrypt and verify the SAML
test fixtures of this folder's parent. They were created once by
`tools/saml-fixtures/generate.sh` (with `openssl`), their private halves are public, and they
must never be trusted for anything else.

| Files | Key | Role |
|---|---|---|
| `idp.key`, `idp.crt` | RSA 2048 | the IdP's signing key (`http://www.okta.com/exk1fakeidp`) |
| `idp2.key`, `idp2.crt` | RSA 2048 | the IdP's next signing key (certificate rotation) |
| `attacker.key`, `attacker.crt` | RSA 2048 | a key the SP does not trust |
| `idp-weak.key`, `idp-weak.crt` | RSA 1024 | an IdP key too small to be accepted |
| `sp-enc.key`, `sp-enc.crt` | RSA 2048 | the SP's encryption key (EncryptedAssertion) |
| `sp-other.key`, `sp-other.crt` | RSA 2048 | another SP's encryption key |

Private keys are PKCS#8 PEM, certificates X.509 PEM, self-signed, valid from
2026-01-01T00:00:00Z to 2035-12-30T00:00:00Z (ten years, as Okta's).
"""


def data_readme(fxs):
    rows = []
    for fx in fxs:
        exp = fx.expect if fx.expect else " or ".join(fx.expect_any)
        if fx.expect == "valid":
            exp = f"valid ({fx.name_id})"
        opts = ", ".join(f"{k}={json.dumps(v)}" for k, v in fx.options.items())
        what = fx.what.replace("&", "&amp;").replace("|", "\\|").replace("<", "&lt;")
        rows.append(f"| `{fx.file}` | {exp} | {opts} | {what} |")
    params = "\n".join(f"- `{k}`: `{v}`" for k, v in PARAMS.items())
    return f"""\
# SAML 2.0 Response fixtures

Generated by `tools/saml-fixtures/generate.sh` with xmlsec1: do not edit by hand. Regenerate with
`tools/saml-fixtures/generate.sh`, and check that the committed files match the generator with
`tools/saml-fixtures/generate.sh --check`.

The Responses mirror what Okta sends (saml2p/saml2 prefixes, compact XML, exc-c14n with
`InclusiveNamespaces PrefixList="xs"`, rsa-sha256, sha256 digests, enveloped-signature then
exc-c14n, the X.509 certificate in KeyInfo, emailAddress NameID, bearer SubjectConfirmation,
AudienceRestriction, AuthnStatement with PasswordProtectedTransport, string attributes
firstName, lastName, email and a three-valued groups).

## Fixed parameters

{params}

IssueInstant is 2026-03-01T10:00:00Z; Conditions NotBefore 09:55:00Z and NotOnOrAfter
10:05:00Z; SubjectConfirmationData NotOnOrAfter 10:05:00Z; AuthnInstant 09:59:58Z;
SessionNotOnOrAfter 18:00:00Z. IDs are fixed per fixture.

## manifest.json

An array with one entry per Response fixture:
`{{"file", "what", "expect" | "expect_any", "name_id" (valid ones), "options", "params"}}`.
`expect` is `valid` or the error kind a verifier must return; `expect_any` lists the kinds a
correct verifier may return when several checks legitimately fail first (never `valid`).
`options` lists deviations from the defaults: `request_id` (default `{saml.REQUEST_ID}`),
`idp_initiated`, `allow_sha1`, `idp_certs` (default `["idp.crt"]`, files in `keys/`),
`sp_key` (the SP decryption key in `keys/`), `require` (default `either`: the consumed
assertion must be covered by at least one valid signature). `params` repeats the fixed
parameters above. Verify at `now`, with the IdP and SP entity IDs and ACS URL above.

Error kinds: `malformed`, `doctype`, `limits`, `structure`, `unsigned`, `reference`,
`algorithm`, `digest`, `signature`, `key`, `decryption`, `status`, `destination`, `issuer`,
`audience`, `recipient`, `expired`, `not_yet_valid`, `in_response_to`, `subject`, `attributes`.

`.b64` files hold the base64 `SAMLResponse` form value (no trailing newline). Encrypted
fixtures are not byte-reproducible (xmlsec1 draws a fresh AES key and IV): `--check` compares
their decrypted Assertion, and the document around the ciphertext, instead.

## Layout

- `valid/`: accepted Responses (Okta's shapes and their legitimate variations).
- `encrypted/`: EncryptedAssertion Responses, accepted and refused.
- `attacks/`: every attack of the catalog (XML signature wrapping, comment injection,
  SignedInfo/DigestValue tricks, signature exclusion, foreign keys, algorithm downgrades,
  DOCTYPE/entities, parser differentials, misplaced or duplicated elements, tampering, weak
  keys, limits, malformed input).
- `semantic/`: validly signed Responses (both signatures) failing exactly one protocol check.
- `policy/`: the valid shapes verified with each `require` option.
- `keys/`: the test-only keys and certificates (see `keys/README.md`).
- `metadata/idp-metadata.xml`: Okta-shaped IdP metadata (entity ID above,
  `WantAuthnRequestsSigned="false"`, one signing certificate `keys/idp.crt`, NameIDFormat
  unspecified and emailAddress, SingleSignOnService HTTP-POST and HTTP-Redirect at
  `{saml.SSO_URL}`).
- `metadata/idp-metadata-rotation.xml`: the same with two signing certificates
  (`keys/idp.crt` then `keys/idp2.crt`).

## Fixtures

| File | Expect | Options | What |
|---|---|---|---|
""" + "\n".join(rows) + "\n"


# ---------------------------------------------------------------------------------------------

def generate(out, keys_from=None):
    """Writes every fixture into `out`; returns the fixture list."""
    keys_dir = os.path.join(out, "keys")
    if keys_from and os.path.abspath(keys_from) != os.path.abspath(keys_dir):
        os.makedirs(keys_dir, exist_ok=True)
        for name in KEYS:
            for ext in (".key", ".crt"):
                src = os.path.join(keys_from, name + ext)
                dst = os.path.join(keys_dir, name + ext)
                if os.path.exists(src) and not os.path.exists(dst):
                    shutil.copyfile(src, dst)
    ensure_keys(keys_dir, log)
    write(os.path.join(keys_dir, "README.md"), KEYS_README)

    fxs = all_fixtures()
    files = [fx.file for fx in fxs]
    if len(set(files)) != len(files):
        raise SanityError("a fixture file is listed twice")
    written = set()
    with tempfile.TemporaryDirectory(prefix="saml-fixtures-") as work:
        xs = Xmlsec(keys_dir, work)
        ctx = Ctx(xs, keys_dir)

        def build(fx):
            try:
                content = fx.build(ctx)
                sanity(fx, content, xs)
                return content
            except (SanityError, ToolError, ValueError) as e:
                raise SanityError(f"{fx.file}: {e}") from e

        # xmlsec1 runs dominate; a few at a time (the output does not depend on the order).
        with concurrent.futures.ThreadPoolExecutor(min(4, os.cpu_count() or 1)) as pool:
            contents = list(pool.map(build, fxs))
        for fx, content in zip(fxs, contents):
            write(os.path.join(out, fx.file), content)
            written.add(fx.file)
    for name, content in metadata_files(keys_dir).items():
        write(os.path.join(out, name), content)
        written.add(name)
    write(os.path.join(out, "manifest.json"),
          json.dumps([manifest_entry(fx) for fx in fxs], indent=2, ensure_ascii=False) + "\n")
    write(os.path.join(out, "README.md"), data_readme(fxs))

    for d in GENERATED_DIRS:  # files left from fixtures that no longer exist
        base = os.path.join(out, d)
        for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
            rel = f"{d}/{name}"
            if rel not in written:
                log(f"removing {rel} (no longer generated)")
                os.remove(os.path.join(base, name))
    return fxs


def plaintext_assertion(decrypted):
    return element(decrypted, "saml2:Assertion")


def masked(encrypted_doc):
    """An encrypted fixture without what changes on every run: the EncryptedData element and
    the values of a signature computed over it."""
    text = re.sub(r"<xenc:EncryptedData\b.*</xenc:EncryptedData>", "<xenc:EncryptedData>[masked]</xenc:EncryptedData>",
                  encrypted_doc, flags=re.S)
    return re.sub(r"<ds:(DigestValue|SignatureValue)>[^<]*</ds:\1>", r"<ds:\1>[masked]</ds:\1>", text)


def listing(root):
    files = set()
    for d, _, names in os.walk(root):
        for n in names:
            rel = os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/")
            if not rel.startswith("keys/") or rel == "keys/README.md":
                files.add(rel)
    return files


def check(committed):
    if not os.path.isdir(os.path.join(committed, "keys")):
        log(f"{committed}/keys is missing: nothing to check against")
        return 1
    failures = []
    with tempfile.TemporaryDirectory(prefix="saml-fixtures-check-") as fresh:
        fxs = generate(fresh, keys_from=os.path.join(committed, "keys"))
        encrypted = {fx.file: fx for fx in fxs if fx.encrypted}
        old, new = listing(committed), listing(fresh)
        for f in sorted(old - new):
            failures.append(f"{f}: committed but no longer generated")
        for f in sorted(new - old):
            failures.append(f"{f}: generated but not committed")
        with tempfile.TemporaryDirectory(prefix="saml-fixtures-dec-") as work:
            xs = Xmlsec(os.path.join(committed, "keys"), work)
            for f in sorted(old & new):
                a, b = read(os.path.join(committed, f)), read(os.path.join(fresh, f))
                label = ""
                if f in encrypted:
                    key = encrypted[f].decrypt_key
                    da, db = xs.decrypt(a, key), xs.decrypt(b, key)
                    if da is None or db is None:
                        failures.append(f"{f}: xmlsec1 --decrypt with {key}.key fails on the "
                                        f"{'committed' if da is None else 'regenerated'} file")
                        continue
                    # The plaintext assertion, then what surrounds the ciphertext.
                    a, b = plaintext_assertion(da) + "\n" + masked(a), plaintext_assertion(db) + "\n" + masked(b)
                    label = " (decrypted assertion, then the document with ciphertext and signature values masked)"
                if a != b:
                    # One element per line, so that a compact document's diff names the element.
                    a, b = (re.sub(r">(?=<)", ">\n", x) for x in (a, b))
                    diff = difflib.unified_diff(
                        a.splitlines(True), b.splitlines(True),
                        f"committed/{f}{label}", f"regenerated/{f}{label}", n=1)
                    text = "".join(diff)
                    if len(text) > 4000:
                        text = text[:4000] + "\n[... diff cut at 4000 characters]\n"
                    failures.append(f"{f}: differs\n{text}")
    for f in failures:
        print(f, file=sys.stderr)
    n = len(listing(committed))
    if failures:
        version = subprocess.run(["xmlsec1", "--version"], capture_output=True, text=True).stdout.strip()
        log(f"--check: {len(failures)} difference(s) in {n} files "
            f"(this is {version}; the committed files were made with xmlsec1 1.2.37)")
        return 1
    log(f"--check: {n} files match ({len(encrypted)} encrypted ones compared after decryption)")
    return 0


def main(argv):
    args = [a for a in argv if a != "--check"]
    if args:
        print("usage: generate.sh [--check]   (OUT=<dir> to write elsewhere)", file=sys.stderr)
        return 2
    out = os.environ.get("OUT") or DEFAULT_OUT
    started = time.monotonic()
    try:
        if "--check" in argv:
            rc = check(out)
        else:
            fxs = generate(out, keys_from=os.path.join(DEFAULT_OUT, "keys"))
            log(f"wrote {len(fxs)} fixtures, 2 metadata files, manifest.json into {out}")
            rc = 0
    except (SanityError, ToolError) as e:
        log(f"error: {e}")
        return 1
    log(f"done in {time.monotonic() - started:.1f} s")
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
