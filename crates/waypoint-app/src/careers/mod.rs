//! Careers: the catalog of occupations, the career page, and a student's saved careers.
//!
//! **The catalog is reference data.** Any signed-in person may search and read it; no
//! student record is touched, so nothing is logged. It lives in memory ([`Catalog`]), built
//! from the store on first use and built again when a careers release changes: at most every
//! [`CHECK_EVERY_MS`] one request compares the loaded releases' `loaded_at` with those the
//! catalog was built from (a read of a few rows) and, when they differ, builds the new
//! catalog while every other request keeps using the old one. An import in this process
//! can call [`App::refresh_careers`] to skip the wait; an import by `waypoint import` in
//! another process is picked up by the check.
//!
//! **Saved careers are student data.** Every read and change goes through
//! [`App::open_student`]: reading with `View` (the student, their guardians, and the staff
//! who may see the record), changing with `SaveCareers` (the student only).

pub mod catalog;

pub use catalog::{
    CareerHit, CareerQuery, CareerResults, Catalog, ClusterChoice, FrameworkChoice, OccupationSummary, OutlookFilter,
    PER_PAGE, SortOrder, is_code_prefix,
};

use crate::access::Origin;
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use waypoint_domain::UserId;
use waypoint_domain::authz::StudentAction;
use waypoint_domain::careers::EntryEducation;
use waypoint_domain::careers::search::MAX_QUERY_CHARS;
use waypoint_domain::people::AccountKind;
use waypoint_domain::validate::FieldErrors;
use waypoint_store::careers::{CareerRelease, OccupationDetail, OnetJobZoneReference};
use waypoint_store::now_ms;
use waypoint_store::saved_careers::SavedCareer;

/// How often, at most, a request checks whether a careers release has changed.
pub const CHECK_EVERY_MS: i64 = 5_000;
/// The longest note on a saved career, in characters.
pub const NOTE_MAX: usize = 500;
/// The most careers a student may keep on their list.
pub const MAX_SAVED: usize = 100;
/// The most a median-wage filter may ask for, in dollars a year.
pub const MAX_WAGE_FILTER: i64 = 10_000_000;

/// A kept ranking's key: (catalog id, interest attempt id, values attempt id).
pub type RankingKey = (u64, i64, Option<i64>);

/// The current catalog and the machinery to replace it.
#[derive(Default)]
pub(crate) struct Careers {
    current: RwLock<Option<Arc<Catalog>>>,
    /// Career matches of whole catalogs, by (catalog, interest attempt, values attempt):
    /// finished attempts never change, so neither does their ranking (see `matches`).
    pub(crate) rankings: std::sync::Mutex<HashMap<RankingKey, Arc<crate::matches::CatalogRanking>>>,
    /// One build at a time.
    building: tokio::sync::Mutex<()>,
    /// When the releases were last compared (milliseconds since 1970).
    checked_at: AtomicI64,
}

impl Careers {
    fn current(&self) -> Option<Arc<Catalog>> {
        match self.current.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, catalog: Arc<Catalog>) {
        match self.current.write() {
            Ok(mut c) => *c = Some(catalog),
            Err(poisoned) => *poisoned.into_inner() = Some(catalog),
        }
        self.checked_at.store(now_ms(), Ordering::Release);
    }
}

/// A search form as sent: every field text, unchecked.
#[derive(Clone, Debug, Default)]
pub struct CareerSearchForm {
    pub q: Option<String>,
    pub cluster: Option<String>,
    pub education: Option<String>,
    pub job_zone: Option<String>,
    pub min_wage: Option<String>,
    pub outlook: Option<String>,
    pub sort: Option<String>,
    pub page: Option<String>,
}

/// A search's results with the query as understood and any problems with the form.
#[derive(Clone, Debug)]
pub struct CareerSearch {
    pub catalog: Arc<Catalog>,
    pub query: CareerQuery,
    pub results: CareerResults,
    /// Filters that could not be understood (each was left out of the search).
    pub errors: FieldErrors,
}

/// Everything the career page shows.
#[derive(Clone, Debug)]
pub struct CareerPage {
    pub detail: Arc<OccupationDetail>,
    /// The catalog's summary (outlook, education level), when the catalog has the code.
    pub summary: Option<Arc<OccupationSummary>>,
    pub job_zone: Option<OnetJobZoneReference>,
    pub onet: Option<CareerRelease>,
    pub bls: Option<CareerRelease>,
    /// The releases of the cluster frameworks the occupation is placed in.
    pub cluster_releases: Vec<CareerRelease>,
    /// The growth of all occupations over the projection period, in percent.
    pub all_change_percent: Option<f64>,
    /// For a student: their list's state for this career.
    pub student: Option<StudentCareerState>,
}

/// A student's list as it concerns one career.
#[derive(Clone, Debug)]
pub struct StudentCareerState {
    pub student_id: UserId,
    /// The career as saved, if it is.
    pub saved: Option<SavedCareer>,
    /// May change the list (the policy's `SaveCareers`).
    pub may_save: bool,
    /// How many careers the list holds.
    pub count: usize,
}

/// A student's saved careers.
#[derive(Clone, Debug)]
pub struct SavedCareersList {
    pub student_id: UserId,
    pub student_name: String,
    pub is_self: bool,
    /// May save and remove (the student).
    pub may_change: bool,
    pub items: Vec<SavedCareerItem>,
}

/// A saved career with its entry in the current catalog.
#[derive(Clone, Debug)]
pub struct SavedCareerItem {
    pub saved: SavedCareer,
    /// `None` when the current release no longer has the code.
    pub current: Option<Arc<OccupationSummary>>,
}

/// A plausible O*NET-SOC code (`29-1141.00`); anything else is not looked up.
fn plausible_code(code: &str) -> bool {
    code.len() == 10 && is_code_prefix(code)
}

/// Reads a search form. A filter that cannot be understood is left out, with a message for
/// its field; a page number that is not one is the first page.
pub fn parse_search(catalog: &Catalog, f: &CareerSearchForm) -> (CareerQuery, FieldErrors) {
    let mut errors = FieldErrors::new();
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let q: String =
        f.q.as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
    let cluster = given(&f.cluster).and_then(|c| {
        if catalog.cluster(&c).is_some() {
            Some(c)
        } else {
            errors.add("cluster", "careers-error-cluster");
            None
        }
    });
    let education = given(&f.education).and_then(|e| {
        let level = EntryEducation::from_key(&e);
        if level.is_none() {
            errors.add("education", "careers-error-education");
        }
        level
    });
    let job_zone = given(&f.job_zone).and_then(|z| {
        let zone = z
            .parse::<u8>()
            .ok()
            .filter(|z| waypoint_domain::careers::JOB_ZONES.contains(z));
        if zone.is_none() {
            errors.add("job_zone", "careers-error-job-zone");
        }
        zone
    });
    let min_wage = given(&f.min_wage).and_then(|w| {
        let digits: String = w.chars().filter(|c| !matches!(c, '$' | ',' | ' ' | '_')).collect();
        let wage = digits.parse::<i64>().ok().filter(|w| (0..=MAX_WAGE_FILTER).contains(w));
        if wage.is_none() {
            errors.add("min_wage", "careers-error-wage");
        }
        wage
    });
    let outlook = match given(&f.outlook) {
        None => OutlookFilter::Any,
        Some(o) => OutlookFilter::from_key(&o).unwrap_or_else(|| {
            errors.add("outlook", "careers-error-outlook");
            OutlookFilter::Any
        }),
    };
    let sort = match given(&f.sort) {
        None => SortOrder::Relevance,
        Some(s) => SortOrder::from_key(&s).unwrap_or_else(|| {
            errors.add("sort", "careers-error-sort");
            SortOrder::Relevance
        }),
    };
    let page = given(&f.page).and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1);
    (
        CareerQuery {
            q,
            cluster,
            education,
            job_zone,
            min_wage,
            outlook,
            sort,
            page,
        },
        errors,
    )
}

impl App {
    /// The current careers catalog: built on first use, and again when a release has
    /// changed (see the module documentation). An empty catalog when no data is loaded.
    pub async fn careers_catalog(&self) -> AppResult<Arc<Catalog>> {
        let Some(current) = self.careers.current() else {
            let _building = self.careers.building.lock().await;
            if let Some(c) = self.careers.current() {
                return Ok(c);
            }
            return self.build_catalog().await;
        };
        let now = now_ms();
        let last = self.careers.checked_at.load(Ordering::Acquire);
        if now - last < CHECK_EVERY_MS
            || self
                .careers
                .checked_at
                .compare_exchange(last, now, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
        {
            return Ok(current);
        }
        // This request checks; the others go on with the current catalog.
        match self.store.career_release_stamps().await {
            Ok(stamps) if stamps == current.stamps => Ok(current),
            Ok(_) => {
                let Ok(_building) = self.careers.building.try_lock() else {
                    return Ok(current);
                };
                match self.build_catalog().await {
                    Ok(c) => Ok(c),
                    Err(e) => {
                        tracing::error!(error = %e, "rebuilding the careers catalog failed; keeping the old one");
                        Ok(current)
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot check the careers releases; keeping the catalog");
                Ok(current)
            }
        }
    }

    /// Builds the catalog again now, e.g. right after an import in this process.
    pub async fn refresh_careers(&self) -> AppResult<Arc<Catalog>> {
        let _building = self.careers.building.lock().await;
        self.build_catalog().await
    }

    async fn build_catalog(&self) -> AppResult<Arc<Catalog>> {
        let started = std::time::Instant::now();
        let rows = self.store.career_catalog_rows().await?;
        let read = started.elapsed();
        let catalog = tokio::task::spawn_blocking(move || Catalog::build(rows))
            .await
            .map_err(|e| AppError::Internal(format!("building the careers catalog: {e}")))?;
        let catalog = Arc::new(catalog);
        tracing::info!(
            occupations = catalog.len(),
            titles = catalog.titles_indexed(),
            read_ms = read.as_millis() as u64,
            total_ms = started.elapsed().as_millis() as u64,
            "careers catalog built"
        );
        self.careers.set(catalog.clone());
        Ok(catalog)
    }

    /// Searches the catalog. Reference data: any signed-in person (`_actor`) may.
    pub async fn search_careers(&self, _actor: &Actor, form: &CareerSearchForm) -> AppResult<CareerSearch> {
        let catalog = self.careers_catalog().await?;
        let (query, errors) = parse_search(&catalog, form);
        let results = catalog.search(&query);
        Ok(CareerSearch {
            catalog,
            query,
            results,
            errors,
        })
    }

    /// The career page of `code`. For a student, their list's state for it (a read of their
    /// record: through [`App::open_student`]). Unknown codes are `NotFound`.
    pub async fn career(&self, actor: &Actor, code: &str, origin: &Origin) -> AppResult<CareerPage> {
        if !plausible_code(code) {
            return Err(AppError::NotFound);
        }
        let catalog = self.careers_catalog().await?;
        let detail = self.store.occupation_shared(code).await?.ok_or(AppError::NotFound)?;
        let student = if actor.kind == AccountKind::Student {
            let opened = self
                .open_student(actor, actor.user_id, StudentAction::View, "careers", origin)
                .await?;
            let list = self.store.saved_careers(actor.user_id).await?;
            Some(StudentCareerState {
                student_id: actor.user_id,
                saved: list.iter().find(|s| s.onet_code == code).cloned(),
                may_save: self.may(actor, StudentAction::SaveCareers, &opened.facts),
                count: list.len(),
            })
        } else {
            None
        };
        let frameworks: Vec<String> = detail
            .clusters
            .iter()
            .map(|c| waypoint_store::careers::clusters_dataset(&c.framework))
            .collect();
        Ok(CareerPage {
            summary: catalog.get(code).cloned(),
            job_zone: detail
                .job_zone
                .and_then(|z| u8::try_from(z).ok())
                .and_then(|z| catalog.job_zone(z))
                .cloned(),
            onet: catalog.onet_release().cloned(),
            bls: catalog.bls_release().cloned(),
            cluster_releases: catalog
                .releases()
                .iter()
                .filter(|r| frameworks.contains(&r.dataset))
                .cloned()
                .collect(),
            all_change_percent: catalog.all_change_percent(),
            detail,
            student,
        })
    }

    /// A student's saved careers, for everyone who may view the record.
    pub async fn saved_careers(
        &self,
        actor: &Actor,
        student_id: UserId,
        origin: &Origin,
    ) -> AppResult<SavedCareersList> {
        let opened = self
            .open_student(actor, student_id, StudentAction::View, "careers", origin)
            .await?;
        let overview = self
            .store
            .student_overview(student_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let catalog = self.careers_catalog().await?;
        let list = self.store.saved_careers(student_id).await?;
        Ok(SavedCareersList {
            student_id,
            student_name: overview.student.user.full_name(),
            is_self: actor.user_id == student_id,
            may_change: self.may(actor, StudentAction::SaveCareers, &opened.facts),
            items: list
                .iter()
                .map(|s| SavedCareerItem {
                    current: catalog.get(&s.onet_code).cloned(),
                    saved: s.clone(),
                })
                .collect(),
        })
    }

    /// Puts a career on the student's list or changes its note; only the student may.
    /// Returns true when it was not on the list before. The code must be in the current
    /// catalog, or already on the list (a note on a career a newer release dropped).
    pub async fn save_career(
        &self,
        actor: &Actor,
        student_id: UserId,
        code: &str,
        note: &str,
        origin: &Origin,
    ) -> AppResult<bool> {
        // Permission first: a person without access learns nothing from validation.
        self.open_student(actor, student_id, StudentAction::SaveCareers, "careers", origin)
            .await?;
        let code = code.trim();
        let catalog = self.careers_catalog().await?;
        let list = self.store.saved_careers(student_id).await?;
        let existing = list.iter().find(|s| s.onet_code == code);
        let title = match (catalog.get(code), existing) {
            (Some(o), _) => o.title.clone(),
            (None, Some(s)) => s.title.clone(),
            (None, None) => return Err(AppError::NotFound),
        };
        let note = note.trim();
        let mut errors = FieldErrors::new();
        if note.chars().count() > NOTE_MAX {
            errors.add("note", "error-too-long");
        }
        if existing.is_none() && list.len() >= MAX_SAVED {
            errors.add("onet_code", "careers-error-too-many");
        }
        errors.into_result()?;
        Ok(self.store.save_career(student_id, code, &title, note, now_ms()).await?)
    }

    /// Takes a career off the student's list; only the student may. Returns false when it
    /// was not there.
    pub async fn remove_saved_career(
        &self,
        actor: &Actor,
        student_id: UserId,
        code: &str,
        origin: &Origin,
    ) -> AppResult<bool> {
        self.open_student(actor, student_id, StudentAction::SaveCareers, "careers", origin)
            .await?;
        Ok(self.store.remove_saved_career(student_id, code.trim()).await?)
    }
}

#[cfg(test)]
mod tests;
