#!/usr/bin/env bash
# Regenerates openapi/v1.json from the code, then both SDKs from it: sdk/csharp (NSwag) and sdk/typescript
# (openapi-typescript). Run after any API change and commit everything it changes in the same commit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/generate-openapi.sh

dotnet restore sdk/csharp/Platform.Sdk -v quiet
dotnet msbuild sdk/csharp/Platform.Sdk -t:GenerateClient -p:TargetFramework=net10.0 -v:q -nologo
echo "sdk/csharp regenerated"

(cd sdk/typescript && npm ci --no-audit --no-fund --silent && npm run --silent generate && npm run --silent build)
echo "sdk/typescript regenerated and compiled"
