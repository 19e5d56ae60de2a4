//! `embed.html`, the iframe variant for hosts that allow no script: its fragment names the
//! widget and its options (`#view=map&src=journey.favo.json&phase=action`), and the page
//! tells its parent how tall its content is, so the iframe can fit it.
//!
//! The height goes out with `postMessage` to one exact origin: the page's own (a host that
//! copied Favo next to its pages), or the one the fragment names with `origin=`. The host's
//! side (`favo-frames.js`) takes it only from the iframe's own window and origin.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, UrlSearchParams};

use super::{dom, Slot, SlotRef};

/// The fragment's options that are the frame's, not the widget's.
const FRAME_OPTIONS: [&str; 2] = ["view", "origin"];

pub fn mount(widget: &HtmlElement, slot: &SlotRef) {
    let Some(window) = web_sys::window() else { return };
    show(widget);
    let shown = widget.clone();
    Slot::on(slot, &window, "hashchange", move |_| show(&shown));
    if window.parent().ok().flatten().is_some_and(|p| p != window) {
        let target = target_origin(&window);
        let (watched, last) = (widget.clone(), std::cell::Cell::new(0));
        Slot::on_resize(slot, widget, move || {
            let height = watched.offset_height();
            if height > 0 && height != last.get() {
                last.set(height);
                tell_height(height, target.as_deref());
            }
        });
    }
}

/// The widget the fragment asks for, with its options as attributes (text, never markup).
fn show(widget: &HtmlElement) {
    widget.set_text_content(None);
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let Ok(options) = UrlSearchParams::new_with_str(hash.trim_start_matches('#')) else { return };
    let view = options.get("view").unwrap_or_else(|| "map".into());
    let tag = match view.as_str() {
        "map" => "favo-map",
        "funnel" | "trend" => "favo-chart",
        other => return dom::show_error(widget, "Favo", &format!("view is map, funnel or trend, not \"{other}\"")),
    };
    let child = dom::element(tag, "");
    if tag == "favo-chart" {
        let _ = child.set_attribute("type", &view);
    }
    let entries = js_sys::try_iter(&options).ok().flatten().into_iter().flatten().filter_map(Result::ok);
    for pair in entries {
        let pair: js_sys::Array = pair.unchecked_into();
        let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { continue };
        // Attribute names are the options' own: anything else could not be set anyway.
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if plain && !FRAME_OPTIONS.contains(&name.as_str()) {
            let _ = child.set_attribute(&name, &value);
        }
    }
    let _ = widget.append_child(&child);
}

/// Where the height may go: the origin named in the fragment, if it is one, else this
/// page's own. Never `*`.
fn target_origin(window: &web_sys::Window) -> Option<String> {
    let hash = window.location().hash().ok()?;
    let named = UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()?.get("origin");
    match named {
        Some(origin) => web_sys::Url::new(&origin).ok().map(|u| u.origin()).filter(|o| *o == origin && o != "null"),
        None => window.location().origin().ok(),
    }
}

fn tell_height(height: i32, target: Option<&str>) {
    let (Some(window), Some(target)) = (web_sys::window(), target) else { return };
    let Some(parent) = window.parent().ok().flatten() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"favo".into(), &"size".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, target);
}
