#!/usr/bin/env bash
# Runs the platform on http://localhost:5080 on an embedded PostgreSQL (a private cluster in .data/, created on first
# run), after an explicit migrate step and an idempotent load of tenants-sample/. Ctrl-C stops both cleanly.
# Set Database__ConnectionString and Database__OwnerConnectionString to use an external PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/debian-packages.sh
ensure_ticket_fonts

PORT="${PLATFORM_PORT:-5080}"
PG_PORT="${PLATFORM_PG_PORT:-5433}"
DATA="$PWD/.data/postgres/data"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

embedded=0
if [ -z "${Database__ConnectionString:-}" ]; then
  embedded=1
  pg_ensure_binaries
  pg_init "$DATA"
  pg_start "$DATA" "$PG_PORT"
  pg_bootstrap "$PG_PORT" platform
  export Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_app"
  export Database__OwnerConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=platform_owner"
fi

app_pid=""
cleanup() {
  # SIGTERM is ASP.NET Core's graceful shutdown; the app may already have stopped on the same Ctrl-C.
  [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ "$embedded" -eq 1 ] && pg_stop "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build src/Platform.Api -c Release -v quiet -nologo
bin="$PWD/src/Platform.Api/bin/Release/net10.0"
api() { dotnet "$bin/Platform.Api.dll" "$@" --contentRoot "$bin"; }
export Email__PublicBaseUrl="${Email__PublicBaseUrl:-http://localhost:$PORT}"
# Development only: webhook endpoints may be http://127.0.0.1 / localhost receivers, so webhooks can be tried locally
# (the app logs this at start-up). Every other environment keeps refusing loopback and private addresses.
if [ "$ASPNETCORE_ENVIRONMENT" = "Development" ]; then
  export Webhooks__AllowLoopback="${Webhooks__AllowLoopback:-true}"
fi
# The Data Protection key ring is stored encrypted to a certificate (ADR 0038); a local run makes its own, git-ignored.
export DataProtection__CertificatePath="${DataProtection__CertificatePath:-$PWD/.data/keys/data-protection.pem}"
export DataProtection__CreateCertificateIfMissing="${DataProtection__CreateCertificateIfMissing:-true}"
export OAuth__SwaggerRedirectUris__0="${OAuth__SwaggerRedirectUris__0:-http://localhost:$PORT/swagger/oauth2-redirect.html}"
export OAuth__ConsoleRedirectUris__0="${OAuth__ConsoleRedirectUris__0:-http://localhost:$PORT/console/signin-callback}"
api migrate
api load-samples tenants-sample

# A development platform admin, created once; its password is generated into .data/admin-password (git-ignored).
ADMIN_EMAIL="${PLATFORM_ADMIN_EMAIL:-admin@platform.localhost}"
ADMIN_PASSWORD_FILE="$PWD/.data/admin-password"
if [ ! -s "$ADMIN_PASSWORD_FILE" ]; then
  mkdir -p "$PWD/.data"
  (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-24 > "$ADMIN_PASSWORD_FILE")
fi
api create-platform-admin --email "$ADMIN_EMAIL" --password "$(cat "$ADMIN_PASSWORD_FILE")"
api ensure-oauth-clients

echo "Platform listening on http://localhost:$PORT (staff console: /console, Swagger UI: /swagger, health: /health/ready). Ctrl-C stops it."
echo "Platform admin: $ADMIN_EMAIL, password in .data/admin-password. Sign in from Swagger UI (Authorize, client swagger-ui)."
echo "Emails (confirmation, reset, invitations) are written as .eml files to .data/mail/."
# Started directly (not through the api function) so $! is the app itself and a TERM reaches it.
dotnet "$bin/Platform.Api.dll" --urls "http://localhost:$PORT" --contentRoot "$bin" &
app_pid=$!
wait "$app_pid"
