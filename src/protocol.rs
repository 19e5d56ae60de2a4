//! The messages between the page and the data worker (`src/worker.rs`), as JSON. The page
//! sends a [`Request`] (`{request, blob}`: the file as a `Blob` beside it when there is
//! one); the worker answers with [`Reply`]s (`{reply, blob}` likewise). Parsing and computing happen in the worker, on the same core as
//! the CLI, so the page never blocks on a large file.

use favo_core::funnel::counts::CountRoles;
use favo_core::ingest::events::Roles;
use favo_core::ingest::overview::{LogSummary, Overview, ReadSettings};
use favo_core::insight::{FunnelQuery, FunnelReport, TrendQuery, TrendReport};
use serde::{Deserialize, Serialize};

/// Which columns to use, chosen in the preview.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Use {
    Events(Roles),
    Counts(CountRoles),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Read the `Blob` sent with this message.
    Read { settings: ReadSettings },
    /// Fetch a URL (same origin, or CORS) and read it.
    Fetch { url: String, settings: ReadSettings },
    /// Read the same file again with other settings.
    Reread { settings: ReadSettings },
    /// Use these columns: an event log, or a table of counts.
    Use { columns: Use },
    /// Use the columns the last read guessed, if it guessed them; else the page previews.
    UseGuessed,
    Funnel { id: u64, query: FunnelQuery },
    Trend { id: u64, query: TrendQuery },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// The worker's wasm is running: requests sent before this are lost, so the page waits.
    Alive,
    Progress { bytes: f64, total: f64, rows: usize },
    /// The file is read: what the preview shows. The `Blob` read comes beside it (a fetched
    /// URL's too), so the page can keep what the user accepts.
    Read { overview: Box<Overview> },
    /// Reading failed; `message` says where.
    Failed { message: String },
    /// The chosen columns are in use: an event log (with its summary) or counts (with their
    /// step names, in order). `warning` says why some rows were left out.
    Ready { log: Option<LogSummary>, steps: Vec<String>, warning: Option<String> },
    Funnel { id: u64, report: Box<FunnelReport> },
    Trend { id: u64, report: Box<TrendReport> },
    /// A query could not be answered.
    QueryFailed { id: u64, message: String },
}

/// A fetched file as a `Blob`: `fetching` is `fetch(url)` from the page or the worker. The
/// error says what went wrong, for the user.
pub async fn fetch_blob(fetching: js_sys::Promise) -> Result<web_sys::Blob, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let text = |e: wasm_bindgen::JsValue| e.as_string().or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| e.message().into())).unwrap_or_else(|| "the request failed".into());
    let response: web_sys::Response = JsFuture::from(fetching).await.map_err(text)?.unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let blob = JsFuture::from(response.blob().map_err(text)?).await.map_err(text)?;
    Ok(blob.unchecked_into())
}
