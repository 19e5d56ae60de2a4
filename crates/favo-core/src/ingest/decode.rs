//! Bytes to text: the first step of ingest, because files arrive as bytes, not strings.
//!
//! Marketers' files come from Excel, exports and old CRMs: UTF-8 with or without a byte-order
//! mark, UTF-16 from "Unicode text" exports, and Windows-1252 from Italian Excel (`€` is 0x80,
//! `à` is 0xE0). The order of evidence is: a caller's override, then a BOM (certain), then
//! "the bytes are valid UTF-8" (almost certain for real text), then chardetng's statistical
//! guess. The caller is told which one decided, so the UI can show it and offer an override.
//! Decoding never fails: malformed bytes become U+FFFD and `had_errors` says so.

use encoding_rs::{Encoding, UTF_8};

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
    if let Some(encoding) = forced {
        let bom = Encoding::for_bom(bytes).is_some_and(|(found, _)| found == encoding);
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        return Decoded { text: text.into_owned(), encoding, bom, had_errors, source: EncodingSource::Forced };
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(rest);
        return Decoded { text: text.into_owned(), encoding, bom: true, had_errors, source: EncodingSource::Bom };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_owned(), encoding: UTF_8, bom: false, had_errors: false, source: EncodingSource::ValidUtf8 };
    }
    let mut detector = chardetng::EncodingDetector::new();
    // The start of the file tells as well as all of it (an export uses one encoding
    // throughout), and feeding 60 MB through the detector took 3 s.
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    // UTF-8 is already ruled out: the bytes are not valid UTF-8.
    let (encoding, confident) = detector.guess_assess(None, false);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding, bom: false, had_errors, source: EncodingSource::Guessed { confident } }
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
