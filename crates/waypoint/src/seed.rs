//! Loads a synthetic dataset (`waypoint-synth`) into a store, in bulk:
//! `COPY` on PostgreSQL, batched prepared inserts on SQLite. Used by
//! `waypoint seed` and `waypoint demo`.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::sync::Arc;
use waypoint_domain::assessment::{Attempt, Instrument};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::Role;
use waypoint_domain::{AttemptId, UserId, new_id};
use waypoint_store::roster::{EMAILS, LOGINS, USERS};
use waypoint_store::students::sort_name;
use waypoint_store::{ColType, Store, Value, now_ms};
use waypoint_synth::{Dataset, StaffRole};

use ColType::{BigInt, Bool, Text};

const GRANTS: &[(&str, ColType)] = &[
    ("user_id", BigInt),
    ("org_id", BigInt),
    ("role", Text),
    ("granted_at", BigInt),
];
const STUDENTS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("state_student_id", Text),
    ("birth_date", Text),
    ("grade_level", BigInt),
    ("school_id", BigInt),
    ("district_id", BigInt),
    ("state_id", BigInt),
    ("status", Text),
    ("graduation_year", BigInt),
    ("sort_name", Text),
    ("created_at", BigInt),
];
const ENROLLMENTS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("enrollment_id", BigInt),
    ("school_id", BigInt),
    ("school_year", Text),
    ("grade_level", BigInt),
    ("entry_date", Text),
    ("exit_date", Text),
];
const DEMOGRAPHICS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("race_ethnicity", Text),
    ("gender", Text),
    ("low_income", Bool),
    ("english_learner", Bool),
    ("disability_iep", Bool),
    ("section_504", Bool),
    ("homeless", Bool),
    ("foster", Bool),
    ("military_connected", Bool),
];
const GUARDIANSHIPS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("guardian_id", BigInt),
    ("relationship", Text),
    ("created_at", BigInt),
];
const MENTORS: &[(&str, ColType)] = &[("student_id", BigInt), ("staff_id", BigInt), ("assigned_at", BigInt)];
const MEMBERS: &[(&str, ColType)] = &[("student_id", BigInt), ("group_id", BigInt)];
const ATTEMPTS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("attempt_id", BigInt),
    ("instrument_id", Text),
    ("instrument_version", Text),
    ("form_id", Text),
    ("grade_level", BigInt),
    ("language", Text),
    ("started_at", BigInt),
    ("updated_at", BigInt),
    ("completed_at", BigInt),
    ("answers", Text),
    ("scores", Text),
];

/// What [`load`] adds beyond people and organisations.
#[derive(Clone, Debug, Default)]
pub struct SeedOptions {
    /// Seven students in ten (not those renamed for the demo) get a finished
    /// attempt at this interest inventory, answered from a made-up leaning
    /// towards two of its scales: data for interest reports and career
    /// matches at scale.
    pub interests: Option<Arc<Instrument>>,
}

/// A finished attempt at `inst` for a student, answered at random but
/// leaning towards two scales chosen by `seq`, as a row of
/// `assessment_attempts`; `None` when no form is for the grade.
fn synthetic_attempt(
    inst: &Instrument,
    student: i64,
    grade: i64,
    seq: u64,
    now: i64,
) -> anyhow::Result<Option<Vec<Value>>> {
    let Some(form) = inst.form_for_grade(grade) else {
        return Ok(None);
    };
    let mut rng = StdRng::seed_from_u64(seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED);
    let scales: Vec<&str> = inst.def().scales.iter().map(|s| s.id.as_str()).collect();
    let mut leaning: HashMap<&str, f64> = scales.iter().map(|s| (*s, rng.random_range(0.0..0.6))).collect();
    for _ in 0..2 {
        if let Some(s) = scales.get(rng.random_range(0..scales.len().max(1))) {
            leaning.insert(s, rng.random_range(0.75..1.0));
        }
    }
    let (lo, hi) = inst.value_range();
    let mut answers = std::collections::BTreeMap::new();
    for item in inst.items_of(form) {
        let lean = item
            .scales
            .first()
            .and_then(|s| leaning.get(s.as_str()))
            .copied()
            .unwrap_or(0.5);
        let raw = lo as f64 + lean * (hi - lo) as f64 + rng.random_range(-1.0..1.0);
        let v = (raw.round() as i32).clamp(lo, hi);
        answers.insert(item.id.clone(), Some(if item.reverse { lo + hi - v } else { v }));
    }
    let started = now - rng.random_range(86_400_000..200 * 86_400_000);
    let mut a = Attempt::start(
        inst,
        AttemptId(new_id()),
        UserId(student),
        &form.id,
        grade,
        "en",
        started,
    )?;
    a.record(inst, &answers, started + 60_000)?;
    a.finish(inst, started + 600_000)?;
    Ok(Some(vec![
        Value::I64(student),
        Value::I64(a.id.0),
        a.instrument_id.as_str().into(),
        a.instrument_version.as_str().into(),
        a.form_id.as_str().into(),
        Value::I64(a.grade),
        a.language.as_str().into(),
        Value::I64(a.started_at_ms),
        Value::I64(a.updated_at_ms),
        a.completed_at_ms.into(),
        serde_json::to_string(&a.answers)?.into(),
        a.scores.as_ref().map(serde_json::to_string).transpose()?.into(),
    ]))
}

fn role_of(r: StaffRole) -> Role {
    match r {
        StaffRole::Mentor => Role::Mentor,
        StaffRole::Counselor => Role::Counselor,
        StaffRole::CareerCoach => Role::CareerCoach,
        StaffRole::CaseManager => Role::CaseManager,
        StaffRole::SchoolAdmin => Role::SchoolAdmin,
        StaffRole::DistrictAdmin => Role::DistrictAdmin,
        StaffRole::StateAdmin => Role::StateAdmin,
    }
}

/// Rows waiting to be loaded, per table.
#[derive(Default)]
struct Batch {
    users: Vec<Vec<Value>>,
    logins: Vec<Vec<Value>>,
    emails: Vec<Vec<Value>>,
    students: Vec<Vec<Value>>,
    enrollments: Vec<Vec<Value>>,
    demographics: Vec<Vec<Value>>,
    guardianships: Vec<Vec<Value>>,
    mentors: Vec<Vec<Value>>,
    members: Vec<Vec<Value>>,
    attempts: Vec<Vec<Value>>,
}

impl Batch {
    async fn flush(&mut self, store: &Store) -> anyhow::Result<()> {
        let db = store.db();
        // Parents before children, for the foreign keys.
        db.bulk_insert("users", USERS, std::mem::take(&mut self.users))
            .await
            .context("users")?;
        db.bulk_insert("user_logins", LOGINS, std::mem::take(&mut self.logins))
            .await
            .context("user_logins")?;
        db.bulk_insert("user_emails", EMAILS, std::mem::take(&mut self.emails))
            .await
            .context("user_emails")?;
        db.bulk_insert("students", STUDENTS, std::mem::take(&mut self.students))
            .await
            .context("students")?;
        db.bulk_insert("enrollments", ENROLLMENTS, std::mem::take(&mut self.enrollments))
            .await
            .context("enrollments")?;
        db.bulk_insert("demographics", DEMOGRAPHICS, std::mem::take(&mut self.demographics))
            .await
            .context("demographics")?;
        db.bulk_insert("guardianships", GUARDIANSHIPS, std::mem::take(&mut self.guardianships))
            .await
            .context("guardianships")?;
        db.bulk_insert("mentors", MENTORS, std::mem::take(&mut self.mentors))
            .await
            .context("mentors")?;
        db.bulk_insert("assessment_attempts", ATTEMPTS, std::mem::take(&mut self.attempts))
            .await
            .context("assessment_attempts")?;
        db.bulk_insert("advisory_members", MEMBERS, std::mem::take(&mut self.members))
            .await
            .context("advisory_members")?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn user(
        &mut self,
        id: i64,
        kind: &str,
        username: &str,
        email: &Option<String>,
        hash: &str,
        given: &str,
        family: &str,
        locale: &str,
    ) {
        let now = now_ms();
        self.users.push(vec![
            Value::I64(id),
            kind.into(),
            username.into(),
            email.clone().into(),
            hash.into(),
            given.into(),
            family.into(),
            locale.into(),
            Value::Bool(false),
            Value::I64(now),
        ]);
        self.logins.push(vec![username.into(), Value::I64(id)]);
        if let Some(e) = email {
            self.emails.push(vec![e.into(), Value::I64(id)]);
        }
    }
}

/// What was loaded.
#[derive(Clone, Debug, Default)]
pub struct SeedReport {
    pub students: u64,
    pub guardians: u64,
    pub staff: u64,
    pub schools: u64,
    pub districts: u64,
    /// Finished interest-inventory attempts (see [`SeedOptions`]).
    pub attempts: u64,
}

/// Loads `data` into `store`. Every account gets the password whose
/// argon2 hash is `password_hash`; `renames` maps generated usernames to
/// the demo's well-known ones. Shows a progress bar when `progress`.
pub async fn load(
    store: &Store,
    data: &Dataset,
    password_hash: &str,
    renames: &HashMap<String, String>,
    opts: &SeedOptions,
    progress: bool,
) -> anyhow::Result<SeedReport> {
    let name = |u: &str| renames.get(u).cloned().unwrap_or_else(|| u.to_string());
    let mut report = SeedReport::default();
    // Organisations, keyed by the dataset's keys.
    let mut orgs: HashMap<u32, waypoint_store::orgs::OrgRecord> = HashMap::new();
    let state = match store.org_by_code(OrgKind::State, &data.state.code).await? {
        Some(s) => s,
        None => {
            store
                .create_org(OrgKind::State, None, &data.state.name, &data.state.code, None)
                .await?
        }
    };
    orgs.insert(data.state.key, state.clone());
    for d in &data.districts {
        let rec = store
            .create_org(OrgKind::District, Some(&state), &d.name, &d.code, None)
            .await
            .context("district")?;
        orgs.insert(d.key, rec);
        report.districts += 1;
    }
    for s in &data.schools {
        let parent = orgs
            .get(&s.parent_key.unwrap_or(0))
            .context("school without district")?
            .clone();
        let grades = s.low_grade.zip(s.high_grade).map(|(l, h)| (l as i64, h as i64));
        let rec = store
            .create_org(OrgKind::School, Some(&parent), &s.name, &s.code, grades)
            .await
            .context("school")?;
        orgs.insert(s.key, rec);
        report.schools += 1;
    }
    for d in &data.districts {
        let org_id = orgs[&d.key].org_id;
        for y in &data.school_years {
            let rec = store
                .create_school_year(org_id, &y.name, &y.starts_on, &y.ends_on)
                .await?;
            if y.is_current {
                store.set_current_school_year(org_id, rec.school_year_id).await?;
            }
        }
    }
    // Staff and their roles.
    let mut staff_ids: Vec<i64> = Vec::with_capacity(data.staff.len());
    let mut batch = Batch::default();
    let mut grants = Vec::new();
    for s in &data.staff {
        let id = new_id();
        staff_ids.push(id);
        batch.user(
            id,
            "staff",
            &name(&s.username),
            &s.email,
            password_hash,
            &s.given_name,
            &s.family_name,
            "en",
        );
        for (role, org_key) in &s.roles {
            grants.push(vec![
                Value::I64(id),
                Value::I64(orgs[org_key].org_id.0),
                role_of(*role).as_str().into(),
                Value::I64(now_ms()),
            ]);
        }
        report.staff += 1;
    }
    batch.flush(store).await?;
    store
        .db()
        .bulk_insert("role_grants", GRANTS, grants)
        .await
        .context("role_grants")?;
    // Advisory groups: one per advisory teacher and school.
    let mut groups: HashMap<(u32, u32), i64> = HashMap::new();
    let total = data.config().students as u64;
    let bar = if progress {
        let b = ProgressBar::new(total);
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} students ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let now = now_ms();
    for household in data.students() {
        let mut ids: HashMap<u64, i64> = HashMap::new();
        for st in &household.students {
            let id = new_id();
            ids.insert(st.seq, id);
            let school = &orgs[&st.school_key];
            batch.user(
                id,
                "student",
                &name(&st.username),
                &st.email,
                password_hash,
                &st.given_name,
                &st.family_name,
                "en",
            );
            let grad_year = 2027 + (12 - st.grade_level as i64);
            batch.students.push(vec![
                Value::I64(id),
                st.state_student_id.as_str().into(),
                st.birth_date.as_str().into(),
                Value::I64(st.grade_level as i64),
                Value::I64(school.org_id.0),
                school.district_id.map(|d| d.0).into(),
                Value::I64(school.state_id.0),
                "active".into(),
                Value::I64(grad_year),
                sort_name(&st.given_name, &st.family_name).into(),
                Value::I64(now),
            ]);
            for e in &st.enrollments {
                batch.enrollments.push(vec![
                    Value::I64(id),
                    Value::I64(new_id()),
                    Value::I64(orgs[&e.school_key].org_id.0),
                    e.school_year.as_str().into(),
                    Value::I64(e.grade_level as i64),
                    e.entry_date.as_str().into(),
                    e.exit_date.clone().into(),
                ]);
            }
            let d = &st.demographics;
            batch.demographics.push(vec![
                Value::I64(id),
                d.race_ethnicity.as_str().into(),
                d.gender.as_str().into(),
                d.low_income.into(),
                d.english_learner.into(),
                d.disability_iep.into(),
                d.section_504.into(),
                d.homeless.into(),
                d.foster.into(),
                d.military_connected.into(),
            ]);
            for m in &st.mentor_keys {
                batch.mentors.push(vec![
                    Value::I64(id),
                    Value::I64(staff_ids[*m as usize]),
                    Value::I64(now),
                ]);
            }
            if let Some(a) = st.advisory {
                let key = (a, st.school_key);
                let group_id = match groups.get(&key) {
                    Some(g) => *g,
                    None => {
                        let teacher = &data.staff[a as usize];
                        let gid = store
                            .create_group(
                                school.org_id,
                                waypoint_domain::UserId(staff_ids[a as usize]),
                                &format!("Advisory {}", teacher.family_name),
                            )
                            .await?;
                        groups.insert(key, gid.0);
                        gid.0
                    }
                };
                batch.members.push(vec![Value::I64(id), Value::I64(group_id)]);
            }
            if let Some(inst) = &opts.interests
                && st.seq % 10 < 7
                && !renames.contains_key(&st.username)
                && let Some(row) = synthetic_attempt(inst, id, st.grade_level as i64, st.seq, now)?
            {
                batch.attempts.push(row);
                report.attempts += 1;
            }
            report.students += 1;
        }
        for g in &household.guardians {
            let gid = new_id();
            batch.user(
                gid,
                "guardian",
                &name(&g.username),
                &g.email,
                password_hash,
                &g.given_name,
                &g.family_name,
                &g.locale,
            );
            for seq in &g.student_seqs {
                if let Some(sid) = ids.get(seq) {
                    batch.guardianships.push(vec![
                        Value::I64(*sid),
                        Value::I64(gid),
                        g.relationship.as_str().into(),
                        Value::I64(now),
                    ]);
                }
            }
            report.guardians += 1;
        }
        if batch.students.len() >= 5000 {
            bar.inc(batch.students.len() as u64);
            batch.flush(store).await?;
        }
    }
    bar.inc(batch.students.len() as u64);
    batch.flush(store).await?;
    bar.finish_and_clear();
    Ok(report)
}
