use super::*;
use crate::grid::Cell;
use crate::journey::{Activity, ActivityId};
use crate::test_rng::XorShift;
use crate::{sample, Edit, Lang};

/// A code with the right tag around any bytes, deflated or not.
fn code_of(bytes: &[u8]) -> String {
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn deflated(bytes: &[u8]) -> String {
    code_of(&compress_to_vec(bytes, CompressionLevel::BestCompression as u8))
}

/// A map of `n` cells whose labels are random letters: text deflate cannot shrink much.
fn random_map(n: usize, seed: u64) -> Journey {
    let mut rng = XorShift(seed);
    let mut j = Journey::new("Random");
    let cells = (0..).flat_map(|radius| Cell::ORIGIN.ring(radius)).take(n);
    let batch = cells
        .enumerate()
        .map(|(i, at)| {
            let label: String = (0..40).map(|_| char::from(b'a' + rng.below(26) as u8)).collect();
            Activity::new(ActivityId(i as u64 + 1), at, label, None)
        })
        .collect();
    j.apply(Edit::Insert(batch)).unwrap();
    j
}

#[test]
fn the_sample_map_round_trips_in_both_languages() {
    for lang in [Lang::En, Lang::It] {
        let journey = sample::journey(lang);
        let code = encode(&journey).unwrap();
        assert!(code.starts_with("1."), "{code}");
        let loaded = decode(&code).unwrap();
        assert_eq!(loaded.journey, journey);
        assert!(loaded.warnings.is_empty());
    }
}

#[test]
fn a_code_uses_only_characters_a_url_fragment_keeps_as_they_are() {
    let code = encode(&sample::journey(Lang::It)).unwrap();
    assert!(code.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "{code}");
}

#[test]
fn a_code_is_much_shorter_than_the_json_it_carries() {
    let journey = sample::journey(Lang::En);
    let json = format::to_json(&journey, false);
    let code = encode(&journey).unwrap();
    assert!(code.len() * 2 < json.len(), "{} characters for {} bytes of JSON", code.len(), json.len());
}

#[test]
fn hostile_labels_come_back_as_the_same_text() {
    let labels = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)> \"&'",
        "🐝🍯 favo 👩‍👩‍👧",
        "Perché è già più caffè, città",
        "#copy=1.AAAA&share=",
    ];
    let mut j = Journey::new("\"quoted\" </title> «titolo» ù");
    let batch = labels.iter().zip(1..).map(|(label, id)| Activity::new(ActivityId(id), Cell::new(id as i32, 0), *label, None)).collect();
    j.apply(Edit::Insert(batch)).unwrap();
    let back = decode(&encode(&j).unwrap()).unwrap().journey;
    assert_eq!(back, j);
    assert_eq!(back.title, "\"quoted\" </title> «titolo» ù");
    for (label, id) in labels.iter().zip(1..) {
        assert_eq!(back.get(ActivityId(id)).unwrap().label, *label);
    }
}

#[test]
fn a_map_too_big_for_a_link_is_refused_at_copy_time_with_its_length() {
    let err = encode(&random_map(3000, 7)).unwrap_err();
    let ShareError::TooLong { chars } = err else { panic!("expected TooLong, got {err:?}") };
    assert!(chars > MAX_LINK, "{chars}");
    assert!(err.to_string().contains("export the map file"), "{err}");
}

#[test]
fn the_biggest_map_that_fits_still_opens() {
    // Random labels: about 34 deflated bytes a cell, so 1,000 cells fit and come back whole.
    let journey = random_map(1000, 11);
    let code = encode(&journey).unwrap();
    assert!(code.len() <= MAX_LINK);
    assert_eq!(decode(&code).unwrap().journey, journey);
}

#[test]
fn a_map_whose_json_is_over_the_inflate_cap_is_refused_at_copy_time() {
    // Repetitive labels deflate so well that the code would fit in a link the reader refuses.
    let mut j = Journey::new("Big");
    let label = "x".repeat(200);
    let batch = (0..).flat_map(|radius| Cell::ORIGIN.ring(radius)).take(45_000).zip(1..);
    j.apply(Edit::Insert(batch.map(|(at, id)| Activity::new(ActivityId(id), at, label.clone(), None)).collect())).unwrap();
    assert!(format::to_json(&j, false).len() > MAX_INFLATED);
    assert_eq!(encode(&j), Err(ShareError::TooBig));
}

#[test]
fn a_code_that_inflates_past_the_cap_is_refused_though_it_is_short() {
    // 9 MiB of spaces deflate to a few KB: the length check lets it through, the inflate
    // cap stops it.
    let bomb = deflated(&vec![b' '; 9 * 1024 * 1024]);
    assert!(bomb.len() < MAX_LINK, "{} characters", bomb.len());
    assert_eq!(decode(&bomb).unwrap_err(), ShareError::TooBig);
}

#[test]
fn a_code_longer_than_any_link_is_refused_before_it_is_decoded() {
    // 100 MiB of zeros: about 136,000 characters, so refused by its length alone.
    let bomb = deflated(&vec![0; 100 * 1024 * 1024]);
    assert!(bomb.len() > MAX_LINK);
    assert_eq!(decode(&bomb).unwrap_err(), ShareError::TooLong { chars: bomb.len() });
    // Length counts characters, and garbage is refused as readily as a bomb.
    let long = "é".repeat(MAX_LINK + 1);
    assert_eq!(decode(&long).unwrap_err(), ShareError::TooLong { chars: MAX_LINK + 1 });
}

#[test]
fn every_truncation_of_a_code_is_an_error() {
    let code = encode(&sample::journey(Lang::En)).unwrap();
    for end in 0..code.len() {
        assert!(decode(&code[..end]).is_err(), "the first {end} characters opened as a map");
    }
    assert_eq!(decode(""), Err(ShareError::Empty));
    let cut = &code[..code.len() - 50];
    let err = decode(cut).unwrap_err();
    assert!(matches!(err, ShareError::Truncated | ShareError::Corrupt), "{err:?}");
}

#[test]
fn an_unknown_version_is_refused_by_name() {
    let code = encode(&sample::journey(Lang::En)).unwrap();
    let newer = code.replacen("1.", "2.", 1);
    assert_eq!(decode(&newer).unwrap_err(), ShareError::UnknownVersion { found: "2".into() });
    assert!(decode(&newer).unwrap_err().to_string().contains("version \"2\""));
    let untagged = decode("eJyrVkrOz0nJTS1RsjI0MDAw").unwrap_err();
    assert_eq!(untagged, ShareError::UnknownVersion { found: String::new() });
    assert_eq!(untagged.to_string(), "not a Favo share link (no version tag)");
}

#[test]
fn a_character_base64url_does_not_use_is_named_with_its_position() {
    let code = encode(&sample::journey(Lang::En)).unwrap();
    // The standard alphabet's `+` where the URL-safe `-` belongs; position 11 of the code.
    let bad = format!("{}+{}", &code[..10], &code[11..]);
    assert_eq!(decode(&bad).unwrap_err(), ShareError::BadCharacter { position: 11, found: '+' });
    // Positions count characters, not bytes, so a preceding accent does not shift them.
    assert_eq!(decode("1.AAé").unwrap_err(), ShareError::BadCharacter { position: 5, found: 'é' });
    // Padding, which some encoders add, is named too: codes never have it.
    assert_eq!(decode("1.AAA=").unwrap_err(), ShareError::BadCharacter { position: 6, found: '=' });
    assert_eq!(
        decode("1.AA%20").unwrap_err().to_string(),
        "the link is damaged: character 5 ('%') cannot be part of a link code"
    );
}

#[test]
fn base64_that_is_not_deflate_is_corrupt_and_deflated_non_maps_are_map_errors() {
    assert_eq!(decode(&code_of(&[0xff; 40])).unwrap_err(), ShareError::Corrupt);
    assert_eq!(decode(&deflated(b"")).unwrap_err(), ShareError::Map(LoadError::Empty));
    let err = decode(&deflated(br#"{"format":"other"}"#)).unwrap_err();
    assert!(matches!(err, ShareError::Map(LoadError::NotAMap { .. })), "{err:?}");
    assert!(err.to_string().starts_with("the map in the link cannot be opened: not a Favo map"), "{err}");
}

#[test]
fn no_input_makes_the_decoder_panic() {
    // A cheap stand-in for fuzzing: random strings, random bytes behind the right tag, and
    // a real code with random characters changed, must each give a map or an error.
    let mut rng = XorShift(0x5EED_F4B0);
    let alphabet: Vec<char> = "ABCxyz019-_.+/=% é🐝\u{0}".chars().collect();
    for _ in 0..2000 {
        let len = rng.below(200) as usize;
        let text: String = (0..len).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
        let _ = decode(&text);
        let _ = decode(&format!("1.{text}"));
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let _ = decode(&String::from_utf8_lossy(&bytes));
        let _ = decode(&code_of(&bytes));
    }
    let code: Vec<char> = encode(&sample::journey(Lang::It)).unwrap().chars().collect();
    let base64url: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().collect();
    for _ in 0..500 {
        let mut changed = code.clone();
        for _ in 0..=rng.below(3) {
            let at = 2 + rng.below(changed.len() as u64 - 2) as usize;
            changed[at] = base64url[rng.below(64) as usize];
        }
        let _ = decode(&changed.into_iter().collect::<String>());
    }
}

