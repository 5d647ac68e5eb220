//! Parse time and peak memory for a generated 100,000-user / 1,000,000-enrollment package.
//! Ignored by default; run in release mode:
//!
//! ```sh
//! cargo test -p waypoint-import-export --release --test bench -- --ignored --nocapture
//! ```
//!
//! The package is generated into the target folder (nothing is committed) and removed after.
//! `WAYPOINT_BENCH_USERS` and `WAYPOINT_BENCH_ENROLLMENTS` change the size (e.g. 1000000 and
//! 10000000 for a state-sized package).
//! Peak heap is measured with a counting allocator installed for this test binary only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use waypoint_import_export::oneroster::{Options, read_dir};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const T: &str = "2024-07-01T12:00:00.000Z";

/// Writes a bulk 1.2 package: 1 district, `schools` schools, `users` users (90% students,
/// 5% teachers, 5% parents), 10 classes per teacher, `enrollments` student enrollments.
fn generate(dir: &Path, users: usize, enrollments: usize) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let open = |name: &str| -> std::io::Result<BufWriter<File>> {
        Ok(BufWriter::with_capacity(1 << 20, File::create(dir.join(name))?))
    };
    let schools = 40;
    let teachers = users / 20;
    let parents = users / 20;
    let students = users - teachers - parents;
    let classes = teachers * 10;

    let mut w = open("manifest.csv")?;
    writeln!(w, "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2")?;
    for f in [
        "orgs",
        "academicSessions",
        "courses",
        "classes",
        "users",
        "roles",
        "demographics",
        "enrollments",
    ] {
        writeln!(w, "file.{f},bulk")?;
    }
    w.flush()?;

    let mut w = open("orgs.csv")?;
    writeln!(
        w,
        "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId"
    )?;
    writeln!(w, "dist,active,{T},Generated District,district,0600001,")?;
    for s in 0..schools {
        writeln!(
            w,
            "sch-{s:03},active,{T},Generated School {s},school,06000010{s:04},dist"
        )?;
    }
    w.flush()?;

    let mut w = open("academicSessions.csv")?;
    writeln!(
        w,
        "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear"
    )?;
    writeln!(w, "sy,active,{T},2024-2025,schoolYear,2024-08-19,2025-06-06,,2025")?;
    writeln!(w, "t1,active,{T},Fall,term,2024-08-19,2024-12-20,sy,2025")?;
    writeln!(w, "t2,active,{T},Spring,term,2025-01-06,2025-06-06,sy,2025")?;
    w.flush()?;

    let mut w = open("courses.csv")?;
    writeln!(
        w,
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes"
    )?;
    for c in 0..500 {
        writeln!(
            w,
            "crs-{c:04},active,{T},sy,Course {c},C{c:04},\"09,10,11,12\",sch-{:03},Subject,SUB",
            c % schools
        )?;
    }
    w.flush()?;

    let mut w = open("classes.csv")?;
    writeln!(
        w,
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods"
    )?;
    for c in 0..classes {
        writeln!(
            w,
            "cls-{c:06},active,{T},Class {c},10,crs-{:04},K{c},scheduled,Room {},sch-{:03},\"t1,t2\",Subject,SUB,{}",
            c % 500,
            c % 300,
            c % schools,
            c % 7 + 1
        )?;
    }
    w.flush()?;

    let mut u = open("users.csv")?;
    writeln!(
        u,
        "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns"
    )?;
    let mut r = open("roles.csv")?;
    writeln!(
        r,
        "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId"
    )?;
    let mut d = open("demographics.csv")?;
    writeln!(
        d,
        "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus"
    )?;
    for i in 0..students {
        let school = i % schools;
        let parent = i % parents;
        writeln!(
            u,
            "stu-{i:07},active,{T},true,student{i},\"{{State:S{i:09}}},{{District:D{i}}}\",Given{i},Family{},,{i:09},student{i}@example.org,,,par-{parent:07},{:02},,,,,,sch-{school:03},",
            i % 997,
            9 + i % 4
        )?;
        writeln!(
            r,
            "rs-{i:07},active,{T},stu-{i:07},primary,student,2024-08-19,,sch-{school:03},"
        )?;
        writeln!(
            d,
            "stu-{i:07},active,{T},2009-{:02}-{:02},{},false,{},false,false,{},false,{},US,CA,,",
            i % 12 + 1,
            i % 28 + 1,
            if i % 2 == 0 { "female" } else { "male" },
            i % 3 == 0,
            i % 3 != 0,
            i % 5 == 0
        )?;
    }
    for i in 0..teachers {
        writeln!(
            u,
            "tch-{i:07},active,{T},true,teacher{i},,Given{i},Teacher,,E{i},teacher{i}@example.org,,555-0100,,,,,,,,sch-{:03},",
            i % schools
        )?;
        writeln!(
            r,
            "rt-{i:07},active,{T},tch-{i:07},primary,teacher,,,sch-{:03},",
            i % schools
        )?;
    }
    for i in 0..parents {
        let kids: Vec<String> = (0..students)
            .skip(i)
            .step_by(parents)
            .take(3)
            .map(|k| format!("stu-{k:07}"))
            .collect();
        writeln!(
            u,
            "par-{i:07},active,{T},true,parent{i},,Given{i},Parent,,,parent{i}@example.net,,,\"{}\",,,,,,,sch-{:03},",
            kids.join(","),
            i % schools
        )?;
        writeln!(
            r,
            "rp-{i:07},active,{T},par-{i:07},primary,parent,,,sch-{:03},",
            i % schools
        )?;
    }
    u.flush()?;
    r.flush()?;
    d.flush()?;

    let mut w = open("enrollments.csv")?;
    writeln!(
        w,
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate"
    )?;
    for e in 0..enrollments {
        let s = e % students;
        let c = (e / students * 7919 + s * 31) % classes;
        writeln!(
            w,
            "enr-{e:08},active,{T},cls-{c:06},sch-{:03},stu-{s:07},student,false,2024-08-19,2025-06-06",
            c % schools
        )?;
    }
    w.flush()?;

    let mut total = 0;
    for e in std::fs::read_dir(dir)? {
        total += e?.metadata()?.len();
    }
    Ok(total)
}

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[ignore = "benchmark: run in release mode with --ignored --nocapture"]
fn parse_100k_users_1m_enrollments() {
    let size = |var: &str, default: usize| std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (users, enrollments) = (
        size("WAYPOINT_BENCH_USERS", 100_000),
        size("WAYPOINT_BENCH_ENROLLMENTS", 1_000_000),
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oneroster-bench");
    let started = Instant::now();
    let bytes = generate(&dir, users, enrollments).unwrap();
    println!("generated {:.1} MB in {:.1?}", bytes as f64 / 1e6, started.elapsed());

    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let hwm_before = vm_hwm_kib();
    let started = Instant::now();
    let package = read_dir(&dir, &Options::default()).unwrap_or_else(|r| panic!("{r}"));
    let took = started.elapsed();
    let retained = CURRENT.load(Relaxed) - base;
    let peak = PEAK.load(Relaxed) - base;
    assert_eq!(package.users.len(), users);
    assert_eq!(package.enrollments.len(), enrollments);
    assert_eq!(package.demographics.len(), users - users / 20 * 2);
    assert!(package.users.iter().all(|u| u.roles.len() == 1));
    println!(
        "parsed {} users, {} enrollments, {} classes in {:.2?} ({:.0} MB/s)",
        package.users.len(),
        package.enrollments.len(),
        package.classes.len(),
        took,
        bytes as f64 / 1e6 / took.as_secs_f64()
    );
    println!(
        "heap: peak {:.1} MB during parsing, {:.1} MB retained by the Package; process peak RSS {:?} KiB (before: {:?} KiB)",
        peak as f64 / 1e6,
        retained as f64 / 1e6,
        vm_hwm_kib(),
        hwm_before
    );
    drop(package);
    std::fs::remove_dir_all(&dir).unwrap();
}
