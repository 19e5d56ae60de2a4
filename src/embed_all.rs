//! The embedded viewer's maps and charts in one binary, for a page that has both: the two
//! binaries of `src/embed.rs` and `src/embed_chart.rs` would each carry the code they share
//! (the standard library, the DOM glue, number formatting, JSON), and a page would download
//! it twice.

use favo::viewer;
use wasm_bindgen::prelude::*;

/// Shows (or shows again, with new attributes) the widget `host` asks for: `kind` is `map`
/// or `chart`. `base` is the URL of the folder holding Favo's files.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, base: &str, kind: &str) {
    if kind == "chart" {
        viewer::mount_chart(host, base);
    } else {
        viewer::mount_map(host, base);
    }
}

/// Lets go of `host`'s widget when it leaves the page.
#[wasm_bindgen]
pub fn unmount(host: web_sys::HtmlElement) {
    viewer::unmount(&host);
}

fn main() {}
