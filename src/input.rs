//! Input on the canvas: pointer events through the core's gesture machine and keys through
//! the core's key map, turned into edits and camera moves.

use favo_core::gesture::{Action, Gesture, Modifiers, Pointer, PointerKind};
use favo_core::hit::{hit_test, in_rect, stroke_at, Stroke};
use favo_core::keys::{command_for, Command, Direction};
use favo_core::{EditError, Grid, Point, Viewport};
use leptos::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent};

use crate::state::{Ctx, Notice};

/// Pointer position relative to the stage, with what is under it.
pub fn pointer(ctx: Ctx, stage: &web_sys::HtmlElement, ev: &PointerEvent) -> Pointer {
    let rect = stage.get_bounding_client_rect();
    let pos = Point::new(f64::from(ev.client_x()) - rect.left(), f64::from(ev.client_y()) - rect.top());
    let vp = ctx.viewport.get_untracked();
    let target = ctx.editor.with_untracked(|e| hit_test(e.journey(), &Grid::new(), &vp, pos));
    Pointer {
        id: ev.pointer_id(),
        pos,
        kind: PointerKind::from_dom(&ev.pointer_type()),
        button: ev.button(),
        shift: ev.shift_key(),
        alt: ev.alt_key(),
        target,
    }
}

/// A click (not a drag) on a link's arrow or a persona's route picks it for the inspector.
/// Returns whether it did; the press is then done with.
pub fn pick_stroke(ctx: Ctx, p: &Pointer) -> bool {
    let click = ctx.gesture.with_untracked(|g| matches!(g, Gesture::Pointing { pointer, .. } if pointer.button == 0 && !pointer.shift && !pointer.alt));
    if !click || ctx.linking.get_untracked().is_some() || ctx.path_mode.get_untracked() {
        return false;
    }
    let vp = ctx.viewport.get_untracked();
    let focus = ctx.persona.get_untracked().filter(|_| ctx.persona_filter.get_untracked());
    let Some(stroke) = ctx.editor.with_untracked(|e| stroke_at(e.journey(), &Grid::new(), &vp, p.pos, focus)) else { return false };
    ctx.gesture.set(Gesture::Idle);
    ctx.editor.update(|e| e.selection.clear());
    if let Stroke::Route(persona) = stroke {
        ctx.persona.set(Some(persona));
    }
    ctx.picked.set(Some(stroke));
    true
}

/// Feeds one pointer event to the gesture machine and carries out what it answers.
pub fn drive(ctx: Ctx, step: impl FnOnce(&mut Gesture, Modifiers) -> Vec<Action>) {
    let actions = ctx.editor.with_untracked(|e| {
        let m = Modifiers {
            space: ctx.space.get_untracked(),
            tool: ctx.tool.get_untracked(),
            selection: Some(&e.selection),
            linking: ctx.linking.get_untracked(),
            path_for: ctx.persona.get_untracked().filter(|_| ctx.path_mode.get_untracked()),
        };
        ctx.gesture.try_update(|g| step(g, m)).unwrap_or_default()
    });
    for action in actions {
        run(ctx, action);
    }
}

fn run(ctx: Ctx, action: Action) {
    match action {
        Action::Pan { dx, dy } => ctx.viewport.update(|v| v.pan_by(dx, dy)),
        Action::Zoom { anchor, factor } => ctx.viewport.update(|v| v.zoom_at(anchor, factor)),
        Action::Select(ids) => ctx.editor.update(|e| e.select(ids)),
        Action::Toggle(ids) => ctx.editor.update(|e| e.toggle(&ids)),
        Action::ClearSelection => ctx.editor.update(|e| e.selection.clear()),
        Action::SelectInRect { rect, additive } => {
            let vp = ctx.viewport.get_untracked();
            ctx.editor.update(|e| {
                let ids = in_rect(e.journey(), &Grid::new(), &vp, rect);
                if additive {
                    e.selection.extend(ids);
                } else {
                    e.select(ids);
                }
            });
        }
        Action::AddCell(cell) => {
            let _ = ctx.editor.try_update(|e| e.add_cell(cell));
        }
        Action::Move { ids, from, to } => refuse_visibly(ctx, ctx.editor.try_update(|e| e.move_cells(&ids, from, to))),
        Action::Link { from, to } => {
            if let Some(Err(EditError::BadLink(_))) = ctx.editor.try_update(|e| e.link(from, to)) {
                ctx.tell(Notice::AlreadyLinked);
            }
        }
        Action::AppendStep { persona, cell } => match ctx.insert_at.get_untracked() {
            // "Insert here" was chosen: steps go in there, one after the other.
            Some(at) => {
                if let Some(Ok(())) = ctx.editor.try_update(|e| e.insert_step(persona, at, cell)) {
                    ctx.insert_at.set(Some(at + 1));
                }
            }
            None => {
                let _ = ctx.editor.try_update(|e| e.append_step(persona, cell));
            }
        },
        Action::StopLinking => {
            ctx.linking.set(None);
            if ctx.status.get_untracked() == Some(Notice::PickLinkTarget) {
                ctx.status.set(None);
            }
        }
        Action::Redraw => {}
    }
}

/// A move onto a taken cell changes nothing; the user is told why.
fn refuse_visibly(ctx: Ctx, result: Option<Result<(), EditError>>) {
    if let Some(Err(EditError::Occupied(_) | EditError::Collision(_))) = result {
        ctx.tell(Notice::DropRefused);
    }
}

pub fn on_key(ctx: Ctx, ev: KeyboardEvent) {
    if ev.key() == " " {
        ctx.space.set(true);
        ev.prevent_default();
        return;
    }
    let Some(command) = command_for(&ev.key(), ev.ctrl_key() || ev.meta_key(), ev.shift_key()) else { return };
    ev.prevent_default();
    match command {
        Command::Undo => ctx.editor.update(|e| {
            e.undo();
        }),
        Command::Redo => ctx.editor.update(|e| {
            e.redo();
        }),
        Command::Delete => match ctx.picked.get_untracked() {
            Some(Stroke::Link(link)) => {
                ctx.picked.set(None);
                let _ = ctx.editor.try_update(|e| e.unlink(link));
            }
            _ => {
                let _ = ctx.editor.try_update(|e| e.delete_selection());
            }
        },
        Command::SelectAll => ctx.editor.update(|e| e.select_all()),
        Command::Cancel if ctx.linking.get_untracked().is_some() => run(ctx, Action::StopLinking),
        Command::Cancel if ctx.path_mode.get_untracked() => ctx.path_mode.set(false),
        Command::Cancel if ctx.picked.get_untracked().is_some() => ctx.picked.set(None),
        Command::Cancel => {
            if ctx.gesture.with_untracked(|g| *g == Gesture::Idle) {
                ctx.editor.update(|e| e.selection.clear());
            } else {
                ctx.gesture.update(|g| {
                    g.cancel();
                });
            }
        }
        Command::EditLabel => {
            if let Some(id) = ctx.editor.with_untracked(|e| e.single_selected().map(|a| a.id)) {
                ctx.editor.update(|e| e.select([id]));
                ctx.editing.set(Some(id));
            }
        }
        Command::Link => {
            if let Some(id) = ctx.editor.with_untracked(|e| e.single_selected().map(|a| a.id)) {
                ctx.linking.set(Some(id));
                ctx.status.set(Some(Notice::PickLinkTarget));
            }
        }
        Command::AddCell => {
            let center = view_centre(ctx);
            if let Some(Ok(id)) = ctx.editor.try_update(|e| e.add_beside_selection(center)) {
                ctx.editing.set(Some(id));
            }
        }
        Command::Nudge(direction) => {
            if ctx.selection.get_untracked().is_empty() {
                let (dx, dy) = match direction {
                    Direction::Left => (60.0, 0.0),
                    Direction::Right => (-60.0, 0.0),
                    Direction::Up => (0.0, 60.0),
                    Direction::Down => (0.0, -60.0),
                };
                ctx.viewport.update(|v| v.pan_by(dx, dy));
            } else {
                refuse_visibly(ctx, ctx.editor.try_update(|e| e.nudge(direction)));
            }
        }
        Command::ZoomIn => ctx.viewport.update(|v| v.zoom_centered(Viewport::ZOOM_STEP)),
        Command::ZoomOut => ctx.viewport.update(|v| v.zoom_centered(1.0 / Viewport::ZOOM_STEP)),
        Command::ZoomToFit => ctx.zoom_to_fit(),
        Command::Help => crate::help::open(),
        Command::Duplicate => {
            let _ = ctx.editor.try_update(|e| e.duplicate_selection());
        }
    }
}


/// The cell in the middle of the view.
fn view_centre(ctx: Ctx) -> favo_core::Cell {
    Grid::new().world_pos_to_hex(ctx.viewport.with_untracked(Viewport::center_world))
}

/// Where a paste lands: the cell under the pointer, or the middle of the view.
fn paste_anchor(ctx: Ctx) -> favo_core::Cell {
    ctx.hover.get_untracked().unwrap_or_else(|| view_centre(ctx))
}

/// The browser's copy and cut (Ctrl/Cmd+C, X, or the menu): the selection goes to the
/// system clipboard as a small map file, readable by any Favo.
pub fn on_copy(ctx: Ctx, ev: web_sys::ClipboardEvent, cut: bool) {
    let Some(text) = ctx.editor.with_untracked(|e| e.copy_selection()) else { return };
    if let Some(data) = ev.clipboard_data() {
        if data.set_data("text/plain", &text).is_ok() {
            ev.prevent_default();
            if cut {
                let _ = ctx.editor.try_update(|e| e.delete_selection());
            }
        }
    }
}

/// The browser's paste: a map from the clipboard, or lines of text as new cells.
pub fn on_paste(ctx: Ctx, ev: web_sys::ClipboardEvent) {
    let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return };
    ev.prevent_default();
    let anchor = paste_anchor(ctx);
    let _ = ctx.editor.try_update(|e| e.paste(&text, anchor));
}
