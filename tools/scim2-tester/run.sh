#!/usr/bin/env bash
# Runs scim2-tester (through scim2-cli, pinned in requirements.lock) against a SCIM server.
#   bash tools/scim2-tester/run.sh BASE_URL TOKEN
# Exits 0 only when every check is SUCCESS. The virtualenv lives in $SCIM_TESTER_VENV
# (default: target/scim2-tester-venv) and is reused while requirements.lock is unchanged.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
base=${1:?base URL}
token=${2:?token}
venv=${SCIM_TESTER_VENV:-$here/../../target/scim2-tester-venv}
stamp="$venv/.requirements.lock"
if ! cmp -s "$here/requirements.lock" "$stamp" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --require-virtualenv -r "$here/requirements.lock"
  cp "$here/requirements.lock" "$stamp"
fi
SCIM_CLI_HEADERS="Authorization: Bearer $token" "$venv/bin/scim" --url "$base" test --verbose
