//! The whole pipeline on generated logs: the same data as UTF-8 with commas and as an
//! Italian Excel export (Windows-1252, `;`, decimal comma, dd/mm/yyyy) reads the same, with
//! no settings, and funnels over it agree with the slow reference.

use super::dataset::Data;
use super::events::{guess_roles, EventLog};
use super::infer::Kind;
use super::stream::{read_dataset, Dataset, Options};
use crate::funnel::{self, Funnel};
use crate::synth::{self, Variant};

fn log(variant: Variant, rows: usize) -> (Dataset, EventLog) {
    let mut bytes = Vec::new();
    synth::write(rows, 11, variant, &mut bytes).unwrap();
    let data = read_dataset(&bytes, Options::default()).expect("the generated log reads");
    assert_eq!(data.errors.count, 0, "{:?}", data.errors.first);
    let roles = guess_roles(&data.headers(), &data.kinds()).expect("user, event and time are recognised");
    let log = EventLog::from_dataset(&data, roles);
    (data, log)
}

#[test]
fn an_italian_excel_export_reads_like_the_same_log_in_utf8() {
    let (std, a) = log(Variant::Standard, 5_000);
    let (it, b) = log(Variant::Italian, 5_000);
    assert_eq!(it.detected.encoding, encoding_rs::WINDOWS_1252);
    assert_eq!(it.detected.sniff.as_ref().unwrap().dialect.delimiter, b';');
    assert_eq!(std.detected.sniff.as_ref().unwrap().dialect.delimiter, b',');
    assert_eq!(it.columns[5].name, "città");
    assert_eq!(it.detected.format.number.decimal, ',', "{:?}", it.detected.format);
    assert!(matches!(it.columns[2].kind, Kind::DateTime(_)), "{:?}", it.columns[2]);
    // Revenue: the same numbers read from "1.234,56" and "1234.56".
    let (Data::Number(x), Data::Number(y)) = (&std.columns[6].data, &it.columns[6].data) else { panic!("revenue is numbers") };
    assert_eq!(format!("{x:?}"), format!("{y:?}"));
    assert!(x.iter().any(|v| !v.is_nan()), "some rows have revenue");
    assert_eq!(a, b, "the same users, events and times");
    assert_eq!(a.rows.len(), 5_000);
}

#[test]
fn a_log_in_any_row_order_builds_the_same_log() {
    let mut bytes = Vec::new();
    synth::write(3_000, 4, Variant::Standard, &mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    // The generator writes in time order, as most exports come; grouped by user is the
    // other common order, and reversed is neither.
    let by_user = |l: &&str| (l.split(',').next().unwrap_or_default()[1..].parse::<u32>().unwrap_or(0), l.split(',').nth(2).unwrap_or_default().to_string());
    lines.sort_by_key(by_user);
    let grouped = format!("{header}\n{}\n", lines.join("\n"));
    lines.reverse();
    let shuffled = format!("{header}\n{}\n", lines.join("\n"));
    let read = |t: &str| {
        let data = read_dataset(t.as_bytes(), Options::default()).unwrap();
        EventLog::from_dataset(&data, guess_roles(&data.headers(), &data.kinds()).unwrap())
    };
    let (a, b, c) = (read(&text), read(&shuffled), read(&grouped));
    // (Their `source` rows differ: the files' rows are in other orders.)
    assert!(a.users == c.users && a.names == c.names && a.rows == c.rows, "grouped by user, the log is the one built from time order");
    let named = |log: &EventLog| -> Vec<(String, i64, String)> {
        log.rows.iter().map(|(u, e)| (log.users[*u as usize].clone(), e.time, log.names[e.name as usize].clone())).collect()
    };
    assert_ne!(text, shuffled, "the rows are no longer grouped by user");
    let (mut x, mut y) = (named(&a), named(&b));
    x.sort();
    y.sort();
    assert_eq!(x, y, "the same events");
    assert!(b.rows.windows(2).all(|w| (w[0].0, w[0].1.time) <= (w[1].0, w[1].1.time)), "grouped by user, then in time order");
    let steps = |log: &EventLog| synth::STEPS[..4].iter().map(|s| log.name_id(s).unwrap()).collect::<Vec<_>>();
    assert_eq!(Funnel::new(steps(&a)).count(&a.rows), Funnel::new(steps(&b)).count(&b.rows));
}

#[test]
fn funnels_over_a_generated_log_agree_with_the_reference() {
    let (_, log) = log(Variant::Italian, 20_000);
    let steps: Vec<u32> = synth::STEPS.iter().map(|s| log.name_id(s).unwrap()).collect();
    for window in ["1h", "1d", "14d"] {
        let f = Funnel { window: funnel::parse_window(window).unwrap(), ..Funnel::new(steps[..5].to_vec()) };
        let fast = f.count(&log.rows);
        let mut slow = vec![0u64; 5];
        for user in log.rows.chunk_by(|a, b| a.0 == b.0) {
            let mut events: Vec<_> = user.iter().map(|(_, e)| *e).collect();
            events.sort_by_key(|e| f.sort_key(e));
            for s in slow.iter_mut().take(funnel::reference(&f, &events)) {
                *s += 1;
            }
        }
        assert_eq!(fast, slow, "window {window}");
        assert!(fast.windows(2).all(|w| w[1] <= w[0]), "{fast:?}");
        if window == "14d" {
            assert!(fast[4] > 0, "someone buys within two weeks: {fast:?}");
        }
    }
}

/// The log's order is (user, time, event, row) whatever the file's order, ties included:
/// checked against sorting the rows by that key, on a file in time order (one pass) and on
/// the same rows reversed (a real sort), each with events tied at one moment.
#[test]
fn the_log_is_in_user_time_event_row_order_with_ties() {
    let text = "user,event,time\n\
        u2,b,2024-01-01 10:00:00\nu1,c,2024-01-01 10:00:00\nu1,a,2024-01-01 10:00:00\n\
        u2,a,2024-01-01 10:00:00\nu1,c,2024-01-01 10:00:00\nu1,b,2024-01-01 11:00:00\n\
        u3,,2024-01-01 11:00:00\nu2,c,2024-01-01 12:00:00\nu1,a,2024-01-01 12:00:00\n";
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let reversed = format!("{header}\n{}\n", lines.join("\n"));
    for file in [text.to_string(), reversed] {
        let data = read_dataset(file.as_bytes(), Options::default()).unwrap();
        let log = EventLog::from_dataset(&data, guess_roles(&data.headers(), &data.kinds()).unwrap());
        let (users, names) = (data.columns[0].dictionary().1, data.columns[1].dictionary().1);
        let Data::DateTime(times) = &data.columns[2].data else { panic!("the time column reads as times") };
        // Every row but u3's, which has no event.
        let mut expected: Vec<u32> = (0..data.rows as u32).filter(|&r| !data.columns[1].display(r as usize).is_empty()).collect();
        expected.sort_by_key(|&r| (users[r as usize], times[r as usize], names[r as usize], r));
        assert_eq!(log.source, expected, "{file}");
        assert_eq!(log.rows.len(), 8);
    }
}
