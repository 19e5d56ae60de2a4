//! Share links: a whole map carried in a link's fragment (`embed.html#share=CODE`), so it
//! opens read-only on another device without any server ever seeing it (browsers never
//! send the fragment).
//!
//! A code is `1.` (the version of this encoding) followed by the map's compact JSON,
//! raw-deflated and base64url-encoded without padding. Links come from anywhere, so
//! decoding is bounded before it is clever: the code's length is checked before a byte is
//! decoded, inflating stops at [`MAX_INFLATED`], and every failure is an error, never a
//! panic. A code that decodes is then read by [`format::load`], like any map file.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeError, Engine};
use miniz_oxide::deflate::{compress_to_vec, CompressionLevel};
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

use crate::format::{self, LoadError, Loaded};
use crate::journey::Journey;

/// The version tag of this encoding, first in every code. A later encoding gets a new tag,
/// and this Favo refuses it by name rather than reading it as garbage.
const VERSION: &str = "1";

/// The longest code written or read, in characters. 64 KiB: Chrome takes links of 2 MB,
/// but chat apps, mail clients and link shorteners cut or refuse long links much earlier,
/// and a link that arrives cut off is worse than none. Measured: the sample map (25 cells
/// with touchpoints) is a code of about 1,200 characters, 1,000 cells with
/// short labels 10,754 and 1,000 with 40 random letters each 45,445; so maps of one to a
/// few thousand cells travel as links, bigger ones as a file. Decoding refuses longer codes
/// unread: no Favo writes them.
pub const MAX_LINK: usize = 64 * 1024;

/// The most a code may inflate to. Maps deflate 2–7 times (measured on the codes above),
/// so a code of [`MAX_LINK`] carries at most about 350 KB of JSON; 8 MiB leaves room for
/// freak maps, while a crafted code (deflate packs up to ~1,000 bytes in one) cannot make
/// the tab allocate more.
pub const MAX_INFLATED: usize = 8 * 1024 * 1024;

/// Why a map could not travel as a link, or a link could not be opened. Opening a bad
/// link never touches the maps already kept.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// Nothing after `#share=` or `#copy=`.
    Empty,
    /// The code has more characters than [`MAX_LINK`]: at copy time, the map is too big for
    /// a link; at open time, the code was not made by Favo and is not read.
    TooLong { chars: usize },
    /// The map's JSON is (or inflates to) more than [`MAX_INFLATED`] bytes.
    TooBig,
    /// The code does not start with a version tag this Favo knows (`found` is the tag,
    /// empty when there is none).
    UnknownVersion { found: String },
    /// A character that base64url does not use, at this 1-based position in the code.
    BadCharacter { position: usize, found: char },
    /// The code stops part-way through: characters were lost on the way.
    Truncated,
    /// The characters are base64url but not a deflated map: damaged on the way.
    Corrupt,
    /// The code holds a document that is not a map Favo can open.
    Map(LoadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ShareError::*;
        match self {
            Empty => write!(f, "the link holds no map"),
            TooLong { chars } => write!(
                f,
                "the map is too big for a link ({chars} characters; a link carries at most {MAX_LINK}): \
                 export the map file (.favo.json) instead"
            ),
            TooBig => write!(f, "the map in the link is bigger than {} MiB", MAX_INFLATED / 1024 / 1024),
            UnknownVersion { found } if found.is_empty() => write!(f, "not a Favo share link (no version tag)"),
            UnknownVersion { found } => write!(
                f,
                "the link was made by a newer Favo or another program (version \"{found}\"; this Favo reads \
                 version {VERSION}): update Favo to open it"
            ),
            BadCharacter { position, found } => {
                write!(f, "the link is damaged: character {position} ({found:?}) cannot be part of a link code")
            }
            Truncated => write!(f, "the link is cut short: copy the whole link"),
            Corrupt => write!(f, "the link is damaged: its map cannot be unpacked"),
            Map(e) => write!(f, "the map in the link cannot be opened: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

impl From<LoadError> for ShareError {
    fn from(e: LoadError) -> ShareError {
        ShareError::Map(e)
    }
}

/// The code that carries `journey` in a link, or why it cannot.
pub fn encode(journey: &Journey) -> Result<String, ShareError> {
    let json = format::to_json(journey, false);
    // A link whose map the reader would refuse is no link at all.
    if json.len() > MAX_INFLATED {
        return Err(ShareError::TooBig);
    }
    let deflated = compress_to_vec(json.as_bytes(), CompressionLevel::BestCompression as u8);
    let code = format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(deflated));
    // The code is ASCII: its length in bytes is its length in characters.
    if code.len() > MAX_LINK {
        return Err(ShareError::TooLong { chars: code.len() });
    }
    Ok(code)
}

/// Reads the map a code carries. Bounded on any input: at most [`MAX_LINK`] characters are
/// looked at and at most [`MAX_INFLATED`] bytes inflated.
pub fn decode(code: &str) -> Result<Loaded, ShareError> {
    let chars = code.chars().count();
    if chars > MAX_LINK {
        return Err(ShareError::TooLong { chars });
    }
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    let payload = match code.split_once('.') {
        Some((VERSION, payload)) => payload,
        Some((found, _)) => return Err(ShareError::UnknownVersion { found: found.chars().take(16).collect() }),
        None => return Err(ShareError::UnknownVersion { found: String::new() }),
    };
    let deflated = URL_SAFE_NO_PAD.decode(payload).map_err(|e| base64_error(code, payload, e))?;
    let json = decompress_to_vec_with_limit(&deflated, MAX_INFLATED).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => ShareError::TooBig,
        _ => ShareError::Corrupt,
    })?;
    Ok(format::load(&json)?)
}

/// Says where a code stops being base64url, counting characters from the start of the
/// whole code (what the user sees), not bytes of the payload.
fn base64_error(code: &str, payload: &str, e: DecodeError) -> ShareError {
    let at = |offset: usize| {
        let before = code.len() - payload.len() + offset;
        let position = code.get(..before).map_or(before, |s| s.chars().count()) + 1;
        let found = code.get(before..).and_then(|s| s.chars().next()).unwrap_or('\u{FFFD}');
        ShareError::BadCharacter { position, found }
    };
    match e {
        DecodeError::InvalidByte(offset, _) => at(offset),
        // Codes have no padding: an `=` was added on the way.
        DecodeError::InvalidPadding => at(payload.find('=').unwrap_or(payload.len())),
        // A last character with stray bits, or a length no encoder makes: the end was lost.
        DecodeError::InvalidLastSymbol(..) | DecodeError::InvalidLength(_) => ShareError::Truncated,
    }
}

#[cfg(test)]
#[path = "share_tests.rs"]
mod tests;
