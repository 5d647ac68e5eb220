//! `GET /careers/{code}`: what the work is like, interests, education and training, wages and
//! outlook with their year and source, related careers, clusters, and the data's attribution;
//! for a student, the form that saves the career to their list.

use super::{content_lang, dollars, education_name, job_zone_name, signed_percent, thousands};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{Tr, translate};
use crate::pages::{PageCtx, render_status};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use waypoint_app::careers::CareerPage;
use waypoint_domain::UserId;
use waypoint_domain::matching::{TYPES, occupation_top};
use waypoint_domain::validate::FieldErrors;

/// One RIASEC interest of the occupation.
pub struct InterestRow {
    pub id: String,
    pub name: String,
    pub description: String,
    /// 1–7.
    pub value: String,
    pub out_of: String,
    pub top: bool,
}

/// A labelled fact with where it comes from.
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// The save form for a student.
pub struct SaveForm {
    pub action: String,
    pub remove_action: String,
    pub list_href: String,
    pub saved: bool,
    pub note: String,
    pub status: Option<String>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "careers/show.html")]
pub(crate) struct ShowPage {
    c: PageCtx,
    code: String,
    title: String,
    description: String,
    content_lang: Option<&'static str>,
    notice: Option<String>,
    errors: FieldErrors,
    save: Option<SaveForm>,
    also_called: Vec<String>,
    interests: Vec<InterestRow>,
    interests_summary: Option<String>,
    job_zone: Option<String>,
    /// O*NET's description of the job zone: (label, text).
    job_zone_text: Vec<Fact>,
    entry_education: Option<String>,
    education_rows: Vec<Fact>,
    education_source: Vec<String>,
    wages: Vec<Fact>,
    bright: Option<String>,
    broad_note: Option<String>,
    wage_note: Option<String>,
    bls_source: Option<String>,
    related: Vec<(String, String)>,
    clusters: Vec<String>,
    attribution: Vec<String>,
}

/// Query of the career page: a one-time notice after an action.
#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

fn interest_rows(tr: Tr, values: &[f64; 6]) -> (Vec<InterestRow>, Option<String>) {
    let top = occupation_top(values);
    let rows = TYPES
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (t, v))| InterestRow {
            id: format!("riasec-{t}"),
            name: tr.t(&format!("careers-riasec-{t}")),
            description: tr.t(&format!("careers-riasec-{t}-desc")),
            value: format!("{v:.1}"),
            out_of: tr.t1("careers-interest-out-of", "value", &format!("{v:.1}")),
            top: top.contains(&i),
        })
        .collect();
    let names: Vec<String> = top
        .iter()
        .map(|&i| tr.t(&format!("careers-riasec-{}", TYPES[i])))
        .collect();
    let summary = match names.as_slice() {
        [] => None,
        [one] => Some(tr.t1("careers-interests-mostly", "types", one)),
        [rest @ .., last] => Some(tr.t1(
            "careers-interests-mostly",
            "types",
            &tr.t2("careers-and", "first", &rest.join(", "), "last", last),
        )),
    };
    (rows, summary)
}

/// Builds the page from the use case's answer; `typed` is a note to show again (after a
/// rejected save), `errors` its problems.
pub(crate) fn show_page(
    ctx: &Ctx,
    p: CareerPage,
    notice: Option<String>,
    typed: Option<String>,
    errors: FieldErrors,
) -> ShowPage {
    let tr = ctx.tr;
    let d = &p.detail;
    // Titles shown in My Next Move first: they are the familiar ones.
    let mut reported: Vec<&(String, bool)> = d.reported_titles.iter().collect();
    reported.sort_by_key(|(_, shown)| !*shown);
    let also_called = reported.into_iter().take(8).map(|(t, _)| t.clone()).collect();
    let profile = p.summary.as_ref().and_then(|s| s.interests).or_else(|| {
        let mut out = [f64::NAN; 6];
        for s in d.interests.iter().filter(|s| s.scale_id == "OI") {
            if let Some(i) =
                waypoint_domain::careers::element_index(&waypoint_domain::careers::INTEREST_ELEMENTS, &s.element_id)
            {
                out[i] = s.value;
            }
        }
        out.iter().all(|v| v.is_finite()).then_some(out)
    });
    let (interests, interests_summary) = profile.map_or((Vec::new(), None), |v| interest_rows(tr, &v));
    let zone = d.job_zone.and_then(|z| u8::try_from(z).ok());
    let mut job_zone_text = Vec::new();
    if let Some(z) = &p.job_zone {
        for (key, text) in [
            ("careers-zone-education", &z.education),
            ("careers-zone-experience", &z.experience),
            ("careers-zone-training", &z.job_training),
        ] {
            if let Some(t) = text.as_ref().filter(|t| !t.trim().is_empty()) {
                job_zone_text.push(Fact {
                    label: tr.t(key),
                    value: t.clone(),
                });
            }
        }
    }
    // O*NET's Required Level of Education: the share of workers at each level. A share
    // O*NET recommends suppressing (few respondents, a large error) is shown with a mark
    // and a note rather than hidden: leaving out the largest share would mislead more.
    let mut education_rows = Vec::new();
    let mut imprecise = false;
    for e in d.education.iter().filter(|e| e.scale_id == "RL" && e.value >= 1.0) {
        if let Some(cat) = e.category {
            let flagged = e.recommend_suppress == Some(true);
            imprecise |= flagged;
            education_rows.push(Fact {
                label: tr.t(&format!("careers-rl-{cat}")),
                value: format!("{:.0}%{}", e.value, if flagged { "*" } else { "" }),
            });
        }
    }
    let onet_version = p.onet.as_ref().map(|r| r.info.version.clone()).unwrap_or_default();
    let mut education_source = Vec::new();
    if !education_rows.is_empty() {
        education_source.push(tr.t1("careers-education-source", "version", &onet_version));
        if imprecise {
            education_source.push(tr.t("careers-education-imprecise"));
        }
    }
    let mut wages = Vec::new();
    let mut bright = None;
    let mut broad_note = None;
    let mut wage_note = None;
    let (start, end) = p
        .bls
        .as_ref()
        .map_or((None, None), |r| (r.info.period_start, r.info.period_end));
    let (start_s, end_s) = (
        start.map(|y| y.to_string()).unwrap_or_default(),
        end.map(|y| y.to_string()).unwrap_or_default(),
    );
    if let Some(proj) = &d.projection {
        if let Some(w) = proj.median_wage {
            let amount = if proj.median_wage_top_coded {
                tr.t1("careers-wage-at-least", "amount", &dollars(w))
            } else {
                tr.t1("careers-wage-year", "amount", &dollars(w))
            };
            wages.push(Fact {
                label: tr.t1("careers-median-wage-in", "year", &start_s),
                value: amount,
            });
            wage_note = Some(tr.t("careers-wage-note"));
        }
        if let Some(n) = proj.employment {
            wages.push(Fact {
                label: tr.t1("careers-employment-in", "year", &start_s),
                value: tr.t1("careers-jobs", "count", &thousands(n)),
            });
        }
        if let Some(n) = proj.employment_projected {
            wages.push(Fact {
                label: tr.t1("careers-employment-projected-in", "year", &end_s),
                value: tr.t1("careers-jobs", "count", &thousands(n)),
            });
        }
        if let Some(pc) = proj.change_percent {
            let change = proj
                .change
                .map(|c| format!("{}{}", if c >= 0 { "+" } else { "−" }, thousands(c.abs())));
            let mut value = match change {
                Some(c) => format!("{c} ({})", signed_percent(pc)),
                None => signed_percent(pc),
            };
            if let Some(all) = p.all_change_percent {
                value = format!(
                    "{value}; {}",
                    tr.t1("careers-all-occupations-change", "change", &signed_percent(all))
                );
            }
            wages.push(Fact {
                label: translate(tr.lang, "careers-change-over", &[("start", &start_s), ("end", &end_s)]),
                value,
            });
        }
        if let Some(n) = proj.openings {
            wages.push(Fact {
                label: translate(
                    tr.lang,
                    "careers-openings-over",
                    &[("start", &start_s), ("end", &end_s)],
                ),
                value: tr.t1("careers-openings-a-year", "count", &thousands(n)),
            });
        }
        if proj.broad_group {
            broad_note = Some(tr.t1("careers-broad-group", "group", &proj.title));
        }
        if p.summary.as_ref().is_some_and(|s| s.bright_outlook) {
            bright = Some(tr.t("careers-bright-rule"));
        }
    }
    let bls_source = p.bls.as_ref().map(|r| r.info.attribution.clone());
    let related = d
        .related
        .iter()
        .take(10)
        .map(|r| (format!("/careers/{}", r.code), r.title.clone()))
        .collect();
    let clusters = d
        .clusters
        .iter()
        .map(|c| {
            let framework = p
                .cluster_releases
                .iter()
                .find(|r| r.dataset == waypoint_store::careers::clusters_dataset(&c.framework))
                .map_or_else(|| c.framework.clone(), |r| r.info.title.clone());
            if c.pathway.is_empty() {
                format!("{framework}: {}", c.cluster)
            } else {
                format!("{framework}: {} — {}", c.cluster, c.pathway)
            }
        })
        .collect();
    let mut attribution = Vec::new();
    if let Some(r) = &p.onet {
        attribution.push(r.info.attribution.clone());
    }
    for r in &p.cluster_releases {
        attribution.push(r.info.attribution.clone());
    }
    let save = p
        .student
        .as_ref()
        .filter(|s| s.may_save)
        .map(|s| save_form(tr, s.student_id, s, typed, &errors));
    ShowPage {
        c: PageCtx::new(ctx),
        code: d.code.clone(),
        title: d.title.clone(),
        description: d.description.clone(),
        content_lang: content_lang(tr),
        notice,
        errors,
        save,
        also_called,
        interests,
        interests_summary,
        job_zone: zone.map(|z| job_zone_name(tr, z)),
        job_zone_text,
        entry_education: p.summary.as_ref().and_then(|s| {
            s.education
                .map(|e| education_name(tr, e))
                .or_else(|| s.education_text.clone())
        }),
        education_rows,
        education_source,
        wages,
        bright,
        broad_note,
        wage_note,
        bls_source,
        related,
        clusters,
        attribution,
    }
}

fn save_form(
    tr: Tr,
    student_id: UserId,
    s: &waypoint_app::careers::StudentCareerState,
    typed: Option<String>,
    errors: &FieldErrors,
) -> SaveForm {
    SaveForm {
        action: format!("/students/{student_id}/careers"),
        remove_action: format!("/students/{student_id}/careers/remove"),
        list_href: format!("/students/{student_id}/careers"),
        saved: s.saved.is_some(),
        note: typed.unwrap_or_else(|| s.saved.as_ref().map(|x| x.note.clone()).unwrap_or_default()),
        status: s
            .saved
            .as_ref()
            .map(|x| tr.t1("careers-saved-on", "date", &super::date(tr, x.saved_at))),
        error: errors
            .for_field("note")
            .or(errors.for_field("onet_code"))
            .map(|k| tr.t(k)),
    }
}

/// The notice after an action on the career page.
pub(crate) fn notice_text(tr: Tr, notice: Option<&str>) -> Option<String> {
    match notice? {
        "career-saved" => Some(tr.t("careers-notice-saved")),
        "career-note-saved" => Some(tr.t("careers-notice-note-saved")),
        "career-removed" => Some(tr.t("careers-notice-removed")),
        _ => None,
    }
}

/// `GET /careers/{code}`.
pub async fn show(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let page = st.app.career(&s.actor, &code, &ctx.origin).await?;
    let notice = notice_text(ctx.tr, q.notice.as_deref());
    render_status(StatusCode::OK, &show_page(&ctx, page, notice, None, FieldErrors::new()))
}
