//! Property tests from a file (issue 4): rows in any order, timestamps with offsets, and the
//! same rows as an Italian Excel export all give the same funnels, trends and breakdowns.

mod props;

use favo_core::funnel::{Event, Funnel, Order, DEFAULT_WINDOW};
use favo_core::ingest::events::{guess_roles, EventLog};
use favo_core::ingest::stream::{read_dataset, Options};
use favo_core::synth;
use favo_core::trend;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use props::*;

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
