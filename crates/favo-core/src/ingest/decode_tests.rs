use super::*;

#[test]
fn windows_1252_italian_excel_bytes_are_guessed_and_decoded() {
    let d = decode(b"data;importo;citt\xe0\r\n01/02/2024;1.234,56 \x80;Forl\xec\r\n", None);
    assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
    assert!(matches!(d.source, EncodingSource::Guessed { .. }));
    assert_eq!(d.text, "data;importo;città\r\n01/02/2024;1.234,56 €;Forlì\r\n");
    assert!(!d.had_errors && !d.bom);
}

#[test]
fn utf8_with_bom_drops_the_bom() {
    let d = decode("\u{feff}nome,città\n".as_bytes(), None);
    assert_eq!((d.encoding, d.bom, d.source), (UTF_8, true, EncodingSource::Bom));
    assert_eq!(d.text, "nome,città\n");
}

#[test]
fn valid_utf8_without_bom_stays_utf8() {
    let d = decode("prezzo\n1,5 €\n".as_bytes(), None);
    assert_eq!((d.encoding, d.source), (UTF_8, EncodingSource::ValidUtf8));
    assert_eq!(d.text, "prezzo\n1,5 €\n");
}

#[test]
fn utf16_le_and_be_with_bom_are_decoded() {
    let text = "a\tè\n1\t€\n";
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let (l, b) = (decode(&le, None), decode(&be, None));
    assert_eq!((l.encoding, l.text.as_str()), (encoding_rs::UTF_16LE, text));
    assert_eq!((b.encoding, b.text.as_str()), (encoding_rs::UTF_16BE, text));
}

#[test]
fn a_forced_encoding_wins_over_detection() {
    // Valid UTF-8 bytes read as Windows-1252 on request: "à" becomes two characters.
    let d = decode("à".as_bytes(), Some(encoding_rs::WINDOWS_1252));
    assert_eq!((d.encoding, d.source), (encoding_rs::WINDOWS_1252, EncodingSource::Forced));
    assert_eq!(d.text, "Ã\u{a0}");
}

#[test]
fn malformed_bytes_become_replacement_characters_and_are_reported() {
    let d = decode(b"ab\xff\xfe\xfd", Some(UTF_8));
    assert!(d.had_errors);
    assert!(d.text.starts_with("ab") && d.text.contains('\u{fffd}'));
}

#[test]
fn empty_input_and_a_lone_bom_decode_to_empty_text() {
    assert_eq!(decode(b"", None).text, "");
    let d = decode(b"\xef\xbb\xbf", None);
    assert_eq!((d.text.as_str(), d.bom), ("", true));
}
