#!/usr/bin/env bash
# Fails when sdk/ is stale against openapi/v1.json: regenerates both clients into a scratch copy and compares.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cp sdk/csharp/Platform.Sdk/Generated/PlatformClient.g.cs "$scratch/committed.cs"
cp sdk/typescript/src/schema.ts "$scratch/committed.ts"

dotnet restore sdk/csharp/Platform.Sdk -v quiet >/dev/null
dotnet msbuild sdk/csharp/Platform.Sdk -t:GenerateClient -p:TargetFramework=net10.0 -v:q -nologo >/dev/null
(cd sdk/typescript && npm ci --no-audit --no-fund --silent >/dev/null && npm run --silent generate >/dev/null && npm run --silent build >/dev/null)

stale=0
cmp -s "$scratch/committed.cs" sdk/csharp/Platform.Sdk/Generated/PlatformClient.g.cs || { echo "sdk/csharp is stale" >&2; stale=1; }
cmp -s "$scratch/committed.ts" sdk/typescript/src/schema.ts || { echo "sdk/typescript is stale" >&2; stale=1; }
cp "$scratch/committed.cs" sdk/csharp/Platform.Sdk/Generated/PlatformClient.g.cs
cp "$scratch/committed.ts" sdk/typescript/src/schema.ts
[ "$stale" -eq 0 ] && echo "SDKs match openapi/v1.json" || { echo "run scripts/generate-sdks.sh and commit" >&2; exit 1; }
