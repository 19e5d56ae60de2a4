use super::*;
use crate::test_rng::XorShift;
use crate::ingest::decode::decode;
use crate::ingest::sniff::sniff;

/// decode → sniff → read with no settings, as the app does for a dropped file.
fn pipeline(bytes: &[u8], on_bad_row: BadRows) -> Result<RawTable, RawError> {
    let text = decode(bytes, None).text;
    read(&text, &sniff(&text).dialect, on_bad_row)
}

fn rows(table: &RawTable) -> Vec<Vec<&str>> {
    (0..table.len()).map(|r| table.row(r).collect()).collect()
}

const DIALECT: Dialect = Dialect { delimiter: b',', quote: b'"', has_header: true };

#[test]
fn italian_excel_export_reads_with_no_settings() {
    let bytes = b"data;importo;citt\xe0\r\n01/02/2024;1.234,56 \x80;Forl\xec\r\n15/03/2024;-7,50 \x80;Cant\xf9\r\n";
    let text = decode(bytes, None);
    assert_eq!(text.encoding, encoding_rs::WINDOWS_1252);
    let dialect = sniff(&text.text).dialect;
    assert_eq!((dialect.delimiter, dialect.has_header), (b';', true));
    let table = read(&text.text, &dialect, BadRows::Fail).unwrap();
    assert_eq!(table.headers(), ["data", "importo", "città"]);
    assert_eq!(rows(&table), [["01/02/2024", "1.234,56 €", "Forlì"], ["15/03/2024", "-7,50 €", "Cantù"]]);
    assert_eq!(table.lines(), [2, 3]);
    assert_eq!(table.column(1).collect::<Vec<_>>(), ["1.234,56 €", "-7,50 €"]);
}

#[test]
fn the_same_data_as_utf8_comma_csv_gives_the_same_strings() {
    let table = pipeline("data,importo,città\n01/02/2024,\"1.234,56 €\",Forlì\n".as_bytes(), BadRows::Fail).unwrap();
    assert_eq!(table.headers(), ["data", "importo", "città"]);
    assert_eq!(rows(&table), [["01/02/2024", "1.234,56 €", "Forlì"]]);
}

#[test]
fn utf16le_tsv_with_bom_reads() {
    let text = "canale\tvisite\nemail\t120\nsocial\t80\n";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let table = pipeline(&bytes, BadRows::Fail).unwrap();
    assert_eq!(table.headers(), ["canale", "visite"]);
    assert_eq!(rows(&table), [["email", "120"], ["social", "80"]]);
}

#[test]
fn pipe_file_reads() {
    let table = pipeline(b"a|b\n1|2\n3|4\n", BadRows::Fail).unwrap();
    assert_eq!(rows(&table), [["1", "2"], ["3", "4"]]);
}

#[test]
fn quoted_delimiters_quotes_and_newlines_keep_later_line_numbers_right() {
    let text = "id,nota\n1,\"a, b\"\n2,\"lui disse \"\"ciao\"\"\"\n3,\"riga uno\nriga due\r\nriga tre\"\n4,fine\n";
    let table = read(text, &DIALECT, BadRows::Fail).unwrap();
    assert_eq!(table.column(1).collect::<Vec<_>>(), ["a, b", "lui disse \"ciao\"", "riga uno\nriga due\r\nriga tre", "fine"]);
    assert_eq!(table.lines(), [2, 3, 4, 7]);
}

#[test]
fn short_rows_are_padded_and_long_rows_fail_with_their_line() {
    let text = "a,b,c,d\n1,2\n1,2,3,4,5\n";
    let table = read("a,b,c,d\n1,2\n", &DIALECT, BadRows::Fail).unwrap();
    assert_eq!(rows(&table), [["1", "2", "", ""]]);
    let error = read(text, &DIALECT, BadRows::Fail).unwrap_err();
    assert_eq!(error, RawError::TooManyFields { line: 3, found: 5, expected: 4 });
    assert_eq!(error.to_string(), "line 3: 5 fields, the header has 4");
}

#[test]
fn skip_counts_long_rows_and_keeps_the_rest() {
    let text = "a,b\n1,2\n1,2,3\n4,5\n6,7,8,9\n";
    let table = read(text, &DIALECT, BadRows::Skip).unwrap();
    assert_eq!(rows(&table), [["1", "2"], ["4", "5"]]);
    assert_eq!(table.lines(), [2, 4]);
    assert_eq!(table.skipped().count, 2);
    assert_eq!(table.skipped().first[1], RawError::TooManyFields { line: 5, found: 4, expected: 2 });
}

#[test]
fn unterminated_quote_is_reported_where_it_opened() {
    let error = read("a,b,c\n1,2,3\n4,5,\"open\n6,7,8\n", &DIALECT, BadRows::Skip).unwrap_err();
    assert_eq!(error, RawError::UnterminatedQuote { line: 3, column: 3 });
    assert!(error.to_string().starts_with("line 3, column 3: unterminated quote"));
}

#[test]
fn closed_quotes_followed_by_text_are_not_unterminated() {
    // `"a"b` continues unquoted after the closing quote, as the csv crate reads it.
    let table = read("x,y\n\"a\"b,\"c\"\"\"\n", &DIALECT, BadRows::Fail).unwrap();
    assert_eq!(rows(&table), [["ab", "c\""]]);
}

#[test]
fn headers_are_trimmed_named_and_made_unique() {
    let table = read(" nome ,,nome,__proto__,nome (2)\n", &DIALECT, BadRows::Fail).unwrap();
    assert_eq!(table.headers(), ["nome", "column 2", "nome (2)", "__proto__", "nome (2) (2)"]);
    assert!(table.is_empty());
}

#[test]
fn without_a_header_columns_are_numbered_up_to_the_widest_row() {
    let dialect = Dialect { has_header: false, ..DIALECT };
    let table = read("1,2\n3,4,5\n", &dialect, BadRows::Fail).unwrap();
    assert_eq!(table.headers(), ["column 1", "column 2", "column 3"]);
    assert_eq!(rows(&table), [["1", "2", ""], ["3", "4", "5"]]);
}

#[test]
fn empty_text_is_an_empty_error() {
    assert_eq!(read("", &DIALECT, BadRows::Fail), Err(RawError::Empty));
    assert_eq!(RawError::Empty.to_string(), "the file has no rows");
}

#[test]
fn flat_storage_matches_a_vec_of_vecs_reference() {
    let text = "a,b,c\n1,,3\nx\n,,\n\"q,\"\"\",y,z\n";
    let table = read(text, &DIALECT, BadRows::Fail).unwrap();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let expected: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (0..3).map(|i| r.get(i).unwrap_or("").to_owned()).collect()
        })
        .collect();
    assert_eq!(rows(&table), expected);
    assert_eq!(table.cell(99, 0), "");
    assert_eq!(table.cell(0, 99), "");
}

#[test]
fn hostile_inputs_do_not_panic() {
    let mut inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"\xef\xbb\xbf".to_vec(),
        b"\xff\xfe".to_vec(),
        b"\xfe\xff\x00a\x00,\x00b\x00\n".to_vec(),
        b"\xff\xfea\x00,\x00b\x00\n\x00\xd8".to_vec(),
        b"data;importo;citt\xe0\n01/02/2024;1.234,56 \x80;Forl\xec\n".to_vec(),
        b"a,b\x00c\n\x00,\x00\n".to_vec(),
        b"__proto__,constructor,__proto__\n1,2,3\n".to_vec(),
        b"\r".to_vec(),
        b"a,b\r\n1,2\r\n".to_vec(),
        b";;;\n".to_vec(),
        b"a,b\n1\n1,2,3,4\n,,,,,,\n".to_vec(),
        b"\"".to_vec(),
        b"\"\"\"".to_vec(),
    ];
    let mut open_quote = b"\"".to_vec();
    open_quote.extend(b"a,b,c\n".repeat(10_000));
    inputs.push(open_quote);
    let mut wide = (0..100_000).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",").into_bytes();
    wide.extend(b"\n1,2\n3\n");
    inputs.push(wide);
    for input in &inputs {
        for on_bad_row in [BadRows::Fail, BadRows::Skip] {
            let _ = pipeline(input, on_bad_row);
        }
    }
    let unterminated = pipeline(&inputs[14], BadRows::Skip);
    assert_eq!(unterminated.unwrap_err(), RawError::UnterminatedQuote { line: 1, column: 1 });
    let wide = pipeline(&inputs[15], BadRows::Fail).unwrap();
    assert_eq!((wide.width(), wide.len(), wide.cell(1, 0), wide.cell(1, 99_999)), (100_000, 2, "3", ""));
}


#[test]
fn random_bytes_do_not_panic() {
    const ALPHABET: &[u8] = b",;\t|\"\r\n a1\x80\xe0\xff\xfe\xef\xbb\xbf\x00{}[]:";
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3_000 {
        let len = (rng.next() % 40) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize]).collect();
        let text = decode(&bytes, None).text;
        let sniffed = sniff(&text).dialect;
        let _ = read(&text, &sniffed, BadRows::Skip);
        // Any byte as delimiter or quote, as a careless override might give.
        let odd = Dialect { delimiter: (rng.next() % 256) as u8, quote: (rng.next() % 256) as u8, has_header: rng.next() & 1 == 0 };
        let _ = read(&text, &odd, BadRows::Fail);
        let _ = read_json(&text);
    }
}

#[test]
fn json_array_of_objects_unions_keys_in_first_seen_order() {
    let text = "[\n {\"z\": \"Forlì\", \"a\": 1.50},\n {\"a\": null, \"b\": true, \"n\": {\"k\": [1, 2]}}\n]";
    let table = read_json(text).unwrap();
    assert_eq!(table.headers(), ["z", "a", "b", "n"]);
    assert_eq!(rows(&table), [["Forlì", "1.50", "", ""], ["", "", "true", "{\"k\":[1,2]}"]]);
    assert_eq!(table.lines(), [2, 3]);
}

#[test]
fn json_object_of_columns_reads_and_checks_lengths() {
    let table = read_json("{\"canale\": [\"email\", \"sms\"], \"visite\": [10, 2e3]}").unwrap();
    assert_eq!(rows(&table), [["email", "10"], ["sms", "2e3"]]);
    let error = read_json("{\"a\": [1, 2], \"b\": [1]}").unwrap_err();
    assert_eq!(error, RawError::ColumnLength { column: "b".into(), found: 1, expected: 2 });
    assert_eq!(error.to_string(), "column \"b\" has 1 values, the first column has 2");
}

#[test]
fn json_errors_say_where() {
    let error = read_json("[\n {\"a\": 1},\n {\"a\": 2,}\n]").unwrap_err();
    assert!(matches!(error, RawError::Json { line: 3, .. }), "{error:?}");
    let error = read_json("[\n {\"a\": 1},\n   7\n]").unwrap_err();
    assert!(matches!(error, RawError::Json { line: 3, column: 4, .. }), "{error:?}");
    assert!(matches!(read_json("42"), Err(RawError::Json { line: 1, .. })));
    assert_eq!(read_json("[]"), Err(RawError::Empty));
    assert!(read_json(&"[".repeat(100_000)).is_err());
}

#[test]
fn compact_keeps_whitespace_inside_strings() {
    assert_eq!(json::compact_for_test("{ \"a b\" : [ 1 , \"x \\\" y\" ] }"), "{\"a b\":[1,\"x \\\" y\"]}");
}

#[test]
fn line_numbers_count_blank_lines_and_crlf() {
    // The csv crate's own line number is one short after a CRLF; ours must not be.
    let table = read("a,b\r\n\r\n1,2\r\n\n\n3,4\r\n", &DIALECT, BadRows::Fail).unwrap();
    assert_eq!(table.lines(), [3, 6]);
}

#[test]
fn many_repeats_of_one_header_are_numbered_in_linear_time() {
    // Found by fuzzing: each repeat used to count up from "(2)" again, 40,000 took minutes.
    let names = vec!["x"; 50_000];
    let unique = unique_headers(&names);
    assert_eq!((unique[0].as_str(), unique[1].as_str(), unique[49_999].as_str()), ("x", "x (2)", "x (50000)"));
    // A name that is already a numbered repeat is skipped, not reused.
    assert_eq!(unique_headers(&["a", "a (2)", "a"]), ["a", "a (2)", "a (3)"]);
}
