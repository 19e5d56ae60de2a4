//! Where the map lives in the browser: IndexedDB first; localStorage for the synchronous
//! copy written as the page goes away (IndexedDB is asynchronous and may not finish), and as
//! the fallback when IndexedDB is unavailable. On load the newer of the two wins.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

const DB_NAME: &str = "favo";
const STORE: &str = "maps";
const CURRENT: &str = "current";
const BACKUP_KEY: &str = "favo:current";

/// One saved state of the map: its JSON and when it was made (ms since the epoch, with the
/// revision as a tie-breaker folded in by the caller).
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub stamp: f64,
    pub json: String,
}

thread_local! {
    static DB: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
}

async fn db() -> Result<Rc<Rexie>, String> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Rexie::builder(DB_NAME)
        .version(1)
        .add_object_store(ObjectStore::new(STORE))
        .build()
        .await
        .map_err(|e| e.to_string())?;
    let db = Rc::new(db);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn idb_put(key: &str, snap: &Snapshot) -> Result<(), String> {
    let value = Object::new();
    Reflect::set(&value, &"stamp".into(), &snap.stamp.into()).map_err(describe)?;
    Reflect::set(&value, &"json".into(), &snap.json.as_str().into()).map_err(describe)?;
    let db = db().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    let store = tx.store(STORE).map_err(|e| e.to_string())?;
    store.put(&value, Some(&key.into())).await.map_err(|e| e.to_string())?;
    tx.done().await.map_err(|e| e.to_string())?;
    Ok(())
}

async fn idb_get(key: &str) -> Result<Option<Snapshot>, String> {
    let db = db().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadOnly).map_err(|e| e.to_string())?;
    let store = tx.store(STORE).map_err(|e| e.to_string())?;
    let Some(value) = store.get(key.into()).await.map_err(|e| e.to_string())? else { return Ok(None) };
    let stamp = Reflect::get(&value, &"stamp".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let json = Reflect::get(&value, &"json".into()).ok().and_then(|v| v.as_string());
    Ok(json.map(|json| Snapshot { stamp, json }))
}

fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(describe)?
        .ok_or_else(|| "localStorage is disabled".to_owned())
}

/// Writes the synchronous copy. Called when the page is hidden or unloaded, and when
/// IndexedDB fails.
pub fn save_backup(snap: &Snapshot) -> Result<(), String> {
    local_storage()?.set_item(BACKUP_KEY, &format!("{}\n{}", snap.stamp, snap.json)).map_err(describe)
}

fn load_backup() -> Result<Option<Snapshot>, String> {
    let Some(text) = local_storage()?.get_item(BACKUP_KEY).map_err(describe)? else { return Ok(None) };
    let (stamp, json) = text.split_once('\n').unwrap_or(("0", &text));
    Ok(Some(Snapshot { stamp: stamp.parse().unwrap_or(0.0), json: json.to_owned() }))
}

/// Saves to IndexedDB, falling back to localStorage. The error names both failures.
pub async fn save(snap: &Snapshot) -> Result<(), String> {
    match idb_put(CURRENT, snap).await {
        Ok(()) => Ok(()),
        Err(idb) => save_backup(snap).map_err(|local| format!("IndexedDB: {idb}; localStorage: {local}")),
    }
}

/// The newest saved map, if any. Fails only when neither store can be read.
pub async fn load() -> Result<Option<Snapshot>, String> {
    let idb = idb_get(CURRENT).await;
    let backup = load_backup();
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

/// Keeps a copy of a saved map that could not be opened, so that saving the next edit
/// does not destroy it. Best effort.
pub async fn quarantine(snap: &Snapshot) {
    let _ = idb_put(&format!("unreadable-{}", snap.stamp), snap).await;
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
