//! A realistic synthetic event log (`favo generate`): users arrive over 90 days, each walks
//! the seven purchase phases' events with drop-off at every step (and page views between),
//! some come back for another attempt, and a purchase carries revenue. Used for the sample
//! data, the tests and the benchmarks.
//!
//! Deterministic: the same rows, seed and variant give the same bytes on every machine and
//! every version. That is why the random numbers come from a small generator written here
//! (xorshift64*) rather than the `rand` crate, whose algorithms may change between versions.
//!
//! Rows come out in time order, streamed: a heap holds each active user's next event, so
//! memory stays small however many rows are asked for.
//!
//! The Italian variant is what an Italian Excel export looks like: `;`, decimal comma with
//! `.` thousands, `dd/mm/yyyy hh:mm:ss`, CRLF, Windows-1252 (`€` and accents), Italian
//! headers. It holds the same data as the standard variant.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, Write};

use crate::ingest::value::clock;

/// The events of the seven phases, in order (Awareness … Advocacy).
pub const STEPS: [&str; 7] = ["ad_view", "blog_visit", "brochure_download", "demo_request", "purchase", "product_registration", "review_posted"];
/// Chance of going on from each step to the next.
const CONTINUE: [f64; 6] = [0.62, 0.55, 0.5, 0.45, 0.7, 0.4];
/// An event between steps that belongs to no funnel.
pub const NOISE: &str = "page_view";
const CHANNELS: [&str; 5] = ["web", "social", "email", "advertising", "store"];
const SEGMENTS: [&str; 3] = ["consumer", "business", "partner"];
const CITIES: [&str; 6] = ["Milano", "Forlì", "Cantù", "Città di Castello", "Torino", "Napoli"];

/// 2024-01-01T00:00:00Z.
pub const START_MS: i64 = 1_704_067_200_000;
const SPAN_MS: f64 = 90.0 * 86_400_000.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// UTF-8, `,`, ISO 8601 UTC timestamps, `.` decimals.
    Standard,
    /// Windows-1252, `;`, `dd/mm/yyyy hh:mm:ss`, decimal comma.
    Italian,
}

/// xorshift64* (Vigna): small, fast and fixed forever.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread the seed (splitmix64) so that seeds 0, 1, 2 give unrelated streams.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }

    /// Exponentially distributed with this mean.
    fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }
}

struct User {
    id: u64,
    /// The funnel step of the next event; `None` for a page view before it.
    next_step: usize,
    noise_first: bool,
    channel: usize,
    segment: usize,
    city: usize,
}

/// One row of the log, before formatting.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub user: u64,
    pub event: &'static str,
    pub time_ms: i64,
    pub channel: &'static str,
    pub segment: &'static str,
    pub city: &'static str,
    /// Cents, on purchases.
    pub revenue_cents: Option<i64>,
}

/// The rows of the log, in time order (ties in order of scheduling).
pub fn rows(count: usize, seed: u64) -> impl Iterator<Item = Row> {
    let mut rng = Rng::new(seed);
    // About four events per user: spread the users' arrivals over the 90 days.
    let users = (count as f64 / 4.0).max(1.0);
    let arrival_gap = SPAN_MS / users;
    let mut active: Vec<Option<User>> = Vec::new();
    let mut free: Vec<usize> = Vec::new();
    // (time, sequence, slot); slot usize::MAX is "the next user arrives".
    let mut heap: BinaryHeap<Reverse<(i64, u64, usize)>> = BinaryHeap::new();
    let mut seq = 0u64;
    let mut next_user = 1u64;
    heap.push(Reverse((START_MS, 0, usize::MAX)));
    let mut left = count;
    std::iter::from_fn(move || loop {
        if left == 0 {
            return None;
        }
        let Reverse((time, _, slot)) = heap.pop()?;
        seq += 1;
        if slot == usize::MAX {
            let user = User {
                id: next_user,
                next_step: 0,
                noise_first: rng.unit() < 0.3,
                channel: rng.below(CHANNELS.len()),
                segment: rng.below(SEGMENTS.len()),
                city: rng.below(CITIES.len()),
            };
            next_user += 1;
            let slot = match free.pop() {
                Some(s) => {
                    active[s] = Some(user);
                    s
                }
                None => {
                    active.push(Some(user));
                    active.len() - 1
                }
            };
            heap.push(Reverse((time, seq, slot)));
            heap.push(Reverse((time + rng.exp(arrival_gap).max(1.0) as i64, seq, usize::MAX)));
            continue;
        }
        let Some(user) = active[slot].as_mut() else { continue };
        let (event, revenue) = if user.noise_first {
            user.noise_first = false;
            (NOISE, None)
        } else {
            let step = user.next_step;
            let revenue = (STEPS[step] == "purchase").then(|| 1_990 + (rng.exp(12_000.0) as i64 / 10) * 10);
            (STEPS[step], revenue)
        };
        let row = Row {
            user: user.id,
            event,
            time_ms: time,
            channel: CHANNELS[user.channel],
            segment: SEGMENTS[user.segment],
            city: CITIES[user.city],
            revenue_cents: revenue,
        };
        left -= 1;
        if event != NOISE {
            let step = user.next_step;
            let goes_on = step < CONTINUE.len() && rng.unit() < CONTINUE[step];
            if goes_on {
                user.next_step += 1;
                user.noise_first = rng.unit() < 0.35;
                // Minutes to days between steps, later phases slower.
                let gap = rng.exp(3_600_000.0 * (1.0 + 6.0 * step as f64)) as i64 + 1_000;
                heap.push(Reverse((time + gap, seq, slot)));
            } else if rng.unit() < 0.15 {
                // Comes back another day for a new attempt.
                user.next_step = 0;
                user.noise_first = false;
                heap.push(Reverse((time + rng.exp(5.0 * 86_400_000.0) as i64 + 60_000, seq, slot)));
            } else {
                active[slot] = None;
                free.push(slot);
            }
        } else {
            heap.push(Reverse((time + rng.exp(120_000.0) as i64 + 1_000, seq, slot)));
        }
        return Some(row);
    })
}

/// Formats one row as a line of the variant (without the line ending).
fn line(row: &Row, variant: Variant, out: &mut String) {
    use std::fmt::Write as _;
    let (y, mo, d, h, mi, s) = clock(row.time_ms);
    out.clear();
    match variant {
        Variant::Standard => {
            let _ = write!(out, "u{},{},{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z,{},{},{},", row.user, row.event, row.channel, row.segment, row.city);
            if let Some(c) = row.revenue_cents {
                let _ = write!(out, "{}.{:02}", c / 100, c % 100);
            }
        }
        Variant::Italian => {
            let _ = write!(out, "u{};{};{d:02}/{mo:02}/{y:04} {h:02}:{mi:02}:{s:02};{};{};{};", row.user, row.event, row.channel, row.segment, row.city);
            if let Some(c) = row.revenue_cents {
                let (units, cents) = (c / 100, c % 100);
                if units >= 1000 {
                    let _ = write!(out, "{}.{:03},{cents:02}", units / 1000, units % 1000);
                } else {
                    let _ = write!(out, "{units},{cents:02}");
                }
            }
        }
    }
}

/// Writes a log of `count` rows (plus the header) in the variant.
pub fn write(count: usize, seed: u64, variant: Variant, out: &mut impl Write) -> io::Result<()> {
    let (header, end) = match variant {
        Variant::Standard => ("user_id,event,timestamp,channel,segment,city,revenue", "\n"),
        Variant::Italian => ("utente;evento;data;canale;segmento;città;importo (€)", "\r\n"),
    };
    let mut text = String::with_capacity(1 << 16);
    let mut buf = String::with_capacity(128);
    text.push_str(header);
    text.push_str(end);
    for row in rows(count, seed) {
        line(&row, variant, &mut buf);
        text.push_str(&buf);
        text.push_str(end);
        if text.len() > 1 << 16 {
            flush(&mut text, variant, out)?;
        }
    }
    flush(&mut text, variant, out)
}

fn flush(text: &mut String, variant: Variant, out: &mut impl Write) -> io::Result<()> {
    match variant {
        Variant::Standard => out.write_all(text.as_bytes())?,
        Variant::Italian => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            debug_assert!(!unmappable, "every character of the log exists in Windows-1252");
            out.write_all(&bytes)?;
        }
    }
    text.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_other_ones() {
        let gen = |seed, v| {
            let mut out = Vec::new();
            write(2_000, seed, v, &mut out).unwrap();
            out
        };
        assert_eq!(gen(7, Variant::Standard), gen(7, Variant::Standard));
        assert_ne!(gen(7, Variant::Standard), gen(8, Variant::Standard));
        assert_eq!(gen(7, Variant::Italian), gen(7, Variant::Italian));
    }

    #[test]
    fn rows_come_in_time_order_and_each_user_walks_the_steps_in_order() {
        let rows: Vec<Row> = rows(20_000, 1).collect();
        assert_eq!(rows.len(), 20_000);
        assert!(rows.windows(2).all(|w| w[0].time_ms <= w[1].time_ms));
        assert!(rows.iter().all(|r| r.time_ms >= START_MS && r.time_ms < START_MS + 120 * 86_400_000));
        // Within one attempt a user's steps go up one at a time, or start again at step 1.
        let mut last: std::collections::HashMap<u64, usize> = Default::default();
        for r in rows.iter().filter(|r| r.event != NOISE) {
            let step = STEPS.iter().position(|s| *s == r.event).unwrap();
            let before = last.insert(r.user, step);
            assert!(step == 0 || before == Some(step - 1), "user {} jumped to {}", r.user, r.event);
        }
        // Drop-off: every step is reached by fewer users than the one before.
        let reached = |s: usize| rows.iter().filter(|r| r.event == STEPS[s]).map(|r| r.user).collect::<std::collections::HashSet<_>>().len();
        assert!((1..STEPS.len()).all(|s| reached(s) < reached(s - 1)), "{:?}", (0..7).map(reached).collect::<Vec<_>>());
        assert!(reached(STEPS.len() - 1) > 0, "someone gets to the end");
        assert!(rows.iter().filter(|r| r.event == "purchase").all(|r| r.revenue_cents.is_some_and(|c| c >= 1_990)));
    }

    #[test]
    fn the_italian_variant_is_an_italian_excel_export_of_the_same_data() {
        let (mut std, mut it) = (Vec::new(), Vec::new());
        write(3_000, 3, Variant::Standard, &mut std).unwrap();
        write(3_000, 3, Variant::Italian, &mut it).unwrap();
        assert!(std::str::from_utf8(&it).is_err(), "not UTF-8");
        let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&it);
        assert!(!bad);
        let std = String::from_utf8(std).unwrap();
        assert!(text.starts_with("utente;evento;data;canale;segmento;città;importo (€)\r\n"));
        assert!(it.contains(&0x80), "the euro sign is byte 0x80");
        let (a, b): (Vec<&str>, Vec<&str>) = (std.lines().skip(1).collect(), text.lines().skip(1).collect());
        assert_eq!(a.len(), b.len());
        for (s, i) in a.iter().zip(&b) {
            let (s, i): (Vec<&str>, Vec<&str>) = (s.split(',').collect(), i.split(';').collect());
            assert_eq!((s[0], s[1], s[3], s[4], s[5]), (i[0], i[1], i[3], i[4], i[5]));
            // 2024-01-05T10:15:00Z ↔ 05/01/2024 10:15:00
            let (date, time) = s[2].trim_end_matches('Z').split_once('T').unwrap();
            let ymd: Vec<&str> = date.split('-').collect();
            assert_eq!(i[2], format!("{}/{}/{} {time}", ymd[2], ymd[1], ymd[0]));
            assert_eq!(s[6].replace('.', ","), i[6].replace('.', ""), "revenue: 1234.56 is 1.234,56");
        }
        assert!(b.iter().any(|l| l.contains("Forlì")));
    }
}
