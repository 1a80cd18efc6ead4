#!/usr/bin/env bash
# Stops what run.sh started: Prism ($PRISM_PID) and the fake org ($PRISM_FAKE_OKTA_PID), or
# the PIDs given as arguments. Does nothing for a PID that is unset or gone; leaves alone a
# PID that is neither a Prism nor a fake-okta process.
set -uo pipefail

stop() {
  local pid="$1"
  [[ -z "$pid" ]] && return 0
  if [[ ! "$pid" =~ ^[0-9]+$ ]]; then
    echo "prism/stop.sh: not a PID: $pid" >&2
    return 1
  fi
  kill -0 "$pid" 2>/dev/null || return 0
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -Eq 'prism-cli|fake-okta'; then
    echo "prism/stop.sh: process $pid is neither Prism nor fake-okta; left alone" >&2
    return 1
  fi
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "prism/stop.sh: $pid did not stop on SIGTERM within 5 s; sending SIGKILL" >&2
  kill -9 "$pid" 2>/dev/null
  return 0
}

if [[ $# -gt 0 ]]; then
  pids=("$@")
else
  pids=("${PRISM_PID:-}" "${PRISM_FAKE_OKTA_PID:-}")
fi
status=0
for pid in "${pids[@]}"; do
  stop "$pid" || status=1
done
rm -f "$(dirname "${BASH_SOURCE[0]}")/prism.env"
exit "$status"
