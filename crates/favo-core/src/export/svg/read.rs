//! Reading back the map an exported SVG carries: find the `<favo:map>` element and undo the
//! XML escaping of its text. Just enough XML for our own output; no XML crate in the core.

use std::fmt;

/// Why the map inside an SVG could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SvgError {
    /// The `<favo:map>` element has no end: the file is cut short.
    Unclosed,
    /// At byte `at` the map's text has an unknown entity, a bad character reference, an
    /// element, or bytes that are not UTF-8.
    BadText { at: usize },
}

impl fmt::Display for SvgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SvgError::Unclosed => {
                write!(f, "the SVG is damaged (its Favo map element is not closed)")
            }
            SvgError::BadText { at } => write!(f, "the SVG is damaged (unreadable text in its Favo map at byte {at})"),
        }
    }
}

impl std::error::Error for SvgError {}

/// The map JSON inside an SVG from [`map_svg`], if it has one. Reads just enough XML for the
/// one element — the five entities, character references and CDATA sections — so the core
/// needs no XML parser.
pub fn extract(svg: &[u8]) -> Result<Option<String>, SvgError> {
    const OPEN: &[u8] = b"<favo:map";
    let mut from = 0;
    let start = loop {
        let Some(at) = find(svg, OPEN, from) else {
            return Ok(None);
        };
        if matches!(svg.get(at + OPEN.len()), Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
            break at;
        }
        from = at + 1;
    };
    // The end of the start tag, skipping quoted attribute values.
    let (mut i, mut quote) = (start + OPEN.len(), None);
    loop {
        match (quote, *svg.get(i).ok_or(SvgError::Unclosed)?) {
            (None, b'>') => break,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    if svg[i - 1] == b'/' {
        return Ok(Some(String::new()));
    }
    let end = find(svg, b"</favo:map", i + 1).ok_or(SvgError::Unclosed)?;
    unescape(&svg[i + 1..end], i + 1).map(Some)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// XML character data back to text; `offset` is where `raw` starts in the file.
fn unescape(raw: &[u8], offset: usize) -> Result<String, SvgError> {
    let text = std::str::from_utf8(raw).map_err(|e| SvgError::BadText { at: offset + e.valid_up_to() })?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        let at = offset + (text.len() - rest.len()) + i;
        let bad = SvgError::BadText { at };
        let tail = &rest[i..];
        if let Some(cdata) = tail.strip_prefix("<![CDATA[") {
            let end = cdata.find("]]>").ok_or(bad)?;
            out.push_str(&cdata[..end]);
            rest = &cdata[end + 3..];
            continue;
        }
        let semi = tail.find(';').filter(|&n| n <= 10 && tail.starts_with('&')).ok_or(bad.clone())?;
        let c = match &tail[1..semi] {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            name => {
                let code = match (name.strip_prefix("#x"), name.strip_prefix('#')) {
                    (Some(hex), _) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => u32::from_str_radix(hex, 16).ok(),
                    (None, Some(dec)) if !dec.is_empty() && dec.bytes().all(|b| b.is_ascii_digit()) => dec.parse().ok(),
                    _ => None,
                };
                code.and_then(char::from_u32).filter(|&c| c != '\0').ok_or(bad)?
            }
        };
        out.push(c);
        rest = &tail[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}
