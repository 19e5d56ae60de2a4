//! How long users took between two steps of a funnel: a bar per range of durations of the
//! report's `time_to_convert`, with the users of each range above it and the ranges' edges
//! under the axis as people say them ("2 h", "3 d").

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::super::frame::{at, Frame, LEGEND_ROW};
use super::super::{
    duration, fit, message, number, px, series_color, widest, FONT, INK, MUTED, PAPER,
};
use super::fill;
use crate::insight::FunnelReport;
use crate::journey::Lang;
use crate::viewport::{Point, Rect};

/// "Time from step 1, “visit”, to step 3, “buy”", or `None` when the report has no histogram.
pub fn histogram_title(report: &FunnelReport, lang: Lang) -> Option<String> {
    let t = report.time_to_convert.as_ref()?;
    let name = |n: usize| {
        report
            .steps
            .get(n.wrapping_sub(1))
            .map_or(String::new(), |s| s.event.clone())
    };
    Some(match lang {
        Lang::En => format!(
            "Time from step {}, “{}”, to step {}, “{}”",
            t.from_step,
            name(t.from_step),
            t.to_step,
            name(t.to_step)
        ),
        Lang::It => format!(
            "Tempo dal passo {}, «{}», al passo {}, «{}»",
            t.from_step,
            name(t.from_step),
            t.to_step,
            name(t.to_step)
        ),
    })
}

fn empty_message(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Nobody went from the first of these steps to the second: no times to show.",
        Lang::It => {
            "Nessuno è passato dal primo di questi passi al secondo: nessun tempo da mostrare."
        }
    }
}

/// Draws the time-to-convert histogram to fill `area`: a title naming the two steps, the
/// y axis of users, a bar per range with its users above it and durations at the ranges'
/// edges. A report without times, or where nobody converted, draws a message instead.
pub fn draw_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &FunnelReport,
    lang: Lang,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&PAPER)?;
    let (width, height) = area.dim_in_pixel();
    let pad = px(8.0, scale);
    let title_font = (FONT, 13.0 * scale)
        .into_font()
        .style(FontStyle::Bold)
        .color(&INK);
    let title = histogram_title(report, lang).unwrap_or_default();
    area.draw_text(
        &fit(area, &title, width.saturating_sub(2 * pad), &title_font)?,
        &title_font,
        (pad as i32, pad as i32),
    )?;
    let bins = report
        .time_to_convert
        .as_ref()
        .map_or(&[][..], |t| &t.bins[..]);
    if bins.iter().all(|b| b.users == 0) {
        return message(
            area,
            empty_message(lang),
            px(8.0 + LEGEND_ROW, scale),
            scale,
        );
    }
    let max = bins.iter().map(|b| b.users).max().unwrap_or(0) as f64;
    let Some(frame) = Frame::new(
        (f64::from(width) / scale, f64::from(height) / scale),
        1,
        1,
        max,
    ) else {
        return Ok(());
    };
    frame.draw(area, lang, scale)?;
    let plot = frame.plot;
    let slot = plot.width() / bins.len() as f64;
    let above = (FONT, 11.0 * scale)
        .into_font()
        .color(&MUTED)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    for (i, bin) in bins.iter().enumerate() {
        let (x0, x1) = (
            plot.min.x + slot * i as f64 + 0.5,
            plot.min.x + slot * (i + 1) as f64 - 0.5,
        );
        let top = frame.y(bin.users as f64);
        if bin.users > 0 {
            fill(
                area,
                Rect {
                    min: Point::new(x0, top),
                    max: Point::new(x1, plot.max.y),
                },
                series_color(0),
                scale,
            )?;
        }
        let count = number(bin.users as f64, lang);
        if area.estimate_text_size(&count, &above)?.0 <= at(x1 - x0, scale).max(0) as u32 {
            area.draw_text(
                &count,
                &above,
                (at((x0 + x1) / 2.0, scale), at(top - 2.0, scale)),
            )?;
        }
    }
    // The edges, as many as fit side by side.
    let edges: Vec<String> = bins
        .iter()
        .map(|b| b.from_ms)
        .chain(bins.last().map(|b| b.to_ms))
        .map(|ms| duration(ms as f64, lang))
        .collect();
    let font = (FONT, 12.0 * scale)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let widest = widest(area, &edges, &font)?;
    let every = ((f64::from(widest) / scale + 10.0) / slot).ceil().max(1.0) as usize;
    for (i, edge) in edges.iter().enumerate().step_by(every) {
        let x = at(plot.min.x + slot * i as f64, scale);
        let y = at(plot.max.y, scale);
        area.draw(&PathElement::new(
            [(x, y), (x, y + at(4.0, scale))],
            MUTED.stroke_width(px(1.0, scale)),
        ))?;
        // The last edge is at the chart's right margin: its label ends there.
        let font = if i == bins.len() {
            font.pos(Pos::new(HPos::Right, VPos::Top))
        } else {
            font.clone()
        };
        area.draw_text(edge, &font, (x, y + at(6.0, scale)))?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "histogram_tests.rs"]
mod tests;
