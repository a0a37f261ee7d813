#!/usr/bin/env bash
# Checks ops/prometheus/rules.yml with promtool (Debian's prometheus package, installed when missing) and runs its unit
# tests (ops/prometheus/rules.test.yml): every alert fires on the series that should raise it and not otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/debian-packages.sh
ensure_prometheus
cd ops/prometheus
promtool check rules rules.yml
promtool test rules rules.test.yml
