#!/usr/bin/env bash
# Runs every test of Waypoint on a fresh machine: the Rust tests on SQLite,
# the same tests again on PostgreSQL (installed from Debian's packages and
# started on a private port when none is given), and the browser tests in
# headless Chromium (Debian's package) with axe-core.
#
#   bash scripts/test.sh            # everything
#   WAYPOINT_SKIP_BROWSER=1 ...     # without the browser suite
#   WAYPOINT_TEST_DATABASE_URL=postgres://… to use an existing server
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export WAYPOINT_DATA_DIR="${WAYPOINT_DATA_DIR:-$(cd .. && pwd)/shared/data}"

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [[ ! -f /tmp/.waypoint-apt-updated ]]; then apt-get update -qq && touch /tmp/.waypoint-apt-updated; fi
  apt-get install -y -qq "$@"
}

echo "== build (once; both stores reuse these test binaries)"
cargo build --workspace --all-targets --locked

# A hung test must fail the run with its name, not eat CI's whole budget.
LIMIT="${WAYPOINT_TEST_TIMEOUT:-1500}"

echo "== tests on SQLite"
env -u WAYPOINT_TEST_DATABASE_URL timeout "$LIMIT" cargo test --workspace --locked

echo "== tests on PostgreSQL"
PG_URL="$(bash .ci/postgres.sh)"
WAYPOINT_TEST_DATABASE_URL="$PG_URL" timeout "$LIMIT" cargo test --workspace --locked

if [[ -z "${WAYPOINT_SKIP_BROWSER:-}" ]]; then
  echo "== browser tests (headless Chromium + axe-core)"
  if ! command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 && [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
    apt_install chromium
  fi
  if ! command -v node >/dev/null 2>&1; then apt_install nodejs npm; fi
  timeout "$LIMIT" bash e2e/run.sh target/debug/waypoint
fi
echo "== all tests passed"
