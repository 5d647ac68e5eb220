//! After every file is read: duplicate ids, references between files, and 1.2 roles attached
//! to their users.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::csvread::Cx;
use super::files::Parsed;
use super::issue::Code;
use super::model::{
    AcademicSession, Class, Course, Demographics, DetachedRole, Enrollment, FileKind, FileMode, Id, Org,
    RoleAssignment, UnresolvedRef, User, UserProfile,
};
use super::values;

/// Everything read from the package's files.
#[derive(Default)]
pub(crate) struct AllParsed {
    pub(crate) orgs: Parsed<Org>,
    pub(crate) sessions: Parsed<AcademicSession>,
    pub(crate) courses: Parsed<Course>,
    pub(crate) classes: Parsed<Class>,
    pub(crate) users: Parsed<User>,
    pub(crate) roles: Parsed<(Id, RoleAssignment)>,
    pub(crate) profiles: Parsed<UserProfile>,
    pub(crate) demographics: Parsed<Demographics>,
    pub(crate) enrollments: Parsed<Enrollment>,
}

/// How each file took part: its effective mode (absent if it was not read) and whether it
/// could not be read completely (then references into it are not checked, to avoid a
/// cascade of errors that all have the same cause).
pub(crate) struct FileStates {
    pub(crate) mode: HashMap<FileKind, FileMode>,
    pub(crate) broken: HashSet<FileKind>,
}

impl FileStates {
    fn mode(&self, kind: FileKind) -> FileMode {
        self.mode.get(&kind).copied().unwrap_or(FileMode::Absent)
    }
}

/// The linked result.
pub(crate) struct Linked {
    pub(crate) orgs: Vec<Org>,
    pub(crate) sessions: Vec<AcademicSession>,
    pub(crate) courses: Vec<Course>,
    pub(crate) classes: Vec<Class>,
    pub(crate) users: Vec<User>,
    pub(crate) detached_roles: Vec<DetachedRole>,
    pub(crate) user_profiles: Vec<UserProfile>,
    pub(crate) demographics: Vec<Demographics>,
    pub(crate) enrollments: Vec<Enrollment>,
    pub(crate) unresolved: Vec<UnresolvedRef>,
}

/// A fast, unkeyed 64-bit hash of bytes (FxHash-style), used only to group candidates for
/// duplicate detection; equal hashes are always confirmed by comparing the strings, so a
/// collision costs time, never correctness.
fn fast_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    let mut w = [0u8; 8];
    w[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// Reports every `sourcedId` used more than once in a file (on each later occurrence, naming
/// the first), and drops the later occurrences.
///
/// No map of every row is built: `(hash, index)` pairs are sorted and only rows with equal
/// hashes are compared. For interned ids (`interned`), equal ids share one allocation, so the
/// address is an exact hash.
fn duplicates<T>(kind: FileKind, recs: &mut Vec<T>, interned: bool, key: impl Fn(&T) -> (&str, u32), cx: &mut Cx) {
    let mut order: Vec<(u64, u32)> = recs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = key(r).0;
            let h = if interned {
                id.as_ptr() as usize as u64
            } else {
                fast_hash(id.as_bytes())
            };
            (h, i as u32)
        })
        .collect();
    order.sort_unstable();
    let mut dropped: Vec<u32> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && order[end].0 == order[start].0 {
            end += 1;
        }
        if end - start > 1 {
            // Same hash: group by the id itself; within an id, file order (= line order).
            let mut run: Vec<u32> = order[start..end].iter().map(|x| x.1).collect();
            run.sort_by(|&a, &b| key(&recs[a as usize]).0.cmp(key(&recs[b as usize]).0).then(a.cmp(&b)));
            let mut g = 0;
            while g < run.len() {
                let (first_id, first_line) = key(&recs[run[g] as usize]);
                let mut k = g + 1;
                while k < run.len() && key(&recs[run[k] as usize]).0 == first_id {
                    let line = key(&recs[run[k] as usize]).1;
                    cx.issues.error(
                        Code::DuplicateId,
                        kind.file_name(),
                        Some(line),
                        Some("sourcedId"),
                        || {
                            format!(
                                "the sourcedId \"{}\" is used twice in this file: first on line {first_line}, again on \
                             line {line}",
                                values::truncate(first_id)
                            )
                        },
                    );
                    dropped.push(run[k]);
                    k += 1;
                }
                g = k;
            }
        }
        start = end;
    }
    if !dropped.is_empty() {
        dropped.sort_unstable();
        let mut i = 0u32;
        let mut d = dropped.iter().peekable();
        recs.retain(|_| {
            let keep = d.peek().is_none_or(|&&x| x != i);
            if !keep {
                d.next();
            }
            i += 1;
            keep
        });
    }
}

/// Hashes an interned id's address (equal ids share one allocation).
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = n as u64;
    }

    fn finish(&self) -> u64 {
        let h = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ (h >> 32)
    }
}

type AddrMap<V> = HashMap<usize, V, BuildHasherDefault<AddrHasher>>;

/// The address of an interned id: equal ids have equal addresses.
fn addr(id: &Id) -> usize {
    id.as_ptr() as usize
}

/// The ids of one file, for resolving references into it.
struct Target {
    kind: FileKind,
    what: &'static str,
    /// The addresses of the file's (interned) ids.
    ids: AddrMap<()>,
    mode: FileMode,
    broken: bool,
}

impl Target {
    fn new<T>(kind: FileKind, what: &'static str, p: &Parsed<T>, id: impl Fn(&T) -> &Id, st: &FileStates) -> Self {
        let mut ids: AddrMap<()> = AddrMap::default();
        ids.reserve(p.records.len() + p.bad_ids.len());
        ids.extend(p.records.iter().map(|r| (addr(id(r)), ())));
        ids.extend(p.bad_ids.iter().map(|i| (addr(i), ())));
        Target {
            kind,
            what,
            ids,
            mode: st.mode(kind),
            broken: p.broken || st.broken.contains(&kind),
        }
    }
}

struct Refs<'a, 'o> {
    cx: &'a mut Cx<'o>,
    st: &'a FileStates,
    unresolved: Vec<UnresolvedRef>,
}

impl Refs<'_, '_> {
    /// Checks one reference. An id missing from the package is an error when the target's
    /// file is bulk (the package holds all of them), or when the target's file is absent and
    /// the referring file is bulk (a bulk package must be complete). Otherwise (a delta
    /// target, or a delta file referring to an absent one) the id may name an existing
    /// record: it is recorded for the applier to resolve against the database.
    fn check(&mut self, from: FileKind, line: u32, field: &'static str, t: &Target, id: &Id) -> bool {
        if t.broken || t.ids.contains_key(&addr(id)) {
            return true;
        }
        let from_mode = self.st.mode(from);
        if t.mode == FileMode::Bulk || (t.mode == FileMode::Absent && from_mode != FileMode::Delta) {
            let (what, file) = (t.what, t.kind.file_name());
            self.cx.issues.error(
                Code::UnknownReference,
                from.file_name(),
                Some(line),
                Some(field),
                || {
                    let id = values::truncate(id);
                    if t.mode == FileMode::Absent {
                        format!(
                            "refers to {what} \"{id}\", but {file} is not in this package (a bulk file may only refer \
                         to records in the package)"
                        )
                    } else {
                        format!("refers to {what} \"{id}\", which is not in {file}")
                    }
                },
            );
            false
        } else {
            self.unresolved.push(UnresolvedRef {
                file: from,
                line,
                field,
                target: t.kind,
                id: id.clone(),
            });
            true
        }
    }
}

/// Checks duplicates and references, attaches 1.2 roles to users.
pub(crate) fn link(mut p: AllParsed, st: &FileStates, cx: &mut Cx) -> Linked {
    fn id(sid: &Id, line: u32) -> (&str, u32) {
        (sid, line)
    }
    duplicates(
        FileKind::Orgs,
        &mut p.orgs.records,
        true,
        |r| id(&r.sourced_id, r.line),
        cx,
    );
    duplicates(
        FileKind::AcademicSessions,
        &mut p.sessions.records,
        true,
        |r| id(&r.sourced_id, r.line),
        cx,
    );
    duplicates(
        FileKind::Courses,
        &mut p.courses.records,
        true,
        |r| id(&r.sourced_id, r.line),
        cx,
    );
    duplicates(
        FileKind::Classes,
        &mut p.classes.records,
        true,
        |r| id(&r.sourced_id, r.line),
        cx,
    );
    duplicates(
        FileKind::Users,
        &mut p.users.records,
        true,
        |r| id(&r.sourced_id, r.line),
        cx,
    );
    duplicates(
        FileKind::Roles,
        &mut p.roles.records,
        false,
        |r| (r.1.sourced_id.as_deref().unwrap_or(""), r.1.line),
        cx,
    );
    duplicates(
        FileKind::UserProfiles,
        &mut p.profiles.records,
        true,
        |r| id(&r.sourced_id, r.line),
        cx,
    );
    duplicates(
        FileKind::Demographics,
        &mut p.demographics.records,
        true,
        |r| id(&r.sourced_id, r.line),
        cx,
    );
    duplicates(
        FileKind::Enrollments,
        &mut p.enrollments.records,
        false,
        |r| id(&r.sourced_id, r.line),
        cx,
    );

    let orgs = Target::new(FileKind::Orgs, "org", &p.orgs, |r| &r.sourced_id, st);
    let sessions = Target::new(
        FileKind::AcademicSessions,
        "academic session",
        &p.sessions,
        |r| &r.sourced_id,
        st,
    );
    let courses = Target::new(FileKind::Courses, "course", &p.courses, |r| &r.sourced_id, st);
    let classes = Target::new(FileKind::Classes, "class", &p.classes, |r| &r.sourced_id, st);
    let users = Target::new(FileKind::Users, "user", &p.users, |r| &r.sourced_id, st);
    let profiles = Target::new(
        FileKind::UserProfiles,
        "user profile",
        &p.profiles,
        |r| &r.sourced_id,
        st,
    );

    let mut refs = Refs {
        cx,
        st,
        unresolved: Vec::new(),
    };

    for o in &p.orgs.records {
        if let Some(parent) = &o.parent {
            refs.check(FileKind::Orgs, o.line, "parentSourcedId", &orgs, parent);
        }
    }
    for s in &p.sessions.records {
        if let Some(parent) = &s.parent {
            refs.check(FileKind::AcademicSessions, s.line, "parentSourcedId", &sessions, parent);
        }
    }
    for c in &p.courses.records {
        if let Some(y) = &c.school_year {
            refs.check(FileKind::Courses, c.line, "schoolYearSourcedId", &sessions, y);
        }
        refs.check(FileKind::Courses, c.line, "orgSourcedId", &orgs, &c.org);
    }
    for c in &p.classes.records {
        refs.check(FileKind::Classes, c.line, "courseSourcedId", &courses, &c.course);
        refs.check(FileKind::Classes, c.line, "schoolSourcedId", &orgs, &c.school);
        for t in &c.terms {
            refs.check(FileKind::Classes, c.line, "termSourcedIds", &sessions, t);
        }
    }
    for u in &p.users.records {
        for role in &u.roles {
            // 1.1: the roles come from orgSourcedIds.
            refs.check(FileKind::Users, u.line, "orgSourcedIds", &orgs, &role.org);
        }
        if let Some(org) = &u.primary_org
            && !u.roles.iter().any(|r| &r.org == org)
        {
            refs.check(FileKind::Users, u.line, "primaryOrgSourcedId", &orgs, org);
        }
        for a in &u.agents {
            refs.check(FileKind::Users, u.line, "agentSourcedIds", &users, a);
        }
    }
    for (_, role) in &p.roles.records {
        refs.check(FileKind::Roles, role.line, "orgSourcedId", &orgs, &role.org);
        if let Some(profile) = &role.user_profile {
            refs.check(FileKind::Roles, role.line, "userProfileSourcedId", &profiles, profile);
        }
    }
    for up in &p.profiles.records {
        refs.check(FileKind::UserProfiles, up.line, "userSourcedId", &users, &up.user);
    }
    for d in &p.demographics.records {
        refs.check(FileKind::Demographics, d.line, "sourcedId", &users, &d.sourced_id);
    }
    for e in &p.enrollments.records {
        refs.check(FileKind::Enrollments, e.line, "classSourcedId", &classes, &e.class);
        refs.check(FileKind::Enrollments, e.line, "schoolSourcedId", &orgs, &e.school);
        refs.check(FileKind::Enrollments, e.line, "userSourcedId", &users, &e.user);
    }

    // Attach 1.2 roles to their users, in roles.csv order.
    let mut detached_roles = Vec::new();
    if !p.roles.records.is_empty() {
        let index: AddrMap<usize> = p
            .users
            .records
            .iter()
            .enumerate()
            .map(|(i, u)| (addr(&u.sourced_id), i))
            .collect();
        for (user, role) in std::mem::take(&mut p.roles.records) {
            if let Some(&i) = index.get(&addr(&user)) {
                p.users.records[i].roles.push(role);
            } else if refs.check(FileKind::Roles, role.line, "userSourcedId", &users, &user) {
                detached_roles.push(DetachedRole { user, role });
            }
        }
    }

    let unresolved = refs.unresolved;
    Linked {
        orgs: p.orgs.records,
        sessions: p.sessions.records,
        courses: p.courses.records,
        classes: p.classes.records,
        users: p.users.records,
        detached_roles,
        user_profiles: p.profiles.records,
        demographics: p.demographics.records,
        enrollments: p.enrollments.records,
        unresolved,
    }
}
