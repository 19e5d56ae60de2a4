//! The browser's real IndexedDB and localStorage, in headless Chromium: a saved map comes
//! back intact, the newer of the two copies wins on load, and the library keeps several maps
//! apart, with deletion that can be undone.
#![cfg(target_arch = "wasm32")]

use favo::storage::{self, Snapshot};
use favo_core::template::Template;
use favo_core::{format, sample, Journey, Lang};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn snapshot_of(stamp: f64, j: &Journey) -> Snapshot {
    Snapshot { stamp, json: format::to_json(j, false), title: j.title.clone(), cells: j.len() }
}

fn snapshot(stamp: f64, lang: Lang) -> Snapshot {
    snapshot_of(stamp, &sample::journey(lang))
}

// One test, not several: async tests interleave, and they share the one database.
#[wasm_bindgen_test]
async fn maps_come_back_unchanged_the_newest_copy_wins_and_the_library_keeps_them_apart() {
    let id = storage::FIRST_MAP;
    let snap = snapshot(js_sys::Date::now(), Lang::It);
    storage::save(id, &snap).await.expect("IndexedDB accepts the map");
    let back = storage::load(id).await.expect("storage is readable").expect("a map was saved");
    assert_eq!(back, snap);
    let journey = format::load(back.json.as_bytes()).unwrap().journey;
    assert_eq!(journey, sample::journey(Lang::It));

    let base = snap.stamp + 10.0;
    storage::save(id, &snapshot(base, Lang::En)).await.unwrap();
    // The page went away right after an edit: only the synchronous copy has it.
    let later = snapshot(base + 1.0, Lang::It);
    storage::save_backup(id, &later).unwrap();
    assert_eq!(storage::load(id).await.unwrap().unwrap(), later);
    // A later IndexedDB save supersedes the copy.
    let latest = snapshot(base + 2.0, Lang::En);
    storage::save(id, &latest).await.unwrap();
    assert_eq!(storage::load(id).await.unwrap().unwrap(), latest);

    // A second map lives beside the first, listed newest first with its title and size.
    let other = storage::new_id();
    assert_ne!(other, storage::new_id(), "ids are fresh");
    let checklist = Template::Checklist.build(Lang::It);
    storage::save(&other, &snapshot_of(base + 3.0, &checklist)).await.unwrap();
    let maps = storage::library().await.unwrap();
    let first = maps.iter().position(|m| m.id == id).expect("the first map is listed");
    let second = maps.iter().position(|m| m.id == other).expect("the new map is listed");
    assert!(second < first, "newest first");
    assert_eq!((maps[second].title.as_str(), maps[second].cells), (checklist.title.as_str(), checklist.len()));
    assert_eq!(storage::load(id).await.unwrap().unwrap(), latest, "saving one map leaves the other alone");

    // Deleting marks the map; restoring brings it back whole; purging removes it for good.
    storage::set_deleted(&other, true).await.unwrap();
    let gone = storage::library().await.unwrap();
    assert!(gone.iter().any(|m| m.id == other && m.deleted));
    storage::set_deleted(&other, false).await.unwrap();
    let back = storage::load(&other).await.unwrap().unwrap();
    assert_eq!(format::load(back.json.as_bytes()).unwrap().journey, checklist);
    storage::set_deleted(&other, true).await.unwrap();
    storage::purge_deleted().await;
    assert!(!storage::library().await.unwrap().iter().any(|m| m.id == other));
    assert!(storage::load(&other).await.unwrap().is_none());
}

#[wasm_bindgen_test]
fn a_js_exception_is_described_by_name_and_message() {
    let e = js_sys::Error::new("quota exceeded");
    e.set_name("QuotaExceededError");
    assert_eq!(storage::describe(e.into()), "QuotaExceededError: quota exceeded");
}
