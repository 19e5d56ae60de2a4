//! The raw table: a file's records as strings, with the line each came from.
//!
//! This is the "parse" half of "parse, then validate into types": no cell is interpreted
//! yet, but the shape is settled (a header, rows no wider than it) and every problem is
//! reported with its line. Cells live in one string buffer with end offsets, not a `String`
//! per cell, so a million-row log costs little more than its text; a row shorter than the
//! header stores only its own cells and reads as padded with empty strings.

mod json;

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::sniff::Dialect;

pub use json::read_json;

/// What to do with a malformed row (one with more fields than the header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadRows {
    /// Stop at the first one and return its error.
    Fail,
    /// Leave it out and count it in [`RawTable::skipped`].
    #[default]
    Skip,
}

/// Why a file could not be read as a table; every message says where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawError {
    /// There are no records at all.
    Empty,
    /// A quoted field in table column `column` (1-based) opened on `line` and never closed.
    UnterminatedQuote { line: u64, column: usize },
    /// A row on `line` has `found` fields but the header has `expected`.
    TooManyFields { line: u64, found: usize, expected: usize },
    /// The csv reader failed (not expected on in-memory text, kept so nothing is hidden).
    Read { line: u64, message: String },
    /// The table is over 4 GiB of cell text or 4 billion cells.
    TooLarge,
    /// The JSON is malformed or not a table; `line` and `column` are 1-based.
    Json { line: usize, column: usize, message: String },
    /// In a JSON object of columns, column `column` has `found` values but the first has `expected`.
    ColumnLength { column: String, found: usize, expected: usize },
}

impl fmt::Display for RawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawError::Empty => write!(f, "the file has no rows"),
            RawError::UnterminatedQuote { line, column } => {
                write!(f, "line {line}, column {column}: unterminated quote (a field opens a quote that never closes)")
            }
            RawError::TooManyFields { line, found, expected } => write!(f, "line {line}: {found} fields, the header has {expected}"),
            RawError::Read { line, message } => write!(f, "line {line}: {message}"),
            RawError::TooLarge => write!(f, "the table is too large (over 4 GiB of text or 4 billion cells)"),
            RawError::Json { line, column, message } => write!(f, "line {line}, column {column}: {message}"),
            RawError::ColumnLength { column, found, expected } => {
                write!(f, "column \"{column}\" has {found} values, the first column has {expected}")
            }
        }
    }
}

impl std::error::Error for RawError {}

/// Rows left out under [`BadRows::Skip`]: how many, and the errors of the first few.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    pub count: usize,
    /// At most [`Skipped::KEPT`] errors, in file order.
    pub first: Vec<RawError>,
}

impl Skipped {
    pub const KEPT: usize = 10;

    pub(super) fn push(&mut self, error: RawError) {
        self.count += 1;
        if self.first.len() < Self::KEPT {
            self.first.push(error);
        }
    }
}

/// A table of strings: unique header names, rows of cells, and each row's source line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawTable {
    headers: Vec<String>,
    /// All cell text, concatenated.
    text: String,
    /// The end offset in `text` of each cell; a cell starts where the previous one ended.
    ends: Vec<u32>,
    /// The index in `ends` of each row's first cell, plus one final entry.
    starts: Vec<u32>,
    lines: Vec<u64>,
    skipped: Skipped,
}

impl RawTable {
    /// The column names: trimmed, unique, none empty.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The number of columns.
    pub fn width(&self) -> usize {
        self.headers.len()
    }

    /// The number of rows (the header not counted).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The source line (1-based) on which each row starts.
    pub fn lines(&self) -> &[u64] {
        &self.lines
    }

    /// The rows left out under [`BadRows::Skip`].
    pub fn skipped(&self) -> &Skipped {
        &self.skipped
    }

    /// The cell at `row`, `column`; empty past the end of a short row or out of range.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        let (Some(&start), Some(&end)) = (self.starts.get(row), self.starts.get(row + 1)) else { return "" };
        let index = start as usize + column;
        if index >= end as usize {
            return "";
        }
        let from = index.checked_sub(1).and_then(|i| self.ends.get(i)).map_or(0, |&e| e as usize);
        let to = self.ends.get(index).map_or(from, |&e| e as usize);
        self.text.get(from..to).unwrap_or_default()
    }

    /// The cells of `row`, padded with empty strings to the table's width.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &str> + '_ {
        (0..self.width()).map(move |column| self.cell(row, column))
    }

    /// The cells of `column`, top to bottom: what type inference reads.
    pub fn column(&self, column: usize) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |row| self.cell(row, column))
    }

    /// An empty table with the given header names, normalised by [`unique_headers`].
    fn with_headers<S: AsRef<str>>(names: &[S]) -> Self {
        RawTable { headers: unique_headers(names), starts: vec![0], ..RawTable::default() }
    }

    /// Appends a row; its cells must be no more than the width (callers check).
    fn push_row<'a>(&mut self, line: u64, cells: impl IntoIterator<Item = &'a str>) -> Result<(), RawError> {
        for cell in cells {
            self.text.push_str(cell);
            self.ends.push(u32::try_from(self.text.len()).map_err(|_| RawError::TooLarge)?);
        }
        self.starts.push(u32::try_from(self.ends.len()).map_err(|_| RawError::TooLarge)?);
        self.lines.push(line);
        Ok(())
    }
}

/// Header names as the user will see them: trimmed; an empty one becomes "column N" (1-based
/// position); a repeat gets " (2)", " (3)", … until unique. `__proto__` is just text here.
pub fn unique_headers<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    let mut seen = HashSet::with_capacity(names.len());
    // The next number to try per name, so that 40,000 repeats of one name stay linear.
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let name = name.as_ref().trim();
        let base = if name.is_empty() { format!("column {}", i + 1) } else { name.to_owned() };
        let mut candidate = base.clone();
        if seen.contains(&candidate) {
            let n = next.entry(base.clone()).or_insert(2);
            loop {
                candidate = format!("{base} ({n})");
                *n += 1;
                if !seen.contains(&candidate) {
                    break;
                }
            }
        }
        seen.insert(candidate.clone());
        out.push(candidate);
    }
    out
}

/// Reads delimited `text` in `dialect` into a table.
///
/// Without a header the columns are named "column 1" … up to the widest row. With one, a
/// shorter row is padded (Excel drops trailing empty cells) and a longer one is malformed:
/// `on_bad_row` decides whether it fails the read or is skipped. An unterminated quote always
/// fails, whatever `on_bad_row` says: it swallows every later row, so skipping it would
/// silently drop the rest of the file.
pub fn read(text: &str, dialect: &Dialect, on_bad_row: BadRows) -> Result<RawTable, RawError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .quote(dialect.quote)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    // With a header, the table is created from it; without one, from the first record, and
    // named "column 1" … once the widest row is known.
    let mut table: Option<RawTable> = None;
    let mut widest = 0;
    let mut last_start = None;
    let mut lines = LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 };
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(RawError::Read { line, message: e.to_string() }),
        }
        let byte = record.position().map_or(0, |p| p.byte());
        let line = lines.line_at(byte);
        last_start = Some((line, byte));
        let table = match &mut table {
            Some(table) => table,
            None if dialect.has_header => {
                let names: Vec<String> = record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
                table = Some(RawTable::with_headers(&names));
                continue;
            }
            None => table.insert(RawTable::with_headers::<&str>(&[])),
        };
        if dialect.has_header && record.len() > table.width() {
            let error = RawError::TooManyFields { line, found: record.len(), expected: table.width() };
            match on_bad_row {
                BadRows::Fail => return Err(error),
                BadRows::Skip => table.skipped.push(error),
            }
            continue;
        }
        widest = widest.max(record.len());
        push_record(table, line, &record)?;
    }
    if let Some((line, byte)) = last_start {
        let tail = text.as_bytes().get(usize::try_from(byte).unwrap_or(usize::MAX)..).unwrap_or_default();
        if let Some((column, lines_in)) = unterminated_quote(tail, dialect) {
            return Err(RawError::UnterminatedQuote { line: line + lines_in, column });
        }
    }
    let mut table = table.ok_or(RawError::Empty)?;
    if !dialect.has_header {
        let names: Vec<String> = (1..=widest).map(|n| format!("column {n}")).collect();
        table.headers = unique_headers(&names);
    }
    Ok(table)
}

/// Line numbers from byte offsets, counted forward once.
///
/// The csv crate's own `Position::line` is one short after a CRLF (a record's position is
/// taken before the `\n` of the previous terminator), so we count `\n`s ourselves, skipping
/// the terminator bytes a record's position may point at.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(self.bytes.len());
        while matches!(self.bytes.get(target), Some(b'\r' | b'\n')) {
            target += 1;
        }
        if let Some(skipped) = self.bytes.get(self.offset..target) {
            self.line += skipped.iter().filter(|&&b| b == b'\n').count() as u64;
            self.offset = target;
        }
        self.line
    }
}

fn push_record(table: &mut RawTable, line: u64, record: &csv::ByteRecord) -> Result<(), RawError> {
    let cells: Vec<std::borrow::Cow<'_, str>> = record.iter().map(String::from_utf8_lossy).collect();
    table.push_row(line, cells.iter().map(AsRef::as_ref))
}

/// Whether the text of the last record, `tail`, ends inside a quoted field.
///
/// The csv crate ends such a record quietly at the end of input, so we re-scan it with the
/// same rules: a quote opens only at the start of a field, `""` inside quotes is a quote, and
/// any other byte after the closing quote continues the field unquoted. Returns the 1-based
/// column of the open field and how many lines after the record's start the quote opened.
pub(super) fn unterminated_quote(tail: &[u8], dialect: &Dialect) -> Option<(usize, u64)> {
    let (mut column, mut line, mut at_field_start) = (1usize, 0u64, true);
    let mut open: Option<(usize, u64)> = None;
    let mut bytes = tail.iter().peekable();
    while let Some(&b) = bytes.next() {
        if open.is_some() {
            if b == dialect.quote {
                if bytes.peek() == Some(&&dialect.quote) {
                    bytes.next();
                } else {
                    open = None;
                }
            } else if b == b'\n' {
                line += 1;
            }
            continue;
        }
        if at_field_start && b == dialect.quote {
            open = Some((column, line));
            at_field_start = false;
        } else if b == dialect.delimiter {
            column += 1;
            at_field_start = true;
        } else if b == b'\n' || b == b'\r' {
            line += u64::from(b == b'\n');
            column = 1;
            at_field_start = true;
        } else {
            at_field_start = false;
        }
    }
    open
}

#[cfg(test)]
#[path = "raw_tests.rs"]
mod tests;
