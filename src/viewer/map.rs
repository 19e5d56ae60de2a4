//! `<favo-map>`: a journey map to look at. Drag to pan, Ctrl + wheel or pinch to zoom (a
//! plain wheel scrolls the host page, as readers expect of an embedded map), the arrow keys,
//! `+`, `-` and `0` from the keyboard; hovering a cell shows its details; the persona and
//! phase filters fade the rest of the map.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use favo_core::hit::{hit_test, Target};
use favo_core::outline::{self, Expansion};
use favo_core::scene::measures::MapData;
use favo_core::scene::routes::Filter;
use favo_core::scene::tiles;
use favo_core::{format, view, Grid, Journey, Lang, Point, Viewport};
use leptos_i18n::td_string;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d as Ctx2d, HtmlCanvasElement, HtmlElement, HtmlSelectElement, KeyboardEvent, PointerEvent, WheelEvent};

use super::dom::{self, add, button};
use super::{attribute, fetch_bytes, height, locale, Slot, SlotRef};
use crate::painter::{context_2d, draw_map, TileLayer};

/// A map file larger than this is not a map a page should embed.
const MAX_MAP_BYTES: f64 = 16e6;
/// Cells listed in the text outline; the rest are counted.
const OUTLINE_CELLS: usize = 500;

struct MapView {
    journey: Journey,
    layer: TileLayer,
    vp: Viewport,
    filter: Filter,
    lang: Lang,
    canvas: HtmlCanvasElement,
    ctx: Ctx2d,
    tip: HtmlElement,
    /// Pointers down on the canvas, where they were last: one pans, two pinch.
    pointers: Vec<(i32, Point)>,
    fitted: bool,
    scheduled: bool,
}

type ViewRef = Rc<RefCell<MapView>>;

pub fn mount(host: &HtmlElement, widget: &HtmlElement, lang: Lang, slot: &SlotRef) {
    let status = add(widget, "p", "status", td_string!(locale(lang), embed_loading));
    let _ = status.set_attribute("role", "status");
    let (host, widget, weak) = (host.clone(), widget.clone(), Rc::downgrade(slot));
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = load(&host).await;
        let Some(slot) = weak.upgrade() else { return }; // unmounted meanwhile
        match loaded {
            Ok(journey) => show(&host, &widget, journey, lang, &slot),
            Err(why) => dom::show_error(&widget, td_string!(locale(lang), embed_map_error), &why),
        }
    });
}

/// The map named by the element: a file (`src`) or a share link's code (`share`).
async fn load(host: &HtmlElement) -> Result<Journey, String> {
    let bytes = if let Some(code) = attribute(host, "share") {
        return favo_core::share::decode(&code).map(|l| l.journey).map_err(|e| e.to_string());
    } else if let Some(src) = attribute(host, "src") {
        fetch_bytes(&src, MAX_MAP_BYTES).await?
    } else {
        return Err("a <favo-map> needs src=\"journey.favo.json\"".into());
    };
    format::load(&bytes).map(|l| l.journey).map_err(|e| e.to_string())
}

fn show(host: &HtmlElement, widget: &HtmlElement, journey: Journey, lang: Lang, slot: &SlotRef) {
    let filter = match view::filter_named(&journey, attribute(host, "persona").as_deref(), attribute(host, "phase").as_deref()) {
        Ok(f) => f,
        Err(why) => return dom::show_error(widget, td_string!(locale(lang), embed_map_error), &why),
    };
    widget.set_text_content(None);
    let bar = (attribute(host, "chrome").as_deref() != Some("none")).then(|| add(widget, "div", "bar", ""));
    let stage = add(widget, "div", "stage", "");
    if let Some(height) = height(host) {
        dom::set_style(&stage, "height", &format!("{height}px"));
    }
    let canvas: HtmlCanvasElement = add(&stage, "canvas", "", "").unchecked_into();
    let _ = canvas.set_attribute("tabindex", "0");
    let _ = canvas.set_attribute("role", "img");
    let _ = canvas.set_attribute("aria-label", &format!("{}: {}", td_string!(locale(lang), embed_map_label), journey.title));
    let tip = dom::tooltip(&stage);
    outline_text(widget, &journey, lang);
    let Some(ctx) = context_2d(&canvas, true) else {
        return dom::show_error(widget, td_string!(locale(lang), embed_map_error), "the browser gave no canvas");
    };
    let layer = TileLayer::new(tiles::tiles(&journey, &Grid::new()));
    let fit = attribute(host, "fit").as_deref() != Some("false");
    let view = Rc::new(RefCell::new(MapView {
        journey,
        layer,
        vp: Viewport::new(1.0, 1.0, 1.0),
        filter,
        lang,
        canvas: canvas.clone(),
        ctx,
        tip,
        pointers: Vec::new(),
        fitted: !fit,
        scheduled: false,
    }));
    if let Some(bar) = bar {
        controls(&bar, &view, slot);
        if let Some(code) = attribute(host, "share") {
            copy_link(&bar, &code, lang);
        }
    }
    let (weak, watched) = (Rc::downgrade(&view), stage.clone());
    Slot::on_resize(slot, &stage, move || {
        if let Some(v) = weak.upgrade() {
            resize(&v, &watched);
        }
    });
    interaction(&canvas, &view, slot);
}

/// The title, the filters and the zoom buttons.
fn controls(bar: &HtmlElement, view: &ViewRef, slot: &SlotRef) {
    let v = view.borrow();
    let l = locale(v.lang);
    add(bar, "span", "title", &v.journey.title);
    let j = &v.journey;
    if !j.personas().is_empty() {
        let mut options = vec![(String::new(), td_string!(l, embed_all_personas).to_string())];
        options.extend(j.personas().iter().map(|p| (p.id.0.to_string(), p.name.clone())));
        let picked = v.filter.persona.map(|p| p.0.to_string()).unwrap_or_default();
        let s = dom::select(bar, "persona", td_string!(l, embed_persona_filter), &options, &picked);
        let (view, s2) = (view.clone(), s.clone());
        Slot::on(slot, &s, "change", move |_| {
            let id = s2.value().parse().ok();
            let mut v = view.borrow_mut();
            v.filter.persona = v.journey.personas().iter().map(|p| p.id).find(|p| Some(p.0) == id);
            drop(v);
            schedule(&view);
        });
    }
    let mut options = vec![(String::new(), td_string!(l, embed_all_phases).to_string())];
    options.extend(j.phases().iter().map(|p| (p.id.0.to_string(), p.name(v.lang).to_owned())));
    let picked = v.filter.phase.map(|p| p.0.to_string()).unwrap_or_default();
    let s = dom::select(bar, "phase", td_string!(l, embed_phase_filter), &options, &picked);
    let (view2, s2) = (view.clone(), s.clone());
    Slot::on(slot, &s, "change", move |_| on_phase(&view2, &s2));
    for (class, label, name, action) in [
        ("zoom-out", "−", td_string!(l, zoom_out), Zoom::Out),
        ("zoom-in", "+", td_string!(l, zoom_in), Zoom::In),
        ("zoom-fit", td_string!(l, zoom_fit), "", Zoom::Fit),
    ] {
        let b = button(bar, class, label, name);
        let view = view.clone();
        Slot::on(slot, &b, "click", move |_| zoom(&view, action));
    }
}

fn on_phase(view: &ViewRef, select: &HtmlSelectElement) {
    let id = select.value().parse().ok();
    let mut v = view.borrow_mut();
    v.filter.phase = v.journey.phases().iter().map(|p| p.id).find(|p| Some(p.0) == id);
    drop(v);
    schedule(view);
}

/// A share link's "Make a copy": the editor, told to copy this map into the reader's own
/// library. Nothing is stored until they follow it.
fn copy_link(bar: &HtmlElement, code: &str, lang: Lang) {
    let a = add(bar, "a", "make-copy", td_string!(locale(lang), embed_make_copy));
    let _ = a.set_attribute("href", &format!("index.html#copy={code}"));
}

/// The map as text, for screen readers: phases, their cells and the personas.
fn outline_text(widget: &HtmlElement, journey: &Journey, lang: Lang) {
    let list = add(widget, "ul", "outline", "");
    let _ = list.set_attribute("aria-label", td_string!(locale(lang), embed_map_text));
    let mut open = Expansion::default();
    for a in journey.activities() {
        open.set(outline::Node::Cell(a.id), false);
    }
    for row in outline::rows(journey, lang, &open, OUTLINE_CELLS) {
        let item = add(&list, "li", &format!("level-{}", row.level), &row.text);
        let _ = item.set_attribute("aria-level", &row.level.to_string());
    }
}

#[derive(Clone, Copy)]
enum Zoom {
    In,
    Out,
    Fit,
}

fn zoom(view: &ViewRef, how: Zoom) {
    let mut v = view.borrow_mut();
    match how {
        Zoom::In => v.vp.zoom_centered(Viewport::ZOOM_STEP),
        Zoom::Out => v.vp.zoom_centered(1.0 / Viewport::ZOOM_STEP),
        Zoom::Fit => fit(&mut v),
    }
    drop(v);
    schedule(view);
}

fn fit(v: &mut MapView) {
    if let Some(bounds) = v.journey.bounds(&Grid::new()) {
        v.vp.fit(bounds, 24.0);
    }
}

fn resize(view: &ViewRef, stage: &HtmlElement) {
    let (w, h) = (f64::from(stage.client_width()), f64::from(stage.client_height()));
    if w < 1.0 || h < 1.0 {
        return; // hidden: sized when it shows
    }
    let mut v = view.borrow_mut();
    v.vp.resize(w, h, crate::plot::device_scale());
    if !v.fitted {
        v.fitted = true;
        fit(&mut v);
    }
    let (dw, dh) = v.vp.device_size();
    v.canvas.set_width(dw);
    v.canvas.set_height(dh);
    drop(v);
    schedule(view);
}

/// Paints at the next animation frame, however many changes come before it.
fn schedule(view: &ViewRef) {
    if std::mem::replace(&mut view.borrow_mut().scheduled, true) {
        return;
    }
    let weak: Weak<RefCell<MapView>> = Rc::downgrade(view);
    let paint = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(view) = weak.upgrade() {
            let mut v = view.borrow_mut();
            v.scheduled = false;
            draw_map(&v.ctx, &v.layer, &v.journey, &v.vp, v.filter, &MapData::default(), v.lang);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(paint.unchecked_ref());
    }
}

fn at(ev: &PointerEvent) -> Point {
    Point::new(f64::from(ev.offset_x()), f64::from(ev.offset_y()))
}

fn interaction(canvas: &HtmlCanvasElement, view: &ViewRef, slot: &SlotRef) {
    let v = view.clone();
    Slot::on(slot, canvas, "pointerdown", move |ev| {
        let ev: PointerEvent = ev.unchecked_into();
        let mut m = v.borrow_mut();
        let _ = m.canvas.set_pointer_capture(ev.pointer_id());
        m.pointers.push((ev.pointer_id(), at(&ev)));
        m.tip.set_hidden(true);
    });
    let v = view.clone();
    Slot::on(slot, canvas, "pointermove", move |ev| {
        let ev: PointerEvent = ev.unchecked_into();
        if moved(&v, &ev) {
            schedule(&v);
        } else {
            hover(&v.borrow(), at(&ev));
        }
    });
    for event in ["pointerup", "pointercancel"] {
        let v = view.clone();
        Slot::on(slot, canvas, event, move |ev| {
            let ev: PointerEvent = ev.unchecked_into();
            v.borrow_mut().pointers.retain(|(id, _)| *id != ev.pointer_id());
        });
    }
    let v = view.clone();
    Slot::on(slot, canvas, "pointerleave", move |_| v.borrow().tip.set_hidden(true));
    let v = view.clone();
    Slot::on(slot, canvas, "wheel", move |ev| {
        let ev: WheelEvent = ev.unchecked_into();
        // A plain wheel scrolls the page; Ctrl (and a trackpad's pinch, which the browser
        // reports as Ctrl + wheel) zooms the map.
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        ev.prevent_default();
        let factor = (-ev.delta_y() * 0.002).exp();
        v.borrow_mut().vp.zoom_at(Point::new(f64::from(ev.offset_x()), f64::from(ev.offset_y())), factor);
        schedule(&v);
    });
    let v = view.clone();
    Slot::on(slot, canvas, "keydown", move |ev| {
        let ev: KeyboardEvent = ev.unchecked_into();
        if keyboard(&v, &ev.key()) {
            ev.prevent_default();
        }
    });
}

/// Follows a moving pointer that is down: one pans, two pinch. False when none is down.
fn moved(view: &ViewRef, ev: &PointerEvent) -> bool {
    let mut v = view.borrow_mut();
    let now = at(ev);
    let Some(i) = v.pointers.iter().position(|(id, _)| *id == ev.pointer_id()) else { return false };
    let before = v.pointers[i].1;
    v.pointers[i].1 = now;
    match v.pointers.as_slice() {
        [_] => v.vp.pan_by(now.x - before.x, now.y - before.y),
        [a, b] => {
            let other = if i == 0 { b.1 } else { a.1 };
            let (was, is) = (before.distance_to(other), now.distance_to(other));
            if was > 0.0 {
                let middle = now.midpoint(other);
                v.vp.zoom_at(middle, is / was);
            }
        }
        _ => {}
    }
    true
}

fn keyboard(view: &ViewRef, key: &str) -> bool {
    const STEP: f64 = 60.0;
    match key {
        "+" | "=" => zoom(view, Zoom::In),
        "-" | "_" => zoom(view, Zoom::Out),
        "0" => zoom(view, Zoom::Fit),
        "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
            let (dx, dy) = match key {
                "ArrowLeft" => (STEP, 0.0),
                "ArrowRight" => (-STEP, 0.0),
                "ArrowUp" => (0.0, STEP),
                _ => (0.0, -STEP),
            };
            view.borrow_mut().vp.pan_by(dx, dy);
            schedule(view);
        }
        _ => return false,
    }
    true
}

/// The details of the cell under the pointer, next to it.
fn hover(v: &MapView, point: Point) {
    let lines = match hit_test(&v.journey, &Grid::new(), &v.vp, point) {
        Target::Activity(id, _) => v.journey.get(id).map(|a| view::details(&v.journey, a, v.lang)),
        Target::Empty(_) => None,
    };
    let Some(lines) = lines else {
        v.tip.set_hidden(true);
        return;
    };
    dom::show_tip(&v.tip, &lines, (point.x, point.y));
}
