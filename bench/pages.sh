#!/usr/bin/env bash
# What one page costs the server, in-process: the student home and a
# counselor's caseload page through the real router, middleware, read cache
# and access log, without sockets or wrk. Prints per request the wall time,
# the process's CPU time (every thread, the access-log writer included), and
# the heap allocations and bytes allocated, which are exact and so show a
# change's effect where this machine's noise hides it in timings. See
# BENCHMARKS.md.
#
#   bash bench/pages.sh
#
# Knobs (environment): STUDENTS=100000 seeded, PEOPLE=1000 students whose
# homes are requested, ROUNDS=3000 requests per batch, BATCHES=7 (the median
# batch is printed), PAGES=student,caseload, PAUSE=0 (seconds to wait before
# measuring, to attach a profiler).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export ROUNDS=${ROUNDS:-3000} BATCHES=${BATCHES:-7}
echo "build: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench --locked -p waypoint --bench pages
