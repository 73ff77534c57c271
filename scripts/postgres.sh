#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (Debian's postgresql package) in a temporary folder on
# a free port, and prints its URL. `postgres.sh stop DIR` stops it and removes the folder.
# initdb refuses to run as root, so the cluster belongs to the `postgres` user.
set -euo pipefail
source "$(dirname "$0")/env.sh"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  dir="$2"
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] || die "PostgreSQL is not installed (scripts/setup.sh test installs it)"
dir="$(mktemp -d /tmp/portal-pg.XXXXXX)"
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$dir/server.log" >&2; die "PostgreSQL did not start"; }
echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
