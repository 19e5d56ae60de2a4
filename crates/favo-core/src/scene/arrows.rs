//! Links drawn as arrows between cell centres, in screen pixels: shortened so they start and
//! end inside the hexes' rims, offset sideways when two cells link both ways, and marked when
//! the last phase leads back to the first ("this journey seeds the next").

use crate::grid::Grid;
use crate::journey::{Journey, Link};
use crate::viewport::{Point, Rect, Viewport};

#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub link: Link,
    pub from: Point,
    pub to: Point,
    /// The arrowhead: its tip and the two back corners.
    pub head: [Point; 3],
    /// From a cell of the last phase to one of the first.
    pub seeds_next: bool,
}

/// Arrows of the links with any part in view.
pub fn arrows(journey: &Journey, grid: &Grid, viewport: &Viewport) -> Vec<Arrow> {
    let radius = Grid::HEX_SIZE * viewport.zoom;
    let view = Rect::from_corners(Point::new(0.0, 0.0), Point::new(viewport.width, viewport.height)).grow(radius);
    let phases = journey.phases();
    let (first, last) = (phases.first().map(|p| p.id), phases.last().map(|p| p.id));
    journey
        .links()
        .filter_map(|&link| {
            let (a, b) = (journey.get(link.from)?, journey.get(link.to)?);
            let (pa, pb) = (viewport.world_to_screen(grid.hex_to_world_pos(a.at)), viewport.world_to_screen(grid.hex_to_world_pos(b.at)));
            let length = pa.distance_to(pb);
            if length < 1.0 || !(view.contains(pa) || view.contains(pb) || crosses(&view, pa, pb)) {
                return None;
            }
            let (dx, dy) = ((pb.x - pa.x) / length, (pb.y - pa.y) / length);
            let (nx, ny) = (-dy, dx);
            // Two-way links: each arrow moves to its own right-hand side.
            let shift = if journey.has_link(crate::Link { from: link.to, to: link.from }) { radius * 0.18 } else { 0.0 };
            // Start and end near the rims, clear of the labels: between neighbours the arrow
            // is a short one across their shared border.
            let inset = radius * 0.68;
            let from = Point::new(pa.x + dx * inset + nx * shift, pa.y + dy * inset + ny * shift);
            let to = Point::new(pb.x - dx * inset + nx * shift, pb.y - dy * inset + ny * shift);
            let size = (radius * 0.2).clamp(4.0, 14.0);
            let back = Point::new(to.x - dx * size, to.y - dy * size);
            let head = [
                to,
                Point::new(back.x + nx * size * 0.55, back.y + ny * size * 0.55),
                Point::new(back.x - nx * size * 0.55, back.y - ny * size * 0.55),
            ];
            let seeds_next = first != last && a.phase.is_some() && a.phase == last && b.phase == first;
            Some(Arrow { link, from, to, head, seeds_next })
        })
        .collect()
}

/// Whether the segment crosses the rectangle although both ends are outside (a long link
/// through the view).
fn crosses(r: &Rect, a: Point, b: Point) -> bool {
    (0..=16).any(|i| {
        let t = f64::from(i) / 16.0;
        r.contains(Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sample, ActivityId, Cell, Edit, Lang};

    fn linked(pairs: &[(Cell, Cell)]) -> Journey {
        let mut j = sample::journey(Lang::En);
        let id = |j: &Journey, c: Cell| j.at(c).unwrap().id;
        let links = pairs.iter().map(|&(a, b)| crate::Link { from: id(&j, a), to: id(&j, b) }).collect();
        j.apply(Edit::Link(links)).unwrap();
        j
    }

    fn ring(i: usize) -> Cell {
        Cell::ORIGIN.ring(2).nth(i).unwrap()
    }

    #[test]
    fn an_arrow_points_from_one_cell_towards_the_other_and_stays_inside_them() {
        let j = linked(&[(Cell::ORIGIN, ring(0))]);
        let v = Viewport::new(1000.0, 800.0, 1.0);
        let grid = Grid::new();
        let arrows = arrows(&j, &grid, &v);
        assert_eq!(arrows.len(), 1);
        let a = &arrows[0];
        let (ca, cb) = (v.world_to_screen(grid.hex_to_world_pos(Cell::ORIGIN)), v.world_to_screen(grid.hex_to_world_pos(ring(0))));
        assert!(a.from.distance_to(ca) < a.from.distance_to(cb), "starts at the first cell");
        assert!(a.to.distance_to(cb) < a.to.distance_to(ca), "ends at the second");
        assert!(a.to.distance_to(cb) > Grid::HEX_SIZE * 0.6, "the tip stops short of the label in the centre");
        assert!(a.from.distance_to(ca) > Grid::HEX_SIZE * 0.6, "so does the tail");
        assert_eq!(a.head[0], a.to);
        assert!(!a.seeds_next);
    }

    #[test]
    fn two_way_links_are_drawn_side_by_side() {
        let j = linked(&[(ring(0), ring(1)), (ring(1), ring(0))]);
        let v = Viewport::new(1000.0, 800.0, 1.0);
        let arrows = arrows(&j, &Grid::new(), &v);
        assert_eq!(arrows.len(), 2);
        let mid = |a: &Arrow| a.from.midpoint(a.to);
        assert!(mid(&arrows[0]).distance_to(mid(&arrows[1])) > 10.0, "they do not overlap");
    }

    #[test]
    fn advocacy_back_to_awareness_seeds_the_next_journey() {
        let j = sample::journey(Lang::En);
        let find = |label: &str| j.activities().find(|a| a.label == label).unwrap().id;
        let mut j2 = j.clone();
        let (advocacy, awareness, checkout) = (find("Advocacy"), find("Awareness"), find("Checkout"));
        j2.apply(Edit::Link(vec![crate::Link { from: advocacy, to: awareness }, crate::Link { from: checkout, to: advocacy }])).unwrap();
        let arrows = arrows(&j2, &Grid::new(), &Viewport::new(1000.0, 800.0, 1.0));
        let seeds: Vec<(ActivityId, bool)> = arrows.iter().map(|a| (a.link.from, a.seeds_next)).collect();
        assert!(seeds.contains(&(advocacy, true)));
        assert!(seeds.contains(&(checkout, false)));
    }

    #[test]
    fn links_out_of_view_are_left_out_and_long_ones_through_it_kept() {
        let mut j = Journey::new("t");
        let cells = [Cell::new(-200, 0), Cell::new(200, 0), Cell::new(-200, 50), Cell::new(-190, 50)];
        let acts = cells.iter().enumerate().map(|(i, &c)| crate::Activity::new(ActivityId(i as u64 + 1), c, "", None)).collect();
        j.apply(Edit::Insert(acts)).unwrap();
        j.apply(Edit::Link(vec![
            crate::Link { from: ActivityId(1), to: ActivityId(2) },
            crate::Link { from: ActivityId(3), to: ActivityId(4) },
        ]))
        .unwrap();
        let arrows = arrows(&j, &Grid::new(), &Viewport::new(800.0, 600.0, 1.0));
        assert_eq!(arrows.iter().map(|a| a.link.from).collect::<Vec<_>>(), [ActivityId(1)]);
    }
}
