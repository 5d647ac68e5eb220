//! Roster uploads, run in the background.
//!
//! A district or state administrator uploads a OneRoster package (a zip,
//! or the CSV files). The upload is recorded as an import run (`running`),
//! and the work happens on a background task: reading and checking the
//! package off the async workers, then [`App::import_oneroster_run`]
//! (all or nothing). The run's progress moves at each phase, and its end
//! is stored with a summary and the full report of problems as JSON, so
//! that the run's page can show them later. One import runs at a time in
//! a process (a large package takes gigabytes of memory to check); others
//! wait their turn at progress 0.

use crate::App;
use crate::access::Origin;
use crate::error::{AppError, AppResult};
use crate::roster::{ImportError, RosterSummary};
use serde::{Deserialize, Serialize};
use std::io::Cursor;
use tokio::sync::Semaphore;
use waypoint_domain::OrgId;
use waypoint_domain::authz::{self, OrgAction};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::Actor;
use waypoint_domain::validate::FieldErrors;
use waypoint_import_export::oneroster::{self, Report};
use waypoint_store::orgs::OrgRecord;
use waypoint_store::roster::ImportRun;

/// Progress of a run while its package is read and checked.
pub const PROGRESS_READING: i64 = 10;
/// Progress while the package is matched to Waypoint's records.
pub const PROGRESS_MATCHING: i64 = 40;
/// Progress while the changes are written (one transaction).
pub const PROGRESS_WRITING: i64 = 80;

/// How many past runs a source's page lists.
const RUNS_LISTED: i64 = 50;

/// A run still `running` this long after it started was cut off by a
/// restart; housekeeping marks it failed.
pub const ABANDONED_AFTER_MS: i64 = 6 * 3_600_000;

/// One import at a time per process.
static IMPORT_SLOTS: Semaphore = Semaphore::const_new(1);

/// An uploaded package.
#[derive(Clone, Debug)]
pub enum RosterUpload {
    /// A zip archive.
    Zip(Vec<u8>),
    /// The CSV files, as (file name, bytes).
    Files(Vec<(String, Vec<u8>)>),
}

impl RosterUpload {
    fn is_empty(&self) -> bool {
        match self {
            RosterUpload::Zip(b) => b.is_empty(),
            RosterUpload::Files(f) => f.iter().all(|(_, b)| b.is_empty()),
        }
    }
}

/// Why a run failed, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The package has problems: see the report.
    Rejected,
    /// Permission, or the database: nothing was changed.
    Error,
    /// The process ended before the run did: nothing was changed.
    Interrupted,
}

/// A run's summary as stored (JSON in `import_runs.summary`): what changed,
/// or why nothing did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunSummary {
    pub failure: Option<Failure>,
    pub errors: usize,
    pub warnings: usize,
    pub orgs_created: usize,
    pub students_created: usize,
    pub students_updated: usize,
    pub students_transferred: usize,
    pub students_withdrawn: usize,
    pub staff_created: usize,
    pub guardians_created: usize,
    pub roles_granted: usize,
    pub roles_ended: usize,
    pub guardian_links: usize,
    pub classes: usize,
    pub class_places: usize,
    pub class_places_written: usize,
    pub class_places_ended: usize,
    pub classes_ended: usize,
}

impl RunSummary {
    fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The counts as (translation-key suffix, number), in reading order.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("orgs-created", self.orgs_created),
            ("students-created", self.students_created),
            ("students-updated", self.students_updated),
            ("students-transferred", self.students_transferred),
            ("students-withdrawn", self.students_withdrawn),
            ("staff-created", self.staff_created),
            ("guardians-created", self.guardians_created),
            ("roles-granted", self.roles_granted),
            ("roles-ended", self.roles_ended),
            ("guardian-links", self.guardian_links),
            ("classes", self.classes),
            ("class-places", self.class_places),
            ("class-places-written", self.class_places_written),
            ("class-places-ended", self.class_places_ended),
            ("classes-ended", self.classes_ended),
            ("warnings", self.warnings),
        ]
    }
}

impl From<&RosterSummary> for RunSummary {
    fn from(s: &RosterSummary) -> Self {
        RunSummary {
            failure: None,
            errors: 0,
            warnings: s.warnings.len(),
            orgs_created: s.orgs_created,
            students_created: s.students_created,
            students_updated: s.students_updated,
            students_transferred: s.students_transferred,
            students_withdrawn: s.students_withdrawn,
            staff_created: s.staff_created,
            guardians_created: s.guardians_created,
            roles_granted: s.roles_granted,
            roles_ended: s.roles_ended,
            guardian_links: s.guardian_links,
            classes: s.classes,
            class_places: s.class_places,
            class_places_written: s.class_places_written,
            class_places_ended: s.class_places_ended,
            classes_ended: s.classes_ended,
        }
    }
}

/// One problem of a stored report (the reader's `Issue`, read back).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct StoredIssue {
    /// The machine code, e.g. `missing_column`.
    pub code: String,
    pub file: String,
    pub line: Option<u32>,
    pub field: Option<String>,
    /// The reader's explanation (English).
    pub message: String,
}

/// A stored report (the reader's `Report`, read back).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct StoredReport {
    pub errors: Vec<StoredIssue>,
    pub truncated: usize,
    pub warnings: Vec<StoredIssue>,
    pub warnings_truncated: usize,
}

/// What to store when an import succeeded: (summary, report with the
/// warnings).
pub fn succeeded_record(s: &RosterSummary) -> (String, String) {
    let report = Report {
        warnings: s.warnings.clone(),
        ..Default::default()
    };
    (RunSummary::from(s).json(), report_json(&report))
}

/// What to store when a package was rejected: (summary, full report).
pub fn rejected_record(r: &Report) -> (String, String) {
    let s = RunSummary {
        failure: Some(Failure::Rejected),
        errors: r.error_count(),
        warnings: r.warnings.len() + r.warnings_truncated,
        ..Default::default()
    };
    (s.json(), report_json(r))
}

/// What to store when an import failed for another reason (logged, not
/// shown): (summary, empty report).
pub fn failed_record(why: Failure) -> (String, String) {
    let s = RunSummary {
        failure: Some(why),
        ..Default::default()
    };
    (s.json(), String::new())
}

fn report_json(r: &Report) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

/// A run with its summary and report read back.
#[derive(Clone, Debug)]
pub struct RunView {
    pub run: ImportRun,
    /// `None` for a run still going, or one stored in another form.
    pub summary: Option<RunSummary>,
    pub report: StoredReport,
}

impl RunView {
    fn new(run: ImportRun) -> RunView {
        let summary = serde_json::from_str(&run.summary).ok();
        let report = serde_json::from_str(&run.report).unwrap_or_default();
        RunView { run, summary, report }
    }
}

fn invalid(key: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add("package", key);
    AppError::Invalid(e)
}

impl App {
    /// A district or the state whose roster the actor may import.
    pub async fn roster_source(&self, actor: &Actor, org_id: OrgId) -> AppResult<OrgRecord> {
        let org = self.store.org(org_id).await?.ok_or(AppError::NotFound)?;
        if !authz::org(actor, OrgAction::ManageOrg, &org.place()) {
            return Err(AppError::Forbidden);
        }
        if org.kind == OrgKind::School {
            return Err(AppError::NotFound);
        }
        Ok(org)
    }

    /// The latest import runs of a source, newest first.
    pub async fn roster_runs(&self, actor: &Actor, org_id: OrgId) -> AppResult<Vec<RunView>> {
        self.roster_source(actor, org_id).await?;
        Ok(self
            .store
            .import_runs(org_id, RUNS_LISTED)
            .await?
            .into_iter()
            .map(RunView::new)
            .collect())
    }

    /// One import run of a source, with its summary and report.
    pub async fn roster_run(&self, actor: &Actor, org_id: OrgId, import_id: i64) -> AppResult<RunView> {
        self.roster_source(actor, org_id).await?;
        let run = self.store.import_run(import_id).await?.ok_or(AppError::NotFound)?;
        if run.source_id != Some(org_id) {
            return Err(AppError::NotFound);
        }
        Ok(RunView::new(run))
    }

    /// Records an uploaded package as a running import and starts it in
    /// the background. Returns the run's id.
    pub async fn start_roster_import(
        &self,
        actor: &Actor,
        org_id: OrgId,
        file_name: &str,
        upload: RosterUpload,
        origin: &Origin,
    ) -> AppResult<i64> {
        self.roster_source(actor, org_id).await?;
        if upload.is_empty() {
            return Err(invalid("error-roster-file-required"));
        }
        if self.store.running_import_run(org_id).await?.is_some() {
            return Err(invalid("error-roster-running"));
        }
        let name: String = file_name.chars().take(200).collect();
        let run = self
            .store
            .start_import_run(Some(org_id), "oneroster", &name, Some(actor.user_id))
            .await?;
        let (app, actor, origin) = (self.clone(), actor.clone(), origin.clone());
        tokio::spawn(async move {
            let _turn = IMPORT_SLOTS.acquire().await;
            let (ok, summary, report) = app.run_roster_import(&actor, org_id, run, upload, &origin).await;
            if let Err(e) = app.store.finish_import_run(run, ok, &summary, &report).await {
                tracing::error!(error = %e, run, "recording the end of an import failed");
            }
        });
        Ok(run)
    }

    /// The background half: returns (succeeded, summary, report) to store.
    async fn run_roster_import(
        &self,
        actor: &Actor,
        org_id: OrgId,
        run: i64,
        upload: RosterUpload,
        origin: &Origin,
    ) -> (bool, String, String) {
        let _ = self.store.import_progress(run, PROGRESS_READING).await;
        let read = tokio::task::spawn_blocking(move || {
            let options = oneroster::Options::default();
            match upload {
                RosterUpload::Zip(bytes) => oneroster::read_zip_reader(Cursor::new(bytes), &options),
                RosterUpload::Files(files) => oneroster::read_files(files, &options),
            }
        })
        .await;
        let pkg = match read {
            Ok(Ok(pkg)) => pkg,
            Ok(Err(report)) => {
                let (s, r) = rejected_record(&report);
                return (false, s, r);
            }
            Err(e) => {
                tracing::error!(error = %e, run, "the roster reader failed");
                let (s, r) = failed_record(Failure::Error);
                return (false, s, r);
            }
        };
        let _ = self.store.import_progress(run, PROGRESS_MATCHING).await;
        let result = self.import_oneroster_run(actor, org_id, &pkg, origin, Some(run)).await;
        // A large package takes a while to free: not on an async worker.
        tokio::task::spawn_blocking(move || drop(pkg));
        match result {
            Ok(summary) => {
                let (s, r) = succeeded_record(&summary);
                (true, s, r)
            }
            Err(ImportError::Rejected(report)) => {
                let (s, r) = rejected_record(&report);
                (false, s, r)
            }
            Err(ImportError::App(e)) => {
                tracing::error!(error = %e, run, "a roster import failed");
                let (s, r) = failed_record(Failure::Error);
                (false, s, r)
            }
        }
    }

    /// Marks runs cut off by a restart as failed (housekeeping).
    pub async fn abandon_import_runs(&self) {
        let before = waypoint_store::now_ms() - ABANDONED_AFTER_MS;
        let (summary, _) = failed_record(Failure::Interrupted);
        if let Err(e) = self.store.abandon_import_runs(before, &summary).await {
            tracing::warn!(error = %e, "marking abandoned import runs failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waypoint_import_export::oneroster::{Code, Issue};

    #[test]
    fn a_stored_report_reads_back_with_file_line_and_field() {
        let report = Report {
            errors: vec![Issue {
                code: Code::MissingColumn,
                file: "users.csv".into(),
                line: Some(1),
                field: Some("givenName".into()),
                message: "the column is missing".into(),
            }],
            truncated: 3,
            ..Default::default()
        };
        let (summary, json) = rejected_record(&report);
        let view = RunView::new(ImportRun {
            import_id: 1,
            source_id: None,
            kind: "oneroster".into(),
            file_name: "x.zip".into(),
            status: "failed".into(),
            progress: 100,
            started_at: 0,
            finished_at: Some(1),
            summary,
            report: json,
        });
        let s = view.summary.expect("summary");
        assert_eq!((s.failure, s.errors), (Some(Failure::Rejected), 4));
        assert_eq!(view.report.truncated, 3);
        let e = &view.report.errors[0];
        assert_eq!(
            (e.code.as_str(), e.file.as_str(), e.line, e.field.as_deref()),
            ("missing_column", "users.csv", Some(1), Some("givenName"))
        );
        // Anything else (an older run, text) reads as no summary, no report.
        let old = RunView::new(ImportRun {
            summary: "3 organisations created".into(),
            report: "the OneRoster package was rejected".into(),
            ..view.run.clone()
        });
        assert!(old.summary.is_none() && old.report.errors.is_empty());
    }
}
