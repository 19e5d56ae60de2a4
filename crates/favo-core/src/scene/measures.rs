//! The data on the map: each cell measured by the uploaded data shows its count, the map
//! can be tinted by a metric with a legend, and the cells of a funnel step picked in the
//! charts are outlined. A cell is measured by the events of its touchpoints (the
//! touchpoint's "event" field); cells carry no event of their own.

use std::collections::{BTreeMap, HashMap};

use crate::chart::{compact, percent};
use crate::grid::Grid;
use crate::insight::FunnelReport;
use crate::journey::{Activity, ActivityId, Journey, Lang, PhaseId};
use crate::viewport::{Point, Viewport};

use super::palette::{DEEP, NO_VALUE, PALE};
use super::{Hexagon, MIN_LABEL_RADIUS};

/// The events that measure a cell, each once, in its touchpoints' order.
pub fn cell_events(a: &Activity) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for event in a.touchpoints.iter().filter_map(|t| t.event.as_deref()).map(str::trim) {
        if !event.is_empty() && !out.contains(&event) {
            out.push(event);
        }
    }
    out
}

/// Every cell with an event in the data: the events of its touchpoints, added up.
/// `counts` are the data's events and how many times each occurs.
pub fn cell_counts(journey: &Journey, counts: &HashMap<String, u64>) -> BTreeMap<ActivityId, u64> {
    journey
        .activities()
        .filter_map(|a| {
            let found: Vec<u64> = cell_events(a).into_iter().filter_map(|e| counts.get(e).copied()).collect();
            (!found.is_empty()).then(|| (a.id, found.iter().sum()))
        })
        .collect()
}

/// What the map can be tinted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Metric {
    #[default]
    None,
    /// Each measured cell's event count.
    Count,
    /// Each phase's conversion from the measured phase before it, on every cell of the
    /// phase, in the funnel of the map's phase order.
    Conversion,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::None, Metric::Count, Metric::Conversion];

    pub fn key(self) -> &'static str {
        match self {
            Metric::None => "none",
            Metric::Count => "count",
            Metric::Conversion => "conversion",
        }
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// A map tinted by a metric: each tinted cell's value and where it sits on the scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Tint {
    pub metric: Metric,
    /// Per cell: the value and its place on the colour scale, 0 to 1.
    pub cells: BTreeMap<ActivityId, (f64, f64)>,
    /// The legend's ends, as values.
    pub low: f64,
    pub high: f64,
    /// Counts spanning ten times or more are placed on a log scale, so a funnel's small
    /// last steps are not all the palest colour.
    pub log: bool,
}

impl Tint {
    /// Tinted by event count.
    pub fn by_count(counts: &BTreeMap<ActivityId, u64>) -> Option<Tint> {
        let low = *counts.values().min()? as f64;
        let high = *counts.values().max()? as f64;
        let log = low > 0.0 && high / low >= 10.0;
        let place = |v: f64| match (log, high > low) {
            (_, false) => 1.0,
            (true, true) => (v.ln() - low.ln()) / (high.ln() - low.ln()),
            (false, true) => (v - low) / (high - low),
        };
        let cells = counts.iter().map(|(&id, &n)| (id, (n as f64, place(n as f64)))).collect();
        Some(Tint { metric: Metric::Count, cells, low, high, log })
    }

    /// Tinted by each phase's conversion from the measured phase before it, from a funnel
    /// over the map's phases (`insight::steps_from_phases`); the first measured phase is
    /// 100 %. A phase's share is its first step's users over the previous phase's last.
    pub fn by_conversion(journey: &Journey, report: &FunnelReport) -> Option<Tint> {
        // The steps of each phase, in the funnel's order.
        let mut phases: Vec<(PhaseId, Vec<u64>)> = Vec::new();
        for step in &report.steps {
            let phase = journey.activities().find(|a| a.phase.is_some() && cell_events(a).contains(&step.event.as_str())).and_then(|a| a.phase);
            let Some(phase) = phase else { continue };
            match phases.iter_mut().find(|(p, _)| *p == phase) {
                Some((_, users)) => users.push(step.users),
                None => phases.push((phase, vec![step.users])),
            }
        }
        let mut share: HashMap<PhaseId, f64> = HashMap::new();
        for (i, (phase, users)) in phases.iter().enumerate() {
            let before = if i == 0 { None } else { phases[i - 1].1.last().copied() };
            let value = match before {
                None => 1.0,
                Some(0) => 0.0,
                Some(b) => users[0] as f64 / b as f64,
            };
            share.insert(*phase, value);
        }
        let cells: BTreeMap<ActivityId, (f64, f64)> =
            journey.activities().filter_map(|a| share.get(&a.phase?).map(|&v| (a.id, (v, v.clamp(0.0, 1.0))))).collect();
        (!cells.is_empty()).then_some(Tint { metric: Metric::Conversion, cells, low: 0.0, high: 1.0, log: false })
    }

    /// A value as the legend writes it.
    pub fn format(&self, value: f64, lang: Lang) -> String {
        match self.metric {
            Metric::Conversion => percent(value, lang),
            _ => compact(value, lang),
        }
    }
}

/// The colour at `t` (0 to 1) of the tint's scale, `#rrggbb`.
pub fn tint_color(t: f64) -> String {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(PALE.0, DEEP.0), mix(PALE.1, DEEP.1), mix(PALE.2, DEEP.2))
}

/// What the charts put on the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapData {
    /// Cells measured by the data, with their counts.
    pub counts: BTreeMap<ActivityId, u64>,
    pub tint: Option<Tint>,
    /// The event of the funnel step picked in the charts.
    pub highlight: Option<String>,
}

/// A cell's count, in a pill at the bottom of its hex.
#[derive(Clone, Debug, PartialEq)]
pub struct CountBadge {
    pub center: Point,
    pub text: String,
    pub font_px: f64,
}

/// The data's layer of one frame, in screen CSS pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataLayer {
    /// Hexes filled over the phase colours, with their colour.
    pub tinted: Vec<(Hexagon, String)>,
    pub badges: Vec<CountBadge>,
    /// The picked step's cells.
    pub highlighted: Vec<Hexagon>,
}

/// The visible part of `data` as `viewport` shows it. Badges need room to be read, as
/// labels do; tints and highlights are drawn at every zoom.
pub fn layer(journey: &Journey, grid: &Grid, viewport: &Viewport, data: &MapData, lang: Lang) -> DataLayer {
    let radius = Grid::HEX_SIZE * viewport.zoom;
    let visible = viewport.visible_world().grow(Grid::HEX_SIZE);
    let offsets = super::corner_offsets(grid, viewport.zoom);
    let shown = |a: &Activity| {
        let world = grid.hex_to_world_pos(a.at);
        visible.contains(world).then(|| viewport.world_to_screen(world))
    };
    let hexagon = |c: Point| super::hexagon_at(c, &offsets);
    let mut out = DataLayer::default();
    if let Some(tint) = &data.tint {
        out.tinted = journey
            .activities()
            .filter_map(|a| {
                let at = shown(a)?;
                let color = tint.cells.get(&a.id).map_or_else(|| NO_VALUE.to_owned(), |&(_, t)| tint_color(t));
                Some((hexagon(at), color))
            })
            .collect();
    }
    if radius >= MIN_LABEL_RADIUS {
        let font_px = (radius * 0.2).clamp(9.0, 18.0);
        out.badges = data
            .counts
            .iter()
            .filter_map(|(id, &n)| {
                let at = shown(journey.get(*id)?)?;
                Some(CountBadge { center: Point::new(at.x, at.y + radius * 0.66), text: compact(n as f64, lang), font_px })
            })
            .collect();
    }
    if let Some(event) = data.highlight.as_deref() {
        out.highlighted = journey.activities().filter(|a| cell_events(a).contains(&event)).filter_map(shown).map(hexagon).collect();
    }
    out
}

#[cfg(test)]
#[path = "measures_tests.rs"]
mod tests;
