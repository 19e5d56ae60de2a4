//! The inspector: what is selected, its phase, and actions on it.

use favo_core::hit::Stroke;
use favo_core::{ActivityId, Edit, Link, PhaseId};
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
        {move || ctx.picked.get().map(|stroke| view! { <PickedPanel stroke/> })}
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

/// A link or persona route picked on the canvas: what it joins, and what can be done to it.
#[component]
fn PickedPanel(
    /// What was picked.
    stroke: Stroke,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let label = move |id: ActivityId| {
        ctx.editor
            .with(|e| e.journey().get(id).map(|a| a.label.clone()))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| t_string!(i18n, unlabelled).to_string())
    };
    let body = match stroke {
        Stroke::Link(link) => {
            let reverse = move |_| {
                let back = Link { from: link.to, to: link.from };
                let edit = Edit::Batch(vec![Edit::Unlink(vec![link]), Edit::Link(vec![back])]);
                if let Some(Ok(())) = ctx.editor.try_update(|e| e.apply(edit)) {
                    ctx.picked.set(Some(Stroke::Link(back)));
                }
            };
            view! {
                <h3>{t!(i18n, picked_link)}</h3>
                <p id="picked-link"><span>{move || label(link.from)}</span>" → "<span>{move || label(link.to)}</span></p>
                <div class="actions">
                    <button id="reverse-link" on:click=reverse>{t!(i18n, reverse_link)}</button>
                    <button id="delete-link" on:click=move |_| { let _ = ctx.editor.try_update(|e| e.unlink(link)); }>{t!(i18n, delete)}</button>
                </div>
            }
            .into_any()
        }
        Stroke::Route(persona) => {
            let name = move || ctx.editor.with(|e| e.journey().persona(persona).map(|p| p.name.clone())).unwrap_or_default();
            let steps = move || ctx.editor.with(|e| e.journey().persona(persona).map_or(0, |p| e.journey().walk(p).count()));
            view! {
                <h3>{t!(i18n, picked_route)}</h3>
                <p id="picked-route"><strong>{name}</strong>" · "{t!(i18n, route_steps, count = steps)}</p>
                <p class="hint">{t!(i18n, route_hint)}</p>
            }
            .into_any()
        }
    };
    view! {
        <aside id="picked" class="panel" aria-live="polite">
            {body}
        </aside>
    }
}
