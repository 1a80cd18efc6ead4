#!/usr/bin/env bash
# Starts the test OpenID Provider (oidc-provider, see README.md) in the background on a random
# loopback port and prints, for the caller to eval:
#   export OIDC_PROVIDER_URL=http://127.0.0.1:PORT
#   export OIDC_PROVIDER_PID=PID
#
#   eval "$(bash tools/oidc-provider/run.sh)" && cargo test ...; bash tools/oidc-provider/stop.sh
#
# Installs the pinned packages with `npm ci` first when node_modules is missing or older than
# package-lock.json. The server's output goes to $OIDC_PROVIDER_LOG (default
# tools/oidc-provider/oidc-provider.log). On failure it prints `false` on stdout, so that the
# caller's eval fails too, and the reason on stderr.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")" || { echo false; exit 1; }

fail() {
  echo "oidc-provider/run.sh: $*" >&2
  echo false
  exit 1
}

command -v node >/dev/null || fail "node is not installed (Node.js 20.19 or later is needed)"
command -v npm >/dev/null || fail "npm is not installed"

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "oidc-provider/run.sh: installing the pinned packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2 || fail "npm ci failed"
fi

log="${OIDC_PROVIDER_LOG:-$PWD/oidc-provider.log}"
: >"$log" || fail "cannot write the log file $log"

OIDC_PORT="${OIDC_PORT:-0}" node server.js </dev/null >"$log" 2>&1 &
pid=$!

url=""
for _ in $(seq 1 300); do
  url="$(sed -n 's/^OIDC_PROVIDER_URL=//p' "$log" | head -n 1)"
  [[ -n "$url" ]] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "--- $log" >&2
    cat "$log" >&2
    fail "the server exited before it was listening"
  fi
  sleep 0.1
done

if [[ -z "$url" ]]; then
  kill "$pid" 2>/dev/null
  echo "--- $log" >&2
  cat "$log" >&2
  fail "no OIDC_PROVIDER_URL line within 30 s"
fi

printf 'export OIDC_PROVIDER_URL=%q\n' "$url"
printf 'export OIDC_PROVIDER_PID=%q\n' "$pid"
echo "oidc-provider/run.sh: $url (pid $pid, log $log)" >&2
