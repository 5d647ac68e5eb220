//! Problems found in a package: [`Issue`], its machine [`Code`], and the [`Report`]
//! returned when a package is rejected.

use std::fmt;

use serde::Serialize;

/// A stable, machine-readable kind of problem. The web layer may translate by code; the
/// English [`Issue::message`] is written for district administrators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// `manifest.csv` is missing, unreadable, or declares something impossible.
    Manifest,
    /// A file the manifest declares as `bulk` or `delta` is not in the package.
    MissingFile,
    /// A CSV file is in the package but the manifest does not declare it, or declares it `absent`.
    UndeclaredFile,
    /// A file is in the package but is not a OneRoster file Waypoint reads (warning).
    UnknownFile,
    /// A OneRoster file is declared and present but Waypoint does not import it (warning).
    IgnoredFile,
    /// A required column is missing from a file's header.
    MissingColumn,
    /// The same column name appears twice in a header.
    DuplicateColumn,
    /// A column that is not part of the file's OneRoster definition (warning).
    UnknownColumn,
    /// A known column whose values are deliberately not imported, e.g. passwords (warning).
    IgnoredColumn,
    /// A row has more values than the header has columns (warning).
    ExtraValues,
    /// A required value is empty.
    Required,
    /// A date or date-time is not in the expected format.
    BadDate,
    /// A value is not one of the allowed tokens (status, org type, role, boolean, grade…).
    BadEnum,
    /// A value is malformed in another way (e.g. `userIds` syntax, a school year).
    BadValue,
    /// A `sourcedId` is used twice in one file.
    DuplicateId,
    /// A reference to an id that is not in the package although it must be.
    UnknownReference,
    /// The bytes are not UTF-8.
    Encoding,
    /// The CSV syntax is broken (quoting, empty file).
    CsvSyntax,
    /// A zip entry's path is absolute or contains `..`, or a name occurs twice.
    ZipPath,
    /// The zip archive cannot be read.
    Zip,
    /// A size limit was exceeded.
    TooLarge,
    /// The file system or archive could not be read.
    Io,
}

impl Code {
    /// The stable snake_case code, e.g. `"missing_column"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Manifest => "manifest",
            Code::MissingFile => "missing_file",
            Code::UndeclaredFile => "undeclared_file",
            Code::UnknownFile => "unknown_file",
            Code::IgnoredFile => "ignored_file",
            Code::MissingColumn => "missing_column",
            Code::DuplicateColumn => "duplicate_column",
            Code::UnknownColumn => "unknown_column",
            Code::IgnoredColumn => "ignored_column",
            Code::ExtraValues => "extra_values",
            Code::Required => "required",
            Code::BadDate => "bad_date",
            Code::BadEnum => "bad_enum",
            Code::BadValue => "bad_value",
            Code::DuplicateId => "duplicate_id",
            Code::UnknownReference => "unknown_reference",
            Code::Encoding => "encoding",
            Code::CsvSyntax => "csv_syntax",
            Code::ZipPath => "zip_path",
            Code::Zip => "zip",
            Code::TooLarge => "too_large",
            Code::Io => "io",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The machine code.
    pub code: Code,
    /// The file, e.g. `"users.csv"`; a zip entry's path for [`Code::ZipPath`]; the package's
    /// path (or empty) for problems with the package as a whole.
    pub file: String,
    /// The 1-based line in `file` (the header is line 1); `None` for file-level problems.
    /// For a row spanning several lines (quoted line breaks) it is the row's first line.
    pub line: Option<u32>,
    /// The column (OneRoster field name), or the manifest property; `None` if not about one.
    pub field: Option<String>,
    /// A plain-English explanation for a district administrator.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            f.write_str(&self.file)?;
            if let Some(line) = self.line {
                write!(f, ", line {line}")?;
            }
            if let Some(field) = &self.field {
                write!(f, ", {field}")?;
            }
            f.write_str(": ")?;
        } else if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{} [{}]", self.message, self.code)
    }
}

/// Why a package was rejected: every error found (up to the configured cap), plus the
/// warnings, so that an administrator can fix everything in one go.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, thiserror::Error)]
pub struct Report {
    /// The errors, in file order (manifest, orgs, academicSessions, courses, classes, users,
    /// roles, userProfiles, demographics, enrollments) and by line within a file.
    pub errors: Vec<Issue>,
    /// How many further errors were found but not listed (beyond `Options::max_errors`).
    pub truncated: usize,
    /// Warnings found before the package was rejected.
    pub warnings: Vec<Issue>,
    /// How many further warnings were not listed (beyond `Options::max_warnings`).
    pub warnings_truncated: usize,
}

impl Report {
    /// The total number of errors found, listed or not.
    pub fn error_count(&self) -> usize {
        self.errors.len() + self.truncated
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.error_count();
        write!(
            f,
            "the OneRoster package was rejected with {n} error{}",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        if self.truncated > 0 {
            write!(f, "\n  … and {} more", self.truncated)?;
        }
        Ok(())
    }
}

/// Collects issues with caps; messages past the cap are only counted (and never built).
#[derive(Debug)]
pub(crate) struct Issues {
    pub(crate) errors: Vec<Issue>,
    pub(crate) truncated: usize,
    pub(crate) warnings: Vec<Issue>,
    pub(crate) warnings_truncated: usize,
    max_errors: usize,
    max_warnings: usize,
}

impl Issues {
    pub(crate) fn new(max_errors: usize, max_warnings: usize) -> Self {
        Issues {
            errors: Vec::new(),
            truncated: 0,
            warnings: Vec::new(),
            warnings_truncated: 0,
            max_errors,
            max_warnings,
        }
    }

    /// Whether any error was found (listed or not).
    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.truncated > 0
    }

    pub(crate) fn error(
        &mut self,
        code: Code,
        file: &str,
        line: Option<u32>,
        field: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        if self.errors.len() >= self.max_errors {
            self.truncated += 1;
            return;
        }
        self.errors.push(Issue {
            code,
            file: file.to_owned(),
            line,
            field: field.map(str::to_owned),
            message: message(),
        });
    }

    pub(crate) fn warn(
        &mut self,
        code: Code,
        file: &str,
        line: Option<u32>,
        field: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        if self.warnings.len() >= self.max_warnings {
            self.warnings_truncated += 1;
            return;
        }
        self.warnings.push(Issue {
            code,
            file: file.to_owned(),
            line,
            field: field.map(str::to_owned),
            message: message(),
        });
    }

    /// Sorts the listed issues by file rank (`rank` gives the order of a file name) and line.
    pub(crate) fn sort(&mut self, rank: impl Fn(&str) -> usize) {
        let key = |i: &Issue| (rank(&i.file), i.line.unwrap_or(0));
        self.errors.sort_by_key(key);
        self.warnings.sort_by_key(key);
    }

    pub(crate) fn into_report(self) -> Report {
        Report {
            errors: self.errors,
            truncated: self.truncated,
            warnings: self.warnings,
            warnings_truncated: self.warnings_truncated,
        }
    }
}
