//! The persona emotion curve (DOMAIN.md): how a persona feels at each step of their path,
//! from −2 (very negative) to +2 (very positive), as it is today ("as-is", a solid line in
//! the persona's colour) and as it should be once the journey is improved ("to-be", dashed
//! and lighter). [`series`] is the data; [`draw`] lays it out on any plotters backend.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{fit, message, mix, px, rgb, widest, Ticks, FONT, INK, LINE, MUTED, PAPER};
use crate::journey::{Journey, Lang, Persona, EMOTION_RANGE};

/// Which curves to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Variant {
    AsIs,
    ToBe,
    #[default]
    Both,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::AsIs, Variant::ToBe, Variant::Both];

    /// A stable key, for form values.
    pub fn key(self) -> &'static str {
        match self {
            Variant::AsIs => "as_is",
            Variant::ToBe => "to_be",
            Variant::Both => "both",
        }
    }

    pub fn from_key(key: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.key() == key)
    }

    /// The name in the legend (and the switch): "As-is", "To-be", "Both".
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Variant::AsIs, Lang::En) => "As-is",
            (Variant::AsIs, Lang::It) => "Attuale",
            (Variant::ToBe, Lang::En) => "To-be",
            (Variant::ToBe, Lang::It) => "Desiderata",
            (Variant::Both, Lang::En) => "Both",
            (Variant::Both, Lang::It) => "Entrambe",
        }
    }

    pub fn shows_as_is(self) -> bool {
        self != Variant::ToBe
    }

    pub fn shows_to_be(self) -> bool {
        self != Variant::AsIs
    }
}

/// One step of the curve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepPoint {
    /// Position in [`Persona::path`]. Steps on removed cells are skipped, so it can jump.
    pub index: usize,
    /// The cell's label, whole (it is shortened only where it is drawn); may be empty.
    pub label: String,
    pub as_is: i8,
    pub to_be: i8,
    pub note: String,
}

/// A persona's emotion curve as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmotionSeries {
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    pub steps: Vec<StepPoint>,
}

/// The persona's path as a curve: one point per step whose cell is still on the map, in
/// order, with scores held to [`EMOTION_RANGE`].
pub fn series(journey: &Journey, persona: &Persona) -> EmotionSeries {
    let clamp = |score: i8| score.clamp(*EMOTION_RANGE.start(), *EMOTION_RANGE.end());
    let steps = persona
        .path
        .iter()
        .enumerate()
        .filter_map(|(index, step)| {
            let activity = journey.get(step.cell)?;
            Some(StepPoint {
                index,
                label: activity.label.clone(),
                as_is: clamp(step.as_is),
                to_be: clamp(step.to_be),
                note: step.note.clone(),
            })
        })
        .collect();
    EmotionSeries {
        name: persona.name.clone(),
        color: persona.color.clone(),
        steps,
    }
}

/// A score as a signed number with a real minus sign: "−2", "0", "+1".
pub fn signed(score: i8) -> String {
    match score {
        s if s < 0 => format!("−{}", s.unsigned_abs()),
        0 => "0".to_string(),
        s => format!("+{s}"),
    }
}

/// What a score means: "very negative" … "very positive" (an emotion, feminine in Italian).
pub fn mood(score: i8, lang: Lang) -> &'static str {
    match (score.clamp(-2, 2), lang) {
        (-2, Lang::En) => "very negative",
        (-2, Lang::It) => "molto negativa",
        (-1, Lang::En) => "negative",
        (-1, Lang::It) => "negativa",
        (0, Lang::En) => "neutral",
        (0, Lang::It) => "neutra",
        (1, Lang::En) => "positive",
        (1, Lang::It) => "positiva",
        (_, Lang::En) => "very positive",
        (_, Lang::It) => "molto positiva",
    }
}

/// A y-axis tick: "−2 very negative".
pub fn tick_label(score: i8, lang: Lang) -> String {
    format!("{} {}", signed(score), mood(score, lang))
}

/// Drawn instead of an empty plot.
pub fn empty_message(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No path yet: use Path mode and click cells in order.",
        Lang::It => {
            "Ancora nessun percorso: usa la Modalità percorso e fai clic sulle celle in ordine."
        }
    }
}

/// Stands in for a cell with no label.
pub fn unlabelled(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "(no label)",
        Lang::It => "(senza etichetta)",
    }
}

/// Draws the curve to fill `area`: the persona's name as caption, a legend, the y axis from
/// −2 to +2 with labelled ticks, the steps along x labelled by their cells, and a zero line.
/// A path with no steps draws a message instead. `scale` is the device pixel ratio (1.0 for
/// SVG); every size is in CSS pixels times `scale`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &EmotionSeries,
    variant: Variant,
    lang: Lang,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&PAPER)?;
    let (width, height) = area.dim_in_pixel();
    let pad = px(8.0, scale);
    let caption = (FONT, 15.0 * scale)
        .into_font()
        .style(FontStyle::Bold)
        .color(&INK);
    let name = fit(area, &series.name, width.saturating_sub(2 * pad), &caption)?;
    area.draw_text(&name, &caption, (pad as i32, pad as i32))?;
    let mut top = pad + area.estimate_text_size("Hg", &caption)?.1 + pad / 2;
    if series.steps.is_empty() {
        return message(area, empty_message(lang), top, scale);
    }
    // Too small to hold axes (a collapsed panel): the caption alone.
    if width < px(120.0, scale) || height < top + px(80.0, scale) {
        return Ok(());
    }
    let color = rgb(&series.color).unwrap_or(MUTED);
    let light = mix(color, PAPER, 0.45);
    top += legend(area, variant, lang, (color, light), (pad, top), scale)? + pad / 2;
    let (_, body) = area.split_vertically(top);
    plot(&body, series, variant, lang, (color, light), scale)
}

/// The axes and curves.
fn plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &EmotionSeries,
    variant: Variant,
    lang: Lang,
    (color, light): (RGBColor, RGBColor),
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, _) = area.dim_in_pixel();
    let pad = px(8.0, scale);
    let tick = (FONT, 12.0 * scale).into_font().color(&INK);
    let gap = px(12.0, scale);
    // Words beside the numbers when they leave the plot most of the width.
    let words: Vec<String> = EMOTION_RANGE.map(|s| tick_label(s, lang)).collect();
    let numbers: Vec<String> = EMOTION_RANGE.map(signed).collect();
    let y_labels = if widest(area, &words, &tick)? + gap < width * 2 / 5 {
        words
    } else {
        numbers
    };
    let y_area = widest(area, &y_labels, &tick)? + gap;
    let x_area = area.estimate_text_size("Hg", &tick)?.1 + gap;

    // Each step's label gets its share of the width; with less room than "Www…" the steps
    // are numbered instead (the panel's list and the app's table say which is which).
    let n = series.steps.len();
    let slot = width.saturating_sub(y_area + 2 * pad) / n as u32;
    let room = slot.saturating_sub(px(6.0, scale));
    let numbered = room < area.estimate_text_size("Www…", &tick)?.0;
    let mut x_labels = Vec::with_capacity(n);
    for (i, s) in series.steps.iter().enumerate() {
        let label = if s.label.trim().is_empty() {
            unlabelled(lang)
        } else {
            s.label.trim()
        };
        x_labels.push(if numbered {
            (i + 1).to_string()
        } else {
            fit(area, label, room, &tick)?
        });
    }

    let last = n as f64 - 0.5;
    let mut chart = ChartBuilder::on(area)
        .margin(pad)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            Ticks::new(-0.5..last, (0..n).map(|i| i as f64)),
            Ticks::new(-2.4..2.4, EMOTION_RANGE.map(f64::from)),
        )?;
    let x_format = |x: &f64| {
        x_labels
            .get(x.round() as usize)
            .cloned()
            .unwrap_or_default()
    };
    let y_format = |y: &f64| {
        let i = (y.round() as i64 - i64::from(*EMOTION_RANGE.start())) as usize;
        y_labels.get(i).cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(LINE.stroke_width(px(1.0, scale)))
        .axis_style(MUTED.stroke_width(px(1.0, scale)))
        .set_all_tick_mark_size(px(4.0, scale))
        .label_style(tick.clone())
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(-0.5, 0.0), (last, 0.0)],
        MUTED.stroke_width(px(1.5, scale)),
    )))?;

    let radius = px(4.0, scale);
    if variant.shows_to_be() {
        let points = points(series, |s| s.to_be);
        let style = light.stroke_width(px(2.0, scale));
        chart.draw_series(DashedLineSeries::new(
            points.clone(),
            px(6.0, scale),
            px(4.0, scale),
            style,
        ))?;
        chart.draw_series(
            points
                .iter()
                .map(|&p| Circle::new(p, radius, PAPER.filled())),
        )?;
        chart.draw_series(points.iter().map(|&p| Circle::new(p, radius, style)))?;
    }
    if variant.shows_as_is() {
        let points = points(series, |s| s.as_is);
        chart.draw_series(LineSeries::new(
            points.clone(),
            color.stroke_width(px(2.5, scale)),
        ))?;
        chart.draw_series(
            points
                .iter()
                .map(|&p| Circle::new(p, radius, color.filled())),
        )?;
    }
    Ok(())
}

/// Where each step's score sits: x is the step's place along the path.
fn points(series: &EmotionSeries, score: fn(&StepPoint) -> i8) -> Vec<(f64, f64)> {
    series
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (i as f64, f64::from(score(s))))
        .collect()
}

/// "── As-is  - - To-be" at `(x, y)`, for the curves drawn; returns its height.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    variant: Variant,
    lang: Lang,
    (color, light): (RGBColor, RGBColor),
    (x, y): (u32, u32),
    scale: f64,
) -> Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    let font = (FONT, 12.0 * scale)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let height = area.estimate_text_size("Hg", &font)?.1;
    let mid = (y + height / 2) as i32;
    let sample = px(24.0, scale) as i32;
    let mut at = x as i32;
    let shown = [
        (Variant::AsIs, variant.shows_as_is()),
        (Variant::ToBe, variant.shows_to_be()),
    ];
    for (shown, _) in shown.into_iter().filter(|(_, on)| *on) {
        let line = [(at, mid), (at + sample, mid)];
        if shown == Variant::AsIs {
            area.draw(&PathElement::new(line, color.stroke_width(px(2.5, scale))))?;
        } else {
            let style = light.stroke_width(px(2.0, scale));
            area.draw(&DashedPathElement::new(
                line,
                px(6.0, scale),
                px(4.0, scale),
                style,
            ))?;
        }
        at += sample + px(6.0, scale) as i32;
        let text = shown.name(lang);
        area.draw_text(text, &font, (at, mid))?;
        at += area.estimate_text_size(text, &font)?.0 as i32 + px(16.0, scale) as i32;
    }
    Ok(height)
}

#[cfg(test)]
#[path = "emotion_tests.rs"]
mod tests;
