//! What the careers catalog is built from: every occupation with the few facts a list of
//! careers shows (job zone, interest and work-value profiles, its projection, its clusters)
//! and every title to search, read in one batch. The application layer builds its in-memory
//! catalog and search index from this once per release ([`Store::career_catalog_rows`]) and
//! asks [`Store::career_release_stamps`], a read of a few rows, whether a release has changed.

use crate::cache::Key;
use crate::careers::{CareerRelease, OccupationDetail, OnetJobZoneReference, Projection, ReleaseInfo};
use crate::{Row, Store, StoreError, params};
use std::sync::Arc;

/// An occupation as the catalog lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogOccupation {
    pub code: String,
    pub soc_code: String,
    pub title: String,
    pub description: String,
    pub job_zone: Option<i64>,
}

/// A rating of an occupation: `(code, element id, value)`.
pub type RatingRow = (String, String, f64);

/// A place in a clusters framework; `pathway` is empty when the framework has none.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterKey {
    pub framework: String,
    pub cluster: String,
    pub pathway: String,
}

/// Everything the catalog is built from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogRows {
    /// By code.
    pub occupations: Vec<CatalogOccupation>,
    /// The six RIASEC scores (scale `OI`, 1–7) of each rated occupation.
    pub interests: Vec<RatingRow>,
    /// The six work-value extents (scale `EX`, 1–7).
    pub work_values: Vec<RatingRow>,
    /// Each occupation's projection candidates: the line item of its SOC code and that of its
    /// SOC broad group (`broad_group` set), by the rule of `waypoint_import_export::bls`.
    pub projections: Vec<(String, Projection)>,
    /// The change in employment of all occupations (BLS's `00-0000` row), in percent.
    pub all_change_percent: Option<f64>,
    /// `(code, title)` in O*NET's order.
    pub alternate_titles: Vec<(String, String)>,
    /// `(code, title)` in O*NET's order.
    pub reported_titles: Vec<(String, String)>,
    /// Every cluster and pathway, by framework and the framework's order.
    pub clusters: Vec<ClusterKey>,
    /// `(code, place)`: a cluster entry by SOC code counts for every occupation within it.
    pub memberships: Vec<(String, ClusterKey)>,
    pub job_zones: Vec<OnetJobZoneReference>,
    pub releases: Vec<CareerRelease>,
}

fn projection_from(r: &Row, at: usize, broad_group: bool) -> Result<Projection, StoreError> {
    Ok(Projection {
        soc_code: r.text(at)?,
        title: r.text(at + 1)?,
        broad_group,
        employment: r.opt_i64(at + 2)?,
        employment_projected: r.opt_i64(at + 3)?,
        change: r.opt_i64(at + 4)?,
        change_percent: opt_f64(r, at + 5)?,
        openings: r.opt_i64(at + 6)?,
        median_wage: r.opt_i64(at + 7)?,
        median_wage_top_coded: r.bool(at + 8)?,
        education: r.opt_text(at + 9)?,
        work_experience: r.opt_text(at + 10)?,
        training: r.opt_text(at + 11)?,
    })
}

fn opt_f64(r: &Row, i: usize) -> Result<Option<f64>, StoreError> {
    match r.0.get(i) {
        Some(crate::Value::Null) | None => Ok(None),
        _ => r.f64(i).map(Some),
    }
}

/// A `career_releases` row read in column order (dataset, version, title, published,
/// period_start, period_end, publisher, license, attribution, row_count, loaded_at).
pub(crate) fn release_from(r: &Row) -> Result<CareerRelease, StoreError> {
    Ok(CareerRelease {
        dataset: r.text(0)?,
        info: ReleaseInfo {
            version: r.text(1)?,
            title: r.text(2)?,
            published: r.opt_text(3)?,
            period_start: r.opt_i64(4)?,
            period_end: r.opt_i64(5)?,
            publisher: r.text(6)?,
            license: r.text(7)?,
            attribution: r.text(8)?,
        },
        row_count: r.i64(9)?,
        loaded_at: r.i64(10)?,
    })
}

impl Store {
    /// When each careers dataset was loaded: `(dataset, loaded_at)`, by dataset. A changed
    /// answer means the catalog must be built again.
    pub async fn career_release_stamps(&self) -> Result<Vec<(String, i64)>, StoreError> {
        self.db
            .query(
                "SELECT dataset, loaded_at FROM career_releases ORDER BY dataset",
                params![],
            )
            .await?
            .iter()
            .map(|r| Ok((r.text(0)?, r.i64(1)?)))
            .collect()
    }

    /// Everything the careers catalog is built from, in one batch of reads.
    pub async fn career_catalog_rows(&self) -> Result<CatalogRows, StoreError> {
        const EXACT: &str = "SELECT o.onet_code, p.soc_code, p.title, p.employment, p.employment_projected, p.change,
                    p.change_percent, p.openings, p.median_wage, p.median_wage_top_coded, p.education,
                    p.work_experience, p.training
             FROM onet_occupations o
             JOIN bls_projections p ON p.soc_code = o.soc_code AND p.occupation_type = 'line_item'";
        const BROAD: &str = "SELECT o.onet_code, p.soc_code, p.title, p.employment, p.employment_projected, p.change,
                    p.change_percent, p.openings, p.median_wage, p.median_wage_top_coded, p.education,
                    p.work_experience, p.training
             FROM onet_occupations o
             JOIN bls_projections p ON p.soc_code = o.soc_broad_code AND p.occupation_type = 'line_item'
             WHERE p.soc_code <> o.soc_code";
        let batch = self
            .db
            .query_batch(vec![
                // The releases first: if an import commits while the batch runs, the stamps
                // are the older ones and the next check builds the catalog again.
                (
                    "SELECT dataset, version, title, published, period_start, period_end, publisher, license,
                            attribution, row_count, loaded_at
                     FROM career_releases ORDER BY dataset",
                    params![],
                ),
                (
                    "SELECT o.onet_code, o.soc_code, o.title, o.description, z.job_zone
                     FROM onet_occupations o LEFT JOIN onet_job_zones z ON z.onet_code = o.onet_code
                     ORDER BY o.onet_code",
                    params![],
                ),
                (
                    "SELECT onet_code, element_id, value FROM onet_interests WHERE scale_id = 'OI'",
                    params![],
                ),
                (
                    "SELECT onet_code, element_id, value FROM onet_work_values WHERE scale_id = 'EX'",
                    params![],
                ),
                (EXACT, params![]),
                (BROAD, params![]),
                (
                    "SELECT change_percent FROM bls_projections WHERE soc_code = '00-0000'",
                    params![],
                ),
                (
                    "SELECT onet_code, title FROM onet_alternate_titles ORDER BY onet_code, position",
                    params![],
                ),
                (
                    "SELECT onet_code, title FROM onet_reported_titles ORDER BY onet_code, position",
                    params![],
                ),
                (
                    "SELECT framework, cluster, pathway FROM career_clusters ORDER BY framework, position",
                    params![],
                ),
                (
                    "SELECT o.onet_code, c.framework, c.cluster, c.pathway
                     FROM onet_occupations o JOIN career_cluster_occupations c ON c.code = o.onet_code
                     UNION
                     SELECT o.onet_code, c.framework, c.cluster, c.pathway
                     FROM onet_occupations o JOIN career_cluster_occupations c ON c.code = o.soc_code",
                    params![],
                ),
                (
                    "SELECT job_zone, name, experience, education, job_training, examples, svp_range
                     FROM onet_job_zone_reference ORDER BY job_zone",
                    params![],
                ),
            ])
            .await?;
        let mut it = batch.into_iter();
        let mut next = || it.next().unwrap_or_default();
        let releases = next().iter().map(release_from).collect::<Result<_, StoreError>>()?;
        let occupations = next()
            .iter()
            .map(|r| {
                Ok(CatalogOccupation {
                    code: r.text(0)?,
                    soc_code: r.text(1)?,
                    title: r.text(2)?,
                    description: r.text(3)?,
                    job_zone: r.opt_i64(4)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let ratings = |rows: Vec<Row>| -> Result<Vec<RatingRow>, StoreError> {
            rows.iter().map(|r| Ok((r.text(0)?, r.text(1)?, r.f64(2)?))).collect()
        };
        let interests = ratings(next())?;
        let work_values = ratings(next())?;
        let mut projections: Vec<(String, Projection)> = Vec::new();
        for (rows, broad) in [(next(), false), (next(), true)] {
            for r in &rows {
                projections.push((r.text(0)?, projection_from(r, 1, broad)?));
            }
        }
        let all_change_percent = match next().first() {
            Some(r) => opt_f64(r, 0)?,
            None => None,
        };
        let pairs = |rows: Vec<Row>| -> Result<Vec<(String, String)>, StoreError> {
            rows.iter().map(|r| Ok((r.text(0)?, r.text(1)?))).collect()
        };
        let alternate_titles = pairs(next())?;
        let reported_titles = pairs(next())?;
        let clusters = next()
            .iter()
            .map(|r| {
                Ok(ClusterKey {
                    framework: r.text(0)?,
                    cluster: r.text(1)?,
                    pathway: r.text(2)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let memberships = next()
            .iter()
            .map(|r| {
                Ok((
                    r.text(0)?,
                    ClusterKey {
                        framework: r.text(1)?,
                        cluster: r.text(2)?,
                        pathway: r.text(3)?,
                    },
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        let job_zones = next()
            .iter()
            .map(|r| {
                Ok(OnetJobZoneReference {
                    job_zone: r.i64(0)?,
                    name: r.text(1)?,
                    experience: r.opt_text(2)?,
                    education: r.opt_text(3)?,
                    job_training: r.opt_text(4)?,
                    examples: r.opt_text(5)?,
                    svp_range: r.opt_text(6)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(CatalogRows {
            occupations,
            interests,
            work_values,
            projections,
            all_change_percent,
            alternate_titles,
            reported_titles,
            clusters,
            memberships,
            job_zones,
            releases,
        })
    }

    /// [`Store::occupation`], shared and from the read cache when nothing has been written
    /// since (a new release is a write, so it is never served stale).
    pub async fn occupation_shared(&self, code: &str) -> Result<Option<Arc<OccupationDetail>>, StoreError> {
        self.cached(Key::Occupation(code.to_string()), async move {
            Ok(self.occupation(code).await?.map(Arc::new))
        })
        .await
    }
}
