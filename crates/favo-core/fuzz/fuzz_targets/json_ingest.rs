//! Any bytes, decoded and read as JSON (rows or columns), then every column inferred and
//! converted.

#![no_main]

use favo_core::ingest::{decode, raw};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = decode::decode(bytes, None).text;
    match raw::read_json(&text) {
        Ok(table) => {
            favo_fuzz::check_shape(&table);
            favo_fuzz::infer_all(&table);
        }
        Err(e) => drop(e.to_string()),
    }
});
