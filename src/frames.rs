//! Painting, once per animation frame however many changes came in: the static layer (cell
//! fills from cached tiles, labels) when the map or camera changed, the overlay always.

use std::cell::RefCell;

use favo_core::hit::Stroke;
use favo_core::scene::routes::Filter;
use favo_core::scene::{self, tiles};
use favo_core::Grid;
use leptos::prelude::*;
use web_sys::CanvasRenderingContext2d as Ctx2d;

use crate::painter::{self, draw_map};
use crate::state::Ctx;

thread_local! {
    /// Milliseconds spent painting each frame, for the benchmark page.
    pub static FRAME_TIMES: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

/// What the cached tiles were made from: (generation of the editor, revision).
type TilesKey = (u64, u64);

/// Paints the layers marked dirty, once per animation frame however many changes came in.
#[derive(Clone, Copy)]
pub struct Frames {
    pub layers: StoredValue<Option<(Ctx2d, Ctx2d)>, LocalStorage>,
    /// The map's fills, with the revision they were made from.
    pub tiles: StoredValue<Option<(TilesKey, painter::TileLayer)>, LocalStorage>,
    pub dirty_static: StoredValue<bool>,
    pub scheduled: StoredValue<bool>,
    /// Benchmark page: time the raster too.
    pub bench: bool,
}

impl Frames {
    pub fn request(self, ctx: Ctx, static_layer: bool) {
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
            // Another map gets a fresh editor at revision 0 again, so the editor's
            // generation is part of the key.
            let revision = (ctx.generation.get_untracked(), ctx.revision.get_untracked());
            if self.tiles.with_value(|t| t.as_ref().map(|(r, _)| *r) != Some(revision)) {
                let tiles = ctx.editor.with_untracked(|e| tiles::tiles(e.journey(), &grid));
                self.tiles.set_value(Some((revision, painter::TileLayer::new(tiles))));
            }
            let focus = ctx.persona.get_untracked().filter(|_| ctx.persona_filter.get_untracked());
            let lang = ctx.lang.get_untracked();
            self.tiles.with_value(|t| {
                if let Some((_, layer)) = t {
                    ctx.map_data.with_untracked(|data| ctx.editor.with_untracked(|e| draw_map(&base, layer, e.journey(), &vp, Filter::persona(focus), data, lang)));
                }
            });
        }
        let o = ctx.editor.with_untracked(|e| {
            ctx.gesture.with_untracked(|g| scene::overlay(e.journey(), &grid, &vp, &e.selection, g, ctx.hover.get_untracked()))
        });
        painter::paint_overlay(&overlay, &o, &vp);
        if let Some(stroke) = ctx.picked.get_untracked() {
            let (arrows, routes) = ctx.editor.with_untracked(|e| {
                let j = e.journey();
                match stroke {
                    Stroke::Link(link) => (scene::arrows::arrows(j, &grid, &vp).into_iter().filter(|a| a.link == link).collect(), vec![]),
                    Stroke::Route(p) => (vec![], scene::routes::routes(j, &grid, &vp, Some(p))),
                }
            });
            painter::paint_picked(&overlay, &arrows, &routes);
        }
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

