#!/usr/bin/env bash
# Makes a PostgreSQL server available for the tests and prints its admin URL.
# Uses WAYPOINT_TEST_DATABASE_URL when it is already set and reachable;
# otherwise installs PostgreSQL from Debian's packages if needed and starts
# a throw-away cluster on a private port, owned by the postgres user.
set -euo pipefail
PORT="${WAYPOINT_PG_PORT:-55432}"
DIR="${WAYPOINT_PG_DIR:-/tmp/waypoint-pg}"

if [[ -n "${WAYPOINT_TEST_DATABASE_URL:-}" ]] && psql "$WAYPOINT_TEST_DATABASE_URL" -qAtc 'select 1' >/dev/null 2>&1; then
  echo "$WAYPOINT_TEST_DATABASE_URL"; exit 0
fi
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
if psql "$URL" -qAtc 'select 1' >/dev/null 2>&1; then echo "$URL"; exit 0; fi

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$BIN" ]]; then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql) >&2
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
RUN_AS=()
if [[ $(id -u) == 0 ]]; then RUN_AS=(runuser -u postgres --); fi
rm -rf "$DIR"; mkdir -p "$DIR"
[[ $(id -u) == 0 ]] && chown postgres "$DIR"
"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-sync >&2
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >&2
echo "$URL"
