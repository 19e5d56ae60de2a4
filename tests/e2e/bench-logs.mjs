// The generated event logs that the browser benchmarks read (analytics-bench.mjs,
// peer-bench.mjs), and what the native `favo` CLI computes from them. Shared so that both
// benchmarks read the very same files and check against the same answers.
//
// The logs come from `favo generate --seed 1` into $CARGO_TARGET_DIR/bench-data/ and are
// kept for the next run, with the CLI's answers cached beside each.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO } from './harness.mjs';
import { serve } from './server.mjs';

export const TARGET = path.resolve(REPO, process.env.CARGO_TARGET_DIR || 'target');
export const DATA = path.join(TARGET, 'bench-data');
/** The funnel both benchmarks count: favo-wasm-bench's `funnel_steps` (synth's first five). */
export const STEPS = ['ad_view', 'blog_visit', 'brochure_download', 'demo_request', 'purchase'];
const MiB = 1 << 20;
const DAY = 86_400_000;

/** Runs the `favo` CLI (release) with `args`; returns its standard output. */
export function favo(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'favo-cli', '--', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 256 * MiB,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The generated log for `rows` and `variant`, generated once. */
export function dataFile(rows, variant) {
  const file = path.join(DATA, `favo-${rows}-seed1-${variant}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA, { recursive: true });
    console.log(`generating ${path.relative(REPO, file)} …`);
    const partial = `${file}.partial`;
    favo('generate', '--rows', String(rows), '--seed', '1', ...(variant === 'italian' ? ['--italian'] : []), '-o', partial);
    fs.renameSync(partial, file);
  }
  return file;
}

/**
 * A trend in the numbers favo-wasm-bench reports (see its `trend_summary`): periods, first
 * period's start (ms), sum, and sum weighted by position, which moves when counts shift.
 */
export function trendSummary(values, first, lastIncomplete) {
  return {
    periods: values.length,
    first: values.length ? first : null,
    total: values.reduce((a, b) => a + b, 0),
    weighted: values.reduce((a, v, i) => a + (i + 1) * v, 0),
    last_incomplete: lastIncomplete,
  };
}

/** Every day's value of `favo trend --interval day` JSON, checked to be consecutive days. */
function dailyValues(cliJson) {
  const first = cliJson.points.length ? Date.parse(cliJson.points[0].period) : null;
  cliJson.points.forEach((p, i) => {
    if (Date.parse(p.period) !== first + i * DAY) throw new Error(`favo trend: day ${i} is ${p.period}, not consecutive`);
  });
  return { first, values: cliJson.points.map((p) => p.value) };
}

/**
 * What `favo funnel` and `favo trend` compute natively from `file`, cached beside it:
 * events, users, users per funnel step, the two daily trends as summaries, and `days`, the
 * daily values themselves ({ first, events, users }) for engines that report every day.
 */
export function native(file) {
  const cache = `${file}.native.json`;
  if (fs.existsSync(cache) && fs.statSync(cache).mtimeMs >= fs.statSync(file).mtimeMs) {
    const cached = JSON.parse(fs.readFileSync(cache, 'utf8'));
    if (cached.days) return cached; // caches from before `days` are made again
  }
  console.log(`the native CLI on ${path.basename(file)} …`);
  const funnel = JSON.parse(favo('funnel', file, '--steps', STEPS.join(',')));
  const all = JSON.parse(favo('trend', file, '--interval', 'day'));
  const unique = JSON.parse(favo('trend', file, '--interval', 'day', '--unique'));
  const [events, users] = [dailyValues(all), dailyValues(unique)];
  const result = {
    events: funnel.events,
    users: funnel.users,
    funnel: funnel.steps.map((s) => s.users),
    trend: trendSummary(events.values, events.first, all.last_period_incomplete),
    'trend unique': trendSummary(users.values, users.first, unique.last_period_incomplete),
    days: { first: events.first, events: events.values, users: users.values },
  };
  fs.writeFileSync(cache, JSON.stringify(result, null, 2) + '\n');
  return result;
}

/** The peak resident memory (VmHWM) of a process, in bytes, or null. */
export function peakRss(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The largest peak RSS among the browser's renderer processes (a page and its workers). */
export async function rendererPeakRss(browser) {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    const peaks = processInfo.filter((p) => p.type === 'renderer').map((p) => peakRss(p.id)).filter((v) => v !== null);
    return peaks.length ? Math.max(...peaks) : null;
  } catch {
    return null;
  }
}

/** The median of the numbers in `v` (nulls left out), or null. */
export function median(v) {
  const s = v.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Serves a benchmark site with the generated logs linked in as `data/`. */
export async function serveWithData(site) {
  fs.mkdirSync(DATA, { recursive: true });
  const dataLink = path.join(site, 'data');
  try {
    fs.lstatSync(dataLink);
  } catch {
    fs.symlinkSync(path.relative(site, DATA), dataLink);
  }
  return serve(site);
}

