#!/usr/bin/env bash
# `make dist`: the release build (scripts/release-build.sh, as `make run` builds it) packed for a
# server: dist/interview-portal-VERSION/ and dist/interview-portal-VERSION.tar.gz with the
# binary, hash.txt beside it, the site, an example settings file written by the binary itself
# (`server settings`: every setting with its default), the systemd unit, the nginx example and
# the package's README (deploy/).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/release-build.sh

version="$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)"
name="interview-portal-$version"
out="dist/$name"
step "packing $out"
rm -rf "$out" "dist/$name.tar.gz"
mkdir -p "$out"
cp "$CARGO_TARGET_DIR/release/server" "$out/server"
cp "$CARGO_TARGET_DIR/release/hash.txt" "$out/hash.txt"
cp -r target/site "$out/site"
"$out/server" settings >"$out/portal.env"
cp deploy/interview-portal.service deploy/nginx.conf "$out/"
cp deploy/README.md "$out/README.md"
git rev-parse HEAD >"$out/COMMIT" 2>/dev/null || true
tar -C dist -czf "dist/$name.tar.gz" "$name"
printf '\n%s/ and %s.tar.gz (%s): see %s/README.md\n' "$out" "dist/$name" \
  "$(du -h "dist/$name.tar.gz" | cut -f1)" "$out"
