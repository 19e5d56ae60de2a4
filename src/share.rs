//! Share links in the editor. *Copy link* puts the open map into a link to the read-only
//! viewer (`embed.html#share=CODE`); the viewer's *Make a copy* comes back here as
//! `index.html#copy=CODE`, and the map it carries joins the library as a new map. The map
//! travels in the fragment, which browsers never send to a server; the codec is the core's
//! `share`.

use favo_core::share;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::*;
use crate::persist;
use crate::state::{use_ctx, Ctx, Notice};

/// Where a share link points, relative to this page.
const VIEWER: &str = "embed.html#share=";
/// The fragment that asks this page to copy a shared map into the library.
const COPY: &str = "#copy=";

/// Opens the map a `#copy=` link carries once the app has started (the library is read),
/// and again whenever such a fragment is pasted into this tab's address bar.
pub fn start(ctx: Ctx) {
    if ctx.bench {
        return;
    }
    // Runs once, when the start-up map is in place; then it reads no signal and sleeps.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let ready = ctx.ready.get();
        if ready {
            open_requested_copy(ctx);
        }
        ready
    });
    let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || open_requested_copy(ctx));
    let _ = window().add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    on_hash.forget();
}

/// Adds the map of a `#copy=` fragment to the library as a new map and opens it; no map
/// already kept is written. A link that cannot be read says why and changes nothing. Either
/// way the fragment goes, so a reload does not copy the map twice.
fn open_requested_copy(ctx: Ctx) {
    let hash = window().location().hash().unwrap_or_default();
    let Some(code) = hash.strip_prefix(COPY) else { return };
    match share::decode(code) {
        Ok(loaded) => {
            let (title, cells) = (loaded.journey.title.clone(), loaded.journey.len());
            persist::create_map(ctx, loaded.journey);
            ctx.library_version.update(|v| *v += 1);
            // A link refused a moment ago is no longer the news.
            if matches!(ctx.alert.get_untracked(), Some(Notice::CopyFailed(_))) {
                ctx.alert.set(None);
            }
            ctx.tell(Notice::CopyOpened { title, cells });
        }
        Err(e) => ctx.alert.set(Some(Notice::CopyFailed(e))),
    }
    forget_fragment();
}

/// Drops the fragment from the address without reloading or adding a history entry.
fn forget_fragment() {
    let location = window().location();
    let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&here));
    }
}

/// The viewer's address for `code`, beside this page wherever it is hosted.
fn viewer_link(code: &str) -> Option<String> {
    let here = window().location().href().ok()?;
    web_sys::Url::new_with_base(&format!("{VIEWER}{code}"), &here).ok().map(|u| u.href())
}

/// Encodes the open map into a link and puts it on the clipboard; a map too big for a link
/// is refused with the advice to send the file.
fn copy_link(ctx: Ctx) -> Option<String> {
    let link = match ctx.editor.with_untracked(|e| share::encode(e.journey())) {
        Ok(code) => viewer_link(&code)?,
        Err(e) => {
            ctx.alert.set(Some(Notice::LinkRefused(e)));
            return None;
        }
    };
    let text = link.clone();
    spawn_local(async move {
        let copied = write_clipboard(&text).await;
        ctx.tell(if copied { Notice::LinkCopied } else { Notice::LinkShown });
    });
    Some(link)
}

/// Whether the browser took `text` onto the clipboard. It may refuse (no permission, the
/// page not focused), and outside a secure context `navigator.clipboard` does not exist.
async fn write_clipboard(text: &str) -> bool {
    let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() {
        return false;
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// The toolbar's *Copy link* button and the panel that shows the link it made, selected,
/// so it can be copied by hand when the clipboard is refused. The panel closes as soon as
/// the map changes: its link would carry the map as it was.
#[component]
pub fn CopyLink() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    // The link, and the (map, revision) it was made from.
    let made = RwSignal::new(None::<(String, (u64, u64))>);
    let now = move || (ctx.generation.get(), ctx.revision.get());
    let link = Memo::new(move |_| made.get().filter(|(_, at)| *at == now()).map(|(link, _)| link));
    let field = NodeRef::<html::Input>::new();
    let button = NodeRef::<html::Button>::new();
    let on_click = move |_| {
        made.set(copy_link(ctx).map(|link| (link, untrack(now))));
        // Once the panel is shown: focus and select the link, ready for Ctrl+C.
        request_animation_frame(move || {
            if let Some(input) = field.get_untracked().filter(|_| link.with_untracked(Option::is_some)) {
                let _ = input.focus();
                input.select();
            }
        });
    };
    let close = move || {
        made.set(None);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };
    view! {
        <span class="menu">
            <button id="copy-link" node_ref=button aria-controls="share-panel" aria-expanded=move || link.with(Option::is_some).to_string()
                title=move || t_string!(i18n, copy_link_title).to_string() on:click=on_click>
                {t!(i18n, copy_link)}
            </button>
            <div id="share-panel" class="menu-items share-panel" role="group" aria-labelledby="share-link-label"
                hidden=move || link.with(Option::is_none) on:keydown=on_key>
                <label id="share-link-label" for="share-link">{t!(i18n, share_link_label)}</label>
                <input id="share-link" type="text" readonly node_ref=field prop:value=move || link.get().unwrap_or_default()/>
                <p class="muted">{t!(i18n, share_link_note)}</p>
                <button id="share-close" on:click=move |_| close()>{t!(i18n, dismiss)}</button>
            </div>
        </span>
    }
}
