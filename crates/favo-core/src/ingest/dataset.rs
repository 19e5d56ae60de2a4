//! The typed, columnar dataset: what a file becomes once its columns have kinds.
//!
//! Text is dictionary-encoded — each distinct value stored once, each row a code as narrow
//! as the dictionary allows (one byte for a channel column, four for user ids) — date-times
//! are `i64` milliseconds and numbers `f64`. A million-row event log of ~65 MB becomes about
//! 25 MB, which is what lets a browser tab hold ten million rows (issue 4).
//!
//! Missing cells are sentinels rather than `Option`s, which would double the width of every
//! numeric column: [`MISSING_TIME`] for integers and date-times (so `i64::MIN` itself cannot
//! be stored, which no export writes), NaN for numbers (the parsers never produce NaN), 2 for
//! booleans and, for text, the empty string, which is a value like any other.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use super::infer::Kind;
use super::value::{fixed_layout, parse_bool, parse_datetime, parse_integer, parse_number, DateFormat, NumberFormat};

/// The missing value of integer and date-time columns.
pub const MISSING_TIME: i64 = i64::MIN;
/// The missing value of boolean columns (0 is false, 1 true).
pub const MISSING_BOOL: u8 = 2;

/// Dictionary codes, as wide as the dictionary needs: a column widens once, from one byte
/// to two at 256 distinct values and to four at 65,536.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Codes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

impl Codes {
    pub fn len(&self) -> usize {
        match self {
            Codes::U8(v) => v.len(),
            Codes::U16(v) => v.len(),
            Codes::U32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code of row `i`.
    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            Codes::U8(v) => v.get(i).map(|&c| u32::from(c)),
            Codes::U16(v) => v.get(i).map(|&c| u32::from(c)),
            Codes::U32(v) => v.get(i).copied(),
        }
    }

    /// Every code, widened to `u32`.
    pub fn to_u32(&self) -> Vec<u32> {
        match self {
            Codes::U8(v) => v.iter().map(|&c| u32::from(c)).collect(),
            Codes::U16(v) => v.iter().map(|&c| u32::from(c)).collect(),
            Codes::U32(v) => v.clone(),
        }
    }

    fn push(&mut self, code: u32) {
        match self {
            Codes::U8(v) => match u8::try_from(code) {
                Ok(c) => v.push(c),
                Err(_) => {
                    *self = Codes::U16(v.iter().map(|&c| u16::from(c)).collect());
                    self.push(code);
                }
            },
            Codes::U16(v) => match u16::try_from(code) {
                Ok(c) => v.push(c),
                Err(_) => {
                    *self = Codes::U32(v.iter().map(|&c| u32::from(c)).collect());
                    self.push(code);
                }
            },
            Codes::U32(v) => v.push(code),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Codes::U8(v) => v.shrink_to_fit(),
            Codes::U16(v) => v.shrink_to_fit(),
            Codes::U32(v) => v.shrink_to_fit(),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Codes::U8(v) => v.capacity(),
            Codes::U16(v) => v.capacity() * 2,
            Codes::U32(v) => v.capacity() * 4,
        }
    }
}

/// A column's values.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// Distinct values (trimmed) and each row's code into them.
    Text { dict: Vec<String>, codes: Codes },
    /// [`MISSING_TIME`] when missing.
    Integer(Vec<i64>),
    /// NaN when missing.
    Number(Vec<f64>),
    /// Milliseconds since the epoch, UTC; [`MISSING_TIME`] when missing.
    DateTime(Vec<i64>),
    /// 0, 1, or [`MISSING_BOOL`].
    Bool(Vec<u8>),
}

/// One named, typed column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    pub data: Data,
}

impl Column {
    /// The column as a dictionary and one code per row, whatever its kind: text as stored,
    /// other kinds by their written form (a numeric user id, say). Missing cells are "".
    pub fn dictionary(&self) -> (Vec<String>, Vec<u32>) {
        if let Data::Text { dict, codes } = &self.data {
            return (dict.clone(), codes.to_u32());
        }
        let mut interner = Interner::default();
        let codes = (0..self.len()).map(|row| interner.intern(&self.display(row))).collect();
        (interner.into_dict(), codes)
    }

    /// Row `row` as text, as a table shows it ("" when missing).
    pub fn display(&self, row: usize) -> String {
        match &self.data {
            Data::Text { dict, codes } => codes.get(row).and_then(|c| dict.get(c as usize)).cloned().unwrap_or_default(),
            Data::Integer(v) => v.get(row).filter(|&&n| n != MISSING_TIME).map(i64::to_string).unwrap_or_default(),
            Data::Number(v) => v.get(row).filter(|n| !n.is_nan()).map(f64::to_string).unwrap_or_default(),
            Data::DateTime(v) => v.get(row).filter(|&&t| t != MISSING_TIME).map(|&t| super::value::format_iso(t)).unwrap_or_default(),
            Data::Bool(v) => match v.get(row) {
                Some(0) => "false".into(),
                Some(1) => "true".into(),
                _ => String::new(),
            },
        }
    }

    /// How many rows have a value (text columns: a non-empty one).
    pub fn present(&self) -> usize {
        match &self.data {
            Data::Text { dict, codes } => match dict.iter().position(String::is_empty) {
                Some(blank) => (0..codes.len()).filter(|&r| codes.get(r) != Some(blank as u32)).count(),
                None => codes.len(),
            },
            Data::Integer(v) | Data::DateTime(v) => v.iter().filter(|&&n| n != MISSING_TIME).count(),
            Data::Number(v) => v.iter().filter(|n| !n.is_nan()).count(),
            Data::Bool(v) => v.iter().filter(|&&b| b != MISSING_BOOL).count(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.data {
            Data::Text { codes, .. } => codes.len(),
            Data::Integer(v) | Data::DateTime(v) => v.len(),
            Data::Number(v) => v.len(),
            Data::Bool(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Heap bytes held, counting reserved capacity: what the column really costs.
    pub fn heap_bytes(&self) -> usize {
        self.name.capacity()
            + match &self.data {
                Data::Text { dict, codes } => {
                    codes.heap_bytes() + dict.capacity() * size_of::<String>() + dict.iter().map(String::capacity).sum::<usize>()
                }
                Data::Integer(v) | Data::DateTime(v) => v.capacity() * 8,
                Data::Number(v) => v.capacity() * 8,
                Data::Bool(v) => v.capacity(),
            }
    }
}

/// Distinct strings in order of first appearance, each stored once, end to end in one
/// buffer, and found by hash: a table of codes rather than of owned strings, which for a
/// user-id column of a few hundred thousand values is a third of the memory and of the
/// cache misses. A cell is looked up by its bytes as written, so the common cell (already
/// trimmed, valid UTF-8) costs one hash and one probe, whatever the column's cardinality.
#[derive(Default)]
struct Interner {
    /// The values end to end: UTF-8, as only `&str`s go in.
    text: Vec<u8>,
    /// Where value `code` ends in `text` (it starts where `code - 1` ends).
    ends: Vec<usize>,
    codes: HashTable<u32>,
}

impl Interner {
    #[inline]
    fn value(&self, code: u32) -> &[u8] {
        value_in(&self.text, &self.ends, code)
    }

    /// The code of a value already seen, looked up by its bytes.
    #[inline]
    fn find(&self, bytes: &[u8]) -> Option<u32> {
        self.codes.find(hash(bytes), |&code| self.value(code) == bytes).copied()
    }

    fn intern(&mut self, value: &str) -> u32 {
        if let Some(code) = self.find(value.as_bytes()) {
            return code;
        }
        let code = self.ends.len() as u32;
        self.text.extend_from_slice(value.as_bytes());
        self.ends.push(self.text.len());
        let (text, ends) = (&self.text, &self.ends);
        self.codes.insert_unique(hash(value.as_bytes()), code, |&c| hash(value_in(text, ends, c)));
        code
    }

    fn into_dict(self) -> Vec<String> {
        (0..self.ends.len() as u32).map(|code| String::from_utf8_lossy(self.value(code)).into_owned()).collect()
    }
}

#[inline]
fn value_in<'a>(text: &'a [u8], ends: &[usize], code: u32) -> &'a [u8] {
    let code = code as usize;
    let start = if code == 0 { 0 } else { ends[code - 1] };
    &text[start..ends[code]]
}

#[inline]
fn hash(bytes: &[u8]) -> u64 {
    FxBuildHasher.hash_one(bytes)
}

/// Builds one column cell by cell, in the kind chosen for it.
pub(super) struct ColumnBuilder {
    kind: Kind,
    values: Values,
}

enum Values {
    /// `last` short-cuts the common run of equal values (a user's rows, a session's
    /// channel): no hash at all.
    Text { interner: Interner, codes: Codes, last: Option<u32> },
    Integer(Vec<i64>),
    Number(Vec<f64>, NumberFormat),
    DateTime(Vec<i64>, DateFormat),
    Bool(Vec<u8>),
}

impl ColumnBuilder {
    pub(super) fn new(kind: Kind) -> ColumnBuilder {
        let values = match kind {
            Kind::Text => Values::Text { interner: Interner::default(), codes: Codes::default(), last: None },
            Kind::Integer => Values::Integer(Vec::new()),
            Kind::Number(f) => Values::Number(Vec::new(), f),
            Kind::DateTime(f) => Values::DateTime(Vec::new(), f),
            Kind::Bool => Values::Bool(Vec::new()),
        };
        ColumnBuilder { kind, values }
    }

    /// Adds one cell. A cell that does not read as the column's kind is stored as missing
    /// and `false` is returned, for the caller to report where.
    pub(super) fn push(&mut self, field: &[u8]) -> bool {
        match &mut self.values {
            Values::Text { interner, codes, last } => {
                let code = match *last {
                    Some(code) if interner.value(code) == field => code,
                    // A cell written as stored (trimmed, valid UTF-8) is found by its bytes;
                    // only a new value, or one with blanks around it, is checked and trimmed.
                    _ => interner.find(field).unwrap_or_else(|| interner.intern(&cell_text(field))),
                };
                *last = Some(code);
                codes.push(code);
                true
            }
            Values::Integer(v) => push_parsed(v, field, parse_integer, MISSING_TIME),
            Values::Number(v, f) => push_parsed(v, field, |t| parse_number(t, *f), f64::NAN),
            Values::DateTime(v, f) => match fixed_layout(field, *f) {
                // The layouts machines write, read from the bytes with no UTF-8 check or trim.
                Some(Some(time)) => {
                    v.push(time);
                    true
                }
                _ => push_parsed(v, field, |t| parse_datetime(t, *f), MISSING_TIME),
            },
            Values::Bool(v) => push_parsed(v, field, |t| parse_bool(t).map(u8::from), MISSING_BOOL),
        }
    }

    /// The column, its vectors trimmed to their length: growth by doubling leaves up to
    /// half of each unused, which for ten million rows is a few hundred megabytes.
    pub(super) fn finish(self, name: String) -> Column {
        let data = match self.values {
            Values::Text { interner, mut codes, .. } => {
                codes.shrink_to_fit();
                Data::Text { dict: interner.into_dict(), codes }
            }
            Values::Integer(v) => Data::Integer(shrunk(v)),
            Values::Number(v, _) => Data::Number(shrunk(v)),
            Values::DateTime(v, _) => Data::DateTime(shrunk(v)),
            Values::Bool(v) => Data::Bool(shrunk(v)),
        };
        Column { name, kind: self.kind, data }
    }
}

/// A cell's text, trimmed: ASCII blanks first, which is all most cells need, then any
/// Unicode space. Malformed UTF-8 becomes U+FFFD.
fn cell_text(field: &[u8]) -> std::borrow::Cow<'_, str> {
    let field = field.trim_ascii();
    match std::str::from_utf8(field) {
        Ok(text) if field.first().is_none_or(u8::is_ascii) && field.last().is_none_or(u8::is_ascii) => text.into(),
        Ok(text) => text.trim().into(),
        Err(_) => String::from_utf8_lossy(field).trim().to_owned().into(),
    }
}

fn shrunk<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// Pushes the cell read by `parse`, or `missing` when it is empty (fine) or unreadable
/// (reported by returning `false`).
fn push_parsed<T: Copy>(values: &mut Vec<T>, field: &[u8], parse: impl Fn(&str) -> Option<T>, missing: T) -> bool {
    if field.is_empty() {
        values.push(missing);
        return true;
    }
    let text = cell_text(field);
    let text = text.as_ref();
    match parse(text) {
        Some(value) if !text.is_empty() => {
            values.push(value);
            true
        }
        _ => {
            values.push(missing);
            text.is_empty()
        }
    }
}
