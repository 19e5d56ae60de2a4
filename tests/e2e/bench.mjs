// Browser benchmark: how fast Favo paints a 10,000-cell map while the user pans and zooms.
//
//   node bench.mjs [--cells 10000] [--seconds 4]
//
// Opens `/?bench=N` (a generated map, in memory only), then for a few seconds drives real
// input — wheel zoom bursts at varying points and middle-button drag pans — waiting one
// animation frame after every step. Reports the app's own paint times (`__favo.frameTimes()`)
// and the page's requestAnimationFrame intervals, then times ten deletes until they are on
// screen; writes artifacts/bench.json.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from './server.mjs';
import { DIST, ARTIFACTS, launchBrowser, isLocalUrl } from './harness.mjs';

const { values: opts } = parseArgs({
  options: {
    cells: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '4' },
  },
});
const CELLS = Number(opts.cells);
const SECONDS = Number(opts.seconds);

function quantile(values, q) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
const summary = (v) => ({
  n: v.length,
  p50: quantile(v, 0.5),
  p95: quantile(v, 0.95),
  max: v.length ? Math.max(...v) : null,
  mean: v.length ? v.reduce((a, b) => a + b, 0) / v.length : null,
});

/** A small deterministic PRNG so every run drives the same sequence. */
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: build the app first (trunk build --release) or set FAVO_DIST`);
  process.exit(2);
}

const server = await serve(DIST);
const browser = await launchBrowser();
let exitCode = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const foreign = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (isLocalUrl(u)) return route.continue();
    foreign.push(u);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  const t0 = Date.now();
  await page.goto(`${server.url}/?bench=${CELLS}`);
  await page.waitForFunction(() => window.__favo && window.__favo.ready(), null, { timeout: 120_000 });
  const loadMs = Date.now() - t0;
  const cellCount = await page.evaluate(() => window.__favo.cells().length);

  const box = await page.locator('#stage').boundingBox();
  const nextFrame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));

  // Record requestAnimationFrame intervals in the page for the whole run.
  await page.evaluate(() => {
    window.__benchRaf = { last: null, intervals: [], on: true };
    const tick = (t) => {
      const b = window.__benchRaf;
      if (!b.on) return;
      if (b.last !== null) b.intervals.push(t - b.last);
      b.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.evaluate(() => window.__favo.resetFrameTimes());

  const rand = mulberry32(20261123);
  const point = () => ({
    x: box.x + box.width * (0.15 + 0.7 * rand()),
    y: box.y + box.height * (0.15 + 0.7 * rand()),
  });
  const steps = { wheel: 0, pan: 0 };
  const zoomStart = await page.evaluate(() => window.__favo.zoom());
  const started = Date.now();
  const timeLeft = () => Date.now() - started < SECONDS * 1000;
  let round = 0;
  while (timeLeft()) {
    // A zoom burst: in, then the same amount out, about a random point.
    const p = point();
    await page.mouse.move(p.x, p.y);
    const sign = round % 2 === 0 ? -1 : 1;
    for (let i = 0; i < 8 && timeLeft(); i++) {
      await page.mouse.wheel(0, (i < 4 ? sign : -sign) * 120);
      await nextFrame();
      steps.wheel++;
    }
    // A middle-button drag pan, there and most of the way back.
    const a = point();
    const dx = (rand() - 0.5) * 400;
    const dy = (rand() - 0.5) * 300;
    await page.mouse.move(a.x, a.y);
    await page.mouse.down({ button: 'middle' });
    for (let i = 1; i <= 16 && timeLeft(); i++) {
      const t = i <= 8 ? i / 8 : 1 - (0.9 * (i - 8)) / 8;
      await page.mouse.move(a.x + dx * t, a.y + dy * t);
      await nextFrame();
      steps.pan++;
    }
    await page.mouse.up({ button: 'middle' });
    round++;
  }
  const elapsed = Date.now() - started;

  const frameTimes = await page.evaluate(() => window.__favo.frameTimes());
  const rafIntervals = await page.evaluate(() => {
    window.__benchRaf.on = false;
    return window.__benchRaf.intervals;
  });
  const zoomEnd = await page.evaluate(() => window.__favo.zoom());
  const lastScene = await page.evaluate(() =>
    typeof window.__favo.lastScene === 'function' ? window.__favo.lastScene() : null,
  );

  // Machine reference, in the same page and run: a fixed canvas workload (10,000 filled
  // squares, then a readback) that does not involve Favo. Shared machines drift by 2× over
  // an hour; paint time as a ratio of this is comparable across runs.
  const reference = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1000;
    canvas.height = 750;
    const g = canvas.getContext('2d');
    const times = [];
    for (let round = 0; round < 9; round++) {
      const start = performance.now();
      for (let i = 0; i < 10000; i++) {
        g.fillStyle = i % 2 ? '#a0c4ff' : '#ffd6a5';
        g.fillRect((i % 125) * 8, Math.floor(i / 125) * 9, 7, 7);
      }
      g.getImageData(0, 0, 1, 1);
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[4];
  });

  // Edit latency: select a cell, press Delete, and time until the frame after the change is
  // on screen (two animation frames: the one that paints, and the next one); then undo.
  await page.keyboard.press('0');
  await nextFrame();
  const editTimes = [];
  for (let i = 0; i < 10; i++) {
    const c = await page.evaluate((i) => window.__favo.cells()[100 + i * 37], i);
    await page.mouse.click(c.x, c.y);
    await nextFrame();
    editTimes.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const start = performance.now();
            const key = new KeyboardEvent('keydown', { key: 'Delete', bubbles: true });
            document.getElementById('stage').dispatchEvent(key);
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
          }),
      ),
    );
    await page.keyboard.press('ControlOrMeta+z');
    await nextFrame();
  }

  const report = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    viewport: { width: 1280, height: 800 },
    cells: cellCount,
    load_ms: loadMs,
    run_ms: elapsed,
    input_steps: steps,
    zoom: { start: zoomStart, end: zoomEnd },
    paint_ms: summary(frameTimes),
    raf_interval_ms: summary(rafIntervals),
    delete_to_screen_ms: summary(editTimes),
    reference_ms: reference,
    last_scene: lastScene,
    errors,
    foreign_requests: foreign,
  };

  const f = (x) => (x === null || x === undefined ? '—' : x.toFixed(2));
  const rows = [
    ['date', report.date],
    ['chromium', report.chromium],
    ['cpu', `${report.cpu} (${report.cores} cores)`],
    ['cells', String(cellCount)],
    ['load until ready', `${loadMs} ms`],
    ['run', `${elapsed} ms, ${steps.wheel} wheel + ${steps.pan} pan steps`],
    ['frames painted', String(report.paint_ms.n)],
    ['paint p50 / p95 / max', `${f(report.paint_ms.p50)} / ${f(report.paint_ms.p95)} / ${f(report.paint_ms.max)} ms`],
    ['rAF interval p50 / p95', `${f(report.raf_interval_ms.p50)} / ${f(report.raf_interval_ms.p95)} ms (${report.raf_interval_ms.n} intervals)`],
    ['machine reference', `${f(reference)} ms (10,000 fillRect + readback); paint p95 = ${f(report.paint_ms.p95 / reference)}× reference`],
    ['delete → on screen p50 / max', `${f(report.delete_to_screen_ms.p50)} / ${f(report.delete_to_screen_ms.max)} ms (${editTimes.length} edits, incl. 2 frames)`],
  ];
  if (lastScene !== null) rows.push(['last scene', JSON.stringify(lastScene).slice(0, 200)]);
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(`Favo browser benchmark: pan and zoom a ${CELLS}-cell map`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  if (errors.length) console.log(`  errors: ${errors.join(' | ')}`);
  if (foreign.length) console.log(`  requests that left 127.0.0.1 (blocked): ${foreign.join(', ')}`);

  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const out = path.join(ARTIFACTS, 'bench.json');
  fs.writeFileSync(out, JSON.stringify({ ...report, frame_times_ms: frameTimes }, null, 2) + '\n');
  console.log(`  written to ${path.relative(process.cwd(), out) || out}`);

  if (frameTimes.length === 0) {
    console.error('no frames were painted during the run: is __favo.frameTimes() recorded?');
    exitCode = 1;
  }
  if (errors.length || foreign.length) exitCode = 1;
  await context.close();
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);
