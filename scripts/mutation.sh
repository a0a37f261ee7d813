#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local tool: dotnet-tools.json) of the invariant-bearing pure rules the unit tests
# cover — pricing, ticket codes and numbers, ledger hashing, transfer and check-in rules, best-available seats,
# currencies, Stripe and reseller rules (the file list and the score floor are in tests/Platform.UnitTests/stryker-config.json).
# Not part of scripts/test.sh: it rebuilds and reruns the unit tests once per mutant (tens of minutes on 2 shared
# cores). Exits non-zero when the score falls below the floor ("break"). Reports: tests/Platform.UnitTests/StrykerOutput/.
# Extra arguments go to dotnet-stryker (e.g. --mutate "**/LedgerHash.cs" for one file).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
cd tests/Platform.UnitTests
nice -n 10 dotnet tool run dotnet-stryker --config-file stryker-config.json "$@"
