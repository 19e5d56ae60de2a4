//! The cells' fills as SVG path strings in world units, grouped into square tiles of the
//! grid and by colour. They are built when the map changes, not per frame: panning and
//! zooming only choose the visible tiles and change the canvas transform. A 10,000-cell map
//! is then a few dozen `fill` calls per frame instead of 70,000 path calls.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::grid::{Cell, Grid};
use crate::journey::{Journey, Phase};
use crate::viewport::{Rect, Viewport};

/// Cells per tile side, in axial coordinates.
pub const TILE_CELLS: i32 = 32;

#[derive(Clone, Debug, PartialEq)]
pub struct TileFill {
    /// CSS colour `#rrggbb`.
    pub color: String,
    /// One closed subpath per cell: `M x y` then the hex outline in relative moves.
    pub path: String,
    pub cells: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    /// World rectangle around the tile's hexes.
    pub bounds: Rect,
    pub fills: Vec<TileFill>,
}

/// Builds the tiles of `journey`, fills in the journey's phase order.
pub fn tiles(journey: &Journey, grid: &Grid) -> Vec<Tile> {
    let corners = grid.hex_corners(Cell::ORIGIN);
    // Relative moves around the hex from its first corner: the same for every cell.
    let mut outline = String::new();
    for pair in corners.windows(2) {
        let _ = write!(outline, "l{:.2} {:.2}", pair[1].x - pair[0].x, pair[1].y - pair[0].y);
    }
    outline.push('z');
    let colors: Vec<&str> = journey.phases().iter().map(|p| p.color.as_str()).chain([Phase::NO_PHASE_COLOR]).collect();
    let no_phase = colors.len() - 1;
    // Per tile: (path, cell count) per colour, and the tile's bounds so far.
    type Building = (Vec<(String, usize)>, Option<Rect>);
    let mut by_tile: BTreeMap<(i32, i32), Building> = BTreeMap::new();
    for a in journey.activities() {
        let key = (a.at.q.div_euclid(TILE_CELLS), a.at.r.div_euclid(TILE_CELLS));
        let (fills, bounds) = by_tile.entry(key).or_insert_with(|| (vec![(String::new(), 0); colors.len()], None));
        let slot = a.phase.and_then(|p| journey.phases().iter().position(|q| q.id == p)).unwrap_or(no_phase);
        let centre = grid.hex_to_world_pos(a.at);
        let (path, count) = &mut fills[slot];
        let _ = write!(path, "M{:.2} {:.2}", centre.x + corners[0].x, centre.y + corners[0].y);
        path.push_str(&outline);
        *count += 1;
        let hex = Rect::from_corners(centre, centre).grow(Grid::HEX_SIZE);
        *bounds = Some(bounds.map_or(hex, |b| Rect::around([b.min, b.max, hex.min, hex.max]).unwrap()));
    }
    by_tile
        .into_values()
        .filter_map(|(fills, bounds)| {
            let fills = fills
                .into_iter()
                .zip(&colors)
                .filter(|((_, n), _)| *n > 0)
                .map(|((path, cells), color)| TileFill { color: (*color).to_owned(), path, cells })
                .collect();
            Some(Tile { bounds: bounds?, fills })
        })
        .collect()
}

impl Tile {
    /// Whether any of the tile may be on screen.
    pub fn is_visible(&self, viewport: &Viewport) -> bool {
        let (view, b) = (viewport.visible_world(), self.bounds);
        b.min.x <= view.max.x && b.max.x >= view.min.x && b.min.y <= view.max.y && b.max.y >= view.min.y
    }
}

/// The tiles that overlap what the viewport shows.
pub fn visible<'a>(tiles: &'a [Tile], viewport: &'a Viewport) -> impl Iterator<Item = &'a Tile> {
    tiles.iter().filter(move |t| t.is_visible(viewport))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viewport::Point;
    use crate::{sample, Lang};

    /// Parses a tile path back into the hex centres it draws (slow and obvious).
    fn centres(path: &str, grid: &Grid) -> Vec<Cell> {
        let first = grid.hex_corners(Cell::ORIGIN)[0];
        path.split('M')
            .filter(|s| !s.is_empty())
            .map(|sub| {
                let xy: Vec<f64> = sub.split('l').next().unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
                grid.world_pos_to_hex(Point::new(xy[0] - first.x, xy[1] - first.y))
            })
            .collect()
    }

    #[test]
    fn every_cell_is_in_exactly_one_tile_in_its_phase_colour() {
        let j = sample::large(5_000);
        let grid = Grid::new();
        let tiles = tiles(&j, &grid);
        assert!(tiles.len() > 1, "a big map spans several tiles");
        let mut seen = std::collections::HashMap::new();
        for tile in &tiles {
            for fill in &tile.fills {
                let cells = centres(&fill.path, &grid);
                assert_eq!(cells.len(), fill.cells);
                for cell in cells {
                    let a = j.at(cell).expect("a drawn hex is a cell of the map");
                    let color = a.phase.and_then(|p| j.phase(p)).map_or(Phase::NO_PHASE_COLOR, |p| p.color.as_str());
                    assert_eq!(fill.color, color);
                    assert!(tile.bounds.contains(grid.hex_to_world_pos(cell)));
                    *seen.entry(cell).or_insert(0) += 1;
                }
            }
        }
        assert_eq!(seen.len(), j.len());
        assert!(seen.values().all(|&n| n == 1));
    }

    #[test]
    fn each_hex_outline_closes_on_itself() {
        let tiles = tiles(&sample::journey(Lang::En), &Grid::new());
        let path = &tiles[0].fills[0].path;
        let moves: Vec<f64> = path
            .split('M')
            .nth(1)
            .unwrap()
            .split('l')
            .skip(1)
            .flat_map(|m| m.trim_end_matches('z').split(' ').map(|n| n.parse::<f64>().unwrap()).collect::<Vec<_>>())
            .collect();
        assert_eq!(moves.len(), 10, "five relative moves, then z closes the sixth side");
        let (dx, dy) = moves.chunks(2).fold((0.0, 0.0), |(x, y), m| (x + m[0], y + m[1]));
        // The sixth side goes back from the last corner to the first.
        let side = (dx * dx + dy * dy).sqrt();
        assert!((side - Grid::HEX_SIZE).abs() < 0.05, "{side}");
    }

    #[test]
    fn only_tiles_near_the_view_are_visible_and_they_hold_every_visible_cell() {
        let j = sample::large(10_000);
        let grid = Grid::new();
        let tiles = tiles(&j, &grid);
        let v = Viewport::new(800.0, 600.0, 1.0);
        let shown: Vec<&Tile> = visible(&tiles, &v).collect();
        assert!(shown.len() < tiles.len(), "far tiles are skipped");
        let view = v.visible_world();
        for a in j.activities().filter(|a| view.contains(grid.hex_to_world_pos(a.at))) {
            let centre = grid.hex_to_world_pos(a.at);
            assert!(shown.iter().any(|t| t.bounds.contains(centre)), "{:?} is on screen but not drawn", a.at);
        }
    }

    #[test]
    fn an_empty_map_has_no_tiles() {
        assert!(tiles(&Journey::new("t"), &Grid::new()).is_empty());
    }
}
