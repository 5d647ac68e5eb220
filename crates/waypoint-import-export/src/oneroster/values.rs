//! Parsing of single values: dates, date-times, lists, `userIds`, booleans.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day, a real date).
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])? as i32;
    let month = Month::try_from(digits(&b[5..7])? as u8).ok()?;
    let day = digits(&b[8..10])? as u8;
    Date::from_calendar_date(year, month, day).ok()
}

/// Parses an ISO 8601 date-time: `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH[:]MM|±HH]`.
/// Without an offset the time is taken as UTC. A space may stand for the `T`.
pub(crate) fn parse_datetime(s: &str) -> Option<OffsetDateTime> {
    let b = s.as_bytes();
    if b.len() < 16 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = parse_date(s.get(..10)?)?;
    let rest = &b[11..];
    if rest.len() < 5 || rest[2] != b':' {
        return None;
    }
    let hour = digits(&rest[0..2])? as u8;
    let minute = digits(&rest[3..5])? as u8;
    let mut i = 5;
    let mut second = 0u8;
    let mut nanos = 0u32;
    if rest.get(i) == Some(&b':') {
        second = digits(rest.get(i + 1..i + 3)?)? as u8;
        i += 3;
        if matches!(rest.get(i), Some(b'.') | Some(b',')) {
            i += 1;
            let start = i;
            while rest.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let frac = &rest[start..i];
            if frac.is_empty() {
                return None;
            }
            let mut n = 0u32;
            for (k, d) in frac.iter().take(9).enumerate() {
                n += u32::from(d - b'0') * 10u32.pow(8 - k as u32);
            }
            nanos = n;
        }
    }
    let time = Time::from_hms_nano(hour, minute, second, nanos).ok()?;
    let tz = &rest[i..];
    let offset = match tz {
        [] | [b'Z'] | [b'z'] => UtcOffset::UTC,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest {
                [h1, h2] => (digits(&[*h1, *h2])?, 0),
                [h1, h2, m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
                [h1, h2, b':', m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
                _ => return None,
            };
            let (h, m) = (h as i8, m as i8);
            if *sign == b'-' {
                UtcOffset::from_hms(-h, -m, 0).ok()?
            } else {
                UtcOffset::from_hms(h, m, 0).ok()?
            }
        }
        _ => return None,
    };
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

/// Parses a four-digit year such as `2024`.
pub(crate) fn parse_year(s: &str) -> Option<u16> {
    if s.len() != 4 {
        return None;
    }
    digits(s.as_bytes()).map(|y| y as u16)
}

/// Parses `true`/`false` (ASCII case-insensitive: spreadsheets write `TRUE`).
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Splits a comma-separated list, trimming items and skipping empty ones.
pub(crate) fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty())
}

/// Parses `userIds`: `{type:identifier}` items separated by commas, e.g.
/// `{Fed:123},{State:ABC-9}`. The identifier is everything after the first colon.
pub(crate) fn parse_user_ids(s: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(body) = rest.strip_prefix('{') else {
            return Err(format!(
                "expected {{type:identifier}} items separated by commas, like {{State:123456}}; found {:?}",
                truncate(rest)
            ));
        };
        let Some(close) = body.find('}') else {
            return Err("an item starts with { but has no closing }".to_owned());
        };
        let item = &body[..close];
        let Some((ty, id)) = item.split_once(':') else {
            return Err(format!(
                "the item {{{}}} has no colon between type and identifier",
                truncate(item)
            ));
        };
        let (ty, id) = (ty.trim(), id.trim());
        if ty.is_empty() || id.is_empty() {
            return Err(format!(
                "the item {{{}}} has an empty type or identifier",
                truncate(item)
            ));
        }
        out.push((ty, id));
        rest = body[close + 1..].trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
        } else if !rest.is_empty() {
            return Err(format!("expected a comma after {{{}}}", truncate(item)));
        }
    }
    Ok(out)
}

/// Shortens a value for a message.
pub(crate) fn truncate(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let t: String = s.chars().take(MAX).collect();
        format!("{t}…")
    }
}

/// The Levenshtein distance between two short strings (for "did you mean" hints).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `name` (ignoring case), if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 6) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates() {
        assert_eq!(parse_date("2023-05-01"), Some(date!(2023 - 05 - 01)));
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("1/05/2023"), None);
        assert_eq!(parse_date("2023-5-01"), None);
        assert_eq!(parse_date("+023-05-01"), None);
    }

    #[test]
    fn datetimes() {
        assert_eq!(
            parse_datetime("2023-05-01T18:25:43.511Z"),
            Some(datetime!(2023-05-01 18:25:43.511 UTC))
        );
        assert_eq!(
            parse_datetime("2023-05-01T18:25:43Z"),
            Some(datetime!(2023-05-01 18:25:43 UTC))
        );
        assert_eq!(
            parse_datetime("2023-05-01T18:25"),
            Some(datetime!(2023-05-01 18:25 UTC))
        );
        assert_eq!(
            parse_datetime("2023-05-01T18:25:43-05:00"),
            Some(datetime!(2023-05-01 18:25:43 -5))
        );
        assert_eq!(
            parse_datetime("2023-05-01T18:25:43+0130"),
            Some(datetime!(2023-05-01 18:25:43 +1:30))
        );
        assert_eq!(parse_datetime("2023-05-01"), None);
        assert_eq!(parse_datetime("2023-05-01T25:00:00Z"), None);
        assert_eq!(parse_datetime("2023-05-01T18:25:43.Z"), None);
        assert_eq!(parse_datetime("2023-05-01T18:25:43Zjunk"), None);
    }

    #[test]
    fn user_ids() {
        assert_eq!(
            parse_user_ids("{Fed:123},{State:ABC-9}").unwrap(),
            vec![("Fed", "123"), ("State", "ABC-9")]
        );
        assert_eq!(
            parse_user_ids(" {a:b:c} , {x:y}").unwrap(),
            vec![("a", "b:c"), ("x", "y")]
        );
        assert_eq!(parse_user_ids("").unwrap(), vec![]);
        assert!(parse_user_ids("State:1").is_err());
        assert!(parse_user_ids("{State1}").is_err());
        assert!(parse_user_ids("{State:1}{x:2}").is_err());
        assert!(parse_user_ids("{State:1").is_err());
    }

    #[test]
    fn hints() {
        assert_eq!(
            did_you_mean("prefferedGivenName", ["preferredGivenName", "givenName"]),
            Some("preferredGivenName")
        );
        assert_eq!(
            did_you_mean("dataLastModified", ["dateLastModified"]),
            Some("dateLastModified")
        );
        assert_eq!(did_you_mean("colour", ["sourcedId", "status"]), None);
    }
}
