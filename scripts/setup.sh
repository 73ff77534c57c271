#!/usr/bin/env bash
# Installs what the build (and, with `test`, the test suite) needs, skipping what is there.
# Versions are pinned where the build chain needs them (see README, "Build chain").
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
want="${1:-build}"

command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.5'; then
  step "installing cargo-leptos 0.3.5 (about 12 minutes on 2 cores, once)"
  # 0.3.6+ needs a newer rustc; no_downloads makes a missing tool an error, not a download.
  cargo install cargo-leptos --version 0.3.5 --locked --features no_downloads
fi

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock.
wb_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wb_version"; then
  step "installing wasm-bindgen-cli $wb_version (about 4 minutes, once)"
  # Without --locked: the CLI's own lock file names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if ! "$PORTAL_CACHE/tools/node_modules/.bin/wasm-opt" --version >/dev/null 2>&1; then
  step "installing wasm-opt (npm binaryen@132; Debian's wasm-opt 108 breaks the release WASM)"
  mkdir -p "$PORTAL_CACHE/tools"
  (cd "$PORTAL_CACHE/tools" && npm install --no-audit --no-fund binaryen@132 >/dev/null)
fi

if [ "$want" = test ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v brotli >/dev/null || missing+=(brotli)
  # The reverse-proxy example's test (scripts/proxy-test.sh).
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  # A real TURN server and its test client, for the video's relays (server/tests/turn.rs).
  command -v turnutils_uclient >/dev/null || missing+=(coturn)
  if [ -z "${TEST_DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  if [ ! -d end2end/node_modules/@playwright/test ]; then
    step "installing Playwright (its own browser download is skipped: Debian's Chromium is used)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
  fi
fi
