//! The keyboard map: which key does what on the canvas. Kept here so the shortcuts are
//! one table, tested natively, and listed in the help from the same source.

use crate::grid::Cell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    /// The neighbouring cell in this direction. Pointy-top hexes have no neighbour straight
    /// above, so up and down zig-zag by row: pressing Up twice goes straight up.
    pub fn step(self, from: Cell) -> Cell {
        let even = from.r.rem_euclid(2) == 0;
        let (dq, dr) = match self {
            Direction::Left => (-1, 0),
            Direction::Right => (1, 0),
            Direction::Up if even => (1, -1),
            Direction::Up => (0, -1),
            Direction::Down if even => (0, 1),
            Direction::Down => (-1, 1),
        };
        Cell::new(from.q + dq, from.r + dr)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    Delete,
    SelectAll,
    /// Escape: leave a gesture or the selection.
    Cancel,
    EditLabel,
    /// Add a cell beside the selection and edit its label.
    AddCell,
    /// Link the selected cell to the next cell clicked.
    Link,
    /// Arrow keys: move the selection one cell, or pan when nothing is selected.
    Nudge(Direction),
    ZoomIn,
    ZoomOut,
    ZoomToFit,
    /// `?`: the list of shortcuts.
    Help,
    /// Ctrl/Cmd+D: a copy of the selection beside it.
    Duplicate,
}

/// The command for a key press on the canvas. `key` is the DOM's `KeyboardEvent.key`;
/// `command` is Ctrl on Windows/Linux or Cmd on macOS.
pub fn command_for(key: &str, command: bool, shift: bool) -> Option<Command> {
    use Command::*;
    let key_lower = key.to_ascii_lowercase();
    Some(match (key_lower.as_str(), command, shift) {
        ("z", true, false) => Undo,
        ("z", true, true) | ("y", true, false) => Redo,
        ("a", true, _) => SelectAll,
        ("d", true, false) => Duplicate,
        ("delete" | "backspace", false, _) => Delete,
        ("escape", ..) => Cancel,
        ("enter" | "f2", false, _) => EditLabel,
        ("n" | "insert", false, false) => AddCell,
        ("l", false, false) => Link,
        ("arrowleft", false, _) => Nudge(Direction::Left),
        ("arrowright", false, _) => Nudge(Direction::Right),
        ("arrowup", false, _) => Nudge(Direction::Up),
        ("arrowdown", false, _) => Nudge(Direction::Down),
        ("+" | "=", false, _) => ZoomIn,
        ("-" | "_", false, _) => ZoomOut,
        ("0", false, _) => ZoomToFit,
        ("?", false, _) => Help,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_twice_goes_straight_up_and_down_comes_back() {
        let grid = crate::Grid::new();
        for start in [Cell::new(0, 0), Cell::new(3, -1), Cell::new(-2, 5)] {
            let up2 = Direction::Up.step(Direction::Up.step(start));
            let (a, b) = (grid.hex_to_world_pos(start), grid.hex_to_world_pos(up2));
            assert!((a.x - b.x).abs() < 1e-3 && b.y < a.y, "{start:?} -> {up2:?}");
            assert_eq!(Direction::Down.step(Direction::Up.step(start)), start);
            assert_eq!(Direction::Left.step(Direction::Right.step(start)), start);
        }
    }

    #[test]
    fn every_step_lands_on_a_neighbour() {
        for d in [Direction::Left, Direction::Right, Direction::Up, Direction::Down] {
            for c in [Cell::new(0, 0), Cell::new(0, 1), Cell::new(-3, -3)] {
                assert!(c.is_neighbor(d.step(c)), "{d:?} from {c:?}");
            }
        }
    }

    #[test]
    fn shortcuts() {
        assert_eq!(command_for("z", true, false), Some(Command::Undo));
        assert_eq!(command_for("Z", true, true), Some(Command::Redo));
        assert_eq!(command_for("y", true, false), Some(Command::Redo));
        assert_eq!(command_for("Delete", false, false), Some(Command::Delete));
        assert_eq!(command_for("Backspace", false, false), Some(Command::Delete));
        assert_eq!(command_for("Enter", false, false), Some(Command::EditLabel));
        assert_eq!(command_for("Escape", false, false), Some(Command::Cancel));
        assert_eq!(command_for("ArrowUp", false, false), Some(Command::Nudge(Direction::Up)));
        assert_eq!(command_for("+", false, true), Some(Command::ZoomIn));
        assert_eq!(command_for("-", false, false), Some(Command::ZoomOut));
        assert_eq!(command_for("0", false, false), Some(Command::ZoomToFit));
        assert_eq!(command_for("?", false, true), Some(Command::Help));
        assert_eq!(command_for("d", true, false), Some(Command::Duplicate));
        assert_eq!(command_for("n", false, false), Some(Command::AddCell));
        assert_eq!(command_for("l", false, false), Some(Command::Link));
        assert_eq!(command_for("z", false, false), None, "other plain letters are not shortcuts");
        assert_eq!(command_for("0", true, false), None, "Ctrl+0 stays the browser's");
    }
}
