//! The streaming reader against the whole-text reader ([`super::super::read_table`] and
//! [`infer::convert`]), which is slower and simpler: every cell must come out the same,
//! however the file is cut into chunks.

use super::*;
use crate::ingest::sniff::{Dialect, DialectOverride};
use crate::ingest::dataset::Data;
use crate::ingest::infer::{convert, TypedColumn};
use crate::ingest::read_table;
use crate::synth::{self, Variant};
use crate::test_rng::XorShift;

fn below(rng: &mut XorShift, n: usize) -> usize {
    rng.below(n as u64) as usize
}

/// Cells as text, the way [`Column::display`] writes them, from the whole-text reader with
/// `kinds` (the detected ones when `None`).
fn reference(bytes: &[u8], dialect: Option<Dialect>, kinds: Option<Vec<Kind>>) -> (Vec<String>, Vec<Vec<String>>, usize) {
    let table = read_table(bytes, BadRows::Skip).expect("the reference reads it");
    let raw = match dialect {
        Some(d) => raw::read(&table.decoded.text, &d, BadRows::Skip).expect("the reference reads it"),
        None => table.raw,
    };
    let kinds = kinds.unwrap_or_else(|| table.columns.iter().map(|c| c.kind).collect());
    let mut columns = Vec::new();
    let mut errors = 0;
    for (c, &kind) in kinds.iter().enumerate().take(raw.width()) {
        let (typed, errs) = convert(raw.column(c), kind, "", 1);
        errors += errs.len();
        let cells: Vec<String> = match typed {
            TypedColumn::Integer(v) => v.iter().map(|n| n.map(|n| n.to_string()).unwrap_or_default()).collect(),
            TypedColumn::Number(v) => v.iter().map(|n| n.map(|n| n.to_string()).unwrap_or_default()).collect(),
            TypedColumn::DateTime(v) => v.iter().map(|t| t.map(crate::ingest::value::format_iso).unwrap_or_default()).collect(),
            TypedColumn::Bool(v) => v.iter().map(|b| b.map(|b| b.to_string()).unwrap_or_default()).collect(),
            TypedColumn::Text(v) => v.iter().map(|s| s.as_deref().map(str::trim).unwrap_or_default().to_string()).collect(),
        };
        columns.push(cells);
    }
    (raw.headers().to_vec(), columns, errors)
}

fn streamed(bytes: &[u8], chunk: usize, sample: usize, options: Options) -> Dataset {
    let mut reader = Reader::with_sample(options, sample);
    for piece in bytes.chunks(chunk.max(1)) {
        reader.push(piece).expect("reads");
    }
    reader.finish().expect("reads")
}

fn cells(data: &Dataset) -> Vec<Vec<String>> {
    data.columns.iter().map(|c| (0..c.len()).map(|r| c.display(r)).collect()).collect()
}

/// With the whole file as its sample the stream detects what the whole-text reader does,
/// and reads the same cells at any chunk size.
fn assert_same(bytes: &[u8], chunk: usize) {
    let (headers, expected, errors) = reference(bytes, None, None);
    let data = streamed(bytes, chunk, bytes.len(), Options::default());
    assert_eq!(data.headers(), headers, "chunk {chunk}");
    assert_eq!(cells(&data), expected, "chunk {chunk}");
    assert_eq!(data.errors.count, errors, "chunk {chunk}");
}

/// With a sample cut short, the stream reads the same cells as the whole-text reader given
/// the same dialect and kinds.
fn assert_same_cut(bytes: &[u8], chunk: usize, sample: usize) {
    let dialect = Dialect { delimiter: b',', quote: b'"', has_header: true };
    let fixed = DialectOverride { delimiter: Some(b','), quote: Some(b'"'), has_header: Some(true) };
    let data = streamed(bytes, chunk, sample, Options { dialect: fixed, ..Options::default() });
    let (headers, expected, errors) = reference(bytes, Some(dialect), Some(data.kinds()));
    assert_eq!(data.headers(), headers, "chunk {chunk}, sample {sample}");
    assert_eq!(cells(&data), expected, "chunk {chunk}, sample {sample}");
    assert_eq!(data.errors.count, errors, "chunk {chunk}, sample {sample}");
}

#[test]
fn a_generated_log_reads_like_the_whole_text_reader_at_any_chunk_size() {
    for variant in [Variant::Standard, Variant::Italian] {
        let mut bytes = Vec::new();
        synth::write(3_000, 5, variant, &mut bytes).unwrap();
        for chunk in [bytes.len(), 997, 1, 65_536] {
            assert_same(&bytes, chunk);
        }
        // The default sample is 1 MiB; this cuts the file after about 500 rows.
        let data = streamed(&bytes, 4096, 40_000, Options::default());
        assert_eq!(cells(&data), reference(&bytes, None, None).1);
    }
}

#[test]
fn awkward_files_read_like_the_whole_text_reader() {
    let files: [&[u8]; 8] = [
        b"a,b,c\r\n1,\"x\r\ny\",3\r\n\r\n4,,\"q\"\"uote\"\r\n5\r\n",
        b"\xef\xbb\xbfname;amount\n\"Rossi; Mario\";1.234,5\nBianchi;-7\n",
        b"id\tsaid\n1\t\"multi\nline\nfield\"\n2\tplain\n",
        b"x,y\n1,2\n3,4",
        b"when,n\n01/02/2024 10:00,1\n13/02/2024,2\nnot a date,3\n",
        "utente;città\nu1;Forlì\nu2;Cantù\n".as_bytes(),
        b"\xff\xfea\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00",
        b"a|b\n\"1\"|\"2\"\n|\n",
    ];
    for bytes in files {
        for chunk in [1, 2, 3, 5, 64, bytes.len()] {
            assert_same(bytes, chunk);
        }
    }
}

#[test]
fn random_csv_cut_at_random_places_reads_the_same() {
    let mut rng = XorShift(7);
    let pieces = ["a", "1", "2,5", "\"q,\"", "\"\"\"\"", "", " x ", "01/02/2024", "\"l1\nl2\"", "é€", "-0", "1e3"];
    for _ in 0..60 {
        let width = 1 + below(&mut rng, 4);
        let mut text = (0..width).map(|c| format!("h{c}")).collect::<Vec<_>>().join(",");
        text.push('\n');
        for _ in 0..below(&mut rng, 30) {
            let cells = 1 + below(&mut rng, width);
            let row: Vec<&str> = (0..cells).map(|_| pieces[below(&mut rng, pieces.len())]).collect();
            text.push_str(&row.join(","));
            text.push_str(if below(&mut rng, 3) == 0 { "\r\n" } else { "\n" });
        }
        let chunk = 1 + below(&mut rng, 40);
        let sample = 1 + below(&mut rng, text.len());
        assert_same_cut(text.as_bytes(), chunk, sample);
    }
}

#[test]
fn errors_say_which_line_and_column() {
    let text = "user,revenue\nu1,12\nu2,\"12,5,0\"\nu3,7\n";
    let mut reader = Reader::with_sample(Options { kinds: vec![None, Some(Kind::Number(Default::default()))], ..Options::default() }, 4);
    reader.push(text.as_bytes()).unwrap();
    let data = reader.finish().unwrap();
    assert_eq!(data.errors.count, 1);
    assert_eq!(data.errors.first[0].to_string(), "row 3, column \"revenue\": \"12,5,0\" is not a number");
    assert_eq!(data.columns[1].display(1), "", "the bad cell is missing, not the row");
    assert_eq!(data.rows, 3);
}

#[test]
fn a_wide_row_is_skipped_or_fails_as_the_caller_chooses() {
    let text = b"a,b\n1,2\n3,4,5\n6,7\n";
    let data = read_dataset(text, Options::default()).unwrap();
    assert_eq!((data.rows, data.skipped.count), (2, 1));
    assert_eq!(data.skipped.first[0], RawError::TooManyFields { line: 3, found: 3, expected: 2 });
    let failed = read_dataset(text, Options { on_bad_row: BadRows::Fail, ..Options::default() });
    assert_eq!(failed.unwrap_err(), RawError::TooManyFields { line: 3, found: 3, expected: 2 });
}

#[test]
fn an_unterminated_quote_fails_with_its_line_even_megabytes_later() {
    let mut text = String::from("a,b\n1,2\n3,\"never closed\n");
    for i in 0..200_000 {
        text.push_str(&format!("{i},row\n"));
    }
    let error = read_dataset(text.as_bytes(), Options::default()).unwrap_err();
    assert_eq!(error, RawError::UnterminatedQuote { line: 3, column: 2 });
    let at_start = format!("\"{}", "a,b\n".repeat(300_000));
    assert_eq!(read_dataset(at_start.as_bytes(), Options::default()).unwrap_err(), RawError::UnterminatedQuote { line: 1, column: 1 });
}

#[test]
fn a_later_push_after_a_failure_repeats_the_error() {
    let mut reader = Reader::with_sample(Options { on_bad_row: BadRows::Fail, ..Options::default() }, 4);
    let error = RawError::TooManyFields { line: 3, found: 3, expected: 2 };
    assert_eq!(reader.push(b"a,b\n1,2\n3,4,5\n"), Err(error.clone()));
    assert_eq!(reader.push(b"6,7\n"), Err(error.clone()));
    assert_eq!(reader.finish().unwrap_err(), error);
}

#[test]
fn malformed_utf8_after_the_sample_is_noticed() {
    let mut bytes = b"a,b\n".to_vec();
    bytes.extend(std::iter::repeat_n(b"x,1\n".as_slice(), 100).flatten());
    let clean = streamed(&bytes, 3, 16, Options::default());
    assert!(!clean.had_encoding_errors);
    bytes.extend_from_slice(b"\xe9t\xe9,2\n");
    let dirty = streamed(&bytes, 3, 16, Options::default());
    assert!(dirty.had_encoding_errors);
    assert_eq!(dirty.columns[0].display(100), "\u{fffd}t\u{fffd}");
    // A character cut between chunks is not an error.
    let accents = "a\nè\n".repeat(50);
    assert!(!streamed(accents.as_bytes(), 1, 8, Options::default()).had_encoding_errors);
}

#[test]
fn json_reads_into_the_same_columns() {
    let json = br#"[{"user":"u1","n":"1,5","t":"2024-01-02"},{"user":"u2","n":"2","t":"2024-01-03T10:00:00Z"}]"#;
    let data = read_dataset(json, Options::default()).unwrap();
    assert!(data.detected.sniff.is_none());
    assert_eq!(data.headers(), ["user", "n", "t"]);
    assert_eq!(cells(&data), reference(json, None, None).1);
}

#[test]
fn a_million_row_log_takes_well_under_its_file_size() {
    let mut bytes = Vec::new();
    synth::write(200_000, 3, Variant::Standard, &mut bytes).unwrap();
    let data = read_dataset(&bytes, Options::default()).unwrap();
    assert_eq!(data.rows, 200_000);
    let ratio = data.heap_bytes() as f64 / bytes.len() as f64;
    assert!(ratio < 0.5, "{} bytes of columns for a {} byte file", data.heap_bytes(), bytes.len());
    let Data::Text { codes, .. } = &data.columns[1].data else { panic!("events are text") };
    assert!(matches!(codes, crate::ingest::dataset::Codes::U8(_)), "a handful of event names takes a byte a row");
}

#[test]
fn nothing_panics_on_any_small_input() {
    let mut rng = XorShift(99);
    let alphabet = b",;\t|\"\n\r a1.-/:\xef\xbb\xbf\xff\xfe\x00\xe9{[";
    for _ in 0..2_000 {
        let len = below(&mut rng, 40);
        let bytes: Vec<u8> = (0..len).map(|_| alphabet[below(&mut rng, alphabet.len())]).collect();
        let mut reader = Reader::with_sample(Options::default(), 1 + below(&mut rng, 16));
        for piece in bytes.chunks(1 + below(&mut rng, 5)) {
            let _ = reader.push(piece);
        }
        let _ = reader.finish();
    }
}

#[test]
fn the_same_file_reads_the_same_however_it_is_cut() {
    // Found by fuzzing: a first line longer than the sample, pushed whole or in pieces.
    check_cuts(b"\x00user,ev\x00ent,time\n1,2,2024-01-01\n");
    let mut bytes = vec![0u8; 36];
    bytes.extend_from_slice(b"ua4,5\n1234,5\x1a13\x8024\xe2\xaf,\xc3\x941'2\x00345\x1a13\x8024\xe2\xaf,\xc3\x941;2341by,171\xff\xff\xff.000\x04061by\x00,b60\n\xc3(,\xa0\n\x00\x00");
    check_cuts(&bytes);
    // A multi-byte encoding fed a byte at a time decodes nothing from a lead byte alone.
    let gbk = encoding_rs::GBK.encode("utente,città\n张伟,北京\n李娜,上海\n").0;
    check_cuts(&gbk);
}

fn check_cuts(bytes: &[u8]) {
    let read = |chunk: usize| {
        let mut reader = Reader::with_sample(Options::default(), 16);
        for piece in bytes.chunks(chunk) {
            reader.push(piece).unwrap();
        }
        reader.finish().unwrap()
    };
    let whole = read(bytes.len());
    for chunk in 1..bytes.len() {
        let cut = read(chunk);
        let (a, b) = (format!("{:?}", cut.columns), format!("{:?}", whole.columns));
        assert!(a == b && cut.rows == whole.rows, "chunks of {chunk}: {a} / {b}");
    }
}

/// A text value is stored once however it is written — with blanks around, after thousands
/// of other values (user ids), or repeated — and malformed bytes read as U+FFFD.
#[test]
fn a_text_column_keeps_one_entry_per_value() {
    let mut text = String::from("id,note\nu0,x\n");
    for i in 0..10_000 {
        text.push_str(&format!("u{i}, x \n"));
    }
    text.push_str("u0,\u{a0}x\n u9999 ,x\n");
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"u1,caf\xe9\nu1,caf\xe9\n");
    let data = streamed(&bytes, 777, 4096, Options::default());
    let (ids, id_codes) = data.columns[0].dictionary();
    let (notes, note_codes) = data.columns[1].dictionary();
    assert_eq!(ids.len(), 10_000);
    assert_eq!(id_codes[10_002], id_codes[10_000], "\" u9999 \" is u9999");
    assert_eq!(id_codes[10_001], id_codes[0]);
    assert_eq!(notes, ["x", "caf\u{fffd}"]);
    assert_eq!(note_codes[..10_003].iter().filter(|&&c| c == 0).count(), 10_003);
    assert!(data.had_encoding_errors);
}
