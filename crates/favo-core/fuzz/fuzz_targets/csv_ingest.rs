//! Any bytes, read as delimited text whatever they look like (`read_table` would take text
//! starting with `[` or `{` for JSON): decode, sniff, read every record with both bad-row
//! policies, then infer and convert every column.

#![no_main]

use favo_core::ingest::raw::{self, BadRows};
use favo_core::ingest::{decode, sniff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = decode::decode(bytes, None).text;
    let dialect = sniff::sniff(&text).dialect;
    let strict = raw::read(&text, &dialect, BadRows::Fail);
    let lenient = raw::read(&text, &dialect, BadRows::Skip);
    // Failing on bad rows and skipping them differ only when there is a row to skip.
    match (&strict, &lenient) {
        (Ok(s), Ok(l)) => assert_eq!(s, l),
        (Ok(_), Err(e)) => panic!("skipping bad rows failed where failing on them did not: {e}"),
        (Err(e), Ok(l)) => assert!(l.skipped().count > 0, "strict read failed ({e}) but nothing was skipped"),
        (Err(_), Err(_)) => {}
    }
    let _ = strict.map_err(|e| e.to_string());
    let Ok(table) = lenient else { return };
    favo_fuzz::check_shape(&table);
    favo_fuzz::infer_all(&table);
});
