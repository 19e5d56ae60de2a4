//! Trends: how many events (or distinct users) per hour, day, ISO week or month, with a
//! moving average, a running total, and the last period flagged when the data stops part
//! way through it. Times are UTC milliseconds (offsets were applied on reading; naive
//! timestamps are taken as written).

use rustc_hash::FxHashSet;

use crate::funnel::Event;
use crate::ingest::value::{civil_from_days, days_from_civil};

pub mod breakdown;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Hour,
    #[default]
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
}

impl Interval {
    pub fn from_key(key: &str) -> Option<Interval> {
        Some(match key {
            "hour" => Interval::Hour,
            "day" => Interval::Day,
            "week" => Interval::Week,
            "month" => Interval::Month,
            _ => return None,
        })
    }

    /// The start of the period that holds `t`.
    pub fn start(self, t: i64) -> i64 {
        match self {
            Interval::Hour => t.div_euclid(HOUR) * HOUR,
            Interval::Day => t.div_euclid(DAY) * DAY,
            // 1970-01-01 was a Thursday: Monday is three days earlier.
            Interval::Week => ((t.div_euclid(DAY) + 3).div_euclid(7) * 7 - 3) * DAY,
            Interval::Month => {
                let (y, m, _) = civil_from_days(t.div_euclid(DAY));
                days_from_civil(y as i32, m, 1) * DAY
            }
        }
    }

    /// The start of the next period.
    pub fn next(self, start: i64) -> i64 {
        match self {
            Interval::Hour => start + HOUR,
            Interval::Day => start + DAY,
            Interval::Week => start + 7 * DAY,
            Interval::Month => {
                let (y, m, _) = civil_from_days(start.div_euclid(DAY));
                let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                days_from_civil(y as i32, m, 1) * DAY
            }
        }
    }

    /// The last sub-period of a period (its last minute, hour, day): data that reaches into
    /// it makes the period complete.
    pub(crate) fn final_stretch(self) -> i64 {
        match self {
            Interval::Hour => 60_000,
            Interval::Day => HOUR,
            Interval::Week | Interval::Month => DAY,
        }
    }
}

/// One series: a value per period, every period from the first event's to the last's.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// Period starts.
    pub periods: Vec<i64>,
    pub values: Vec<f64>,
    /// The data stops before the last period's final stretch (last hour of a day, last day
    /// of a week or month): its value is not comparable with the others.
    pub last_incomplete: bool,
}

/// Most periods a trend may have: a stray date in year 9999 in an hourly trend would
/// otherwise ask for 70 million periods.
pub const MAX_PERIODS: i64 = 100_000;

/// Why a trend cannot be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrendError {
    /// The data spans more periods than [`MAX_PERIODS`] (from `first` to `last`, ms).
    TooManyPeriods { first: i64, last: i64 },
    /// A range that ends before it starts.
    BackwardRange { from: i64, to: i64 },
}

impl std::fmt::Display for TrendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrendError::TooManyPeriods { .. } => {
                write!(f, "the dates span more than {MAX_PERIODS} periods: choose a longer interval, or check for a wrong date")
            }
            TrendError::BackwardRange { .. } => write!(f, "the range ends before it starts"),
        }
    }
}

/// Events (or distinct users, when `unique`) per period, for the events whose name is in
/// `names` (all events when `names` is empty), from the first such event to the last.
pub fn count(rows: &[(u32, Event)], names: &[u32], interval: Interval, unique: bool) -> Result<Trend, TrendError> {
    let wanted = |e: &Event| names.is_empty() || names.contains(&e.name);
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for (_, e) in rows.iter().filter(|(_, e)| wanted(e)) {
        first = first.min(e.time);
        last = last.max(e.time);
    }
    if first > last {
        return Ok(Trend { periods: Vec::new(), values: Vec::new(), last_incomplete: false });
    }
    let mut trend = count_between(rows, names, interval, unique, (first, last))?;
    let end = interval.next(*trend.periods.last().expect("one period"));
    trend.last_incomplete = last < end - interval.final_stretch();
    Ok(trend)
}

/// The same over the periods that hold `from..=to`, every one listed even when empty;
/// events outside are left out. `last_incomplete` is not judged here.
pub fn count_between(rows: &[(u32, Event)], names: &[u32], interval: Interval, unique: bool, (from, to): (i64, i64)) -> Result<Trend, TrendError> {
    let periods = periods(interval, (from, to))?;
    let wanted = |e: &Event| (from..=to).contains(&e.time) && (names.is_empty() || names.contains(&e.name));
    // A user's events are in time order, so an event is most often in the period of the one
    // before: that is checked first, and the periods searched only when it is not.
    let mut at = 0;
    let mut index = |t: i64| {
        if !(periods[at] <= t && periods.get(at + 1).is_none_or(|&next| t < next)) {
            at = periods.partition_point(|&p| p <= t) - 1;
        }
        at
    };
    let mut values = vec![0.0; periods.len()];
    // In a log grouped by user and in time order (an event log's), a user's periods only
    // grow, so a (user, period) pair repeats only in a run: no set needed.
    let grouped = rows.windows(2).all(|w| (w[0].0, w[0].1.time) <= (w[1].0, w[1].1.time));
    let mut seen: FxHashSet<(usize, u32)> = FxHashSet::default();
    let mut last: Option<(u32, usize)> = None;
    for (u, e) in rows.iter().filter(|(_, e)| wanted(e)) {
        let i = index(e.time);
        let new = match (unique, grouped) {
            (false, _) => true,
            (true, true) => last.replace((*u, i)) != Some((*u, i)),
            (true, false) => seen.insert((i, *u)),
        };
        if new {
            values[i] += 1.0;
        }
    }
    Ok(Trend { periods, values, last_incomplete: false })
}

/// The starts of the periods that hold `from..=to`, at most [`MAX_PERIODS`].
pub fn periods(interval: Interval, (from, to): (i64, i64)) -> Result<Vec<i64>, TrendError> {
    let shortest = match interval {
        Interval::Hour => HOUR,
        Interval::Day => DAY,
        Interval::Week => 7 * DAY,
        Interval::Month => 28 * DAY,
    };
    if to < from {
        return Err(TrendError::BackwardRange { from, to });
    }
    if (to - from) / shortest + 2 > MAX_PERIODS {
        return Err(TrendError::TooManyPeriods { first: from, last: to });
    }
    let mut periods = vec![interval.start(from)];
    while let Some(next) = periods.last().map(|&p| interval.next(p)).filter(|&n| n <= to) {
        periods.push(next);
    }
    Ok(periods)
}

/// A trend over `from..=to` and, period by period, the same number of periods just before
/// it ("compare with the previous period").
pub fn compare(rows: &[(u32, Event)], names: &[u32], interval: Interval, unique: bool, (from, to): (i64, i64)) -> Result<(Trend, Trend), TrendError> {
    let current = count_between(rows, names, interval, unique, (from, to))?;
    let previous = count_between(rows, names, interval, unique, previous_span(interval, from, current.periods.len()))?;
    Ok((current, previous))
}

/// The `periods` periods just before the one that holds `from`, as a range of milliseconds.
pub fn previous_span(interval: Interval, from: i64, periods: usize) -> (i64, i64) {
    let mut start = interval.start(from);
    for _ in 0..periods {
        // Step back one period: the start of the period holding the millisecond before.
        start = interval.start(start - 1);
    }
    (start, interval.start(from) - 1)
}

/// The mean of each value and the `n - 1` before it; `None` until there are `n`.
pub fn moving_average(values: &[f64], n: usize) -> Vec<Option<f64>> {
    let n = n.max(1);
    let mut sum = 0.0;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            sum += v;
            if i >= n {
                sum -= values[i - n];
            }
            (i + 1 >= n).then(|| sum / n as f64)
        })
        .collect()
}

/// The running total.
pub fn cumulative(values: &[f64]) -> Vec<f64> {
    values
        .iter()
        .scan(0.0, |total, v| {
            *total += v;
            Some(*total)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::value::{parse_datetime, DateFormat};

    fn at(iso: &str) -> i64 {
        parse_datetime(iso, DateFormat::Iso).unwrap()
    }

    #[test]
    fn periods_start_at_the_hour_day_monday_and_first_of_the_month() {
        let t = at("2024-02-29T13:45:10Z"); // a Thursday in a leap year
        assert_eq!(Interval::Hour.start(t), at("2024-02-29T13:00:00Z"));
        assert_eq!(Interval::Day.start(t), at("2024-02-29T00:00:00Z"));
        assert_eq!(Interval::Week.start(t), at("2024-02-26T00:00:00Z"));
        assert_eq!(Interval::Month.start(t), at("2024-02-01T00:00:00Z"));
        assert_eq!(Interval::Month.next(at("2024-12-01T00:00:00Z")), at("2025-01-01T00:00:00Z"));
        assert_eq!(Interval::Week.start(at("2024-03-03T23:59:59Z")), at("2024-02-26T00:00:00Z"), "Sunday ends the ISO week");
        assert_eq!(Interval::Week.start(at("1969-12-31T12:00:00Z")), at("1969-12-29T00:00:00Z"), "before 1970 too");
    }

    #[test]
    fn counts_fill_empty_periods_and_flag_an_unfinished_last_one() {
        let ev = |iso: &str, name: u32| Event { time: at(iso), name };
        let rows = [
            (1, ev("2024-01-01T10:00:00Z", 0)),
            (1, ev("2024-01-01T11:00:00Z", 0)),
            (2, ev("2024-01-01T12:00:00Z", 1)),
            (2, ev("2024-01-03T09:00:00Z", 0)),
        ];
        let all = count(&rows, &[], Interval::Day, false).unwrap();
        assert_eq!(all.values, [3.0, 0.0, 1.0]);
        assert_eq!(all.periods[1], at("2024-01-02T00:00:00Z"));
        assert!(all.last_incomplete, "the data stops at 09:00 on the 3rd");
        assert_eq!(count(&rows, &[0], Interval::Day, true).unwrap().values, [1.0, 0.0, 1.0], "distinct users");
        assert_eq!(count(&rows, &[7], Interval::Day, false).unwrap().values, Vec::<f64>::new());
        let late = [(1, ev("2024-01-01T23:30:00Z", 0))];
        assert!(!count(&late, &[], Interval::Day, false).unwrap().last_incomplete);
        // A stray far-future date is refused for hours, fine for months.
        let stray = [(1, ev("2024-01-01T10:00:00Z", 0)), (1, ev("2999-12-31T10:00:00Z", 0))];
        assert!(matches!(count(&stray, &[], Interval::Hour, false), Err(TrendError::TooManyPeriods { .. })));
        assert_eq!(count(&stray, &[], Interval::Month, false).unwrap().values.len(), 976 * 12);
    }

    #[test]
    fn a_range_is_compared_period_by_period_with_the_one_before() {
        let day = |d: u32, name: u32| (1u32, Event { time: at(&format!("2024-03-{d:02}T12:00:00Z")), name });
        let rows = [day(1, 0), day(2, 0), day(2, 0), day(4, 0), day(5, 0), day(5, 0), day(5, 0), day(6, 1)];
        let (now, before) = compare(&rows, &[0], Interval::Day, false, (at("2024-03-04T00:00:00Z"), at("2024-03-06T23:59:59Z"))).unwrap();
        assert_eq!(now.values, [1.0, 3.0, 0.0]);
        assert_eq!(before.values, [1.0, 2.0, 0.0], "1, 2 and 3 March");
        assert_eq!(before.periods[0], at("2024-03-01T00:00:00Z"));
        // Months step back by calendar months, whatever their length.
        let (_, before) = compare(&rows, &[], Interval::Month, false, (at("2024-03-01T00:00:00Z"), at("2024-03-31T00:00:00Z"))).unwrap();
        assert_eq!(before.periods, [at("2024-02-01T00:00:00Z")]);
        assert_eq!(count_between(&rows, &[], Interval::Day, false, (10, 5)), Err(TrendError::BackwardRange { from: 10, to: 5 }));
    }

    #[test]
    fn moving_average_and_running_total() {
        assert_eq!(moving_average(&[1.0, 2.0, 3.0, 4.0], 2), [None, Some(1.5), Some(2.5), Some(3.5)]);
        assert_eq!(moving_average(&[5.0], 3), [None]);
        assert_eq!(cumulative(&[1.0, 0.0, 2.0]), [1.0, 1.0, 3.0]);
    }

    /// Against a slow reference: bucket by the calendar fields of each event, as a person
    /// would, and compare every period of a generated log.
    #[test]
    fn counts_agree_with_bucketing_by_calendar_fields() {
        let rows: Vec<(u32, Event)> = crate::synth::rows(20_000, 5).map(|r| (r.user as u32, Event { time: r.time_ms, name: 0 })).collect();
        for interval in [Interval::Hour, Interval::Day, Interval::Week, Interval::Month] {
            let trend = count(&rows, &[], interval, false).unwrap();
            let mut expected = std::collections::BTreeMap::<i64, f64>::new();
            for (_, e) in &rows {
                let days = e.time.div_euclid(DAY);
                let (y, m, _) = civil_from_days(days);
                let key = match interval {
                    Interval::Hour => e.time.div_euclid(HOUR) * HOUR,
                    Interval::Day => days * DAY,
                    // Walk back day by day to a Monday (1970-01-05 was one).
                    Interval::Week => (0..7).map(|k| days - k).find(|d| (d - 4).rem_euclid(7) == 0).unwrap() * DAY,
                    Interval::Month => days_from_civil(y as i32, m, 1) * DAY,
                };
                *expected.entry(key).or_default() += 1.0;
            }
            for (p, v) in trend.periods.iter().zip(&trend.values) {
                assert_eq!(expected.get(p).copied().unwrap_or(0.0), *v, "{interval:?} at {p}");
            }
            assert_eq!(trend.values.iter().sum::<f64>(), rows.len() as f64);
        }
    }
}
