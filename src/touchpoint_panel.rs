//! The touchpoints of the selected cell, in the inspector: each one's fields, editable in
//! place (one undo step per change), plus adding and removing.

use favo_core::{ActivityId, Channel, Moment, Status, Touchpoint, TouchpointId};
use leptos::prelude::*;

use crate::analysis::use_analysis;
use crate::i18n::*;
use crate::state::use_ctx;

const OTHER: &str = "__other";

#[component]
pub fn TouchpointPanel(
    /// The selected cell.
    cell: ActivityId,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let ids = move || ctx.editor.with(|e| e.journey().get(cell).map(|a| a.touchpoints.iter().map(|t| t.id).collect::<Vec<_>>()).unwrap_or_default());
    let add = move |_| {
        let name = t_string!(i18n, new_touchpoint).to_string();
        let _ = ctx.editor.try_update(|e| e.add_touchpoint(cell, &name));
    };
    view! {
        <section class="touchpoints" aria-labelledby="touchpoints-title">
            <h3 id="touchpoints-title">{t!(i18n, touchpoints_title)}</h3>
            <ul id="cell-touchpoints">
                <For each=ids key=|id| *id let(id)>
                    <TouchpointForm cell id/>
                </For>
            </ul>
            <button id="add-touchpoint" on:click=add>{t!(i18n, add_touchpoint)}</button>
        </section>
    }
}

#[component]
fn TouchpointForm(
    /// The cell the touchpoint belongs to.
    cell: ActivityId,
    /// The touchpoint edited.
    id: TouchpointId,
) -> impl IntoView {
    let analysis = use_analysis();
    let ctx = use_ctx();
    let i18n = use_i18n();
    let current = move || {
        ctx.editor.with(|e| e.journey().get(cell).and_then(|a| a.touchpoints.iter().find(|t| t.id == id).cloned()))
    };
    // Applies a change to this touchpoint as one edit.
    let change = move |f: Box<dyn FnOnce(&mut Touchpoint)>| {
        if let Some(mut t) = current() {
            f(&mut t);
            let _ = ctx.editor.try_update(|e| e.update_touchpoint(cell, t));
        }
    };
    let field = move |get: fn(&Touchpoint) -> String| move || current().map(|t| get(&t)).unwrap_or_default();
    let summary = move || {
        let lang = ctx.lang.get();
        current().map(|t| format!("{} · {} · {}", t.name, t.channel.name(lang), t.status.name(lang))).unwrap_or_default()
    };
    let channel_value = move || current().map(|t| match t.channel {
        Channel::Other(_) => OTHER.to_owned(),
        c => c.key().to_owned(),
    });
    let is_other = move || matches!(current().map(|t| t.channel), Some(Channel::Other(_)));
    view! {
        <li class="touchpoint">
            <details>
                <summary>{summary}</summary>
                <div class="tp-fields">
                    <label>{t!(i18n, tp_name)}
                        <input class="tp-name" type="text" maxlength="200" prop:value=field(|t| t.name.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |t| t.name = v)) }/>
                    </label>
                    <label>{t!(i18n, tp_channel)}
                        <select class="tp-channel" prop:value=channel_value
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let channel = if v == OTHER { Channel::Other(String::from("?")) } else { Channel::from_key(&v) };
                                change(Box::new(move |t| t.channel = channel))
                            }>
                            {move || {
                                let lang = ctx.lang.get();
                                Channel::CATALOGUE.iter().map(|c| view! { <option value=c.key().to_owned()>{c.name(lang).to_owned()}</option> }).collect_view()
                            }}
                            <option value=OTHER>{t!(i18n, tp_other_channel)}</option>
                        </select>
                    </label>
                    <Show when=is_other>
                        <label>{t!(i18n, tp_own_channel)}
                            <input class="tp-own-channel" type="text" maxlength="200" prop:value=move || current().map(|t| t.channel.key().to_owned())
                                on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |t| t.channel = Channel::Other(v))) }/>
                        </label>
                    </Show>
                    <label class="inline">
                        <input class="tp-online" type="checkbox" prop:checked=move || current().is_some_and(|t| t.online)
                            on:change=move |ev| { let on = event_target_checked(&ev); change(Box::new(move |t| t.online = on)) }/>
                        {t!(i18n, tp_online)}
                    </label>
                    <label>{t!(i18n, tp_moment)}
                        <select class="tp-moment" prop:value=move || current().map(|t| t.moment.key())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let m = Moment::from_key(&v).unwrap_or(Moment::PreSale);
                                change(Box::new(move |t| t.moment = m))
                            }>
                            {move || { let lang = ctx.lang.get(); Moment::ALL.map(|m| view! { <option value=m.key()>{m.name(lang)}</option> }).collect_view() }}
                        </select>
                    </label>
                    <label>{t!(i18n, tp_owner)}
                        <input class="tp-owner" type="text" maxlength="200" prop:value=field(|t| t.owner.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |t| t.owner = v)) }/>
                    </label>
                    <label>{t!(i18n, tp_status)}
                        <select class="tp-status" prop:value=move || current().map(|t| t.status.key())
                            on:change=move |ev| { let s = Status::from_key(&event_target_value(&ev)).unwrap_or_default(); change(Box::new(move |t| t.status = s)) }>
                            {move || { let lang = ctx.lang.get(); Status::ALL.map(|s| view! { <option value=s.key()>{s.name(lang)}</option> }).collect_view() }}
                        </select>
                    </label>
                    <label>{t!(i18n, tp_event)}
                        <input class="tp-event" type="text" maxlength="200" prop:value=field(|t| t.event.clone().unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |t| t.event = Some(v).filter(|v| !v.trim().is_empty()))) }/>
                        <span class="tp-event-count muted">{move || {
                            let event = current().and_then(|t| t.event)?;
                            let found = analysis.current.with(|c| c.as_ref()?.log.as_ref().map(|l| l.names.iter().find(|(n, _)| *n == event.trim()).map(|(_, n)| *n)))?;
                            Some(match found {
                                Some(n) => {
                                    let count = favo_core::chart::number(n as f64, ctx.lang.get());
                                    t!(i18n, tp_event_count, count).into_any()
                                }
                                None => t!(i18n, tp_event_absent).into_any(),
                            })
                        }}</span>
                    </label>
                    <label>{t!(i18n, tp_description)}
                        <textarea class="tp-description" rows="3" maxlength="4000" prop:value=field(|t| t.description.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |t| t.description = v)) }></textarea>
                    </label>
                    <button class="tp-remove" on:click=move |_| { let _ = ctx.editor.try_update(|e| e.remove_touchpoint(cell, id)); }>
                        {t!(i18n, tp_remove)}
                    </button>
                </div>
            </details>
        </li>
    }
}
