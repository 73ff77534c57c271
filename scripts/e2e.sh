#!/usr/bin/env bash
# The browser tests on their own: the release front end (the one scripts/wasm-budget.sh builds
# and weighs; reused when it is up to date) served by a dev server (cargo build -p server), on a
# free port with a fresh SQLite database and the demo seeded, then Playwright in Debian's
# Chromium. So the tests run the browser code that ships, and one front-end build serves both
# checks (the dev front end, 1-2 min more per run, is no longer built here).
# `E2E_FRONT=dev` runs them against a dev build (cargo leptos build) instead, as before: slower
# to start, but its browser code has debug assertions and readable panics.
# Arguments go to Playwright: `bash scripts/e2e.sh tests/screens.spec.ts` runs one file.
# (scripts/test.sh runs it after the other checks; run scripts/setup.sh test once before.)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

E2E_DIR="$(mktemp -d /tmp/portal-e2e.XXXXXX)"
cleanup() {
  [ -f "$E2E_DIR/server.pid" ] && kill "$(cat "$E2E_DIR/server.pid")" 2>/dev/null || true
  rm -rf "$E2E_DIR"
}
trap cleanup EXIT

if [ "${E2E_FRONT:-release}" = dev ]; then
  phase "dev build for the browser tests (cargo leptos build)" cargo leptos build
  site_root="$ROOT/target/site"
  hash_file=hash.txt # beside the server binary, where cargo-leptos writes it
else
  phase "release front end for the browser tests (scripts/wasm-budget.sh --build-only)" \
    bash scripts/wasm-budget.sh --build-only
  # A copy, so a release build starting meanwhile cannot change the site under the tests.
  flock /tmp/portal-release.lock cp -r "$PORTAL_CACHE/release-front" "$E2E_DIR/front"
  site_root="$E2E_DIR/front/site"
  hash_file="$E2E_DIR/front/hash.txt"
  if [ "${E2E_SERVER_BUILT:-}" = 1 ]; then
    # scripts/test.sh: the server tests just built it (cargo builds the binary for the
    # integration tests, with the features their dev-dependencies add, so a plain
    # `cargo build` of it would compile the app once more, ≈ 2 min). The test phase's own
    # build command (keep the two alike): nothing to do unless a source changed since, and then
    # the server is rebuilt from the same tree as the front end.
    phase "dev server for the browser tests (the server tests' build, cargo test --no-run)" \
      cargo test -p app -p server --lib --bins --test all --test login_storm --no-run
  else
    # The server binary cargo-leptos would build (`--bin=server --no-default-features`).
    phase "dev server for the browser tests (cargo build -p server --bin server)" \
      cargo build -p server --bin server --no-default-features
  fi
fi

step "end-to-end tests (Playwright, Chromium)"
e2e_started=$(date +%s)
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# The server, started by a script the browser tests can also call to restart it (they check
# that open pages reconnect by themselves).
cat >"$E2E_DIR/server.sh" <<SERVER
#!/usr/bin/env bash
if [ -f "$E2E_DIR/server.pid" ]; then
  old="\$(cat "$E2E_DIR/server.pid")"
  kill "\$old" 2>/dev/null
  while kill -0 "\$old" 2>/dev/null; do sleep 0.2; done
fi
# PORTAL_HASH_FILE: another hash file, as upgrade.spec.ts restarts the server as another build.
LEPTOS_OUTPUT_NAME=interview-portal LEPTOS_SITE_ROOT="$site_root" LEPTOS_HASH_FILE_NAME="\${PORTAL_HASH_FILE:-$hash_file}" \\
  LEPTOS_SITE_ADDR="127.0.0.1:$port" \\
  DATABASE_URL="sqlite://$E2E_DIR/portal.db" \\
  SEED_DEMO=auto MAIL=log \\
  LOGIN_LIMIT_PER_ACCOUNT=5 LOGIN_LIMIT_PER_CLIENT=1000 PORTAL_TEST_CLOCK=1 RUST_LOG=info,sqlx=warn,tower_http=debug \\
  "$CARGO_TARGET_DIR/debug/server" >>"$E2E_DIR/server.log" 2>&1 &
echo \$! >"$E2E_DIR/server.pid"
for _ in \$(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && exit 0
  sleep 0.5
done
echo "the server did not answer" >&2; exit 1
SERVER
chmod +x "$E2E_DIR/server.sh"
"$E2E_DIR/server.sh" || { cat "$E2E_DIR/server.log"; die "the server did not start"; }
# The site and hash file served (absolute), for a test that makes another build of them.
case "$hash_file" in /*) hash_path="$hash_file" ;; *) hash_path="$CARGO_TARGET_DIR/debug/$hash_file" ;; esac
(cd end2end && BASE_URL="http://127.0.0.1:$port" PORTAL_DB="$E2E_DIR/portal.db" PORTAL_RESTART="$E2E_DIR/server.sh" \
  PORTAL_SITE="$site_root" PORTAL_HASH_FILE_SERVED="$hash_path" npx playwright test "$@") || {
  echo "--- server log (last 80 lines) ---"; tail -80 "$E2E_DIR/server.log"; exit 1;
}
[ -z "${PHASES_FILE:-}" ] || printf '%s\t%s\n' "$(( $(date +%s) - e2e_started ))" "browser tests (Playwright)" >>"$PHASES_FILE"
