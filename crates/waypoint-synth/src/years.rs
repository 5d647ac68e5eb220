//! The school-year calendar: the current year 2026-2027 and two previous years.

use crate::dates::{days_from_civil, iso};
use crate::model::SchoolYear;

/// Calendar year in which the current school year starts.
pub(crate) const CURRENT_START_YEAR: i32 = 2026;
/// How many school years before the current one are generated.
pub(crate) const PAST_YEARS: u8 = 2;
/// First day of every school year (month, day).
const START_MONTH_DAY: (u32, u32) = (8, 15);
/// Last day of every school year (month, day), in the following calendar year.
const END_MONTH_DAY: (u32, u32) = (6, 10);

/// `"2026-2027"` for the year starting in 2026.
pub(crate) fn year_name(start_year: i32) -> String {
    format!("{start_year}-{}", start_year + 1)
}

/// First day (day number) of the school year starting in `start_year`.
pub(crate) fn year_start(start_year: i32) -> i32 {
    days_from_civil(start_year, START_MONTH_DAY.0, START_MONTH_DAY.1)
}

/// Last day (day number) of the school year starting in `start_year`.
pub(crate) fn year_end(start_year: i32) -> i32 {
    days_from_civil(start_year + 1, END_MONTH_DAY.0, END_MONTH_DAY.1)
}

/// The generated school years, oldest first; the last one is current.
pub(crate) fn school_years() -> Vec<SchoolYear> {
    (0..=i32::from(PAST_YEARS))
        .rev()
        .map(|back| {
            let start = CURRENT_START_YEAR - back;
            SchoolYear {
                name: year_name(start),
                starts_on: iso(year_start(start)),
                ends_on: iso(year_end(start)),
                is_current: back == 0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_years_oldest_first() {
        let years = school_years();
        let names: Vec<_> = years.iter().map(|y| y.name.as_str()).collect();
        assert_eq!(names, ["2024-2025", "2025-2026", "2026-2027"]);
        let current = &years[2];
        assert!(current.is_current && !years[0].is_current && !years[1].is_current);
        assert_eq!(current.starts_on, "2026-08-15");
        assert_eq!(current.ends_on, "2027-06-10");
    }
}
