//! The map inside a PNG: an `iTXt` text chunk with the keyword `favo-map` holding the map
//! JSON, so that an exported picture opens again as the map.
//!
//! The browser encodes the pixels (its canvas painter and `toBlob`); this module only walks
//! the chunks, checking lengths and checksums, and never decodes a pixel. A damaged map
//! chunk is an error that says so, never a silent "no map".

use std::fmt;

use crate::export::MAX_MAP_BYTES;

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The text chunk keyword under which the map is stored.
pub const KEYWORD: &str = "favo-map";

/// The PNG specification's limit on a chunk's length.
const MAX_CHUNK_LEN: usize = 0x7fff_ffff;

/// Why a PNG could not take or give back a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    /// The bytes do not start with the PNG signature.
    NotPng,
    /// The file ends inside the chunk that starts at byte `at`, or before `IEND`.
    Truncated { at: usize },
    /// At byte `at` there is no chunk: a type that is not four letters, an impossible
    /// length, or a first chunk that is not `IHDR`.
    BadChunk { at: usize },
    /// A chunk's content does not match its CRC.
    BadChecksum { chunk: String },
    /// The map chunk is compressed; Favo writes it uncompressed and does not read zlib.
    MapCompressed,
    /// The map chunk's text is not UTF-8.
    MapNotText,
    /// The map chunk lacks the separators of an `iTXt` chunk.
    MapMalformed,
    /// The map is too big to be read back (see [`MAX_MAP_BYTES`]).
    TooBig { bytes: usize },
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PngError::*;
        match self {
            NotPng => write!(f, "not a PNG file"),
            Truncated { at } => write!(f, "the PNG is damaged (it ends early, at byte {at})"),
            BadChunk { at } => write!(f, "the PNG is damaged (byte {at}: not a chunk)"),
            BadChecksum { chunk } => write!(f, "the PNG is damaged (chunk {chunk}: bad checksum)"),
            MapCompressed => write!(f, "the Favo map in this PNG is compressed, which Favo does not read"),
            MapNotText => write!(f, "the PNG is damaged (its Favo map is not UTF-8 text)"),
            MapMalformed => write!(f, "the PNG is damaged (its Favo map chunk is malformed)"),
            TooBig { bytes } => write!(
                f,
                "the map is too big to put in a PNG ({:.1} MiB; at most {} MiB)",
                *bytes as f64 / 1024.0 / 1024.0,
                MAX_MAP_BYTES >> 20
            ),
        }
    }
}

impl std::error::Error for PngError {}

/// One chunk, borrowed from the file.
struct Chunk<'a> {
    kind: [u8; 4],
    data: &'a [u8],
    crc: u32,
    /// The whole chunk: length, type, data and CRC.
    raw: &'a [u8],
}

impl Chunk<'_> {
    fn name(&self) -> String {
        String::from_utf8_lossy(&self.kind).into_owned()
    }

    fn check(&self) -> Result<(), PngError> {
        if crc(&self.kind, self.data) == self.crc {
            Ok(())
        } else {
            Err(PngError::BadChecksum { chunk: self.name() })
        }
    }

    /// A text chunk (`iTXt`, `tEXt` or `zTXt`) under our keyword.
    fn is_map(&self) -> bool {
        matches!(&self.kind, b"iTXt" | b"tEXt" | b"zTXt")
            && self.data.strip_prefix(KEYWORD.as_bytes()).is_some_and(|rest| rest.first() == Some(&0))
    }
}

fn crc(kind: &[u8; 4], data: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    h.finalize()
}

fn be32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// Splits a PNG into its chunks, from `IHDR` to `IEND` (bytes after `IEND` are ignored, as
/// decoders do). Checks the structure, not the checksums: callers check what they rely on.
fn chunks(png: &[u8]) -> Result<Vec<Chunk<'_>>, PngError> {
    if !png.starts_with(&SIGNATURE) {
        return Err(PngError::NotPng);
    }
    let mut out = Vec::new();
    let mut at = SIGNATURE.len();
    loop {
        let Some(head) = png.get(at..at + 8) else {
            return Err(PngError::Truncated { at });
        };
        let len = be32(head) as usize;
        let kind = [head[4], head[5], head[6], head[7]];
        let first = out.is_empty();
        if len > MAX_CHUNK_LEN || !kind.iter().all(u8::is_ascii_alphabetic) || (first && &kind != b"IHDR") {
            return Err(PngError::BadChunk { at });
        }
        let end = at + 12 + len;
        let Some(raw) = png.get(at..end) else {
            return Err(PngError::Truncated { at });
        };
        let chunk = Chunk { kind, data: &raw[8..8 + len], crc: be32(&raw[8 + len..]), raw };
        let last = &kind == b"IEND";
        out.push(chunk);
        if last {
            return Ok(out);
        }
        at = end;
    }
}

/// Puts `map_json` into `png` as an uncompressed `iTXt` chunk just before `IEND`, replacing
/// any map already there. Refuses a PNG whose structure or checksums are broken, so an
/// export never produces a file that viewers would reject.
pub fn embed(png: &[u8], map_json: &str) -> Result<Vec<u8>, PngError> {
    if map_json.len() > MAX_MAP_BYTES {
        return Err(PngError::TooBig { bytes: map_json.len() });
    }
    let chunks = chunks(png)?;
    for c in &chunks {
        c.check()?;
    }
    // Keyword, NUL; compression flag and method 0; empty language tag and translated
    // keyword, each NUL-terminated; then the text.
    let mut data = Vec::with_capacity(KEYWORD.len() + 5 + map_json.len());
    data.extend_from_slice(KEYWORD.as_bytes());
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(map_json.as_bytes());
    let mut out = Vec::with_capacity(png.len() + data.len() + 12);
    out.extend_from_slice(&SIGNATURE);
    let (end, rest) = chunks.split_last().expect("chunks() ends with IEND");
    for c in rest.iter().filter(|c| !c.is_map()) {
        out.extend_from_slice(c.raw);
    }
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(b"iTXt");
    out.extend_from_slice(&data);
    out.extend_from_slice(&crc(b"iTXt", &data).to_be_bytes());
    out.extend_from_slice(end.raw);
    Ok(out)
}

/// The map JSON inside `png`, if it has one. The map chunk's checksum is checked, and a
/// damaged, compressed or non-UTF-8 map chunk is an error; the pixels are not looked at, so
/// a picture with a damaged image but an intact map still opens.
pub fn extract(png: &[u8]) -> Result<Option<String>, PngError> {
    let chunks = chunks(png)?;
    let Some(c) = chunks.iter().find(|c| c.is_map()) else {
        return Ok(None);
    };
    c.check()?;
    let after_keyword = &c.data[KEYWORD.len() + 1..];
    let text = match &c.kind {
        b"iTXt" => itxt_text(after_keyword)?,
        // tEXt is Latin-1 by the specification, but tools often write UTF-8 there; JSON in
        // Latin-1 that also happens to be valid UTF-8 is vanishingly unlikely.
        b"tEXt" => match std::str::from_utf8(after_keyword) {
            Ok(s) => s,
            Err(_) => return Ok(Some(after_keyword.iter().map(|&b| char::from(b)).collect())),
        },
        _ => return Err(PngError::MapCompressed),
    };
    Ok(Some(text.to_owned()))
}

/// The text of an `iTXt` chunk's data after its keyword and NUL.
fn itxt_text(data: &[u8]) -> Result<&str, PngError> {
    let [flag, _method, rest @ ..] = data else {
        return Err(PngError::MapMalformed);
    };
    if *flag != 0 {
        return Err(if *flag == 1 { PngError::MapCompressed } else { PngError::MapMalformed });
    }
    let mut parts = rest.splitn(3, |&b| b == 0);
    let (Some(_language), Some(_translated), Some(text)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(PngError::MapMalformed);
    };
    std::str::from_utf8(text).map_err(|_| PngError::MapNotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-built 1×1 grey PNG: IHDR, one IDAT (a stored zlib block), IEND.
    fn tiny() -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            out.extend_from_slice(&crc(kind, data).to_be_bytes());
        }
        let mut png = SIGNATURE.to_vec();
        chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        // zlib header, a final stored block of 2 bytes (filter 0, grey 0x80), Adler-32.
        chunk(&mut png, b"IDAT", &[0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81]);
        chunk(&mut png, b"IEND", &[]);
        png
    }

    fn kinds(png: &[u8]) -> Vec<String> {
        chunks(png).unwrap().iter().map(Chunk::name).collect()
    }

    #[test]
    fn the_map_goes_in_just_before_iend_and_comes_back_out() {
        let out = embed(&tiny(), "{\"a\":\"é ☕\"}").unwrap();
        assert_eq!(kinds(&out), ["IHDR", "IDAT", "iTXt", "IEND"]);
        assert_eq!(extract(&out).unwrap().as_deref(), Some("{\"a\":\"é ☕\"}"));
        assert_eq!(extract(&tiny()).unwrap(), None);
    }

    #[test]
    fn a_compressed_map_chunk_is_refused_not_ignored() {
        let mut out = embed(&tiny(), "{}").unwrap();
        let at = out.windows(12).position(|w| w == b"iTXtfavo-map").unwrap() - 4;
        let len = chunks(&out).unwrap().iter().find(|c| c.is_map()).unwrap().data.len();
        out[at + 8 + KEYWORD.len() + 1] = 1;
        let crc_at = at + 8 + len;
        let fixed = crc(b"iTXt", &out[at + 8..crc_at]);
        out[crc_at..crc_at + 4].copy_from_slice(&fixed.to_be_bytes());
        assert_eq!(extract(&out), Err(PngError::MapCompressed));
    }

    #[test]
    fn a_latin1_text_chunk_is_read_too() {
        let mut png = tiny();
        let iend = png.split_off(png.len() - 12);
        let data = [KEYWORD.as_bytes(), b"\0caff\xe8"].concat();
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        png.extend_from_slice(b"tEXt");
        png.extend_from_slice(&data);
        png.extend_from_slice(&crc(b"tEXt", &data).to_be_bytes());
        png.extend_from_slice(&iend);
        assert_eq!(extract(&png).unwrap().as_deref(), Some("caffè"));
        assert_eq!(kinds(&embed(&png, "{}").unwrap()), ["IHDR", "IDAT", "iTXt", "IEND"], "replaced");
    }

    #[test]
    fn structure_errors_say_where() {
        let png = tiny();
        assert_eq!(chunks(&png[..png.len() - 12]).err(), Some(PngError::Truncated { at: png.len() - 12 }));
        assert_eq!(chunks(&png[..40]).err(), Some(PngError::Truncated { at: 33 }));
        let mut bad = png.clone();
        bad[12] = b'1';
        assert_eq!(chunks(&bad).err(), Some(PngError::BadChunk { at: 8 }));
        assert_eq!(chunks(b"GIF89a").err(), Some(PngError::NotPng));
    }

    #[test]
    fn embedding_refuses_a_png_with_a_bad_checksum() {
        let mut png = tiny();
        png[41] ^= 0x40;
        assert_eq!(embed(&png, "{}"), Err(PngError::BadChecksum { chunk: "IDAT".into() }));
    }
}
