//! A pure reader for the BLS Employment Projections occupation table ("Table 1.2
//! Occupational projections and worker characteristics", the `Occupation.xlsx` sheet saved
//! as CSV or tab-delimited text): employment in the base year and ten years on, the change,
//! annual openings, the median annual wage and the typical education needed for entry.
//!
//! Columns are found by header name; the years in the names are read, not assumed, so the
//! next projections (2025–35, …) read without a change: `2024 National Employment Matrix
//! code`, `Employment, 2024` and `Employment, 2034` (the earlier year is the base),
//! `Employment change, numeric, 2024–34`, `Employment change, percent, 2024–34`,
//! `Occupational openings, 2024–34 annual average`, `Median annual wage, dollars, 2024[1]`,
//! `Typical education needed for entry`, and when present `Percent self employed, 2024`, `Work
//! experience in a related occupation`, `Typical on-the-job training needed to attain
//! competency in the occupation`. Employment distribution and the Handbook link column are
//! ignored.
//!
//! Values: employment, change and openings are given **in thousands** and are returned as
//! whole jobs, converted from the decimal text exactly (`309.4` → 309,400). `—` means not
//! available. A wage written `>=$239,200` is BLS's top code: the number, with
//! [`Projection::median_wage_top_coded`] set. Titles lose BLS's leading spaces, which show the
//! hierarchy and are kept as [`Projection::depth`].
//!
//! # Joining to O*NET
//!
//! Codes here are 2018 SOC codes (National Employment Matrix codes), six digits:
//! `15-1252`. An O*NET-SOC code adds a two-digit suffix: `15-1252.00` (the SOC occupation
//! itself) or `15-1252.01` (a more detailed O*NET occupation within it). The rule:
//!
//! 1. an O*NET occupation takes the projection of the **line item** whose code is the first
//!    seven characters of its O*NET-SOC code ([`soc_of`]: `15-1252.00` and `15-1252.01` →
//!    `15-1252`);
//! 2. if there is none, the line item of its SOC **broad group** — the code with its last
//!    digit made 0 ([`broad_group`]: `13-1021` → `13-1020`) — where the Matrix publishes only
//!    the group (buyers and purchasing agents, clinical laboratory technologists and
//!    technicians, home health and personal care aides, …: 20 O*NET occupations in EP
//!    2024–34). Such a projection covers more than the occupation and is marked so;
//! 3. otherwise none. In EP 2024–34 with O*NET 29.3 that leaves 33 of 1,016 occupations: the
//!    16 military occupations (55-xxxx), which EP does not project, and 17 whose detailed codes
//!    the Matrix combines under codes of its own (21-1011 and 21-1014 under 21-1018, 25-2055
//!    and 25-2056 under 25-2052, 25-9042/43/49 under 25-9045, 51-2022/23 under 51-2028,
//!    53-1042/43/44/49 under 53-1047). A crosswalk of those would be a table to maintain,
//!    not a rule, so they have none.
//!
//! Summary rows (major, minor and broad groups, and `00-0000` for all occupations) are kept
//! for comparison ("faster than the average of all occupations") but never joined.

use std::path::Path;

use crate::reference::{Code, Issue, Issues, Report};
use crate::table::{Cells, Table, column_key, is_soc_code, strip_grouping, truncate};

const SUBJECT: &str = "the BLS projections table";

/// Who publishes the projections, as BLS asks to be cited.
pub const SOURCE: &str = "Employment Projections program, U.S. Bureau of Labor Statistics";

/// The license: a work of the U.S. federal government.
pub const LICENSE: &str = "Public domain (U.S. federal government work)";

/// The 2018 SOC code an O*NET-SOC code belongs to: its first seven characters.
pub fn soc_of(onet_code: &str) -> &str {
    onet_code.get(..7).unwrap_or(onet_code)
}

/// The SOC broad group of a detailed SOC code: its last digit made 0.
pub fn broad_group(soc: &str) -> String {
    let mut s = soc.get(..6).unwrap_or(soc).to_owned();
    s.push('0');
    s
}

/// The attribution to show with the data.
pub fn attribution(p: &Projections) -> String {
    let wages = p
        .wage_year
        .map(|y| format!(" Median wages ({y}) are from the Occupational Employment and Wage Statistics program."))
        .unwrap_or_default();
    format!(
        "Employment projections {}–{}: {SOURCE}.{wages}",
        p.base_year,
        p.projection_year % 100
    )
}

/// Whether a row is a detailed occupation or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OccupationType {
    /// A detailed occupation (or the Matrix's most detailed line for a group).
    LineItem,
    /// A group's total.
    Summary,
}

impl OccupationType {
    /// `line_item` or `summary`.
    pub fn as_str(self) -> &'static str {
        match self {
            OccupationType::LineItem => "line_item",
            OccupationType::Summary => "summary",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The National Employment Matrix (2018 SOC) code, e.g. `15-1252`.
    pub soc_code: String,
    /// The title, without the leading spaces.
    pub title: String,
    /// How deep in the hierarchy (BLS's indentation, two spaces a level).
    pub depth: u8,
    /// Line item or summary.
    pub occupation_type: OccupationType,
    /// Jobs in the base year.
    pub employment: Option<i64>,
    /// Jobs projected ten years on.
    pub employment_projected: Option<i64>,
    /// The change in jobs.
    pub change: Option<i64>,
    /// The change in percent.
    pub change_percent: Option<f64>,
    /// The percentage of workers self-employed in the base year.
    pub self_employed_percent: Option<f64>,
    /// Openings a year, on average over the ten years.
    pub openings: Option<i64>,
    /// The median annual wage in dollars.
    pub median_wage: Option<i64>,
    /// The wage is BLS's top code (`>=$239,200`): the median is at least that.
    pub median_wage_top_coded: bool,
    /// Typical education needed for entry, e.g. `Bachelor's degree`.
    pub education: Option<String>,
    /// Work experience in a related occupation, e.g. `None`.
    pub work_experience: Option<String>,
    /// Typical on-the-job training, e.g. `Moderate-term on-the-job training`.
    pub training: Option<String>,
}

/// The whole table, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Projections {
    /// The base year, e.g. 2024.
    pub base_year: u16,
    /// The projected year, e.g. 2034.
    pub projection_year: u16,
    /// The year of the wages, e.g. 2024.
    pub wage_year: Option<u16>,
    /// The rows, in file order.
    pub rows: Vec<Projection>,
    /// Warnings (unknown columns).
    pub warnings: Vec<Issue>,
}

impl Projections {
    /// The release's name, e.g. `2024-34`.
    pub fn version(&self) -> String {
        format!("{}-{:02}", self.base_year, self.projection_year % 100)
    }
}

/// Reads the table from a file.
pub fn read_path(path: impl AsRef<Path>) -> Result<Projections, Report> {
    let path = path.as_ref();
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&name, &bytes),
        Err(e) => {
            let mut issues = Issues::default();
            issues.error(Code::Io, &path.display().to_string(), None, None, || {
                format!("could not be read: {e}")
            });
            Err(issues.into_report(SUBJECT))
        }
    }
}

/// A column name with its numbers taken out: `employment, 2024` → (`employment #`, [2024]).
/// Commas are dropped so that small differences in punctuation do not matter.
fn shape(key: &str) -> (String, Vec<u32>) {
    let mut pattern = String::new();
    let mut numbers = Vec::new();
    let mut digits = String::new();
    for c in key.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            numbers.push(digits.parse().unwrap_or(0));
            digits.clear();
            pattern.push('#');
        }
        match c {
            '\0' | ',' => {}
            ' ' if pattern.ends_with(' ') => {}
            c => pattern.push(c),
        }
    }
    (pattern.trim().to_owned(), numbers)
}

/// Reads the table from bytes; `name` is the file name used in the report.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Projections, Report> {
    let mut issues = Issues::default();
    let Some(mut t) = Table::open(name, bytes, &mut issues) else {
        return Err(issues.into_report(SUBJECT));
    };
    let shapes: Vec<(String, Vec<u32>)> = t.names().iter().map(|n| shape(&column_key(n))).collect();
    let is = |pattern: &'static str| move |k: &str| shape(k).0 == pattern;
    let year_of = |col: Option<usize>| col.and_then(|i| shapes[i].1.first().copied());

    let title = t.find(
        "2024 National Employment Matrix title",
        is("# national employment matrix title"),
        &mut issues,
    );
    let code = t.find(
        "2024 National Employment Matrix code",
        is("# national employment matrix code"),
        &mut issues,
    );
    let kind = t.col("Occupation type", &mut issues);
    let mut employment: Vec<usize> = (0..shapes.len()).filter(|&i| shapes[i].0 == "employment #").collect();
    employment.sort_by_key(|&i| shapes[i].1[0]);
    for &i in &employment {
        t.mark_used(i);
    }
    let change = t.find(
        "Employment change, numeric, 2024–34",
        is("employment change numeric #-#"),
        &mut issues,
    );
    let change_percent = t.find(
        "Employment change, percent, 2024–34",
        is("employment change percent #-#"),
        &mut issues,
    );
    let self_employed = t.find(
        "Percent self employed, 2024",
        is("percent self employed #"),
        &mut issues,
    );
    let openings = t.find(
        "Occupational openings, 2024–34 annual average",
        is("occupational openings #-# annual average"),
        &mut issues,
    );
    let wage = t.find(
        "Median annual wage, dollars, 2024",
        is("median annual wage dollars #"),
        &mut issues,
    );
    let education = t.col("Typical education needed for entry", &mut issues);
    let experience = t.col("Work experience in a related occupation", &mut issues);
    let training = t.col(
        "Typical on-the-job training needed to attain competency in the occupation",
        &mut issues,
    );
    let ignored: Vec<String> = t
        .names()
        .iter()
        .filter(|n| {
            let s = shape(&column_key(n)).0;
            s == "employment distribution percent #" || s.starts_with("related occupational outlook handbook")
        })
        .cloned()
        .collect();
    t.tolerate(&ignored.iter().map(String::as_str).collect::<Vec<_>>());

    let required = [
        (title, "2024 National Employment Matrix title"),
        (code, "2024 National Employment Matrix code"),
        (kind, "Occupation type"),
        (change, "Employment change, numeric, 2024–34"),
        (change_percent, "Employment change, percent, 2024–34"),
        (openings, "Occupational openings, 2024–34 annual average"),
        (wage, "Median annual wage, dollars, 2024"),
        (education, "Typical education needed for entry"),
    ];
    for (col, name) in required {
        if col.is_none() {
            t.missing(&format!("{name} (or the same for other years)"), &mut issues);
        }
    }
    let (base, projected) = match employment.as_slice() {
        [a, b] => (Some(*a), Some(*b)),
        _ => {
            let n = employment.len();
            let file = t.file.clone();
            issues.error(Code::MissingColumn, &file, Some(1), Some("Employment"), || {
                format!(
                    "expected two employment columns, for the base year and the projected year (\"Employment, \
                     2024\" and \"Employment, 2034\"); the header has {n}"
                )
            });
            (None, None)
        }
    };
    let base_year = year_of(base);
    let projection_year = year_of(projected);
    let wage_year = year_of(wage);
    if !t.finish_header(&mut issues) || issues.has_errors() {
        return Err(issues.into_report(SUBJECT));
    }

    let mut rows = Vec::new();
    let mut seen = std::collections::HashMap::new();
    while let Some(row) = t.next_row(&mut issues) {
        let mut c = Cells::new(&row, &t.file, &mut issues);
        let depth = c.leading_spaces(title) / 2;
        let title_text = c.text(title, "title");
        let soc = match c.raw(code) {
            None => {
                c.error(Code::Required, "code", || "the occupation's code is empty".to_owned());
                None
            }
            Some(s) if is_soc_code(s) => Some(s.to_owned()),
            Some(s) => {
                c.error(Code::BadCode, "code", || {
                    format!(
                        "\"{}\" is not a SOC code; expected two digits, a hyphen and four digits, like 15-1252",
                        truncate(s)
                    )
                });
                None
            }
        };
        let occupation_type = match c.raw(kind) {
            Some(s) if s.eq_ignore_ascii_case("line item") => Some(OccupationType::LineItem),
            Some(s) if s.eq_ignore_ascii_case("summary") => Some(OccupationType::Summary),
            other => {
                let v = truncate(other.unwrap_or("")).into_owned();
                c.error(Code::BadValue, "Occupation type", || {
                    format!("\"{v}\" is not an occupation type; expected Line item or Summary")
                });
                None
            }
        };
        let employment = jobs(&mut c, base, "employment (base year)");
        let employment_projected = jobs(&mut c, projected, "employment (projected year)");
        let change_jobs = jobs(&mut c, change, "employment change");
        let change_percent = c.number(change_percent, "employment change, percent", false);
        let self_employed_percent = c.number(self_employed, "percent self employed", false);
        let openings = jobs(&mut c, openings, "openings");
        let (median_wage, median_wage_top_coded) = wage_value(&mut c, wage);
        if let Some(s) = &soc
            && let Some(first) = seen.insert(s.clone(), c.line())
        {
            c.error(Code::Duplicate, "code", || {
                format!("{s} is already on line {first}; each code may occur once")
            });
        }
        if let (Some(soc_code), Some(title), Some(occupation_type), false) = (soc, title_text, occupation_type, c.bad) {
            rows.push(Projection {
                soc_code,
                title,
                depth: depth.min(255) as u8,
                occupation_type,
                employment,
                employment_projected,
                change: change_jobs,
                change_percent,
                self_employed_percent,
                openings,
                median_wage,
                median_wage_top_coded,
                education: c.opt_text(education),
                work_experience: c.opt_text(experience),
                training: c.opt_text(training),
            });
        }
    }
    if rows.is_empty() && !issues.has_errors() {
        let file = t.file.clone();
        issues.error(Code::Syntax, &file, None, None, || "the table has no rows".to_owned());
    }
    if issues.has_errors() {
        return Err(issues.into_report(SUBJECT));
    }
    let year = |y: Option<u32>| y.and_then(|y| u16::try_from(y).ok()).unwrap_or(0);
    Ok(Projections {
        base_year: year(base_year),
        projection_year: year(projection_year),
        wage_year: wage_year.and_then(|y| u16::try_from(y).ok()),
        rows,
        warnings: issues.into_warnings(),
    })
}

/// A number of jobs given in thousands (`309.4`), as whole jobs, converted exactly.
fn jobs(c: &mut Cells, col: Option<usize>, field: &str) -> Option<i64> {
    let s = c.raw(col)?;
    let v = thousands(s);
    if v.is_none() {
        c.error(Code::BadNumber, field, || {
            format!("\"{}\" is not a number (of thousands of jobs)", truncate(s))
        });
    }
    v
}

/// `309.4` (thousands) → 309,400; up to three decimals exactly, further ones rounded.
pub(crate) fn thousands(s: &str) -> Option<i64> {
    let plain = strip_grouping(s)?;
    let (negative, body) = match plain.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, plain.strip_prefix('+').unwrap_or(&plain)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let digits: Vec<i64> = frac.bytes().map(|b| i64::from(b - b'0')).collect();
    let mut part = 0;
    for k in 0..3 {
        part = part * 10 + digits.get(k).copied().unwrap_or(0);
    }
    if digits.get(3).is_some_and(|d| *d >= 5) {
        part += 1;
    }
    let v = whole.checked_mul(1000)?.checked_add(part)?;
    Some(if negative { -v } else { v })
}

/// A median wage: `49500`, `$49,500`, or BLS's top code `>=$239,200`.
fn wage_value(c: &mut Cells, col: Option<usize>) -> (Option<i64>, bool) {
    let Some(s) = c.raw(col) else {
        return (None, false);
    };
    let (top, rest) = match s.strip_prefix(">=").or_else(|| s.strip_prefix('≥')) {
        Some(r) => (true, r.trim()),
        None => (false, s),
    };
    let rest = rest.strip_prefix('$').unwrap_or(rest);
    match crate::table::parse_number(rest) {
        Some(v) if v >= 0.0 => (Some(v.round() as i64), top),
        _ => {
            c.error(Code::BadNumber, "median annual wage", || {
                format!("\"{}\" is not a wage in dollars", truncate(s))
            });
            (None, false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_exact() {
        assert_eq!(thousands("309.4"), Some(309_400));
        assert_eq!(thousands("169956.1"), Some(169_956_100));
        assert_eq!(thousands("169,956.1"), Some(169_956_100));
        assert_eq!(thousands("-21.1"), Some(-21_100));
        assert_eq!(thousands("0"), Some(0));
        assert_eq!(thousands("1.2345"), Some(1_235));
        assert_eq!(thousands("x"), None);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("employment, 2024"), ("employment #".to_owned(), vec![2024]));
        assert_eq!(
            shape("employment change, numeric, 2024-34"),
            ("employment change numeric #-#".to_owned(), vec![2024, 34])
        );
    }

    #[test]
    fn join_helpers() {
        assert_eq!(soc_of("15-1252.00"), "15-1252");
        assert_eq!(soc_of("11-1011.03"), "11-1011");
        assert_eq!(broad_group("13-1021"), "13-1020");
    }
}
