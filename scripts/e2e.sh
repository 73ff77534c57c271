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
  for f in "$E2E_DIR"/*/server.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
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

# A TURN server on loopback (coturn, as a program runs it), which the servers below name in
# VIDEO_TURN_URLS: the browsers get its credentials from the portal and gather relay candidates
# through it (video-check.spec.ts reads one).
command -v turnserver >/dev/null || die "coturn is missing: run scripts/setup.sh test"
TURN_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
TURN_SECRET="e2e-$(date +%s%N)"
mkdir -p "$E2E_DIR/turn"
turnserver -n --no-cli --no-tls --no-dtls --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 \
  --allow-loopback-peers --use-auth-secret --realm=portal.test --log-file=stdout \
  --listening-port="$TURN_PORT" --static-auth-secret="$TURN_SECRET" >"$E2E_DIR/turn/log" 2>&1 &
echo $! >"$E2E_DIR/turn/server.pid"
export VIDEO_TURN_URLS="turn:127.0.0.1:$TURN_PORT?transport=tcp,turn:127.0.0.1:$TURN_PORT"
export VIDEO_TURN_SECRET="$TURN_SECRET"

step "end-to-end tests (Playwright, Chromium)"
[ -z "${CURRENT_PHASE_FILE:-}" ] || echo "end-to-end tests (Playwright, Chromium)" >"$CURRENT_PHASE_FILE"
e2e_started=$(date +%s)

# One server for one group of spec files: a free port, a fresh SQLite database with the demo
# seeded, and a script the browser tests can also call to restart it (they check that open pages
# reconnect by themselves, and upgrade.spec.ts restarts it as another build).
start_server() { # <dir>
  local dir="$1" port
  mkdir -p "$dir"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  echo "$port" >"$dir/port"
  cat >"$dir/server.sh" <<SERVER
#!/usr/bin/env bash
if [ -f "$dir/server.pid" ]; then
  old="\$(cat "$dir/server.pid")"
  kill "\$old" 2>/dev/null
  while kill -0 "\$old" 2>/dev/null; do sleep 0.2; done
fi
# PORTAL_HASH_FILE: another hash file, as upgrade.spec.ts restarts the server as another build.
# PORTAL_SMTP_URL: a relay instead of the log, as communications.spec.ts restarts the server with
# its own relay on loopback (one that refuses an address, so a message bounces).
mail="MAIL=log"
[ -z "\${PORTAL_SMTP_URL:-}" ] || mail="MAIL=smtp SMTP_URL=\$PORTAL_SMTP_URL"
env \$mail LEPTOS_OUTPUT_NAME=interview-portal LEPTOS_SITE_ROOT="$site_root" LEPTOS_HASH_FILE_NAME="\${PORTAL_HASH_FILE:-$hash_file}" \\
  LEPTOS_SITE_ADDR="127.0.0.1:$port" \\
  DATABASE_URL="sqlite://$dir/portal.db" \\
  SEED_DEMO=auto \\
  LOGIN_LIMIT_PER_ACCOUNT=5 LOGIN_LIMIT_PER_CLIENT=1000 PORTAL_TEST_CLOCK=1 VIDEO_UDP_PORT=0 VIDEO_TCP_PORT=0 RUST_LOG=info,sqlx=warn,tower_http=debug \\
  "$CARGO_TARGET_DIR/debug/server" >>"$dir/server.log" 2>&1 &
echo \$! >"$dir/server.pid"
for _ in \$(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && exit 0
  sleep 0.5
done
echo "the server did not answer" >&2; exit 1
SERVER
  chmod +x "$dir/server.sh"
  "$dir/server.sh" || { cat "$dir/server.log"; die "the server did not start"; }
}

# The site and hash file served (absolute), for a test that makes another build of them.
case "$hash_file" in /*) hash_path="$hash_file" ;; *) hash_path="$CARGO_TARGET_DIR/debug/$hash_file" ;; esac

run_group() { # <dir> <playwright arguments…>
  local dir="$1"; shift
  (cd end2end && BASE_URL="http://127.0.0.1:$(cat "$dir/port")" PORTAL_DB="$dir/portal.db" PORTAL_RESTART="$dir/server.sh" \
    PORTAL_SITE="$site_root" PORTAL_HASH_FILE_SERVED="$hash_path" \
    npx playwright test --output "test-results/$(basename "$dir")" "$@")
}

# The interview-day specs: each makes its own day and needs nothing the others leave behind.
# With no arguments (make test), they run as a second group beside the rest, each group with
# its own server and database (Playwright's workers would share one server, and some specs
# restart theirs): the suite waits mostly on pages and timers, so two groups on two cores take
# little more than the longer one. The first group runs in file order, as accounts.spec.ts must
# come before booking.spec.ts.
# The applicant import and the audit log join them (each reads only what it writes itself) to
# keep the two groups near one length.
# to-the-match.spec.ts runs last (Playwright takes a group's files in name order): its scored
# applicant joins the program's rank list and season, which scoring.spec.ts reads whole.
DAY_SPECS=(tests/audit.spec.ts tests/clock.spec.ts tests/day.spec.ts tests/finalize.spec.ts
  tests/import.spec.ts tests/meeting-rooms.spec.ts tests/scoring.spec.ts tests/timetrack.spec.ts
  tests/to-the-match.spec.ts)
E2E_GROUPS="${E2E_GROUPS:-2}"
if [ $# -gt 0 ] || [ "$E2E_GROUPS" = 1 ]; then
  start_server "$E2E_DIR/a"
  run_group "$E2E_DIR/a" "$@" || {
    echo "--- server log (last 80 lines) ---"; tail -80 "$E2E_DIR/a/server.log"; exit 1;
  }
else
  rest=()
  for f in end2end/tests/*.spec.ts; do
    f="${f#end2end/}"
    [[ " ${DAY_SPECS[*]} " == *" $f "* ]] || rest+=("$f")
  done
  start_server "$E2E_DIR/a"
  start_server "$E2E_DIR/b"
  run_group "$E2E_DIR/a" "${rest[@]}" >"$E2E_DIR/a.out" 2>&1 &
  pid_a=$!
  run_group "$E2E_DIR/b" "${DAY_SPECS[@]}" >"$E2E_DIR/b.out" 2>&1 &
  pid_b=$!
  failed=()
  for g in a b; do
    pid_var="pid_$g"
    wait "${!pid_var}" || failed+=("$g")
  done
  # A passing group first, a failing one last and its Playwright summary at the very end (after
  # its server's log): CI keeps only the tail of the output, and that must name what failed.
  for g in a b; do
    [[ " ${failed[*]} " == *" $g "* ]] && continue
    echo "--- browser tests, group $g (passed) ---"
    cat "$E2E_DIR/$g.out"
  done
  for g in "${failed[@]}"; do
    echo "--- group $g: server log (last 80 lines) ---"; tail -80 "$E2E_DIR/$g/server.log"
    echo "--- browser tests, group $g (FAILED) ---"
    cat "$E2E_DIR/$g.out"
    # For make test's last lines: each failure's first lines and Playwright's closing count.
    [ -z "${FAILURE_SUMMARY:-}" ] || {
      echo "browser tests, group $g:"
      awk '/^  [0-9]+\) \[chromium\]/ { n = 14 } n > 0 { print; n-- }' "$E2E_DIR/$g.out"
      awk '/^  [0-9]+ (failed|flaky|passed|did not run)/ { p = 1 } p' "$E2E_DIR/$g.out"
    } >>"$FAILURE_SUMMARY"
  done
  [ "${#failed[@]}" = 0 ] || exit 1
fi
[ -z "${PHASES_FILE:-}" ] || printf '%s\t%s\n' "$(( $(date +%s) - e2e_started ))" "browser tests (Playwright)" >>"$PHASES_FILE"
