#!/usr/bin/env bash
# Career search, timed in-process over the full O*NET release: what one
# search costs the server, query by query, without HTTP. See BENCHMARKS.md.
#
#   bash bench/search.sh
#
# Knobs (environment): ROUNDS=2000 searches per batch, BATCHES=10 batches
# per query (the median and the slowest batch are printed),
# WAYPOINT_DATA_DIR=../shared/data (O*NET, BLS, clusters).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export WAYPOINT_DATA_DIR=${WAYPOINT_DATA_DIR:-$(cd "$root/.." && pwd)/shared/data}
cd "$root"
echo "build: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench --locked -p waypoint --bench search
