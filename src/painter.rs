//! The canvas painter: a thin loop of Canvas 2D calls over the core's tiles, `Scene` and
//! `Overlay`. Cell fills are `Path2D`s in world units made once per edit (from the core's
//! SVG path strings); a frame sets the camera transform and fills the visible tiles, so a
//! 10,000-cell map costs a few dozen calls however it is panned or zoomed.

use favo_core::scene::arrows::Arrow;
use favo_core::scene::routes::Route;
use favo_core::scene::tiles::Tile;
use favo_core::scene::measures::{CountBadge, DataLayer};
use favo_core::scene::{Badge, Hexagon, Overlay, Scene};
use std::cell::Cell as StdCell;

use favo_core::scene::measures::{self, MapData};
use favo_core::scene;
use favo_core::scene::routes::Filter;
use favo_core::{Grid, Journey, Lang, Status, Viewport};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d as Ctx2d, HtmlCanvasElement, Path2d};

use favo_core::scene::palette::{ACCENT, BACKGROUND, COUNT_PILL, FONT_FAMILY, LINK, OUTLINE, PICKED, REFUSED, TEXT};

pub fn font(px: f64) -> String {
    format!("{px:.1}px {FONT_FAMILY}")
}

/// Clears the canvas and scales it so that one unit is one CSS pixel.
fn begin(ctx: &Ctx2d, v: &Viewport, fill: Option<&str>) {
    let _ = ctx.set_transform(v.dpr, 0.0, 0.0, v.dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, v.width, v.height);
    if let Some(color) = fill {
        ctx.set_fill_style_str(color);
        ctx.fill_rect(0.0, 0.0, v.width, v.height);
    }
}

fn trace(ctx: &Ctx2d, hex: &Hexagon) {
    ctx.move_to(hex[0].x, hex[0].y);
    for p in &hex[1..] {
        ctx.line_to(p.x, p.y);
    }
    ctx.close_path();
}

fn trace_all<'a>(ctx: &Ctx2d, hexes: impl IntoIterator<Item = &'a Hexagon>) {
    ctx.begin_path();
    for hex in hexes {
        trace(ctx, hex);
    }
}

/// The map's tiles with their browser-side paths.
pub struct TileLayer {
    tiles: Vec<(Tile, Vec<Path2d>)>,
}

impl TileLayer {
    pub fn new(tiles: Vec<Tile>) -> TileLayer {
        let with_paths = tiles
            .into_iter()
            .map(|t| {
                let paths = t.fills.iter().filter_map(|f| Path2d::new_with_path_string(&f.path).ok()).collect();
                (t, paths)
            })
            .collect();
        TileLayer { tiles: with_paths }
    }
}

/// What the static layer draws besides cells and labels.
pub struct Extras<'a> {
    pub arrows: &'a [Arrow],
    pub routes: &'a [Route],
    /// Cells faded out by the persona filter.
    pub dimmed: &'a [Hexagon],
    /// The charts' data on the map.
    pub data: &'a DataLayer,
}


pub fn paint_scene(ctx: &Ctx2d, layer: &TileLayer, extras: &Extras, scene: &Scene, v: &Viewport) {
    begin(ctx, v, Some(BACKGROUND));
    let k = v.dpr * v.zoom;
    let _ = ctx.set_transform(k, 0.0, 0.0, k, -v.origin.x * k, -v.origin.y * k);
    ctx.set_line_width(scene.line_width / v.zoom);
    ctx.set_stroke_style_str(OUTLINE);
    ctx.set_line_join("round");
    for (tile, paths) in layer.tiles.iter().filter(|(t, _)| t.is_visible(v)) {
        for (fill, path) in tile.fills.iter().zip(paths) {
            ctx.set_fill_style_str(&fill.color);
            ctx.fill_with_path_2d(path);
            if scene.line_width > 0.0 {
                ctx.stroke_with_path(path);
            }
        }
    }
    let _ = ctx.set_transform(v.dpr, 0.0, 0.0, v.dpr, 0.0, 0.0);
    // One path per colour, as the tiles do: a big tinted map stays a few fills a frame.
    let mut by_color: std::collections::BTreeMap<&str, Vec<&Hexagon>> = std::collections::BTreeMap::new();
    for (hex, color) in &extras.data.tinted {
        by_color.entry(color).or_default().push(hex);
    }
    ctx.set_line_width(scene.line_width);
    for (color, hexes) in by_color {
        trace_all(ctx, hexes);
        ctx.set_fill_style_str(color);
        ctx.fill();
        if scene.line_width > 0.0 {
            ctx.stroke();
        }
    }
    if !extras.dimmed.is_empty() {
        trace_all(ctx, extras.dimmed);
        ctx.set_fill_style_str("rgba(251, 250, 247, 0.78)");
        ctx.fill();
    }
    paint_arrows(ctx, extras.arrows, v.zoom);
    paint_routes(ctx, extras.routes, v.zoom);
    if !extras.data.highlighted.is_empty() {
        trace_all(ctx, &extras.data.highlighted);
        ctx.set_line_width(4.0);
        ctx.set_stroke_style_str(PICKED);
        ctx.stroke();
    }
    paint_badges(ctx, &scene.badges);
    paint_counts(ctx, &extras.data.badges);
    paint_cluster_names(ctx, scene);
    ctx.set_fill_style_str(TEXT);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let mut current_font = 0.0;
    for label in &scene.labels {
        if label.font_px != current_font {
            ctx.set_font(&font(label.font_px));
            current_font = label.font_px;
        }
        let line_height = label.font_px * 1.2;
        let top = label.center.y - line_height * (label.lines.len() as f64 - 1.0) / 2.0;
        for (i, line) in label.lines.iter().enumerate() {
            let _ = ctx.fill_text(line, label.center.x, top + line_height * i as f64);
        }
    }
}

/// Links: a line and a filled head each; a link that seeds the next journey is dashed and in
/// the accent colour.
fn paint_arrows(ctx: &Ctx2d, arrows: &[Arrow], zoom: f64) {
    ctx.set_line_width((2.2 * zoom).clamp(1.0, 3.0));
    ctx.set_line_cap("round");
    for seeds in [false, true] {
        let color = if seeds { ACCENT } else { LINK };
        let dash = if seeds { js_sys::Array::of2(&7.0.into(), &5.0.into()) } else { js_sys::Array::new() };
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(color);
        ctx.set_fill_style_str(color);
        for a in arrows.iter().filter(|a| a.seeds_next == seeds) {
            ctx.begin_path();
            ctx.move_to(a.from.x, a.from.y);
            let back = a.head[1].midpoint(a.head[2]);
            ctx.line_to(back.x, back.y);
            ctx.stroke();
            ctx.begin_path();
            ctx.move_to(a.head[0].x, a.head[0].y);
            ctx.line_to(a.head[1].x, a.head[1].y);
            ctx.line_to(a.head[2].x, a.head[2].y);
            ctx.close_path();
            ctx.fill();
        }
    }
    let _ = ctx.set_line_dash(&js_sys::Array::new());
}

/// Personas' routes: a coloured line through their cells with a head on each leg.
fn paint_routes(ctx: &Ctx2d, routes: &[Route], zoom: f64) {
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    for r in routes {
        let width = (if r.focused { 5.0 } else { 3.5 } * zoom).clamp(1.5, 6.0);
        ctx.begin_path();
        ctx.move_to(r.points[0].x, r.points[0].y);
        for p in &r.points[1..] {
            ctx.line_to(p.x, p.y);
        }
        ctx.set_line_width(width + 2.0);
        ctx.set_stroke_style_str("rgba(255, 255, 255, 0.8)");
        ctx.stroke();
        ctx.set_line_width(width);
        ctx.set_stroke_style_str(&r.color);
        ctx.stroke();
        ctx.set_fill_style_str(&r.color);
        for h in &r.heads {
            ctx.begin_path();
            ctx.move_to(h[0].x, h[0].y);
            ctx.line_to(h[1].x, h[1].y);
            ctx.line_to(h[2].x, h[2].y);
            ctx.close_path();
            ctx.fill();
        }
    }
}

/// Cluster names: bold, with a light halo so they read across cells of any colour.
fn paint_cluster_names(ctx: &Ctx2d, scene: &Scene) {
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_line_join("round");
    for name in &scene.cluster_names {
        ctx.set_font(&format!("bold {}", font(name.font_px)));
        ctx.set_line_width(name.font_px * 0.3);
        ctx.set_stroke_style_str("rgba(255, 255, 255, 0.92)");
        let _ = ctx.stroke_text(&name.lines[0], name.center.x, name.center.y);
        ctx.set_fill_style_str(TEXT);
        let _ = ctx.fill_text(&name.lines[0], name.center.x, name.center.y);
    }
}

/// Touchpoint badges: a disc in the colour of the worst status, with the count in white.
fn paint_badges(ctx: &Ctx2d, badges: &[Badge]) {
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for b in badges {
        ctx.begin_path();
        let _ = ctx.arc(b.center.x, b.center.y, b.radius, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(match b.worst {
            Status::Ok => "#2e7d32",
            Status::ToReview => "#b26a00",
            Status::Missing => "#c62828",
        });
        ctx.fill();
        ctx.set_line_width(1.5);
        ctx.set_stroke_style_str("#ffffff");
        ctx.stroke();
        ctx.set_fill_style_str("#ffffff");
        ctx.set_font(&format!("bold {}", font(b.radius * 1.2)));
        let _ = ctx.fill_text(&b.count.to_string(), b.center.x, b.center.y + 0.5);
    }
}

/// The data's counts: white text on a dark pill, readable on any phase colour or tint.
fn paint_counts(ctx: &Ctx2d, badges: &[CountBadge]) {
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for b in badges {
        ctx.set_font(&format!("600 {}", font(b.font_px)));
        let width = ctx.measure_text(&b.text).map(|m| m.width()).unwrap_or(0.0) + b.font_px;
        let height = b.font_px * 1.5;
        ctx.begin_path();
        let _ = ctx.round_rect_with_f64(b.center.x - width / 2.0, b.center.y - height / 2.0, width, height, height / 2.0);
        ctx.set_fill_style_str(COUNT_PILL);
        ctx.fill();
        ctx.set_fill_style_str("#ffffff");
        let _ = ctx.fill_text(&b.text, b.center.x, b.center.y + 0.5);
    }
}

/// The link or route picked on the canvas: a halo along it (screen px; the overlay's
/// transform is still set by `paint_overlay`).
pub fn paint_picked(ctx: &Ctx2d, arrows: &[Arrow], routes: &[Route]) {
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_line_width(9.0);
    ctx.set_stroke_style_str("rgba(30, 99, 214, 0.35)");
    ctx.begin_path();
    for a in arrows {
        ctx.move_to(a.from.x, a.from.y);
        ctx.line_to(a.to.x, a.to.y);
    }
    for r in routes {
        ctx.move_to(r.points[0].x, r.points[0].y);
        for p in &r.points[1..] {
            ctx.line_to(p.x, p.y);
        }
    }
    ctx.stroke();
}

pub fn paint_overlay(ctx: &Ctx2d, overlay: &Overlay, v: &Viewport) {
    begin(ctx, v, None);
    ctx.set_line_join("round");
    if let Some(hover) = &overlay.hover {
        trace_all(ctx, [hover]);
        ctx.set_line_width(2.0);
        ctx.set_stroke_style_str("rgba(30, 99, 214, 0.45)");
        ctx.stroke();
    }
    if !overlay.selected.is_empty() {
        trace_all(ctx, &overlay.selected);
        ctx.set_line_width(3.5);
        ctx.set_stroke_style_str(ACCENT);
        ctx.stroke();
    }
    if !overlay.ghosts.is_empty() {
        let (fill, stroke) = if overlay.refused {
            ("rgba(198, 40, 40, 0.25)", REFUSED)
        } else {
            ("rgba(30, 99, 214, 0.22)", ACCENT)
        };
        trace_all(ctx, &overlay.ghosts);
        ctx.set_fill_style_str(fill);
        ctx.fill();
        ctx.set_line_width(2.5);
        ctx.set_stroke_style_str(stroke);
        let dash = js_sys::Array::of2(&6.0.into(), &4.0.into());
        let _ = ctx.set_line_dash(&dash);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
    if let Some((from, to)) = overlay.rubber_band {
        ctx.begin_path();
        ctx.move_to(from.x, from.y);
        ctx.line_to(to.x, to.y);
        ctx.set_line_width(2.5);
        ctx.set_stroke_style_str(ACCENT);
        ctx.stroke();
    }
    if let Some(r) = overlay.marquee {
        ctx.set_fill_style_str("rgba(30, 99, 214, 0.08)");
        ctx.fill_rect(r.min.x, r.min.y, r.width(), r.height());
        ctx.set_line_width(1.0);
        ctx.set_stroke_style_str(ACCENT);
        ctx.stroke_rect(r.min.x, r.min.y, r.width(), r.height());
    }
}

/// A 2D context; `opaque` for the base layer, which paints its own background (the browser
/// then skips blending it with what is behind).
pub fn context_2d(canvas: &HtmlCanvasElement, opaque: bool) -> Option<Ctx2d> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"alpha".into(), &(!opaque).into());
    canvas.get_context_with_context_options("2d", &options).ok().flatten().and_then(|c| c.dyn_into().ok())
}

/// Draws the map (cells, the data's tint, links, routes, badges, names, labels) as `vp`
/// sees it: the static layer of every frame, and exported images.
pub fn draw_map(target: &Ctx2d, layer: &TileLayer, journey: &Journey, vp: &Viewport, filter: Filter, data: &MapData, lang: Lang) {
    let grid = Grid::new();
    let size = StdCell::new(0.0);
    let measure = |text: &str, px: f64| {
        if size.get() != px {
            target.set_font(&font(px));
            size.set(px);
        }
        target.measure_text(text).map(|m| m.width()).unwrap_or(0.0)
    };
    let s = scene::build(journey, &grid, vp, &measure);
    let arrows = scene::arrows::arrows(journey, &grid, vp);
    let routes = scene::routes::routes(journey, &grid, vp, filter.persona);
    let dimmed = scene::routes::dimmed(journey, &grid, vp, filter);
    let data = measures::layer(journey, &grid, vp, data, lang);
    paint_scene(target, layer, &Extras { arrows: &arrows, routes: &routes, dimmed: &dimmed, data: &data }, &s, vp);
}
