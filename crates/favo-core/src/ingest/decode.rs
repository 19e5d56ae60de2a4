//! Bytes to text: the first step of ingest, because files arrive as bytes, not strings.
//!
//! Marketers' files come from Excel, exports and old CRMs: UTF-8 with or without a byte-order
//! mark, UTF-16 from "Unicode text" exports, and Windows-1252 from Italian Excel (`€` is 0x80,
//! `à` is 0xE0). The order of evidence is: a caller's override, then a BOM (certain), then
//! "the bytes are valid UTF-8" (almost certain for real text), then chardetng's statistical
//! guess. The caller is told which one decided, so the UI can show it and offer an override.
//! Decoding never fails: malformed bytes become U+FFFD and `had_errors` says so.

use encoding_rs::{Encoding, UTF_8};

use crate::ingest::charset;

/// How many bytes the encoding detector reads.
const DETECT_BYTES: usize = 1 << 20;

/// What decided the encoding, from most to least certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// The caller chose it.
    Forced,
    /// A byte-order mark at the start of the bytes.
    Bom,
    /// The bytes are valid UTF-8 (pure ASCII included).
    ValidUtf8,
    /// chardetng's guess; `confident` is its own "higher confidence" flag.
    Guessed { confident: bool },
}

/// The decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without the byte-order mark.
    pub text: String,
    /// The encoding used to decode.
    pub encoding: &'static Encoding,
    /// Whether a byte-order mark was found (and removed).
    pub bom: bool,
    /// Whether some bytes were malformed for `encoding` and became U+FFFD.
    pub had_errors: bool,
    /// What decided `encoding`.
    pub source: EncodingSource,
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
///
/// A forced encoding still drops its own BOM (a UTF-8 file forced as UTF-8 must not start
/// with U+FEFF, which would end up in the first header).
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    let (encoding, bom_len, source) = detect(bytes, true, forced);
    let rest = bytes.get(bom_len..).unwrap_or_default();
    let (text, had_errors) = match (source, std::str::from_utf8(rest)) {
        (EncodingSource::ValidUtf8, Ok(text)) => (text.to_owned(), false),
        _ => {
            let (text, had_errors) = charset::decode_all(encoding, rest);
            (text.into_owned(), had_errors)
        }
    };
    Decoded { text, encoding, bom: bom_len > 0, had_errors, source }
}

/// The encoding of a file from its first bytes, `sample` (all of it when `whole`): the
/// encoding, the length of its byte-order mark, and what decided. A sample cut in the middle
/// of a UTF-8 character still counts as valid UTF-8.
pub fn detect(sample: &[u8], whole: bool, forced: Option<&'static Encoding>) -> (&'static Encoding, usize, EncodingSource) {
    let bom = Encoding::for_bom(sample);
    if let Some(encoding) = forced {
        let bom_len = bom.filter(|(found, _)| *found == encoding).map_or(0, |(_, len)| len);
        return (encoding, bom_len, EncodingSource::Forced);
    }
    if let Some((encoding, bom_len)) = bom {
        return (encoding, bom_len, EncodingSource::Bom);
    }
    let sample = &sample[..sample.len().min(DETECT_BYTES)];
    let cut = !whole || sample.len() == DETECT_BYTES;
    match std::str::from_utf8(sample) {
        Ok(_) => return (UTF_8, 0, EncodingSource::ValidUtf8),
        Err(e) if cut && e.error_len().is_none() => return (UTF_8, 0, EncodingSource::ValidUtf8),
        Err(_) => {}
    }
    guess(sample, cut)
}

/// The encoding of bytes that are not UTF-8, by chardetng's statistics.
#[cfg(feature = "legacy-encodings")]
fn guess(sample: &[u8], cut: bool) -> (&'static Encoding, usize, EncodingSource) {
    let mut detector = chardetng::EncodingDetector::new();
    // The start of the file tells as well as all of it (an export uses one encoding
    // throughout), and feeding 60 MB through the detector took 3 s.
    detector.feed(sample, !cut);
    // UTF-8 is already ruled out: the bytes are not valid UTF-8.
    let (encoding, confident) = detector.guess_assess(None, false);
    (encoding, 0, EncodingSource::Guessed { confident })
}

/// Without the legacy encodings, bytes that are not UTF-8 are taken as Windows-1252: the
/// Excel exports this build is for.
#[cfg(not(feature = "legacy-encodings"))]
fn guess(_sample: &[u8], _cut: bool) -> (&'static Encoding, usize, EncodingSource) {
    (encoding_rs::WINDOWS_1252, 0, EncodingSource::Guessed { confident: false })
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
