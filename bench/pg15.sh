#!/bin/sh
# The external PostgreSQL of the benchmark: the machine's PostgreSQL 15, as .ci/run
# starts it (as the postgres user, loopback only), but with a data directory that
# stays between runs so the 1M-report dataset is generated once, and a configuration
# sized for the machine (PostgreSQL's defaults are sized for a small shared box).
#
#   bench/pg15.sh start    prints the DATABASE_URL to give `npm run bench -- --database-url`
#   bench/pg15.sh stop
#
# Settings: shared_buffers = 1/4 of RAM (max 4 GB), effective_cache_size = 1/2 of RAM,
# work_mem 16 MB, random_page_cost 1.1 (SSD), max_connections 200. Override with PG15_DIR,
# PG15_PORT.
set -eu
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DIR=${PG15_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var/bench-pg15}
PORT=${PG15_PORT:-55432}
PASS_FILE="$DIR/password"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }

case "${1:-}" in
  start)
    [ -x "$PG_BIN/postgres" ] || { echo "PostgreSQL 15 is not installed in $PG_BIN (apt-get install postgresql-15)" >&2; exit 1; }
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR" && chmod 755 "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      [ -f "$PASS_FILE" ] || (head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$PASS_FILE")
      [ "$(id -u)" = 0 ] && chown postgres "$PASS_FILE"
      as_postgres "$PG_BIN/initdb -D '$DIR/data' -U demopolis --pwfile='$PASS_FILE' -A scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
      MEM_MB=$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)
      SB=$((MEM_MB / 4)); [ "$SB" -gt 4096 ] && SB=4096
      cat >> "$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
max_connections = 200
shared_buffers = ${SB}MB
effective_cache_size = $((MEM_MB / 2))MB
work_mem = 16MB
maintenance_work_mem = 512MB
random_page_cost = 1.1
max_wal_size = 4GB
CONF
    fi
    if ! as_postgres "$PG_BIN/pg_ctl -D '$DIR/data' status" >/dev/null 2>&1; then
      as_postgres "$PG_BIN/pg_ctl -D '$DIR/data' -o \"-c unix_socket_directories='$DIR'\" -l '$DIR/log' -w start" >/dev/null
    fi
    PASS=$(cat "$PASS_FILE")
    export PGPASSWORD="$PASS"
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U demopolis -d postgres -tAc "select 1 from pg_database where datname = 'demopolis'" | grep -q 1 \
      || "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U demopolis -d postgres -qc 'create database demopolis'
    echo "postgres://demopolis:$PASS@127.0.0.1:$PORT/demopolis"
    ;;
  stop)
    as_postgres "$PG_BIN/pg_ctl -D '$DIR/data' -m fast stop" >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: bench/pg15.sh start|stop" >&2
    exit 2
    ;;
esac
