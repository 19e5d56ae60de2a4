//! Charts, drawn with plotters. Every chart is generic over plotters' `DrawingBackend`, so
//! the same function paints the browser's canvas (plotters-canvas, in the app) and an SVG
//! string (in native tests and the CLI). Each chart has a pure data function, tested on its
//! own, and a `draw` that only lays that data out.
//!
//! Sizes are given in CSS pixels and multiplied by a `scale` (the device pixel ratio), since
//! canvases are sized in device pixels. The funnel and trend charts place their plot with
//! fixed margins rather than measured text (`frame`), so that a pure function of the
//! report and the canvas size says which bar or period is under the pointer.

pub mod emotion;
mod frame;
pub mod funnel;
#[cfg(test)]
mod test_svg;
pub mod tooltip;
pub mod trend;

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::journey::Lang;
use crate::scene::wrap;

/// A chart as an SVG document `size` CSS pixels big, drawn by `paint` (at scale 1).
pub fn svg(size: (u32, u32), paint: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), String>) -> Result<String, String> {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        paint(&area)?;
        area.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

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

/// Colours of the series of a chart, in order: the app's accent first, then distinct hues
/// dark enough to see on white. The legend, the tooltip and the data table name each
/// series, so colour is never the only way to tell them apart.
const SERIES: [RGBColor; 8] = [
    RGBColor(0x1e, 0x63, 0xd6),
    RGBColor(0xd1, 0x49, 0x5b),
    RGBColor(0x00, 0x79, 0x8c),
    RGBColor(0xc2, 0x6a, 0x00),
    RGBColor(0x7b, 0x2c, 0xbf),
    RGBColor(0x2a, 0x9d, 0x8f),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0xc2, 0x18, 0x5b),
];

/// The colour of "other": the values beyond the top ones.
pub const OTHER: RGBColor = RGBColor(0x8a, 0x8a, 0x90);

/// The colour of the `i`th series (they repeat after eight).
pub fn series_color(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// "Other" in the reader's language.
pub fn other(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Other",
        Lang::It => "Altro",
    }
}

/// `value` with `decimals` decimals and, when `grouped`, thousands separators, in the
/// language's style: "1,234.5" in English, "1.234,5" in Italian.
fn number_with(value: f64, decimals: usize, grouped: bool, lang: Lang) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (thousands, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::It => ('.', ','),
    };
    let mut out = String::new();
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if grouped && i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out += fraction;
    }
    out
}

/// Whole numbers as they are, others with up to two decimals.
fn decimals_of(value: f64) -> usize {
    let cents = format!("{:.2}", value.fract().abs());
    match cents.trim_end_matches('0').len() {
        0..=2 => 0, // "0." or "1.": a whole number once rounded
        3 => 1,
        _ => 2,
    }
}

/// A count or average for a label: "12,345", "3.5" ("12.345", "3,5" in Italian).
pub fn number(value: f64, lang: Lang) -> String {
    number_with(value, decimals_of(value), true, lang)
}

/// The same without thousands separators, for tables that a spreadsheet reads back.
pub fn plain_number(value: f64, lang: Lang) -> String {
    number_with(value, decimals_of(value), false, lang)
}

/// A share as a percentage with one decimal: "45.2%" ("45,2%" in Italian).
pub fn percent(share: f64, lang: Lang) -> String {
    format!("{}%", number_with(share * 100.0, 1, false, lang))
}

/// An axis tick: "900", "1,500", "25k", "1.5M".
pub fn compact(value: f64, lang: Lang) -> String {
    match value.abs() {
        v if v >= 1e6 => format!("{}M", number(value / 1e6, lang)),
        v if v >= 1e4 => format!("{}k", number(value / 1e3, lang)),
        _ => number(value, lang),
    }
}

/// A duration in its largest whole unit, one decimal under ten: "45 s", "12 min", "1.5 h",
/// "3 d" ("3 g", giorni, in Italian).
pub fn duration(ms: f64, lang: Lang) -> String {
    const UNITS: [(f64, &str, &str); 4] = [
        (86_400_000.0, "d", "g"),
        (3_600_000.0, "h", "h"),
        (60_000.0, "min", "min"),
        (1000.0, "s", "s"),
    ];
    let ms = ms.max(0.0);
    let (size, en, it) = UNITS
        .into_iter()
        .find(|(size, ..)| ms >= *size)
        .unwrap_or(UNITS[3]);
    let n = ms / size;
    let decimals = usize::from(n < 9.95 && (n - n.round()).abs() >= 0.05);
    let unit = if lang == Lang::It { it } else { en };
    format!("{} {unit}", number_with(n, decimals, true, lang))
}

/// A table as CSV, every field [`formula_safe`](crate::checklist::formula_safe). Italian
/// spreadsheets expect `;` as the delimiter, English ones `,`.
pub fn csv(headers: &[String], rows: &[Vec<String>], delimiter: u8) -> String {
    let mut out = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(Vec::new());
    for record in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        // Writing to a Vec cannot fail.
        out.write_record(
            record
                .iter()
                .map(|f| crate::checklist::formula_safe(f).into_owned()),
        )
        .expect("writing to memory");
    }
    String::from_utf8(out.into_inner().expect("writing to memory")).expect("fields are UTF-8")
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
