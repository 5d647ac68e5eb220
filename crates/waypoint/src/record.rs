//! `waypoint export record …` and `waypoint import record …`: the portable
//! record from the command line, through the same use cases as the web
//! (policy, access log, audit log).

use crate::import::actor;
use anyhow::{Context, bail};
use std::path::Path;
use waypoint_app::access::Origin;
use waypoint_app::record::{PortableRecord, RecordImportError, RecordIssue};
use waypoint_app::{App, AppConfig};
use waypoint_domain::org::OrgKind;
use waypoint_store::Store;

fn cli_origin() -> Origin {
    Origin { ip: Some("cli".into()) }
}

/// `waypoint export record --state-id ID --as USER [--out FILE]`: writes
/// the student's portable record to the file, or to standard output.
pub async fn export(
    store: Store,
    state_id: &str,
    as_user: &str,
    out: Option<&Path>,
    public_url: &str,
) -> anyhow::Result<()> {
    let actor = actor(&store, as_user).await?;
    let student = store
        .student_by_state_id(state_id)
        .await?
        .with_context(|| format!("no student has the state student id {state_id:?}"))?;
    let app = App::new(
        store.clone(),
        AppConfig {
            public_url: public_url.to_string(),
            ..Default::default()
        },
    );
    let result = app.export_record(&actor, student, &cli_origin()).await;
    // The access-log entry of this export is written before exiting.
    app.flush_access_log().await;
    let doc = result.map_err(|e| anyhow::anyhow!("cannot export the record: {e}"))?;
    let json = doc.to_json_pretty();
    match out {
        Some(path) => {
            std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "wrote the record of {} {} to {}",
                doc.student.given_name,
                doc.student.family_name,
                path.display()
            );
        }
        None => print!("{json}"),
    }
    Ok(())
}

fn print_issues(issues: &[RecordIssue]) {
    for i in issues {
        eprintln!(
            "error: {}: {}",
            i.field,
            waypoint_web::i18n::translate(waypoint_web::i18n::Lang::En, i.key, &[])
        );
    }
}

/// `waypoint import record FILE --school CODE --as USER`: imports a
/// portable record at a school, all or nothing.
pub async fn import(store: Store, file: &Path, school: &str, as_user: &str) -> anyhow::Result<()> {
    let actor = actor(&store, as_user).await?;
    let org = store
        .org_by_code(OrgKind::School, school)
        .await?
        .with_context(|| format!("no school has the code {school:?}"))?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let doc = match PortableRecord::from_json(&bytes) {
        Ok(d) => d,
        Err(issues) => {
            print_issues(&issues);
            bail!(
                "the record was rejected: {} problem(s); nothing was changed",
                issues.len()
            );
        }
    };
    let app = App::new(store.clone(), AppConfig::default());
    let result = app.import_record(&actor, org.org_id, &doc, &cli_origin()).await;
    app.flush_access_log().await;
    match result {
        Ok(r) => {
            for w in &r.warnings {
                eprintln!(
                    "warning: {}: {}",
                    w.field,
                    waypoint_web::i18n::translate(waypoint_web::i18n::Lang::En, w.key, &[])
                );
            }
            println!("imported: {r}");
            Ok(())
        }
        Err(RecordImportError::Rejected(issues)) => {
            print_issues(&issues);
            bail!(
                "the record was rejected: {} problem(s); nothing was changed",
                issues.len()
            )
        }
        Err(RecordImportError::App(e)) => bail!("the import failed, nothing was changed: {e}"),
    }
}
