//! The honeycomb canvas: two stacked canvases (static cells, interactive overlay) sized in
//! device pixels, with the stage's pointer, wheel and keyboard handlers wired to `input`
//! and painting to `frames`.

use favo_core::gesture::{self, Gesture, PointerKind};
use favo_core::hit::{hit_test, Target};
use favo_core::{Grid, Point};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent};

use crate::frames::Frames;
use crate::painter::context_2d;
use crate::i18n::*;
use crate::input::{drive, on_copy, on_key, on_paste, pick_stroke, pointer};
use crate::label_editor::LabelEditor;
use crate::state::use_ctx;

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
        ctx.generation.track();
        ctx.viewport.track();
        ctx.lang.track();
        ctx.ready.track();
        ctx.persona.track();
        ctx.persona_filter.track();
        ctx.map_data.track();
        frames.request(ctx, true);
    });
    Effect::new(move |_| {
        ctx.selection.track();
        ctx.picked.track();
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
        if pick_stroke(ctx, &p) {
            return;
        }
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
        } else if ctx.linking.get().is_some()
            || (ctx.path_mode.get() && ctx.persona.get().is_some())
            || ctx.gesture.with(|g| matches!(g, Gesture::Linking { .. }))
        {
            c.push_str(" linking");
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
            on:copy=move |ev| on_copy(ctx, ev, false)
            on:cut=move |ev| on_copy(ctx, ev, true)
            on:paste=move |ev| on_paste(ctx, ev)
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
