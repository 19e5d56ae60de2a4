//! The embedded viewer's maps: `<favo-map>` and `embed.html`'s `<favo-frame>`. A binary of
//! its own, without the editor (`favo::viewer`) and without the charts, which are
//! `src/embed_chart.rs`: a page loads the binaries of the widgets it has. `favo.js` defines
//! the custom elements and calls these two functions.

use favo::viewer;
use wasm_bindgen::prelude::*;

/// Shows (or shows again, with new attributes) a map, or with `frame` embed.html's widget,
/// in `host`. `base` is the URL of the folder holding Favo's files.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, base: &str, frame: bool) {
    viewer::mount_map(host, base, frame);
}

/// Lets go of `host`'s widget when it leaves the page.
#[wasm_bindgen]
pub fn unmount(host: web_sys::HtmlElement) {
    viewer::unmount(&host);
}

fn main() {
    console_error_panic_hook::set_once();
}
