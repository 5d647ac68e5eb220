#!/usr/bin/env bash
# OneRoster import benchmark: `waypoint import oneroster` of a synthetic
# package against loading the same CSV files raw into plain tables
# (`sqlite3 .import`, PostgreSQL `\copy`), on both stores, in the same run.
# See BENCHMARKS.md.
#
#   bash bench/import.sh
#
# Knobs (environment):
#   STUDENTS=100000      students in the package (users.csv also holds their
#                        guardians and the schools' staff: ~1.9 users a student)
#   CLASSES=10           class places per student (1-10)
#   STORES="sqlite postgres"   which stores to measure
#   REPEAT=1             how many times to measure each store (raw, then import)
#   REIMPORT=1           then import the same package again into the same database (0: not)
#   PG_URL=              PostgreSQL admin URL (default: `bash .ci/postgres.sh`,
#                        which starts a private server if none is running)
#   WAYPOINT_BIN=        use this binary instead of building target/release/waypoint
#   PACKAGE=             use this package folder instead of generating one
#   KEEP=0               1: keep the temporary folder (package, SQLite files, logs)
#   PG_DROP_FKS=0        1: an experiment, not a configuration: drop every foreign
#                        key of Waypoint's PostgreSQL database before the import,
#                        to measure what the per-row checks cost
#
# Every database made here is new and is dropped (PostgreSQL) or deleted
# (SQLite) on exit. The timed commands are run back to back; the machine's
# other load is not controlled, so compare the figures of one run.

set -euo pipefail

STUDENTS=${STUDENTS:-100000}
CLASSES=${CLASSES:-10}
STORES=${STORES:-sqlite postgres}
REPEAT=${REPEAT:-1}
REIMPORT=${REIMPORT:-1}
KEEP=${KEEP:-0}
PG_DROP_FKS=${PG_DROP_FKS:-0}
ADMIN=bench.admin
STATE=EX   # the synthetic state's code; the package is the state's roster

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

need_pkg() { # command, Debian package
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing $2"
    (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq "$2") >&2 \
        || die "$1 is missing and $2 could not be installed"
}
need_pkg sqlite3 sqlite3
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time
case " $STORES " in *" postgres "*) need_pkg psql postgresql-client ;; esac

# ---------------------------------------------------------------- cleanup
tmp=$(mktemp -d "${TMPDIR:-/tmp}/waypoint-import-bench.XXXXXX")
PG_ADMIN=
pg_dbs=()
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for db in "${pg_dbs[@]}"; do
        psql "$PG_ADMIN" -qAtc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
    if [ "$KEEP" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- build
if [ -n "${WAYPOINT_BIN:-}" ]; then
    WP=$WAYPOINT_BIN
else
    say "cargo build --release -p waypoint"
    (cd "$root" && cargo build --release -p waypoint) >&2
    WP=$root/target/release/waypoint
fi
[ -x "$WP" ] || die "no binary at $WP"
export WAYPOINT_LOG=${WAYPOINT_LOG:-warn}

# ---------------------------------------------------------------- package
if [ -n "${PACKAGE:-}" ]; then
    pkg=$PACKAGE
else
    pkg=$tmp/package
    say "generating a package of $STUDENTS students ($CLASSES classes each)"
    "$WP" synth oneroster --students "$STUDENTS" --classes-per-student "$CLASSES" --out "$pkg" | tee "$tmp/synth.txt" >&2
fi
files=(manifest orgs academicSessions courses classes users roles demographics enrollments)
rows_total=0
for f in "${files[@]}"; do
    [ -f "$pkg/$f.csv" ] || die "$pkg/$f.csv is missing"
    n=$(($(wc -l <"$pkg/$f.csv") - 1))
    rows_total=$((rows_total + n))
    printf '  %-22s %10d rows %8.1f MB\n' "$f.csv" "$n" "$(echo "$(stat -c %s "$pkg/$f.csv") / 1000000" | bc -l)" >&2
done
bytes=$(cd "$pkg" && du -cb "${files[@]/%/.csv}" | tail -1 | cut -f1)

# The columns of a CSV file's header, as "a" TEXT, "b" TEXT, ...
columns() { head -1 "$1" | tr -d '\r' | awk -F, '{for (i = 1; i <= NF; i++) printf "%s\"%s\" TEXT", (i > 1 ? ", " : ""), $i}'; }

now() { date +%s.%N; }

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets SECS and RSS_MB.
timed() {
    local name=$1; shift
    local t0 t1
    t0=$(now)
    if ! /usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; then
        tail -20 "$tmp/$name.err" >&2
        die "$name failed (log: $tmp/$name.err)"
    fi
    t1=$(now)
    SECS=$(echo "$t1 - $t0" | bc -l)
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tmp/$name.time")
}

results=()   # "store|run|import s|raw s|ratio|rss MB|db MB|re-import s"

# reimport STORE RUN DATABASE: the same package again into the database it was just imported
# into (REIMPORT=1): nothing is new, so nothing should be written. Keeps SECS and RSS_MB of the
# first import; sets REIMPORT_SECS and REIMPORT_SUMMARY.
reimport() {
    REIMPORT_SECS=
    REIMPORT_SUMMARY=
    [ "$REIMPORT" = 1 ] || return 0
    local secs=$SECS rss=$RSS_MB
    timed "$1-reimport-$2" "$WP" import oneroster "$pkg" --source "$STATE" --as "$ADMIN" --database-url "$3"
    REIMPORT_SECS=$SECS
    REIMPORT_SUMMARY=$(grep '^imported:' "$tmp/$1-reimport-$2.out" || true)
    SECS=$secs
    RSS_MB=$rss
}

# ---------------------------------------------------------------- SQLite
sqlite_raw() { # run: a new file with plain tables, each file .import-ed
    local db=$tmp/raw-$1.sqlite3 sql=$tmp/raw-$1.sql
    rm -f "$db"*
    {
        # The same journal settings as Waypoint's store.
        echo "PRAGMA journal_mode=WAL;"
        echo "PRAGMA synchronous=NORMAL;"
        for f in "${files[@]}"; do echo "CREATE TABLE \"$f\" ($(columns "$pkg/$f.csv"));"; done
        for f in "${files[@]}"; do echo ".import --csv --skip 1 '$pkg/$f.csv' $f"; done
    } >"$sql"
    timed "sqlite-raw-$1" sqlite3 -bail "$db" ".read $sql"
    local n=0
    for f in "${files[@]}"; do n=$((n + $(sqlite3 "$db" "SELECT count(*) FROM \"$f\""))); done
    [ "$n" = "$rows_total" ] || die "sqlite3 loaded $n rows, the files hold $rows_total"
    rm -f "$db"*
}

sqlite_import() { # run: a new Waypoint database, then the timed import
    local db=$tmp/waypoint-$1.sqlite3
    rm -f "$db"*
    WAYPOINT_NEW_PASSWORD=bench-admin-password-2026 "$WP" user create --database-url "$db" \
        --username "$ADMIN" --given-name Bench --family-name Admin --role state_admin --org "$STATE" >/dev/null
    timed "sqlite-import-$1" "$WP" import oneroster "$pkg" --source "$STATE" --as "$ADMIN" --database-url "$db"
    IMPORT_SUMMARY=$(grep '^imported:' "$tmp/sqlite-import-$1.out" || true)
    DB_SIZE=$(du -cb "$db"* | tail -1 | cut -f1)
    reimport sqlite "$1" "$db"
    [ "$KEEP" = 1 ] || rm -f "$db"*
}

# ---------------------------------------------------------------- PostgreSQL
pg_drop_db() {
    psql "$PG_ADMIN" -qAtc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
}

pg_raw() {
    local name=wp_bench_raw_$$_$1 url sql=$tmp/pg-raw-$1.sql
    pg_drop_db "$name"
    psql "$PG_ADMIN" -qAtc "CREATE DATABASE $name" >/dev/null
    pg_dbs+=("$name")
    url=${PG_ADMIN%/*}/$name
    {
        for f in "${files[@]}"; do echo "CREATE TABLE \"$f\" ($(columns "$pkg/$f.csv"));"; done
        for f in "${files[@]}"; do echo "\\copy \"$f\" FROM '$pkg/$f.csv' WITH (FORMAT csv, HEADER true)"; done
    } >"$sql"
    timed "pg-raw-$1" psql "$url" -q -v ON_ERROR_STOP=1 -f "$sql"
    local n=0
    for f in "${files[@]}"; do n=$((n + $(psql "$url" -qAtc "SELECT count(*) FROM \"$f\""))); done
    [ "$n" = "$rows_total" ] || die "COPY loaded $n rows, the files hold $rows_total"
    pg_drop_db "$name"
}

pg_import() {
    local name=wp_bench_import_$$_$1 url
    pg_drop_db "$name"
    psql "$PG_ADMIN" -qAtc "CREATE DATABASE $name" >/dev/null
    pg_dbs+=("$name")
    url=${PG_ADMIN%/*}/$name
    WAYPOINT_NEW_PASSWORD=bench-admin-password-2026 "$WP" user create --database-url "$url" \
        --username "$ADMIN" --given-name Bench --family-name Admin --role state_admin --org "$STATE" >/dev/null
    if [ "$PG_DROP_FKS" = 1 ]; then
        psql "$url" -qAt -c "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I;', conrelid::regclass, conname)
                             FROM pg_constraint WHERE contype = 'f'" | psql "$url" -q -v ON_ERROR_STOP=1 >/dev/null
        say "  (experiment: foreign keys dropped)"
    fi
    timed "pg-import-$1" "$WP" import oneroster "$pkg" --source "$STATE" --as "$ADMIN" --database-url "$url"
    IMPORT_SUMMARY=$(grep '^imported:' "$tmp/pg-import-$1.out" || true)
    DB_SIZE=$(psql "$url" -qAtc "SELECT pg_database_size(current_database())")
    reimport pg "$1" "$url"
    pg_drop_db "$name"
}

# ---------------------------------------------------------------- runs
say "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
for store in $STORES; do
    case $store in
        sqlite) say "SQLite $(sqlite3 --version | cut -d' ' -f1) (sqlite3 CLI); Waypoint's is bundled" ;;
        postgres)
            PG_ADMIN=${PG_URL:-$(bash "$root/.ci/postgres.sh")}
            say "PostgreSQL $(psql "$PG_ADMIN" -qAtc 'SHOW server_version'), $PG_ADMIN"
            ;;
        *) die "unknown store $store (sqlite or postgres)" ;;
    esac
    for run in $(seq "$REPEAT"); do
        if [ "$store" = sqlite ]; then
            say "SQLite run $run: sqlite3 .import (raw)"
            sqlite_raw "$run"; raw=$SECS
            say "  $(printf '%.2f' "$raw") s"
            say "SQLite run $run: waypoint import oneroster"
            sqlite_import "$run"; imp=$SECS
        else
            say "PostgreSQL run $run: psql \\copy (raw)"
            pg_raw "$run"; raw=$SECS
            say "  $(printf '%.2f' "$raw") s"
            say "PostgreSQL run $run: waypoint import oneroster"
            pg_import "$run"; imp=$SECS
        fi
        say "  $(printf '%.2f' "$imp") s, peak RSS $RSS_MB MB, database $((DB_SIZE / 1000000)) MB"
        say "  $IMPORT_SUMMARY"
        [ -z "$REIMPORT_SECS" ] || say "  the same package again: $(printf '%.2f' "$REIMPORT_SECS") s; $REIMPORT_SUMMARY"
        results+=("$store|$run|$imp|$raw|$(echo "$imp / $raw" | bc -l)|$RSS_MB|$((DB_SIZE / 1000000))|${REIMPORT_SECS:-0}")
    done
done

# ---------------------------------------------------------------- report
echo
echo "package: $STUDENTS students, $rows_total CSV rows, $(echo "$bytes / 1000000" | bc) MB ($pkg)"
[ -f "$tmp/synth.txt" ] && cat "$tmp/synth.txt"
echo
printf '| %-10s | %3s | %14s | %10s | %6s | %16s | %11s | %14s |\n' store run "waypoint import" "raw load" ratio "import peak RSS" "database" "same again"
printf '| %-10s | %3s | %14s | %10s | %6s | %16s | %11s | %14s |\n' --- --: --: --: --: --: --: --:
for r in "${results[@]}"; do
    IFS='|' read -r store run imp raw ratio rss size again <<<"$r"
    printf '| %-10s | %3s | %12.1f s | %8.1f s | %5.2f× | %13s MB | %8s MB | %12.1f s |\n' "$store" "$run" "$imp" "$raw" "$ratio" "$rss" "$size" "$again"
done
echo
echo "target: import within 3× of the raw load"
