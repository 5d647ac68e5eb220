//! `waypoint synth oneroster`: writes a synthetic OneRoster 1.2 bulk package
//! (CSV folder) from `waypoint-synth`'s deterministic people, for the import
//! benchmark (`bench/import.sh`) and for trying imports at scale.
//!
//! The package is the state's roster: the state, its districts and middle
//! and high schools (`orgs.csv`), three school years and the current year's
//! two terms (`academicSessions.csv`), a district course catalog per grade
//! (`courses.csv`), class sections of about 25 students taught by the
//! schools' teachers (`classes.csv`), students, guardians (with
//! `agentSourcedIds` both ways) and school and district staff (`users.csv`,
//! `roles.csv`; no `password` column: Waypoint never imports passwords), one class place per student and course plus one teacher
//! place per class (`enrollments.csv`), and `demographics.csv`.
//!
//! Students' timetables: six full-year core courses (periods 1–6) and two
//! semester electives a term (periods 7–8), ten classes in all;
//! `classes_per_student` takes the first N of those. State staff are left
//! out (a state's administrators are not rostered from a SIS).
//!
//! The same students and seed always give the same package, byte for byte.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use waypoint_synth::{Config, Dataset, Household, OrgKind, StaffRole, Student};

/// `dateLastModified` of every row.
const T: &str = "2026-08-01T12:00:00.000Z";
/// Students per class section (at most).
const SECTION: u32 = 25;
/// Class slots of a timetable: six full-year, then two electives a term.
pub const MAX_CLASSES_PER_STUDENT: usize = 10;

/// What to write.
#[derive(Clone, Debug)]
pub struct Options {
    pub students: usize,
    pub seed: u64,
    /// 1..=10 class places per student.
    pub classes_per_student: usize,
    /// The folder to write into (created; existing CSV files are replaced).
    pub out: PathBuf,
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Written {
    pub orgs: usize,
    pub students: usize,
    pub guardians: usize,
    pub staff: usize,
    pub courses: usize,
    pub classes: usize,
    pub enrollments: usize,
    pub bytes: u64,
}

impl Written {
    /// Rows of users.csv.
    pub fn users(&self) -> usize {
        self.students + self.guardians + self.staff
    }
}

/// When a slot is taught.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Term {
    Year,
    Fall,
    Spring,
}

/// The timetable slots: (term, period).
const SLOTS: [(Term, u8); MAX_CLASSES_PER_STUDENT] = [
    (Term::Year, 1),
    (Term::Year, 2),
    (Term::Year, 3),
    (Term::Year, 4),
    (Term::Year, 5),
    (Term::Year, 6),
    (Term::Fall, 7),
    (Term::Fall, 8),
    (Term::Spring, 7),
    (Term::Spring, 8),
];

/// A course of grade `grade` in timetable slot `slot`: (title, subject, subject code).
fn course(grade: u8, slot: usize) -> (String, &'static str, &'static str) {
    let hs: [[&str; 4]; 6] = [
        ["English 9", "English 10", "English 11", "English 12"],
        ["Algebra I", "Geometry", "Algebra II", "Precalculus"],
        ["Biology", "Chemistry", "Physics", "Environmental Science"],
        ["World History", "U.S. History", "U.S. Government", "Economics"],
        ["Spanish I", "Spanish II", "Spanish III", "Spanish IV"],
        [
            "Health and PE",
            "Physical Education",
            "Personal Finance",
            "Physical Education",
        ],
    ];
    let subjects: [(&str, &str); MAX_CLASSES_PER_STUDENT] = [
        ("English Language Arts", "ELA"),
        ("Mathematics", "MATH"),
        ("Science", "SCI"),
        ("Social Studies", "SS"),
        ("World Languages", "WL"),
        ("Physical Education", "PE"),
        ("Fine Arts", "ART"),
        ("Computer Science", "CS"),
        ("Music", "MUS"),
        ("Career and Technical Education", "CTE"),
    ];
    let (subject, code) = subjects[slot];
    let title = if grade >= 9 && slot < 6 {
        hs[slot][usize::from(grade - 9).min(3)].to_string()
    } else {
        let name = match slot {
            0 => "English",
            1 => "Math",
            2 => "Science",
            3 => "Social Studies",
            4 => "Spanish",
            5 => "Physical Education",
            6 => "Studio Art",
            7 => "Computer Science",
            8 => "Band",
            _ => "Career Exploration",
        };
        format!("{name} {grade}")
    };
    (title, subject, code)
}

/// A CSV field, quoted when it must be.
fn q(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

fn org_sid(code: &str) -> String {
    format!("org-{code}")
}

fn staff_sid(key: u32) -> String {
    format!("stf-{key}")
}

fn student_sid(seq: u64) -> String {
    format!("stu-{seq}")
}

struct Out {
    dir: PathBuf,
}

impl Out {
    fn open(&self, name: &str, header: &str) -> std::io::Result<BufWriter<File>> {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(self.dir.join(name))?);
        writeln!(w, "{header}")?;
        Ok(w)
    }
}

/// A school's class sections for one grade and slot: the first class's
/// number and how many sections.
#[derive(Clone, Copy)]
struct Sections {
    first: u64,
    count: u32,
}

/// Writes the package. `progress` is called with the number of students
/// written so far (twice over: students are generated in two passes).
pub fn write(opts: &Options, mut progress: impl FnMut(&str, usize)) -> std::io::Result<Written> {
    let per = opts.classes_per_student.clamp(1, MAX_CLASSES_PER_STUDENT);
    std::fs::create_dir_all(&opts.out)?;
    let out = Out { dir: opts.out.clone() };
    let data = Dataset::generate(&Config::new(opts.students, opts.seed));
    let mut written = Written::default();

    // Pass 1: how many students each school has in each grade.
    let mut counts: HashMap<(u32, u8), u32> = HashMap::new();
    let mut seen = 0;
    for h in data.students() {
        for s in &h.students {
            *counts.entry((s.school_key, s.grade_level)).or_default() += 1;
        }
        seen += h.students.len();
        if seen % 10_000 < h.students.len() {
            progress("counting", seen);
        }
    }

    // manifest.csv
    let mut w = out.open("manifest.csv", "propertyName,value")?;
    writeln!(w, "manifest.version,1.0\noneroster.version,1.2")?;
    for (file, mode) in [
        ("academicSessions", "bulk"),
        ("categories", "absent"),
        ("classes", "bulk"),
        ("classResources", "absent"),
        ("courses", "bulk"),
        ("courseResources", "absent"),
        ("demographics", "bulk"),
        ("enrollments", "bulk"),
        ("lineItems", "absent"),
        ("orgs", "bulk"),
        ("resources", "absent"),
        ("results", "absent"),
        ("roles", "bulk"),
        ("userProfiles", "absent"),
        ("users", "bulk"),
    ] {
        writeln!(w, "file.{file},{mode}")?;
    }
    writeln!(w, "source.systemName,Waypoint synthetic SIS\nsource.systemCode,WPSYNTH")?;
    w.flush()?;

    // orgs.csv
    let mut w = out.open(
        "orgs.csv",
        "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
    )?;
    for o in data.orgs() {
        let kind = match o.kind {
            OrgKind::State => "state",
            OrgKind::District => "district",
            OrgKind::School => "school",
        };
        let parent = o
            .parent_key
            .and_then(|k| data.org(k))
            .map(|p| org_sid(&p.code))
            .unwrap_or_default();
        writeln!(
            w,
            "{},active,{T},{},{kind},{},{parent}",
            org_sid(&o.code),
            q(&o.name),
            o.code
        )?;
        written.orgs += 1;
    }
    w.flush()?;

    // academicSessions.csv: every school year; terms of the current one.
    let current = data
        .school_years
        .last()
        .ok_or_else(|| std::io::Error::other("the synthetic calendar has no school year"))?;
    let start_year: i32 = current.name.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    let year_sid = |name: &str| format!("sy-{name}");
    let fall = format!("term-{start_year}-fall");
    let spring = format!("term-{}-spring", start_year + 1);
    let fall_end = format!("{start_year}-12-18");
    let spring_start = format!("{}-01-05", start_year + 1);
    let mut w = out.open(
        "academicSessions.csv",
        "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
    )?;
    for y in &data.school_years {
        let end_year = y.name.get(5..).unwrap_or_default();
        writeln!(
            w,
            "{},active,{T},{},schoolYear,{},{},,{end_year}",
            year_sid(&y.name),
            y.name,
            y.starts_on,
            y.ends_on
        )?;
    }
    let cur_sid = year_sid(&current.name);
    let end_year = current.name.get(5..).unwrap_or_default();
    writeln!(
        w,
        "{fall},active,{T},Fall {start_year},term,{},{fall_end},{cur_sid},{end_year}",
        current.starts_on
    )?;
    writeln!(
        w,
        "{spring},active,{T},Spring {},term,{spring_start},{},{cur_sid},{end_year}",
        start_year + 1,
        current.ends_on
    )?;
    w.flush()?;
    let dates = |term: Term| -> (&str, &str) {
        match term {
            Term::Year => (&current.starts_on, &current.ends_on),
            Term::Fall => (&current.starts_on, &fall_end),
            Term::Spring => (&spring_start, &current.ends_on),
        }
    };

    // courses.csv: each district's catalog, per grade its schools teach.
    let mut w = out.open(
        "courses.csv",
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
    )?;
    for d in &data.districts {
        let mut grades: Vec<u8> = data
            .schools
            .iter()
            .filter(|s| s.parent_key == Some(d.key))
            .flat_map(|s| s.low_grade.unwrap_or(6)..=s.high_grade.unwrap_or(12))
            .collect();
        grades.sort_unstable();
        grades.dedup();
        for g in grades {
            for slot in 0..per {
                let (title, subject, code) = course(g, slot);
                writeln!(
                    w,
                    "crs-{}-{g}-{slot},active,{T},{cur_sid},{},{code}{g:02}{slot},{g:02},{},{},{code}",
                    d.code,
                    q(&title),
                    org_sid(&d.code),
                    q(subject)
                )?;
                written.courses += 1;
            }
        }
    }
    w.flush()?;

    // Teachers of each school: its mentor teachers.
    let mut teachers: HashMap<u32, Vec<u32>> = HashMap::new();
    for s in &data.staff {
        for &(role, org) in &s.roles {
            if role == StaffRole::Mentor {
                teachers.entry(org).or_default().push(s.key);
            }
        }
    }

    // classes.csv, and the teachers' places in enrollments.csv.
    let mut classes = out.open(
        "classes.csv",
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
    )?;
    let mut enr = out.open(
        "enrollments.csv",
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
    )?;
    let mut sections: HashMap<(u32, u8, usize), Sections> = HashMap::new();
    let mut class_no: u64 = 0;
    let mut enr_no: u64 = 0;
    let mut keys: Vec<(u32, u8)> = counts.keys().copied().collect();
    keys.sort_unstable();
    let mut per_school_class: HashMap<u32, usize> = HashMap::new();
    for (school_key, grade) in keys {
        let n = counts[&(school_key, grade)];
        let school = data
            .org(school_key)
            .ok_or_else(|| std::io::Error::other(format!("synthetic school {school_key} is missing")))?;
        let district = school
            .parent_key
            .and_then(|k| data.org(k))
            .ok_or_else(|| std::io::Error::other(format!("synthetic school {} has no district", school.code)))?;
        let school_sid = org_sid(&school.code);
        for (slot, &(term, period)) in SLOTS.iter().enumerate().take(per) {
            let count = n.div_ceil(SECTION);
            sections.insert((school_key, grade, slot), Sections { first: class_no, count });
            let (title, subject, code) = course(grade, slot);
            let terms = match term {
                Term::Year => format!("\"{fall},{spring}\""),
                Term::Fall => fall.clone(),
                Term::Spring => spring.clone(),
            };
            let (begin, end) = dates(term);
            for sec in 1..=count {
                let k = class_no;
                class_no += 1;
                let nth = per_school_class.entry(school_key).or_default();
                let room = 100 + (*nth % 60);
                writeln!(
                    classes,
                    "cls-{k},active,{T},{},{grade:02},crs-{}-{grade}-{slot},{code}{grade:02}{slot}-{sec},scheduled,Room {room},{school_sid},{terms},{},{code},{period}",
                    q(&format!("{title} - Section {sec}")),
                    district.code,
                    q(subject)
                )?;
                written.classes += 1;
                if let Some(ts) = teachers.get(&school_key).filter(|t| !t.is_empty()) {
                    let t = ts[*nth % ts.len()];
                    writeln!(
                        enr,
                        "enr-{enr_no},active,{T},cls-{k},{school_sid},{},teacher,true,{begin},{end}",
                        staff_sid(t)
                    )?;
                    enr_no += 1;
                    written.enrollments += 1;
                }
                *nth += 1;
            }
        }
    }
    classes.flush()?;

    // users.csv, roles.csv, demographics.csv; students' class places.
    let mut users = out.open(
        "users.csv",
        "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns",
    )?;
    let mut roles = out.open(
        "roles.csv",
        "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId",
    )?;
    let mut demo = out.open(
        "demographics.csv",
        "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus",
    )?;
    let mut role_no: u64 = 0;
    for s in &data.staff {
        let mut mine: Vec<(&str, String)> = Vec::new();
        for &(role, org) in &s.roles {
            let Some(o) = data.org(org) else { continue };
            let r = match role {
                StaffRole::Mentor | StaffRole::CareerCoach | StaffRole::CaseManager => "teacher",
                StaffRole::Counselor => "counselor",
                StaffRole::SchoolAdmin => "principal",
                StaffRole::DistrictAdmin => "districtAdministrator",
                StaffRole::StateAdmin => continue,
            };
            if !mine.iter().any(|(x, c)| *x == r && *c == o.code) {
                mine.push((r, o.code.clone()));
            }
        }
        let Some((_, first_org)) = mine.first() else { continue };
        let sid = staff_sid(s.key);
        writeln!(
            users,
            "{sid},active,{T},true,{},{{Employee:E{}}},{},{},,E{},{},,,,,,,,,{},",
            q(&s.username),
            s.key,
            q(&s.given_name),
            q(&s.family_name),
            s.key,
            q(s.email.as_deref().unwrap_or("")),
            org_sid(first_org)
        )?;
        for (i, (r, code)) in mine.iter().enumerate() {
            writeln!(
                roles,
                "rl-{role_no},active,{T},{sid},{},{r},,,{},",
                if i == 0 { "primary" } else { "secondary" },
                org_sid(code)
            )?;
            role_no += 1;
        }
        written.staff += 1;
    }

    let mut place: HashMap<(u32, u8), u32> = HashMap::new();
    let mut guardian_no: u64 = 0;
    let mut seen = 0;
    for h in data.students() {
        let Household { students, guardians } = &h;
        let gsids: Vec<String> = (0..guardians.len())
            .map(|i| format!("gdn-{}", guardian_no + i as u64))
            .collect();
        guardian_no += guardians.len() as u64;
        for s in students {
            write_student(&mut users, &mut roles, &mut demo, s, &gsids, &data, &mut role_no)?;
            // Class places: the n-th student of a school's grade goes to
            // section (n + 7·slot) mod sections, so sections fill evenly and
            // classmates differ from period to period.
            let n = place.entry((s.school_key, s.grade_level)).or_default();
            let school_sid = org_sid(data.org(s.school_key).map(|o| o.code.as_str()).unwrap_or(""));
            for (slot, &(term, _)) in SLOTS.iter().enumerate().take(per) {
                let sec = sections[&(s.school_key, s.grade_level, slot)];
                let k = sec.first + u64::from((*n + 7 * slot as u32) % sec.count);
                let (begin, end) = dates(term);
                writeln!(
                    enr,
                    "enr-{enr_no},active,{T},cls-{k},{school_sid},stu-{},student,false,{begin},{end}",
                    s.seq
                )?;
                enr_no += 1;
                written.enrollments += 1;
            }
            *n += 1;
            written.students += 1;
        }
        for (g, sid) in guardians.iter().zip(&gsids) {
            let kids: Vec<String> = g.student_seqs.iter().map(|&k| student_sid(k)).collect();
            let first_school = students
                .iter()
                .find(|s| g.student_seqs.first() == Some(&s.seq))
                .or(students.first())
                .and_then(|s| data.org(s.school_key))
                .map(|o| org_sid(&o.code))
                .unwrap_or_default();
            writeln!(
                users,
                "{sid},active,{T},true,{},,{},{},,,{},,,{},,,,,,{first_school},",
                q(&g.username),
                q(&g.given_name),
                q(&g.family_name),
                q(g.email.as_deref().unwrap_or("")),
                q(&kids.join(","))
            )?;
            let role = match g.relationship.as_str() {
                "mother" | "father" => "parent",
                "grandparent" => "relative",
                _ => "guardian",
            };
            writeln!(roles, "rl-{role_no},active,{T},{sid},primary,{role},,,{first_school},")?;
            role_no += 1;
            written.guardians += 1;
        }
        seen += students.len();
        if seen % 10_000 < students.len() {
            progress("writing", seen);
        }
    }
    for mut w in [users, roles, demo, enr] {
        w.flush()?;
    }
    for e in std::fs::read_dir(&opts.out)? {
        let e = e?;
        if e.path().extension().is_some_and(|x| x == "csv") {
            written.bytes += e.metadata()?.len();
        }
    }
    Ok(written)
}

fn write_student(
    users: &mut impl Write,
    roles: &mut impl Write,
    demo: &mut impl Write,
    s: &Student,
    guardians: &[String],
    data: &Dataset,
    role_no: &mut u64,
) -> std::io::Result<()> {
    let sid = student_sid(s.seq);
    let school = data.org(s.school_key).map(|o| org_sid(&o.code)).unwrap_or_default();
    writeln!(
        users,
        "{sid},active,{T},true,{},{{State:{}}},{},{},,{},{},,,{},{:02},,,,,{school},",
        q(&s.username),
        s.state_student_id,
        q(&s.given_name),
        q(&s.family_name),
        s.state_student_id,
        q(s.email.as_deref().unwrap_or("")),
        q(&guardians.join(",")),
        s.grade_level
    )?;
    writeln!(roles, "rl-{},active,{T},{sid},primary,student,,,{school},", *role_no)?;
    *role_no += 1;
    let d = &s.demographics;
    let sex = match d.gender.as_str() {
        "female" => "female",
        "male" => "male",
        _ => "other",
    };
    let r = d.race_ethnicity.as_str();
    let b = |x: &str| if r == x { "true" } else { "false" };
    writeln!(
        demo,
        "{sid},active,{T},{},{sex},{},{},{},{},{},{},{},US,,,",
        s.birth_date,
        b("american_indian_alaska_native"),
        b("asian"),
        b("black_african_american"),
        b("native_hawaiian_pacific_islander"),
        b("white"),
        b("two_or_more"),
        b("hispanic_latino"),
    )?;
    Ok(())
}
