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

/// The data's tint runs from `PALE` (least) to `DEEP` (most); both keep the map's dark label
/// text above 4.5:1 contrast. Cells without a value are `NO_VALUE`.
pub const PALE: (u8, u8, u8) = (0xee, 0xf4, 0xfb);
pub const DEEP: (u8, u8, u8) = (0x4a, 0x8f, 0xd6);
pub const NO_VALUE: &str = "#dedede";
/// The outline of a funnel step's cells: amber, apart from the selection's blue.
pub const PICKED: &str = "#e8590c";
/// Behind a cell's count: dark, so white digits read on any phase colour or tint.
pub const COUNT_PILL: &str = "rgba(29, 29, 31, 0.82)";
