//! The app shell: layout and wiring. Everything it shows is a component of its own; every
//! edit is a method of the core's `Editor`.

use leptos::prelude::*;

use crate::canvas::MapCanvas;
use crate::checklist_panel::ChecklistPanel;
use crate::files;
use crate::help::Help;
use crate::i18n::*;
use crate::inspector::Inspector;
use crate::legend::Legend;
use crate::notices::Notices;
use crate::outline::Outline;
use crate::persist;
use crate::persona_panel::PersonaPanel;
use crate::state::Ctx;
use crate::toolbar::Toolbar;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Editor/>
        </I18nContextProvider>
    }
}

/// `?bench=N` opens a generated N-cell map in memory for the benchmark page.
fn bench_cells() -> Option<usize> {
    let search = window().location().search().ok()?;
    let n: usize = search.strip_prefix("?bench=")?.parse().ok()?;
    Some(n.min(200_000))
}

#[component]
fn Editor() -> impl IntoView {
    let i18n = use_i18n();
    // The provider sets the browser's language in an effect of its own; applying the user's
    // remembered choice in a later effect (once) keeps it from being overwritten.
    Effect::new(move |done: Option<()>| {
        if done.is_none() {
            if let Some(lang) = crate::remembered_language() {
                i18n.set_locale(if lang == "it" { Locale::it } else { Locale::en });
            }
        }
    });
    let bench = bench_cells();
    let ctx = Ctx::new(bench.is_some());
    provide_context(ctx);
    persist::start(ctx, bench);
    crate::test_hook::install(ctx);

    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = files::dropped_file(&ev) {
            files::import(ctx, file);
        }
    };
    view! {
        <div class="app" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <Toolbar/>
            <Notices/>
            <Help/>
            <div class="workspace">
                <MapCanvas/>
                <div class="side">
                    <Inspector/>
                    <Legend/>
                    <PersonaPanel/>
                    <ChecklistPanel/>
                    <Outline/>
                </div>
            </div>
            <p class="loading" hidden=move || ctx.ready.get()>{t!(i18n, loading)}</p>
        </div>
    }
}
