//! The map library: every map kept in this browser, to open, rename, duplicate and delete,
//! and new maps from the core's templates. A native `<dialog>` (focus trapped, Esc closes).
//! A deleted map can be brought back from the notice until the app next starts.

use favo_core::template::Template;
use favo_core::{format, Editor, Journey};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::persist;
use crate::state::{use_ctx, Ctx, Notice};
use crate::storage::{self, MapEntry};

fn dialog() -> Option<web_sys::HtmlDialogElement> {
    document().get_element_by_id("library").and_then(|e| e.dyn_into().ok())
}

/// Opens the library dialog.
pub fn open(ctx: Ctx) {
    persist::flush();
    ctx.library_version.update(|v| *v += 1);
    if let Some(d) = dialog() {
        let _ = d.show_modal();
    }
}

fn close() {
    if let Some(d) = dialog() {
        d.close();
    }
}

/// Reads a stored map that is not open (to duplicate or rename it).
async fn read(id: &str) -> Option<Journey> {
    let snap = storage::load(id).await.ok()??;
    format::load(snap.json.as_bytes()).ok().map(|l| l.journey)
}

/// Deletes a map (marks it, so the notice can undo). The open map is replaced by the newest
/// other one, or a blank map.
pub fn delete(ctx: Ctx, entry: MapEntry) {
    spawn_local(async move {
        persist::flush();
        if let Err(e) = storage::set_deleted(&entry.id, true).await {
            ctx.save_error.set(Some(e));
            return;
        }
        if entry.id == ctx.map_id.get_untracked() {
            let maps = storage::library().await.unwrap_or_default();
            match maps.into_iter().find(|m| !m.deleted) {
                Some(next) => persist::open_map(ctx, next.id),
                None => persist::create_map(ctx, Template::Blank.build(ctx.lang.get_untracked())),
            }
        }
        ctx.alert.set(Some(Notice::MapDeleted { id: entry.id, title: entry.title }));
        ctx.library_version.update(|v| *v += 1);
    });
}

/// Brings a deleted map back (the notice's Undo) and opens it.
pub fn restore(ctx: Ctx, id: String) {
    spawn_local(async move {
        match storage::set_deleted(&id, false).await {
            Ok(()) => persist::open_map(ctx, id),
            Err(e) => ctx.save_error.set(Some(e)),
        }
        ctx.alert.set(None);
        ctx.library_version.update(|v| *v += 1);
    });
}

#[component]
pub fn Library() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let maps = LocalResource::new(move || {
        ctx.library_version.track();
        async move { storage::library().await.map(|m| m.into_iter().filter(|m| !m.deleted).collect::<Vec<_>>()) }
    });
    let template = RwSignal::new(Template::Ring);
    let create = move |_| {
        let journey = template.get_untracked().build(ctx.lang.get_untracked());
        persist::create_map(ctx, journey);
        close();
    };
    let list = move || {
        maps.get().map(|r| match r {
            Ok(list) => list.into_iter().map(|entry| view! { <MapRow entry/> }).collect_view().into_any(),
            Err(e) => view! { <li class="error" role="alert">{e}</li> }.into_any(),
        })
    };
    view! {
        <dialog id="library" aria-labelledby="library-title">
            <h2 id="library-title">{t!(i18n, library_title)}</h2>
            <div class="new-map">
                <label for="template">{t!(i18n, library_template)}</label>
                <select id="template" on:change=move |ev| {
                    if let Some(t) = Template::from_key(&event_target_value(&ev)) { template.set(t); }
                } prop:value=move || template.get().key()>
                    {move || {
                        let lang = ctx.lang.get();
                        Template::ALL.map(|t| view! { <option value=t.key()>{t.name(lang)}</option> }).collect_view()
                    }}
                </select>
                <button id="library-create" on:click=create>{t!(i18n, library_create)}</button>
            </div>
            {move || match ctx.alert.get() {
                Some(Notice::MapDeleted { id, title }) => Some(view! {
                    <p id="library-deleted" role="status">
                        {t!(i18n, map_deleted, title = move || title.clone())}" "
                        <button id="library-undo" on:click=move |_| restore(ctx, id.clone())>{t!(i18n, undo)}</button>
                    </p>
                }),
                _ => None,
            }}
            <ul id="library-maps">
                <Suspense fallback=move || view! { <li>{t!(i18n, loading)}</li> }>{list}</Suspense>
            </ul>
            <form method="dialog"><button id="library-close">{t!(i18n, dismiss)}</button></form>
        </dialog>
    }
}

#[component]
fn MapRow(
    /// The map this row stands for.
    entry: MapEntry,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let id = entry.id.clone();
    let current = {
        let id = id.clone();
        move || ctx.map_id.get() == id
    };
    // The open map's title is live; the others' come from the store.
    let title = {
        let (id, stored) = (id.clone(), entry.title.clone());
        move || if ctx.map_id.get() == id { ctx.editor.with(|e| e.journey().title.clone()) } else { stored.clone() }
    };
    let title_now = title.clone();
    let shown = move || {
        let t = title_now();
        if t.trim().is_empty() { t_string!(i18n, untitled).to_string() } else { t }
    };
    let open_it = {
        let id = id.clone();
        move |_| {
            if ctx.map_id.get_untracked() != id {
                persist::open_map(ctx, id.clone());
            }
            close();
        }
    };
    let rename = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            let name = event_target_value(&ev);
            if ctx.map_id.get_untracked() == id {
                let _ = ctx.editor.try_update(|e| e.retitle(&name));
                return;
            }
            let id = id.clone();
            spawn_local(async move {
                let Some(journey) = read(&id).await else { return };
                let mut e = Editor::new(journey);
                if e.retitle(&name).is_ok() {
                    let j = e.journey();
                    let snap = storage::Snapshot { stamp: js_sys::Date::now(), json: format::to_json(j, false), title: j.title.clone(), cells: j.len() };
                    if let Err(err) = storage::save(&id, &snap).await {
                        ctx.save_error.set(Some(err));
                    }
                }
                ctx.library_version.update(|v| *v += 1);
            });
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let copy_of = t_string!(i18n, copy_of).to_string();
            spawn_local(async move {
                persist::flush();
                let journey = if ctx.map_id.get_untracked() == id { Some(ctx.editor.with_untracked(|e| e.journey().clone())) } else { read(&id).await };
                let Some(mut journey) = journey else { return };
                journey.title = format!("{} {copy_of}", journey.title).trim().to_owned();
                persist::create_map(ctx, journey);
                ctx.library_version.update(|v| *v += 1);
            });
        }
    };
    let remove = {
        let entry = entry.clone();
        move |_| delete(ctx, entry.clone())
    };
    let cells = entry.cells;
    let label_id = format!("map-title-{id}");
    view! {
        <li class="map" class:current=current.clone() aria-current=move || current().then_some("true")>
            <button class="open-map" id=label_id.clone() on:click=open_it>{shown}</button>
            <span class="muted">{t!(i18n, library_cells, count = move || cells)}</span>
            <input class="rename-map" type="text" maxlength="200" aria-label=move || t_string!(i18n, library_rename).to_string()
                prop:value=title on:change=rename/>
            <button class="duplicate-map" on:click=duplicate>{t!(i18n, library_duplicate)}</button>
            <button class="delete-map" on:click=remove>{t!(i18n, delete)}</button>
        </li>
    }
}
