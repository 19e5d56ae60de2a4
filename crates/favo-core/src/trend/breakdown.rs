//! Trends broken down by a property: one series per value (a channel, a segment), the
//! largest `top` kept and the rest summed as "other", as PostHog and Mixpanel draw them.

use std::collections::HashMap;

use rustc_hash::FxHashSet;

use super::{periods, Interval, Trend, TrendError};
#[cfg(test)]
use super::count_between;
use crate::funnel::Event;

/// One series of a broken-down trend: the property value (`None` for "other").
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub value: Option<u32>,
    pub trend: Trend,
}

/// Events (or distinct users) per period and per value of a property, over `from..=to`.
/// `props[i]` is the value of row `i`. Values are ranked by their number of events; the
/// first `top` get a series each and the others one "other" series, in which a user active
/// under several of them counts once per period.
pub fn count_by(
    rows: &[(u32, Event)],
    props: &[u32],
    names: &[u32],
    interval: Interval,
    unique: bool,
    top: usize,
    (from, to): (i64, i64),
) -> Result<Vec<Series>, TrendError> {
    let periods = periods(interval, (from, to))?;
    let wanted = |e: &Event| (from..=to).contains(&e.time) && (names.is_empty() || names.contains(&e.name));
    let value = |i: usize| props.get(i).copied().unwrap_or(u32::MAX);
    let mut totals: HashMap<u32, u64> = HashMap::new();
    for (i, _) in rows.iter().enumerate().filter(|(_, (_, e))| wanted(e)) {
        *totals.entry(value(i)).or_default() += 1;
    }
    let mut ranked: Vec<(u32, u64)> = totals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: Vec<u32> = ranked.iter().take(top).map(|r| r.0).collect();
    let has_other = ranked.len() > kept.len();
    // Series index per row: its value's rank, or the "other" series after the kept ones.
    let slot_of: HashMap<u32, usize> = kept.iter().enumerate().map(|(slot, &v)| (v, slot)).collect();
    let slots = kept.len() + usize::from(has_other);
    let mut values = vec![vec![0.0; periods.len()]; slots];
    let mut seen: FxHashSet<(usize, usize, u32)> = FxHashSet::default();
    for (i, (user, e)) in rows.iter().enumerate().filter(|(_, (_, e))| wanted(e)) {
        let slot = slot_of.get(&value(i)).copied().unwrap_or(kept.len());
        let period = periods.partition_point(|&p| p <= e.time) - 1;
        if !unique || seen.insert((slot, period, *user)) {
            values[slot][period] += 1.0;
        }
    }
    let series = values.into_iter().enumerate().map(|(slot, values)| Series {
        value: kept.get(slot).copied(),
        trend: Trend { periods: periods.clone(), values, last_incomplete: false },
    });
    Ok(series.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(user: u32, day: i64, name: u32) -> (u32, Event) {
        (user, Event { time: day * 86_400_000, name })
    }

    #[test]
    fn the_largest_values_get_a_series_and_the_rest_one_other() {
        // Values 7 (3 events), 8 (2), 9 (1) and 10 (1); top 2 keeps 7 and 8.
        let rows = [row(1, 0, 0), row(1, 0, 0), row(2, 1, 0), row(2, 1, 0), row(3, 1, 0), row(3, 2, 0), row(4, 2, 0)];
        let props = [7, 7, 7, 8, 8, 9, 10];
        let series = count_by(&rows, &props, &[], Interval::Day, false, 2, (0, 2 * 86_400_000)).unwrap();
        let got: Vec<(Option<u32>, Vec<f64>)> = series.into_iter().map(|s| (s.value, s.trend.values)).collect();
        assert_eq!(got, [(Some(7), vec![2.0, 1.0, 0.0]), (Some(8), vec![0.0, 2.0, 0.0]), (None, vec![0.0, 0.0, 2.0])]);
    }

    #[test]
    fn series_add_up_to_the_total_and_other_counts_a_user_once() {
        let rows = [row(1, 0, 0), row(1, 0, 0), row(1, 0, 0), row(2, 0, 0)];
        let props = [1, 2, 3, 1];
        let range = (0, 86_400_000 - 1);
        let events = count_by(&rows, &props, &[], Interval::Day, false, 1, range).unwrap();
        let total: f64 = events.iter().map(|s| s.trend.values[0]).sum();
        assert_eq!(total, count_between(&rows, &[], Interval::Day, false, range).unwrap().values[0]);
        let users = count_by(&rows, &props, &[], Interval::Day, true, 1, range).unwrap();
        assert_eq!(users[0].value, Some(1));
        assert_eq!((users[0].trend.values[0], users[1].trend.values[0]), (2.0, 1.0), "user 1 is one user in other");
    }

    #[test]
    fn only_the_chosen_events_count() {
        let rows = [row(1, 0, 0), row(1, 0, 5), row(2, 0, 5)];
        let series = count_by(&rows, &[1, 1, 2], &[5], Interval::Day, false, 5, (0, 1)).unwrap();
        let got: Vec<_> = series.iter().map(|s| (s.value, s.trend.values[0])).collect();
        assert_eq!(got, [(Some(1), 1.0), (Some(2), 1.0)]);
    }
}
