//! Never lose the user's work: open the saved map at start, save every change shortly after
//! it happens, write a synchronous copy as the page goes away, and say at once when saving
//! fails. A second tab that saves the same map is noticed and the user told.

use favo_core::{format, sample, Editor};
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
        let lang = ctx.lang.get_untracked();
        let journey = match storage::load().await {
            Ok(Some(snap)) => match format::load(snap.json.as_bytes()) {
                Ok(loaded) => loaded.journey,
                Err(e) => {
                    storage::quarantine(&snap).await;
                    ctx.alert.set(Some(Notice::LoadFailed { reason: e.to_string() }));
                    sample::journey(lang)
                }
            },
            Ok(None) => sample::journey(lang),
            Err(e) => {
                ctx.save_error.set(Some(e));
                sample::journey(lang)
            }
        };
        ctx.editor.set(Editor::new(journey));
        ctx.ready.set(true);
    });
    autosave(ctx);
}

fn snapshot(ctx: Ctx) -> Snapshot {
    let json = ctx.editor.with_untracked(|e| format::to_json(e.journey(), false));
    Snapshot { stamp: js_sys::Date::now(), json }
}

fn autosave(ctx: Ctx) {
    let saved_rev = StoredValue::new(0u64);
    let last_stamp = StoredValue::new(0f64);
    let pending = StoredValue::new(0u64);
    let channel = StoredValue::new_local(web_sys::BroadcastChannel::new(CHANNEL).ok());

    let save_now = move || {
        let rev = ctx.revision.get_untracked();
        if rev == saved_rev.get_value() {
            return;
        }
        let snap = snapshot(ctx);
        saved_rev.set_value(rev);
        last_stamp.set_value(snap.stamp);
        let channel = channel.get_value();
        spawn_local(async move {
            match storage::save(&snap).await {
                Ok(()) => {
                    ctx.save_error.set(None);
                    if let Some(ch) = channel {
                        let _ = ch.post_message(&snap.stamp.into());
                    }
                }
                Err(e) => {
                    // Try again with the next edit; the map stays in memory and exportable.
                    saved_rev.set_value(u64::MAX);
                    ctx.save_error.set(Some(e));
                }
            }
        });
    };

    Effect::new(move |_| {
        let rev = ctx.revision.get();
        if !ctx.ready.get_untracked() || rev == saved_rev.get_value() {
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

    // The page is going away or out of sight: write synchronously now.
    let flush = move || {
        let rev = ctx.revision.get_untracked();
        if !ctx.ready.get_untracked() || rev == saved_rev.get_value() {
            return;
        }
        let snap = snapshot(ctx);
        if let Err(e) = storage::save_backup(&snap) {
            ctx.save_error.set(Some(e));
        }
        save_now();
    };
    let window = window();
    let on_pagehide = Closure::<dyn Fn()>::new(flush);
    let _ = window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_pagehide.forget();
    let on_visibility = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    let _ = document().add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
    on_visibility.forget();

    if let Ok(listener) = web_sys::BroadcastChannel::new(CHANNEL) {
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if ev.data().as_f64().is_some_and(|stamp| stamp > last_stamp.get_value()) {
                ctx.other_tab.set(true);
            }
        });
        listener.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        std::mem::forget(listener);
    }
}
