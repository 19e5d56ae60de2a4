//! Data kept with its map. What a user accepts for a map (a file, pasted cells, a URL) is
//! stored in IndexedDB under the map's key: the Blob that was read, the preview's settings
//! and the columns chosen. The charts then open on it, read as it was accepted, instead of
//! the sample (the generated log in `public/` that matches the sample map). One dataset a
//! map: the latest replaces the earlier one. Remove goes back to the sample; purging a
//! deleted map purges its data (`storage::purge_deleted`).
//!
//! Every write is a transaction on the datasets store alone, so a full disk fails the
//! dataset, which the user is told, and never the map.

use favo_core::ingest::overview::ReadSettings;
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use crate::analysis::{Analysis, Status};
use crate::protocol::Use;
use crate::state::Ctx;
use crate::storage::{self, describe, idb_key, DATASETS};

/// A user's data as kept with a map.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// The file's name, "pasted data", or a URL's last part.
    pub name: String,
    /// The bytes, as read: IndexedDB stores a Blob as it is, with no copy through wasm.
    pub blob: Blob,
    pub settings: ReadSettings,
    pub columns: Use,
    pub bytes: f64,
    /// When it was accepted, in ms since the epoch.
    pub added: f64,
}

impl Dataset {
    pub fn new(name: String, blob: Blob, settings: ReadSettings, columns: Use) -> Dataset {
        Dataset { name, bytes: blob.size(), blob, settings, columns, added: js_sys::Date::now() }
    }

    /// The stored record: the Blob as a Blob, settings and columns as our own JSON.
    fn to_record(&self) -> Result<JsValue, String> {
        let record = Object::new();
        let fields: [(&str, JsValue); 6] = [
            ("name", self.name.as_str().into()),
            ("blob", self.blob.clone().into()),
            ("settings", serde_json::to_string(&self.settings).expect("settings serialise").into()),
            ("columns", serde_json::to_string(&self.columns).expect("columns serialise").into()),
            ("bytes", self.bytes.into()),
            ("added", self.added.into()),
        ];
        for (name, value) in fields {
            Reflect::set(&record, &name.into(), &value).map_err(describe)?;
        }
        Ok(record.into())
    }

    fn from_record(record: &JsValue) -> Result<Dataset, String> {
        let field = |name: &str| Reflect::get(record, &name.into()).map_err(describe);
        let text = |name: &str| field(name)?.as_string().ok_or_else(|| format!("the kept data has no {name}"));
        let blob = field("blob")?.dyn_into::<Blob>().map_err(|_| "the kept data has no file".to_string())?;
        let settings = serde_json::from_str(&text("settings")?).map_err(|e| format!("the kept data's settings: {e}"))?;
        let columns = serde_json::from_str(&text("columns")?).map_err(|e| format!("the kept data's columns: {e}"))?;
        Ok(Dataset {
            name: text("name")?,
            bytes: field("bytes")?.as_f64().unwrap_or_else(|| blob.size()),
            added: field("added")?.as_f64().unwrap_or(0.0),
            blob,
            settings,
            columns,
        })
    }
}

async fn put(map: &str, dataset: &Dataset) -> Result<(), String> {
    storage::idb_put(DATASETS, &idb_key(map), &dataset.to_record()?).await
}

async fn get(map: &str) -> Result<Option<Dataset>, String> {
    match storage::idb_get(DATASETS, &idb_key(map)).await? {
        Some(record) if !record.is_undefined() => Dataset::from_record(&record).map(Some),
        _ => Ok(None),
    }
}

/// What the open map keeps, as the data bar tells it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shelf {
    /// Nothing: the sample is charted (or the user's data is being stored).
    Empty,
    /// The data in use is kept with the map.
    Kept { bytes: f64 },
    /// Storing failed (a full disk, most often): the data is charted for this session only,
    /// and whatever the map kept before stays kept.
    NotKept { reason: String },
    /// What the map keeps could not be read: the sample is charted.
    Unreadable { reason: String },
    /// Removing failed: the data is still kept.
    NotRemoved { reason: String },
}

impl Shelf {
    /// Whether the map has something stored for Remove to delete.
    pub fn removable(&self) -> bool {
        matches!(self, Shelf::Kept { .. } | Shelf::Unreadable { .. } | Shelf::NotRemoved { .. })
    }
}

pub fn use_shelf() -> RwSignal<Shelf> {
    expect_context::<RwSignal<Shelf>>()
}

/// Keeps the charts on the open map's data, and the user's data with the map. The charts
/// panel calls it once; it provides the [`Shelf`].
pub fn provide(ctx: Ctx, analysis: Analysis) {
    let shelf = RwSignal::new(Shelf::Empty);
    provide_context(shelf);
    // The generation whose data the charts hold: another map's goes at once, even with the
    // charts closed, so that it never shows on this one; the worker starts the first time
    // the charts open, so a map-only session never pays for it.
    // The worker starts with the charts, before the map is ready and its data known.
    Effect::new(move |_| {
        if ctx.charts_open.get() {
            analysis.warm_up();
        }
    });
    Effect::new(move |shown: Option<Option<u64>>| {
        let generation = ctx.generation.get();
        let mut shown = shown.flatten();
        if shown.is_some_and(|g| g != generation) {
            analysis.clear();
            shelf.set(Shelf::Empty);
            shown = None;
        }
        if shown.is_none() && ctx.charts_open.get() && ctx.ready.get() {
            open(ctx, analysis, shelf, generation);
            shown = Some(generation);
        }
        shown
    });
    // The user's data, once accepted, is kept with the map it was accepted on.
    Effect::new(move |_| {
        let Some(dataset) = analysis.current.with(|c| c.as_ref().and_then(|c| c.keep.clone())) else { return };
        let map = ctx.map_id.get_untracked();
        // The benchmark's generated map is never stored, nor is anything kept with it.
        if map.is_empty() {
            return;
        }
        shelf.set(Shelf::Empty);
        spawn_local(async move {
            let stored = put(&map, &dataset).await;
            // Other data took its place meanwhile, and the shelf speaks of that.
            if analysis.current.with_untracked(|c| c.as_ref().and_then(|c| c.keep.as_ref()) != Some(&dataset)) {
                return;
            }
            shelf.set(match stored {
                Ok(()) => Shelf::Kept { bytes: dataset.bytes },
                Err(reason) => Shelf::NotKept { reason },
            });
        });
    });
}

/// Reads what the open map keeps into the charts, else the sample.
fn open(ctx: Ctx, analysis: Analysis, shelf: RwSignal<Shelf>, generation: u64) {
    // A file dropped on the page opens the charts: the user's load comes first.
    let load = move |kept: Option<Dataset>| {
        if analysis.status.with_untracked(|s| matches!(s, Status::Loading { .. } | Status::Preview { .. })) {
            return;
        }
        match kept {
            Some(dataset) => analysis.load_kept(&dataset),
            None => analysis.load_sample(),
        }
    };
    let map = ctx.map_id.get_untracked();
    if map.is_empty() {
        load(None);
        return;
    }
    spawn_local(async move {
        let found = get(&map).await;
        // Another map opened meanwhile, and its own data is on its way.
        if ctx.generation.get_untracked() != generation {
            return;
        }
        shelf.set(match &found {
            Ok(Some(dataset)) => Shelf::Kept { bytes: dataset.bytes },
            Ok(None) => Shelf::Empty,
            Err(reason) => Shelf::Unreadable { reason: reason.clone() },
        });
        load(found.ok().flatten());
    });
}

/// Deletes what the open map keeps and goes back to the sample.
pub fn remove(ctx: Ctx, analysis: Analysis, shelf: RwSignal<Shelf>) {
    let map = ctx.map_id.get_untracked();
    let generation = ctx.generation.get_untracked();
    spawn_local(async move {
        let removed = storage::idb_delete(&[DATASETS], &idb_key(&map)).await;
        if ctx.generation.get_untracked() != generation {
            return;
        }
        match removed {
            Ok(()) => {
                shelf.set(Shelf::Empty);
                analysis.load_sample();
            }
            Err(reason) => shelf.set(Shelf::NotRemoved { reason }),
        }
    });
}

/// A size as people read it: `840 B`, `12.3 kB`, `4.5 MB`, `1.2 GB`.
pub fn size_text(bytes: f64) -> String {
    match bytes {
        b if b < 1e3 => format!("{b:.0} B"),
        b if b < 1e6 => format!("{:.1} kB", b / 1e3),
        b if b < 1e9 => format!("{:.1} MB", b / 1e6),
        b => format!("{:.1} GB", b / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_are_written_in_the_unit_that_reads_best() {
        assert_eq!(size_text(0.0), "0 B");
        assert_eq!(size_text(999.0), "999 B");
        assert_eq!(size_text(1_000.0), "1.0 kB");
        assert_eq!(size_text(12_345.0), "12.3 kB");
        assert_eq!(size_text(4_500_000.0), "4.5 MB");
        assert_eq!(size_text(1_500_000_000.0), "1.5 GB");
    }
}
