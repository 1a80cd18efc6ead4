#!/usr/bin/env bash
# Generates the SAML 2.0 Response fixtures of okta-auth/tests/data/saml/ (or of $OUT) with
# xmlsec1, and their manifest. See README.md here.
#
#   tools/saml-fixtures/generate.sh            # (re)write the fixtures
#   tools/saml-fixtures/generate.sh --check    # regenerate into a temporary directory and
#                                              # compare with the committed files (exit 1 on
#                                              # any difference, with a diff)
#   OUT=/tmp/saml tools/saml-fixtures/generate.sh
#
# Needs xmlsec1 (Debian package xmlsec1, with the OpenSSL backend), python3 (standard library
# only) and, only when test keys are missing, openssl.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in xmlsec1 python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "saml-fixtures: $tool is not installed (apt-get install xmlsec1 python3)" >&2
    exit 2
  fi
done

export PYTHONDONTWRITEBYTECODE=1
exec python3 "$here/generate.py" "$@"
