//! Administration: organisations, school years, staff roles, advisory
//! groups, mentor assignment, and the logs. Every change is checked by the
//! policy and written to the audit log.

use crate::access::Origin;
use crate::error::{AppError, AppResult};
use crate::{App, today};
use std::collections::BTreeSet;
use std::sync::Arc;
use waypoint_domain::authz::{self, OrgAction, StudentAction};
use waypoint_domain::org::{OrgKind, OrgPlace};
use waypoint_domain::people::{AccountKind, Actor, Role};
use waypoint_domain::validate::{self, FieldErrors};
use waypoint_domain::{GroupId, OrgId, UserId};
use waypoint_store::Page;
use waypoint_store::logs::{AccessQuery, AccessView, AuditEntry};
use waypoint_store::orgs::{OrgRecord, SchoolYearRecord};
use waypoint_store::people::{StaffSummary, UserRecord};
use waypoint_store::students::{GroupRecord, StudentQuery, StudentScope, StudentSummary};

/// The fields of the organisation form.
#[derive(Clone, Debug, Default)]
pub struct OrgForm {
    pub name: String,
    pub code: String,
    pub low_grade: String,
    pub high_grade: String,
}

/// The fields of the school-year form.
#[derive(Clone, Debug, Default)]
pub struct YearForm {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// The fields of the access-log search form, as typed.
#[derive(Clone, Debug, Default)]
pub struct AccessSearchForm {
    /// A Waypoint id or a state student id; blank for every student.
    pub student: String,
    /// The username of the person who looked; blank for everyone.
    pub actor: String,
    /// First day, `YYYY-MM-DD`; blank for no lower bound.
    pub from: String,
    /// Last day (included), `YYYY-MM-DD`; blank for no upper bound.
    pub to: String,
    pub page: i64,
}

/// What became of a list of students to add to an advisory group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddMembers {
    /// How many were newly added.
    pub added: u64,
    /// The ids, as typed, that match no student the actor may add to the
    /// group's school. When any are listed, nobody was added.
    pub unknown: Vec<String>,
}

/// Most students one request may name (bulk mentor assignment, adding
/// group members).
pub const MAX_BATCH: usize = 500;

/// A valid organisation form: name, code, and grades (schools only).
type ValidOrg = (String, String, Option<(i64, i64)>);

fn validate_org(form: &OrgForm, kind: OrgKind) -> Result<ValidOrg, FieldErrors> {
    let mut e = FieldErrors::new();
    let name = validate::required_text(&mut e, "name", &form.name, 200);
    let code = validate::required_text(&mut e, "code", &form.code, 40);
    let mut grades = None;
    if kind == OrgKind::School {
        let lo = form
            .low_grade
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|g| (0..=13).contains(g));
        let hi = form
            .high_grade
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|g| (0..=13).contains(g));
        match (lo, hi) {
            (Some(l), Some(h)) if l <= h => grades = Some((l, h)),
            (None, _) => e.add("low_grade", "error-grade"),
            (_, None) => e.add("high_grade", "error-grade"),
            _ => e.add("high_grade", "error-grade-order"),
        }
    }
    e.into_result().map(|_| (name, code, grades))
}

impl App {
    async fn org_checked(&self, actor: &Actor, org_id: OrgId, action: OrgAction) -> AppResult<OrgRecord> {
        let org = self.store.org(org_id).await?.ok_or(AppError::NotFound)?;
        if !authz::org(actor, action, &org.place()) {
            return Err(AppError::Forbidden);
        }
        Ok(org)
    }

    /// One organisation the actor may see.
    pub async fn view_org(&self, actor: &Actor, org_id: OrgId) -> AppResult<OrgRecord> {
        self.org_checked(actor, org_id, OrgAction::View).await
    }

    /// May the actor do `action` at this organisation? (For showing links.)
    pub fn may_org(&self, actor: &Actor, action: OrgAction, org: &OrgRecord) -> bool {
        authz::org(actor, action, &org.place())
    }

    /// The organisations at which the actor holds a grant, top first.
    pub async fn my_orgs(&self, actor: &Actor) -> AppResult<Vec<OrgRecord>> {
        if actor.kind != AccountKind::Staff {
            return Err(AppError::Forbidden);
        }
        let mut out = Vec::new();
        let mut places: Vec<_> = actor.grants.iter().map(|g| g.org).collect();
        places.sort_by_key(|p| (p.kind as u8, p.org_id));
        places.dedup_by_key(|p| p.org_id);
        for p in places {
            if let Some(o) = self.store.org(p.org_id).await? {
                out.push(o);
            }
        }
        Ok(out)
    }

    /// The organisations directly below one the actor may see.
    pub async fn child_orgs(&self, actor: &Actor, org_id: OrgId) -> AppResult<Vec<OrgRecord>> {
        self.org_checked(actor, org_id, OrgAction::View).await?;
        Ok(self.store.child_orgs(org_id).await?)
    }

    /// Creates a district (under the state) or a school (under a district).
    pub async fn create_org(&self, actor: &Actor, parent_id: OrgId, form: &OrgForm) -> AppResult<OrgRecord> {
        let parent = self.org_checked(actor, parent_id, OrgAction::ManageOrg).await?;
        let kind = match parent.kind {
            OrgKind::State => OrgKind::District,
            OrgKind::District => OrgKind::School,
            OrgKind::School => return Err(AppError::Forbidden),
        };
        let (name, code, grades) = validate_org(form, kind)?;
        let org = self
            .store
            .create_org(kind, Some(&parent), &name, &code, grades)
            .await
            .map_err(|e| {
                if e.is_conflict() {
                    conflict("code", "error-code-taken")
                } else {
                    e.into()
                }
            })?;
        self.store
            .audit(
                Some(actor.user_id),
                Some(org.org_id),
                "create_org",
                &org.code,
                &org.name,
            )
            .await?;
        Ok(org)
    }

    /// Changes an organisation's name, code and grades.
    pub async fn update_org(&self, actor: &Actor, org_id: OrgId, form: &OrgForm) -> AppResult<()> {
        let org = self.org_checked(actor, org_id, OrgAction::ManageOrg).await?;
        let (name, code, grades) = validate_org(form, org.kind)?;
        self.store.update_org(org_id, &name, &code, grades).await.map_err(|e| {
            if e.is_conflict() {
                conflict("code", "error-code-taken")
            } else {
                e.into()
            }
        })?;
        self.store
            .audit(Some(actor.user_id), Some(org_id), "update_org", &code, &name)
            .await?;
        Ok(())
    }

    /// The school years of an organisation.
    pub async fn school_years(&self, actor: &Actor, org_id: OrgId) -> AppResult<Vec<SchoolYearRecord>> {
        self.org_checked(actor, org_id, OrgAction::View).await?;
        Ok(self.store.school_years(org_id).await?)
    }

    /// Adds a school year to a state or district.
    pub async fn create_school_year(&self, actor: &Actor, org_id: OrgId, form: &YearForm) -> AppResult<()> {
        let org = self.org_checked(actor, org_id, OrgAction::ManageOrg).await?;
        if org.kind == OrgKind::School {
            return Err(AppError::Forbidden);
        }
        let mut e = FieldErrors::new();
        let name = validate::required_text(&mut e, "name", &form.name, 40);
        let start = validate::date(&mut e, "starts_on", &form.starts_on);
        let end = validate::date(&mut e, "ends_on", &form.ends_on);
        if let (Some(s), Some(t)) = (start, end)
            && t <= s
        {
            e.add("ends_on", "error-date-order");
        }
        e.into_result()?;
        self.store
            .create_school_year(org_id, &name, form.starts_on.trim(), form.ends_on.trim())
            .await
            .map_err(|e| {
                if e.is_conflict() {
                    conflict("name", "error-year-taken")
                } else {
                    e.into()
                }
            })?;
        self.store
            .audit(Some(actor.user_id), Some(org_id), "create_school_year", &name, "")
            .await?;
        Ok(())
    }

    /// Makes a school year current.
    pub async fn set_current_year(
        &self,
        actor: &Actor,
        org_id: OrgId,
        year_id: waypoint_domain::SchoolYearId,
    ) -> AppResult<()> {
        self.org_checked(actor, org_id, OrgAction::ManageOrg).await?;
        self.store.set_current_school_year(org_id, year_id).await?;
        self.store
            .audit(
                Some(actor.user_id),
                Some(org_id),
                "set_current_year",
                &year_id.to_string(),
                "",
            )
            .await?;
        Ok(())
    }

    /// Staff within an organisation.
    pub async fn staff_list(&self, actor: &Actor, org_id: OrgId, q: &str, page: i64) -> AppResult<Page<StaffSummary>> {
        let org = self.org_checked(actor, org_id, OrgAction::ManagePeople).await?;
        Ok(self.store.staff_within(&org.place(), q, page, 25).await?)
    }

    /// A staff member's account and roles, if the actor manages people at
    /// one of the organisations where they hold a role.
    pub async fn staff_member(&self, actor: &Actor, user_id: UserId) -> AppResult<StaffSummary> {
        let user = self.store.user(user_id).await?.ok_or(AppError::NotFound)?;
        if user.kind != AccountKind::Staff {
            return Err(AppError::NotFound);
        }
        let roles = self.store.grants(user_id).await?;
        let visible = roles
            .iter()
            .any(|g| authz::org(actor, OrgAction::ManagePeople, &g.grant.org))
            || (roles.is_empty()
                && authz::orgs_where(actor, OrgAction::ManagePeople)
                    .iter()
                    .any(|p| p.kind != OrgKind::School));
        if !visible {
            return Err(AppError::Forbidden);
        }
        Ok(StaffSummary { user, roles })
    }

    /// Grants a role.
    pub async fn grant_role(&self, actor: &Actor, user_id: UserId, org_id: OrgId, role: Role) -> AppResult<()> {
        self.staff_member(actor, user_id).await?;
        self.org_checked(actor, org_id, OrgAction::AssignRole(role)).await?;
        self.store.add_grant(user_id, org_id, role, Some(actor.user_id)).await?;
        self.store
            .audit(
                Some(actor.user_id),
                Some(org_id),
                "grant_role",
                &user_id.to_string(),
                role.as_str(),
            )
            .await?;
        Ok(())
    }

    /// Revokes a role. One cannot revoke one's own roles (an admin locking
    /// themselves out is a support call).
    pub async fn revoke_role(&self, actor: &Actor, user_id: UserId, org_id: OrgId, role: Role) -> AppResult<()> {
        if user_id == actor.user_id {
            return Err(conflict("role", "error-own-role"));
        }
        self.staff_member(actor, user_id).await?;
        self.org_checked(actor, org_id, OrgAction::AssignRole(role)).await?;
        if !self.store.remove_grant(user_id, org_id, role).await? {
            return Err(AppError::NotFound);
        }
        self.store
            .audit(
                Some(actor.user_id),
                Some(org_id),
                "revoke_role",
                &user_id.to_string(),
                role.as_str(),
            )
            .await?;
        Ok(())
    }

    /// Staff with any role at a school or its district: who can be a
    /// mentor or lead an advisory group there.
    pub async fn possible_mentors(&self, actor: &Actor, school_id: OrgId) -> AppResult<Vec<UserRecord>> {
        let school = self.org_checked(actor, school_id, OrgAction::ManageGroups).await?;
        let page = self.store.staff_within(&school.place(), "", 1, 1000).await?;
        Ok(page.items.into_iter().map(|s| s.user).collect())
    }

    /// The advisory groups of a school.
    pub async fn groups_at(&self, actor: &Actor, school_id: OrgId) -> AppResult<Vec<GroupRecord>> {
        self.org_checked(actor, school_id, OrgAction::ManageGroups).await?;
        Ok(self.store.groups_at(school_id).await?)
    }

    /// Creates an advisory group at a school, led by one of its staff.
    pub async fn create_group(
        &self,
        actor: &Actor,
        school_id: OrgId,
        staff_id: UserId,
        name: &str,
    ) -> AppResult<GroupId> {
        let school = self.org_checked(actor, school_id, OrgAction::ManageGroups).await?;
        if school.kind != OrgKind::School {
            return Err(AppError::NotFound);
        }
        let mut e = FieldErrors::new();
        let name = validate::required_text(&mut e, "name", name, 100);
        let staff_ok = self
            .store
            .staff_within(&school.place(), "", 1, 1000)
            .await?
            .items
            .iter()
            .any(|s| s.user.user_id == staff_id);
        if !staff_ok {
            e.add("staff_id", "error-choice");
        }
        e.into_result()?;
        let id = self.store.create_group(school_id, staff_id, &name).await?;
        self.store
            .audit(
                Some(actor.user_id),
                Some(school_id),
                "create_group",
                &id.to_string(),
                &name,
            )
            .await?;
        Ok(id)
    }

    /// One advisory group, for those who manage groups at its school.
    pub async fn group(&self, actor: &Actor, group_id: GroupId) -> AppResult<GroupRecord> {
        let g = self.store.group(group_id).await?.ok_or(AppError::NotFound)?;
        self.org_checked(actor, g.school_id, OrgAction::ManageGroups).await?;
        Ok(g)
    }

    /// Adds students to an advisory group; each must be at its school.
    pub async fn add_group_members(
        &self,
        actor: &Actor,
        group_id: GroupId,
        students: &[UserId],
        origin: &Origin,
    ) -> AppResult<u64> {
        let g = self.group(actor, group_id).await?;
        for s in students {
            let opened = self
                .open_student(actor, *s, StudentAction::AssignMentor, "advisory_group", origin)
                .await?;
            if opened.facts.school.map(|p| p.org_id) != Some(g.school_id) {
                return Err(conflict("students", "error-other-school"));
            }
        }
        let n = self.store.add_group_members(group_id, students).await?;
        self.store
            .audit(
                Some(actor.user_id),
                Some(g.school_id),
                "add_group_members",
                &group_id.to_string(),
                &n.to_string(),
            )
            .await?;
        Ok(n)
    }

    /// Removes a student from an advisory group.
    pub async fn remove_group_member(&self, actor: &Actor, group_id: GroupId, student_id: UserId) -> AppResult<()> {
        let g = self.group(actor, group_id).await?;
        self.store.remove_group_member(group_id, student_id).await?;
        self.store
            .audit(
                Some(actor.user_id),
                Some(g.school_id),
                "remove_group_member",
                &group_id.to_string(),
                &student_id.to_string(),
            )
            .await?;
        Ok(())
    }

    /// Assigns one mentor to many students (bulk assignment). The mentor
    /// must hold a role at each student's school or district.
    pub async fn assign_mentor(
        &self,
        actor: &Actor,
        mentor_id: UserId,
        students: &[UserId],
        origin: &Origin,
    ) -> AppResult<u64> {
        if students.is_empty() {
            return Err(conflict("students", "error-none-selected"));
        }
        let grants = self.store.grants(mentor_id).await?;
        if grants.is_empty() {
            return Err(conflict("mentor_id", "error-choice"));
        }
        let mut school = None;
        for s in students {
            let opened = self
                .open_student(actor, *s, StudentAction::AssignMentor, "mentors", origin)
                .await?;
            let place = opened
                .facts
                .school
                .ok_or_else(|| conflict("students", "error-other-school"))?;
            if !grants.iter().any(|g| g.grant.org.covers(&place)) {
                return Err(conflict("mentor_id", "error-mentor-school"));
            }
            school = Some(place.org_id);
        }
        let n = self.store.assign_mentor(mentor_id, students).await?;
        self.store
            .audit(
                Some(actor.user_id),
                school,
                "assign_mentor",
                &mentor_id.to_string(),
                &format!("{} students", students.len()),
            )
            .await?;
        Ok(n)
    }

    /// Removes a mentor from a student.
    pub async fn remove_mentor(
        &self,
        actor: &Actor,
        mentor_id: UserId,
        student_id: UserId,
        origin: &Origin,
    ) -> AppResult<()> {
        let opened = self
            .open_student(actor, student_id, StudentAction::AssignMentor, "mentors", origin)
            .await?;
        self.store.remove_mentor(mentor_id, student_id).await?;
        self.store
            .audit(
                Some(actor.user_id),
                opened.facts.school.map(|s| s.org_id),
                "remove_mentor",
                &mentor_id.to_string(),
                &student_id.to_string(),
            )
            .await?;
        Ok(())
    }

    /// Searches the access log of a district (district and state admins).
    pub async fn search_access_log(
        &self,
        actor: &Actor,
        org_id: OrgId,
        mut q: AccessQuery,
    ) -> AppResult<Page<AccessView>> {
        let org = self.org_checked(actor, org_id, OrgAction::ViewAccessLog).await?;
        match org.kind {
            OrgKind::District => q.district_id = Some(org_id),
            OrgKind::State => q.district_id = None,
            OrgKind::School => return Err(AppError::Forbidden),
        }
        self.flush_access_log().await;
        Ok(self.store.search_access(&q).await?)
    }

    /// The admin audit log of an organisation and everything below it.
    pub async fn audit_log(&self, actor: &Actor, org_id: OrgId, page: i64) -> AppResult<Page<AuditEntry>> {
        self.org_checked(actor, org_id, OrgAction::ViewAuditLog).await?;
        Ok(self.store.search_audit(org_id, page, 50).await?)
    }
    /// May the actor do `action` at the organisation at `place`? (For
    /// showing buttons next to a person's roles.)
    pub fn may_at(&self, actor: &Actor, action: OrgAction, place: &OrgPlace) -> bool {
        authz::org(actor, action, place)
    }

    /// The roles the actor may grant at an organisation, lowest first.
    pub fn assignable_roles(&self, actor: &Actor, org: &OrgRecord) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| authz::org(actor, OrgAction::AssignRole(*r), &org.place()))
            .collect()
    }

    /// The roles the actor may grant somewhere, lowest first.
    pub fn grantable_roles(&self, actor: &Actor) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| !authz::orgs_where(actor, OrgAction::AssignRole(*r)).is_empty())
            .collect()
    }

    /// The organisations where the actor manages people, with every
    /// district and school below them: where they may grant roles. The
    /// state first, then each district followed by its schools.
    pub async fn manageable_orgs(&self, actor: &Actor) -> AppResult<Vec<OrgRecord>> {
        let mut out: Vec<OrgRecord> = Vec::new();
        let mut places = authz::orgs_where(actor, OrgAction::ManagePeople);
        places.sort_by_key(|p| (p.kind as u8, p.org_id));
        for p in places {
            if out.iter().any(|o| o.org_id == p.org_id) {
                continue;
            }
            let Some(top) = self.store.org(p.org_id).await? else {
                continue;
            };
            let districts = match top.kind {
                OrgKind::State => self.store.child_orgs(top.org_id).await?,
                _ => Vec::new(),
            };
            let schools = self.store.schools_under(&p).await?;
            let top_is_school = top.kind == OrgKind::School;
            out.push(top.clone());
            if top_is_school {
                continue;
            }
            let add_schools = |out: &mut Vec<OrgRecord>, district: OrgId| {
                for s in schools.iter().filter(|s| s.district_id == Some(district)) {
                    if !out.iter().any(|o| o.org_id == s.org_id) {
                        out.push(s.clone());
                    }
                }
            };
            if top.kind == OrgKind::District {
                add_schools(&mut out, top.org_id);
            }
            for d in districts {
                if !out.iter().any(|o| o.org_id == d.org_id) {
                    let id = d.org_id;
                    out.push(d);
                    add_schools(&mut out, id);
                }
            }
        }
        Ok(out)
    }

    /// Creates a staff invitation from the invitation form: the role must
    /// be one the actor may grant there; the e-mail is optional. Returns
    /// the code.
    pub async fn invite_staff_form(&self, actor: &Actor, org_id: OrgId, role: &str, email: &str) -> AppResult<String> {
        // Permission first: a person without access learns nothing from
        // validation messages.
        let org = self.org_checked(actor, org_id, OrgAction::ManagePeople).await?;
        let mut e = FieldErrors::new();
        let role = Role::parse(role.trim()).filter(|r| authz::org(actor, OrgAction::AssignRole(*r), &org.place()));
        if role.is_none() {
            e.add("role", "error-choice");
        }
        let email = validate::optional_email(&mut e, "email", email);
        e.into_result()?;
        let role = role.ok_or_else(|| conflict("role", "error-choice"))?;
        self.invite_staff(actor, org_id, role, email).await
    }

    /// Grants a role from the grant form (organisation and role as sent).
    pub async fn grant_role_form(&self, actor: &Actor, user_id: UserId, org_id: &str, role: &str) -> AppResult<()> {
        self.staff_member(actor, user_id).await?;
        let mut e = FieldErrors::new();
        let org = match org_id.trim().parse::<OrgId>() {
            Ok(id) => self.store.org(id).await?,
            Err(_) => None,
        }
        .filter(|o| authz::org(actor, OrgAction::ManagePeople, &o.place()));
        let role = Role::parse(role.trim());
        if org.is_none() {
            e.add("org_id", "error-choice");
        }
        match (role, &org) {
            (None, _) => e.add("role", "error-choice"),
            (Some(r), Some(o)) if !authz::org(actor, OrgAction::AssignRole(r), &o.place()) => {
                e.add("role", "error-role-here")
            }
            _ => {}
        }
        e.into_result()?;
        match (org, role) {
            (Some(o), Some(r)) => self.grant_role(actor, user_id, o.org_id, r).await,
            _ => Err(conflict("role", "error-choice")),
        }
    }

    /// Assigns a mentor to students of a school from the bulk form: the
    /// mentor must be one of the school's staff, the students are ids as
    /// sent. Returns how many were newly assigned.
    pub async fn assign_mentor_at(
        &self,
        actor: &Actor,
        school_id: OrgId,
        mentor_id: &str,
        students: &[String],
        origin: &Origin,
    ) -> AppResult<u64> {
        let mentors = self.possible_mentors(actor, school_id).await?;
        let mut e = FieldErrors::new();
        let mentor = mentor_id
            .trim()
            .parse::<UserId>()
            .ok()
            .filter(|id| mentors.iter().any(|m| m.user_id == *id));
        if mentor.is_none() {
            e.add("mentor_id", "error-choice");
        }
        let mut ids = BTreeSet::new();
        for s in students {
            match s.trim().parse::<UserId>() {
                Ok(id) => {
                    ids.insert(id);
                }
                Err(_) => {
                    e.add("students", "error-choice");
                    break;
                }
            }
        }
        if ids.len() > MAX_BATCH {
            e.add("students", "error-too-many-students");
        } else if ids.is_empty() && e.for_field("students").is_none() {
            e.add("students", "error-none-selected");
        }
        e.into_result()?;
        let mentor = mentor.ok_or_else(|| conflict("mentor_id", "error-choice"))?;
        let ids: Vec<UserId> = ids.into_iter().collect();
        self.assign_mentor(actor, mentor, &ids, origin).await
    }

    /// The members of an advisory group, for those who manage groups at
    /// its school.
    pub async fn group_members(
        &self,
        actor: &Actor,
        group_id: GroupId,
        page: i64,
    ) -> AppResult<Arc<Page<StudentSummary>>> {
        self.group(actor, group_id).await?;
        Ok(self
            .store
            .list_students(&StudentQuery {
                scope: StudentScope::Group(group_id),
                q: String::new(),
                grade: None,
                page,
                per_page: 50,
            })
            .await?)
    }

    /// Adds students to an advisory group by state student id or Waypoint
    /// id, separated by spaces, commas or new lines. Ids that match no
    /// student of the group's school whom the actor may assign come back
    /// in [`AddMembers::unknown`], and then nobody is added.
    pub async fn add_group_members_by_ref(
        &self,
        actor: &Actor,
        group_id: GroupId,
        refs: &str,
        origin: &Origin,
    ) -> AppResult<AddMembers> {
        let g = self.group(actor, group_id).await?;
        let tokens: Vec<&str> = refs
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|t| !t.is_empty())
            .collect();
        if tokens.is_empty() {
            return Err(conflict("students", "error-required"));
        }
        if tokens.len() > MAX_BATCH {
            return Err(conflict("students", "error-too-many-students"));
        }
        let day = today();
        let mut found = BTreeSet::new();
        let mut unknown: Vec<String> = Vec::new();
        for t in tokens {
            let id = match self.store.student_by_state_id(t).await? {
                Some(id) => Some(id),
                None => t.parse::<UserId>().ok(),
            };
            let facts = match id {
                Some(id) => self.store.student_facts(id, day).await?,
                None => None,
            };
            let ok = facts.as_ref().is_some_and(|f| {
                f.school.map(|s| s.org_id) == Some(g.school_id) && self.may(actor, StudentAction::AssignMentor, f)
            });
            match (ok, facts) {
                (true, Some(f)) => {
                    found.insert(f.student_id);
                }
                _ => {
                    if !unknown.iter().any(|u| u == t) {
                        unknown.push(t.to_string());
                    }
                }
            }
        }
        if !unknown.is_empty() {
            return Ok(AddMembers { added: 0, unknown });
        }
        let ids: Vec<UserId> = found.into_iter().collect();
        let added = self.add_group_members(actor, group_id, &ids, origin).await?;
        Ok(AddMembers {
            added,
            unknown: Vec::new(),
        })
    }

    /// Searches the access log of a district or the state from the search
    /// form. Unknown students or usernames match nothing.
    pub async fn search_access_log_form(
        &self,
        actor: &Actor,
        org_id: OrgId,
        f: &AccessSearchForm,
    ) -> AppResult<Page<AccessView>> {
        let org = self.org_checked(actor, org_id, OrgAction::ViewAccessLog).await?;
        if org.kind == OrgKind::School {
            return Err(AppError::Forbidden);
        }
        let mut e = FieldErrors::new();
        let from = (!f.from.trim().is_empty())
            .then(|| validate::date(&mut e, "from", &f.from))
            .flatten();
        let to = (!f.to.trim().is_empty())
            .then(|| validate::date(&mut e, "to", &f.to))
            .flatten();
        if let (Some(a), Some(b)) = (from, to)
            && b < a
        {
            e.add("to", "error-date-order");
        }
        e.into_result()?;
        // Nobody has id 0: an unknown name or id matches no entry.
        const NOBODY: UserId = UserId(0);
        let student = f.student.trim();
        let student_id = if student.is_empty() {
            None
        } else {
            Some(match self.store.student_by_state_id(student).await? {
                Some(id) => id,
                None => student.parse().unwrap_or(NOBODY),
            })
        };
        let username = f.actor.trim().to_lowercase();
        let actor_id = if username.is_empty() {
            None
        } else {
            Some(
                self.store
                    .login_lookup(&username)
                    .await?
                    .map(|l| l.user_id)
                    .unwrap_or(NOBODY),
            )
        };
        let start_ms = |d: time::Date| d.midnight().assume_utc().unix_timestamp() * 1000;
        let q = AccessQuery {
            student_id,
            actor_id,
            since: from.map(start_ms),
            until: to.and_then(|d| d.next_day()).map(|d| start_ms(d) - 1),
            page: f.page.max(1),
            per_page: 50,
            ..Default::default()
        };
        self.search_access_log(actor, org_id, q).await
    }
}

fn conflict(field: &'static str, key: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, key);
    AppError::Invalid(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AppConfig;
    use waypoint_domain::people::Grant;
    use waypoint_store::people::NewUser;
    use waypoint_store::students::NewStudent;
    use waypoint_store::testing::{TestDb, fresh_store};

    struct Fx {
        app: App,
        _db: TestDb,
        state: OrgRecord,
        d1: OrgRecord,
        s1: OrgRecord,
        s2: OrgRecord,
        mentor: UserId,
        student1: UserId,
    }

    async fn user(app: &App, kind: AccountKind, name: &str) -> UserId {
        let id = UserId::generate();
        app.store
            .create_user(&NewUser {
                user_id: id,
                kind,
                username: name.into(),
                email: None,
                password_hash: None,
                given_name: name.into(),
                family_name: "Test".into(),
                locale: "en".into(),
            })
            .await
            .unwrap();
        id
    }

    async fn student(app: &App, name: &str, school: &OrgRecord) -> UserId {
        let id = UserId::generate();
        app.store
            .create_student(&NewStudent {
                user: NewUser {
                    user_id: id,
                    kind: AccountKind::Student,
                    username: name.into(),
                    email: None,
                    password_hash: None,
                    given_name: name.into(),
                    family_name: "Learner".into(),
                    locale: "en".into(),
                },
                state_student_id: format!("SSID-{name}"),
                birth_date: Some("2011-03-04".into()),
                grade_level: Some(10),
                school_id: Some(school.org_id),
                district_id: school.district_id,
                state_id: school.state_id,
                graduation_year: Some(2029),
            })
            .await
            .unwrap();
        app.store
            .add_enrollment(id, school.org_id, "2026-2027", 10, "2026-08-15", None)
            .await
            .unwrap();
        id
    }

    async fn fixture() -> Fx {
        let (store, db) = fresh_store().await;
        let app = App::new(store.clone(), AppConfig::default());
        let state = store
            .create_org(OrgKind::State, None, "State", "ST", None)
            .await
            .unwrap();
        let d1 = store
            .create_org(OrgKind::District, Some(&state), "District 1", "D1", None)
            .await
            .unwrap();
        let s1 = store
            .create_org(OrgKind::School, Some(&d1), "School 1", "S1", Some((9, 12)))
            .await
            .unwrap();
        let d2 = store
            .create_org(OrgKind::District, Some(&state), "District 2", "D2", None)
            .await
            .unwrap();
        let s2 = store
            .create_org(OrgKind::School, Some(&d2), "School 2", "S2", Some((9, 12)))
            .await
            .unwrap();
        let mentor = user(&app, AccountKind::Staff, "mentor").await;
        store.add_grant(mentor, s1.org_id, Role::Mentor, None).await.unwrap();
        let student1 = student(&app, "one", &s1).await;
        // A student elsewhere, known to the tests by state id SSID-two.
        student(&app, "two", &s2).await;
        Fx {
            app,
            _db: db,
            state,
            d1,
            s1,
            s2,
            mentor,
            student1,
        }
    }

    fn staff(role: Role, at: &OrgRecord) -> Actor {
        Actor {
            user_id: UserId::generate(),
            kind: AccountKind::Staff,
            grants: vec![Grant { role, org: at.place() }],
        }
    }

    fn origin() -> Origin {
        Origin::default()
    }

    #[tokio::test]
    async fn group_members_are_added_by_state_or_waypoint_id_or_not_at_all() {
        let fx = fixture().await;
        let counselor = staff(Role::Counselor, &fx.s1);
        let g = fx
            .app
            .create_group(&counselor, fx.s1.org_id, fx.mentor, "Advisory")
            .await
            .unwrap();
        // A student of another school and a typo are listed; nobody is added.
        let r = fx
            .app
            .add_group_members_by_ref(&counselor, g, "SSID-one, SSID-two\nnope SSID-two", &origin())
            .await
            .unwrap();
        assert_eq!(r.unknown, vec!["SSID-two".to_string(), "nope".to_string()]);
        assert_eq!(fx.app.group_members(&counselor, g, 1).await.unwrap().total, 0);
        let refs = format!("SSID-one {}", fx.student1);
        let r = fx
            .app
            .add_group_members_by_ref(&counselor, g, &refs, &origin())
            .await
            .unwrap();
        assert_eq!((r.added, r.unknown.len()), (1, 0));
        let err = fx.app.add_group_members_by_ref(&counselor, g, " , ", &origin()).await;
        assert!(matches!(err, Err(AppError::Invalid(e)) if e.for_field("students") == Some("error-required")));
        // Permission comes before anything else.
        let other = staff(Role::Counselor, &fx.s2);
        let err = fx.app.add_group_members_by_ref(&other, g, "", &origin()).await;
        assert!(matches!(err, Err(AppError::Forbidden)));
        // Groups belong to schools only.
        let admin = staff(Role::DistrictAdmin, &fx.d1);
        let err = fx.app.create_group(&admin, fx.d1.org_id, fx.mentor, "No").await;
        assert!(matches!(err, Err(AppError::NotFound)));
    }

    #[tokio::test]
    async fn bulk_mentor_assignment_checks_the_form() {
        let fx = fixture().await;
        let counselor = staff(Role::Counselor, &fx.s1);
        let (s1, mentor) = (fx.s1.org_id, fx.mentor.to_string());
        let invalid = |r: AppResult<u64>, field: &str, key: &str| {
            assert!(
                matches!(&r, Err(AppError::Invalid(e)) if e.for_field(field) == Some(key)),
                "{r:?}"
            );
        };
        invalid(
            fx.app.assign_mentor_at(&counselor, s1, &mentor, &[], &origin()).await,
            "students",
            "error-none-selected",
        );
        invalid(
            fx.app
                .assign_mentor_at(&counselor, s1, "12", &[fx.student1.to_string()], &origin())
                .await,
            "mentor_id",
            "error-choice",
        );
        invalid(
            fx.app
                .assign_mentor_at(&counselor, s1, &mentor, &["x".into()], &origin())
                .await,
            "students",
            "error-choice",
        );
        let ids = vec![fx.student1.to_string(), format!(" {} ", fx.student1)];
        assert_eq!(
            fx.app
                .assign_mentor_at(&counselor, s1, &mentor, &ids, &origin())
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            fx.app
                .assign_mentor_at(&counselor, s1, &mentor, &ids, &origin())
                .await
                .unwrap(),
            0
        );
        let state = staff(Role::StateAdmin, &fx.state);
        let r = fx.app.assign_mentor_at(&state, s1, &mentor, &ids, &origin()).await;
        assert!(matches!(r, Err(AppError::Forbidden)));
    }

    #[tokio::test]
    async fn access_log_search_checks_permission_then_dates() {
        let fx = fixture().await;
        // A real account: the log names who looked.
        let mut admin = staff(Role::DistrictAdmin, &fx.d1);
        admin.user_id = user(&fx.app, AccountKind::Staff, "d1.admin").await;
        let form = |from: &str, to: &str| AccessSearchForm {
            from: from.into(),
            to: to.into(),
            page: 1,
            ..Default::default()
        };
        let r = fx
            .app
            .search_access_log_form(&admin, fx.d1.org_id, &form("2026-13-01", ""))
            .await;
        assert!(matches!(r, Err(AppError::Invalid(e)) if e.for_field("from") == Some("error-date")));
        let r = fx
            .app
            .search_access_log_form(&admin, fx.d1.org_id, &form("2026-09-02", "2026-09-01"))
            .await;
        assert!(matches!(r, Err(AppError::Invalid(e)) if e.for_field("to") == Some("error-date-order")));
        let other = staff(Role::SchoolAdmin, &fx.s1);
        let r = fx
            .app
            .search_access_log_form(&other, fx.d1.org_id, &form("bad", "bad"))
            .await;
        assert!(matches!(r, Err(AppError::Forbidden)));
        // A record opened today is found by state id, and by nobody else's.
        fx.app
            .open_student(&admin, fx.student1, StudentAction::View, "home", &origin())
            .await
            .unwrap();
        let today = today().to_string();
        let mut f = form(&today, &today);
        f.student = "SSID-one".into();
        let p = fx.app.search_access_log_form(&admin, fx.d1.org_id, &f).await.unwrap();
        assert_eq!(p.total, 1);
        f.actor = "D1.Admin".into();
        let p = fx.app.search_access_log_form(&admin, fx.d1.org_id, &f).await.unwrap();
        assert_eq!(p.total, 1);
        f.actor = "nobody-with-this-name".into();
        let p = fx.app.search_access_log_form(&admin, fx.d1.org_id, &f).await.unwrap();
        assert_eq!(p.total, 0);
    }

    #[tokio::test]
    async fn roles_are_granted_only_where_the_actor_may() {
        let fx = fixture().await;
        let school_admin = staff(Role::SchoolAdmin, &fx.s1);
        assert_eq!(fx.app.grantable_roles(&school_admin).last(), Some(&Role::SchoolAdmin));
        let r = fx
            .app
            .grant_role_form(&school_admin, fx.mentor, &fx.s1.org_id.to_string(), "district_admin")
            .await;
        assert!(matches!(r, Err(AppError::Invalid(e)) if e.for_field("role") == Some("error-role-here")));
        let r = fx
            .app
            .grant_role_form(&school_admin, fx.mentor, &fx.s2.org_id.to_string(), "mentor")
            .await;
        assert!(matches!(r, Err(AppError::Invalid(e)) if e.for_field("org_id") == Some("error-choice")));
        fx.app
            .grant_role_form(&school_admin, fx.mentor, &fx.s1.org_id.to_string(), "counselor")
            .await
            .unwrap();
        assert_eq!(fx.app.store.grants(fx.mentor).await.unwrap().len(), 2);
        // Invitations: permission before validation.
        let r = fx.app.invite_staff_form(&school_admin, fx.d1.org_id, "x", "bad").await;
        assert!(matches!(r, Err(AppError::Forbidden)));
        let r = fx
            .app
            .invite_staff_form(&school_admin, fx.s1.org_id, "state_admin", "bad")
            .await;
        assert!(matches!(r, Err(AppError::Invalid(e)) if e.0.len() == 2));
        assert!(
            fx.app
                .invite_staff_form(&school_admin, fx.s1.org_id, "mentor", "")
                .await
                .is_ok()
        );
        // The state admin's menu: the state, then each district and its school.
        let state_admin = staff(Role::StateAdmin, &fx.state);
        let names: Vec<String> = fx
            .app
            .manageable_orgs(&state_admin)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, ["State", "District 1", "School 1", "District 2", "School 2"]);
        let guardian = Actor {
            user_id: UserId::generate(),
            kind: AccountKind::Guardian,
            grants: vec![],
        };
        assert!(matches!(fx.app.my_orgs(&guardian).await, Err(AppError::Forbidden)));
    }
}
