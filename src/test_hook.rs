//! `window.__favo`: a read-only view of the app for the end-to-end tests and the benchmark
//! (where cells are on the page, what is selected, frame times). It changes nothing.

use favo_core::{Cell, Grid};
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::frames::FRAME_TIMES;
use crate::state::Ctx;

fn stage_origin() -> (f64, f64) {
    document()
        .get_element_by_id("stage")
        .map(|el| {
            let r = el.get_bounding_client_rect();
            (r.left(), r.top())
        })
        .unwrap_or((0.0, 0.0))
}

fn to_js(value: serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

fn screen_of(ctx: Ctx, cell: Cell) -> serde_json::Value {
    let (left, top) = stage_origin();
    let p = ctx.viewport.with_untracked(|v| v.world_to_screen(Grid::new().hex_to_world_pos(cell)));
    json!({ "x": p.x + left, "y": p.y + top })
}

pub fn install(ctx: Ctx) {
    let hook = js_sys::Object::new();
    let set = |name: &str, f: JsValue| {
        let _ = js_sys::Reflect::set(&hook, &name.into(), &f);
    };
    // Ready once the map is loaded and a frame has been painted.
    let ready = move || ctx.ready.get_untracked() && FRAME_TIMES.with(|t| !t.borrow().is_empty());
    set("ready", Closure::<dyn Fn() -> bool>::new(ready).into_js_value());
    set(
        "cells",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            let lang = ctx.lang.get_untracked();
            let cells: Vec<_> = ctx.editor.with_untracked(|e| {
                let j = e.journey();
                j.activities()
                    .map(|a| {
                        let at = screen_of(ctx, a.at);
                        let phase = a.phase.and_then(|p| j.phase(p)).map(|p| p.name(lang).to_owned());
                        json!({ "id": a.id.0, "label": a.label, "q": a.at.q, "r": a.at.r, "phase": phase, "x": at["x"], "y": at["y"] })
                    })
                    .collect()
            });
            to_js(json!(cells))
        })
        .into_js_value(),
    );
    set(
        "screenOf",
        Closure::<dyn Fn(i32, i32) -> JsValue>::new(move |q, r| to_js(screen_of(ctx, Cell::new(q, r)))).into_js_value(),
    );
    set(
        "selection",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            to_js(json!(ctx.selection.get_untracked().iter().map(|id| id.0).collect::<Vec<_>>()))
        })
        .into_js_value(),
    );
    set(
        "links",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            let links: Vec<_> = ctx.editor.with_untracked(|e| e.journey().links().map(|l| json!([l.from.0, l.to.0])).collect());
            to_js(json!(links))
        })
        .into_js_value(),
    );
    set(
        "touchpoints",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            let list: Vec<_> = ctx.editor.with_untracked(|e| {
                e.journey()
                    .touchpoints()
                    .map(|(a, t)| json!({ "cell": a.id.0, "id": t.id.0, "name": t.name, "channel": t.channel.key(), "status": format!("{:?}", t.status), "owner": t.owner }))
                    .collect()
            });
            to_js(json!(list))
        })
        .into_js_value(),
    );
    set(
        "clusters",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            let list: Vec<_> = ctx.editor.with_untracked(|e| {
                favo_core::cluster::clusters(e.journey()).into_iter().map(|c| json!({ "name": c.name, "size": c.cells.len() })).collect()
            });
            to_js(json!(list))
        })
        .into_js_value(),
    );
    set(
        "personas",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            let list: Vec<_> = ctx.editor.with_untracked(|e| {
                e.journey()
                    .personas()
                    .iter()
                    .map(|p| json!({ "id": p.id.0, "name": p.name, "stage": format!("{:?}", p.stage),
                        "steps": p.path.iter().map(|s| json!([s.cell.0, s.as_is, s.to_be, s.note])).collect::<Vec<_>>() }))
                    .collect()
            });
            to_js(json!(list))
        })
        .into_js_value(),
    );
    set("zoom", Closure::<dyn Fn() -> f64>::new(move || ctx.viewport.with_untracked(|v| v.zoom)).into_js_value());
    set(
        "frameTimes",
        Closure::<dyn Fn() -> JsValue>::new(|| to_js(json!(FRAME_TIMES.with(|t| t.borrow().clone())))).into_js_value(),
    );
    set("resetFrameTimes", Closure::<dyn Fn()>::new(|| FRAME_TIMES.with(|t| t.borrow_mut().clear())).into_js_value());
    let _ = js_sys::Reflect::set(&window(), &"__favo".into(), &hook);
}
