//! Careers: the search with its filters (`search`), the career page (`show`), and a
//! student's saved careers (`saved`). The catalog is reference data: any signed-in person may
//! search and read it. Numbers are formatted here, the U.S. way in both languages: they are
//! U.S. dollars and U.S. jobs.

pub mod matches;
pub mod saved;
pub mod show;

use super::{PageCtx, Pager, render_html};
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
use std::sync::OnceLock;
use waypoint_app::careers::{CareerQuery, CareerSearch, CareerSearchForm, OccupationSummary, OutlookFilter, SortOrder};
use waypoint_domain::careers::EntryEducation;
use waypoint_domain::validate::FieldErrors;

/// `1234567` → `1,234,567`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `93600` → `$93,600`.
pub fn dollars(n: i64) -> String {
    let mut out = String::with_capacity(12);
    out.push('$');
    out.push_str(&thousands(n));
    out
}

/// `5.24` → `+5.2%`, `-3` → `−3.0%`: rounded to tenths with integers (a page formats
/// dozens, and float formatting is the slow kind).
pub fn signed_percent(p: f64) -> String {
    let tenths = (p * 10.0).round();
    let tenths = if tenths.is_finite() { tenths as i64 } else { 0 };
    let mut out = String::with_capacity(10);
    out.push_str(if tenths < 0 { "−" } else { "+" });
    let t = tenths.unsigned_abs();
    out.push_str(&(t / 10).to_string());
    out.push('.');
    out.push(char::from(b'0' + (t % 10) as u8));
    out.push('%');
    out
}

/// A day (`2026-09-14`) from milliseconds since 1970, in UTC.
pub fn date(tr: Tr, ms: i64) -> String {
    let t = tr.datetime(&ms);
    t.get(..10).unwrap_or(&t).to_string()
}

/// A message with one argument, formatted once per page and filled in per row: Fluent's
/// formatting with arguments costs more than the rest of a result's row.
pub struct Pattern {
    before: String,
    after: String,
}

impl Pattern {
    /// Where the argument goes: a private-use character no translation contains.
    const MARK: &'static str = "\u{E000}";

    pub fn new(tr: Tr, key: &str, arg: &str) -> Pattern {
        let text = tr.t1(key, arg, &Self::MARK);
        match text.split_once(Self::MARK) {
            Some((before, after)) => Pattern {
                before: before.to_string(),
                after: after.to_string(),
            },
            None => Pattern {
                before: text,
                after: String::new(),
            },
        }
    }

    pub fn fill(&self, value: &str) -> String {
        let mut out = String::with_capacity(self.before.len() + value.len() + self.after.len());
        out.push_str(&self.before);
        out.push_str(value);
        out.push_str(&self.after);
        out
    }
}

/// The texts a list of careers repeats on every row, translated once per language.
pub struct RowTexts {
    wage: Pattern,
    wage_at_least: Pattern,
    change: Pattern,
    bright: String,
    /// Job zones 1–5.
    zones: Vec<String>,
    /// In the order of [`EntryEducation::ALL`].
    educations: Vec<String>,
    pub labels: RowLabels,
}

impl RowTexts {
    fn new(tr: Tr) -> RowTexts {
        RowTexts {
            wage: Pattern::new(tr, "careers-wage-year", "amount"),
            wage_at_least: Pattern::new(tr, "careers-wage-at-least", "amount"),
            change: Pattern::new(tr, "careers-outlook-change", "change"),
            bright: tr.t("careers-bright-outlook"),
            zones: waypoint_domain::careers::JOB_ZONES
                .map(|z| job_zone_name(tr, z))
                .collect(),
            educations: EntryEducation::ALL.into_iter().map(|e| education_name(tr, e)).collect(),
            labels: RowLabels::new(tr),
        }
    }

    /// The texts of `tr`'s language, made once.
    pub fn of(tr: Tr) -> &'static RowTexts {
        static TEXTS: std::sync::OnceLock<Vec<RowTexts>> = std::sync::OnceLock::new();
        let all = TEXTS.get_or_init(|| Lang::ALL.iter().map(|l| RowTexts::new(Tr { lang: *l })).collect());
        &all[Lang::ALL.iter().position(|l| *l == tr.lang).unwrap_or(0)]
    }

    /// An occupation's median wage, with "at least" for BLS's top code.
    pub fn wage(&self, o: &OccupationSummary) -> Option<String> {
        o.median_wage.map(|w| {
            if o.median_wage_top_coded {
                self.wage_at_least.fill(&dollars(w))
            } else {
                self.wage.fill(&dollars(w))
            }
        })
    }

    /// An occupation's outlook in a few words.
    pub fn outlook(&self, o: &OccupationSummary) -> Option<String> {
        let growth = self.change.fill(&signed_percent(o.change_percent?));
        Some(if o.bright_outlook {
            let mut out = String::with_capacity(self.bright.len() + growth.len() + 4);
            out.push_str(&self.bright);
            out.push_str(" · ");
            out.push_str(&growth);
            out
        } else {
            growth
        })
    }

    /// The name of a job zone.
    pub fn zone(&self, zone: u8) -> Option<String> {
        self.zones.get(usize::from(zone).checked_sub(1)?).cloned()
    }

    /// The name of an education level.
    pub fn education(&self, e: EntryEducation) -> Option<String> {
        let i = EntryEducation::ALL.iter().position(|x| *x == e)?;
        self.educations.get(i).cloned()
    }
}

/// The name of a job zone.
pub fn job_zone_name(tr: Tr, zone: u8) -> String {
    tr.t(&format!("careers-job-zone-{zone}"))
}

/// The name of an education level.
pub fn education_name(tr: Tr, e: EntryEducation) -> String {
    tr.t(&format!("careers-education-{}", e.key()))
}

/// O*NET's and BLS's text is English: marked so for a screen reader on a Spanish page.
pub fn content_lang(tr: Tr) -> Option<&'static str> {
    (tr.lang != Lang::En).then_some("en")
}

/// The search form's fields as sent.
#[derive(Deserialize, Default)]
pub struct SearchQuery {
    q: Option<String>,
    cluster: Option<String>,
    education: Option<String>,
    job_zone: Option<String>,
    min_wage: Option<String>,
    outlook: Option<String>,
    sort: Option<String>,
    page: Option<String>,
}

impl SearchQuery {
    fn form(&self) -> CareerSearchForm {
        CareerSearchForm {
            q: self.q.clone(),
            cluster: self.cluster.clone(),
            education: self.education.clone(),
            job_zone: self.job_zone.clone(),
            min_wage: self.min_wage.clone(),
            outlook: self.outlook.clone(),
            sort: self.sort.clone(),
            page: self.page.clone(),
        }
    }
}

/// An option of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The cluster choices of one framework.
pub struct ChoiceGroup {
    pub label: String,
    pub choices: Vec<Choice>,
}

/// One result.
pub struct ResultRow {
    /// Its O*NET-SOC code, for the link.
    pub code: String,
    pub title: String,
    pub matched: Option<String>,
    pub wage: Option<String>,
    pub outlook: Option<String>,
    pub job_zone: Option<String>,
    pub education: Option<String>,
}

/// What the form shows again: the values as typed.
#[derive(Default)]
pub struct Typed {
    pub q: String,
    pub min_wage: String,
}

/// What the content of the search page needs of the request: only its language.
pub struct BodyCtx {
    pub tr: Tr,
}

/// The search page's content (see `BodyCache`).
#[derive(Template)]
#[template(path = "careers/search_body.html")]
struct SearchBody {
    c: BodyCtx,
    f: Typed,
    errors: FieldErrors,
    has_data: bool,
    clusters: Vec<ChoiceGroup>,
    educations: Vec<Choice>,
    zones: Vec<Choice>,
    outlooks: Vec<Choice>,
    sorts: Vec<Choice>,
    rows: Vec<ResultRow>,
    count: String,
    pager: Pager,
    /// A corrected query: (its text, its link).
    suggestion: Option<(String, String)>,
    /// The search without its filters, when filters were set and nothing was found.
    without_filters: Option<String>,
    no_results: bool,
    attribution: Vec<String>,
    content_lang: Option<&'static str>,
    labels: &'static RowLabels,
}

/// The labels of every result's facts.
pub struct RowLabels {
    pub career: String,
    pub matched: String,
    pub wage: String,
    pub outlook: String,
    pub preparation: String,
    pub education: String,
    pub not_available: String,
}

impl RowLabels {
    fn new(tr: Tr) -> RowLabels {
        RowLabels {
            career: tr.t("careers-col-career"),
            matched: tr.t("careers-matched"),
            wage: tr.t("careers-median-wage"),
            outlook: tr.t("careers-outlook"),
            preparation: tr.t("careers-preparation"),
            education: tr.t("careers-entry-education"),
            not_available: tr.t("careers-not-available"),
        }
    }
}

impl SearchBody {
    fn error(&self, field: &str) -> Option<String> {
        self.errors.for_field(field).map(|k| self.c.tr.t(k))
    }
}

/// The query string of a search, ending with `&`, without the page.
fn query_string(q: &CareerQuery) -> String {
    let mut s = format!("q={}&", urlencode(&q.q));
    if let Some(c) = &q.cluster {
        s.push_str(&format!("cluster={}&", urlencode(c)));
    }
    if let Some(e) = q.education {
        s.push_str(&format!("education={}&", e.key()));
    }
    if let Some(z) = q.job_zone {
        s.push_str(&format!("job_zone={z}&"));
    }
    if let Some(w) = q.min_wage {
        s.push_str(&format!("min_wage={w}&"));
    }
    if q.outlook != OutlookFilter::Any {
        s.push_str(&format!("outlook={}&", q.outlook.key()));
    }
    if q.sort != SortOrder::Relevance {
        s.push_str(&format!("sort={}&", q.sort.key()));
    }
    s
}

fn search_body(ctx: &Ctx, raw: &SearchQuery, found: CareerSearch) -> SearchBody {
    let tr = ctx.tr;
    let CareerSearch {
        catalog,
        query,
        results,
        errors,
    } = found;
    let raw_is = |v: &Option<String>, want: &str| v.as_deref().map(str::trim).unwrap_or("") == want;
    let clusters = catalog
        .frameworks()
        .iter()
        .map(|f| ChoiceGroup {
            label: f.title.clone(),
            choices: catalog
                .clusters()
                .iter()
                .filter(|c| c.framework == f.key)
                .map(|c| Choice {
                    value: c.id.clone(),
                    label: c.cluster.clone(),
                    selected: raw_is(&raw.cluster, &c.id),
                })
                .collect(),
        })
        .collect();
    let educations = EntryEducation::ALL
        .into_iter()
        .map(|e| Choice {
            value: e.key().into(),
            label: education_name(tr, e),
            selected: raw_is(&raw.education, e.key()),
        })
        .collect();
    let zones = waypoint_domain::careers::JOB_ZONES
        .map(|z| Choice {
            value: z.to_string(),
            label: job_zone_name(tr, z),
            selected: raw_is(&raw.job_zone, &z.to_string()),
        })
        .collect();
    let outlooks = [OutlookFilter::Growing, OutlookFilter::Bright]
        .into_iter()
        .map(|o| Choice {
            value: o.key().into(),
            label: tr.t(&format!("careers-outlook-{}", o.key())),
            selected: raw_is(&raw.outlook, o.key()),
        })
        .collect();
    let sorts = SortOrder::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.key().into(),
            label: tr.t(&format!("careers-sort-{}", s.key())),
            selected: query.sort == s,
        })
        .collect();
    let texts = RowTexts::of(tr);
    let rows = results
        .items
        .iter()
        .map(|h| {
            let o = &h.occupation;
            ResultRow {
                code: o.code.clone(),
                title: o.title.clone(),
                matched: h.matched.clone(),
                wage: texts.wage(o),
                outlook: texts.outlook(o),
                job_zone: o.job_zone.and_then(|z| texts.zone(z)),
                education: o.education.and_then(|e| texts.education(e)),
            }
        })
        .collect();
    let base = format!("/careers?{}", query_string(&query));
    let pager = Pager {
        page: results.page,
        pages: results.pages,
        total: results.total as i64,
        prev: (results.page > 1).then(|| format!("{base}page={}", results.page - 1)),
        next: (results.page < results.pages).then(|| format!("{base}page={}", results.page + 1)),
    };
    let count = if results.searched {
        tr.t2("careers-results-for", "count", &results.total, "query", &query.q)
    } else {
        tr.t1("careers-results-count", "count", &results.total)
    };
    let filtered = query.cluster.is_some()
        || query.education.is_some()
        || query.job_zone.is_some()
        || query.min_wage.is_some()
        || query.outlook != OutlookFilter::Any;
    let no_results = results.items.is_empty();
    let mut attribution = Vec::new();
    if let Some(r) = catalog.onet_release() {
        attribution.push(r.info.attribution.clone());
    }
    if let Some(r) = catalog.bls_release() {
        attribution.push(r.info.attribution.clone());
    }
    SearchBody {
        c: BodyCtx { tr },
        f: Typed {
            q: query.q.clone(),
            min_wage: raw.min_wage.clone().unwrap_or_default(),
        },
        errors,
        has_data: !catalog.is_empty(),
        clusters,
        educations,
        zones,
        outlooks,
        sorts,
        rows,
        count,
        pager,
        suggestion: results.suggestion.map(|s| {
            let mut q = query.clone();
            q.q = s.clone();
            (s, format!("/careers?{}", query_string(&q)))
        }),
        without_filters: (no_results && filtered).then(|| format!("/careers?q={}", urlencode(&query.q))),
        no_results,
        attribution,
        content_lang: content_lang(tr),
        labels: &texts.labels,
    }
}

#[derive(Template)]
#[template(path = "careers/search.html")]
struct SearchPage {
    c: PageCtx,
    /// [`PART_HERE`]: the kept contents go there.
    here: &'static str,
}

/// Rendered search contents by catalog, language and query. The contents depend on nothing
/// else (no name, no token: the search form is a GET), so a popular search is searched and
/// rendered once per catalog, and each request only wraps it in the layout. A new catalog
/// has a new id, so its answers are never mixed with the old one's.
fn bodies() -> &'static Kept<BodyKey, (StatusCode, Part)> {
    static BODIES: OnceLock<Kept<BodyKey, (StatusCode, Part)>> = OnceLock::new();
    BODIES.get_or_init(|| Kept::new(BODY_CACHE_BYTES, 12_000))
}

/// Catalog id, language, query.
type BodyKey = (u64, Lang, String);

/// Bytes of rendered searches kept (a page of results is about 10 KB).
const BODY_CACHE_BYTES: u64 = 16 << 20;

impl SearchQuery {
    /// The query as a cache key: every field, in order.
    fn key(&self) -> String {
        let mut k = String::new();
        for v in [
            &self.q,
            &self.cluster,
            &self.education,
            &self.job_zone,
            &self.min_wage,
            &self.outlook,
            &self.sort,
            &self.page,
        ] {
            k.push_str(v.as_deref().unwrap_or("\u{1}"));
            k.push('\u{0}');
        }
        k
    }
}

/// `GET /careers`: search and filters, for anyone signed in.
pub async fn search(
    ctx: Ctx,
    State(st): State<AppState>,
    Query(raw): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let s = ctx.require()?;
    let catalog = st.app.careers_catalog().await?;
    let key = (catalog.id(), ctx.tr.lang, raw.key());
    let cache = bodies();
    let (status, body) = match cache.find(&key) {
        Some(hit) => hit,
        None => {
            let found = st.app.search_careers(&s.actor, &raw.form()).await?;
            let status = if found.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let body = Part::new(render_html(&search_body(&ctx, &raw, found))?);
            cache.keep(key, (status, body.clone()));
            (status, body)
        }
    };
    render_with_part(
        status,
        &SearchPage {
            c: PageCtx::new(&ctx),
            here: PART_HERE,
        },
        Some(&body),
        &ctx.csrf,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_us_way() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(3_391_000), "3,391,000");
        assert_eq!(thousands(-12_345), "-12,345");
        assert_eq!(thousands(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(dollars(93_600), "$93,600");
        assert_eq!(signed_percent(5.24), "+5.2%");
        assert_eq!(signed_percent(-3.0), "−3.0%");
    }
}
