//! csv-core alone counts what the pipeline reads: every record and field of a generated log,
//! however the bytes are chunked, and quoted line breaks and long fields are no special case.

use favo_core::synth::{self, Variant};

use super::*;

fn chunked(bytes: &[u8], delimiter: u8, chunk: usize) -> Counts {
    let mut counter = CsvCount::new(delimiter);
    for piece in bytes.chunks(chunk) {
        counter.feed(piece);
    }
    counter.finish()
}

#[test]
fn every_record_and_field_of_a_generated_log_is_counted_however_it_is_chunked() {
    for (variant, delimiter) in [(Variant::Standard, b','), (Variant::Italian, b';')] {
        let mut bytes = Vec::new();
        synth::write(2_000, 3, variant, &mut bytes).unwrap();
        // The header and 2,000 rows, each of 7 fields (revenue is often empty but there).
        let expected = Counts { records: 2_001, fields: 7 * 2_001 };
        assert_eq!(count(&bytes, delimiter), expected, "{variant:?}");
        for chunk in [1, 2, 7, 4093] {
            assert_eq!(chunked(&bytes, delimiter, chunk), expected, "{variant:?}, chunks of {chunk}");
        }
    }
}

#[test]
fn a_quoted_line_break_stays_in_its_field_and_long_records_grow_the_buffers() {
    let long = "x".repeat(10_000);
    let wide = vec!["1"; 100].join(",");
    let text = format!("a,b\r\n\"two\nlines\",2\n{long},\"{long}\"\n{wide}");
    let expected = Counts { records: 4, fields: 2 + 2 + 2 + 100 };
    assert_eq!(count(text.as_bytes(), b','), expected);
    assert_eq!(chunked(text.as_bytes(), b',', 3), expected);
    assert_eq!(count(b"", b','), Counts::default(), "an empty file has no records");
}
