//! The inspector: what is selected, its phase, and actions on it.

use favo_core::PhaseId;
use leptos::prelude::*;

use crate::i18n::*;
use crate::links_panel::LinksPanel;
use crate::touchpoint_panel::TouchpointPanel;
use crate::state::use_ctx;

#[component]
pub fn Inspector() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let count = move || ctx.selection.with(|s| s.len());
    // Only a change of the selected cell rebuilds its panels (an edit must not close them).
    let single = Memo::new(move |_| ctx.editor.with(|e| e.single_selected().map(|a| a.id)));
    // The shared phase of the selection: Some(None) is "no phase", None is mixed.
    let shared = move || {
        ctx.editor.with(|e| {
            let mut phases = e.selection.iter().filter_map(|id| e.journey().get(*id)).map(|a| a.phase);
            let first = phases.next()?;
            phases.all(|p| p == first).then_some(first)
        })
    };
    let value = move || match shared() {
        Some(Some(PhaseId(id))) => id.to_string(),
        Some(None) => String::new(),
        None => "mixed".into(),
    };
    let on_change = move |ev: web_sys::Event| {
        let phase = event_target_value(&ev).parse::<u32>().ok().map(PhaseId);
        let _ = ctx.editor.try_update(|e| e.set_phase_of_selection(phase));
    };
    let phases = move || {
        let lang = ctx.lang.get();
        ctx.editor.with(|e| e.journey().phases().iter().map(|p| (p.id.0.to_string(), p.name(lang).to_owned())).collect::<Vec<_>>())
    };
    view! {
        <Show when=move || { count() > 0 }>
            <aside id="inspector" class="panel" aria-label=move || t_string!(i18n, phase_label).to_string()>
                <p class="count">{t!(i18n, selected_count, count)}</p>
                <label for="phase-select">{t!(i18n, phase_label)}</label>
                <select id="phase-select" on:change=on_change prop:value=value>
                    <Show when=move || shared().is_none()>
                        <option value="mixed" disabled>{t!(i18n, mixed_phase)}</option>
                    </Show>
                    <option value="">{t!(i18n, no_phase)}</option>
                    {move || phases().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
                {move || single.get().map(|id| view! { <ClusterField cell=id/><TouchpointPanel cell=id/><LinksPanel id/> })}
                <div class="actions">
                    <button id="edit-label" disabled=move || count() != 1
                        on:click=move |_| ctx.editing.set(ctx.editor.with_untracked(|e| e.single_selected().map(|a| a.id)))>
                        {t!(i18n, edit_label)}
                    </button>
                    <button id="delete-selection" on:click=move |_| { let _ = ctx.editor.try_update(|e| e.delete_selection()); }>
                        {t!(i18n, delete)}
                    </button>
                </div>
            </aside>
        </Show>
    }
}

/// The name of the selected cell's cluster (the cells touching it, and theirs).
#[component]
fn ClusterField(
    /// The selected cell.
    cell: favo_core::ActivityId,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let cluster = Memo::new(move |_| ctx.editor.with(|e| favo_core::cluster::cluster_of(e.journey(), cell)));
    let size = move || cluster.with(|c| c.as_ref().map_or(0, |c| c.cells.len()));
    view! {
        <label for="cluster-name">{t!(i18n, cluster_name)}" "<span class="muted">{t!(i18n, cluster_size, count = size)}</span></label>
        <input id="cluster-name" type="text" maxlength="200" prop:value=move || cluster.with(|c| c.as_ref().and_then(|c| c.name.clone()).unwrap_or_default())
            on:change=move |ev| { let name = event_target_value(&ev); let _ = ctx.editor.try_update(|e| e.name_cluster(cell, &name)); }/>
    }
}
