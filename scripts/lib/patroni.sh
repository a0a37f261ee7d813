#!/usr/bin/env bash
# PostgreSQL high availability for the local cluster (issue #19 item 5, ADR 0066): one etcd and two Patroni members in
# synchronous mode, so a commit is acknowledged only once the standby has it and a failover loses no acknowledged
# order. Sourced by scripts/cluster.sh when CLUSTER_HA=1; needs STATE, PG_BIN and the helpers of postgres.sh.
#
# Members: pg1 and pg2, PostgreSQL on HA_PG_PORT and HA_PG_PORT+1, Patroni's REST API on HA_REST_PORT and +1 (its
# /primary answers 200 only on the leader). etcd on HA_ETCD_PORT (client) and +1 (peer).

HA_DIR="$STATE/ha"
HA_PG_PORT="${CLUSTER_HA_PG_PORT:-5441}"
HA_REST_PORT="${CLUSTER_HA_REST_PORT:-8441}"
HA_ETCD_PORT="${CLUSTER_HA_ETCD_PORT:-2479}"

ha_pg_port() { echo $(( HA_PG_PORT + $1 - 1 )); }
ha_rest_port() { echo $(( HA_REST_PORT + $1 - 1 )); }

# What the nodes connect to: both members; Npgsql picks the one that accepts writes and re-checks a host's role every
# second, so after a failover new connections find the new primary without any configuration change.
ha_hosts() { echo "Host=127.0.0.1:$(ha_pg_port 1),127.0.0.1:$(ha_pg_port 2);Target Session Attributes=primary;Host Recheck Seconds=1"; }

# The member (1 or 2) whose Patroni says it is the primary, or nothing.
ha_leader() {
  local m
  for m in 1 2; do curl -fs -m 1 -o /dev/null "http://127.0.0.1:$(ha_rest_port "$m")/primary" && { echo "$m"; return 0; }; done
  return 1
}

ha_write_member_config() { # ha_write_member_config N
  local m="$1" dir="$HA_DIR/pg$1"
  mkdir -p "$dir"
  cat > "$dir/patroni.yml" <<YML
scope: platform
name: pg$m
log:
  dir: $dir
restapi:
  listen: 127.0.0.1:$(ha_rest_port "$m")
  connect_address: 127.0.0.1:$(ha_rest_port "$m")
etcd:
  host: 127.0.0.1:$HA_ETCD_PORT
bootstrap:
  dcs:
    # The leader key lives 10 s without renewal: a primary that dies is replaced 10-12 s later.
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # A commit returns only once the synchronous standby has it: a failover cannot lose an acknowledged order.
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters:
        max_connections: 300
        shared_buffers: 256MB
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$(ha_pg_port "$m")
  connect_address: 127.0.0.1:$(ha_pg_port "$m")
  data_dir: $dir/data
  bin_dir: $PG_BIN
  pgpass: $dir/pgpass
  authentication:
    superuser:
      username: postgres
    replication:
      username: replicator
  parameters:
    unix_socket_directories: $dir
    fsync: "${PG_FSYNC:-on}"
YML
}

ha_start_etcd() {
  mkdir -p "$HA_DIR/etcd"
  etcd --name ha --data-dir "$HA_DIR/etcd" --enable-v2=true \
    --listen-client-urls "http://127.0.0.1:$HA_ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$HA_ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$((HA_ETCD_PORT + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((HA_ETCD_PORT + 1))" \
    --initial-cluster "ha=http://127.0.0.1:$((HA_ETCD_PORT + 1))" >> "$HA_DIR/etcd.log" 2>&1 &
  echo $! > "$STATE/etcd.pid"
  for _ in $(seq 80); do curl -fs -m 1 "http://127.0.0.1:$HA_ETCD_PORT/health" >/dev/null && return 0; sleep 0.25; done
  echo "etcd did not start (see $HA_DIR/etcd.log)" >&2
  return 1
}

ha_start_member() { # ha_start_member N
  local m="$1"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$HA_DIR/pg$m"
  # Patroni refuses to run PostgreSQL as root, like initdb: the member runs as the cluster's OS user.
  (pg_as_owner patroni "$HA_DIR/pg$m/patroni.yml" >> "$HA_DIR/pg$m/patroni.out" 2>&1) &
  echo $! > "$STATE/patroni$m.pid"
}

# Kills a member as a lost machine would: Patroni and its PostgreSQL at once, with SIGKILL.
ha_kill_member() { # ha_kill_member N
  local m="$1"
  # Every process of the member: runuser and Patroni (killing runuser alone leaves Patroni, which would just restart
  # PostgreSQL in place: a crash, not a lost machine), then the postmaster and its children.
  pkill -KILL -f "patroni $HA_DIR/pg$m/patroni.yml" 2>/dev/null || true
  [ -f "$HA_DIR/pg$m/data/postmaster.pid" ] && kill -KILL "$(head -1 "$HA_DIR/pg$m/data/postmaster.pid")" 2>/dev/null
  pkill -KILL -f -- "-D $HA_DIR/pg$m/data" 2>/dev/null || true
  return 0
}

ha_up() {
  command -v patroni >/dev/null || apt_ensure patroni
  command -v etcd >/dev/null || apt_ensure etcd-server
  mkdir -p "$HA_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$HA_DIR"
  ha_start_etcd
  ha_write_member_config 1
  ha_write_member_config 2
  ha_start_member 1
  for _ in $(seq 240); do ha_leader >/dev/null && break; sleep 0.5; done
  ha_leader >/dev/null || { echo "no Patroni leader (see $HA_DIR/pg1)" >&2; return 1; }
  ha_start_member 2
  # The standby is in sync when Patroni's /sync answers 200 on it.
  for _ in $(seq 240); do curl -fs -m 1 -o /dev/null "http://127.0.0.1:$(ha_rest_port 2)/sync" && break; sleep 0.5; done
  curl -fs -m 1 -o /dev/null "http://127.0.0.1:$(ha_rest_port 2)/sync" || { echo "pg2 is not a synchronous standby (see $HA_DIR/pg2)" >&2; return 1; }
  pg_bootstrap "$(ha_pg_port "$(ha_leader)")" platform
}

ha_down() {
  local m pid
  for m in 1 2; do
    # Patroni itself (not the runuser in front of it) stops PostgreSQL cleanly on SIGTERM.
    pid=$(pgrep -f "python3 .*patroni $HA_DIR/pg$m/patroni.yml" | head -1 || true)
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
  done
  for _ in $(seq 120); do pgrep -f "patroni $HA_DIR/pg" >/dev/null || break; sleep 0.25; done
  rm -f "$STATE"/patroni*.pid
  stop_pid etcd TERM
}

ha_status() {
  local m role
  for m in 1 2; do
    role=$(curl -fs -m 1 "http://127.0.0.1:$(ha_rest_port "$m")/patroni" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("role","?"), d.get("state","?"))' 2>/dev/null || echo "down")
    echo "pg$m   :$(ha_pg_port "$m") $role"
  done
}
