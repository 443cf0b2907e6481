#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL cluster on loopback for the test suite and prints its URL.
# Installs Debian's postgresql package when no server binaries are present.
# Usage: export ZHIPEI_TEST_PG=$(bash scripts/pg-test-cluster.sh)
set -euo pipefail
PORT="${ZHIPEI_PG_PORT:-54329}"
# PostgreSQL's default 128 MB of shared buffers holds a fifth of the 2M-message demo shop: inspecting it then
# re-reads most heap pages from the OS cache (31 s against 21–26 s with 2 GB, measured on the bench
# machine). 2 GB is a modest share of these 24 GiB machines; docs/deploy.md sizes it for a real server.
SHARED_BUFFERS="${ZHIPEI_PG_SHARED_BUFFERS:-2GB}"
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
  run_as_pg "'$bindir/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=$SHARED_BUFFERS -k /tmp\" start" >&2
fi
"$bindir/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='zhipei_test'" | grep -q 1 ||
  "$bindir/createdb" -h 127.0.0.1 -p "$PORT" -U postgres zhipei_test >&2
echo "postgres://postgres@127.0.0.1:$PORT/zhipei_test"
