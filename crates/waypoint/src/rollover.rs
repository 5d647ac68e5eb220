//! `waypoint rollover`: the command-line side of the school-year rollover.

use anyhow::{Context, bail};
use waypoint_app::rollover::RolloverForm;
use waypoint_app::{App, AppConfig, AppError};
use waypoint_domain::org::OrgKind;
use waypoint_store::Store;

/// `waypoint rollover --district CODE --as USER [--to-year NAME --starts DATE --ends DATE]`.
pub async fn run(store: Store, district: &str, as_user: &str, form: RolloverForm) -> anyhow::Result<()> {
    let actor = crate::import::actor(&store, as_user).await?;
    let org = store
        .org_by_code(OrgKind::District, district)
        .await?
        .with_context(|| format!("no district has the code {district:?}"))?;
    let app = App::new(store, AppConfig::default());
    match app.rollover(&actor, org.org_id, &form).await {
        Ok(summary) => {
            println!("{}: {summary}", org.name);
            for s in &summary.needs_placement {
                println!(
                    "needs placement: {} {} ({}), in grade 9 at {}",
                    s.given_name, s.family_name, s.student_id, s.school_name
                );
            }
            Ok(())
        }
        Err(AppError::Invalid(e)) => {
            let why: Vec<String> = e.0.iter().map(|f| format!("{}: {}", f.field, explain(f.key))).collect();
            bail!("nothing was changed: {}", why.join("; "))
        }
        Err(AppError::Forbidden) => bail!("{as_user} may not manage {}", org.name),
        Err(e) => Err(e).context("the rollover failed; nothing was changed"),
    }
}

/// The command line speaks English; the keys are the web's.
fn explain(key: &str) -> &str {
    match key {
        "error-rollover-no-current" => "the district has no current school year to close",
        "error-rollover-too-early" => {
            "the current school year has not begun, so it cannot be closed (was the rollover done already?)"
        }
        "error-rollover-order" => "the new school year must begin after the current one ends",
        "error-date" => "not a date (YYYY-MM-DD)",
        "error-date-order" => "the last day must come after the first",
        "error-required" => "required (the current year's name is not of the form 2026-2027)",
        "error-too-long" => "too long",
        other => other,
    }
}
