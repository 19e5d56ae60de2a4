//! Guessing how a delimited text file is laid out: delimiter, quote and header row.
//!
//! Users drop files without telling us what they are; Italian Excel writes `;` because the
//! comma is the decimal separator, others write `,`, tabs or pipes. We guess from the first
//! records (parsed with real quote handling, so a quoted `"a;b"` is not two fields) and report
//! why, so the UI can show the guess and let the user correct each part ([`DialectOverride`]).

/// The candidate delimiters, in the order preferred when two fit the sample equally well:
/// a file whose `;`-fields and `,`-fields are both consistent is a European export whose
/// commas are decimal commas, so `;` (and the rarer tab and pipe) beat `,`.
pub const DELIMITERS: [u8; 4] = [b'\t', b';', b'|', b','];

/// How many records the sniffer looks at.
const SAMPLE_RECORDS: usize = 50;
/// How many bytes the sniffer looks at at most, so a huge single record stays cheap.
const SAMPLE_BYTES: usize = 256 * 1024;

/// How the records of a delimited file are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The field separator: one of [`DELIMITERS`] when sniffed, any byte when given.
    pub delimiter: u8,
    /// The quote character; inside quotes it is escaped by doubling (`""`).
    pub quote: u8,
    /// Whether the first record names the columns.
    pub has_header: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect { delimiter: b',', quote: b'"', has_header: true }
    }
}

/// The parts of a dialect the caller fixes; `None` leaves it to the sniffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DialectOverride {
    pub delimiter: Option<u8>,
    pub quote: Option<u8>,
    pub has_header: Option<bool>,
}

/// Why the delimiter was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelimiterReason {
    /// The caller chose it.
    Forced,
    /// `agreeing` of the `sampled` records have `fields` fields with this delimiter.
    Consistent { fields: usize, agreeing: usize, sampled: usize },
    /// No candidate splits the records: one column (read with `,`).
    SingleColumn,
}

/// Why the first record is (or is not) taken as the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderReason {
    /// The caller chose it.
    Forced,
    /// There are no records.
    Empty,
    /// The first record has an empty or repeated field (zero-based `column`): not names.
    BlankOrRepeated { column: usize },
    /// The first record is text where the rest of column `column` is mostly numbers or dates.
    TextOverData { column: usize },
    /// The first record's field in `column` looks like a number or date itself.
    FirstRowLooksLikeData { column: usize },
    /// The first record's field in `column` appears again below it: it is a value.
    RepeatedBelow { column: usize },
    /// All fields are distinct non-empty text: taken as names, as most files have a header.
    AllText,
}

/// A sniffed dialect with the reasons for each guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniff {
    pub dialect: Dialect,
    pub delimiter_reason: DelimiterReason,
    pub header_reason: HeaderReason,
}

/// Guesses the dialect of `text`.
pub fn sniff(text: &str) -> Sniff {
    sniff_with(text, &DialectOverride::default())
}

/// Guesses the parts of the dialect of `text` that `fixed` leaves open.
pub fn sniff_with(text: &str, fixed: &DialectOverride) -> Sniff {
    let sample = sample_of(text);
    let quote = fixed.quote.unwrap_or(b'"');
    let (delimiter, delimiter_reason) = match fixed.delimiter {
        Some(d) => (d, DelimiterReason::Forced),
        None => guess_delimiter(sample, quote),
    };
    let (has_header, header_reason) = match fixed.has_header {
        Some(h) => (h, HeaderReason::Forced),
        None => guess_header(&records(sample, delimiter, quote)),
    };
    Sniff { dialect: Dialect { delimiter, quote, has_header }, delimiter_reason, header_reason }
}

/// The start of `text` the sniffer reads, cut at a line end so no record is cut in two
/// (unless a single line is longer than the sample).
fn sample_of(text: &str) -> Sample<'_> {
    let bytes = text.as_bytes();
    let Some(head) = bytes.get(..SAMPLE_BYTES) else { return Sample { bytes, cut: false } };
    match head.iter().rposition(|&b| b == b'\n') {
        Some(end) => Sample { bytes: &head[..=end], cut: true },
        None => Sample { bytes: head, cut: true },
    }
}

/// The bytes the sniffer reads, and whether they stop before the end of the text (so the
/// last record read may be partial: a quoted field with newlines, or a cut line).
#[derive(Clone, Copy)]
struct Sample<'a> {
    bytes: &'a [u8],
    cut: bool,
}

/// The first [`SAMPLE_RECORDS`] records of `sample`, parsed with quotes honoured.
/// A partial last record of a cut sample is dropped, or, when it is the only record (one
/// very long line), only its last, partial field.
fn records(sample: Sample<'_>, delimiter: u8, quote: u8) -> Vec<Vec<String>> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).quote(quote).flexible(true).has_headers(false).from_reader(sample.bytes);
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut record = csv::ByteRecord::new();
    while out.len() < SAMPLE_RECORDS && matches!(reader.read_byte_record(&mut record), Ok(true)) {
        out.push(record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect());
    }
    if sample.cut && out.len() < SAMPLE_RECORDS {
        if out.len() > 1 {
            out.pop();
        } else if let Some(only) = out.last_mut() {
            only.pop();
        }
    }
    out
}

/// Picks the candidate on which the most sampled records agree on a field count above one;
/// ties go to more fields, then to the order of [`DELIMITERS`].
fn guess_delimiter(sample: Sample<'_>, quote: u8) -> (u8, DelimiterReason) {
    let mut best: Option<(usize, usize, u8, DelimiterReason)> = None;
    for &delimiter in &DELIMITERS {
        let counts: Vec<usize> = records(sample, delimiter, quote).iter().map(Vec::len).collect();
        let Some((fields, agreeing)) = mode(&counts) else { continue };
        if fields < 2 {
            continue;
        }
        let better = best.as_ref().is_none_or(|&(a, f, _, _)| (agreeing, fields) > (a, f));
        if better {
            let reason = DelimiterReason::Consistent { fields, agreeing, sampled: counts.len() };
            best = Some((agreeing, fields, delimiter, reason));
        }
    }
    best.map_or((b',', DelimiterReason::SingleColumn), |(_, _, d, r)| (d, r))
}

/// The most frequent value (the largest on a tie) and how often it occurs.
fn mode(counts: &[usize]) -> Option<(usize, usize)> {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() >= n) {
            best = Some((run[0], run.len()));
        }
    }
    best
}

/// Decides whether the first record is a header; see [`HeaderReason`] for the rules, which
/// are tried in the order of its variants.
fn guess_header(records: &[Vec<String>]) -> (bool, HeaderReason) {
    let Some((first, rest)) = records.split_first() else { return (false, HeaderReason::Empty) };
    let mut names = std::collections::HashSet::with_capacity(first.len());
    for (column, name) in first.iter().enumerate() {
        let name = name.trim();
        if name.is_empty() || !names.insert(name) {
            return (false, HeaderReason::BlankOrRepeated { column });
        }
    }
    let below = |column: usize| rest.iter().filter_map(move |r| r.get(column)).map(|v| v.trim()).filter(|v| !v.is_empty());
    for (column, name) in first.iter().enumerate() {
        let (values, data) = below(column).fold((0, 0), |(n, d), v| (n + 1, d + usize::from(looks_like_data(v))));
        if !looks_like_data(name) && values > 0 && data * 2 > values {
            return (true, HeaderReason::TextOverData { column });
        }
    }
    if let Some(column) = first.iter().position(|name| looks_like_data(name)) {
        return (false, HeaderReason::FirstRowLooksLikeData { column });
    }
    if let Some(column) = first.iter().enumerate().position(|(c, name)| below(c).any(|v| v == name.trim())) {
        return (false, HeaderReason::RepeatedBelow { column });
    }
    (true, HeaderReason::AllText)
}

/// Whether a field looks like a number, amount, percentage, date or time rather than a name:
/// at least one digit and nothing but digits, separators, signs and currency symbols.
/// Deliberately loose; the typed phase ([`super::infer`]) does the real recognition.
pub fn looks_like_data(field: &str) -> bool {
    let field = field.trim();
    field.chars().any(|c| c.is_ascii_digit()) && field.chars().all(|c| c.is_ascii_digit() || " .,:/-+%'€$£T".contains(c) || c == '\u{a0}')
}

#[cfg(test)]
#[path = "sniff_tests.rs"]
mod tests;
