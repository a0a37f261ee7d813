#!/usr/bin/env bash
# Regenerates openapi/v1.json from the code (no database needed). Run after any API change, in the same commit;
# the OpenAPI drift test fails until the committed document matches what the app serves.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Platform.Api -c Debug -nologo -v quiet
bin="$PWD/src/Platform.Api/bin/Debug/net10.0"
# The host starts as in production, which refuses an unencrypted key ring (ADR 0038): give it a local certificate.
DataProtection__CertificatePath="$PWD/.data/keys/data-protection.pem" DataProtection__CreateCertificateIfMissing=true \
  dotnet "$bin/Platform.Api.dll" openapi "$PWD/openapi/v1.json" --contentRoot "$bin"
echo "openapi/v1.json regenerated"
