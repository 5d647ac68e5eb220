//! `GET /students/{id}/matches`: the careers that fit a student's latest interest survey (and
//! work values), best first, each with its reasons in words, its fit, and for the student a
//! button that saves it to their list (`POST /students/{id}/careers` with `from=matches`,
//! which comes back here). Filters are a GET form; "show more" is a link. The use case
//! (`App::career_matches`) asks the policy and writes the access log.

use super::show::notice_text;
use super::{Choice, RowTexts, content_lang, date, education_name, job_zone_name};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{WebError, urlencode};
use crate::i18n::{Tr, translate};
use crate::pages::assessments::join;
use crate::pages::student::student_id;
use crate::pages::{PageCtx, render_status};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;
use waypoint_app::matches::{MatchFilter, MatchForm, Outcome, STEP, StudentMatches};
use waypoint_domain::UserId;
use waypoint_domain::careers::EntryEducation;
use waypoint_domain::matching::TYPES;
use waypoint_domain::validate::FieldErrors;

/// The query of the page: the filters, how many to list, and a one-time notice.
#[derive(Deserialize, Default)]
pub struct MatchesQuery {
    education: Option<String>,
    job_zone: Option<String>,
    show: Option<String>,
    notice: Option<String>,
}

/// One match as listed.
pub struct MatchRow {
    pub code: String,
    pub title: String,
    /// "Fit: 92 out of 100".
    pub fit: String,
    /// Why, in words.
    pub reason: String,
    /// The top areas in common, in words.
    pub shared: String,
    pub with_values: bool,
    pub education: Option<String>,
    pub job_zone: Option<String>,
    pub wage: Option<String>,
    pub saved: bool,
}

/// A message instead of matches, with where to go next.
pub struct Empty {
    pub text: String,
    pub link: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "careers/matches.html")]
struct MatchesPage {
    c: PageCtx,
    student_id: UserId,
    heading: String,
    back: String,
    notice: Option<String>,
    errors: FieldErrors,
    /// What the matches are based on.
    intro: Vec<String>,
    empty: Option<Empty>,
    /// Whether the filters and the list are shown.
    ranked: bool,
    educations: Vec<Choice>,
    zones: Vec<Choice>,
    rows: Vec<MatchRow>,
    count: String,
    more: Option<(String, String)>,
    clear: Option<String>,
    may_save: bool,
    /// What the page sends back to after a save: the filters as they are.
    back_query: String,
    labels: Labels,
    how: Vec<String>,
    values_link: Option<(String, String)>,
    attribution: Option<String>,
    content_lang: Option<&'static str>,
}

/// The labels every row repeats.
struct Labels {
    education: String,
    wage: String,
    saved: String,
    save: String,
    with_values: String,
}

impl MatchesPage {
    fn error(&self, field: &str) -> Option<String> {
        self.errors.for_field(field).map(|k| self.c.tr.t(k))
    }
}

/// The names of RIASEC types (indexes into [`TYPES`]), joined for reading.
fn type_names(tr: Tr, types: &[usize]) -> String {
    let names: Vec<String> = types
        .iter()
        .filter_map(|&i| TYPES.get(i))
        .map(|t| tr.t(&format!("careers-riasec-{t}")))
        .collect();
    join(tr, &names, "assessment-list-and")
}

/// The query string of the filters (and the count when more than the first step), without
/// a leading `?`.
pub fn filter_query(f: &MatchFilter, show: Option<usize>) -> String {
    let mut parts = Vec::new();
    if let Some(e) = f.education {
        parts.push(format!("education={}", e.key()));
    }
    if let Some(z) = f.job_zone {
        parts.push(format!("job_zone={z}"));
    }
    if let Some(n) = show.filter(|n| *n > STEP) {
        parts.push(format!("show={n}"));
    }
    parts.join("&")
}

/// Where a save from the matches page goes back to: the page with its filters (as sent back
/// by the form, checked again here) and a notice.
pub fn back_after_save(id: UserId, notice: &str, back_query: Option<&str>) -> String {
    let raw: MatchesQuery = back_query
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    let (filter, _) = waypoint_app::matches::parse_filter(&MatchForm {
        education: raw.education,
        job_zone: raw.job_zone,
        show: raw.show,
    });
    let q = filter_query(&filter, Some(filter.show));
    let notice = urlencode(notice);
    if q.is_empty() {
        format!("/students/{id}/matches?notice={notice}")
    } else {
        format!("/students/{id}/matches?{q}&notice={notice}")
    }
}

fn matches_page(ctx: &Ctx, m: StudentMatches, notice: Option<String>) -> MatchesPage {
    let tr = ctx.tr;
    let sid = m.student_id;
    let name = m.student_name.as_str();
    let pick = |own: &'static str, other: &'static str| if m.is_self { own } else { other };
    let mut intro = Vec::new();
    if let Some(a) = &m.interests
        && let Some(done) = a.completed_at_ms
    {
        intro.push(translate(
            tr.lang,
            pick("matches-intro-self", "matches-intro-other"),
            &[
                ("name", name),
                ("date", &date(tr, done)),
                ("grade", &a.grade.to_string()),
            ],
        ));
    }
    let surveys = format!("/students/{sid}/assessments");
    let retake = || {
        Some(if m.may_take {
            (surveys.clone(), tr.t("matches-retake"))
        } else {
            (surveys.clone(), tr.t("matches-see-surveys"))
        })
    };
    let mut ranked = None;
    let empty = match m.outcome {
        Outcome::NoInventory => Some(Empty {
            text: tr.t1(
                pick("matches-no-inventory-self", "matches-no-inventory-other"),
                "name",
                &name,
            ),
            link: Some(if m.may_take {
                (surveys.clone(), tr.t("matches-take-survey"))
            } else {
                (surveys.clone(), tr.t("matches-see-surveys"))
            }),
        }),
        Outcome::Incomplete => Some(Empty {
            text: tr.t1(
                pick("matches-incomplete-self", "matches-incomplete-other"),
                "name",
                &name,
            ),
            link: retake(),
        }),
        Outcome::Flat => Some(Empty {
            text: tr.t1(pick("matches-flat-self", "matches-flat-other"), "name", &name),
            link: retake(),
        }),
        Outcome::NoData => Some(Empty {
            text: tr.t("careers-no-data"),
            link: None,
        }),
        Outcome::Ranked(r) => {
            ranked = Some(r);
            None
        }
    };
    let mut values_link = None;
    if let Some(r) = &ranked {
        intro.push(tr.t2(
            pick("matches-top-self", "matches-top-other"),
            "name",
            &name,
            "types",
            &type_names(tr, &r.student_top),
        ));
        match (&m.values, r.used_values) {
            (Some(v), true) => intro.push(tr.t1(
                "matches-values-used",
                "date",
                &date(tr, v.completed_at_ms.unwrap_or_default()),
            )),
            (Some(v), false) => intro.push(tr.t1(
                "matches-values-unused",
                "date",
                &date(tr, v.completed_at_ms.unwrap_or_default()),
            )),
            (None, _) if m.may_take => {
                values_link = Some((surveys.clone(), tr.t("matches-values-none-self")));
            }
            (None, _) => intro.push(tr.t1("matches-values-none-other", "name", &name)),
        }
    }
    let filter = &m.filter;
    let educations = EntryEducation::ALL
        .into_iter()
        .map(|e| Choice {
            value: e.key().into(),
            label: education_name(tr, e),
            selected: filter.education == Some(e),
        })
        .collect();
    let zones = waypoint_domain::careers::JOB_ZONES
        .map(|z| Choice {
            value: z.to_string(),
            label: job_zone_name(tr, z),
            selected: filter.job_zone == Some(z),
        })
        .collect();
    let texts = RowTexts::of(tr);
    let fit = super::Pattern::new(tr, "matches-fit", "fit");
    let base = format!("/students/{sid}/matches");
    let (rows, count, more, clear) = match &ranked {
        None => (Vec::new(), String::new(), None, None),
        Some(r) => {
            // The cards repeat a few combinations of types: word each once per page.
            let mut reasons: HashMap<(&[usize], &[usize]), String> = HashMap::new();
            let mut shared: HashMap<&[usize], String> = HashMap::new();
            let rows = r
                .items
                .iter()
                .map(|i| {
                    let o = &i.occupation;
                    let reason = reasons
                        .entry((&i.m.student_top, &i.m.career_top))
                        .or_insert_with(|| {
                            let student = type_names(tr, &i.m.student_top);
                            let career = type_names(tr, &i.m.career_top);
                            translate(
                                tr.lang,
                                pick("matches-reason-self", "matches-reason-other"),
                                &[("name", name), ("student", &student), ("career", &career)],
                            )
                        })
                        .clone();
                    let shared = shared
                        .entry(&i.m.shared)
                        .or_insert_with(|| {
                            if i.m.shared.is_empty() {
                                tr.t("matches-shared-none")
                            } else {
                                tr.t1("matches-shared", "types", &type_names(tr, &i.m.shared))
                            }
                        })
                        .clone();
                    MatchRow {
                        code: o.code.clone(),
                        title: o.title.clone(),
                        fit: fit.fill(&i.m.fit.to_string()),
                        reason,
                        shared,
                        with_values: i.m.used_values,
                        education: o.education.and_then(|e| texts.education(e)),
                        job_zone: o.job_zone.and_then(|z| texts.zone(z)),
                        wage: texts.wage(o),
                        saved: i.saved,
                    }
                })
                .collect::<Vec<_>>();
            let shown = rows.len();
            let count = if r.total == 0 {
                tr.t("matches-none-filtered")
            } else {
                tr.t2("matches-showing", "shown", &shown, "total", &r.total)
            };
            let more = (shown < r.total).then(|| {
                let next = (r.total - shown).min(STEP);
                let q = filter_query(filter, Some(shown + next));
                (format!("{base}?{q}"), tr.t1("matches-show-more", "count", &next))
            });
            let clear = filter.is_filtered().then(|| base.clone());
            (rows, count, more, clear)
        }
    };
    MatchesPage {
        c: PageCtx::new(ctx),
        student_id: sid,
        heading: tr.t1(pick("matches-title-self", "matches-title-other"), "name", &name),
        back: tr.t(pick("matches-back-self", "careers-back-to-student")),
        notice,
        errors: m.errors,
        intro,
        empty,
        ranked: ranked.is_some(),
        educations,
        zones,
        rows,
        count,
        more,
        clear,
        may_save: m.may_save,
        back_query: filter_query(filter, Some(filter.show)),
        labels: Labels {
            education: tr.t("careers-entry-education"),
            wage: tr.t("careers-median-wage"),
            saved: tr.t("matches-saved"),
            save: tr.t("matches-save"),
            with_values: tr.t("matches-with-values"),
        },
        how: ["matches-how-1", "matches-how-2", "matches-how-3", "matches-how-4"]
            .into_iter()
            .map(|k| tr.t(k))
            .collect(),
        values_link,
        attribution: m.catalog.onet_release().map(|r| r.info.attribution.clone()),
        content_lang: content_lang(tr),
    }
}

/// `GET /students/{id}/matches`: the student's career matches, for everyone who may view
/// the record. A filter that cannot be understood is left out and named next to its field
/// (status 422, like the career search).
pub async fn list(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<MatchesQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let id = student_id(&id)?;
    let form = MatchForm {
        education: q.education,
        job_zone: q.job_zone,
        show: q.show,
    };
    let mut m = st.app.career_matches(&s.actor, id, &form, &ctx.origin).await?;
    if !matches!(m.outcome, Outcome::Ranked(_)) {
        // No list to filter: no filter to complain about.
        m.errors = FieldErrors::new();
    }
    let status = if m.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let notice = notice_text(ctx.tr, q.notice.as_deref());
    render_status(status, &matches_page(&ctx, m, notice))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_back_after_a_save_keeps_only_good_filters() {
        let id = UserId(42);
        assert_eq!(
            back_after_save(id, "career-saved", None),
            "/students/42/matches?notice=career-saved"
        );
        assert_eq!(
            back_after_save(id, "career-saved", Some("education=bachelor&job_zone=4&show=50")),
            "/students/42/matches?education=bachelor&job_zone=4&show=50&notice=career-saved"
        );
        assert_eq!(
            back_after_save(
                id,
                "career-saved",
                Some("education=//evil.example&job_zone=x&show=abc&next=http://evil")
            ),
            "/students/42/matches?notice=career-saved"
        );
        assert_eq!(
            back_after_save(id, "career-saved", Some("%%%&&==")),
            "/students/42/matches?notice=career-saved"
        );
    }
}
