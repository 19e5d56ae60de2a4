//! Guessing what a column holds, and converting it to typed, columnar values.
//!
//! One cell cannot tell `1.234` (a thousand) from `1.234` (one and a bit), or `01/02/2024`
//! (1 February) from `01/02/2024` (2 January); a column usually can. [`infer_column`] tries
//! every kind and format on a sample of the column and keeps the most specific one under
//! which *every* sampled value parses, so one stray `n/a` makes the column text rather than
//! silently dropping a cell — the caller sees the near miss ([`ColumnGuess::closest`]) and
//! can override. When more than one format fits and they disagree on a value, the guess is
//! flagged [`ColumnGuess::ambiguous`]; [`summarise`] then finds the file's consensus, which
//! can be passed back ([`infer_column_with`]) to settle the ambiguous columns.
//!
//! Works on plain `&str` iterators, so it does not depend on how the table was read.

use std::fmt;

use super::value::{parse_bool, parse_datetime, parse_integer, parse_number, DateFormat, NumberFormat};

/// How many non-empty values inference looks at; enough to see the shape, cheap on big files.
pub const SAMPLE: usize = 1000;

/// What a column holds, with the format needed to read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Whole numbers without separators (`42`, `-7`), stored as `i64`.
    Integer,
    /// Numbers in the given format, stored as `f64`.
    Number(NumberFormat),
    /// Date-times in the given format, stored as `i64` ms since the epoch, UTC.
    DateTime(DateFormat),
    /// Yes/no values.
    Bool,
    /// Anything else, kept as written.
    Text,
}

/// The result of inferring one column, to report to the user and let them override.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnGuess {
    /// The chosen kind.
    pub kind: Kind,
    /// More than one format fitted every sampled value, and they read some value
    /// differently (e.g. only `1.234`-like numbers, or only days ≤ 12). The first by
    /// preference was chosen: the caller's, else `.` decimal and day-first dates.
    pub ambiguous: bool,
    /// Non-empty cells in the whole column (empty cells are missing values, not errors).
    pub non_empty: usize,
    /// For a `Text` column with a [`closest`](Self::closest) kind: how many sampled values
    /// did not fit it. Zero otherwise.
    pub failures: usize,
    /// The first value that did not fit `closest`, with its index in the column.
    pub sample_failure: Option<(usize, String)>,
    /// For `Text`: the typed kind that fitted at least half of the sample, if any.
    pub closest: Option<Kind>,
    /// For `Integer`: the smallest and largest sampled value.
    pub range: Option<(i64, i64)>,
}

impl ColumnGuess {
    /// Turns an `Integer` column into unix time when its header names a time and all its
    /// sampled values fall in a plausible range: 1e9..1e10 is seconds (2001–2286),
    /// 1e12..1e13 milliseconds. Without a telling name such numbers stay integers (they
    /// may be order ids), and the caller may still choose unix time by hand.
    pub fn named(mut self, name: &str) -> ColumnGuess {
        if let (Kind::Integer, Some((low, high))) = (self.kind, self.range) {
            if looks_like_time(name) {
                if low >= 1_000_000_000 && high < 10_000_000_000 {
                    self.kind = Kind::DateTime(DateFormat::UnixSeconds);
                } else if low >= 1_000_000_000_000 && high < 10_000_000_000_000 {
                    self.kind = Kind::DateTime(DateFormat::UnixMillis);
                }
            }
        }
        self
    }
}

/// A file's number and date conventions: the consensus of its columns ([`summarise`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FileFormat {
    /// How the file writes numbers.
    pub number: NumberFormat,
    /// How the file writes dates, if any column holds them.
    pub date: Option<DateFormat>,
    /// No column decided the question unambiguously.
    pub ambiguous: bool,
}

const NUMBER_FORMATS: [NumberFormat; 8] = [
    NumberFormat::DOT,
    NumberFormat::COMMA,
    NumberFormat { decimal: ',', thousands: Some(' ') },
    NumberFormat { decimal: ',', thousands: Some('\u{a0}') },
    NumberFormat { decimal: ',', thousands: Some('\u{202f}') },
    NumberFormat { decimal: '.', thousands: Some('\'') },
    NumberFormat { decimal: '.', thousands: Some(' ') },
    NumberFormat { decimal: '.', thousands: Some('\u{a0}') },
];

/// Day-first before month-first: Favo's users are mostly European (see DOMAIN.md).
const DATE_FORMATS: [DateFormat; 7] = [
    DateFormat::Iso,
    DateFormat::Dmy { sep: '/' },
    DateFormat::Mdy { sep: '/' },
    DateFormat::Dmy { sep: '-' },
    DateFormat::Mdy { sep: '-' },
    DateFormat::Dmy { sep: '.' },
    DateFormat::Mdy { sep: '.' },
];

/// Infers a column's kind with no preference (`.` decimal and day-first win ties).
pub fn infer_column<'a>(values: impl IntoIterator<Item = &'a str>) -> ColumnGuess {
    infer_column_with(values, &FileFormat::default())
}

/// [`infer_column`], then [`ColumnGuess::named`] with the column's header.
pub fn infer_column_named<'a>(name: &str, values: impl IntoIterator<Item = &'a str>) -> ColumnGuess {
    infer_column(values).named(name)
}

/// Infers a column's kind, preferring `prefer`'s formats when several fit equally well.
pub fn infer_column_with<'a>(values: impl IntoIterator<Item = &'a str>, prefer: &FileFormat) -> ColumnGuess {
    let mut sample: Vec<(usize, &str)> = Vec::new();
    let mut non_empty = 0;
    for (index, value) in values.into_iter().enumerate() {
        let value = value.trim();
        if !value.is_empty() {
            non_empty += 1;
            if sample.len() < SAMPLE {
                sample.push((index, value));
            }
        }
    }
    let mut guess =
        ColumnGuess { kind: Kind::Text, ambiguous: false, non_empty, failures: 0, sample_failure: None, closest: None, range: None };
    if sample.is_empty() {
        return guess;
    }
    // Leading zeros (`00184`, an Italian postcode) mean a code, not a quantity.
    let codes = sample.iter().any(|(_, v)| has_leading_zero(v));
    let mut closest: Option<(Kind, usize, (usize, &str))> = None;
    let mut fitting: Vec<Kind> = Vec::new();
    for kind in candidates(prefer) {
        if codes && matches!(kind, Kind::Integer | Kind::Number(_)) {
            continue;
        }
        let mut misses = sample.iter().filter(|(_, v)| parse_value(v, kind).is_none());
        let Some(&first_miss) = misses.next() else {
            fitting.push(kind);
            continue;
        };
        let failures = 1 + misses.count();
        if failures * 2 <= sample.len() && closest.is_none_or(|(_, best, _)| failures < best) {
            closest = Some((kind, failures, first_miss));
        }
    }
    let Some(&chosen) = fitting.first() else {
        if let Some((kind, failures, (index, value))) = closest {
            guess.closest = Some(kind);
            guess.failures = failures;
            guess.sample_failure = Some((index, value.to_string()));
        }
        return guess;
    };
    guess.kind = chosen;
    guess.ambiguous = fitting[1..]
        .iter()
        .any(|&other| same_family(chosen, other) && sample.iter().any(|(_, v)| parse_value(v, chosen) != parse_value(v, other)));
    if chosen == Kind::Integer {
        let parsed = sample.iter().filter_map(|(_, v)| parse_integer(v));
        guess.range = parsed.fold(None, |range, n| Some(range.map_or((n, n), |(lo, hi): (i64, i64)| (lo.min(n), hi.max(n)))));
    }
    guess
}

/// Every typed kind in order of preference: most specific first, `prefer`'s formats first
/// within their family.
fn candidates(prefer: &FileFormat) -> Vec<Kind> {
    let mut kinds = vec![Kind::Integer, Kind::Number(prefer.number)];
    kinds.extend(NUMBER_FORMATS.iter().filter(|&&f| f != prefer.number).map(|&f| Kind::Number(f)));
    kinds.extend(prefer.date.map(Kind::DateTime));
    kinds.extend(DATE_FORMATS.iter().filter(|&&f| Some(f) != prefer.date).map(|&f| Kind::DateTime(f)));
    kinds.push(Kind::Bool);
    kinds
}

fn same_family(a: Kind, b: Kind) -> bool {
    matches!((a, b), (Kind::Number(_), Kind::Number(_)) | (Kind::DateTime(_), Kind::DateTime(_)))
}

fn has_leading_zero(value: &str) -> bool {
    let digits = value.trim_start_matches(['+', '-', '\u{2212}']).as_bytes();
    digits.len() > 1 && digits[0] == b'0' && digits[1].is_ascii_digit()
}

fn looks_like_time(name: &str) -> bool {
    const WORDS: [&str; 12] = ["time", "timestamp", "ts", "date", "datetime", "data", "ora", "epoch", "created", "updated", "at", "when"];
    let name = name.to_lowercase();
    name.split(|c: char| !c.is_alphanumeric())
        .any(|word| WORDS.contains(&word) || word.ends_with("time") || word.ends_with("timestamp") || word.ends_with("date"))
}

/// The consensus of a file's columns. Unambiguous columns vote first; only if none speaks
/// do the ambiguous ones, and then the result is flagged ambiguous. Ties go to the column
/// seen first. Unix-time and integer columns say nothing about the file's conventions.
pub fn summarise(guesses: &[ColumnGuess]) -> FileFormat {
    let numbers = |g: &ColumnGuess| match g.kind {
        Kind::Number(f) => Some(f),
        _ => None,
    };
    let dates = |g: &ColumnGuess| match g.kind {
        Kind::DateTime(DateFormat::UnixSeconds | DateFormat::UnixMillis) => None,
        Kind::DateTime(f) => Some(f),
        _ => None,
    };
    let (number, number_ambiguous) = vote(guesses, numbers);
    let (date, date_ambiguous) = vote(guesses, dates);
    FileFormat { number: number.unwrap_or_default(), date, ambiguous: number_ambiguous || date_ambiguous }
}

/// The most common format among clear columns, else among ambiguous ones (flagged).
fn vote<T: PartialEq + Copy>(guesses: &[ColumnGuess], format: impl Fn(&ColumnGuess) -> Option<T>) -> (Option<T>, bool) {
    for ambiguous in [false, true] {
        let votes: Vec<T> = guesses.iter().filter(|g| g.ambiguous == ambiguous).filter_map(&format).collect();
        let count = |f: &T| votes.iter().filter(|&v| v == f).count();
        let mut best: Option<T> = None;
        for f in &votes {
            if best.is_none_or(|b| count(f) > count(&b)) {
                best = Some(*f);
            }
        }
        if best.is_some() {
            return (best, ambiguous);
        }
    }
    (None, false)
}

/// One parsed cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// An empty cell.
    Missing,
    Integer(i64),
    Number(f64),
    /// Milliseconds since the epoch, UTC.
    DateTime(i64),
    Bool(bool),
    Text(&'a str),
}

/// Reads one cell as `kind`: `Some(Value::Missing)` when empty, `None` when it does not fit.
pub fn parse_value(value: &str, kind: Kind) -> Option<Value<'_>> {
    if value.trim().is_empty() {
        return Some(Value::Missing);
    }
    match kind {
        Kind::Integer => parse_integer(value).map(Value::Integer),
        Kind::Number(f) => parse_number(value, f).map(Value::Number),
        Kind::DateTime(f) => parse_datetime(value, f).map(Value::DateTime),
        Kind::Bool => parse_bool(value).map(Value::Bool),
        Kind::Text => Some(Value::Text(value)),
    }
}

/// A converted column, ready for columnar storage; `None` is a missing or unreadable cell.
#[derive(Clone, Debug, PartialEq)]
pub enum TypedColumn {
    Integer(Vec<Option<i64>>),
    Number(Vec<Option<f64>>),
    DateTime(Vec<Option<i64>>),
    Bool(Vec<Option<bool>>),
    Text(Vec<Option<String>>),
}

/// A cell that did not fit its column's kind.
#[derive(Clone, Debug, PartialEq)]
pub struct CellError {
    /// The row number as the caller counts rows (see [`convert`]).
    pub row: usize,
    pub column: String,
    pub value: String,
    pub expected: Kind,
}

impl fmt::Display for CellError {
    /// `row 2031, column "revenue": "12,5,0" is not a number`.
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(out, "row {}, column {:?}: {:?} is not ", self.row, self.column, self.value)?;
        match self.expected {
            Kind::Integer => write!(out, "a whole number"),
            Kind::Number(_) => write!(out, "a number"),
            Kind::DateTime(f) => write!(out, "a date ({f})"),
            Kind::Bool => write!(out, "yes or no"),
            Kind::Text => write!(out, "text"),
        }
    }
}

impl std::error::Error for CellError {}

/// Converts a column to `kind`. Cells that do not fit become `None` and are reported, so
/// one bad cell costs one cell, not the file. `first_row` is the row number of the first
/// value, as the user should read it (e.g. 2 for the first data row under a header).
pub fn convert<'a>(values: impl IntoIterator<Item = &'a str>, kind: Kind, column: &str, first_row: usize) -> (TypedColumn, Vec<CellError>) {
    let mut errors = Vec::new();
    let mut cells = values.into_iter().enumerate().map(|(index, value)| match parse_value(value, kind) {
        Some(cell) => cell,
        None => {
            errors.push(CellError {
                row: first_row.saturating_add(index),
                column: column.to_string(),
                value: value.to_string(),
                expected: kind,
            });
            Value::Missing
        }
    });
    let column = match kind {
        Kind::Integer => TypedColumn::Integer(cells.by_ref().map(|c| if let Value::Integer(n) = c { Some(n) } else { None }).collect()),
        Kind::Number(_) => TypedColumn::Number(cells.by_ref().map(|c| if let Value::Number(n) = c { Some(n) } else { None }).collect()),
        Kind::DateTime(_) => {
            TypedColumn::DateTime(cells.by_ref().map(|c| if let Value::DateTime(t) = c { Some(t) } else { None }).collect())
        }
        Kind::Bool => TypedColumn::Bool(cells.by_ref().map(|c| if let Value::Bool(b) = c { Some(b) } else { None }).collect()),
        Kind::Text => TypedColumn::Text(cells.by_ref().map(|c| if let Value::Text(s) = c { Some(s.to_string()) } else { None }).collect()),
    };
    drop(cells);
    (column, errors)
}

#[cfg(test)]
#[path = "infer_tests.rs"]
mod tests;
