//! The streaming half of the reader: the file's bytes, decoded when they are not UTF-8,
//! through csv-core into column builders, one record at a time, with the line of each.

use encoding_rs::UTF_8;

use super::{guess_columns, kinds_of, Columns, Dataset, Detected, Options};
use crate::ingest::charset::{self, Decoder};
use crate::ingest::decode;
use crate::ingest::raw::{self, unterminated_quote, BadRows, RawError, Skipped};
use crate::ingest::sniff::{self, Dialect};

/// The decoded text handed to csv-core at a time, for encodings other than UTF-8.
const DECODE_BUFFER: usize = 64 * 1024;

/// The streaming half: decoded bytes through csv-core into column builders.
pub(super) struct CsvStream {
    pub(super) detected: Detected,
    dialect: Dialect,
    /// Bytes at the start of the file not to feed (the byte-order mark).
    pub(super) skip: usize,
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
    /// The line of the record being read, once its first byte has been seen.
    record_line: Option<u64>,
    header_pending: bool,
    table: Columns,
    on_bad_row: BadRows,
    skipped: Skipped,
}

impl CsvStream {
    pub(super) fn detect(buffer: &[u8], whole: bool, options: &Options) -> Result<Option<CsvStream>, RawError> {
        let (encoding, bom_len, encoding_source) = decode::detect(buffer, whole, options.encoding);
        let (sample, _) = charset::decode_all(encoding, &buffer[bom_len..]);
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
        let decoder = (encoding != UTF_8).then(|| charset::decoder(encoding));
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
            record_line: None,
            header_pending: dialect.has_header,
            table: Columns::new(names, kinds),
            on_bad_row: options.on_bad_row,
            skipped: Skipped::default(),
        }))
    }

    /// Feeds the next bytes of the file; `last` marks the end of the file.
    pub(super) fn feed(&mut self, bytes: &[u8], last: bool) -> Result<(), RawError> {
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
            self.note_record_line(input);
            let (result, read, wrote, ended) =
                self.csv.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
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
                            let line = self.record_line.unwrap_or(self.csv.line());
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

    /// Notes the line the next record starts on, past any blank lines, before csv-core reads
    /// on from `input`. csv-core counts the newlines it consumes (its line starts at 1), so
    /// only the blank lines ahead of a record are looked at here.
    fn note_record_line(&mut self, input: &[u8]) {
        if self.record_line.is_some() {
            return;
        }
        let lead = input.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if lead < input.len() {
            let blank_lines = input[..lead].iter().filter(|&&b| b == b'\n').count() as u64;
            self.record_line = Some(self.csv.line() + blank_lines);
        }
    }

    /// Stores the record just read.
    fn record(&mut self) -> Result<(), RawError> {
        let line = self.record_line.take().unwrap_or(self.csv.line());
        let fields = self.ends_len;
        let (out_len, ends_len) = (self.out_len, self.ends_len);
        self.out_len = 0;
        self.ends_len = 0;
        if std::mem::take(&mut self.header_pending) {
            return Ok(());
        }
        let width = self.table.width();
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
        let (ends, out) = (&self.ends[..ends_len], &self.out[..out_len]);
        self.table.push_row(line, |c| match ends.get(c) {
            Some(&end) => &out[c.checked_sub(1).map_or(0, |p| ends[p])..end],
            None => &[],
        });
        Ok(())
    }

    /// Rows read so far.
    pub(super) fn rows(&self) -> usize {
        self.table.rows
    }

    pub(super) fn into_dataset(self) -> Dataset {
        self.table.into_dataset(self.detected, self.skipped, self.had_encoding_errors)
    }
}
