#!/usr/bin/env bash
# Builds the real Pulumi CLI from its Go module at a pinned version into a cache directory outside
# the repository, reuses it when present, and prints the path of the `pulumi` binary on stdout
# (everything else goes to stderr). Used by test/engine (the differential test) and .ci/run.
#
#   scripts/pulumi-cli.sh             build if missing, print the path
#   scripts/pulumi-cli.sh --no-build  print the path if already built, else exit 3
#
# Environment: GDPR_GUARD_CACHE (default ~/.cache/gdpr-guard), PULUMI_CLI_VERSION (default below).
#
# Why not plain `go install github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@VERSION`: pkg/v3's go.mod
# carries `replace` directives (sdk => ../sdk, a clipboard fork), which `go install pkg@version`
# refuses. So we install from a two-line wrapper module that requires pkg/v3 and sdk/v3 at the
# same version and repeats the clipboard replace — the same sources the release is built from.
#
# The Node.js language host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
# is not served by the Go module proxy (403 "This module version is not available"), so the CLI
# built here cannot start a policy pack *directory*; scripts/pulumi-analyzer-policy starts the
# pack instead (pass it as `--policy-pack`). See docs/real-engine.md.
set -euo pipefail

VERSION="${PULUMI_CLI_VERSION:-v3.274.1}"
CACHE="${GDPR_GUARD_CACHE:-$HOME/.cache/gdpr-guard}"
ROOT="$CACHE/pulumi-$VERSION"
BIN="$ROOT/bin"

built() {
    [[ -x "$BIN/pulumi" ]] && [[ "$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" version 2>/dev/null)" == "$VERSION" ]]
}

if built; then
    echo "$BIN/pulumi"
    exit 0
fi

if [[ "${1:-}" == "--no-build" ]]; then
    if command -v go >/dev/null 2>&1; then
        echo "pulumi-cli: no Pulumi CLI $VERSION in $BIN (run scripts/pulumi-cli.sh to build it)" >&2
    else
        echo "pulumi-cli: no Pulumi CLI $VERSION in $BIN, and no Go to build it with" >&2
    fi
    exit 3
fi

if ! command -v go >/dev/null 2>&1; then
    echo "pulumi-cli: Go is not installed; cannot build the Pulumi CLI $VERSION" >&2
    exit 3
fi

mkdir -p "$ROOT/src" "$BIN"
cat >"$ROOT/src/go.mod" <<EOF
module gdpr-guard.local/pulumi-cli

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 $VERSION
	github.com/pulumi/pulumi/sdk/v3 $VERSION
)

// Mirrors the replace in github.com/pulumi/pulumi/pkg/v3's own go.mod.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
cat >"$ROOT/src/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
EOF

echo "pulumi-cli: building Pulumi CLI $VERSION from its Go module into $BIN (cold: ~10 min on 2 cores)" >&2
start=$(date +%s)
(
    cd "$ROOT/src"
    GOFLAGS=-mod=mod GOBIN="$BIN" go install \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
) >&2
echo "pulumi-cli: built in $(($(date +%s) - start))s" >&2

if ! built; then
    echo "pulumi-cli: build finished but $BIN/pulumi does not report $VERSION" >&2
    exit 1
fi
echo "$BIN/pulumi"
