//! Property tests of the analytics engine (issue 4): funnels and trends from the fast passes
//! in `favo_core::funnel` and `favo_core::trend`, against slow references written here to be
//! obviously correct, on random logs with ties, repeated steps, out-of-order rows and users
//! who never touch the funnel.
//!
//! The funnel reference tries everything: every order a reader could give events that share
//! a timestamp ("equal timestamps count as in order"), every step-1 event as the start of an
//! attempt, every choice of later events for the later steps. The trend reference buckets
//! each timestamp by calendar fields computed here by counting days year by year.

use std::collections::{BTreeMap, BTreeSet};

use favo_core::funnel::{self, Event, Funnel, Order, DEFAULT_WINDOW};
use favo_core::ingest::events::{guess_roles, EventLog};
use favo_core::ingest::stream::{read_dataset, Options};
use favo_core::synth;
use favo_core::trend::{self, Interval};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};

const SECOND: i64 = 1_000;
const HOUR: i64 = 3_600 * SECOND;
const DAY: i64 = 24 * HOUR;

/// Random cases, never written to a regressions file: a failure prints its minimal input,
/// which then becomes a named test below.
fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

// ---------------------------------------------------------------------------------------
// The funnel reference.

/// Every permutation of `items`.
fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.is_empty() {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (i, &first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first);
            out.push(tail);
        }
    }
    out
}

/// Every order of the events by time, with the events of one timestamp in every order: the
/// orders a reader may see. As indices into `events`.
fn time_orders(events: &[Event]) -> Vec<Vec<usize>> {
    let mut by_time: Vec<usize> = (0..events.len()).collect();
    by_time.sort_by_key(|&i| events[i].time);
    let mut orders = vec![Vec::new()];
    for group in by_time.chunk_by(|&a, &b| events[a].time == events[b].time) {
        let ways = permutations(group);
        orders = orders.iter().flat_map(|order| ways.iter().map(move |way| [order.as_slice(), way].concat())).collect();
    }
    orders
}

/// How many steps an attempt gets through in one order of the events (indices into
/// `events`), starting at position `at` of that order, which filled step `k`: every later
/// event of the next step (in strict order only the very next event) within the window of
/// the attempt's first event is tried.
fn deeper(f: &Funnel, events: &[Event], order: &[usize], at: usize, k: usize) -> usize {
    let Some(&step) = f.steps.get(k + 1) else { return k + 1 };
    let start = events[order[0]].time;
    let last = if f.order == Order::Strict { (at + 2).min(order.len()) } else { order.len() };
    (at + 1..last)
        .filter(|&j| events[order[j]].name == step && events[order[j]].time - start <= f.window)
        .map(|j| deeper(f, events, order, j, k + 1))
        .max()
        .unwrap_or(k + 1)
}

/// Most steps that `steps` can fill, each with its own event of its name from `pool`.
fn fill(steps: &[u32], pool: &mut Vec<Event>) -> usize {
    let Some((&step, rest)) = steps.split_first() else { return 0 };
    let mut best = fill(rest, pool);
    for i in 0..pool.len() {
        if pool[i].name == step {
            let taken = pool.remove(i);
            best = best.max(1 + fill(rest, pool));
            pool.insert(i, taken);
        }
    }
    best
}

/// How deep the attempt that starts at event `start` gets, tried every way. In any order an
/// attempt starts at any funnel event and takes the steps' events from its window.
fn attempt_depth(f: &Funnel, events: &[Event], start: usize) -> usize {
    let first = events[start];
    if f.order == Order::Any {
        if !f.steps.contains(&first.name) {
            return 0;
        }
        let mut pool: Vec<Event> = events.iter().copied().filter(|e| e.time >= first.time && e.time - first.time <= f.window).collect();
        return fill(&f.steps, &mut pool);
    }
    if first.name != f.steps[0] {
        return 0;
    }
    time_orders(events)
        .iter()
        .filter_map(|order| {
            let at = order.iter().position(|&i| i == start)?;
            Some(deeper(f, events, &order[at..], 0, 0))
        })
        .max()
        .unwrap_or(0)
}

/// How deep a user gets: the deepest of all attempts.
fn brute_depth(f: &Funnel, events: &[Event]) -> usize {
    (0..events.len()).map(|i| attempt_depth(f, events, i)).max().unwrap_or(0)
}

/// Users at each step from each user's depth.
fn per_step(f: &Funnel, depths: impl IntoIterator<Item = usize>) -> Vec<u64> {
    let mut at = vec![0u64; f.steps.len()];
    for d in depths {
        at.iter_mut().take(d).for_each(|n| *n += 1);
    }
    at
}

/// One user's events as `Funnel::depth` wants them: ties in step order.
fn sorted(f: &Funnel, events: &[Event]) -> Vec<Event> {
    let mut events = events.to_vec();
    events.sort_by_key(|e| f.sort_key(e));
    events
}

/// A log of (user, event) as `Funnel::count` wants it: by user, then time, ties in the
/// order generated (the log keeps no particular order within a timestamp).
fn log_of(users: &[Vec<Event>]) -> Vec<(u32, Event)> {
    let mut log: Vec<(u32, Event)> = users.iter().enumerate().flat_map(|(u, es)| es.iter().map(move |e| (u as u32, *e))).collect();
    log.sort_by_key(|(u, e)| (*u, e.time));
    log
}

/// Checks the fast pass, the crate's own reference and the brute force on every user, and
/// the whole-log counts.
fn check_funnel(f: &Funnel, users: &[Vec<Event>]) -> Result<(), TestCaseError> {
    let mut depths = Vec::new();
    for events in users {
        let expected = brute_depth(f, events);
        let events = sorted(f, events);
        prop_assert_eq!(f.depth(&events), expected, "fast pass, {:?} {:?}", f, events);
        prop_assert_eq!(funnel::reference(f, &events), expected, "funnel::reference, {:?} {:?}", f, events);
        // The first touch names an attempt that really gets that deep.
        let walk = f.walk(&events, |i| i as u32);
        if expected > 0 {
            prop_assert_eq!(attempt_depth(f, &events, walk.touch as usize), expected, "first touch, {:?} {:?}", f, events);
        }
        depths.push(expected);
    }
    prop_assert_eq!(f.count(&log_of(users)), per_step(f, depths), "counts, {:?}", f);
    Ok(())
}

/// Up to `max` events with few names and times below `span`, so that repeats and ties
/// happen often; name 4 is in no funnel.
fn events(max: usize, span: i64) -> impl Strategy<Value = Vec<Event>> {
    vec((0..span, 0..5u32).prop_map(|(time, name)| Event { time, name }), 0..=max)
}

/// The same with no two events at one time.
fn untied_events(max: usize) -> impl Strategy<Value = Vec<Event>> {
    events(max, 40).prop_map(|mut es| {
        let mut seen = BTreeSet::new();
        es.retain(|e| seen.insert(e.time));
        es
    })
}

fn windows() -> impl Strategy<Value = i64> {
    prop_oneof![0..=45i64, Just(DEFAULT_WINDOW)]
}

fn orders() -> impl Strategy<Value = Order> {
    prop_oneof![Just(Order::Ordered), Just(Order::Strict), Just(Order::Any)]
}

/// Funnels of one to four steps from names 0–3, repeats (a, b, a and a, a) included.
fn funnels(orders: impl Strategy<Value = Order>) -> impl Strategy<Value = Funnel> {
    (vec(0..4u32, 1..=4), windows(), orders).prop_map(|(steps, window, order)| Funnel { steps, window, order })
}

/// The same with every step a different event.
fn distinct_funnels(orders: impl Strategy<Value = Order>) -> impl Strategy<Value = Funnel> {
    (proptest::sample::subsequence(vec![0u32, 1, 2, 3], 1..=4).prop_shuffle(), windows(), orders)
        .prop_map(|(steps, window, order)| Funnel { steps, window, order })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn every_mode_agrees_with_brute_force_when_no_two_events_tie(f in funnels(orders()), users in vec(untied_events(7), 0..6)) {
        check_funnel(&f, &users)?;
    }

    #[test]
    fn ties_between_distinct_steps_count_as_in_order(f in distinct_funnels(prop_oneof![Just(Order::Ordered), Just(Order::Any)]), users in vec(events(6, 12), 0..6)) {
        check_funnel(&f, &users)?;
    }

    #[test]
    fn any_order_agrees_with_brute_force_with_ties_and_repeated_steps(f in funnels(Just(Order::Any)), users in vec(events(7, 12), 0..6)) {
        check_funnel(&f, &users)?;
    }
}

// No brute force here, so many more cases, and times closer together for more ties between
// step-1 events (which attempt's first touch counts).
proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn a_breakdown_adds_up_and_follows_each_users_first_touch(f in funnels(orders()), users in vec(events(6, 6), 0..6), values in vec(0..3u32, 36)) {
        let log = log_of(&users);
        // A value (0, 1 or 2) per row of the log.
        let props = &values[..log.len()];
        let by = f.count_by(&log, props);
        let count = f.count(&log);
        for k in 0..f.steps.len() {
            prop_assert_eq!(by.values().map(|v| v[k]).sum::<u64>(), count[k], "step {} adds up", k + 1);
        }
        // Per value: the crate's reference walk of each user, on the same tie order.
        let mut expected: BTreeMap<u32, Vec<u64>> = BTreeMap::new();
        let mut begin = 0;
        for chunk in log.chunk_by(|a, b| a.0 == b.0) {
            let mut rows: Vec<usize> = (begin..begin + chunk.len()).collect();
            rows.sort_by_key(|&i| f.sort_key(&log[i].1));
            let events: Vec<Event> = rows.iter().map(|&i| log[i].1).collect();
            let walk = funnel::reference_walk(&f, &events, |k| props[rows[k]]);
            if walk.depth > 0 {
                let at = expected.entry(walk.touch).or_insert_with(|| vec![0; f.steps.len()]);
                at.iter_mut().take(walk.depth).for_each(|n| *n += 1);
            }
            begin += chunk.len();
        }
        prop_assert_eq!(by, expected);
    }
}

// The same properties where the fast pass and the brute force disagree: strict order and
// steps named twice, each with ties. See the named cases below.
proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn every_mode_agrees_with_brute_force_with_ties(f in funnels(orders()), users in vec(events(6, 12), 0..6)) {
        check_funnel(&f, &users)?;
    }
}

fn ev(time: i64, name: u32) -> Event {
    Event { time, name }
}

#[test]
fn the_brute_force_finds_what_the_issue_describes() {
    let f = Funnel { steps: vec![1, 2, 3], window: 100, order: Order::Ordered };
    assert_eq!(brute_depth(&f, &[ev(0, 1), ev(50, 2), ev(150, 3)]), 2, "step 3 too late");
    assert_eq!(brute_depth(&f, &[ev(0, 1), ev(50, 2), ev(60, 1), ev(70, 2), ev(150, 3)]), 3, "a later attempt makes it");
    assert_eq!(brute_depth(&f, &[ev(5, 2), ev(5, 1), ev(5, 3)]), 3, "equal timestamps count as in order");
    let strict = Funnel { order: Order::Strict, ..f.clone() };
    assert_eq!(brute_depth(&strict, &[ev(0, 1), ev(10, 9), ev(20, 2)]), 1, "another event between");
    assert_eq!(brute_depth(&Funnel::new(vec![7, 7]), &[ev(0, 7)]), 1, "one event fills one step");
    let any = Funnel { order: Order::Any, ..f };
    assert_eq!(brute_depth(&any, &[ev(0, 3), ev(10, 1), ev(120, 2)]), 2);
}

/// Strict order, a tie between step 1 and another event: the other event may come first,
/// so nothing comes between steps 1 and 2. (A fixed tie order once put it between them.)
#[test]
fn strict_order_lets_a_tied_other_event_come_before_step_1() {
    let f = Funnel { steps: vec![0, 1], window: 10, order: Order::Strict };
    let events = [ev(0, 0), ev(0, 4), ev(1, 1)];
    assert_eq!(brute_depth(&f, &events), 2);
    assert_eq!(f.depth(&sorted(&f, &events)), 2);
}

/// Steps a, b, a with all three events at one time: they count as in order, a → b → a.
/// (A fixed tie order once put both a's before b and found only a → b.)
#[test]
fn a_step_named_twice_takes_its_tied_events_in_either_place() {
    let f = Funnel { steps: vec![0, 1, 0], window: 10, order: Order::Ordered };
    let events = [ev(0, 0), ev(0, 1), ev(0, 0)];
    assert_eq!(brute_depth(&f, &events), 3);
    assert_eq!(f.depth(&sorted(&f, &events)), 3);
}

// ---------------------------------------------------------------------------------------
// The trend reference: calendar fields by counting days, year by year from 1970.

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_days(y: i64, m: i64) -> i64 {
    [31, if leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1]
}

/// (year, month, day) of a day number (0 = 1970-01-01), walking whole years then months.
fn civil(mut days: i64) -> (i64, i64, i64) {
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
fn day_number(y: i64, m: i64, d: i64) -> i64 {
    let years: i64 = if y >= 1970 { (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum() } else { -(y..1970).map(|y| if leap(y) { 366 } else { 365 }).sum::<i64>() };
    years + (1..m).map(|m| month_days(y, m)).sum::<i64>() + d - 1
}

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

const INTERVALS: [Interval; 4] = [Interval::Hour, Interval::Day, Interval::Week, Interval::Month];

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

// ---------------------------------------------------------------------------------------
// From a file: rows in any order, timestamps with offsets, and the Italian dress.

const USERS: [&str; 5] = ["u1", "u2", "anna", "u4", "bruno"];
const NAMES: [&str; 5] = ["ad_view", "blog_visit", "purchase", "review_posted", "page_view"];
const CHANNELS: [&str; 3] = ["web", "social", "email"];

/// A row as a file holds it: user, event name, UTC time (whole seconds) and how the
/// timestamp is written (0 = `Z`, 1 = no offset, 2+ = an offset of that many quarter
/// hours, east or west).
#[derive(Clone, Debug)]
struct FileRow {
    user: usize,
    name: usize,
    time: i64,
    offset: i64,
}

impl FileRow {
    /// The channel follows from the rest, so that rows alike in all else are alike in it.
    fn channel(&self) -> &'static str {
        CHANNELS[(self.user * 7 + self.name * 3 + self.time.rem_euclid(97) as usize) % 3]
    }

    fn iso(&self) -> String {
        let offset = match self.offset {
            0 | 1 => 0,
            q if q % 2 == 0 => q / 2 * 15 * 60 * SECOND,
            q => -(q / 2) * 15 * 60 * SECOND,
        };
        let local = self.time + offset;
        let (days, in_day) = (local.div_euclid(DAY), local.rem_euclid(DAY) / SECOND);
        let (y, m, d) = civil(days);
        let clock = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", in_day / 3600, in_day / 60 % 60, in_day % 60);
        match self.offset {
            0 => clock + "Z",
            1 => clock,
            _ => format!("{clock}{}{:02}:{:02}", if offset < 0 { '-' } else { '+' }, offset.abs() / HOUR, offset.abs() / 60_000 % 60),
        }
    }

    fn italian(&self) -> String {
        let (days, in_day) = (self.time.div_euclid(DAY), self.time.rem_euclid(DAY) / SECOND);
        let (y, m, d) = civil(days);
        format!("{d:02}/{m:02}/{y:04} {:02}:{:02}:{:02}", in_day / 3600, in_day / 60 % 60, in_day % 60)
    }
}

/// A few hundred rows over about three days from 2024-03-30, on the half hour so that
/// many share a timestamp.
fn file_rows() -> impl Strategy<Value = Vec<FileRow>> {
    let row = (0..USERS.len(), 0..NAMES.len(), 0..150i64, 0..20i64);
    vec(row, 1..120).prop_map(|rows| {
        let start = day_number(2024, 3, 30) * DAY;
        rows.into_iter().map(|(user, name, k, offset)| FileRow { user, name, time: start + k * 1_800 * SECOND, offset }).collect()
    })
}

fn csv(rows: &[FileRow]) -> Vec<u8> {
    let mut out = String::from("user_id,event,timestamp,channel\n");
    for r in rows {
        out += &format!("{},{},{},{}\n", USERS[r.user], NAMES[r.name], r.iso(), r.channel());
    }
    out.into_bytes()
}

/// What an Italian Excel writes: `;`, day first, CRLF, Windows-1252, Italian headers.
fn italian_csv(rows: &[FileRow]) -> Vec<u8> {
    let mut out = String::from("utente;evento;data;città\r\n");
    for r in rows {
        out += &format!("{};{};{};{}\r\n", USERS[r.user], NAMES[r.name], r.italian(), r.channel());
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&out);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A file read as the CLI reads it: the log and each row's channel (column 3).
fn read_log(bytes: &[u8]) -> Result<(EventLog, Vec<String>), TestCaseError> {
    let data = read_dataset(bytes, Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let kinds = data.kinds();
    let roles = guess_roles(&data.headers(), &kinds).ok_or_else(|| TestCaseError::fail(format!("no roles in {kinds:?}")))?;
    prop_assert!(data.errors.count == 0, "{:?}", data.errors);
    let log = EventLog::from_dataset(&data, roles);
    let (values, per_row) = log.values_of(&data, 3);
    Ok((log, per_row.into_iter().map(|v| values[v as usize].clone()).collect()))
}

/// Everything the engine says about a log, in words rather than dictionary ids, so that
/// two reads of the same rows compare equal however their dictionaries were filled.
fn results(log: &EventLog, channels: &[String]) -> Vec<String> {
    let id = |name: &str| log.name_id(name).unwrap_or(u32::MAX);
    let mut out = Vec::new();
    for steps in [&["ad_view", "blog_visit", "purchase"][..], &["ad_view", "page_view", "ad_view"], &["purchase", "purchase"]] {
        for order in [Order::Ordered, Order::Strict, Order::Any] {
            for window in [0, HOUR, DAY, DEFAULT_WINDOW] {
                let f = Funnel { steps: steps.iter().map(|s| id(s)).collect(), window, order };
                let channel_ids: Vec<u32> = channels.iter().map(|c| CHANNELS.iter().position(|x| x == c).unwrap_or(9) as u32).collect();
                out.push(format!("{steps:?} {order:?} {window}: {:?} by channel {:?}", f.count(&log.rows), f.count_by(&log.rows, &channel_ids)));
            }
        }
    }
    for interval in INTERVALS {
        for unique in [false, true] {
            let t = trend::count(&log.rows, &[id("purchase"), id("page_view")], interval, unique);
            out.push(format!("{interval:?} {unique}: {t:?}"));
        }
    }
    out
}

/// The log's rows as (user, event, time), sorted: what was read, without dictionary ids.
fn read_rows(log: &EventLog) -> Vec<(String, String, i64)> {
    let mut rows: Vec<_> = log.rows.iter().map(|(u, e)| (log.users[*u as usize].clone(), log.names[e.name as usize].clone(), e.time)).collect();
    rows.sort();
    rows
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn rows_in_any_order_give_the_same_results(rows in file_rows().prop_flat_map(|rows| (Just(rows.clone()), Just(rows).prop_shuffle()))) {
        let (rows, shuffled) = rows;
        let mut in_order = rows.clone();
        in_order.sort_by_key(|r| (r.user, r.time));
        let (log, channels) = read_log(&csv(&in_order))?;
        let (other, other_channels) = read_log(&csv(&shuffled))?;
        // Offsets converted to UTC, naive times taken as written.
        let mut expected: Vec<_> = rows.iter().map(|r| (USERS[r.user].to_owned(), NAMES[r.name].to_owned(), r.time)).collect();
        expected.sort();
        prop_assert_eq!(read_rows(&log), expected.clone());
        prop_assert_eq!(read_rows(&other), expected);
        prop_assert_eq!(results(&log, &channels), results(&other, &other_channels));
        // And the log read from the file is the log the fast pass would be given directly.
        let f = Funnel { steps: vec![log.name_id("ad_view").unwrap_or(u32::MAX), log.name_id("purchase").unwrap_or(u32::MAX)], window: DAY, order: Order::Ordered };
        let direct: Vec<(usize, Event)> = {
            let mut d: Vec<(usize, Event)> = rows.iter().map(|r| (r.user, Event { time: r.time, name: log.name_id(NAMES[r.name]).unwrap() })).collect();
            d.sort_by_key(|(u, e)| (*u, e.time));
            d
        };
        prop_assert_eq!(f.count(&log.rows), f.count(&direct));
    }

    #[test]
    fn the_same_rows_in_italian_dress_give_the_same_results(rows in file_rows()) {
        // Italian files carry no offsets: the wall time is the UTC time.
        let rows: Vec<FileRow> = rows.into_iter().map(|r| FileRow { offset: 0, ..r }).collect();
        let (log, channels) = read_log(&csv(&rows))?;
        let (italian, italian_channels) = read_log(&italian_csv(&rows))?;
        prop_assert_eq!(read_rows(&log), read_rows(&italian));
        prop_assert_eq!(results(&log, &channels), results(&italian, &italian_channels));
    }
}

/// The generator's two dresses of one seed read as one log.
#[test]
fn a_generated_log_reads_the_same_in_both_dresses() {
    for seed in [1, 2, 3] {
        let (mut standard, mut italian) = (Vec::new(), Vec::new());
        synth::write(3_000, seed, synth::Variant::Standard, &mut standard).unwrap();
        synth::write(3_000, seed, synth::Variant::Italian, &mut italian).unwrap();
        let (a, a_channels) = read_log(&standard).unwrap();
        let (b, b_channels) = read_log(&italian).unwrap();
        assert_eq!(read_rows(&a), read_rows(&b), "seed {seed}");
        assert_eq!(results(&a, &a_channels), results(&b, &b_channels), "seed {seed}");
    }
}
