use super::*;
use crate::ingest::dataset::Data;
use crate::ingest::stream::read_dataset;

/// An Italian Excel export: `;`, decimal comma, day-first dates, Windows-1252 with `€`.
fn italian() -> Vec<u8> {
    let text = "utente;evento;data;importo (€)\r\nu1;visita;05/03/2024 10:00;1,50\r\nu2;acquisto;06/03/2024 11:30;12,00\r\n";
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

#[test]
fn an_italian_export_is_described_as_detected_with_its_roles() {
    let data = read_dataset(&italian(), Options::default()).expect("reads");
    let o = overview(&data);
    assert_eq!((o.encoding.as_str(), o.delimiter, o.decimal), ("windows-1252", Some(';'), ','));
    assert_eq!(o.dates.as_deref(), Some("dd/mm/yyyy"));
    assert_eq!(o.columns[3].name, "importo (€)");
    assert_eq!(o.columns[3].format, "number (decimal ',')");
    assert_eq!(o.roles, Some(Roles { user: 0, event: 1, time: 2 }));
    assert_eq!(o.preview[1], ["u2", "acquisto", "06/03/2024 11:30", "12,00"]);
    assert_eq!(o.rows, 2);
}

#[test]
fn settings_change_the_decimal_and_date_format_of_the_detected_columns() {
    let bytes = italian();
    let first = read_dataset(&bytes, Options::default()).expect("reads");
    // Read the other way: months first, decimal point. 1,50 no longer reads as 1.5.
    let settings = ReadSettings { decimal: Some('.'), dates: Some("mm/dd/yyyy".into()), ..ReadSettings::default() };
    let again = read_dataset(&bytes, settings.options(Some(&first.detected)).expect("valid")).expect("reads");
    let o = overview(&again);
    assert_eq!(o.columns[2].format, "date (mm/dd/yyyy)");
    assert_eq!(o.columns[3].format, "number (decimal '.')");
    // The file-wide settings the preview shows are the ones the columns were read with.
    assert_eq!((o.decimal, o.dates.as_deref()), ('.', Some("mm/dd/yyyy")));
    let Data::DateTime(times) = &again.columns[2].data else { panic!("a date column") };
    assert_eq!(crate::ingest::value::format_iso(times[0]), "2024-05-03T10:00:00Z");
}

#[test]
fn a_column_can_be_made_text_and_the_encoding_and_delimiter_forced() {
    let bytes = italian();
    let settings = ReadSettings { encoding: Some("utf-8".into()), kinds: vec![None, None, Some("text".into())], ..ReadSettings::default() };
    let o = overview(&read_dataset(&bytes, settings.options(None).expect("valid")).expect("reads"));
    assert_eq!((o.encoding.as_str(), o.encoding_from.as_str()), ("UTF-8", "forced"));
    assert!(o.malformed_bytes, "the € byte is not UTF-8");
    assert_eq!(o.columns[2].kind, "text");
    assert_eq!(o.columns[3].kind, "number", "other columns keep their detected kind");
    // With a comma as delimiter the header is one field and every row is too wide.
    let comma = ReadSettings { delimiter: Some(','), ..ReadSettings::default() };
    let o = overview(&read_dataset(&bytes, comma.options(None).expect("valid")).expect("reads"));
    assert_eq!((o.delimiter, o.columns.len(), o.skipped), (Some(','), 1, 2));
    assert!(o.first_skipped[0].starts_with("line 2"), "{:?}", o.first_skipped);
}

#[test]
fn settings_that_are_no_choice_name_their_field() {
    for (settings, field) in [
        (ReadSettings { encoding: Some("klingon".into()), ..ReadSettings::default() }, "encoding"),
        (ReadSettings { decimal: Some(';'), ..ReadSettings::default() }, "decimal"),
        (ReadSettings { dates: Some("yyyy/dd".into()), ..ReadSettings::default() }, "dates"),
        (ReadSettings { delimiter: Some('€'), ..ReadSettings::default() }, "delimiter"),
        (ReadSettings { kinds: vec![Some("money".into())], ..ReadSettings::default() }, "kind"),
    ] {
        assert_eq!(settings.options(None).expect_err("refused").field, field);
    }
}

#[test]
fn a_log_summary_lists_events_most_frequent_first() {
    let text = "user,event,time\nu1,a,2024-01-01\nu1,b,2024-01-02\nu2,b,2024-01-03\nu3,b,2024-01-01\n";
    let data = read_dataset(text.as_bytes(), Options::default()).expect("reads");
    let log = EventLog::from_dataset(&data, guess_roles(&data.headers(), &data.kinds()).expect("roles"));
    let s = log_summary(&log);
    assert_eq!(s.names, [("b".to_string(), 3), ("a".to_string(), 1)]);
    assert_eq!((s.users, s.events), (3, 4));
    assert_eq!(s.first.map(crate::ingest::value::format_iso).as_deref(), Some("2024-01-01T00:00:00Z"));
}
