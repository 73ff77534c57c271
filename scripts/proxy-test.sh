#!/usr/bin/env bash
# The reverse-proxy example tested (deploy/nginx.conf, as `make dist` ships it): Debian's nginx
# (scripts/setup.sh test installs it) in front of two instances of the server on one PostgreSQL
# database, then end2end/tests/proxy.spec.ts in Chromium: an applicant books through nginx over
# TLS while coordinators watch the session list on each instance directly, so one of them is on
# the instance that did not take the booking, and another applicant's open picker follows
# through nginx's push stream. nginx is set up by scripts/nginx-example.sh.
# The servers are the dev binary and the release front end the browser tests use (scripts/e2e.sh);
# PostgreSQL is TEST_DATABASE_URL's server (a new database on it) or a throwaway one.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

DIR="$(mktemp -d /tmp/portal-proxy.XXXXXX)"
chmod 755 "$DIR"
PG_DIR=""
cleanup() {
  for f in "$DIR"/*.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  if [ -n "$PG_DIR" ]; then
    bash scripts/postgres.sh stop "$PG_DIR"
  elif [ -n "${db:-}" ]; then
    psql -q "$TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}
trap cleanup EXIT

if [ "${E2E_SERVER_BUILT:-}" != 1 ]; then
  # On its own: what scripts/e2e.sh would build (both reused when up to date).
  bash scripts/wasm-budget.sh --build-only
  cargo build -p server --bin server --no-default-features
fi
flock /tmp/portal-release.lock cp -r "$PORTAL_CACHE/release-front" "$DIR/front"

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  pg="$(bash scripts/postgres.sh)"
  PG_DIR="${pg%% *}"
  TEST_DATABASE_URL="${pg#* }"
fi
db="portal_proxy_$(date +%s)_$$"
psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE $db" >/dev/null
database_url="${TEST_DATABASE_URL%/*}/$db"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
a="$(free_port)"; b="$(free_port)"; http="$(free_port)"; https="$(free_port)"

# One instance at a time: the first seeds the demo into the new database.
start() {
  local name="$1" port="$2"
  LEPTOS_OUTPUT_NAME=interview-portal LEPTOS_SITE_ROOT="$DIR/front/site" \
    LEPTOS_HASH_FILE_NAME="$DIR/front/hash.txt" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    DATABASE_URL="$database_url" SEED_DEMO=auto MAIL=log TRUSTED_PROXIES=127.0.0.1 \
    LOGIN_LIMIT_PER_CLIENT=1000 RUST_LOG=info,sqlx=warn \
    "$CARGO_TARGET_DIR/debug/server" >>"$DIR/$name.log" 2>&1 &
  echo $! >"$DIR/$name.pid"
  answers "http://127.0.0.1:$port/health" 60 && return 0
  cat "$DIR/$name.log"
  die "instance $name did not start"
}
start a "$a"
start b "$b"

# The example, with this run's ports and a self-signed certificate.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
  -keyout "$DIR/key.pem" -out "$DIR/cert.pem" 2>/dev/null
bash scripts/nginx-example.sh "$DIR" "$a" "$b" "$http" "$https"
# Plain HTTP sends people to HTTPS.
curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/login" | grep -qx 301 \
  || die "the example's port-80 server does not redirect"

(cd end2end && PROXY_URL="https://127.0.0.1:$https" \
  PROXY_INSTANCES="http://127.0.0.1:$a http://127.0.0.1:$b" \
  npx playwright test tests/proxy.spec.ts) || {
  for f in a.log b.log nginx-error.log; do echo "--- $f (last 40 lines) ---"; tail -40 "$DIR/$f"; done
  exit 1
}
# nginx passed requests to both instances.
for port in "$a" "$b"; do
  grep -q "^127.0.0.1:$port " "$DIR/nginx-access.log" || die "nginx sent nothing to 127.0.0.1:$port"
done
echo "nginx spread $(wc -l <"$DIR/nginx-access.log") requests over both instances"
