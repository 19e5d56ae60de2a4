//! The outline: every cell as a list item, grouped by phase, for keyboard and screen-reader
//! users and for people who prefer lists. Choosing an item selects the cell on the canvas.
//!
//! Rows are keyed per cell, so an edit re-renders only the rows it touched, and at most
//! `MAX_ROWS` are shown: each row subscribes to the selection, and a signal with 10,000
//! subscribers makes every edit cost O(n²) in Leptos' subscriber bookkeeping (measured:
//! 0.4 s per delete on a 10,000-cell map). A list that long serves nobody anyway.

use favo_core::{ActivityId, PhaseId};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_ctx;

type Row = (ActivityId, String);

/// Rows shown at most; the rest are counted.
const MAX_ROWS: usize = 1000;

#[component]
pub fn Outline() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    // (phase, [(id, label)]) in phase order, cells without a phase last.
    let groups = Memo::new(move |_| {
        ctx.editor.with(|e| {
            let j = e.journey();
            let mut budget = MAX_ROWS;
            let phases = j.phases().iter().map(|p| Some(p.id)).chain([None]);
            phases
                .map(|p| {
                    let rows: Vec<Row> =
                        j.activities().filter(|a| a.phase == p).take(budget).map(|a| (a.id, a.label.clone())).collect();
                    budget -= rows.len();
                    (p, rows)
                })
                .filter(|(_, rows)| !rows.is_empty())
                .collect::<Vec<_>>()
        })
    });
    let hidden = move || {
        let shown: usize = groups.with(|g| g.iter().map(|(_, rows)| rows.len()).sum());
        ctx.editor.with(|e| e.journey().len()) - shown
    };
    let phase_name = move |p: Option<PhaseId>| {
        let lang = ctx.lang.get();
        match p {
            Some(p) => ctx.editor.with(|e| e.journey().phase(p).map(|p| p.name(lang).to_owned())).unwrap_or_default(),
            None => t_string!(i18n, no_phase).to_string(),
        }
    };
    view! {
        <details class="panel outline" open>
            <summary>{t!(i18n, outline_title)}</summary>
            <ul id="outline">
                <For each=move || groups.with(|g| g.iter().map(|(p, _)| *p).collect::<Vec<_>>()) key=|p| *p let(phase)>
                    <li>
                        <span class="phase-name">{move || phase_name(phase)}</span>
                        <ul>
                            <For
                                each=move || groups.with(|g| g.iter().find(|(p, _)| *p == phase).map(|(_, rows)| rows.clone()).unwrap_or_default())
                                key=|row| row.clone()
                                let((id, label))
                            >
                                <OutlineRow id label/>
                            </For>
                        </ul>
                    </li>
                </For>
                <Show when=move || { hidden() > 0 }>
                    <li class="more">{t!(i18n, outline_more, count = hidden)}</li>
                </Show>
            </ul>
        </details>
    }
}

#[component]
fn OutlineRow(
    /// The cell this row stands for.
    id: ActivityId,
    /// Its label, shown as text.
    label: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let selected = move || ctx.selection.with(|s| s.contains(&id));
    let text = move || if label.is_empty() { t_string!(i18n, unlabelled).to_string() } else { label.clone() };
    view! {
        <li>
            <button class="cell" aria-pressed=move || selected().to_string() on:click=move |_| ctx.editor.update(|e| e.select([id]))>
                {text}
            </button>
        </li>
    }
}
