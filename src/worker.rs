//! The data worker: reads a file into the core's columnar dataset and answers funnel and
//! trend queries, off the page's thread. Built by Trunk as a worker (`public/index.html`),
//! it speaks the JSON messages of `favo::protocol`.
//!
//! The file is read in 1 MiB slices with `FileReaderSync` (synchronous, which workers
//! allow) and pushed into the streaming reader, so memory is the dataset plus one slice, and
//! progress is posted as it goes. Cancelling is the page terminating the worker: nothing
//! here needs to stop half-way.

use std::cell::RefCell;

use favo::protocol::{fetch_blob, Reply, Request, Use};
use favo_core::funnel::counts::from_counts;
use favo_core::ingest::events::EventLog;
use favo_core::ingest::overview::{log_summary, overview, ReadSettings};
use favo_core::ingest::stream::{Dataset, Reader};
use favo_core::insight::{self, Source};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

const SLICE: f64 = (1 << 20) as f64;
/// Progress at most this often (ms): enough for a smooth bar, too few to cost anything.
const PROGRESS_EVERY: f64 = 100.0;

#[derive(Default)]
struct State {
    file: Option<Blob>,
    data: Option<Dataset>,
    source: Option<Source>,
    /// The columns the last read guessed.
    guessed: Option<Use>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(reply: &Reply) {
    post_with(reply, None);
}

/// Posts `{reply, blob}`, as the page posts its requests.
fn post_with(reply: &Reply, blob: Option<&Blob>) {
    let json = serde_json::to_string(reply).expect("replies serialise");
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"reply".into(), &json.into());
    if let Some(blob) = blob {
        let _ = js_sys::Reflect::set(&message, &"blob".into(), blob);
    }
    let _ = scope().post_message(&message);
}

fn main() {
    console_error_panic_hook::set_once();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|ev: MessageEvent| {
        let data = ev.data();
        let json = js_sys::Reflect::get(&data, &"request".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let blob = js_sys::Reflect::get(&data, &"blob".into()).ok().and_then(|b| b.dyn_into::<Blob>().ok());
        match serde_json::from_str::<Request>(&json) {
            Ok(request) => handle(request, blob),
            Err(e) => post(&Reply::Failed { message: format!("a request the worker does not know: {e}") }),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&Reply::Alive);
}

fn handle(request: Request, blob: Option<Blob>) {
    match request {
        Request::Read { settings } => match blob {
            Some(blob) => read(blob, &settings),
            None => post(&Reply::Failed { message: "no file came with the request".into() }),
        },
        Request::Fetch { url, settings } => wasm_bindgen_futures::spawn_local(async move {
            match fetch(&url).await {
                Ok(blob) => read(blob, &settings),
                Err(message) => post(&Reply::Failed { message: format!("{url}: {message}") }),
            }
        }),
        Request::Reread { settings } => match STATE.with(|s| s.borrow().file.clone()) {
            Some(blob) => read(blob, &settings),
            None => post(&Reply::Failed { message: "no file to read again".into() }),
        },
        Request::Use { columns } => use_columns(columns),
        Request::UseGuessed => {
            if let Some(columns) = STATE.with(|s| s.borrow().guessed) {
                use_columns(columns);
            }
        }
        Request::Funnel { id, query } => {
            let answer = STATE.with(|s| {
                let s = s.borrow();
                let (Some(data), Some(source)) = (&s.data, &s.source) else { return Err("no data yet".to_string()) };
                insight::funnel(data, source, &query).map_err(|e| e.to_string())
            });
            post(&answer.map_or_else(|message| Reply::QueryFailed { id, message }, |report| Reply::Funnel { id, report: Box::new(report) }));
        }
        Request::Trend { id, query } => {
            let answer = STATE.with(|s| {
                let s = s.borrow();
                match (&s.data, &s.source) {
                    (Some(data), Some(Source::Events(log))) => insight::trend(data, log, &query).map_err(|e| e.to_string()),
                    (Some(_), Some(Source::Counts(_))) => Err(insight::InsightError::NotEvents.to_string()),
                    _ => Err("no data yet".to_string()),
                }
            });
            post(&answer.map_or_else(|message| Reply::QueryFailed { id, message }, |report| Reply::Trend { id, report: Box::new(report) }));
        }
    }
}

async fn fetch(url: &str) -> Result<Blob, String> {
    fetch_blob(scope().fetch_with_str(url)).await
}

/// Reads `blob` slice by slice; on success the dataset replaces the one held (a failed
/// read leaves it, and the page's chart, as they were).
fn read(blob: Blob, settings: &ReadSettings) {
    let before = STATE.with(|s| s.borrow().data.as_ref().map(|d| d.detected.clone()));
    // Settings from a preview refine what the previous read of the same file detected.
    let same_file = STATE.with(|s| s.borrow().file.as_ref().is_some_and(|f| *f == blob));
    let options = match settings.options(before.as_ref().filter(|_| same_file)) {
        Ok(o) => o,
        Err(e) => return post(&Reply::Failed { message: e.to_string() }),
    };
    let Ok(sync) = FileReaderSync::new() else { return post(&Reply::Failed { message: "this browser cannot read files in a worker".into() }) };
    let total = blob.size();
    let mut reader = Reader::new(options);
    let (mut at, mut last_post) = (0.0, 0.0);
    while at < total {
        let end = (at + SLICE).min(total);
        let slice = match blob.slice_with_f64_and_f64(at, end).and_then(|s| sync.read_as_array_buffer(&s)) {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => return post(&Reply::Failed { message: "the file could not be read (was it moved or deleted?)".into() }),
        };
        if let Err(e) = reader.push(&slice) {
            return post(&Reply::Failed { message: e.to_string() });
        }
        at = end;
        let now = js_sys::Date::now();
        if now - last_post >= PROGRESS_EVERY {
            last_post = now;
            post(&Reply::Progress { bytes: at, total, rows: reader.progress().1 });
        }
    }
    match reader.finish() {
        Ok(data) => {
            let seen = overview(&data);
            STATE.with(|s| {
                let mut s = s.borrow_mut();
                s.file = Some(blob.clone());
                s.data = Some(data);
                s.source = None;
                s.guessed = seen.roles.map(Use::Events).or(seen.count_roles.map(Use::Counts));
            });
            post_with(&Reply::Read { overview: Box::new(seen) }, Some(&blob));
        }
        Err(e) => post(&Reply::Failed { message: e.to_string() }),
    }
}

fn use_columns(columns: Use) {
    let reply = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let Some(data) = &s.data else { return Reply::Failed { message: "no data yet".into() } };
        let (source, reply) = match columns {
            Use::Events(roles) => {
                // Rows without a readable time cannot be in a funnel: the page says so.
                let warning = data.unreadable(roles.time);
                let log = EventLog::from_dataset(data, roles);
                let summary = log_summary(&log);
                (Source::Events(log), Reply::Ready { log: Some(summary), steps: Vec::new(), warning })
            }
            Use::Counts(roles) => match from_counts(data, roles, None, &[]) {
                Ok(counted) => (Source::Counts(roles), Reply::Ready { log: None, steps: counted.steps, warning: None }),
                Err(e) => return Reply::Failed { message: e.to_string() },
            },
        };
        s.source = Some(source);
        reply
    });
    post(&reply);
}
