//! Charts, drawn with plotters. Every chart is generic over plotters' `DrawingBackend`, so
//! the same function paints the browser's canvas (plotters-canvas, in the app) and an SVG
//! string (in native tests and the CLI). Each chart has a pure data function, tested on its
//! own, and a `draw` that only lays that data out.
//!
//! Sizes are given in CSS pixels and multiplied by a `scale` (the device pixel ratio), since
//! canvases are sized in device pixels.

pub mod emotion;

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::scene::wrap;

/// Text, axes and grid: the app's light theme (`style/favo.css`).
pub(crate) const INK: RGBColor = RGBColor(0x1d, 0x1d, 0x1f);
pub(crate) const MUTED: RGBColor = RGBColor(0x5b, 0x5b, 0x60);
pub(crate) const LINE: RGBColor = RGBColor(0xd9, 0xd7, 0xd0);
pub(crate) const PAPER: RGBColor = RGBColor(0xff, 0xff, 0xff);
pub(crate) const FONT: &str = "sans-serif";

/// A `#rrggbb` colour (the form the journey stores), or `None` for anything else.
pub fn rgb(hex: &str) -> Option<RGBColor> {
    if !crate::journey::is_hex_color(hex) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(RGBColor(channel(1)?, channel(3)?, channel(5)?))
}

/// `color` moved `amount` (0 = unchanged, 1 = `toward`) toward another colour.
pub fn mix(color: RGBColor, toward: RGBColor, amount: f64) -> RGBColor {
    let t = amount.clamp(0.0, 1.0);
    let blend = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(
        blend(color.0, toward.0),
        blend(color.1, toward.1),
        blend(color.2, toward.2),
    )
}

/// `text` cut to at most `max_chars` characters, ending with an ellipsis when cut. For axis
/// labels: the data keeps the whole text.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// An axis of `f64` whose grid lines and labels sit exactly at `ticks`. Plotters'
/// `WithKeyPoints` does the same but, over `f64`, cannot take a label formatter.
pub(crate) struct Ticks {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ticks {
    pub(crate) fn new(range: Range<f64>, ticks: impl IntoIterator<Item = f64>) -> Ticks {
        Ticks {
            inner: range.into(),
            ticks: ticks.into_iter().collect(),
        }
    }
}

impl Ranged for Ticks {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

/// A length in CSS pixels as whole device pixels, never zero.
pub(crate) fn px(css: f64, scale: f64) -> u32 {
    (css * scale).round().max(1.0) as u32
}

/// `text` wrapped and centred in the area below `top`.
pub(crate) fn message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    top: u32,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, height) = area.dim_in_pixel();
    let font = (FONT, 13.0 * scale)
        .into_font()
        .color(&MUTED)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let measure = |s: &str| {
        area.estimate_text_size(s, &font)
            .map_or(0.0, |(w, _)| f64::from(w))
    };
    let lines = wrap(
        text,
        f64::from(width.saturating_sub(2 * px(8.0, scale))),
        4,
        &measure,
    );
    let line_height = area.estimate_text_size("Hg", &font)?.1 * 13 / 10;
    let block = line_height * lines.len() as u32;
    let mut y = (top + height.saturating_sub(top).saturating_sub(block) / 2) as i32;
    for line in &lines {
        area.draw_text(line, &font, (width as i32 / 2, y))?;
        y += line_height as i32;
    }
    Ok(())
}

/// `text` shortened with an ellipsis until it is at most `max_width` wide.
pub(crate) fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    max_width: u32,
    font: &TextStyle,
) -> Result<String, DrawingAreaErrorKind<DB::ErrorType>> {
    let full = area.estimate_text_size(text, font)?.0;
    if full <= max_width {
        return Ok(text.to_string());
    }
    // Start from a proportional guess: measuring in a browser costs a layout each time.
    let count = text.chars().count();
    let mut keep = count * max_width as usize / full.max(1) as usize;
    loop {
        let short = shorten(text, keep);
        if keep <= 1 || area.estimate_text_size(&short, font)?.0 <= max_width {
            return Ok(short);
        }
        keep -= 1;
    }
}

/// The width of the widest of `texts`.
pub(crate) fn widest<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    texts: &[String],
    font: &TextStyle,
) -> Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    texts
        .iter()
        .try_fold(0, |max, t| Ok(max.max(area.estimate_text_size(t, font)?.0)))
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
