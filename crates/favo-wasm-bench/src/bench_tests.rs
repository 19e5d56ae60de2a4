//! `Bench` and `Baseline` driven as the page drives them: reserve, chunks pushed, the csv-core
//! count, then each stage; the summaries agree with each other (every row one csv-core record
//! after the header, every row an event, every event in the trend).

use favo_core::synth::{self, Variant};
use serde_json::{json, Value};

use super::*;

fn summary(text: String) -> Value {
    serde_json::from_str(&text).expect("a stage returns JSON")
}

#[test]
fn the_stages_summarise_one_consistent_run() {
    let mut bytes = Vec::new();
    synth::write(4_000, 2, Variant::Italian, &mut bytes).unwrap();
    let (mut bench, mut baseline) = (Bench::new(), Baseline::new());
    bench.reserve(bytes.len());
    baseline.reserve(bytes.len());
    for chunk in bytes.chunks(65_536) {
        bench.push(chunk);
        baseline.push(chunk);
    }
    let counted = summary(baseline.csv_core_only(b';'));
    assert_eq!(counted, json!({"records": 4_001, "fields": 7 * 4_001}));
    let table = summary(bench.parse().unwrap());
    assert_eq!(table["rows"], 4_000);
    assert_eq!(table["columns"], 7);
    assert_eq!(table["skipped"], 0);
    assert_eq!(table["encoding"], "windows-1252");
    assert_eq!(table["delimiter"], ";");
    let log = summary(bench.build_log().unwrap());
    assert_eq!(log["events"], 4_000);
    let funnel = summary(bench.funnel().unwrap());
    assert_eq!(funnel["steps"], json!(["ad_view", "blog_visit", "brochure_download", "demo_request", "purchase"]));
    let users: Vec<u64> = serde_json::from_value(funnel["users"].clone()).unwrap();
    assert!(users[0] <= log["users"].as_u64().unwrap() && users.windows(2).all(|w| w[1] <= w[0]), "{users:?}");
    let events = summary(bench.trend(false).unwrap());
    assert_eq!(events["total"], 4_000.0, "every event is in one day");
    let unique = summary(bench.trend(true).unwrap());
    assert_eq!(unique["periods"], events["periods"]);
    assert!(unique["total"].as_f64().unwrap() < 4_000.0, "users come back on the same day: {unique}");
}

#[test]
fn a_trend_summary_moves_when_counts_shift_between_days() {
    let trend = |values: Vec<f64>| Trend { periods: vec![0, 86_400_000, 172_800_000], values, last_incomplete: false };
    let a = trend_summary(&trend(vec![1.0, 2.0, 3.0]));
    let b = trend_summary(&trend(vec![2.0, 1.0, 3.0]));
    assert_eq!(a["total"], b["total"]);
    assert_ne!(a["weighted"], b["weighted"]);
    assert_eq!(a, json!({"periods": 3, "first": 0, "total": 6.0, "weighted": 14.0, "last_incomplete": false}));
}
