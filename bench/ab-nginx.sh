#!/usr/bin/env bash
# A/B with nginx in every round: alternates nginx (serving the saved pages
# of a kept run) and one or more Waypoint binaries on the database and
# targets kept by `KEEP=1 bash bench/run.sh`, so that each figure has an
# nginx figure from the same minute beside it.
#
#   bash bench/ab-nginx.sh KEPT_DIR PAGE ROUNDS BIN...
#
# PAGE: a targets file of KEPT_DIR (student, staff). A binary may be a wrapper script that sets
# environment variables and `exec`s the real one, and may be written BIN@DB
# to serve the SQLite file DB instead of the kept one (a copy, for a build
# whose migrations the others do not know). Per round: nginx, then
# each binary; per server a 3 s warm-up and 10 s of `wrk -t1 -c8`, then a
# 3 s warm-up and 10 s of `wrk -t2 -c64`, through bench/targets.lua.
# Prints p99 and req/s per run, and stops if Waypoint answered anything
# but 200 (sessions of a kept run expire after an hour unused, and wrk
# counts a redirect to /login as a success). Knobs: PORT= (Waypoint's port).
set -euo pipefail
[ $# -ge 4 ] || { echo "usage: $0 KEPT_DIR PAGE ROUNDS BIN..." >&2; exit 2; }
dir=$1
page=$2
rounds=$3
shift 3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lua="$here/targets.lua"
targets="$dir/$page.tsv"
[ -f "$targets" ] || { echo "no $targets" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
ngport=$(grep -o 'listen 127.0.0.1:[0-9]*' "$dir/nginx/nginx.conf" | cut -d: -f2)
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
"$NGINX" -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -g 'daemon off;' 2>/dev/null &
ngpid=$!
# shellcheck source=bench/common.sh
. "$here/common.sh"
trap 'kill "$ngpid" 2>/dev/null || true; stop_kept' EXIT
sleep 0.5
run() { # URL LABEL
    local r8 r64
    wrk -t1 -c8 -d3s -s "$lua" "$1" -- "$targets" >/dev/null
    r8=$(wrk -t1 -c8 -d10s --latency -s "$lua" "$1" -- "$targets" | grep -E 'Requests/sec|  99%' | awk '{print $2}' | tr '\n' ' ')
    wrk -t2 -c64 -d3s -s "$lua" "$1" -- "$targets" >/dev/null
    r64=$(wrk -t2 -c64 -d10s --latency -s "$lua" "$1" -- "$targets" | grep -E 'Requests/sec|  99%' | awk '{print $2}' | tr '\n' ' ')
    printf "%-12s c8 p99/rps: %-24s c64 p99/rps: %s\n" "$2" "$r8" "$r64"
}
for _ in $(seq "$rounds"); do
    run "http://127.0.0.1:$ngport" nginx
    for arg in "$@"; do
        bin=${arg%%@*}
        db=$dir/waypoint.sqlite3
        [ "$bin" = "$arg" ] || db=${arg#*@}
        serve_kept "$bin" "$dir" "$PORT" "$targets" "$db"
        run "http://127.0.0.1:$PORT" "$(basename "$bin")"
        bad=$(non200_at "http://127.0.0.1:$PORT")
        [ "$bad" = 0 ] || { echo "$(basename "$bin"): $bad answers other than 200" >&2; exit 1; }
        stop_kept
    done
done
