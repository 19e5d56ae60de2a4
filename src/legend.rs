//! The legend: each phase with its colour, in the journey's order. "Edit phases" turns it
//! into the place to rename, recolour, add, remove and reorder phases, each one undoable.

use favo_core::{EditError, Phase, PhaseId};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_ctx;

#[component]
pub fn Legend() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    // Colours come from the file but are checked to be `#rrggbb` on load and on edit, so
    // they are safe inside a style attribute.
    let phases = move || {
        let lang = ctx.lang.get();
        ctx.editor.with(|e| {
            e.journey().phases().iter().map(|p| (p.id, p.color.clone(), p.name(lang).to_owned())).collect::<Vec<_>>()
        })
    };
    let add = move |_| {
        let n = ctx.editor.with_untracked(|e| e.journey().phases().len());
        let name = t_string!(i18n, new_phase).to_string();
        let _ = ctx.editor.try_update(|e| e.add_phase(&name, Phase::NEW_COLORS[n % Phase::NEW_COLORS.len()]));
    };
    view! {
        <section class="panel legend" aria-labelledby="legend-title">
            <h2 id="legend-title">{t!(i18n, legend_title)}</h2>
            <ul id="legend" class:editing=move || editing.get()>
                <For each=phases key=|p| p.clone() let((id, color, name))>
                    <Show
                        when=move || editing.get()
                        fallback={
                            let (color, name) = (color.clone(), name.clone());
                            move || view! { <li><span class="swatch" style:background=color.clone()></span>{name.clone()}</li> }
                        }
                    >
                        <PhaseEditor id color=color.clone() name=name.clone()/>
                    </Show>
                </For>
            </ul>
            <div class="legend-actions">
                <Show when=move || editing.get()>
                    <button id="add-phase" on:click=add>{t!(i18n, add_phase)}</button>
                </Show>
                <button id="edit-phases" aria-pressed=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || if editing.get() { t_string!(i18n, done) } else { t_string!(i18n, edit_phases) }}
                </button>
            </div>
        </section>
    }
}

#[component]
fn PhaseEditor(
    /// The phase edited by this row.
    id: PhaseId,
    /// Its colour, `#rrggbb`.
    color: String,
    /// Its name as shown.
    name: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let position = move || ctx.editor.with(|e| e.journey().phases().iter().position(|p| p.id == id).unwrap_or(0));
    let is_last = move || ctx.editor.with(|e| e.journey().phases().last().map(|p| p.id)) == Some(id);
    let edit = move |f: &dyn Fn(&mut favo_core::Editor) -> Result<(), EditError>| {
        let _ = ctx.editor.try_update(|e| f(e));
    };
    view! {
        <li class="phase-editor">
            <input type="color" class="phase-color" prop:value=color.clone()
                aria-label=move || t_string!(i18n, phase_color).to_string()
                on:change=move |ev| { let c = event_target_value(&ev); edit(&|e| e.recolor_phase(id, &c)) }/>
            <input type="text" class="phase-name-input" prop:value=name.clone() maxlength="200"
                aria-label=move || t_string!(i18n, phase_name).to_string()
                on:change=move |ev| { let n = event_target_value(&ev); edit(&|e| e.rename_phase(id, &n)) }/>
            <button class="move-up" disabled=move || position() == 0 aria-label=move || t_string!(i18n, move_up).to_string()
                on:click=move |_| { let to = position().saturating_sub(1); edit(&|e| e.move_phase(id, to)) }>"↑"</button>
            <button class="move-down" disabled=is_last aria-label=move || t_string!(i18n, move_down).to_string()
                on:click=move |_| { let to = position() + 1; edit(&|e| e.move_phase(id, to)) }>"↓"</button>
            <button class="remove-phase" aria-label=move || t_string!(i18n, remove_phase).to_string()
                on:click=move |_| edit(&|e| e.remove_phase(id))>"×"</button>
        </li>
    }
}
