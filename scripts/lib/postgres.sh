#!/usr/bin/env bash
# Shared helpers for a private PostgreSQL 15 cluster: find or install the binaries, create, start and stop a
# cluster in a folder of our own, and create the platform's two roles. Sourced by run.sh, test.sh and bench scripts.

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# Installs Debian's PostgreSQL when its binaries are missing (a fresh machine of this kind).
pg_ensure_binaries() {
  if ! pg_bin_dir >/dev/null; then
    echo "PostgreSQL binaries not found; installing Debian's postgresql..." >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    # Debian starts a system cluster on install; we never use it.
    $sudo pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
  fi
  PG_BIN="$(pg_bin_dir)"
  export PG_BIN
}

# Runs a command as the cluster's OS user: initdb refuses root, so root hands over to 'postgres'.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_init DATA_DIR: creates the cluster on first use (trust auth, loopback only: it is private to this checkout).
pg_init() {
  local data="$1"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data" "$(dirname "$data")"
    pg_as_owner "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
}

# pg_start DATA_DIR PORT: starts the cluster listening on 127.0.0.1:PORT, its socket and log inside DATA_DIR's parent.
pg_start() {
  local data="$1" port="$2" parent
  parent="$(dirname "$data")"
  mkdir -p "$parent/socket"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$parent/socket"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$parent/postgres.log" -w -t 60 \
    -o "-p $port -k $parent/socket -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB -c fsync=${PG_FSYNC:-on} ${PG_EXTRA_OPTS:-}" \
    start >/dev/null
}

pg_stop() {
  local data="$1"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_bootstrap PORT DB: the schema owner (runs migrations) and the application role (owns nothing, no BYPASSRLS).
pg_bootstrap() {
  local port="$1" db="$2"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_owner') THEN
    CREATE ROLE platform_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_app') THEN
    CREATE ROLE platform_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$db" OWNER platform_owner'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
SQL
}
