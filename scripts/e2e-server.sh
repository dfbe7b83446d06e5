#!/usr/bin/env bash
# The server Playwright tests against: a production build on a fresh, throw-away PGlite folder.
set -euo pipefail
PORT="${1:-3100}"
DATA_DIR=".data-e2e"
rm -rf "$DATA_DIR"
if [ -z "${E2E_SKIP_BUILD:-}" ]; then npm run build; fi
export GATEHOUSE_DATA_DIR="$DATA_DIR" GATEHOUSE_URL="http://localhost:${PORT}" DATABASE_URL=""
# e2e/cimd.spec.ts serves client metadata documents over HTTPS on 127.0.0.1 with its own CA: the
# server trusts that CA the standard way, and its CIMD fetcher may reach loopback (local testing).
bash scripts/e2e-tls.sh .e2e-tls
export NODE_EXTRA_CA_CERTS="$PWD/.e2e-tls/ca.pem" GATEHOUSE_CIMD_ALLOW_LOOPBACK=1
# e2e/sso.spec.ts starts an oidc-provider on http://127.0.0.1: let Gatehouse accept that issuer.
export GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK=1
# The production server: the protocol front before Next.js (server/main.ts).
exec node dist/server.mjs -p "$PORT"
