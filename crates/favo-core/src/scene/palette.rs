//! The map's colours and font: one place for the canvas painter and the SVG export, so an
//! exported picture looks like the screen.

pub const BACKGROUND: &str = "#fbfaf7";
pub const OUTLINE: &str = "#6b6b70";
pub const TEXT: &str = "#1d1d1f";
pub const ACCENT: &str = "#1e63d6";
/// A drop that would be refused.
pub const REFUSED: &str = "#c62828";
pub const LINK: &str = "#3a3a3c";
pub const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
