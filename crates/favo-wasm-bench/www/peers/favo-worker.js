// Favo's engine in a dedicated module worker, as the app would run it off the main thread:
// the worker fetches the file itself and pushes the body's chunks into wasm as they arrive
// (as ../bench.js does), then answers the funnel and the two daily trends. Each stage is
// posted as soon as it is done, so the page sees when each answer arrives.
//
// In:  { url }                       (the dialect is Favo's to detect: it is not told)
// Out: { ready } once, then per run { stage, ms, ... } for 'load', 'funnel', 'trend',
//      or { stage, error } when a stage fails.

import init, { Bench } from '../pkg/favo_wasm_bench.js';

const wasm = await init();
postMessage({ ready: true });

onmessage = async ({ data: { url } }) => {
  const bench = new Bench();
  let stage = 'load';
  let t = performance.now();
  // Times the stage just finished and posts it with its answer.
  const done = (answer) => {
    const now = performance.now();
    postMessage({ stage, ms: now - t, linear: wasm.memory.buffer.byteLength, ...answer });
    t = now;
  };
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      bench.push(value);
    }
    const read = JSON.parse(bench.parse());
    const log = JSON.parse(bench.build_log());
    done({ rows: read.rows, encoding: read.encoding, delimiter: read.delimiter, events: log.events, users: log.users });

    stage = 'funnel';
    done({ funnel: JSON.parse(bench.funnel()).users });

    stage = 'trend';
    const events = JSON.parse(bench.trend(false));
    const users = JSON.parse(bench.trend(true));
    done({ trend: { events, users } });
  } catch (err) {
    postMessage({ stage, error: String(err?.stack || err), linear: wasm.memory.buffer.byteLength });
  } finally {
    bench.free();
  }
};
