#!/usr/bin/env bash
# Fails when db/schema/*.ts declares something that no checked-in migration creates (someone changed
# the schema and forgot `npm run db:generate`). Generates into a scratch copy, never into db/migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.data/schema-check
rm -rf "$scratch" && mkdir -p "$scratch" && cp -r db/migrations "$scratch/"
output=$(npx drizzle-kit generate --dialect postgresql --schema ./db/schema/index.ts --out "$scratch/migrations" 2>&1)
rm -rf "$scratch"
if ! grep -q "No schema changes" <<<"$output"; then
  echo "db/schema and db/migrations disagree: run npm run db:generate and review the new migration." >&2
  echo "$output" >&2
  exit 1
fi
echo "schema and migrations agree"
