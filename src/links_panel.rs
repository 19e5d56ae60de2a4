//! The links of the selected cell, in the inspector: where the journey goes next and where
//! it comes from, each removable, with how to draw a new one.

use favo_core::{ActivityId, Link};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_ctx;

#[component]
pub fn LinksPanel(
    /// The selected cell.
    id: ActivityId,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    // (link, label of the cell at the other end, outgoing?)
    let links = move || {
        let unlabelled = t_string!(i18n, unlabelled).to_string();
        ctx.editor.with(|e| {
            let j = e.journey();
            let label = |other: ActivityId| {
                j.get(other).map(|a| a.label.clone()).filter(|l| !l.is_empty()).unwrap_or_else(|| unlabelled.clone())
            };
            j.links_of(id)
                .map(|&l| if l.from == id { (l, label(l.to), true) } else { (l, label(l.from), false) })
                .collect::<Vec<(Link, String, bool)>>()
        })
    };
    view! {
        <section class="links" aria-labelledby="links-title">
            <h3 id="links-title">{t!(i18n, links_title)}</h3>
            <ul id="cell-links">
                <For each=links key=|l| l.clone() let((link, other, outgoing))>
                    <li>
                        <span class="direction">{move || if outgoing { t_string!(i18n, leads_to) } else { t_string!(i18n, comes_from) }}</span>
                        " "
                        <span class="other">{other}</span>
                        <button class="unlink" aria-label=move || t_string!(i18n, link_remove).to_string()
                            title=move || t_string!(i18n, link_remove).to_string()
                            on:click=move |_| { let _ = ctx.editor.try_update(|e| e.unlink(link)); }>"×"</button>
                    </li>
                </For>
            </ul>
            <p class="hint">{t!(i18n, link_hint)}</p>
        </section>
    }
}
