use super::*;
use crate::test_rng::XorShift;

const IT: NumberFormat = NumberFormat::COMMA;
const US: NumberFormat = NumberFormat::DOT;
const DMY: DateFormat = DateFormat::Dmy { sep: '/' };
const MDY: DateFormat = DateFormat::Mdy { sep: '/' };

#[test]
fn italian_numbers_with_currency_and_percent_parse_to_exact_values() {
    assert_eq!(parse_number("1.234,56", IT), Some(1234.56));
    assert_eq!(parse_number("-0,5", IT), Some(-0.5));
    assert_eq!(parse_number("€ 12,00", IT), Some(12.0));
    assert_eq!(parse_number("12,5 %", IT), Some(12.5));
    assert_eq!(parse_number("-€ 3,5", IT), Some(-3.5));
    assert_eq!(parse_number("€ −3,5", IT), Some(-3.5));
    assert_eq!(parse_number("1.234.567", IT), Some(1_234_567.0));
}

#[test]
fn us_numbers_parse_with_dot_decimal() {
    assert_eq!(parse_number("1,234.56", US), Some(1234.56));
    assert_eq!(parse_number("$1,000", US), Some(1000.0));
    assert_eq!(parse_number(".5", US), Some(0.5));
    assert_eq!(parse_number("1e3", US), Some(1000.0));
    assert_eq!(parse_number("-2.5E-1", US), Some(-0.25));
    let swiss = NumberFormat { decimal: '.', thousands: Some('\'') };
    assert_eq!(parse_number("1'234.5", swiss), Some(1234.5));
    let french = NumberFormat { decimal: ',', thousands: Some('\u{a0}') };
    assert_eq!(parse_number("1\u{a0}234,5", french), Some(1234.5));
}

#[test]
fn thousands_separators_must_group_by_three() {
    assert_eq!(parse_number("12,5,0", IT), None);
    assert_eq!(parse_number("12,5,0", US), None);
    assert_eq!(parse_number("1.2345,6", IT), None);
    assert_eq!(parse_number("1,2345.6", US), None);
    assert_eq!(parse_number(".234", IT), None);
    assert_eq!(parse_number("1.234", NumberFormat { decimal: ',', thousands: None }), None);
}

#[test]
fn non_finite_and_malformed_numbers_are_rejected() {
    for bad in ["NaN", "nan", "inf", "-inf", "infinity", "1e309", "", "  ", "-", "€", "%", "1e", "1e+", "5,", "--5", "1 2", "€5€", "0x10"]
    {
        assert_eq!(parse_number(bad, US), None, "{bad:?} under US");
        assert_eq!(parse_number(bad, IT), None, "{bad:?} under IT");
    }
}

#[test]
fn minus_zero_is_zero() {
    let zero = parse_number("-0", US).unwrap();
    assert_eq!(zero, 0.0);
    assert!(zero.is_sign_negative());
}

#[test]
fn integers_and_bools() {
    assert_eq!(parse_integer(" -42 "), Some(-42));
    assert_eq!(parse_integer("+7"), Some(7));
    assert_eq!(parse_integer("9223372036854775808"), None);
    assert_eq!(parse_integer("1.0"), None);
    assert_eq!(parse_bool("Sì"), Some(true));
    assert_eq!(parse_bool("FALSO"), Some(false));
    assert_eq!(parse_bool("maybe"), None);
}

#[test]
fn day_month_dates_parse_to_utc_millis() {
    assert_eq!(parse_datetime("31/12/2024 23:59", DMY), Some(1_735_689_540_000));
    assert_eq!(parse_datetime("01/02/2024", DMY), Some(1_706_745_600_000));
    assert_eq!(parse_datetime("02/01/2024", MDY), Some(1_706_745_600_000));
    assert_eq!(parse_datetime("5-3-2024 9:05:30", DateFormat::Dmy { sep: '-' }), parse_datetime("2024-03-05T09:05:30", DateFormat::Iso));
    assert_eq!(parse_datetime("05.03.24", DateFormat::Dmy { sep: '.' }), parse_datetime("2024-03-05", DateFormat::Iso));
    assert_eq!(parse_datetime("01/01/69", DMY), parse_datetime("1969-01-01", DateFormat::Iso));
    assert_eq!(parse_datetime("31/12/68", DMY), parse_datetime("2068-12-31", DateFormat::Iso));
    assert_eq!(parse_datetime("13/01/2024", MDY), None);
    assert_eq!(parse_datetime("01/01/202", DMY), None);
    assert_eq!(parse_datetime("01/01/2024 24:00", DMY), None);
}

#[test]
fn iso_offsets_are_converted_to_utc() {
    let utc = parse_datetime("2024-03-30T23:30:00Z", DateFormat::Iso);
    assert_eq!(utc, Some(1_711_841_400_000));
    assert_eq!(parse_datetime("2024-03-31T01:30:00+02:00", DateFormat::Iso), utc);
    assert_eq!(parse_datetime("2024-03-31T01:30:00+0200", DateFormat::Iso), utc);
    assert_eq!(parse_datetime("2024-03-31T01:30+02", DateFormat::Iso), utc);
    assert_eq!(parse_datetime("2024-03-30T20:30:00-03:00", DateFormat::Iso), utc);
    assert_eq!(parse_datetime("2024-03-30 23:30:00", DateFormat::Iso), utc, "naive is taken as written");
    assert_eq!(parse_datetime("2024-03-30T23:30:00.1239Z", DateFormat::Iso), utc.map(|t| t + 123));
    assert_eq!(parse_datetime("1970-01-01", DateFormat::Iso), Some(0));
    assert_eq!(parse_datetime("1969-12-31T23:59:59Z", DateFormat::Iso), Some(-1000));
    for bad in ["2024-03-30T23:30:00+", "2024-03-30T23:30:00+2", "2024-3-30", "2024-03-30T", "2024-03-30T23:60", "2024-03-30x"] {
        assert_eq!(parse_datetime(bad, DateFormat::Iso), None, "{bad:?}");
    }
}

#[test]
fn calendar_dates_are_validated_including_leap_years() {
    assert!(parse_datetime("2024-02-29", DateFormat::Iso).is_some());
    assert!(parse_datetime("2000-02-29", DateFormat::Iso).is_some());
    assert_eq!(parse_datetime("1900-02-29", DateFormat::Iso), None);
    assert_eq!(parse_datetime("2024-02-30", DateFormat::Iso), None);
    assert_eq!(parse_datetime("2023-02-29", DateFormat::Iso), None);
    assert_eq!(parse_datetime("31/04/2024", DMY), None);
    assert_eq!(parse_datetime("29/02/2023", DMY), None);
    assert_eq!(parse_datetime("00/01/2024", DMY), None);
    assert_eq!(parse_datetime("2024-00-10", DateFormat::Iso), None);
}

#[test]
fn unix_seconds_and_millis() {
    assert_eq!(parse_datetime("1735689540", DateFormat::UnixSeconds), Some(1_735_689_540_000));
    assert_eq!(parse_datetime("1735689540000", DateFormat::UnixMillis), Some(1_735_689_540_000));
    assert_eq!(parse_datetime("-1", DateFormat::UnixSeconds), Some(-1000));
    assert_eq!(parse_datetime("9223372036854775807", DateFormat::UnixSeconds), None, "overflow is rejected");
    assert_eq!(parse_datetime("1.5", DateFormat::UnixSeconds), None);
}

/// Days from 1970-01-01 counted the slow way: whole years, then whole months, then days.
fn reference_days(year: i32, month: u32, day: u32) -> i64 {
    let year_len = |y: i32| if is_leap_year_reference(y) { 366 } else { 365 };
    let mut days: i64 = 0;
    if year >= 1970 {
        days += (1970..year).map(year_len).sum::<i64>();
    } else {
        days -= (year..1970).map(year_len).sum::<i64>();
    }
    days += (1..month).map(|m| i64::from(month_len_reference(year, m))).sum::<i64>();
    days + i64::from(day) - 1
}

fn is_leap_year_reference(y: i32) -> bool {
    if y % 400 == 0 {
        true
    } else if y % 100 == 0 {
        false
    } else {
        y % 4 == 0
    }
}

fn month_len_reference(y: i32, m: u32) -> u32 {
    [31, if is_leap_year_reference(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1]
}

#[test]
fn days_from_civil_agrees_with_counting_every_day_1900_to_2100() {
    let mut expected = reference_days(1900, 1, 1);
    for year in 1900..=2100 {
        for month in 1..=12 {
            for day in 1..=31 {
                let valid = day <= month_len_reference(year, month);
                assert_eq!(is_valid_date(year, month, day), valid, "{year}-{month}-{day}");
                if valid {
                    assert_eq!(days_from_civil(year, month, day), expected, "{year}-{month}-{day}");
                    expected += 1;
                }
            }
        }
    }
    assert_eq!(reference_days(2100, 12, 31) + 1, expected);
}


#[test]
fn random_datetimes_round_trip_through_iso_and_day_month() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let year = 1000 + rng.below(9000) as i32;
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(u64::from(month_len_reference(year, month))) as u32;
        let (h, mi, s) = (rng.below(24), rng.below(60), rng.below(60));
        let expected = reference_days(year, month, day) * 86_400_000 + ((h * 60 + mi) * 60 + s) as i64 * 1000;
        let iso = format!("{year:04}-{month:02}-{day:02}T{h:02}:{mi:02}:{s:02}");
        let dmy = format!("{day:02}/{month:02}/{year:04} {h:02}:{mi:02}:{s:02}");
        let mdy = format!("{month}/{day}/{year} {h}:{mi:02}:{s:02}");
        assert_eq!(parse_datetime(&iso, DateFormat::Iso), Some(expected), "{iso}");
        assert_eq!(parse_datetime(&dmy, DMY), Some(expected), "{dmy}");
        assert_eq!(parse_datetime(&mdy, MDY), Some(expected), "{mdy}");
    }
}

#[test]
fn hostile_strings_never_panic() {
    let alphabet: Vec<char> = "0123456789.,;:/- +−eE€$%£'àZT\u{a0}nN".chars().collect();
    let formats = [DateFormat::Iso, DMY, MDY, DateFormat::Dmy { sep: '.' }, DateFormat::UnixSeconds, DateFormat::UnixMillis];
    let numbers = [US, IT, NumberFormat { decimal: ',', thousands: Some(',') }, NumberFormat { decimal: '.', thousands: Some(' ') }];
    let mut rng = XorShift(42);
    let mut parsed = 0;
    for _ in 0..50_000 {
        let len = rng.below(14) as usize;
        let s: String = (0..len).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
        for f in numbers {
            parsed += usize::from(parse_number(&s, f).is_some());
        }
        for f in formats {
            parsed += usize::from(parse_datetime(&s, f).is_some());
        }
        let _ = (parse_integer(&s), parse_bool(&s));
    }
    assert!(parsed > 0, "the alphabet should produce some valid values too");
}

#[test]
fn civil_from_days_inverts_days_from_civil_for_every_day_1900_to_2100() {
    for year in 1900..=2100 {
        for month in 1..=12 {
            for day in (1..=31).filter(|&d| is_valid_date(year, month, d)) {
                assert_eq!(civil_from_days(days_from_civil(year, month, day)), (i64::from(year), month, day));
            }
        }
    }
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
}

#[test]
fn iso_formatting_reads_back_to_the_same_time() {
    for ms in [0, 1_704_067_200_000, 1_735_689_599_000, -86_400_000] {
        assert_eq!(parse_datetime(&format_iso(ms), DateFormat::Iso), Some(ms));
    }
    assert_eq!(format_iso(1_735_689_540_000), "2024-12-31T23:59:00Z");
}

#[test]
fn the_fixed_layout_fast_path_reads_exactly_like_the_general_parser() {
    let mut rng = crate::test_rng::XorShift(12345);
    let seeds = ["2024-02-29T23:59:59Z", "2023-02-29 10:00:00", "1999-12-31", "29/02/2024 24:00:00", "12/31/2024 09:05:07", "2024-13-01t00:00:00z"];
    let alphabet = b"0123456789-/:. TtZz";
    let formats = [DateFormat::Iso, DateFormat::Dmy { sep: '/' }, DateFormat::Mdy { sep: '/' }, DateFormat::Dmy { sep: '-' }];
    let mut fast = 0;
    for round in 0..200_000 {
        let mut bytes = seeds[round % seeds.len()].as_bytes().to_vec();
        for _ in 0..rng.below(3) {
            let at = rng.below(bytes.len() as u64) as usize;
            bytes[at] = alphabet[rng.below(alphabet.len() as u64) as usize];
        }
        let text = String::from_utf8(bytes).unwrap();
        for f in formats {
            fast += usize::from(fixed_layout(text.as_bytes(), f).is_some());
            assert_eq!(parse_datetime(&text, f), general(&text, f), "{text:?} as {f:?}");
        }
    }
    assert!(fast > 100_000, "most inputs took the fast path: {fast}");
}
