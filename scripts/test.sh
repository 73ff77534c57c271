#!/usr/bin/env bash
# The whole test suite: formatting, clippy per crate and target, unit and server tests on
# SQLite and PostgreSQL, then the Playwright suite in Debian's Chromium against a dev build
# (scripts/e2e.sh, which also runs on its own).
# Exits non-zero when any part fails or cannot run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
started=$(date +%s)

export PHASES_FILE FAILURE_SUMMARY CURRENT_PHASE_FILE
PHASES_FILE="$(mktemp /tmp/portal-phases.XXXXXX)"
# What failed, printed last: CI keeps only the tail of the output. e2e.sh writes the browser
# tests' failures here; `phase` (scripts/env.sh) names the step that is running.
FAILURE_SUMMARY="$(mktemp /tmp/portal-failures.XXXXXX)"
CURRENT_PHASE_FILE="$(mktemp /tmp/portal-phase.XXXXXX)"

cleanup() {
  local status=$?
  [ -n "${PG_DIR:-}" ] && bash scripts/postgres.sh stop "$PG_DIR" || true
  if [ -s "$PHASES_FILE" ]; then
    printf '\nPhase times (s):\n'
    awk -F'\t' '{ printf "  %5d  %s\n", $1, $2 }' "$PHASES_FILE"
  fi
  if [ "$status" != 0 ]; then
    printf '\nFAILED during: %s\n' "$(cat "$CURRENT_PHASE_FILE")"
    cat "$FAILURE_SUMMARY"
  fi
  rm -f "$PHASES_FILE" "$FAILURE_SUMMARY" "$CURRENT_PHASE_FILE"
}
trap cleanup EXIT

phase "tools (scripts/setup.sh test)" bash scripts/setup.sh test

phase "cargo fmt --check" cargo fmt --all -- --check

# A `cargo update` past the vendored tachys would drop its fix with a mere warning.
phase "vendored patches in use (scripts/check-vendor.sh)" bash scripts/check-vendor.sh

phase "no new import circle (scripts/check-imports.py)" python3 scripts/check-imports.py

phase "clippy: server side (app + server, ssr, all targets)" \
  cargo clippy -p app -p server --all-targets -- -D warnings

phase "clippy: front end (app + frontend, hydrate, wasm32)" \
  cargo clippy -p app -p frontend --target wasm32-unknown-unknown -- -D warnings

# The release WASM as `make run` builds it (front end only), brotli, against wasm-budget.txt.
phase "release WASM within its budget (scripts/wasm-budget.sh)" bash scripts/wasm-budget.sh

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  step "starting a throwaway PostgreSQL"
  pg="$(bash scripts/postgres.sh)" || die "could not start PostgreSQL (set TEST_DATABASE_URL to use a running one)"
  PG_DIR="${pg%% *}"
  export TEST_DATABASE_URL="${pg#* }"
fi
echo "PostgreSQL: $TEST_DATABASE_URL"

# Unit tests, server tests on SQLite and PostgreSQL (the authorization matrix, generated bad
# input with PROPTEST_CASES per function: 8 unless set), and the build of the examples.
export PROPTEST_CASES="${PROPTEST_CASES:-8}"
# The server test files run through one binary (server/tests/all.rs: one crate to compile and
# one link of the whole app instead of one per file) and login_storm.rs, which needs a process
# of its own. No doc tests (app sets doctest = false; server has none). The examples are built
# as `cargo test` builds them by default (plain binaries, for the smoke runs below).
unit_and_server_tests() {
  # The same targets as scripts/e2e.sh's E2E_SERVER_BUILT build.
  local out
  out="$(mktemp /tmp/portal-cargo-test.XXXXXX)"
  cargo test -p app -p server --lib --bins --test all --test login_storm 2>&1 | tee "$out" || {
    # The failing tests' names and panics, for the summary printed last.
    { grep -E "^test .* FAILED$" "$out"; grep -A4 "panicked at" "$out"; } | head -60 >>"$FAILURE_SUMMARY"
    rm -f "$out"
    return 1
  }
  rm -f "$out"
  cargo build -p server --examples
}
phase "unit and server tests (SQLite file and PostgreSQL)" unit_and_server_tests

# Benchmarks never run here; a small run of each keeps them from rotting.
smoke() {
  "$CARGO_TARGET_DIR/debug/examples/booking_load" "sqlite://$(mktemp -u /tmp/portal-smoke.XXXXXX).db" 40 5
  "$CARGO_TARGET_DIR/debug/examples/push_latency" 20 20
  "$CARGO_TARGET_DIR/debug/examples/clock_push" 20 3
  "$CARGO_TARGET_DIR/debug/examples/draft_latency" 5
  "$CARGO_TARGET_DIR/debug/examples/import_load" "sqlite://$(mktemp -u /tmp/portal-smoke.XXXXXX).db" 200
  "$CARGO_TARGET_DIR/debug/examples/applicant_list" "sqlite://$(mktemp -u /tmp/portal-smoke.XXXXXX).db" 200
  "$CARGO_TARGET_DIR/debug/examples/reports_load" "sqlite://$(mktemp -u /tmp/portal-smoke.XXXXXX).db" 200 5
  "$CARGO_TARGET_DIR/debug/examples/video_load" 2 3 6
  rm -f /tmp/portal-smoke.*
}
phase "benchmark smoke runs (booking_load 40 for 5 seats; push_latency 20 tabs; clock_push 20 tabs; draft_latency 5 edits; import_load 200 rows; applicant_list 200 applicants; reports_load 200 applicants over 5 sessions; video_load 2 rooms of 3 for 6 s)" smoke

# The browser tests' server is the dev binary the server tests built just now (e2e.sh runs
# their build command again, a no-op unless a source changed meanwhile).
E2E_SERVER_BUILT=1 bash scripts/e2e.sh

# The reverse-proxy example (deploy/nginx.conf) before two instances on PostgreSQL, and one
# browser test through it; the same server binary and front end as the browser tests.
phase "reverse proxy: nginx before two instances on PostgreSQL (scripts/proxy-test.sh)" \
  env E2E_SERVER_BUILT=1 bash scripts/proxy-test.sh

# The login storm needs a server binary: the dev one the server tests built (no page is
# rendered, so no site).
phase "benchmark smoke run (login_storm: 20 logins, dev server)" \
  env LEPTOS_SITE_ROOT="$ROOT/target/site" "$CARGO_TARGET_DIR/debug/examples/login_storm" 20 "$CARGO_TARGET_DIR/debug/server"

# The release-day rush over HTTP (server/examples/release_rush; the full run is scripts/rush.sh),
# small: 300 applicants for 60 seats, on SQLite, on PostgreSQL, and on PostgreSQL with two
# instances behind the reverse proxy (nginx with deploy/nginx.conf, over TLS), the dev server.
rush_smoke() {
  local small=(--applicants 300 --seats 60 --sessions 6 --streams 50 --in-flight 32 --server "$CARGO_TARGET_DIR/debug/server")
  "$CARGO_TARGET_DIR/debug/examples/release_rush" "${small[@]}" --logins 20 --login-seconds 2
  "$CARGO_TARGET_DIR/debug/examples/release_rush" --database "$TEST_DATABASE_URL" "${small[@]}"
  "$CARGO_TARGET_DIR/debug/examples/release_rush" --database "$TEST_DATABASE_URL" "${small[@]}" --instances 2 --proxy
}
phase "benchmark smoke run (release_rush: 300 applicants over HTTP after 20 logins, SQLite, PostgreSQL, and two instances behind nginx; dev server)" rush_smoke

echo
echo "All checks passed in $(( $(date +%s) - started )) s."
