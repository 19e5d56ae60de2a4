use super::*;

#[test]
fn semicolon_file_with_decimal_commas_is_semicolon() {
    let s = sniff("data;importo\n01/02/2024;1.234,56\n");
    assert_eq!(s.dialect, Dialect { delimiter: b';', quote: b'"', has_header: true });
    assert_eq!(s.header_reason, HeaderReason::TextOverData { column: 0 });
}

#[test]
fn semicolon_wins_a_tie_with_a_decimal_comma_in_every_record() {
    // Both `;` and `,` split every record in two: the commas are decimal commas.
    assert_eq!(sniff("nome;valore,x\nA;1,5\nB;2,5\n").dialect.delimiter, b';');
}

#[test]
fn comma_tab_and_pipe_files_are_recognised() {
    assert_eq!(sniff("a,b,c\n1,2,3\n4,5,6\n").dialect.delimiter, b',');
    assert_eq!(sniff("a\tb\n1\t2\n").dialect.delimiter, b'\t');
    assert_eq!(sniff("a|b|c\n1|2|3\n").dialect.delimiter, b'|');
}

#[test]
fn quoted_delimiters_do_not_count() {
    // Every record has two `;` inside quotes but one real comma.
    let s = sniff("\"a;b;c\",d\n\"1;2;3\",4\n\"x;y;z\",5\n");
    assert_eq!(s.dialect.delimiter, b',');
    assert_eq!(s.delimiter_reason, DelimiterReason::Consistent { fields: 2, agreeing: 3, sampled: 3 });
}

#[test]
fn single_column_file_is_comma_with_a_header() {
    let s = sniff("email\na@b.it\nc@d.it\n");
    assert_eq!(s.delimiter_reason, DelimiterReason::SingleColumn);
    assert!(s.dialect.has_header);
}

#[test]
fn numeric_first_row_is_not_a_header() {
    let s = sniff("1;2\n3;4\n");
    assert_eq!((s.dialect.has_header, s.header_reason), (false, HeaderReason::FirstRowLooksLikeData { column: 0 }));
}

#[test]
fn text_first_row_repeated_below_is_not_a_header() {
    let s = sniff("Roma,Lazio\nMilano,Lombardia\nRoma,Lazio\n");
    assert!(!s.dialect.has_header);
}

#[test]
fn blank_or_repeated_first_row_names_are_not_a_header() {
    assert_eq!(sniff("a,,c\n1,2,3\n").header_reason, HeaderReason::BlankOrRepeated { column: 1 });
    assert_eq!(sniff("a,a\n1,2\n").header_reason, HeaderReason::BlankOrRepeated { column: 1 });
}

#[test]
fn overrides_fix_each_part() {
    let fixed = DialectOverride { delimiter: Some(b'|'), quote: Some(b'\''), has_header: Some(false) };
    let s = sniff_with("a,b\n1,2\n", &fixed);
    assert_eq!(s.dialect, Dialect { delimiter: b'|', quote: b'\'', has_header: false });
    assert_eq!((s.delimiter_reason, s.header_reason), (DelimiterReason::Forced, HeaderReason::Forced));
}

#[test]
fn empty_text_has_no_header() {
    assert_eq!(sniff("").header_reason, HeaderReason::Empty);
}

#[test]
fn data_detection_is_loose_but_needs_a_digit() {
    for data in ["1.234,56 €", "01/02/2024", "12:30", "-5%", "2024-02-01T10:00"] {
        assert!(looks_like_data(data), "{data}");
    }
    for text in ["importo", "", "€", "Q1 2024"] {
        assert!(!looks_like_data(text), "{text}");
    }
}
