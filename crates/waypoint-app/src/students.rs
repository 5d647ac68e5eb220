//! Use cases around one student or a list of students.

use crate::App;
use crate::access::Origin;
use crate::error::{AppError, AppResult};
use std::sync::Arc;
use waypoint_domain::authz::{self, OrgAction, StudentAction};
use waypoint_domain::people::{AccountKind, Actor, Demographics, RACE_ETHNICITY};
use waypoint_domain::validate::FieldErrors;
use waypoint_domain::{GroupId, UserId};
use waypoint_store::Page;
use waypoint_store::logs::{AccessQuery, AccessView};
use waypoint_store::orgs::OrgRecord;
use waypoint_store::students::{GroupRecord, StudentOverview, StudentQuery, StudentScope, StudentSummary};

/// The student home page's data and what the viewer may do there.
#[derive(Clone, Debug)]
pub struct StudentHome {
    pub overview: Arc<StudentOverview>,
    pub is_self: bool,
    pub may_view_demographics: bool,
    pub may_view_access_log: bool,
    pub may_reset_password: bool,
    pub may_invite_guardian: bool,
    pub may_edit_demographics: bool,
    /// May download the portable record.
    pub may_export: bool,
    /// The latest finished interest inventory, for the "my interests" card.
    pub interests: Option<crate::assessments::LatestAttempt>,
    /// The student's saved careers, the most recently saved first, for the "my careers"
    /// card (one read, from the read cache when nothing has been written since).
    pub saved_careers: Arc<Vec<waypoint_store::saved_careers::SavedCareer>>,
}

/// Which list a staff member is looking at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseloadView {
    Mentees,
    Group(GroupId),
    School,
}

/// The staff home page's data.
#[derive(Clone, Debug)]
pub struct Caseload {
    pub view: CaseloadView,
    pub groups: Vec<GroupRecord>,
    /// Schools whose students the actor may list.
    pub schools: Vec<OrgRecord>,
    pub students: Arc<Page<StudentSummary>>,
}

impl App {
    /// The student home page.
    pub async fn student_home(&self, actor: &Actor, student_id: UserId, origin: &Origin) -> AppResult<StudentHome> {
        let opened = self
            .open_student(actor, student_id, StudentAction::View, "home", origin)
            .await?;
        let overview = self
            .store
            .student_overview(student_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let interests = self.latest_interest_attempt(&opened).await?;
        let saved_careers = self.store.saved_careers(student_id).await?;
        let f = &opened.facts;
        Ok(StudentHome {
            overview,
            is_self: actor.user_id == student_id,
            may_view_demographics: self.may(actor, StudentAction::ViewDemographics, f),
            may_view_access_log: self.may(actor, StudentAction::ViewAccessLog, f),
            may_reset_password: self.may(actor, StudentAction::ResetPassword, f),
            may_invite_guardian: self.may(actor, StudentAction::AssignMentor, f),
            may_edit_demographics: self.may(actor, StudentAction::EditDemographics, f),
            may_export: self.may(actor, StudentAction::Export, f),
            interests,
            saved_careers,
        })
    }

    /// A student's demographic fields.
    pub async fn student_demographics(
        &self,
        actor: &Actor,
        student_id: UserId,
        origin: &Origin,
    ) -> AppResult<Demographics> {
        self.open_student(
            actor,
            student_id,
            StudentAction::ViewDemographics,
            "demographics",
            origin,
        )
        .await?;
        Ok(self.store.demographics(student_id).await?)
    }

    /// Changes a student's demographic fields.
    pub async fn update_demographics(
        &self,
        actor: &Actor,
        student_id: UserId,
        d: Demographics,
        origin: &Origin,
    ) -> AppResult<()> {
        // Permission first: a person without access learns nothing from
        // validation messages.
        self.open_student(
            actor,
            student_id,
            StudentAction::EditDemographics,
            "demographics",
            origin,
        )
        .await?;
        let mut e = FieldErrors::new();
        if let Some(r) = &d.race_ethnicity
            && !RACE_ETHNICITY.contains(&r.as_str())
        {
            e.add("race_ethnicity", "error-choice");
        }
        if let Some(g) = &d.gender
            && !["female", "male", "nonbinary"].contains(&g.as_str())
        {
            e.add("gender", "error-choice");
        }
        e.into_result()?;
        self.open_student(
            actor,
            student_id,
            StudentAction::EditDemographics,
            "demographics",
            origin,
        )
        .await?;
        Ok(self.store.set_demographics(student_id, &d).await?)
    }

    /// Who has looked at a student's record (FERPA record of access).
    pub async fn student_access_log(
        &self,
        actor: &Actor,
        student_id: UserId,
        page: i64,
        origin: &Origin,
    ) -> AppResult<Page<AccessView>> {
        self.open_student(actor, student_id, StudentAction::ViewAccessLog, "access_log", origin)
            .await?;
        self.flush_access_log().await;
        Ok(self
            .store
            .search_access(&AccessQuery {
                student_id: Some(student_id),
                page,
                per_page: 50,
                ..Default::default()
            })
            .await?)
    }

    /// The staff home: mentees, an advisory group, or a school's students.
    pub async fn caseload(
        &self,
        actor: &Actor,
        view: CaseloadView,
        q: &str,
        grade: Option<i64>,
        page: i64,
    ) -> AppResult<Caseload> {
        if actor.kind != AccountKind::Staff {
            return Err(AppError::Forbidden);
        }
        let groups = self.store.groups_led_by(actor.user_id).await?;
        let mut schools = Vec::new();
        for place in authz::orgs_where(actor, OrgAction::ListStudents) {
            if let Some(o) = self.store.org(place.org_id).await? {
                schools.push(o);
            }
        }
        let scope = match view {
            CaseloadView::Mentees => StudentScope::MentorOf(actor.user_id),
            CaseloadView::Group(g) => {
                let group = self.store.group(g).await?.ok_or(AppError::NotFound)?;
                let school = self.store.org(group.school_id).await?.ok_or(AppError::NotFound)?;
                if group.staff_id != actor.user_id && !authz::org(actor, OrgAction::ListStudents, &school.place()) {
                    return Err(AppError::Forbidden);
                }
                StudentScope::Group(g)
            }
            CaseloadView::School => match schools.first() {
                Some(o) => StudentScope::Org(o.place()),
                None => return Err(AppError::Forbidden),
            },
        };
        let students = self
            .store
            .list_students(&StudentQuery {
                scope,
                q: q.to_string(),
                grade,
                page,
                per_page: 25,
            })
            .await?;
        Ok(Caseload {
            view,
            groups,
            schools,
            students,
        })
    }

    /// The students of one organisation, for staff who may list them.
    pub async fn org_students(
        &self,
        actor: &Actor,
        org: &OrgRecord,
        q: &str,
        grade: Option<i64>,
        page: i64,
    ) -> AppResult<Arc<Page<StudentSummary>>> {
        if !authz::org(actor, OrgAction::ListStudents, &org.place()) {
            return Err(AppError::Forbidden);
        }
        Ok(self
            .store
            .list_students(&StudentQuery {
                scope: StudentScope::Org(org.place()),
                q: q.to_string(),
                grade,
                page,
                per_page: 25,
            })
            .await?)
    }

    /// A guardian's students.
    pub async fn guardian_students(&self, actor: &Actor) -> AppResult<Vec<StudentSummary>> {
        if actor.kind != AccountKind::Guardian {
            return Err(AppError::Forbidden);
        }
        Ok(self
            .store
            .list_students(&StudentQuery {
                scope: StudentScope::GuardianOf(actor.user_id),
                q: String::new(),
                grade: None,
                page: 1,
                per_page: 100,
            })
            .await?
            .items
            .clone())
    }
}
