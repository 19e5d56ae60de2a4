//! Funnels over event logs, with the semantics of ClickHouse's `windowFunnel` (which PostHog
//! uses): any step-1 event may start an attempt; the conversion window is measured from that
//! step-1 event; a user counts at the deepest step any of their attempts reaches. Equal
//! timestamps count as in order, and one event never fills two steps.
//!
//! The input is one user's events sorted by time ([`depth`]) or a whole log sorted by user
//! then time ([`count`]). Events at one moment may be taken in any order ("equal timestamps
//! count as in order"), so each moment's events are read as a group; [`sort_key`] only makes
//! the first touch among tied events independent of the order of rows in the file.
//!
//! Each mode is one pass over a user's events with a small state per step; the tests compare
//! it with a slow reference that tries every attempt in every order of tied events
//! ([`reference`]).

use std::collections::BTreeMap;

pub mod counts;
mod reference;

pub use reference::{reference, reference_walk};

/// Steps whose times a walk keeps (time between steps); later steps are counted but not timed.
pub const TIMED_STEPS: usize = 16;

/// One user's way through a funnel: how deep, the first touch, and when each step was
/// reached (`times[k]` for step `k + 1`, meaningful below `depth` and [`TIMED_STEPS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Walk {
    pub depth: usize,
    pub touch: u32,
    pub times: [i64; TIMED_STEPS],
}

/// An event: when, and which (an id in the log's dictionary of event names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Event {
    pub time: i64,
    pub name: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Each step after the previous one; other events may come between (the default).
    #[default]
    Ordered,
    /// Each step the user's very next event after the previous step.
    Strict,
    /// All steps within the window, in any order: an attempt starts at any event of the
    /// funnel and reaches as many steps as it has distinct events for (PostHog's unordered
    /// funnel). A step named twice needs two events.
    Any,
}

/// A funnel: its steps (event ids, in order), window (ms) and order.
#[derive(Clone, Debug, PartialEq)]
pub struct Funnel {
    pub steps: Vec<u32>,
    pub window: i64,
    pub order: Order,
}

/// 14 days, the default conversion window.
pub const DEFAULT_WINDOW: i64 = 14 * 86_400_000;

impl Funnel {
    pub fn new(steps: Vec<u32>) -> Funnel {
        Funnel { steps, window: DEFAULT_WINDOW, order: Order::Ordered }
    }

    /// The first step an event can fill, for ordering ties: an event that is step 2 comes
    /// before one at the same time that is step 3. Events in no step go last.
    pub fn sort_key(&self, e: &Event) -> (i64, usize) {
        (e.time, self.steps.iter().position(|s| *s == e.name).unwrap_or(usize::MAX))
    }

    /// How deep one user gets: 0 (never did step 1) to the number of steps. `events` are the
    /// user's, sorted by [`Funnel::sort_key`].
    pub fn depth(&self, events: &[Event]) -> usize {
        self.walk(events, |_| 0).depth
    }

    /// How deep one user gets, with the attempt that first got that deep: the property value
    /// (`touch(i)` of event `i`) on its first event — the "first touch" a breakdown groups
    /// by — and when it reached each step. Among attempts first reaching it at the same
    /// moment, the latest-started.
    ///
    /// Events at one moment may be taken in any order: they are read as a group, each
    /// attempt taking from it, in step order, the events it can use (each once). In strict
    /// order the other events of a group can stand before an attempt's first step or after
    /// its last, but not between two steps: an attempt that came into the group from an
    /// earlier one goes on past it only if it used every event of the group.
    pub fn walk(&self, events: &[Event], touch: impl Fn(usize) -> u32) -> Walk {
        self.walk_in(events, touch, &mut Attempts::default())
    }

    /// [`walk`](Funnel::walk) with the attempts' state kept from one user to the next, which
    /// spares two allocations per user over a whole log.
    fn walk_in(&self, events: &[Event], touch: impl Fn(usize) -> u32, attempts: &mut Attempts) -> Walk {
        if self.order == Order::Any {
            return self.walk_any_order(events, touch);
        }
        let n = self.steps.len();
        let strict = self.order == Order::Strict;
        // starts[k]: the latest-started attempt that has reached step k and may go on.
        // next: in strict order, the states after the group being read (only attempts that
        // used the whole group go on); swapped with `starts`. Otherwise attempts are updated
        // in place: read deepest first, each only writes deeper slots, already read.
        let Attempts { starts, next } = attempts;
        starts.clear();
        starts.resize(n, None);
        next.clear();
        next.resize(n, None);
        let mut best = (Walk::default(), usize::MAX);
        let mut i = 0;
        while i < events.len() {
            let time = events[i].time;
            let end = i + events[i..].iter().take_while(|e| e.time == time).count();
            let group = Group::of(&events[i..end]);
            if strict {
                next.fill(None);
            }
            let mut step = |w: Walk, carried: bool, next: &mut Vec<Option<Walk>>| {
                let mut left = group.clone();
                self.advance(w, time, &mut left, |w, used_all| {
                    if !strict || !carried || used_all {
                        let slot = &mut next[w.depth - 1];
                        if slot.is_none_or(|old| w.times[0] > old.times[0]) {
                            *slot = Some(w);
                        }
                    }
                    let (held, at) = best;
                    if w.depth > held.depth || (w.depth == held.depth && at == i && w.times[0] > held.times[0]) {
                        best = (w, i);
                    }
                });
            };
            // Deepest first: of attempts started together, the one further on keeps its times.
            for k in (0..n).rev() {
                if let Some(w) = starts[k] {
                    step(w, true, if strict { &mut *next } else { &mut *starts });
                }
            }
            // A new attempt from the group's first step-1 event.
            if let Some(j) = events[i..end].iter().position(|e| Some(&e.name) == self.steps.first()) {
                let w = Walk { depth: 0, touch: touch(i + j), times: [time; TIMED_STEPS] };
                step(w, false, if strict { &mut *next } else { &mut *starts });
            }
            if strict {
                std::mem::swap(starts, next);
            }
            i = end;
            if best.0.depth == n && !strict {
                break;
            }
        }
        best.0
    }

    /// Moves attempt `w` on through a group of events at `time`, taking from `left` the
    /// event of each next step while there is one and the window allows; `reached` sees each
    /// step reached, and whether the group is then used up.
    fn advance(&self, mut w: Walk, time: i64, left: &mut Group, mut reached: impl FnMut(Walk, bool)) {
        while let Some(&name) = self.steps.get(w.depth) {
            if (w.depth > 0 && time - w.times[0] > self.window) || !left.take(name) {
                break;
            }
            if let Some(t) = w.times.get_mut(w.depth) {
                *t = time;
            }
            w.depth += 1;
            reached(w, left.is_empty());
        }
    }

    /// Any order: a window slides over the user's funnel events, starting at each in turn,
    /// and counts how many steps its events can fill. The first touch is the property of the
    /// first window's first event that got deepest.
    fn walk_any_order(&self, events: &[Event], touch: impl Fn(usize) -> u32) -> Walk {
        let mut names: Vec<u32> = self.steps.clone();
        names.sort_unstable();
        names.dedup();
        let need: Vec<usize> = names.iter().map(|n| self.steps.iter().filter(|s| *s == n).count()).collect();
        let slot = |e: &Event| names.binary_search(&e.name).ok();
        let relevant: Vec<(i64, usize, usize)> = events.iter().enumerate().filter_map(|(i, e)| slot(e).map(|s| (e.time, s, i))).collect();
        let mut have = vec![0usize; names.len()];
        let (mut filled, mut deepest, mut first_touch, mut end, mut anchor) = (0usize, 0usize, 0u32, 0usize, 0i64);
        for start in 0..relevant.len() {
            while end < relevant.len() && relevant[end].0 - relevant[start].0 <= self.window {
                let s = relevant[end].1;
                have[s] += 1;
                if have[s] <= need[s] {
                    filled += 1;
                }
                end += 1;
            }
            if filled > deepest {
                (deepest, first_touch) = (filled, touch(relevant[start].2));
                anchor = relevant[start].0;
            }
            let s = relevant[start].1;
            if have[s] <= need[s] {
                filled -= 1;
            }
            have[s] -= 1;
        }
        // In any order steps have no order, so no times between them: all are the anchor's.
        Walk { depth: deepest, touch: first_touch, times: [anchor; TIMED_STEPS] }
    }

    /// Users at each step (index 0 = step 1) over a log of (user, event) sorted by user and
    /// then by time.
    pub fn count<U: PartialEq>(&self, log: &[(U, Event)]) -> Vec<u64> {
        let mut at = vec![0u64; self.steps.len()];
        self.each_user(log, |_| 0, |w| {
            for slot in at.iter_mut().take(w.depth) {
                *slot += 1;
            }
        });
        at
    }

    /// The same per breakdown value: `props[i]` is the value of log row `i`, and each user
    /// counts under the value on the first event of their deepest attempt (first touch).
    /// Users who never did step 1 count nowhere.
    pub fn count_by<U: PartialEq>(&self, log: &[(U, Event)], props: &[u32]) -> BTreeMap<u32, Vec<u64>> {
        let mut by: BTreeMap<u32, Vec<u64>> = BTreeMap::new();
        self.each_user(log, |i| props.get(i).copied().unwrap_or(u32::MAX), |w| {
            if w.depth > 0 {
                let at = by.entry(w.touch).or_insert_with(|| vec![0; self.steps.len()]);
                for slot in at.iter_mut().take(w.depth) {
                    *slot += 1;
                }
            }
        });
        by
    }

    /// The time each converting user took from the previous step, per step (index 0, step 1,
    /// is empty). Not for any-order funnels, whose steps have no previous one.
    pub fn step_times<U: PartialEq>(&self, log: &[(U, Event)]) -> Vec<Vec<i64>> {
        let mut out = vec![Vec::new(); self.steps.len()];
        if self.order != Order::Any {
            self.each_user(log, |_| 0, |w| {
                for (k, times) in out.iter_mut().enumerate().take(w.depth.min(TIMED_STEPS)).skip(1) {
                    times.push(w.times[k] - w.times[k - 1]);
                }
            });
        }
        out
    }

    /// How long users who reached step `to` (0-based) took from step `from`: the input of
    /// the time-to-convert histogram. Empty for any-order funnels and untimed steps.
    pub fn times_between<U: PartialEq>(&self, log: &[(U, Event)], from: usize, to: usize) -> Vec<i64> {
        let mut out = Vec::new();
        if self.order != Order::Any && from < to && to < TIMED_STEPS {
            self.each_user(log, |_| 0, |w| {
                if w.depth > to {
                    out.push(w.times[to] - w.times[from]);
                }
            });
        }
        out
    }

    /// Walks each user's events (ties in step order) and hands over their walk;
    /// `touch(i)` is the property of log row `i`.
    ///
    /// Two short cuts, both exact: in order (ordered or strict) a user with no step-1 event
    /// gets the empty walk without one, and an ordered funnel is walked over the user's funnel events alone, since in
    /// that order other events change nothing (in strict order they break a sequence).
    fn each_user<U: PartialEq>(&self, log: &[(U, Event)], touch: impl Fn(usize) -> u32, mut found: impl FnMut(Walk)) {
        let first = self.steps.first();
        let only_steps = self.order == Order::Ordered;
        let mut order: Vec<usize> = Vec::new();
        let mut events: Vec<Event> = Vec::new();
        let mut attempts = Attempts::default();
        let mut i = 0;
        while i < log.len() {
            let begin = i;
            // In any order, an attempt may start at any step.
            let mut starts = self.order == Order::Any;
            while i < log.len() && log[i].0 == log[begin].0 {
                starts |= first == Some(&log[i].1.name);
                i += 1;
            }
            if !starts {
                found(Walk::default());
                continue;
            }
            order.clear();
            order.extend((begin..i).filter(|&j| !only_steps || self.steps.contains(&log[j].1.name)));
            // Ties in step order; a no-op for most users, whose events are already sorted.
            if order.windows(2).any(|w| log[w[0]].1.time == log[w[1]].1.time) {
                order.sort_by_key(|&j| self.sort_key(&log[j].1));
            }
            events.clear();
            events.extend(order.iter().map(|&j| log[j].1));
            found(self.walk_in(&events, |k| touch(order[k]), &mut attempts));
        }
    }
}

/// The attempts a walk keeps per step, reused from user to user.
#[derive(Default)]
struct Attempts {
    starts: Vec<Option<Walk>>,
    next: Vec<Option<Walk>>,
}

/// Median and mean of some durations (ms); `None` when there are none. The median of an
/// even count is the mean of the middle two.
pub fn median_mean(durations: &[i64]) -> Option<(f64, f64)> {
    if durations.is_empty() {
        return None;
    }
    let mut sorted = durations.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let median = if n % 2 == 1 { sorted[n / 2] as f64 } else { (sorted[n / 2 - 1] as f64 + sorted[n / 2] as f64) / 2.0 };
    Some((median, sorted.iter().map(|&d| d as f64).sum::<f64>() / n as f64))
}

/// Durations counted into at most `bins` equal ranges `[from, to)` of whole milliseconds,
/// from the shortest duration to past the longest: (from, to, count).
pub fn histogram(durations: &[i64], bins: usize) -> Vec<(i64, i64, u64)> {
    let (Some(&lo), Some(&hi)) = (durations.iter().min(), durations.iter().max()) else { return Vec::new() };
    let span = hi - lo + 1;
    let width = (span + bins.max(1) as i64 - 1) / bins.max(1) as i64;
    let bins = ((span + width - 1) / width) as usize;
    let mut out: Vec<(i64, i64, u64)> = (0..bins as i64).map(|b| (lo + b * width, lo + (b + 1) * width, 0)).collect();
    for &d in durations {
        out[((d - lo) / width) as usize].2 += 1;
    }
    out
}

/// Breakdown values ranked by their step-1 users, the first `top` kept and the rest summed
/// as one "other" row (`None`).
pub fn top_n(by: BTreeMap<u32, Vec<u64>>, top: usize) -> Vec<(Option<u32>, Vec<u64>)> {
    let mut rows: Vec<(u32, Vec<u64>)> = by.into_iter().collect();
    rows.sort_by(|a, b| b.1.first().cmp(&a.1.first()).then(a.0.cmp(&b.0)));
    let rest = rows.split_off(top.min(rows.len()));
    let mut out: Vec<(Option<u32>, Vec<u64>)> = rows.into_iter().map(|(k, v)| (Some(k), v)).collect();
    if let Some(width) = rest.first().map(|r| r.1.len()) {
        let mut other = vec![0u64; width];
        for (_, v) in rest {
            other.iter_mut().zip(v).for_each(|(o, x)| *o += x);
        }
        out.push((None, other));
    }
    out
}

/// One step of a funnel's result.
#[derive(Clone, Debug, PartialEq)]
pub struct StepResult {
    pub users: u64,
    /// Share of step 1's users who got here (1.0 for step 1; 0.0 when nobody started).
    pub from_start: f64,
    /// Share of the previous step's users who got here.
    pub from_previous: f64,
    /// Users of the previous step who did not get here (0 when a pre-aggregated table
    /// has more at this step than at the previous one).
    pub dropped: u64,
}

/// The events of one moment, and which of them an attempt has taken. Almost every group
/// is one event, so this is a slice and a bit mask, cloned for free per attempt.
#[derive(Clone)]
struct Group<'a> {
    events: &'a [Event],
    taken: Taken,
}

#[derive(Clone)]
enum Taken {
    Bits(u128),
    /// For more than 128 events at one moment.
    Flags(Vec<bool>),
}

impl<'a> Group<'a> {
    fn of(events: &'a [Event]) -> Group<'a> {
        let taken = if events.len() <= 128 { Taken::Bits(0) } else { Taken::Flags(vec![false; events.len()]) };
        Group { events, taken }
    }

    fn is_taken(&self, i: usize) -> bool {
        match &self.taken {
            Taken::Bits(bits) => bits & (1 << i) != 0,
            Taken::Flags(flags) => flags[i],
        }
    }

    /// Takes one event named `name`, if one is left.
    fn take(&mut self, name: u32) -> bool {
        let Some(i) = (0..self.events.len()).find(|&i| self.events[i].name == name && !self.is_taken(i)) else { return false };
        match &mut self.taken {
            Taken::Bits(bits) => *bits |= 1 << i,
            Taken::Flags(flags) => flags[i] = true,
        }
        true
    }

    fn is_empty(&self) -> bool {
        match &self.taken {
            Taken::Bits(bits) => bits.count_ones() as usize == self.events.len(),
            Taken::Flags(flags) => flags.iter().all(|&f| f),
        }
    }
}

/// Conversion and drop-off per step from the users at each step.
pub fn results(users: &[u64]) -> Vec<StepResult> {
    let share = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let first = users.first().copied().unwrap_or(0);
    users
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let prev = if i == 0 { n } else { users[i - 1] };
            StepResult { users: n, from_start: share(n, first), from_previous: share(n, prev), dropped: prev.saturating_sub(n) }
        })
        .collect()
}

/// The units a conversion window is written in, with their length in milliseconds (a
/// month is 30 days): the command line's and the embed's `window`, and the app's form.
pub const WINDOW_UNITS: [(&str, i64); 6] =
    [("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 7 * 86_400_000), ("mo", 30 * 86_400_000)];

/// A conversion window as written on the command line: `90s`, `30m` (or `30min`), `12h`,
/// `7d`, `2w`, `3mo`, in milliseconds.
pub fn parse_window(text: &str) -> Option<i64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = text.split_at(split);
    let n: i64 = n.parse().ok().filter(|n| *n > 0)?;
    let unit = if unit == "min" { "m" } else { unit };
    let (_, unit_ms) = WINDOW_UNITS.iter().find(|(u, _)| *u == unit)?;
    n.checked_mul(*unit_ms)
}

#[cfg(test)]
#[path = "funnel_tests.rs"]
mod tests;
