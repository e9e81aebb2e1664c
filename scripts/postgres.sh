#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL 15 on 127.0.0.1:5432 with role and database
# "sadari". Idempotent. Stop with `scripts/postgres.sh stop` (by the postmaster's PID file).
set -euo pipefail
PGVER=15
PGDATA=/var/lib/postgresql/$PGVER/main
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x /usr/lib/postgresql/$PGVER/bin/postgres ]; then
    echo "Installing PostgreSQL $PGVER…"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends postgresql-$PGVER postgresql-contrib >/dev/null
  fi
  if [ ! -d "$PGDATA" ]; then as_root pg_createcluster $PGVER main >/dev/null; fi
}

start() {
  install
  if ! pg_lsclusters -h | awk '$1=="'$PGVER'" && $2=="main" {print $4}' | grep -q online; then
    as_root pg_ctlcluster $PGVER main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.5
  done
  as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='sadari'\"" | grep -q 1 \
    || as_root su postgres -c "psql -qc \"CREATE ROLE sadari LOGIN PASSWORD 'sadari' SUPERUSER\""
  as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='sadari'\"" | grep -q 1 \
    || as_root su postgres -c "createdb -O sadari -E UTF8 -T template0 sadari"
  tune
  echo "PostgreSQL $PGVER ready on 127.0.0.1:5432 (database sadari)"
}

# shared_buffers: PostgreSQL's default (128 MB) keeps little of a large directory in its own
# cache; a quarter of the memory (at most 4 GB) is the usual setting. Only a default is changed.
tune() {
  local current mem_mb want_mb
  current=$(as_root su postgres -c "psql -qtAc 'SHOW shared_buffers'")
  [ "$current" = "128MB" ] || return 0
  mem_mb=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
  want_mb=$(( mem_mb / 4 > 4096 ? 4096 : mem_mb / 4 ))
  [ "$want_mb" -gt 128 ] || return 0
  as_root su postgres -c "psql -qc \"ALTER SYSTEM SET shared_buffers = '${want_mb}MB'\""
  as_root pg_ctlcluster $PGVER main restart
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
}

stop() {
  if [ -f "$PGDATA/postmaster.pid" ]; then
    as_root kill -INT "$(head -1 "$PGDATA/postmaster.pid")" || true
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
