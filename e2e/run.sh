#!/usr/bin/env bash
# Runs Waypoint's browser tests against a fresh demo.
#
#   bash e2e/run.sh [path/to/waypoint]     (default: target/debug/waypoint)
#
# Starts `waypoint demo` on a free port with a new temporary data
# directory, waits for /healthz, runs `node --test` (headless Chromium
# via playwright-core, axe-core on every page), stops the server, and
# exits with the tests' status. Extra arguments after the binary are
# passed to `node --test` (e.g. --test-name-pattern=guardian).
#
# Environment: CHROMIUM_PATH (default /usr/bin/chromium),
# WAYPOINT_E2E_KEEP=1 keeps the data directory and server log.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin="${1:-target/debug/waypoint}"
shift || true
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
if [[ ! -x "$bin" ]]; then
  echo "e2e: no waypoint binary at $bin (build it with: cargo build -p waypoint)" >&2
  exit 2
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "e2e: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM_PATH)" >&2
  exit 2
fi
export CHROMIUM_PATH="$chromium"

cd "$here"
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund
fi

# A free port: ask the kernel for one.
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
data="$(mktemp -d "${TMPDIR:-/tmp}/waypoint-e2e.XXXXXX")"
log="$data/server.log"
server=""

cleanup() {
  local status=$?
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [[ "${WAYPOINT_E2E_KEEP:-}" == 1 ]]; then
    echo "e2e: kept data directory and server log in $data" >&2
  else
    rm -rf "$data"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "e2e: starting $bin demo on 127.0.0.1:$port (data in $data)"
RUST_LOG="${RUST_LOG:-warn}" "$bin" demo --port "$port" --data-dir "$data/demo" >"$log" 2>&1 &
server=$!

base="http://127.0.0.1:$port"
healthy() {
  if command -v curl >/dev/null; then
    curl -fsS -o /dev/null --max-time 2 "$base/healthz" 2>/dev/null
  else
    node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$base/healthz"
  fi
}
deadline=$((SECONDS + 120))
until healthy; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "e2e: the server exited before it was ready; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "e2e: the server did not answer $base/healthz within 120 s; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "e2e: server ready at $base"

set +e
WAYPOINT_BASE_URL="$base" node --test --test-concurrency=1 --test-reporter=spec "$@" tests/
status=$?
set -e
if ((status != 0)); then
  echo "e2e: tests failed (exit $status); last lines of the server log:" >&2
  tail -n 40 "$log" >&2
  echo "e2e: screenshots are in $here/screenshots" >&2
fi
exit "$status"
