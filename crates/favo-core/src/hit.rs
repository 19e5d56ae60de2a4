//! Hit-testing: which cell, and which activity, is under a point of the screen.

use crate::grid::{Cell, Grid};
use crate::journey::{ActivityId, Journey, Link, PersonaId};
use crate::scene::{arrows, routes};
use crate::viewport::{Point, Rect, Viewport};

/// What a pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Activity(ActivityId, Cell),
    Empty(Cell),
}

impl Target {
    pub fn cell(self) -> Cell {
        match self {
            Target::Activity(_, c) | Target::Empty(c) => c,
        }
    }
}

/// The cell under `screen` (CSS px from the canvas corner) and the activity on it, if any.
pub fn hit_test(journey: &Journey, grid: &Grid, viewport: &Viewport, screen: Point) -> Target {
    let cell = grid.world_pos_to_hex(viewport.screen_to_world(screen));
    match journey.at(cell) {
        Some(a) => Target::Activity(a.id, cell),
        None => Target::Empty(cell),
    }
}

/// Activities whose centre lies inside a screen rectangle (box selection).
pub fn in_rect(journey: &Journey, grid: &Grid, viewport: &Viewport, screen: Rect) -> Vec<ActivityId> {
    let world = Rect::from_corners(viewport.screen_to_world(screen.min), viewport.screen_to_world(screen.max));
    journey.activities().filter(|a| world.contains(grid.hex_to_world_pos(a.at))).map(|a| a.id).collect()
}

/// A line on the map that can be picked: a link's arrow or a persona's route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Link(Link),
    Route(PersonaId),
}

/// How near (CSS px) a click must be to a line to pick it.
pub const STROKE_TOLERANCE: f64 = 5.0;

/// The link or route under `screen`, the nearest within [`STROKE_TOLERANCE`]. A route counts
/// only along the middle half of each leg: its ends run through cell centres, where a click
/// means the cell.
pub fn stroke_at(journey: &Journey, grid: &Grid, viewport: &Viewport, screen: Point, focus: Option<PersonaId>) -> Option<Stroke> {
    let arrows = arrows::arrows(journey, grid, viewport)
        .into_iter()
        .map(|a| (segment_distance(screen, a.from, a.to), Stroke::Link(a.link)));
    let routes = routes::routes(journey, grid, viewport, focus).into_iter().flat_map(|r| {
        let legs: Vec<(Point, Point)> = r.points.windows(2).map(|w| (w[0], w[1])).collect();
        legs.into_iter().map(move |(a, b)| {
            let lerp = |t: f64| Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            (segment_distance(screen, lerp(0.25), lerp(0.75)), Stroke::Route(r.persona))
        })
    });
    arrows.chain(routes).filter(|(d, _)| *d <= STROKE_TOLERANCE).min_by(|a, b| a.0.total_cmp(&b.0)).map(|(_, s)| s)
}

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0) };
    p.distance_to(Point::new(a.x + dx * t, a.y + dy * t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn every_activity_is_hit_at_its_own_centre_at_any_zoom() {
        let j = sample::journey(crate::Lang::En);
        let grid = Grid::new();
        for zoom in [0.1, 0.7, 1.0, 3.3] {
            let mut v = Viewport::new(1200.0, 800.0, 2.0);
            v.zoom_centered(zoom);
            v.pan_by(37.0, -12.0);
            for a in j.activities() {
                let screen = v.world_to_screen(grid.hex_to_world_pos(a.at));
                assert_eq!(hit_test(&j, &grid, &v, screen), Target::Activity(a.id, a.at));
            }
        }
    }

    #[test]
    fn a_point_between_activities_hits_the_empty_cell_there() {
        let j = sample::journey(crate::Lang::En);
        let grid = Grid::new();
        let v = Viewport::new(800.0, 600.0, 1.0);
        let far = Cell::new(20, 20);
        let screen = v.world_to_screen(grid.hex_to_world_pos(far));
        assert_eq!(hit_test(&j, &grid, &v, screen), Target::Empty(far));
    }

    #[test]
    fn box_selection_takes_the_cells_whose_centres_are_inside() {
        let j = sample::journey(crate::Lang::En);
        let grid = Grid::new();
        let v = Viewport::new(800.0, 600.0, 1.0);
        let centre = v.world_to_screen(Point::default());
        let small = Rect::from_corners(Point::new(centre.x - 5.0, centre.y - 5.0), Point::new(centre.x + 5.0, centre.y + 5.0));
        let customer = j.at(Cell::ORIGIN).unwrap().id;
        assert_eq!(in_rect(&j, &grid, &v, small), vec![customer]);
        let all = Rect::from_corners(Point::new(-1e5, -1e5), Point::new(1e5, 1e5));
        assert_eq!(in_rect(&j, &grid, &v, all).len(), j.len());
    }

    #[test]
    fn a_click_on_an_arrow_picks_its_link_and_one_beside_it_does_not() {
        let mut j = sample::journey(crate::Lang::En);
        let find = |j: &Journey, label: &str| j.activities().find(|a| a.label == label).unwrap().id;
        let link = Link { from: find(&j, "Customer"), to: find(&j, "Checkout") };
        j.apply(crate::Edit::Link(vec![link])).unwrap();
        let grid = Grid::new();
        let v = Viewport::new(1000.0, 800.0, 1.0);
        let arrow = &arrows::arrows(&j, &grid, &v)[0];
        let mid = arrow.from.midpoint(arrow.to);
        assert_eq!(stroke_at(&j, &grid, &v, mid, None), Some(Stroke::Link(link)));
        // Perpendicular to the arrow, 3 px is on it and 12 px is not.
        let (dx, dy) = ((arrow.to.x - arrow.from.x), (arrow.to.y - arrow.from.y));
        let len = (dx * dx + dy * dy).sqrt();
        let off = |d: f64| Point::new(mid.x - dy / len * d, mid.y + dx / len * d);
        assert_eq!(stroke_at(&j, &grid, &v, off(3.0), None), Some(Stroke::Link(link)));
        assert_eq!(stroke_at(&j, &grid, &v, off(12.0), None), None);
        // The cell centres stay the cells'.
        let centre = v.world_to_screen(grid.hex_to_world_pos(j.get(link.from).unwrap().at));
        assert_eq!(stroke_at(&j, &grid, &v, centre, None), None);
    }

    #[test]
    fn a_click_mid_leg_picks_the_route_but_not_at_the_cells_it_joins() {
        let mut e = crate::Editor::new(sample::journey(crate::Lang::En));
        let ada = e.add_persona("Ada").unwrap();
        let ids: Vec<ActivityId> = ["Customer", "Checkout"].iter().map(|l| e.journey().activities().find(|a| a.label == *l).unwrap().id).collect();
        for id in &ids {
            e.append_step(ada, *id).unwrap();
        }
        let (j, grid, v) = (e.journey(), Grid::new(), Viewport::new(1000.0, 800.0, 1.0));
        let route = &routes::routes(j, &grid, &v, None)[0];
        let mid = route.points[0].midpoint(route.points[1]);
        assert_eq!(stroke_at(j, &grid, &v, mid, None), Some(Stroke::Route(ada)));
        assert_eq!(stroke_at(j, &grid, &v, route.points[0], None), None);
        // Filtered to another persona, this route is not drawn, so it cannot be picked.
        assert_eq!(stroke_at(j, &grid, &v, mid, Some(PersonaId(999))), None);
    }
}
