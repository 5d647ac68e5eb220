//! The authorization policy: the one place that answers "may this person do
//! this to this student or this organisation?".
//!
//! Decisions come from three things only: the actor's role grants and their
//! scope (school, district, state), the actor's relationship to the student
//! (self, guardian, mentor), and the student's status (alumni records close
//! to staff unless the student grants access). Handlers never decide; they
//! call the application layer, which calls these functions.

use crate::org::OrgPlace;
use crate::people::{AccountKind, Actor, Role, StudentFacts, StudentStatus};

/// Something done to one student's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StudentAction {
    /// Read the record (home page, plan sections).
    View,
    /// Change the record.
    Edit,
    /// Read the demographic fields used for reporting.
    ViewDemographics,
    /// Change the demographic fields.
    EditDemographics,
    /// Read who has looked at this record (FERPA record of access).
    ViewAccessLog,
    /// Set a new password for the student's account.
    ResetPassword,
    /// Assign or remove the student's mentors.
    AssignMentor,
    /// Download the whole record as a portable record (for the family, or
    /// for a transfer to another Waypoint).
    Export,
    /// Start, resume or answer an assessment (interest inventory, work
    /// values, skills). The answers are the student's own: nobody answers
    /// for them. Seeing the results is [`StudentAction::View`].
    TakeAssessment,
    /// Put a career on the student's list of saved careers, change its note,
    /// or take it off. The list is the student's own exploration: the adults
    /// who may see the record see it (`View`) but do not change it.
    SaveCareers,
}

impl StudentAction {
    /// The verb written to the access log.
    pub fn log_name(self) -> &'static str {
        match self {
            Self::View => "view",
            Self::Edit => "edit",
            Self::ViewDemographics => "view_demographics",
            Self::EditDemographics => "edit_demographics",
            Self::ViewAccessLog => "view_access_log",
            Self::ResetPassword => "reset_password",
            Self::AssignMentor => "assign_mentor",
            Self::Export => "export",
            Self::TakeAssessment => "take_assessment",
            Self::SaveCareers => "save_careers",
        }
    }
}

/// Something done at the level of an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgAction {
    /// See the organisation's name and structure.
    View,
    /// List and search the organisation's students.
    ListStudents,
    /// Create or change child organisations and school years.
    ManageOrg,
    /// Create accounts and invitations, see the people list.
    ManagePeople,
    /// Grant or revoke this role at the organisation.
    AssignRole(Role),
    /// Manage advisory groups and mentor assignments.
    ManageGroups,
    /// Search the access log of the organisation's students.
    ViewAccessLog,
    /// Read the admin audit log.
    ViewAuditLog,
    /// See reports that count the organisation's students (a school's
    /// interest and saved-career distributions), small cells suppressed.
    /// No student is shown one by one, so a report is not an access to any
    /// record. Whoever may list the students may count them: career
    /// coaches, case managers and counselors at the school (or district),
    /// and administrators. Teachers and mentors see their own students by
    /// relationship, not the school, so they see no school-wide figures.
    ViewReports,
}

/// Why access was allowed, kept in the access log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Own,
    Guardian,
    Mentor,
    Teacher,
    AlumniGrant,
    Role(Role),
}

impl Basis {
    /// The name written to the access log.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Own => "self",
            Basis::Guardian => "guardian",
            Basis::Mentor => "mentor",
            Basis::Teacher => "teacher",
            Basis::AlumniGrant => "alumni_grant",
            Basis::Role(r) => r.as_str(),
        }
    }
}

/// What each role may do to a student within its scope.
fn role_allows(role: Role, action: StudentAction) -> bool {
    use StudentAction::*;
    match role {
        // Employer supervisors see placements only (a later area), never records.
        Role::EmployerSupervisor => false,
        // A teacher/mentor's access comes from the relationship, not the grant.
        Role::Mentor => false,
        Role::CareerCoach => matches!(action, View | Edit),
        Role::CaseManager => matches!(action, View | Edit | ViewDemographics),
        Role::Counselor => matches!(
            action,
            View | Edit | ViewDemographics | ResetPassword | AssignMentor | ViewAccessLog | Export
        ),
        // Administrators may do anything to a record in scope, except
        // answer a student's assessment or choose their careers for them.
        Role::SchoolAdmin | Role::DistrictAdmin => !matches!(action, TakeAssessment | SaveCareers),
        // The state sees, for oversight; it does not change a student's plan.
        Role::StateAdmin => matches!(action, View | ViewDemographics | ViewAccessLog),
    }
}

/// Decides whether `actor` may do `action` to the student described by `s`.
/// Returns the basis of the permission, or `None` for a denial.
pub fn student(actor: &Actor, action: StudentAction, s: &StudentFacts) -> Option<Basis> {
    use StudentAction::*;
    let active = s.status != StudentStatus::Alumni;
    match actor.kind {
        AccountKind::Student => {
            if actor.user_id != s.student_id {
                return None;
            }
            match action {
                // The record is the student's own, after graduation too.
                View | Edit | ViewDemographics | Export => Some(Basis::Own),
                // Only the student answers their assessments, after
                // graduation too (an alumnus may retake one).
                TakeAssessment => Some(Basis::Own),
                // Their list of saved careers is theirs to keep, after
                // graduation too.
                SaveCareers => Some(Basis::Own),
                // FERPA rights pass to the student at 18 or after high school.
                ViewAccessLog if s.is_adult || !active => Some(Basis::Own),
                _ => None,
            }
        }
        AccountKind::Guardian => {
            if !s.guardians.contains(&actor.user_id) || !active {
                return None;
            }
            match action {
                View | ViewDemographics => Some(Basis::Guardian),
                // A minor's family holds their FERPA rights, the copy included.
                ViewAccessLog | Export if !s.is_adult => Some(Basis::Guardian),
                _ => None,
            }
        }
        AccountKind::Staff => {
            if !active {
                // After graduation the record is the student's; staff keep
                // read access only where the alumnus granted it.
                return (action == View && s.granted_staff.contains(&actor.user_id)).then_some(Basis::AlumniGrant);
            }
            let mut best: Option<Basis> = None;
            if s.mentors.contains(&actor.user_id) && matches!(action, View | Edit) {
                best = Some(Basis::Mentor);
            } else if s.teachers.contains(&actor.user_id) && action == View {
                // A class teacher sees the plan of the students they teach.
                best = Some(Basis::Teacher);
            }
            for g in &actor.grants {
                let covers = match &s.school {
                    Some(school) => g.org.covers(school),
                    None => g.role == Role::StateAdmin && g.org.org_id == s.state_id,
                };
                if covers && role_allows(g.role, action) {
                    let better = match best {
                        Some(Basis::Role(r)) => g.role > r,
                        // A role in scope is a stronger basis than a relationship.
                        Some(_) => true,
                        None => true,
                    };
                    if better {
                        best = Some(Basis::Role(g.role));
                    }
                }
            }
            best
        }
    }
}

/// Decides whether `actor` may do `action` at the organisation `org`.
pub fn org(actor: &Actor, action: OrgAction, org: &OrgPlace) -> bool {
    if actor.kind != AccountKind::Staff {
        return false;
    }
    actor.grants.iter().any(|g| {
        if !g.org.covers(org) {
            return false;
        }
        match action {
            OrgAction::View => true,
            OrgAction::ListStudents => g.role >= Role::CareerCoach,
            OrgAction::ManageGroups => g.role >= Role::Counselor && g.role != Role::StateAdmin,
            OrgAction::ManagePeople => g.role >= Role::SchoolAdmin,
            OrgAction::ManageOrg => g.role >= Role::DistrictAdmin,
            OrgAction::AssignRole(role) => g.role >= Role::SchoolAdmin && role <= g.role,
            OrgAction::ViewAccessLog | OrgAction::ViewAuditLog => g.role >= Role::DistrictAdmin,
            OrgAction::ViewReports => g.role >= Role::CareerCoach,
        }
    })
}

/// The organisations where the actor may do `action`: the targets of their
/// grants that allow it. Used to scope lists ("my school", "my district").
pub fn orgs_where(actor: &Actor, action: OrgAction) -> Vec<OrgPlace> {
    let mut out: Vec<OrgPlace> = actor
        .grants
        .iter()
        .filter(|g| org(actor, action, &g.org))
        .map(|g| g.org)
        .collect();
    out.dedup_by_key(|p| p.org_id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::OrgKind;
    use crate::people::Grant;
    use crate::{OrgId, UserId};

    const STATE: OrgId = OrgId(1);
    const D1: OrgId = OrgId(10);
    const D2: OrgId = OrgId(20);
    const S1: OrgId = OrgId(11);
    const S2: OrgId = OrgId(21);

    fn place(id: OrgId) -> OrgPlace {
        match id {
            STATE => OrgPlace {
                org_id: STATE,
                kind: OrgKind::State,
                district_id: None,
                state_id: STATE,
            },
            D1 | D2 => OrgPlace {
                org_id: id,
                kind: OrgKind::District,
                district_id: Some(id),
                state_id: STATE,
            },
            S1 => OrgPlace {
                org_id: S1,
                kind: OrgKind::School,
                district_id: Some(D1),
                state_id: STATE,
            },
            _ => OrgPlace {
                org_id: S2,
                kind: OrgKind::School,
                district_id: Some(D2),
                state_id: STATE,
            },
        }
    }

    fn staff(id: i64, role: Role, at: OrgId) -> Actor {
        Actor {
            user_id: UserId(id),
            kind: AccountKind::Staff,
            grants: vec![Grant { role, org: place(at) }],
        }
    }

    fn student_in(school: OrgId, status: StudentStatus, adult: bool) -> StudentFacts {
        StudentFacts {
            student_id: UserId(100),
            school: Some(place(school)),
            state_id: STATE,
            status,
            is_adult: adult,
            guardians: vec![UserId(200)],
            mentors: vec![UserId(300)],
            teachers: vec![UserId(302)],
            granted_staff: vec![UserId(301)],
        }
    }

    #[test]
    fn student_access_table() {
        use StudentAction::*;
        let me = Actor {
            user_id: UserId(100),
            kind: AccountKind::Student,
            grants: vec![],
        };
        let other_student = Actor {
            user_id: UserId(101),
            kind: AccountKind::Student,
            grants: vec![],
        };
        let guardian = Actor {
            user_id: UserId(200),
            kind: AccountKind::Guardian,
            grants: vec![],
        };
        let other_guardian = Actor {
            user_id: UserId(201),
            kind: AccountKind::Guardian,
            grants: vec![],
        };
        let mentor = staff(300, Role::Mentor, S2); // mentor relationship, grant elsewhere
        let granted = staff(301, Role::Counselor, S1);
        let teacher = staff(302, Role::Mentor, S1);
        let s = student_in(S1, StudentStatus::Active, false);
        let adult = student_in(S1, StudentStatus::Active, true);
        let alum = student_in(S1, StudentStatus::Alumni, true);

        // (actor, action, student, expected)
        let cases: Vec<(Actor, StudentAction, &StudentFacts, bool)> = vec![
            (me.clone(), View, &s, true),
            (me.clone(), Edit, &s, true),
            (me.clone(), ViewDemographics, &s, true),
            (me.clone(), ViewAccessLog, &s, false),
            (me.clone(), ViewAccessLog, &adult, true),
            (me.clone(), ResetPassword, &s, false),
            (me.clone(), View, &alum, true),
            (other_student.clone(), View, &s, false),
            (guardian.clone(), View, &s, true),
            (guardian.clone(), ViewAccessLog, &s, true),
            (guardian.clone(), ViewAccessLog, &adult, false),
            (guardian.clone(), Edit, &s, false),
            (guardian.clone(), View, &alum, false),
            (other_guardian.clone(), View, &s, false),
            (mentor.clone(), View, &s, true),
            (mentor.clone(), Edit, &s, true),
            (mentor.clone(), ViewDemographics, &s, false),
            (staff(400, Role::Mentor, S1), View, &s, false),
            (teacher.clone(), View, &s, true),
            (teacher.clone(), Edit, &s, false),
            (teacher.clone(), ViewDemographics, &s, false),
            (teacher.clone(), View, &alum, false),
            (staff(400, Role::Counselor, S1), View, &s, true),
            (staff(400, Role::Counselor, S1), ResetPassword, &s, true),
            (staff(400, Role::Counselor, S2), View, &s, false),
            (staff(400, Role::Counselor, D1), View, &s, true),
            (staff(400, Role::CareerCoach, S1), ViewDemographics, &s, false),
            (staff(400, Role::CaseManager, S1), ViewDemographics, &s, true),
            (staff(400, Role::EmployerSupervisor, S1), View, &s, false),
            (staff(400, Role::SchoolAdmin, S1), EditDemographics, &s, true),
            (staff(400, Role::DistrictAdmin, D1), View, &s, true),
            (staff(400, Role::DistrictAdmin, D2), View, &s, false),
            (staff(400, Role::StateAdmin, STATE), View, &s, true),
            (staff(400, Role::StateAdmin, STATE), Edit, &s, false),
            (staff(400, Role::DistrictAdmin, D1), View, &alum, false),
            (granted.clone(), View, &alum, true),
            (granted.clone(), Edit, &alum, false),
            // The portable record: the student, a minor's guardian, and
            // counselors and admins in scope (a transfer); nobody else.
            (me.clone(), Export, &s, true),
            (me.clone(), Export, &adult, true),
            (me.clone(), Export, &alum, true),
            (other_student.clone(), Export, &s, false),
            (guardian.clone(), Export, &s, true),
            (guardian.clone(), Export, &adult, false),
            (guardian.clone(), Export, &alum, false),
            (other_guardian.clone(), Export, &s, false),
            (mentor.clone(), Export, &s, false),
            (teacher.clone(), Export, &s, false),
            (staff(400, Role::CareerCoach, S1), Export, &s, false),
            (staff(400, Role::CaseManager, S1), Export, &s, false),
            (staff(400, Role::Counselor, S1), Export, &s, true),
            (staff(400, Role::Counselor, D1), Export, &s, true),
            (staff(400, Role::Counselor, S2), Export, &s, false),
            (staff(400, Role::SchoolAdmin, S1), Export, &s, true),
            (staff(400, Role::SchoolAdmin, S2), Export, &s, false),
            (staff(400, Role::DistrictAdmin, D1), Export, &s, true),
            (staff(400, Role::DistrictAdmin, D2), Export, &s, false),
            (staff(400, Role::StateAdmin, STATE), Export, &s, false),
            (staff(400, Role::Counselor, S1), Export, &alum, false),
            (granted.clone(), Export, &alum, false),
            // Assessments: only the student answers them; everyone who may
            // view the record sees the results (`View`).
            (me.clone(), TakeAssessment, &s, true),
            (me.clone(), TakeAssessment, &adult, true),
            (me.clone(), TakeAssessment, &alum, true),
            (other_student.clone(), TakeAssessment, &s, false),
            (guardian.clone(), TakeAssessment, &s, false),
            (mentor.clone(), TakeAssessment, &s, false),
            (teacher.clone(), TakeAssessment, &s, false),
            (staff(400, Role::CareerCoach, S1), TakeAssessment, &s, false),
            (staff(400, Role::CaseManager, S1), TakeAssessment, &s, false),
            (staff(400, Role::Counselor, S1), TakeAssessment, &s, false),
            (staff(400, Role::SchoolAdmin, S1), TakeAssessment, &s, false),
            (staff(400, Role::DistrictAdmin, D1), TakeAssessment, &s, false),
            (staff(400, Role::StateAdmin, STATE), TakeAssessment, &s, false),
            (granted.clone(), TakeAssessment, &alum, false),
            // Saved careers: only the student changes the list; everyone
            // who may view the record sees it (`View`).
            (me.clone(), SaveCareers, &s, true),
            (me.clone(), SaveCareers, &adult, true),
            (me.clone(), SaveCareers, &alum, true),
            (other_student.clone(), SaveCareers, &s, false),
            (guardian.clone(), SaveCareers, &s, false),
            (mentor.clone(), SaveCareers, &s, false),
            (teacher.clone(), SaveCareers, &s, false),
            (staff(400, Role::CareerCoach, S1), SaveCareers, &s, false),
            (staff(400, Role::CaseManager, S1), SaveCareers, &s, false),
            (staff(400, Role::Counselor, S1), SaveCareers, &s, false),
            (staff(400, Role::SchoolAdmin, S1), SaveCareers, &s, false),
            (staff(400, Role::DistrictAdmin, D1), SaveCareers, &s, false),
            (staff(400, Role::StateAdmin, STATE), SaveCareers, &s, false),
            (granted.clone(), SaveCareers, &alum, false),
        ];
        for (i, (actor, action, facts, expected)) in cases.into_iter().enumerate() {
            assert_eq!(
                student(&actor, action, facts).is_some(),
                expected,
                "case {i}: {:?} {:?} {:?}",
                actor.kind,
                actor.top_role(),
                action
            );
        }
    }

    #[test]
    fn basis_prefers_the_strongest_role() {
        let mut a = staff(300, Role::Mentor, S1);
        a.grants.push(Grant {
            role: Role::Counselor,
            org: place(S1),
        });
        let s = student_in(S1, StudentStatus::Active, false);
        assert_eq!(student(&a, StudentAction::View, &s), Some(Basis::Role(Role::Counselor)));
        let m = staff(300, Role::Mentor, S2);
        assert_eq!(student(&m, StudentAction::View, &s), Some(Basis::Mentor));
    }

    #[test]
    fn org_access_table() {
        use OrgAction::*;
        let cases: Vec<(Actor, OrgAction, OrgId, bool)> = vec![
            (staff(1, Role::Counselor, S1), ListStudents, S1, true),
            (staff(1, Role::Counselor, S1), ListStudents, S2, false),
            (staff(1, Role::Counselor, S1), ListStudents, D1, false),
            (staff(1, Role::Mentor, S1), ListStudents, S1, false),
            (staff(1, Role::Counselor, S1), ManageGroups, S1, true),
            (staff(1, Role::Counselor, S1), ManagePeople, S1, false),
            (staff(1, Role::SchoolAdmin, S1), ManagePeople, S1, true),
            (staff(1, Role::SchoolAdmin, S1), AssignRole(Role::Counselor), S1, true),
            (
                staff(1, Role::SchoolAdmin, S1),
                AssignRole(Role::DistrictAdmin),
                S1,
                false,
            ),
            (staff(1, Role::SchoolAdmin, S1), ManageOrg, S1, false),
            (staff(1, Role::DistrictAdmin, D1), ManageOrg, S1, true),
            (staff(1, Role::DistrictAdmin, D1), ManageOrg, S2, false),
            (
                staff(1, Role::DistrictAdmin, D1),
                AssignRole(Role::StateAdmin),
                D1,
                false,
            ),
            (staff(1, Role::DistrictAdmin, D1), ViewAccessLog, D1, true),
            (staff(1, Role::DistrictAdmin, D1), ViewAccessLog, D2, false),
            (staff(1, Role::SchoolAdmin, S1), ViewAccessLog, S1, false),
            (staff(1, Role::StateAdmin, STATE), ManageOrg, STATE, true),
            (staff(1, Role::StateAdmin, STATE), ManageGroups, S1, false),
            (staff(1, Role::StateAdmin, STATE), ViewAuditLog, D2, true),
            // School reports: whoever may list the school's students.
            (staff(1, Role::Counselor, S1), ViewReports, S1, true),
            (staff(1, Role::Counselor, S1), ViewReports, S2, false),
            (staff(1, Role::Counselor, D1), ViewReports, S1, true),
            (staff(1, Role::CareerCoach, S1), ViewReports, S1, true),
            (staff(1, Role::CaseManager, S1), ViewReports, S1, true),
            (staff(1, Role::Mentor, S1), ViewReports, S1, false),
            (staff(1, Role::EmployerSupervisor, S1), ViewReports, S1, false),
            (staff(1, Role::SchoolAdmin, S1), ViewReports, S1, true),
            (staff(1, Role::SchoolAdmin, S2), ViewReports, S1, false),
            (staff(1, Role::DistrictAdmin, D1), ViewReports, S1, true),
            (staff(1, Role::DistrictAdmin, D2), ViewReports, S1, false),
            (staff(1, Role::StateAdmin, STATE), ViewReports, S2, true),
        ];
        for (i, (actor, action, target, expected)) in cases.into_iter().enumerate() {
            assert_eq!(org(&actor, action, &place(target)), expected, "case {i}: {action:?}");
        }
        let guardian = Actor {
            user_id: UserId(5),
            kind: AccountKind::Guardian,
            grants: vec![],
        };
        assert!(!org(&guardian, View, &place(S1)));
    }
}
