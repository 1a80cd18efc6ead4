#!/usr/bin/env bash
# Starts the fake Okta org (the `fake-okta` binary of okta-testkit) and Prism
# (`prism proxy --errors`, see README.md) in front of it, both on random loopback ports, and
# prints, for the caller to eval:
#   export PRISM_URL=http://127.0.0.1:PORT        the proxy: what the tests talk to
#   export PRISM_OKTA_TOKEN=...                   the fake org's SSWS token
#   export PRISM_FAKE_OKTA_URL=http://127.0.0.1:PORT  the fake org itself, behind Prism's back
#   export PRISM_PID=PID PRISM_FAKE_OKTA_PID=PID  for stop.sh
#
#   eval "$(bash tools/prism/run.sh)" && cargo test ...; bash tools/prism/stop.sh
#
# The same lines are written to tools/prism/prism.env. The spec is
# ${OKTA_SDK_SHARED:-<repo>/../shared}/okta/management-openapi-2026.06.3.prism.yaml, which
# patch-spec.js copies with its indistinguishable `oneOf`s made distinguishable; when it
# is absent nothing is started, a plain message goes to stderr and nothing is printed on
# stdout (the tests then skip). Installs the pinned Prism with `npm ci` when node_modules is
# missing or older than package-lock.json, and builds `fake-okta` with cargo unless
# $FAKE_OKTA_BIN names it. Logs: $PRISM_LOG (default tools/prism/prism.log) and
# $FAKE_OKTA_LOG (default tools/prism/fake-okta.log). On failure it prints `false` on stdout,
# so that the caller's eval fails too, and the reason on stderr.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" || { echo false; exit 1; }
root="$(cd "$here/../.." && pwd)"
cd "$here" || { echo false; exit 1; }

fail() {
  echo "prism/run.sh: $*" >&2
  [[ -n "${prism_pid:-}" ]] && kill "$prism_pid" 2>/dev/null
  [[ -n "${fake_pid:-}" ]] && kill "$fake_pid" 2>/dev/null
  echo false
  exit 1
}

shared="${OKTA_SDK_SHARED:-$root/../shared}"
spec="$shared/okta/management-openapi-2026.06.3.prism.yaml"
if [[ ! -f "$spec" ]]; then
  echo "prism/run.sh: $spec not found; Prism is not started (the Prism tests will skip)" >&2
  rm -f prism.env
  exit 0
fi

command -v node >/dev/null || fail "node is not installed (Node.js 18.20 or later is needed)"
command -v npm >/dev/null || fail "npm is not installed"
command -v python3 >/dev/null || fail "python3 is not installed"

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "prism/run.sh: installing the pinned packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2 || fail "npm ci failed"
fi

bin="${FAKE_OKTA_BIN:-}"
if [[ -z "$bin" ]]; then
  echo "prism/run.sh: building fake-okta" >&2
  (cd "$root" && cargo build -q --locked -p okta-testkit --bin fake-okta) >&2 || fail "cargo build of fake-okta failed"
  target="$(cd "$root" && cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')" || fail "cargo metadata failed"
  bin="$target/debug/fake-okta"
fi
[[ -x "$bin" ]] || fail "no fake-okta binary at $bin"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
prism_port="$(free_port)" || fail "cannot find a free port"
prism_url="http://127.0.0.1:$prism_port"
token="$(python3 -c 'import secrets; print(secrets.token_urlsafe(30))')" || fail "cannot make a token"

fake_log="${FAKE_OKTA_LOG:-$here/fake-okta.log}"
prism_log="${PRISM_LOG:-$here/prism.log}"
: >"$fake_log" || fail "cannot write the log file $fake_log"
: >"$prism_log" || fail "cannot write the log file $prism_log"

# The fake org listens on a port of its own but names Prism's URL in its links and `Link`
# headers, so that the SDK's pagination stays behind the proxy.
"$bin" --port 0 --token "$token" --public-url "$prism_url" </dev/null >"$fake_log" 2>&1 &
fake_pid=$!
fake_url=""
for _ in $(seq 1 100); do
  fake_url="$(sed -n 's/^listening on //p' "$fake_log" | head -n 1)"
  [[ -n "$fake_url" ]] && break
  kill -0 "$fake_pid" 2>/dev/null || { cat "$fake_log" >&2; fail "fake-okta exited before it was listening"; }
  sleep 0.1
done
[[ -n "$fake_url" ]] || { cat "$fake_log" >&2; fail "fake-okta did not listen within 10 s"; }

# Prism cannot tell the members of some of the spec's `oneOf`s apart (see patch-spec.js):
# it validates against a copy where they are.
patched="$here/management-openapi.patched.json"
node patch-spec.js "$spec" "$patched" || fail "patch-spec.js could not read $spec"

node node_modules/@stoplight/prism-cli/dist/index.js proxy --errors \
  -h 127.0.0.1 -p "$prism_port" "$patched" "$fake_url" </dev/null >"$prism_log" 2>&1 &
prism_pid=$!

# Prism reads the 3.5 MB spec before it listens; then one request must go through both.
ready=""
for _ in $(seq 1 1800); do
  if ! kill -0 "$prism_pid" 2>/dev/null; then
    tail -n 50 "$prism_log" >&2
    fail "Prism exited before it was listening"
  fi
  if grep -q "Prism is listening" "$prism_log" &&
    python3 - "$prism_url" "$token" <<'PY' 2>/dev/null; then
import sys, urllib.request
request = urllib.request.Request(sys.argv[1] + "/api/v1/users?limit=1",
                                 headers={"Authorization": "SSWS " + sys.argv[2], "Accept": "application/json"})
with urllib.request.urlopen(request, timeout=10) as answer:
    sys.exit(0 if answer.status == 200 else 1)
PY
    ready=yes
    break
  fi
  sleep 0.1
done
[[ -n "$ready" ]] || { tail -n 50 "$prism_log" >&2; fail "Prism did not answer within 180 s"; }

{
  printf 'export PRISM_URL=%q\n' "$prism_url"
  printf 'export PRISM_OKTA_TOKEN=%q\n' "$token"
  printf 'export PRISM_FAKE_OKTA_URL=%q\n' "$fake_url"
  printf 'export PRISM_PID=%q\n' "$prism_pid"
  printf 'export PRISM_FAKE_OKTA_PID=%q\n' "$fake_pid"
} | tee prism.env
echo "prism/run.sh: Prism $prism_url (pid $prism_pid, log $prism_log) in front of fake-okta $fake_url (pid $fake_pid, log $fake_log)" >&2
