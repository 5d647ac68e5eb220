//! Problems found while reading reference data (the [`crate::onet`], [`crate::bls`] and
//! [`crate::clusters`] readers): [`Issue`], its machine [`Code`], and the [`Report`] returned
//! when the files are rejected. The same shape as the OneRoster reader's, for the same
//! reader: an operator who fixes everything listed in one go.

use std::fmt;

use serde::Serialize;

/// A stable, machine-readable kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A file the release needs is not in the folder (or is there twice, under two extensions).
    MissingFile,
    /// An optional file is not in the folder (warning: that part of the data is left empty).
    OptionalFile,
    /// The release's version could not be found (no `Read Me.txt`, and none was given).
    Release,
    /// A required column is missing from a file's header.
    MissingColumn,
    /// The same column appears twice in a header.
    DuplicateColumn,
    /// A column the reader does not know (warning: its values were ignored).
    UnknownColumn,
    /// A row has fewer values than the header has columns, or more non-empty ones.
    Width,
    /// A required value is empty (or `n/a`).
    Required,
    /// A number could not be read.
    BadNumber,
    /// An occupation code is not an O*NET-SOC code (`15-1252.00`) or a SOC code (`15-1252`).
    BadCode,
    /// A date is not `MM/YYYY` (or `YYYY-MM`).
    BadDate,
    /// A value is not one of those allowed, or out of range.
    BadValue,
    /// The same key occurs twice in a file.
    Duplicate,
    /// A row names an occupation (or a category) that the release does not define.
    UnknownReference,
    /// The bytes are not UTF-8.
    Encoding,
    /// The file's quoting is broken, or the file is empty.
    Syntax,
    /// The file or folder could not be read.
    Io,
}

impl Code {
    /// The stable snake_case code, e.g. `"missing_column"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MissingFile => "missing_file",
            Code::OptionalFile => "optional_file",
            Code::Release => "release",
            Code::MissingColumn => "missing_column",
            Code::DuplicateColumn => "duplicate_column",
            Code::UnknownColumn => "unknown_column",
            Code::Width => "width",
            Code::Required => "required",
            Code::BadNumber => "bad_number",
            Code::BadCode => "bad_code",
            Code::BadDate => "bad_date",
            Code::BadValue => "bad_value",
            Code::Duplicate => "duplicate",
            Code::UnknownReference => "unknown_reference",
            Code::Encoding => "encoding",
            Code::Syntax => "syntax",
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
    /// The file's name (e.g. `"Interests.txt"`), or the folder's path for problems with the
    /// folder as a whole.
    pub file: String,
    /// The 1-based line in `file` (the header is line 1); `None` for file-level problems.
    pub line: Option<u32>,
    /// The column's name as the reader knows it; `None` if not about one column.
    pub field: Option<String>,
    /// A plain-English explanation for the operator.
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
        }
        write!(f, "{} [{}]", self.message, self.code)
    }
}

/// Why reference data was rejected: every error found (up to the cap) and the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, thiserror::Error)]
pub struct Report {
    /// What was being read, e.g. `"the O*NET release"`.
    pub subject: String,
    /// The errors, by file and line.
    pub errors: Vec<Issue>,
    /// How many further errors were found but not listed.
    pub truncated: usize,
    /// Warnings found before the data was rejected.
    pub warnings: Vec<Issue>,
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
            "{} was rejected with {n} error{}",
            self.subject,
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

/// How many errors a report lists; further ones are only counted.
pub(crate) const MAX_ERRORS: usize = 1000;

/// Collects issues while reading; messages past the cap are counted, never built.
#[derive(Debug, Default)]
pub(crate) struct Issues {
    errors: Vec<Issue>,
    truncated: usize,
    warnings: Vec<Issue>,
}

impl Issues {
    /// Whether any error was found.
    pub(crate) fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// How many errors were found so far.
    pub(crate) fn error_count(&self) -> usize {
        self.errors.len() + self.truncated
    }

    pub(crate) fn error(
        &mut self,
        code: Code,
        file: &str,
        line: Option<u32>,
        field: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        if self.errors.len() >= MAX_ERRORS {
            self.truncated += 1;
            return;
        }
        self.errors.push(issue(code, file, line, field, message()));
    }

    pub(crate) fn warn(&mut self, code: Code, file: &str, line: Option<u32>, field: Option<&str>, message: String) {
        if self.warnings.len() < MAX_ERRORS {
            self.warnings.push(issue(code, file, line, field, message));
        }
    }

    /// The warnings, for data that was read.
    pub(crate) fn into_warnings(self) -> Vec<Issue> {
        self.warnings
    }

    /// The report for rejected data.
    pub(crate) fn into_report(self, subject: &str) -> Report {
        Report {
            subject: subject.to_owned(),
            errors: self.errors,
            truncated: self.truncated,
            warnings: self.warnings,
        }
    }
}

fn issue(code: Code, file: &str, line: Option<u32>, field: Option<&str>, message: String) -> Issue {
    Issue {
        code,
        file: file.to_owned(),
        line,
        field: field.map(str::to_owned),
        message,
    }
}
