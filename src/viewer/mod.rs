//! The read-only viewer behind `<favo-map>` and `<favo-chart>`: no framework, no storage,
//! no editing. Each element gets a shadow root, so the host page's styles and ours leave
//! each other alone, and its own state, so several widgets on a page never share anything.
//! `favo.js` defines the elements and calls [`mount_map`] or [`mount_chart`] when one is
//! connected or its attributes change, [`unmount`] when it leaves.
//!
//! It is built into small wasm binaries of its own rather than the editor's
//! (`.ci/embed-build`): `src/embed.rs` for maps, `src/embed_chart.rs` for charts and
//! `src/embed_all.rs` for a page with both. A page that shows a map should not download the
//! editor, nor the charts' data reader.

mod chart;
mod dom;
mod map;

use std::cell::RefCell;
use std::rc::Rc;

use favo_core::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ResizeObserver, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::i18n::Locale;

/// An event listener: where it listens, to what, and the handler.
type Listener = (web_sys::EventTarget, &'static str, Closure<dyn FnMut(web_sys::Event)>);

/// What a mounted widget keeps alive: its event handlers and its size observer. Dropping it
/// (on unmount, or when the element is mounted again with new attributes) lets them go.
#[derive(Default)]
pub struct Slot {
    handlers: Vec<Listener>,
    observer: Option<(ResizeObserver, Closure<dyn FnMut()>)>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        // Removed, not just dropped: an element that outlives the widget would call a
        // freed closure.
        for (target, event, handler) in &self.handlers {
            let _ = target.remove_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        }
        if let Some((observer, _)) = &self.observer {
            observer.disconnect();
        }
    }
}

pub type SlotRef = Rc<RefCell<Slot>>;

impl Slot {
    /// Calls `handler` on `event` at `target` for as long as the widget is mounted.
    pub fn on(slot: &SlotRef, target: &web_sys::EventTarget, event: &'static str, handler: impl FnMut(web_sys::Event) + 'static) {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        slot.borrow_mut().handlers.push((target.clone(), event, closure));
    }

    /// Calls `handler` whenever `element` changes size, for as long as the widget is mounted.
    pub fn on_resize(slot: &SlotRef, element: &Element, handler: impl FnMut() + 'static) {
        let closure = Closure::<dyn FnMut()>::new(handler);
        if let Ok(observer) = ResizeObserver::new(closure.as_ref().unchecked_ref()) {
            observer.observe(element);
            slot.borrow_mut().observer = Some((observer, closure));
        }
    }
}

thread_local! {
    /// The mounted widgets, by host element.
    static MOUNTED: RefCell<Vec<(HtmlElement, SlotRef)>> = const { RefCell::new(Vec::new()) };
}

/// Shows a map in `host`, replacing whatever it showed. `base` is the URL of the folder
/// Favo's files were copied to (the stylesheet is there). Maps and charts are mounted by two
/// functions, so that a binary that calls one of them (`src/embed.rs`, `src/embed_chart.rs`)
/// links only its code: a map needs none of the data reader, plotters or the engines.
pub fn mount_map(host: HtmlElement, base: &str) {
    mount_with(host, base, map::mount);
}

/// Shows a chart in `host`: see [`mount_map`].
pub fn mount_chart(host: HtmlElement, base: &str) {
    mount_with(host, base, chart::mount);
}

fn mount_with(host: HtmlElement, base: &str, show: impl FnOnce(&HtmlElement, &HtmlElement, Lang, &SlotRef)) {
    unmount(&host);
    let Some(root) = shadow_root(&host) else { return };
    let slot = SlotRef::default();
    MOUNTED.with(|m| m.borrow_mut().push((host.clone(), slot.clone())));
    let style = dom::element("link", "");
    let _ = style.set_attribute("rel", "stylesheet");
    let _ = style.set_attribute("href", &format!("{base}favo-embed.css"));
    let _ = root.append_child(&style);
    let widget = dom::element("div", "favo-widget");
    let lang = language(&host);
    let _ = widget.set_attribute("lang", if lang == Lang::It { "it" } else { "en" });
    widget.class_list().add_1(&format!("theme-{}", theme(&host))).ok();
    let _ = root.append_child(&widget);
    show(&host, &widget, lang, &slot);
}

/// Lets `host`'s widget go: its handlers, its observer and its content.
pub fn unmount(host: &HtmlElement) {
    let gone = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.iter().position(|(h, _)| h == host).map(|i| m.swap_remove(i))
    });
    if let Some((host, slot)) = gone {
        if let Some(root) = host.shadow_root() {
            root.set_text_content(None);
        }
        drop(slot);
    }
}

fn shadow_root(host: &HtmlElement) -> Option<ShadowRoot> {
    host.shadow_root().or_else(|| host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok())
}

/// The widget's language: its `lang` attribute, else the nearest one on the page, else the
/// browser's.
fn language(host: &HtmlElement) -> Lang {
    let page = host.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang"));
    let browser = || web_sys::window().and_then(|w| w.navigator().language());
    let tag = host.get_attribute("lang").or(page).or_else(browser).unwrap_or_default();
    if tag.to_lowercase().starts_with("it") {
        Lang::It
    } else {
        Lang::En
    }
}

/// `light` (the default), `dark`, or `auto` (the reader's system setting).
fn theme(host: &HtmlElement) -> &'static str {
    match host.get_attribute("theme").as_deref().map(str::trim) {
        Some("dark") => "dark",
        Some("auto") => "auto",
        _ => "light",
    }
}

pub fn locale(lang: Lang) -> Locale {
    if lang == Lang::It {
        Locale::it
    } else {
        Locale::en
    }
}

/// A host attribute that says something: trimmed, not empty.
fn attribute(host: &HtmlElement, name: &str) -> Option<String> {
    host.get_attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The `height` attribute in CSS pixels, when it is a sensible one.
fn height(host: &HtmlElement) -> Option<u32> {
    attribute(host, "height").and_then(|h| h.parse::<u32>().ok()).filter(|h| (80..=4000).contains(h))
}

/// A file next to the page (or anywhere CORS lets it be read), as bytes; at most `limit`.
async fn fetch_bytes(url: &str, limit: f64) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let blob = crate::protocol::fetch_blob(window.fetch_with_str(url)).await.map_err(|e| format!("{url}: {e}"))?;
    if blob.size() > limit {
        return Err(format!("{url}: {:.0} MB is too large to show here", blob.size() / 1e6));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.map_err(|_| format!("{url}: cannot be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
