//! Administration: organisations, school years, staff roles, advisory
//! groups, mentor assignment, and the logs. Every change is checked by the
//! policy and written to the audit log.

use crate::App;
use crate::access::Origin;
use crate::error::{AppError, AppResult};
use waypoint_domain::authz::{self, OrgAction, StudentAction};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::{AccountKind, Actor, Role};
use waypoint_domain::validate::{self, FieldErrors};
use waypoint_domain::{GroupId, OrgId, UserId};
use waypoint_store::Page;
use waypoint_store::logs::{AccessQuery, AccessView, AuditEntry};
use waypoint_store::orgs::{OrgRecord, SchoolYearRecord};
use waypoint_store::people::{StaffSummary, UserRecord};
use waypoint_store::students::GroupRecord;

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

fn validate_org(form: &OrgForm, kind: OrgKind) -> Result<(String, String, Option<(i64, i64)>), FieldErrors> {
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
}

fn conflict(field: &'static str, key: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, key);
    AppError::Invalid(e)
}
