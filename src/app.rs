//! The app shell: layout and wiring. Everything it shows is a component of its own; every
//! edit is a method of the core's `Editor`.

use favo_core::hit::Stroke;
use leptos::prelude::*;

use crate::analysis::Analysis;
use crate::canvas::MapCanvas;
use crate::charts_panel::ChartsPanel;
use crate::checklist_panel::ChecklistPanel;
use crate::files;
use crate::help::Help;
use crate::i18n::*;
use crate::inspector::Inspector;
use crate::legend::Legend;
use crate::map_data::{self, MapDataPanel};
use crate::library::Library;
use crate::notices::Notices;
use crate::outline::Outline;
use crate::persist;
use crate::persona_panel::PersonaPanel;
use crate::share;
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

/// Esc in a side panel (inspector, legend, personas, checklist, outline) goes back to the
/// canvas, so keyboard users can edit a field and carry on with the map.
fn back_to_canvas(ev: web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if ev.key() != "Escape" || ev.default_prevented() {
        return;
    }
    if let Some(stage) = document().get_element_by_id("stage").and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
        ev.prevent_default();
        let _ = stage.focus();
    }
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
    let analysis = Analysis::new();
    provide_context(analysis);
    persist::start(ctx, bench);
    map_data::start(ctx, analysis);
    share::start(ctx);
    // "Insert steps here" lasts as long as path mode, for one persona.
    Effect::new(move |before: Option<Option<favo_core::PersonaId>>| {
        let persona = ctx.persona.get();
        let stale = !ctx.path_mode.get() || before.is_some_and(|b| b != persona);
        if stale && ctx.insert_at.get_untracked().is_some() {
            ctx.insert_at.set(None);
        }
        persona
    });
    // A picked link or route gives way to a cell selection, and goes when undo removes it.
    Effect::new(move |_| {
        let cells = !ctx.selection.with(|s| s.is_empty());
        let picked = ctx.picked.get();
        let gone = match picked {
            Some(Stroke::Link(l)) => ctx.editor.with(|e| !e.journey().has_link(l)),
            Some(Stroke::Route(p)) => ctx.editor.with(|e| e.journey().persona(p).is_none()),
            None => false,
        };
        // Only a real change: setting the signal would wake this effect again.
        if picked.is_some() && (cells || gone) {
            ctx.picked.set(None);
        }
    });
    crate::test_hook::install(ctx);

    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        // Tables go to the charts; maps (and pictures with a map inside) to the editor.
        match files::dropped_file(&ev) {
            Some(file) if files::is_data_file(&file.name()) => {
                ctx.charts_open.set(true);
                analysis.load(file.name(), file.into());
            }
            Some(file) => files::import(ctx, file),
            None => {}
        }
    };
    view! {
        <div class="app" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <Toolbar/>
            <Notices/>
            <Help/>
            <Library/>
            <div class="workspace">
                <MapCanvas/>
                <div class="side" on:keydown=back_to_canvas>
                    <Inspector/>
                    <Legend/>
                    <MapDataPanel/>
                    <PersonaPanel/>
                    <ChecklistPanel/>
                    <Outline/>
                </div>
            </div>
            <ChartsPanel/>
            <p class="loading" hidden=move || ctx.ready.get()>{t!(i18n, loading)}</p>
            <div id="print-sheet" aria-hidden="true">
                <h1>{move || ctx.editor.with(|e| e.journey().title.clone())}</h1>
                <img id="print-map-image" alt=""/>
            </div>
        </div>
    }
}
