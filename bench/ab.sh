#!/usr/bin/env bash
# A/B: alternates two or more Waypoint binaries on a database and targets
# kept by `KEEP=1 bash bench/run.sh` (or bench/careers.sh), so that builds
# are compared on the same data, minutes apart, on the same machine.
#
#   bash bench/ab.sh /tmp/waypoint-bench.XXXXXX student OLD_BIN NEW_BIN
#
# PAGE is the name of a targets file in the directory (student, staff,
# popular, distinct, matches). A binary may be a wrapper script that sets
# environment variables and `exec`s the real one. Per round and binary:
# start `serve` on the kept database, a 5 s warm-up at 64 connections, then
# 15 s at 64 connections (2 wrk threads) and 15 s at 8 (1 thread). Prints
# req/s, p50 and p99 per run. Knobs: ROUNDS=2 DURATION=15s WARMUP=5s PORT=
# and WAYPOINT_DATA_DIR (for the careers pages).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 KEPT_DIR PAGE BIN..." >&2; exit 2; }
dir=$1
page=$2
shift 2
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lua="$here/targets.lua"
targets="$dir/$page.tsv"
[ -f "$targets" ] || { echo "no $targets" >&2; exit 1; }
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
url="http://127.0.0.1:$PORT"
# shellcheck source=bench/common.sh
. "$here/common.sh"
trap stop_kept EXIT
for round in $(seq "$ROUNDS"); do
    for bin in "$@"; do
        serve_kept "$bin" "$dir" "$PORT" "$targets"
        wrk -t2 -c64 -d"$WARMUP" -s "$lua" "$url" -- "$targets" >/dev/null
        for conns in 64 8; do
            threads=2
            [ "$conns" -gt 8 ] || threads=1
            out=$(wrk -t"$threads" -c"$conns" -d"$DURATION" --latency -s "$lua" "$url" -- "$targets")
            printf 'round %s  %-28s c%-3s %s\n' "$round" "$(basename "$bin")" "$conns" "$(awk '
                /^Requests\/sec/ { r = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
                END { printf "%10s req/s  p50 %8s  p99 %8s", r, p50, p99 }' <<<"$out")"
        done
        bad=$(non200_at "$url")
        [ "$bad" = 0 ] || { echo "$(basename "$bin"): $bad answers other than 200" >&2; exit 1; }
        stop_kept
    done
done
