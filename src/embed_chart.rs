//! The embedded viewer's charts: `<favo-chart>`, with the data reader, the funnel and trend
//! engines and plotters; a page with charts and no map loads this binary (see
//! `src/embed.rs`).

use favo::viewer;
use wasm_bindgen::prelude::*;

/// Shows (or shows again, with new attributes) the chart `host` asks for. `base` is the URL
/// of the folder holding Favo's files.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, base: &str, _kind: &str) {
    viewer::mount_chart(host, base);
}

/// Lets go of `host`'s chart when it leaves the page.
#[wasm_bindgen]
pub fn unmount(host: web_sys::HtmlElement) {
    viewer::unmount(&host);
}

fn main() {}
