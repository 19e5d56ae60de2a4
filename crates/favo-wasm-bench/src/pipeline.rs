//! Issue 4's analytics pipeline, stage by stage: bytes arriving in chunks, a typed table, an
//! event log, a five-step funnel and daily trends. This is the one place that composes
//! favo-core's stages; the rest of the crate only exposes them to JavaScript and summarises
//! their results, and the page times them.
//!
//! The file streams into favo-core's columnar reader chunk by chunk ([`Ingest::push`]), so at
//! no point are the file's bytes held whole: memory is the typed columns plus one chunk.
//! The chunked-push tests in `pipeline_tests.rs` pin that results do not depend on where
//! the chunks split.

use favo_core::funnel::Funnel;
use favo_core::ingest::events::{guess_roles, EventLog};
use favo_core::ingest::raw::RawError;
use favo_core::ingest::stream::{Dataset, Options, Reader};
use favo_core::synth;
use favo_core::trend::{self, Interval, Trend, TrendError};

/// The funnel the benchmark counts: the first five phases of the synthetic journey
/// (`favo generate`), ad view to purchase — the same as the native criterion bench.
pub fn funnel_steps() -> &'static [&'static str] {
    &synth::STEPS[..5]
}

/// A file arriving in chunks, on its way to a [`Dataset`].
pub struct Ingest {
    reader: Reader,
    /// The first error: later chunks are ignored and `finish` returns it.
    failed: Option<RawError>,
}

impl Default for Ingest {
    fn default() -> Self {
        Ingest { reader: Reader::new(Options::default()), failed: None }
    }
}

impl Ingest {
    /// Takes the next chunk of the file, split anywhere (inside a record, a field or a
    /// multi-byte character).
    pub fn push(&mut self, chunk: &[u8]) {
        if self.failed.is_none() {
            self.failed = self.reader.push(chunk).err();
        }
    }

    /// Reads the rest: the typed columns.
    pub fn finish(self) -> Result<Dataset, RawError> {
        match self.failed {
            Some(e) => Err(e),
            None => self.reader.finish(),
        }
    }
}

/// The event log of a dataset, its user, event and time columns guessed from their names and
/// kinds (as `favo funnel` and `favo trend` do when not told). Fails as the CLI does on a
/// time it cannot read, saying where.
pub fn event_log(data: &Dataset) -> Result<EventLog, String> {
    let roles = guess_roles(&data.headers(), &data.kinds()).ok_or("no user, event and time columns found (by their names)")?;
    match data.unreadable(roles.time) {
        Some(why) => Err(why),
        None => Ok(EventLog::from_dataset(data, roles)),
    }
}

/// Users at each of [`funnel_steps`], ordered, in the default 14-day window. A step the log
/// never names has no users (as in `favo funnel`).
pub fn funnel(log: &EventLog) -> Vec<u64> {
    let steps = funnel_steps().iter().map(|s| log.name_id(s).unwrap_or(u32::MAX)).collect();
    Funnel::new(steps).count(&log.rows)
}

/// All events (or distinct users, when `unique`) per day (as `favo trend [--unique]`).
pub fn trend(log: &EventLog, unique: bool) -> Result<Trend, TrendError> {
    trend::count(&log.rows, &[], Interval::Day, unique)
}

#[cfg(test)]
#[path = "pipeline_tests.rs"]
mod tests;
