//! Minimal proleptic-Gregorian date arithmetic on day numbers.
//!
//! Dates are handled internally as `i32` days since 1970-01-01 and formatted
//! as ISO strings only when a record is built. The conversions are Howard
//! Hinnant's `days_from_civil` / `civil_from_days` algorithms.

/// Days since 1970-01-01 for the calendar date `y-m-d`.
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date `(year, month, day)` of a day number.
pub(crate) fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// Formats a day number as an ISO date, `"2026-08-15"`.
pub(crate) fn iso(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses an ISO date `"YYYY-MM-DD"` into a day number (`None` if malformed).
#[cfg(test)]
pub(crate) fn parse_iso(s: &str) -> Option<i32> {
    let mut parts = s.splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

/// Whole years of age on `on` for someone born on `born` (both day numbers).
#[cfg(test)]
pub(crate) fn age_on(born: i32, on: i32) -> i32 {
    let (by, bm, bd) = civil_from_days(born);
    let (oy, om, od) = civil_from_days(on);
    let had_birthday = (om, od) >= (bm, bd);
    oy - by - i32::from(!had_birthday)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_formats() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(iso(days_from_civil(2026, 8, 15)), "2026-08-15");
        assert_eq!(iso(days_from_civil(2000, 2, 29)), "2000-02-29");
        for day in -800_000..800_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }

    #[test]
    fn parses_and_computes_age() {
        assert_eq!(parse_iso("2026-08-15"), Some(days_from_civil(2026, 8, 15)));
        assert_eq!(parse_iso("2026-02-30"), None);
        assert_eq!(parse_iso("nope"), None);
        let on = days_from_civil(2026, 8, 15);
        assert_eq!(age_on(days_from_civil(2014, 8, 15), on), 12);
        assert_eq!(age_on(days_from_civil(2014, 8, 16), on), 11);
    }
}
