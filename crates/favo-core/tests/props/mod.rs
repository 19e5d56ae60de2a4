//! What the property test files share: time units, the calendar reference (days counted
//! year by year from 1970, not `favo_core`'s arithmetic) and the proptest configuration.
// Each test file uses a part of this.
#![allow(dead_code)]

use favo_core::trend::Interval;
use proptest::test_runner::Config;

pub const SECOND: i64 = 1_000;
pub const HOUR: i64 = 3_600 * SECOND;
pub const DAY: i64 = 24 * HOUR;

/// Random cases, never written to a regressions file: a failure prints its minimal input,
/// which then becomes a named test.
pub fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

pub const INTERVALS: [Interval; 4] = [Interval::Hour, Interval::Day, Interval::Week, Interval::Month];

pub fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn month_days(y: i64, m: i64) -> i64 {
    [31, if leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1]
}

/// (year, month, day) of a day number (0 = 1970-01-01), walking whole years then months.
pub fn civil(mut days: i64) -> (i64, i64, i64) {
    let mut y = 1970;
    while days < 0 {
        y -= 1;
        days += if leap(y) { 366 } else { 365 };
    }
    while days >= if leap(y) { 366 } else { 365 } {
        days -= if leap(y) { 366 } else { 365 };
        y += 1;
    }
    let mut m = 1;
    while days >= month_days(y, m) {
        days -= month_days(y, m);
        m += 1;
    }
    (y, m, days + 1)
}

/// The day number of a date, the other way round.
pub fn day_number(y: i64, m: i64, d: i64) -> i64 {
    let years: i64 = if y >= 1970 { (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum() } else { -(y..1970).map(|y| if leap(y) { 366 } else { 365 }).sum::<i64>() };
    years + (1..m).map(|m| month_days(y, m)).sum::<i64>() + d - 1
}
