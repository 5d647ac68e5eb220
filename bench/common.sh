# Small helpers shared by the benchmark scripts; sourcing this starts,
# builds and creates nothing.

# non200_at URL [ROUTE]: how many answers other than 200 the Waypoint at URL
# counted (its own /metrics), on ROUTE or on every route. wrk counts a
# redirect to /login as a success, so a run on expired sessions would
# otherwise look fine.
non200_at() {
    curl -fsS "$1/metrics" | awk -v route="${2:-}" '
        index($0, "http_requests_total{") == 1 && (route == "" || index($0, "route=\"" route "\"")) {
            if ($0 !~ /status="200"/) bad += $NF
        }
        END { print bad + 0 }'
}

# serve_kept BIN DIR PORT TARGETS [DB]: serves the database a `KEEP=1` run
# kept in DIR (or the SQLite file DB) on 127.0.0.1:PORT (log: DIR/ab-waypoint.log), waits for /readyz, and
# checks that the first target of TARGETS ("cookie<TAB>path") answers 200,
# not a redirect to /login (a kept run's sessions end after an hour unused).
# Sets kept_pid; stop_kept stops it.
serve_kept() {
    local bin=$1 dir=$2 port=$3 targets=$4 db=${5:-$2/waypoint.sqlite3} cookie path code
    "$bin" serve --database-url "$db" --host 127.0.0.1 --port "$port" >>"$dir/ab-waypoint.log" 2>&1 &
    kept_pid=$!
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break
        sleep 0.1
    done
    IFS=$'\t' read -r cookie path <"$targets"
    code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
    [ "$code" = 200 ] || {
        echo "$(basename "$bin"): $path answered $code, not 200 (expired sessions? run the KEEP=1 benchmark again)" >&2
        return 1
    }
}
stop_kept() {
    [ -n "${kept_pid:-}" ] || return 0
    kill -TERM "$kept_pid" 2>/dev/null || true
    wait "$kept_pid" || true
    kept_pid=
}
