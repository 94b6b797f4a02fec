#!/usr/bin/env bash
# The whole suite, in the order that fails fastest: static checks, unit, then the built app over HTTP and in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$1"; }
started=$SECONDS
# Coverage of the unit, integration and browser layers together (the servers they start included), tests/coverage/.
source tests/coverage/steps.sh
coverage_reset

step "typecheck";   npm run --silent typecheck
step "lint";        npm run --silent lint
step "format";      npm run --silent format:check
step "unit";        coverage_on; npm run --silent test:unit; coverage_off
step "build";       npx tsx lib/cli/build-if-stale.ts
step "integration"; coverage_on; npm run --silent test:integration; coverage_off

step "browser"
chromium_path="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium_path" ]; then
  echo "Chromium is needed for the browser tests. Install it with: sudo apt-get install -y chromium" >&2
  echo "(or point CHROMIUM_PATH at a Chromium binary)." >&2
  exit 1
fi
coverage_on
CHROMIUM_PATH="$chromium_path" npm run --silent test:e2e
coverage_off

step "coverage";    coverage_report

printf '\nAll checks passed in %ss.\n' "$((SECONDS - started))"
