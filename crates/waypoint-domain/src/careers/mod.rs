//! Careers: the rules about occupations that need no IO — title search ([`search`]), the
//! levels of education BLS names, and which outlook counts as bright.

pub mod search;

/// O*NET's element ids of the six RIASEC interests (scale `OI`, 1–7), in the order of
/// [`crate::matching::TYPES`].
pub const INTEREST_ELEMENTS: [&str; 6] = ["1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f"];

/// O*NET's element ids of the six work values (scale `EX`, 1–7): achievement, working
/// conditions, recognition, relationships, support, independence.
pub const WORK_VALUE_ELEMENTS: [&str; 6] = ["1.B.2.a", "1.B.2.b", "1.B.2.c", "1.B.2.d", "1.B.2.e", "1.B.2.f"];

/// The position of an interest or work-value element in its profile.
pub fn element_index(elements: &[&str; 6], element_id: &str) -> Option<usize> {
    elements.iter().position(|e| *e == element_id)
}

/// The typical education needed to enter an occupation, as the BLS Employment Projections
/// name it, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryEducation {
    NoFormal,
    HighSchool,
    Postsecondary,
    SomeCollege,
    Associate,
    Bachelor,
    Master,
    Doctoral,
}

impl EntryEducation {
    /// Every level, from least to most.
    pub const ALL: [EntryEducation; 8] = [
        EntryEducation::NoFormal,
        EntryEducation::HighSchool,
        EntryEducation::Postsecondary,
        EntryEducation::SomeCollege,
        EntryEducation::Associate,
        EntryEducation::Bachelor,
        EntryEducation::Master,
        EntryEducation::Doctoral,
    ];

    /// The level BLS's wording names (`Bachelor's degree`), in any letter case.
    pub fn from_bls(text: &str) -> Option<EntryEducation> {
        let t = text.trim().to_lowercase().replace('’', "'");
        Some(match t.as_str() {
            "no formal educational credential" => EntryEducation::NoFormal,
            "high school diploma or equivalent" => EntryEducation::HighSchool,
            "postsecondary nondegree award" => EntryEducation::Postsecondary,
            "some college, no degree" => EntryEducation::SomeCollege,
            "associate's degree" => EntryEducation::Associate,
            "bachelor's degree" => EntryEducation::Bachelor,
            "master's degree" => EntryEducation::Master,
            "doctoral or professional degree" => EntryEducation::Doctoral,
            _ => return None,
        })
    }

    /// A short stable name, for URLs and translation keys.
    pub fn key(self) -> &'static str {
        match self {
            EntryEducation::NoFormal => "none",
            EntryEducation::HighSchool => "high-school",
            EntryEducation::Postsecondary => "postsecondary",
            EntryEducation::SomeCollege => "some-college",
            EntryEducation::Associate => "associate",
            EntryEducation::Bachelor => "bachelor",
            EntryEducation::Master => "master",
            EntryEducation::Doctoral => "doctoral",
        }
    }

    /// The level of a [`EntryEducation::key`].
    pub fn from_key(key: &str) -> Option<EntryEducation> {
        EntryEducation::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Job zones run from 1 (little or no preparation) to 5 (extensive preparation).
pub const JOB_ZONES: std::ops::RangeInclusive<u8> = 1..=5;

/// Growth "much faster than average": at least this many times the growth of all
/// occupations over the same projection period.
pub const FAST_GROWTH_FACTOR: f64 = 2.0;
/// ... and never less than this many percent, so that a period whose overall growth is
/// near zero or negative does not make any growth "bright".
pub const FAST_GROWTH_FLOOR_PERCENT: f64 = 5.0;
/// "Many openings": at least this many openings a year on average (BLS gives annual
/// averages), that is about 100,000 over the ten-year projection period.
pub const MANY_OPENINGS_PER_YEAR: i64 = 10_000;

/// Whether an occupation has a **bright outlook**.
///
/// O*NET publishes a Bright Outlook list (growth much faster than average, or 100,000 job
/// openings or more over the projection period), but not as a data file; this rule applies
/// the same two criteria to the BLS projections Waypoint has loaded, so that it follows each
/// new projection period:
///
/// 1. employment is projected to grow by at least [`FAST_GROWTH_FACTOR`] times the rate of
///    all occupations (BLS's `00-0000` row: 3.1 % for 2024–34, so 6.2 %), and at least
///    [`FAST_GROWTH_FLOOR_PERCENT`]; or
/// 2. there are at least [`MANY_OPENINGS_PER_YEAR`] openings a year **and** employment is
///    not projected to shrink. Openings in a shrinking occupation only replace people who
///    leave it; calling that bright would mislead a student.
///
/// Twice the average rather than O*NET's fixed 7 % (when the average was 4 %, 1.75 times)
/// keeps the rule meaningful when the overall rate changes. With EP 2024–34 it marks 287 of
/// the 832 detailed occupations. Without a projection, an outlook is never bright.
pub fn bright_outlook(
    change_percent: Option<f64>,
    openings_per_year: Option<i64>,
    all_change_percent: Option<f64>,
) -> bool {
    let Some(change) = change_percent.filter(|c| c.is_finite()) else {
        return false;
    };
    let threshold = all_change_percent
        .filter(|a| a.is_finite())
        .map_or(FAST_GROWTH_FLOOR_PERCENT, |a| {
            (a * FAST_GROWTH_FACTOR).max(FAST_GROWTH_FLOOR_PERCENT)
        });
    change >= threshold - 1e-9 || (openings_per_year.is_some_and(|o| o >= MANY_OPENINGS_PER_YEAR) && change >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn education_levels_read_bls_wording_in_order() {
        assert_eq!(
            EntryEducation::from_bls("Bachelor's degree"),
            Some(EntryEducation::Bachelor)
        );
        assert_eq!(
            EntryEducation::from_bls(" high school diploma or equivalent "),
            Some(EntryEducation::HighSchool)
        );
        assert_eq!(
            EntryEducation::from_bls("Associate’s degree"),
            Some(EntryEducation::Associate)
        );
        assert_eq!(EntryEducation::from_bls("—"), None);
        assert!(EntryEducation::HighSchool < EntryEducation::Associate);
        for e in EntryEducation::ALL {
            assert_eq!(EntryEducation::from_key(e.key()), Some(e));
        }
        assert_eq!(EntryEducation::from_key("phd"), None);
    }

    #[test]
    fn bright_outlook_rule() {
        let all = Some(3.1);
        // Growth twice the average or more.
        assert!(bright_outlook(Some(6.2), Some(100), all));
        assert!(bright_outlook(Some(49.9), None, all));
        assert!(!bright_outlook(Some(6.1), Some(9_999), all));
        // Many openings, not shrinking.
        assert!(bright_outlook(Some(0.0), Some(10_000), all));
        assert!(bright_outlook(Some(2.0), Some(190_000), all));
        assert!(!bright_outlook(Some(-0.1), Some(500_000), all));
        // The floor when the overall rate is tiny, negative or unknown.
        assert!(!bright_outlook(Some(4.9), None, Some(0.5)));
        assert!(bright_outlook(Some(5.0), None, Some(-2.0)));
        assert!(bright_outlook(Some(5.0), None, None));
        assert!(!bright_outlook(None, Some(1_000_000), all));
        assert!(!bright_outlook(Some(f64::NAN), None, all));
    }

    #[test]
    fn element_positions() {
        assert_eq!(element_index(&INTEREST_ELEMENTS, "1.B.1.d"), Some(3));
        assert_eq!(element_index(&WORK_VALUE_ELEMENTS, "1.B.1.d"), None);
    }
}
