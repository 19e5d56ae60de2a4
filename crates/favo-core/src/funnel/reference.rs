//! The slow, obviously correct funnel the tests compare the one-pass walk with: every order
//! of tied events, every step-1 event as a start, greedy matches after it.

use super::{Event, Funnel, Order, Walk, TIMED_STEPS};

/// The obviously correct version, for tests: from every step-1 event, match each next step
/// to the earliest later event (greedy is optimal for an ordered subsequence), or to the very
/// next event in strict order, within the window; the deepest attempt wins.
pub fn reference(funnel: &Funnel, events: &[Event]) -> usize {
    reference_walk(funnel, events, |_| 0).depth
}

/// [`reference`] with the walk: of the attempts that get deepest, in any order of the
/// events that tie, the one that gets there soonest, of those the latest-started, and of
/// those started at the same time the first in `events`; its steps are its greedy matches.
pub fn reference_walk(funnel: &Funnel, events: &[Event], touch: impl Fn(usize) -> u32) -> Walk {
    if funnel.order == Order::Any {
        // From every funnel event, fill each step with its own unused event in the window;
        // the first anchor to get deepest gives the touch.
        let mut best = Walk::default();
        for (i, a) in events.iter().enumerate().filter(|(_, a)| funnel.steps.contains(&a.name)) {
            let mut used = vec![false; events.len()];
            let filled = funnel
                .steps
                .iter()
                .filter(|&&step| {
                    let free = (0..events.len())
                        .find(|&j| !used[j] && events[j].name == step && events[j].time >= a.time && events[j].time - a.time <= funnel.window);
                    free.map(|j| used[j] = true).is_some()
                })
                .count();
            if filled > best.depth {
                best = Walk { depth: filled, touch: touch(i), times: [a.time; TIMED_STEPS] };
            }
        }
        return best;
    }
    // Events at one moment may come in any order: try every order of every group of them.
    let mut best: Option<(usize, i64, i64, usize, Vec<i64>)> = None;
    for_each_tie_order(events, &mut Vec::new(), 0, &mut |order: &[usize]| {
        let ev = |p: usize| events[order[p]];
        for start in (0..order.len()).filter(|&p| funnel.steps.first() == Some(&ev(p).name)) {
            let (mut at, mut times) = (start, vec![ev(start).time]);
            for &step in &funnel.steps[1..] {
                let next = match funnel.order {
                    Order::Ordered | Order::Any => (at + 1..order.len()).find(|&p| ev(p).name == step),
                    Order::Strict => Some(at + 1).filter(|&p| p < order.len() && ev(p).name == step),
                };
                match next {
                    Some(p) if ev(p).time - ev(start).time <= funnel.window => {
                        at = p;
                        times.push(ev(p).time);
                    }
                    _ => break,
                }
            }
            // Deepest; then there soonest; then the latest start; then the first such event.
            let candidate = (times.len(), times[times.len() - 1], ev(start).time, order[start], times);
            let better = |b: &(usize, i64, i64, usize, Vec<i64>)| {
                (candidate.0, -candidate.1, candidate.2, std::cmp::Reverse(candidate.3)) > (b.0, -b.1, b.2, std::cmp::Reverse(b.3))
            };
            if best.as_ref().is_none_or(better) {
                best = Some(candidate);
            }
        }
    });
    best.map_or(Walk::default(), |(depth, _, _, i, times)| {
        let mut w = Walk { depth, touch: touch(i), times: [times[0]; TIMED_STEPS] };
        for (slot, t) in w.times.iter_mut().zip(&times) {
            *slot = *t;
        }
        w
    })
}

/// Calls `visit` with every order of the indices of `events` (sorted by time) in which
/// only events at the same moment trade places.
fn for_each_tie_order(events: &[Event], order: &mut Vec<usize>, from: usize, visit: &mut impl FnMut(&[usize])) {
    if from == events.len() {
        visit(order);
        return;
    }
    let end = from + events[from..].iter().take_while(|e| e.time == events[from].time).count();
    permute(&mut (from..end).collect(), 0, &mut |group: &[usize]| {
        order.extend_from_slice(group);
        for_each_tie_order(events, order, end, visit);
        order.truncate(order.len() - group.len());
    });
}

fn permute(items: &mut Vec<usize>, k: usize, visit: &mut impl FnMut(&[usize])) {
    if k == items.len() {
        visit(items);
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permute(items, k + 1, visit);
        items.swap(k, i);
    }
}
