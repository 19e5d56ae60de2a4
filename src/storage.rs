//! Where the map lives in the browser: IndexedDB first; localStorage for the synchronous
//! copy written as the page goes away (IndexedDB is asynchronous and may not finish), and as
//! the fallback when IndexedDB is unavailable. On load the newer of the two wins.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use rexie::{ObjectStore, Rexie, Transaction, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

const DB_NAME: &str = "favo";
/// Each version adds stores; opening an older database adds what it lacks and keeps the
/// rest, so an upgrade never touches the maps. 1: `maps`. 2: `datasets` (`datasets.rs`).
const DB_VERSION: u32 = 2;
const STORE: &str = "maps";
/// The data kept with each map, under the map's key.
pub(crate) const DATASETS: &str = "datasets";
/// The id of the map the first versions saved, before there was a library: it keeps its
/// keys (`current`, `favo:current`), so those maps open unchanged.
pub const FIRST_MAP: &str = "current";
const LAST_KEY: &str = "favo:last";

/// One saved state of a map: its JSON, when it was made (ms since the epoch), and what the
/// library lists without reading the JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub stamp: f64,
    pub json: String,
    pub title: String,
    pub cells: usize,
}

/// A map in the library.
#[derive(Clone, Debug, PartialEq)]
pub struct MapEntry {
    pub id: String,
    pub title: String,
    pub cells: usize,
    pub stamp: f64,
    /// Deleted, still restorable until the next start.
    pub deleted: bool,
}

pub(crate) fn idb_key(id: &str) -> String {
    if id == FIRST_MAP {
        FIRST_MAP.to_owned()
    } else {
        format!("map-{id}")
    }
}

fn id_of_key(key: &str) -> Option<&str> {
    if key == FIRST_MAP {
        Some(FIRST_MAP)
    } else {
        key.strip_prefix("map-")
    }
}

fn backup_key(id: &str) -> String {
    format!("favo:{}", idb_key(id))
}

/// A fresh map id: time and chance, never one in use.
pub fn new_id() -> String {
    format!("{:x}{:04x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 65536.0) as u32)
}

thread_local! {
    static DB: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
}

async fn db() -> Result<Rc<Rexie>, String> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Rexie::builder(DB_NAME)
        .version(DB_VERSION)
        // Rexie deletes a store that is not listed here: every store stays listed for good.
        .add_object_store(ObjectStore::new(STORE))
        .add_object_store(ObjectStore::new(DATASETS))
        .build()
        .await
        .map_err(|e| e.to_string())?;
    let db = Rc::new(db);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn record(snap: &Snapshot, deleted: bool) -> Result<Object, String> {
    let value = Object::new();
    Reflect::set(&value, &"stamp".into(), &snap.stamp.into()).map_err(describe)?;
    Reflect::set(&value, &"json".into(), &snap.json.as_str().into()).map_err(describe)?;
    Reflect::set(&value, &"title".into(), &snap.title.as_str().into()).map_err(describe)?;
    Reflect::set(&value, &"cells".into(), &(snap.cells as f64).into()).map_err(describe)?;
    Reflect::set(&value, &"deleted".into(), &deleted.into()).map_err(describe)?;
    Ok(value)
}

fn field_f64(value: &JsValue, name: &str) -> Option<f64> {
    Reflect::get(value, &name.into()).ok().and_then(|v| v.as_f64())
}

fn field_str(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &name.into()).ok().and_then(|v| v.as_string())
}

fn snapshot_of(value: &JsValue) -> Option<(Snapshot, bool)> {
    let json = field_str(value, "json")?;
    let snap = Snapshot {
        stamp: field_f64(value, "stamp").unwrap_or(0.0),
        title: field_str(value, "title").unwrap_or_default(),
        cells: field_f64(value, "cells").unwrap_or(0.0) as usize,
        json,
    };
    let deleted = Reflect::get(value, &"deleted".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    Some((snap, deleted))
}

/// Waits for a write to be on disk. A full disk does not fail the request: the browser
/// aborts the transaction when it commits, with no error event, so an abort is a failure.
async fn committed(tx: Transaction) -> Result<(), String> {
    match tx.done().await {
        Ok(result) if result.is_committed() => Ok(()),
        Ok(_) => Err("the browser did not store it: its storage is full, or the disk failed".into()),
        Err(e) => Err(e.to_string()),
    }
}

pub(crate) async fn idb_put(store: &str, key: &str, value: &JsValue) -> Result<(), String> {
    let db = db().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    tx.store(store).map_err(|e| e.to_string())?.put(value, Some(&key.into())).await.map_err(|e| e.to_string())?;
    committed(tx).await
}

pub(crate) async fn idb_get(store: &str, key: &str) -> Result<Option<JsValue>, String> {
    let db = db().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadOnly).map_err(|e| e.to_string())?;
    tx.store(store).map_err(|e| e.to_string())?.get(key.into()).await.map_err(|e| e.to_string())
}

/// Deletes `key` from each of `stores`, all or none.
pub(crate) async fn idb_delete(stores: &[&str], key: &str) -> Result<(), String> {
    let db = db().await?;
    let tx = db.transaction(stores, TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    for store in stores {
        tx.store(store).map_err(|e| e.to_string())?.delete(key.into()).await.map_err(|e| e.to_string())?;
    }
    committed(tx).await
}

fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(describe)?
        .ok_or_else(|| "localStorage is disabled".to_owned())
}

/// Writes the synchronous copy of a map. Called when the page is hidden or unloaded, and
/// when IndexedDB fails.
pub fn save_backup(id: &str, snap: &Snapshot) -> Result<(), String> {
    local_storage()?.set_item(&backup_key(id), &format!("{}\n{}", snap.stamp, snap.json)).map_err(describe)
}

fn load_backup(id: &str) -> Result<Option<Snapshot>, String> {
    let Some(text) = local_storage()?.get_item(&backup_key(id)).map_err(describe)? else { return Ok(None) };
    let (stamp, json) = text.split_once('\n').unwrap_or(("0", &text));
    // The backup has no listing fields; they are read from the map itself.
    let doc = serde_json::from_str::<serde_json::Value>(json).unwrap_or_default();
    let title = doc.get("title").and_then(|t| t.as_str()).unwrap_or_default().to_owned();
    let cells = doc.get("cells").and_then(|c| c.as_array()).map_or(0, Vec::len);
    Ok(Some(Snapshot { stamp: stamp.parse().unwrap_or(0.0), json: json.to_owned(), title, cells }))
}

/// Saves a map to IndexedDB, falling back to localStorage. The error names both failures.
pub async fn save(id: &str, snap: &Snapshot) -> Result<(), String> {
    let value = record(snap, false)?;
    match idb_put(STORE, &idb_key(id), &value.into()).await {
        Ok(()) => Ok(()),
        Err(idb) => save_backup(id, snap).map_err(|local| format!("IndexedDB: {idb}; localStorage: {local}")),
    }
}

/// The newest saved copy of a map, if any. Fails only when neither store can be read.
pub async fn load(id: &str) -> Result<Option<Snapshot>, String> {
    let idb = idb_get(STORE, &idb_key(id)).await.map(|v| v.and_then(|v| snapshot_of(&v)).map(|(s, _)| s));
    let backup = load_backup(id);
    match (idb, backup) {
        (Err(a), Err(b)) => Err(format!("IndexedDB: {a}; localStorage: {b}")),
        (a, b) => {
            let newest = [a.ok().flatten(), b.ok().flatten()]
                .into_iter()
                .flatten()
                .max_by(|x, y| x.stamp.total_cmp(&y.stamp));
            Ok(newest)
        }
    }
}

/// Every map in the browser, newest first: IndexedDB's records, and maps that only reached
/// the localStorage copy (IndexedDB failing).
pub async fn library() -> Result<Vec<MapEntry>, String> {
    let mut out: Vec<MapEntry> = Vec::new();
    let db = db().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadOnly).map_err(|e| e.to_string())?;
    let store = tx.store(STORE).map_err(|e| e.to_string())?;
    for (key, value) in store.scan(None, None, None, None).await.map_err(|e| e.to_string())? {
        let Some(id) = key.as_string().as_deref().and_then(id_of_key).map(str::to_owned) else { continue };
        if let Some((snap, deleted)) = snapshot_of(&value) {
            out.push(MapEntry { id, title: snap.title, cells: snap.cells, stamp: snap.stamp, deleted });
        }
    }
    if let Ok(local) = local_storage() {
        for i in 0..local.length().unwrap_or(0) {
            let Some(key) = local.key(i).ok().flatten() else { continue };
            let Some(id) = key.strip_prefix("favo:").and_then(id_of_key) else { continue };
            if out.iter().any(|e| e.id == id) {
                continue;
            }
            if let Ok(Some(snap)) = load_backup(id) {
                out.push(MapEntry { id: id.to_owned(), title: snap.title, cells: snap.cells, stamp: snap.stamp, deleted: false });
            }
        }
    }
    out.sort_by(|a, b| b.stamp.total_cmp(&a.stamp));
    Ok(out)
}

/// Marks a map deleted (or restores it). Its data stays until [`purge_deleted`].
pub async fn set_deleted(id: &str, deleted: bool) -> Result<(), String> {
    let Some(snap) = load(id).await? else { return Err(format!("no map {id}")) };
    idb_put(STORE, &idb_key(id), &record(&snap, deleted)?.into()).await?;
    if deleted {
        if let Ok(local) = local_storage() {
            let _ = local.remove_item(&backup_key(id));
        }
    }
    Ok(())
}

/// Removes for good the maps deleted in an earlier session (their undo is long gone), with
/// the data kept with them.
pub async fn purge_deleted() {
    let Ok(maps) = library().await else { return };
    for m in maps.into_iter().filter(|m| m.deleted) {
        let _ = idb_delete(&[STORE, DATASETS], &idb_key(&m.id)).await;
    }
}

/// The map opened last, to reopen at start.
pub fn last_opened() -> Option<String> {
    local_storage().ok()?.get_item(LAST_KEY).ok().flatten()
}

pub fn remember_opened(id: &str) {
    if let Ok(local) = local_storage() {
        let _ = local.set_item(LAST_KEY, id);
    }
}

/// Keeps a copy of a saved map that could not be opened, so that saving the next edit
/// does not destroy it. Best effort.
pub async fn quarantine(snap: &Snapshot) {
    if let Ok(value) = record(snap, false) {
        let _ = idb_put(STORE, &format!("unreadable-{}", snap.stamp), &value.into()).await;
    }
}

/// A JS exception as text: `QuotaExceededError: …`.
pub fn describe(e: JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", String::from(err.name()), String::from(err.message()));
    }
    let name = Reflect::get(&e, &"name".into()).ok().and_then(|v| v.as_string());
    let message = Reflect::get(&e, &"message".into()).ok().and_then(|v| v.as_string());
    match (name, message) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        _ => e.as_string().unwrap_or_else(|| format!("{e:?}")),
    }
}
