//! Reading one delimited text file of reference data: the header looked up by column name,
//! rows with their line numbers, and typed accessors that report problems by file, line and
//! field.
//!
//! Two layouts are accepted, told apart by the header line:
//! - **tab-delimited, unquoted** (a tab in the header): O*NET's text release, and text
//!   written from its Excel release. Quotes are ordinary characters there (task statements
//!   quote words), so no quoting is applied;
//! - **comma-separated with RFC 4180 quoting** (no tab in the header): BLS tables and
//!   crosswalks saved as CSV.
//!
//! Either with LF or CRLF line endings, with or without a UTF-8 byte-order mark. Blank lines
//! are skipped. Missing values may be written empty, `n/a` (O*NET's convention) or `—`
//! (BLS's).

use std::borrow::Cow;

use crate::reference::{Code, Issues};

const BOM: &str = "\u{feff}";

/// One data row: its first line and its values.
pub(crate) struct Row<'t> {
    pub(crate) line: u32,
    fields: Vec<Cow<'t, str>>,
}

/// A file being read.
pub(crate) struct Table<'t> {
    pub(crate) file: String,
    text: &'t str,
    quoted: bool,
    names: Vec<String>,
    keys: Vec<String>,
    used: Vec<bool>,
    tolerated: Vec<bool>,
    pos: usize,
    line: u32,
    failed: bool,
}

/// A column name as compared: lower case, single spaces, dashes as `-`, footnote marks such
/// as `[1]` removed.
pub(crate) fn column_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_mark = false;
    for c in name.chars() {
        match c {
            '[' => in_mark = true,
            ']' if in_mark => in_mark = false,
            _ if in_mark => {}
            '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => out.push('-'),
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim_end().to_owned()
}

impl<'t> Table<'t> {
    /// Checks the encoding and reads the header. `None` (after reporting why) if the file
    /// cannot be read as a table.
    pub(crate) fn open(file: &str, bytes: &'t [u8], issues: &mut Issues) -> Option<Table<'t>> {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.valid_up_to();
                let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32;
                let byte = bytes[at];
                issues.error(Code::Encoding, file, Some(line), None, || {
                    format!(
                        "this line is not valid UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8 \
                         (O*NET's and BLS's files are UTF-8 when downloaded)"
                    )
                });
                return None;
            }
        };
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let first = text.split('\n').next().unwrap_or("");
        let mut table = Table {
            file: file.to_owned(),
            text,
            quoted: !first.contains('\t'),
            names: Vec::new(),
            keys: Vec::new(),
            used: Vec::new(),
            tolerated: Vec::new(),
            pos: 0,
            line: 1,
            failed: false,
        };
        let header = match table.next_record(issues) {
            Some((1, fields)) => fields,
            _ => {
                if !table.failed {
                    issues.error(Code::Syntax, file, Some(1), None, || {
                        "the file is empty, or its first line is blank; it needs a header row naming the columns"
                            .to_owned()
                    });
                }
                return None;
            }
        };
        let mut names: Vec<String> = header
            .iter()
            .map(|n| {
                n.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                    .to_owned()
            })
            .collect();
        // Trailing empty header columns (a spreadsheet artifact) are ignored.
        while names.last().is_some_and(String::is_empty) {
            names.pop();
        }
        table.keys = names.iter().map(|n| column_key(n)).collect();
        table.used = vec![false; names.len()];
        table.tolerated = vec![false; names.len()];
        table.names = names;
        Some(table)
    }

    /// The number of named columns.
    pub(crate) fn width(&self) -> usize {
        self.names.len()
    }

    /// The header's column names, as written.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The column whose key (see [`column_key`]) satisfies `pred`; reports a duplicate.
    pub(crate) fn find(&mut self, field: &str, pred: impl Fn(&str) -> bool, issues: &mut Issues) -> Option<usize> {
        let mut found = self.keys.iter().enumerate().filter(|(_, k)| pred(k)).map(|(i, _)| i);
        let first = found.next()?;
        self.used[first] = true;
        if let Some(second) = found.next() {
            self.used[second] = true;
            self.failed = true;
            issues.error(Code::DuplicateColumn, &self.file, Some(1), Some(field), || {
                format!(
                    "the column \"{field}\" appears more than once in the header (columns {} and {})",
                    first + 1,
                    second + 1
                )
            });
        }
        Some(first)
    }

    /// Marks a column found by other means as read.
    pub(crate) fn mark_used(&mut self, col: usize) {
        if let Some(u) = self.used.get_mut(col) {
            *u = true;
        }
    }

    /// An optional column, by name (compared as [`column_key`] does).
    pub(crate) fn col(&mut self, name: &str, issues: &mut Issues) -> Option<usize> {
        let key = column_key(name);
        self.find(name, |k| k == key, issues)
    }

    /// A required column: reports `missing_column` if the header lacks it.
    pub(crate) fn require(&mut self, name: &str, issues: &mut Issues) -> Option<usize> {
        let found = self.col(name, issues);
        if found.is_none() {
            self.missing(name, issues);
        }
        found
    }

    /// Reports a required column as missing.
    pub(crate) fn missing(&mut self, name: &str, issues: &mut Issues) {
        self.failed = true;
        let have = self
            .names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        issues.error(Code::MissingColumn, &self.file, Some(1), Some(name), || {
            format!("the required column \"{name}\" is missing from the header (it has {have})")
        });
    }

    /// Columns that some editions of a file have and the reader does not need (an occupation's
    /// title repeated in every row, a scale's name): ignored without a warning.
    pub(crate) fn tolerate(&mut self, names: &[&str]) {
        for name in names {
            let key = column_key(name);
            for (i, k) in self.keys.iter().enumerate() {
                if *k == key {
                    self.tolerated[i] = true;
                }
            }
        }
    }

    /// Warns about columns nobody asked for. `false` if the header is unusable.
    pub(crate) fn finish_header(&self, issues: &mut Issues) -> bool {
        for (i, name) in self.names.iter().enumerate() {
            if self.used[i] || self.tolerated[i] {
                continue;
            }
            let message = if name.is_empty() {
                format!("column {} has no name in the header; its values were ignored", i + 1)
            } else {
                format!("the column \"{name}\" is not one Waypoint reads; its values were ignored")
            };
            let field = (!name.is_empty()).then_some(name.as_str());
            issues.warn(Code::UnknownColumn, &self.file, Some(1), field, message);
        }
        !self.failed
    }

    /// The next data row with as many values as the header has columns; rows of another
    /// width are reported and skipped. `None` at the end, or after a syntax error.
    pub(crate) fn next_row(&mut self, issues: &mut Issues) -> Option<Row<'t>> {
        loop {
            let (line, mut fields) = self.next_record(issues)?;
            let width = self.width();
            if fields.len() > width && fields[width..].iter().all(|f| f.trim().is_empty()) {
                fields.truncate(width);
            }
            if fields.len() != width {
                let (n, file) = (fields.len(), self.file.as_str());
                let how = if self.quoted { "commas" } else { "tabs" };
                issues.error(Code::Width, file, Some(line), None, || {
                    format!(
                        "this row has {n} values but the header names {width} columns; a value may contain a \
                         stray line break or extra {how}"
                    )
                });
                continue;
            }
            return Some(Row { line, fields });
        }
    }

    /// The next non-blank record and its first line.
    fn next_record(&mut self, issues: &mut Issues) -> Option<(u32, Vec<Cow<'t, str>>)> {
        if self.failed {
            return None;
        }
        // Skip blank lines.
        loop {
            let rest = &self.text[self.pos..];
            if rest.is_empty() {
                return None;
            }
            let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            if rest[..end].trim().is_empty() {
                self.pos += end;
                self.line += 1;
            } else {
                break;
            }
        }
        let start_line = self.line;
        if !self.quoted {
            let rest = &self.text[self.pos..];
            let (line, used) = match rest.find('\n') {
                Some(i) => (&rest[..i], i + 1),
                None => (rest, rest.len()),
            };
            self.pos += used;
            self.line += 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            return Some((start_line, line.split('\t').map(Cow::Borrowed).collect()));
        }
        match self.csv_record() {
            Ok(fields) => Some((start_line, fields)),
            Err((line, message)) => {
                self.failed = true;
                issues.error(Code::Syntax, &self.file, Some(line), None, || message);
                None
            }
        }
    }

    /// One RFC 4180 record from `pos`. A quote inside an unquoted value is kept as text.
    fn csv_record(&mut self) -> Result<Vec<Cow<'t, str>>, (u32, String)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut fields = Vec::new();
        let mut i = self.pos;
        loop {
            if bytes.get(i) == Some(&b'"') {
                let open_line = self.line;
                i += 1;
                let start = i;
                let mut owned: Option<String> = None;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err((
                                open_line,
                                "a quoted value starts on this line but its closing quote is missing".to_owned(),
                            ));
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            owned.get_or_insert_with(|| text[start..i].to_owned()).push('"');
                            i += 2;
                        }
                        Some(b'"') => break,
                        Some(&c) => {
                            if c == b'\n' {
                                self.line += 1;
                            }
                            if let Some(s) = owned.as_mut() {
                                // Copy the whole UTF-8 character.
                                let len = utf8_len(c);
                                s.push_str(&text[i..i + len]);
                                i += len;
                            } else {
                                i += 1;
                            }
                        }
                    }
                }
                let value = match owned {
                    Some(s) => Cow::Owned(s),
                    None => Cow::Borrowed(&text[start..i]),
                };
                i += 1; // the closing quote
                fields.push(value);
                match bytes.get(i) {
                    Some(b',') => i += 1,
                    Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => {
                        i += 2;
                        break;
                    }
                    Some(b'\n') => {
                        i += 1;
                        break;
                    }
                    None => break,
                    Some(_) => {
                        return Err((
                            self.line,
                            "there is text after the closing quote of a quoted value; a quoted value must be \
                             followed by a comma or the end of the line"
                                .to_owned(),
                        ));
                    }
                }
            } else {
                let start = i;
                while let Some(&c) = bytes.get(i) {
                    if c == b',' || c == b'\n' {
                        break;
                    }
                    i += 1;
                }
                let mut end = i;
                if bytes.get(i) != Some(&b',') && end > start && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                fields.push(Cow::Borrowed(&text[start..end]));
                match bytes.get(i) {
                    Some(b',') => i += 1,
                    Some(_) => {
                        i += 1;
                        break;
                    }
                    None => break,
                }
            }
        }
        // The record's own line break.
        self.line += 1;
        self.pos = i;
        Ok(fields)
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Whether a value stands for "no value": empty, `n/a` (O*NET), or a dash (`—`, BLS).
pub(crate) fn is_missing(s: &str) -> bool {
    matches!(s, "" | "-" | "\u{2014}" | "\u{2013}") || s.eq_ignore_ascii_case("n/a")
}

/// Reads and checks a row's values, reporting problems against the row's line.
pub(crate) struct Cells<'r, 't> {
    row: &'r Row<'t>,
    file: &'r str,
    pub(crate) issues: &'r mut Issues,
    /// Set once any error was reported for the row.
    pub(crate) bad: bool,
}

impl<'r, 't> Cells<'r, 't> {
    pub(crate) fn new(row: &'r Row<'t>, file: &'r str, issues: &'r mut Issues) -> Self {
        Cells {
            row,
            file,
            issues,
            bad: false,
        }
    }

    /// The row's first line.
    pub(crate) fn line(&self) -> u32 {
        self.row.line
    }

    /// The trimmed value; `None` if the column is absent or the value missing.
    pub(crate) fn raw(&self, col: Option<usize>) -> Option<&'r str> {
        let s = self.row.fields.get(col?)?.trim();
        (!is_missing(s)).then_some(s)
    }

    /// How many spaces the value starts with (BLS indents titles to show the hierarchy).
    pub(crate) fn leading_spaces(&self, col: Option<usize>) -> usize {
        col.and_then(|i| self.row.fields.get(i))
            .map_or(0, |f| f.len() - f.trim_start_matches(' ').len())
    }

    /// Reports an error about `field` on this row.
    pub(crate) fn error(&mut self, code: Code, field: &str, message: impl FnOnce() -> String) {
        self.bad = true;
        let line = self.row.line;
        self.issues.error(code, self.file, Some(line), Some(field), message);
    }

    fn required(&mut self, field: &str) {
        self.error(Code::Required, field, || format!("{field} is required but is empty"));
    }

    /// A required text value.
    pub(crate) fn text(&mut self, col: Option<usize>, field: &str) -> Option<String> {
        let v = self.opt_text(col);
        if v.is_none() {
            self.required(field);
        }
        v
    }

    /// An optional text value.
    pub(crate) fn opt_text(&self, col: Option<usize>) -> Option<String> {
        self.raw(col).map(str::to_owned)
    }

    /// A number: `1.3`, `1.30`, `95.0`, `-2.1`, `1,234.5`.
    pub(crate) fn number(&mut self, col: Option<usize>, field: &str, required: bool) -> Option<f64> {
        let Some(s) = self.raw(col) else {
            if required {
                self.required(field);
            }
            return None;
        };
        let v = parse_number(s);
        if v.is_none() {
            self.error(Code::BadNumber, field, || {
                format!("\"{}\" is not a number", truncate(s))
            });
        }
        v
    }

    /// A whole number, which may be written with a zero fraction (`5`, `5.0`, `5.00`).
    pub(crate) fn integer(&mut self, col: Option<usize>, field: &str, required: bool) -> Option<i64> {
        let Some(s) = self.raw(col) else {
            if required {
                self.required(field);
            }
            return None;
        };
        let v = parse_number(s)
            .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
            .map(|f| f as i64);
        if v.is_none() {
            self.error(Code::BadNumber, field, || {
                format!("\"{}\" is not a whole number", truncate(s))
            });
        }
        v
    }

    /// A required O*NET-SOC code, `15-1252.00`.
    pub(crate) fn onet_code(&mut self, col: Option<usize>, field: &str) -> Option<String> {
        let s = self.raw(col);
        match s {
            None => {
                self.required(field);
                None
            }
            Some(s) if is_onet_code(s) => Some(s.to_owned()),
            Some(s) => {
                self.error(Code::BadCode, field, || {
                    format!(
                        "\"{}\" is not an O*NET-SOC code; expected two digits, a hyphen, four digits, a dot and \
                         two digits, like 15-1252.00",
                        truncate(s)
                    )
                });
                None
            }
        }
    }

    /// A `Y`/`N` flag (also `Yes`/`No`, `True`/`False`, any case).
    pub(crate) fn flag(&mut self, col: Option<usize>, field: &str, required: bool) -> Option<bool> {
        let Some(s) = self.raw(col) else {
            if required {
                self.required(field);
            }
            return None;
        };
        let v = match s.to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" => Some(true),
            "n" | "no" | "false" => Some(false),
            _ => None,
        };
        if v.is_none() {
            self.error(Code::BadValue, field, || format!("\"{}\" is not Y or N", truncate(s)));
        }
        v
    }

    /// An optional month, `MM/YYYY` as O*NET writes it (also `M/YYYY`, `YYYY-MM` and
    /// `YYYY-MM-DD`), as ISO `YYYY-MM`.
    pub(crate) fn month(&mut self, col: Option<usize>, field: &str) -> Option<String> {
        let s = self.raw(col)?;
        let v = parse_month(s);
        if v.is_none() {
            self.error(Code::BadDate, field, || {
                format!("\"{}\" is not a month; expected MM/YYYY, like 08/2023", truncate(s))
            });
        }
        v
    }
}

/// Whether `s` is an O*NET-SOC code: `dd-dddd.dd`.
pub(crate) fn is_onet_code(s: &str) -> bool {
    // Bytes, not a `&s[..7]` slice: a value from a file may have a
    // multi-byte character across byte 7.
    let b = s.as_bytes();
    b.len() == 10 && soc_bytes(&b[..7]) && b[7] == b'.' && b[8].is_ascii_digit() && b[9].is_ascii_digit()
}

/// Whether `s` is a 2018 SOC code: `dd-dddd`.
pub(crate) fn is_soc_code(s: &str) -> bool {
    soc_bytes(s.as_bytes())
}

fn soc_bytes(b: &[u8]) -> bool {
    b.len() == 7 && b[2] == b'-' && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// Parses a decimal number, allowing thousands separators (`1,234.5`) and a sign. No
/// exponents, infinities or NaN.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let cleaned = strip_grouping(s)?;
    cleaned.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// `s` without thousands separators, if it is a plain decimal number (optional sign, digits,
/// at most one dot, commas only between groups of three digits before the dot).
pub(crate) fn strip_grouping(s: &str) -> Option<Cow<'_, str>> {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if let Some(f) = frac
        && (f.is_empty() && int.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if int.is_empty() && frac.is_none() {
        return None;
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[0].bytes().all(|c| c.is_ascii_digit())
            && groups[1..]
                .iter()
                .all(|g| g.len() == 3 && g.bytes().all(|c| c.is_ascii_digit()));
        if !ok {
            return None;
        }
        return Some(Cow::Owned(s.replace(',', "")));
    }
    if !int.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Cow::Borrowed(s))
}

fn parse_month(s: &str) -> Option<String> {
    let (year, month) = if let Some((m, y)) = s.split_once('/') {
        (y, m)
    } else {
        let mut parts = s.split('-');
        let (y, m) = (parts.next()?, parts.next()?);
        if let Some(d) = parts.next()
            && (d.len() != 2 || !d.bytes().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        if parts.next().is_some() {
            return None;
        }
        (y, m)
    };
    if year.len() != 4 || !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if month.is_empty() || month.len() > 2 || !month.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let m: u32 = month.parse().ok()?;
    (1..=12).contains(&m).then(|| format!("{year}-{m:02}"))
}

/// A value shortened for a message.
pub(crate) fn truncate(s: &str) -> Cow<'_, str> {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_with_multibyte_characters_are_rejected_not_a_panic() {
        assert!(super::is_onet_code("15-1252.00"));
        assert!(!super::is_onet_code("15-125é00"));
        assert!(!super::is_onet_code("15-12éé.0"));
        assert!(!super::is_soc_code("15-125é"));
    }

    use super::*;

    fn rows(text: &str) -> (Vec<(u32, Vec<String>)>, Issues) {
        let mut issues = Issues::default();
        let mut out = Vec::new();
        if let Some(mut t) = Table::open("t", text.as_bytes(), &mut issues) {
            while let Some(r) = t.next_row(&mut issues) {
                out.push((r.line, r.fields.iter().map(|f| f.to_string()).collect()));
            }
        }
        (out, issues)
    }

    #[test]
    fn tab_and_csv_with_lf_or_crlf_read_alike() {
        let expected = vec![
            (2, vec!["1".to_string(), "say \"hi\"".to_string()]),
            (4, vec!["2".to_string(), "b".to_string()]),
        ];
        for text in [
            "a\tb\n1\tsay \"hi\"\n\n2\tb\n",
            "a\tb\r\n1\tsay \"hi\"\r\n\r\n2\tb",
            "a,b\n1,\"say \"\"hi\"\"\"\n\n2,b\n",
            "\u{feff}a,b\r\n1,\"say \"\"hi\"\"\"\r\n\r\n2,\"b\"\r\n",
        ] {
            let (got, issues) = rows(text);
            assert!(!issues.has_errors(), "{text:?}: {issues:?}");
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn quoted_line_breaks_count_lines() {
        let (got, _) = rows("a,b\n\"x\ny\",1\n2,3\n");
        assert_eq!(got[0].0, 2);
        assert_eq!(got[0].1[0], "x\ny");
        assert_eq!(got[1].0, 4);
    }

    #[test]
    fn broken_rows_are_reported_with_their_line() {
        let (got, issues) = rows("a\tb\n1\t2\n3\n4\t5\t6\n7\t8\t\n");
        assert_eq!(got.len(), 2);
        let errors = issues.into_report("t").errors;
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [Some(3), Some(4)]);
        let (_, issues) = rows("a,b\n1,\"open\n");
        assert_eq!(issues.into_report("t").errors[0].line, Some(2));
        let (_, issues) = rows("a,b\n1,\"x\"y\n");
        assert_eq!(issues.into_report("t").errors[0].code, Code::Syntax);
    }

    #[test]
    fn numbers_and_months() {
        assert_eq!(parse_number("1.30"), Some(1.3));
        assert_eq!(parse_number("95.0"), Some(95.0));
        assert_eq!(parse_number("-2.5"), Some(-2.5));
        assert_eq!(parse_number("169,956.1"), Some(169956.1));
        assert_eq!(parse_number(".5"), Some(0.5));
        for bad in ["", "NaN", "inf", "1e5", "1,23", "1.2.3", "abc", "."] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(parse_month("08/2023").as_deref(), Some("2023-08"));
        assert_eq!(parse_month("8/2023").as_deref(), Some("2023-08"));
        assert_eq!(parse_month("2023-08").as_deref(), Some("2023-08"));
        assert_eq!(parse_month("2023-08-01").as_deref(), Some("2023-08"));
        assert_eq!(parse_month("13/2023"), None);
        assert_eq!(parse_month("08/23"), None);
    }

    #[test]
    fn column_keys() {
        assert_eq!(column_key(" O*NET-SOC  Code "), "o*net-soc code");
        assert_eq!(
            column_key("Median annual wage, dollars, 2024[1]"),
            "median annual wage, dollars, 2024"
        );
        assert_eq!(
            column_key("Employment change, numeric, 2024\u{2013}34"),
            "employment change, numeric, 2024-34"
        );
    }

    #[test]
    fn codes() {
        assert!(is_onet_code("15-1252.00"));
        assert!(!is_onet_code("15-1252"));
        assert!(!is_onet_code("15-1252.0a"));
        assert!(is_soc_code("15-1252"));
        assert!(!is_soc_code("151252"));
    }
}
