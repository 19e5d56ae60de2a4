use super::*;
use crate::test_rng::XorShift;

const DMY: DateFormat = DateFormat::Dmy { sep: '/' };
const MDY: DateFormat = DateFormat::Mdy { sep: '/' };

#[test]
fn italian_export_infers_comma_decimal_and_day_first_and_converts_exactly() {
    let amounts = ["1.234,56", "-0,5", "€ 12,00", "", "12,5 %"];
    let dates = ["01/02/2024", "31/12/2024 23:59", ""];
    let amount_guess = infer_column(amounts);
    let date_guess = infer_column(dates);
    assert_eq!(amount_guess.kind, Kind::Number(NumberFormat::COMMA));
    assert!(!amount_guess.ambiguous);
    assert_eq!(amount_guess.non_empty, 4);
    assert_eq!(date_guess.kind, Kind::DateTime(DMY));
    assert!(!date_guess.ambiguous, "31 cannot be a month");

    let (numbers, errors) = convert(amounts, amount_guess.kind, "importo", 2);
    assert!(errors.is_empty());
    assert_eq!(numbers, TypedColumn::Number(vec![Some(1234.56), Some(-0.5), Some(12.0), None, Some(12.5)]));
    let (times, errors) = convert(dates, date_guess.kind, "data", 2);
    assert!(errors.is_empty());
    assert_eq!(times, TypedColumn::DateTime(vec![Some(1_706_745_600_000), Some(1_735_689_540_000), None]));

    let file = summarise(&[amount_guess, date_guess]);
    assert_eq!(file, FileFormat { number: NumberFormat::COMMA, date: Some(DMY), ambiguous: false });
}

#[test]
fn us_export_infers_dot_decimal_and_month_first() {
    let amounts = infer_column(["1,234.56", "2.5", "-3"]);
    assert_eq!(amounts.kind, Kind::Number(NumberFormat::DOT));
    assert!(!amounts.ambiguous);
    let dates = infer_column(["02/01/2024", "12/13/2024", "1/5/2024 8:00"]);
    assert_eq!(dates.kind, Kind::DateTime(MDY));
    assert!(!dates.ambiguous);
    let (times, _) = convert(["02/01/2024"], dates.kind, "date", 2);
    assert_eq!(times, TypedColumn::DateTime(vec![Some(1_706_745_600_000)]));
}

#[test]
fn ambiguous_day_month_defaults_to_day_first_and_says_so() {
    let guess = infer_column(["01/02/2024", "03/04/2024"]);
    assert_eq!(guess.kind, Kind::DateTime(DMY));
    assert!(guess.ambiguous);
    let us = FileFormat { date: Some(MDY), ..FileFormat::default() };
    assert_eq!(infer_column_with(["01/02/2024", "03/04/2024"], &us).kind, Kind::DateTime(MDY));
}

#[test]
fn a_lone_thousands_like_column_is_settled_by_the_file_consensus() {
    let lone = ["1.234", "5.678"];
    let first = infer_column(lone);
    assert_eq!(first.kind, Kind::Number(NumberFormat::DOT));
    assert!(first.ambiguous);
    let decisive = infer_column(["12,5", "3,25"]);
    assert_eq!(decisive.kind, Kind::Number(NumberFormat::COMMA));
    assert!(!decisive.ambiguous, "no other format reads 12,5 differently");
    let file = summarise(&[first, decisive]);
    assert_eq!(file.number, NumberFormat::COMMA);
    assert!(!file.ambiguous);
    let settled = infer_column_with(lone, &file);
    assert_eq!(settled.kind, Kind::Number(NumberFormat::COMMA));
    let (values, _) = convert(lone, settled.kind, "pezzi", 2);
    assert_eq!(values, TypedColumn::Number(vec![Some(1234.0), Some(5678.0)]));
}

#[test]
fn dot_decimals_rule_out_dot_thousands() {
    let guess = infer_column(["1.234", "1.5", "2.25"]);
    assert_eq!(guess.kind, Kind::Number(NumberFormat::DOT));
    assert!(!guess.ambiguous);
}

#[test]
fn iso_with_offsets_and_z_is_iso() {
    let guess = infer_column(["2024-03-31T01:30:00+02:00", "2024-03-30T23:30:00Z", "2024-03-30"]);
    assert_eq!(guess.kind, Kind::DateTime(DateFormat::Iso));
    let (times, _) = convert(["2024-03-31T01:30:00+02:00", "2024-03-30T23:30:00Z"], guess.kind, "ts", 2);
    assert_eq!(times, TypedColumn::DateTime(vec![Some(1_711_841_400_000), Some(1_711_841_400_000)]));
}

#[test]
fn integers_stay_integers_unless_the_header_names_a_time() {
    let seconds = ["1735689540", "1735689600"];
    let plain = infer_column(seconds);
    assert_eq!(plain.kind, Kind::Integer);
    assert_eq!(plain.range, Some((1_735_689_540, 1_735_689_600)));
    assert_eq!(infer_column_named("order_id", seconds).kind, Kind::Integer);
    assert_eq!(infer_column_named("created_at", seconds).kind, Kind::DateTime(DateFormat::UnixSeconds));
    assert_eq!(infer_column_named("Timestamp", ["1735689540000"]).kind, Kind::DateTime(DateFormat::UnixMillis));
    assert_eq!(infer_column_named("data", ["17", "1735689540"]).kind, Kind::Integer, "17 is not a plausible time");
}

#[test]
fn a_stray_na_makes_the_column_text_and_reports_the_near_miss() {
    let guess = infer_column(["1,5", "2,5", "n/a", "4"]);
    assert_eq!(guess.kind, Kind::Text);
    assert_eq!(guess.closest, Some(Kind::Number(NumberFormat::COMMA)));
    assert_eq!(guess.failures, 1);
    assert_eq!(guess.sample_failure, Some((2, "n/a".to_string())));
}

#[test]
fn codes_with_leading_zeros_are_text() {
    assert_eq!(infer_column(["00184", "20121"]).kind, Kind::Text);
    assert_eq!(infer_column(["0", "0,5"]).kind, Kind::Number(NumberFormat::COMMA));
}

#[test]
fn bools_and_empty_columns() {
    assert_eq!(infer_column(["sì", "no", "", "No"]).kind, Kind::Bool);
    let empty = infer_column(["", "  "]);
    assert_eq!((empty.kind, empty.non_empty, empty.closest), (Kind::Text, 0, None));
}

#[test]
fn cell_errors_say_where_and_what_was_expected() {
    let values = ["1.234,5", "12,5,0", ""];
    let (column, errors) = convert(values, Kind::Number(NumberFormat::COMMA), "revenue", 2030);
    assert_eq!(column, TypedColumn::Number(vec![Some(1234.5), None, None]));
    assert_eq!(errors.len(), 1, "empty cells are missing values, not errors");
    assert_eq!(errors[0].to_string(), r#"row 2031, column "revenue": "12,5,0" is not a number"#);
    let (_, errors) = convert(["31/02/2024"], Kind::DateTime(DMY), "data", 7);
    assert_eq!(errors[0].to_string(), r#"row 7, column "data": "31/02/2024" is not a date (dd/mm/yyyy)"#);
}

#[test]
fn inference_never_panics_on_hostile_columns() {
    let alphabet: Vec<char> = "0123456789.,/-:+ €à%ZT".chars().collect();
    let mut rng = XorShift(7);
    for _ in 0..2_000 {
        let column: Vec<String> =
            (0..rng.below(6)).map(|_| (0..rng.below(12)).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect()).collect();
        let guess = infer_column_named("time", column.iter().map(String::as_str));
        let (_, errors) = convert(column.iter().map(String::as_str), guess.kind, "x", 1);
        assert!(errors.is_empty(), "a column converts cleanly to its own inferred kind: {column:?}");
    }
}

