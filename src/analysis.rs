//! The page's side of the data worker (`src/worker.rs`): loading a file, the preview, and
//! the funnel and trend reports the charts draw.
//!
//! Each file is read by a worker of its own. The worker holding the data in use stays until
//! a new file has been read *and* accepted in the preview; only then does it replace the
//! old one. So cancelling a load (terminating its worker), a broken file, or a file that
//! kills its worker leaves the previous data and charts exactly as they were.
//!
//! Which data a map opens on, and keeping the user's with it, is `datasets.rs`'s business;
//! the workers themselves, and which one a reply came from, `workers.rs`.

use std::cell::RefCell;

use favo_core::ingest::overview::{LogSummary, Overview, ReadSettings};
use favo_core::insight::{FunnelQuery, FunnelReport, TrendQuery, TrendReport};
use favo_core::scene::measures::Metric;
use leptos::prelude::*;
use web_sys::Blob;

use crate::datasets::Dataset;
use crate::protocol::{Reply, Request, Use};
use crate::workers::{role, send_current, spawn, with_handle, Handle, Role, WORKERS};

/// Files larger than this are refused before reading: the dataset and the wasm heap would
/// not fit in a tab (a 650 MB log peaks at 840 MB; wasm memory ends at 4 GiB).
pub const MAX_DATA_BYTES: f64 = 1.5 * 1024.0 * 1024.0 * 1024.0;
/// The sample event log in `public/`, matching the sample map.
pub const SAMPLE_URL: &str = "./sample-events.csv";

/// Where a load is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Idle,
    Loading { name: String, bytes: f64, total: f64, rows: usize },
    /// Read: the preview shows what was detected, and waits for the user.
    Preview { name: String, overview: Box<Overview>, settings: ReadSettings },
    /// Reading failed; the data in use (if any) is untouched.
    Failed { name: String, message: String },
}

/// The data the charts are drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub name: String,
    /// For an event log.
    pub log: Option<LogSummary>,
    /// For a table of counts: its steps in order.
    pub steps: Vec<String>,
    /// Columns to break down by.
    pub columns: Vec<String>,
    /// Why some rows were left out, if they were.
    pub warning: Option<String>,
    /// The user's data, just accepted, for `datasets.rs` to keep with the map; `None` for the
    /// sample and for data read back from the map.
    pub keep: Option<Dataset>,
}

/// Where the data being read comes from, which decides what follows the read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Origin {
    /// A file, pasted text or a URL: previewed, and kept with the map once accepted.
    User,
    /// The sample: used at once with the guessed columns.
    Sample,
    /// Kept with the map: its settings and columns were sent with the read.
    Kept,
}

#[derive(Clone, Copy)]
pub struct Analysis {
    pub status: RwSignal<Status>,
    pub current: RwSignal<Option<Loaded>>,
    pub funnel_query: RwSignal<FunnelQuery>,
    pub trend_query: RwSignal<TrendQuery>,
    pub funnel: RwSignal<Option<Result<FunnelReport, String>>>,
    pub trend: RwSignal<Option<Result<TrendReport, String>>>,
    /// What the map is tinted by (`map_data.rs`).
    pub tint: RwSignal<Metric>,
    /// The funnel over the map's phase order, for the conversion tint.
    pub map_funnel: RwSignal<Option<FunnelReport>>,
    /// The event of the funnel step picked in the chart or through a cell on the map.
    pub highlight: RwSignal<Option<String>>,
}


pub fn use_analysis() -> Analysis {
    expect_context::<Analysis>()
}

impl Analysis {
    pub fn new() -> Analysis {
        let data = Analysis {
            status: RwSignal::new(Status::Idle),
            current: RwSignal::new(None),
            funnel_query: RwSignal::new(FunnelQuery::default()),
            trend_query: RwSignal::new(TrendQuery::default()),
            funnel: RwSignal::new(None),
            trend: RwSignal::new(None),
            tint: RwSignal::new(Metric::None),
            map_funnel: RwSignal::new(None),
            highlight: RwSignal::new(None),
        };
        // Ask again whenever a query or the data changes.
        Effect::new(move |_| {
            let query = data.funnel_query.get();
            if data.current.with(Option::is_some) {
                let id = WORKERS.with(|w| {
                    let mut w = w.borrow_mut();
                    w.funnel_id = w.next_query();
                    w.funnel_id
                });
                send_current(&Request::Funnel { id, query });
            }
        });
        Effect::new(move |_| {
            let query = data.trend_query.get();
            let events = data.current.with(|c| c.as_ref().map(|c| c.log.is_some()));
            match events {
                Some(true) => {
                    let id = WORKERS.with(|w| {
                        let mut w = w.borrow_mut();
                        w.trend_id = w.next_query();
                        w.trend_id
                    });
                    send_current(&Request::Trend { id, query });
                }
                Some(false) => data.trend.set(None),
                None => {}
            }
        });
        data
    }

    /// Asks for the funnel over the map's phases; `None` forgets the last one.
    pub fn request_map_funnel(self, query: Option<FunnelQuery>) {
        let id = WORKERS.with(|w| {
            let mut w = w.borrow_mut();
            w.map_funnel_id = w.next_query();
            w.map_funnel_id
        });
        match query {
            Some(query) => send_current(&Request::Funnel { id, query }),
            None => self.map_funnel.set(None),
        }
    }

    /// Reads a file (or pasted text) in a new worker; the preview follows.
    pub fn load(self, name: String, blob: Blob) {
        let size = blob.size();
        if size > MAX_DATA_BYTES {
            self.status.set(Status::Failed { name, message: too_big(size) });
            return;
        }
        self.start(name, Origin::User, vec![(Request::Read { settings: ReadSettings::default() }, Some(blob))]);
    }

    /// Fetches and reads a URL; the preview follows.
    pub fn load_url(self, url: String) {
        let name = url.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or(&url).to_string();
        self.start(name, Origin::User, vec![(Request::Fetch { url, settings: ReadSettings::default() }, None)]);
    }

    /// Uses the sample at once, with the guessed columns. The page fetches it while the
    /// worker starts, then sends it with "use what you guessed", so the first chart waits
    /// for neither the download nor a round trip through the page.
    pub fn load_sample(self) {
        let name = SAMPLE_URL.trim_start_matches("./").to_string();
        self.start(name, Origin::Sample, Vec::new());
        let Some(serial) = WORKERS.with(|w| w.borrow().loading.as_ref().map(|h| h.serial)) else { return };
        leptos::task::spawn_local(async move {
            let fetched = crate::protocol::fetch_blob(window().fetch_with_str(SAMPLE_URL)).await;
            let still_loading = || WORKERS.with(|w| w.borrow().loading.as_ref().is_some_and(|h| h.serial == serial));
            if !still_loading() {
                return; // cancelled, or replaced by another load
            }
            match fetched {
                Ok(blob) => {
                    with_handle(serial, |h| {
                        h.send(&Request::Read { settings: ReadSettings::default() }, Some(blob));
                        h.send(&Request::UseGuessed, None);
                    });
                }
                Err(message) => {
                    WORKERS.with(|w| w.borrow_mut().loading = None);
                    self.status.set(Status::Failed { name: SAMPLE_URL.into(), message });
                }
            }
        });
    }

    /// Uses data kept with the map at once, read as it was when accepted: a first read
    /// detects, the preview's settings refine it (as a re-read in the preview does), then
    /// its columns. The worker takes the requests in turn.
    pub fn load_kept(self, kept: &Dataset) {
        let mut requests = vec![(Request::Read { settings: ReadSettings::default() }, Some(kept.blob.clone()))];
        if kept.settings != ReadSettings::default() {
            requests.push((Request::Reread { settings: kept.settings.clone() }, None));
        }
        requests.push((Request::Use { columns: kept.columns }, None));
        self.start(kept.name.clone(), Origin::Kept, requests);
    }

    /// Starts the worker the next load will use, so that its script and wasm are fetched
    /// and compiled while the page is still busy with the map: the charts are open and
    /// data is coming, but which (the map's kept data or the sample) is not known yet.
    pub fn warm_up(self) {
        let idle = WORKERS.with(|w| {
            let w = w.borrow();
            w.spare.is_none() && w.loading.is_none() && w.current.is_none()
        });
        if idle {
            let spare = spawn(self, String::new(), Origin::Sample);
            WORKERS.with(|w| w.borrow_mut().spare = spare);
        }
    }

    fn start(self, name: String, origin: Origin, requests: Vec<(Request, Option<Blob>)>) {
        let spare = WORKERS.with(|w| w.borrow_mut().spare.take()).map(|mut h| {
            (h.name, h.origin) = (name.clone(), origin);
            h
        });
        let Some(mut handle) = spare.or_else(|| spawn(self, name.clone(), origin)) else {
            self.status.set(Status::Failed { name, message: "this browser cannot start the data worker".into() });
            return;
        };
        for (request, blob) in requests {
            handle.send(&request, blob);
        }
        self.status.set(Status::Loading { name, bytes: 0.0, total: 0.0, rows: 0 });
        // Replacing a load in progress terminates it.
        WORKERS.with(|w| w.borrow_mut().loading = Some(handle));
    }

    /// Reads the file being previewed again with the user's settings.
    pub fn reread(self, settings: ReadSettings) {
        let name = match self.status.get_untracked() {
            Status::Preview { name, .. } => name,
            _ => return,
        };
        let sent = WORKERS.with(|w| w.borrow_mut().loading.as_mut().map(|h| h.send(&Request::Reread { settings: settings.clone() }, None)).is_some());
        if sent {
            PENDING_SETTINGS.with(|p| *p.borrow_mut() = settings);
            self.status.set(Status::Loading { name, bytes: 0.0, total: 0.0, rows: 0 });
        }
    }

    /// Accepts the previewed file with these columns.
    pub fn accept(self, columns: Use) {
        let settings = self.status.with_untracked(|s| match s {
            Status::Preview { settings, .. } => settings.clone(),
            _ => ReadSettings::default(),
        });
        WORKERS.with(|w| {
            if let Some(h) = w.borrow_mut().loading.as_mut() {
                h.chosen = Some((settings, columns));
                h.send(&Request::Use { columns }, None);
            }
        });
    }

    /// Stops a load or closes the preview; the data in use stays.
    pub fn cancel(self) {
        WORKERS.with(|w| w.borrow_mut().loading = None);
        self.status.set(Status::Idle);
    }

    /// Drops the data in use and any load: another map is open, and none of this one's data
    /// may show on it.
    pub fn clear(self) {
        WORKERS.with(|w| {
            let mut w = w.borrow_mut();
            w.current = None;
            w.loading = None;
        });
        self.status.set(Status::Idle);
        self.current.set(None);
        self.funnel.set(None);
        self.trend.set(None);
        self.map_funnel.set(None);
        self.highlight.set(None);
    }
}

thread_local! {
    /// The settings of the last re-read, shown again in the preview it produces.
    static PENDING_SETTINGS: RefCell<ReadSettings> = RefCell::default();
}

fn too_big(bytes: f64) -> String {
    format!(
        "the file is {:.1} GB, more than a browser tab can hold ({:.1} GB). Count it first where it lives — a (step, count) table is a few rows; README shows the SQL",
        bytes / 1e9,
        MAX_DATA_BYTES / 1e9
    )
}


pub(crate) fn receive(data: Analysis, serial: u64, reply: Reply) {
    let role = role(serial);
    // A spare says it is alive before any load has taken it.
    if role == Role::Gone && reply != Reply::Alive {
        return;
    }
    match reply {
        Reply::Alive => {
            with_handle(serial, |h| {
                h.alive = true;
                for (json, blob) in std::mem::take(&mut h.queue) {
                    let message = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&message, &"request".into(), &json.into());
                    if let Some(blob) = blob {
                        let _ = js_sys::Reflect::set(&message, &"blob".into(), &blob);
                    }
                    let _ = h.worker.post_message(&message);
                }
            });
        }
        Reply::Progress { bytes, total, rows } => {
            if role == Role::Loading {
                data.status.update(|s| {
                    if let Status::Loading { bytes: b, total: t, rows: r, .. } = s {
                        (*b, *t, *r) = (bytes, total, rows);
                    }
                });
            }
        }
        Reply::Read { overview } => {
            let Some((name, origin)) = with_handle(serial, |h| {
                h.columns = overview.columns.iter().map(|c| c.name.clone()).collect();
                (h.name.clone(), h.origin)
            }) else {
                return;
            };
            let guessed = overview.roles.map(Use::Events).or(overview.count_roles.map(Use::Counts));
            match (origin, guessed) {
                // The worker uses them at once (`load_sample`).
                (Origin::Sample, Some(_)) => {}
                // Its columns are on their way already (`load_kept`).
                (Origin::Kept, _) => {}
                _ => {
                    let settings = PENDING_SETTINGS.with(|p| std::mem::take(&mut *p.borrow_mut()));
                    data.status.set(Status::Preview { name, overview, settings });
                }
            }
        }
        Reply::Failed { message } => {
            if role == Role::Loading {
                let name = with_handle(serial, |h| h.name.clone()).unwrap_or_default();
                WORKERS.with(|w| w.borrow_mut().loading = None);
                data.status.set(Status::Failed { name, message });
            }
        }
        Reply::Ready { log, steps, warning } => {
            if role != Role::Loading {
                return;
            }
            let promoted = WORKERS.with(|w| {
                let mut w = w.borrow_mut();
                let handle = w.loading.take()?;
                let keep = keep(&handle);
                let current = Loaded { name: handle.name.clone(), log, steps, columns: handle.columns.clone(), warning, keep };
                // The old worker (and its data) goes here.
                w.current = Some(handle);
                Some(current)
            });
            if let Some(current) = promoted {
                data.status.set(Status::Idle);
                data.funnel.set(None);
                data.trend.set(None);
                data.map_funnel.set(None);
                data.current.set(Some(current));
            }
        }
        Reply::Funnel { id, report } => {
            let (funnel, map) = WORKERS.with(|w| (w.borrow().funnel_id == id, w.borrow().map_funnel_id == id));
            if role != Role::Current {
                return;
            }
            if funnel {
                data.funnel.set(Some(Ok(*report)));
            } else if map {
                data.map_funnel.set(Some(*report));
            }
        }
        Reply::Trend { id, report } => {
            if WORKERS.with(|w| w.borrow().trend_id == id) && role == Role::Current {
                data.trend.set(Some(Ok(*report)));
            }
        }
        Reply::QueryFailed { id, message } => {
            if role != Role::Current {
                return;
            }
            let (funnel, trend, map) = WORKERS.with(|w| {
                let w = w.borrow();
                (w.funnel_id == id, w.trend_id == id, w.map_funnel_id == id)
            });
            if funnel {
                data.funnel.set(Some(Err(message)));
            } else if trend {
                data.trend.set(Some(Err(message)));
            } else if map {
                data.map_funnel.set(None);
            }
        }
    }
}

/// What the user accepted from this worker's read, to keep with the map.
fn keep(handle: &Handle) -> Option<Dataset> {
    let (settings, columns) = handle.chosen.clone().filter(|_| handle.origin == Origin::User)?;
    Some(Dataset::new(handle.name.clone(), handle.blob.clone()?, settings, columns))
}

/// A worker died (out of memory, most often). A load fails with a message; if it was the
/// data in use, the charts say it is gone.
pub(crate) fn crashed(data: Analysis, serial: u64) {
    match role(serial) {
        Role::Loading => {
            let name = with_handle(serial, |h| h.name.clone()).unwrap_or_default();
            WORKERS.with(|w| w.borrow_mut().loading = None);
            data.status.set(Status::Failed {
                name,
                message: "the browser stopped reading it, most likely for lack of memory: try a smaller file, or count it first (a (step, count) table)".into(),
            });
        }
        Role::Current => {
            WORKERS.with(|w| w.borrow_mut().current = None);
            data.current.set(None);
            data.funnel.set(None);
            data.trend.set(None);
            data.map_funnel.set(None);
            data.status.set(Status::Failed { name: String::new(), message: "the data worker stopped; open the file again".into() });
        }
        // A spare that died is simply not used.
        Role::Gone => WORKERS.with(|w| {
            let mut w = w.borrow_mut();
            if w.spare.as_ref().is_some_and(|h| h.serial == serial) {
                w.spare = None;
            }
        }),
    }
}
