//! The honeycomb canvas: two stacked canvases (static cells, interactive overlay), pointer
//! and keyboard input routed through the core's gesture machine and key map, and painting
//! coalesced to one pass per animation frame.

use std::cell::{Cell as StdCell, RefCell};

use favo_core::gesture::{self, Action, Gesture, Modifiers, Pointer, PointerKind};
use favo_core::hit::{hit_test, in_rect, Target};
use favo_core::keys::{command_for, Command, Direction};
use favo_core::scene::{self, tiles};
use favo_core::{EditError, Grid, Point};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d as Ctx2d, HtmlCanvasElement, KeyboardEvent, PointerEvent};

use crate::i18n::*;
use crate::label_editor::LabelEditor;
use crate::painter;
use crate::state::{use_ctx, Ctx, Notice};

thread_local! {
    /// Milliseconds spent painting each frame, for the benchmark page.
    pub static FRAME_TIMES: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

/// A 2D context; `opaque` for the base layer, which paints its own background (the browser
/// then skips blending it with what is behind).
fn context_2d(canvas: &HtmlCanvasElement, opaque: bool) -> Option<Ctx2d> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"alpha".into(), &(!opaque).into());
    canvas.get_context_with_context_options("2d", &options).ok().flatten().and_then(|c| c.dyn_into().ok())
}

/// Pointer position relative to the stage, with what is under it.
fn pointer(ctx: Ctx, stage: &web_sys::HtmlElement, ev: &PointerEvent) -> Pointer {
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
        target,
    }
}

/// Feeds one pointer event to the gesture machine and carries out what it answers.
fn drive(ctx: Ctx, step: impl FnOnce(&mut Gesture, Modifiers) -> Vec<Action>) {
    let actions = ctx.editor.with_untracked(|e| {
        let m = Modifiers { space: ctx.space.get_untracked(), tool: ctx.tool.get_untracked(), selection: Some(&e.selection) };
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
        Action::Redraw => {}
    }
}

/// A move onto a taken cell changes nothing; the user is told why.
fn refuse_visibly(ctx: Ctx, result: Option<Result<(), EditError>>) {
    if let Some(Err(EditError::Occupied(_) | EditError::Collision(_))) = result {
        ctx.tell(Notice::DropRefused);
    }
}

fn on_key(ctx: Ctx, ev: KeyboardEvent) {
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
        Command::Delete => {
            let _ = ctx.editor.try_update(|e| e.delete_selection());
        }
        Command::SelectAll => ctx.editor.update(|e| e.select_all()),
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
        Command::ZoomIn => ctx.viewport.update(|v| v.zoom_centered(favo_core::Viewport::ZOOM_STEP)),
        Command::ZoomOut => ctx.viewport.update(|v| v.zoom_centered(1.0 / favo_core::Viewport::ZOOM_STEP)),
        Command::ZoomToFit => ctx.zoom_to_fit(),
    }
}

/// Paints the layers marked dirty, once per animation frame however many changes came in.
#[derive(Clone, Copy)]
struct Frames {
    layers: StoredValue<Option<(Ctx2d, Ctx2d)>, LocalStorage>,
    /// The map's fills, with the revision they were made from.
    tiles: StoredValue<Option<((bool, u64), painter::TileLayer)>, LocalStorage>,
    dirty_static: StoredValue<bool>,
    scheduled: StoredValue<bool>,
    /// Benchmark page: time the raster too.
    bench: bool,
}

impl Frames {
    fn request(self, ctx: Ctx, static_layer: bool) {
        if static_layer {
            self.dirty_static.set_value(true);
        }
        if self.scheduled.get_value() {
            return;
        }
        self.scheduled.set_value(true);
        request_animation_frame(move || {
            self.scheduled.set_value(false);
            self.paint(ctx);
        });
    }

    fn paint(self, ctx: Ctx) {
        let Some((base, overlay)) = self.layers.get_value() else { return };
        let start = now();
        let vp = ctx.viewport.get_untracked();
        let grid = Grid::new();
        if std::mem::take(&mut *self.dirty_static.write_value()) {
            let font = StdCell::new(0.0);
            let measure = |text: &str, px: f64| {
                if font.get() != px {
                    base.set_font(&painter::font(px));
                    font.set(px);
                }
                base.measure_text(text).map(|m| m.width()).unwrap_or(0.0)
            };
            // The loaded map replaces the empty one with a fresh editor at revision 0 again,
            // so "loaded" is part of the key.
            let revision = (ctx.ready.get_untracked(), ctx.revision.get_untracked());
            if self.tiles.with_value(|t| t.as_ref().map(|(r, _)| *r) != Some(revision)) {
                let tiles = ctx.editor.with_untracked(|e| tiles::tiles(e.journey(), &grid));
                self.tiles.set_value(Some((revision, painter::TileLayer::new(tiles))));
            }
            let s = ctx.editor.with_untracked(|e| scene::build(e.journey(), &grid, &vp, &measure));
            self.tiles.with_value(|t| {
                if let Some((_, layer)) = t {
                    painter::paint_scene(&base, layer, &s, &vp);
                }
            });
        }
        let o = ctx.editor.with_untracked(|e| {
            ctx.gesture.with_untracked(|g| scene::overlay(e.journey(), &grid, &vp, &e.selection, g, ctx.hover.get_untracked()))
        });
        painter::paint_overlay(&overlay, &o, &vp);
        if self.bench {
            // Canvas commands are recorded and rasterised later; reading a pixel back forces
            // the raster now, so the benchmark times all of a frame's drawing work.
            let _ = base.get_image_data(0.0, 0.0, 1.0, 1.0);
            let _ = overlay.get_image_data(0.0, 0.0, 1.0, 1.0);
        }
        FRAME_TIMES.with(|t| t.borrow_mut().push(now() - start));
    }
}

fn now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

#[component]
pub fn MapCanvas() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let stage = NodeRef::<html::Div>::new();
    let base = NodeRef::<html::Canvas>::new();
    let over = NodeRef::<html::Canvas>::new();
    let frames = Frames {
        layers: StoredValue::new_local(None),
        tiles: StoredValue::new_local(None),
        dirty_static: StoredValue::new(true),
        scheduled: StoredValue::new(false),
        bench: ctx.bench,
    };
    let sized = RwSignal::new(false);

    // Size both canvases in device pixels whenever the stage changes size.
    Effect::new(move |_| {
        let (Some(stage_el), Some(base_el), Some(over_el)) = (stage.get(), base.get(), over.get()) else { return };
        frames.layers.set_value(context_2d(&base_el, true).zip(context_2d(&over_el, false)));
        let el = stage_el.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || {
            let (w, h) = (f64::from(el.client_width()), f64::from(el.client_height()));
            let dpr = window().device_pixel_ratio();
            ctx.viewport.update(|v| v.resize(w.max(1.0), h.max(1.0), dpr));
            let (dw, dh) = ctx.viewport.with_untracked(|v| v.device_size());
            for c in [&base_el, &over_el] {
                c.set_width(dw);
                c.set_height(dh);
            }
            frames.request(ctx, true);
            sized.set(true);
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&stage_el);
            std::mem::forget(observer);
        }
        on_resize.forget();
        // Wheel zoom needs a non-passive listener to keep the page from scrolling.
        let on_wheel = Closure::<dyn Fn(web_sys::WheelEvent)>::new(move |ev: web_sys::WheelEvent| {
            ev.prevent_default();
            let anchor = Point::new(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
            let factor = gesture::wheel_zoom_factor(ev.delta_y(), ev.delta_mode());
            ctx.viewport.update(|v| v.zoom_at(anchor, factor));
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = stage_el.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            on_wheel.as_ref().unchecked_ref(),
            &options,
        );
        on_wheel.forget();
    });

    // Frame the map once it is loaded and the canvas has a size.
    let fitted = StoredValue::new(false);
    Effect::new(move |_| {
        if ctx.ready.get() && sized.get() && !fitted.get_value() {
            fitted.set_value(true);
            ctx.zoom_to_fit();
        }
    });

    Effect::new(move |_| {
        ctx.revision.track();
        ctx.viewport.track();
        ctx.lang.track();
        ctx.ready.track();
        frames.request(ctx, true);
    });
    Effect::new(move |_| {
        ctx.selection.track();
        ctx.gesture.track();
        ctx.hover.track();
        frames.request(ctx, false);
    });

    let on_down = move |ev: PointerEvent| {
        let Some(el) = stage.get_untracked() else { return };
        if !ctx.ready.get_untracked() {
            return;
        }
        let _ = el.focus();
        let _ = el.set_pointer_capture(ev.pointer_id());
        let p = pointer(ctx, &el, &ev);
        drive(ctx, |g, m| g.down(p, m));
    };
    let on_move = move |ev: PointerEvent| {
        let Some(el) = stage.get_untracked() else { return };
        let p = pointer(ctx, &el, &ev);
        if ctx.gesture.with_untracked(|g| *g == Gesture::Idle) {
            let hover = (p.kind != PointerKind::Touch).then(|| p.target.cell());
            if ctx.hover.get_untracked() != hover {
                ctx.hover.set(hover);
            }
            return;
        }
        drive(ctx, |g, m| g.moved(p, m));
    };
    let on_up = move |ev: PointerEvent| {
        let Some(el) = stage.get_untracked() else { return };
        let p = pointer(ctx, &el, &ev);
        drive(ctx, |g, _| g.up(p));
    };
    let on_cancel = move |_: PointerEvent| {
        ctx.gesture.update(|g| {
            g.cancel();
        })
    };
    let on_dblclick = move |ev: web_sys::MouseEvent| {
        let vp = ctx.viewport.get_untracked();
        let pos = Point::new(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let target = ctx.editor.with_untracked(|e| hit_test(e.journey(), &Grid::new(), &vp, pos));
        if let Target::Activity(id, _) = target {
            ctx.editor.update(|e| e.select([id]));
            ctx.editing.set(Some(id));
        }
    };

    let class = move || {
        let mut c = String::from("stage");
        if ctx.space.get() || ctx.gesture.with(|g| matches!(g, Gesture::Panning { .. } | Gesture::Pinching { .. })) {
            c.push_str(" panning");
        } else if ctx.tool.get() == gesture::Tool::Select {
            c.push_str(" selecting");
        }
        c
    };

    view! {
        <div
            id="stage"
            node_ref=stage
            class=class
            tabindex="0"
            role="application"
            aria-roledescription="honeycomb"
            aria-label=move || t_string!(i18n, canvas_label).to_string()
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
            on:lostpointercapture=on_cancel
            on:pointerleave=move |_| ctx.hover.set(None)
            on:dblclick=on_dblclick
            on:keydown=move |ev| on_key(ctx, ev)
            on:keyup=move |ev: KeyboardEvent| {
                if ev.key() == " " {
                    ctx.space.set(false);
                }
            }
            on:blur=move |_| ctx.space.set(false)
        >
            <canvas id="map" node_ref=base aria-hidden="true"></canvas>
            <canvas id="overlay" node_ref=over aria-hidden="true"></canvas>
            <LabelEditor/>
        </div>
    }
}
