//! A pure reader for the O*NET database's text release: occupations, their RIASEC interest
//! profiles, job zones, education and training, alternate and reported titles, related
//! occupations and work values.
//!
//! [`read_dir`] reads a release folder (the unzipped `db_NN_N_text` download, or text
//! written from the Excel release); [`read_files`] reads files given in memory. Either
//! returns a [`Release`] or a [`Report`] of every problem, with file, line and field.
//!
//! Files, found by name in any letter case with the extension `.txt` (or `.tsv`, `.csv`):
//!
//! | file | |
//! | --- | --- |
//! | `Occupation Data` | required: code, title, description |
//! | `Interests` | required: RIASEC scores (`OI`, 1–7) and high points (`IH`) |
//! | `Job Zones` | required |
//! | `Education, Training, and Experience` and its `… Categories` | required |
//! | `Alternate Titles`, `Sample of Reported Titles` | required |
//! | `Related Occupations`, `Work Values`, `Job Zone Reference` | read when present (older releases lack some) |
//! | `Read Me` | the release's version (`O*NET 29.3 Database`) and date (`May 2025 Release`), unless given in [`Options`] |
//!
//! Columns are found by header name, compared without regard to case, spacing or dash
//! style. The Excel release's extra columns (`Title` in every per-occupation file, `Scale
//! Name`, `Related Title`) are ignored silently; other unknown columns with a warning. Numbers
//! may be written as the text release does (`1.30`) or as a spreadsheet does (`1.3`, `95.0`
//! for a whole number); missing values as `n/a` or empty. Dates (`08/2023`) become `2023-08`.
//!
//! Checks: required columns and values; O*NET-SOC codes (`15-1252.00`); numbers; job zones
//! 1–5; one row per key (an occupation, a rating of an occupation on an element and scale, a
//! pair of related occupations, a category); every occupation named in another file is in
//! `Occupation Data`, every education category in the categories file. Alternate titles
//! may repeat (O*NET 29.3 lists two titles twice, with and without a short title), so they
//! are kept in file order.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::reference::{Code, Issue, Issues, Report};
use crate::table::{Cells, Table, truncate};

/// What the report calls the data.
const SUBJECT: &str = "the O*NET release";

/// Who publishes O*NET, for attribution.
pub const PUBLISHER: &str = "National Center for O*NET Development, for the U.S. Department of Labor, \
                             Employment and Training Administration (USDOL/ETA)";

/// O*NET's license.
pub const LICENSE: &str = "CC BY 4.0";

/// The attribution O*NET's license page asks for when the data are shown modified (Waypoint
/// reformats them), with `modified_by` naming who runs the site.
pub fn attribution(version: &str, modified_by: &str) -> String {
    format!(
        "This page includes information from the O*NET {version} Database by the U.S. Department of Labor, \
         Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a \
         trademark of USDOL/ETA. {modified_by} has modified all or some of this information. USDOL/ETA has not \
         approved, endorsed, or tested these modifications."
    )
}

/// Choices for reading a release.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The release's version (e.g. `29.3`), instead of the one in `Read Me.txt`.
    pub version: Option<String>,
    /// When it was published (e.g. `May 2025`), instead of the one in `Read Me.txt`.
    pub published: Option<String>,
}

/// The files of a release that Waypoint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum File {
    /// `Read Me.txt`: the version.
    ReadMe,
    /// `Occupation Data.txt`.
    OccupationData,
    /// `Interests.txt`.
    Interests,
    /// `Job Zone Reference.txt`.
    JobZoneReference,
    /// `Job Zones.txt`.
    JobZones,
    /// `Education, Training, and Experience Categories.txt`.
    EducationCategories,
    /// `Education, Training, and Experience.txt`.
    Education,
    /// `Alternate Titles.txt`.
    AlternateTitles,
    /// `Sample of Reported Titles.txt`.
    ReportedTitles,
    /// `Related Occupations.txt`.
    RelatedOccupations,
    /// `Work Values.txt`.
    WorkValues,
}

impl File {
    /// Every file, in reading order.
    pub const ALL: &'static [File] = &[
        File::ReadMe,
        File::OccupationData,
        File::Interests,
        File::JobZoneReference,
        File::JobZones,
        File::EducationCategories,
        File::Education,
        File::AlternateTitles,
        File::ReportedTitles,
        File::RelatedOccupations,
        File::WorkValues,
    ];

    /// The file's name without its extension, as O*NET names it.
    pub fn stem(self) -> &'static str {
        match self {
            File::ReadMe => "Read Me",
            File::OccupationData => "Occupation Data",
            File::Interests => "Interests",
            File::JobZoneReference => "Job Zone Reference",
            File::JobZones => "Job Zones",
            File::EducationCategories => "Education, Training, and Experience Categories",
            File::Education => "Education, Training, and Experience",
            File::AlternateTitles => "Alternate Titles",
            File::ReportedTitles => "Sample of Reported Titles",
            File::RelatedOccupations => "Related Occupations",
            File::WorkValues => "Work Values",
        }
    }

    /// Whether a release must have the file.
    pub fn required(self) -> bool {
        !matches!(
            self,
            File::ReadMe | File::JobZoneReference | File::RelatedOccupations | File::WorkValues
        )
    }

    /// The file a name stands for: the stem in any case, with `.txt`, `.tsv` or `.csv`.
    pub fn from_file_name(name: &str) -> Option<File> {
        let (stem, ext) = name.rsplit_once('.')?;
        if !["txt", "tsv", "csv"].iter().any(|e| ext.eq_ignore_ascii_case(e)) {
            return None;
        }
        File::ALL
            .iter()
            .copied()
            .find(|f| f.stem().eq_ignore_ascii_case(stem.trim()))
    }
}

/// An O*NET-SOC occupation.
#[derive(Debug, Clone, PartialEq)]
pub struct Occupation {
    /// The O*NET-SOC code, e.g. `15-1252.00`.
    pub code: String,
    /// Its title.
    pub title: String,
    /// What the work is.
    pub description: String,
}

/// A rating of an occupation on an element of O*NET's content model: an interest (RIASEC
/// score, scale `OI`, or high point, scale `IH`) or a work value (extent `EX`, high point `VH`).
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    /// The occupation.
    pub code: String,
    /// The element, e.g. `1.B.1.a` (Realistic).
    pub element_id: String,
    /// The element's name, e.g. `Realistic`.
    pub element_name: String,
    /// The scale, e.g. `OI`.
    pub scale_id: String,
    /// The value on the scale.
    pub value: f64,
    /// When it was rated, `YYYY-MM`.
    pub date: Option<String>,
    /// Who rated it, e.g. `Analyst`, `Machine Learning`.
    pub domain_source: Option<String>,
}

/// An occupation's job zone (1–5: how much preparation it needs).
#[derive(Debug, Clone, PartialEq)]
pub struct JobZone {
    /// The occupation.
    pub code: String,
    /// The zone, 1 to 5.
    pub job_zone: u8,
    /// When it was set, `YYYY-MM`.
    pub date: Option<String>,
    /// Who set it.
    pub domain_source: Option<String>,
}

/// What a job zone means.
#[derive(Debug, Clone, PartialEq)]
pub struct JobZoneReference {
    /// The zone, 1 to 5.
    pub job_zone: u8,
    /// E.g. `Job Zone Two: Some Preparation Needed`.
    pub name: String,
    /// The experience it takes.
    pub experience: Option<String>,
    /// The education it takes.
    pub education: Option<String>,
    /// The training it takes.
    pub job_training: Option<String>,
    /// Example occupations.
    pub examples: Option<String>,
    /// The Specific Vocational Preparation range.
    pub svp_range: Option<String>,
}

/// One value of an occupation's education, training and experience: for a category scale
/// (`RL` required level of education, `RW`, `PT`, `OJ`) the percentage of respondents in a
/// category; for `IM` (importance of certification or apprenticeship) a rating, no category.
#[derive(Debug, Clone, PartialEq)]
pub struct Education {
    /// The occupation.
    pub code: String,
    /// The element, e.g. `2.D.1` (Required Level of Education).
    pub element_id: String,
    /// The element's name.
    pub element_name: String,
    /// The scale, e.g. `RL`.
    pub scale_id: String,
    /// The category (see [`EducationCategory`]), for category scales.
    pub category: Option<u32>,
    /// The value: a percentage, or a rating.
    pub value: f64,
    /// How many responded.
    pub n: Option<u32>,
    /// The standard error.
    pub standard_error: Option<f64>,
    /// The lower bound of the 95% confidence interval.
    pub lower_ci: Option<f64>,
    /// The upper bound of the 95% confidence interval.
    pub upper_ci: Option<f64>,
    /// O*NET recommends not showing the value (too few responses or too imprecise).
    pub recommend_suppress: Option<bool>,
    /// When it was collected, `YYYY-MM`.
    pub date: Option<String>,
    /// Who reported it.
    pub domain_source: Option<String>,
}

/// What a category of an education, training and experience scale means.
#[derive(Debug, Clone, PartialEq)]
pub struct EducationCategory {
    /// The element, e.g. `2.D.1`.
    pub element_id: String,
    /// The element's name.
    pub element_name: String,
    /// The scale, e.g. `RL`.
    pub scale_id: String,
    /// The category's number on the scale.
    pub category: u32,
    /// What it means, e.g. `Bachelor's Degree`.
    pub description: String,
}

/// Another title for an occupation.
#[derive(Debug, Clone, PartialEq)]
pub struct AlternateTitle {
    /// The occupation.
    pub code: String,
    /// The title.
    pub title: String,
    /// A short form (an abbreviation), if any.
    pub short_title: Option<String>,
    /// O*NET's source codes, e.g. `04,06`.
    pub sources: Option<String>,
}

/// A job title workers in an occupation reported.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportedTitle {
    /// The occupation.
    pub code: String,
    /// The title.
    pub title: String,
    /// Whether O*NET's My Next Move shows it.
    pub shown_in_my_next_move: bool,
}

/// An occupation related to another.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedOccupation {
    /// The occupation.
    pub code: String,
    /// The related occupation.
    pub related_code: String,
    /// `Primary-Short`, `Primary-Long` or `Supplemental`.
    pub tier: String,
    /// Its rank among the occupation's related occupations, from 1.
    pub index: u32,
}

/// A whole release, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    /// The version, e.g. `29.3`.
    pub version: String,
    /// When it was published, e.g. `May 2025`.
    pub published: Option<String>,
    /// `Occupation Data`, in file order.
    pub occupations: Vec<Occupation>,
    /// `Interests`.
    pub interests: Vec<Rating>,
    /// `Job Zones`.
    pub job_zones: Vec<JobZone>,
    /// `Job Zone Reference` (empty without the file).
    pub job_zone_reference: Vec<JobZoneReference>,
    /// `Education, Training, and Experience`.
    pub education: Vec<Education>,
    /// `Education, Training, and Experience Categories`.
    pub education_categories: Vec<EducationCategory>,
    /// `Alternate Titles`.
    pub alternate_titles: Vec<AlternateTitle>,
    /// `Sample of Reported Titles`.
    pub reported_titles: Vec<ReportedTitle>,
    /// `Related Occupations` (empty without the file).
    pub related_occupations: Vec<RelatedOccupation>,
    /// `Work Values` (empty without the file).
    pub work_values: Vec<Rating>,
    /// The files read, by name as found.
    pub files: Vec<(File, String)>,
    /// Warnings: optional files missing, unknown columns.
    pub warnings: Vec<Issue>,
}

/// Reads a release folder (not recursive). Only the files listed above are read.
pub fn read_dir(path: impl AsRef<Path>, options: &Options) -> Result<Release, Report> {
    let path = path.as_ref();
    let io_error = |e: std::io::Error, what: &Path| {
        let mut issues = Issues::default();
        issues.error(Code::Io, &what.display().to_string(), None, None, || {
            format!("could not be read: {e}")
        });
        issues.into_report(SUBJECT)
    };
    let entries = std::fs::read_dir(path).map_err(|e| io_error(e, path))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(e, path))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if File::from_file_name(&name).is_some() && entry.path().is_file() {
            let bytes = std::fs::read(entry.path()).map_err(|e| io_error(e, &entry.path()))?;
            files.push((name, bytes));
        }
    }
    files.sort();
    read_files(files, options)
}

/// Reads a release given as `(file name, bytes)` pairs. Other files are ignored.
pub fn read_files(files: Vec<(String, Vec<u8>)>, options: &Options) -> Result<Release, Report> {
    let mut issues = Issues::default();
    let mut found: HashMap<File, (String, Vec<u8>)> = HashMap::new();
    for (name, bytes) in files {
        let Some(kind) = File::from_file_name(&name) else {
            continue;
        };
        if let Some((other, _)) = found.get(&kind) {
            let other = other.clone();
            issues.error(Code::Duplicate, &name, None, None, || {
                format!(
                    "the folder has both \"{other}\" and \"{name}\" for {}; keep one",
                    kind.stem()
                )
            });
            continue;
        }
        found.insert(kind, (name, bytes));
    }
    for &kind in File::ALL {
        if found.contains_key(&kind) {
            continue;
        }
        let file = format!("{}.txt", kind.stem());
        if kind.required() {
            issues.error(Code::MissingFile, &file, None, None, || {
                format!("the release has no {file}; Waypoint needs it")
            });
        } else if kind != File::ReadMe {
            issues.warn(
                Code::OptionalFile,
                &file,
                None,
                None,
                format!("the release has no {file}; that part of the data stays empty"),
            );
        }
    }

    let mut r = Release {
        version: String::new(),
        published: None,
        occupations: Vec::new(),
        interests: Vec::new(),
        job_zones: Vec::new(),
        job_zone_reference: Vec::new(),
        education: Vec::new(),
        education_categories: Vec::new(),
        alternate_titles: Vec::new(),
        reported_titles: Vec::new(),
        related_occupations: Vec::new(),
        work_values: Vec::new(),
        files: Vec::new(),
        warnings: Vec::new(),
    };
    let (version, published) = match found.get(&File::ReadMe) {
        Some((_, bytes)) => read_me(&String::from_utf8_lossy(bytes)).map_or((None, None), |(v, p)| (Some(v), p)),
        None => (None, None),
    };
    match options.version.clone().or(version) {
        Some(v) => r.version = v,
        None => issues.error(Code::Release, "Read Me.txt", None, None, || {
            "the release's version could not be found: Read Me.txt is missing or does not begin with \
             \"O*NET <version> Database\"; give the version (e.g. 29.3) instead"
                .to_owned()
        }),
    }
    r.published = options.published.clone().or(published);

    // Codes and categories are checked against their files only when those were read without
    // errors: one broken file should not make every row of the others an error too.
    let mut known: Option<HashSet<String>> = None;
    let mut categories: Option<HashSet<(String, String, u32)>> = None;
    let mut keys: Vec<File> = found.keys().copied().collect();
    keys.sort();
    for kind in keys {
        let (name, bytes) = &found[&kind];
        r.files.push((kind, name.clone()));
        if kind == File::ReadMe {
            continue;
        }
        let Some(mut t) = Table::open(name, bytes, &mut issues) else {
            continue;
        };
        let errors_before = issues.error_count();
        let mut cx = Cx {
            t: &mut t,
            issues: &mut issues,
            known: known.as_ref(),
        };
        match kind {
            File::ReadMe => {}
            File::OccupationData => {
                r.occupations = cx.occupations();
                if issues.error_count() == errors_before {
                    known = Some(r.occupations.iter().map(|o| o.code.clone()).collect());
                }
            }
            File::Interests => r.interests = cx.ratings(),
            File::WorkValues => r.work_values = cx.ratings(),
            File::JobZones => r.job_zones = cx.job_zones(),
            File::JobZoneReference => r.job_zone_reference = cx.job_zone_reference(),
            File::EducationCategories => {
                r.education_categories = cx.education_categories();
                if issues.error_count() == errors_before {
                    categories = Some(
                        r.education_categories
                            .iter()
                            .map(|c| (c.element_id.clone(), c.scale_id.clone(), c.category))
                            .collect(),
                    );
                }
            }
            File::Education => r.education = cx.education(categories.as_ref()),
            File::AlternateTitles => r.alternate_titles = cx.alternate_titles(),
            File::ReportedTitles => r.reported_titles = cx.reported_titles(),
            File::RelatedOccupations => r.related_occupations = cx.related_occupations(),
        }
    }
    if issues.has_errors() {
        return Err(issues.into_report(SUBJECT));
    }
    r.warnings = issues.into_warnings();
    Ok(r)
}

/// The version and publication date in O*NET's `Read Me.txt`: "O*NET 29.3 Database" and
/// "May 2025 Release".
fn read_me(text: &str) -> Option<(String, Option<String>)> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let version = first.strip_prefix("O*NET")?.trim().strip_suffix("Database")?.trim();
    if version.is_empty() || version.len() > 20 {
        return None;
    }
    let published = lines
        .next()
        .and_then(|l| l.strip_suffix("Release"))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    Some((version.to_owned(), published))
}

/// Reading one file.
struct Cx<'a, 't> {
    t: &'a mut Table<'t>,
    issues: &'a mut Issues,
    /// The codes in `Occupation Data`, if it was read without errors.
    known: Option<&'a HashSet<String>>,
}

/// The column of every per-occupation file.
const CODE: &str = "O*NET-SOC Code";

/// Columns of the Excel release the reader does not need.
const EXTRAS: &[&str] = &["Title", "Scale Name", "Related Title", "Element Name"];

impl Cx<'_, '_> {
    /// Reports a second row with the same key.
    fn unique<K: std::hash::Hash + Eq>(
        c: &mut Cells,
        seen: &mut HashMap<K, u32>,
        key: K,
        field: &str,
        what: impl FnOnce() -> String,
    ) {
        if let Some(first) = seen.get(&key) {
            let first = *first;
            c.error(Code::Duplicate, field, || {
                format!("{} is already on line {first}; each may occur once", what())
            });
        } else {
            seen.insert(key, c.line());
        }
    }

    fn occupations(&mut self) -> Vec<Occupation> {
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let code = t.require(CODE, issues);
        let title = t.require("Title", issues);
        let description = t.require("Description", issues);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let code = c.onet_code(code, CODE);
            let title = c.text(title, "Title");
            let description = c.text(description, "Description");
            if let Some(k) = &code {
                Self::unique(&mut c, &mut seen, k.clone(), CODE, || format!("The occupation {k}"));
            }
            if let (Some(code), Some(title), Some(description), false) = (code, title, description, c.bad) {
                out.push(Occupation {
                    code,
                    title,
                    description,
                });
            }
        }
        out
    }

    fn ratings(&mut self) -> Vec<Rating> {
        let known = self.known;
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let code = t.require(CODE, issues);
        let element = t.require("Element ID", issues);
        let element_name = t.require("Element Name", issues);
        let scale = t.require("Scale ID", issues);
        let value = t.require("Data Value", issues);
        let date = t.col("Date", issues);
        let source = t.col("Domain Source", issues);
        t.tolerate(EXTRAS);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let code = known_code(known, &mut c, code, CODE);
            let element_id = c.text(element, "Element ID");
            let element_name = c.text(element_name, "Element Name");
            let scale_id = c.text(scale, "Scale ID");
            let value = c.number(value, "Data Value", true);
            let date = c.month(date, "Date");
            let domain_source = c.opt_text(source);
            if let (Some(k), Some(e), Some(s)) = (&code, &element_id, &scale_id) {
                Self::unique(
                    &mut c,
                    &mut seen,
                    (k.clone(), e.clone(), s.clone()),
                    "Element ID",
                    || format!("The rating of {k} on element {e}, scale {s},"),
                );
            }
            if let (Some(code), Some(element_id), Some(element_name), Some(scale_id), Some(value), false) =
                (code, element_id, element_name, scale_id, value, c.bad)
            {
                out.push(Rating {
                    code,
                    element_id,
                    element_name,
                    scale_id,
                    value,
                    date,
                    domain_source,
                });
            }
        }
        out
    }

    fn job_zones(&mut self) -> Vec<JobZone> {
        let known = self.known;
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let code = t.require(CODE, issues);
        let zone = t.require("Job Zone", issues);
        let date = t.col("Date", issues);
        let source = t.col("Domain Source", issues);
        t.tolerate(EXTRAS);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let code = known_code(known, &mut c, code, CODE);
            let job_zone = job_zone(&mut c, zone);
            let date = c.month(date, "Date");
            let domain_source = c.opt_text(source);
            if let Some(k) = &code {
                Self::unique(&mut c, &mut seen, k.clone(), CODE, || format!("The job zone of {k}"));
            }
            if let (Some(code), Some(job_zone), false) = (code, job_zone, c.bad) {
                out.push(JobZone {
                    code,
                    job_zone,
                    date,
                    domain_source,
                });
            }
        }
        out
    }

    fn job_zone_reference(&mut self) -> Vec<JobZoneReference> {
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let zone = t.require("Job Zone", issues);
        let name = t.require("Name", issues);
        let experience = t.col("Experience", issues);
        let education = t.col("Education", issues);
        let training = t.col("Job Training", issues);
        let examples = t.col("Examples", issues);
        let svp = t.col("SVP Range", issues);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let job_zone = job_zone(&mut c, zone);
            let name = c.text(name, "Name");
            if let Some(z) = job_zone {
                Self::unique(&mut c, &mut seen, z, "Job Zone", || format!("Job zone {z}"));
            }
            if let (Some(job_zone), Some(name), false) = (job_zone, name, c.bad) {
                out.push(JobZoneReference {
                    job_zone,
                    name,
                    experience: c.opt_text(experience),
                    education: c.opt_text(education),
                    job_training: c.opt_text(training),
                    examples: c.opt_text(examples),
                    svp_range: c.opt_text(svp),
                });
            }
        }
        out
    }

    fn education_categories(&mut self) -> Vec<EducationCategory> {
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let element = t.require("Element ID", issues);
        let element_name = t.require("Element Name", issues);
        let scale = t.require("Scale ID", issues);
        let category = t.require("Category", issues);
        let description = t.require("Category Description", issues);
        t.tolerate(&["Scale Name"]);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let element_id = c.text(element, "Element ID");
            let element_name = c.text(element_name, "Element Name");
            let scale_id = c.text(scale, "Scale ID");
            let category = category_number(&mut c, category, true);
            let description = c.text(description, "Category Description");
            if let (Some(e), Some(s), Some(n)) = (&element_id, &scale_id, category) {
                Self::unique(&mut c, &mut seen, (e.clone(), s.clone(), n), "Category", || {
                    format!("Category {n} of element {e}, scale {s},")
                });
            }
            if let (Some(element_id), Some(element_name), Some(scale_id), Some(category), Some(description), false) =
                (element_id, element_name, scale_id, category, description, c.bad)
            {
                out.push(EducationCategory {
                    element_id,
                    element_name,
                    scale_id,
                    category,
                    description,
                });
            }
        }
        out
    }

    fn education(&mut self, categories: Option<&HashSet<(String, String, u32)>>) -> Vec<Education> {
        let known = self.known;
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let code = t.require(CODE, issues);
        let element = t.require("Element ID", issues);
        let element_name = t.require("Element Name", issues);
        let scale = t.require("Scale ID", issues);
        let category = t.require("Category", issues);
        let value = t.require("Data Value", issues);
        let n = t.col("N", issues);
        let se = t.col("Standard Error", issues);
        let lower = t.col("Lower CI Bound", issues);
        let upper = t.col("Upper CI Bound", issues);
        let suppress = t.col("Recommend Suppress", issues);
        let date = t.col("Date", issues);
        let source = t.col("Domain Source", issues);
        t.tolerate(EXTRAS);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let code = known_code(known, &mut c, code, CODE);
            let element_id = c.text(element, "Element ID");
            let element_name = c.text(element_name, "Element Name");
            let scale_id = c.text(scale, "Scale ID");
            let category = category_number(&mut c, category, false);
            let value = c.number(value, "Data Value", true);
            let n = c.integer(n, "N", false).and_then(|v| {
                let v = u32::try_from(v).ok();
                if v.is_none() {
                    c.error(Code::BadValue, "N", || "N must be zero or more".to_owned());
                }
                v
            });
            let standard_error = c.number(se, "Standard Error", false);
            let lower_ci = c.number(lower, "Lower CI Bound", false);
            let upper_ci = c.number(upper, "Upper CI Bound", false);
            let recommend_suppress = c.flag(suppress, "Recommend Suppress", false);
            let date = c.month(date, "Date");
            let domain_source = c.opt_text(source);
            if let (Some(e), Some(s), Some(n), Some(categories)) = (&element_id, &scale_id, category, categories)
                && !categories.contains(&(e.clone(), s.clone(), n))
            {
                c.error(Code::UnknownReference, "Category", || {
                    format!(
                        "category {n} of element {e}, scale {s}, is not in Education, Training, and Experience \
                         Categories.txt"
                    )
                });
            }
            if let (Some(k), Some(e), Some(s)) = (&code, &element_id, &scale_id) {
                Self::unique(
                    &mut c,
                    &mut seen,
                    (k.clone(), e.clone(), s.clone(), category),
                    "Category",
                    || {
                        let cat = category.map(|n| format!(", category {n}")).unwrap_or_default();
                        format!("The value of {k} on element {e}, scale {s}{cat},")
                    },
                );
            }
            if let (Some(code), Some(element_id), Some(element_name), Some(scale_id), Some(value), false) =
                (code, element_id, element_name, scale_id, value, c.bad)
            {
                out.push(Education {
                    code,
                    element_id,
                    element_name,
                    scale_id,
                    category,
                    value,
                    n,
                    standard_error,
                    lower_ci,
                    upper_ci,
                    recommend_suppress,
                    date,
                    domain_source,
                });
            }
        }
        out
    }

    fn alternate_titles(&mut self) -> Vec<AlternateTitle> {
        let known = self.known;
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let code = t.require(CODE, issues);
        let title = t.require("Alternate Title", issues);
        let short = t.col("Short Title", issues);
        let sources = t.col("Source(s)", issues);
        t.tolerate(EXTRAS);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let code = known_code(known, &mut c, code, CODE);
            let title = c.text(title, "Alternate Title");
            if let (Some(code), Some(title), false) = (code, title, c.bad) {
                out.push(AlternateTitle {
                    code,
                    title,
                    short_title: c.opt_text(short),
                    sources: c.opt_text(sources),
                });
            }
        }
        out
    }

    fn reported_titles(&mut self) -> Vec<ReportedTitle> {
        let known = self.known;
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let code = t.require(CODE, issues);
        let title = t.require("Reported Job Title", issues);
        let shown = t.require("Shown in My Next Move", issues);
        t.tolerate(EXTRAS);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let code = known_code(known, &mut c, code, CODE);
            let title = c.text(title, "Reported Job Title");
            let shown = c.flag(shown, "Shown in My Next Move", true);
            if let (Some(code), Some(title), Some(shown_in_my_next_move), false) = (code, title, shown, c.bad) {
                out.push(ReportedTitle {
                    code,
                    title,
                    shown_in_my_next_move,
                });
            }
        }
        out
    }

    fn related_occupations(&mut self) -> Vec<RelatedOccupation> {
        let known = self.known;
        let (t, issues) = (&mut *self.t, &mut *self.issues);
        let code = t.require(CODE, issues);
        let related = t.require("Related O*NET-SOC Code", issues);
        let tier = t.require("Relatedness Tier", issues);
        let index = t.require("Index", issues);
        t.tolerate(EXTRAS);
        if !t.finish_header(issues) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        while let Some(row) = t.next_row(issues) {
            let mut c = Cells::new(&row, &t.file, issues);
            let code = known_code(known, &mut c, code, CODE);
            let related_code = known_code(known, &mut c, related, "Related O*NET-SOC Code");
            let tier = c.text(tier, "Relatedness Tier");
            let index = c.integer(index, "Index", true).and_then(|v| {
                let v = u32::try_from(v).ok().filter(|v| *v >= 1);
                if v.is_none() {
                    c.error(Code::BadValue, "Index", || "Index must be 1 or more".to_owned());
                }
                v
            });
            if let (Some(a), Some(b)) = (&code, &related_code) {
                Self::unique(
                    &mut c,
                    &mut seen,
                    (a.clone(), b.clone()),
                    "Related O*NET-SOC Code",
                    || format!("The pair {a}, {b}"),
                );
            }
            if let (Some(code), Some(related_code), Some(tier), Some(index), false) =
                (code, related_code, tier, index, c.bad)
            {
                out.push(RelatedOccupation {
                    code,
                    related_code,
                    tier,
                    index,
                });
            }
        }
        out
    }
}

/// A row's occupation code, checked against `Occupation Data`.
fn known_code(known: Option<&HashSet<String>>, c: &mut Cells, col: Option<usize>, field: &str) -> Option<String> {
    let code = c.onet_code(col, field)?;
    if known.is_some_and(|k| !k.contains(&code)) {
        c.error(Code::UnknownReference, field, || {
            format!("{code} is not an occupation of Occupation Data.txt")
        });
        return None;
    }
    Some(code)
}

fn job_zone(c: &mut Cells, col: Option<usize>) -> Option<u8> {
    let v = c.integer(col, "Job Zone", true)?;
    let zone = u8::try_from(v).ok().filter(|z| (1..=5).contains(z));
    if zone.is_none() {
        c.error(Code::BadValue, "Job Zone", || format!("job zone {v} is not 1 to 5"));
    }
    zone
}

fn category_number(c: &mut Cells, col: Option<usize>, required: bool) -> Option<u32> {
    let v = c.integer(col, "Category", required)?;
    let n = u32::try_from(v).ok();
    if n.is_none() {
        let raw = truncate(c.raw(col).unwrap_or("")).into_owned();
        c.error(Code::BadValue, "Category", || {
            format!("category {raw} is not 0 or more")
        });
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_me_gives_version_and_date() {
        let text = "O*NET 29.3 Database\r\nMay 2025 Release\r\n----------------\r\n";
        assert_eq!(read_me(text), Some(("29.3".to_owned(), Some("May 2025".to_owned()))));
        assert_eq!(read_me("Something else\n"), None);
    }

    #[test]
    fn file_names() {
        assert_eq!(File::from_file_name("Occupation Data.txt"), Some(File::OccupationData));
        assert_eq!(File::from_file_name("occupation data.CSV"), Some(File::OccupationData));
        assert_eq!(
            File::from_file_name("Education, Training, and Experience Categories.txt"),
            Some(File::EducationCategories)
        );
        assert_eq!(File::from_file_name("Occupation Data.xlsx"), None);
        assert_eq!(File::from_file_name("Task Statements.txt"), None);
    }
}
