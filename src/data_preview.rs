//! The preview step: what the reader detected (encoding, delimiter, header, decimal, date
//! format), the first rows with each column's kind, and which columns play which role —
//! all shown and all editable. A changed setting reads the file again; "Use this data"
//! replaces the data in use, "Cancel" keeps it.

use favo_core::funnel::counts::CountRoles;
use favo_core::ingest::events::Roles;
use favo_core::ingest::overview::{date_formats, Overview, ReadSettings};
use leptos::prelude::*;

use crate::analysis::{use_analysis, Status};
use crate::i18n::*;
use crate::protocol::Use;

const ENCODINGS: [&str; 4] = ["UTF-8", "windows-1252", "UTF-16LE", "UTF-16BE"];
const DELIMITERS: [(char, &str); 4] = [(',', ","), (';', ";"), ('\t', "tab"), ('|', "|")];
const KINDS: [&str; 5] = ["text", "integer", "number", "date", "bool"];

#[component]
pub fn DataPreview() -> impl IntoView {
    let analysis = use_analysis();
    move || match analysis.status.get() {
        Status::Preview { name, overview, settings } => view! { <PreviewOf name overview=*overview settings/> }.into_any(),
        _ => ().into_any(),
    }
}

/// A `<select>` of `choices` (value, text) with `current` selected, calling `on_pick`.
fn choice(id: String, label: String, choices: Vec<(String, String)>, current: String, on_pick: impl Fn(String) + 'static) -> impl IntoView {
    view! {
        <select id=id aria-label=label on:change=move |ev| on_pick(event_target_value(&ev))>
            {choices.into_iter().map(|(value, text)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{text}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
fn PreviewOf(name: String, overview: Overview, settings: ReadSettings) -> impl IntoView {
    let analysis = use_analysis();
    let i18n = use_i18n();
    let settings = StoredValue::new(settings);
    let reread = move |change: &dyn Fn(&mut ReadSettings)| {
        let mut s = settings.get_value();
        change(&mut s);
        analysis.reread(s);
    };
    let columns: Vec<(String, String)> = overview.columns.iter().enumerate().map(|(i, c)| (i.to_string(), c.name.clone())).collect();
    let is_log = RwSignal::new(overview.roles.is_some() || overview.count_roles.is_none());
    let guess = overview.roles.unwrap_or(Roles { user: 0, event: 1.min(columns.len().saturating_sub(1)), time: 2.min(columns.len().saturating_sub(1)) });
    let roles = RwSignal::new(guess);
    let counts = RwSignal::new(overview.count_roles.unwrap_or(CountRoles { step: 0, count: 1.min(columns.len().saturating_sub(1)) }));
    let role_select = {
        let columns = columns.clone();
        move |id: &'static str, label: String, current: usize, set: Box<dyn Fn(usize)>| {
            choice(id.into(), label, columns.clone(), current.to_string(), move |v| set(v.parse().unwrap_or(0)))
        }
    };
    let delimiter = overview.delimiter.map(String::from).unwrap_or_default();
    let dates: Vec<(String, String)> = date_formats().into_iter().map(|f| (f.to_string(), f.to_string())).collect();
    let accept = move |_| {
        analysis.accept(if is_log.get_untracked() { Use::Events(roles.get_untracked()) } else { Use::Counts(counts.get_untracked()) });
    };
    let detail = |first: Vec<String>| first.into_iter().take(5).map(|e| view! { <li>{e}</li> }).collect_view();
    view! {
        <section id="data-preview" class="data-preview" aria-label=format!("{} {name}", t_string!(i18n, preview_title))>
            <h3>{t!(i18n, preview_title)} " " <bdi>{name.clone()}</bdi> " · " {t!(i18n, preview_rows, count = move || overview.rows)}</h3>
            <div class="preview-settings">
                <label>{t!(i18n, preview_encoding)} " "
                    {choice("preview-encoding".into(), t_string!(i18n, preview_encoding).into(), ENCODINGS.map(|e| (e.to_string(), e.to_string())).to_vec(), overview.encoding.clone(),
                        move |v| reread(&|s| s.encoding = Some(v.clone())))}
                </label>
                <label hidden=overview.delimiter.is_none()>{t!(i18n, preview_delimiter)} " "
                    {choice("preview-delimiter".into(), t_string!(i18n, preview_delimiter).into(), DELIMITERS.map(|(c, t)| (c.to_string(), t.to_string())).to_vec(), delimiter,
                        move |v| reread(&|s| s.delimiter = v.chars().next()))}
                </label>
                <label class="inline"><input id="preview-header" type="checkbox" checked=overview.header
                    on:change=move |ev| { let on = event_target_checked(&ev); reread(&|s| s.header = Some(on)) }/>{t!(i18n, preview_header)}</label>
                <label>{t!(i18n, preview_decimal)} " "
                    {choice("preview-decimal".into(), t_string!(i18n, preview_decimal).into(), vec![(".".into(), "1,234.5".into()), (",".into(), "1.234,5".into())], overview.decimal.to_string(),
                        move |v| reread(&|s| s.decimal = v.chars().next()))}
                </label>
                <label>{t!(i18n, preview_dates)} " "
                    {choice("preview-dates".into(), t_string!(i18n, preview_dates).into(), dates, overview.dates.clone().unwrap_or_default(),
                        move |v| reread(&|s| s.dates = Some(v.clone())))}
                </label>
                <span class="muted">{format!("{} · {:.1} MB", overview.encoding_from, overview.memory_bytes as f64 / 1e6)}</span>
            </div>
            <div class="preview-table">
                <table id="preview-table">
                    <thead>
                        <tr>{overview.columns.iter().map(|c| view! { <th scope="col"><bdi>{c.name.clone()}</bdi></th> }).collect_view()}</tr>
                        <tr>{overview.columns.iter().enumerate().map(|(i, c)| view! { <td>
                            {choice(format!("preview-kind-{i}"), format!("{} {}", t_string!(i18n, preview_kind), c.name), KINDS.map(|k| (k.to_string(), k.to_string())).to_vec(), c.kind.clone(),
                                move |v| reread(&|s| { s.kinds.resize(s.kinds.len().max(i + 1), None); s.kinds[i] = Some(v.clone()); }))}
                            <span class="muted" title=c.format.clone()>{if c.unreadable > 0 { format!(" ⚠ {}", c.unreadable) } else { String::new() }}</span>
                        </td> }).collect_view()}</tr>
                    </thead>
                    <tbody>{overview.preview.iter().map(|row| view! { <tr>{row.iter().map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
                </table>
            </div>
            <fieldset class="preview-roles">
                <legend>{t!(i18n, preview_roles)}</legend>
                <label class="inline"><input type="radio" name="preview-shape" id="preview-log" prop:checked=move || is_log.get() on:change=move |_| is_log.set(true)/>{t!(i18n, preview_log)}</label>
                <label class="inline"><input type="radio" name="preview-shape" id="preview-counts" prop:checked=move || !is_log.get() on:change=move |_| is_log.set(false)/>{t!(i18n, preview_counts)}</label>
                <span hidden=move || !is_log.get()>
                    <label>{t!(i18n, role_user)} " " {role_select("role-user", t_string!(i18n, role_user).into(), guess.user, Box::new(move |c| roles.update(|r| r.user = c)))}</label>
                    <label>{t!(i18n, role_event)} " " {role_select("role-event", t_string!(i18n, role_event).into(), guess.event, Box::new(move |c| roles.update(|r| r.event = c)))}</label>
                    <label>{t!(i18n, role_time)} " " {role_select("role-time", t_string!(i18n, role_time).into(), guess.time, Box::new(move |c| roles.update(|r| r.time = c)))}</label>
                </span>
                <span hidden=move || is_log.get()>
                    <label>{t!(i18n, role_step)} " " {role_select("role-step", t_string!(i18n, role_step).into(), counts.get_untracked().step, Box::new(move |c| counts.update(|r| r.step = c)))}</label>
                    <label>{t!(i18n, role_count)} " " {role_select("role-count", t_string!(i18n, role_count).into(), counts.get_untracked().count, Box::new(move |c| counts.update(|r| r.count = c)))}</label>
                </span>
            </fieldset>
            <div class="muted" hidden=overview.skipped == 0>
                {t!(i18n, preview_skipped, count = move || overview.skipped)}
                <ul id="preview-skipped">{detail(overview.first_skipped.clone())}</ul>
            </div>
            <div class="muted" hidden=overview.unreadable == 0>
                {t!(i18n, preview_unreadable, count = move || overview.unreadable)}
                <ul id="preview-unreadable">{detail(overview.first_unreadable.clone())}</ul>
            </div>
            <div class="preview-actions">
                <button id="data-use" class="primary" on:click=accept>{t!(i18n, preview_use)}</button>
                <button id="data-preview-cancel" on:click=move |_| analysis.cancel()>{t!(i18n, cancel)}</button>
            </div>
        </section>
    }
}
