//! Property tests of funnels (issue 4): the one-pass walk in `favo_core::funnel` against a
//! reference written here to be obviously correct, on random logs with ties, repeated steps
//! and users who never touch the funnel. The reference tries everything: every order a
//! reader could give events that share a timestamp ("equal timestamps count as in order"),
//! every step-1 event as the start of an attempt, every choice of later events for the
//! later steps.

mod props;

use std::collections::{BTreeMap, BTreeSet};

use favo_core::funnel::{self, Event, Funnel, Order, DEFAULT_WINDOW};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use props::*;

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
