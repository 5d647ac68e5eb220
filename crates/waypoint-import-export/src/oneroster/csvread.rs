//! Reading one CSV file: a strict RFC 4180 syntax check while streaming, the header looked
//! up once by name, and rows as `csv::ByteRecord`s with typed, validating accessors.

use std::collections::{HashSet, VecDeque};
use std::io::{self, Read};
use std::sync::Arc;

use time::{Date, OffsetDateTime};

use super::Options;
use super::issue::{Code, Issues};
use super::model::{FileMode, Grade, Id, Status, Text, Token, Version};
use super::source::Stop;
use super::values;

const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Q {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
    Failed,
}

/// Drops a leading UTF-8 byte-order mark and checks RFC 4180 quoting as bytes stream by
/// (the `csv` crate itself accepts broken quoting silently). On the first violation it
/// passes on the bytes before it, then fails with [`Stop::Syntax`].
///
/// It also notes the line on which each record starts: the `csv` crate's record position is
/// taken before it skips the previous record's `\n` (CRLF files) and blank lines, so it can
/// be a line or more too early.
pub(crate) struct Checked<R> {
    inner: R,
    /// The start lines of the records scanned but not yet taken by the CSV reader.
    starts: VecDeque<u32>,
    at_record_start: bool,
    started: bool,
    head: [u8; 3],
    head_len: usize,
    head_pos: usize,
    state: Q,
    line: u32,
    open_line: u32,
    pending: Option<Stop>,
}

impl<R: Read> Checked<R> {
    pub(crate) fn new(inner: R) -> Checked<R> {
        Checked {
            inner,
            starts: VecDeque::new(),
            at_record_start: true,
            started: false,
            head: [0; 3],
            head_len: 0,
            head_pos: 0,
            state: Q::FieldStart,
            line: 1,
            open_line: 1,
            pending: None,
        }
    }

    /// Scans `bytes`; on a violation returns its offset and the reason.
    fn scan(&mut self, bytes: &[u8]) -> Result<(), (usize, Stop)> {
        for (i, &c) in bytes.iter().enumerate() {
            if self.at_record_start && c != b'\r' && c != b'\n' {
                self.at_record_start = false;
                self.starts.push_back(self.line);
            }
            match self.state {
                Q::FieldStart => match c {
                    b'"' => {
                        self.state = Q::Quoted;
                        self.open_line = self.line;
                    }
                    b'\n' => {
                        self.line = self.line.saturating_add(1);
                        self.at_record_start = true;
                    }
                    b'\r' => self.at_record_start = true,
                    b',' => {}
                    _ => self.state = Q::Unquoted,
                },
                Q::Unquoted => match c {
                    b',' => self.state = Q::FieldStart,
                    b'\r' => {
                        self.state = Q::FieldStart;
                        self.at_record_start = true;
                    }
                    b'\n' => {
                        self.line = self.line.saturating_add(1);
                        self.state = Q::FieldStart;
                        self.at_record_start = true;
                    }
                    b'"' => {
                        self.state = Q::Failed;
                        return Err((
                            i,
                            Stop::Syntax {
                                line: self.line,
                                message: "a quote character (\") appears inside a value that does not start with \
                                          a quote; enclose the whole value in quotes and double the quote inside \
                                          it (\"\")"
                                    .to_owned(),
                            },
                        ));
                    }
                    _ => {}
                },
                Q::Quoted => match c {
                    b'"' => self.state = Q::QuoteInQuoted,
                    b'\n' => self.line = self.line.saturating_add(1),
                    _ => {}
                },
                Q::QuoteInQuoted => match c {
                    b'"' => self.state = Q::Quoted,
                    b',' => self.state = Q::FieldStart,
                    b'\r' => {
                        self.state = Q::FieldStart;
                        self.at_record_start = true;
                    }
                    b'\n' => {
                        self.line = self.line.saturating_add(1);
                        self.state = Q::FieldStart;
                        self.at_record_start = true;
                    }
                    _ => {
                        self.state = Q::Failed;
                        return Err((
                            i,
                            Stop::Syntax {
                                line: self.line,
                                message: "there is text after the closing quote of a quoted value; a quoted value \
                                          must be followed by a comma or the end of the line"
                                    .to_owned(),
                            },
                        ));
                    }
                },
                Q::Failed => {}
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(stop) = self.pending.take() {
            return Err(stop.into_io());
        }
        if self.state == Q::Failed || buf.is_empty() {
            return Ok(0);
        }
        if !self.started {
            self.started = true;
            let mut n = 0;
            while n < 3 {
                let k = self.inner.read(&mut self.head[n..])?;
                if k == 0 {
                    break;
                }
                n += k;
            }
            self.head_len = if n == 3 && self.head == BOM { 0 } else { n };
        }
        let n = if self.head_pos < self.head_len {
            let k = (self.head_len - self.head_pos).min(buf.len());
            buf[..k].copy_from_slice(&self.head[self.head_pos..self.head_pos + k]);
            self.head_pos += k;
            k
        } else {
            self.inner.read(buf)?
        };
        if n == 0 {
            if self.state == Q::Quoted {
                self.state = Q::Failed;
                return Err(Stop::Syntax {
                    line: self.open_line,
                    message: "a quoted value starts on this line but its closing quote is missing".to_owned(),
                }
                .into_io());
            }
            return Ok(0);
        }
        match self.scan(&buf[..n]) {
            Ok(()) => Ok(n),
            Err((0, stop)) => Err(stop.into_io()),
            Err((pos, stop)) => {
                self.pending = Some(stop);
                Ok(pos)
            }
        }
    }
}

/// Shares one allocation per distinct id string across the whole package, so that equal ids
/// are the same pointer (references are then checked by address, see `link`).
///
/// Each column remembers its last id: exports are usually grouped (all enrollments of a class
/// together), so many lookups are answered by one comparison instead of a hash.
#[derive(Default)]
pub(crate) struct Interner {
    set: HashSet<Id>,
    last: Vec<Option<Id>>,
}

impl Interner {
    pub(crate) fn intern(&mut self, s: &str) -> Id {
        if let Some(id) = self.set.get(s) {
            return id.clone();
        }
        let id: Id = Arc::from(s);
        self.set.insert(id.clone());
        id
    }

    /// [`Interner::intern`] with a one-entry cache for column `col`.
    pub(crate) fn intern_col(&mut self, col: usize, s: &str) -> Id {
        if let Some(Some(last)) = self.last.get(col)
            && **last == *s
        {
            return last.clone();
        }
        let id = self.intern(s);
        if col < 64 {
            if self.last.len() <= col {
                self.last.resize(col + 1, None);
            }
            self.last[col] = Some(id.clone());
        }
        id
    }

    /// Forgets the per-column cache (columns mean something else in the next file).
    pub(crate) fn next_file(&mut self) {
        self.last.clear();
    }
}

/// What all the file readers share while reading a package.
pub(crate) struct Cx<'o> {
    pub(crate) opts: &'o Options,
    pub(crate) version: Version,
    pub(crate) issues: Issues,
    pub(crate) interner: Interner,
}

/// One CSV file being read.
pub(crate) struct CsvInput<R: Read> {
    reader: csv::Reader<Checked<R>>,
    record: csv::ByteRecord,
    pub(crate) file: &'static str,
    width: usize,
    warned_extra: bool,
    /// Set when reading stopped early (syntax, encoding of the header, IO, size).
    pub(crate) broken: bool,
}

impl<R: Read> CsvInput<R> {
    pub(crate) fn new(input: R, file: &'static str) -> CsvInput<R> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(64 * 1024)
            .from_reader(Checked::new(input));
        CsvInput {
            reader,
            record: csv::ByteRecord::new(),
            file,
            width: 0,
            warned_extra: false,
            broken: false,
        }
    }

    /// Reads the header row. `None` (after reporting why) if there is no usable header.
    pub(crate) fn header(&mut self, cx: &mut Cx) -> Option<Header> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => {
                self.broken = true;
                cx.issues.error(Code::CsvSyntax, self.file, Some(1), None, || {
                    "the file is empty; it needs at least a header row naming the columns".to_owned()
                });
                return None;
            }
            Err(e) => {
                self.fail(e, cx);
                return None;
            }
        }
        self.reader.get_mut().starts.pop_front();
        let mut names = Vec::with_capacity(self.record.len());
        for (i, raw) in self.record.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(s) => names.push(
                    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                        .to_owned(),
                ),
                Err(e) => {
                    self.broken = true;
                    let byte = raw[e.valid_up_to()];
                    cx.issues.error(Code::Encoding, self.file, Some(1), None, || {
                        format!(
                            "the header is not valid UTF-8 text (byte 0x{byte:02X} in column {}); save the file \
                             as UTF-8",
                            i + 1
                        )
                    });
                    return None;
                }
            }
        }
        // Trailing empty header columns (a common spreadsheet artifact) are ignored.
        while names.last().is_some_and(String::is_empty) {
            names.pop();
        }
        self.width = names.len();
        Some(Header {
            file: self.file,
            used: vec![false; names.len()],
            names,
            known: Vec::new(),
            failed: false,
        })
    }

    /// The next data row, skipping blank rows and rows that are not UTF-8 (after reporting
    /// them). `None` at the end or when reading must stop.
    pub(crate) fn next_row(&mut self, cx: &mut Cx) -> Option<Row<'_>> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    self.fail(e, cx);
                    return None;
                }
            }
            let csv_line = self
                .record
                .position()
                .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
            let line = self.reader.get_mut().starts.pop_front().unwrap_or(csv_line);
            if self.record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            if let Some((field, extra_lines, byte)) = first_invalid_utf8(&self.record) {
                let col = field + 1;
                cx.issues.error(
                    Code::Encoding,
                    self.file,
                    Some(line.saturating_add(extra_lines)),
                    None,
                    || {
                        format!(
                            "this line is not valid UTF-8 text (byte 0x{byte:02X} in column {col}); save the file as \
                         UTF-8"
                        )
                    },
                );
                continue;
            }
            if !self.warned_extra && self.record.len() > self.width {
                let extra = self
                    .record
                    .iter()
                    .skip(self.width)
                    .any(|f| !f.iter().all(u8::is_ascii_whitespace));
                if extra {
                    self.warned_extra = true;
                    let width = self.width;
                    cx.issues.warn(Code::ExtraValues, self.file, Some(line), None, || {
                        format!(
                            "this row has values beyond the {width} named columns of the header; they were \
                             ignored (later rows are not reported)"
                        )
                    });
                }
            }
            return Some(Row {
                rec: &self.record,
                line,
            });
        }
    }

    fn fail(&mut self, e: csv::Error, cx: &mut Cx) {
        self.broken = true;
        let line = e.position().map(|p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let file = self.file;
        match e.into_kind() {
            csv::ErrorKind::Io(io) => match Stop::from_io(&io) {
                Some(Stop::Syntax { line, message }) => {
                    cx.issues
                        .error(Code::CsvSyntax, file, Some(*line), None, || message.clone());
                }
                Some(Stop::TooLarge { limit, total }) => {
                    let (limit, total) = (*limit, *total);
                    cx.issues
                        .error(Code::TooLarge, file, None, None, || too_large_message(limit, total));
                }
                None => {
                    cx.issues.error(Code::Io, file, None, None, || {
                        format!("the file could not be read: {io}")
                    });
                }
            },
            other => {
                cx.issues.error(Code::CsvSyntax, file, line, None, || {
                    format!("the file is not valid CSV: {other:?}")
                });
            }
        }
    }
}

/// The message for [`Stop::TooLarge`].
pub(crate) fn too_large_message(limit: u64, total: bool) -> String {
    if total {
        format!(
            "the package is larger than the limit of {} once uncompressed; reading stopped here",
            bytes(limit)
        )
    } else {
        format!("the file is larger than the limit of {} per file", bytes(limit))
    }
}

/// A byte count for people.
pub(crate) fn bytes(n: u64) -> String {
    const GIB: u64 = 1 << 30;
    const MIB: u64 = 1 << 20;
    if n >= GIB && n.is_multiple_of(GIB) {
        format!("{} GiB", n / GIB)
    } else if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// The first field that is not UTF-8: its index, the line breaks before the bad byte within
/// the record, and the bad byte.
fn first_invalid_utf8(rec: &csv::ByteRecord) -> Option<(usize, u32, u8)> {
    if std::str::from_utf8(rec.as_slice()).is_ok() && rec.iter().all(|f| std::str::from_utf8(f).is_ok()) {
        return None;
    }
    let mut lines = 0u32;
    for (i, f) in rec.iter().enumerate() {
        match std::str::from_utf8(f) {
            Ok(_) => lines += f.iter().filter(|&&b| b == b'\n').count() as u32,
            Err(e) => {
                let at = e.valid_up_to();
                lines += f[..at].iter().filter(|&&b| b == b'\n').count() as u32;
                return Some((i, lines, f[at]));
            }
        }
    }
    None
}

/// A file's header: columns are looked up by name once, then read by index.
pub(crate) struct Header {
    file: &'static str,
    names: Vec<String>,
    used: Vec<bool>,
    known: Vec<&'static str>,
    failed: bool,
}

impl Header {
    fn find(&mut self, name: &'static str, cx: &mut Cx) -> Option<usize> {
        self.known.push(name);
        let mut found = self
            .names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.as_str() == name)
            .map(|(i, _)| i);
        let first = found.next()?;
        self.used[first] = true;
        if let Some(second) = found.next() {
            self.used[second] = true;
            self.failed = true;
            let file = self.file;
            cx.issues.error(Code::DuplicateColumn, file, Some(1), Some(name), || {
                format!(
                    "the column {name} appears more than once in the header (columns {} and {})",
                    first + 1,
                    second + 1
                )
            });
        }
        Some(first)
    }

    /// An optional column of the file.
    pub(crate) fn col(&mut self, name: &'static str, cx: &mut Cx) -> Option<usize> {
        self.find(name, cx)
    }

    /// A required column: reports `missing_column` if it is not in the header.
    pub(crate) fn require(&mut self, name: &'static str, cx: &mut Cx) -> Option<usize> {
        let found = self.find(name, cx);
        if found.is_none() {
            self.failed = true;
            let file = self.file;
            let hint = values::did_you_mean(name, self.names.iter().map(String::as_str))
                .map(|n| format!(" (the header has \"{n}\"; column names are case-sensitive and must be spelled as in the OneRoster specification)"))
                .unwrap_or_default();
            cx.issues.error(Code::MissingColumn, file, Some(1), Some(name), || {
                format!("the required column {name} is missing from the header{hint}")
            });
        }
        found
    }

    /// A column that is required in delta files only (`status`, `dateLastModified`).
    pub(crate) fn require_if(&mut self, name: &'static str, required: bool, cx: &mut Cx) -> Option<usize> {
        if required {
            self.require(name, cx)
        } else {
            self.col(name, cx)
        }
    }

    /// A known column whose values are deliberately not imported (passwords). Warns once if
    /// the column is present.
    pub(crate) fn ignore(&mut self, name: &'static str, why: &'static str, cx: &mut Cx) {
        if self.find(name, cx).is_some() {
            let file = self.file;
            cx.issues.warn(Code::IgnoredColumn, file, Some(1), Some(name), || {
                format!("the column {name} is not imported: {why}")
            });
        }
    }

    /// Warns about unknown columns. Returns `false` if the header is unusable (a required
    /// column is missing or a known column is duplicated).
    pub(crate) fn finish(self, cx: &mut Cx) -> bool {
        let version = cx.version.as_str();
        for (i, name) in self.names.iter().enumerate() {
            if self.used[i] || name.starts_with("metadata.") {
                continue;
            }
            let file = self.file;
            if name.is_empty() {
                cx.issues.warn(Code::UnknownColumn, file, Some(1), None, || {
                    format!("column {} has no name in the header; its values were ignored", i + 1)
                });
                continue;
            }
            let hint = values::did_you_mean(name, self.known.iter().copied())
                .map(|k| format!("; did you mean {k}? (column names are case-sensitive)"))
                .unwrap_or_default();
            let spec = if file == "manifest.csv" {
                String::new()
            } else {
                format!(" in OneRoster {version}")
            };
            cx.issues.warn(Code::UnknownColumn, file, Some(1), Some(name), || {
                format!(
                    "the column \"{}\" is not part of this file{spec} and was ignored{hint}",
                    values::truncate(name)
                )
            });
        }
        !self.failed
    }
}

/// A data row: a UTF-8-checked `csv::ByteRecord` and its line.
pub(crate) struct Row<'r> {
    rec: &'r csv::ByteRecord,
    pub(crate) line: u32,
}

/// Reads and validates a row's values, reporting errors against the row's line.
pub(crate) struct RowCx<'r, 'c, 'o> {
    rec: &'r csv::ByteRecord,
    pub(crate) line: u32,
    file: &'static str,
    mode: FileMode,
    pub(crate) cx: &'c mut Cx<'o>,
    /// Set once any error was reported for the row.
    pub(crate) bad: bool,
}

impl<'r, 'c, 'o> RowCx<'r, 'c, 'o> {
    pub(crate) fn new(row: Row<'r>, file: &'static str, mode: FileMode, cx: &'c mut Cx<'o>) -> Self {
        RowCx {
            rec: row.rec,
            line: row.line,
            file,
            mode,
            cx,
            bad: false,
        }
    }

    /// The trimmed value of a column; `None` if the column is absent or the value empty.
    pub(crate) fn raw(&self, col: Option<usize>) -> Option<&'r str> {
        let bytes = self.rec.get(col?)?;
        let s = std::str::from_utf8(bytes).ok()?.trim();
        (!s.is_empty()).then_some(s)
    }

    pub(crate) fn error(&mut self, code: Code, field: &str, message: impl FnOnce() -> String) {
        self.bad = true;
        let (file, line) = (self.file, self.line);
        self.cx.issues.error(code, file, Some(line), Some(field), message);
    }

    fn required(&mut self, field: &str) {
        self.error(Code::Required, field, || format!("{field} is required but is empty"));
    }

    /// A required id.
    pub(crate) fn id(&mut self, col: Option<usize>, field: &str) -> Option<Id> {
        match (self.raw(col), col) {
            (Some(s), Some(c)) => Some(self.cx.interner.intern_col(c, s)),
            _ => {
                self.required(field);
                None
            }
        }
    }

    /// A required id that nothing refers to (an enrollment's or role's own `sourcedId`): not
    /// interned, which keeps the interner small for the largest files.
    pub(crate) fn unique_id(&mut self, col: Option<usize>, field: &str) -> Option<Id> {
        let v = self.raw(col).map(Id::from);
        if v.is_none() {
            self.required(field);
        }
        v
    }

    /// An optional id.
    pub(crate) fn opt_id(&mut self, col: Option<usize>) -> Option<Id> {
        let s = self.raw(col)?;
        Some(self.cx.interner.intern_col(col?, s))
    }

    /// A comma-separated list of ids; `required` reports an empty list.
    pub(crate) fn ids(&mut self, col: Option<usize>, field: &str, required: bool) -> Vec<Id> {
        let out: Vec<Id> = match self.raw(col) {
            Some(s) => values::list(s).map(|x| self.cx.interner.intern(x)).collect(),
            None => Vec::new(),
        };
        if required && out.is_empty() {
            self.required(field);
        }
        out
    }

    /// A required text value.
    pub(crate) fn text(&mut self, col: Option<usize>, field: &str) -> Option<Text> {
        let v = self.opt_text(col);
        if v.is_none() {
            self.required(field);
        }
        v
    }

    /// An optional text value.
    pub(crate) fn opt_text(&self, col: Option<usize>) -> Option<Text> {
        self.raw(col).map(Box::from)
    }

    /// A comma-separated list of text values.
    pub(crate) fn texts(&self, col: Option<usize>) -> Vec<Text> {
        self.raw(col)
            .map(|s| values::list(s).map(Box::from).collect())
            .unwrap_or_default()
    }

    /// A `YYYY-MM-DD` date.
    pub(crate) fn date(&mut self, col: Option<usize>, field: &str, required: bool) -> Option<Date> {
        let Some(s) = self.raw(col) else {
            if required {
                self.required(field);
            }
            return None;
        };
        let d = values::parse_date(s);
        if d.is_none() {
            self.error(Code::BadDate, field, || {
                format!(
                    "\"{}\" is not a valid date; expected the format YYYY-MM-DD, like 2024-08-26",
                    values::truncate(s)
                )
            });
        }
        d
    }

    /// `status` and `dateLastModified`: required in delta files, optional in bulk files.
    pub(crate) fn meta(&mut self, status: Option<usize>, dlm: Option<usize>) -> (Status, Option<OffsetDateTime>) {
        let delta = self.mode == FileMode::Delta;
        let st = match self.raw(status) {
            None => {
                if delta {
                    self.error(Code::Required, "status", || {
                        "status is required in a delta file (active or tobedeleted) but is empty".to_owned()
                    });
                }
                Status::Active
            }
            Some(s) => match Status::parse(s) {
                Some(st) => st,
                None if self.cx.version == Version::V1_1 && s.eq_ignore_ascii_case("inactive") => Status::ToBeDeleted,
                None => {
                    let v11 = if self.cx.version == Version::V1_2 && s.eq_ignore_ascii_case("inactive") {
                        " (\"inactive\" was OneRoster 1.1; 1.2 uses tobedeleted)"
                    } else {
                        ""
                    };
                    self.error(Code::BadEnum, "status", || {
                        format!(
                            "\"{}\" is not a valid status; expected active or tobedeleted{}{v11}",
                            values::truncate(s),
                            if delta { "" } else { ", or empty" }
                        )
                    });
                    Status::Active
                }
            },
        };
        let when = match self.raw(dlm) {
            None => {
                if delta {
                    self.error(Code::Required, "dateLastModified", || {
                        "dateLastModified is required in a delta file but is empty".to_owned()
                    });
                }
                None
            }
            Some(s) => {
                let t = values::parse_datetime(s);
                if t.is_none() {
                    self.error(Code::BadDate, "dateLastModified", || {
                        format!(
                            "\"{}\" is not a valid date and time; expected ISO 8601 date and time, like \
                             2024-08-26T14:30:00.000Z",
                            values::truncate(s)
                        )
                    });
                }
                t
            }
        };
        (st, when)
    }

    /// A token of an enum such as org type or role.
    pub(crate) fn token<T: Token>(&mut self, col: Option<usize>, field: &str, required: bool) -> Option<T> {
        let Some(s) = self.raw(col) else {
            if required {
                self.required(field);
            }
            return None;
        };
        let v = T::parse_token(s);
        if v.is_none() {
            self.error(Code::BadEnum, field, || {
                format!(
                    "\"{}\" is not a valid {}; expected one of: {}",
                    values::truncate(s),
                    T::WHAT,
                    T::TOKENS.join(", ")
                )
            });
        }
        v
    }

    /// A boolean, `true` or `false`.
    pub(crate) fn boolean(&mut self, col: Option<usize>, field: &str, required: bool) -> Option<bool> {
        let Some(s) = self.raw(col) else {
            if required {
                self.required(field);
            }
            return None;
        };
        let v = values::parse_bool(s);
        if v.is_none() {
            self.error(Code::BadEnum, field, || {
                format!(
                    "\"{}\" is not a valid boolean; expected true or false",
                    values::truncate(s)
                )
            });
        }
        v
    }

    /// A comma-separated list of CEDS grade codes.
    pub(crate) fn grades(&mut self, col: Option<usize>, field: &str) -> Vec<Grade> {
        let Some(s) = self.raw(col) else { return Vec::new() };
        let mut out = Vec::new();
        for item in values::list(s) {
            match Grade::parse(item) {
                Some(g) => out.push(g),
                None => self.error(Code::BadEnum, field, || {
                    format!(
                        "\"{}\" is not a valid grade; expected CEDS codes separated by commas: IT, PR, PK, TK, \
                         KG, 01-13, PS, UG, Other",
                        values::truncate(item)
                    )
                }),
            }
        }
        out
    }
}
