//! Careers reference data: O*NET occupations with their interests, job zones, education,
//! titles, related occupations and work values; BLS employment projections; career clusters.
//!
//! Each dataset is **replaced whole** in one transaction ([`Store::replace_onet`],
//! [`Store::replace_bls_projections`], [`Store::replace_career_clusters`]): the old rows are
//! deleted, the new ones bulk loaded, and the release recorded in `career_releases` (version,
//! publisher, license, attribution text). Readers see the old release until the new one has
//! committed; a failure leaves the old one in place. Loading the same release again gives
//! the same rows, and a newer release over an older one leaves nothing of the older.
//!
//! Occupations are joined to projections as `waypoint_import_export::bls` documents: the
//! line item of the occupation's SOC code, else that of its SOC broad group. The caller
//! supplies both codes ([`OnetOccupation::soc_code`], [`OnetOccupation::soc_broad_code`]).

use crate::{ColType, Store, StoreError, Tx, Value, now_ms, params};
use std::sync::OnceLock;

use ColType::{Bool, Int, Text};

/// The `career_releases` key of the O*NET database.
pub const ONET: &str = "onet";
/// The `career_releases` key of the BLS projections.
pub const BLS_PROJECTIONS: &str = "bls_projections";

/// The `career_releases` key of a clusters framework.
pub fn clusters_dataset(framework: &str) -> String {
    format!("clusters:{framework}")
}

/// What a release is, for attribution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReleaseInfo {
    /// E.g. `29.3`, `2024-34`.
    pub version: String,
    /// E.g. `O*NET 29.3 Database`.
    pub title: String,
    /// When it was published, e.g. `May 2025`.
    pub published: Option<String>,
    /// The first year the data describe (BLS: the base year).
    pub period_start: Option<i64>,
    /// The last year the data describe (BLS: the projected year).
    pub period_end: Option<i64>,
    /// Who publishes it.
    pub publisher: String,
    /// Under what terms.
    pub license: String,
    /// The text to show with the data.
    pub attribution: String,
}

/// A release as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct CareerRelease {
    /// `onet`, `bls_projections` or `clusters:<framework>`.
    pub dataset: String,
    /// What it is.
    pub info: ReleaseInfo,
    /// How many rows were loaded, over all its tables.
    pub row_count: i64,
    /// When it was loaded (milliseconds since 1970).
    pub loaded_at: i64,
}

/// An O*NET occupation to load.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetOccupation {
    /// The O*NET-SOC code, `15-1252.00`.
    pub code: String,
    /// Its SOC code, `15-1252`.
    pub soc_code: String,
    /// Its SOC broad group, `15-1250`.
    pub soc_broad_code: String,
    pub title: String,
    pub description: String,
}

/// A rating of an occupation: an interest or a work value.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetRating {
    pub code: String,
    pub element_id: String,
    pub element_name: String,
    pub scale_id: String,
    pub value: f64,
    /// `YYYY-MM`.
    pub rated_on: Option<String>,
    pub domain_source: Option<String>,
}

/// An occupation's job zone.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetJobZone {
    pub code: String,
    pub job_zone: i64,
    pub rated_on: Option<String>,
    pub domain_source: Option<String>,
}

/// What a job zone means.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetJobZoneReference {
    pub job_zone: i64,
    pub name: String,
    pub experience: Option<String>,
    pub education: Option<String>,
    pub job_training: Option<String>,
    pub examples: Option<String>,
    pub svp_range: Option<String>,
}

/// A category of an education, training and experience scale.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetEducationCategory {
    pub element_id: String,
    pub element_name: String,
    pub scale_id: String,
    pub category: i64,
    pub description: String,
}

/// A value of an occupation's education, training and experience.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetEducation {
    pub code: String,
    pub element_id: String,
    pub element_name: String,
    pub scale_id: String,
    pub category: Option<i64>,
    pub value: f64,
    pub n: Option<i64>,
    pub standard_error: Option<f64>,
    pub lower_ci: Option<f64>,
    pub upper_ci: Option<f64>,
    pub recommend_suppress: Option<bool>,
    pub rated_on: Option<String>,
    pub domain_source: Option<String>,
}

/// An alternate title.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetAlternateTitle {
    pub code: String,
    pub title: String,
    pub short_title: Option<String>,
    pub sources: Option<String>,
}

/// A title workers reported.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetReportedTitle {
    pub code: String,
    pub title: String,
    pub shown_in_my_next_move: bool,
}

/// A related occupation.
#[derive(Clone, Debug, PartialEq)]
pub struct OnetRelated {
    pub code: String,
    pub related_code: String,
    pub tier: String,
    pub rank: i64,
}

/// A whole O*NET release to load. Titles keep the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OnetData {
    pub release: ReleaseInfo,
    pub occupations: Vec<OnetOccupation>,
    pub interests: Vec<OnetRating>,
    pub work_values: Vec<OnetRating>,
    pub job_zones: Vec<OnetJobZone>,
    pub job_zone_reference: Vec<OnetJobZoneReference>,
    pub education: Vec<OnetEducation>,
    pub education_categories: Vec<OnetEducationCategory>,
    pub alternate_titles: Vec<OnetAlternateTitle>,
    pub reported_titles: Vec<OnetReportedTitle>,
    pub related: Vec<OnetRelated>,
}

/// A row of the BLS projections (employment, change and openings in jobs).
#[derive(Clone, Debug, PartialEq)]
pub struct BlsProjection {
    pub soc_code: String,
    pub title: String,
    pub depth: i64,
    /// `line_item` or `summary`.
    pub occupation_type: String,
    pub employment: Option<i64>,
    pub employment_projected: Option<i64>,
    pub change: Option<i64>,
    pub change_percent: Option<f64>,
    pub self_employed_percent: Option<f64>,
    pub openings: Option<i64>,
    pub median_wage: Option<i64>,
    pub median_wage_top_coded: bool,
    pub education: Option<String>,
    pub work_experience: Option<String>,
    pub training: Option<String>,
}

/// An occupation's place in a clusters framework.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterEntry {
    pub cluster: String,
    /// Empty when the framework has no pathways.
    pub pathway: String,
    /// A SOC code (every O*NET occupation within it) or an O*NET-SOC code.
    pub code: String,
    pub title: Option<String>,
}

/// What a replacement did.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    /// The version that was loaded before, if any.
    pub previous: Option<String>,
    /// The rows written, over all tables.
    pub rows: i64,
}

/// How many rows each careers table holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CareersCounts {
    pub occupations: i64,
    pub interests: i64,
    pub work_values: i64,
    pub job_zones: i64,
    pub job_zone_reference: i64,
    pub education: i64,
    pub education_categories: i64,
    pub alternate_titles: i64,
    pub reported_titles: i64,
    pub related_occupations: i64,
    pub projections: i64,
    pub clusters: i64,
    pub cluster_occupations: i64,
}

/// How many O*NET occupations have a projection, and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectionCoverage {
    /// By their own SOC code.
    pub exact: i64,
    /// By their SOC broad group.
    pub broad: i64,
    /// None.
    pub none: i64,
}

/// A rating as read back.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub element_id: String,
    pub element_name: String,
    pub scale_id: String,
    pub value: f64,
}

/// An education value as read back, with its category's meaning.
#[derive(Clone, Debug, PartialEq)]
pub struct EducationValue {
    pub element_id: String,
    pub element_name: String,
    pub scale_id: String,
    pub category: Option<i64>,
    pub category_description: Option<String>,
    pub value: f64,
    pub n: Option<i64>,
    pub recommend_suppress: Option<bool>,
}

/// A related occupation as read back.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedOccupation {
    pub code: String,
    pub title: String,
    pub tier: String,
    pub rank: i64,
}

/// An occupation's projection as read back.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// The row's SOC code: the occupation's own, or its broad group's.
    pub soc_code: String,
    pub title: String,
    /// The projection is for the occupation's SOC broad group, which covers more.
    pub broad_group: bool,
    pub employment: Option<i64>,
    pub employment_projected: Option<i64>,
    pub change: Option<i64>,
    pub change_percent: Option<f64>,
    pub openings: Option<i64>,
    pub median_wage: Option<i64>,
    pub median_wage_top_coded: bool,
    pub education: Option<String>,
    pub work_experience: Option<String>,
    pub training: Option<String>,
}

/// A cluster an occupation belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterPlace {
    pub framework: String,
    pub cluster: String,
    /// Empty when the framework has no pathways.
    pub pathway: String,
}

/// An occupation with everything stored about it.
#[derive(Clone, Debug, PartialEq)]
pub struct OccupationDetail {
    pub code: String,
    pub soc_code: String,
    pub title: String,
    pub description: String,
    pub job_zone: Option<i64>,
    /// E.g. `Job Zone Four: Considerable Preparation Needed`.
    pub job_zone_name: Option<String>,
    /// In element order: the six RIASEC scores (`OI`), then the three high points (`IH`).
    pub interests: Vec<Score>,
    pub work_values: Vec<Score>,
    pub education: Vec<EducationValue>,
    /// (title, short title), in O*NET's order.
    pub alternate_titles: Vec<(String, Option<String>)>,
    /// (title, shown in My Next Move), in O*NET's order.
    pub reported_titles: Vec<(String, bool)>,
    /// By rank.
    pub related: Vec<RelatedOccupation>,
    pub projection: Option<Projection>,
    pub clusters: Vec<ClusterPlace>,
}

const OCCUPATIONS: &[(&str, ColType)] = &[
    ("onet_code", Text),
    ("soc_code", Text),
    ("soc_broad_code", Text),
    ("title", Text),
    ("description", Text),
];
const JOB_ZONES: &[(&str, ColType)] = &[
    ("onet_code", Text),
    ("job_zone", Int),
    ("rated_on", Text),
    ("domain_source", Text),
];
const JOB_ZONE_REFERENCE: &[(&str, ColType)] = &[
    ("job_zone", Int),
    ("name", Text),
    ("experience", Text),
    ("education", Text),
    ("job_training", Text),
    ("examples", Text),
    ("svp_range", Text),
];
const EDUCATION_CATEGORIES: &[(&str, ColType)] = &[
    ("element_id", Text),
    ("element_name", Text),
    ("scale_id", Text),
    ("category", Int),
    ("description", Text),
];
const ALTERNATE_TITLES: &[(&str, ColType)] = &[
    ("onet_code", Text),
    ("position", Int),
    ("title", Text),
    ("short_title", Text),
    ("sources", Text),
];
const REPORTED_TITLES: &[(&str, ColType)] = &[
    ("onet_code", Text),
    ("position", Int),
    ("title", Text),
    ("shown_in_my_next_move", Bool),
];
const RELATED: &[(&str, ColType)] = &[
    ("onet_code", Text),
    ("related_code", Text),
    ("tier", Text),
    ("rank", Int),
];
const CLUSTERS: &[(&str, ColType)] = &[
    ("framework", Text),
    ("cluster", Text),
    ("pathway", Text),
    ("position", Int),
];
const CLUSTER_OCCUPATIONS: &[(&str, ColType)] = &[
    ("framework", Text),
    ("cluster", Text),
    ("pathway", Text),
    ("code", Text),
    ("title", Text),
];

/// Tables with floating-point columns, which `Tx::bulk_insert` has no column type for, go
/// as multi-row `INSERT … VALUES (…), (…)` statements of this many rows, prepared once and
/// sent together by `Tx::execute_many` (pipelined on PostgreSQL, one trip to SQLite's
/// writer). 100 rows of the widest table are 1,300 parameters, far below either database's
/// limit.
const ROWS_PER_INSERT: usize = 100;

/// A table loaded by [`insert_values`]: its name, its columns, and its two statements (one
/// of [`ROWS_PER_INSERT`] rows, one of a single row), built once.
struct ValuesTable {
    table: &'static str,
    columns: &'static [&'static str],
    many: OnceLock<String>,
    one: OnceLock<String>,
}

impl ValuesTable {
    const fn new(table: &'static str, columns: &'static [&'static str]) -> ValuesTable {
        ValuesTable {
            table,
            columns,
            many: OnceLock::new(),
            one: OnceLock::new(),
        }
    }

    fn sql(&'static self, rows: usize) -> &'static str {
        let cell = if rows == 1 { &self.one } else { &self.many };
        cell.get_or_init(|| {
            let width = self.columns.len();
            let tuples: Vec<String> = (0..rows)
                .map(|r| {
                    let marks: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
                    format!("({})", marks.join(", "))
                })
                .collect();
            format!(
                "INSERT INTO {} ({}) VALUES {}",
                self.table,
                self.columns.join(", "),
                tuples.join(", ")
            )
        })
    }
}

const RATING_COLUMNS: &[&str] = &[
    "onet_code",
    "element_id",
    "element_name",
    "scale_id",
    "value",
    "rated_on",
    "domain_source",
];
static INTERESTS: ValuesTable = ValuesTable::new("onet_interests", RATING_COLUMNS);
static WORK_VALUES: ValuesTable = ValuesTable::new("onet_work_values", RATING_COLUMNS);
static EDUCATION: ValuesTable = ValuesTable::new(
    "onet_education",
    &[
        "onet_code",
        "element_id",
        "element_name",
        "scale_id",
        "category",
        "value",
        "n",
        "standard_error",
        "lower_ci",
        "upper_ci",
        "recommend_suppress",
        "rated_on",
        "domain_source",
    ],
);
static PROJECTIONS: ValuesTable = ValuesTable::new(
    "bls_projections",
    &[
        "soc_code",
        "title",
        "depth",
        "occupation_type",
        "employment",
        "employment_projected",
        "change",
        "change_percent",
        "self_employed_percent",
        "openings",
        "median_wage",
        "median_wage_top_coded",
        "education",
        "work_experience",
        "training",
    ],
);

/// Inserts `rows` into `t` in statements of [`ROWS_PER_INSERT`] rows.
async fn insert_values(tx: &mut Tx, t: &'static ValuesTable, rows: Vec<Vec<Value>>) -> Result<u64, StoreError> {
    let full = rows.len() / ROWS_PER_INSERT * ROWS_PER_INSERT;
    let mut rows = rows;
    let rest = rows.split_off(full);
    let mut batches: Vec<Vec<Value>> = Vec::with_capacity(full / ROWS_PER_INSERT);
    let mut it = rows.into_iter();
    for _ in 0..full / ROWS_PER_INSERT {
        batches.push(it.by_ref().take(ROWS_PER_INSERT).flatten().collect());
    }
    let mut n = 0;
    if !batches.is_empty() {
        n += tx.execute_many(t.sql(ROWS_PER_INSERT), batches).await?;
    }
    if !rest.is_empty() {
        n += tx.execute_many(t.sql(1), rest).await?;
    }
    Ok(n)
}

fn rating_rows(ratings: Vec<OnetRating>) -> Vec<Vec<Value>> {
    ratings
        .into_iter()
        .map(|r| {
            params![
                r.code,
                r.element_id,
                r.element_name,
                r.scale_id,
                r.value,
                r.rated_on,
                r.domain_source
            ]
        })
        .collect()
}

/// Records a release in `career_releases`, returning the version it replaces.
async fn record_release(
    tx: &mut Tx,
    dataset: &str,
    info: ReleaseInfo,
    rows: i64,
) -> Result<Option<String>, StoreError> {
    let previous = tx
        .query_opt(
            "SELECT version FROM career_releases WHERE dataset = $1",
            params![dataset],
        )
        .await?
        .map(|r| r.text(0))
        .transpose()?;
    tx.execute(
        "INSERT INTO career_releases (dataset, version, title, published, period_start, period_end, publisher,
                                      license, attribution, row_count, loaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (dataset) DO UPDATE SET version = excluded.version, title = excluded.title,
             published = excluded.published, period_start = excluded.period_start,
             period_end = excluded.period_end, publisher = excluded.publisher, license = excluded.license,
             attribution = excluded.attribution, row_count = excluded.row_count, loaded_at = excluded.loaded_at",
        params![
            dataset,
            info.version,
            info.title,
            info.published,
            info.period_start,
            info.period_end,
            info.publisher,
            info.license,
            info.attribution,
            rows,
            now_ms()
        ],
    )
    .await?;
    Ok(previous)
}

/// Row counts must fit the database's INTEGER positions.
fn position(i: usize) -> Value {
    Value::I64(i as i64)
}

impl Store {
    /// Replaces the stored O*NET release with `data`, all or nothing.
    pub async fn replace_onet(&self, data: OnetData) -> Result<Replaced, StoreError> {
        let rows = (data.occupations.len()
            + data.interests.len()
            + data.work_values.len()
            + data.job_zones.len()
            + data.job_zone_reference.len()
            + data.education.len()
            + data.education_categories.len()
            + data.alternate_titles.len()
            + data.reported_titles.len()
            + data.related.len()) as i64;
        let started = std::time::Instant::now();
        let step = |what: &'static str| {
            tracing::debug!(
                step = what,
                ms = started.elapsed().as_millis() as u64,
                "replace O*NET release"
            );
        };
        let mut tx = self.db.begin().await?;
        // Rows that refer to occupations first.
        for sql in [
            "DELETE FROM onet_related_occupations",
            "DELETE FROM onet_alternate_titles",
            "DELETE FROM onet_reported_titles",
            "DELETE FROM onet_education",
            "DELETE FROM onet_interests",
            "DELETE FROM onet_work_values",
            "DELETE FROM onet_job_zones",
            "DELETE FROM onet_job_zone_reference",
            "DELETE FROM onet_education_categories",
            "DELETE FROM onet_occupations",
        ] {
            tx.execute(sql, params![]).await?;
        }
        step("deleted");
        let occupations = data
            .occupations
            .into_iter()
            .map(|o| params![o.code, o.soc_code, o.soc_broad_code, o.title, o.description])
            .collect();
        tx.bulk_insert("onet_occupations", OCCUPATIONS, occupations).await?;
        let zones = data
            .job_zones
            .into_iter()
            .map(|z| params![z.code, z.job_zone, z.rated_on, z.domain_source])
            .collect();
        tx.bulk_insert("onet_job_zones", JOB_ZONES, zones).await?;
        let reference = data
            .job_zone_reference
            .into_iter()
            .map(|z| {
                params![
                    z.job_zone,
                    z.name,
                    z.experience,
                    z.education,
                    z.job_training,
                    z.examples,
                    z.svp_range
                ]
            })
            .collect();
        tx.bulk_insert("onet_job_zone_reference", JOB_ZONE_REFERENCE, reference)
            .await?;
        let categories = data
            .education_categories
            .into_iter()
            .map(|c| params![c.element_id, c.element_name, c.scale_id, c.category, c.description])
            .collect();
        tx.bulk_insert("onet_education_categories", EDUCATION_CATEGORIES, categories)
            .await?;
        let alternate = data
            .alternate_titles
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                vec![
                    t.code.into(),
                    position(i),
                    t.title.into(),
                    t.short_title.into(),
                    t.sources.into(),
                ]
            })
            .collect();
        tx.bulk_insert("onet_alternate_titles", ALTERNATE_TITLES, alternate)
            .await?;
        let reported = data
            .reported_titles
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                vec![
                    t.code.into(),
                    position(i),
                    t.title.into(),
                    t.shown_in_my_next_move.into(),
                ]
            })
            .collect();
        tx.bulk_insert("onet_reported_titles", REPORTED_TITLES, reported)
            .await?;
        let related = data
            .related
            .into_iter()
            .map(|r| params![r.code, r.related_code, r.tier, r.rank])
            .collect();
        tx.bulk_insert("onet_related_occupations", RELATED, related).await?;
        step("bulk loaded");
        insert_values(&mut tx, &INTERESTS, rating_rows(data.interests)).await?;
        insert_values(&mut tx, &WORK_VALUES, rating_rows(data.work_values)).await?;
        let education = data
            .education
            .into_iter()
            .map(|e| {
                params![
                    e.code,
                    e.element_id,
                    e.element_name,
                    e.scale_id,
                    e.category,
                    e.value,
                    e.n,
                    e.standard_error,
                    e.lower_ci,
                    e.upper_ci,
                    e.recommend_suppress,
                    e.rated_on,
                    e.domain_source
                ]
            })
            .collect();
        insert_values(&mut tx, &EDUCATION, education).await?;
        step("ratings inserted");
        let previous = record_release(&mut tx, ONET, data.release, rows).await?;
        tx.commit().await?;
        step("committed");
        Ok(Replaced { previous, rows })
    }

    /// Replaces the stored BLS projections with `rows`, all or nothing.
    pub async fn replace_bls_projections(
        &self,
        release: ReleaseInfo,
        rows: Vec<BlsProjection>,
    ) -> Result<Replaced, StoreError> {
        let count = rows.len() as i64;
        let mut tx = self.db.begin().await?;
        tx.execute("DELETE FROM bls_projections", params![]).await?;
        let values = rows
            .into_iter()
            .map(|p| {
                params![
                    p.soc_code,
                    p.title,
                    p.depth,
                    p.occupation_type,
                    p.employment,
                    p.employment_projected,
                    p.change,
                    p.change_percent,
                    p.self_employed_percent,
                    p.openings,
                    p.median_wage,
                    p.median_wage_top_coded,
                    p.education,
                    p.work_experience,
                    p.training
                ]
            })
            .collect();
        insert_values(&mut tx, &PROJECTIONS, values).await?;
        let previous = record_release(&mut tx, BLS_PROJECTIONS, release, count).await?;
        tx.commit().await?;
        Ok(Replaced { previous, rows: count })
    }

    /// Replaces one framework's clusters with `entries`, all or nothing. Other frameworks
    /// are left alone.
    pub async fn replace_career_clusters(
        &self,
        framework: &str,
        release: ReleaseInfo,
        entries: Vec<ClusterEntry>,
    ) -> Result<Replaced, StoreError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            if seen.insert((e.cluster.as_str(), e.pathway.as_str())) {
                pairs.push((e.cluster.clone(), e.pathway.clone()));
            }
        }
        let count = (pairs.len() + entries.len()) as i64;
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM career_cluster_occupations WHERE framework = $1",
            params![framework],
        )
        .await?;
        tx.execute("DELETE FROM career_clusters WHERE framework = $1", params![framework])
            .await?;
        let clusters = pairs
            .into_iter()
            .enumerate()
            .map(|(i, (c, p))| vec![framework.into(), c.into(), p.into(), position(i)])
            .collect();
        tx.bulk_insert("career_clusters", CLUSTERS, clusters).await?;
        let occupations = entries
            .into_iter()
            .map(|e| params![framework, e.cluster, e.pathway, e.code, e.title])
            .collect();
        tx.bulk_insert("career_cluster_occupations", CLUSTER_OCCUPATIONS, occupations)
            .await?;
        let previous = record_release(&mut tx, &clusters_dataset(framework), release, count).await?;
        tx.commit().await?;
        Ok(Replaced { previous, rows: count })
    }

    /// The releases loaded, by dataset.
    pub async fn career_releases(&self) -> Result<Vec<CareerRelease>, StoreError> {
        let rows = self
            .db
            .query(
                "SELECT dataset, version, title, published, period_start, period_end, publisher, license,
                        attribution, row_count, loaded_at
                 FROM career_releases ORDER BY dataset",
                params![],
            )
            .await?;
        rows.iter().map(crate::career_catalog::release_from).collect()
    }

    /// How many rows each careers table holds.
    pub async fn careers_counts(&self) -> Result<CareersCounts, StoreError> {
        let r = self
            .db
            .query_one(
                "SELECT (SELECT COUNT(*) FROM onet_occupations), (SELECT COUNT(*) FROM onet_interests),
                        (SELECT COUNT(*) FROM onet_work_values), (SELECT COUNT(*) FROM onet_job_zones),
                        (SELECT COUNT(*) FROM onet_job_zone_reference), (SELECT COUNT(*) FROM onet_education),
                        (SELECT COUNT(*) FROM onet_education_categories),
                        (SELECT COUNT(*) FROM onet_alternate_titles), (SELECT COUNT(*) FROM onet_reported_titles),
                        (SELECT COUNT(*) FROM onet_related_occupations), (SELECT COUNT(*) FROM bls_projections),
                        (SELECT COUNT(*) FROM career_clusters), (SELECT COUNT(*) FROM career_cluster_occupations)",
                params![],
            )
            .await?;
        Ok(CareersCounts {
            occupations: r.i64(0)?,
            interests: r.i64(1)?,
            work_values: r.i64(2)?,
            job_zones: r.i64(3)?,
            job_zone_reference: r.i64(4)?,
            education: r.i64(5)?,
            education_categories: r.i64(6)?,
            alternate_titles: r.i64(7)?,
            reported_titles: r.i64(8)?,
            related_occupations: r.i64(9)?,
            projections: r.i64(10)?,
            clusters: r.i64(11)?,
            cluster_occupations: r.i64(12)?,
        })
    }

    /// How many stored O*NET occupations the stored projections cover, by the join rule.
    pub async fn projection_coverage(&self) -> Result<ProjectionCoverage, StoreError> {
        let r = self
            .db
            .query_one(
                "SELECT COALESCE(SUM(CASE WHEN e.soc_code IS NOT NULL THEN 1 ELSE 0 END), 0),
                        COALESCE(SUM(CASE WHEN e.soc_code IS NULL AND b.soc_code IS NOT NULL THEN 1 ELSE 0 END), 0),
                        COALESCE(SUM(CASE WHEN e.soc_code IS NULL AND b.soc_code IS NULL THEN 1 ELSE 0 END), 0)
                 FROM onet_occupations o
                 LEFT JOIN bls_projections e ON e.soc_code = o.soc_code AND e.occupation_type = 'line_item'
                 LEFT JOIN bls_projections b ON b.soc_code = o.soc_broad_code AND b.occupation_type = 'line_item'",
                params![],
            )
            .await?;
        Ok(ProjectionCoverage {
            exact: r.i64(0)?,
            broad: r.i64(1)?,
            none: r.i64(2)?,
        })
    }

    /// An occupation with its ratings, titles, related occupations, projection and clusters;
    /// `None` if the stored release has no such code. One batch of reads.
    pub async fn occupation(&self, code: &str) -> Result<Option<OccupationDetail>, StoreError> {
        let p = || params![code];
        let mut batch = self
            .db
            .query_batch(vec![
                (
                    "SELECT o.onet_code, o.soc_code, o.title, o.description, z.job_zone, r.name
                     FROM onet_occupations o
                     LEFT JOIN onet_job_zones z ON z.onet_code = o.onet_code
                     LEFT JOIN onet_job_zone_reference r ON r.job_zone = z.job_zone
                     WHERE o.onet_code = $1",
                    p(),
                ),
                (
                    "SELECT element_id, element_name, scale_id, value FROM onet_interests
                     WHERE onet_code = $1 ORDER BY element_id, scale_id",
                    p(),
                ),
                (
                    "SELECT element_id, element_name, scale_id, value FROM onet_work_values
                     WHERE onet_code = $1 ORDER BY element_id, scale_id",
                    p(),
                ),
                (
                    "SELECT e.element_id, e.element_name, e.scale_id, e.category, c.description, e.value, e.n,
                            e.recommend_suppress
                     FROM onet_education e
                     LEFT JOIN onet_education_categories c
                       ON c.element_id = e.element_id AND c.scale_id = e.scale_id AND c.category = e.category
                     WHERE e.onet_code = $1
                     ORDER BY e.element_id, e.scale_id, e.category",
                    p(),
                ),
                (
                    "SELECT title, short_title FROM onet_alternate_titles WHERE onet_code = $1 ORDER BY position",
                    p(),
                ),
                (
                    "SELECT title, shown_in_my_next_move FROM onet_reported_titles
                     WHERE onet_code = $1 ORDER BY position",
                    p(),
                ),
                (
                    "SELECT r.related_code, o.title, r.tier, r.rank
                     FROM onet_related_occupations r JOIN onet_occupations o ON o.onet_code = r.related_code
                     WHERE r.onet_code = $1 ORDER BY r.rank, r.related_code",
                    p(),
                ),
                (
                    "SELECT p.soc_code, p.title, p.soc_code <> o.soc_code, p.employment, p.employment_projected,
                            p.change, p.change_percent, p.openings, p.median_wage, p.median_wage_top_coded,
                            p.education, p.work_experience, p.training
                     FROM onet_occupations o
                     JOIN bls_projections p ON p.occupation_type = 'line_item'
                       AND (p.soc_code = o.soc_code OR p.soc_code = o.soc_broad_code)
                     WHERE o.onet_code = $1
                     ORDER BY CASE WHEN p.soc_code = o.soc_code THEN 0 ELSE 1 END
                     LIMIT 1",
                    p(),
                ),
                (
                    "SELECT c.framework, c.cluster, c.pathway
                     FROM onet_occupations o
                     JOIN career_cluster_occupations c ON c.code = o.onet_code OR c.code = o.soc_code
                     JOIN career_clusters k
                       ON k.framework = c.framework AND k.cluster = c.cluster AND k.pathway = c.pathway
                     WHERE o.onet_code = $1
                     ORDER BY c.framework, k.position",
                    p(),
                ),
            ])
            .await?
            .into_iter();
        let mut next = || batch.next().unwrap_or_default();
        let Some(o) = next().into_iter().next() else {
            return Ok(None);
        };
        let scores = |rows: Vec<crate::Row>| -> Result<Vec<Score>, StoreError> {
            rows.iter()
                .map(|r| {
                    Ok(Score {
                        element_id: r.text(0)?,
                        element_name: r.text(1)?,
                        scale_id: r.text(2)?,
                        value: r.f64(3)?,
                    })
                })
                .collect()
        };
        let interests = scores(next())?;
        let work_values = scores(next())?;
        let education = next()
            .iter()
            .map(|r| {
                Ok(EducationValue {
                    element_id: r.text(0)?,
                    element_name: r.text(1)?,
                    scale_id: r.text(2)?,
                    category: r.opt_i64(3)?,
                    category_description: r.opt_text(4)?,
                    value: r.f64(5)?,
                    n: r.opt_i64(6)?,
                    recommend_suppress: match r.0.get(7) {
                        Some(Value::Null) | None => None,
                        _ => Some(r.bool(7)?),
                    },
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let alternate_titles = next()
            .iter()
            .map(|r| Ok((r.text(0)?, r.opt_text(1)?)))
            .collect::<Result<_, StoreError>>()?;
        let reported_titles = next()
            .iter()
            .map(|r| Ok((r.text(0)?, r.bool(1)?)))
            .collect::<Result<_, StoreError>>()?;
        let related = next()
            .iter()
            .map(|r| {
                Ok(RelatedOccupation {
                    code: r.text(0)?,
                    title: r.text(1)?,
                    tier: r.text(2)?,
                    rank: r.i64(3)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let projection = next()
            .first()
            .map(|r| {
                Ok::<_, StoreError>(Projection {
                    soc_code: r.text(0)?,
                    title: r.text(1)?,
                    broad_group: r.bool(2)?,
                    employment: r.opt_i64(3)?,
                    employment_projected: r.opt_i64(4)?,
                    change: r.opt_i64(5)?,
                    change_percent: opt_f64(r, 6)?,
                    openings: r.opt_i64(7)?,
                    median_wage: r.opt_i64(8)?,
                    median_wage_top_coded: r.bool(9)?,
                    education: r.opt_text(10)?,
                    work_experience: r.opt_text(11)?,
                    training: r.opt_text(12)?,
                })
            })
            .transpose()?;
        let clusters = next()
            .iter()
            .map(|r| {
                Ok(ClusterPlace {
                    framework: r.text(0)?,
                    cluster: r.text(1)?,
                    pathway: r.text(2)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(OccupationDetail {
            code: o.text(0)?,
            soc_code: o.text(1)?,
            title: o.text(2)?,
            description: o.text(3)?,
            job_zone: o.opt_i64(4)?,
            job_zone_name: o.opt_text(5)?,
            interests,
            work_values,
            education,
            alternate_titles,
            reported_titles,
            related,
            projection,
            clusters,
        }))
    }
}

fn opt_f64(r: &crate::Row, i: usize) -> Result<Option<f64>, StoreError> {
    match r.0.get(i) {
        Some(Value::Null) | None => Ok(None),
        _ => r.f64(i).map(Some),
    }
}
