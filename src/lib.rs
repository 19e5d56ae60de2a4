//! Favo's web app: a thin Leptos shell over `favo-core`. Components, the canvas painter and
//! browser I/O (storage, files) live here; everything that can be computed without a
//! browser lives in the core crate.

// The macro generates the `i18n` module from `src/locales/*.json`. Its build-script
// replacement would need a build.rs at the top level, which the project layout keeps fixed.
#![allow(deprecated)]
leptos_i18n::load_locales!();

mod analysis;
mod app;
mod canvas;
mod chart_canvas;
mod chart_exports;
mod charts_panel;
mod checklist_panel;
mod data_bar;
mod data_preview;
mod datasets;
mod emotion_chart;
mod files;
mod frames;
mod funnel_card;
mod help;
mod image_export;
mod input;
mod inspector;
mod label_editor;
mod legend;
mod library;
mod map_data;
mod links_panel;
mod notices;
mod outline;
pub mod painter;
mod persist;
mod persona_panel;
pub mod plot;
pub mod protocol;
mod share;
mod state;
pub mod storage;
mod test_hook;
mod toolbar;
mod trend_card;
pub mod viewer;
mod workers;
mod touchpoint_panel;

pub use app::App;

const LANG_KEY: &str = "favo:lang";

/// The language the user picked, if they picked one (otherwise the browser's is used).
fn remembered_language() -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(LANG_KEY).ok()?
}

fn remember_language(lang: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(LANG_KEY, lang);
    }
}

/// Mounts the app into `element` (so it can live inside a host page too).
pub fn mount(element: web_sys::HtmlElement) {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to(element, App).forget();
}
