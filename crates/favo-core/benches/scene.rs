//! Native cost of what the painter asks of the core every frame on a 10,000-cell map:
//! building the tiles after an edit, choosing tiles and labels per frame at fit-all and at
//! reading zoom, and hit-testing a pointer.
//! Run: `cargo bench -p favo-core --bench scene`.

use criterion::{criterion_group, criterion_main, Criterion};
use favo_core::{hit, sample, scene, Grid, Point, Viewport};
use std::hint::black_box;

fn frame_work(c: &mut Criterion) {
    let journey = sample::large(10_000);
    let grid = Grid::new();
    let measure = |s: &str, px: f64| s.len() as f64 * px * 0.55;
    let mut fit = Viewport::new(1280.0, 800.0, 2.0);
    fit.fit(journey.bounds(&grid).unwrap(), 24.0);
    let close = Viewport::new(1280.0, 800.0, 2.0);
    c.bench_function("tiles 10k cells (after each edit)", |b| b.iter(|| scene::tiles::tiles(black_box(&journey), &grid)));
    let tiles = scene::tiles::tiles(&journey, &grid);
    c.bench_function("visible tiles + labels, all 10k visible (per frame)", |b| {
        b.iter(|| {
            let n = scene::tiles::visible(&tiles, &fit).count();
            (n, scene::build(black_box(&journey), &grid, &fit, &measure))
        })
    });
    c.bench_function("visible tiles + labels, reading zoom (per frame)", |b| {
        b.iter(|| {
            let n = scene::tiles::visible(&tiles, &close).count();
            (n, scene::build(black_box(&journey), &grid, &close, &measure))
        })
    });
    c.bench_function("hit test", |b| {
        b.iter(|| hit::hit_test(black_box(&journey), &grid, &close, Point::new(333.0, 222.0)))
    });
}

criterion_group!(benches, frame_work);
criterion_main!(benches);
