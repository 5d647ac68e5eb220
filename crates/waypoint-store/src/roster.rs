//! Rostering: the maps from a roster source's ids to Waypoint's, and
//! applying a whole set of roster changes in one transaction (all or
//! nothing). The decisions (who is who, what changed) are made in the
//! application layer; this module only reads what it needs and writes
//! what it is given.

use crate::db::Tx;
use crate::logs::AccessEntry;
use crate::people::NewUser;
use crate::students::sort_name;
use crate::{ColType, Store, StoreError, Value, now_ms, params};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use std::time::Instant;
use waypoint_domain::people::{Demographics, Role};
use waypoint_domain::{OrgId, UserId};

use ColType::{BigInt, Bool, Text};

/// A new organisation found in a roster.
#[derive(Clone, Debug)]
pub struct OrgRow {
    pub org_id: OrgId,
    pub kind: &'static str,
    pub parent_id: OrgId,
    pub district_id: Option<OrgId>,
    pub state_id: OrgId,
    pub name: String,
    pub code: String,
}

/// A new student's record (their account is in `new_users`).
#[derive(Clone, Debug)]
pub struct StudentRow {
    pub student_id: UserId,
    pub state_student_id: String,
    pub birth_date: Option<String>,
    pub grade_level: Option<i64>,
    pub school_id: Option<OrgId>,
    pub district_id: Option<OrgId>,
    pub state_id: OrgId,
    pub given_name: String,
    pub family_name: String,
}

/// A change to an existing student's placement or names.
#[derive(Clone, Debug)]
pub struct StudentUpdate {
    pub student_id: UserId,
    pub given_name: String,
    pub family_name: String,
    pub grade_level: Option<i64>,
    pub school_id: Option<OrgId>,
    pub district_id: Option<OrgId>,
}

/// A student who moved to another school: relationships tied to the old
/// school end (mentors and advisory groups without a role at the new
/// school, class rosters of other schools).
#[derive(Clone, Debug)]
pub struct Transfer {
    pub student_id: UserId,
    pub new_school: OrgId,
    pub new_district: Option<OrgId>,
    pub date: String,
}

/// A school-level enrolment to add.
#[derive(Clone, Debug)]
pub struct EnrollmentRow {
    pub student_id: UserId,
    pub school_id: OrgId,
    pub school_year: String,
    pub grade_level: i64,
    pub entry_date: String,
}

/// A class and its course.
#[derive(Clone, Debug)]
pub struct ClassRow {
    pub class_id: i64,
    pub sourced_id: String,
    pub school_id: OrgId,
    pub title: String,
    pub class_code: Option<String>,
    pub course_code: Option<String>,
    pub course_title: Option<String>,
    pub active: bool,
}

/// A student's place in a class: (student, class, begin, end, active).
pub type ClassPlace = (UserId, i64, Option<String>, Option<String>, bool);

/// Everything one import changes.
#[derive(Clone, Debug, Default)]
pub struct RosterChanges {
    pub new_orgs: Vec<OrgRow>,
    pub org_maps: Vec<(String, OrgId)>,
    pub new_users: Vec<NewUser>,
    pub new_students: Vec<StudentRow>,
    pub person_maps: Vec<(String, UserId)>,
    pub user_updates: Vec<(UserId, String, String)>,
    pub student_updates: Vec<StudentUpdate>,
    pub transfers: Vec<Transfer>,
    pub new_enrollments: Vec<EnrollmentRow>,
    pub access: Vec<AccessEntry>,
    pub grants_add: Vec<(UserId, OrgId, Role)>,
    pub grants_remove: Vec<(UserId, OrgId, Role)>,
    pub guardianships: Vec<(UserId, UserId, String)>,
    pub demographics: Vec<(UserId, Demographics)>,
    pub classes: Vec<ClassRow>,
    pub class_staff: Vec<(i64, UserId, bool)>,
    pub class_students: Vec<ClassPlace>,
    /// A bulk enrolments file lists every class place and teaching place of
    /// the source: those stored for its classes and absent from the file
    /// end on this date (`YYYY-MM-DD`). `None` for a delta.
    pub end_absent_places: Option<String>,
    /// A bulk classes file lists every class of the source: those absent
    /// become inactive.
    pub end_absent_classes: bool,
    /// A bulk roles file (1.2 `roles.csv`, 1.1 `users.csv`) lists every
    /// role of the source: the roles this source granted that are not in
    /// [`RosterChanges::grants_add`] end. Roles given by hand are kept.
    pub end_absent_roles: bool,
}

/// What [`Store::apply_roster`] wrote to class rosters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RosterApplied {
    /// Class places added or changed (unchanged ones are not written).
    pub places_written: usize,
    /// Class places ended because a bulk enrolments file no longer lists them.
    pub places_ended: usize,
    /// Teaching places ended likewise.
    pub staff_ended: usize,
    /// Classes made inactive because a bulk classes file no longer lists them.
    pub classes_ended: usize,
    /// Roles the source granted that a bulk roles file no longer lists, ended.
    pub roles_ended: usize,
}

/// A stored import run.
#[derive(Clone, Debug)]
pub struct ImportRun {
    pub import_id: i64,
    pub source_id: Option<OrgId>,
    pub kind: String,
    pub file_name: String,
    pub status: String,
    pub progress: i64,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub summary: String,
    pub report: String,
}

/// Columns of `users` for bulk loads.
pub const USERS: &[(&str, ColType)] = &[
    ("user_id", BigInt),
    ("kind", Text),
    ("username", Text),
    ("email", Text),
    ("password_hash", Text),
    ("given_name", Text),
    ("family_name", Text),
    ("locale", Text),
    ("disabled", Bool),
    ("created_at", BigInt),
];
/// Columns of `user_logins` for bulk loads.
pub const LOGINS: &[(&str, ColType)] = &[("username", Text), ("user_id", BigInt)];
/// Columns of `user_emails` for bulk loads.
pub const EMAILS: &[(&str, ColType)] = &[("email", Text), ("user_id", BigInt)];
const STUDENTS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("state_student_id", Text),
    ("birth_date", Text),
    ("grade_level", BigInt),
    ("school_id", BigInt),
    ("district_id", BigInt),
    ("state_id", BigInt),
    ("status", Text),
    ("sort_name", Text),
    ("created_at", BigInt),
];
const DEMOGRAPHICS: &[(&str, ColType)] = &[("student_id", BigInt), ("race_ethnicity", Text), ("gender", Text)];
const GRANTS: &[(&str, ColType)] = &[
    ("user_id", BigInt),
    ("org_id", BigInt),
    ("role", Text),
    ("granted_at", BigInt),
    ("source_id", BigInt),
];
const GUARDIANSHIPS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("guardian_id", BigInt),
    ("relationship", Text),
    ("created_at", BigInt),
];
const CLASSES: &[(&str, ColType)] = &[
    ("class_id", BigInt),
    ("source_id", BigInt),
    ("sourced_id", Text),
    ("school_id", BigInt),
    ("title", Text),
    ("class_code", Text),
    ("course_code", Text),
    ("course_title", Text),
    ("active", Bool),
];
const CLASS_STAFF: &[(&str, ColType)] = &[("class_id", BigInt), ("staff_id", BigInt), ("active", Bool)];
const CLASS_STUDENTS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("class_id", BigInt),
    ("begin_date", Text),
    ("end_date", Text),
    ("active", Bool),
];
/// Rows converted and sent at a time in the largest loads.
const BULK_CHUNK: usize = 100_000;
const PEOPLE_MAP: &[(&str, ColType)] = &[("source_id", BigInt), ("sourced_id", Text), ("user_id", BigInt)];
const ENROLLMENTS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("enrollment_id", BigInt),
    ("school_id", BigInt),
    ("school_year", Text),
    ("grade_level", BigInt),
    ("entry_date", Text),
];
const ACCESS: &[(&str, ColType)] = &[
    ("student_id", BigInt),
    ("log_id", BigInt),
    ("at", BigInt),
    ("actor_id", BigInt),
    ("actor_role", Text),
    ("basis", Text),
    ("action", Text),
    ("resource", Text),
    ("ip", Text),
    ("district_id", BigInt),
];

/// The items, without earlier ones whose key a later one repeats, in order.
fn last_of<'a, T, K: std::hash::Hash + Eq>(items: impl Iterator<Item = &'a T>, key: impl Fn(&T) -> K) -> Vec<&'a T>
where
    T: 'a,
{
    let items: Vec<&T> = items.collect();
    let mut last: HashMap<K, usize> = HashMap::with_capacity(items.len());
    for (i, t) in items.iter().enumerate() {
        last.insert(key(t), i);
    }
    if last.len() == items.len() {
        return items;
    }
    items
        .into_iter()
        .enumerate()
        .filter(|(i, t)| last.get(&key(t)) == Some(i))
        .map(|(_, t)| t)
        .collect()
}

/// A stored class place: begin date, end date, active.
type StoredPlace = (Option<String>, Option<String>, bool);

fn place_params((s, k, b, e, a): &ClassPlace) -> Vec<Value> {
    params![*s, *k, b.clone(), e.clone(), *a]
}

/// Writes the rosters of classes the source had before, [`LOOKUP_KEYS`]
/// classes at a time: each place and teaching place of the package is
/// compared with the stored one and written only when new or changed; with
/// [`RosterChanges::end_absent_places`], stored active ones the package
/// does not list are ended. Memory stays at one slice of classes' rows.
async fn sync_known_rosters(tx: &mut Tx, known: &HashSet<i64>, c: &RosterChanges) -> Result<RosterApplied, StoreError> {
    static PLACES: OnceLock<String> = OnceLock::new();
    static STAFF: OnceLock<String> = OnceLock::new();
    let places_sql = in_list(
        &PLACES,
        "SELECT class_id, student_id, begin_date, end_date, active FROM class_students WHERE class_id",
    );
    let staff_sql = in_list(
        &STAFF,
        "SELECT class_id, staff_id, active FROM class_staff WHERE class_id",
    );
    let mut classes: Vec<i64> = known.iter().copied().collect();
    classes.sort_unstable();
    let mut places = last_of(
        c.class_students.iter().filter(|(_, k, ..)| known.contains(k)),
        |(s, k, ..)| (*s, *k),
    );
    places.sort_unstable_by_key(|(s, k, ..)| (*k, *s));
    let mut staff = last_of(c.class_staff.iter().filter(|(k, ..)| known.contains(k)), |(k, s, _)| {
        (*k, *s)
    });
    staff.sort_unstable_by_key(|(k, s, _)| (*k, *s));
    let today = c.end_absent_places.as_deref();
    let mut out = RosterApplied::default();
    let (mut pi, mut si) = (0, 0);
    let mut place_writes: Vec<Vec<Value>> = Vec::new();
    let mut place_ends: Vec<Vec<Value>> = Vec::new();
    let mut staff_writes: Vec<Vec<Value>> = Vec::new();
    let mut staff_ends: Vec<Vec<Value>> = Vec::new();
    for slice in classes.chunks(LOOKUP_KEYS) {
        let Some(&last) = slice.last() else { continue };
        let mut keys: Vec<Value> = slice.iter().map(|k| Value::from(*k)).collect();
        keys.resize(LOOKUP_KEYS, Value::from(last));
        let mut stored: HashMap<(i64, i64), StoredPlace> = HashMap::new();
        for r in tx.query(places_sql, keys.clone()).await? {
            stored.insert((r.i64(0)?, r.i64(1)?), (r.opt_text(2)?, r.opt_text(3)?, r.bool(4)?));
        }
        while let Some(p) = places.get(pi).filter(|p| p.1 <= last) {
            pi += 1;
            let (s, k, b, e, a) = p;
            let same = match stored.remove(&(*k, s.0)) {
                // An ended place stays as it was ended (its end date is the
                // day the roster first said so).
                Some((_, _, was_active)) if !*a => !was_active,
                Some((sb, se, sa)) => sa && sb == *b && se == *e,
                None => false,
            };
            if !same {
                place_writes.push(place_params(p));
            }
        }
        if let Some(today) = today {
            for ((k, s), (_, end, active)) in stored {
                if active {
                    let end = end.filter(|e| e.as_str() <= today).unwrap_or_else(|| today.to_string());
                    place_ends.push(params![s, k, end]);
                }
            }
        }
        let mut stored: HashMap<(i64, i64), bool> = HashMap::new();
        for r in tx.query(staff_sql, keys).await? {
            stored.insert((r.i64(0)?, r.i64(1)?), r.bool(2)?);
        }
        while let Some((k, s, a)) = staff.get(si).copied().filter(|(k, ..)| *k <= last) {
            si += 1;
            if stored.remove(&(*k, s.0)) != Some(*a) {
                staff_writes.push(params![*k, *s, *a]);
            }
        }
        if today.is_some() {
            for ((k, s), active) in stored {
                if active {
                    staff_ends.push(params![k, s]);
                }
            }
        }
        if place_writes.len() + place_ends.len() >= BULK_CHUNK {
            write_rosters(
                tx,
                &mut out,
                &mut place_writes,
                &mut place_ends,
                &mut staff_writes,
                &mut staff_ends,
            )
            .await?;
        }
    }
    write_rosters(
        tx,
        &mut out,
        &mut place_writes,
        &mut place_ends,
        &mut staff_writes,
        &mut staff_ends,
    )
    .await?;
    Ok(out)
}

async fn write_rosters(
    tx: &mut Tx,
    out: &mut RosterApplied,
    place_writes: &mut Vec<Vec<Value>>,
    place_ends: &mut Vec<Vec<Value>>,
    staff_writes: &mut Vec<Vec<Value>>,
    staff_ends: &mut Vec<Vec<Value>>,
) -> Result<(), StoreError> {
    out.places_written += place_writes.len();
    out.places_ended += place_ends.len();
    out.staff_ended += staff_ends.len();
    tx.execute_many(
        "INSERT INTO class_students (student_id, class_id, begin_date, end_date, active) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (student_id, class_id) DO UPDATE SET begin_date = excluded.begin_date,
           end_date = excluded.end_date, active = excluded.active",
        std::mem::take(place_writes),
    )
    .await?;
    tx.execute_many(
        "UPDATE class_students SET active = FALSE, end_date = $3 WHERE student_id = $1 AND class_id = $2",
        std::mem::take(place_ends),
    )
    .await?;
    tx.execute_many(
        "INSERT INTO class_staff (class_id, staff_id, active) VALUES ($1, $2, $3)
         ON CONFLICT (class_id, staff_id) DO UPDATE SET active = excluded.active",
        std::mem::take(staff_writes),
    )
    .await?;
    tx.execute_many(
        "UPDATE class_staff SET active = FALSE WHERE class_id = $1 AND staff_id = $2",
        std::mem::take(staff_ends),
    )
    .await?;
    Ok(())
}

/// Times the steps of a write, for the debug log.
struct Steps {
    at: Instant,
}

impl Steps {
    fn start() -> Steps {
        Steps { at: Instant::now() }
    }

    fn done(&mut self, step: &'static str, rows: usize) {
        let now = Instant::now();
        tracing::debug!(step, rows, ms = (now - self.at).as_millis() as u64, "roster write");
        self.at = now;
    }
}

/// Keys per lookup statement (SQLite allows 32,766 parameters, PostgreSQL 65,535).
const LOOKUP_KEYS: usize = 500;

/// `select` (ending in the key column) followed by `IN ($1, …, $500)`,
/// built once.
fn in_list(cell: &'static OnceLock<String>, select: &str) -> &'static str {
    cell.get_or_init(|| {
        let marks: Vec<String> = (1..=LOOKUP_KEYS).map(|i| format!("${i}")).collect();
        format!("{select} IN ({})", marks.join(", "))
    })
}

fn map_of(rows: Vec<crate::Row>) -> Result<HashMap<String, i64>, StoreError> {
    rows.iter().map(|r| Ok((r.text(0)?, r.i64(1)?))).collect()
}

impl Store {
    /// The organisations a source's sourcedIds stand for.
    pub async fn roster_org_map(&self, source: OrgId) -> Result<HashMap<String, OrgId>, StoreError> {
        let rows = self
            .db
            .query(
                "SELECT sourced_id, org_id FROM roster_orgs WHERE source_id = $1",
                params![source],
            )
            .await?;
        Ok(map_of(rows)?.into_iter().map(|(k, v)| (k, OrgId(v))).collect())
    }

    /// The people a source's sourcedIds stand for.
    pub async fn roster_people_map(&self, source: OrgId) -> Result<HashMap<String, UserId>, StoreError> {
        let rows = self
            .db
            .query(
                "SELECT sourced_id, user_id FROM roster_people WHERE source_id = $1",
                params![source],
            )
            .await?;
        Ok(map_of(rows)?.into_iter().map(|(k, v)| (k, UserId(v))).collect())
    }

    /// The classes of a source, by sourcedId.
    pub async fn roster_class_map(&self, source: OrgId) -> Result<HashMap<String, i64>, StoreError> {
        map_of(
            self.db
                .query(
                    "SELECT sourced_id, class_id FROM classes WHERE source_id = $1",
                    params![source],
                )
                .await?,
        )
    }

    /// For each state student id: the student it belongs to and their
    /// current school, if any.
    pub async fn students_by_state_ids(
        &self,
        ids: &[String],
    ) -> Result<HashMap<String, (UserId, Option<OrgId>)>, StoreError> {
        static SQL: OnceLock<String> = OnceLock::new();
        let sql = in_list(
            &SQL,
            "SELECT state_student_id, student_id, school_id FROM students WHERE state_student_id",
        );
        let rows = self.lookup(sql, ids.iter().map(Value::from)).await?;
        let mut out = HashMap::new();
        for r in rows {
            out.insert(r.text(0)?, (UserId(r.i64(1)?), r.opt_i64(2)?.map(OrgId)));
        }
        Ok(out)
    }

    /// For each user: kind, school (students) and names.
    pub async fn roster_people_facts(
        &self,
        ids: &[UserId],
    ) -> Result<HashMap<UserId, (String, Option<OrgId>, String, String, Option<i64>)>, StoreError> {
        static SQL: OnceLock<String> = OnceLock::new();
        let sql = in_list(
            &SQL,
            "SELECT u.user_id, u.kind, s.school_id, u.given_name, u.family_name, s.grade_level
             FROM users u LEFT JOIN students s ON s.student_id = u.user_id WHERE u.user_id",
        );
        let rows = self.lookup(sql, ids.iter().map(|i| Value::from(*i))).await?;
        let mut out = HashMap::new();
        for r in rows {
            out.insert(
                UserId(r.i64(0)?),
                (
                    r.text(1)?,
                    r.opt_i64(2)?.map(OrgId),
                    r.text(3)?,
                    r.text(4)?,
                    r.opt_i64(5)?,
                ),
            );
        }
        Ok(out)
    }

    /// Which of these usernames are taken.
    pub async fn taken_usernames(&self, names: &[String]) -> Result<HashSet<String>, StoreError> {
        static SQL: OnceLock<String> = OnceLock::new();
        let sql = in_list(&SQL, "SELECT username FROM user_logins WHERE username");
        let rows = self.lookup(sql, names.iter().map(Value::from)).await?;
        rows.into_iter().map(|r| r.text(0)).collect()
    }

    /// Which of these e-mail addresses belong to which account.
    pub async fn users_by_emails(&self, emails: &[String]) -> Result<HashMap<String, UserId>, StoreError> {
        static SQL: OnceLock<String> = OnceLock::new();
        let sql = in_list(&SQL, "SELECT email, user_id FROM user_emails WHERE email");
        let rows = self.lookup(sql, emails.iter().map(Value::from)).await?;
        let mut out = HashMap::new();
        for r in rows {
            out.insert(r.text(0)?, UserId(r.i64(1)?));
        }
        Ok(out)
    }

    /// Runs a lookup made by [`in_list`] for every key, [`LOOKUP_KEYS`] keys
    /// a statement (the last statement's list padded with its last key):
    /// a state's roster is a few hundred statements, not a million.
    async fn lookup(
        &self,
        sql: &'static str,
        keys: impl Iterator<Item = Value>,
    ) -> Result<Vec<crate::Row>, StoreError> {
        let mut batch: Vec<Vec<Value>> = Vec::new();
        let mut chunk: Vec<Value> = Vec::with_capacity(LOOKUP_KEYS);
        for k in keys {
            chunk.push(k);
            if chunk.len() == LOOKUP_KEYS {
                batch.push(std::mem::replace(&mut chunk, Vec::with_capacity(LOOKUP_KEYS)));
            }
        }
        if let Some(last) = chunk.last().cloned() {
            chunk.resize(LOOKUP_KEYS, last);
            batch.push(chunk);
        }
        Ok(self.db.query_many(sql, batch).await?.into_iter().flatten().collect())
    }

    /// Applies a whole import in one transaction. Nothing is written if any
    /// statement fails.
    ///
    /// Rows that cannot meet a row already stored — those of accounts this
    /// import creates, and of classes new to the source — are bulk loaded
    /// (`COPY` on PostgreSQL); the others go statement by statement as
    /// upserts, so that re-importing a package changes nothing. The steps
    /// and their times are logged at debug level (`WAYPOINT_LOG=waypoint_store::roster=debug`).
    pub async fn apply_roster(&self, source: OrgId, c: RosterChanges) -> Result<RosterApplied, StoreError> {
        let now = now_ms();
        let mut steps = Steps::start();
        let mut tx = self.db.begin().await?;
        // Organisations, parents first (new districts before new schools).
        let mut orgs = c.new_orgs.clone();
        orgs.sort_by_key(|o| if o.kind == "district" { 0 } else { 1 });
        tx.execute_many(
            "INSERT INTO orgs (org_id, kind, parent_id, district_id, state_id, name, code, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            orgs.iter()
                .map(|o| {
                    params![
                        o.org_id,
                        o.kind,
                        o.parent_id,
                        o.district_id,
                        o.state_id,
                        &o.name,
                        &o.code,
                        now
                    ]
                })
                .collect(),
        )
        .await?;
        tx.execute_many(
            "INSERT INTO roster_orgs (source_id, sourced_id, org_id) VALUES ($1, $2, $3)
             ON CONFLICT (source_id, sourced_id) DO UPDATE SET org_id = excluded.org_id",
            c.org_maps.iter().map(|(s, o)| params![source, s, *o]).collect(),
        )
        .await?;
        steps.done("orgs", c.new_orgs.len());
        // Accounts.
        tx.bulk_insert(
            "users",
            USERS,
            c.new_users
                .iter()
                .map(|u| {
                    params![
                        u.user_id,
                        u.kind.as_str(),
                        &u.username,
                        u.email.clone(),
                        u.password_hash.clone(),
                        &u.given_name,
                        &u.family_name,
                        &u.locale,
                        false,
                        now
                    ]
                })
                .collect(),
        )
        .await?;
        // Logins, e-mails, source maps and guardian links go in key order, so
        // that inserts into their text indexes stay together (a gain at
        // 100,000 students; at a million it is even with the foreign-key
        // probes of the user ids, which then come scattered: on SQLite both
        // are bound by the writer's page cache, see BENCHMARKS.md).
        let mut by_name: Vec<&NewUser> = c.new_users.iter().collect();
        by_name.sort_unstable_by(|a, b| a.username.cmp(&b.username));
        tx.bulk_insert(
            "user_logins",
            LOGINS,
            by_name.iter().map(|u| params![&u.username, u.user_id]).collect(),
        )
        .await?;
        drop(by_name);
        let mut by_email: Vec<(&String, UserId)> = c
            .new_users
            .iter()
            .filter_map(|u| u.email.as_ref().map(|e| (e, u.user_id)))
            .collect();
        by_email.sort_unstable();
        tx.bulk_insert(
            "user_emails",
            EMAILS,
            by_email.iter().map(|(e, u)| params![*e, *u]).collect(),
        )
        .await?;
        drop(by_email);
        steps.done("users", c.new_users.len());
        tx.bulk_insert(
            "students",
            STUDENTS,
            c.new_students
                .iter()
                .map(|s| {
                    params![
                        s.student_id,
                        &s.state_student_id,
                        s.birth_date.clone(),
                        s.grade_level,
                        s.school_id,
                        s.district_id,
                        s.state_id,
                        "active",
                        sort_name(&s.given_name, &s.family_name),
                        now
                    ]
                })
                .collect(),
        )
        .await?;
        steps.done("students", c.new_students.len());
        let new_users: HashSet<UserId> = c.new_users.iter().map(|u| u.user_id).collect();
        let new_students: HashSet<UserId> = c.new_students.iter().map(|s| s.student_id).collect();
        // Demographics: a new student's row is written with what the package
        // says (the last entry for them wins, as updates in order would);
        // existing students' rows are updated.
        let mut demo_new: HashMap<UserId, &Demographics> = HashMap::new();
        let mut demo_old: Vec<Vec<Value>> = Vec::new();
        for (s, d) in &c.demographics {
            if new_students.contains(s) {
                demo_new.insert(*s, d);
            } else {
                demo_old.push(params![*s, d.race_ethnicity.clone(), d.gender.clone()]);
            }
        }
        tx.bulk_insert(
            "demographics",
            DEMOGRAPHICS,
            c.new_students
                .iter()
                .map(|s| {
                    let d = demo_new.get(&s.student_id);
                    params![
                        s.student_id,
                        d.and_then(|d| d.race_ethnicity.clone()),
                        d.and_then(|d| d.gender.clone())
                    ]
                })
                .collect(),
        )
        .await?;
        drop(demo_new);
        tx.execute_many(
            "UPDATE demographics SET race_ethnicity = $2, gender = $3 WHERE student_id = $1",
            demo_old,
        )
        .await?;
        steps.done("demographics", c.demographics.len());
        // Only sourcedIds not mapped yet arrive here, so a plain bulk load.
        let mut maps: Vec<&(String, UserId)> = c.person_maps.iter().collect();
        maps.sort_unstable();
        tx.bulk_insert(
            "roster_people",
            PEOPLE_MAP,
            maps.iter().map(|(s, u)| params![source, s, *u]).collect(),
        )
        .await?;
        drop(maps);
        steps.done("roster_people", c.person_maps.len());
        tx.execute_many(
            "UPDATE users SET given_name = $2, family_name = $3 WHERE user_id = $1",
            c.user_updates.iter().map(|(u, g, f)| params![*u, g, f]).collect(),
        )
        .await?;
        tx.execute_many(
            "UPDATE students SET grade_level = $2, school_id = $3, district_id = $4, sort_name = $5 WHERE student_id = $1",
            c.student_updates
                .iter()
                .map(|s| {
                    params![s.student_id, s.grade_level, s.school_id, s.district_id, sort_name(&s.given_name, &s.family_name)]
                })
                .collect(),
        )
        .await?;
        // Transfers: close the old enrolment, end ties to the old school.
        tx.execute_many(
            "UPDATE enrollments SET exit_date = $2 WHERE student_id = $1 AND exit_date IS NULL AND school_id <> $3",
            c.transfers
                .iter()
                .map(|t| params![t.student_id, &t.date, t.new_school])
                .collect(),
        )
        .await?;
        tx.execute_many(
            "DELETE FROM mentors WHERE student_id = $1 AND staff_id NOT IN
               (SELECT g.user_id FROM role_grants g JOIN orgs o ON o.org_id = g.org_id
                WHERE o.org_id = $2 OR o.org_id = $3 OR (o.kind = 'state' AND o.org_id = (SELECT state_id FROM orgs WHERE org_id = $2)))",
            c.transfers.iter().map(|t| params![t.student_id, t.new_school, t.new_district]).collect(),
        )
        .await?;
        tx.execute_many(
            "DELETE FROM advisory_members WHERE student_id = $1 AND group_id IN
               (SELECT group_id FROM advisory_groups WHERE school_id <> $2)",
            c.transfers
                .iter()
                .map(|t| params![t.student_id, t.new_school])
                .collect(),
        )
        .await?;
        tx.execute_many(
            "UPDATE class_students SET active = FALSE, end_date = $3 WHERE student_id = $1 AND active = TRUE AND class_id IN
               (SELECT class_id FROM classes WHERE school_id <> $2)",
            c.transfers.iter().map(|t| params![t.student_id, t.new_school, &t.date]).collect(),
        )
        .await?;
        steps.done("updates and transfers", c.student_updates.len() + c.transfers.len());
        let enrollments: Vec<Vec<Value>> = c
            .new_enrollments
            .iter()
            .map(|e| {
                params![
                    e.student_id,
                    waypoint_domain::new_id(),
                    e.school_id,
                    &e.school_year,
                    e.grade_level,
                    &e.entry_date
                ]
            })
            .collect();
        tx.bulk_insert("enrollments", ENROLLMENTS, enrollments).await?;
        steps.done("enrollments", c.new_enrollments.len());
        // Role grants: a new account's are loaded (each once); others are
        // added unless present.
        let mut fresh: HashSet<(UserId, OrgId, Role)> = HashSet::new();
        let mut grants_new: Vec<Vec<Value>> = Vec::new();
        let mut grants_old: Vec<Vec<Value>> = Vec::new();
        // The source is recorded with each grant it makes; a role already
        // held (given by hand, or by another source) keeps where it came from.
        for &(u, o, r) in &c.grants_add {
            if !new_users.contains(&u) {
                grants_old.push(params![u, o, r.as_str(), now, source]);
            } else if fresh.insert((u, o, r)) {
                grants_new.push(params![u, o, r.as_str(), now, source]);
            }
        }
        tx.bulk_insert("role_grants", GRANTS, grants_new).await?;
        tx.execute_many(
            "INSERT INTO role_grants (user_id, org_id, role, granted_at, source_id) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (user_id, org_id, role) DO NOTHING",
            grants_old,
        )
        .await?;
        tx.execute_many(
            "DELETE FROM role_grants WHERE user_id = $1 AND org_id = $2 AND role = $3",
            c.grants_remove
                .iter()
                .map(|(u, o, r)| params![*u, *o, r.as_str()])
                .collect(),
        )
        .await?;
        let mut roles_ended = 0;
        if c.end_absent_roles {
            let listed: HashSet<(i64, i64, &str)> =
                c.grants_add.iter().map(|(u, o, r)| (u.0, o.0, r.as_str())).collect();
            let mut absent = Vec::new();
            for row in tx
                .query(
                    "SELECT user_id, org_id, role FROM role_grants WHERE source_id = $1",
                    params![source],
                )
                .await?
            {
                let (u, o, r) = (row.i64(0)?, row.i64(1)?, row.text(2)?);
                if !listed.contains(&(u, o, r.as_str())) {
                    absent.push(params![u, o, r, source]);
                }
            }
            roles_ended = absent.len();
            tx.execute_many(
                "DELETE FROM role_grants WHERE user_id = $1 AND org_id = $2 AND role = $3 AND source_id = $4",
                absent,
            )
            .await?;
        }
        steps.done("role grants", c.grants_add.len() + c.grants_remove.len());
        // Guardianships: a link with a new student or a new guardian cannot
        // exist yet (the first of duplicates is kept, as DO NOTHING would).
        let mut fresh: HashSet<(UserId, UserId)> = HashSet::new();
        let mut links_new: Vec<&(UserId, UserId, String)> = Vec::new();
        let mut links_old: Vec<Vec<Value>> = Vec::new();
        for link in &c.guardianships {
            let (s, g, r) = link;
            if !(new_students.contains(s) || new_users.contains(g)) {
                links_old.push(params![*s, *g, r, now]);
            } else if fresh.insert((*s, *g)) {
                links_new.push(link);
            }
        }
        drop(fresh);
        links_new.sort_unstable_by_key(|(s, g, _)| (*s, *g));
        tx.bulk_insert(
            "guardianships",
            GUARDIANSHIPS,
            links_new.iter().map(|(s, g, r)| params![*s, *g, r, now]).collect(),
        )
        .await?;
        drop(links_new);
        tx.execute_many(
            "INSERT INTO guardianships (student_id, guardian_id, relationship, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (student_id, guardian_id) DO NOTHING",
            links_old,
        )
        .await?;
        steps.done("guardianships", c.guardianships.len());
        // Classes: those the source had before are upserted; new ones (with
        // their staff and students) are loaded, the last of duplicates
        // winning as successive upserts would.
        let known: HashSet<i64> = tx
            .query("SELECT class_id FROM classes WHERE source_id = $1", params![source])
            .await?
            .iter()
            .map(|r| r.i64(0))
            .collect::<Result<_, _>>()?;
        let class_row = |k: &ClassRow| {
            params![
                k.class_id,
                source,
                &k.sourced_id,
                k.school_id,
                &k.title,
                k.class_code.clone(),
                k.course_code.clone(),
                k.course_title.clone(),
                k.active
            ]
        };
        let new_classes = last_of(c.classes.iter().filter(|k| !known.contains(&k.class_id)), |k| {
            k.class_id
        });
        tx.bulk_insert("classes", CLASSES, new_classes.into_iter().map(class_row).collect())
            .await?;
        tx.execute_many(
            "INSERT INTO classes (class_id, source_id, sourced_id, school_id, title, class_code, course_code, course_title, active)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (source_id, sourced_id) DO UPDATE SET school_id = excluded.school_id, title = excluded.title,
               class_code = excluded.class_code, course_code = excluded.course_code,
               course_title = excluded.course_title, active = excluded.active",
            c.classes
                .iter()
                .filter(|k| known.contains(&k.class_id))
                .map(class_row)
                .collect(),
        )
        .await?;
        steps.done("classes", c.classes.len());
        let new_staff = last_of(
            c.class_staff.iter().filter(|(k, ..)| !known.contains(k)),
            |(k, s, _)| (*k, *s),
        );
        tx.bulk_insert(
            "class_staff",
            CLASS_STAFF,
            new_staff.into_iter().map(|(k, s, a)| params![*k, *s, *a]).collect(),
        )
        .await?;
        steps.done("class staff (new classes)", c.class_staff.len());
        let mut new_places = last_of(
            c.class_students.iter().filter(|(_, k, ..)| !known.contains(k)),
            |(s, k, ..)| (*s, *k),
        );
        new_places.sort_unstable_by_key(|(s, k, ..)| (*s, *k));
        // In slices, so that a state's ten million places are never all
        // converted at once.
        for chunk in new_places.chunks(BULK_CHUNK) {
            tx.bulk_insert(
                "class_students",
                CLASS_STUDENTS,
                chunk.iter().map(|p| place_params(p)).collect(),
            )
            .await?;
        }
        let loaded = new_places.len();
        drop(new_places);
        steps.done("class places (new classes)", loaded);
        let mut applied = sync_known_rosters(&mut tx, &known, &c).await?;
        applied.roles_ended = roles_ended;
        applied.places_written += loaded;
        steps.done("class rosters (known classes)", applied.places_written - loaded);
        if c.end_absent_classes {
            let present: HashSet<i64> = c.classes.iter().map(|k| k.class_id).collect();
            let mut gone: Vec<i64> = known.iter().copied().filter(|k| !present.contains(k)).collect();
            gone.sort_unstable();
            applied.classes_ended = tx
                .execute_many(
                    "UPDATE classes SET active = FALSE WHERE class_id = $1 AND active",
                    gone.into_iter().map(|k| params![k]).collect(),
                )
                .await? as usize;
        }
        tx.bulk_insert(
            "access_log",
            ACCESS,
            c.access
                .iter()
                .map(|e| {
                    params![
                        e.student_id,
                        waypoint_domain::new_id(),
                        e.at,
                        e.actor_id,
                        &e.actor_role,
                        &e.basis,
                        &e.action,
                        &e.resource,
                        e.ip.clone(),
                        e.district_id
                    ]
                })
                .collect(),
        )
        .await?;
        tx.commit().await?;
        steps.done("commit", 0);
        Ok(applied)
    }

    /// Records the start of an import.
    pub async fn start_import_run(
        &self,
        source: Option<OrgId>,
        kind: &str,
        file_name: &str,
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let id = waypoint_domain::new_id();
        self.db
            .execute(
                "INSERT INTO import_runs (import_id, source_id, kind, file_name, status, progress, created_by, started_at)
                 VALUES ($1, $2, $3, $4, 'running', 0, $5, $6)",
                params![id, source, kind, file_name, by, now_ms()],
            )
            .await?;
        Ok(id)
    }

    /// Moves an import's progress bar (0–100).
    pub async fn import_progress(&self, import_id: i64, progress: i64) -> Result<(), StoreError> {
        // Quiet: no cached read depends on an import's progress.
        self.db
            .execute_quiet(
                "UPDATE import_runs SET progress = $2 WHERE import_id = $1",
                params![import_id, progress],
            )
            .await
            .map(|_| ())
    }

    /// Records how an import ended.
    pub async fn finish_import_run(
        &self,
        import_id: i64,
        succeeded: bool,
        summary: &str,
        report: &str,
    ) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE import_runs SET status = $2, progress = 100, finished_at = $3, summary = $4, report = $5
                 WHERE import_id = $1",
                params![
                    import_id,
                    if succeeded { "succeeded" } else { "failed" },
                    now_ms(),
                    summary,
                    report
                ],
            )
            .await
            .map(|_| ())
    }

    /// One import run.
    pub async fn import_run(&self, import_id: i64) -> Result<Option<ImportRun>, StoreError> {
        self.db
            .query_opt(
                "SELECT import_id, source_id, kind, file_name, status, progress, started_at, finished_at, summary, report
                 FROM import_runs WHERE import_id = $1",
                params![import_id],
            )
            .await?
            .map(|r| import_run_from(&r))
            .transpose()
    }

    /// The latest import runs of a source, newest first, without their
    /// reports (which may be large): `report` is empty in each.
    pub async fn import_runs(&self, source: OrgId, limit: i64) -> Result<Vec<ImportRun>, StoreError> {
        self.db
            .query(
                "SELECT import_id, source_id, kind, file_name, status, progress, started_at, finished_at, summary, ''
                 FROM import_runs WHERE source_id = $1 ORDER BY started_at DESC, import_id DESC LIMIT $2",
                params![source, limit],
            )
            .await?
            .iter()
            .map(import_run_from)
            .collect()
    }

    /// The run of a source still in progress, if any.
    pub async fn running_import_run(&self, source: OrgId) -> Result<Option<i64>, StoreError> {
        self.db
            .query_opt(
                "SELECT import_id FROM import_runs WHERE source_id = $1 AND status = 'running'
                 ORDER BY started_at DESC LIMIT 1",
                params![source],
            )
            .await?
            .map(|r| r.i64(0))
            .transpose()
    }

    /// Marks runs still `running` that started before `before` (ms) as
    /// failed: their process ended mid-import (a restart), and since the
    /// import is one transaction, nothing of theirs was written. Returns
    /// how many were marked.
    pub async fn abandon_import_runs(&self, before: i64, summary: &str) -> Result<u64, StoreError> {
        // The read cache is marked changed only when a run was marked:
        // this runs every five minutes, and marking it changed each time
        // emptied every process's cache mid-load (BENCHMARKS.md).
        let n = self
            .db
            .execute_quiet(
                "UPDATE import_runs SET status = 'failed', progress = 100, finished_at = $2, summary = $3
                 WHERE status = 'running' AND started_at < $1",
                params![before, now_ms(), summary],
            )
            .await?;
        if n > 0 {
            self.db.changed().await;
        }
        Ok(n)
    }
}

fn import_run_from(r: &crate::Row) -> Result<ImportRun, StoreError> {
    Ok(ImportRun {
        import_id: r.i64(0)?,
        source_id: r.opt_i64(1)?.map(OrgId),
        kind: r.text(2)?,
        file_name: r.text(3)?,
        status: r.text(4)?,
        progress: r.i64(5)?,
        started_at: r.i64(6)?,
        finished_at: r.opt_i64(7)?,
        summary: r.text(8)?,
        report: r.text(9)?,
    })
}
