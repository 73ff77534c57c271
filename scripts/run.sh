#!/usr/bin/env bash
# Builds the release and serves it on SQLite (data/portal.db, created and migrated at start;
# the demo program is seeded into a new database: SEED_DEMO=auto, which the server does not do
# by default). E-mails are written to the log (MAIL=log) unless SMTP_URL names a relay.
# DATABASE_URL, PORT-style settings and the rest are read from the environment: see README.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/release-build.sh
export DATABASE_URL="${DATABASE_URL:-sqlite://data/portal.db}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export SEED_DEMO="${SEED_DEMO:-auto}"
[ -n "${SMTP_URL:-}" ] || export MAIL="${MAIL:-log}"
step "starting the portal"
exec "$CARGO_TARGET_DIR/release/server" serve
