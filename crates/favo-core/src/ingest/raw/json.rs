//! JSON input: an array of row objects, or an object of column arrays, as a [`RawTable`].
//!
//! Values are kept as the text a user would type into a cell: JSON numbers exactly as
//! written (`1.50` stays `1.50`, which a float round-trip would lose), nested values as their
//! compact JSON. Keys keep their first-seen order, which `serde_json::Value` would sort, so we
//! deserialise into our own ordered shapes over `RawValue`.

use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{RawError, RawTable};

/// Reads JSON `text`: `[{"a": 1, "b": "x"}, …]` (headers are the union of keys in first-seen
/// order; a missing key is an empty cell) or `{"a": [1, …], "b": ["x", …]}` (all columns the
/// same length). Strings are cells as-is, numbers their JSON text, booleans `true`/`false`,
/// `null` an empty cell, arrays and objects their compact JSON.
pub fn read_json(text: &str) -> Result<RawTable, RawError> {
    let mut lines = LineCounter::new(text);
    match serde_json::from_str::<Top<'_>>(text).map_err(|e| json_error(&e, 1, 1))? {
        Top::Rows(raws) => {
            let mut rows = Vec::with_capacity(raws.len());
            for raw in raws {
                let (line, column) = lines.at(raw.get());
                let object: Object<'_> = serde_json::from_str(raw.get()).map_err(|e| json_error(&e, line, column))?;
                rows.push((line, object.0));
            }
            let mut index: HashMap<&str, usize> = HashMap::new();
            let mut keys: Vec<&str> = Vec::new();
            for (_, fields) in &rows {
                for (key, _) in fields {
                    index.entry(key.as_str()).or_insert_with(|| {
                        keys.push(key);
                        keys.len() - 1
                    });
                }
            }
            if rows.is_empty() {
                return Err(RawError::Empty);
            }
            let mut table = RawTable::with_headers(&keys);
            for (line, fields) in &rows {
                let mut cells: Vec<String> = Vec::new();
                for (key, value) in fields {
                    let i = index.get(key.as_str()).copied().unwrap_or(0);
                    if cells.len() <= i {
                        cells.resize(i + 1, String::new());
                    }
                    cells[i] = cell_text(value);
                }
                table.push_row(*line as u64, cells.iter().map(String::as_str))?;
            }
            Ok(table)
        }
        Top::Columns(columns) => {
            let Some((_, first)) = columns.first() else { return Err(RawError::Empty) };
            let expected = first.len();
            if let Some((name, values)) = columns.iter().find(|(_, values)| values.len() != expected) {
                return Err(RawError::ColumnLength { column: name.clone(), found: values.len(), expected });
            }
            let names: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
            let mut table = RawTable::with_headers(&names);
            for row in 0..expected {
                let line = first.get(row).map_or(1, |raw| lines.at(raw.get()).0);
                let cells: Vec<String> =
                    columns.iter().map(|(_, values)| values.get(row).map(|v| cell_text(v)).unwrap_or_default()).collect();
                table.push_row(line as u64, cells.iter().map(String::as_str))?;
            }
            Ok(table)
        }
    }
}

/// The cell text of one JSON value.
fn cell_text(value: &RawValue) -> String {
    let text = value.get().trim();
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_owned()),
        Some(b'{' | b'[') => compact(text),
        _ if text == "null" => String::new(),
        _ => text.to_owned(),
    }
}

/// Valid JSON text without the whitespace between tokens.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c.is_ascii_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

/// A serde_json error as a [`RawError`], its position moved from a sub-document starting at
/// `line`, `column` of the whole text.
fn json_error(error: &serde_json::Error, line: usize, column: usize) -> RawError {
    let message = error.to_string();
    let message = message.rfind(" at line ").map_or(message.as_str(), |at| &message[..at]).to_owned();
    let (l, c) = (error.line().max(1), error.column());
    let column = if l == 1 { column + c.saturating_sub(1) } else { c };
    RawError::Json { line: line + l - 1, column, message }
}

/// Turns slices of the text into 1-based (line, column) positions, moving forward only.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text, offset: 0, line: 1, line_start: 0 }
    }

    /// The position of `part`, a slice of the text at or after the previous one asked for.
    fn at(&mut self, part: &str) -> (usize, usize) {
        let target = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize).min(self.text.len());
        if target >= self.offset {
            for (i, b) in self.text.as_bytes()[self.offset..target].iter().enumerate() {
                if *b == b'\n' {
                    self.line += 1;
                    self.line_start = self.offset + i + 1;
                }
            }
            self.offset = target;
        }
        (self.line, self.text.get(self.line_start..self.offset).map_or(1, |s| s.chars().count() + 1))
    }
}

/// The whole document: rows or columns.
enum Top<'a> {
    Rows(Vec<&'a RawValue>),
    Columns(Vec<(String, Vec<&'a RawValue>)>),
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of objects (rows) or an object of arrays (columns)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top<'de>, A::Error> {
                let mut rows = Vec::new();
                while let Some(row) = seq.next_element()? {
                    rows.push(row);
                }
                Ok(Top::Rows(rows))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
                let mut columns = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    columns.push(entry);
                }
                Ok(Top::Columns(columns))
            }
        }
        deserializer.deserialize_any(TopVisitor)
    }
}

/// One row object, its keys in document order.
struct Object<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Object<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Object<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object (one row)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object<'de>, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    fields.push(entry);
                }
                Ok(Object(fields))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

#[cfg(test)]
pub(super) fn compact_for_test(json: &str) -> String {
    compact(json)
}
