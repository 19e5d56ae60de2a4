// Issue 5's side-by-side benchmark: Favo (wasm, in its worker), DuckDB-WASM (eh bundle, in
// its worker) and PapaParse + plain JS (in a worker) on the same generated logs, in Debian's
// headless Chromium. Run by hand, not by .ci/test:
//
//   .ci/peer-bench [--rows 1e5,1e6,1e7] [--variants utf8,italian] [--runs 3] [--engines favo,duckdb,papaparse]
//
// .ci/peer-bench builds the site (target/wasm-bench/, with the page in peers/ and the npm
// packages' files beside it) and runs this; the logs and the native CLI's answers are those
// of analytics-bench.mjs (bench-logs.mjs).
//
// Every run of every engine is a fresh Chromium with one page and one engine, so the
// renderer's peak RSS (page and workers) is that engine's. The cold start (worker, script,
// wasm, instantiation) is timed apart; the clock then starts with the file's URL known and
// stops for each stage when the page has that stage's answer: load + parse, the 5-step
// funnel, the daily trends (events and distinct users). First result = the funnel's answer
// on the page; end to end = the trends'.
//
// Answers must agree before timings count: users at each funnel step, events and users,
// exactly, for every engine; DuckDB's and PapaParse's every daily count against `favo
// trend`'s every day; Favo's wasm reports its trends as summaries (favo-wasm-bench's
// `trend_summary`), against the CLI's. A run that disagrees or fails is printed as FAILED,
// is left out of the medians, and makes the exit code 1.
//
// Prints a markdown table per log (medians) with the ratios their time / Favo's (7× = Favo
// seven times faster); issue 5's targets at 1e6 rows end to end: >= 7× DuckDB-WASM and
// >= 20× PapaParse + JS. Writes artifacts/peer-bench.json.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { REPO, ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, isLocalUrl } from './harness.mjs';
import { TARGET, DATA, STEPS, dataFile, native, rendererPeakRss, median, serveWithData } from './bench-logs.mjs';

const npmVersion = (name) => JSON.parse(fs.readFileSync(path.join(REPO, 'tests/e2e/node_modules', name, 'package.json'), 'utf8')).version;
const ENGINES = {
  favo: 'Favo (wasm)',
  duckdb: `DuckDB-WASM ${npmVersion('@duckdb/duckdb-wasm')}`,
  papaparse: `PapaParse ${npmVersion('papaparse')} + JS`,
};
const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1e5,1e6' },
    variants: { type: 'string', default: 'utf8,italian' },
    runs: { type: 'string', default: '3' },
    engines: { type: 'string', default: Object.keys(ENGINES).join(',') },
  },
});
const list = (s) => s.split(',').map((x) => x.trim());
const ROWS = list(opts.rows).map(Number);
const VARIANTS = list(opts.variants);
const RUNS = Number(opts.runs);
const RUN_ENGINES = list(opts.engines);
if (
  ROWS.some((r) => !Number.isInteger(r) || r < 1) ||
  !(RUNS >= 1) ||
  VARIANTS.some((v) => !['utf8', 'italian'].includes(v)) ||
  RUN_ENGINES.some((e) => !ENGINES[e])
) {
  console.error('usage: peer-bench.mjs [--rows 1e5,1e6,1e7] [--variants utf8,italian] [--runs 3] [--engines favo,duckdb,papaparse]');
  process.exit(2);
}

const SITE = path.resolve(REPO, process.env.FAVO_WASM_BENCH_SITE || path.join(TARGET, 'wasm-bench'));
if (!fs.existsSync(path.join(SITE, 'peers', 'duckdb-eh.wasm'))) {
  console.error(`${SITE}/peers is missing or incomplete: build it with .ci/peer-bench (or set FAVO_WASM_BENCH_SITE)`);
  process.exit(2);
}
const WINDOW = 14 * 86_400_000; // favo-core's DEFAULT_WINDOW, which favo-wasm-bench's funnel uses
const RUN_TIMEOUT_MS = 20 * 60_000;
const MB = 1e6;

/**
 * How each log is written. Favo is told nothing (it detects encoding, delimiter and date
 * format); the peers are told. DuckDB reads no Windows-1252 (see `toUtf8` in the page's
 * duckdb.js): its page transcodes the Italian log to UTF-8 as it arrives, within its load.
 */
const DIALECTS = {
  utf8: { encoding: 'utf-8', delimiter: ',', dates: 'iso', timestampformat: '%Y-%m-%dT%H:%M:%SZ', decimal: '.' },
  italian: { encoding: 'windows-1252', delimiter: ';', dates: 'dmy', timestampformat: '%d/%m/%Y %H:%M:%S', decimal: ',' },
};

// ---------------------------------------------------------------------------------------
// One run: a fresh Chromium, one engine.

let chromiumVersion = null;

/** Starts `engine` in a fresh browser and runs it once over `job`; never throws. */
async function runOnce(base, engine, job) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  chromiumVersion ??= browser.version();
  const problems = [];
  try {
    const context = await browser.newContext();
    // Watched, not routed: routing would put Playwright between the page and the file.
    context.on('request', (req) => isLocalUrl(req.url()) || problems.push(`request left 127.0.0.1: ${req.url()}`));
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    await page.goto(`${base}/peers/`);
    await page.waitForFunction(() => window.peerBench, null, { timeout: 30_000 });
    const start = await page.evaluate((name) => window.peerBench.start(name), engine);
    const readyRss = await rendererPeakRss(browser);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, stage: '?', error: `no answer in ${RUN_TIMEOUT_MS / 60_000} min` }), RUN_TIMEOUT_MS);
    });
    const run = await Promise.race([page.evaluate((j) => window.peerBench.run(j), job), timeout]);
    clearTimeout(timer);
    return { ...run, coldMs: start.ms, version: start.version, readyRss, peakRss: await rendererPeakRss(browser), problems };
  } catch (err) {
    // A crashed renderer (out of memory, say) ends up here.
    return { ok: false, stage: '?', error: String(err?.message || err).split('\n')[0], problems };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------
// Agreement.

/** Where an engine's answers differ from the native CLI's (empty when they agree). */
function disagreements(engine, answers, expected) {
  const out = [];
  const check = (what, got, want) => isDeepStrictEqual(got, want) || out.push(`${what}: ${JSON.stringify(got)}, the CLI ${JSON.stringify(want)}`);
  check('users per funnel step', answers.funnel, expected.funnel);
  check('events, users', [answers.events, answers.users], [expected.events, expected.users]);
  if (engine === 'favo') {
    check('daily trend', answers.trend?.events, expected.trend);
    check('daily unique users', answers.trend?.users, expected['trend unique']);
  } else {
    const short = (d) => d && { first: d.first, days: d.events.length, events: d.events.slice(0, 3), users: d.users.slice(0, 3) };
    if (!isDeepStrictEqual(answers.days, expected.days)) {
      const day = answers.days?.events.findIndex((v, i) => v !== expected.days.events[i] || answers.days.users[i] !== expected.days.users[i]);
      out.push(`daily counts differ (first difference at day ${day}): ${JSON.stringify(short(answers.days))}…, the CLI ${JSON.stringify(short(expected.days))}…`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// One log: every engine RUNS times, checked, summed up.

async function measure(base, rows, variant) {
  const file = dataFile(rows, variant);
  const expected = native(file);
  const job = { url: `${base}/data/${path.basename(file)}`, dialect: DIALECTS[variant], steps: STEPS, window: WINDOW };
  const log = { rows, variant, file: path.relative(REPO, file), bytes: fs.statSync(file).size, load: os.loadavg()[0], expected, engines: {}, problems: [] };
  for (const engine of RUN_ENGINES) log.engines[engine] = { runs: [] };
  // Engines take turns within each run, so a slow spell of the machine is shared out.
  for (let i = 0; i < RUNS; i++) {
    for (const engine of RUN_ENGINES) {
      const run = await runOnce(base, engine, job);
      const where = `${ENGINES[engine]}, run ${i + 1}`;
      log.problems.push(...run.problems.map((p) => `${where}: ${p}`));
      if (!run.ok) {
        log.problems.push(`${where} failed in "${run.stage}": ${run.error.split('\n')[0]}`);
      } else {
        run.disagrees = disagreements(engine, run.answers, expected);
        log.problems.push(...run.disagrees.map((d) => `${where} disagrees: ${d}`));
      }
      log.engines[engine].runs.push(run);
      process.stdout.write('.');
    }
  }
  for (const [engine, e] of Object.entries(log.engines)) {
    const good = e.runs.filter((r) => r.ok && !r.disagrees.length);
    e.good = good.length;
    e.version = e.runs.find((r) => r.version)?.version ?? null;
    if (!good.length) continue;
    e.median = {
      cold: median(good.map((r) => r.coldMs)),
      load: median(good.map((r) => r.stages.load.ms)),
      funnel: median(good.map((r) => r.stages.funnel.ms)),
      trend: median(good.map((r) => r.stages.trend.ms)),
      first: median(good.map((r) => r.stages.funnel.at)),
      total: median(good.map((r) => r.stages.trend.at)),
      peak: median(good.map((r) => r.peakRss)),
      ready: median(good.map((r) => r.readyRss)),
    };
    if (engine === 'favo') e.median.linear = median(good.map((r) => r.answers.linear));
    if (engine === 'duckdb') e.median.transcode = median(good.map((r) => r.answers.transcodeMs));
  }
  return log;
}

// ---------------------------------------------------------------------------------------
// Printing.

const COLUMNS = [
  ['cold', 'cold start ms'],
  ['load', 'load + parse ms'],
  ['funnel', 'funnel ms'],
  ['trend', 'trend ms'],
  ['first', 'first result ms'],
  ['total', 'end-to-end ms'],
  ['peak', 'peak MB'],
];
const fmt = (n, digits = 0) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const cell = (key, v) => (key === 'peak' ? fmt(v / MB) : fmt(v, v < 100 ? 1 : 0));
const ratio = (theirs, ours) => (theirs && ours ? `${(theirs / ours).toFixed(theirs / ours < 10 ? 1 : 0)}×` : '–');

function print(log) {
  const { favo } = log.engines;
  console.log(`\n### ${log.rows.toLocaleString('en-US')} rows, ${log.variant} (${fmt(log.bytes / MB, 1)} MB), medians of ${RUNS} runs (load ${log.load.toFixed(1)} at the start)\n`);
  console.log(`| engine | ${COLUMNS.map(([, h]) => h).join(' | ')} |`);
  console.log(`|---|${COLUMNS.map(() => '---:').join('|')}|`);
  for (const [engine, e] of Object.entries(log.engines)) {
    const name = `${ENGINES[engine]}${e.version ? ` (DuckDB ${e.version})` : ''}`;
    if (!e.median) console.log(`| ${name} | ${COLUMNS.map(() => 'FAILED').join(' | ')} |`);
    else console.log(`| ${name} | ${COLUMNS.map(([k]) => cell(k, e.median[k])).join(' | ')} |`);
  }
  for (const [engine, e] of Object.entries(log.engines)) {
    if (engine === 'favo' || !favo?.median) continue;
    console.log(`| **Favo / ${ENGINES[engine]}** | ${COLUMNS.map(([k]) => ratio(e.median?.[k], favo.median[k])).join(' | ')} |`);
  }
  console.log('\nratios: their ms (MB) ÷ Favo\'s, so 7× = Favo seven times faster (smaller). Peak MB: the renderer\'s peak RSS (page + workers).');
  if (favo?.median) {
    const ready = Object.entries(log.engines).map(([k, e]) => `${ENGINES[k]} ${e.median ? fmt(e.median.ready / MB) : '–'} MB`).join(', ');
    console.log(`renderer RSS once started, before the file: ${ready}; Favo's wasm memory at the end ${fmt(favo.median.linear / MB)} MB.`);
  }
  const transcode = log.engines.duckdb?.median?.transcode;
  if (transcode) console.log(`DuckDB-WASM's load + parse includes ${fmt(transcode)} ms of transcoding Windows-1252 to UTF-8 on its page.`);
  if (log.rows === 1_000_000 && favo?.median) {
    const target = (engine, want) => {
      const e = log.engines[engine];
      if (!e) return null;
      const r = e.median ? e.median.total / favo.median.total : null;
      return `>= ${want}× ${ENGINES[engine]}: ${r ? `${r.toFixed(1)}× (${r >= want ? 'met' : 'MISSED'})` : 'no timing'}`;
    };
    console.log(`issue 5 targets, 1e6 rows end to end: ${[target('duckdb', 7), target('papaparse', 20)].filter(Boolean).join('; ')}`);
  }
  const r = log.expected;
  console.log(`answers: ${r.events.toLocaleString('en-US')} events, ${r.users.toLocaleString('en-US')} users; funnel ${r.funnel.join(' → ')}; ${r.days.events.length} days`);
  for (const p of log.problems) console.log(`FAILED: ${p}`);
  if (!log.problems.length) {
    const agreed = Object.entries(log.engines).map(([k, e]) => `${ENGINES[k]} ${e.good}/${RUNS}`).join(', ');
    console.log(`agreed with the native CLI, every run: ${agreed}`);
  }
}

// ---------------------------------------------------------------------------------------

const server = await serveWithData(SITE);
const report = {
  date: new Date().toISOString(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memory: os.totalmem(),
  node: process.version,
  chromium: null,
  runs: RUNS,
  logs: [],
};
console.log(
  `machine: ${report.cores} cores, ${fmt(report.memory / 2 ** 30)} GiB, ${report.cpu}, load ${os.loadavg()[0].toFixed(1)}; ` +
    `${RUNS} runs per engine and log, each in a fresh Chromium; medians`,
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
console.log(`\nChromium ${chromiumVersion}`);
fs.mkdirSync(ARTIFACTS, { recursive: true });
fs.writeFileSync(path.join(ARTIFACTS, 'peer-bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), path.join(ARTIFACTS, 'peer-bench.json'))}`);
if (report.logs.some((l) => l.problems.length)) {
  console.error('peer bench FAILED (see above)');
  process.exit(1);
}
