#!/usr/bin/env bash
# Builds golangci-lint v2 with the blockcheck module plugin, using only the
# Go module proxy (no git clone, unlike `golangci-lint custom`).
#
#   .golangci-plugin/build.sh [OUTPUT]
#
# OUTPUT defaults to custom-gcl in the repository root; a relative path is
# taken from the current directory. The golangci-lint version is the one
# required in .golangci-plugin/go.mod; blockcheck is the working tree (the
# replace directive there). The first build compiles golangci-lint and
# every bundled linter (minutes); later ones reuse the Go build cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

out="${1:-$repo/custom-gcl}"
case "$out" in
/*) ;;
*) out="$PWD/$out" ;;
esac
mkdir -p "$(dirname "$out")"

cd "$here"

# The build list is go.mod and go.sum as committed: never edit them here,
# never reach past the module proxy (a module missing there is an error,
# not a git clone), and ignore any go.work around the repository.
export GOWORK=off
export GOFLAGS="${GOFLAGS:-} -mod=readonly -buildvcs=false"
proxy="$(go env GOPROXY)"
proxy="${proxy//,direct/}"
proxy="${proxy//|direct/}"
if [[ -z "$proxy" || "$proxy" == direct || "$proxy" == off ]]; then
	proxy=https://proxy.golang.org
fi
export GOPROXY="$proxy"

# golangci-lint salts its cache, facts included, with its version string:
# make it golangci-lint's version plus a hash of every source file that
# goes into the binary from blockcheck and from this directory, and of the
# Go version, so that no change to blockcheck can be answered from a
# stale cache.
sha256() {
	if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}
gcl_version="$(go list -m -f '{{.Version}}' github.com/golangci/golangci-lint/v2)"
sources() {
	go list -deps -f '{{if and .Module (eq .Module.Path "github.com/blockcheck/blockcheck")}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .CgoFiles}}{{$d}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}
{{end}}{{range .SFiles}}{{$d}}/{{.}}
{{end}}{{end}}' .
	printf '%s\n' "$repo/go.mod" "$repo/go.sum" "$here"/go.mod "$here"/go.sum "$here"/*.go
}
src_hash="$(
	{
		go env GOVERSION
		sources | grep . | LC_ALL=C sort -u | while IFS= read -r f; do
			printf '%s %s\n' "${f#"$repo"/}" "$(sha256 <"$f" | cut -d' ' -f1)"
		done
	} | sha256 | cut -c1-16
)"
version="${gcl_version#v}-blockcheck-$src_hash"

echo "building $out (golangci-lint $version)" >&2
go build -trimpath \
	-ldflags "-s -w -X 'main.version=$version' -X 'main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)'" \
	-o "$out" .
