//! The whole pipeline on generated logs: the same data as UTF-8 with commas and as an
//! Italian Excel export (Windows-1252, `;`, decimal comma, dd/mm/yyyy) reads the same, with
//! no settings, and funnels over it agree with the slow reference.

use super::events::{guess_roles, EventLog};
use super::infer::Kind;
use super::raw::BadRows;
use super::*;
use crate::funnel::{self, Funnel};
use crate::synth::{self, Variant};

fn log(variant: Variant, rows: usize) -> (Table, EventLog) {
    let mut bytes = Vec::new();
    synth::write(rows, 11, variant, &mut bytes).unwrap();
    let table = read_table(&bytes, BadRows::Fail).expect("the generated log reads");
    let kinds: Vec<Kind> = table.columns.iter().map(|c| c.kind).collect();
    let roles = guess_roles(table.raw.headers(), &kinds).expect("user, event and time are recognised");
    let (log, errors) = EventLog::build(&table.raw, roles, kinds[roles.time]);
    assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(3)]);
    (table, log)
}

#[test]
fn an_italian_excel_export_reads_like_the_same_log_in_utf8() {
    let (std, a) = log(Variant::Standard, 5_000);
    let (it, b) = log(Variant::Italian, 5_000);
    assert_eq!(it.decoded.encoding, encoding_rs::WINDOWS_1252);
    assert_eq!(it.sniff.as_ref().unwrap().dialect.delimiter, b';');
    assert_eq!(std.sniff.as_ref().unwrap().dialect.delimiter, b',');
    assert_eq!(it.raw.headers()[5], "città");
    assert_eq!(it.format.number.decimal, ',', "{:?}", it.format);
    assert!(matches!(it.columns[2].kind, Kind::DateTime(_)), "{:?}", it.columns[2]);
    // Revenue: the same numbers read from "1.234,56" and "1234.56".
    let revenue = |t: &Table| super::infer::convert(t.raw.column(6), t.columns[6].kind, "revenue", 1).0;
    assert_eq!(format!("{:?}", revenue(&std)), format!("{:?}", revenue(&it)));
    assert_eq!(a, b, "the same users, events and times");
    assert_eq!(a.rows.len(), 5_000);
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
