# Coverage over a whole run, sourced by tests/run-all.sh: every Node process between coverage_on and coverage_off
# (test runners, the app servers and workers they start, Playwright's web server) writes V8 coverage, which
# tests/coverage/prune-coverage.ts cuts down and merges as the run goes; coverage_report maps it back to lib/,
# app/ and components/ with c8, prints it and fails under the floors in .c8rc.json.
COVERAGE_DIR="$PWD/tests/artifacts/coverage"
export COVERAGE_RAW_DIR="$COVERAGE_DIR/raw" COVERAGE_MERGED_DIR="$COVERAGE_DIR/merged"
coverage_pruner=""
coverage_node_options="${NODE_OPTIONS:-}"

# Our own tools run without coverage: they would only measure themselves.
coverage_tool() { env -u NODE_V8_COVERAGE NODE_OPTIONS="$coverage_node_options" "$@"; }

coverage_reset() {
  rm -rf "$COVERAGE_DIR"
  mkdir -p "$COVERAGE_RAW_DIR" "$COVERAGE_MERGED_DIR"
}

coverage_on() {
  export NODE_V8_COVERAGE="$COVERAGE_RAW_DIR"
  export NODE_OPTIONS="$coverage_node_options --import $PWD/tests/coverage/flush-on-signal.mjs"
  # Started directly, not through coverage_tool: $! is then the pruner itself, which coverage_off stops.
  env -u NODE_V8_COVERAGE NODE_OPTIONS="$coverage_node_options" node --import tsx tests/coverage/prune-coverage.ts --watch &
  coverage_pruner=$!
  trap coverage_stop_pruner EXIT
}

coverage_stop_pruner() {
  [ -n "$coverage_pruner" ] || return 0
  kill -TERM "$coverage_pruner" 2>/dev/null || true
  wait "$coverage_pruner" 2>/dev/null || true
  coverage_pruner=""
}

coverage_off() {
  coverage_stop_pruner
  unset NODE_V8_COVERAGE
  export NODE_OPTIONS="$coverage_node_options"
  coverage_tool node --import tsx tests/coverage/prune-coverage.ts
}

# `coverage_report --no-floor` (tests/coverage/cover.sh): the figures of a part of the suite, which no floor fits.
coverage_report() {
  local status=0 check="--check-coverage"
  [ "${1:-}" = "--no-floor" ] && check="--no-check-coverage"
  coverage_tool npx c8 report "$check" || status=$?
  coverage_tool node --import tsx tests/coverage/summarize.ts
  return "$status"
}
