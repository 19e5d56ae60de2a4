//! The trend chart: a line per series of a [`TrendReport`] over its periods, with a legend;
//! the last period's segment dashed when the data stops part way through it, the moving
//! average as a thinner line and the previous periods (a comparison) as a dashed, lighter
//! line of the same colour. [`layout`] places the periods as plain data; [`draw`] paints the
//! chart on any plotters backend and [`hit`] finds the period under the pointer.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::frame::{at, draw_legend, legend_rows, Frame, Key, Mark, TEXT_LINE};
use super::{message, mix, other, px, series_color, widest, FONT, INK, MUTED, OTHER, PAPER};
use crate::insight::{SeriesName, TrendReport, TrendSeries};
use crate::journey::Lang;
use crate::viewport::Rect;

mod dates;
mod table;

pub use dates::{month_name, period_name};
pub use table::table;

/// Where the periods of a trend chart are, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub plot: Rect,
    /// The y axis's grid values from 0; the last is the top of the plot.
    pub ticks: Vec<f64>,
    /// The x of each period's point, at the middle of its share of the width.
    pub xs: Vec<f64>,
    /// Each period's share of the width.
    pub slot: f64,
}

/// Lines of text under the plot: the period, and the year (or day) where it changes.
const LABEL_LINES: usize = 2;

/// Nothing to draw: no periods or no series.
pub fn is_empty(report: &TrendReport) -> bool {
    report.periods.is_empty() || report.series.is_empty()
}

/// Drawn instead of an empty trend.
pub fn empty_message(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No events in this range: choose other events or dates.",
        Lang::It => "Nessun evento in questo intervallo: scegli altri eventi o altre date.",
    }
}

/// A series as the legend and the table name it.
pub fn series_name(name: &SeriesName, lang: Lang) -> String {
    match (name, lang) {
        (SeriesName::All, Lang::En) => "All events".into(),
        (SeriesName::All, Lang::It) => "Tutti gli eventi".into(),
        (SeriesName::Event(n) | SeriesName::Value(n), _) => n.clone(),
        (SeriesName::Other, _) => other(lang).into(),
    }
}

/// The colour of the `i`th series: grey for "other".
pub fn color_of(report: &TrendReport, i: usize) -> RGBColor {
    match report.series.get(i).map(|s| &s.name) {
        Some(SeriesName::Other) => OTHER,
        _ => series_color(i),
    }
}

/// The colour of the previous periods' line.
fn lighter(color: RGBColor) -> RGBColor {
    mix(color, PAPER, 0.55)
}

/// The incomplete last period gets a dashed segment only when there is a segment.
fn dashed_end(report: &TrendReport) -> bool {
    report.last_period_incomplete && report.periods.len() >= 2
}

fn legend_keys(report: &TrendReport, lang: Lang) -> Vec<Key> {
    let mut keys: Vec<Key> = report
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| Key {
            label: series_name(&s.name, lang),
            color: color_of(report, i),
            mark: Mark::Line,
        })
        .collect();
    let any = |f: fn(&TrendSeries) -> bool| report.series.iter().any(f);
    let (previous, average, incomplete) = match lang {
        Lang::En => ("Previous period", "Moving average", "Incomplete period"),
        Lang::It => ("Periodo precedente", "Media mobile", "Periodo incompleto"),
    };
    if any(|s| s.previous.is_some()) {
        keys.push(Key {
            label: previous.into(),
            color: lighter(MUTED),
            mark: Mark::Dashed,
        });
    }
    if any(|s| s.moving_average.is_some()) {
        keys.push(Key {
            label: average.into(),
            color: MUTED,
            mark: Mark::Thin,
        });
    }
    if dashed_end(report) {
        keys.push(Key {
            label: incomplete.into(),
            color: MUTED,
            mark: Mark::Dashed,
        });
    }
    keys
}

/// The largest value drawn: of the series, their averages and previous periods.
fn max_value(report: &TrendReport) -> f64 {
    let mut max = 0.0f64;
    for s in &report.series {
        let previous = s.previous.iter().flatten();
        let averages = s.moving_average.iter().flatten().flatten();
        max = s
            .values
            .iter()
            .chain(previous)
            .chain(averages)
            .fold(max, |m, v| m.max(*v));
    }
    max
}

/// The periods of `report` on a chart `size` CSS pixels big, or `None` when there is
/// nothing to draw or no room for it.
pub fn layout(report: &TrendReport, (width, height): (f64, f64)) -> Option<Layout> {
    if is_empty(report) {
        return None;
    }
    let keys = legend_keys(report, Lang::En).len();
    let frame = Frame::new(
        (width, height),
        legend_rows(keys, width),
        LABEL_LINES,
        max_value(report),
    )?;
    let slot = frame.plot.width() / report.periods.len() as f64;
    let xs = (0..report.periods.len())
        .map(|i| frame.plot.min.x + slot * (i as f64 + 0.5))
        .collect();
    Some(Layout {
        plot: frame.plot,
        ticks: frame.ticks,
        xs,
        slot,
    })
}

/// The period under the pointer at `(x, y)` on a chart `size` CSS pixels big: the one whose
/// share of the plot's width holds `x`, anywhere in the plot's height.
pub fn hit(report: &TrendReport, (width, height): (u32, u32), (x, y): (f64, f64)) -> Option<usize> {
    let layout = layout(report, (f64::from(width), f64::from(height)))?;
    let plot = layout.plot;
    if !(plot.min.x..plot.max.x).contains(&x) || !(plot.min.y..=plot.max.y).contains(&y) {
        return None;
    }
    Some((((x - plot.min.x) / layout.slot) as usize).min(layout.xs.len() - 1))
}

/// Draws the trend to fill `area`: a legend, the y axis of counts, a line per series with
/// its moving average and previous periods, and the periods along x, labelled as far as
/// they fit. An empty report draws a message instead. `scale` is the device pixel ratio
/// (1.0 for SVG); every size is in CSS pixels times `scale`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &TrendReport,
    lang: Lang,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&PAPER)?;
    let (width, height) = area.dim_in_pixel();
    if is_empty(report) {
        return message(area, empty_message(lang), px(8.0, scale), scale);
    }
    // Too small to hold a plot (a collapsed panel): nothing.
    let Some(layout) = layout(
        report,
        (f64::from(width) / scale, f64::from(height) / scale),
    ) else {
        return Ok(());
    };
    draw_legend(area, &legend_keys(report, lang), scale)?;
    let frame = Frame {
        plot: layout.plot,
        ticks: layout.ticks.clone(),
    };
    frame.draw(area, lang, scale)?;
    let point = |i: usize, v: f64| (at(layout.xs[i], scale), at(frame.y(v), scale));
    let dashed = |points: Vec<(i32, i32)>, style: ShapeStyle| {
        DashedPathElement::new(points, px(6.0, scale), px(4.0, scale), style)
    };
    for (k, s) in report.series.iter().enumerate() {
        let color = color_of(report, k);
        if let Some(previous) = &s.previous {
            let points = previous
                .iter()
                .enumerate()
                .map(|(i, v)| point(i, *v))
                .collect();
            area.draw(&dashed(points, lighter(color).stroke_width(px(2.0, scale))))?;
        }
        // The average starts once there are enough periods: a line through each run of values.
        let averages = s.moving_average.iter().flatten().enumerate();
        let runs = averages.fold(
            vec![Vec::new()],
            |mut runs: Vec<Vec<(i32, i32)>>, (i, v)| {
                match v {
                    Some(v) => runs.last_mut().expect("one run").push(point(i, *v)),
                    None => runs.push(Vec::new()),
                }
                runs
            },
        );
        for run in runs.into_iter().filter(|r| r.len() >= 2) {
            area.draw(&PathElement::new(run, color.stroke_width(px(1.0, scale))))?;
        }
        let points: Vec<(i32, i32)> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| point(i, *v))
            .collect();
        let style = color.stroke_width(px(2.0, scale));
        if points.len() == 1 {
            area.draw(&Circle::new(points[0], px(3.0, scale), color.filled()))?;
        } else if dashed_end(report) {
            let last = points.len() - 1;
            if last >= 2 {
                area.draw(&PathElement::new(points[..last].to_vec(), style))?;
            }
            area.draw(&dashed(points[last - 1..].to_vec(), style))?;
        } else {
            area.draw(&PathElement::new(points, style))?;
        }
    }
    periods(area, report, &layout, lang, scale)
}

/// The periods under the plot, every `n`th so that labels do not touch; the second line
/// (year, or day for hours) where it changes.
fn periods<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &TrendReport,
    layout: &Layout,
    lang: Lang,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = (FONT, 12.0 * scale)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let second_font = font.color(&MUTED);
    let labels: Vec<(String, String)> = report
        .periods
        .iter()
        .map(|&ms| dates::axis_label(report.interval, ms, lang))
        .collect();
    let firsts: Vec<String> = labels.iter().map(|l| l.0.clone()).collect();
    let every = ((f64::from(widest(area, &firsts, &font)?) / scale + 10.0) / layout.slot)
        .ceil()
        .max(1.0) as usize;
    let base = at(layout.plot.max.y, scale);
    let mut shown: Option<&str> = None;
    for (i, (first, second)) in labels.iter().enumerate().step_by(every) {
        let x = at(layout.xs[i], scale);
        area.draw(&PathElement::new(
            [(x, base), (x, base + at(4.0, scale))],
            MUTED.stroke_width(px(1.0, scale)),
        ))?;
        area.draw_text(first, &font, (x, base + at(6.0, scale)))?;
        if shown != Some(second.as_str()) {
            area.draw_text(second, &second_font, (x, base + at(6.0 + TEXT_LINE, scale)))?;
            shown = Some(second);
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "trend_tests.rs"]
mod tests;
