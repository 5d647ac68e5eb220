//! `waypoint import …`: the command-line side of the importers.

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::time::Duration;
use waypoint_app::access::Origin;
use waypoint_app::roster::ImportError;
use waypoint_app::roster_runs;
use waypoint_app::{App, AppConfig};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::Actor;
use waypoint_import_export::oneroster;
use waypoint_store::Store;

/// The signed-in person a command acts as: an existing staff account.
pub async fn actor(store: &Store, username: &str) -> anyhow::Result<Actor> {
    let login = store
        .login_lookup(username)
        .await?
        .with_context(|| format!("no account {username:?}"))?;
    let user = store.user(login.user_id).await?.context("account vanished")?;
    let grants = store
        .grants(login.user_id)
        .await?
        .into_iter()
        .map(|g| g.grant)
        .collect();
    Ok(Actor {
        user_id: user.user_id,
        kind: user.kind,
        grants,
    })
}

/// Finds an organisation by code: a district's, else the state's.
pub async fn org_by_code(store: &Store, code: &str) -> anyhow::Result<waypoint_store::orgs::OrgRecord> {
    for kind in [OrgKind::District, OrgKind::State] {
        if let Some(o) = store.org_by_code(kind, code).await? {
            return Ok(o);
        }
    }
    bail!("no district or state has the code {code:?}")
}

/// `waypoint import oneroster PATH --source CODE --as USER`.
pub async fn oneroster(store: Store, path: &Path, source: &str, as_user: &str) -> anyhow::Result<()> {
    let actor = actor(&store, as_user).await?;
    let org = org_by_code(&store, source).await?;
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar.set_message(format!("reading {}", path.display()));
    let owned = path.to_path_buf();
    let read = tokio::task::spawn_blocking(move || oneroster::read_path(&owned, &oneroster::Options::default()))
        .await
        .context("reader failed")?;
    let pkg = match read {
        Ok(p) => p,
        Err(report) => {
            bar.finish_and_clear();
            print_report(&report);
            bail!(
                "the package was rejected: {} problem(s); nothing was changed",
                report.error_count()
            );
        }
    };
    bar.set_message(format!(
        "matching {} users, {} classes, {} enrolments",
        pkg.users.len(),
        pkg.classes.len(),
        pkg.enrollments.len()
    ));
    let app = App::new(store.clone(), AppConfig::default());
    let run = store
        .start_import_run(
            Some(org.org_id),
            "oneroster",
            &path.display().to_string(),
            Some(actor.user_id),
        )
        .await?;
    let result = app
        .import_oneroster(&actor, org.org_id, &pkg, &Origin { ip: Some("cli".into()) })
        .await;
    bar.finish_and_clear();
    match result {
        Ok(summary) => {
            for w in summary.warnings.iter().take(50) {
                eprintln!("warning: {w}");
            }
            if summary.warnings.len() > 50 {
                eprintln!("… and {} more warnings", summary.warnings.len() - 50);
            }
            let (stored, report) = roster_runs::succeeded_record(&summary);
            store.finish_import_run(run, true, &stored, &report).await?;
            println!("imported: {summary}");
            Ok(())
        }
        Err(ImportError::Rejected(report)) => {
            print_report(&report);
            let (stored, json) = roster_runs::rejected_record(&report);
            store.finish_import_run(run, false, &stored, &json).await?;
            bail!(
                "the package was rejected: {} problem(s); nothing was changed",
                report.error_count()
            )
        }
        Err(ImportError::App(e)) => {
            let (stored, json) = roster_runs::failed_record(roster_runs::Failure::Error);
            store.finish_import_run(run, false, &stored, &json).await?;
            bail!("the import failed, nothing was changed: {e}")
        }
    }
}

fn print_report(report: &oneroster::Report) {
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
