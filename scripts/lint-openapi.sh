#!/usr/bin/env bash
# Lints openapi/v1.json with Spectral's spectral:oas ruleset; exits non-zero on any error.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd scripts/lint && npm ci --no-audit --no-fund --silent >/dev/null)
scripts/lint/node_modules/.bin/spectral lint openapi/v1.json --ruleset openapi/.spectral.yaml --fail-severity error --display-only-failures
