#!/usr/bin/env bash
# The benchmark harness. In one run, on this machine:
#   1. baselines: pgbench single-row counter UPDATE and random-row UPDATE on a fresh PostgreSQL cluster, and wrk on
#      a bare endpoint of the same host process;
#   2. the platform (Release) on that cluster, driven over HTTP by bench/Platform.LoadDriver;
#   3. each figure printed with its ratio to the baselines.
# Usage: bash scripts/bench.sh [scenario ...]   (default: every scenario). Results go to docs/benchmarks.md by hand,
# with the date and this command. `chaos` (not in the default list) runs S1 with keyed, retrying buyers while the app is
# killed with SIGKILL BENCH_CHAOS_KILLS times (default 5) and PostgreSQL is restarted (-m immediate) once; run alone,
# it skips the baselines.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
pg_ensure_binaries
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

PG_PORT="${BENCH_PG_PORT:-5434}"
APP_PORT="${BENCH_APP_PORT:-5081}"
BENCH_SECONDS="${BENCH_SECONDS:-15}"
DATA="$PWD/.data/bench/data"
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(public-profile get:/api/v1/public/tenants/harbour-stadium/events s3 s1 s2 s4 s6 webhooks)

for port in "$PG_PORT" "$APP_PORT"; do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: stop what listens there or set BENCH_PG_PORT / BENCH_APP_PORT" >&2
    exit 1
  fi
done
rm -rf "$PWD/.data/bench"
# BENCH_PG_STATS=1 loads pg_stat_statements and prints, after the scenarios, the statements that cost PostgreSQL most;
# auto_explain writes the plan of any statement slower than 2 s to .data/bench/postgres.log (S2's intermittent stall
# was its free-seat read taking ~17 s per call, a plan not yet caught).
[ -n "${BENCH_PG_STATS:-}" ] && export PG_EXTRA_OPTS="-c shared_preload_libraries=pg_stat_statements,auto_explain -c pg_stat_statements.track=all -c auto_explain.log_min_duration=2s"
pg_init "$DATA"
pg_start "$DATA" "$PG_PORT"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  pg_stop "$DATA"
}
trap cleanup EXIT
pg_bootstrap "$PG_PORT" platform

chaos_only=0
[ "${scenarios[*]}" = chaos ] && chaos_only=1
pg_single=0 pg_random=0 kestrel=0
if [ "$chaos_only" -eq 0 ]; then
echo "== baselines ($(nproc) cores, $(date -u +%FT%TZ))"
# The baselines get their own database on the same cluster, so they never touch the platform's schema.
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -c "CREATE DATABASE bench"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -q -v ON_ERROR_STOP=1 -f bench/pgbench/setup.sql 2>/dev/null
pgbench() { "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T "$BENCH_SECONDS" -f "$1" bench 2>/dev/null |
  awk '/^tps/ {print int($3)}'; }
pg_single=$(pgbench bench/pgbench/single-row-update.sql)
pg_random=$(pgbench bench/pgbench/random-row-update.sql)
echo "pgbench single-row counter UPDATE: ${pg_single} tps"
echo "pgbench random-row UPDATE:         ${pg_random} tps"
fi

# BENCH_NO_BUILD=1 runs the Release binaries already built (an A/B of two builds swaps the app's bin folder between runs).
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  dotnet build src/Platform.Api -c Release -nologo -v quiet >/dev/null
  dotnet build bench/Platform.LoadDriver -c Release -nologo -v quiet >/dev/null
fi
bin="$PWD/src/Platform.Api/bin/Release/net10.0"
export Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_app;Maximum Pool Size=64"
export Database__OwnerConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_owner"
export Benchmark__BareEndpoint=true
# The webhooks scenario's Standard Webhooks receiver runs inside the load driver on http://127.0.0.1 (development-only
# setting, logged by the app at start-up).
export Webhooks__AllowLoopback=true
export Logging__LogLevel__Default=Warning
# Production refuses an unencrypted Data Protection key ring (ADR 0038): the bench uses a local certificate.
export DataProtection__CertificatePath="$PWD/.data/keys/data-protection.pem" DataProtection__CreateCertificateIfMissing=true
# The load driver is one IP acting for thousands of buyers: lift the per-IP anonymous and checkout buckets so the
# scenarios measure checkout, not the per-caller limiter. In S4 the excess is turned away by the node's checkout
# admission control (RateLimits:CheckoutAdmission, 429 checkout_busy), which does not depend on the caller.
BENCH_RATE_PER_MINUTE="${BENCH_RATE_PER_MINUTE:-100000000}"
for bucket in Anonymous Checkout SignIn; do
  export "RateLimits__${bucket}__PermitsPerMinute=$BENCH_RATE_PER_MINUTE" "RateLimits__${bucket}__Burst=$((BENCH_RATE_PER_MINUTE / 60 + 1))"
done
# S6's virtual gates share one device token (one client): lift the per-client plan buckets too.
for plan in free standard enterprise; do
  export "RateLimits__Plans__${plan}__PermitsPerMinute=$BENCH_RATE_PER_MINUTE" "RateLimits__Plans__${plan}__Burst=$((BENCH_RATE_PER_MINUTE / 60 + 1))"
done
# S7 (waiting room): passes live 30 s so the run can show an expired pass refused; /metrics is read with a scrape token
# made for this run (the driver reads the app's risk-scoring histogram from it).
export WaitingRoom__PassLifetime=00:00:30
scrape_token="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Observability__ScrapeTokenSha256="$(printf %s "$scrape_token" | sha256sum | cut -d' ' -f1)"
# Request logs at Information would measure the console, not the platform.
api() { dotnet "$bin/Platform.Api.dll" "$@" --contentRoot "$bin" --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning; }
api migrate >/dev/null
api load-samples tenants-sample >/dev/null
# exec: $! must be the dotnet process itself, or the cleanup's kill leaves the app running on the port.
start_app() {
  (exec dotnet "$bin/Platform.Api.dll" --urls "http://127.0.0.1:$APP_PORT" --contentRoot "$bin" \
    --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning) >> "$PWD/.data/bench/app.log" 2>&1 &
  app_pid=$!
}
wait_ready() { for _ in $(seq 240); do curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null && return 0; sleep 0.25; done; return 1; }
start_app
wait_ready
# Resident memory of the app process (VmRSS, MB): idle after start-up, and the peak while each scenario runs,
# sampled every 200 ms (VmHWM would include start-up and every earlier scenario).
rss_mb() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$app_pid/status" 2>/dev/null || echo 0; }
rss_peak_start() {
  ( peak=0; while kill -0 "$app_pid" 2>/dev/null; do r=$(rss_mb); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$PWD/.data/bench/rss-peak"; sleep 0.2; done ) &
  rss_sampler=$!
}
rss_peak_stop() { kill "$rss_sampler" 2>/dev/null; wait "$rss_sampler" 2>/dev/null || true; cat "$PWD/.data/bench/rss-peak" 2>/dev/null || echo 0; }
sleep 3
echo "app RSS idle after start-up:       $(rss_mb) MB"

if [ "$chaos_only" -eq 0 ]; then
kestrel=$(wrk -t2 -c64 -d"${BENCH_SECONDS}s" "http://127.0.0.1:$APP_PORT/bench/bare" | awk '/^Requests\/sec/ {print int($2)}')
echo "wrk bare Kestrel endpoint:         ${kestrel} req/s"
fi

# Checkout scenarios (s1 checkout-ga, s2 checkout-seats, s4 checkout-overload) create their stock and check
# oversell/double-sell afterwards as the schema owner. S4 is open-loop at BENCH_OVERLOAD_RATE buyer arrivals/s (the
# default is ~2.3x the peak S1 measured on this machine, ~220 buyers/s on 2026-12-04); the others are closed-loop with BENCH_USERS concurrent buyers.
BENCH_USERS="${BENCH_USERS:-64}"
# Each scenario first runs BENCH_WARMUP seconds unmeasured, so the figures are the JIT-warm steady state.
BENCH_WARMUP="${BENCH_WARMUP:-30}"
BENCH_OVERLOAD_RATE="${BENCH_OVERLOAD_RATE:-500}"
owner="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_owner"
# S6 (check-in) buys BENCH_CHECKIN_TICKETS tickets (+1,000 for the double-scan check) through checkout, then scans
# them with BENCH_USERS concurrent gate devices; the scan pool wraps around (already_used) when the run outlasts it.
# BENCH_TRACE=file.nettrace traces the app (dotnet-trace) through the first scenario, to see what limits it: it starts
# BENCH_WARMUP seconds in, so it covers the measured window rather than the warm-up's JIT tiering. BENCH_TRACE_PROFILE
# picks the profile: dotnet-sampled-thread-time (default: where the CPU goes) or gc-verbose (allocation ticks, one per
# ~100 KB a thread allocates, with the type and stack: what allocates). A trace costs the app CPU: take CPU and allocated
# bytes per buyer from a run without it.
if [ -n "${BENCH_TRACE:-}" ]; then
  trace_tool="$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")"
  [ -x "$trace_tool" ] || dotnet tool install -g dotnet-trace >/dev/null
  (sleep "$BENCH_WARMUP"; exec "$trace_tool" collect -p "$app_pid" --profile "${BENCH_TRACE_PROFILE:-dotnet-sampled-thread-time}" \
    --duration "00:00:00:$BENCH_SECONDS" -o "$BENCH_TRACE") > "$PWD/.data/bench/trace.log" 2>&1 &
fi
pg_stats() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d platform -q -P pager=off "$@"; }
[ -n "${BENCH_PG_STATS:-}" ] && pg_stats -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# chaos: the driver runs S1 with keyed, retrying buyers for BENCH_SECONDS while the app is killed (SIGKILL) and
# restarted BENCH_CHAOS_KILLS times at even intervals, and PostgreSQL is stopped -m immediate and restarted once (after
# the middle kill). The driver then compares what buyers were told with what the database holds.
run_chaos() {
  local kills="${BENCH_CHAOS_KILLS:-5}"
  local interval=$(( BENCH_SECONDS / (kills + 2) ))
  dotnet bench/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll \
    --base-url "http://127.0.0.1:$APP_PORT" --scenario chaos --duration "$BENCH_SECONDS" --users "$BENCH_USERS" \
    --retry-for "${BENCH_CHAOS_RETRY_FOR:-90}" --owner-connection "$owner" &
  local driver=$!
  for i in $(seq "$kills"); do
    sleep "$interval"
    kill -KILL "$app_pid"; wait "$app_pid" 2>/dev/null || true
    local t0; t0=$(date +%s.%N)
    start_app
    wait_ready || echo "  chaos: the app did not become ready" >&2
    echo "  chaos: kill -9 #$i at $(date -u +%T); app ready again after $(since "$t0") s"
    if [ "$i" -eq $(( (kills + 1) / 2 )) ]; then
      sleep $(( interval / 2 ))
      t0=$(date +%s.%N)
      pg_as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null
      pg_start "$DATA" "$PG_PORT"
      echo "  chaos: PostgreSQL stopped -m immediate and started again at $(date -u +%T) in $(since "$t0") s"
    fi
  done
  wait "$driver"
}

# s3-wrk: the S3 event page driven by wrk, the tool that measures the bare-Kestrel baseline, so the ratio compares the
# platform with the bare endpoint and not the .NET load driver's own cost per request with wrk's (the driver shares the
# 2 cores with the app). Same page as S3: the first event northwind-live lists, English, no cookies.
run_s3_wrk() {
  local id
  id=$(curl -fs "http://127.0.0.1:$APP_PORT/api/v1/public/tenants/northwind-live/events" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  local url="http://127.0.0.1:$APP_PORT/t/northwind-live/events/$id"
  wrk -t2 -c64 -d"${BENCH_WARMUP}s" -H 'Accept-Language: en' "$url" >/dev/null
  local out; out=$(wrk -t2 -c64 -d"${BENCH_SECONDS}s" --latency -H 'Accept-Language: en' "$url")
  local rps; rps=$(awk '/^Requests\/sec/ {print int($2)}' <<<"$out")
  echo "== s3-wrk storefront event page $url (wrk -t2 -c64, ${BENCH_SECONDS} s after ${BENCH_WARMUP} s warm-up)"
  awk '/^ +(50|99)%/ {printf "  latency %s %s\n", $1, $2} /Non-2xx/ {print "  " $0}' <<<"$out"
  echo "  event_page req/s ${rps}; ratio to kestrel_bare (${kestrel}/s): $(awk -v a="$rps" -v b="$kestrel" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')"
}

for scenario in "${scenarios[@]}"; do
  if [ "$scenario" = chaos ]; then
    run_chaos
    continue
  fi
  if [ "$scenario" = s3-wrk ]; then
    run_s3_wrk
    continue
  fi
  load=(--users "$BENCH_USERS" --warmup "$BENCH_WARMUP")
  case "$scenario" in
    # S7: BENCH_ROOM_ARRIVALS joins (default 100,000), the room admitting BENCH_ROOM_RATE buyers/min (default 30,000), then
    # BENCH_USERS pollers; afterwards the pass probes and the scalper simulator's orders over HTTP.
    s7|waiting-room) load=(--users "$BENCH_USERS" --warmup "$BENCH_WARMUP" --arrivals "${BENCH_ROOM_ARRIVALS:-100000}"
      --room-rate "${BENCH_ROOM_RATE:-30000}" --pass-lifetime 30 --scrape-token "$scrape_token") ;;
    s4|checkout-overload) load=(--rate "$BENCH_OVERLOAD_RATE" --max-in-flight 4000 --warmup "$BENCH_WARMUP") ;;
    s6|check-in)
      # No warm-up: S6 counts its own double scans, and its ticket purchase warms the app anyway.
      load=(--users "$BENCH_USERS" --tickets "${BENCH_CHECKIN_TICKETS:-5000}")
      # BENCH_CHECKIN_RATE=500 drives scans open-loop at that arrival rate (latency at the target rate, not at saturation).
      [ -n "${BENCH_CHECKIN_RATE:-}" ] && load=(--rate "$BENCH_CHECKIN_RATE" --max-in-flight 2000 --tickets "${BENCH_CHECKIN_TICKETS:-5000}") ;;
    # BENCH_WEBHOOK_ENDPOINTS=N fans every event out to N endpoints (default 1): one endpoint gets only ~2 events per
    # buyer, far below the delivery pool's ceiling on this machine.
    webhooks|deliver) load+=(--webhook-endpoints "${BENCH_WEBHOOK_ENDPOINTS:-1}") ;;
  esac
  echo 0 > "$PWD/.data/bench/rss-peak"
  rss_peak_start
  # --cpu: the driver reads the app's and PostgreSQL's CPU time from /proc around the measured window and prints CPU per
  # success of the scenario's last step (per paid buyer in S1/S2), as issue #20 records it; --scrape-token: it reads the
  # app's allocated-bytes counter from /metrics around the same window and prints bytes allocated per success too.
  dotnet bench/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll \
    --base-url "http://127.0.0.1:$APP_PORT" --scenario "$scenario" --duration "$BENCH_SECONDS" "${load[@]}" \
    --owner-connection "$owner" --cpu "app=$app_pid,postmaster=$(head -1 "$DATA/postmaster.pid")" --scrape-token "$scrape_token" \
    --baseline "pgbench_single_row=$pg_single" --baseline "pgbench_random_row=$pg_random" --baseline "kestrel_bare=$kestrel"
  echo "app RSS peak during $scenario (warm-up included): $(rss_peak_stop) MB; after it: $(rss_mb) MB"
  sleep 5
  echo "app RSS 5 s after $scenario (idle again): $(rss_mb) MB"
done

if [ -n "${BENCH_PG_STATS:-}" ]; then
  echo "== pg_stat_statements (top 30 by total time)"
  pg_stats -c "SELECT calls, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 140) AS query
     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 30"
  echo "== statements slower than 2 s (plans in .data/bench/postgres.log): $(grep -c 'duration:' .data/bench/postgres.log || true)"
fi
