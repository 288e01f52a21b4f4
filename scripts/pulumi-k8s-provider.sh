#!/usr/bin/env bash
# Builds the real Pulumi Kubernetes provider (pulumi-resource-kubernetes) from its Go module at a
# pinned version into a cache directory outside the repository, reuses it when present, and prints
# the path of the binary on stdout (everything else goes to stderr). Used by the preview
# differential test (test/preview) and .ci/run; put its directory on PATH so that the Pulumi CLI
# uses it as the ambient plugin.
#
#   scripts/pulumi-k8s-provider.sh             build if missing, print the path
#   scripts/pulumi-k8s-provider.sh --no-build  print the path if already built, else exit 3
#
# Environment: GDPR_GUARD_CACHE (default ~/.cache/gdpr-guard).
#
# Why a wrapper module and not `go install …/cmd/pulumi-resource-kubernetes@VERSION`:
# - tags such as v4.34.2 are refused by the module proxy here; the pseudo-version below is served
#   and is the v4.25.0 release commit (f47bc2d6f199);
# - the command's main.go embeds schema-embed.json and terraform-mapping-embed.json, which the
#   release build writes with `go generate` and which the module zip lacks;
# - the provider's go.mod replaces sdk/v4 => ../sdk, which `go install pkg@version` refuses.
# So: a wrapper module that requires the provider module, with the command's package directory
# copied from the module cache, its generator run (VERSION=4.25.0), then `go build`. In the wrapper
# MVS picks sdk/v4 v4.24.0 from the provider's requirements (the same code as ../sdk then).
# Nothing is copied into this repository; the cache holds the build.
#
# Cold build ~30 min on 2 cores (the provider links client-go and Helm), warm reuse instant.
set -euo pipefail

MODULE=github.com/pulumi/pulumi-kubernetes/provider/v4
PSEUDO=v4.0.0-20260115033456-f47bc2d6f199
VERSION=4.25.0
CACHE="${GDPR_GUARD_CACHE:-$HOME/.cache/gdpr-guard}"
ROOT="$CACHE/pulumi-kubernetes-v$VERSION"
BIN="$ROOT/bin"

built() {
    [[ -x "$BIN/pulumi-resource-kubernetes" ]] && [[ -f "$BIN/.version" ]] && [[ "$(cat "$BIN/.version")" == "$PSEUDO" ]]
}

if built; then
    echo "$BIN/pulumi-resource-kubernetes"
    exit 0
fi

if [[ "${1:-}" == "--no-build" ]]; then
    echo "pulumi-k8s-provider: no Kubernetes provider $VERSION in $BIN (run scripts/pulumi-k8s-provider.sh to build it)" >&2
    exit 3
fi

if ! command -v go >/dev/null 2>&1; then
    echo "pulumi-k8s-provider: Go is not installed; cannot build the Kubernetes provider $VERSION" >&2
    exit 3
fi

rm -rf "$ROOT/src"
mkdir -p "$ROOT/src/cmd" "$BIN"
cd "$ROOT/src"
cat >go.mod <<EOF
module gdpr-guard.local/pulumi-k8s-provider

go 1.26

require $MODULE $PSEUDO
EOF

echo "pulumi-k8s-provider: building the Kubernetes provider $VERSION ($PSEUDO) into $BIN (cold: ~30 min on 2 cores)" >&2
start=$(date +%s)
{
    GOFLAGS=-mod=mod go mod download "$MODULE@$PSEUDO"
    dir="$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$MODULE")"
    for f in main.go generate.go schema.json terraform-mapping.json; do
        install -m 0644 "$dir/cmd/pulumi-resource-kubernetes/$f" cmd/
    done
    (cd cmd && VERSION="$VERSION" GOFLAGS=-mod=mod go run generate.go)
    rm cmd/generate.go cmd/schema.json cmd/terraform-mapping.json
    GOFLAGS=-mod=mod go mod tidy
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -o "$BIN/pulumi-resource-kubernetes" \
        -ldflags "-X $MODULE/pkg/version.Version=$VERSION" ./cmd
} >&2
echo "$PSEUDO" >"$BIN/.version"
echo "pulumi-k8s-provider: built in $(($(date +%s) - start))s" >&2

if ! built; then
    echo "pulumi-k8s-provider: build finished but $BIN/pulumi-resource-kubernetes is missing" >&2
    exit 1
fi
echo "$BIN/pulumi-resource-kubernetes"
