#!/usr/bin/env bash
# Coverage of one command, e.g. `bash tests/coverage/cover.sh npm run test:unit`: the table npm test ends with,
# without its floors (they are for the whole suite).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/coverage/steps.sh
coverage_reset
coverage_on
status=0
"$@" || status=$?
coverage_off
coverage_report --no-floor
exit "$status"
