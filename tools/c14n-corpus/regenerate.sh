#!/usr/bin/env bash
# Regenerates the expected outputs of the exclusive canonicalization corpus
# (okta-auth/tests/data/c14n/) with libxml2. See README.md beside this script.
#
# Needs xmllint (Debian: libxml2-utils), a C compiler and the libxml2 headers (libxml2-dev).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../../okta-auth/tests/data/c14n" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046
cc -O1 -o "$work/c14n" "$here/c14n.c" $(xml2-config --cflags --libs)

rm -f "$data"/*.exc-c14n "$data"/*.exc-c14n-comments "$data"/*.fails "$data"/subsets/*.exc-c14n
mkdir -p "$data/subsets"

for input in "$data"/*.xml; do
    name=${input%.xml}
    if ! (cd "$data" && xmllint --exc-c14n "${input##*/}") >"$work/xmllint" 2>"$work/errors"; then
        # libxml2 refuses it: the SDK must refuse it too. Keep libxml2's reason.
        grep -m 3 -E 'error|Failed' "$work/errors" >"$name.fails" || echo "failed" >"$name.fails"
        echo "refused: ${input##*/}"
        continue
    fi
    # xmllint --exc-c14n keeps comments. The program must agree with it byte for byte before
    # its comment-free output is trusted.
    "$work/c14n" --with-comments "$input" >"$work/comments"
    if ! cmp -s "$work/xmllint" "$work/comments"; then
        echo "c14n.c and xmllint disagree on ${input##*/}" >&2
        exit 1
    fi
    "$work/c14n" "$input" >"$name.exc-c14n"
    if ! cmp -s "$work/xmllint" "$name.exc-c14n"; then
        cp "$work/xmllint" "$name.exc-c14n-comments"
    fi
    echo "canonicalized: ${input##*/}"
done

# subsets.tsv: output name, input file, apex element (or -), excluded element (or -),
# PrefixList (or -), comments (yes or no). Columns separated by tabs; # starts a comment.
while IFS=$'\t' read -r output input apex exclude prefixes comments; do
    case "$output" in '' | '#'*) continue ;; esac
    args=()
    [ "$apex" != "-" ] && args+=(--apex "$apex")
    [ "$exclude" != "-" ] && args+=(--exclude "$exclude")
    [ "$prefixes" != "-" ] && args+=(--prefixes "$prefixes")
    [ "$comments" = "yes" ] && args+=(--with-comments)
    "$work/c14n" "${args[@]}" "$data/$input" >"$data/subsets/$output.exc-c14n"
    echo "subset: $output"
done <"$data/subsets.tsv"
