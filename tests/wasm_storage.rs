//! The browser's real IndexedDB and localStorage, in headless Chromium: a saved map comes
//! back intact, and the newer of the two copies wins on load.
#![cfg(target_arch = "wasm32")]

use favo::storage::{self, Snapshot};
use favo_core::{format, sample, Lang};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn snapshot(stamp: f64, lang: Lang) -> Snapshot {
    Snapshot { stamp, json: format::to_json(&sample::journey(lang), false) }
}

// One test, not two: async tests interleave, and both use the one "current" record.
#[wasm_bindgen_test]
async fn a_saved_map_comes_back_unchanged_and_the_newest_copy_wins() {
    let snap = snapshot(js_sys::Date::now(), Lang::It);
    storage::save(&snap).await.expect("IndexedDB accepts the map");
    let back = storage::load().await.expect("storage is readable").expect("a map was saved");
    assert_eq!(back, snap);
    let journey = format::load(back.json.as_bytes()).unwrap().journey;
    assert_eq!(journey, sample::journey(Lang::It));

    let base = snap.stamp + 10.0;
    storage::save(&snapshot(base, Lang::En)).await.unwrap();
    // The page went away right after an edit: only the synchronous copy has it.
    let later = snapshot(base + 1.0, Lang::It);
    storage::save_backup(&later).unwrap();
    assert_eq!(storage::load().await.unwrap().unwrap(), later);
    // A later IndexedDB save supersedes the copy.
    let latest = snapshot(base + 2.0, Lang::En);
    storage::save(&latest).await.unwrap();
    assert_eq!(storage::load().await.unwrap().unwrap(), latest);
}

#[wasm_bindgen_test]
fn a_js_exception_is_described_by_name_and_message() {
    let e = js_sys::Error::new("quota exceeded");
    e.set_name("QuotaExceededError");
    assert_eq!(storage::describe(e.into()), "QuotaExceededError: quota exceeded");
}
