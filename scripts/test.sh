#!/usr/bin/env bash
# Builds the whole solution and runs every test. Integration tests start their own throwaway PostgreSQL cluster
# (installing Debian's postgresql first if its binaries are missing) and, for the cross-node limit tests, their own
# redis-server (Debian's redis-server, installed here when missing). Exits non-zero on any failure and ends with
# a line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/debian-packages.sh
pg_ensure_binaries
ensure_ticket_fonts || { echo "0 passed, 1 failed"; exit 1; }
ensure_pdf_tools || { echo "0 passed, 1 failed"; exit 1; }
ensure_prometheus || { echo "0 passed, 1 failed"; exit 1; }
ensure_redis || { echo "0 passed, 1 failed"; exit 1; }

# The browser tests drive Debian's Chromium through Playwright (no browser download is possible here).
[ -x /usr/bin/chromium ] || apt_ensure chromium || { echo "chromium could not be installed"; echo "0 passed, 1 failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null || exit 1
dotnet build Platform.sln -c Debug -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
# The SDK end-to-end tests run the TypeScript SDK's own test (npm test) against the server they start.
(cd sdk/typescript && npm ci --no-audit --no-fund --silent) || { echo "0 passed, 1 failed"; exit 1; }

mkdir -p .data
log=.data/test-output.log
# One test assembly at a time: the browser tests boot the WebAssembly console in Chromium, which on 2 cores beside the
# integration tests' load took over 30 s and failed CI runs; alone, each part gets the whole machine.
: > "$log"
status=0
for project in tests/Platform.UnitTests tests/Platform.IntegrationTests tests/Platform.BrowserTests; do
  dotnet test "$project" -c Debug --no-build -nologo "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, ...") into the closing line CI reads.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# The SDKs in sdk/ must be generated from the committed openapi/v1.json (which a test ties to the code).
if bash scripts/check-sdks.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

# The alert rules must load and their unit tests pass (promtool, from Debian's prometheus package).
if bash scripts/check-alerts.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

# The document itself must pass Spectral's OpenAPI ruleset with no errors.
if bash scripts/lint-openapi.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
