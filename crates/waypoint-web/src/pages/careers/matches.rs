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
use crate::fragments::{Kept, PART_HERE, Part, TOKEN_HOLE, render_with_part};
use crate::i18n::Lang;
use crate::i18n::{Tr, translate};
use crate::pages::assessments::join;
use crate::pages::student::student_id;
use crate::pages::{PageCtx, render_html};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use waypoint_app::careers::RankingKey;
use waypoint_app::matches::{MatchFilter, MatchForm, Outcome, Ranked, STEP, StudentMatches};
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

/// The page: the layout around the kept contents ([`MatchesBody`]).
#[derive(Template)]
#[template(path = "careers/matches.html")]
struct MatchesPage {
    c: PageCtx,
    heading: String,
    /// [`PART_HERE`]: the contents go there.
    here: &'static str,
}

/// What the contents' templates use of a page's context: the language, and
/// [`TOKEN_HOLE`] as the CSRF token (each viewer's goes in its place).
struct BodyCtx {
    tr: Tr,
    csrf: &'static str,
}

/// The contents of a matches page. The same for every view with the same [`PageKey`], so
/// they are rendered once and kept ([`kept_pages`]): a view then costs the use case (the
/// policy, the access log, the saved careers) and the layout.
#[derive(Template)]
#[template(path = "careers/matches_body.html")]
struct MatchesBody {
    c: BodyCtx,
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
    /// A form around the list, with a save button per career not on the list yet.
    may_save: bool,
    /// What the page sends back to after a save: the filters as they are.
    back_query: String,
    labels: Labels,
    content_lang: Option<&'static str>,
    count: String,
    more: Option<(String, String)>,
    clear: Option<String>,
    how: Vec<String>,
    values_link: Option<(String, String)>,
    attribution: Option<String>,
}

/// Everything the contents of a matches page depend on, when they are a ranked list
/// (other outcomes and pages with filter errors are rendered per view).
#[derive(Clone, PartialEq, Eq, Hash)]
struct PageKey {
    /// Catalog, interest inventory and work-values sort the ranking came from (the
    /// attempts' dates and grade, and whether values counted, come with them).
    ranking: RankingKey,
    student: i64,
    lang: Lang,
    /// The filters and how many are shown.
    filter: String,
    is_self: bool,
    may_save: bool,
    may_take: bool,
    /// In the heading and the reasons when staff or family look.
    name: String,
    /// Which of the listed careers are on the student's list.
    saved: Vec<bool>,
    notice: Option<String>,
}

impl PageKey {
    fn of(tr: Tr, m: &StudentMatches, notice: &Option<String>) -> Option<PageKey> {
        let Outcome::Ranked(r) = &m.outcome else { return None };
        if !m.errors.is_empty() {
            return None;
        }
        Some(PageKey {
            ranking: r.ranking?,
            student: m.student_id.0,
            lang: tr.lang,
            filter: filter_query(&m.filter, Some(m.filter.show)),
            is_self: m.is_self,
            may_save: m.may_save,
            may_take: m.may_take,
            name: m.student_name.clone(),
            saved: r.items().map(|i| i.saved).collect(),
            notice: notice.clone(),
        })
    }
}

/// Bytes of rendered matches pages kept (one is about 30 KB).
const PAGES_KEPT_BYTES: u64 = 48 << 20;

fn kept_pages() -> &'static Kept<PageKey, (String, Part)> {
    static PAGES: OnceLock<Kept<PageKey, (String, Part)>> = OnceLock::new();
    PAGES.get_or_init(|| Kept::new(PAGES_KEPT_BYTES, 30_000))
}

/// The labels every row repeats.
struct Labels {
    education: String,
    wage: String,
    saved: String,
    save: String,
    with_values: String,
}

impl MatchesBody {
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

/// The contents of the page.
fn matches_body(tr: Tr, m: StudentMatches, notice: Option<String>) -> MatchesBody {
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
    let base = format!("/students/{sid}/matches");
    let back_query = filter_query(filter, Some(filter.show));
    let (rows, count, more, clear) = match &ranked {
        None => (Vec::new(), String::new(), None, None),
        Some(r) => {
            let shown = r.shown();
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
            (match_rows(tr, r, name, pick), count, more, clear)
        }
    };
    MatchesBody {
        c: BodyCtx { tr, csrf: TOKEN_HOLE },
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
        may_save: m.may_save,
        back_query,
        labels: Labels {
            education: tr.t("careers-entry-education"),
            wage: tr.t("careers-median-wage"),
            saved: tr.t("matches-saved"),
            save: tr.t("matches-save"),
            with_values: tr.t("matches-with-values"),
        },
        content_lang: content_lang(tr),
        count,
        more,
        clear,
        how: ["matches-how-1", "matches-how-2", "matches-how-3", "matches-how-4"]
            .into_iter()
            .map(|k| tr.t(k))
            .collect(),
        values_link,
        attribution: m.catalog.onet_release().map(|r| r.info.attribution.clone()),
    }
}

/// The listed matches in words. The cards repeat a few combinations of types: each is worded
/// once per list.
fn match_rows(
    tr: Tr,
    r: &Ranked,
    name: &str,
    pick: impl Fn(&'static str, &'static str) -> &'static str,
) -> Vec<MatchRow> {
    let texts = RowTexts::of(tr);
    let fit = super::Pattern::new(tr, "matches-fit", "fit");
    let mut reasons: HashMap<(&[usize], &[usize]), String> = HashMap::new();
    let mut shared: HashMap<&[usize], String> = HashMap::new();
    r.items()
        .map(|i| {
            let o = &i.occupation;
            let reason = reasons
                .entry((i.m.student_top.as_slice(), i.m.career_top.as_slice()))
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
                .entry(i.m.shared.as_slice())
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
        .collect()
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
    let key = PageKey::of(ctx.tr, &m, &notice);
    let (heading, part) = match key.as_ref().and_then(|k| kept_pages().find(k)) {
        Some(kept) => kept,
        None => {
            let body = matches_body(ctx.tr, m, notice);
            let heading = body.heading.clone();
            let part = Part::new(render_html(&body)?);
            if let Some(k) = key {
                kept_pages().keep(k, (heading.clone(), part.clone()));
            }
            (heading, part)
        }
    };
    let page = MatchesPage {
        c: PageCtx::new(&ctx),
        heading,
        here: PART_HERE,
    };
    render_with_part(status, &page, Some(&part), &ctx.csrf)
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
