//! Native cost of the analytics pipeline on generated event logs (issue 4): reading the
//! bytes into a typed table (UTF-8 with commas, and the Italian Excel variant), building the
//! event log, and a five-step funnel and a daily trend over it. Throughput is in MB/s of the
//! file. Run: `cargo bench -p favo-core --bench analytics` (`-- --quick` for a short run).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use favo_core::funnel::Funnel;
use favo_core::ingest::events::{guess_roles, EventLog};
use favo_core::ingest::infer::Kind;
use favo_core::ingest::{self, raw::BadRows};
use favo_core::synth::{self, Variant};
use favo_core::trend::{self, Interval};
use std::hint::black_box;

fn log_of(table: &ingest::Table) -> EventLog {
    let kinds: Vec<Kind> = table.columns.iter().map(|c| c.kind).collect();
    let roles = guess_roles(table.raw.headers(), &kinds).expect("roles");
    EventLog::build(&table.raw, roles, kinds[roles.time]).0
}

fn pipeline(c: &mut Criterion) {
    for rows in [100_000usize, 1_000_000] {
        for (variant, tag) in [(Variant::Standard, "utf8"), (Variant::Italian, "italian")] {
            let mut bytes = Vec::new();
            synth::write(rows, 1, variant, &mut bytes).expect("in memory");
            let mut group = c.benchmark_group(format!("{rows} rows {tag}"));
            group.sample_size(10);
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function("read + type", |b| b.iter(|| ingest::read_table(black_box(&bytes), BadRows::Skip).expect("reads")));
            let table = ingest::read_table(&bytes, BadRows::Skip).expect("reads");
            group.bench_function("build event log", |b| b.iter(|| log_of(black_box(&table))));
            let log = log_of(&table);
            let steps: Vec<u32> = synth::STEPS[..5].iter().map(|s| log.name_id(s).expect("step")).collect();
            let funnel = Funnel::new(steps);
            group.bench_function("funnel, 5 steps", |b| b.iter(|| funnel.count(black_box(&log.rows))));
            group.bench_function("trend, daily", |b| b.iter(|| trend::count(black_box(&log.rows), &[], Interval::Day, false).expect("90 days")));
            group.bench_function("trend, daily unique users", |b| b.iter(|| trend::count(black_box(&log.rows), &[], Interval::Day, true).expect("90 days")));
            group.finish();
        }
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
