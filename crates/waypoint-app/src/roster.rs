//! Applying a OneRoster package: who is who, what changed, all or nothing.
//!
//! The package has already been read and checked row by row
//! (`waypoint_import_export::oneroster`). Here each record is matched to
//! Waypoint's: organisations by the source's map, then by code; students
//! by the source's map and by state student id, so a student who arrives
//! in a new district with a new sourcedId is the same person, their plan
//! comes with them, and the move is a transfer; staff and guardians by the
//! map, then by e-mail. Every conflict is reported with its file, line and
//! field, and then nothing at all is written. Otherwise every change goes
//! to the store in one transaction. A roster change never deletes a
//! person or anything in their plan: `tobedeleted` ends an enrolment, a
//! class place or a role.

use crate::App;
use crate::access::Origin;
use crate::error::AppError;
use std::collections::{HashMap, HashSet};
use waypoint_domain::authz::{self, OrgAction};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::{AccountKind, Actor, Demographics, Role};
use waypoint_domain::{OrgId, UserId};
use waypoint_import_export::oneroster::{
    self as or, Code, EnrollmentRole, FileKind, FileMode, Issue, OrgType, Package, Report, SessionType, Status, Version,
};
use waypoint_store::logs::AccessEntry;
use waypoint_store::now_ms;
use waypoint_store::orgs::OrgRecord;
use waypoint_store::people::NewUser;
use waypoint_store::roster::{ClassRow, EnrollmentRow, OrgRow, RosterChanges, StudentRow, StudentUpdate, Transfer};

/// What an import changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterSummary {
    pub orgs_created: usize,
    pub students_created: usize,
    pub students_updated: usize,
    pub students_transferred: usize,
    pub students_withdrawn: usize,
    pub staff_created: usize,
    pub guardians_created: usize,
    pub roles_granted: usize,
    pub roles_ended: usize,
    pub guardian_links: usize,
    pub classes: usize,
    pub class_places: usize,
    /// Places (of students) added or changed; unchanged ones are not written.
    pub class_places_written: usize,
    /// Places of students and teachers ended because a bulk enrolments file
    /// no longer lists them.
    pub class_places_ended: usize,
    /// Classes made inactive because a bulk classes file no longer lists them.
    pub classes_ended: usize,
    pub warnings: Vec<Issue>,
}

impl RosterSummary {
    /// True when the import changed nothing (a re-import of the same package).
    pub fn nothing_new(&self) -> bool {
        self.orgs_created == 0
            && self.students_created == 0
            && self.students_updated == 0
            && self.students_transferred == 0
            && self.students_withdrawn == 0
            && self.staff_created == 0
            && self.guardians_created == 0
            && self.class_places_written == 0
            && self.class_places_ended == 0
            && self.classes_ended == 0
    }
}

impl std::fmt::Display for RosterSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} organisations created; students: {} created, {} updated, {} transferred, {} withdrawn; \
             {} staff and {} guardians created; {} roles granted, {} ended; {} guardian links; \
             {} classes with {} places ({} written, {} ended); {} classes ended; {} warnings",
            self.orgs_created,
            self.students_created,
            self.students_updated,
            self.students_transferred,
            self.students_withdrawn,
            self.staff_created,
            self.guardians_created,
            self.roles_granted,
            self.roles_ended,
            self.guardian_links,
            self.classes,
            self.class_places,
            self.class_places_written,
            self.class_places_ended,
            self.classes_ended,
            self.warnings.len()
        )
    }
}

/// Why an import changed nothing.
#[derive(Debug)]
pub enum ImportError {
    /// The package has problems; every one is listed.
    Rejected(Report),
    /// Permission, or the database.
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        ImportError::App(e)
    }
}

impl From<waypoint_store::StoreError> for ImportError {
    fn from(e: waypoint_store::StoreError) -> Self {
        ImportError::App(e.into())
    }
}

fn issue(code: Code, file: FileKind, line: u32, field: &str, message: String) -> Issue {
    Issue {
        code,
        file: file.file_name().to_string(),
        line: Some(line),
        field: Some(field.to_string()),
        message,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Student,
    Guardian,
    Staff,
}

fn kind_of(u: &or::User) -> Kind {
    let roles: Vec<or::Role> = u.roles.iter().map(|r| r.role).collect();
    if roles.contains(&or::Role::Student) {
        Kind::Student
    } else if roles
        .iter()
        .any(|r| matches!(r, or::Role::Parent | or::Role::Guardian | or::Role::Relative))
    {
        Kind::Guardian
    } else {
        Kind::Staff
    }
}

fn kind_name(k: &str) -> &'static str {
    match k {
        "student" => "a student",
        "guardian" => "a parent or guardian",
        _ => "a staff member",
    }
}

/// The Waypoint role a OneRoster role grants at an organisation of the
/// given kind, if any.
fn staff_role(role: or::Role, at: OrgKind) -> Option<(Role, bool)> {
    // The bool: the grant belongs at the school's district rather than the school.
    match (role, at) {
        (or::Role::Teacher, OrgKind::School) => Some((Role::Mentor, false)),
        (or::Role::Counselor, _) => Some((Role::Counselor, false)),
        (or::Role::Principal | or::Role::SiteAdministrator, OrgKind::School) => Some((Role::SchoolAdmin, false)),
        (or::Role::Administrator, OrgKind::School) => Some((Role::SchoolAdmin, false)),
        (or::Role::Administrator | or::Role::DistrictAdministrator, OrgKind::District) => {
            Some((Role::DistrictAdmin, false))
        }
        (or::Role::DistrictAdministrator, OrgKind::School) => Some((Role::DistrictAdmin, true)),
        _ => None,
    }
}

fn iso(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

fn grade_of(u: &or::User) -> Option<i64> {
    u.grades.iter().find_map(|g| g.number()).map(i64::from)
}

/// The school year the package is about: the school-year session that
/// includes today, else the latest one; else the year by the calendar
/// (a year starts in July).
fn school_year(pkg: &Package, today: time::Date) -> (String, String) {
    let years: Vec<&or::AcademicSession> = pkg
        .sessions
        .iter()
        .filter(|s| s.session_type == SessionType::SchoolYear)
        .collect();
    let pick = years
        .iter()
        .find(|s| s.start_date <= today && today <= s.end_date)
        .or_else(|| years.iter().max_by_key(|s| s.start_date));
    match pick {
        Some(s) => (
            format!("{}-{}", s.start_date.year(), s.end_date.year()),
            iso(s.start_date),
        ),
        None => {
            let start = if (today.month() as u8) >= 7 {
                today.year()
            } else {
                today.year() - 1
            };
            (format!("{}-{}", start, start + 1), iso(today))
        }
    }
}

fn demographics_of(d: &or::Demographics) -> Demographics {
    let races: Vec<&str> = [
        (d.american_indian_or_alaska_native, "american_indian_alaska_native"),
        (d.asian, "asian"),
        (d.black_or_african_american, "black_african_american"),
        (
            d.native_hawaiian_or_other_pacific_islander,
            "native_hawaiian_pacific_islander",
        ),
        (d.white, "white"),
    ]
    .into_iter()
    .filter(|(v, _)| *v == Some(true))
    .map(|(_, n)| n)
    .collect();
    let race = if d.hispanic_or_latino == Some(true) {
        Some("hispanic_latino")
    } else if d.two_or_more_races == Some(true) || races.len() > 1 {
        Some("two_or_more")
    } else {
        races.first().copied()
    };
    let gender = match d.sex {
        Some(or::Sex::Female) => Some("female"),
        Some(or::Sex::Male) => Some("male"),
        Some(or::Sex::Other) => Some("nonbinary"),
        _ => None,
    };
    Demographics {
        race_ethnicity: race.map(String::from),
        gender: gender.map(String::from),
        ..Default::default()
    }
}

/// A username for a new account: the package's if it is usable and free,
/// else `given.family`, with a number added until it is free.
fn choose_username(wanted: &str, given: &str, family: &str, taken: &mut HashSet<String>) -> (String, bool) {
    let clean = |s: &str| -> String {
        s.trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
            .collect()
    };
    let w = clean(wanted);
    if w.len() >= 3 && w.len() <= 64 && !taken.contains(&w) {
        taken.insert(w.clone());
        return (w, true);
    }
    let base = {
        let b = format!("{}.{}", clean(given), clean(family));
        if b.len() < 3 {
            "user".to_string()
        } else {
            b.chars().take(50).collect()
        }
    };
    let mut n = 1;
    loop {
        let candidate = if n == 1 { base.clone() } else { format!("{base}{n}") };
        if !taken.contains(&candidate) {
            taken.insert(candidate.clone());
            return (candidate, false);
        }
        n += 1;
    }
}

struct Places {
    cache: HashMap<OrgId, OrgRecord>,
}

impl App {
    /// Imports a OneRoster package for `source` (a district, or the state).
    /// The actor must manage that organisation. All or nothing.
    pub async fn import_oneroster(
        &self,
        actor: &Actor,
        source_id: OrgId,
        pkg: &Package,
        origin: &Origin,
    ) -> Result<RosterSummary, ImportError> {
        self.import_oneroster_run(actor, source_id, pkg, origin, None).await
    }

    /// [`App::import_oneroster`], moving the progress of the import run
    /// `run` (if any) to 80 when matching is done and writing begins.
    pub async fn import_oneroster_run(
        &self,
        actor: &Actor,
        source_id: OrgId,
        pkg: &Package,
        origin: &Origin,
        run: Option<i64>,
    ) -> Result<RosterSummary, ImportError> {
        let store = &self.store;
        let started = std::time::Instant::now();
        let lap =
            |phase: &'static str| tracing::debug!(phase, ms = started.elapsed().as_millis() as u64, "roster import");
        let source = store.org(source_id).await?.ok_or(AppError::NotFound)?;
        if source.kind == OrgKind::School || !authz::org(actor, OrgAction::ManageOrg, &source.place()) {
            return Err(AppError::Forbidden.into());
        }
        let today = crate::today();
        let today_s = iso(today);
        let (year_name, year_start) = school_year(pkg, today);
        let mut errors: Vec<Issue> = Vec::new();
        let mut summary = RosterSummary {
            warnings: pkg.warnings.clone(),
            ..Default::default()
        };
        let mut ch = RosterChanges::default();
        let mut places = Places { cache: HashMap::new() };
        places.cache.insert(source.org_id, source.clone());

        // --- Organisations ---------------------------------------------
        let org_map = store.roster_org_map(source_id).await?;
        let mut org_of: HashMap<String, OrgId> = org_map.clone();
        // Delta packages refer to organisations imported before.
        let mut known: Vec<OrgId> = org_map.values().copied().collect();
        known.sort_unstable();
        known.dedup();
        for id in known {
            if let Some(rec) = store.org(id).await? {
                places.cache.insert(id, rec);
            }
        }
        let mut orgs: Vec<&or::Org> = pkg.orgs.iter().collect();
        orgs.sort_by_key(|o| match o.org_type {
            OrgType::National | OrgType::State => 0,
            OrgType::District | OrgType::Local => 1,
            _ => 2,
        });
        for o in orgs {
            let sid = o.sourced_id.to_string();
            if let Some(id) = org_map.get(&sid) {
                if let Some(rec) = store.org(*id).await? {
                    places.cache.insert(rec.org_id, rec);
                }
                continue;
            }
            let code = o
                .identifier
                .as_deref()
                .filter(|c| !c.trim().is_empty())
                .map(str::to_string);
            let found: Option<OrgId> = match o.org_type {
                OrgType::State | OrgType::National => Some(source.state_id),
                OrgType::District | OrgType::Local => {
                    if source.kind == OrgKind::District {
                        Some(source.org_id)
                    } else {
                        match &code {
                            Some(c) => store.org_by_code(OrgKind::District, c).await?.map(|r| r.org_id),
                            None => None,
                        }
                    }
                }
                OrgType::School => match &code {
                    Some(c) => match store.org_by_code(OrgKind::School, c).await? {
                        Some(r) if source.place().covers(&r.place()) => Some(r.org_id),
                        Some(_) => {
                            errors.push(issue(
                                Code::BadValue,
                                FileKind::Orgs,
                                o.line,
                                "identifier",
                                format!("school code {c} belongs to a school outside {}", source.name),
                            ));
                            continue;
                        }
                        None => None,
                    },
                    None => None,
                },
                OrgType::Department => {
                    summary.warnings.push(issue(
                        Code::IgnoredColumn,
                        FileKind::Orgs,
                        o.line,
                        "type",
                        format!("org {sid} is a department; Waypoint keeps schools and districts only"),
                    ));
                    continue;
                }
            };
            let id = match found {
                Some(id) => id,
                None => {
                    let (kind, parent) = match o.org_type {
                        OrgType::School => {
                            let parent = if source.kind == OrgKind::District {
                                Some(source.org_id)
                            } else {
                                o.parent.as_ref().and_then(|p| org_of.get(&p.to_string())).copied()
                            };
                            ("school", parent)
                        }
                        _ => ("district", Some(source.state_id)),
                    };
                    let Some(parent_id) = parent else {
                        errors.push(issue(
                            Code::UnknownReference,
                            FileKind::Orgs,
                            o.line,
                            "parentSourcedId",
                            format!("school {sid} needs a parent district in this package or already in Waypoint"),
                        ));
                        continue;
                    };
                    let org_id = OrgId::generate();
                    let district_id = if kind == "district" {
                        Some(org_id)
                    } else {
                        Some(parent_id)
                    };
                    let rec = OrgRecord {
                        org_id,
                        kind: if kind == "district" {
                            OrgKind::District
                        } else {
                            OrgKind::School
                        },
                        parent_id: Some(parent_id),
                        district_id,
                        state_id: source.state_id,
                        name: o.name.to_string(),
                        code: code.clone().unwrap_or_else(|| format!("{}-{}", source.code, sid)),
                        low_grade: None,
                        high_grade: None,
                    };
                    ch.new_orgs.push(OrgRow {
                        org_id,
                        kind,
                        parent_id,
                        district_id,
                        state_id: source.state_id,
                        name: rec.name.clone(),
                        code: rec.code.clone(),
                    });
                    places.cache.insert(org_id, rec);
                    summary.orgs_created += 1;
                    org_id
                }
            };
            if let std::collections::hash_map::Entry::Vacant(e) = places.cache.entry(id)
                && let Some(rec) = store.org(id).await?
            {
                e.insert(rec);
            }
            org_of.insert(sid.clone(), id);
            ch.org_maps.push((sid, id));
        }
        // References to orgs that are neither in the package nor mapped.
        let org_place =
            |sid: &str| -> Option<OrgRecord> { org_of.get(sid).and_then(|id| places.cache.get(id)).cloned() };

        // --- People ----------------------------------------------------
        let people_map = store.roster_people_map(source_id).await?;
        let state_ids: Vec<String> = pkg
            .users
            .iter()
            .filter(|u| kind_of(u) == Kind::Student)
            .filter_map(|u| u.state_id.as_deref().map(str::to_string))
            .collect();
        let by_state = store.students_by_state_ids(&state_ids).await?;
        let mut involved: Vec<UserId> = pkg
            .users
            .iter()
            .filter_map(|u| people_map.get(&*u.sourced_id))
            .copied()
            .collect();
        involved.extend(by_state.values().map(|(id, _)| *id));
        let facts = store.roster_people_facts(&involved).await?;
        let emails: Vec<String> = pkg
            .users
            .iter()
            .filter_map(|u| u.email.as_deref())
            .map(|e| e.trim().to_lowercase())
            .collect();
        let by_email = store.users_by_emails(&emails).await?;
        let wanted: Vec<String> = pkg.users.iter().map(|u| u.username.trim().to_lowercase()).collect();
        let mut taken = store.taken_usernames(&wanted).await?;
        lap("people looked up");
        let mut uid_of: HashMap<String, UserId> = HashMap::new();
        let mut kind_by_uid: HashMap<UserId, Kind> = HashMap::new();

        for u in &pkg.users {
            let sid = u.sourced_id.to_string();
            let kind = kind_of(u);
            let mapped = people_map.get(&sid).copied();
            let email = u
                .email
                .as_deref()
                .map(|e| e.trim().to_lowercase())
                .filter(|e| e.contains('@'));
            let existing: Option<UserId> = match kind {
                Kind::Student => {
                    let by_sid = u.state_id.as_deref().and_then(|s| by_state.get(s)).map(|x| x.0);
                    match (mapped, by_sid) {
                        (Some(a), Some(b)) if a != b => {
                            errors.push(issue(
                                Code::BadValue,
                                FileKind::Users,
                                u.line,
                                "userIds",
                                format!(
                                    "ambiguous: sourcedId {sid} is already another student than the one with state id {}; \
                                     Waypoint will not guess which is right",
                                    u.state_id.as_deref().unwrap_or("")
                                ),
                            ));
                            continue;
                        }
                        (Some(a), _) => Some(a),
                        (None, b) => b,
                    }
                }
                _ => mapped.or_else(|| email.as_ref().and_then(|e| by_email.get(e)).copied()),
            };
            if let Some(id) = existing
                && let Some((k, ..)) = facts.get(&id).or(None)
            {
                let expected = match kind {
                    Kind::Student => "student",
                    Kind::Guardian => "guardian",
                    Kind::Staff => "staff",
                };
                if k != expected {
                    errors.push(issue(
                        Code::BadValue,
                        FileKind::Users,
                        u.line,
                        "role",
                        format!("{sid} is {} in Waypoint, not {}", kind_name(k), kind_name(expected)),
                    ));
                    continue;
                }
            }
            // A staff or guardian matched by e-mail must be of the same kind.
            let existing = match (existing, kind) {
                (Some(id), Kind::Staff | Kind::Guardian) if mapped.is_none() => match store.user(id).await? {
                    Some(rec)
                        if rec.kind
                            == (if kind == Kind::Staff {
                                AccountKind::Staff
                            } else {
                                AccountKind::Guardian
                            }) =>
                    {
                        Some(id)
                    }
                    _ => {
                        errors.push(issue(
                            Code::BadValue,
                            FileKind::Users,
                            u.line,
                            "email",
                            format!("the e-mail address of {sid} belongs to another kind of account"),
                        ));
                        continue;
                    }
                },
                (e, _) => e,
            };
            // Someone the package withdraws whom Waypoint never knew (a
            // delta for a person whose bulk file came before Waypoint):
            // there is nothing to end and no account to make. Their class
            // places and links are skipped with them.
            let withdrawn_everywhere = u.status == Status::ToBeDeleted
                || (!u.roles.is_empty() && u.roles.iter().all(|r| r.status == Status::ToBeDeleted));
            if existing.is_none() && withdrawn_everywhere {
                summary.warnings.push(issue(
                    Code::UnknownReference,
                    FileKind::Users,
                    u.line,
                    "status",
                    format!("{sid} is withdrawn (tobedeleted) but was never imported; nothing to do"),
                ));
                continue;
            }
            let uid = match existing {
                Some(id) => id,
                None => {
                    let id = UserId::generate();
                    let (username, kept) = choose_username(&u.username, &u.given_name, &u.family_name, &mut taken);
                    if !kept && !u.username.trim().is_empty() {
                        summary.warnings.push(issue(
                            Code::BadValue,
                            FileKind::Users,
                            u.line,
                            "username",
                            format!("username {} is taken or unusable; {sid} gets {username}", u.username),
                        ));
                    }
                    let email = email.clone().filter(|e| !by_email.contains_key(e));
                    ch.new_users.push(NewUser {
                        user_id: id,
                        kind: match kind {
                            Kind::Student => AccountKind::Student,
                            Kind::Guardian => AccountKind::Guardian,
                            Kind::Staff => AccountKind::Staff,
                        },
                        username,
                        email,
                        password_hash: None,
                        given_name: u.preferred_given_name.as_deref().unwrap_or(&u.given_name).to_string(),
                        family_name: u.family_name.to_string(),
                        locale: "en".into(),
                    });
                    match kind {
                        Kind::Student => summary.students_created += 1,
                        Kind::Guardian => summary.guardians_created += 1,
                        Kind::Staff => summary.staff_created += 1,
                    }
                    id
                }
            };
            if mapped.is_none() {
                ch.person_maps.push((sid.clone(), uid));
            }
            uid_of.insert(sid.clone(), uid);
            kind_by_uid.insert(uid, kind);

            match kind {
                Kind::Student => {
                    // The school: the primary student role's org, else the first.
                    let mut student_roles: Vec<&or::RoleAssignment> = u
                        .roles
                        .iter()
                        .filter(|r| r.role == or::Role::Student && r.status == Status::Active)
                        .collect();
                    student_roles.sort_by_key(|r| r.role_type != or::RoleType::Primary);
                    let school = student_roles
                        .iter()
                        .filter_map(|r| org_place(&r.org))
                        .find(|o| o.kind == OrgKind::School);
                    let grade = grade_of(u);
                    let given = u.preferred_given_name.as_deref().unwrap_or(&u.given_name).to_string();
                    let withdrawn = u.status == Status::ToBeDeleted
                        || (!u.roles.is_empty() && u.roles.iter().all(|r| r.status == Status::ToBeDeleted));
                    match existing {
                        None => {
                            let Some(school) = school else {
                                errors.push(issue(
                                    Code::Required,
                                    FileKind::Users,
                                    u.line,
                                    "orgSourcedIds",
                                    format!("student {sid} is not placed at any school of this roster"),
                                ));
                                continue;
                            };
                            let state_id = u.state_id.as_deref().map(str::to_string).unwrap_or_else(|| {
                                summary.warnings.push(issue(
                                    Code::Required,
                                    FileKind::Users,
                                    u.line,
                                    "userIds",
                                    format!("student {sid} has no state student id; a transfer to another district cannot be recognised"),
                                ));
                                format!("{}:{sid}", source.code)
                            });
                            ch.new_students.push(StudentRow {
                                student_id: uid,
                                state_student_id: state_id,
                                birth_date: None,
                                grade_level: grade,
                                school_id: Some(school.org_id),
                                district_id: school.district_id,
                                state_id: school.state_id,
                                given_name: given,
                                family_name: u.family_name.to_string(),
                            });
                            ch.new_enrollments.push(EnrollmentRow {
                                student_id: uid,
                                school_id: school.org_id,
                                school_year: year_name.clone(),
                                grade_level: grade.unwrap_or(0),
                                entry_date: year_start.clone(),
                            });
                        }
                        Some(id) => {
                            let (_, old_school, old_given, old_family, old_grade) = facts
                                .get(&id)
                                .cloned()
                                .unwrap_or(("student".into(), None, String::new(), String::new(), None));
                            if withdrawn {
                                if old_school.is_some_and(|s| {
                                    places.cache.get(&s).is_some_and(|o| source.place().covers(&o.place()))
                                }) {
                                    ch.student_updates.push(StudentUpdate {
                                        student_id: id,
                                        given_name: old_given,
                                        family_name: old_family,
                                        grade_level: old_grade,
                                        school_id: None,
                                        district_id: None,
                                    });
                                    ch.transfers.push(Transfer {
                                        student_id: id,
                                        new_school: OrgId(0),
                                        new_district: None,
                                        date: today_s.clone(),
                                    });
                                    summary.students_withdrawn += 1;
                                }
                                continue;
                            }
                            let new_school = school.clone().map(|s| s.org_id).or(old_school);
                            let moved = school.as_ref().is_some_and(|s| Some(s.org_id) != old_school);
                            let new_grade = grade.or(old_grade);
                            if given != old_given || *u.family_name != *old_family {
                                ch.user_updates.push((id, given.clone(), u.family_name.to_string()));
                            }
                            if moved || new_grade != old_grade || given != old_given || *u.family_name != *old_family {
                                let district = school.as_ref().and_then(|s| s.district_id);
                                ch.student_updates.push(StudentUpdate {
                                    student_id: id,
                                    given_name: given.clone(),
                                    family_name: u.family_name.to_string(),
                                    grade_level: new_grade,
                                    school_id: new_school,
                                    district_id: if moved {
                                        district
                                    } else {
                                        places
                                            .cache
                                            .get(&new_school.unwrap_or(OrgId(0)))
                                            .and_then(|o| o.district_id)
                                            .or(district)
                                    },
                                });
                                if !moved {
                                    summary.students_updated += 1;
                                }
                            }
                            if moved && let Some(s) = &school {
                                ch.transfers.push(Transfer {
                                    student_id: id,
                                    new_school: s.org_id,
                                    new_district: s.district_id,
                                    date: today_s.clone(),
                                });
                                ch.new_enrollments.push(EnrollmentRow {
                                    student_id: id,
                                    school_id: s.org_id,
                                    school_year: year_name.clone(),
                                    grade_level: new_grade.unwrap_or(0),
                                    entry_date: today_s.clone(),
                                });
                                ch.access.push(AccessEntry {
                                    student_id: id,
                                    at: now_ms(),
                                    actor_id: actor.user_id,
                                    actor_role: actor.log_role().into(),
                                    basis: "roster_import".into(),
                                    action: "transfer".into(),
                                    resource: "enrollment".into(),
                                    ip: origin.ip.clone(),
                                    district_id: s.district_id,
                                });
                                summary.students_transferred += 1;
                            }
                        }
                    }
                }
                Kind::Staff => {
                    for r in &u.roles {
                        let Some(org) = org_place(&r.org) else { continue };
                        let Some((role, at_district)) = staff_role(r.role, org.kind) else {
                            continue;
                        };
                        let target = if at_district {
                            org.district_id.unwrap_or(org.org_id)
                        } else {
                            org.org_id
                        };
                        if r.status == Status::ToBeDeleted {
                            ch.grants_remove.push((uid, target, role));
                            summary.roles_ended += 1;
                        } else {
                            ch.grants_add.push((uid, target, role));
                            summary.roles_granted += 1;
                        }
                    }
                }
                Kind::Guardian => {}
            }
        }
        // Roles of users not in this package (1.2 delta).
        for d in &pkg.detached_roles {
            let Some(uid) = people_map.get(&*d.user).copied() else {
                continue;
            };
            let Some(org) = org_place(&d.role.org) else { continue };
            if let Some((role, at_district)) = staff_role(d.role.role, org.kind) {
                let target = if at_district {
                    org.district_id.unwrap_or(org.org_id)
                } else {
                    org.org_id
                };
                if d.role.status == Status::ToBeDeleted {
                    ch.grants_remove.push((uid, target, role));
                    summary.roles_ended += 1;
                } else {
                    ch.grants_add.push((uid, target, role));
                    summary.roles_granted += 1;
                }
            }
        }
        lap("people matched");
        let person = |sid: &str| uid_of.get(sid).or_else(|| people_map.get(sid)).copied();
        // Each account's relationship to its students: the parent, guardian
        // or relative role of the first user in the package who is that
        // account (one pass, not a search of every user for every link).
        let mut relationship: HashMap<UserId, Option<&'static str>> = HashMap::new();
        for u in &pkg.users {
            if let Some(id) = uid_of.get(&*u.sourced_id) {
                relationship.entry(*id).or_insert_with(|| {
                    u.roles
                        .iter()
                        .find(|r| matches!(r.role, or::Role::Parent | or::Role::Guardian | or::Role::Relative))
                        .map(|r| r.role.as_str())
                });
            }
        }
        // Guardians: agents of students, and students of guardians.
        let mut links: HashSet<(UserId, UserId)> = HashSet::new();
        for u in &pkg.users {
            let Some(me) = uid_of.get(&*u.sourced_id).copied() else {
                continue;
            };
            for a in &u.agents {
                let Some(other) = person(a) else { continue };
                let pair = match (kind_by_uid.get(&me), kind_by_uid.get(&other)) {
                    (Some(Kind::Student), Some(Kind::Guardian)) => (me, other),
                    (Some(Kind::Guardian), Some(Kind::Student)) => (other, me),
                    _ => continue,
                };
                if links.insert(pair) {
                    let rel = relationship
                        .get(&pair.1)
                        .copied()
                        .flatten()
                        .unwrap_or("guardian")
                        .to_string();
                    ch.guardianships.push((pair.0, pair.1, rel));
                }
            }
        }
        summary.guardian_links = ch.guardianships.len();
        lap("guardians linked");

        // --- Demographics ----------------------------------------------
        for d in &pkg.demographics {
            if let Some(uid) = person(&d.sourced_id)
                && kind_by_uid.get(&uid).is_none_or(|k| *k == Kind::Student)
            {
                ch.demographics.push((uid, demographics_of(d)));
            }
        }

        // --- Classes and their rosters ----------------------------------
        let class_map = store.roster_class_map(source_id).await?;
        let courses: HashMap<&str, &or::Course> = pkg.courses.iter().map(|c| (&*c.sourced_id, c)).collect();
        let mut class_of: HashMap<String, i64> = class_map.clone();
        for k in &pkg.classes {
            let Some(school) = org_place(&k.school).filter(|o| o.kind == OrgKind::School) else {
                errors.push(issue(
                    Code::UnknownReference,
                    FileKind::Classes,
                    k.line,
                    "schoolSourcedId",
                    format!(
                        "class {} is at {}, which is not a school of this roster",
                        k.sourced_id, k.school
                    ),
                ));
                continue;
            };
            let id = class_map
                .get(&*k.sourced_id)
                .copied()
                .unwrap_or_else(waypoint_domain::new_id);
            class_of.insert(k.sourced_id.to_string(), id);
            let course = courses.get(&*k.course);
            ch.classes.push(ClassRow {
                class_id: id,
                sourced_id: k.sourced_id.to_string(),
                school_id: school.org_id,
                title: k.title.to_string(),
                class_code: k.class_code.as_deref().map(String::from),
                course_code: course.and_then(|c| c.course_code.as_deref()).map(String::from),
                course_title: course.map(|c| c.title.to_string()),
                active: k.status == Status::Active,
            });
        }
        summary.classes = ch.classes.len();
        ch.class_students.reserve(pkg.enrollments.len());
        for e in &pkg.enrollments {
            let (Some(class_id), Some(uid)) = (class_of.get(&*e.class).copied(), person(&e.user)) else {
                if pkg.mode(FileKind::Enrollments) == FileMode::Bulk {
                    errors.push(issue(
                        Code::UnknownReference,
                        FileKind::Enrollments,
                        e.line,
                        "classSourcedId",
                        format!(
                            "enrolment {} refers to a class or user Waypoint does not know",
                            e.sourced_id
                        ),
                    ));
                }
                continue;
            };
            let active = e.status == Status::Active;
            let end = if active {
                e.end_date.map(iso)
            } else {
                Some(today_s.clone())
            };
            match e.role {
                EnrollmentRole::Student => {
                    ch.class_students
                        .push((uid, class_id, e.begin_date.map(iso), end, active));
                }
                EnrollmentRole::Teacher | EnrollmentRole::Aide => ch.class_staff.push((class_id, uid, active)),
                _ => {}
            }
        }
        summary.class_places = ch.class_students.len();
        // A bulk file is the whole truth for the source: what it no longer
        // lists ends (places, teaching places; classes become inactive).
        if pkg.mode(FileKind::Enrollments) == FileMode::Bulk {
            ch.end_absent_places = Some(today_s.clone());
        }
        ch.end_absent_classes = pkg.mode(FileKind::Classes) == FileMode::Bulk;
        // Likewise roles: in 1.2 they are roles.csv, in 1.1 part of users.csv.
        let roles_file = match pkg.version {
            Version::V1_1 => FileKind::Users,
            Version::V1_2 => FileKind::Roles,
        };
        ch.end_absent_roles = pkg.mode(roles_file) == FileMode::Bulk;
        lap("classes and places matched");

        if !errors.is_empty() {
            let truncated = errors.len().saturating_sub(1000);
            errors.truncate(1000);
            return Err(ImportError::Rejected(Report {
                errors,
                truncated,
                warnings: summary.warnings.clone(),
                ..Default::default()
            }));
        }
        if let Some(run) = run {
            store.import_progress(run, crate::roster_runs::PROGRESS_WRITING).await?;
        }
        let applied = store.apply_roster(source_id, ch).await?;
        summary.class_places_written = applied.places_written;
        summary.class_places_ended = applied.places_ended + applied.staff_ended;
        summary.classes_ended = applied.classes_ended;
        summary.roles_ended += applied.roles_ended;
        lap("written");
        store
            .audit(
                Some(actor.user_id),
                Some(source_id),
                "roster_import",
                &source.code,
                &summary.to_string(),
            )
            .await?;
        Ok(summary)
    }
}
