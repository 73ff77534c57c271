#!/usr/bin/env bash
# The release WASM against its budget: builds the browser bundle exactly as `make run` does
# (`cargo leptos build --release`: the wasm-release profile, wasm-bindgen, wasm-opt with the
# workspace's wasm-opt-features, hashed names), but the front end only (`--frontend-only`: the
# release server is not needed to weigh the bundle) and into a site folder of its own
# ($PORTAL_CACHE/release-front: site/ and hash.txt), so the release site of `make run` is left
# as it is. The browser tests (scripts/e2e.sh) run against this same site: one front-end build
# is weighed and tested.
# Prints the size (brotli at quality 11, as the README measures it) every run and fails when it
# is over the number of bytes in wasm-budget.txt (`--build-only`: builds and prints, no verdict).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
verdict=1
[ "${1:-}" != "--build-only" ] || verdict=0

budget="$(grep -v '^#' wasm-budget.txt | grep -Eo '^[0-9]+' | head -1)"
[ -n "$budget" ] || die "wasm-budget.txt holds no number of bytes"
command -v brotli >/dev/null || die "the brotli command is missing (scripts/setup.sh test installs it)"

# One release build at a time: they share the wasm-release build folder.
exec 9>/tmp/portal-release.lock
flock 9

# First the cargo step cargo-leptos would run (the same command, so the same build cache). When
# its output, the build settings, the style, the assets and the tools are those of the last
# build, wasm-bindgen and wasm-opt (about a minute) would write the same site: the last site
# and figures stand.
cargo build --package=frontend --lib --target-dir="$CARGO_TARGET_DIR/front" \
  --target=wasm32-unknown-unknown --no-default-features --profile=wasm-release
key="$({
  sha256sum "$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/frontend.wasm" Cargo.toml
  find style public -type f -print0 | sort -z | xargs -0 sha256sum
  cargo leptos --version
  wasm-bindgen --version
  "$PORTAL_CACHE/tools/node_modules/.bin/wasm-opt" --version
} | sha256sum | cut -d' ' -f1)"
last="$PORTAL_CACHE/wasm-budget.last"
front="$PORTAL_CACHE/release-front"
if [ -f "$last" ] && [ "$(cut -d' ' -f1 "$last")" = "$key" ] && [ -f "$front/hash.txt" ]; then
  read -r _ compressed raw <"$last"
  echo "the front end's cargo output is the one built and measured last: its site and figures stand"
else
  site="$(mktemp -d "$PORTAL_CACHE/release-front.XXXXXX")"
  trap 'rm -rf "$site"' EXIT
  # The hash file goes beside the site, not beside the release server binary (which `make run`
  # reads).
  LEPTOS_SITE_ROOT="$site/site" LEPTOS_HASH_FILE_NAME="$site/hash.txt" \
    cargo leptos build --release --frontend-only
  shopt -s nullglob
  wasm=("$site"/site/pkg/*.wasm)
  [ ${#wasm[@]} -eq 1 ] || die "expected one .wasm in the release site, found ${#wasm[@]}"
  raw="$(stat -c %s "${wasm[0]}")"
  compressed="$(brotli --quality=11 --stdout "${wasm[0]}" | wc -c)"
  rm -rf "$front"
  mv "$site" "$front"
  echo "$key $compressed $raw" >"$last"
fi

printf '\nrelease WASM: %s bytes brotli (q 11), %s raw; budget %s bytes (wasm-budget.txt)\n' \
  "$compressed" "$raw" "$budget"
[ "$verdict" = 1 ] || exit 0
if [ "$compressed" -gt "$budget" ]; then
  die "the release WASM is $((compressed - budget)) bytes over its budget. Make the browser code smaller (README, \"Measured\"; docs/performance.md says what worked before); raise wasm-budget.txt only as a decision written in its commit."
fi
echo "  $((budget - compressed)) bytes to spare"
