//! The few DOM calls the viewer makes. Every text from a map or a data file goes in as a
//! text node (`set_text_content`) or an attribute value, never as markup.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlSelectElement};

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("the viewer runs in a page")
}

/// A new `<tag class="class">`.
pub fn element(tag: &str, class: &str) -> HtmlElement {
    let el: HtmlElement = document().create_element(tag).expect("a valid tag name").unchecked_into();
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el
}

/// A new element with `text` in it, appended to `parent`.
pub fn add(parent: &HtmlElement, tag: &str, class: &str, text: &str) -> HtmlElement {
    let el = element(tag, class);
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    let _ = parent.append_child(&el);
    el
}

/// A button with a visible `label` and, when the label is a symbol, an accessible `name`.
pub fn button(parent: &HtmlElement, class: &str, label: &str, name: &str) -> HtmlElement {
    let b = add(parent, "button", class, label);
    let _ = b.set_attribute("type", "button");
    if !name.is_empty() {
        let _ = b.set_attribute("aria-label", name);
        let _ = b.set_attribute("title", name);
    }
    b
}

/// A labelled `<select>` of `(value, text)` options with `selected` chosen.
pub fn select(parent: &HtmlElement, class: &str, name: &str, options: &[(String, String)], selected: &str) -> HtmlSelectElement {
    let s: HtmlSelectElement = add(parent, "select", class, "").unchecked_into();
    let _ = s.set_attribute("aria-label", name);
    for (value, text) in options {
        let o = add(&s, "option", "", text);
        let _ = o.set_attribute("value", value);
        if value == selected {
            let _ = o.set_attribute("selected", "");
        }
    }
    s
}

/// Replaces the widget's content with a message saying what went wrong, and where.
pub fn show_error(widget: &HtmlElement, title: &str, detail: &str) {
    widget.set_text_content(None);
    let box_ = add(widget, "div", "error", "");
    let _ = box_.set_attribute("role", "alert");
    add(&box_, "strong", "", title);
    add(&box_, "p", "", detail);
}

/// A hidden tooltip on `stage`, shown by [`show_tip`].
pub fn tooltip(stage: &HtmlElement) -> HtmlElement {
    let tip = add(stage, "div", "tip", "");
    let _ = tip.set_attribute("role", "tooltip");
    tip.set_hidden(true);
    tip
}

/// Shows `tip` with `lines` (the first as its heading) beside the pointer at `(x, y)`.
pub fn show_tip(tip: &HtmlElement, lines: &[String], (x, y): (f64, f64)) {
    tip.set_text_content(None);
    for (i, line) in lines.iter().enumerate() {
        add(tip, "div", if i == 0 && lines.len() > 1 { "head" } else { "" }, line);
    }
    set_style(tip, "left", &format!("{}px", x + 12.0));
    set_style(tip, "top", &format!("{}px", y + 12.0));
    tip.set_hidden(false);
}

/// Sets a CSS property through the CSSOM (a `style` attribute would break the strict
/// Content-Security-Policy).
pub fn set_style(el: &HtmlElement, property: &str, value: &str) {
    let _ = el.style().set_property(property, value);
}
