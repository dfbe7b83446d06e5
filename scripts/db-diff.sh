#!/usr/bin/env bash
# Prints the SQL of the next migration: from the schema as committed at BASE (default HEAD) to the
# working tree's prisma/schema.prisma. The drift test (lib/db/schema-drift.test.ts) guarantees that
# the committed schema and the committed migrations describe the same database.
#   npm run db:diff > prisma/migrations/$(date -u +%Y%m%d%H%M%S)_name/migration.sql
set -euo pipefail
BASE="${1:-HEAD}"
prev=$(mktemp --suffix=.prisma)
trap 'rm -f "$prev"' EXIT
git show "$BASE:prisma/schema.prisma" > "$prev"
export DATABASE_URL="${DATABASE_URL:-postgresql://placeholder@localhost/placeholder}"
npx prisma migrate diff --from-schema-datamodel "$prev" --to-schema-datamodel prisma/schema.prisma --script 2>/dev/null
