//! The outline: every cell as a list item, grouped by phase, for keyboard and screen-reader
//! users and for people who prefer lists. Choosing an item selects the cell on the canvas.

use favo_core::ActivityId;
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_ctx;

#[component]
pub fn Outline() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    // (phase name, [(id, label)]) in phase order, cells without a phase last.
    let groups = move || {
        let lang = ctx.lang.get();
        let no_phase = t_string!(i18n, no_phase).to_string();
        ctx.editor.with(|e| {
            let j = e.journey();
            let mut groups: Vec<(String, Vec<(ActivityId, String)>)> = j
                .phases()
                .iter()
                .map(|p| (p.name(lang).to_owned(), j.activities().filter(|a| a.phase == Some(p.id)).map(|a| (a.id, a.label.clone())).collect()))
                .collect();
            groups.push((no_phase, j.activities().filter(|a| a.phase.is_none()).map(|a| (a.id, a.label.clone())).collect()));
            groups.retain(|(_, cells)| !cells.is_empty());
            groups
        })
    };
    let unlabelled = move || t_string!(i18n, unlabelled).to_string();
    view! {
        <details class="panel outline" open>
            <summary>{t!(i18n, outline_title)}</summary>
            <ul id="outline">
                <For each=groups key=|g| g.clone() let((phase, cells))>
                    <li>
                        <span class="phase-name">{phase}</span>
                        <ul>
                            {cells.into_iter().map(|(id, label)| {
                                let selected = move || ctx.selection.with(|s| s.contains(&id));
                                let text = if label.is_empty() { unlabelled() } else { label };
                                view! {
                                    <li>
                                        <button class="cell" aria-pressed=move || selected().to_string()
                                            on:click=move |_| ctx.editor.update(|e| e.select([id]))>{text}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </li>
                </For>
            </ul>
        </details>
    }
}
