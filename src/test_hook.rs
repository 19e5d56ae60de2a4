//! `window.__favo`: a read-only view of the app for the end-to-end tests and the benchmark
//! (where cells are on the page, what is selected, frame times). It changes nothing.

use favo_core::cluster::clusters;
use favo_core::{Cell, Grid, Journey};
use leptos::prelude::*;
use serde_json::{json, Value};
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
    // Most of the hook reads the map and answers with JSON.
    let set_json = |name: &str, f: Box<dyn Fn() -> Value>| set(name, Closure::<dyn Fn() -> JsValue>::new(move || to_js(f())).into_js_value());
    let of_map = move |f: fn(&Journey) -> Value| -> Box<dyn Fn() -> Value> { Box::new(move || ctx.editor.with_untracked(|e| f(e.journey()))) };

    // Ready once the map is loaded and a frame has been painted.
    let ready = move || ctx.ready.get_untracked() && FRAME_TIMES.with(|t| !t.borrow().is_empty());
    set("ready", Closure::<dyn Fn() -> bool>::new(ready).into_js_value());
    set_json(
        "cells",
        Box::new(move || {
            let lang = ctx.lang.get_untracked();
            ctx.editor.with_untracked(|e| {
                let j = e.journey();
                let cells: Vec<Value> = j
                    .activities()
                    .map(|a| {
                        let at = screen_of(ctx, a.at);
                        let phase = a.phase.and_then(|p| j.phase(p)).map(|p| p.name(lang).to_owned());
                        json!({ "id": a.id.0, "label": a.label, "q": a.at.q, "r": a.at.r, "phase": phase, "x": at["x"], "y": at["y"] })
                    })
                    .collect();
                json!(cells)
            })
        }),
    );
    set(
        "screenOf",
        Closure::<dyn Fn(i32, i32) -> JsValue>::new(move |q, r| to_js(screen_of(ctx, Cell::new(q, r)))).into_js_value(),
    );
    set_json("selection", Box::new(move || json!(ctx.selection.get_untracked().iter().map(|id| id.0).collect::<Vec<_>>())));
    set_json("links", of_map(|j| json!(j.links().map(|l| json!([l.from.0, l.to.0])).collect::<Vec<_>>())));
    set_json(
        "touchpoints",
        of_map(|j| {
            let list = j.touchpoints().map(|(a, t)| {
                json!({ "cell": a.id.0, "id": t.id.0, "name": t.name, "channel": t.channel.key(), "status": format!("{:?}", t.status), "owner": t.owner })
            });
            json!(list.collect::<Vec<_>>())
        }),
    );
    set_json(
        "clusters",
        of_map(|j| json!(clusters(j).into_iter().map(|c| json!({ "name": c.name, "size": c.cells.len() })).collect::<Vec<_>>())),
    );
    set_json(
        "personas",
        of_map(|j| {
            let list = j.personas().iter().map(|p| {
                let steps: Vec<Value> = p.path.iter().map(|s| json!([s.cell.0, s.as_is, s.to_be, s.note])).collect();
                json!({ "id": p.id.0, "name": p.name, "stage": format!("{:?}", p.stage), "steps": steps })
            });
            json!(list.collect::<Vec<_>>())
        }),
    );
    // The charts' data on the map, by cell label: counts, tint (value, place on the scale)
    // and the cells of the picked funnel step.
    set_json(
        "mapData",
        Box::new(move || {
            ctx.map_data.with_untracked(|d| {
                ctx.editor.with_untracked(|e| {
                    let j = e.journey();
                    let label = |id: &favo_core::ActivityId| j.get(*id).map(|a| a.label.clone()).unwrap_or_default();
                    let counts: serde_json::Map<String, Value> = d.counts.iter().map(|(id, n)| (label(id), json!(n))).collect();
                    let tint: Option<serde_json::Map<String, Value>> = d.tint.as_ref().map(|t| t.cells.iter().map(|(id, v)| (label(id), json!([v.0, v.1]))).collect());
                    let highlighted: Vec<String> = d.highlight.as_deref().map(|ev| j.activities().filter(|a| favo_core::scene::measures::cell_events(a).contains(&ev)).map(|a| a.label.clone()).collect()).unwrap_or_default();
                    json!({ "counts": counts, "tint": tint, "highlighted": highlighted })
                })
            })
        }),
    );
    set("zoom", Closure::<dyn Fn() -> f64>::new(move || ctx.viewport.with_untracked(|v| v.zoom)).into_js_value());
    set_json("frameTimes", Box::new(|| json!(FRAME_TIMES.with(|t| t.borrow().clone()))));
    set("resetFrameTimes", Closure::<dyn Fn()>::new(|| FRAME_TIMES.with(|t| t.borrow_mut().clear())).into_js_value());
    let _ = js_sys::Reflect::set(&window(), &"__favo".into(), &hook);
}
