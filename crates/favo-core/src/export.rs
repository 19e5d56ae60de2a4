//! Exported pictures that carry their map: an SVG drawn here ([`svg::map_svg`]) and a PNG
//! drawn by the browser's canvas, into which [`png::embed`] puts the map JSON. Dropping either
//! back on Favo opens the map ([`read_image`]): through [`format::load`], so migrations,
//! validation and repair warnings apply exactly as for a JSON file.

pub mod png;
pub mod svg;

use std::fmt;

use crate::format::{self, LoadError, Loaded};

pub use png::PngError;
pub use svg::SvgError;

/// Largest map an image may carry (its JSON, in bytes). Real maps are far smaller; the bound
/// keeps a hostile image from making Favo parse hundreds of megabytes.
pub const MAX_MAP_BYTES: usize = 16 * 1024 * 1024;

/// Why a dropped image could not be opened as a map. The current map is never touched by a
/// failed read. Messages are English; the web app matches on the variants to speak Italian,
/// as it does for [`LoadError`].
#[derive(Debug, Clone, PartialEq)]
pub enum ImageError {
    /// Neither a PNG nor an SVG.
    NotAnImage,
    /// A PNG or SVG without a Favo map inside (an image from elsewhere).
    NoMap,
    /// The map inside is larger than [`MAX_MAP_BYTES`].
    TooBig { bytes: usize },
    /// The PNG's chunks or its map chunk are damaged.
    Png(PngError),
    /// The SVG's map element is damaged.
    Svg(SvgError),
    /// The map inside was found but does not load (with where, as for a JSON file).
    Damaged(LoadError),
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageError::NotAnImage => write!(f, "not a PNG or SVG image"),
            ImageError::NoMap => write!(f, "this image has no Favo map inside"),
            ImageError::TooBig { bytes } => write!(
                f,
                "the map inside this image is too big ({:.1} MiB; Favo reads up to {} MiB)",
                *bytes as f64 / 1024.0 / 1024.0,
                MAX_MAP_BYTES >> 20
            ),
            ImageError::Png(e) => write!(f, "{e}"),
            ImageError::Svg(e) => write!(f, "{e}"),
            ImageError::Damaged(e) => write!(f, "the map inside this image is damaged: {e}"),
        }
    }
}

impl std::error::Error for ImageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImageError::Png(e) => Some(e),
            ImageError::Svg(e) => Some(e),
            ImageError::Damaged(e) => Some(e),
            _ => None,
        }
    }
}

/// Whether `bytes` look like an SVG document: after an optional byte-order mark and
/// whitespace, an XML declaration or an `<svg` tag, and an `<svg` tag somewhere.
pub fn is_svg(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = text.trim_ascii_start();
    (text.starts_with(b"<?xml") || text.starts_with(b"<svg")) && text.windows(4).any(|w| w == b"<svg")
}

/// Whether `bytes` start with the PNG signature.
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&png::SIGNATURE)
}

/// Opens the map inside an exported PNG or SVG.
pub fn read_image(bytes: &[u8]) -> Result<Loaded, ImageError> {
    let json = if is_png(bytes) {
        png::extract(bytes).map_err(ImageError::Png)?
    } else if is_svg(bytes) {
        svg::extract(bytes).map_err(ImageError::Svg)?
    } else {
        return Err(ImageError::NotAnImage);
    };
    let json = json.ok_or(ImageError::NoMap)?;
    if json.len() > MAX_MAP_BYTES {
        return Err(ImageError::TooBig { bytes: json.len() });
    }
    format::load(json.as_bytes()).map_err(ImageError::Damaged)
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
