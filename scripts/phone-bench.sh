#!/usr/bin/env bash
# The phone benchmark (README, "Measured"): builds the release as `make run` does
# (`cargo leptos build --release --precompress`), serves it on a free port with a throwaway
# SQLite database (the demo seeded), and runs end2end/phone-bench.mjs against it: the time until
# an applicant's My Programs and a coordinator's sessions list are interactive on a throttled
# phone, first and repeat visit, median of 5. Not part of `make test`.
#   bash scripts/phone-bench.sh [RUNS]
# The site is built into a folder of its own, so a `make run` or a browser test run going on at
# the same time keeps its files; one benchmark or browser run at a time (/tmp/portal-e2e.lock).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
runs="${1:-5}"

bash scripts/setup.sh test
BENCH_DIR="$(mktemp -d /tmp/portal-phone-bench.XXXXXX)"
cleanup() {
  [ -f "$BENCH_DIR/server.pid" ] && kill "$(cat "$BENCH_DIR/server.pid")" 2>/dev/null || true
  rm -rf "$BENCH_DIR"
}
trap cleanup EXIT
export LEPTOS_SITE_ROOT="$BENCH_DIR/site" LEPTOS_HASH_FILE_NAME="$BENCH_DIR/hash.txt"

step "release build (cargo leptos build --release --precompress)"
flock /tmp/portal-release.lock cargo leptos build --release --precompress

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
step "serving the release on 127.0.0.1:$port (SQLite in $BENCH_DIR)"
LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$BENCH_DIR/portal.db" SEED_DEMO=auto MAIL=log \
  "$CARGO_TARGET_DIR/release/server" serve >"$BENCH_DIR/server.log" 2>&1 &
echo $! >"$BENCH_DIR/server.pid"
answers "http://127.0.0.1:$port/health" 60 || { cat "$BENCH_DIR/server.log"; die "the server did not start"; }

step "phone profile, $runs visits each"
flock /tmp/portal-e2e.lock node end2end/phone-bench.mjs "http://127.0.0.1:$port" "$runs"
