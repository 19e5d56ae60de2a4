// Browser benchmark of issue 4's analytics pipeline: the core compiled to wasm
// (crates/favo-wasm-bench) reading a generated event log in headless Chromium, stage by stage.
//
//   .ci/wasm-bench [--rows 1e5,1e6,1e7] [--runs 3] [--variants utf8,italian] [--passes 5] [--warm]
//
// .ci/wasm-bench builds the wasm and its page into target/wasm-bench/ and runs this; run
// alone, it expects that build (FAVO_WASM_BENCH_SITE names another place). The logs come from
// `favo generate --seed 1` into target/bench-data/ and are kept for the next run, with what
// the native CLI computes from each (funnel, daily trends) beside them.
//
// Every run is a fresh Chromium: the page fetches the log and pushes the body's chunks into
// wasm as they arrive (JS never holds the file), then times each stage with performance.now().
// That is a first file in a fresh tab: V8 compiles each wasm function on its first call and
// optimises it once hot, and that is in the times. `--warm` first runs the 1e5 log through
// the same page (untimed), which shows what is compilation.
// Issue 4's targets: 1e6 rows through in <= 250 ms; parsing at >= 35 % of csv-core alone on
// the same bytes in the same browser; 1e7 rows with peak memory <= 1.5x the file. Prints a
// table per log (medians over the runs) and writes artifacts/analytics-bench.json. Fails when
// runs disagree with each other or with the native CLI, or when a run fails.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { REPO, ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, isLocalUrl } from './harness.mjs';
import { TARGET, DATA, dataFile, native, rendererPeakRss, median, serveWithData } from './bench-logs.mjs';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1e5,1e6' },
    runs: { type: 'string', default: '3' },
    variants: { type: 'string', default: 'utf8' },
    passes: { type: 'string', default: '5' },
    warm: { type: 'boolean', default: false },
  },
});
const ROWS = opts.rows.split(',').map((r) => Number(r.trim()));
const RUNS = Number(opts.runs);
const PASSES = Number(opts.passes);
const VARIANTS = opts.variants.split(',').map((v) => v.trim());
const WARM = opts.warm;
if (ROWS.some((r) => !Number.isInteger(r) || r < 1) || !(RUNS >= 1) || !(PASSES >= 1) || VARIANTS.some((v) => !['utf8', 'italian'].includes(v))) {
  console.error('usage: analytics-bench.mjs [--rows 1e5,1e6,1e7] [--runs 3] [--variants utf8,italian] [--passes 5] [--warm]');
  process.exit(2);
}

const SITE = path.resolve(REPO, process.env.FAVO_WASM_BENCH_SITE || path.join(TARGET, 'wasm-bench'));
const STAGES = [
  ['load + push', 'fetch + read into columns as it streams'],
  ['parse', 'finish reading (last chunk)'],
  ['build log', 'build event log'],
  ['funnel', 'funnel, 5 steps'],
  ['trend', 'trend, daily'],
  ['trend unique', 'trend, daily unique users'],
];
const MB = 1e6;
const MiB = 1 << 20;

if (!fs.existsSync(path.join(SITE, 'pkg', 'favo_wasm_bench.js'))) {
  console.error(`${SITE}/pkg is missing: build it with .ci/wasm-bench (or set FAVO_WASM_BENCH_SITE)`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// Chromium.

let chromiumVersion = null;

/**
 * Opens the bench page in a fresh Chromium, runs `fn(page)`, and returns its result with
 * the largest renderer's peak RSS (the page's process: a fresh browser has no other busy one).
 */
async function inFreshBrowser(url, fn) {
  // Precise memory info: otherwise performance.memory is rounded and rarely updated.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  chromiumVersion ??= browser.version();
  try {
    const context = await browser.newContext();
    const problems = [];
    // Watched, not routed: intercepting every request (as the e2e harness does to block
    // strays) would put Playwright between the page and the log it streams, and in its time.
    context.on('request', (req) => isLocalUrl(req.url()) || problems.push(`request left 127.0.0.1: ${req.url()}`));
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    await page.goto(url);
    await page.waitForFunction(() => window.favoBench, null, { timeout: 30_000 });
    await page.evaluate(() => window.favoBench.ready);
    const result = await fn(page);
    return { ...result, rendererPeakRss: await rendererPeakRss(browser), problems };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------
// Numbers.

const fmt = (n, digits = 1) => (n === null || n === undefined ? '–' : n.toFixed(digits));
const pad = (s, n) => String(s).padStart(n);
const count = (n) => n.toLocaleString('en-US');
const mb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / MB).toFixed(1)} MB`);

/** Where two summaries differ, as readable lines (empty when they agree). */
function differences(label, a, b) {
  return isDeepStrictEqual(a, b) ? [] : [`${label}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

/** What a run must agree on with the native CLI's numbers for the same file. */
function nativeView(results) {
  return {
    events: results['build log'].events,
    users: results['build log'].users,
    funnel: results.funnel.users,
    trend: results.trend,
    'trend unique': results['trend unique'],
  };
}

// ---------------------------------------------------------------------------------------
// One log: measured, checked, printed.

/** Measures one log: the csv-core yardstick, then RUNS runs; `problems` lists what failed. */
async function measure(base, rows, variant) {
  const file = dataFile(rows, variant);
  const { days, ...expected } = native(file); // the daily values are peer-bench's
  const size = fs.statSync(file).size;
  const url = `${base}/data/${path.basename(file)}`;
  const delimiter = variant === 'italian' ? ';' : ',';
  const log = { rows, variant, file: path.relative(REPO, file), bytes: size, native: expected, runs: [], baseline: null, problems: [] };

  // The yardstick first, in its own browser: csv-core alone on the bytes, held in wasm memory.
  log.baseline = await inFreshBrowser(`${base}/`, (page) =>
    page.evaluate(([u, d, n]) => window.favoBench.baseline(u, d, n), [url, delimiter, PASSES]),
  );
  log.problems.push(...log.baseline.problems);
  if (!log.baseline.ok) log.problems.push(`csv-core baseline failed: ${log.baseline.error}`);

  for (let i = 0; i < RUNS; i++) {
    const run = await inFreshBrowser(`${base}/`, async (page) => {
      if (WARM) {
        const warmUp = await page.evaluate((u) => window.favoBench.pipeline(u), `${base}/data/${path.basename(dataFile(100_000, 'utf8'))}`);
        if (!warmUp.ok) return { ...warmUp, stage: `warm-up: ${warmUp.stage}` };
      }
      return page.evaluate((u) => window.favoBench.pipeline(u), url);
    });
    log.runs.push(run);
    log.problems.push(...run.problems.map((p) => `run ${i + 1}: ${p}`));
    if (!run.ok) {
      log.problems.push(`run ${i + 1} failed in "${run.stage}" with ${mb(run.memory.linear)} of wasm linear memory: ${run.error.split('\n')[0]}`);
      break;
    }
  }

  // Agreement: every run the same, the same as the CLI, and as many rows as csv-core saw.
  const good = log.runs.filter((r) => r.ok);
  for (const [i, r] of good.entries()) {
    if (i > 0) log.problems.push(...differences(`run ${i + 1} differs from run 1`, r.results, good[0].results));
  }
  if (good.length) {
    const cache = `${path.basename(file)}.native.json`;
    log.problems.push(...differences(`wasm differs from the native CLI (cached in ${cache}: delete it if the CLI changed)`, nativeView(good[0].results), expected));
    if (log.baseline.ok && good[0].results.parse.rows !== log.baseline.counts.records - 1) {
      log.problems.push(`parse read ${good[0].results.parse.rows} rows, csv-core counted ${log.baseline.counts.records - 1} (+ header)`);
    }
  }

  // Medians over the good runs (or what the failed run reached).
  const counted = good.length ? good : log.runs.slice(-1);
  if (good.length) {
    log.median = Object.fromEntries([...STAGES.map(([k]) => k), 'total'].map((k) => [k, median(good.map((r) => r.ms[k]))]));
    log.median.compute = median(good.map((r) => r.ms.total - r.ms['load + push']));
  }
  if (log.baseline.ok) {
    log.csvCoreMs = median(log.baseline.times);
    log.columnsMs = median(log.baseline.columnsTimes);
    log.parseOfCsvCore = log.csvCoreMs / log.columnsMs;
  }
  if (counted.length) {
    const linear = median(counted.map((r) => r.memory.linear));
    const jsHeap = median(counted.map((r) => r.memory.jsHeap));
    const total = linear + (jsHeap ?? 0);
    log.peak = { linear, jsHeap, total, ofFile: total / size, rendererPeakRss: median(counted.map((r) => r.rendererPeakRss)) };
  }
  return log;
}

/** Prints one log's table, yardstick, memory and results. */
function print(log) {
  const { bytes: size, runs } = log;
  const good = runs.filter((r) => r.ok);
  const rate = (ms) => fmt(size / MiB / (ms / 1000), 0);
  console.log(`\n== ${count(log.rows)} rows, ${log.variant}: ${mb(size)} (${fmt(size / MiB)} MiB), ${good.length} of ${RUNS} runs`);
  if (log.median) {
    console.log(`${'stage'.padEnd(40)} ${pad('ms', 9)} ${pad('MiB/s', 8)}   runs (ms)`);
    for (const [key, label] of [...STAGES, ['total', 'total']]) {
      console.log(`${label.padEnd(40)} ${pad(fmt(log.median[key]), 9)} ${pad(rate(log.median[key]), 8)}   ${good.map((r) => fmt(r.ms[key])).join(' / ')}`);
    }
    console.log(`${'total after the last byte arrived'.padEnd(40)} ${pad(fmt(log.median.compute), 9)}`);
  }
  if (log.csvCoreMs) {
    const { counts, times } = log.baseline;
    let line = `csv-core alone: ${rate(log.csvCoreMs)} MiB/s (${fmt(log.csvCoreMs)} ms, median of ${times.length} passes; ${count(counts.records)} records, ${count(counts.fields)} fields)`;
    console.log(line);
    console.log(`read into columns from memory: ${rate(log.columnsMs)} MiB/s (${fmt(log.columnsMs)} ms, median of ${times.length} passes), ${fmt(100 * log.parseOfCsvCore, 0)} % of csv-core (issue 4: >= 35 %)`);
  }
  if (log.peak) {
    const { linear, jsHeap, total, ofFile, rendererPeakRss } = log.peak;
    console.log(
      `peak memory: wasm linear ${mb(linear)} + JS heap ${mb(jsHeap)} = ${mb(total)}, ${fmt(ofFile, 2)}x the file (issue 4: <= 1.5x at 1e7); renderer peak RSS ${mb(rendererPeakRss)}`,
    );
    const after = (good[0] ?? runs[runs.length - 1]).linearAfter;
    console.log(`  wasm linear memory after each stage: ${Object.entries(after).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`);
  }
  if (good.length) {
    const r = good[0].results;
    console.log(
      `results: ${count(r.parse.rows)} rows (${r.parse.encoding}, '${r.parse.delimiter}'), ${count(r['build log'].users)} users; ` +
        `funnel ${r.funnel.users.map(count).join(' → ')}; ${r.trend.periods} days, ${count(r['trend unique'].total)} user-days`,
    );
  }
  for (const p of log.problems) console.log(`FAILED: ${p}`);
  if (!log.problems.length) console.log(`checked: the same in all ${good.length} runs and as the native CLI`);
}

// ---------------------------------------------------------------------------------------

const server = await serveWithData(SITE);
const report = {
  date: new Date().toISOString(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  load: os.loadavg()[0],
  node: process.version,
  chromium: null,
  runs: RUNS,
  warm: WARM,
  logs: [],
};
console.log(
  `machine: ${report.cores} cores, ${report.cpu}, load ${report.load.toFixed(1)}; ${RUNS} runs per log, each in a fresh Chromium` +
    `${WARM ? ' warmed up on the 1e5 log' : ''}; medians`,
);
try {
  for (const variant of VARIANTS) {
    for (const rows of ROWS) {
      const log = await measure(server.url, rows, variant);
      report.logs.push(log);
      print(log);
    }
  }
} finally {
  await server.close();
}

report.chromium = chromiumVersion;
fs.mkdirSync(ARTIFACTS, { recursive: true });
fs.writeFileSync(path.join(ARTIFACTS, 'analytics-bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nwrote ${path.relative(process.cwd(), path.join(ARTIFACTS, 'analytics-bench.json'))}`);
if (report.logs.some((l) => l.problems.length)) {
  console.error('analytics bench FAILED (see above)');
  process.exit(1);
}
