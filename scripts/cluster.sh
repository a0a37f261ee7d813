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
#   bash scripts/cluster.sh down          stop everything (SIGTERM: the nodes drain; PostgreSQL stops fast)
#
# Ports: HAProxy CLUSTER_PORT (5180) and its stats page 5189, API nodes 5181.., the jobs node 5190, PgBouncer 6432,
# PostgreSQL 5435, Redis 6390.
# CLUSTER_PGBOUNCER=0 connects the nodes to PostgreSQL directly; CLUSTER_REDIS=0 runs without Redis (every node then
# counts its limits on its own). See docs/operations/cluster.md.
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
bin="$PWD/src/Platform.Api/bin/Release/net10.0"

node_port() { echo $(( PORT + $1 )); }
pid_of() { cat "$STATE/$1.pid" 2>/dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
ready() { curl -fs -m 2 "http://127.0.0.1:$1/health/ready" >/dev/null; }
wait_ready() { for _ in $(seq 240); do ready "$1" && return 0; sleep 0.25; done; return 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# What every node shares: the database, the Data Protection key ring's certificate (the ring itself is in PostgreSQL),
# the public base URL HAProxy answers on, and limits lifted for the drill's one-IP load driver.
node_env() {
  local direct="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_app"
  if [ "$USE_BOUNCER" = 1 ]; then
    # PgBouncer 1.18 in transaction pooling keeps no prepared statements and no session: Npgsql must not auto-prepare,
    # and LISTEN (outbox, storefront cache bus, Hangfire) goes straight to PostgreSQL.
    export Database__ConnectionString="Host=127.0.0.1;Port=$BOUNCER_PORT;Database=platform;Username=platform_app;Max Auto Prepare=0;No Reset On Close=true;Maximum Pool Size=40"
    export Database__DirectConnectionString="$direct;Maximum Pool Size=10"
  else
    export Database__ConnectionString="$direct;Maximum Pool Size=40"
    unset Database__DirectConnectionString
  fi
  export Database__OwnerConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_owner"
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
  export DataProtection__CertificatePath="$PWD/.data/keys/data-protection.pem" DataProtection__CreateCertificateIfMissing=true
  export Email__PublicBaseUrl="http://localhost:$PORT"
  export OAuth__ConsoleRedirectUris__0="http://localhost:$PORT/console/signin-callback"
  export Logging__LogLevel__Default=Warning
  # Rate-limit buckets and checkout admission shared by every node (ADR 0061).
  if [ "$USE_REDIS" = 1 ]; then export Redis__Configuration="127.0.0.1:$REDIS_PORT"; else unset Redis__Configuration; fi
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
    option http-server-close
listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
frontend platform
    bind 127.0.0.1:$PORT
    default_backend api
backend api
    balance roundrobin
    # Readiness every second; two failures take a node out, two successes bring it back.
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
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
  pg_init "$DATA"
  pg_start "$DATA" "$PG_PORT"
  pg_bootstrap "$PG_PORT" platform
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
  echo "Cluster up: http://localhost:$PORT (HAProxy) → $NODES API nodes; jobs node :$JOBS_PORT; PgBouncer $([ "$USE_BOUNCER" = 1 ] && echo ":$BOUNCER_PORT (transaction pooling)" || echo off); Redis $([ "$USE_REDIS" = 1 ] && echo ":$REDIS_PORT" || echo off); PostgreSQL :$PG_PORT"
}

status() {
  for name in jobs $(for i in $(seq "$NODES"); do echo "node$i"; done); do
    local port; [ "$name" = jobs ] && port=$JOBS_PORT || port=$(node_port "${name#node}")
    printf '%-6s pid %-8s :%s %s\n' "$name" "$(pid_of "$name")" "$port" "$(alive "$name" && (ready "$port" && echo ready || echo 'not ready') || echo stopped)"
  done
  if alive redis; then
    printf '%-6s pid %-8s :%s %s\n' redis "$(pid_of redis)" "$REDIS_PORT" "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null || echo 'not answering')"
  fi
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
  echo "Cluster down."
}

# HAProxy's view of one server (UP, DOWN, …) from its stats page.
server_state() { curl -fs -m 2 "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, -v s="$1" '$1 == "api" && $2 == s { print $18 }'; }

# The drill: the chaos scenario's keyed, retrying buyers (bench/Platform.LoadDriver) through HAProxy, while API nodes
# are killed in turn with SIGKILL. Before each kill the other nodes must be ready, so the drill is one node failing at a
# time, not an outage; a killed node is started again CLUSTER_DRILL_DOWN seconds later and rejoins when HAProxy sees it
# ready. Kills stop when the driver ends. The driver then compares what buyers were told with what the database holds:
# lost acknowledged orders, duplicates, oversell, paid orders without tickets, double charges.
drill() {
  local kills="${CLUSTER_DRILL_KILLS:-20}" seconds="${CLUSTER_DRILL_SECONDS:-300}" users="${CLUSTER_DRILL_USERS:-32}"
  local interval; interval=$(awk -v s="$seconds" -v k="$kills" 'BEGIN { printf "%.1f", s / (k + 2) }')
  dotnet build bench/Platform.LoadDriver -c Release -nologo -v quiet >/dev/null
  local owner="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_owner"
  echo "== drill $(date -u +%FT%TZ) ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)): $NODES API nodes behind HAProxy, $users buyers for $seconds s, up to $kills kills (one every $interval s)"
  dotnet bench/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll --base-url "http://127.0.0.1:$PORT" --scenario chaos \
    --duration "$seconds" --users "$users" --retry-for "${CLUSTER_DRILL_RETRY_FOR:-60}" --owner-connection "$owner" &
  local driver=$! done=0
  for k in $(seq "$kills"); do
    sleep "$interval"
    kill -0 "$driver" 2>/dev/null || break
    local i=$(( (k - 1) % NODES + 1 )) others_ready=1 t0
    for j in $(seq "$NODES"); do
      [ "$j" = "$i" ] || { wait_ready "$(node_port "$j")" && [ "$(server_state "node$j")" = UP ]; } || others_ready=0
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

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) stop_pid "node${2:?node number}" KILL; echo "node$2 killed" ;;
  start) start_node "node${2:?node number}" "$(node_port "$2")" false; wait_ready "$(node_port "$2")" && echo "node$2 ready" ;;
  drill) drill ;;
  *) echo "usage: bash scripts/cluster.sh up|down|status|kill N|start N|drill" >&2; exit 2 ;;
esac
