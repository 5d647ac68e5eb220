//! `waypoint import onet|bls|clusters`: careers reference data, read by the pure readers of
//! `waypoint-import-export` and stored whole by `waypoint-store` (one transaction per
//! dataset; a second import of the same files changes nothing, a newer release replaces the
//! older).

use anyhow::bail;
use std::path::Path;
use std::time::Instant;
use waypoint_import_export::reference::Report;
use waypoint_import_export::{bls, clusters, onet};
use waypoint_store::Store;
use waypoint_store::careers::{
    BlsProjection, ClusterEntry, OnetAlternateTitle, OnetData, OnetEducation, OnetEducationCategory, OnetJobZone,
    OnetJobZoneReference, OnetOccupation, OnetRating, OnetRelated, OnetReportedTitle, ReleaseInfo,
};

/// Who the O*NET attribution names as having modified the data, unless told otherwise.
pub const DEFAULT_MODIFIED_BY: &str = "The Waypoint project";

/// Options of `waypoint import onet`.
#[derive(Clone, Debug, Default)]
pub struct OnetOptions {
    /// The release's version, when the folder has no `Read Me.txt`.
    pub release: Option<String>,
    /// When it was published, when the folder has no `Read Me.txt`.
    pub published: Option<String>,
    /// Who the attribution names as having modified the data.
    pub modified_by: Option<String>,
}

/// Options of `waypoint import clusters`.
#[derive(Clone, Debug, Default)]
pub struct ClusterOptions {
    /// The framework's key, e.g. `advance-cte`; importing the same key again replaces it.
    pub framework: String,
    /// Its title, e.g. `National Career Clusters Framework`.
    pub title: Option<String>,
    /// Its version or date.
    pub release: Option<String>,
    /// Who publishes it.
    pub publisher: String,
    /// Its license or terms.
    pub license: Option<String>,
}

fn print_report(report: &Report) {
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    if report.truncated > 0 {
        eprintln!("… and {} more errors", report.truncated);
    }
    for w in report.warnings.iter().take(20) {
        eprintln!("warning: {w}");
    }
}

fn print_warnings(warnings: &[waypoint_import_export::reference::Issue]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn rejected(report: Report) -> anyhow::Error {
    print_report(&report);
    anyhow::anyhow!(
        "{} was rejected: {} problem(s); nothing was changed",
        report.subject,
        report.error_count()
    )
}

/// Converts a read release into the rows the store loads.
pub fn onet_data(r: onet::Release, modified_by: &str) -> OnetData {
    let release = ReleaseInfo {
        title: format!("O*NET {} Database", r.version),
        attribution: onet::attribution(&r.version, modified_by),
        version: r.version,
        published: r.published,
        period_start: None,
        period_end: None,
        publisher: onet::PUBLISHER.into(),
        license: onet::LICENSE.into(),
    };
    let rating = |x: onet::Rating| OnetRating {
        code: x.code,
        element_id: x.element_id,
        element_name: x.element_name,
        scale_id: x.scale_id,
        value: x.value,
        rated_on: x.date,
        domain_source: x.domain_source,
    };
    OnetData {
        release,
        occupations: r
            .occupations
            .into_iter()
            .map(|o| OnetOccupation {
                soc_code: bls::soc_of(&o.code).to_owned(),
                soc_broad_code: bls::broad_group(bls::soc_of(&o.code)),
                code: o.code,
                title: o.title,
                description: o.description,
            })
            .collect(),
        interests: r.interests.into_iter().map(rating).collect(),
        work_values: r.work_values.into_iter().map(rating).collect(),
        job_zones: r
            .job_zones
            .into_iter()
            .map(|z| OnetJobZone {
                code: z.code,
                job_zone: z.job_zone.into(),
                rated_on: z.date,
                domain_source: z.domain_source,
            })
            .collect(),
        job_zone_reference: r
            .job_zone_reference
            .into_iter()
            .map(|z| OnetJobZoneReference {
                job_zone: z.job_zone.into(),
                name: z.name,
                experience: z.experience,
                education: z.education,
                job_training: z.job_training,
                examples: z.examples,
                svp_range: z.svp_range,
            })
            .collect(),
        education: r
            .education
            .into_iter()
            .map(|e| OnetEducation {
                code: e.code,
                element_id: e.element_id,
                element_name: e.element_name,
                scale_id: e.scale_id,
                category: e.category.map(i64::from),
                value: e.value,
                n: e.n.map(i64::from),
                standard_error: e.standard_error,
                lower_ci: e.lower_ci,
                upper_ci: e.upper_ci,
                recommend_suppress: e.recommend_suppress,
                rated_on: e.date,
                domain_source: e.domain_source,
            })
            .collect(),
        education_categories: r
            .education_categories
            .into_iter()
            .map(|c| OnetEducationCategory {
                element_id: c.element_id,
                element_name: c.element_name,
                scale_id: c.scale_id,
                category: c.category.into(),
                description: c.description,
            })
            .collect(),
        alternate_titles: r
            .alternate_titles
            .into_iter()
            .map(|t| OnetAlternateTitle {
                code: t.code,
                title: t.title,
                short_title: t.short_title,
                sources: t.sources,
            })
            .collect(),
        reported_titles: r
            .reported_titles
            .into_iter()
            .map(|t| OnetReportedTitle {
                code: t.code,
                title: t.title,
                shown_in_my_next_move: t.shown_in_my_next_move,
            })
            .collect(),
        related: r
            .related_occupations
            .into_iter()
            .map(|x| OnetRelated {
                code: x.code,
                related_code: x.related_code,
                tier: x.tier,
                rank: x.index.into(),
            })
            .collect(),
    }
}

/// `waypoint import onet DIR`.
pub async fn import_onet(store: &Store, dir: &Path, opts: &OnetOptions) -> anyhow::Result<()> {
    let start = Instant::now();
    let options = onet::Options {
        version: opts.release.clone(),
        published: opts.published.clone(),
    };
    let owned = dir.to_path_buf();
    let release = tokio::task::spawn_blocking(move || onet::read_dir(&owned, &options))
        .await?
        .map_err(rejected)?;
    print_warnings(&release.warnings);
    let read = start.elapsed();
    let summary = format!(
        "{} occupations, {} interest ratings, {} job zones, {} education values ({} categories), {} alternate \
         titles, {} reported titles, {} related occupations, {} work values",
        release.occupations.len(),
        release.interests.len(),
        release.job_zones.len(),
        release.education.len(),
        release.education_categories.len(),
        release.alternate_titles.len(),
        release.reported_titles.len(),
        release.related_occupations.len(),
        release.work_values.len()
    );
    let name = match &release.published {
        Some(p) => format!("O*NET {} ({p})", release.version),
        None => format!("O*NET {}", release.version),
    };
    let data = onet_data(release, opts.modified_by.as_deref().unwrap_or(DEFAULT_MODIFIED_BY));
    let written = Instant::now();
    let done = store.replace_onet(data).await?;
    let replaced = done.previous.map(|v| format!(", replacing {v}")).unwrap_or_default();
    println!(
        "imported {name}: {summary}; read in {:.1}s, stored in {:.1}s{replaced}",
        read.as_secs_f64(),
        written.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Converts read projections into the rows the store loads.
pub fn bls_rows(p: bls::Projections) -> (ReleaseInfo, Vec<BlsProjection>) {
    let version = p.version();
    let info = ReleaseInfo {
        title: format!("Employment Projections {}–{:02}", p.base_year, p.projection_year % 100),
        attribution: bls::attribution(&p),
        version,
        published: None,
        period_start: Some(p.base_year.into()),
        period_end: Some(p.projection_year.into()),
        publisher: "U.S. Bureau of Labor Statistics".into(),
        license: bls::LICENSE.into(),
    };
    let rows = p
        .rows
        .into_iter()
        .map(|r| BlsProjection {
            soc_code: r.soc_code,
            title: r.title,
            depth: r.depth.into(),
            occupation_type: r.occupation_type.as_str().into(),
            employment: r.employment,
            employment_projected: r.employment_projected,
            change: r.change,
            change_percent: r.change_percent,
            self_employed_percent: r.self_employed_percent,
            openings: r.openings,
            median_wage: r.median_wage,
            median_wage_top_coded: r.median_wage_top_coded,
            education: r.education,
            work_experience: r.work_experience,
            training: r.training,
        })
        .collect();
    (info, rows)
}

/// `waypoint import bls FILE`.
pub async fn import_bls(store: &Store, file: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    let owned = file.to_path_buf();
    let p = tokio::task::spawn_blocking(move || bls::read_path(&owned))
        .await?
        .map_err(rejected)?;
    print_warnings(&p.warnings);
    let read = start.elapsed();
    let lines = p
        .rows
        .iter()
        .filter(|r| r.occupation_type == bls::OccupationType::LineItem)
        .count();
    let total = p.rows.len();
    let (info, rows) = bls_rows(p);
    let title = info.title.clone();
    let written = Instant::now();
    let done = store.replace_bls_projections(info, rows).await?;
    let replaced = done.previous.map(|v| format!(", replacing {v}")).unwrap_or_default();
    println!(
        "imported BLS {title}: {total} rows ({lines} occupations, {} groups); read in {:.1}s, stored in {:.1}s{replaced}",
        total - lines,
        read.as_secs_f64(),
        written.elapsed().as_secs_f64()
    );
    let coverage = store.projection_coverage().await?;
    let occupations = coverage.exact + coverage.broad + coverage.none;
    if occupations > 0 {
        println!(
            "O*NET occupations with projections: {} by their SOC code, {} by their SOC broad group, {} without",
            coverage.exact, coverage.broad, coverage.none
        );
    }
    Ok(())
}

/// `waypoint import clusters FILE --framework KEY --publisher WHO`.
pub async fn import_clusters(store: &Store, file: &Path, opts: &ClusterOptions) -> anyhow::Result<()> {
    let framework = opts.framework.trim();
    if framework.is_empty() || framework.len() > 64 {
        bail!("--framework must be a short name, e.g. advance-cte");
    }
    let owned = file.to_path_buf();
    let x = tokio::task::spawn_blocking(move || clusters::read_path(&owned))
        .await?
        .map_err(rejected)?;
    print_warnings(&x.warnings);
    let title = opts.title.clone().unwrap_or_else(|| framework.to_owned());
    let info = ReleaseInfo {
        version: opts.release.clone().unwrap_or_else(|| "unversioned".into()),
        title: title.clone(),
        published: None,
        period_start: None,
        period_end: None,
        publisher: opts.publisher.clone(),
        license: opts.license.clone().unwrap_or_else(|| "not stated".into()),
        attribution: format!("Career clusters: {title}, {}.", opts.publisher),
    };
    let clusters = x.clusters.len();
    let entries: Vec<ClusterEntry> = x
        .entries
        .into_iter()
        .map(|e| ClusterEntry {
            cluster: e.cluster,
            pathway: e.pathway.unwrap_or_default(),
            code: e.code,
            title: e.title,
        })
        .collect();
    let n = entries.len();
    let done = store.replace_career_clusters(framework, info, entries).await?;
    let replaced = done.previous.map(|v| format!(", replacing {v:?}")).unwrap_or_default();
    println!("imported {title}: {clusters} clusters, {n} occupation places{replaced}");
    Ok(())
}

/// The shared reference-data folder: `WAYPOINT_DATA_DIR`, else `../shared/data` from the
/// current directory (beside a checkout of the repository).
pub fn shared_data_dir() -> std::path::PathBuf {
    std::env::var_os("WAYPOINT_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("../shared/data"))
}

/// What [`load_for_demo`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoCareers {
    /// Careers data was there already.
    Kept,
    /// The real O*NET, BLS and clusters files from the shared data folder.
    Shared,
    /// The small synthetic sample built into the binary.
    Sample,
}

/// The BLS Table 1.2 file in a `bls/` folder: `ep_table_1.2_…` as CSV.
fn bls_table(dir: &Path) -> Option<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ep_table_1.2") && n.ends_with(".csv"))
        })
        .collect();
    found.sort();
    found.pop()
}

/// Careers data for `waypoint demo`, unless some is loaded: the real O*NET, BLS projections
/// and career clusters from the shared data folder ([`shared_data_dir`]) when it has them,
/// else the synthetic sample in `content/careers-sample/` (built into the binary), through
/// the same readers either way.
pub async fn load_for_demo(store: &Store) -> anyhow::Result<DemoCareers> {
    if store
        .career_releases()
        .await?
        .iter()
        .any(|r| r.dataset == waypoint_store::careers::ONET)
    {
        return Ok(DemoCareers::Kept);
    }
    let dir = shared_data_dir();
    let onet_dir = dir.join("onet");
    if onet_dir.join("Occupation Data.txt").is_file()
        && let Some(table) = bls_table(&dir.join("bls"))
    {
        import_onet(store, &onet_dir, &OnetOptions::default()).await?;
        import_bls(store, &table).await?;
        let cte = dir.join("clusters/advancecte_soc_cluster_subcluster.csv");
        if cte.is_file() {
            let opts = ClusterOptions {
                framework: "advance-cte".into(),
                title: Some("National Career Clusters Framework".into()),
                release: Some("2025".into()),
                publisher: "Advance CTE".into(),
                license: None,
            };
            import_clusters(store, &cte, &opts).await?;
        }
        return Ok(DemoCareers::Shared);
    }
    load_sample(store).await?;
    Ok(DemoCareers::Sample)
}

/// The sample's files, built into the binary.
const SAMPLE_ONET: &[(&str, &[u8])] = &[
    (
        "Occupation Data.txt",
        include_bytes!("../../../content/careers-sample/onet/Occupation Data.txt"),
    ),
    (
        "Interests.txt",
        include_bytes!("../../../content/careers-sample/onet/Interests.txt"),
    ),
    (
        "Job Zones.txt",
        include_bytes!("../../../content/careers-sample/onet/Job Zones.txt"),
    ),
    (
        "Job Zone Reference.txt",
        include_bytes!("../../../content/careers-sample/onet/Job Zone Reference.txt"),
    ),
    (
        "Education, Training, and Experience.txt",
        include_bytes!("../../../content/careers-sample/onet/Education, Training, and Experience.txt"),
    ),
    (
        "Education, Training, and Experience Categories.txt",
        include_bytes!("../../../content/careers-sample/onet/Education, Training, and Experience Categories.txt"),
    ),
    (
        "Alternate Titles.txt",
        include_bytes!("../../../content/careers-sample/onet/Alternate Titles.txt"),
    ),
    (
        "Sample of Reported Titles.txt",
        include_bytes!("../../../content/careers-sample/onet/Sample of Reported Titles.txt"),
    ),
    (
        "Related Occupations.txt",
        include_bytes!("../../../content/careers-sample/onet/Related Occupations.txt"),
    ),
];
const SAMPLE_BLS: &[u8] = include_bytes!("../../../content/careers-sample/bls/projections.csv");
const SAMPLE_CLUSTERS: &[u8] = include_bytes!("../../../content/careers-sample/clusters/clusters.csv");

/// What every sample release says about itself: it is not O*NET's or BLS's data.
const SAMPLE_NOTICE: &str = "Synthetic sample data written for the Waypoint demo: the occupation codes and titles \
     follow O*NET-SOC 2019, but the descriptions, ratings, titles, wages and projections are invented. It is not \
     O*NET or BLS data; load the real releases with waypoint import onet, bls and clusters.";

fn sample_release(title: &str, period: Option<(i64, i64)>) -> ReleaseInfo {
    ReleaseInfo {
        version: "sample-1".into(),
        title: title.into(),
        published: None,
        period_start: period.map(|p| p.0),
        period_end: period.map(|p| p.1),
        publisher: DEFAULT_MODIFIED_BY.into(),
        license: "Same as Waypoint".into(),
        attribution: SAMPLE_NOTICE.into(),
    }
}

/// Loads the synthetic sample through the same readers and store as a real import.
pub async fn load_sample(store: &Store) -> anyhow::Result<()> {
    let files = SAMPLE_ONET
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), bytes.to_vec()))
        .collect();
    let options = onet::Options {
        version: Some("sample-1".into()),
        published: None,
    };
    let release = onet::read_files(files, &options).map_err(rejected)?;
    let mut data = onet_data(release, DEFAULT_MODIFIED_BY);
    data.release = sample_release("Waypoint sample careers (synthetic)", None);
    store.replace_onet(data).await?;
    let p = bls::read_bytes("projections.csv", SAMPLE_BLS).map_err(rejected)?;
    let period = (i64::from(p.base_year), i64::from(p.projection_year));
    let (_, rows) = bls_rows(p);
    store
        .replace_bls_projections(
            sample_release("Waypoint sample projections (synthetic)", Some(period)),
            rows,
        )
        .await?;
    let x = clusters::read_bytes("clusters.csv", SAMPLE_CLUSTERS).map_err(rejected)?;
    let entries = x
        .entries
        .into_iter()
        .map(|e| ClusterEntry {
            cluster: e.cluster,
            pathway: e.pathway.unwrap_or_default(),
            code: e.code,
            title: e.title,
        })
        .collect();
    store
        .replace_career_clusters(
            "sample",
            sample_release("Waypoint sample clusters (synthetic)", None),
            entries,
        )
        .await?;
    println!("loaded the synthetic careers sample (content/careers-sample)");
    Ok(())
}
