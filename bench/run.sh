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
PASSWORD=waypoint-demo-2026


here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

# ------------------------------------------------------------------- seed
db="$tmp/waypoint.sqlite3"
say "seeding $STUDENTS students into $db"
seed_start=$(date +%s)
"$bin" seed --database-url "$db" --students "$STUDENTS" >"$tmp/seed.log" 2>&1 ||
    { tail -20 "$tmp/seed.log" >&2; die "seed failed"; }
seed_secs=$(( $(date +%s) - seed_start ))
grep -i "seeded" "$tmp/seed.log" | tail -1 >&2 || true

say "starting waypoint on $WP"
start_waypoint "$db"

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
say "signing in $n_users accounts through /login ($SIGNIN_JOBS at a time)"
signin_start=$(date +%s)
sign_in_all "$tmp/users.tsv" "$tmp/cookies.tsv" "$SIGNIN_JOBS" "$PASSWORD"
signin_secs=$(( $(date +%s) - signin_start ))
n_signed=$(wc -l <"$tmp/cookies.tsv")

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
check_targets "$tmp/student.tsv"
check_targets "$tmp/staff.tsv"

# ----------------------------------------------------------------- nginx
# A static file of the same size as each Waypoint page (the page itself,
# saved once), served for the same paths so the same wrk script drives it.
size_student=$(save_page "$tmp/student.tsv" student.html)
size_staff=$(save_page "$tmp/staff.tsv" staff.html)
start_nginx "/students/ student.html" "/staff staff.html"
[ "$(curl -fsS "$NG/students/1" | wc -c)" -eq "$size_student" ] || die "nginx serves the wrong file"


# Sign-ins cost an argon2 hash each (19 MiB of working memory), and the
# allocator keeps much of that: note that peak, then restart Waypoint
# (sessions live in the database) so that the peak measured below is that
# of serving pages alone.
hwm_setup=$(awk '/^VmHWM/ {print $2}' "/proc/$wp_pid/status")
say "restarting waypoint for the measurement"
stop_waypoint
start_waypoint "$db"
rss_idle=$(awk '/^VmRSS/ {print $2}' "/proc/$wp_pid/status")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result caches
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
            if [ "$server" = waypoint ]; then
                caches[$name]=$(cache_delta "$name")
                say "  ${caches[$name]}"
            fi
        done
    done
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rss_after=$(awk '/^VmRSS/ {print $2}' "/proc/$wp_pid/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$wp_pid/status")
bad_student=$(non200 '/students/{id}')
bad_staff=$(non200 '/staff')
# New entries are staged in access_log_batches until settled: count both.
access_rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT (SELECT COUNT(*) FROM access_log) + (SELECT COALESCE(SUM(entries), 0) FROM access_log_batches)").fetchone()[0])' "$db")
nginx_hwm=0
for p in $(pgrep -P "$nginx_pid" 2>/dev/null) "$nginx_pid"; do
    v=$(awk '/^VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    nginx_hwm=$((nginx_hwm + ${v:-0}))
done

# ---------------------------------------------------------------- summary
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
    for page in student staff; do
        for conns in 64 8; do
            echo "$page $conns conns, ${caches[waypoint-$page-c$conns]}"
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
