//! Property tests of trends (issue 4): `favo_core::trend` against bucketing each timestamp
//! by calendar fields computed here by counting days year by year from 1970.

mod props;

use std::collections::{BTreeMap, BTreeSet};

use favo_core::funnel::Event;
use favo_core::synth;
use favo_core::trend::{self, Interval};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use props::*;
/// The start of the hour, day, Monday-to-Sunday week or month that holds `t` (ms, UTC).
fn bucket(interval: Interval, t: i64) -> i64 {
    let (days, in_day) = (t.div_euclid(DAY), t.rem_euclid(DAY));
    match interval {
        Interval::Hour => days * DAY + in_day / HOUR * HOUR,
        Interval::Day => days * DAY,
        // 1970-01-05 was a Monday.
        Interval::Week => (days - (days - 4).rem_euclid(7)) * DAY,
        Interval::Month => {
            let (y, m, _) = civil(days);
            day_number(y, m, 1) * DAY
        }
    }
}

/// The data stops before the period's final stretch: its last minute, hour or day.
fn stops_early(interval: Interval, last: i64) -> bool {
    let (days, in_day) = (last.div_euclid(DAY), last.rem_euclid(DAY));
    let (y, m, d) = civil(days);
    match interval {
        Interval::Hour => in_day % HOUR < 59 * 60 * SECOND,
        Interval::Day => in_day < 23 * HOUR,
        Interval::Week => (days - 4).rem_euclid(7) != 6,
        Interval::Month => d != month_days(y, m),
    }
}

/// Checks `trend::count` against bucketing each row by hand.
fn check_trend(rows: &[(u32, Event)], names: &[u32], interval: Interval, unique: bool) -> Result<(), TestCaseError> {
    let wanted: Vec<&(u32, Event)> = rows.iter().filter(|(_, e)| names.is_empty() || names.contains(&e.name)).collect();
    let mut expected: BTreeMap<i64, BTreeSet<usize>> = BTreeMap::new();
    for (i, (u, e)) in wanted.iter().enumerate() {
        // Counting events, every row is its own member; counting users, the user is.
        expected.entry(bucket(interval, e.time)).or_default().insert(if unique { *u as usize } else { i });
    }
    let t = trend::count(rows, names, interval, unique).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (Some(first), Some(last)) = (wanted.iter().map(|r| r.1.time).min(), wanted.iter().map(|r| r.1.time).max()) else {
        prop_assert!(t.periods.is_empty() && t.values.is_empty());
        return Ok(());
    };
    prop_assert_eq!(t.periods.first().copied(), Some(bucket(interval, first)));
    prop_assert_eq!(t.periods.last().copied(), Some(bucket(interval, last)));
    // Every period, none skipped: the next starts in the period that holds the longest
    // period's length later.
    let longest = match interval {
        Interval::Hour => HOUR,
        Interval::Day => DAY,
        Interval::Week => 7 * DAY,
        Interval::Month => 31 * DAY,
    };
    for w in t.periods.windows(2) {
        prop_assert_eq!(w[1], bucket(interval, w[0] + longest), "{:?} after {}", interval, w[0]);
    }
    prop_assert_eq!(t.values.len(), t.periods.len());
    for (p, v) in t.periods.iter().zip(&t.values) {
        prop_assert_eq!(*v, expected.get(p).map_or(0, BTreeSet::len) as f64, "{:?} unique {} at {}", interval, unique, p);
    }
    prop_assert_eq!(t.last_incomplete, stops_early(interval, last), "{:?} last {}", interval, last);
    Ok(())
}


/// Times from 1900 to 2100 on and around hour, day and week boundaries, over at most 300
/// weeks: few enough hours for an hourly trend (`trend::MAX_PERIODS`).
fn trend_rows() -> impl Strategy<Value = Vec<(u32, Event)>> {
    let base = -2_208_988_800_000i64..4_102_444_800_000; // 1900-01-01 .. 2100-01-01
    let unit = prop_oneof![Just(HOUR), Just(DAY), Just(7 * DAY)];
    let jitter = prop_oneof![Just(0i64), Just(-1), Just(1), -HOUR..HOUR];
    let row = (0..4u32, 0..4u32, 0..300i64, jitter);
    (base, unit, vec(row, 0..60)).prop_map(|(base, unit, rows)| {
        let base = base.div_euclid(DAY) * DAY;
        rows.into_iter().map(|(u, name, k, jitter)| (u, Event { time: base + k * unit + jitter, name })).collect()
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn trends_agree_with_bucketing_by_calendar_fields(rows in trend_rows(), names in proptest::sample::subsequence(vec![0u32, 1, 2, 3], 0..=2), unique in any::<bool>()) {
        for interval in INTERVALS {
            check_trend(&rows, &names, interval, unique)?;
        }
    }
}

#[test]
fn the_calendar_reference_knows_its_dates() {
    assert_eq!(civil(0), (1970, 1, 1));
    assert_eq!(civil(-1), (1969, 12, 31));
    assert_eq!(civil(day_number(2024, 2, 29)), (2024, 2, 29));
    assert_eq!(civil(day_number(1900, 3, 1) - 1), (1900, 2, 28), "1900 was no leap year");
    assert_eq!(civil(day_number(2000, 3, 1) - 1), (2000, 2, 29), "2000 was");
    assert_eq!(day_number(2024, 1, 1) * DAY, synth::START_MS);
    assert_eq!(bucket(Interval::Week, day_number(2024, 3, 3) * DAY + 5), day_number(2024, 2, 26) * DAY, "a Sunday");
}
