#!/usr/bin/env bash
# The server Playwright tests against: a production build on a fresh, throw-away PGlite folder.
set -euo pipefail
PORT="${1:-3100}"
DATA_DIR=".data-e2e"
rm -rf "$DATA_DIR"
if [ -z "${E2E_SKIP_BUILD:-}" ]; then npx next build; fi
export GATEHOUSE_DATA_DIR="$DATA_DIR" GATEHOUSE_URL="http://localhost:${PORT}" DATABASE_URL=""
exec npx next start -p "$PORT"
