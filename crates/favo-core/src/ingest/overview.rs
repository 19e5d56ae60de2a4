//! A file read, as the preview step shows it: what was detected (encoding, delimiter,
//! header, decimal, dates), the columns with their kinds and guessed roles, the first rows,
//! and what was skipped or unreadable ([`Overview`]); and the settings a user changes there
//! ([`ReadSettings`]), turned back into the reader's [`Options`]. Both are plain serde
//! types: the app's worker posts one and receives the other.

use serde::{Deserialize, Serialize};

use super::events::{guess_roles, EventLog, Roles};
use super::infer::Kind;
use super::raw::BadRows;
use super::stream::{Dataset, Detected, Options};
use super::value::{DateFormat, NumberFormat};
use crate::funnel::counts::{guess_count_roles, CountRoles};

/// Rows of the file shown in the preview.
pub const PREVIEW_ROWS: usize = 8;

/// What the user fixed in the preview; `None` keeps the detected value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadSettings {
    /// An encoding label, as the WHATWG Encoding Standard names them (`windows-1252`).
    pub encoding: Option<String>,
    pub delimiter: Option<char>,
    pub header: Option<bool>,
    /// `.` or `,`: for every number column.
    pub decimal: Option<char>,
    /// A date format as [`DateFormat`] displays it (`dd/mm/yyyy`): for every date column.
    pub dates: Option<String>,
    /// Per column, a kind key ([`kind_key`]) that replaces the detected kind.
    pub kinds: Vec<Option<String>>,
    /// A row wider than the header fails the file instead of being skipped.
    pub strict_rows: bool,
}

/// Why settings cannot be used: the field and the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSetting {
    pub field: &'static str,
    pub value: String,
}

impl std::fmt::Display for BadSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?} is not a choice", self.field, self.value)
    }
}

/// Every date format a user can pick, in the order the preview lists them.
pub fn date_formats() -> Vec<DateFormat> {
    let mut all = vec![DateFormat::Iso];
    for sep in ['/', '-', '.'] {
        all.extend([DateFormat::Dmy { sep }, DateFormat::Mdy { sep }]);
    }
    all.extend([DateFormat::UnixSeconds, DateFormat::UnixMillis]);
    all
}

/// The key a kind goes by in settings and overviews.
pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Integer => "integer",
        Kind::Number(_) => "number",
        Kind::DateTime(_) => "date",
        Kind::Bool => "bool",
        Kind::Text => "text",
    }
}

impl ReadSettings {
    /// The reader's options: these settings over what an earlier read of the same file
    /// detected (its column kinds carry a changed decimal or date format).
    pub fn options(&self, detected: Option<&Detected>) -> Result<Options, BadSetting> {
        let bad = |field, value: &str| BadSetting { field, value: value.to_string() };
        let mut options = Options { on_bad_row: if self.strict_rows { BadRows::Fail } else { BadRows::Skip }, ..Options::default() };
        if let Some(label) = &self.encoding {
            options.encoding = Some(encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| bad("encoding", label))?);
        }
        if let Some(d) = self.delimiter {
            options.dialect.delimiter = Some(u8::try_from(d).ok().filter(u8::is_ascii).ok_or_else(|| bad("delimiter", &d.to_string()))?);
        }
        options.dialect.has_header = self.header;
        let number = match self.decimal {
            None => None,
            Some('.') => Some(NumberFormat::DOT),
            Some(',') => Some(NumberFormat::COMMA),
            Some(other) => return Err(bad("decimal", &other.to_string())),
        };
        let dates = match &self.dates {
            None => None,
            Some(text) => Some(date_formats().into_iter().find(|f| f.to_string() == *text).ok_or_else(|| bad("dates", text))?),
        };
        let format = detected.map(|d| d.format).unwrap_or_default();
        let detected_kinds: Vec<Kind> = detected.map(|d| d.columns.iter().map(|c| c.kind).collect()).unwrap_or_default();
        let columns = detected_kinds.len().max(self.kinds.len());
        options.kinds = (0..columns)
            .map(|i| {
                let chosen = self.kinds.get(i).cloned().flatten();
                let before = detected_kinds.get(i).copied();
                let kind = match chosen.as_deref() {
                    None => match before {
                        Some(Kind::Number(_)) if number.is_some() => Kind::Number(number.unwrap_or_default()),
                        Some(Kind::DateTime(_)) if dates.is_some() => Kind::DateTime(dates.unwrap_or(DateFormat::Iso)),
                        _ => return Ok(None),
                    },
                    Some("integer") => Kind::Integer,
                    Some("number") => Kind::Number(number.unwrap_or(format.number)),
                    Some("date") => Kind::DateTime(dates.or(format.date).unwrap_or(DateFormat::Iso)),
                    Some("bool") => Kind::Bool,
                    Some("text") => Kind::Text,
                    Some(other) => return Err(bad("kind", other)),
                };
                Ok(Some(kind))
            })
            .collect::<Result<_, _>>()?;
        Ok(options)
    }
}

/// One column as the preview shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnOverview {
    pub name: String,
    /// [`kind_key`].
    pub kind: String,
    /// The kind with its format, for people: `number (decimal ',')`, `date (dd/mm/yyyy)`.
    pub format: String,
    pub non_empty: usize,
    pub unreadable: usize,
}

/// A file read, for the preview step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub rows: usize,
    pub encoding: String,
    /// "forced", "bom", "utf-8" or "guessed".
    pub encoding_from: String,
    pub malformed_bytes: bool,
    /// `None` for JSON.
    pub delimiter: Option<char>,
    pub header: bool,
    pub decimal: char,
    pub thousands: Option<char>,
    pub dates: Option<String>,
    pub columns: Vec<ColumnOverview>,
    /// The first rows, as written.
    pub preview: Vec<Vec<String>>,
    pub skipped: usize,
    pub first_skipped: Vec<String>,
    pub unreadable: usize,
    pub first_unreadable: Vec<String>,
    /// The guessed roles of an event log, or of a table of counts.
    pub roles: Option<Roles>,
    pub count_roles: Option<CountRoles>,
    /// Bytes the typed columns take.
    pub memory_bytes: usize,
}

/// What the preview shows of a dataset.
pub fn overview(data: &Dataset) -> Overview {
    use super::decode::EncodingSource;
    let detected = &data.detected;
    let (headers, kinds) = (data.headers(), data.kinds());
    let columns = data
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| ColumnOverview {
            name: c.name.clone(),
            kind: kind_key(c.kind).to_string(),
            format: match c.kind {
                Kind::Number(f) => format!("number (decimal '{}')", f.decimal),
                Kind::DateTime(f) => format!("date ({f})"),
                other => kind_key(other).to_string(),
            },
            non_empty: c.present(),
            unreadable: data.errors.by_column.get(i).copied().unwrap_or(0),
        })
        .collect();
    let preview = &detected.preview;
    let roles = guess_roles(&headers, &kinds);
    // The formats the columns were read with: the detected ones, or those the settings
    // forced (a preview that showed the detected ones would undo the user's choice).
    let number = kinds.iter().find_map(|k| if let Kind::Number(f) = k { Some(*f) } else { None }).unwrap_or(detected.format.number);
    let date = kinds.iter().find_map(|k| if let Kind::DateTime(f) = k { Some(*f) } else { None }).or(detected.format.date);
    Overview {
        rows: data.rows,
        encoding: detected.encoding.name().to_string(),
        encoding_from: match detected.encoding_source {
            EncodingSource::Forced => "forced",
            EncodingSource::Bom => "bom",
            EncodingSource::ValidUtf8 => "utf-8",
            EncodingSource::Guessed { .. } => "guessed",
        }
        .to_string(),
        malformed_bytes: data.had_encoding_errors,
        delimiter: detected.sniff.as_ref().map(|s| char::from(s.dialect.delimiter)),
        header: detected.sniff.as_ref().is_none_or(|s| s.dialect.has_header),
        decimal: number.decimal,
        thousands: number.thousands,
        dates: date.map(|d| d.to_string()),
        columns,
        preview: (0..preview.len().min(PREVIEW_ROWS)).map(|r| preview.row(r).map(str::to_string).collect()).collect(),
        skipped: data.skipped.count,
        first_skipped: data.skipped.first.iter().map(ToString::to_string).collect(),
        unreadable: data.errors.count,
        first_unreadable: data.errors.first.iter().map(ToString::to_string).collect(),
        count_roles: if roles.is_none() { guess_count_roles(&headers, &kinds) } else { None },
        roles,
        memory_bytes: data.heap_bytes(),
    }
}

/// An event log as the chart controls need it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LogSummary {
    pub users: usize,
    pub events: usize,
    /// Every event name with its number of events, most frequent first.
    pub names: Vec<(String, u64)>,
    /// The first and last event, UTC milliseconds.
    pub first: Option<i64>,
    pub last: Option<i64>,
}

pub fn log_summary(log: &EventLog) -> LogSummary {
    let mut counts = vec![0u64; log.names.len()];
    for (_, e) in &log.rows {
        if let Some(n) = counts.get_mut(e.name as usize) {
            *n += 1;
        }
    }
    let mut names: Vec<(String, u64)> = log.names.iter().cloned().zip(counts).filter(|(_, n)| *n > 0).collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let times = || log.rows.iter().map(|(_, e)| e.time);
    LogSummary { users: log.user_count(), events: log.rows.len(), names, first: times().min(), last: times().max() }
}

#[cfg(test)]
#[path = "overview_tests.rs"]
mod tests;
