//! Native cost of the analytics pipeline on generated event logs (issue 4): reading the
//! bytes into typed columns (UTF-8 with commas, and the Italian Excel variant), building the
//! event log, and a five-step funnel and a daily trend over it. Throughput is in MB/s of the
//! file; "csv-core alone" reads every record and does nothing with it, the ceiling the reader
//! is compared with. Run: `cargo bench -p favo-core --bench analytics` (`-- --quick` for a
//! short run; `FAVO_BENCH_ROWS=10000000` adds ten million rows).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use favo_core::funnel::Funnel;
use favo_core::ingest::events::{guess_roles, EventLog};
use favo_core::ingest::stream::{read_dataset, Dataset, Options};
use favo_core::synth::{self, Variant};
use favo_core::trend::{self, Interval};
use std::hint::black_box;

fn log_of(data: &Dataset) -> EventLog {
    let roles = guess_roles(&data.headers(), &data.kinds()).expect("roles");
    EventLog::from_dataset(data, roles)
}

/// Records in `bytes` read by csv-core with nothing done with them.
fn csv_core_records(bytes: &[u8], delimiter: u8) -> usize {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let (mut out, mut ends) = ([0u8; 4096], [0usize; 64]);
    let (mut input, mut records) = (bytes, 0);
    loop {
        let (result, read, _, _) = reader.read_record(input, &mut out, &mut ends);
        input = &input[read..];
        match result {
            csv_core::ReadRecordResult::Record => records += 1,
            csv_core::ReadRecordResult::End => return records,
            _ => {}
        }
    }
}

fn pipeline(c: &mut Criterion) {
    let mut sizes = vec![100_000usize, 1_000_000];
    sizes.extend(std::env::var("FAVO_BENCH_ROWS").ok().and_then(|n| n.parse::<usize>().ok()));
    for rows in sizes {
        for (variant, tag, delimiter) in [(Variant::Standard, "utf8", b','), (Variant::Italian, "italian", b';')] {
            let mut bytes = Vec::new();
            synth::write(rows, 1, variant, &mut bytes).expect("in memory");
            let mut group = c.benchmark_group(format!("{rows} rows {tag}"));
            group.sample_size(10);
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function("csv-core alone", |b| b.iter(|| csv_core_records(black_box(&bytes), delimiter)));
            group.bench_function("read into columns", |b| b.iter(|| read_dataset(black_box(&bytes), Options::default()).expect("reads")));
            let data = read_dataset(&bytes, Options::default()).expect("reads");
            println!("{rows} rows {tag}: file {} MB, columns {} MB", bytes.len() / 1_000_000, data.heap_bytes() / 1_000_000);
            group.bench_function("build event log", |b| b.iter(|| log_of(black_box(&data))));
            let log = log_of(&data);
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
