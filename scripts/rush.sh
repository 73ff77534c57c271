#!/usr/bin/env bash
# The release-day rush, measured (README, "Measured"): the release server (scripts/release-build.sh,
# as `make run` builds it) and the benchmark built in release, then server/examples/release_rush on
# SQLite, on PostgreSQL with one instance, on PostgreSQL with two instances (the load split by
# the benchmark), and on the two behind the reverse proxy (nginx with deploy/nginx.conf, over TLS)
# (a throwaway cluster, unless TEST_DATABASE_URL names a server: a new database on it each run). Arguments go
# to every run: `bash scripts/rush.sh --applicants 2000`. Not part of `make test`, which runs a
# small rush (scripts/test.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

bash scripts/release-build.sh
step "the benchmark, release build (cargo build --release -p server --example release_rush)"
cargo build --release -p server --example release_rush
bench="$CARGO_TARGET_DIR/release/examples/release_rush"

PG_DIR=""
cleanup() { [ -z "$PG_DIR" ] || bash scripts/postgres.sh stop "$PG_DIR"; }
trap cleanup EXIT
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  pg="$(bash scripts/postgres.sh)"
  PG_DIR="${pg%% *}"
  TEST_DATABASE_URL="${pg#* }"
fi
fresh_database() {
  local db="portal_rush_$(date +%s%N)"
  psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE $db" >/dev/null
  echo "${TEST_DATABASE_URL%/*}/$db"
}

step "SQLite, one instance"
"$bench" "$@"
step "PostgreSQL, one instance"
"$bench" --database "$(fresh_database)" "$@"
step "PostgreSQL, two instances"
"$bench" --database "$(fresh_database)" --instances 2 "$@"
step "PostgreSQL, two instances behind nginx"
"$bench" --database "$(fresh_database)" --instances 2 --proxy "$@"
