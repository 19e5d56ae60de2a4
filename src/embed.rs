//! The embedded viewer's wasm: `<favo-map>`, `<favo-chart>` and `embed.html`. Its own
//! binary, so that a page showing a map loads the viewer (`favo::viewer`) and not the
//! editor. `favo.js` defines the custom elements and calls these two functions.

use favo::viewer::{self, Kind};
use wasm_bindgen::prelude::*;

/// Shows (or shows again, with new attributes) the widget `kind` in `host`. `base` is the
/// URL of the folder holding Favo's files.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, kind: &str, base: &str) {
    if let Some(kind) = Kind::from_name(kind) {
        viewer::mount(host, kind, base);
    }
}

/// Lets go of `host`'s widget when it leaves the page.
#[wasm_bindgen]
pub fn unmount(host: web_sys::HtmlElement) {
    viewer::unmount(&host);
}

fn main() {
    console_error_panic_hook::set_once();
}
