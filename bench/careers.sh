#!/usr/bin/env bash
# Careers benchmark: career search and career matches on SQLite against
# nginx serving a static page of the same size, in the same run, with the
# full O*NET release. See BENCHMARKS.md.
#
#   bash bench/careers.sh
#
# Knobs (environment):
#   STUDENTS=2000        students to seed (seven in ten with a finished interest inventory)
#   SIGNIN_STUDENTS=200  students signed in (each asks for their own matches)
#   DISTINCT=5000        different searches in the "distinct" set (half with a typo)
#   DURATION=15s         length of each measured wrk run
#   WARMUP=5s            unmeasured wrk run before each measured run
#   SIGNIN_JOBS=4        parallel sign-ins (each costs an argon2 hash)
#   WAYPOINT_DATA_DIR=../shared/data   the O*NET, BLS and clusters files
#   plus bench/lib.sh's: PORT= NGINX_PORT= NGINX_WORKERS=auto KEEP=0 WAYPOINT_BIN= WAYPOINT_LOG=info
#
# Everything runs on 127.0.0.1; everything started here is stopped on exit.

set -euo pipefail

STUDENTS=${STUDENTS:-2000}
SIGNIN_STUDENTS=${SIGNIN_STUDENTS:-200}
DISTINCT=${DISTINCT:-5000}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
SIGNIN_JOBS=${SIGNIN_JOBS:-4}
PASSWORD=waypoint-demo-2026

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

data=${WAYPOINT_DATA_DIR:-$(cd "$root/.." && pwd)/shared/data}
[ -f "$data/onet/Occupation Data.txt" ] || die "no O*NET release in $data/onet (set WAYPOINT_DATA_DIR)"
bls=$(ls "$data"/bls/ep_table_1.2_*.csv 2>/dev/null | sort | tail -1)
[ -n "$bls" ] || die "no BLS table 1.2 in $data/bls"
cte="$data/clusters/advancecte_soc_cluster_subcluster.csv"

# ------------------------------------------------------------ data
db="$tmp/waypoint.sqlite3"
say "seeding $STUDENTS students (with interest inventories) and importing O*NET, BLS and clusters"
"$bin" seed --database-url "$db" --students "$STUDENTS" --with-interests >"$tmp/seed.log" 2>&1 ||
    { tail -20 "$tmp/seed.log" >&2; die "seed failed"; }
tail -1 "$tmp/seed.log" >&2
"$bin" import onet --database-url "$db" "$data/onet" >"$tmp/import.log" 2>&1 &&
    "$bin" import bls --database-url "$db" "$bls" >>"$tmp/import.log" 2>&1 &&
    "$bin" import clusters --database-url "$db" "$cte" --framework advance-cte \
        --title "National Career Clusters Framework" --publisher "Advance CTE" >>"$tmp/import.log" 2>&1 ||
    { tail -20 "$tmp/import.log" >&2; die "import failed"; }

say "starting waypoint on $WP"
start_waypoint "$db"

# --------------------------------------------------------- targets
# users.tsv: username; paths.tsv: username<TAB>path.
say "choosing $SIGNIN_STUDENTS students with an interest inventory and $DISTINCT searches"
python3 - "$db" "$SIGNIN_STUDENTS" "$DISTINCT" "$tmp" "$data/onet/Alternate Titles.txt" <<'PY'
import csv, random, sqlite3, sys, urllib.parse
db, n_students, n_distinct, out, alt = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rnd = random.Random(2026)
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
students = c.execute(
    "SELECT u.username, s.student_id FROM students s JOIN users u ON u.user_id = s.student_id "
    "WHERE u.disabled = 0 AND s.status = 'active' AND EXISTS (SELECT 1 FROM assessment_attempts a "
    "WHERE a.student_id = s.student_id AND a.completed_at IS NOT NULL) ORDER BY random() LIMIT ?",
    (n_students,)).fetchall()
popular = ["nurse", "enginer", "electrcian", "software developer", "teacher", "mechanic", "chef",
           "physcian", "lawyer", "graphic design", "police", "welder"]
with open(alt, newline="", encoding="utf-8") as f:
    titles = sorted({r["Alternate Title"] for r in csv.DictReader(f, delimiter="\t")})
rnd.shuffle(titles)
def typo(t):
    i = rnd.randrange(1, max(2, len(t) - 1))
    return t[:i - 1] + t[i] + t[i - 1] + t[i + 1:] if len(t) > 3 else t
distinct = [typo(t) if k % 2 else t for k, t in enumerate(titles[:n_distinct])]
q = lambda s: "/careers?q=" + urllib.parse.quote_plus(s)
with open(f"{out}/users.tsv", "w") as users, open(f"{out}/paths.tsv", "w") as paths:
    for k, (username, sid) in enumerate(students):
        users.write(f"{username}\n")
        paths.write(f"{username}\tM\t/students/{sid}/matches\n")
        for p in popular:
            paths.write(f"{username}\tP\t{q(p)}\n")
        for j in range(k, len(distinct), len(students)):
            paths.write(f"{username}\tD\t{q(distinct[j])}\n")
print(f"{len(students)} students, {len(distinct)} distinct searches", file=sys.stderr)
PY

say "signing in $(wc -l <"$tmp/users.tsv") students through /login ($SIGNIN_JOBS at a time)"
sign_in_all "$tmp/users.tsv" "$tmp/cookies.tsv" "$SIGNIN_JOBS" "$PASSWORD"
awk -F'\t' 'NR == FNR {c[$1] = $2; next} ($1 in c) {print c[$1] "\t" $2 "\t" $3}' \
    "$tmp/cookies.tsv" "$tmp/paths.tsv" >"$tmp/all.tsv"
awk -F'\t' '$2 == "M" {print $1 "\t" $3}' "$tmp/all.tsv" >"$tmp/matches.tsv"
awk -F'\t' '$2 == "P" {print $1 "\t" $3}' "$tmp/all.tsv" | shuf --random-source=<(yes) >"$tmp/popular.tsv"
awk -F'\t' '$2 == "D" {print $1 "\t" $3}' "$tmp/all.tsv" >"$tmp/distinct.tsv"

say "checking every target answers 200"
check_targets "$tmp/matches.tsv"
check_targets "$tmp/popular.tsv"
check_targets "$tmp/distinct.tsv"
grep -q 'href="/careers/' <(curl -fsS -H "Cookie: $(head -1 "$tmp/matches.tsv" | cut -f1)" "$WP$(head -1 "$tmp/matches.tsv" | cut -f2)") ||
    die "the matches page lists no careers"

# ----------------------------------------------------------- nginx
size_matches=$(save_page "$tmp/matches.tsv" matches.html)
size_search=$(save_page "$tmp/popular.tsv" search.html)
start_nginx "/students/ matches.html" "/careers search.html"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result
kinds="popular distinct matches"
for kind in $kinds; do
    for conns in 64 8; do
        threads=2
        [ "$conns" -gt 8 ] || threads=1
        for server in nginx waypoint; do
            [ "$server" = nginx ] && [ "$kind" = distinct ] && continue # the same page as popular for nginx
            url=$NG
            [ "$server" = waypoint ] && url=$WP
            name="$server-$kind-c$conns"
            run_wrk "warm-$name" "$url" "$tmp/$kind.tsv" "$threads" "$conns" "$WARMUP"
            say "wrk -t$threads -c$conns -d$DURATION: $server, $kind"
            run_wrk "$name" "$url" "$tmp/$kind.tsv" "$threads" "$conns" "$DURATION"
            result[$name]=$(parse_wrk "$tmp/wrk-$name.txt")
            say "  ${result[$name]}  (req/s p50_ms p99_ms requests errors)"
        done
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$wp_pid/status")
bad_search=$(non200 '/careers')
bad_matches=$(non200 '/students/{id}/matches')

# --------------------------------------------------------- summary
{
    echo
    echo "Waypoint careers benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "build: $build_id"
    echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
    echo "data: $STUDENTS students seeded; O*NET from $data/onet, $(basename "$bls"), Advance CTE clusters;" \
        "targets: $(wc -l <"$tmp/matches.tsv") students' matches, $(wc -l <"$tmp/popular.tsv") popular searches (12 queries)," \
        "$(wc -l <"$tmp/distinct.tsv") distinct searches"
    echo "load average (1, 5, 15 min): $load_before before the runs, $load_after after"
    echo "pages: matches $size_matches bytes, search $size_search bytes; nginx worker_processes $NGINX_WORKERS; wrk $DURATION per run"
    echo
    printf '%-9s %-5s %10s %10s %7s %9s %9s %9s %9s %7s\n' kind conns nginx_rps wp_rps ratio ng_p50 ng_p99 wp_p50 wp_p99 errors
    for kind in $kinds; do
        for conns in 64 8; do
            ng=nginx-$kind-c$conns
            [ "$kind" = distinct ] && ng=nginx-popular-c$conns
            read -r nr n50 n99 _ nerr <<<"${result[$ng]}"
            read -r wr w50 w99 _ werr <<<"${result[waypoint-$kind-c$conns]}"
            ratio=$(awk -v a="$wr" -v b="$nr" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
            printf '%-9s %-5s %10s %10s %7s %8sms %8sms %8sms %8sms %7s\n' \
                "$kind" "$conns" "$nr" "$wr" "$ratio" "$n50" "$n99" "$w50" "$w99" "$((nerr + werr))"
        done
    done
    echo
    echo "targets:"
    for kind in $kinds; do
        ng=nginx-$kind
        [ "$kind" = distinct ] && ng=nginx-popular
        read -r nr _ _ _ _ <<<"${result[$ng-c64]}"
        read -r wr _ _ _ _ <<<"${result[waypoint-$kind-c64]}"
        ok=$(awk -v a="$wr" -v b="$nr" 'BEGIN {print (a >= b / 2) ? 1 : 0}')
        ratio=$(awk -v a="$wr" -v b="$nr" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
        printf '  %-8s 64 conns: req/s >= 1/2 nginx           %s (%s)\n' "$kind" "$(pass "$ok")" "$ratio"
        read -r _ _ n99 _ _ <<<"${result[$ng-c8]}"
        read -r _ w50 w99 _ _ <<<"${result[waypoint-$kind-c8]}"
        ok=$(awk -v a="$w50" 'BEGIN {print (a < 2) ? 1 : 0}')
        printf '  %-8s  8 conns: p50 < 2 ms                   %s (%s ms)\n' "$kind" "$(pass "$ok")" "$w50"
        ok=$(awk -v a="$w99" -v b="$n99" 'BEGIN {print (a <= 2 * b) ? 1 : 0}')
        printf '  %-8s  8 conns: p99 <= 2 x nginx p99         %s (%s ms vs %s ms)\n' "$kind" "$(pass "$ok")" "$w99" "$n99"
    done
    echo
    echo "waypoint peak memory (VmHWM): $((hwm / 1024)) MiB; non-200 answers: search $bad_search, matches $bad_matches"
} | tee "$tmp/summary.txt"
if [ -n "${RESULTS:-}" ]; then
    cp "$tmp/summary.txt" "$RESULTS"
fi
