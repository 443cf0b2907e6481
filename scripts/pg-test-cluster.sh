#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL cluster on loopback for the test suite and prints its URL.
# Installs Debian's postgresql package when no server binaries are present.
# Usage: export ZHIPEI_TEST_PG=$(bash scripts/pg-test-cluster.sh)
set -euo pipefail
PORT="${ZHIPEI_PG_PORT:-54329}"
# ZHIPEI_PG_SHARED_BUFFERS (e.g. 2GB) overrides PostgreSQL's default of 128 MB. Tried as the default on
# 2026-11-22 (see BENCHMARKS.md): the 2M inspection ran 21–26 s in scripted runs instead of 31 s, but in the
# bench 25–32 s, and the 300k import seemed to slow down, so the cluster keeps PostgreSQL's default.
SHARED_BUFFERS="${ZHIPEI_PG_SHARED_BUFFERS:-128MB}"
DIR="${ZHIPEI_PG_DIR:-/tmp/zhipei-pg-$PORT}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/postgres" ]; then
  echo "installing postgresql from apt" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run_as_pg() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
if ! "$bindir/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = "0" ] && chown postgres "$DIR"
    run_as_pg "'$bindir/initdb' -D '$DIR' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >&2
  fi
  # The plans of statements slower than a second go to server.log (auto_explain, when installed): the
  # benchmark saw two PostgreSQL inspections take ten times their usual time, and a plan is what explains one.
  explain=""
  [ -f "$bindir/../lib/auto_explain.so" ] &&
    explain="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=1s"
  run_as_pg "'$bindir/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=$SHARED_BUFFERS -k /tmp $explain\" start" >&2
fi
"$bindir/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='zhipei_test'" | grep -q 1 ||
  "$bindir/createdb" -h 127.0.0.1 -p "$PORT" -U postgres zhipei_test >&2
echo "postgres://postgres@127.0.0.1:$PORT/zhipei_test"
