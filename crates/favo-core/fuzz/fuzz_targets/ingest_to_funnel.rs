//! Any bytes through the whole analytics pipeline, as the app runs it: the streaming reader
//! (fed in chunks whose size the input chooses, and compared with one push of everything),
//! roles, the event log, a funnel over its first three event names (checked against the
//! slow reference on small logs) and an hourly trend (which must count every event once).

#![no_main]

use favo_core::funnel::{self, Funnel};
use favo_core::ingest::events::{guess_roles, EventLog};
use favo_core::ingest::stream::{Options, Reader};
use favo_core::trend::{self, Interval};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // A small sample, so that detection and streaming both happen in small inputs.
    let sample = 16 + usize::from(bytes.first().copied().unwrap_or(0)) * 4;
    let chunk = 1 + usize::from(bytes.last().copied().unwrap_or(0));
    let read = |chunk: usize| {
        let mut reader = Reader::with_sample(Options::default(), sample);
        for piece in bytes.chunks(chunk) {
            reader.push(piece)?;
        }
        reader.finish()
    };
    let (whole, cut) = (read(bytes.len().max(1)), read(chunk));
    match (&whole, &cut) {
        // Compared as text: a missing number is NaN, which is not equal to itself.
        (Ok(a), Ok(b)) => assert!(format!("{:?}", a.columns) == format!("{:?}", b.columns) && a.rows == b.rows, "chunks of {chunk} bytes read other columns"),
        (Err(a), Err(b)) => assert_eq!(a, b, "chunks of {chunk} bytes failed otherwise"),
        _ => panic!("chunks of {chunk} bytes changed whether the file reads: {:?} / {:?}", whole.is_ok(), cut.is_ok()),
    }
    let Ok(data) = whole else { return };
    assert!(data.columns.iter().all(|c| c.len() == data.rows), "every column has a value per row");
    let Some(roles) = guess_roles(&data.headers(), &data.kinds()) else { return };
    let log = EventLog::from_dataset(&data, roles);

    let steps: Vec<u32> = (0..log.names.len().min(3) as u32).collect();
    let f = Funnel::new(steps.clone());
    let fast = f.count(&log.rows);
    assert!(fast.windows(2).all(|w| w[1] <= w[0]), "a later step has more users: {fast:?}");
    assert!(fast.first().is_none_or(|&n| n as usize <= log.user_count()));
    if log.rows.len() <= 200 {
        let mut slow = vec![0u64; steps.len()];
        for user in log.rows.chunk_by(|a, b| a.0 == b.0) {
            let mut events: Vec<_> = user.iter().map(|(_, e)| *e).collect();
            events.sort_by_key(|e| f.sort_key(e));
            // The reference tries every order of tied events: keep its cost bounded.
            let orders = events.chunk_by(|a, b| a.time == b.time).fold(1u64, |n, tie| n.saturating_mul((1..=tie.len() as u64).product()));
            if orders > 5_000 {
                return;
            }
            for s in slow.iter_mut().take(funnel::reference(&f, &events)) {
                *s += 1;
            }
        }
        assert_eq!(fast, slow, "the funnel disagrees with the reference");
    }

    if let Ok(t) = trend::count(&log.rows, &[], Interval::Hour, false) {
        assert_eq!(t.values.iter().sum::<f64>() as usize, log.rows.len(), "the trend lost or double-counted events");
    }
});
