//! The touchpoint checklist: every touchpoint grouped by moment of sale, filtered by
//! channel, owner or status, the status editable in place, exported as CSV.

use favo_core::checklist::{self, Filter};
use favo_core::{ActivityId, Channel, Lang, Status, Touchpoint};
use leptos::prelude::*;

use crate::files;
use crate::i18n::*;
use crate::state::use_ctx;

/// All options first, then the values the map uses, sorted.
fn choices(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = values.collect();
    v.sort();
    v.dedup();
    v
}

fn status_options(lang: Lang) -> impl IntoView {
    Status::ALL.map(|s| view! { <option value=s.key()>{s.name(lang)}</option> }).collect_view()
}

#[component]
pub fn ChecklistPanel() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let filter = RwSignal::new(Filter::default());
    let channels = move || ctx.editor.with(|e| choices(e.journey().touchpoints().map(|(_, t)| t.channel.key().to_owned())));
    let owners = move || ctx.editor.with(|e| choices(e.journey().touchpoints().map(|(_, t)| t.owner.clone())));
    let groups = move || {
        let f = filter.get();
        let lang = ctx.lang.get();
        ctx.editor.with(|e| {
            checklist::by_moment(e.journey(), &f)
                .into_iter()
                .map(|(m, rows)| {
                    let rows: Vec<(ActivityId, String, Touchpoint)> = rows.into_iter().map(|(a, t)| (a.id, a.label.clone(), t.clone())).collect();
                    (m.name(lang), rows)
                })
                .collect::<Vec<_>>()
        })
    };
    let export = move |_| {
        let lang = ctx.lang.get_untracked();
        let delimiter = if lang == Lang::It { b';' } else { b',' };
        let csv = ctx.editor.with_untracked(|e| checklist::to_csv(e.journey(), &filter.get_untracked(), lang, delimiter));
        // The byte-order mark tells Excel the file is UTF-8 (accents, €).
        files::download("checklist.csv", &format!("\u{feff}{csv}"), "text/csv");
    };
    let all = move || t_string!(i18n, filter_all).to_string();
    view! {
        <details class="panel checklist" id="checklist-panel">
            <summary>{t!(i18n, checklist_title)}</summary>
            <div class="filters">
                <select id="filter-channel" aria-label=move || t_string!(i18n, tp_channel).to_string()
                    on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.channel = (!v.is_empty()).then(|| Channel::from_key(&v))) }>
                    <option value="">{all}</option>
                    {move || { let lang = ctx.lang.get(); channels().into_iter().map(|k| view! { <option value=k.clone()>{Channel::from_key(&k).name(lang).to_owned()}</option> }).collect_view() }}
                </select>
                <select id="filter-owner" aria-label=move || t_string!(i18n, tp_owner).to_string()
                    on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.owner = (!v.is_empty()).then_some(v)) }>
                    <option value="">{all}</option>
                    {move || owners().into_iter().filter(|o| !o.is_empty()).map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                </select>
                <select id="filter-status" aria-label=move || t_string!(i18n, tp_status).to_string()
                    on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.status = Status::from_key(&v)) }>
                    <option value="">{all}</option>
                    {move || { let lang = ctx.lang.get(); status_options(lang) }}
                </select>
            </div>
            <div id="checklist">
                {move || groups().into_iter().map(|(moment, rows)| view! {
                    <h3>{moment}" ("{rows.len()}")"</h3>
                    <ul>
                        {rows.into_iter().map(|(cell, label, t)| {
                            let lang = ctx.lang.get_untracked();
                            let tp = t.clone();
                            view! {
                                <li class="check-row">
                                    <span class="tp">{t.name.clone()}</span>
                                    <span class="where">{label}" · "{t.channel.name(lang).to_owned()}</span>
                                    <select class="row-status" prop:value=t.status.key()
                                        on:change=move |ev| {
                                            let mut changed = tp.clone();
                                            changed.status = Status::from_key(&event_target_value(&ev)).unwrap_or_default();
                                            let _ = ctx.editor.try_update(|e| e.update_touchpoint(cell, changed));
                                        }>
                                        {status_options(lang)}
                                    </select>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }).collect_view()}
            </div>
            <button id="export-csv" on:click=export>{t!(i18n, export_csv)}</button>
        </details>
    }
}
