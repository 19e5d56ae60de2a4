//! Editing a cell's label in place: a text field over the cell. Enter or leaving the field
//! keeps the text, Escape throws it away; either way focus returns to the canvas.

use favo_core::journey::MAX_LABEL_CHARS;
use favo_core::Grid;
use leptos::html;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::i18n::*;
use crate::state::{use_ctx, Ctx};

fn close(ctx: Ctx, keep: Option<String>) {
    let Some(id) = ctx.editing.get_untracked() else { return };
    ctx.editing.set(None);
    if let Some(text) = keep {
        let _ = ctx.editor.try_update(|e| e.relabel(id, &text));
    }
    if let Some(stage) = document().get_element_by_id("stage") {
        use wasm_bindgen::JsCast;
        if let Ok(stage) = stage.dyn_into::<web_sys::HtmlElement>() {
            let _ = stage.focus();
        }
    }
}

#[component]
pub fn LabelEditor() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    move || {
        let id = ctx.editing.get()?;
        let activity = ctx.editor.with_untracked(|e| e.journey().get(id).cloned())?;
        let input = NodeRef::<html::Input>::new();
        Effect::new(move |_| {
            if let Some(el) = input.get() {
                let _ = el.focus();
                el.select();
            }
        });
        // Left, top and width in CSS px, set through the CSSOM (no style attribute: the page
        // runs under `style-src 'self'`).
        let place = move || {
            let vp = ctx.viewport.get();
            let c = vp.world_to_screen(Grid::new().hex_to_world_pos(activity.at));
            let width = (Grid::new().hex_width() * vp.zoom).max(140.0);
            (c.x - width / 2.0, c.y - 16.0, width)
        };
        let on_key = move |ev: KeyboardEvent| {
            ev.stop_propagation();
            match ev.key().as_str() {
                "Enter" => {
                    ev.prevent_default();
                    close(ctx, input.get_untracked().map(|el| el.value()));
                }
                "Escape" => {
                    ev.prevent_default();
                    close(ctx, None);
                }
                _ => {}
            }
        };
        Some(view! {
            <input
                id="label-editor"
                node_ref=input
                type="text"
                autocomplete="off"
                spellcheck="true"
                maxlength=MAX_LABEL_CHARS.to_string()
                aria-label=move || t_string!(i18n, label_editor).to_string()
                prop:value=activity.label.clone()
                style:left=move || format!("{:.1}px", place().0)
                style:top=move || format!("{:.1}px", place().1)
                style:width=move || format!("{:.1}px", place().2)
                on:keydown=on_key
                on:pointerdown=|ev| ev.stop_propagation()
                on:dblclick=|ev| ev.stop_propagation()
                on:blur=move |_| close(ctx, input.get_untracked().map(|el| el.value()))
            />
        })
    }
}
