//! The data workers the page keeps (see `analysis.rs`): the one holding the data in use, the
//! one reading a new file, and a spare started ahead of need; each with the requests waiting
//! for it to start, and which of them a reply came from.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{Blob, MessageEvent, Worker};

use crate::analysis::{crashed, receive, Analysis, Origin};
use favo_core::ingest::overview::ReadSettings;

use crate::protocol::{Reply, Request, Use};

/// The worker's loader, written by Trunk beside the page (`public/index.html`).
const WORKER_URL: &str = "./favo-worker_loader.js";

/// A worker and the requests waiting for it to start.
pub(crate) struct Handle {
    pub(crate) serial: u64,
    pub(crate) worker: Worker,
    pub(crate) alive: bool,
    pub(crate) queue: Vec<(String, Option<Blob>)>,
    pub(crate) origin: Origin,
    pub(crate) name: String,
    /// The file the worker read (a fetched URL's too), to keep once accepted.
    pub(crate) blob: Option<Blob>,
    /// The preview's settings and the columns accepted.
    pub(crate) chosen: Option<(ReadSettings, Use)>,
    /// The columns of the file read, from its overview (kept for the breakdown lists).
    pub(crate) columns: Vec<String>,
    pub(crate) _on_message: Closure<dyn Fn(MessageEvent)>,
    pub(crate) _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl Handle {
    pub(crate) fn send(&mut self, request: &Request, blob: Option<Blob>) {
        let json = serde_json::to_string(request).expect("requests serialise");
        if !self.alive {
            self.queue.push((json, blob));
            return;
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"request".into(), &json.into());
        if let Some(blob) = blob {
            let _ = js_sys::Reflect::set(&message, &"blob".into(), &blob);
        }
        let _ = self.worker.post_message(&message);
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

#[derive(Default)]
pub(crate) struct Workers {
    /// Holds the data in use.
    pub(crate) current: Option<Handle>,
    /// Reading a new file.
    pub(crate) loading: Option<Handle>,
    /// Started before it is needed (`Analysis::warm_up`); the next load takes it.
    pub(crate) spare: Option<Handle>,
    pub(crate) serial: u64,
    /// Numbers the queries; the latest of each kind is kept and older answers are dropped.
    pub(crate) queries: u64,
    pub(crate) funnel_id: u64,
    pub(crate) trend_id: u64,
    pub(crate) map_funnel_id: u64,
}

impl Workers {
    pub(crate) fn next_query(&mut self) -> u64 {
        self.queries += 1;
        self.queries
    }
}

thread_local! {
    pub(crate) static WORKERS: RefCell<Workers> = RefCell::default();
}
pub(crate) fn send_current(request: &Request) {
    WORKERS.with(|w| {
        if let Some(h) = w.borrow_mut().current.as_mut() {
            h.send(request, None);
        }
    });
}

pub(crate) fn spawn(data: Analysis, name: String, origin: Origin) -> Option<Handle> {
    let worker = Worker::new(WORKER_URL).ok()?;
    let serial = WORKERS.with(|w| {
        let mut w = w.borrow_mut();
        w.serial += 1;
        w.serial
    });
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let message = ev.data();
        let Some(json) = js_sys::Reflect::get(&message, &"reply".into()).ok().and_then(|v| v.as_string()) else { return };
        if let Some(blob) = js_sys::Reflect::get(&message, &"blob".into()).ok().and_then(|b| b.dyn_into::<Blob>().ok()) {
            with_handle(serial, |h| h.blob = Some(blob));
        }
        match serde_json::from_str::<Reply>(&json) {
            Ok(reply) => receive(data, serial, reply),
            Err(e) => web_sys::console::error_1(&format!("a reply the page does not know: {e}").into()),
        }
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        crashed(data, serial);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Handle {
        serial,
        worker,
        alive: false,
        queue: Vec::new(),
        origin,
        name,
        blob: None,
        chosen: None,
        columns: Vec::new(),
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Which of the two workers sent a reply.
#[derive(PartialEq)]
pub(crate) enum Role {
    Current,
    Loading,
    Gone,
}

pub(crate) fn role(serial: u64) -> Role {
    WORKERS.with(|w| {
        let w = w.borrow();
        if w.loading.as_ref().is_some_and(|h| h.serial == serial) {
            Role::Loading
        } else if w.current.as_ref().is_some_and(|h| h.serial == serial) {
            Role::Current
        } else {
            Role::Gone
        }
    })
}

pub(crate) fn with_handle<T>(serial: u64, f: impl FnOnce(&mut Handle) -> T) -> Option<T> {
    WORKERS.with(|w| {
        let mut w = w.borrow_mut();
        let w = &mut *w;
        let found = [w.loading.as_mut(), w.current.as_mut(), w.spare.as_mut()].into_iter().flatten().find(|h| h.serial == serial);
        found.map(f)
    })
}
