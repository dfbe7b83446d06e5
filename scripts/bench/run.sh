#!/usr/bin/env bash
# npm run bench <name>: runs scripts/bench/<name>.ts (e.g. npm run bench lists).
set -euo pipefail
name="${1:?usage: npm run bench <name>  (available: $(ls scripts/bench/*.ts | xargs -n1 basename | sed 's/\.ts$//' | tr '\n' ' '))}"
shift
exec npx tsx "scripts/bench/${name}.ts" "$@"
