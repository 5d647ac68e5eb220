#!/usr/bin/env bash
# Shared by the web benchmarks (bench/run.sh, bench/careers.sh): a
# temporary directory removed on exit, Waypoint and nginx started and
# stopped, sign-ins through the real form, wrk runs and their parsing.
# Sets: here root lua tmp bin build_id PORT NGINX_PORT WP NG NGINX.
# Knobs (environment): PORT= NGINX_PORT= NGINX_WORKERS=auto KEEP=0
# WAYPOINT_BIN= WAYPOINT_LOG=info.

NGINX_WORKERS=${NGINX_WORKERS:-auto}
KEEP=${KEEP:-0}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
lua="$here/targets.lua"
# shellcheck source=bench/common.sh
. "$here/common.sh"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for tool in curl wrk python3; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install wrk curl python3)"
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx is not installed (apt-get install nginx-light)"

# ---------------------------------------------------------------- cleanup
tmp=$(mktemp -d "${TMPDIR:-/tmp}/waypoint-bench.XXXXXX")
wp_pid=
nginx_pid=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for pid in $wp_pid $nginx_pid; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for pid in $wp_pid $nginx_pid; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ "$KEEP" = 1 ]; then
        say "kept $tmp"
    else
        rm -rf "$tmp"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
PORT=${PORT:-$(free_port)}
NGINX_PORT=${NGINX_PORT:-$(free_port)}
[ "$PORT" != "$NGINX_PORT" ] || die "PORT and NGINX_PORT are the same"
WP="http://127.0.0.1:$PORT"
NG="http://127.0.0.1:$NGINX_PORT"

# ------------------------------------------------------------------ build
if [ -n "${WAYPOINT_BIN:-}" ]; then
    bin=$WAYPOINT_BIN
else
    say "building (cargo build --release -p waypoint; waits for the cargo lock if another build holds it)"
    (cd "$root" && cargo build --release -p waypoint) >&2
    bin="$root/target/release/waypoint"
fi
[ -x "$bin" ] || die "no $bin"
build_id="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    build_id="$build_id+changes"
fi
[ -z "${WAYPOINT_BIN:-}" ] || build_id="$WAYPOINT_BIN"
# A copy, so that a rebuild by someone else during the run changes nothing.
cp "$bin" "$tmp/waypoint"
bin="$tmp/waypoint"

# ------------------------------------------------------------------ serve
# start_waypoint DB [more serve arguments]: serves DB on $PORT and waits
# for /readyz; the log goes to $tmp/waypoint.log.
start_waypoint() {
    local db=$1
    shift
    WAYPOINT_LOG=${WAYPOINT_LOG:-info} "$bin" serve --database-url "$db" --host 127.0.0.1 --port "$PORT" "$@" \
        >>"$tmp/waypoint.log" 2>&1 &
    wp_pid=$!
    for _ in $(seq 300); do
        curl -fsS -o /dev/null "$WP/healthz" 2>/dev/null && break
        kill -0 "$wp_pid" 2>/dev/null || { tail -20 "$tmp/waypoint.log" >&2; die "waypoint exited"; }
        sleep 0.1
    done
    curl -fsS -o /dev/null "$WP/readyz" || die "waypoint is not ready"
}
stop_waypoint() {
    kill -TERM "$wp_pid"
    wait "$wp_pid" || true
    wp_pid=
}

# ---------------------------------------------------------------- sign in
# Through the real form: GET /login for the CSRF cookie and the hidden
# field, POST /login, keep every cookie the browser would send back.
signin() {
    local user=$1 jar form csrf
    jar=$(mktemp "$BENCH_TMP/jar.XXXXXX")
    form=$(curl -fsS -c "$jar" -b "$jar" "$BENCH_WP/login") || { echo "GET /login failed for $user" >&2; return 0; }
    csrf=$(printf '%s' "$form" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -sS -o /dev/null -c "$jar" -b "$jar" \
        --data-urlencode "csrf=$csrf" --data-urlencode "username=$user" \
        --data-urlencode "password=$BENCH_PASSWORD" --data-urlencode "next=" \
        "$BENCH_WP/login" || true
    # Netscape cookie jar: HttpOnly cookies are written as "#HttpOnly_host".
    local cookie
    cookie=$(awk -F'\t' '(/^#HttpOnly_/ || !/^#/) && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")
    rm -f "$jar"
    case "$cookie" in
        *wp_session=*) printf '%s\t%s\n' "$user" "$cookie" ;;
        *) echo "sign-in failed for $user" >&2 ;;
    esac
}
export -f signin

# sign_in_all USERS_FILE OUT_FILE JOBS PASSWORD: one "username<TAB>cookie"
# line per account; dies if any sign-in failed.
sign_in_all() {
    export BENCH_TMP="$tmp" BENCH_WP="$WP" BENCH_PASSWORD="$4"
    xargs -P "$3" -I{} bash -c 'signin "$1"' _ {} <"$1" >"$2"
    local want got
    want=$(wc -l <"$1")
    got=$(wc -l <"$2")
    say "$got of $want signed in"
    [ "$got" -eq "$want" ] || die "some sign-ins failed"
}

# check_targets FILE: every "cookie<TAB>path" in FILE answers 200.
check_targets() {
    local file=$1 bad=0 cookie path code
    while IFS=$'\t' read -r cookie path; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$WP$path")
        [ "$code" = 200 ] || { echo "$code $path" >&2; bad=$((bad + 1)); }
    done <"$file"
    [ "$bad" -eq 0 ] || die "$bad targets in $file did not answer 200"
}

# ----------------------------------------------------------------- nginx
# save_page TARGETS_FILE NAME: saves the page of the file's first target as
# $tmp/nginx/html/NAME (what nginx will serve) and prints its size.
save_page() {
    local cookie path
    mkdir -p "$tmp/nginx/html"
    IFS=$'\t' read -r cookie path <"$1"
    curl -fsS -H "Cookie: $cookie" "$WP$path" -o "$tmp/nginx/html/$2"
    chmod a+r "$tmp/nginx/html/$2"
    stat -c %s "$tmp/nginx/html/$2"
}

# start_nginx "PREFIX FILE"...: nginx serving $tmp/nginx/html/FILE for
# every path under PREFIX, so the same wrk script and targets drive it.
start_nginx() {
    local locations="" spec prefix file
    for spec in "$@"; do
        prefix=${spec% *}
        file=${spec#* }
        locations+="        location $prefix { try_files /$file =404; }"$'\n'
    done
    mkdir -p "$tmp/nginx/html" "$tmp/nginx/logs"
    chmod 711 "$tmp"
    chmod -R a+rX "$tmp/nginx"
    cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    default_type text/html;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $tmp/nginx/html;
$locations    }
}
EOF
    say "starting nginx ($NGINX_WORKERS workers) on $NG"
    "$NGINX" -p "$tmp/nginx" -e "$tmp/nginx/logs/error.log" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' &
    nginx_pid=$!
    prefix=${1% *}
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "$NG$prefix" 2>/dev/null && break
        kill -0 "$nginx_pid" 2>/dev/null || { cat "$tmp/nginx/logs/error.log" >&2; die "nginx exited"; }
        sleep 0.1
    done
}

# -------------------------------------------------------------------- wrk
# Prints "rps p50_ms p99_ms requests errors" for one wrk output file.
parse_wrk() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return v / 1000;
            if (v ~ /ms$/) return v + 0;
            if (v ~ /m$/) return v * 60000;
            if (v ~ /s$/) return v * 1000;
            return v + 0;
        }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /requests in/ { reqs = $1 }
        /Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx/ { err += $5 }
        /^Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.3f %.3f %d %d\n", rps, p50, p99, reqs, err }
    ' "$1"
}

# Waypoint's answers other than 200 on a route (a redirect to /login would
# count as a success for wrk): read its own counters.
non200() { non200_at "$WP" "$1"; }

# The read cache's counters ("name value" lines) from Waypoint's /metrics.
cache_counters() {
    curl -fsS "$WP/metrics" | awk '
        /^store_cache_hits / { print "hits", $2 }
        /^store_cache_misses_by_kind\{/ { match($0, /kind="[^"]*"/); print substr($0, RSTART + 6, RLENGTH - 7), $NF }'
}

# cache_delta NAME: the cache's hits and misses (by kind) during run NAME.
cache_delta() {
    awk 'NR == FNR { before[$1] = $2; next }
        { d = $2 - before[$1]; if ($1 == "hits") hits = d; else if (d > 0) { miss += d; kinds = kinds sprintf(" %s %d", $1, d) } }
        END { printf "cache: %d hits, %d misses (%.3f %%):%s\n", hits, miss, (hits + miss > 0 ? 100 * miss / (hits + miss) : 0), kinds }' \
        "$tmp/cache-before-$1.txt" "$tmp/cache-after-$1.txt"
}

run_wrk() { # name url targets threads conns duration
    local name=$1 url=$2 targets=$3 t=$4 c=$5 d=$6
    [ "$url" != "$WP" ] || cache_counters >"$tmp/cache-before-$name.txt"
    wrk -t"$t" -c"$c" -d"$d" --latency -s "$lua" "$url" -- "$targets" >"$tmp/wrk-$name.txt" 2>&1 ||
        { cat "$tmp/wrk-$name.txt" >&2; die "wrk failed ($name)"; }
    [ "$url" != "$WP" ] || cache_counters >"$tmp/cache-after-$name.txt"
}

pass() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
