//! The staff home: the caseload.

use super::{PageCtx, Pager, opt_number, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{WebError, urlencode};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use waypoint_app::students::{Caseload, CaseloadView};
use waypoint_domain::GroupId;
use waypoint_domain::authz::OrgAction;
use waypoint_domain::org::OrgKind;

#[derive(Template)]
#[template(path = "staff/home.html")]
struct StaffHome {
    c: PageCtx,
    cl: Caseload,
    view: String,
    q: String,
    grade: String,
    pager: Pager,
    grades: Vec<i64>,
    /// Links to the reports of the schools where the actor's role lets
    /// them see school-wide figures: (href, label).
    reports: Vec<(String, String)>,
}

impl StaffHome {
    fn is_group(&self, g: &GroupId) -> bool {
        self.cl.view == CaseloadView::Group(*g)
    }
}

/// Query of the caseload page.
#[derive(Deserialize, Default)]
pub struct CaseloadQuery {
    view: Option<String>,
    group: Option<String>,
    q: Option<String>,
    grade: Option<String>,
    page: Option<String>,
}

/// `GET /staff`.
pub async fn home(ctx: Ctx, State(st): State<AppState>, Query(q): Query<CaseloadQuery>) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let view = match (q.view.as_deref(), opt_number(&q.group)) {
        (Some("group"), Some(g)) => CaseloadView::Group(GroupId(g)),
        (Some("school"), _) => CaseloadView::School,
        _ => CaseloadView::Mentees,
    };
    let text = q.q.clone().unwrap_or_default();
    let grade = opt_number(&q.grade).filter(|g| (6..=13).contains(g));
    let page = opt_number(&q.page).unwrap_or(1).max(1);
    let cl = st.app.caseload(&s.actor, view, &text, grade, page).await?;
    let view_name = match view {
        CaseloadView::Mentees => "mentees".to_string(),
        CaseloadView::School => "school".to_string(),
        CaseloadView::Group(g) => format!("group&group={g}"),
    };
    let base = format!(
        "/staff?view={view_name}&q={}&grade={}&",
        urlencode(&text),
        grade.map(|g| g.to_string()).unwrap_or_default()
    );
    let pager = Pager::new(&cl.students, &base);
    let reports = cl
        .schools
        .iter()
        .filter(|o| o.kind == OrgKind::School && st.app.may_org(&s.actor, OrgAction::ViewReports, o))
        .map(|o| {
            (
                format!("/admin/orgs/{}/interests", o.org_id),
                ctx.tr.t1("staff-reports-interests", "school", &o.name),
            )
        })
        .collect();
    render(&StaffHome {
        c: PageCtx::new(&ctx),
        view: view_name.split('&').next().unwrap_or("mentees").to_string(),
        cl,
        q: text,
        grade: grade.map(|g| g.to_string()).unwrap_or_default(),
        pager,
        grades: (6..=12).collect(),
        reports,
    })
}
