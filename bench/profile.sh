#!/usr/bin/env bash
# Profiles Waypoint serving one kind of page under wrk load with `perf`:
# the same data, sign-ins and targets as bench/run.sh, no nginx.
#
#   PAGE=staff bash bench/profile.sh      # PAGE=student|staff
#
# Knobs: STUDENTS=100000 SIGNIN_STUDENTS=300 COUNSELOR_PAGES=4 DURATION=10s
# CONNS=64 PERF_FREQ=499, and bench/lib.sh's. Prints perf's flat profile
# (self time by symbol) and the top of its call graph; KEEP=1 keeps perf.data.
set -euo pipefail
STUDENTS=${STUDENTS:-100000}
SIGNIN_STUDENTS=${SIGNIN_STUDENTS:-300}
COUNSELOR_PAGES=${COUNSELOR_PAGES:-4}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
PAGE=${PAGE:-staff}
PERF_FREQ=${PERF_FREQ:-499}
PASSWORD=waypoint-demo-2026
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
command -v perf >/dev/null || die "perf is not installed (apt-get install linux-perf)"

db="$tmp/waypoint.sqlite3"
say "seeding $STUDENTS students"
"$bin" seed --database-url "$db" --students "$STUDENTS" >"$tmp/seed.log" 2>&1 ||
    { tail -20 "$tmp/seed.log" >&2; die "seed failed"; }
start_waypoint "$db"
python3 - "$db" "$SIGNIN_STUDENTS" "$COUNSELOR_PAGES" "$tmp" <<'PY'
import math, random, sqlite3, sys
db, n, per, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
st = c.execute("SELECT u.username, s.student_id FROM students s JOIN users u ON u.user_id = s.student_id "
               "WHERE s.status = 'active' ORDER BY random() LIMIT ?", (n,)).fetchall()
co = c.execute("SELECT DISTINCT u.username, g.org_id FROM role_grants g JOIN users u ON u.user_id = g.user_id "
               "JOIN orgs o ON o.org_id = g.org_id WHERE g.role = 'counselor' AND o.kind = 'school' "
               "ORDER BY random() LIMIT ?", (n,)).fetchall()
rnd = random.Random(1)
with open(f"{out}/users.tsv", "w") as u, open(f"{out}/paths.tsv", "w") as p:
    for name, sid in st:
        u.write(f"{name}\n"); p.write(f"{name}\t/students/{sid}\n")
    seen = set()
    for name, org in co:
        if name in seen: continue
        seen.add(name)
        pages = max(1, math.ceil(c.execute("SELECT COUNT(*) FROM students WHERE school_id = ?", (org,)).fetchone()[0] / 25))
        u.write(f"{name}\n")
        for _ in range(per): p.write(f"{name}\t/staff?view=school&page={rnd.randint(1, pages)}\n")
PY
sign_in_all "$tmp/users.tsv" "$tmp/cookies.tsv" 4 "$PASSWORD"
awk -F'\t' 'NR == FNR {c[$1] = $2; next} ($1 in c) {print c[$1] "\t" $2}' "$tmp/cookies.tsv" "$tmp/paths.tsv" >"$tmp/all.tsv"
case "$PAGE" in
    student) grep -P '\t/students/' "$tmp/all.tsv" >"$tmp/targets.tsv" ;;
    staff) grep -P '\t/staff\?' "$tmp/all.tsv" >"$tmp/targets.tsv" ;;
    *) die "PAGE is student or staff" ;;
esac
check_targets "$tmp/targets.tsv"
run_wrk warm "$WP" "$tmp/targets.tsv" 2 "$CONNS" 5s
say "perf record for $DURATION under wrk -c$CONNS ($PAGE pages)"
perf record -F "$PERF_FREQ" -g -p "$wp_pid" -o "$tmp/perf.data" -- sleep "${DURATION%s}" 2>/dev/null &
perf_pid=$!
run_wrk measured "$WP" "$tmp/targets.tsv" 2 "$CONNS" "$DURATION"
wait "$perf_pid" || true
say "wrk: $(parse_wrk "$tmp/wrk-measured.txt") (req/s p50_ms p99_ms requests errors)"
{ perf report -i "$tmp/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep '%' | head -60; } || true
echo "---- by DSO"
{ perf report -i "$tmp/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep '%' | head -12; } || true
if [ "$KEEP" = 1 ]; then say "perf.data kept in $tmp (perf report -i $tmp/perf.data)"; fi
