#!/usr/bin/env bash
# What one rate-limit decision costs in PostgreSQL (the fallback ADR 0061 rejected) and in Redis (the shared store),
# on this machine: pgbench runs token-bucket.sql, redis-benchmark runs the platform's own Lua bucket
# (SharedTokenBucket's script), each with SHARED_CLIENTS clients for SHARED_SECONDS, over 10,000 callers and over one
# hot caller. Starts and removes a throwaway PostgreSQL (port 5577) and redis-server (6391). Prints the load average
# with the numbers: on a shared 2-core machine they are only comparable within one run.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/postgres.sh
source scripts/lib/debian-packages.sh
pg_ensure_binaries
ensure_redis
clients="${SHARED_CLIENTS:-8}" seconds="${SHARED_SECONDS:-10}"
dir="$(mktemp -d /tmp/shared-counters-XXXX)"
chmod 755 "$dir"
trap 'pg_stop "$dir/pg/data"; redis-cli -p 6391 shutdown nosave >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
pg_init "$dir/pg/data"
PG_FSYNC=on pg_start "$dir/pg/data" 5577
"$PG_BIN/psql" -h 127.0.0.1 -p 5577 -U postgres -q -c "CREATE UNLOGGED TABLE buckets (key int PRIMARY KEY, tokens float8 NOT NULL, at timestamptz NOT NULL)"
redis-server --port 6391 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --dir "$dir" >/dev/null
sleep 0.5
script=$(sed -n '/private const string Script = """/,/""";/p' src/Platform.Core/RateLimiting/SharedTokenBucket.cs | sed '1d;$d')
sha=$(redis-cli -p 6391 SCRIPT LOAD "$script")
echo "== shared counters $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $clients clients, $seconds s"
for keys in 10000 1; do
  tps=$("$PG_BIN/pgbench" -h 127.0.0.1 -p 5577 -U postgres -n -c "$clients" -j 2 -T "$seconds" -D keys="$keys" \
    -f bench/shared-counters/token-bucket.sql postgres 2>/dev/null | awk '/^tps/ { print $3 }')
  lat=$("$PG_BIN/pgbench" -h 127.0.0.1 -p 5577 -U postgres -n -c 1 -T 3 -D keys="$keys" \
    -f bench/shared-counters/token-bucket.sql postgres 2>/dev/null | awk '/latency average/ { print $4 }')
  echo "postgresql (unlogged table) keys=$keys: ${tps} decisions/s with $clients clients; ${lat} ms each with one client"
  rand=""; [ "$keys" -gt 1 ] && rand="-r $keys"
  # shellcheck disable=SC2086 # $rand is empty or two words
  rps=$(redis-benchmark -p 6391 -c "$clients" -n 200000 $rand -q EVALSHA "$sha" 1 "bucket:__rand_int__" 60 0.001 1 |
    tr '\r' '\n' | grep 'requests per second' | tail -1 | sed 's/.*: \([0-9.]*\) requests.*/\1/')
  one=$(redis-benchmark -p 6391 -c 1 -n 20000 $rand -q EVALSHA "$sha" 1 "bucket:__rand_int__" 60 0.001 1 |
    tr '\r' '\n' | grep 'requests per second' | tail -1 | sed 's/.*: \([0-9.]*\) requests.*/\1/')
  echo "redis (Lua bucket) keys=$keys: ${rps} decisions/s with $clients clients; $(awk -v r="$one" 'BEGIN { printf "%.3f", 1000 / r }') ms each with one client"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
