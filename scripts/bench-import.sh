#!/usr/bin/env bash
# The legacy-import benchmark (issue #18 item 4, ADR 0068): a generated file of IMPORT_BENCH_ROWS rows (default
# 100,000: customers, orders and tickets of a past and an upcoming event, every 50th row deliberately bad) is uploaded,
# dry-run on a sample and on the whole file, imported as the background job, and imported again; it prints rows/s of
# the whole-file dry run and of the import, and the exactness check (the dry run's created/rejected equal the
# import's; the re-import creates nothing). It is the integration test ImportVolumeTests at that size, driven over
# HTTP like a client, against a PostgreSQL 15 cluster started here with fsync on (the test suite's own clusters run
# with fsync off), so the write rate is a durable one.
# Usage: bash scripts/bench-import.sh   (IMPORT_BENCH_ROWS, BENCH_PG_PORT [5436], BENCH_CONFIGURATION [Debug],
#        BENCH_NO_BUILD=1 to reuse the last build). Results go to docs/benchmarks.md by hand, with the date, this
#        command and the load average it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
pg_ensure_binaries

ROWS="${IMPORT_BENCH_ROWS:-100000}"
PG_PORT="${BENCH_PG_PORT:-5436}"
CONFIGURATION="${BENCH_CONFIGURATION:-Debug}"
DATA="$PWD/.data/bench-import/data"
if (echo > "/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
  echo "port $PG_PORT is already in use: stop what listens there or set BENCH_PG_PORT" >&2
  exit 1
fi

[ "${BENCH_NO_BUILD:-}" = 1 ] || dotnet build tests/Platform.IntegrationTests -c "$CONFIGURATION" -nologo -v quiet

rm -rf "$PWD/.data/bench-import"
pg_init "$DATA"
pg_start "$DATA" "$PG_PORT"
trap 'pg_stop "$DATA"; rm -rf "$PWD/.data/bench-import"' EXIT

echo "== legacy import, $ROWS rows ($CONFIGURATION build, $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"
log="$(mktemp)"
status=0
IMPORT_BENCH_ROWS="$ROWS" PLATFORM_TEST_ADMIN_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" \
  dotnet test tests/Platform.IntegrationTests -c "$CONFIGURATION" --no-build -nologo \
    --filter "FullyQualifiedName~ImportVolumeTests" --logger "console;verbosity=detailed" > "$log" 2>&1 || status=$?
grep -E 'bench: |Passed!|Failed!|Assert|Error Message' "$log" | sed -e 's/^ *//' || true
echo "== finished $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$status" -eq 0 ] || { echo "the benchmark's checks failed (exit $status); full output in $log" >&2; exit "$status"; }
rm -f "$log"
