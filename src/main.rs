//! Entry point of the web app built by Trunk: mounts Favo into `#app`.

use wasm_bindgen::JsCast;

fn main() {
    let element = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("index.html has a #app element");
    favo::mount(element);
}
