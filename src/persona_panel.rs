//! Personas: the list, and for the open persona its fields, lifecycle stage (with DOMAIN.md's
//! help), path mode (click cells in order), the steps with their emotions, and the filter
//! that fades the cells off their path. Every change is one undo step.

use favo_core::{Lifecycle, Persona, PersonaId, EditError};
use leptos::prelude::*;

use crate::emotion_chart::EmotionChart;
use crate::i18n::*;
use crate::state::use_ctx;

#[component]
pub fn PersonaPanel() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let list = move || {
        let lang = ctx.lang.get();
        ctx.editor.with(|e| {
            e.journey().personas().iter().map(|p| (p.id, p.initials(), p.name.clone(), p.color.clone(), p.stage.name(lang))).collect::<Vec<_>>()
        })
    };
    let add = move |_| {
        let name = t_string!(i18n, new_persona).to_string();
        if let Some(Ok(id)) = ctx.editor.try_update(|e| e.add_persona(&name)) {
            ctx.persona.set(Some(id));
        }
    };
    view! {
        <details class="panel personas" id="personas-panel" open>
            <summary>{t!(i18n, personas_title)}</summary>
            <ul id="persona-list">
                <For each=list key=|p| p.clone() let((id, initials, name, color, stage))>
                    <li>
                        <button class="persona" aria-pressed=move || (ctx.persona.get() == Some(id)).to_string()
                            on:click=move |_| ctx.persona.update(|p| *p = if *p == Some(id) { None } else { Some(id) })>
                            <span class="avatar" style:background=color.clone()>{initials}</span>
                            <span class="persona-name">{name}</span>
                            <span class="muted">{stage}</span>
                        </button>
                    </li>
                </For>
            </ul>
            <button id="add-persona" on:click=add>{t!(i18n, add_persona)}</button>
            {move || ctx.persona.get().map(|id| view! { <PersonaForm id/> })}
        </details>
    }
}

#[component]
fn PersonaForm(
    /// The open persona.
    id: PersonaId,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let current = move || ctx.editor.with(|e| e.journey().persona(id).cloned());
    let update = move |f: Box<dyn FnOnce(&mut Persona)>| {
        let _: Option<Result<(), EditError>> = ctx.editor.try_update(|e| e.update_persona(id, f));
    };
    let text = move |get: fn(&Persona) -> String| move || current().map(|p| get(&p)).unwrap_or_default();
    let steps = move || {
        let unlabelled = t_string!(i18n, unlabelled).to_string();
        ctx.editor.with(|e| {
            let j = e.journey();
            j.persona(id)
                .map(|p| {
                    p.path
                        .iter()
                        .enumerate()
                        .filter_map(|(i, s)| j.get(s.cell).map(|a| (i, s.clone(), if a.label.is_empty() { unlabelled.clone() } else { a.label.clone() })))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let emotion_options = || (-2i8..=2).map(|v| view! { <option value=v.to_string()>{format!("{v:+}")}</option> }).collect_view();
    view! {
        <div class="persona-form">
            <label>{t!(i18n, persona_name)}
                <input id="persona-name" type="text" maxlength="200" prop:value=text(|p| p.name.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |p| p.name = v)) }/>
            </label>
            <label>{t!(i18n, persona_segment)}
                <input id="persona-segment" type="text" maxlength="200" prop:value=text(|p| p.segment.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |p| p.segment = v)) }/>
            </label>
            <label>{t!(i18n, persona_stage)}
                <select id="persona-stage" prop:value=move || current().map(|p| p.stage.key())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let s = Lifecycle::from_key(&v).unwrap_or_default();
                        update(Box::new(move |p| p.stage = s))
                    }>
                    {move || { let lang = ctx.lang.get(); Lifecycle::ALL.map(|s| view! { <option value=s.key()>{s.name(lang)}</option> }).collect_view() }}
                </select>
            </label>
            <p class="muted stage-help">{move || current().map(|p| p.stage.help(ctx.lang.get()))}</p>
            <label>{t!(i18n, persona_goals)}
                <textarea id="persona-goals" rows="2" maxlength="4000" prop:value=text(|p| p.goals.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |p| p.goals = v)) }></textarea>
            </label>
            <label>{t!(i18n, persona_pains)}
                <textarea id="persona-pains" rows="2" maxlength="4000" prop:value=text(|p| p.pains.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |p| p.pains = v)) }></textarea>
            </label>
            <div class="row">
                <label>{t!(i18n, persona_color)}
                    <input id="persona-color" type="color" prop:value=text(|p| p.color.clone())
                        on:change=move |ev| { let v = event_target_value(&ev).to_ascii_lowercase(); update(Box::new(move |p| p.color = v)) }/>
                </label>
                <label>{t!(i18n, persona_avatar)}
                    <input id="persona-avatar" type="text" maxlength="8" prop:value=text(|p| p.avatar.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |p| p.avatar = v)) }/>
                </label>
            </div>
            <div class="row">
                <button id="path-mode" aria-pressed=move || ctx.path_mode.get().to_string() on:click=move |_| ctx.path_mode.update(|m| *m = !*m)>
                    {t!(i18n, path_mode)}
                </button>
                <label class="inline">
                    <input id="persona-filter" type="checkbox" prop:checked=move || ctx.persona_filter.get()
                        on:change=move |ev| ctx.persona_filter.set(event_target_checked(&ev))/>
                    {t!(i18n, persona_filter)}
                </label>
            </div>
            <p class="muted">{move || match ctx.insert_at.get() {
                Some(at) => t!(i18n, path_insert_hint, step = move || at + 1).into_any(),
                None => t!(i18n, path_hint).into_any(),
            }}</p>
            <ol id="persona-steps">
                <For each=steps key=|(i, s, label)| (*i, s.clone(), label.clone()) let((i, step, label))>
                    <li class="step">
                        <span class="step-cell">{label}</span>
                        <select class="step-as-is" aria-label=move || t_string!(i18n, step_as_is).to_string() prop:value=step.as_is.to_string()
                            on:change=move |ev| { let v: i8 = event_target_value(&ev).parse().unwrap_or(0); update(Box::new(move |p| p.path[i].as_is = v)) }>
                            {emotion_options()}
                        </select>
                        <select class="step-to-be" aria-label=move || t_string!(i18n, step_to_be).to_string() prop:value=step.to_be.to_string()
                            on:change=move |ev| { let v: i8 = event_target_value(&ev).parse().unwrap_or(0); update(Box::new(move |p| p.path[i].to_be = v)) }>
                            {emotion_options()}
                        </select>
                        <input class="step-note" type="text" maxlength="200" placeholder=move || t_string!(i18n, step_note).to_string() prop:value=step.note.clone()
                            on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |p| p.path[i].note = v)) }/>
                        <button class="step-insert" aria-pressed=move || (ctx.insert_at.get() == Some(i)).to_string()
                            aria-label=move || t_string!(i18n, insert_step).to_string() title=move || t_string!(i18n, insert_step).to_string()
                            on:click=move |_| { ctx.insert_at.set(Some(i)); ctx.path_mode.set(true); }>"+"</button>
                        <button class="step-up" disabled=i == 0 aria-label=move || t_string!(i18n, move_up).to_string()
                            on:click=move |_| update(Box::new(move |p| p.path.swap(i, i - 1)))>"↑"</button>
                        <button class="step-remove" aria-label=move || t_string!(i18n, remove_step).to_string()
                            on:click=move |_| update(Box::new(move |p| { p.path.remove(i); }))>"×"</button>
                    </li>
                </For>
            </ol>
            <EmotionChart persona=Signal::derive(move || Some(id))/>
            <button id="remove-persona" on:click=move |_| {
                ctx.persona.set(None);
                ctx.path_mode.set(false);
                let _ = ctx.editor.try_update(|e| e.remove_persona(id));
            }>{t!(i18n, remove_persona)}</button>
        </div>
    }
}
