#!/usr/bin/env bash
# Starts (idempotently) a throw-away PostgreSQL server on 127.0.0.1 for the tests.
#   scripts/pg-test-server.sh start   -> prints the connection string
#   scripts/pg-test-server.sh stop
# Installs Debian's postgresql package when no server binaries are present.
set -euo pipefail
PORT="${CITYMATRIX_PG_PORT:-55432}"
DIR="${CITYMATRIX_PG_DIR:-/tmp/citymatrix-pg-$PORT}"
CONN="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres;Database=postgres"

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    BIN=$(find_bin) || {
      echo "installing postgresql (Debian package)..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
      BIN=$(find_bin)
    }
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres "$DIR"
      as_pg "$BIN/initdb" -D "$DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start \
        -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    fi
    echo "$CONN"
    ;;
  stop)
    BIN=$(find_bin) || exit 0
    [ -f "$DIR/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
