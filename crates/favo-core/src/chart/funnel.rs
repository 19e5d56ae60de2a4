//! The funnel chart: the users at each step of a [`FunnelReport`] as vertical bars in the
//! report's step order (never sorted by size), each with a lighter part above it for the
//! users lost since the previous step, and a bar per value, side by side, when the report is
//! broken down. [`layout`] places the bars as plain data; [`draw`] paints them on any
//! plotters backend and [`hit`] finds the bar under the pointer, from the same layout.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

use super::frame::{at, draw_legend, legend_rows, Frame, Key, Mark, TEXT_LINE};
use super::{
    fit, message, mix, number, other, percent, px, series_color, FONT, INK, MUTED, OTHER, PAPER,
};
use crate::insight::FunnelReport;
use crate::journey::Lang;
use crate::viewport::{Point, Rect};

mod histogram;
mod table;

pub use histogram::{draw_histogram, histogram_title};
pub use table::table;

/// Behind the bars and labels of the highlighted step.
const HIGHLIGHT: RGBColor = RGBColor(0xe3, 0xec, 0xfa);

/// Which conversion the labels under the bars give.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// The share of step 1's users.
    #[default]
    FromStart,
    /// The share of the previous step's users.
    FromPrevious,
}

/// How to show a funnel; what it shows is the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelView {
    pub base: Base,
    /// A step picked on the map or in the chart: a band behind its bars.
    pub highlight: Option<usize>,
}

/// One bar: a step's users, or one breakdown value's users at a step. CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub step: usize,
    /// The breakdown value, as an index into `report.breakdown.values`; `None` without one.
    pub value: Option<usize>,
    pub users: u64,
    /// Users of the previous step (of the same value) who did not get here: 0 at step 1,
    /// and when a step has more users than the one before (pre-aggregated counts can).
    pub dropped: u64,
    /// The users, from the base line up; no height for no users.
    pub bar: Rect,
    /// The users dropped, right above the bar; `None` when nobody dropped.
    pub dropped_bar: Option<Rect>,
}

/// Where everything of a funnel chart is, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub plot: Rect,
    /// The y axis's grid values from 0; the last is the top of the plot.
    pub ticks: Vec<f64>,
    /// Each step's share of the width, `(from, to)`, in step order; its labels are under it.
    pub slots: Vec<(f64, f64)>,
    /// Step by step, and value by value within a step.
    pub bars: Vec<Bar>,
}

/// The bar under the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub step: usize,
    /// The breakdown value's index, as in [`Bar::value`].
    pub value: Option<usize>,
}

/// Lines of text under each step: its name, users and conversion.
const LABEL_LINES: usize = 3;

/// Nothing to draw: no steps, or nobody at step 1.
pub fn is_empty(report: &FunnelReport) -> bool {
    report.steps.first().is_none_or(|s| s.users == 0)
}

/// Drawn instead of an empty funnel.
pub fn empty_message(report: &FunnelReport, lang: Lang) -> String {
    match (report.steps.first(), lang) {
        (None, Lang::En) => {
            "Choose the steps of the funnel to see how many users reach each one.".into()
        }
        (None, Lang::It) => {
            "Scegli i passi del funnel per vedere quanti utenti arrivano a ciascuno.".into()
        }
        (Some(s), Lang::En) => format!(
            "Nobody did the first step, “{}”, in this data: check the event's name.",
            s.event
        ),
        (Some(s), Lang::It) => format!(
            "Nessuno ha fatto il primo passo, «{}», in questi dati: controlla il nome dell'evento.",
            s.event
        ),
    }
}

/// The users per step of each series: one series without a breakdown, one per value with.
fn series(report: &FunnelReport) -> Vec<(Option<usize>, Vec<u64>)> {
    let n = report.steps.len();
    match report.breakdown.as_ref().filter(|b| !b.values.is_empty()) {
        Some(b) => b
            .values
            .iter()
            .enumerate()
            .map(|(j, v)| {
                (
                    Some(j),
                    (0..n)
                        .map(|i| v.users.get(i).copied().unwrap_or(0))
                        .collect(),
                )
            })
            .collect(),
        None => vec![(None, report.steps.iter().map(|s| s.users).collect())],
    }
}

/// The colour of a bar: the first series colour without a breakdown, one per value with,
/// grey for "other".
pub fn color_of(report: &FunnelReport, value: Option<usize>) -> RGBColor {
    let values = report.breakdown.as_ref().map_or(&[][..], |b| &b.values[..]);
    match value.and_then(|j| values.get(j).map(|v| (j, v))) {
        Some((_, v)) if v.value.is_none() => OTHER,
        Some((j, _)) => series_color(j),
        None => series_color(0),
    }
}

/// The colour of the dropped part above a bar of `color`.
fn lighter(color: RGBColor) -> RGBColor {
    mix(color, PAPER, 0.7)
}

fn legend_keys(report: &FunnelReport, lang: Lang) -> Vec<Key> {
    let dropped = match lang {
        Lang::En => "Dropped since the previous step",
        Lang::It => "Persi dal passo precedente",
    };
    let values = report.breakdown.as_ref().map_or(&[][..], |b| &b.values[..]);
    let mut keys: Vec<Key> = if values.is_empty() {
        let users = if lang == Lang::En { "Users" } else { "Utenti" };
        vec![Key {
            label: users.into(),
            color: series_color(0),
            mark: Mark::Swatch,
        }]
    } else {
        let label = |v: &Option<String>| v.clone().unwrap_or_else(|| other(lang).into());
        values
            .iter()
            .enumerate()
            .map(|(j, v)| Key {
                label: label(&v.value),
                color: color_of(report, Some(j)),
                mark: Mark::Swatch,
            })
            .collect()
    };
    let first = if values.is_empty() {
        series_color(0)
    } else {
        MUTED
    };
    keys.push(Key {
        label: dropped.into(),
        color: lighter(first),
        mark: Mark::Swatch,
    });
    keys
}

/// The bars of `report` on a chart `size` CSS pixels big, or `None` when there is nothing
/// to draw or no room for it.
pub fn layout(report: &FunnelReport, (width, height): (f64, f64)) -> Option<Layout> {
    if is_empty(report) {
        return None;
    }
    let series = series(report);
    let max = series
        .iter()
        .flat_map(|(_, users)| users.iter().copied())
        .max()
        .unwrap_or(0);
    let keys = legend_keys(report, Lang::En).len();
    let frame = Frame::new(
        (width, height),
        legend_rows(keys, width),
        LABEL_LINES,
        max as f64,
    )?;
    let plot = frame.plot;
    let n = report.steps.len();
    let slot = plot.width() / n as f64;
    let k = series.len() as f64;
    let group = (slot * 0.7).min(72.0 * k);
    let bar_width = group / k;
    let slots: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            (
                plot.min.x + slot * i as f64,
                plot.min.x + slot * (i + 1) as f64,
            )
        })
        .collect();
    let mut bars = Vec::with_capacity(n * series.len());
    for (i, &(from, _)) in slots.iter().enumerate() {
        let left = from + (slot - group) / 2.0;
        for (j, (value, users)) in series.iter().enumerate() {
            let x0 = left + bar_width * j as f64;
            let x1 = x0 + bar_width;
            let (now, before) = (users[i], if i == 0 { users[0] } else { users[i - 1] });
            let top = frame.y(now as f64);
            let dropped = before.saturating_sub(now);
            bars.push(Bar {
                step: i,
                value: *value,
                users: now,
                dropped,
                bar: Rect {
                    min: Point::new(x0, top),
                    max: Point::new(x1, plot.max.y),
                },
                dropped_bar: (dropped > 0).then(|| Rect {
                    min: Point::new(x0, frame.y(before as f64)),
                    max: Point::new(x1, top),
                }),
            });
        }
    }
    Some(Layout {
        plot,
        ticks: frame.ticks,
        slots,
        bars,
    })
}

/// The bar under the pointer at `(x, y)` on a chart `size` CSS pixels big: anywhere in the
/// plot's height over a bar's width, so that short bars are easy to point at.
pub fn hit(report: &FunnelReport, (width, height): (u32, u32), (x, y): (f64, f64)) -> Option<Hit> {
    let layout = layout(report, (f64::from(width), f64::from(height)))?;
    if !(layout.plot.min.y..=layout.plot.max.y).contains(&y) {
        return None;
    }
    layout
        .bars
        .iter()
        .find(|b| b.bar.min.x <= x && x < b.bar.max.x)
        .map(|b| Hit {
            step: b.step,
            value: b.value,
        })
}

fn fill<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: Rect,
    color: RGBColor,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let corners = [
        (at(r.min.x, scale), at(r.min.y, scale)),
        (at(r.max.x, scale), at(r.max.y, scale)),
    ];
    area.draw(&Rectangle::new(corners, color.filled()))
}

/// The funnel, with the time-to-convert histogram under it when the report has one: what
/// `favo render funnel` and the embedded chart draw.
pub fn draw_with_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &FunnelReport,
    view: &FunnelView,
    lang: Lang,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if report.time_to_convert.is_none() {
        return draw(area, report, view, lang, scale);
    }
    let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 * 3 / 5);
    draw(&top, report, view, lang, scale)?;
    draw_histogram(&bottom, report, lang, scale)
}

/// Draws the funnel to fill `area`: a legend, the y axis of users, the bars and, under each
/// step, its name (shortened to fit), users and conversion (from step 1 or from the
/// previous step, as `view` says). An empty report draws a message instead. `scale` is the
/// device pixel ratio (1.0 for SVG); every size is in CSS pixels times `scale`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &FunnelReport,
    view: &FunnelView,
    lang: Lang,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&PAPER)?;
    let (width, height) = area.dim_in_pixel();
    if is_empty(report) {
        return message(area, &empty_message(report, lang), px(8.0, scale), scale);
    }
    // Too small to hold a plot (a collapsed panel): nothing.
    let Some(layout) = layout(
        report,
        (f64::from(width) / scale, f64::from(height) / scale),
    ) else {
        return Ok(());
    };
    draw_legend(area, &legend_keys(report, lang), scale)?;
    Frame {
        plot: layout.plot,
        ticks: layout.ticks.clone(),
    }
    .draw(area, lang, scale)?;
    if let Some(&(from, to)) = view.highlight.and_then(|i| layout.slots.get(i)) {
        let bottom = f64::from(height) / scale;
        fill(area, Rect::from_corners(Point::new(from, layout.plot.min.y), Point::new(to, bottom)), HIGHLIGHT, scale)?;
    }
    for bar in &layout.bars {
        let color = color_of(report, bar.value);
        if let Some(dropped) = bar.dropped_bar {
            fill(area, dropped, lighter(color), scale)?;
        }
        if bar.users > 0 {
            fill(area, bar.bar, color, scale)?;
        }
    }
    labels(area, report, view, &layout, lang, scale)
}

/// Under each step: its name, users and conversion; numbers that do not fit are left out
/// and names shortened, or the steps numbered when even "Www…" does not fit.
fn labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &FunnelReport,
    view: &FunnelView,
    layout: &Layout,
    lang: Lang,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = |color: &RGBColor| {
        (FONT, 12.0 * scale)
            .into_font()
            .color(color)
            .pos(Pos::new(HPos::Center, VPos::Top))
    };
    let (name_font, number_font) = (font(&INK), font(&MUTED));
    let room = |(from, to): (f64, f64)| at(to - from - 4.0, scale).max(0) as u32;
    let numbered = layout.slots.first().is_some_and(|&s| {
        room(s)
            < area
                .estimate_text_size("Www…", &name_font)
                .map_or(0, |(w, _)| w)
    });
    let top = layout.plot.max.y + 6.0;
    for (i, (step, &slot)) in report.steps.iter().zip(&layout.slots).enumerate() {
        let x = at((slot.0 + slot.1) / 2.0, scale);
        let line = |k: usize| at(top + k as f64 * TEXT_LINE, scale);
        let name = if numbered {
            (i + 1).to_string()
        } else {
            fit(area, &step.event, room(slot), &name_font)?
        };
        area.draw_text(&name, &name_font, (x, line(0)))?;
        let share = match view.base {
            Base::FromStart => step.conversion_from_start,
            Base::FromPrevious => step.conversion_from_previous,
        };
        for (k, text) in [
            (1, number(step.users as f64, lang)),
            (2, percent(share, lang)),
        ] {
            if area.estimate_text_size(&text, &number_font)?.0 <= room(slot) {
                area.draw_text(&text, &number_font, (x, line(k)))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "funnel_tests.rs"]
mod tests;
