//! Reading the files marketers actually have (issue 4): bytes in, a table out.
//!
//! Two phases. First a [`raw::RawTable`] of strings: the encoding is detected from the bytes
//! ([`decode`]), then the delimiter, quoting and header row ([`sniff`]), and the records are
//! read with their positions, so every error says where. Then typed columns: each column's
//! values are recognised as numbers (with the file's decimal and thousands separators),
//! date-times (in the file's format) or text ([`value`], [`infer`]). Every detection is
//! reported and can be overridden by the caller.

pub mod charset;
pub mod dataset;
pub mod decode;
pub mod infer;
pub mod raw;
pub mod sniff;
pub mod value;
pub mod events;
pub mod overview;
pub mod stream;

use decode::Decoded;
use infer::{ColumnGuess, FileFormat};
use raw::{BadRows, RawError, RawTable};
use sniff::Sniff;

/// A file read into a raw table, with everything detected along the way (for `favo
/// inspect` and the UI to show, and to override).
pub struct Table {
    pub decoded: Decoded,
    /// `None` for JSON.
    pub sniff: Option<Sniff>,
    pub raw: RawTable,
    pub columns: Vec<ColumnGuess>,
    pub format: FileFormat,
}

/// Reads a CSV/TSV or JSON file: encoding, then dialect (or JSON), then the column kinds —
/// each column on its own first, then the file's consensus (decimal comma, day-first dates)
/// settles the columns that could be read either way.
pub fn read_table(bytes: &[u8], on_bad_row: BadRows) -> Result<Table, RawError> {
    let decoded = decode::decode(bytes, None);
    let text = decoded.text.as_str();
    let json = text.trim_start().starts_with(['[', '{']);
    let (sniff, raw) = if json {
        (None, raw::read_json(text)?)
    } else {
        let sniff = sniff::sniff(text);
        let raw = raw::read(text, &sniff.dialect, on_bad_row)?;
        (Some(sniff), raw)
    };
    let (columns, format) = stream::guess_columns(&raw);
    Ok(Table { decoded, sniff, raw, columns, format })
}

#[cfg(test)]
#[path = "ingest/pipeline_tests.rs"]
mod tests;
