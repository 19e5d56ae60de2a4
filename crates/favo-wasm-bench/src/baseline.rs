//! The yardstick for parsing speed: csv-core alone reading every record of the same bytes,
//! counting records and fields and doing nothing else. Issue 4 asks that reading and typing
//! reach at least 35 % of this speed; on the same machine and in the same browser the ratio
//! is fair where absolute MiB/s are not.
//!
//! csv-core is a push parser, so a [`CsvCount`] takes the file in chunks split anywhere,
//! like the pipeline's ingest.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// Records and fields counted by csv-core.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records, the header included.
    pub records: u64,
    pub fields: u64,
}

/// csv-core reading a file chunk by chunk; [`CsvCount::finish`] gives the counts.
pub struct CsvCount {
    reader: Reader,
    /// Field bytes of the record being read (csv-core copies them out, unquoted).
    out: Vec<u8>,
    /// End offsets of the record's fields in `out`.
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    counts: Counts,
}

impl CsvCount {
    /// A reader for `delimiter` (`b','`, `b';'`, …), the default quote `"` and any line end.
    pub fn new(delimiter: u8) -> CsvCount {
        CsvCount {
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 1 << 12],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            counts: Counts::default(),
        }
    }

    /// Reads the next chunk; an empty chunk means the end of the file.
    pub fn feed(&mut self, mut input: &[u8]) {
        let at_end = input.is_empty();
        loop {
            // csv-core takes empty input as the end of the file: only say so once, at the end.
            if input.is_empty() && !at_end {
                return;
            }
            let (result, read, written, ended) = self.reader.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            input = &input[read..];
            self.out_len += written;
            self.ends_len += ended;
            match result {
                // More is needed: the next chunk continues this record.
                ReadRecordResult::InputEmpty => return,
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    self.counts.records += 1;
                    self.counts.fields += self.ends_len as u64;
                    (self.out_len, self.ends_len) = (0, 0);
                }
                ReadRecordResult::End => return,
            }
        }
    }

    /// Ends the file and returns the counts.
    pub fn finish(mut self) -> Counts {
        self.feed(&[]);
        self.counts
    }
}

/// Counts the records and fields of a whole file in one go.
pub fn count(bytes: &[u8], delimiter: u8) -> Counts {
    let mut counter = CsvCount::new(delimiter);
    counter.feed(bytes);
    counter.finish()
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;
