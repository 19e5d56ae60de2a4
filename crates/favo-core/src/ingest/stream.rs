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

use encoding_rs::{Decoder, Encoding, UTF_8};

use super::dataset::{Column, ColumnBuilder};
use super::decode::{self, EncodingSource};
use super::infer::{self, CellError, ColumnGuess, FileFormat, Kind};
use super::raw::{self, unterminated_quote, BadRows, RawError, RawTable, Skipped};
use super::sniff::{self, Dialect, DialectOverride, Sniff};

/// How many bytes decide the encoding, dialect and kinds.
pub const SAMPLE_BYTES: usize = 1 << 20;
/// How many cell errors are kept (all are counted).
pub const KEPT_ERRORS: usize = 10;
/// The decoded text handed to csv-core at a time, for encodings other than UTF-8.
const DECODE_BUFFER: usize = 64 * 1024;

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
            State::Csv(csv) => csv.rows,
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
    let kinds = kinds_of(&columns, options);
    let mut builders: Vec<ColumnBuilder> = kinds.iter().map(|&k| ColumnBuilder::new(k)).collect();
    let mut errors = CellErrors::default();
    for row in 0..raw.len() {
        for (c, builder) in builders.iter_mut().enumerate() {
            let cell = raw.cell(row, c);
            if !builder.push(cell.as_bytes()) {
                note_error(&mut errors, raw.lines()[row], (c, &raw.headers()[c]), cell.as_bytes(), kinds[c]);
            }
        }
    }
    let names = raw.headers().to_vec();
    let rows = raw.len();
    let detected = Detected {
        encoding: decoded.encoding,
        bom: decoded.bom,
        encoding_source: decoded.source,
        sniff: None,
        columns,
        format,
        preview: raw,
    };
    Ok(Dataset {
        detected,
        columns: builders.into_iter().zip(names).map(|(b, n)| b.finish(n)).collect(),
        rows,
        skipped: Skipped::default(),
        errors,
        had_encoding_errors: decoded.had_errors,
    })
}

fn note_error(errors: &mut CellErrors, line: u64, (index, column): (usize, &str), value: &[u8], expected: Kind) {
    errors.count += 1;
    if errors.by_column.len() <= index {
        errors.by_column.resize(index + 1, 0);
    }
    errors.by_column[index] += 1;
    if errors.first.len() < KEPT_ERRORS {
        let value = String::from_utf8_lossy(value).into_owned();
        errors.first.push(CellError { row: line as usize, column: column.to_string(), value, expected });
    }
}

/// The streaming half: decoded bytes through csv-core into column builders.
struct CsvStream {
    detected: Detected,
    dialect: Dialect,
    /// Bytes at the start of the file not to feed (the byte-order mark).
    skip: usize,
    /// `None` when the bytes are UTF-8 and go to csv-core as they are.
    decoder: Option<Decoder>,
    utf8: Vec<u8>,
    /// The start of a UTF-8 character cut at the end of the previous chunk.
    utf8_tail: Vec<u8>,
    had_encoding_errors: bool,
    csv: csv_core::Reader,
    /// The fields of the record being read, and the end offset of each in `out`.
    out: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    /// The raw bytes of the record being read from earlier chunks, for the quote check.
    partial: Vec<u8>,
    /// 1 + the newlines consumed so far.
    line: u64,
    /// The line of the record being read, once its first byte has been seen.
    record_line: Option<u64>,
    header_pending: bool,
    names: Vec<String>,
    kinds: Vec<Kind>,
    builders: Vec<ColumnBuilder>,
    rows: usize,
    on_bad_row: BadRows,
    skipped: Skipped,
    errors: CellErrors,
}

impl CsvStream {
    fn detect(buffer: &[u8], whole: bool, options: &Options) -> Result<Option<CsvStream>, RawError> {
        let (encoding, bom_len, encoding_source) = decode::detect(buffer, whole, options.encoding);
        let (sample, _) = encoding.decode_without_bom_handling(&buffer[bom_len..]);
        // A sample cut mid-record would end in a broken row: keep whole lines only.
        let sample = match sample.rfind('\n') {
            _ if whole => &sample[..],
            Some(end) => &sample[..=end],
            None => return Ok(None),
        };
        let sniff = sniff::sniff_with(sample, &options.dialect);
        let preview = match raw::read(sample, &sniff.dialect, BadRows::Skip) {
            Ok(table) => table,
            // The sample may end inside a quoted field that closes later.
            Err(RawError::UnterminatedQuote { .. } | RawError::Empty) if !whole => return Ok(None),
            Err(e) => return Err(e),
        };
        let (columns, format) = guess_columns(&preview);
        let kinds = kinds_of(&columns, options);
        let names = preview.headers().to_vec();
        let decoder = (encoding != UTF_8).then(|| encoding.new_decoder_without_bom_handling());
        let dialect = sniff.dialect;
        let csv = csv_core::ReaderBuilder::new().delimiter(dialect.delimiter).quote(dialect.quote).build();
        Ok(Some(CsvStream {
            detected: Detected { encoding, bom: bom_len > 0, encoding_source, sniff: Some(sniff), columns, format, preview },
            dialect,
            skip: bom_len,
            decoder,
            utf8: Vec::new(),
            utf8_tail: Vec::new(),
            // The stream decodes the sample again, and reports errors then.
            had_encoding_errors: false,
            csv,
            out: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            partial: Vec::new(),
            line: 1,
            record_line: None,
            header_pending: dialect.has_header,
            builders: kinds.iter().map(|&k| ColumnBuilder::new(k)).collect(),
            kinds,
            names,
            rows: 0,
            on_bad_row: options.on_bad_row,
            skipped: Skipped::default(),
            errors: CellErrors::default(),
        }))
    }

    /// Feeds the next bytes of the file; `last` marks the end of the file.
    fn feed(&mut self, bytes: &[u8], last: bool) -> Result<(), RawError> {
        let Some(mut decoder) = self.decoder.take() else {
            self.check_utf8(bytes, last);
            return self.parse(bytes, last);
        };
        let mut utf8 = std::mem::take(&mut self.utf8);
        utf8.resize(DECODE_BUFFER, 0);
        let mut input = bytes;
        loop {
            let (result, read, written, replaced) = decoder.decode_to_utf8(input, &mut utf8, last);
            self.had_encoding_errors |= replaced;
            input = &input[read..];
            let done = matches!(result, encoding_rs::CoderResult::InputEmpty);
            let parsed = self.parse(&utf8[..written], last && done);
            if parsed.is_err() || done {
                self.utf8 = utf8;
                self.decoder = Some(decoder);
                return parsed;
            }
        }
    }

    /// Notes malformed UTF-8 in bytes that go to csv-core undecoded (their cells are read
    /// with U+FFFD). A character cut between chunks is completed from the next one.
    fn check_utf8(&mut self, bytes: &[u8], last: bool) {
        if self.had_encoding_errors {
            return;
        }
        let mut rest = bytes;
        if !self.utf8_tail.is_empty() {
            let had = self.utf8_tail.len();
            let take = (4 - had).min(rest.len());
            self.utf8_tail.extend_from_slice(&rest[..take]);
            match std::str::from_utf8(&self.utf8_tail) {
                Ok(_) => rest = &rest[take..],
                Err(e) if e.valid_up_to() > 0 => rest = &rest[e.valid_up_to() - had..],
                Err(e) if e.error_len().is_none() && !last && rest.len() == take => return,
                Err(_) => {
                    self.had_encoding_errors = true;
                    return;
                }
            }
            self.utf8_tail.clear();
        }
        match std::str::from_utf8(rest) {
            Ok(_) => {}
            Err(e) if e.error_len().is_none() && !last => self.utf8_tail.extend_from_slice(&rest[e.valid_up_to()..]),
            Err(_) => self.had_encoding_errors = true,
        }
    }

    /// Reads the records in `input`; a record cut at the end waits for the next call.
    fn parse(&mut self, mut input: &[u8], last: bool) -> Result<(), RawError> {
        // csv-core reads empty input as the end of the file: a chunk that decoded to nothing
        // yet (half a character) must not end the record being read.
        if input.is_empty() && !last {
            return Ok(());
        }
        let mut record_start = 0;
        let whole = input;
        loop {
            let (result, read, wrote, ended) =
                self.csv.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            self.count_lines(&input[..read]);
            input = &input[read..];
            self.out_len += wrote;
            self.ends_len += ended;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {
                    if !last {
                        self.partial.extend_from_slice(&whole[record_start..]);
                        return Ok(());
                    }
                }
                csv_core::ReadRecordResult::OutputFull => {
                    let grown = self.out.len() * 2;
                    self.out.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    let end = whole.len() - input.len();
                    if last && input.is_empty() {
                        // A record ended by the end of the file may be an open quote.
                        self.partial.extend_from_slice(&whole[record_start..end]);
                        if let Some((column, lines_in)) = unterminated_quote(&self.partial, &self.dialect) {
                            let line = self.record_line.unwrap_or(self.line);
                            return Err(RawError::UnterminatedQuote { line: line + lines_in, column });
                        }
                    }
                    self.partial.clear();
                    record_start = end;
                    self.record()?;
                }
                csv_core::ReadRecordResult::End => return Ok(()),
            }
        }
    }

    /// Advances the line count over consumed bytes, noting where the current record starts.
    fn count_lines(&mut self, consumed: &[u8]) {
        let mut rest = consumed;
        if self.record_line.is_none() {
            let lead = rest.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            self.line += rest[..lead].iter().filter(|&&b| b == b'\n').count() as u64;
            rest = &rest[lead..];
            if !rest.is_empty() {
                self.record_line = Some(self.line);
            }
        }
        self.line += rest.iter().filter(|&&b| b == b'\n').count() as u64;
    }

    /// Stores the record just read.
    fn record(&mut self) -> Result<(), RawError> {
        let line = self.record_line.take().unwrap_or(self.line);
        let fields = self.ends_len;
        let (out_len, ends_len) = (self.out_len, self.ends_len);
        self.out_len = 0;
        self.ends_len = 0;
        if std::mem::take(&mut self.header_pending) {
            return Ok(());
        }
        let width = self.builders.len();
        if fields > width {
            let error = RawError::TooManyFields { line, found: fields, expected: width };
            return match self.on_bad_row {
                BadRows::Fail => Err(error),
                BadRows::Skip => {
                    self.skipped.push(error);
                    Ok(())
                }
            };
        }
        let ends = &self.ends[..ends_len];
        let out = &self.out[..out_len];
        let mut start = 0;
        for (c, builder) in self.builders.iter_mut().enumerate() {
            let field = match ends.get(c) {
                Some(&end) => &out[std::mem::replace(&mut start, end)..end],
                None => &[],
            };
            if !builder.push(field) {
                note_error(&mut self.errors, line, (c, &self.names[c]), field, self.kinds[c]);
            }
        }
        self.rows += 1;
        Ok(())
    }

    fn into_dataset(self) -> Dataset {
        Dataset {
            columns: self.builders.into_iter().zip(self.names).map(|(b, n)| b.finish(n)).collect(),
            detected: self.detected,
            rows: self.rows,
            skipped: self.skipped,
            errors: self.errors,
            had_encoding_errors: self.had_encoding_errors,
        }
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
