#!/usr/bin/env bash
# Publishes functions/MusicEvents.Functions, uploads it as the package the Function App runs from
# (WEBSITE_RUN_FROM_PACKAGE names that blob; the app fetches it with its identity), restarts the
# app so that it loads the new package, and waits for GET /api/health to answer 200.
#
# azd runs it after every provision (azure.yaml); to ship new code alone: azd hooks run postprovision.
# Needs: dotnet, zip, az (signed in: azd auth login does not sign az in), curl; and the variables
# azd gives hooks from main.bicep's outputs: AZURE_RESOURCE_GROUP, FUNCTION_APP_NAME,
# FUNCTION_APP_URL, STORAGE_ACCOUNT_NAME, PACKAGE_CONTAINER, PACKAGE_BLOB. The upload uses your
# identity (Storage Blob Data Contributor, granted to AZURE_PRINCIPAL_ID by the template).
set -euo pipefail

for tool in dotnet zip az curl; do
  command -v "$tool" >/dev/null || { echo "deploy-package.sh: $tool is needed" >&2; exit 1; }
done
for name in AZURE_RESOURCE_GROUP FUNCTION_APP_NAME FUNCTION_APP_URL STORAGE_ACCOUNT_NAME PACKAGE_CONTAINER PACKAGE_BLOB; do
  [[ -n ${!name:-} ]] || { echo "deploy-package.sh: $name is not set (run it through azd)" >&2; exit 1; }
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "publishing functions/MusicEvents.Functions (Release, linux-x64)..."
dotnet publish "$root/functions/MusicEvents.Functions/MusicEvents.Functions.csproj" -c Release -r linux-x64 --self-contained false \
  -o "$work/publish" --nologo -v:q
(cd "$work/publish" && zip -qr "$work/package.zip" .)

echo "uploading the package to $STORAGE_ACCOUNT_NAME/$PACKAGE_CONTAINER/$PACKAGE_BLOB..."
# A role assignment made by this provision can take a few minutes to apply: try again meanwhile.
for attempt in 1 2 3 4 5 6; do
  if az storage blob upload --auth-mode login --only-show-errors --overwrite \
    --account-name "$STORAGE_ACCOUNT_NAME" --container-name "$PACKAGE_CONTAINER" --name "$PACKAGE_BLOB" \
    --file "$work/package.zip" >/dev/null; then
    break
  fi
  ((attempt < 6)) || { echo "deploy-package.sh: the upload was refused 6 times" >&2; exit 1; }
  echo "upload refused (attempt $attempt); trying again in 30 s..."
  sleep 30
done

echo "restarting $FUNCTION_APP_NAME so that it runs the new package..."
az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" --only-show-errors
# The Functions front end learns the routes of the new package from a trigger sync.
az resource invoke-action --action syncfunctiontriggers --only-show-errors --output none \
  --ids "$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" --query id --output tsv)"

echo "waiting for $FUNCTION_APP_URL/api/health..."
for _ in $(seq 1 60); do
  status=$(curl -s -o "$work/health.json" -w '%{http_code}' "$FUNCTION_APP_URL/api/health" || true)
  if [[ $status == 200 ]]; then
    echo "healthy: $(cat "$work/health.json")"
    exit 0
  fi
  sleep 10
done
echo "deploy-package.sh: $FUNCTION_APP_URL/api/health answered $status after 10 minutes: $(cat "$work/health.json" 2>/dev/null)" >&2
echo "(503 names the failing check: the bus cannot reach RabbitMQ, or storage refuses the app's identity)" >&2
exit 1
