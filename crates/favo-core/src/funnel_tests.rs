use super::*;

fn ev(time: i64, name: u32) -> Event {
    Event { time, name }
}

fn sorted(f: &Funnel, mut events: Vec<Event>) -> Vec<Event> {
    events.sort_by_key(|e| f.sort_key(e));
    events
}

#[test]
fn the_deepest_attempt_counts_within_the_window_from_its_first_step() {
    let f = Funnel { steps: vec![1, 2, 3], window: 100, order: Order::Ordered };
    // 1 at 0, 2 at 50, 3 at 150: too late for the attempt of time 0 …
    assert_eq!(f.depth(&[ev(0, 1), ev(50, 2), ev(150, 3)]), 2);
    // … but a second step-1 at 60 starts an attempt that makes it.
    assert_eq!(f.depth(&[ev(0, 1), ev(50, 2), ev(60, 1), ev(70, 2), ev(150, 3)]), 3);
    // Other events between steps are fine in ordered mode, not in strict mode.
    let between = [ev(0, 1), ev(10, 9), ev(20, 2), ev(30, 3)];
    assert_eq!(f.depth(&between), 3);
    assert_eq!(Funnel { order: Order::Strict, ..f.clone() }.depth(&between), 1);
    assert_eq!(f.depth(&[ev(0, 2), ev(1, 3)]), 0, "no step 1, no funnel");
    // In any order, 3 → 1 → 2 within the window is all three steps; 2 alone is one.
    let any = Funnel { order: Order::Any, ..f.clone() };
    assert_eq!(any.depth(&[ev(0, 3), ev(10, 1), ev(20, 2)]), 3);
    assert_eq!(any.depth(&[ev(0, 3), ev(10, 1), ev(120, 2)]), 2, "the window still holds");
    assert_eq!(any.depth(&[ev(0, 2)]), 1);
}

#[test]
fn equal_timestamps_count_as_in_order_and_one_event_fills_one_step() {
    let f = Funnel::new(vec![1, 2]);
    // Step 2 written before step 1 at the same time still converts once sorted.
    assert_eq!(f.depth(&sorted(&f, vec![ev(5, 2), ev(5, 1)])), 2);
    // A funnel a → a needs two events.
    let twice = Funnel::new(vec![7, 7]);
    assert_eq!(twice.depth(&[ev(0, 7)]), 1);
    assert_eq!(twice.depth(&[ev(0, 7), ev(0, 7)]), 2);
}

#[test]
fn counts_per_step_over_a_log() {
    let f = Funnel::new(vec![1, 2, 3]);
    let log = [("a", ev(0, 1)), ("a", ev(1, 2)), ("b", ev(0, 1)), ("c", ev(0, 2)), ("d", ev(0, 1)), ("d", ev(1, 2)), ("d", ev(2, 3))];
    assert_eq!(f.count(&log), [3, 2, 1]);
}

#[test]
fn a_breakdown_counts_each_user_under_their_first_touch_and_adds_up() {
    let f = Funnel::new(vec![1, 2]);
    // (user, event), with the channel of each row: 10 = web, 20 = social, 30 = email.
    let log = [
        ("a", ev(0, 1)), ("a", ev(5, 2)),   // web → converts
        ("b", ev(0, 1)), ("b", ev(1, 1)), ("b", ev(2, 2)), // social first, then email: the email attempt converts
        ("c", ev(0, 1)),                     // web, stops
        ("d", ev(0, 2)),                     // never started
    ];
    let props = [10, 10, 20, 30, 30, 10, 30];
    let by = f.count_by(&log, &props);
    assert_eq!(by, BTreeMap::from([(10, vec![2, 1]), (30, vec![1, 1])]));
    let total: Vec<u64> = (0..2).map(|k| by.values().map(|v| v[k]).sum()).collect();
    assert_eq!(total, f.count(&log), "the breakdown adds up to the funnel");
    assert_eq!(top_n(by.clone(), 1), [(Some(10), vec![2, 1]), (None, vec![1, 1])]);
    assert_eq!(top_n(by, 5).len(), 2, "no other row when everything fits");
}

#[test]
fn step_times_come_from_the_attempt_that_got_deepest() {
    let f = Funnel::new(vec![1, 2, 3]);
    // a: 1 at 0, 2 at 10 and again at 20, 3 at 50 → 10 and 40 (the first 2 after the 1).
    // b: 1 at 0, 2 at 30, stops.
    let log = [("a", ev(0, 1)), ("a", ev(10, 2)), ("a", ev(20, 2)), ("a", ev(50, 3)), ("b", ev(0, 1)), ("b", ev(30, 2))];
    assert_eq!(f.step_times(&log), [vec![], vec![10, 30], vec![40]]);
    assert_eq!(f.times_between(&log, 0, 2), [50]);
    assert_eq!(median_mean(&[10, 30]), Some((20.0, 20.0)));
    assert_eq!(median_mean(&[1, 2, 9]), Some((2.0, 4.0)));
    assert_eq!(median_mean(&[]), None);
}

#[test]
fn a_histogram_counts_every_duration_once() {
    let d: Vec<i64> = (0..=100).collect();
    let h = histogram(&d, 10);
    assert_eq!(h.len(), 10);
    assert_eq!(h.iter().map(|b| b.2).sum::<u64>(), 101);
    assert!(h.windows(2).all(|w| w[0].1 == w[1].0), "ranges touch");
    assert!(h[0].0 == 0 && h[9].1 >= 100);
    assert_eq!(histogram(&[5, 5, 5], 4), [(5, 6, 3)], "one value, one range");
    assert!(histogram(&[], 4).is_empty());
}

#[test]
fn results_give_conversion_and_drop_off() {
    let r = results(&[200, 50, 0]);
    assert_eq!((r[0].from_start, r[1].from_start, r[1].from_previous, r[1].dropped), (1.0, 0.25, 0.25, 150));
    assert_eq!((r[2].from_previous, r[2].dropped), (0.0, 50));
    assert_eq!(results(&[0, 0])[1].from_start, 0.0, "nobody started: no division by zero");
}

#[test]
fn windows_read_from_seconds_to_months() {
    assert_eq!(parse_window("90s"), Some(90_000));
    assert_eq!(parse_window("7d"), Some(DEFAULT_WINDOW / 2));
    assert_eq!(parse_window("3mo"), Some(90 * 86_400_000));
    for bad in ["", "d", "7", "0d", "7y", "-1d", "99999999999999999999d", "9999999999999999mo"] {
        assert_eq!(parse_window(bad), None, "{bad}");
    }
}

/// xorshift, fixed seed: random logs with few event names and coarse times, so repeats,
/// ties and windows all happen often.
#[test]
fn the_fast_pass_agrees_with_the_reference_on_random_logs() {
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    for round in 0..20_000 {
        let steps: Vec<u32> = (0..1 + next(4)).map(|_| next(4) as u32).collect();
        let order = [Order::Ordered, Order::Strict, Order::Any][round % 3];
        let f = Funnel { steps, window: 1 + next(30) as i64, order };
        let events: Vec<Event> = (0..next(12)).map(|_| ev(next(40) as i64, next(5) as u32)).collect();
        let events = sorted(&f, events);
        assert_eq!(f.depth(&events), reference(&f, &events), "{f:?} {events:?}");
        // The first touch names the attempt: the event index itself as the property.
        assert_eq!(f.walk(&events, |i| i as u32), reference_walk(&f, &events, |i| i as u32), "{f:?} {events:?}");
    }
}
