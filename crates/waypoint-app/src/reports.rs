//! Reports on a school's students as a group: counts, never a student.
//!
//! The school's interest and saved-careers report (`OrgAction::ViewReports`)
//! counts the school's current students, optionally in one grade, by the
//! top of their interest code and by the careers they saved. The database
//! counts (`Store::school_interest_counts`); this module decides what may be
//! shown with `waypoint_domain::suppress` before anything leaves it: the raw
//! counts stay here, and the page gets only [`Figure`]s.
//!
//! - **The group.** When it has fewer than [`MIN_CELL`] students, nothing is
//!   shown but that fact ([`SchoolInterestReport::figures`] is `None`).
//! - **Interests.** Each student is counted once, by the first place of the
//!   interest code of their latest finished interest inventory
//!   ([`INTERESTS`]): under its RIASEC type, or under "tied" when two or
//!   more types share the top score (counting them under each tied type
//!   would count a student twice and break the table's total), or under
//!   "not finished" when they have not finished it. So the rows add up to
//!   the group, whose size is shown, and complementary suppression applies.
//! - **Saved careers.** "Saved at least one" and "none yet" add up to the
//!   group, likewise. Careers and clusters overlap (one student saves
//!   several), but a school where everyone saved one career would make them
//!   add up too, so they are suppressed as if they had a total. Only careers
//!   with a count shown are listed: a row for each career saved by one to
//!   nine students would name what a few students chose.
//!
//! A report shows no individual student, so it opens no record and writes
//! no access-log entry; the audit log records changes only (nothing else
//! that is read is audited), so viewing a report is not recorded there
//! either.

use crate::App;
use crate::assessments::INTERESTS;
use crate::error::{AppError, AppResult};
use waypoint_domain::OrgId;
use waypoint_domain::authz::{self, OrgAction};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::Actor;
use waypoint_domain::suppress::{Cell, MIN_CELL, suppress};
use waypoint_store::orgs::OrgRecord;
use waypoint_store::reports::InterestCounts;

/// The RIASEC letters, in Holland's order (that of
/// `waypoint_domain::matching::TYPES`).
pub const RIASEC_LETTERS: [&str; 6] = ["R", "I", "A", "S", "E", "C"];

/// How many careers the report lists at most.
pub const TOP_CAREERS: usize = 10;

/// A count as the report may show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Shown(u64),
    /// Between 1 and `MIN_CELL − 1`: shown as "fewer than 10".
    FewerThanMin,
    /// At least `MIN_CELL`, hidden so that a smaller count beside it cannot
    /// be worked out from the total.
    Hidden,
}

impl Figure {
    fn of(cell: Cell, raw: u64) -> Figure {
        match cell {
            Cell::Shown(n) => Figure::Shown(n),
            Cell::Suppressed if raw < MIN_CELL => Figure::FewerThanMin,
            Cell::Suppressed => Figure::Hidden,
        }
    }

    /// The number, when shown.
    pub fn shown(self) -> Option<u64> {
        match self {
            Figure::Shown(n) => Some(n),
            _ => None,
        }
    }
}

/// A row of the interests table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopInterest {
    /// The type is first alone: an index into [`RIASEC_LETTERS`].
    Type(usize),
    /// Two or more types share the top score.
    Tied,
    /// Finished, but the attempt has no code (an area without enough
    /// answers, or an instrument whose letters are not RIASEC's).
    NoCode,
    /// Has not finished the interest inventory.
    NotFinished,
}

/// A saved career shown in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CareerCount {
    pub code: String,
    /// The current catalog's title, else the title it was saved with.
    pub title: String,
    /// Whether the current careers data has the code (for a link).
    pub in_catalog: bool,
    pub students: u64,
}

/// One framework's clusters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterTable {
    /// The framework's title as loaded.
    pub framework: String,
    /// Every cluster of the framework, by name, with the students who saved
    /// a career in it.
    pub rows: Vec<(String, Figure)>,
}

/// The report's figures, all suppressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFigures {
    /// The size of the group (at least `MIN_CELL`).
    pub enrolled: u64,
    /// Every RIASEC type, then "tied", "no code" (only when some attempt
    /// has none) and "not finished": they add up to `enrolled`.
    pub interests: Vec<(TopInterest, Figure)>,
    /// Students who finished the interest inventory, when it can be shown
    /// (when "not finished" is shown).
    pub finished: Option<u64>,
    /// Students with at least one saved career.
    pub saved_any: Figure,
    /// Careers with a count shown, most saved first, at most
    /// [`TOP_CAREERS`].
    pub careers: Vec<CareerCount>,
    /// Careers saved by someone that are not listed (their count is hidden
    /// or they are beyond the top).
    pub careers_not_listed: bool,
    /// Clusters, per framework loaded.
    pub clusters: Vec<ClusterTable>,
}

/// A school's interest and saved-careers report.
#[derive(Clone, Debug)]
pub struct SchoolInterestReport {
    pub school: OrgRecord,
    /// The grade asked for, if any.
    pub grade: Option<i64>,
    /// The grades to choose from: the school's span, else 6–12.
    pub grades: Vec<i64>,
    /// `None` when the group has fewer than `MIN_CELL` students.
    pub figures: Option<ReportFigures>,
}

/// The row a student counts under, from the letters of their code's first
/// group.
fn top_of(letters: &[String]) -> TopInterest {
    match letters {
        [] => TopInterest::NoCode,
        [one] => RIASEC_LETTERS
            .iter()
            .position(|l| *l == one.as_str())
            .map_or(TopInterest::NoCode, TopInterest::Type),
        _ => TopInterest::Tied,
    }
}

/// Applies the rules of the module documentation to the raw counts. `titles`
/// gives a code's title in the current catalog; `frameworks` are the
/// frameworks loaded, each with its title and its clusters by name.
pub fn figures(
    counts: &InterestCounts,
    titles: &dyn Fn(&str) -> Option<String>,
    frameworks: &[(String, String, Vec<String>)],
) -> Option<ReportFigures> {
    let enrolled = counts.enrolled;
    // Interests: one partition of the group.
    let mut rows: Vec<(TopInterest, u64)> = (0..RIASEC_LETTERS.len())
        .map(|i| (TopInterest::Type(i), 0))
        .chain([(TopInterest::Tied, 0), (TopInterest::NoCode, 0)])
        .collect();
    let mut finished = 0u64;
    for (letters, n) in &counts.top_places {
        let top = top_of(letters);
        if let Some(row) = rows.iter_mut().find(|(t, _)| *t == top) {
            row.1 += n;
        }
        finished += n;
    }
    rows.retain(|(t, n)| *t != TopInterest::NoCode || *n > 0);
    rows.push((TopInterest::NotFinished, enrolled.saturating_sub(finished)));
    let raw: Vec<u64> = rows.iter().map(|r| r.1).collect();
    let cells = suppress(&raw, enrolled, true)?;
    let interests: Vec<(TopInterest, Figure)> = rows
        .iter()
        .zip(&cells)
        .map(|((t, n), c)| (*t, Figure::of(*c, *n)))
        .collect();
    let finished = interests
        .last()
        .and_then(|(_, f)| f.shown())
        .map(|not| enrolled.saturating_sub(not));

    // Saved anything, or not: another partition of the group.
    let saved = [counts.saved_any, enrolled.saturating_sub(counts.saved_any)];
    let saved_any = suppress(&saved, enrolled, true)
        .and_then(|c| c.first().copied())
        .map_or(Figure::Hidden, |c| Figure::of(c, counts.saved_any));

    // Careers: suppressed all together, then only those shown are listed.
    let raw: Vec<u64> = counts.careers.iter().map(|c| c.2).collect();
    let cells = suppress(&raw, enrolled, true)?;
    let mut careers: Vec<CareerCount> = counts
        .careers
        .iter()
        .zip(&cells)
        .filter_map(|((code, saved_title, _), cell)| {
            cell.shown().filter(|n| *n > 0).map(|n| {
                let current = titles(code);
                CareerCount {
                    code: code.clone(),
                    in_catalog: current.is_some(),
                    title: current.unwrap_or_else(|| saved_title.clone()),
                    students: n,
                }
            })
        })
        .collect();
    careers.sort_by(|a, b| b.students.cmp(&a.students).then_with(|| a.title.cmp(&b.title)));
    let saved_careers = counts.careers.iter().filter(|c| c.2 > 0).count();
    careers.truncate(TOP_CAREERS);
    let careers_not_listed = careers.len() < saved_careers;

    // Clusters: every cluster of each framework, suppressed per framework.
    let mut clusters = Vec::new();
    for (key, title, names) in frameworks {
        let raw: Vec<u64> = names
            .iter()
            .map(|name| {
                counts
                    .clusters
                    .iter()
                    .filter(|(f, c, _)| f == key && c == name)
                    .map(|r| r.2)
                    .sum()
            })
            .collect();
        let cells = suppress(&raw, enrolled, true)?;
        clusters.push(ClusterTable {
            framework: title.clone(),
            rows: names
                .iter()
                .zip(cells.iter().zip(&raw))
                .map(|(name, (c, n))| (name.clone(), Figure::of(*c, *n)))
                .collect(),
        });
    }

    Some(ReportFigures {
        enrolled,
        interests,
        finished,
        saved_any,
        careers,
        careers_not_listed,
        clusters,
    })
}

impl App {
    /// A school's interest and saved-careers report, for the students of
    /// one grade when `grade` is one of the school's. A district or the
    /// state has no such report (not found).
    pub async fn school_interest_report(
        &self,
        actor: &Actor,
        org_id: OrgId,
        grade: Option<i64>,
    ) -> AppResult<SchoolInterestReport> {
        let school = self.store.org(org_id).await?.ok_or(AppError::NotFound)?;
        if !authz::org(actor, OrgAction::ViewReports, &school.place()) {
            return Err(AppError::Forbidden);
        }
        if school.kind != OrgKind::School {
            return Err(AppError::NotFound);
        }
        let grades: Vec<i64> = match (school.low_grade, school.high_grade) {
            (Some(lo), Some(hi)) if lo <= hi => (lo..=hi).collect(),
            _ => (6..=12).collect(),
        };
        let grade = grade.filter(|g| grades.contains(g));
        let counts = self.store.school_interest_counts(org_id, grade, INTERESTS).await?;
        let catalog = self.careers_catalog().await?;
        let frameworks: Vec<(String, String, Vec<String>)> = catalog
            .frameworks()
            .iter()
            .map(|f| {
                let mut names: Vec<String> = catalog
                    .clusters()
                    .iter()
                    .filter(|c| c.framework == f.key)
                    .map(|c| c.cluster.clone())
                    .collect();
                names.sort();
                names.dedup();
                (f.key.clone(), f.title.clone(), names)
            })
            .collect();
        let titles = |code: &str| catalog.get(code).map(|o| o.title.clone());
        Ok(SchoolInterestReport {
            figures: figures(&counts, &titles, &frameworks),
            school,
            grade,
            grades,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(s: &str) -> Vec<String> {
        s.split('/').filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    fn no_titles(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn each_student_counts_once_and_ties_are_tied() {
        assert_eq!(top_of(&letters("I")), TopInterest::Type(1));
        assert_eq!(top_of(&letters("C")), TopInterest::Type(5));
        assert_eq!(top_of(&letters("A/S")), TopInterest::Tied);
        assert_eq!(top_of(&letters("")), TopInterest::NoCode);
        assert_eq!(top_of(&letters("X")), TopInterest::NoCode);
    }

    #[test]
    fn a_group_under_ten_shows_nothing() {
        let counts = InterestCounts {
            enrolled: 9,
            top_places: vec![(letters("S"), 9)],
            ..Default::default()
        };
        assert_eq!(figures(&counts, &no_titles, &[]), None);
    }

    #[test]
    fn small_cells_are_hidden_and_cannot_be_worked_out() {
        let counts = InterestCounts {
            enrolled: 38,
            top_places: vec![(letters("S"), 20), (letters("I"), 15), (letters("A/S"), 3)],
            saved_any: 35,
            careers: vec![
                ("29-1141.00".into(), "Registered Nurses".into(), 15),
                ("15-1252.00".into(), "Software Developers".into(), 4),
            ],
            clusters: vec![("cte".into(), "Health".into(), 15), ("cte".into(), "IT".into(), 4)],
        };
        let frameworks = vec![(
            "cte".to_string(),
            "Clusters".to_string(),
            vec!["Arts".to_string(), "Health".to_string(), "IT".to_string()],
        )];
        let f = figures(&counts, &no_titles, &frameworks).unwrap();
        assert_eq!(f.enrolled, 38);
        let row = |t: TopInterest| f.interests.iter().find(|r| r.0 == t).map(|r| r.1);
        assert_eq!(row(TopInterest::Type(3)), Some(Figure::Shown(20)));
        assert_eq!(row(TopInterest::Type(0)), Some(Figure::Shown(0)));
        assert_eq!(row(TopInterest::Tied), Some(Figure::FewerThanMin));
        assert_eq!(row(TopInterest::NoCode), None, "no row when every attempt has a code");
        // The 3 tied alone would be 38 − 20 − 15: the smallest other
        // count is hidden too.
        assert_eq!(row(TopInterest::Type(1)), Some(Figure::Hidden));
        assert_eq!(row(TopInterest::NotFinished), Some(Figure::Shown(0)));
        assert_eq!(f.finished, Some(38));
        // 35 saved, 3 did not: both hidden (the 3, and 35 as its complement).
        assert_eq!(f.saved_any, Figure::Hidden);
        assert_eq!(f.careers.len(), 0, "15 is the complement of the 4");
        assert!(f.careers_not_listed);
        assert_eq!(
            f.clusters[0].rows,
            [
                ("Arts".to_string(), Figure::Shown(0)),
                ("Health".to_string(), Figure::Hidden),
                ("IT".to_string(), Figure::FewerThanMin),
            ]
        );
    }

    #[test]
    fn large_enough_cells_are_shown() {
        let counts = InterestCounts {
            enrolled: 60,
            top_places: vec![(letters("R"), 20), (letters("E"), 15), (letters("A/S"), 11)],
            saved_any: 30,
            careers: vec![
                ("29-1141.00".into(), "Nurses (as saved)".into(), 12),
                ("15-1252.00".into(), "Software Developers".into(), 20),
                ("11-1011.00".into(), "Chief Executives".into(), 3),
                ("11-2011.00".into(), "Advertising Managers".into(), 2),
            ],
            clusters: vec![],
        };
        let titles = |code: &str| (code == "29-1141.00").then(|| "Registered Nurses".to_string());
        let f = figures(&counts, &titles, &[]).unwrap();
        assert_eq!(f.finished, Some(46));
        assert_eq!(f.interests.last(), Some(&(TopInterest::NotFinished, Figure::Shown(14))));
        assert_eq!(f.saved_any, Figure::Shown(30));
        let listed: Vec<(&str, u64, bool)> = f
            .careers
            .iter()
            .map(|c| (c.title.as_str(), c.students, c.in_catalog))
            .collect();
        assert_eq!(
            listed,
            [("Software Developers", 20, false), ("Registered Nurses", 12, true)]
        );
        assert!(f.careers_not_listed);
    }
}
