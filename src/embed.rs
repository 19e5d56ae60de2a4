//! The embedded viewer's maps: `<favo-map>`. A binary of its own, without the editor
//! (`favo::viewer`) and without the charts (`src/embed_chart.rs`); a page with maps and
//! charts loads `src/embed_all.rs` instead. `favo.js` picks one and calls these functions;
//! `.ci/embed-build` builds them.

use favo::viewer;
use wasm_bindgen::prelude::*;

/// Shows (or shows again, with new attributes) the map `host` asks for. `base` is the URL
/// of the folder holding Favo's files.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, base: &str, _kind: &str) {
    viewer::mount_map(host, base);
}

/// Lets go of `host`'s widget when it leaves the page.
#[wasm_bindgen]
pub fn unmount(host: web_sys::HtmlElement) {
    viewer::unmount(&host);
}

fn main() {}
