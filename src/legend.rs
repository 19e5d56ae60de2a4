//! The legend: each phase with its colour, in the journey's order.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_ctx;

#[component]
pub fn Legend() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let phases = move || {
        let lang = ctx.lang.get();
        // Colours come from the file but are checked to be `#rrggbb` on load, so they are
        // safe inside a style attribute.
        ctx.editor.with(|e| e.journey().phases().iter().map(|p| (p.color.clone(), p.name(lang).to_owned())).collect::<Vec<_>>())
    };
    view! {
        <section class="panel legend" aria-labelledby="legend-title">
            <h2 id="legend-title">{t!(i18n, legend_title)}</h2>
            <ul id="legend">
                {move || phases().into_iter().map(|(color, name)| view! {
                    <li><span class="swatch" style=format!("background:{color}")></span>{name}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}
