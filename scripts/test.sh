#!/usr/bin/env bash
# The whole test suite: formatting, clippy per crate and target, unit and server tests on
# SQLite and PostgreSQL, then the Playwright suite in Debian's Chromium against a dev build.
# Exits non-zero when any part fails or cannot run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
started=$(date +%s)

cleanup() {
  [ -n "${E2E_DIR:-}" ] && [ -f "$E2E_DIR/server.pid" ] && kill "$(cat "$E2E_DIR/server.pid")" 2>/dev/null || true
  [ -n "${PG_DIR:-}" ] && bash scripts/postgres.sh stop "$PG_DIR" || true
  [ -n "${E2E_DIR:-}" ] && rm -rf "$E2E_DIR" || true
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

step "dev build for the browser tests (cargo leptos build)"
cargo leptos build

step "end-to-end tests (Playwright, Chromium)"
E2E_DIR="$(mktemp -d /tmp/portal-e2e.XXXXXX)"
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
LEPTOS_OUTPUT_NAME=interview-portal LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_ADDR="127.0.0.1:$port" \\
  DATABASE_URL="sqlite://$E2E_DIR/portal.db" \\
  LOGIN_LIMIT_PER_ACCOUNT=5 LOGIN_LIMIT_PER_CLIENT=1000 RUST_LOG=info,sqlx=warn,tower_http=debug \\
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
(cd end2end && BASE_URL="http://127.0.0.1:$port" PORTAL_DB="$E2E_DIR/portal.db" PORTAL_RESTART="$E2E_DIR/server.sh" npx playwright test) || {
  echo "--- server log (last 80 lines) ---"; tail -80 "$E2E_DIR/server.log"; exit 1;
}

echo
echo "All checks passed in $(( $(date +%s) - started )) s."
