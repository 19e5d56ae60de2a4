//! What to draw, as plain data: the painter in the web app is a thin loop over the
//! [`tiles`] (cell fills, built when the map changes), a [`Scene`] (labels of the visible
//! cells, built per frame) and an [`Overlay`] (the interactive layer: selection, hover, drag
//! ghosts, the selection box). Labels appear only once hexes are big enough to read them.

pub mod arrows;
pub mod measures;
pub mod palette;
pub mod routes;
pub mod tiles;

use std::collections::BTreeSet;

use crate::edit::{Edit, EditError};
use crate::gesture::Gesture;
use crate::grid::{Cell, Grid};
use crate::journey::{ActivityId, Journey, Status};
use crate::viewport::{Point, Rect, Viewport};

/// The activities the user has selected.
pub type Selection = BTreeSet<ActivityId>;

/// A hex outline in screen CSS pixels.
pub type Hexagon = [Point; 6];

/// A label fitted inside its hex: centred lines of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub lines: Vec<String>,
    pub center: Point,
    pub font_px: f64,
}

/// A cell's touchpoints at a glance: how many, coloured by the worst checklist status.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub center: Point,
    pub radius: f64,
    pub count: usize,
    pub worst: Status,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub labels: Vec<Label>,
    pub badges: Vec<Badge>,
    /// Names of named clusters, drawn large across them (one line each).
    pub cluster_names: Vec<Label>,
    /// Outline width in CSS px (thinner when zoomed out; 0 for no outline).
    pub line_width: f64,
}

/// Outlines are drawn once a hex is at least this many CSS px from centre to corner.
pub const MIN_OUTLINE_RADIUS: f64 = 8.0;
/// Labels are drawn once a hex is at least this many CSS px from centre to corner.
pub const MIN_LABEL_RADIUS: f64 = 18.0;
const MAX_LINES: usize = 3;

/// Builds the labels of the visible cells. `measure(text, font_px)` gives a text's width in
/// CSS px (the canvas' `measureText` in the browser; an estimate natively).
pub fn build(journey: &Journey, grid: &Grid, viewport: &Viewport, measure: &dyn Fn(&str, f64) -> f64) -> Scene {
    let radius = Grid::HEX_SIZE * viewport.zoom;
    // Below a few pixels an outline is noise that costs as much raster as the fill.
    let line_width = if radius < MIN_OUTLINE_RADIUS { 0.0 } else { (viewport.zoom * 1.5).clamp(0.5, 2.0) };
    let cluster_names = cluster_names(journey, grid, viewport, radius);
    if radius < MIN_LABEL_RADIUS {
        return Scene { cluster_names, line_width, ..Scene::default() };
    }
    let visible = viewport.visible_world().grow(Grid::HEX_SIZE);
    let font_px = (radius * 0.25).clamp(9.0, 30.0);
    let text_width = radius * 3f64.sqrt() * 0.86;
    let labels = journey
        .activities()
        .filter(|a| !a.label.is_empty())
        .map(|a| (a, grid.hex_to_world_pos(a.at)))
        .filter(|(_, world)| visible.contains(*world))
        .map(|(a, world)| fit_label(&a.label, viewport.world_to_screen(world), font_px, text_width, measure))
        .collect();
    let badges = journey
        .activities()
        .filter(|a| !a.touchpoints.is_empty())
        .map(|a| (a, grid.hex_to_world_pos(a.at)))
        .filter(|(_, world)| visible.contains(*world))
        .map(|(a, world)| {
            let c = viewport.world_to_screen(world);
            Badge {
                center: Point::new(c.x + radius * 0.5, c.y - radius * 0.58),
                radius: (radius * 0.19).clamp(7.0, 14.0),
                count: a.touchpoints.len(),
                worst: a.touchpoints.iter().map(|t| t.status).max().unwrap_or_default(),
            }
        })
        .collect();
    Scene { labels, badges, cluster_names, line_width }
}

/// Each named cluster's name, on the member nearest the cluster's middle (a ring-shaped
/// cluster's middle may be empty, or another cell).
fn cluster_names(journey: &Journey, grid: &Grid, viewport: &Viewport, radius: f64) -> Vec<Label> {
    if journey.cluster_names().next().is_none() || radius < 3.0 {
        return Vec::new();
    }
    let font_px = (radius * 0.42).clamp(12.0, 40.0);
    crate::cluster::clusters(journey)
        .into_iter()
        .filter_map(|c| {
            let name = c.name?;
            let centres: Vec<Point> = c.cells.iter().filter_map(|id| journey.get(*id)).map(|a| grid.hex_to_world_pos(a.at)).collect();
            let middle = Rect::around(centres.iter().copied())?.center();
            let nearest = centres.iter().copied().min_by(|a, b| a.distance_to(middle).total_cmp(&b.distance_to(middle)))?;
            let at = viewport.world_to_screen(nearest);
            let on_screen = at.x > -200.0 && at.y > -50.0 && at.x < viewport.width + 200.0 && at.y < viewport.height + 50.0;
            on_screen.then(|| Label { lines: vec![name], center: Point::new(at.x, at.y - radius * 0.9), font_px })
        })
        .collect()
}

/// The interactive layer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    pub selected: Vec<Hexagon>,
    pub hover: Option<Hexagon>,
    /// Where dragged cells would land.
    pub ghosts: Vec<Hexagon>,
    /// The drop would be refused (a target cell is taken).
    pub refused: bool,
    /// Box selection in progress, screen CSS px.
    pub marquee: Option<Rect>,
    /// A link being drawn: from the cell's centre to the pointer.
    pub rubber_band: Option<(Point, Point)>,
}

pub fn overlay(
    journey: &Journey,
    grid: &Grid,
    viewport: &Viewport,
    selection: &Selection,
    gesture: &Gesture,
    hover: Option<Cell>,
) -> Overlay {
    let offsets = corner_offsets(grid, viewport.zoom);
    let hexagon = |cell: Cell| hexagon_at(viewport.world_to_screen(grid.hex_to_world_pos(cell)), &offsets);
    let visible = viewport.visible_world().grow(Grid::HEX_SIZE);
    let on_screen = |cell: Cell| visible.contains(grid.hex_to_world_pos(cell));
    let selected = selection
        .iter()
        .filter_map(|&id| journey.get(id))
        .filter(|a| on_screen(a.at))
        .map(|a| hexagon(a.at))
        .collect();
    let mut out = Overlay { selected, hover: hover.map(hexagon), ..Overlay::default() };
    match gesture {
        Gesture::DraggingCells { ids, grab, over, .. } => {
            let edit = Edit::move_by(ids, journey, *grab, *over);
            if let Edit::Move(moves) = &edit {
                out.ghosts = moves.iter().map(|&(_, to)| hexagon(to)).collect();
            }
            out.refused = matches!(journey.validate(&edit), Err(e) if e != EditError::NoChange);
            out.hover = None;
        }
        Gesture::BoxSelecting { start, current, .. } => out.marquee = Some(Rect::from_corners(*start, *current)),
        Gesture::Linking { from, at, .. } => {
            if let Some(a) = journey.get(*from) {
                out.rubber_band = Some((viewport.world_to_screen(grid.hex_to_world_pos(a.at)), *at));
            }
        }
        _ => {}
    }
    out
}

/// Corners of a hex around (0, 0), in screen px at `zoom`.
pub(crate) fn corner_offsets(grid: &Grid, zoom: f64) -> Hexagon {
    grid.hex_corners(Cell::ORIGIN).map(|p| Point::new(p.x * zoom, p.y * zoom))
}

/// The hex with these `corner_offsets` around a screen point.
pub(crate) fn hexagon_at(center: Point, offsets: &Hexagon) -> Hexagon {
    offsets.map(|o| Point::new(center.x + o.x, center.y + o.y))
}

/// Wraps a label at the normal size, or a step or two smaller when a long word (an Italian
/// "Riflessione", a product name) would otherwise be cut.
fn fit_label(text: &str, center: Point, font_px: f64, width: f64, measure: &dyn Fn(&str, f64) -> f64) -> Label {
    let mut lines = Vec::new();
    let mut size = font_px;
    for step in [1.0, 0.86, 0.74] {
        size = font_px * step;
        lines = wrap(text, width, MAX_LINES, &|s| measure(s, size));
        if !lines.last().is_some_and(|l| l.ends_with('…')) {
            break;
        }
    }
    Label { lines, center, font_px: size }
}

/// Greedy word wrap into at most `max_lines` lines of at most `width`; a word too long for
/// a line is cut, and text that does not fit ends with an ellipsis.
pub fn wrap(text: &str, width: f64, max_lines: usize, measure: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        if let Some(last) = lines.last_mut() {
            let longer = format!("{last} {word}");
            if measure(&longer) <= width {
                *last = longer;
                continue;
            }
        }
        if lines.len() == max_lines {
            cut = true;
            break;
        }
        let part = fit(word, width, measure);
        cut = part.len() < word.len();
        lines.push(part);
        if cut {
            break;
        }
    }
    if let Some(last) = lines.last_mut().filter(|_| cut) {
        while !last.is_empty() && measure(&format!("{last}…")) > width {
            last.pop();
        }
        last.push('…');
    }
    lines
}

/// The longest prefix of `word` (whole characters) that fits `width`.
fn fit(word: &str, width: f64, measure: &dyn Fn(&str) -> f64) -> String {
    let mut out = String::new();
    for c in word.chars() {
        out.push(c);
        if measure(&out) > width {
            out.pop();
            break;
        }
    }
    out
}

#[cfg(test)]
#[path = "scene_tests.rs"]
mod tests;
