//! The embedded viewer's charts: `<favo-chart>`, with the data reader, the funnel and trend
//! engines and plotters; loaded by `favo.js` only on pages that have a chart (the maps are
//! `src/embed.rs`).

use favo::viewer;
use wasm_bindgen::prelude::*;

/// Shows (or shows again, with new attributes) the chart `host` asks for. `base` is the URL
/// of the folder holding Favo's files.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, base: &str) {
    viewer::mount_chart(host, base);
}

/// Lets go of `host`'s chart when it leaves the page.
#[wasm_bindgen]
pub fn unmount(host: web_sys::HtmlElement) {
    viewer::unmount(&host);
}

fn main() {
    console_error_panic_hook::set_once();
}
