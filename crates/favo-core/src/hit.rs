//! Hit-testing: which cell, and which activity, is under a point of the screen.

use crate::grid::{Cell, Grid};
use crate::journey::{ActivityId, Journey};
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
}
