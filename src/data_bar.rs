//! Getting data in: a file picker, pasting cells copied from a spreadsheet, a URL; the
//! progress of a load with its cancel button; whether the data is kept with the map, and
//! its Remove button; and what went wrong, if anything. Dropping a data file anywhere on
//! the page comes here too (`app.rs`).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::analysis::{use_analysis, Analysis, Status};
use crate::datasets::{self, use_shelf, Shelf};
use crate::i18n::*;
use crate::state::use_ctx;

/// Text pasted or typed as data, as a file for the worker.
pub fn text_blob(text: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    web_sys::Blob::new_with_str_sequence(&parts).ok()
}

/// Loads pasted text as data, if it looks like a table (several lines or tab-separated
/// cells); a single word is left to whatever else handles the paste.
pub fn load_pasted(analysis: Analysis, text: &str) -> bool {
    let table = text.trim().contains(['\n', '\t']);
    if let Some(blob) = text_blob(text).filter(|_| table) {
        analysis.load("pasted data".into(), blob);
    }
    table
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

#[component]
pub fn DataBar() -> impl IntoView {
    let analysis = use_analysis();
    let i18n = use_i18n();
    let pasting = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let on_pick = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            analysis.load(file.name(), file.into());
        }
        input.set_value("");
    };
    let on_url = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let u = url.get_untracked().trim().to_string();
        if !u.is_empty() {
            analysis.load_url(u);
        }
    };
    let summary = move || {
        analysis.current.with(|c| match c {
            Some(c) => {
                let name = c.name.clone();
                match &c.log {
                    Some(log) => {
                        let (events, users) = (log.events, log.users);
                        t!(i18n, data_summary_events, name, events, users).into_any()
                    }
                    None => {
                        let steps = c.steps.len();
                        t!(i18n, data_summary_counts, name, steps).into_any()
                    }
                }
            }
            None => t!(i18n, data_none).into_any(),
        })
    };
    let warning = move || analysis.current.with(|c| c.as_ref().and_then(|c| c.warning.clone()));
    let (ctx, shelf) = (use_ctx(), use_shelf());
    let alert = |message: AnyView| view! { <p id="data-kept-error" class="data-error" role="alert">{message}</p> }.into_any();
    let kept = move || match shelf.get() {
        Shelf::Empty => ().into_any(),
        Shelf::Kept { bytes } => {
            let size = datasets::size_text(bytes);
            view! { <span id="data-kept" class="muted">{t!(i18n, data_kept, size = move || size.clone())}</span> }.into_any()
        }
        Shelf::NotKept { reason } => alert(t!(i18n, data_not_kept, reason = move || reason.clone()).into_any()),
        Shelf::Unreadable { reason } => alert(t!(i18n, data_kept_unreadable, reason = move || reason.clone()).into_any()),
        Shelf::NotRemoved { reason } => alert(t!(i18n, data_not_removed, reason = move || reason.clone()).into_any()),
    };
    let remove = move || {
        shelf.with(Shelf::removable).then(|| {
            view! {
                <button id="data-remove" title=move || t_string!(i18n, data_remove_hint).to_string() on:click=move |_| datasets::remove(ctx, analysis, shelf)>
                    {t!(i18n, remove)}
                </button>
            }
        })
    };
    let status = move || match analysis.status.get() {
        Status::Loading { name, bytes, total, rows } => view! {
            <div class="data-progress" role="status">
                <progress id="data-progress" max=total.max(1.0) value=bytes aria-label=move || t_string!(i18n, data_reading).to_string()></progress>
                <span>{format!("{name}: {} / {} · {rows}", megabytes(bytes), megabytes(total))}</span>
                <button id="data-cancel" on:click=move |_| analysis.cancel()>{t!(i18n, cancel)}</button>
            </div>
        }
        .into_any(),
        Status::Failed { name, message } => view! {
            <div class="data-error" role="alert" id="data-error">
                <span>{t!(i18n, data_failed, name = move || name.clone(), reason = move || message.clone())}</span>
                <button on:click=move |_| analysis.status.set(Status::Idle)>{t!(i18n, dismiss)}</button>
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        <div class="data-bar">
            <span id="data-summary" class="data-summary">{summary}</span>
            {kept}
            {remove}
            <label class="button">
                {t!(i18n, data_open)}
                <input id="data-file" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,.tab,.json,text/csv,text/tab-separated-values,application/json" on:change=on_pick/>
            </label>
            <button id="data-paste" aria-expanded=move || pasting.get().to_string() on:click=move |_| pasting.update(|p| *p = !*p)>{t!(i18n, data_paste)}</button>
            <form class="data-url" on:submit=on_url>
                <input id="data-url" type="url" placeholder="https://…/events.csv" aria-label=move || t_string!(i18n, data_url).to_string()
                    prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                <button type="submit">{t!(i18n, data_load)}</button>
            </form>
            <div class="data-paste" hidden=move || !pasting.get()>
                <textarea id="data-paste-text" rows="4" aria-label=move || t_string!(i18n, data_paste_hint).to_string()
                    placeholder=move || t_string!(i18n, data_paste_hint).to_string()
                    prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button id="data-paste-read" on:click=move |_| {
                    if load_pasted(analysis, &pasted.get_untracked()) {
                        pasting.set(false);
                        pasted.set(String::new());
                    }
                }>{t!(i18n, data_load)}</button>
            </div>
            {status}
            <p class="muted" role="status" hidden=move || warning().is_none()>{move || warning().map(|w| t!(i18n, data_rows_left_out, reason = move || w.clone()))}</p>
        </div>
    }
}
