//! What the funnel and trend charts share: the plot's frame with its y axis of counts, and
//! the legend along the top. Both are placed with fixed margins and counted rows, never
//! measured text, so that the plot is in the same place in the browser, in SVG and in the
//! charts' pure `hit` functions.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{compact, fit, px, FONT, INK, LINE, MUTED};
use crate::journey::Lang;
use crate::viewport::{Point, Rect};

/// Margins of the bar and line charts, in CSS pixels.
pub(crate) const PAD: f64 = 8.0;
/// The column of y-axis labels left of the plot (they are [`compact`], so short).
const AXIS: f64 = 44.0;
/// A line of 12 px text under the plot.
pub(crate) const TEXT_LINE: f64 = 15.0;
/// A row of the legend.
pub(crate) const LEGEND_ROW: f64 = 20.0;
/// The least room a legend entry gets before the legend takes another row.
const LEGEND_CELL: f64 = 150.0;

/// A device coordinate from a CSS one.
pub(crate) fn at(css: f64, scale: f64) -> i32 {
    (css * scale).round() as i32
}

/// Where a bar or line chart plots, in CSS pixels, and its y axis: counts from zero. Fixed
/// margins, never measured text, so it is the same in the browser, in SVG and in `hit`.
pub(crate) struct Frame {
    pub plot: Rect,
    /// Grid values from 0; the last is the top of the plot.
    pub ticks: Vec<f64>,
}

impl Frame {
    /// The frame of a chart `size` big with `legend_rows` above the plot and `label_lines`
    /// of text below, up to `max`; `None` when the plot would be too small to read.
    pub(crate) fn new(
        (width, height): (f64, f64),
        legend_rows: usize,
        label_lines: usize,
        max: f64,
    ) -> Option<Frame> {
        let min = Point::new(PAD + AXIS, PAD + legend_rows as f64 * LEGEND_ROW + 8.0);
        let max_corner = Point::new(
            width - PAD,
            height - PAD - label_lines as f64 * TEXT_LINE - 6.0,
        );
        let plot = Rect {
            min,
            max: max_corner,
        };
        if plot.width() < 40.0 || plot.height() < 40.0 {
            return None;
        }
        // About one grid line per 48 px, at 1, 2 or 5 times a power of ten.
        let wanted = (plot.height() / 48.0).floor().max(2.0);
        let raw = (max.max(1.0) / wanted).max(1.0);
        let power = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * power)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * power);
        let count = (max.max(1.0) / step).ceil() as usize;
        Some(Frame {
            plot,
            ticks: (0..=count).map(|i| i as f64 * step).collect(),
        })
    }

    /// The y of `value`.
    pub(crate) fn y(&self, value: f64) -> f64 {
        let top = self.ticks.last().copied().unwrap_or(1.0);
        self.plot.max.y - value / top * self.plot.height()
    }

    /// Grid lines and labels of the y axis, and the base line.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
        scale: f64,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let font = (FONT, 12.0 * scale)
            .into_font()
            .color(&MUTED)
            .pos(Pos::new(HPos::Right, VPos::Center));
        let (left, right) = (at(self.plot.min.x, scale), at(self.plot.max.x, scale));
        for &tick in &self.ticks {
            let y = at(self.y(tick), scale);
            let color = if tick == 0.0 { MUTED } else { LINE };
            area.draw(&PathElement::new(
                [(left, y), (right, y)],
                color.stroke_width(px(1.0, scale)),
            ))?;
            area.draw_text(&compact(tick, lang), &font, (left - at(6.0, scale), y))?;
        }
        Ok(())
    }
}

/// How a legend entry shows its series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    Swatch,
    Line,
    Thin,
    Dashed,
}

/// One legend entry.
pub(crate) struct Key {
    pub label: String,
    pub color: RGBColor,
    pub mark: Mark,
}

fn legend_per_row(width: f64) -> usize {
    ((width - 2.0 * PAD) / LEGEND_CELL).floor().max(1.0) as usize
}

/// How many rows `keys` legend entries take on a chart `width` wide: counted, not
/// measured, so that the plot below is where `hit` expects it.
pub(crate) fn legend_rows(keys: usize, width: f64) -> usize {
    keys.div_ceil(legend_per_row(width))
}

/// The legend along the top, [`legend_rows`] rows. An entry may take the room that the
/// entries before it in its row left, as long as each after it keeps a whole cell; labels
/// longer than that are shortened.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    keys: &[Key],
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let width = f64::from(area.dim_in_pixel().0) / scale;
    let per_row = legend_per_row(width);
    let cell = (width - 2.0 * PAD) / per_row as f64;
    let font = (FONT, 12.0 * scale)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (row, keys) in keys.chunks(per_row).enumerate() {
        let y = at(PAD + (row as f64 + 0.5) * LEGEND_ROW, scale);
        let mut x = at(PAD, scale);
        let end = at(PAD + cell * per_row as f64, scale);
        for (k, key) in keys.iter().enumerate() {
            let sample = at(18.0, scale);
            let line = [(x, y), (x + sample, y)];
            match key.mark {
                Mark::Swatch => area.draw(&Rectangle::new(
                    [
                        (x + at(3.0, scale), y - at(6.0, scale)),
                        (x + at(15.0, scale), y + at(6.0, scale)),
                    ],
                    key.color.filled(),
                ))?,
                Mark::Line => area.draw(&PathElement::new(
                    line,
                    key.color.stroke_width(px(2.0, scale)),
                ))?,
                Mark::Thin => area.draw(&PathElement::new(
                    line,
                    key.color.stroke_width(px(1.0, scale)),
                ))?,
                Mark::Dashed => area.draw(&DashedPathElement::new(
                    line,
                    px(5.0, scale),
                    px(3.0, scale),
                    key.color.stroke_width(px(2.0, scale)),
                ))?,
            }
            x += sample + at(6.0, scale);
            let after = at(cell * (keys.len() - k - 1) as f64 + 8.0, scale);
            let room = (end - x - after).max(0) as u32;
            let label = fit(area, &key.label, room, &font)?;
            area.draw_text(&label, &font, (x, y))?;
            x += area.estimate_text_size(&label, &font)?.0 as i32 + at(14.0, scale);
        }
    }
    Ok(())
}
