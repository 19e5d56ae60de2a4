//! Issue 4's analytics pipeline compiled to wasm, for the in-browser benchmark
//! (`.ci/wasm-bench`, which runs `tests/e2e/analytics-bench.mjs`).
//!
//! [`Bench`] has the streaming shape the page drives: it pushes each chunk of the file as
//! `fetch` delivers it, then calls each stage and times it. Every stage returns a small JSON
//! summary (counts, not data), so the driver can check that runs agree with each other and
//! with the native `favo` CLI on the same file. The stages themselves are composed in
//! [`pipeline`]; the csv-core yardstick is [`baseline`], driven through [`Baseline`].
//!
//! It compiles natively too (the native tests drive [`Bench`] as the page does); only a
//! stage's error becomes a JavaScript exception.

pub mod baseline;
pub mod pipeline;

use favo_core::ingest::events::EventLog;
use favo_core::ingest::stream::Dataset;
use favo_core::trend::Trend;
use pipeline::Ingest;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// One run of the pipeline over one file, stage by stage.
#[wasm_bindgen]
#[derive(Default)]
pub struct Bench {
    ingest: Ingest,
    data: Option<Dataset>,
    log: Option<EventLog>,
}

#[wasm_bindgen]
impl Bench {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        Bench::default()
    }

    /// Kept for the page's sake: the streaming reader needs no room ahead.
    pub fn reserve(&mut self, _bytes: usize) {}

    /// Takes the next chunk of the file as it arrives.
    pub fn push(&mut self, chunk: &[u8]) {
        self.ingest.push(chunk);
    }

    /// Reads the rest of the file into typed columns: `{"rows", "columns", "skipped",
    /// "encoding", "delimiter", "column_bytes"}`.
    pub fn parse(&mut self) -> Result<String, JsError> {
        let data = std::mem::take(&mut self.ingest).finish().map_err(|e| JsError::new(&format!("reading the file: {e}")))?;
        let summary = json!({
            "rows": data.rows,
            "columns": data.columns.len(),
            "skipped": data.skipped.count,
            "encoding": data.detected.encoding.name(),
            "delimiter": data.detected.sniff.as_ref().map(|s| (s.dialect.delimiter as char).to_string()),
            "column_bytes": data.heap_bytes(),
        });
        self.data = Some(data);
        Ok(summary.to_string())
    }

    /// Builds the event log: `{"events", "users", "names"}`.
    pub fn build_log(&mut self) -> Result<String, JsError> {
        let data = self.data.as_ref().ok_or_else(|| JsError::new("build_log needs parse first"))?;
        let log = pipeline::event_log(data).map_err(|e| JsError::new(&format!("building the event log: {e}")))?;
        let summary = json!({"events": log.rows.len(), "users": log.user_count(), "names": log.names.len()});
        self.log = Some(log);
        Ok(summary.to_string())
    }

    /// The five-step funnel: `{"steps": [names], "users": [per step]}`.
    pub fn funnel(&self) -> Result<String, JsError> {
        let users = pipeline::funnel(self.log()?);
        Ok(json!({"steps": pipeline::funnel_steps(), "users": users}).to_string())
    }

    /// The daily trend of all events (or distinct users): `{"periods", "first", "total",
    /// "weighted", "last_incomplete"}` — see [`trend_summary`].
    pub fn trend(&self, unique: bool) -> Result<String, JsError> {
        let trend = pipeline::trend(self.log()?, unique).map_err(|e| JsError::new(&format!("trend: {e}")))?;
        Ok(trend_summary(&trend).to_string())
    }
}

impl Bench {
    fn log(&self) -> Result<&EventLog, JsError> {
        self.log.as_ref().ok_or_else(|| JsError::new("build_log first"))
    }
}

/// The csv-core yardstick over the same file, pushed the same way as into [`Bench`] but kept
/// whole in wasm memory, so that the page can time reading it apart from receiving it. (Its
/// own type, so that `Bench`'s ingest is free to stop holding the bytes.)
#[wasm_bindgen]
#[derive(Default)]
pub struct Baseline {
    bytes: Vec<u8>,
}

#[wasm_bindgen]
impl Baseline {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Baseline {
        Baseline::default()
    }

    /// Makes room for a file of `bytes` bytes, before the first push.
    pub fn reserve(&mut self, bytes: usize) {
        self.bytes.reserve_exact(bytes);
    }

    /// Takes the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) {
        self.bytes.extend_from_slice(chunk);
    }

    /// csv-core alone reading every record of the file: `{"records", "fields"}`, the header
    /// counted as a record.
    pub fn csv_core_only(&self, delimiter: u8) -> String {
        let counts = baseline::count(&self.bytes, delimiter);
        json!({"records": counts.records, "fields": counts.fields}).to_string()
    }

    /// Favo's own reader over the same bytes in memory, in the 1 MiB chunks a page would
    /// push: the figure to set against csv-core alone. `{"rows"}`, or the reading error.
    pub fn read_columns(&self) -> Result<String, JsError> {
        let mut ingest = pipeline::Ingest::default();
        for chunk in self.bytes.chunks(1 << 20) {
            ingest.push(chunk);
        }
        let data = ingest.finish().map_err(|e| JsError::new(&format!("reading the file: {e}")))?;
        Ok(json!({"rows": data.rows}).to_string())
    }
}

/// A trend in a few numbers that still catch a changed value anywhere: how many periods,
/// the first period's start (ms), the sum of the values, and the sum weighted by position
/// (Σ (i + 1) · value), which moves when counts shift between periods. The driver computes
/// the same from `favo trend`'s JSON.
pub fn trend_summary(trend: &Trend) -> serde_json::Value {
    let total: f64 = trend.values.iter().sum();
    let weighted: f64 = trend.values.iter().enumerate().map(|(i, v)| (i + 1) as f64 * v).sum();
    json!({
        "periods": trend.periods.len(),
        "first": trend.periods.first(),
        "total": total,
        "weighted": weighted,
        "last_incomplete": trend.last_incomplete,
    })
}

#[cfg(test)]
#[path = "bench_tests.rs"]
mod tests;
