#!/usr/bin/env bash
# Web benchmark: Waypoint on SQLite against nginx serving a static file of
# the same size, in the same run. See BENCHMARKS.md.
#
#   bash bench/run.sh
#
# Knobs (environment):
#   STUDENTS=100000      students to seed
#   DURATION=15s         length of each measured wrk run
#   PORT=                Waypoint's port (default: a free one)
#   NGINX_PORT=          nginx's port (default: a free one)
#   SIGNIN_STUDENTS=1000 students signed in (each views their own home page)
#   COUNSELOR_PAGES=4    caseload targets per counselor (random pages)
#   SIGNIN_JOBS=4        parallel sign-ins (each costs an argon2 hash)
#   WARMUP=5s            unmeasured wrk run before each measured run (and the cold-start run)
#   NGINX_WORKERS=auto   nginx worker_processes
#   WAYPOINT_LOG=info    Waypoint's log filter (its log goes to a file)
#   WAYPOINT_BIN=        benchmark this binary instead of building target/release/waypoint
#                        (for comparing two builds)
#   KEEP=0               1: keep the temporary directory (database, logs, wrk output)
#
# Everything runs on 127.0.0.1; everything started here is stopped on exit.

set -euo pipefail

STUDENTS=${STUDENTS:-100000}
DURATION=${DURATION:-15s}
SIGNIN_STUDENTS=${SIGNIN_STUDENTS:-1000}
COUNSELOR_PAGES=${COUNSELOR_PAGES:-4}
SIGNIN_JOBS=${SIGNIN_JOBS:-4}
WARMUP=${WARMUP:-5s}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
KEEP=${KEEP:-0}
PASSWORD=waypoint-demo-2026

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
lua="$here/targets.lua"

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

# ------------------------------------------------------------------- seed
db="$tmp/waypoint.sqlite3"
say "seeding $STUDENTS students into $db"
seed_start=$(date +%s)
"$bin" seed --database-url "$db" --students "$STUDENTS" >"$tmp/seed.log" 2>&1 ||
    { tail -20 "$tmp/seed.log" >&2; die "seed failed"; }
seed_secs=$(( $(date +%s) - seed_start ))
grep -i "seeded" "$tmp/seed.log" | tail -1 >&2 || true

# ------------------------------------------------------------------ serve
start_waypoint() {
    WAYPOINT_LOG=${WAYPOINT_LOG:-info} "$bin" serve --database-url "$db" --host 127.0.0.1 --port "$PORT" \
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
say "starting waypoint on $WP"
start_waypoint

# ---------------------------------------------------------------- targets
# users.tsv: username; paths.tsv: username<TAB>path. Students view their
# own home page; counselors their school's caseload at random pages.
say "choosing $SIGNIN_STUDENTS students and every counselor"
python3 - "$db" "$SIGNIN_STUDENTS" "$COUNSELOR_PAGES" "$tmp" <<'PY'
import math, random, sqlite3, sys
db, n_students, per_counselor, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
students = c.execute(
    "SELECT u.username, s.student_id FROM students s JOIN users u ON u.user_id = s.student_id "
    "WHERE u.disabled = 0 AND s.status = 'active' ORDER BY random() LIMIT ?", (n_students,)).fetchall()
# A counselor's caseload page lists the students of the first organisation
# (by name) where they may list students; seeded counselors hold that role
# at one school.
counselors = c.execute(
    "SELECT u.username, o.kind, o.org_id FROM role_grants g JOIN users u ON u.user_id = g.user_id "
    "JOIN orgs o ON o.org_id = g.org_id WHERE g.role = 'counselor' AND u.disabled = 0 "
    "ORDER BY u.username, o.name").fetchall()
col = {"school": "school_id", "district": "district_id", "state": "state_id"}
seen, pages = set(), {}
rnd = random.Random()
with open(f"{out}/users.tsv", "w") as users, open(f"{out}/paths.tsv", "w") as paths:
    for username, sid in students:
        users.write(f"{username}\n")
        paths.write(f"{username}\t/students/{sid}\n")
    for username, kind, org in counselors:
        if username in seen:
            continue
        seen.add(username)
        if (kind, org) not in pages:
            n = c.execute(f"SELECT COUNT(*) FROM students WHERE {col[kind]} = ?", (org,)).fetchone()[0]
            pages[(kind, org)] = max(1, math.ceil(n / 25))
        users.write(f"{username}\n")
        for _ in range(per_counselor):
            paths.write(f"{username}\t/staff?view=school&page={rnd.randint(1, pages[(kind, org)])}\n")
print(f"{len(students)} students, {len(seen)} counselors", file=sys.stderr)
PY
n_users=$(wc -l <"$tmp/users.tsv")

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
export BENCH_TMP="$tmp" BENCH_WP="$WP" BENCH_PASSWORD="$PASSWORD"
say "signing in $n_users accounts through /login ($SIGNIN_JOBS at a time)"
signin_start=$(date +%s)
xargs -P "$SIGNIN_JOBS" -I{} bash -c 'signin "$1"' _ {} <"$tmp/users.tsv" >"$tmp/cookies.tsv"
signin_secs=$(( $(date +%s) - signin_start ))
n_signed=$(wc -l <"$tmp/cookies.tsv")
say "$n_signed of $n_users signed in (${signin_secs}s)"
[ "$n_signed" -eq "$n_users" ] || die "some sign-ins failed"

# cookie<TAB>path, one file per page kind.
awk -F'\t' 'NR == FNR {c[$1] = $2; next} ($1 in c) {print c[$1] "\t" $2}' \
    "$tmp/cookies.tsv" "$tmp/paths.tsv" >"$tmp/all.tsv"
grep -P '\t/students/' "$tmp/all.tsv" >"$tmp/student.tsv"
grep -P '\t/staff\?' "$tmp/all.tsv" >"$tmp/staff.tsv"
n_student_targets=$(wc -l <"$tmp/student.tsv")
n_staff_targets=$(wc -l <"$tmp/staff.tsv")
n_counselors=$(cut -f1 "$tmp/staff.tsv" | sort -u | wc -l)

# Check every target once: 200, and the page it should be.
say "checking every target answers 200"
check_targets() {
    local file=$1 bad=0 cookie path code
    while IFS=$'\t' read -r cookie path; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$WP$path")
        [ "$code" = 200 ] || { echo "$code $path" >&2; bad=$((bad + 1)); }
    done <"$file"
    [ "$bad" -eq 0 ] || die "$bad targets in $file did not answer 200"
}
check_targets "$tmp/student.tsv"
check_targets "$tmp/staff.tsv"

# ----------------------------------------------------------------- nginx
# A static file of the same size as each Waypoint page (the page itself,
# saved once), served for the same paths so the same wrk script drives it.
mkdir -p "$tmp/nginx/html" "$tmp/nginx/logs"
chmod 711 "$tmp"
chmod -R a+rX "$tmp/nginx"
IFS=$'\t' read -r cookie path <"$tmp/student.tsv"
curl -fsS -H "Cookie: $cookie" "$WP$path" -o "$tmp/nginx/html/student.html"
IFS=$'\t' read -r cookie path <"$tmp/staff.tsv"
curl -fsS -H "Cookie: $cookie" "$WP$path" -o "$tmp/nginx/html/staff.html"
chmod a+r "$tmp/nginx/html/"*.html
size_student=$(stat -c %s "$tmp/nginx/html/student.html")
size_staff=$(stat -c %s "$tmp/nginx/html/staff.html")
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
        location /students/ { try_files /student.html =404; }
        location /staff { try_files /staff.html =404; }
    }
}
EOF
say "starting nginx ($NGINX_WORKERS workers) on $NG"
"$NGINX" -p "$tmp/nginx" -e "$tmp/nginx/logs/error.log" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 100); do
    curl -fsS -o /dev/null "$NG/staff?view=school&page=1" 2>/dev/null && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$tmp/nginx/logs/error.log" >&2; die "nginx exited"; }
    sleep 0.1
done
[ "$(curl -fsS "$NG/students/1" | wc -c)" -eq "$size_student" ] || die "nginx serves the wrong file"

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

# Waypoint answers with something other than 200 for a route (a redirect
# to /login would count as a success for wrk): read its own counters.
non200() {
    curl -fsS "$WP/metrics" | awk -v route="$1" '
        index($0, "http_requests_total{") == 1 && index($0, "route=\"" route "\"") {
            if ($0 !~ /status="200"/) bad += $NF
        }
        END { print bad + 0 }'
}

run_wrk() { # name url targets threads conns duration
    local name=$1 url=$2 targets=$3 t=$4 c=$5 d=$6
    wrk -t"$t" -c"$c" -d"$d" --latency -s "$lua" "$url" -- "$targets" >"$tmp/wrk-$name.txt" 2>&1 ||
        { cat "$tmp/wrk-$name.txt" >&2; die "wrk failed ($name)"; }
}

# Sign-ins cost an argon2 hash each (19 MiB of working memory), and the
# allocator keeps much of that: note that peak, then restart Waypoint
# (sessions live in the database) so that the peak measured below is that
# of serving pages alone.
hwm_setup=$(awk '/^VmHWM/ {print $2}' "/proc/$wp_pid/status")
say "restarting waypoint for the measurement"
stop_waypoint
start_waypoint
rss_idle=$(awk '/^VmRSS/ {print $2}' "/proc/$wp_pid/status")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result
# Each measured run follows its own unmeasured warm-up over the same
# targets, so that every run measures the steady state: Waypoint's read
# cache lets an answer live at most 60 s (cache::MAX_AGE), so one warm-up
# at the start would leave the later runs measuring a cache gone cold. The
# cold start is measured separately below.
say "cold start: the first $WARMUP of caseload pages after the restart"
run_wrk "waypoint-staff-cold" "$WP" "$tmp/staff.tsv" 2 64 "$WARMUP"
cold=$(parse_wrk "$tmp/wrk-waypoint-staff-cold.txt")
say "  $cold  (req/s p50_ms p99_ms requests errors)"

for page in student staff; do
    for conns in 64 8; do
        threads=2
        [ "$conns" -gt 8 ] || threads=1
        for server in nginx waypoint; do
            url=$NG
            [ "$server" = waypoint ] && url=$WP
            name="$server-$page-c$conns"
            run_wrk "warm-$name" "$url" "$tmp/$page.tsv" "$threads" "$conns" "$WARMUP"
            say "wrk -t$threads -c$conns -d$DURATION: $server, $page page"
            run_wrk "$name" "$url" "$tmp/$page.tsv" "$threads" "$conns" "$DURATION"
            result[$name]=$(parse_wrk "$tmp/wrk-$name.txt")
            say "  ${result[$name]}  (req/s p50_ms p99_ms requests errors)"
        done
    done
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rss_after=$(awk '/^VmRSS/ {print $2}' "/proc/$wp_pid/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$wp_pid/status")
bad_student=$(non200 '/students/{id}')
bad_staff=$(non200 '/staff')
# New entries are staged in access_log_recent until settled: count both.
access_rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT (SELECT COUNT(*) FROM access_log) + (SELECT COUNT(*) FROM access_log_recent)").fetchone()[0])' "$db")
nginx_hwm=0
for p in $(pgrep -P "$nginx_pid" 2>/dev/null) "$nginx_pid"; do
    v=$(awk '/^VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    nginx_hwm=$((nginx_hwm + ${v:-0}))
done

# ---------------------------------------------------------------- summary
pass() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
{
    echo
    echo "Waypoint web benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "build: $build_id"
    echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
    echo "data: $STUDENTS students seeded in ${seed_secs}s; $n_signed accounts signed in (${signin_secs}s);" \
        "targets: $n_student_targets student homes, $n_staff_targets caseload pages of $n_counselors counselors"
    echo "load average (1, 5, 15 min; includes this benchmark and any other work on the machine): $load_before before the runs, $load_after after"
    echo "pages: student home $size_student bytes, caseload $size_staff bytes; nginx worker_processes $NGINX_WORKERS; wrk $DURATION per run"
    echo
    printf '%-9s %-5s %10s %10s %7s %9s %9s %9s %9s %7s\n' page conns nginx_rps wp_rps ratio ng_p50 ng_p99 wp_p50 wp_p99 errors
    for page in student staff; do
        for conns in 64 8; do
            read -r nr n50 n99 _ nerr <<<"${result[nginx-$page-c$conns]}"
            read -r wr w50 w99 _ werr <<<"${result[waypoint-$page-c$conns]}"
            ratio=$(awk -v a="$wr" -v b="$nr" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
            printf '%-9s %-5s %10s %10s %7s %8sms %8sms %8sms %8sms %7s\n' \
                "$page" "$conns" "$nr" "$wr" "$ratio" "$n50" "$n99" "$w50" "$w99" "$((nerr + werr))"
        done
    done
    echo
    echo "targets:"
    for page in student staff; do
        read -r nr _ _ _ _ <<<"${result[nginx-$page-c64]}"
        read -r wr _ _ _ _ <<<"${result[waypoint-$page-c64]}"
        ok=$(awk -v a="$wr" -v b="$nr" 'BEGIN {print (a >= b / 2) ? 1 : 0}')
        ratio=$(awk -v a="$wr" -v b="$nr" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
        printf '  %-7s 64 conns: req/s >= 1/2 nginx           %s (%s)\n' "$page" "$(pass "$ok")" "$ratio"
        read -r _ _ n99 _ _ <<<"${result[nginx-$page-c8]}"
        read -r _ w50 w99 _ _ <<<"${result[waypoint-$page-c8]}"
        ok=$(awk -v a="$w50" 'BEGIN {print (a < 2) ? 1 : 0}')
        printf '  %-7s  8 conns: p50 < 2 ms                   %s (%s ms)\n' "$page" "$(pass "$ok")" "$w50"
        ok=$(awk -v a="$w99" -v b="$n99" 'BEGIN {print (a <= 2 * b) ? 1 : 0}')
        printf '  %-7s  8 conns: p99 <= 2 x nginx p99         %s (%s ms vs %s ms)\n' "$page" "$(pass "$ok")" "$w99" "$n99"
    done
    echo
    read -r cr c50 c99 _ cerr <<<"$cold"
    echo "cold start (the first $WARMUP of caseload pages at 64 connections after a restart, every answer a cache miss at first):" \
        "$cr req/s, p50 ${c50} ms, p99 ${c99} ms, $cerr errors"
    echo
    echo "waypoint memory serving pages: peak (VmHWM) $((hwm / 1024)) MiB; VmRSS $((rss_idle / 1024)) MiB idle," \
        "$((rss_after / 1024)) MiB after the runs. During the sign-ins (before a restart): peak $((hwm_setup / 1024)) MiB." \
        "nginx VmHWM (all processes): $((nginx_hwm / 1024)) MiB"
    echo "waypoint non-200 answers during the runs: student $bad_student, caseload $bad_staff; access-log rows written: $access_rows"
} | tee "$tmp/summary.txt"
if [ -n "${RESULTS:-}" ]; then
    cp "$tmp/summary.txt" "$RESULTS"
fi
