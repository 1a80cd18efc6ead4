#!/usr/bin/env bash
# Stops the server that run.sh started: the PID in $OIDC_PROVIDER_PID (or the first argument).
# Does nothing when neither is set or that process is gone; refuses a PID that is not this
# folder's server.js.
set -uo pipefail

pid="${1:-${OIDC_PROVIDER_PID:-}}"
if [[ -z "$pid" ]]; then
  echo "oidc-provider/stop.sh: OIDC_PROVIDER_PID is not set; nothing to stop" >&2
  exit 0
fi
if [[ ! "$pid" =~ ^[0-9]+$ ]]; then
  echo "oidc-provider/stop.sh: not a PID: $pid" >&2
  exit 1
fi
if ! kill -0 "$pid" 2>/dev/null; then
  echo "oidc-provider/stop.sh: process $pid has already exited" >&2
  exit 0
fi
if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'server\.js'; then
  echo "oidc-provider/stop.sh: process $pid is not the oidc-provider test server; left alone" >&2
  exit 1
fi

kill "$pid" 2>/dev/null
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.1
done
echo "oidc-provider/stop.sh: $pid did not stop on SIGTERM within 5 s; sending SIGKILL" >&2
kill -9 "$pid" 2>/dev/null
exit 0
