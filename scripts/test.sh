#!/usr/bin/env bash
# npm test: the whole suite, as CI runs it. Uses DATABASE_URL when set (CI: a fresh Postgres database),
# otherwise the embedded PGlite, so a fresh machine needs nothing installed by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data/reports
export CHROMIUM_PATH="$(bash scripts/ensure-chromium.sh)"

echo "== typecheck"
npx tsc -p .
echo "== boundaries (no raw database client, no SQL in routes, tenant and role set only in db/)"
npx tsx scripts/check-boundaries.ts
echo "== schema and migrations"
bash scripts/check-migrations.sh
if [ -n "${APP_DATABASE_URL:-}" ]; then engine="Postgres: the application through APP_DATABASE_URL, migrations through DATABASE_URL"
elif [ -n "${DATABASE_URL:-}" ]; then engine="Postgres from DATABASE_URL"
else engine="embedded PGlite"; fi
echo "== unit and integration tests ($engine)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/reports/vitest.json || status=$?
if [ "$status" = 0 ]; then
  echo "== build"
  npx remix vite:build >/dev/null
  echo "== JavaScript per page (budget: 150 KB compressed)"
  npx tsx scripts/check-bundle-size.ts || status=$?
  echo "== end-to-end tests (Chromium at $CHROMIUM_PATH)"
  npx playwright test || status=$?
fi
node scripts/test-summary.mjs || true
exit "$status"
