#!/bin/sh
# Builds the nestcheck vcsim launcher from the Debian govmomi sources (GOPATH mode, offline).
#
#   usage: build.sh OUTPUT_BINARY
#
# Needs: apt-get install -y golang-go golang-github-vmware-govmomi-dev
# Idempotent: skips the build when OUTPUT_BINARY is newer than main.go and build.sh
# (set NESTCHECK_VCSIM_FORCE=1 to rebuild). The binary is written to a temp file
# next to OUTPUT_BINARY and renamed into place, so a failed build leaves no partial file.
set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 OUTPUT_BINARY" >&2
    exit 64
fi

here=$(cd "$(dirname "$0")" && pwd)
gocode=/usr/share/gocode

missing=""
if ! command -v go >/dev/null 2>&1; then
    missing=" golang-go"
fi
if [ ! -f "$gocode/src/github.com/vmware/govmomi/simulator/model.go" ]; then
    missing="$missing golang-github-vmware-govmomi-dev"
fi
if [ ! -d "$gocode/src/github.com/google/uuid" ]; then
    # normally pulled in by golang-github-vmware-govmomi-dev
    missing="$missing golang-github-google-uuid-dev"
fi
if [ -n "$missing" ]; then
    echo "build.sh: cannot build the vcsim launcher, missing Debian package(s):$missing" >&2
    echo "build.sh: install with: apt-get install -y$missing" >&2
    exit 3
fi

out=$1
case "$out" in
    /*) ;;
    *) out="$(pwd)/$out" ;;
esac
outdir=$(dirname "$out")
mkdir -p "$outdir"

if [ -z "${NESTCHECK_VCSIM_FORCE:-}" ] && [ -x "$out" ] \
    && [ "$out" -nt "$here/main.go" ] && [ "$out" -nt "$here/build.sh" ]; then
    echo "build.sh: $out is up to date" >&2
    exit 0
fi

# A writable build cache: keep the user's one if usable, else a private one in /tmp.
if [ -z "${GOCACHE:-}" ]; then
    cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/go-build"
    if ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
        cache="${TMPDIR:-/tmp}/nestcheck-vcsim-gocache-$(id -u)"
        mkdir -p "$cache"
    fi
    GOCACHE=$cache
fi

tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT INT TERM
cd "$here"
GO111MODULE=off GOPATH="$gocode" GOCACHE="$GOCACHE" GOFLAGS= CGO_ENABLED=0 \
    go build -trimpath -o "$tmp" main.go
mv -f "$tmp" "$out"
trap - EXIT INT TERM
echo "build.sh: built $out" >&2
