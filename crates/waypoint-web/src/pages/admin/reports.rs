//! Reports on a school's students as a group: `GET
//! /admin/orgs/{id}/interests`, the interest and saved-careers report.
//! Every figure comes from `waypoint_app::reports` already suppressed; this
//! module only puts it into words, a table and a bar chart whose text
//! equivalent is the table.

use super::{OrgNav, path_id};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::{PageCtx, opt_number, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use waypoint_app::reports::{Figure, ReportFigures, SchoolInterestReport, TopInterest};
use waypoint_domain::OrgId;
use waypoint_domain::suppress::MIN_CELL;

/// A row of a table: its heading, the figure in words, and a link.
struct Row {
    label: String,
    value: String,
    href: Option<String>,
}

/// One bar of the chart. Rows whose count is not shown have no bar.
struct Bar {
    label_y: u32,
    y: u32,
    value_y: u32,
    name: String,
    width: Option<u32>,
    value_x: u32,
    value: String,
}

struct Tick {
    x: u32,
    label: String,
}

/// A horizontal bar chart of the share of the group under each row.
struct Chart {
    width: u32,
    height: u32,
    bar_x: u32,
    bar_height: u32,
    axis_y: u32,
    axis_label_y: u32,
    ticks: Vec<Tick>,
    bars: Vec<Bar>,
    desc: String,
}

/// Room left of the bars (half a tick label).
const LEFT: u32 = 16;
/// Units per percent of the group.
const BAR_SCALE: u32 = 3;
/// Height of one row: its name, then its bar.
const ROW: u32 = 44;
const BAR_HEIGHT: u32 = 18;
const TOP: u32 = 4;

/// The figures in words.
struct Figures {
    enrolled: u64,
    participation: String,
    interests: Vec<Row>,
    chart: Chart,
    saved_any: String,
    careers: Vec<Row>,
    careers_not_listed: bool,
    /// Per framework: the table's caption and rows.
    clusters: Vec<(String, Vec<Row>)>,
}

#[derive(Template)]
#[template(path = "admin/interests.html")]
struct InterestsPage {
    c: PageCtx,
    nav: OrgNav,
    org_id: OrgId,
    org_name: String,
    grades: Vec<i64>,
    grade: Option<i64>,
    /// "All grades" or "Grade 10".
    group: String,
    figures: Option<Figures>,
}

impl InterestsPage {
    fn grade_is(&self, g: &i64) -> bool {
        self.grade == Some(*g)
    }
}

/// Query of the report: the grade, blank for all.
#[derive(Deserialize, Default)]
pub struct InterestsQuery {
    grade: Option<String>,
}

fn figure(tr: Tr, f: Figure) -> String {
    match f {
        Figure::Shown(n) => n.to_string(),
        Figure::FewerThanMin => tr.t1("report-fewer-than", "min", &MIN_CELL),
        Figure::Hidden => tr.t("report-hidden"),
    }
}

fn interest_label(tr: Tr, t: TopInterest) -> String {
    match t {
        TopInterest::Type(i) => match waypoint_domain::matching::TYPES.get(i) {
            Some(name) => tr.t(&format!("careers-riasec-{name}")),
            None => String::new(),
        },
        TopInterest::Tied => tr.t("report-tied"),
        TopInterest::NoCode => tr.t("report-no-code"),
        TopInterest::NotFinished => tr.t("report-not-finished"),
    }
}

fn chart(tr: Tr, enrolled: u64, rows: &[(String, Figure)]) -> Chart {
    let n = rows.len() as u32;
    let axis_y = TOP + n * ROW;
    let mut desc = Vec::new();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(k, (name, f))| {
            let row = TOP + k as u32 * ROW;
            let y = row + 20;
            let value = figure(tr, *f);
            desc.push(tr.t2("report-chart-desc-item", "name", name, "value", &value));
            // The share of the group, rounded to a whole unit.
            let width = f
                .shown()
                .map(|c| (c * u64::from(100 * BAR_SCALE) + enrolled / 2) / enrolled.max(1))
                .map(|w| u32::try_from(w).unwrap_or(100 * BAR_SCALE).min(100 * BAR_SCALE));
            Bar {
                label_y: row + 15,
                y,
                value_y: y + BAR_HEIGHT / 2 + 5,
                name: name.clone(),
                width,
                value_x: LEFT + width.unwrap_or(0) + 6,
                value,
            }
        })
        .collect();
    Chart {
        width: LEFT + 100 * BAR_SCALE + 110,
        height: axis_y + 24,
        bar_x: LEFT,
        bar_height: BAR_HEIGHT,
        axis_y,
        axis_label_y: axis_y + 18,
        ticks: [0u32, 25, 50, 75, 100]
            .into_iter()
            .map(|t| Tick {
                x: LEFT + t * BAR_SCALE,
                label: tr.t1("report-percent", "n", &t),
            })
            .collect(),
        bars,
        desc: desc.join(" "),
    }
}

fn words(tr: Tr, f: &ReportFigures) -> Figures {
    let labelled: Vec<(String, Figure)> = f
        .interests
        .iter()
        .map(|(t, fig)| (interest_label(tr, *t), *fig))
        .collect();
    let participation = match f.finished {
        Some(n) => tr.t2("report-participation", "finished", &n, "enrolled", &f.enrolled),
        None => tr.t1("report-participation-hidden", "enrolled", &f.enrolled),
    };
    Figures {
        enrolled: f.enrolled,
        participation,
        interests: labelled
            .iter()
            .map(|(label, fig)| Row {
                label: label.clone(),
                value: figure(tr, *fig),
                href: None,
            })
            .collect(),
        chart: chart(tr, f.enrolled, &labelled),
        saved_any: tr.t2(
            "report-saved-any",
            "value",
            &figure(tr, f.saved_any),
            "enrolled",
            &f.enrolled,
        ),
        careers: f
            .careers
            .iter()
            .map(|c| Row {
                label: c.title.clone(),
                value: c.students.to_string(),
                href: c.in_catalog.then(|| format!("/careers/{}", c.code)),
            })
            .collect(),
        careers_not_listed: f.careers_not_listed,
        clusters: f
            .clusters
            .iter()
            .map(|t| {
                (
                    tr.t1("report-clusters-caption", "framework", &t.framework),
                    t.rows
                        .iter()
                        .map(|(name, fig)| Row {
                            label: name.clone(),
                            value: figure(tr, *fig),
                            href: None,
                        })
                        .collect(),
                )
            })
            .collect(),
    }
}

fn page(ctx: &Ctx, st: &AppState, actor: &waypoint_app::Actor, r: SchoolInterestReport) -> InterestsPage {
    let tr = ctx.tr;
    InterestsPage {
        c: PageCtx::new(ctx),
        nav: OrgNav::new(&st.app, actor, &tr, &r.school, "interests"),
        org_id: r.school.org_id,
        org_name: r.school.name.clone(),
        group: match r.grade {
            Some(g) => tr.t1("report-group-grade", "grade", &g),
            None => tr.t("all-grades"),
        },
        figures: r.figures.as_ref().map(|f| words(tr, f)),
        grades: r.grades,
        grade: r.grade,
    }
}

/// `GET /admin/orgs/{id}/interests`: a school's students by top interest
/// type and by saved career and cluster, for one grade or all, small
/// counts suppressed. A grade that is not a number or not the school's
/// shows every grade.
pub async fn interests(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<InterestsQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id: OrgId = path_id(&id)?;
    let grade = opt_number(&q.grade);
    let report = st.app.school_interest_report(&s.actor, id, grade).await?;
    render(&page(&ctx, &st, &s.actor, report))
}
