//! Native cost of what the painter asks of the core every frame on a 10,000-cell map:
//! building the scene at fit-all and at reading zoom, and hit-testing a pointer.
//! Run: `cargo bench -p favo-core --bench scene`.

use criterion::{criterion_group, criterion_main, Criterion};
use favo_core::{hit, sample, scene, Grid, Lang, Point, Viewport};
use std::hint::black_box;

fn frame_work(c: &mut Criterion) {
    let journey = sample::large(10_000);
    let grid = Grid::new();
    let measure = |s: &str, px: f64| s.len() as f64 * px * 0.55;
    let mut fit = Viewport::new(1280.0, 800.0, 2.0);
    fit.fit(journey.bounds(&grid).unwrap(), 24.0);
    let close = Viewport::new(1280.0, 800.0, 2.0);
    c.bench_function("scene 10k cells, all visible", |b| {
        b.iter(|| scene::build(black_box(&journey), &grid, &fit, Lang::En, &measure))
    });
    c.bench_function("scene 10k cells, reading zoom with labels", |b| {
        b.iter(|| scene::build(black_box(&journey), &grid, &close, Lang::En, &measure))
    });
    c.bench_function("hit test", |b| {
        b.iter(|| hit::hit_test(black_box(&journey), &grid, &close, Point::new(333.0, 222.0)))
    });
}

criterion_group!(benches, frame_work);
criterion_main!(benches);
