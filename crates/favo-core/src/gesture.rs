//! Pointer gestures as an explicit state machine (tldraw's `StateNode` tools, in small).
//!
//! The web app feeds it pointer events (mouse, touch and pen alike) with what is under the
//! pointer; it answers with [`Action`]s for the app to carry out. Nothing here touches the
//! document: a drag only becomes an edit when it is dropped, so one drag is one undo step.

use crate::grid::Cell;
use crate::hit::Target;
use crate::journey::{ActivityId, PersonaId};
use crate::scene::Selection;
use crate::viewport::{Point, Rect};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PointerKind {
    #[default]
    Mouse,
    Touch,
    Pen,
}

impl PointerKind {
    /// The DOM's `pointerType`.
    pub fn from_dom(s: &str) -> PointerKind {
        match s {
            "touch" => PointerKind::Touch,
            "pen" => PointerKind::Pen,
            _ => PointerKind::Mouse,
        }
    }

    /// How far a press may wander and still be a click: fingers are less precise.
    fn slop(self) -> f64 {
        if self == PointerKind::Touch {
            8.0
        } else {
            4.0
        }
    }
}

/// One pointer event, in screen CSS px, with what is under it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub id: i32,
    pub pos: Point,
    pub kind: PointerKind,
    /// DOM button: 0 primary, 1 middle, 2 secondary.
    pub button: i16,
    pub shift: bool,
    /// Alt (Option on a Mac) held: a drag from a cell draws a link.
    pub alt: bool,
    pub target: Target,
}

/// What a drag on empty space does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tool {
    /// Drag pans; click adds a cell.
    #[default]
    Hand,
    /// Drag draws a selection box.
    Select,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub enum Gesture {
    #[default]
    Idle,
    /// Pressed, not yet moved far enough to be a drag.
    Pointing { pointer: Pointer, start: Point },
    DraggingCells { pointer: i32, ids: Vec<ActivityId>, grab: Cell, over: Cell },
    Panning { pointer: i32, last: Point },
    BoxSelecting { pointer: i32, start: Point, current: Point, additive: bool },
    /// Two fingers: pan with their midpoint, zoom with their spread.
    Pinching { a: (i32, Point), b: (i32, Point) },
    /// Alt+drag from a cell: a link follows the pointer until it is dropped on another cell.
    Linking { pointer: i32, from: ActivityId, at: Point },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Pan { dx: f64, dy: f64 },
    Zoom { anchor: Point, factor: f64 },
    /// Select exactly these.
    Select(Vec<ActivityId>),
    /// Add these to the selection, or remove them if all already in it (shift-click).
    Toggle(Vec<ActivityId>),
    SelectInRect { rect: Rect, additive: bool },
    ClearSelection,
    AddCell(Cell),
    /// Drop dragged cells: move `ids` by the offset from `from` to `to`.
    Move { ids: Vec<ActivityId>, from: Cell, to: Cell },
    /// Link one cell to another.
    Link { from: ActivityId, to: ActivityId },
    /// Leave "pick the cell to link to" mode.
    StopLinking,
    /// Path mode: the next step of a persona's path.
    AppendStep { persona: PersonaId, cell: ActivityId },
    /// Something visible changed (a drag preview, the selection box): redraw the overlay.
    Redraw,
}

/// Context for a press that the state machine does not own.
#[derive(Clone, Copy, Debug, Default)]
pub struct Modifiers<'a> {
    /// Space is held: any drag pans.
    pub space: bool,
    pub tool: Tool,
    pub selection: Option<&'a Selection>,
    /// "Pick the cell to link to" mode (after the L key): the next press on a cell links
    /// this one to it.
    pub linking: Option<ActivityId>,
    /// Path mode: each press on a cell adds it as the next step of this persona's path.
    pub path_for: Option<PersonaId>,
}

impl Gesture {
    pub fn down(&mut self, p: Pointer, m: Modifiers) -> Vec<Action> {
        match self.clone() {
            Gesture::Idle if m.path_for.is_some() && p.button == 0 && !m.space => match (m.path_for, p.target) {
                (Some(persona), Target::Activity(cell, _)) => vec![Action::AppendStep { persona, cell }],
                _ => vec![],
            },
            Gesture::Idle if m.linking.is_some() => match (m.linking, p.target) {
                (Some(from), Target::Activity(to, _)) if to != from => vec![Action::Link { from, to }, Action::StopLinking],
                _ => vec![Action::StopLinking],
            },
            Gesture::Idle if p.alt && p.button == 0 && !m.space => match p.target {
                Target::Activity(from, _) => {
                    *self = Gesture::Linking { pointer: p.id, from, at: p.pos };
                    vec![Action::Redraw]
                }
                Target::Empty(_) => vec![],
            },
            Gesture::Idle => {
                *self = if m.space || p.button == 1 {
                    Gesture::Panning { pointer: p.id, last: p.pos }
                } else if p.button != 0 {
                    Gesture::Idle
                } else if matches!(p.target, Target::Empty(_)) && (p.shift || m.tool == Tool::Select) {
                    Gesture::BoxSelecting { pointer: p.id, start: p.pos, current: p.pos, additive: p.shift }
                } else {
                    Gesture::Pointing { pointer: p, start: p.pos }
                };
                vec![]
            }
            // A second finger turns a press or a pan into a pinch.
            Gesture::Pointing { pointer: first, .. } if first.kind == PointerKind::Touch && p.id != first.id => {
                *self = Gesture::Pinching { a: (first.id, first.pos), b: (p.id, p.pos) };
                vec![]
            }
            Gesture::Panning { pointer, last } if p.kind == PointerKind::Touch && p.id != pointer => {
                *self = Gesture::Pinching { a: (pointer, last), b: (p.id, p.pos) };
                vec![]
            }
            _ => vec![],
        }
    }

    pub fn moved(&mut self, p: Pointer, m: Modifiers) -> Vec<Action> {
        match self {
            Gesture::Pointing { pointer, start } if pointer.id == p.id => {
                if p.pos.distance_to(*start) < pointer.kind.slop() {
                    return vec![];
                }
                let (first, start) = (*pointer, *start);
                match first.target {
                    Target::Activity(id, cell) => {
                        let selected = m.selection.is_some_and(|s| s.contains(&id));
                        let ids: Vec<ActivityId> = match m.selection {
                            Some(s) if selected => s.iter().copied().collect(),
                            _ => vec![id],
                        };
                        *self = Gesture::DraggingCells { pointer: p.id, ids: ids.clone(), grab: cell, over: p.target.cell() };
                        let select = if selected { vec![] } else { vec![Action::Select(ids)] };
                        select.into_iter().chain([Action::Redraw]).collect()
                    }
                    Target::Empty(_) => {
                        *self = Gesture::Panning { pointer: p.id, last: p.pos };
                        vec![Action::Pan { dx: p.pos.x - start.x, dy: p.pos.y - start.y }]
                    }
                }
            }
            Gesture::DraggingCells { pointer, over, .. } if *pointer == p.id => {
                let cell = p.target.cell();
                if *over == cell {
                    return vec![];
                }
                *over = cell;
                vec![Action::Redraw]
            }
            Gesture::Panning { pointer, last } if *pointer == p.id => {
                let (dx, dy) = (p.pos.x - last.x, p.pos.y - last.y);
                *last = p.pos;
                vec![Action::Pan { dx, dy }]
            }
            Gesture::BoxSelecting { pointer, current, .. } if *pointer == p.id => {
                *current = p.pos;
                vec![Action::Redraw]
            }
            Gesture::Linking { pointer, at, .. } if *pointer == p.id => {
                *at = p.pos;
                vec![Action::Redraw]
            }
            Gesture::Pinching { a, b } if a.0 == p.id || b.0 == p.id => {
                let (old_mid, old_spread) = (a.1.midpoint(b.1), a.1.distance_to(b.1));
                if a.0 == p.id { a.1 = p.pos } else { b.1 = p.pos }
                let (mid, spread) = (a.1.midpoint(b.1), a.1.distance_to(b.1));
                let mut out = vec![Action::Pan { dx: mid.x - old_mid.x, dy: mid.y - old_mid.y }];
                if old_spread > 1.0 && spread > 1.0 {
                    out.push(Action::Zoom { anchor: mid, factor: spread / old_spread });
                }
                out
            }
            _ => vec![],
        }
    }

    pub fn up(&mut self, p: Pointer) -> Vec<Action> {
        let state = std::mem::take(self);
        match state {
            Gesture::Pointing { pointer, .. } if pointer.id == p.id => match pointer.target {
                Target::Activity(id, _) if pointer.shift => vec![Action::Toggle(vec![id])],
                Target::Activity(id, _) => vec![Action::Select(vec![id])],
                Target::Empty(cell) => vec![Action::AddCell(cell)],
            },
            Gesture::DraggingCells { pointer, ids, grab, .. } if pointer == p.id => {
                let to = p.target.cell();
                if to == grab {
                    vec![Action::Redraw]
                } else {
                    vec![Action::Move { ids, from: grab, to }, Action::Redraw]
                }
            }
            Gesture::BoxSelecting { pointer, start, additive, .. } if pointer == p.id => {
                vec![Action::SelectInRect { rect: Rect::from_corners(start, p.pos), additive }, Action::Redraw]
            }
            Gesture::Panning { pointer, .. } if pointer == p.id => vec![],
            Gesture::Linking { pointer, from, .. } if pointer == p.id => match p.target {
                Target::Activity(to, _) if to != from => vec![Action::Link { from, to }, Action::Redraw],
                _ => vec![Action::Redraw],
            },
            // Lifting one finger of a pinch goes on panning with the other.
            Gesture::Pinching { a, b } if a.0 == p.id || b.0 == p.id => {
                let (id, last) = if a.0 == p.id { b } else { a };
                *self = Gesture::Panning { pointer: id, last };
                vec![]
            }
            other => {
                *self = other;
                vec![]
            }
        }
    }

    /// The pointer was lost (the browser took it, the window lost focus) or Escape was pressed:
    /// abandon whatever was under way without changing anything.
    pub fn cancel(&mut self) -> Vec<Action> {
        let busy = !matches!(self, Gesture::Idle);
        *self = Gesture::Idle;
        if busy {
            vec![Action::Redraw]
        } else {
            vec![]
        }
    }

    pub fn is_dragging_cells(&self) -> bool {
        matches!(self, Gesture::DraggingCells { .. })
    }
}

/// Zoom factor for a wheel event: smooth for trackpads, one notch ≈ 10 % for mice.
/// `delta_mode` is the DOM's: 0 pixels, 1 lines, 2 pages.
pub fn wheel_zoom_factor(delta_y: f64, delta_mode: u32) -> f64 {
    let px = match delta_mode {
        1 => delta_y * 16.0,
        2 => delta_y * 400.0,
        _ => delta_y,
    };
    (-px.clamp(-200.0, 200.0) * 0.001).exp()
}

#[cfg(test)]
#[path = "gesture_tests.rs"]
mod tests;
