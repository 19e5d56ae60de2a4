use super::super::tests::{broken_down, report};
use super::*;
use crate::chart::{compact, csv, number, percent};

#[test]
fn the_table_lists_each_step_with_numbers_in_the_readers_style() {
    let mut r = report(&[("visit", 1200), ("signup", 480)]);
    r.steps[1].median_ms_from_previous = Some(5_400_000.0);
    let (headers, rows) = table(&r, Lang::En);
    assert_eq!(
        headers,
        [
            "Step",
            "Users",
            "From step 1",
            "From previous step",
            "Dropped",
            "Median time from previous step"
        ]
    );
    assert_eq!(
        rows,
        [
            ["visit", "1200", "100.0%", "100.0%", "0", ""],
            ["signup", "480", "40.0%", "40.0%", "720", "1.5 h"]
        ]
    );
    let (headers, rows) = table(&r, Lang::It);
    assert_eq!(headers[0], "Passo");
    assert_eq!(rows[1], ["signup", "480", "40,0%", "40,0%", "720", "1,5 h"]);
}

#[test]
fn a_broken_down_table_has_a_row_per_value_and_step_after_all_users() {
    let (headers, rows) = table(&broken_down(), Lang::It);
    assert_eq!(headers[..3], ["channel", "Passo", "Utenti"]);
    let firsts: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        firsts,
        [
            ("Tutti", "visit", "10"),
            ("Tutti", "signup", "6"),
            ("web", "visit", "5"),
            ("web", "signup", "4"),
            ("email", "visit", "3"),
            ("email", "signup", "1"),
            ("Altro", "visit", "2"),
            ("Altro", "signup", "1")
        ]
    );
    assert_eq!(
        rows[5][3..6],
        ["33,3%", "33,3%", "2"],
        "email: 1 of 3, 2 lost"
    );
}

#[test]
fn csv_export_keeps_formulas_as_text_and_italian_numbers_in_one_field() {
    let r = report(&[("=HYPERLINK(\"http://x\")", 3), ("buy", 1)]);
    let (headers, rows) = table(&r, Lang::It);
    let text = csv(&headers, &rows, b';');
    assert!(text.starts_with("Passo;Utenti;"), "{text}");
    let back: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a record").iter().map(String::from).collect())
        .collect();
    assert_eq!(
        back[0][0], "'=HYPERLINK(\"http://x\")",
        "a formula stays text"
    );
    assert_eq!(back[1][2], "33,3%");
    assert!(text.contains(";33,3%;"), "no quotes needed with ; {text}");
}

#[test]
fn numbers_and_durations_read_as_people_write_them() {
    assert_eq!(
        (number(1_234_567.0, Lang::En), number(1_234_567.0, Lang::It)),
        ("1,234,567".into(), "1.234.567".into())
    );
    assert_eq!(
        (
            number(3.5, Lang::It),
            number(2.0 / 3.0, Lang::En),
            number(4.999, Lang::En)
        ),
        ("3,5".into(), "0.67".into(), "5".into())
    );
    assert_eq!(plain_number(12_345.25, Lang::It), "12345,25");
    assert_eq!(
        (percent(0.4567, Lang::En), percent(1.0, Lang::It)),
        ("45.7%".into(), "100,0%".into())
    );
    assert_eq!(
        [
            compact(900.0, Lang::En),
            compact(25_000.0, Lang::En),
            compact(1_500_000.0, Lang::It)
        ],
        ["900", "25k", "1,5M"]
    );
    let hour = 3_600_000.0;
    let cases = [
        (0.0, "0 s"),
        (45_000.0, "45 s"),
        (12.0 * 60_000.0, "12 min"),
        (1.5 * hour, "1.5 h"),
        (2.0 * hour, "2 h"),
        (36.0 * hour, "1.5 d"),
        (240.0 * hour, "10 d"),
    ];
    for (ms, text) in cases {
        assert_eq!(duration(ms, Lang::En), text);
    }
    assert_eq!(duration(72.0 * hour, Lang::It), "3 g");
}
