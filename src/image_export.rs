//! Pictures of the map: PNG at 1×, 2× or 3× (the whole map or the visible area) and SVG,
//! both with the map inside (the core puts the JSON in a PNG text chunk or SVG metadata),
//! so dropping the picture back on Favo reopens the map; and printing, for a PDF.
//!
//! The PNG is drawn by the same painter as the screen, on a canvas of its own sized by the
//! core's `Viewport::for_image`, so it is never larger than the browser allows (a canvas
//! too big for the browser exports a blank picture).

use favo_core::export;
use favo_core::{format, Grid, Viewport};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::files;
use crate::painter::{context_2d, draw_map};
use favo_core::scene::routes::Filter;
use crate::painter::TileLayer;
use crate::state::Ctx;

/// Longest side of an exported PNG in device pixels (Chromium allows 32,767, but memory and
/// toBlob time grow with the area; 8,192 keeps a 3× export of a big map under a second).
const MAX_PX: f64 = 8192.0;
const MARGIN: f64 = 24.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Whole,
    Visible,
}

/// Draws the map on a new canvas: the whole map, or what the screen shows, at `scale`.
pub fn render(ctx: Ctx, scale: f64, area: Area) -> Option<web_sys::HtmlCanvasElement> {
    let bounds = ctx.editor.with_untracked(|e| e.journey().bounds(&Grid::new()));
    let vp = match (area, bounds) {
        (Area::Whole, Some(bounds)) => Viewport::for_image(bounds, MARGIN, scale, MAX_PX),
        // The visible area, and an empty map (which has no "whole" to frame).
        _ => {
            let mut v = ctx.viewport.get_untracked();
            v.dpr = scale;
            v
        }
    };
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").ok()?.unchecked_into();
    let (w, h) = vp.device_size();
    canvas.set_width(w);
    canvas.set_height(h);
    let target = context_2d(&canvas, true)?;
    let focus = ctx.persona.get_untracked().filter(|_| ctx.persona_filter.get_untracked());
    ctx.editor.with_untracked(|e| {
        let layer = TileLayer::new(favo_core::scene::tiles::tiles(e.journey(), &Grid::new()));
        // The data's tint, counts and picked step are drawn as on screen.
        ctx.map_data.with_untracked(|data| draw_map(&target, &layer, e.journey(), &vp, Filter::persona(focus), data, ctx.lang.get_untracked()));
    });
    Some(canvas)
}

async fn png_bytes(canvas: &web_sys::HtmlCanvasElement) -> Result<Vec<u8>, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob(&resolve) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob: web_sys::Blob = JsFuture::from(promise).await?.dyn_into()?;
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn base_name(ctx: Ctx) -> String {
    let name = ctx.editor.with_untracked(|e| files::file_name(&e.journey().title));
    name.trim_end_matches(".favo.json").to_owned()
}

/// Downloads a PNG of the map with the map inside.
pub fn export_png(ctx: Ctx, scale: f64, area: Area) {
    let Some(canvas) = render(ctx, scale, area) else { return };
    let json = ctx.editor.with_untracked(|e| format::to_json(e.journey(), false));
    let name = format!("{}@{scale}x.png", base_name(ctx));
    spawn_local(async move {
        let result = match png_bytes(&canvas).await {
            Ok(png) => export::png::embed(&png, &json).map_err(|e| e.to_string()),
            Err(e) => Err(crate::storage::describe(e)),
        };
        match result {
            Ok(bytes) => files::download_bytes(&name, &bytes, "image/png"),
            Err(reason) => ctx.save_error.set(Some(reason)),
        }
    });
}

/// Downloads an SVG of the whole map with the map inside.
pub fn export_svg(ctx: Ctx) {
    let svg = ctx.editor.with_untracked(|e| export::svg::map_svg(e.journey(), ctx.lang.get_untracked()));
    files::download(&format!("{}.svg", base_name(ctx)), &svg, "image/svg+xml");
}

/// Prints the whole map (the browser's dialog also saves a PDF): the map is drawn at 2× into
/// the print-only sheet, which the print stylesheet shows instead of the app.
pub fn print_map(ctx: Ctx) {
    let url = render(ctx, 2.0, Area::Whole).and_then(|c| c.to_data_url().ok());
    print_with(url, "print-map");
}

/// Prints the touchpoint checklist.
pub fn print_checklist() {
    print_with(None, "print-checklist");
}

fn print_with(image: Option<String>, mode: &str) {
    let body = document().body();
    if let (Some(url), Some(img)) = (image, document().get_element_by_id("print-map-image")) {
        let _ = img.set_attribute("src", &url);
    }
    if let Some(panel) = document().get_element_by_id("checklist-panel").filter(|_| mode == "print-checklist") {
        let _ = panel.set_attribute("open", "");
    }
    if let Some(body) = &body {
        let _ = body.class_list().add_1(mode);
    }
    let _ = window().print();
    if let Some(body) = &body {
        let _ = body.class_list().remove_1(mode);
    }
}
