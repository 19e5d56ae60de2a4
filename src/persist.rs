//! Never lose the user's work: open the saved map at start, save every change shortly after
//! it happens, write a synchronous copy as the page goes away, and say at once when saving
//! fails. A second tab that saves the same map is noticed and the user told.

use favo_core::{format, sample, Editor, Journey};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use crate::state::{Ctx, Notice};
use crate::storage::{self, Snapshot};

/// Quiet time after an edit before it is written (a burst of edits is one write).
const SAVE_DELAY_MS: u64 = 250;
const CHANNEL: &str = "favo";

pub fn start(ctx: Ctx, bench_cells: Option<usize>) {
    if let Some(n) = bench_cells {
        ctx.editor.set(Editor::new(sample::large(n)));
        ctx.ready.set(true);
        return;
    }
    spawn_local(async move {
        storage::purge_deleted().await;
        let lang = ctx.lang.get_untracked();
        // The map opened last, else the newest, else the one the first versions saved.
        let maps = storage::library().await.unwrap_or_default();
        let live = |id: &str| maps.iter().any(|m| m.id == id && !m.deleted);
        let id = storage::last_opened()
            .filter(|id| live(id))
            .or_else(|| maps.iter().find(|m| !m.deleted).map(|m| m.id.clone()))
            .unwrap_or_else(|| storage::FIRST_MAP.to_owned());
        let journey = match open_saved(ctx, &id).await {
            Some(journey) => journey,
            None => {
                // A first start: the sample is stored at once, so the library lists it and
                // making another map cannot lose it. (Quietly: no other tab is told.)
                let journey = sample::journey(lang);
                if let Err(e) = storage::save(&id, &snapshot_of(&journey)).await {
                    ctx.save_error.set(Some(e));
                }
                journey
            }
        };
        ctx.map_id.set(id.clone());
        storage::remember_opened(&id);
        ctx.editor.set(Editor::new(journey));
        ctx.generation.update(|g| *g += 1);
        ctx.ready.set(true);
    });
    autosave(ctx);
}

/// Reads a saved map. A copy that cannot be opened is set aside and the user told; `None`
/// means "start this map afresh".
async fn open_saved(ctx: Ctx, id: &str) -> Option<Journey> {
    match storage::load(id).await {
        Ok(Some(snap)) => match format::load(snap.json.as_bytes()) {
            Ok(loaded) => Some(loaded.journey),
            Err(e) => {
                storage::quarantine(&snap).await;
                ctx.alert.set(Some(Notice::LoadFailed { reason: e.to_string() }));
                None
            }
        },
        Ok(None) => None,
        Err(e) => {
            ctx.save_error.set(Some(e));
            None
        }
    }
}

fn snapshot(ctx: Ctx) -> Snapshot {
    ctx.editor.with_untracked(|e| snapshot_of(e.journey()))
}

fn snapshot_of(journey: &Journey) -> Snapshot {
    Snapshot { stamp: js_sys::Date::now(), json: format::to_json(journey, false), title: journey.title.clone(), cells: journey.len() }
}

/// Writes the open map now if it has unsaved edits: synchronously to localStorage, then to
/// IndexedDB. Before the page goes away, and before another map replaces it.
pub fn flush() {
    if let Some(f) = FLUSH.with(|f| f.borrow().clone()) {
        f();
    }
}

/// Opens another map of the library in place of this one (after saving this one).
pub fn open_map(ctx: Ctx, id: String) {
    flush();
    spawn_local(async move {
        let Some(journey) = open_saved(ctx, &id).await else { return };
        switch_to(ctx, id, journey);
    });
}

/// Starts a new map in the library (from a template, a duplicate or an import) and opens it.
pub fn create_map(ctx: Ctx, journey: Journey) {
    flush();
    let id = storage::new_id();
    let snap = snapshot_of(&journey);
    let key = id.clone();
    spawn_local(async move {
        if let Err(e) = storage::save(&key, &snap).await {
            ctx.save_error.set(Some(e));
        }
    });
    switch_to(ctx, id, journey);
}

fn switch_to(ctx: Ctx, id: String, journey: Journey) {
    storage::remember_opened(&id);
    ctx.map_id.set(id);
    ctx.persona.set(None);
    ctx.path_mode.set(false);
    ctx.other_tab.set(false);
    ctx.editor.set(Editor::new(journey));
    ctx.generation.update(|g| *g += 1);
    ctx.zoom_to_fit();
}

thread_local! {
    /// The autosave's "write it now", reachable from [`flush`].
    static FLUSH: std::cell::RefCell<Option<std::rc::Rc<dyn Fn()>>> = const { std::cell::RefCell::new(None) };
}

fn autosave(ctx: Ctx) {
    // (map id, revision) last sent to storage, and last known to be in it: a reload or a
    // crash during a write loses what the write held unless the page's synchronous copy
    // has it too, so leaving the page trusts only the second.
    let saved = StoredValue::new((String::new(), 0u64));
    let stored = StoredValue::new((String::new(), 0u64));
    let last_stamp = StoredValue::new(0f64);
    let pending = StoredValue::new(0u64);
    let channel = StoredValue::new_local(web_sys::BroadcastChannel::new(CHANNEL).ok());
    // A fresh editor (revision 0) holds what is stored already: a map just opened, one
    // created by `create_map`, or the sample written at first start.
    let holds_edits = move |at: StoredValue<(String, u64)>| {
        let (id, rev) = at.get_value();
        let now = ctx.revision.get_untracked();
        now == 0 || (id == ctx.map_id.get_untracked() && rev == now)
    };
    let is_saved = move || holds_edits(saved);

    let save_now = move || {
        if is_saved() {
            return;
        }
        let id = ctx.map_id.get_untracked();
        let snap = snapshot(ctx);
        let revision = ctx.revision.get_untracked();
        saved.set_value((id.clone(), revision));
        last_stamp.set_value(snap.stamp);
        let channel = channel.get_value();
        spawn_local(async move {
            match storage::save(&id, &snap).await {
                Ok(()) => {
                    // Not older than what is known stored already (writes end in order).
                    stored.set_value((id.clone(), revision));
                    ctx.save_error.set(None);
                    if let Some(ch) = channel {
                        let _ = ch.post_message(&format!("{id} {}", snap.stamp).into());
                    }
                }
                Err(e) => {
                    // Try again with the next edit; the map stays in memory and exportable.
                    saved.set_value((String::new(), u64::MAX));
                    ctx.save_error.set(Some(e));
                }
            }
        });
    };

    Effect::new(move |_| {
        let rev = ctx.revision.get();
        ctx.map_id.track();
        if !ctx.ready.get_untracked() || is_saved() {
            return;
        }
        pending.set_value(rev);
        set_timeout(
            move || {
                if pending.get_value() == rev {
                    save_now();
                }
            },
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        );
    });

    // The page is going away or out of sight, or another map takes this one's place: write
    // synchronously now.
    let flush_now = move || {
        if !ctx.ready.get_untracked() || holds_edits(stored) {
            return;
        }
        let snap = snapshot(ctx);
        if let Err(e) = storage::save_backup(&ctx.map_id.get_untracked(), &snap) {
            ctx.save_error.set(Some(e));
        }
        save_now();
    };
    FLUSH.with(|f| *f.borrow_mut() = Some(std::rc::Rc::new(flush_now)));
    let window = window();
    let on_pagehide = Closure::<dyn Fn()>::new(flush_now);
    let _ = window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_pagehide.forget();
    let on_visibility = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush_now();
        }
    });
    let _ = document().add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
    on_visibility.forget();

    if let Ok(listener) = web_sys::BroadcastChannel::new(CHANNEL) {
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let text = ev.data().as_string().unwrap_or_default();
            let Some((id, stamp)) = text.split_once(' ') else { return };
            let newer = stamp.parse::<f64>().is_ok_and(|stamp| stamp > last_stamp.get_value());
            if newer && id == ctx.map_id.get_untracked() {
                ctx.other_tab.set(true);
            }
        });
        listener.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        std::mem::forget(listener);
    }
}
