//! The honeycomb: pointy-top hexes on axial coordinates, built on `hexx`.
//!
//! `Cell` is our own serialised coordinate; `hexx::Hex` never reaches the file format, so a
//! change in hexx cannot change what users' files mean. `Grid` is the one layout the whole
//! app uses to go between cells and world positions.

use hexx::{Hex, HexLayout, Vec2};
use serde::{Deserialize, Serialize};

use crate::viewport::Point;

/// A position on the honeycomb, in axial coordinates (`q` to the right, `r` down-right).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cell {
    pub q: i32,
    pub r: i32,
}

impl Cell {
    pub const ORIGIN: Cell = Cell { q: 0, r: 0 };

    pub const fn new(q: i32, r: i32) -> Cell {
        Cell { q, r }
    }

    /// The six cells that share an edge with this one, clockwise from the east.
    pub fn all_neighbors(self) -> [Cell; 6] {
        self.to_hex().all_neighbors().map(Cell::from_hex)
    }

    pub fn is_neighbor(self, other: Cell) -> bool {
        self.distance_to(other) == 1
    }

    pub fn distance_to(self, other: Cell) -> u32 {
        self.to_hex().unsigned_distance_to(other.to_hex())
    }

    /// The cells at exactly `radius` steps from this one, in ring order (each touches the next,
    /// and the last touches the first).
    pub fn ring(self, radius: u32) -> impl ExactSizeIterator<Item = Cell> {
        self.to_hex().ring(radius).map(Cell::from_hex)
    }

    /// The offset that moves `self` onto `other`; `Cell + offset` applies it.
    pub fn offset_to(self, other: Cell) -> Cell {
        Cell::new(other.q - self.q, other.r - self.r)
    }

    pub fn offset_by(self, offset: Cell) -> Cell {
        Cell::new(self.q + offset.q, self.r + offset.r)
    }

    pub fn to_hex(self) -> Hex {
        Hex::new(self.q, self.r)
    }

    pub fn from_hex(hex: Hex) -> Cell {
        Cell::new(hex.x, hex.y)
    }
}

/// The layout of the honeycomb in world units: pointy-top hexes of `HEX_SIZE` (centre to
/// corner), y pointing down like the screen. At zoom 1 a world unit is a CSS pixel.
#[derive(Clone, Debug)]
pub struct Grid {
    layout: HexLayout,
}

impl Grid {
    pub const HEX_SIZE: f64 = 48.0;

    pub fn new() -> Grid {
        // hexx's y axis grows with r, which on a screen (y down) puts r = 1 below r = 0.
        Grid { layout: HexLayout::pointy().with_hex_size(Self::HEX_SIZE as f32) }
    }

    pub fn hex_to_world_pos(&self, cell: Cell) -> Point {
        to_point(self.layout.hex_to_world_pos(cell.to_hex()))
    }

    pub fn world_pos_to_hex(&self, pos: Point) -> Cell {
        Cell::from_hex(self.layout.world_pos_to_hex(Vec2::new(pos.x as f32, pos.y as f32)))
    }

    pub fn hex_corners(&self, cell: Cell) -> [Point; 6] {
        self.layout.hex_corners(cell.to_hex()).map(to_point)
    }

    /// Width of one hex (flat side to flat side) in world units.
    pub fn hex_width(&self) -> f64 {
        Self::HEX_SIZE * 3f64.sqrt()
    }
}

impl Default for Grid {
    fn default() -> Grid {
        Grid::new()
    }
}

fn to_point(v: Vec2) -> Point {
    Point::new(f64::from(v.x), f64::from(v.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_round_trips_through_its_world_position() {
        let grid = Grid::new();
        for q in -60..=60 {
            for r in -60..=60 {
                let cell = Cell::new(q, r);
                assert_eq!(grid.world_pos_to_hex(grid.hex_to_world_pos(cell)), cell);
            }
        }
    }

    #[test]
    fn points_just_inside_a_corner_belong_to_that_cell() {
        let grid = Grid::new();
        let cell = Cell::new(3, -2);
        let centre = grid.hex_to_world_pos(cell);
        for corner in grid.hex_corners(cell) {
            let inside = Point::new(
                centre.x + (corner.x - centre.x) * 0.95,
                centre.y + (corner.y - centre.y) * 0.95,
            );
            assert_eq!(grid.world_pos_to_hex(inside), cell);
        }
    }

    #[test]
    fn hexes_are_pointy_top() {
        let grid = Grid::new();
        let corners = grid.hex_corners(Cell::ORIGIN);
        let top = corners.iter().map(|c| c.y).fold(f64::INFINITY, f64::min);
        // A pointy-top hex has exactly one corner at its top.
        let at_top = corners.iter().filter(|c| (c.y - top).abs() < 1e-3).count();
        assert_eq!(at_top, 1);
        assert!((top + Grid::HEX_SIZE).abs() < 1e-3);
    }

    #[test]
    fn neighbours_are_at_distance_one_and_touch() {
        let grid = Grid::new();
        let cell = Cell::new(-4, 7);
        let neighbours = cell.all_neighbors();
        assert_eq!(neighbours.len(), 6);
        for n in neighbours {
            assert!(cell.is_neighbor(n));
            let (a, b) = (grid.hex_to_world_pos(cell), grid.hex_to_world_pos(n));
            let gap = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
            assert!((gap - grid.hex_width()).abs() < 1e-3, "neighbour centres are one width apart");
        }
    }

    #[test]
    fn ring_of_radius_2_has_12_cells_each_touching_the_next() {
        let ring: Vec<Cell> = Cell::ORIGIN.ring(2).collect();
        assert_eq!(ring.len(), 12);
        for (i, c) in ring.iter().enumerate() {
            assert_eq!(c.distance_to(Cell::ORIGIN), 2);
            assert!(c.is_neighbor(ring[(i + 1) % ring.len()]));
        }
    }

    #[test]
    fn increasing_r_moves_down_the_screen() {
        let grid = Grid::new();
        assert!(grid.hex_to_world_pos(Cell::new(0, 1)).y > grid.hex_to_world_pos(Cell::ORIGIN).y);
    }
}
