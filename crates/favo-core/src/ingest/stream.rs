//! Reading a file as it arrives, chunk by chunk, straight into a columnar [`Dataset`].
//!
//! A browser hands a dropped file over in chunks, and a ten-million-row log (650 MB) cannot
//! be held as text next to its typed columns. So the reader looks only at the first MiB to
//! decide everything — encoding, dialect, header and column kinds, exactly as
//! [`super::read_table`] does for a whole file — and then streams every record through
//! csv-core into typed column builders: memory is the dataset plus one record.
//!
//! A cell that does not read as its column's kind is stored as missing and reported with
//! its row and column; a row wider than the header is skipped or fails the read, as the
//! caller chooses; an unterminated quote fails the read with the line it opened on. JSON
//! is not streamed: it is collected and read whole at the end.

use encoding_rs::Encoding;

mod records;

use records::CsvStream;

use super::dataset::{Column, ColumnBuilder};
use super::decode::{self, EncodingSource};
use super::infer::{self, CellError, ColumnGuess, FileFormat, Kind};
use super::raw::{self, BadRows, RawError, RawTable, Skipped};
use super::sniff::{DialectOverride, Sniff};

/// How many bytes decide the encoding, dialect and kinds.
pub const SAMPLE_BYTES: usize = 1 << 20;
/// How many cell errors are kept (all are counted).
pub const KEPT_ERRORS: usize = 10;

/// What the caller fixes instead of letting the reader guess.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub encoding: Option<&'static Encoding>,
    pub dialect: DialectOverride,
    /// A kind per column index; `None` (or a missing entry) leaves it to inference.
    pub kinds: Vec<Option<Kind>>,
    pub on_bad_row: BadRows,
}

/// Everything detected, to show the user and let them override.
#[derive(Clone, Debug)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// A byte-order mark was found (and skipped).
    pub bom: bool,
    pub encoding_source: EncodingSource,
    /// `None` for JSON.
    pub sniff: Option<Sniff>,
    /// Per column: the guess (its kind is the one used unless overridden in [`Options`]).
    pub columns: Vec<ColumnGuess>,
    pub format: FileFormat,
    /// The sample's rows as strings, for a preview.
    pub preview: RawTable,
}

/// Cells that did not read as their column's kind: how many, and the first few.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CellErrors {
    pub count: usize,
    /// How many per column.
    pub by_column: Vec<usize>,
    pub first: Vec<CellError>,
}

/// A file read into typed columns.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub detected: Detected,
    pub columns: Vec<Column>,
    pub rows: usize,
    /// Rows left out for having more fields than the header.
    pub skipped: Skipped,
    pub errors: CellErrors,
    /// Some bytes were malformed in the detected encoding and became U+FFFD.
    pub had_encoding_errors: bool,
}

impl Dataset {
    pub fn headers(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    pub fn kinds(&self) -> Vec<Kind> {
        self.columns.iter().map(|c| c.kind).collect()
    }

    /// Why column `column` lost cells, if it did: how many, and the first that did not fit
    /// (it may be past the ones kept). Unreadable times make an event log lose rows.
    pub fn unreadable(&self, column: usize) -> Option<String> {
        let count = self.errors.by_column.get(column).copied().filter(|&n| n > 0)?;
        let name = &self.columns.get(column)?.name;
        let first = self.errors.first.iter().find(|e| &e.column == name).map_or_else(|| format!("column {name:?}"), ToString::to_string);
        Some(format!("{first} ({count} such rows)"))
    }

    /// Heap bytes held by the columns (not the preview): the memory the data costs.
    pub fn heap_bytes(&self) -> usize {
        self.columns.iter().map(Column::heap_bytes).sum()
    }
}

/// Reads a whole file held in memory.
pub fn read_dataset(bytes: &[u8], options: Options) -> Result<Dataset, RawError> {
    let mut reader = Reader::new(options);
    for chunk in bytes.chunks(SAMPLE_BYTES) {
        reader.push(chunk)?;
    }
    reader.finish()
}

/// A file being read: [`push`](Reader::push) its chunks in order, then [`finish`](Reader::finish).
pub struct Reader {
    options: Options,
    state: State,
    bytes: u64,
    /// How many bytes to collect before deciding ([`SAMPLE_BYTES`]; less in tests, to see
    /// records cut between chunks).
    sample: usize,
}

enum State {
    /// Collecting the first bytes (all of them, for JSON).
    Sampling(Vec<u8>),
    Csv(Box<CsvStream>),
    /// A failed read: later calls return its error again.
    Failed(RawError),
}

impl Reader {
    pub fn new(options: Options) -> Reader {
        Reader { options, state: State::Sampling(Vec::new()), bytes: 0, sample: SAMPLE_BYTES }
    }

    /// A reader that decides on the first `sample` bytes instead of a MiB: for tests and
    /// fuzzing, to see records cut between chunks in small inputs.
    pub fn with_sample(options: Options, sample: usize) -> Reader {
        Reader { sample: sample.max(1), ..Reader::new(options) }
    }

    /// Bytes pushed so far and rows read so far, for a progress bar.
    pub fn progress(&self) -> (u64, usize) {
        let rows = match &self.state {
            State::Csv(csv) => csv.rows(),
            _ => 0,
        };
        (self.bytes, rows)
    }

    /// What was detected, once the first MiB has arrived.
    pub fn detected(&self) -> Option<&Detected> {
        match &self.state {
            State::Csv(csv) => Some(&csv.detected),
            _ => None,
        }
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), RawError> {
        self.bytes += chunk.len() as u64;
        match &mut self.state {
            State::Sampling(buffer) => {
                buffer.extend_from_slice(chunk);
                while buffer.len() >= self.sample && !looks_like_json(buffer) {
                    match start(buffer, self.sample, false, &self.options) {
                        Ok(Some(state)) => {
                            self.state = state;
                            break;
                        }
                        // Not one whole record yet (a huge header, a long quoted field):
                        // decide on twice as much.
                        Ok(None) => self.sample = self.sample.saturating_mul(2),
                        Err(e) => {
                            self.state = State::Failed(e);
                            break;
                        }
                    }
                }
            }
            State::Csv(csv) => {
                if let Err(e) = csv.feed(chunk, false) {
                    self.state = State::Failed(e);
                }
            }
            State::Failed(_) => {}
        }
        match &self.state {
            State::Failed(e) => Err(e.clone()),
            _ => Ok(()),
        }
    }

    pub fn finish(self) -> Result<Dataset, RawError> {
        let state = match self.state {
            State::Sampling(buffer) if looks_like_json(&buffer) => return read_json_dataset(&buffer, &self.options),
            State::Sampling(buffer) => start(&buffer, buffer.len(), true, &self.options)?.ok_or(RawError::Empty)?,
            state => state,
        };
        match state {
            State::Csv(mut csv) => {
                csv.feed(&[], true)?;
                Ok(csv.into_dataset())
            }
            State::Failed(e) => Err(e),
            State::Sampling(_) => Err(RawError::Empty),
        }
    }
}

/// Detects everything from the first `sample` bytes of `buffer` (`buffer` is the whole file
/// when `ended`) and starts streaming from its first byte; `None` when the sample holds no
/// whole record. Deciding on exactly `sample` bytes, however many have arrived, makes the
/// result independent of how the file was cut into chunks.
fn start(buffer: &[u8], sample: usize, ended: bool, options: &Options) -> Result<Option<State>, RawError> {
    let whole = ended && sample >= buffer.len();
    let Some(csv) = CsvStream::detect(&buffer[..sample.min(buffer.len())], whole, options)? else { return Ok(None) };
    let mut csv = Box::new(csv);
    csv.feed(&buffer[csv.skip..], false)?;
    Ok(Some(State::Csv(csv)))
}

fn looks_like_json(bytes: &[u8]) -> bool {
    let text = decode::decode(&bytes[..bytes.len().min(4096)], None).text;
    text.trim_start().starts_with(['[', '{'])
}

/// Decides each column's kind from its values: on its own first, then with the file's
/// consensus (decimal comma, day-first dates) for the columns that could be read either way.
pub(super) fn guess_columns(raw: &RawTable) -> (Vec<ColumnGuess>, FileFormat) {
    let named = |i: usize, g: ColumnGuess| g.named(&raw.headers()[i]);
    let first: Vec<ColumnGuess> = (0..raw.width()).map(|i| named(i, infer::infer_column(raw.column(i)))).collect();
    let format = infer::summarise(&first);
    let columns = first
        .into_iter()
        .enumerate()
        .map(|(i, g)| if g.ambiguous { named(i, infer::infer_column_with(raw.column(i), &format)) } else { g })
        .collect();
    (columns, format)
}

fn kinds_of(columns: &[ColumnGuess], options: &Options) -> Vec<Kind> {
    columns.iter().enumerate().map(|(i, g)| options.kinds.get(i).copied().flatten().unwrap_or(g.kind)).collect()
}

/// A JSON file: read whole, then typed like a CSV.
fn read_json_dataset(bytes: &[u8], options: &Options) -> Result<Dataset, RawError> {
    let decoded = decode::decode(bytes, options.encoding);
    let raw = raw::read_json(&decoded.text)?;
    let (columns, format) = guess_columns(&raw);
    let mut table = Columns::new(raw.headers().to_vec(), kinds_of(&columns, options));
    for row in 0..raw.len() {
        table.push_row(raw.lines()[row], |c| raw.cell(row, c).as_bytes());
    }
    let detected = Detected {
        encoding: decoded.encoding,
        bom: decoded.bom,
        encoding_source: decoded.source,
        sniff: None,
        columns,
        format,
        preview: raw,
    };
    Ok(table.into_dataset(detected, Skipped::default(), decoded.had_errors))
}

/// Typed columns being filled a row at a time, with the cells that did not fit: what the
/// CSV stream and the JSON reader share.
struct Columns {
    names: Vec<String>,
    kinds: Vec<Kind>,
    builders: Vec<ColumnBuilder>,
    errors: CellErrors,
    rows: usize,
}

impl Columns {
    fn new(names: Vec<String>, kinds: Vec<Kind>) -> Columns {
        let builders = kinds.iter().map(|&k| ColumnBuilder::new(k)).collect();
        Columns { names, kinds, builders, errors: CellErrors::default(), rows: 0 }
    }

    fn width(&self) -> usize {
        self.builders.len()
    }

    /// Adds the row that starts on `line`; `cell(c)` is its cell in column `c`.
    fn push_row<'a>(&mut self, line: u64, cell: impl Fn(usize) -> &'a [u8]) {
        for (c, builder) in self.builders.iter_mut().enumerate() {
            let value = cell(c);
            if builder.push(value) {
                continue;
            }
            let errors = &mut self.errors;
            errors.count += 1;
            if errors.by_column.len() <= c {
                errors.by_column.resize(c + 1, 0);
            }
            errors.by_column[c] += 1;
            if errors.first.len() < KEPT_ERRORS {
                let value = String::from_utf8_lossy(value).into_owned();
                errors.first.push(CellError { row: line as usize, column: self.names[c].clone(), value, expected: self.kinds[c] });
            }
        }
        self.rows += 1;
    }

    fn into_dataset(self, detected: Detected, skipped: Skipped, had_encoding_errors: bool) -> Dataset {
        Dataset {
            columns: self.builders.into_iter().zip(self.names).map(|(b, n)| b.finish(n)).collect(),
            detected,
            rows: self.rows,
            skipped,
            errors: self.errors,
            had_encoding_errors,
        }
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
