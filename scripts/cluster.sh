#!/usr/bin/env bash
# A local cluster on this machine (issue #19): HAProxy in front of CLUSTER_NODES API nodes, one background-jobs node
# (the Hangfire server, outbox and webhooks; not behind HAProxy), PgBouncer in transaction pooling between the nodes
# and one PostgreSQL, and a redis-server the nodes share their rate-limit buckets and checkout admission in (ADR 0061).
# Everything lives in .data/cluster/ and is started and stopped by this script.
#
#   bash scripts/cluster.sh up            build (Release), start PostgreSQL, migrate, load the samples, start the rest
#   bash scripts/cluster.sh status        what runs, each node's readiness, HAProxy's view of the backends
#   bash scripts/cluster.sh kill N        kill -9 API node N (1-based); `start N` starts it again
#   bash scripts/cluster.sh drill         the node-failure drill: S1 with keyed, retrying buyers through HAProxy while
#                                         API nodes are killed with SIGKILL CLUSTER_DRILL_KILLS times (default 20)
#   bash scripts/cluster.sh roll          a rolling restart of the API nodes, one at a time: HAProxy drains the node, it
#                                         stops with SIGTERM, starts, and rejoins once ready (a release, without a release)
#   bash scripts/cluster.sh roll-drill    S1 with keyed buyers through HAProxy while the API nodes are rolled
#                                         CLUSTER_ROLL_ROUNDS times (default 3): nothing may fail beyond retried requests
#   CLUSTER_DRILL_TARGET=jobs bash scripts/cluster.sh drill
#                                         the drill, killing the jobs node instead: settlement and the outbox catch up
#   CLUSTER_DRILL_TARGET=primary bash scripts/cluster.sh drill
#                                         (with CLUSTER_HA=1) kill the PostgreSQL primary's machine: Patroni fails over
#   bash scripts/cluster.sh bench         S1 and S2 through HAProxy (every API node) and straight at node 1, with pgbench
#                                         and bare-Kestrel baselines of the same run (start the cluster with CLUSTER_BENCH=1)
#   bash scripts/cluster.sh down          stop everything (SIGTERM: the nodes drain; PostgreSQL stops fast)
#
# Ports: HAProxy CLUSTER_PORT (5180) and its stats page 5189, API nodes 5181.., the jobs node 5190, PgBouncer 6432,
# PostgreSQL 5435, Redis 6390.
# CLUSTER_PGBOUNCER=0 connects the nodes to PostgreSQL directly; CLUSTER_REDIS=0 runs without Redis (the nodes then share
# their limits in PostgreSQL, ADR 0070; with CLUSTER_SHARED_STORE=Node every node counts its limits on its own).
# CLUSTER_HA=1 replaces the one PostgreSQL with etcd and two Patroni members in
# synchronous mode (scripts/lib/patroni.sh; nodes then connect to both, without PgBouncer). See docs/operations/cluster.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/debian-packages.sh

STATE="$PWD/.data/cluster"
DATA="$STATE/postgres/data"
NODES="${CLUSTER_NODES:-2}"
PORT="${CLUSTER_PORT:-5180}"
JOBS_PORT="${CLUSTER_JOBS_PORT:-5190}"
PG_PORT="${CLUSTER_PG_PORT:-5435}"
BOUNCER_PORT="${CLUSTER_PGBOUNCER_PORT:-6432}"
STATS_PORT="${CLUSTER_STATS_PORT:-5189}"
USE_BOUNCER="${CLUSTER_PGBOUNCER:-1}"
REDIS_PORT="${CLUSTER_REDIS_PORT:-6390}"
USE_REDIS="${CLUSTER_REDIS:-1}"
HA="${CLUSTER_HA:-0}"
# PgBouncer would have to follow the primary too; with Patroni the nodes connect to the members themselves.
[ "$HA" = 1 ] && USE_BOUNCER=0
source scripts/lib/patroni.sh
bin="$PWD/src/Platform.Api/bin/Release/net10.0"

node_port() { echo $(( PORT + $1 )); }
pid_of() { cat "$STATE/$1.pid" 2>/dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
ready() { curl -fs -m 2 "http://127.0.0.1:$1/health/ready" >/dev/null; }
wait_ready() { for _ in $(seq 240); do ready "$1" && return 0; sleep 0.25; done; return 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# What every node shares: the database, the Data Protection key ring's certificate (the ring itself is in PostgreSQL),
# the public base URL HAProxy answers on, and limits lifted for the drill's one-IP load driver.
# The database's address in a connection string: the one PostgreSQL, or both Patroni members (the primary is chosen).
db_hosts() { if [ "$HA" = 1 ]; then ha_hosts; else echo "Host=127.0.0.1;Port=$PG_PORT"; fi; }

node_env() {
  local direct; direct="$(db_hosts);Database=platform;Username=platform_app"
  if [ "$USE_BOUNCER" = 1 ]; then
    # PgBouncer 1.18 in transaction pooling keeps no prepared statements and no session: Npgsql must not auto-prepare,
    # and LISTEN (outbox, storefront cache bus, Hangfire) goes straight to PostgreSQL.
    export Database__ConnectionString="Host=127.0.0.1;Port=$BOUNCER_PORT;Database=platform;Username=platform_app;Max Auto Prepare=0;No Reset On Close=true;Maximum Pool Size=40"
    export Database__DirectConnectionString="$direct;Maximum Pool Size=10"
  else
    export Database__ConnectionString="$direct;Maximum Pool Size=40"
    unset Database__DirectConnectionString
  fi
  export Database__OwnerConnectionString="$(db_hosts);Database=platform;Username=platform_owner"
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
  export DataProtection__CertificatePath="$PWD/.data/keys/data-protection.pem" DataProtection__CreateCertificateIfMissing=true
  export Email__PublicBaseUrl="http://localhost:$PORT"
  export OAuth__ConsoleRedirectUris__0="http://localhost:$PORT/console/signin-callback"
  export Logging__LogLevel__Default=Warning
  # Rate-limit buckets and checkout admission shared by every node (ADR 0061).
  # Without Redis the nodes share their limits in PostgreSQL (ADR 0070); CLUSTER_SHARED_STORE=Node counts them per node.
  if [ "$USE_REDIS" = 1 ]; then export Redis__Configuration="127.0.0.1:$REDIS_PORT"; else unset Redis__Configuration; export SharedState__Store="${CLUSTER_SHARED_STORE:-Postgres}"; fi
  # The harness's bare endpoint (before any platform middleware), for `bench`'s Kestrel baseline only.
  [ "${CLUSTER_BENCH:-0}" = 1 ] && export Benchmark__BareEndpoint=true
  local rate="${CLUSTER_RATE_PER_MINUTE:-100000000}"
  for bucket in Anonymous Checkout SignIn; do
    export "RateLimits__${bucket}__PermitsPerMinute=$rate" "RateLimits__${bucket}__Burst=$((rate / 60 + 1))"
  done
}

start_node() { # start_node NAME PORT RUN_JOBS
  local name="$1" port="$2" jobs="$3"
  (node_env
   export BackgroundJobs__RunServer="$jobs" WaitingRoom__RunAdmitter="$jobs" Outbox__RunDispatcher="$jobs"
   exec dotnet "$bin/Platform.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$bin" \
     --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning) >> "$STATE/$name.log" 2>&1 &
  echo $! > "$STATE/$name.pid"
}

stop_pid() { # stop_pid NAME SIGNAL
  local pid; pid=$(pid_of "$1")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "-$2" "$pid" 2>/dev/null || true
    for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$STATE/$1.pid"
}

write_haproxy_config() {
  # When no node is ready (all restarting, or all unready while PostgreSQL fails over) HAProxy answers itself: as the
  # nodes would, an RFC 9457 problem with Retry-After, so clients back off and retry instead of parsing an HTML page.
  local body='{"type":"about:blank","title":"Service unavailable","status":503,"code":"service_unavailable","detail":"No platform node is ready to answer; retry after the number of seconds in Retry-After."}'
  printf 'HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\nContent-Length: %d\r\n\r\n%s' \
    "${#body}" "$body" > "$STATE/503.http"
  {
    cat <<CFG
global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A request refused by a dying node's closed port is sent to another node once; requests already sent are not
    # replayed (the client retries with its Idempotency-Key, which is what makes a retry safe).
    retries 1
    option redispatch
    errorfile 503 $STATE/503.http
    option http-server-close
listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
    # Lets roll drain and re-enable servers through the admin form of the page (loopback only, as the whole cluster).
    stats admin if TRUE
frontend platform
    bind 127.0.0.1:$PORT
    default_backend api
backend api
    balance roundrobin
    # Readiness every second; three failures take a node out, two successes bring it back. A dead node refuses the
    # check at once, so it is out in ~3 s; a live node on starved cores gets 3 s to answer before the check counts as
    # failed. Requests in flight on a node marked down are left to finish: the first drills on a loaded machine had
    # both nodes flap down together and HAProxy cut their sessions (502s, ended responses) while they were serving.
    option httpchk GET /health/ready
    http-check expect status 200
    timeout check 3s
    default-server inter 1s fall 3 rise 2
CFG
    for i in $(seq "$NODES"); do echo "    server node$i 127.0.0.1:$(node_port "$i") check"; done
  } > "$STATE/haproxy.cfg"
}

start_bouncer() {
  # PgBouncer refuses to run as root; its files belong to the cluster's OS user.
  cat > "$STATE/pgbouncer.ini" <<INI
[databases]
platform = host=127.0.0.1 port=$PG_PORT dbname=platform
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $STATE/pgbouncer-users.txt
pool_mode = transaction
max_client_conn = 2000
default_pool_size = ${CLUSTER_PGBOUNCER_POOL:-24}
server_reset_query =
ignore_startup_parameters = extra_float_digits,application_name
pidfile = $STATE/pgbouncer.pid
logfile = $STATE/pgbouncer.log
INI
  echo '"platform_app" ""' > "$STATE/pgbouncer-users.txt"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$STATE/pgbouncer.ini" "$STATE/pgbouncer-users.txt" && touch "$STATE/pgbouncer.log" &&
    chown postgres:postgres "$STATE/pgbouncer.log" "$STATE"
  pg_as_owner pgbouncer -d "$STATE/pgbouncer.ini"
}

# Counters only (no persistence): after a restart every bucket starts full and no admission lease is held.
start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$STATE" --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log"
  for _ in $(seq 40); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "redis-server did not answer on $REDIS_PORT (see $STATE/redis.log)" >&2; return 1
}

up() {
  command -v haproxy >/dev/null || apt_ensure haproxy
  [ "$USE_REDIS" = 1 ] && ensure_redis
  [ "$USE_BOUNCER" = 1 ] && { command -v pgbouncer >/dev/null || apt_ensure pgbouncer; }
  pg_ensure_binaries
  ensure_ticket_fonts
  mkdir -p "$STATE"
  dotnet build src/Platform.Api -c Release -nologo -v quiet >/dev/null
  if [ "$HA" = 1 ]; then
    ha_up
  else
    pg_init "$DATA"
    pg_start "$DATA" "$PG_PORT"
    pg_bootstrap "$PG_PORT" platform
  fi
  [ "$USE_BOUNCER" = 1 ] && start_bouncer
  [ "$USE_REDIS" = 1 ] && start_redis
  (node_env
   api() { dotnet "$bin/Platform.Api.dll" "$@" --contentRoot "$bin" >/dev/null; }
   api migrate && api load-samples tenants-sample && api ensure-oauth-clients)
  start_node jobs "$JOBS_PORT" true
  for i in $(seq "$NODES"); do start_node "node$i" "$(node_port "$i")" false; done
  write_haproxy_config
  haproxy -f "$STATE/haproxy.cfg" -D -p "$STATE/haproxy.pid"
  for i in $(seq "$NODES"); do wait_ready "$(node_port "$i")" || { echo "node$i did not become ready (see $STATE/node$i.log)" >&2; exit 1; }; done
  wait_ready "$JOBS_PORT" || { echo "the jobs node did not become ready (see $STATE/jobs.log)" >&2; exit 1; }
  wait_ready "$PORT" || { echo "HAProxy does not answer on $PORT" >&2; exit 1; }
  echo "Cluster up: http://localhost:$PORT (HAProxy) → $NODES API nodes; jobs node :$JOBS_PORT; PgBouncer $([ "$USE_BOUNCER" = 1 ] && echo ":$BOUNCER_PORT (transaction pooling)" || echo off); Redis $([ "$USE_REDIS" = 1 ] && echo ":$REDIS_PORT" || echo off); PostgreSQL $([ "$HA" = 1 ] && echo "Patroni pg1 :$(ha_pg_port 1), pg2 :$(ha_pg_port 2) (synchronous), etcd :$HA_ETCD_PORT" || echo ":$PG_PORT")"
}

status() {
  for name in jobs $(for i in $(seq "$NODES"); do echo "node$i"; done); do
    local port; [ "$name" = jobs ] && port=$JOBS_PORT || port=$(node_port "${name#node}")
    printf '%-6s pid %-8s :%s %s\n' "$name" "$(pid_of "$name")" "$port" "$(alive "$name" && (ready "$port" && echo ready || echo 'not ready') || echo stopped)"
  done
  if alive redis; then
    printf '%-6s pid %-8s :%s %s\n' redis "$(pid_of redis)" "$REDIS_PORT" "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null || echo 'not answering')"
  fi
  [ "$HA" = 1 ] && ha_status
  if alive haproxy; then
    echo "HAProxy backends (http://127.0.0.1:$STATS_PORT/stats):"
    for i in $(seq "$NODES"); do echo "  node$i $(server_state "node$i")"; done
  fi
}

down() {
  stop_pid haproxy TERM
  for i in $(seq "$NODES"); do stop_pid "node$i" TERM; done
  stop_pid jobs TERM
  [ -f "$STATE/pgbouncer.pid" ] && { kill -TERM "$(cat "$STATE/pgbouncer.pid")" 2>/dev/null || true; rm -f "$STATE/pgbouncer.pid"; }
  stop_pid redis TERM
  [ -d "$DATA" ] && { pg_ensure_binaries; pg_stop "$DATA"; }
  [ -d "$STATE/ha" ] && ha_down
  echo "Cluster down."
}

# HAProxy's view of one server (UP, DOWN, …) from its stats page.
server_state() { curl -fs -m 2 "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, -v s="$1" '$1 == "api" && $2 == s { print $18 }'; }

# The drill: the chaos scenario's keyed, retrying buyers (bench/Platform.LoadDriver) through HAProxy, while API nodes
# are killed in turn with SIGKILL. Before each kill the other nodes must be ready, so the drill is one node failing at a
# time, not an outage; a killed node is started again CLUSTER_DRILL_DOWN seconds later and rejoins when HAProxy sees it
# ready. Kills stop when the driver ends. The driver then compares what buyers were told with what the database holds:
# lost acknowledged orders, duplicates, oversell, paid orders without tickets, double charges.
# CLUSTER_DRILL_TARGET=jobs kills the jobs node instead (the outbox, settlement and webhooks stop until it is back):
# the driver's settlement check then shows the backlog caught up.
start_driver() { # start_driver SECONDS USERS; the chaos scenario through HAProxy, in the background ($driver)
  dotnet build bench/Platform.LoadDriver -c Release -nologo -v quiet >/dev/null
  local owner; owner="$(db_hosts);Database=platform;Username=platform_owner"
  dotnet bench/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll --base-url "http://127.0.0.1:$PORT" --scenario chaos \
    --duration "$1" --users "$2" --retry-for "${CLUSTER_DRILL_RETRY_FOR:-60}" --owner-connection "$owner" &
  driver=$!
}

drill() {
  local kills="${CLUSTER_DRILL_KILLS:-20}" seconds="${CLUSTER_DRILL_SECONDS:-300}" users="${CLUSTER_DRILL_USERS:-32}"
  local target="${CLUSTER_DRILL_TARGET:-api}"
  local interval; interval=$(awk -v s="$seconds" -v k="$kills" 'BEGIN { printf "%.1f", s / (k + 2) }')
  echo "== drill $(date -u +%FT%TZ) ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)): $NODES API nodes behind HAProxy, $users buyers for $seconds s, up to $kills kills of the $target node(s) (one every $interval s)"
  start_driver "$seconds" "$users"
  local done=0 start; start=$(date +%s.%N)
  for k in $(seq "$kills"); do
    # Kill k is due at k intervals after the start, not an interval after kill k-1: the wait for the other nodes and
    # for HAProxy's mark-down (3-5 s a kill) would otherwise add up and push the last kills past the driver's end.
    sleep "$(awk -v s="$start" -v k="$k" -v i="$interval" -v n="$(date +%s.%N)" 'BEGIN { d = s + k * i - n; printf "%.2f", (d > 0 ? d : 0) }')"
    kill -0 "$driver" 2>/dev/null || break
    if [ "$target" = primary ]; then
      failover "$k" || true
      done=$((done + 1))
      continue
    fi
    if [ "$target" = jobs ]; then
      wait_ready "$JOBS_PORT" || { echo "  drill: skipped kill #$k (the jobs node is not back yet)"; continue; }
      kill -KILL "$(pid_of jobs)" 2>/dev/null || true
      echo "  drill: kill -9 jobs #$k at $(date -u +%T)"
      done=$((done + 1))
      ( sleep "${CLUSTER_DRILL_DOWN:-2}"; start_node jobs "$JOBS_PORT" true ) &
      continue
    fi
    local i=$(( (k - 1) % NODES + 1 )) others_ready=1 t0
    for j in $(seq "$NODES"); do # the others ready (60 s) and UP in HAProxy, which needs its rise checks (30 s)
      [ "$j" = "$i" ] && continue
      wait_ready "$(node_port "$j")" || { others_ready=0; continue; }
      for _ in $(seq 120); do [ "$(server_state "node$j")" = UP ] && break; sleep 0.25; done
      [ "$(server_state "node$j")" = UP ] || others_ready=0
    done
    if [ "$others_ready" = 0 ]; then echo "  drill: skipped kill #$k (another node is not back yet)"; continue; fi
    t0=$(date +%s.%N)
    kill -KILL "$(pid_of "node$i")" 2>/dev/null || true
    local state=""
    for _ in $(seq 200); do state=$(server_state "node$i"); [ "$state" = DOWN ] && break; sleep 0.05; done
    echo "  drill: kill -9 node$i #$k at $(date -u +%T); HAProxy marked it ${state:-?} after $(since "$t0") s"
    done=$((done + 1))
    ( sleep "${CLUSTER_DRILL_DOWN:-2}"; start_node "node$i" "$(node_port "$i")" false ) &
  done
  wait "$driver"
  echo "  drill: $done kills while the driver ran"
}

# Patroni failover (CLUSTER_HA=1): the leader's machine is lost (Patroni and PostgreSQL killed with SIGKILL); measures
# until the other member is primary, then brings the lost member back, to rejoin as the synchronous standby (pg_rewind).
failover() { # failover K
  local old new t0; old=$(ha_leader) || { echo "  drill: skipped failover #$1 (no primary)"; return 1; }
  curl -fs -m 1 -o /dev/null "http://127.0.0.1:$(ha_rest_port $((3 - old)))/sync" || { echo "  drill: skipped failover #$1 (no synchronous standby)"; return 1; }
  t0=$(date +%s.%N)
  ha_kill_member "$old"
  for _ in $(seq 240); do new=$(ha_leader) && [ "$new" != "$old" ] && break; sleep 0.1; done
  echo "  drill: primary pg$old lost #$1 at $(date -u +%T); pg${new:-?} primary after $(since "$t0") s"
  ha_start_member "$old"
  for _ in $(seq 600); do curl -fs -m 1 -o /dev/null "http://127.0.0.1:$(ha_rest_port "$old")/sync" && break; sleep 0.5; done
  echo "  drill: pg$old back as $(curl -fs -m 1 -o /dev/null "http://127.0.0.1:$(ha_rest_port "$old")/sync" && echo 'the synchronous standby' || echo 'NOT in sync') after $(since "$t0") s"
}

# The multi-node benchmark (issue #19 item 7): the same S1 and S2 load through HAProxy (all API nodes) and straight at
# node 1 alone, each printed with the harness's baselines measured in this run (pgbench on this cluster's PostgreSQL,
# wrk on node 1's bare endpoint), then the scaling efficiency: hold ok/s through HAProxy ÷ hold ok/s on one node.
hold_rate() { awk '$1 == "hold" && $2 == "ok/s" { print $3; exit }' "$1"; }
bench_nodes() {
  local seconds="${BENCH_SECONDS:-20}" users="${BENCH_USERS:-64}" warmup="${BENCH_WARMUP:-5}" pg_port
  command -v wrk >/dev/null || apt_ensure wrk
  pg_ensure_binaries
  if [ "$HA" = 1 ]; then pg_port=$(ha_pg_port "$(ha_leader)"); else pg_port=$PG_PORT; fi
  echo "== cluster bench $(date -u +%FT%TZ) ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)): $NODES API nodes, $users users, $seconds s per run"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -q -v ON_ERROR_STOP=1 -f bench/pgbench/setup.sql >/dev/null 2>&1
  pgb() { "$PG_BIN/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 16 -j 2 -T "$seconds" -f "$1" bench 2>/dev/null | awk '/^tps/ { print int($3) }'; }
  local single random kestrel
  single=$(pgb bench/pgbench/single-row-update.sql)
  random=$(pgb bench/pgbench/random-row-update.sql)
  kestrel=$(wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:$(node_port 1)/bench/bare" | awk '/^Requests\/sec/ { print int($2) }')
  echo "pgbench single-row ${single} tps; random-row ${random} tps; bare Kestrel (node 1) ${kestrel:-0} req/s$([ "${kestrel:-0}" -lt 1000 ] && echo ' (is the cluster up with CLUSTER_BENCH=1?)')"
  dotnet build bench/Platform.LoadDriver -c Release -nologo -v quiet >/dev/null
  local owner; owner="$(db_hosts);Database=platform;Username=platform_owner"
  local scenario target out="$STATE/bench-run.txt"
  for scenario in s1 s2; do
    local all=0 one=0
    for target in "haproxy:$PORT" "node1:$(node_port 1)"; do
      echo "-- $scenario through ${target%%:*}"
      dotnet bench/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll --base-url "http://127.0.0.1:${target#*:}" \
        --scenario "$scenario" --duration "$seconds" --users "$users" --warmup "$warmup" --owner-connection "$owner" \
        --baseline "pgbench_single_row=$single" --baseline "pgbench_random_row=$random" --baseline "kestrel_bare=${kestrel:-0}" | tee "$out"
      if [ "${target%%:*}" = haproxy ]; then all=$(hold_rate "$out"); else one=$(hold_rate "$out"); fi
    done
    echo "== $scenario scaling efficiency: $NODES nodes ${all:-0} holds/s ÷ 1 node ${one:-0} holds/s = $(awk -v a="${all:-0}" -v b="${one:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')"
  done
}

# HAProxy's admin form on the stats page: set_server NODE ready|drain|maint.
set_server() { curl -fs -m 5 -o /dev/null -d "s=$1&action=$2&b=api" "http://127.0.0.1:$STATS_PORT/stats"; }
# Requests HAProxy has in flight on a server (the stats CSV's scur column).
in_flight() { curl -fs -m 2 "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, -v s="$1" '$1 == "api" && $2 == s { print $5 }'; }

# A rolling restart, one API node at a time, as a release would do it: drain in HAProxy (no new requests, the ones in
# flight finish), SIGTERM (Kestrel finishes what it still has), start the new process, wait for its readiness, and only
# then send it traffic again and move to the next node. At every moment one node serves, so a client sees no refusal.
roll_node() { # roll_node N
  local name="node$1" port; port=$(node_port "$1")
  local t0 from=""; t0=$(date +%s.%N)
  [ -n "${DRIVER_T0:-}" ] && from=$(since "$DRIVER_T0")
  set_server "$name" drain
  for _ in $(seq 120); do [ "$(in_flight "$name")" = 0 ] && break; sleep 0.25; done
  stop_pid "$name" TERM
  start_node "$name" "$port" false
  wait_ready "$port" || { echo "$name did not become ready (see $STATE/$name.log)" >&2; return 1; }
  set_server "$name" ready
  for _ in $(seq 80); do [ "$(server_state "$name")" = UP ] && break; sleep 0.25; done
  echo "  roll: $name restarted and back in HAProxy as $(server_state "$name") after $(since "$t0") s${from:+ (driver seconds $from–$(since "$DRIVER_T0"))}"
}

roll() {
  for i in $(seq "$NODES"); do roll_node "$i"; done
}

# The zero-downtime check: S1's keyed buyers through HAProxy while every API node is rolled CLUSTER_ROLL_ROUNDS times.
# The driver prints why it had to resend requests: with a proper drain "no answer" and "5xx" stay at 0.
roll_drill() {
  local rounds="${CLUSTER_ROLL_ROUNDS:-3}" seconds="${CLUSTER_DRILL_SECONDS:-240}" users="${CLUSTER_DRILL_USERS:-32}"
  echo "== roll drill $(date -u +%FT%TZ) ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)): $NODES API nodes, $users buyers for $seconds s, $rounds rolling restarts"
  DRIVER_T0=$(date +%s.%N)
  start_driver "$seconds" "$users"
  sleep "${CLUSTER_ROLL_WARMUP:-20}"
  for r in $(seq "$rounds"); do
    kill -0 "$driver" 2>/dev/null || break
    echo "  roll: round $r at $(date -u +%T)"
    roll
  done
  wait "$driver"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) stop_pid "node${2:?node number}" KILL; echo "node$2 killed" ;;
  start) start_node "node${2:?node number}" "$(node_port "$2")" false; wait_ready "$(node_port "$2")" && echo "node$2 ready" ;;
  drill) drill ;;
  roll) roll ;;
  roll-drill) roll_drill ;;
  bench) bench_nodes ;;
  *) echo "usage: bash scripts/cluster.sh up|down|status|kill N|start N|drill|roll|roll-drill|bench" >&2; exit 2 ;;
esac
