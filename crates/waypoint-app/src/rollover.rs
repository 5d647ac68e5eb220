//! The school-year rollover of a district: close the current school year,
//! make the next one current, and move every active student on.
//!
//! - The target year is the one named (e.g. `2027-2028`), else the year
//!   after the current one by name; it is created when the district does
//!   not have it, with the dates given or, failing those, the current
//!   year's dates one year later.
//! - Every active student of the district with no enrolment in the target
//!   year moves up one grade: this year's enrolment is closed on the
//!   closing year's last day and a new one starts on the new year's first
//!   day.
//! - A grade-8 student whose school does not teach grade 9 moves to a high
//!   school (a school of the district that teaches grade 9): the school of
//!   their most recent class place on the roster, if that is a high school;
//!   otherwise the district's high school if it has exactly one. Otherwise
//!   they stay at their school in grade 9 and are listed as needing
//!   placement, for the district to move them by hand or by the next
//!   roster. A school teaches a grade when its grade span says so, or,
//!   when it has no span (schools created by a roster), when any of its
//!   active students is in that grade. A move ends ties to the old school
//!   as a transfer does (mentors without a role at the new school,
//!   advisory groups and class places of other schools).
//! - A grade-12 student graduates: status `alumni`, grade 13 (Waypoint's
//!   "graduated"), graduation year set, enrolment closed. Their school is
//!   kept, as history. The policy closes alumni records to staff unless
//!   the alumnus grants access; the alumnus keeps their account, signs
//!   in and sees their plan as before.
//! - Students without a grade or a school are left as they are (counted).
//!
//! It is one transaction, keyed on the target year: a student who already
//! has an enrolment in the target year is not moved again, so running the
//! same rollover twice changes nothing the second time. A rollover is
//! refused while the year it would close has not begun (so that running
//! it again without naming the year does not skip a year). It reads no
//! student's record, so the access log gets nothing; the audit log gets
//! one entry when anything changed.

use crate::error::{AppError, AppResult};
use crate::{App, today};
use std::collections::{BTreeMap, HashMap};
use waypoint_domain::authz::{self, OrgAction};
use waypoint_domain::org::OrgKind;
use waypoint_domain::people::Actor;
use waypoint_domain::validate::{self, FieldErrors};
use waypoint_domain::{OrgId, UserId};
use waypoint_store::orgs::{OrgRecord, SchoolYearRecord};
use waypoint_store::rollover::{Graduation, NewSchoolYear, Promotion, RolloverChanges, RolloverCounts};

/// The rollover form as typed. Blank fields are worked out from the
/// current year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RolloverForm {
    /// The name of the year to start, e.g. `2027-2028`.
    pub to_year: String,
    /// Its first day, `YYYY-MM-DD` (used only when the year is created).
    pub starts_on: String,
    /// Its last day, `YYYY-MM-DD` (used only when the year is created).
    pub ends_on: String,
}

/// What happens to one grade's students.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GradeLine {
    pub grade: i64,
    pub students: usize,
    /// Next grade at the same school.
    pub stay: usize,
    /// Next grade at another school: (school name, how many).
    pub moves: Vec<(String, usize)>,
    /// Next grade at the same school, but it does not teach that grade.
    pub needs_placement: usize,
    pub graduate: usize,
}

/// A student who moves up to grade 9 at a school that does not teach it,
/// for want of a high school to send them to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedsPlacement {
    pub student_id: UserId,
    pub given_name: String,
    pub family_name: String,
    pub school_name: String,
}

/// A rollover worked out but not applied: what the confirmation page shows.
#[derive(Clone, Debug)]
pub struct RolloverPlan {
    pub district: OrgRecord,
    /// The year that closes.
    pub from_year: SchoolYearRecord,
    /// The year that becomes current (name and dates).
    pub to_year: NewSchoolYear,
    /// The district has the target year already.
    pub to_year_exists: bool,
    /// The target year is current already (the rollover was done, or the
    /// year was made current by hand).
    pub to_year_current: bool,
    /// By grade, lowest first.
    pub grades: Vec<GradeLine>,
    pub needs_placement: Vec<NeedsPlacement>,
    /// Active students without a grade or a school: left as they are.
    pub skipped: usize,
    changes: RolloverChanges,
}

impl RolloverPlan {
    /// How many students the rollover would move on.
    pub fn students(&self) -> usize {
        self.grades.iter().map(|g| g.students).sum()
    }

    /// True when applying it would change nothing.
    pub fn nothing_to_do(&self) -> bool {
        self.to_year_current && self.changes.promotions.is_empty() && self.changes.graduations.is_empty()
    }
}

/// What a rollover did.
#[derive(Clone, Debug)]
pub struct RolloverSummary {
    pub from_year: String,
    pub to_year: String,
    pub counts: RolloverCounts,
    /// Students moved up at a school that does not teach their new grade.
    pub needs_placement: Vec<NeedsPlacement>,
    pub skipped: usize,
}

impl std::fmt::Display for RolloverSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.counts.nothing() {
            return write!(
                f,
                "nothing to do: {} is current and every student is in it",
                self.to_year
            );
        }
        write!(
            f,
            "{} closed, {} current{}; {} students moved up, {} to another school, {} graduated; \
             {} need placement; {} without grade or school left as they were",
            self.from_year,
            self.to_year,
            if self.counts.year_created { " (created)" } else { "" },
            self.counts.promoted,
            self.counts.moved,
            self.counts.graduated,
            self.needs_placement.len(),
            self.skipped
        )
    }
}

fn invalid(field: &'static str, key: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, key);
    AppError::Invalid(e)
}

/// `2026-2027` → `2027-2028`.
fn next_year_name(name: &str) -> Option<String> {
    let (a, b) = name.trim().split_once('-')?;
    let (a, b): (i32, i32) = (a.parse().ok()?, b.parse().ok()?);
    (a > 0 && b >= a && a.to_string().len() == 4 && b.to_string().len() == 4).then(|| format!("{}-{}", a + 1, b + 1))
}

fn parse_iso(s: &str) -> Option<time::Date> {
    time::Date::parse(s, &time::macros::format_description!("[year]-[month]-[day]")).ok()
}

fn iso(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

/// The same day a year later (28 February for 29 February).
fn a_year_later(s: &str) -> Option<String> {
    let d = parse_iso(s)?;
    let next = d
        .replace_year(d.year() + 1)
        .or_else(|_| d.replace_day(28).and_then(|d| d.replace_year(d.year() + 1)))
        .ok()?;
    Some(iso(next))
}

/// Does `school` teach `grade`? By its grade span, or, without one, by
/// the grades its students are in.
fn teaches(school: &OrgRecord, grade: i64, grades: &HashMap<OrgId, Vec<i64>>) -> bool {
    match (school.low_grade, school.high_grade) {
        (Some(lo), Some(hi)) => lo <= grade && grade <= hi,
        _ => grades.get(&school.org_id).is_some_and(|g| g.contains(&grade)),
    }
}

impl App {
    /// Works out a district's rollover without changing anything. The actor
    /// must manage the district.
    pub async fn rollover_plan(
        &self,
        actor: &Actor,
        district_id: OrgId,
        form: &RolloverForm,
    ) -> AppResult<RolloverPlan> {
        let store = &self.store;
        let district = store.org(district_id).await?.ok_or(AppError::NotFound)?;
        if !authz::org(actor, OrgAction::ManageOrg, &district.place()) {
            return Err(AppError::Forbidden);
        }
        if district.kind != OrgKind::District {
            return Err(AppError::NotFound);
        }
        let years = store.school_years(district_id).await?;
        let current = years.iter().find(|y| y.is_current);

        // The target year's name.
        let mut e = FieldErrors::new();
        let typed = form.to_year.trim();
        let name = if typed.is_empty() {
            match current {
                None => return Err(invalid("to_year", "error-rollover-no-current")),
                Some(c) => match next_year_name(&c.name) {
                    Some(n) => n,
                    None => return Err(invalid("to_year", "error-required")),
                },
            }
        } else {
            validate::required_text(&mut e, "to_year", typed, 40)
        };
        e.into_result()?;
        let existing = years.iter().find(|y| y.name == name);

        // The year that closes: the current one, or, when the target is
        // current already, the one before it.
        let from = match (current, existing) {
            (None, _) => return Err(invalid("to_year", "error-rollover-no-current")),
            (Some(c), Some(t)) if c.school_year_id == t.school_year_id => years
                .iter()
                .filter(|y| y.starts_on < t.starts_on)
                .max_by(|a, b| a.starts_on.cmp(&b.starts_on)),
            (Some(c), _) => Some(c),
        };
        let Some(from) = from.cloned() else {
            return Err(invalid("to_year", "error-rollover-no-current"));
        };

        // The target year's dates.
        let (starts_on, ends_on) = match existing {
            Some(t) => (t.starts_on.clone(), t.ends_on.clone()),
            None => {
                let mut e = FieldErrors::new();
                let pick = |typed: &str, derived: Option<String>| {
                    let t = typed.trim();
                    if t.is_empty() {
                        derived.unwrap_or_default()
                    } else {
                        t.to_string()
                    }
                };
                let s = pick(&form.starts_on, a_year_later(&from.starts_on));
                let t = pick(&form.ends_on, a_year_later(&from.ends_on));
                let sd = validate::date(&mut e, "starts_on", &s);
                let td = validate::date(&mut e, "ends_on", &t);
                if let (Some(sd), Some(td)) = (sd, td)
                    && td <= sd
                {
                    e.add("ends_on", "error-date-order");
                }
                e.into_result()?;
                (s, t)
            }
        };
        if starts_on <= from.ends_on {
            return Err(invalid(
                if existing.is_some() { "to_year" } else { "starts_on" },
                "error-rollover-order",
            ));
        }
        // A year that has not begun cannot close: this is what stops a
        // second rollover without a year name from skipping a year.
        if parse_iso(&from.starts_on).is_some_and(|d| today() < d) {
            return Err(invalid("to_year", "error-rollover-too-early"));
        }

        // The students, and where each goes.
        let students = store.rollover_students(district_id, &name).await?;
        let schools: HashMap<OrgId, OrgRecord> = store
            .schools_under(&district.place())
            .await?
            .into_iter()
            .map(|s| (s.org_id, s))
            .collect();
        let grades_at = store.grades_by_school(district_id).await?;
        let mut high: Vec<&OrgRecord> = schools.values().filter(|s| teaches(s, 9, &grades_at)).collect();
        high.sort_by_key(|s| s.org_id);
        let leaving_grade_8: Vec<UserId> = students
            .iter()
            .filter(|s| {
                s.grade_level == Some(8)
                    && s.school_id
                        .and_then(|id| schools.get(&id))
                        .is_some_and(|sch| !teaches(sch, 9, &grades_at))
            })
            .map(|s| s.student_id)
            .collect();
        let class_schools = store.class_schools(&leaving_grade_8).await?;
        let graduation_year = parse_iso(&from.ends_on).map_or(0, |d| i64::from(d.year()));

        let mut lines: BTreeMap<i64, GradeLine> = BTreeMap::new();
        let mut moves: BTreeMap<i64, BTreeMap<String, usize>> = BTreeMap::new();
        let mut needs_placement = Vec::new();
        let mut skipped = 0;
        let mut promotions = Vec::new();
        let mut graduations = Vec::new();
        for s in &students {
            let (Some(grade), Some(school)) = (s.grade_level, s.school_id.and_then(|id| schools.get(&id))) else {
                skipped += 1;
                continue;
            };
            let line = lines.entry(grade).or_insert_with(|| GradeLine {
                grade,
                ..Default::default()
            });
            line.students += 1;
            if grade >= 12 {
                line.graduate += 1;
                graduations.push(Graduation {
                    student_id: s.student_id,
                    from_grade: grade,
                    graduation_year,
                });
                continue;
            }
            let mut to_school = school.org_id;
            let mut unplaced = false;
            if leaving_grade_8.contains(&s.student_id) {
                let by_roster = class_schools.get(&s.student_id).and_then(|list| {
                    list.iter()
                        .find(|id| **id != school.org_id && high.iter().any(|h| h.org_id == **id))
                });
                match (by_roster, high.as_slice()) {
                    (Some(id), _) => to_school = *id,
                    (None, [only]) => to_school = only.org_id,
                    _ => unplaced = true,
                }
            }
            if unplaced {
                line.needs_placement += 1;
                needs_placement.push(NeedsPlacement {
                    student_id: s.student_id,
                    given_name: s.given_name.clone(),
                    family_name: s.family_name.clone(),
                    school_name: school.name.clone(),
                });
            } else if to_school == school.org_id {
                line.stay += 1;
            } else {
                let name = schools.get(&to_school).map(|o| o.name.clone()).unwrap_or_default();
                *moves.entry(grade).or_default().entry(name).or_default() += 1;
            }
            promotions.push(Promotion {
                student_id: s.student_id,
                from_grade: grade,
                to_grade: grade + 1,
                from_school: school.org_id,
                to_school,
            });
        }
        for (grade, m) in moves {
            if let Some(line) = lines.get_mut(&grade) {
                line.moves = m.into_iter().collect();
            }
        }
        let to_year = NewSchoolYear {
            name: name.clone(),
            starts_on: starts_on.clone(),
            ends_on,
        };
        Ok(RolloverPlan {
            changes: RolloverChanges {
                district_id,
                create_year: existing.is_none().then(|| to_year.clone()),
                to_year: name,
                to_starts_on: starts_on,
                close_on: from.ends_on.clone(),
                promotions,
                graduations,
            },
            to_year_exists: existing.is_some(),
            to_year_current: existing.is_some_and(|y| y.is_current),
            district,
            from_year: from,
            to_year,
            grades: lines.into_values().collect(),
            needs_placement,
            skipped,
        })
    }

    /// Rolls a district over to the next school year, in one transaction.
    /// The actor must manage the district. Running it again for the same
    /// year changes nothing.
    pub async fn rollover(&self, actor: &Actor, district_id: OrgId, form: &RolloverForm) -> AppResult<RolloverSummary> {
        let plan = self.rollover_plan(actor, district_id, form).await?;
        let counts = self.store.apply_rollover(&plan.changes).await?;
        let summary = RolloverSummary {
            from_year: plan.from_year.name.clone(),
            to_year: plan.to_year.name.clone(),
            counts,
            needs_placement: if counts.nothing() {
                Vec::new()
            } else {
                plan.needs_placement
            },
            skipped: plan.skipped,
        };
        if !counts.nothing() {
            self.store
                .audit(
                    Some(actor.user_id),
                    Some(district_id),
                    "school_year_rollover",
                    &summary.to_year,
                    &summary.to_string(),
                )
                .await?;
        }
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_names_and_dates_move_on_by_one() {
        assert_eq!(next_year_name("2026-2027").as_deref(), Some("2027-2028"));
        assert_eq!(next_year_name(" 2030-2031 ").as_deref(), Some("2031-2032"));
        assert_eq!(next_year_name("2026-27"), None);
        assert_eq!(next_year_name("Fall"), None);
        assert_eq!(a_year_later("2026-08-17").as_deref(), Some("2027-08-17"));
        assert_eq!(a_year_later("2028-02-29").as_deref(), Some("2029-02-28"));
        assert_eq!(a_year_later("nope"), None);
    }

    #[test]
    fn a_school_without_a_span_teaches_what_its_students_are_in() {
        let school = |lo, hi| OrgRecord {
            org_id: OrgId(5),
            kind: OrgKind::School,
            parent_id: None,
            district_id: None,
            state_id: OrgId(1),
            name: "S".into(),
            code: "S".into(),
            low_grade: lo,
            high_grade: hi,
        };
        let grades = HashMap::from([(OrgId(5), vec![9, 10])]);
        assert!(teaches(&school(None, None), 9, &grades));
        assert!(!teaches(&school(None, None), 8, &grades));
        assert!(!teaches(&school(Some(6), Some(8)), 9, &grades));
        assert!(teaches(&school(Some(6), Some(12)), 9, &HashMap::new()));
    }
}
