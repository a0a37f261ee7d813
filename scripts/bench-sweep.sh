#!/usr/bin/env bash
# The outbox sweep's cost (ADR 0071): on a PostgreSQL 15 cluster started here, the schema migrated and the sample
# tenants loaded, SWEEP_BENCH_TENANTS more tenants are copied from a sample one, and outbox_sweep() is timed as the
# application role (the median of 7 calls, every tenant idle: the common case). The baseline, measured in the same run,
# is a trivial round trip (pgbench -c 1 'SELECT 1'): the sweep before ADR 0071 took about a dozen round trips per
# tenant (a dispatch read on each of 3 lanes, with BEGIN and COMMIT, plus each lane's recovery), so it prints that
# floor beside the measured figure.
# Usage: bash scripts/bench-sweep.sh   (SWEEP_BENCH_TENANTS [10000], BENCH_PG_PORT [5437], BENCH_NO_BUILD=1 to reuse
#        the last Release build). Results go to docs/benchmarks.md by hand, with the date and this command.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
pg_ensure_binaries

TENANTS="${SWEEP_BENCH_TENANTS:-10000}"
PG_PORT="${BENCH_PG_PORT:-5437}"
DATA="$PWD/.data/bench-sweep/data"
if (echo > "/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
  echo "port $PG_PORT is already in use: stop what listens there or set BENCH_PG_PORT" >&2
  exit 1
fi

[ "${BENCH_NO_BUILD:-}" = 1 ] || dotnet build src/Platform.Api -c Release -nologo -v quiet
rm -rf "$PWD/.data/bench-sweep"
pg_init "$DATA"
pg_start "$DATA" "$PG_PORT"
trap 'pg_stop "$DATA"; rm -rf "$PWD/.data/bench-sweep"' EXIT
pg_bootstrap "$PG_PORT" platform

bin="$PWD/src/Platform.Api/bin/Release/net10.0"
export Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_app"
export Database__OwnerConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_owner"
export DataProtection__CertificatePath="$PWD/.data/bench-sweep/keys/data-protection.pem"
export DataProtection__CreateCertificateIfMissing=true
dotnet "$bin/Platform.Api.dll" migrate --contentRoot "$bin" > /dev/null
dotnet "$bin/Platform.Api.dll" load-samples tenants-sample --contentRoot "$bin" > /dev/null

psql_as() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$1" -d platform -v ON_ERROR_STOP=1 -Atq "${@:2}"; }
psql_as postgres -c "
  INSERT INTO tenants
  SELECT (jsonb_populate_record(NULL::tenants, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'slug', 'sweep-' || g, 'branding_custom_host', NULL))).*
  FROM tenants t, generate_series(1, $TENANTS) g WHERE t.id = (SELECT min(id::text)::uuid FROM tenants);"
psql_as postgres -c "VACUUM ANALYZE"
active=$(psql_as postgres -c "SELECT count(*) FROM tenants WHERE status = 'Active'")

echo "== outbox sweep, $active active tenants ($(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"
times=$(for _ in 1 2 3 4 5 6 7; do
  psql_as platform_app -c '\timing on' -c "SELECT count(*) FROM outbox_sweep(ARRAY['settlement','webhooks','tickets'])" |
    sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
done | sort -n)
sweep_ms=$(echo "$times" | sed -n 4p)
echo "outbox_sweep(): median ${sweep_ms} ms of 7 (all: $(echo $times))"

echo 'SELECT 1;' > "$PWD/.data/bench-sweep/select1.sql"
tps=$("$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 1 -T 5 -f "$PWD/.data/bench-sweep/select1.sql" platform 2>/dev/null |
  sed -n 's/^tps = \([0-9.]*\).*/\1/p')
awk -v n="$active" -v ms="$sweep_ms" -v tps="$tps" 'BEGIN {
  rt = 1000 / tps
  printf "baseline: one round trip (pgbench -c 1 SELECT 1): %.3f ms (%.0f tps)\n", rt, tps
  printf "per tenant: %.1f us = %.2f round trips; the old sweep needed >= 12 round trips per tenant: >= %.0f ms per sweep\n", ms * 1000 / n, ms / rt / n, 12 * n * rt
  printf "ratio new / old floor: %.3f\n", ms / (12 * n * rt)
}'
echo "== finished $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
