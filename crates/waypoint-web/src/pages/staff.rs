//! The staff home: the caseload.

use super::{PageCtx, Pager, opt_number, render_html};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{WebError, urlencode};
use crate::fragments::{Kept, PART_HERE, Part, render_with_part};
use crate::i18n::{Lang, Tr};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::sync::{Arc, OnceLock};
use waypoint_app::students::{Caseload, CaseloadView};
use waypoint_domain::GroupId;
use waypoint_domain::authz::OrgAction;
use waypoint_domain::org::OrgKind;
use waypoint_store::Page;
use waypoint_store::students::StudentSummary;

#[derive(Template)]
#[template(path = "staff/home.html")]
struct StaffHome {
    c: PageCtx,
    cl: Caseload,
    view: String,
    q: String,
    grade: Option<i64>,
    /// [`PART_HERE`]: the table of students goes there ([`students_table`]).
    students: &'static str,
    grades: Vec<i64>,
    /// Links to the reports of the schools where the actor's role lets
    /// them see school-wide figures: (href, label).
    reports: Vec<(String, String)>,
}

impl StaffHome {
    fn is_group(&self, g: &GroupId) -> bool {
        self.cl.view == CaseloadView::Group(*g)
    }

    fn grade_is(&self, g: &i64) -> bool {
        self.grade == Some(*g)
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
    let table = students_table(ctx.tr, &cl.students, &base)?;
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
    let page = StaffHome {
        c: PageCtx::new(&ctx),
        view: view_name.split('&').next().unwrap_or("mentees").to_string(),
        cl,
        q: text,
        grade,
        students: PART_HERE,
        grades: (6..=12).collect(),
        reports,
    };
    render_with_part(StatusCode::OK, &page, Some(&table), "")
}

/// The table of a caseload's students and its pager.
#[derive(Template)]
#[template(path = "staff/students.html")]
struct StudentsTable<'a> {
    c: TableCtx,
    students: &'a Page<StudentSummary>,
    pager: Pager,
}

/// What the table's templates (and `pager.html`) take from the page's context.
struct TableCtx {
    tr: Tr,
}

/// A kept table: the page of students it shows (kept alive with it, so that no other page can
/// take its address while the table is kept) and the table.
type KeptTable = (Arc<Page<StudentSummary>>, Part);

/// Tables kept by the address of the page of students they show, their language and their
/// pager's links.
type TableKey = (usize, Lang, String);

/// At most this many bytes of rendered tables are kept.
const TABLES_KEPT_BYTES: u64 = 16 << 20;

fn kept_tables() -> &'static Kept<TableKey, KeptTable> {
    static TABLES: OnceLock<Kept<TableKey, KeptTable>> = OnceLock::new();
    TABLES.get_or_init(|| Kept::new(TABLES_KEPT_BYTES, 6_000))
}

/// The table of `students`, rendered once per page of students the store hands out.
///
/// The store's read cache hands out the same shared page for as long as no write has happened
/// since it was read (and for at most a minute), and a new one after: a table kept for that page
/// shows exactly what rendering it again would. So a caseload page viewed again renders only its
/// frame; the rows are sent as they were.
fn students_table(tr: Tr, students: &Arc<Page<StudentSummary>>, base: &str) -> Result<Part, WebError> {
    let key = (Arc::as_ptr(students) as usize, tr.lang, base.to_string());
    if let Some((page, part)) = kept_tables().find(&key)
        && Arc::ptr_eq(&page, students)
    {
        return Ok(part);
    }
    let html = render_html(&StudentsTable {
        c: TableCtx { tr },
        students,
        pager: Pager::new(students, base),
    })?;
    let part = Part::new(html);
    kept_tables().keep(key, (students.clone(), part.clone()));
    Ok(part)
}
