// The page half of the in-browser analytics benchmark (tests/e2e/analytics-bench.mjs drives
// it through `window.favoBench`). The file is fetched and its body's chunks are pushed into
// wasm as they arrive, so JavaScript never holds the whole file and the wasm linear memory is
// the pipeline's real footprint. Each stage is timed with performance.now() around one wasm
// call; every stage returns a small JSON summary that the driver compares across runs.

import init, { Baseline, Bench } from './pkg/favo_wasm_bench.js';

const wasmReady = init();

/** What the page holds: wasm linear memory (it only grows, so it is the peak) and JS heap. */
function memoryNow(wasm) {
  return {
    linear: wasm.memory.buffer.byteLength,
    jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
  };
}

/** Streams `url` into `bench` (a Bench or a Baseline) chunk by chunk; returns the bytes and chunks seen. */
async function streamInto(url, bench) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const length = Number(response.headers.get('Content-Length') || 0);
  if (length > 0) bench.reserve(length);
  const reader = response.body.getReader();
  let bytes = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bench.push(value);
    bytes += value.byteLength;
    chunks++;
  }
  if (length > 0 && bytes !== length) throw new Error(`${url}: got ${bytes} bytes of ${length}`);
  return { bytes, chunks };
}

window.favoBench = {
  ready: wasmReady.then(() => true),

  /**
   * One run of the whole pipeline over `url`. Never throws: a failure (a wasm trap when
   * memory runs out, say) comes back as `{ ok: false, stage, error }` with the memory at
   * that point, so the driver can report where it stopped.
   */
  async pipeline(url) {
    const wasm = await wasmReady;
    const ms = {};
    const linearAfter = {};
    const results = {};
    let stage = 'load + push';
    let loaded = { bytes: 0, chunks: 0 };
    const bench = new Bench();
    const start = performance.now();
    let last = start;
    const lap = (name) => {
      const now = performance.now();
      ms[name] = now - last;
      linearAfter[name] = wasm.memory.buffer.byteLength;
      last = now;
    };
    // Times one wasm call (the JSON of its summary is parsed after the clock stops).
    const step = (name, call) => {
      stage = name;
      last = performance.now();
      const text = call();
      lap(name);
      results[name] = JSON.parse(text);
    };
    try {
      loaded = await streamInto(url, bench);
      lap('load + push');
      step('parse', () => bench.parse());
      step('build log', () => bench.build_log());
      step('funnel', () => bench.funnel());
      step('trend', () => bench.trend(false));
      step('trend unique', () => bench.trend(true));
      ms.total = Object.values(ms).reduce((a, b) => a + b, 0);
      ms.wall = performance.now() - start;
      return { ok: true, ...loaded, ms, linearAfter, memory: memoryNow(wasm), results };
    } catch (err) {
      return { ok: false, stage, error: String(err?.stack || err), ...loaded, ms, linearAfter, memory: memoryNow(wasm) };
    } finally {
      try {
        bench.free();
      } catch {}
    }
  },

  /**
   * csv-core alone over the same file: the bytes are streamed into wasm first (not timed),
   * then read `passes` times; returns each pass's ms and the counts.
   */
  async baseline(url, delimiter, passes) {
    await wasmReady;
    const baseline = new Baseline();
    try {
      const { bytes } = await streamInto(url, baseline);
      const code = delimiter.charCodeAt(0);
      const times = [];
      let counts = null;
      for (let i = 0; i < passes; i++) {
        const t0 = performance.now();
        const text = baseline.csv_core_only(code);
        times.push(performance.now() - t0);
        const c = JSON.parse(text);
        if (counts && JSON.stringify(c) !== JSON.stringify(counts)) throw new Error('csv-core counted differently between passes');
        counts = c;
      }
      // Favo's reader over the same bytes in memory, the figure set against csv-core's.
      const columnsTimes = [];
      for (let i = 0; i < passes; i++) {
        const t0 = performance.now();
        baseline.read_columns();
        columnsTimes.push(performance.now() - t0);
      }
      return { ok: true, bytes, times, columnsTimes, counts };
    } catch (err) {
      return { ok: false, error: String(err?.stack || err) };
    } finally {
      baseline.free();
    }
  },
};
