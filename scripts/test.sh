#!/usr/bin/env bash
# The whole test suite: formatting, clippy per crate and target, unit and server tests on
# SQLite and PostgreSQL, then the Playwright suite in Debian's Chromium against a dev build
# (scripts/e2e.sh, which also runs on its own).
# Exits non-zero when any part fails or cannot run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
started=$(date +%s)

cleanup() {
  [ -n "${PG_DIR:-}" ] && bash scripts/postgres.sh stop "$PG_DIR" || true
}
trap cleanup EXIT

bash scripts/setup.sh test

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy: server side (app + server, ssr, all targets)"
cargo clippy -p app -p server --all-targets -- -D warnings

step "clippy: front end (app + frontend, hydrate, wasm32)"
cargo clippy -p app -p frontend --target wasm32-unknown-unknown -- -D warnings

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  step "starting a throwaway PostgreSQL"
  pg="$(bash scripts/postgres.sh)" || die "could not start PostgreSQL (set TEST_DATABASE_URL to use a running one)"
  PG_DIR="${pg%% *}"
  export TEST_DATABASE_URL="${pg#* }"
fi
echo "PostgreSQL: $TEST_DATABASE_URL"

step "unit and server tests (SQLite file and PostgreSQL)"
cargo test -p app -p server

bash scripts/e2e.sh

echo
echo "All checks passed in $(( $(date +%s) - started )) s."
