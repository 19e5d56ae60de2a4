//! Decoding to UTF-8, whole or chunk by chunk.
//!
//! With the `legacy-encodings` feature (the default: the app, its worker, the CLI),
//! encoding_rs decodes every encoding of the WHATWG standard, and chardetng guesses among
//! them. Their tables (Shift_JIS, GBK, Big5, EUC-KR …) are about 230 KB of wasm that a page
//! embedding one chart should not download, so without the feature (the embedded viewer)
//! this module decodes by itself the encodings of the files Favo's users have: UTF-8,
//! UTF-16 from "Unicode text" exports, and Windows-1252 from Excel in Italy and most of
//! Europe. Any other encoding is read as Windows-1252. encoding_rs has no way to link one
//! decoder without all of them (it picks the decoder at run time), hence the hand-written
//! one: a 32-entry table and UTF-16's surrogate pairs, checked against encoding_rs in the
//! tests byte for byte.

use std::borrow::Cow;

use encoding_rs::{CoderResult, Encoding, UTF_16BE, UTF_16LE};

/// A streaming decoder to UTF-8, with encoding_rs's contract: it reads as much input as
/// fits the output, and says whether it stopped for want of input or of room.
pub enum Decoder {
    #[cfg(feature = "legacy-encodings")]
    Full(encoding_rs::Decoder),
    Lite(Lite),
}

/// The decoder for `encoding` (not UTF-8, which needs none), which never looks for a
/// byte-order mark (the caller has skipped it).
pub fn decoder(encoding: &'static Encoding) -> Decoder {
    #[cfg(feature = "legacy-encodings")]
    return Decoder::Full(encoding.new_decoder_without_bom_handling());
    #[cfg(not(feature = "legacy-encodings"))]
    Decoder::Lite(Lite::new(encoding))
}

impl Decoder {
    /// Decodes from `src` into `dst`: (why it stopped, bytes read, bytes written, whether a
    /// malformed sequence became U+FFFD). `last` when `src` ends the input.
    pub fn decode_to_utf8(&mut self, src: &[u8], dst: &mut [u8], last: bool) -> (CoderResult, usize, usize, bool) {
        match self {
            #[cfg(feature = "legacy-encodings")]
            Decoder::Full(d) => d.decode_to_utf8(src, dst, last),
            Decoder::Lite(d) => d.decode_to_utf8(src, dst, last),
        }
    }
}

/// All of `bytes` (after any byte-order mark) as text, and whether some were malformed.
pub fn decode_all<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    #[cfg(feature = "legacy-encodings")]
    return encoding.decode_without_bom_handling(bytes);
    #[cfg(not(feature = "legacy-encodings"))]
    if encoding == encoding_rs::UTF_8 {
        // A UTF-8 file with a byte-order mark, or one forced as UTF-8.
        let text = String::from_utf8_lossy(bytes);
        let replaced = matches!(text, Cow::Owned(_));
        (text, replaced)
    } else {
        Lite::new(encoding).decode_all(bytes)
    }
}

/// What [`Lite`] decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Windows1252,
    Utf16 { big_endian: bool },
}

/// Windows-1252's bytes 0x80–0x9F (the rest are Latin-1's, the same as their code points).
/// The five the code page leaves undefined are the C1 controls, as the WHATWG standard says.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The decoder without encoding_rs's tables: UTF-16 and Windows-1252.
#[derive(Clone, Debug)]
pub struct Lite {
    form: Form,
    /// UTF-16: the first byte of a unit cut between chunks.
    odd: Option<u8>,
    /// UTF-16: a high surrogate waiting for its low half.
    high: Option<u16>,
}

impl Lite {
    pub fn new(encoding: &'static Encoding) -> Lite {
        let form = if encoding == UTF_16LE {
            Form::Utf16 { big_endian: false }
        } else if encoding == UTF_16BE {
            Form::Utf16 { big_endian: true }
        } else {
            Form::Windows1252
        };
        Lite { form, odd: None, high: None }
    }

    pub fn decode_all(mut self, bytes: &[u8]) -> (Cow<'static, str>, bool) {
        let mut text = String::with_capacity(bytes.len());
        let mut buffer = [0u8; 4096];
        let mut input = bytes;
        let mut replaced = false;
        loop {
            let (result, read, written, bad) = self.decode_to_utf8(input, &mut buffer, true);
            replaced |= bad;
            text.push_str(std::str::from_utf8(&buffer[..written]).expect("the decoder writes UTF-8"));
            input = &input[read..];
            if result == CoderResult::InputEmpty {
                return (Cow::Owned(text), replaced);
            }
        }
    }

    pub fn decode_to_utf8(&mut self, src: &[u8], dst: &mut [u8], last: bool) -> (CoderResult, usize, usize, bool) {
        let (mut read, mut written, mut replaced) = (0, 0, false);
        match self.form {
            Form::Windows1252 => {
                for &b in src {
                    let c = if (0x80..0xA0).contains(&b) { WINDOWS_1252_HIGH[usize::from(b - 0x80)] } else { char::from(b) };
                    if !put(dst, &mut written, c) {
                        return (CoderResult::OutputFull, read, written, replaced);
                    }
                    read += 1;
                }
            }
            Form::Utf16 { big_endian } => {
                while read < src.len() {
                    let Some(first) = self.odd.take() else {
                        self.odd = Some(src[read]);
                        read += 1;
                        continue;
                    };
                    let pair = [first, src[read]];
                    let unit = if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) };
                    let (c, keep_high, bad) = self.unit(unit);
                    // Room for the worst case (a lone surrogate's U+FFFD and this unit's
                    // character) before anything changes, so a full output loses nothing.
                    if dst.len() - written < 7 {
                        self.odd = Some(first);
                        return (CoderResult::OutputFull, read, written, replaced);
                    }
                    read += 1;
                    replaced |= bad;
                    if bad {
                        put(dst, &mut written, '\u{FFFD}');
                    }
                    if let Some(c) = c {
                        put(dst, &mut written, c);
                    }
                    self.high = keep_high;
                }
                // The input ends part-way through a character.
                if last && (self.odd.is_some() || self.high.is_some()) {
                    if !put(dst, &mut written, '\u{FFFD}') {
                        return (CoderResult::OutputFull, read, written, replaced);
                    }
                    (self.odd, self.high, replaced) = (None, None, true);
                }
            }
        }
        (CoderResult::InputEmpty, read, written, replaced)
    }

    /// One UTF-16 unit after `self.high`: the character it completes (if any), the high
    /// surrogate to keep, and whether a lone surrogate was dropped on the way.
    fn unit(&self, unit: u16) -> (Option<char>, Option<u16>, bool) {
        let lone_high = self.high.is_some();
        match (self.high, unit) {
            (Some(high), 0xDC00..=0xDFFF) => {
                let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                (char::from_u32(code), None, false)
            }
            (_, 0xD800..=0xDBFF) => (None, Some(unit), lone_high),
            (_, 0xDC00..=0xDFFF) => (None, None, true),
            (_, _) => (char::from_u32(u32::from(unit)), None, lone_high),
        }
    }
}

/// Writes `c` at `dst[*written..]` if it fits; false when the output is full.
fn put(dst: &mut [u8], written: &mut usize, c: char) -> bool {
    let len = c.len_utf8();
    if dst.len() - *written < len {
        return false;
    }
    c.encode_utf8(&mut dst[*written..]);
    *written += len;
    true
}

#[cfg(test)]
#[path = "charset_tests.rs"]
mod tests;
