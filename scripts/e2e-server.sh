#!/usr/bin/env bash
# The server the end-to-end tests run against: migrated and seeded, on a fresh embedded database unless
# DATABASE_URL is set. exec, so that Playwright's stop signal reaches the server itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  export EMR_DATA_DIR=.data/e2e
  rm -rf "$EMR_DATA_DIR"
fi
npx tsx scripts/setup-demo.ts
# The request log is kept for tests/e2e/request-log.spec.ts, which checks what it does and does not say.
mkdir -p .data/reports
# With APP_DATABASE_URL set (CI) the server gets only the application's URL, as in production: the
# administrator's URL is for the migrations above.
if [ -n "${APP_DATABASE_URL:-}" ]; then unset DATABASE_URL; fi
exec node_modules/.bin/tsx scripts/serve.ts > >(tee .data/reports/e2e-server.log) 2>&1
