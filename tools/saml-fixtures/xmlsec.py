"""Runs xmlsec1 (sign, verify, encrypt, decrypt) and, once, openssl (test keys)."""

import itertools
import os
import shutil
import subprocess
import tempfile

from saml import NS_ASSERTION, NS_DS, NS_PROTOCOL

ID_RESPONSE = ["--id-attr:ID", f"{NS_PROTOCOL}:Response"]
ID_ASSERTION = ["--id-attr:ID", f"{NS_ASSERTION}:Assertion"]
ID_ATTRS = ID_RESPONSE + ID_ASSERTION

# name -> (bits, subject). Okta's signing certificates are self-signed, valid 10 years, with a
# subject like C=US, ST=California, L=San Francisco, O=Okta, OU=SSOProvider, CN=<org>.
KEYS = {
    "idp": (2048, "/C=US/ST=California/L=San Francisco/O=Example Test IdP/OU=SSOProvider/CN=exk1fakeidp"),
    "idp2": (2048, "/C=US/ST=California/L=San Francisco/O=Example Test IdP/OU=SSOProvider/CN=exk1fakeidp-rotated"),
    "attacker": (2048, "/C=US/O=Example Attacker/CN=exk1fakeidp"),
    "idp-weak": (1024, "/C=US/ST=California/L=San Francisco/O=Example Test IdP/OU=SSOProvider/CN=exk1fakeidp-weak"),
    "sp-enc": (2048, "/C=US/O=Example Test SP/CN=sp.example.com encryption"),
    "sp-other": (2048, "/C=US/O=Example Test SP/CN=other.example.com encryption"),
}
# Valid from before the fixtures' instants (2026-03-01) for ten years.
CERT_START = "20260101000000Z"
CERT_END = "20351230000000Z"

_CA_CONFIG = """\
[ ca ]
default_ca = fixtures
[ fixtures ]
dir = .
database = ./index.txt
new_certs_dir = .
serial = ./serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
x509_extensions = leaf
[ anything ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ leaf ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
subjectKeyIdentifier = hash
[ req ]
distinguished_name = dn
[ dn ]
"""


class ToolError(Exception):
    pass


def run(args, cwd=None):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        raise ToolError(f"{' '.join(args)} exited with {p.returncode}:\n{p.stderr.strip()}")
    return p.stdout


def ensure_keys(keys_dir, log):
    """Creates the missing test keys/certificates with openssl; never replaces existing ones."""
    os.makedirs(keys_dir, exist_ok=True)
    for name, (bits, subject) in KEYS.items():
        key = os.path.join(keys_dir, name + ".key")
        crt = os.path.join(keys_dir, name + ".crt")
        if os.path.exists(key) and os.path.exists(crt):
            continue
        log(f"creating keys/{name}.key and keys/{name}.crt (RSA {bits}) with openssl")
        with tempfile.TemporaryDirectory() as ca:
            with open(os.path.join(ca, "ca.cnf"), "w") as f:
                f.write(_CA_CONFIG)
            open(os.path.join(ca, "index.txt"), "w").close()
            with open(os.path.join(ca, "serial"), "w") as f:
                f.write("4" + os.urandom(8).hex().upper()[1:] + "\n")  # 64-bit, positive
            run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}",
                 "-out", "k.key"], cwd=ca)
            run(["openssl", "req", "-new", "-key", "k.key", "-subj", subject, "-config", "ca.cnf",
                 "-out", "k.csr"], cwd=ca)
            run(["openssl", "ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "k.key",
                 "-in", "k.csr", "-preserveDN", "-startdate", CERT_START, "-enddate", CERT_END,
                 "-notext", "-out", "k.crt"], cwd=ca)
            shutil.copyfile(os.path.join(ca, "k.key"), key)
            shutil.copyfile(os.path.join(ca, "k.crt"), crt)


def cert_body(keys_dir, name):
    """The base64 body of a PEM certificate, with its line breaks."""
    with open(os.path.join(keys_dir, name + ".crt")) as f:
        lines = [l.strip() for l in f if l.strip() and not l.startswith("-----")]
    return "\n".join(lines)


def signature_xpath(parent_id):
    return (f"//*[@ID='{parent_id}']/*[local-name()='Signature' and namespace-uri()='{NS_DS}']")


class Xmlsec:
    def __init__(self, keys_dir, work_dir):
        self.keys = keys_dir
        self.work = work_dir
        self._n = itertools.count(1)  # thread-safe: fixtures are built in parallel

    def _tmp(self, text, suffix=".xml"):
        path = os.path.join(self.work, f"t{next(self._n)}{suffix}")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def _read(self, path):
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()

    def key_args(self, key):
        """xmlsec1 arguments loading a signing key: "<name>" (RSA key with its certificate) or
        "hmac:<file in keys/>" (the bytes of that file used as an HMAC secret)."""
        if key.startswith("hmac:"):
            return ["--hmackey", os.path.join(self.keys, key[5:])]
        return ["--privkey-pem", f"{self.keys}/{key}.key,{self.keys}/{key}.crt"]

    def sign(self, text, parent_id, key):
        """Fills the ds:Signature template that is a direct child of the element with ID
        `parent_id` (the first when several are)."""
        src = self._tmp(text)
        out = src + ".signed"
        run(["xmlsec1", "--sign", *ID_ATTRS, *self.key_args(key),
             "--node-xpath", f"({signature_xpath(parent_id)})[1]", "--output", out, src])
        return self._read(out)

    def verify(self, text, cert, xpath=None, id_attrs=ID_ATTRS):
        """True when xmlsec1 verifies the signature at `xpath` (default: the first ds:Signature
        of the document) with the public key of keys/<cert>.crt only (KeyInfo is ignored)."""
        src = self._tmp(text)
        args = ["xmlsec1", "--verify", *id_attrs, "--enabled-key-data", "key-name",
                "--pubkey-cert-pem", os.path.join(self.keys, cert + ".crt")]
        if xpath:
            args += ["--node-xpath", xpath]
        p = subprocess.run(args + [src], capture_output=True, text=True)
        return p.returncode == 0

    def naive_verify(self, text, cert):
        """Whether a verifier that resolves the Reference by ID wherever the element is, and
        checks nothing else, accepts the first ds:Signature: xmlsec1 with the ID attributes of
        both element types, or of one only (xmlsec1 refuses duplicate IDs of a registered type,
        which several wrapping attacks create)."""
        return any(self.verify(text, cert, id_attrs=ids) for ids in (ID_ATTRS, ID_RESPONSE, ID_ASSERTION))

    def encrypt(self, text, target_id, template, bits, cert):
        """Replaces the element with ID `target_id` by the filled EncryptedData `template`
        (a fresh AES key of `bits` bits, transported to keys/<cert>.crt)."""
        data = self._tmp(text)
        tmpl = self._tmp(template)
        out = data + ".enc"
        run(["xmlsec1", "--encrypt", *ID_ATTRS,
             "--pubkey-cert-pem", os.path.join(self.keys, cert + ".crt"),
             "--session-key", f"aes-{bits}", "--xml-data", data,
             "--node-xpath", f"//*[@ID='{target_id}']", "--output", out, tmpl])
        return self._read(out)

    def decrypt(self, text, key):
        """The document with its EncryptedData replaced by the plaintext, or None when
        xmlsec1 cannot decrypt it with keys/<key>.key."""
        src = self._tmp(text)
        out = src + ".dec"
        p = subprocess.run(["xmlsec1", "--decrypt", *ID_ATTRS,
                            "--privkey-pem", os.path.join(self.keys, key + ".key"),
                            "--output", out, src], capture_output=True, text=True)
        if p.returncode != 0:
            return None
        return self._read(out)
