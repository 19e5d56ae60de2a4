//! Personas' paths drawn on the map: a coloured route through the centres of their cells,
//! with an arrowhead on each leg, shifted sideways per persona so several stay apart; and,
//! when the map is filtered to a persona or a phase, the cells left out to dim.

use std::collections::HashSet;

use crate::grid::Grid;
use crate::journey::{Activity, Journey, PersonaId, PhaseId};
use crate::scene::Hexagon;
use crate::viewport::{Point, Viewport};

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub persona: PersonaId,
    /// CSS colour `#rrggbb`.
    pub color: String,
    pub points: Vec<Point>,
    /// One arrowhead per leg, at its middle: tip and two back corners.
    pub heads: Vec<[Point; 3]>,
    /// The persona in focus is drawn stronger.
    pub focused: bool,
}

/// Routes of every persona with at least two steps on the map.
pub fn routes(journey: &Journey, grid: &Grid, viewport: &Viewport, focus: Option<PersonaId>) -> Vec<Route> {
    let radius = Grid::HEX_SIZE * viewport.zoom;
    let count = journey.personas().len() as f64;
    journey
        .personas()
        .iter()
        .enumerate()
        .filter(|(_, p)| focus.is_none_or(|f| f == p.id))
        .filter_map(|(i, p)| {
            // Spread personas across a band of ±20 % of the hex radius.
            let shift = if count > 1.0 { (i as f64 / (count - 1.0) - 0.5) * radius * 0.4 } else { 0.0 };
            let points: Vec<Point> = journey
                .walk(p)
                .map(|(_, a)| viewport.world_to_screen(grid.hex_to_world_pos(a.at)))
                .map(|c| Point::new(c.x + shift, c.y + shift * 0.5))
                .collect();
            if points.len() < 2 {
                return None;
            }
            let size = (radius * 0.2).clamp(4.0, 12.0);
            let heads = points
                .windows(2)
                .filter(|w| w[0].distance_to(w[1]) > size)
                .map(|w| {
                    let (a, b) = (w[0], w[1]);
                    let len = a.distance_to(b);
                    let (dx, dy) = ((b.x - a.x) / len, (b.y - a.y) / len);
                    let tip = Point::new(a.x + (b.x - a.x) * 0.5 + dx * size * 0.5, a.y + (b.y - a.y) * 0.5 + dy * size * 0.5);
                    let back = Point::new(tip.x - dx * size, tip.y - dy * size);
                    [tip, Point::new(back.x - dy * size * 0.5, back.y + dx * size * 0.5), Point::new(back.x + dy * size * 0.5, back.y - dx * size * 0.5)]
                })
                .collect();
            Some(Route { persona: p.id, color: p.color.clone(), points, heads, focused: focus == Some(p.id) })
        })
        .collect()
}

/// What the reader asked to look at: a persona's path, a phase, or both. The rest of the
/// map is drawn faded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub persona: Option<PersonaId>,
    pub phase: Option<PhaseId>,
}

impl Filter {
    pub fn persona(persona: Option<PersonaId>) -> Filter {
        Filter { persona, phase: None }
    }
}

/// The visible cells the filter leaves out: off the persona's path, or in another phase.
pub fn dimmed(journey: &Journey, grid: &Grid, viewport: &Viewport, filter: Filter) -> Vec<Hexagon> {
    if filter == Filter::default() {
        return Vec::new();
    }
    let on_path: Option<HashSet<_>> = filter.persona.map(|id| journey.persona(id).map(|p| p.path.iter().map(|s| s.cell).collect()).unwrap_or_default());
    let kept = |a: &Activity| on_path.as_ref().is_none_or(|path| path.contains(&a.id)) && filter.phase.is_none_or(|phase| a.phase == Some(phase));
    let visible = viewport.visible_world().grow(Grid::HEX_SIZE);
    let offsets = super::corner_offsets(grid, viewport.zoom);
    journey
        .activities()
        .filter(|a| !kept(a))
        .map(|a| grid.hex_to_world_pos(a.at))
        .filter(|w| visible.contains(*w))
        .map(|w| super::hexagon_at(viewport.world_to_screen(w), &offsets))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sample, Editor, Lang};

    fn with_two_personas() -> (Editor, PersonaId, PersonaId) {
        let mut e = Editor::new(sample::journey(Lang::En));
        let id = |e: &Editor, l: &str| e.journey().activities().find(|a| a.label == l).unwrap().id;
        let (a, b) = (e.add_persona("Giulia").unwrap(), e.add_persona("Marco").unwrap());
        for l in ["Social post", "Webinar", "Checkout"] {
            e.append_step(a, id(&e, l)).unwrap();
        }
        for l in ["Social post", "Webinar"] {
            e.append_step(b, id(&e, l)).unwrap();
        }
        (e, a, b)
    }

    #[test]
    fn each_persona_gets_a_route_through_their_cells_with_a_head_per_leg() {
        let (e, a, _) = with_two_personas();
        let v = Viewport::new(1200.0, 900.0, 1.0);
        let routes = routes(e.journey(), &Grid::new(), &v, None);
        assert_eq!(routes.len(), 2);
        let giulia = routes.iter().find(|r| r.persona == a).unwrap();
        assert_eq!(giulia.points.len(), 3);
        assert_eq!(giulia.heads.len(), 2);
        assert_eq!(giulia.color, e.journey().persona(a).unwrap().color);
    }

    #[test]
    fn two_personas_on_the_same_cells_are_drawn_apart() {
        let (e, a, b) = with_two_personas();
        let v = Viewport::new(1200.0, 900.0, 1.0);
        let routes = routes(e.journey(), &Grid::new(), &v, None);
        let first = |id| routes.iter().find(|r| r.persona == id).unwrap().points[0];
        assert!(first(a).distance_to(first(b)) > 10.0);
    }

    #[test]
    fn filtering_to_a_persona_shows_only_their_route_and_dims_the_other_cells() {
        let (e, a, _) = with_two_personas();
        let v = Viewport::new(1200.0, 900.0, 1.0);
        let routes = routes(e.journey(), &Grid::new(), &v, Some(a));
        assert_eq!(routes.len(), 1);
        assert!(routes[0].focused);
        assert_eq!(dimmed(e.journey(), &Grid::new(), &v, Filter::persona(Some(a))).len(), e.journey().len() - 3);
    }

    #[test]
    fn filtering_to_a_phase_dims_the_other_phases_and_with_a_persona_keeps_both_conditions() {
        let (e, a, _) = with_two_personas();
        let j = e.journey();
        let v = Viewport::new(4000.0, 3000.0, 1.0);
        let checkout = j.activities().find(|x| x.label == "Checkout").unwrap().phase.unwrap();
        let in_phase = j.activities().filter(|x| x.phase == Some(checkout)).count();
        let phase_only = Filter { persona: None, phase: Some(checkout) };
        assert_eq!(dimmed(j, &Grid::new(), &v, phase_only).len(), j.len() - in_phase);
        // Giulia's only cell in that phase is Checkout.
        let both = Filter { persona: Some(a), phase: Some(checkout) };
        assert_eq!(dimmed(j, &Grid::new(), &v, both).len(), j.len() - 1);
        assert!(dimmed(j, &Grid::new(), &v, Filter::default()).is_empty());
    }
}
