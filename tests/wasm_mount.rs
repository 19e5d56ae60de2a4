//! Mounting the whole app in headless Chromium: it loads the sample map, draws it and shows
//! the legend and the outline.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn hook(name: &str) -> wasm_bindgen::JsValue {
    let favo = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__favo".into()).unwrap();
    let f: js_sys::Function = js_sys::Reflect::get(&favo, &name.into()).unwrap().unchecked_into();
    f.call0(&favo).unwrap()
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_draws_the_sample_map() {
    let document = web_sys::window().unwrap().document().unwrap();
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/favo.css")));
    document.head().unwrap().append_child(&style).unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    host.set_attribute("style", "width: 900px; height: 600px; display: flex").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    favo::mount(host.clone());

    let mut waited = 0;
    while !hook("ready").as_bool().unwrap_or(false) {
        assert!(waited < 10_000, "the app did not become ready in 10 s");
        TimeoutFuture::new(50).await;
        waited += 50;
    }
    let cells: js_sys::Array = hook("cells").unchecked_into();
    assert!((20..=30).contains(&cells.length()), "sample map has {} cells", cells.length());

    let canvas: web_sys::HtmlCanvasElement = document.get_element_by_id("map").unwrap().unchecked_into();
    assert!(canvas.width() > 0 && canvas.height() > 0);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let pixels = ctx.get_image_data(0.0, 0.0, w, h).unwrap().data();
    let background = &pixels[..4];
    let drawn = pixels.chunks(4).filter(|p| p != &background).count();
    assert!(drawn * 20 > pixels.len() / 4, "hexes cover more than 5% of the canvas");

    assert_eq!(document.query_selector_all("#legend li").unwrap().length(), 7);
    let outline = document.get_element_by_id("outline").unwrap().text_content().unwrap();
    assert!(outline.contains("Customer") || outline.contains("Cliente"), "{outline}");
}
