//! The pipeline over a generated log's bytes, pushed in chunks split anywhere, against the
//! generator's own rows counted the slow, obvious way: the same funnel and daily trends in
//! either dress (UTF-8 with commas, Italian Excel export) wherever the chunks split. When
//! ingest becomes streaming, these say it still reads every row and every byte.

use std::collections::{BTreeMap, BTreeSet};

use favo_core::funnel::{self, Event, Funnel};
use favo_core::synth::{self, Variant};

use super::*;

const DAY: i64 = 86_400_000;
const ROWS: usize = 3_000;
const SEED: u64 = 5;

/// What the pipeline found: the funnel, the daily and daily-unique trends, events, users.
fn run(bytes: &[u8], chunk: usize) -> (Vec<u64>, Trend, Trend, usize, usize) {
    let mut ingest = Ingest::default();
    for piece in bytes.chunks(chunk) {
        ingest.push(piece);
    }
    let table = ingest.finish().expect("the generated log reads");
    let log = event_log(&table).expect("user, event and time are found");
    (funnel(&log), trend(&log, false).unwrap(), trend(&log, true).unwrap(), log.rows.len(), log.users.len())
}

/// The same counted from the generator's rows, with times to the second as the file has them.
struct Truth {
    funnel: Vec<u64>,
    first_day: i64,
    daily: Vec<f64>,
    daily_users: Vec<f64>,
    users: usize,
}

fn truth() -> Truth {
    let rows: Vec<synth::Row> = synth::rows(ROWS, SEED).collect();
    let second = |t: i64| t.div_euclid(1000) * 1000;
    // Step k has id k; every other event one id that is in no step.
    let id = |name: &str| funnel_steps().iter().position(|s| *s == name).map_or(u32::MAX - 1, |k| k as u32);
    let f = Funnel::new((0..5).collect());
    let mut by_user: BTreeMap<u64, Vec<Event>> = BTreeMap::new();
    for r in &rows {
        by_user.entry(r.user).or_default().push(Event { time: second(r.time_ms), name: id(r.event) });
    }
    let mut users_at = vec![0u64; 5];
    for events in by_user.values_mut() {
        events.sort_by_key(|e| f.sort_key(e));
        for at in users_at.iter_mut().take(funnel::reference(&f, events)) {
            *at += 1;
        }
    }
    let day = |r: &synth::Row| second(r.time_ms).div_euclid(DAY);
    let first_day = rows.iter().map(day).min().unwrap();
    let last_day = rows.iter().map(day).max().unwrap();
    let mut daily = vec![0.0; (last_day - first_day + 1) as usize];
    let mut seen = BTreeSet::new();
    let mut daily_users = daily.clone();
    for r in &rows {
        let d = (day(r) - first_day) as usize;
        daily[d] += 1.0;
        if seen.insert((d, r.user)) {
            daily_users[d] += 1.0;
        }
    }
    Truth { funnel: users_at, first_day, daily, daily_users, users: by_user.len() }
}

#[test]
fn the_funnel_and_trends_over_the_file_are_those_of_the_generated_rows_however_it_is_chunked() {
    let t = truth();
    assert!(t.funnel[4] > 0 && t.funnel.windows(2).all(|w| w[1] <= w[0]), "a real funnel: {:?}", t.funnel);
    for variant in [Variant::Standard, Variant::Italian] {
        let mut bytes = Vec::new();
        synth::write(ROWS, SEED, variant, &mut bytes).unwrap();
        // 1 and 7 split every multi-byte character and CRLF somewhere; 4093 is a few records.
        for chunk in [1, 7, 4093, bytes.len()] {
            let (users_at, daily, daily_users, events, users) = run(&bytes, chunk);
            let what = format!("{variant:?}, chunks of {chunk}");
            assert_eq!(users_at, t.funnel, "{what}");
            assert_eq!((events, users), (ROWS, t.users), "{what}");
            assert_eq!(daily.periods.first(), Some(&(t.first_day * DAY)), "{what}");
            assert_eq!(daily.values, t.daily, "{what}");
            assert_eq!(daily_users.values, t.daily_users, "{what}");
        }
    }
}

#[test]
fn a_file_without_an_event_log_says_what_is_missing() {
    let mut ingest = Ingest::default();
    ingest.push(b"name,age\nAda,36\n");
    let table = ingest.finish().unwrap();
    let err = event_log(&table).unwrap_err();
    assert!(err.contains("no user, event and time columns"), "{err}");
    assert!(Ingest::default().finish().is_err(), "no bytes, no table");
}
