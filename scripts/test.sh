#!/usr/bin/env bash
# The whole test suite of the Okta Rust SDK: formatting, lints, every test, every crate with
# no features and with each feature alone, the examples, and the RustSec audit.
# Usage: bash scripts/test.sh        (from anywhere inside the repository)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
shared=${OKTA_SDK_SHARED:-$root/../shared}
audit_version=0.22.2

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS
results=$(mktemp)
cleanup() {
  [ -n "${OIDC_PROVIDER_PID:-}" ] && bash "$root/tools/oidc-provider/stop.sh" >/dev/null 2>&1
  [ -n "${PRISM_PID:-}${PRISM_FAKE_OKTA_PID:-}" ] && bash "$root/tools/prism/stop.sh" >/dev/null 2>&1
  rm -f "$results"
}
trap cleanup EXIT
# Runs cargo test, keeping its summary lines for the total printed at the end.
run_tests() { cargo test "$@" 2>&1 | tee -a "$results"; return "${PIPESTATUS[0]}"; }

step "toolchain"
cargo --version
rustc --version
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add rustfmt clippy
fi

step "Node.js for the test OpenID Provider"
node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
apt_install() {
  echo "installing Debian packages: $*"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  fi
}
if ! node_ok; then
  apt_install nodejs npm
fi
node_ok || { echo "Node.js 20.19 or later is needed for tools/oidc-provider" >&2; exit 1; }
node --version

step "xmlsec1 and xmllint (SAML fixtures, canonicalization differential tests)"
if ! command -v xmlsec1 >/dev/null 2>&1 || ! command -v xmllint >/dev/null 2>&1; then
  apt_install xmlsec1 libxml2-utils
fi
xmlsec1 --version
xmllint --version 2>&1 | sed -n 1p

step "SAML fixtures: regenerated with xmlsec1, identical to the committed ones"
bash tools/saml-fixtures/generate.sh --check

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, all features, warnings are errors)"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

step "start oidc-provider (the OpenID Provider of okta-auth/tests/oidc_provider.rs)"
eval "$(bash tools/oidc-provider/run.sh)"

step "Okta's Management API spec (okta-mgmt/tests/spec_*.rs and Prism)"
# The spec tests read it from here; without it they print "skipped: ..." and pass.
export OKTA_SDK_SHARED="$shared"
spec="$shared/okta/management-openapi-2026.06.3.yaml"
if [ -f "$spec" ]; then echo "$spec"; else echo "not found: $spec (the spec tests will skip)"; fi

step "start Prism in front of the fake org (okta-mgmt/tests/prism_*.rs)"
# Exports PRISM_URL, PRISM_OKTA_TOKEN and PRISM_FAKE_OKTA_URL; prints nothing when the spec
# is absent, and the Prism tests then skip.
eval "$(bash tools/prism/run.sh)"

step "tests: unit, integration, examples (all features)"
run_tests --workspace --all-features --locked --lib --bins --tests --examples

step "doc tests (all features)"
run_tests --workspace --all-features --locked --doc

step "doc tests (no features)"
cargo test --workspace --locked --doc

step "documentation builds without warnings (all features)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --all-features --no-deps --locked -q

step "each crate with no features and with each feature alone"
python3 - <<'PY' | while read -r pkg feature; do
import json, subprocess
meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--no-deps", "--format-version", "1", "--locked"]))
for p in meta["packages"]:
    print(p["name"], "-")
    for f in sorted(p["features"]):
        if f != "default":
            print(p["name"], f)
PY
  if [ "$feature" = "-" ]; then
    echo "  $pkg --no-default-features"
    cargo check -q --locked -p "$pkg" --no-default-features
  else
    echo "  $pkg --features $feature"
    cargo check -q --locked -p "$pkg" --no-default-features --features "$feature"
  fi
done

step "examples: build, then run each example and okta-inspect"
cargo build --locked -p examples --examples --bins
cargo run -q --locked -p examples --example quickstart
cargo run -q --locked -p examples --example axum_api
cargo run -q --locked -p examples --example service_app
cargo run -q --locked -p examples --example list_users
cargo run -q --locked -p examples --example group_assign
cargo run -q --locked -p examples --example tail_logs
cargo run -q --locked -p examples --bin okta-inspect -- --help >/dev/null
cargo run -q --locked -p examples --bin okta-inspect -- version
cargo run -q --locked -p examples --bin okta-inspect -- scim filter 'userName eq "bjensen"' >/dev/null
cargo run -q --locked -p examples --bin okta-inspect -- saml verify \
  --idp-metadata okta-auth/tests/data/saml/metadata/idp-metadata.xml \
  --idp-entity-id http://www.okta.com/exk1fakeidp --sp-entity-id https://sp.example.com/saml/metadata \
  --acs-url https://sp.example.com/saml/acs --request-id id-request-7f3a9c --now 2026-03-01T10:01:00Z \
  okta-auth/tests/data/saml/valid/both-signed.xml >/dev/null

step "scim2-tester against the scim-server example (in-memory and SQLite)"
cargo build -q --locked -p examples --example scim-server
scim_bin=$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/examples/scim-server
scim_db=$(mktemp -d)
for store in memory sqlite; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  token=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
  args=(--addr "127.0.0.1:$port" --token "$token")
  [ "$store" = sqlite ] && args+=(--sqlite "$scim_db/scim.db")
  "$scim_bin" "${args[@]}" > "$scim_db/$store.log" 2>&1 &
  scim_pid=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  echo "  $store store"
  if ! bash tools/scim2-tester/run.sh "http://127.0.0.1:$port/scim/v2" "$token"; then
    kill "$scim_pid"; cat "$scim_db/$store.log"; exit 1
  fi
  kill "$scim_pid"; wait "$scim_pid" 2>/dev/null || true
done
rm -rf "$scim_db"

step "saml_sp example: SP metadata, login redirect, IdP-initiated sign-in, replay refused"
cargo build -q --locked -p examples --example saml_sp
saml_bin=$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/examples/saml_sp
saml_data=okta-auth/tests/data/saml
saml_tmp=$(mktemp -d)
# A valid IdP-initiated response of the manifest, its NameID, and the IdP's redirect SSO URL.
read -r saml_file saml_name_id < <(python3 -c '
import json, sys
entry = next(e for e in json.load(open(sys.argv[1]))
             if e.get("expect") == "valid" and e.get("options", {}).get("idp_initiated"))
print(entry["file"], entry["name_id"])' "$saml_data/manifest.json")
saml_sso_url=$(python3 -c '
import sys, xml.etree.ElementTree as ET
md = "{urn:oasis:names:tc:SAML:2.0:metadata}"
for sso in ET.parse(sys.argv[1]).iter(md + "SingleSignOnService"):
    if sso.get("Binding") == "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect":
        print(sso.get("Location"))' "$saml_data/metadata/idp-metadata.xml")
base64 -w0 "$saml_data/$saml_file" > "$saml_tmp/response.b64"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$saml_bin" --idp-metadata "$saml_data/metadata/idp-metadata.xml" \
  --sp-entity-id https://sp.example.com/saml/metadata --acs-url https://sp.example.com/saml/acs \
  --addr "127.0.0.1:$port" --now 2026-03-01T10:01:00Z > "$saml_tmp/saml_sp.log" 2>&1 &
saml_pid=$!
saml_fail() {
  echo "saml_sp: $*" >&2; cat "$saml_tmp/saml_sp.log" >&2
  kill "$saml_pid" 2>/dev/null; exit 1
}
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
saml_url="http://127.0.0.1:$port"
got=$(curl -sS -o "$saml_tmp/metadata.xml" -w '%{http_code} %{content_type}' "$saml_url/saml/metadata" || true)
case "$got" in "200 "*xml*) ;; *) saml_fail "GET /saml/metadata answered $got" ;; esac
grep -q 'entityID="https://sp.example.com/saml/metadata"' "$saml_tmp/metadata.xml" ||
  saml_fail "the SP metadata lacks the entity ID: $(head -c 300 "$saml_tmp/metadata.xml")"
echo "  GET /saml/metadata: $got"
got=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "$saml_url/login" || true)
case "$got" in "302 $saml_sso_url?SAMLRequest="*) ;; *) saml_fail "GET /login answered $got" ;; esac
echo "  GET /login: 302 to $saml_sso_url"
got=$(curl -sS -o "$saml_tmp/acs.html" -w '%{http_code}' --data-urlencode "SAMLResponse@$saml_tmp/response.b64" "$saml_url/saml/acs" || true)
[ "$got" = 200 ] && grep -qF "$saml_name_id" "$saml_tmp/acs.html" ||
  saml_fail "POST /saml/acs ($saml_file) answered $got: $(head -c 300 "$saml_tmp/acs.html")"
echo "  POST /saml/acs $saml_file: 200, signed in as $saml_name_id"
got=$(curl -sS -o "$saml_tmp/replay.html" -w '%{http_code}' --data-urlencode "SAMLResponse@$saml_tmp/response.b64" "$saml_url/saml/acs" || true)
[ "$got" = 403 ] && grep -q replay "$saml_tmp/replay.html" ||
  saml_fail "the replayed response answered $got: $(head -c 300 "$saml_tmp/replay.html")"
echo "  POST /saml/acs again: 403 (replay)"
kill "$saml_pid"; wait "$saml_pid" 2>/dev/null || true
rm -rf "$saml_tmp"

step "RustSec audit"
if [ -d "$shared/advisory-db" ]; then
  if ! cargo audit --version 2>/dev/null | grep -q "$audit_version"; then
    cargo install cargo-audit --version "$audit_version" --locked
  fi
  cargo audit --no-fetch --stale --no-yanked --db "$shared/advisory-db" --deny warnings
else
  echo "skipped: no advisory database at $shared/advisory-db (set OKTA_SDK_SHARED)"
fi

step "all checks passed in $((SECONDS - started)) s"
# Benchmarks are compiled by clippy above and run with `cargo bench` (see BENCHMARKS.md).
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, i }' "$results"
