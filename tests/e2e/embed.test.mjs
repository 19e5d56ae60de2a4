// The embeds (issue 6) against the demo site in dist/embed-demo/, served by a plain static
// file server with the strict Content-Security-Policy: <favo-map> and two <favo-chart>s
// from one module script, the iframe variant, and share links opened read-only.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { setup, newSession, expectEventually, waitUntil, DIST } from './harness.mjs';
import { serve } from './server.mjs';

setup();

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const DAY = 86_400_000;

function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** The sample log as {user, event, time} rows (the file is plain: no quoted commas). */
function sampleLog() {
  const lines = fs.readFileSync(path.join(DIST, 'sample-events.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [user, event, time] = line.split(',');
    return { user, event, time: Date.parse(time) };
  });
}

/** The demo's Italian Excel export (Windows-1252, `;`, dd/mm/yyyy hh:mm:ss) as rows. */
function italianLog() {
  const text = new TextDecoder('windows-1252').decode(fs.readFileSync(path.join(DIST, 'embed-demo', 'vendite.csv')));
  return text.trim().split(/\r?\n/).slice(1).map((line) => {
    const [user, event, when] = line.split(';');
    const [d, m, y, hh, mm, ss] = when.split(/[/ :]/).map(Number);
    return { user, event, time: Date.UTC(y, m - 1, d, hh, mm, ss) };
  });
}

/**
 * A slow, obvious ordered funnel, independent of the wasm: for every step-1 event, match the
 * steps in order, each the earliest unused event at or after the previous one and within
 * the window; a user counts at the deepest step any attempt reaches.
 */
function referenceFunnel(log, steps, windowMs) {
  const byUser = new Map();
  for (const e of log) (byUser.get(e.user) ?? byUser.set(e.user, []).get(e.user)).push(e);
  const reached = new Array(steps.length).fill(0);
  for (const events of byUser.values()) {
    events.sort((a, b) => a.time - b.time);
    let deepest = 0;
    for (const start of events.filter((e) => e.event === steps[0])) {
      const used = new Set([start]);
      let depth = 1;
      let t = start.time;
      for (const step of steps.slice(1)) {
        const next = events.find((e) => e.event === step && !used.has(e) && e.time >= t && e.time <= start.time + windowMs);
        if (!next) break;
        used.add(next);
        t = next.time;
        depth += 1;
      }
      deepest = Math.max(deepest, depth);
    }
    for (let i = 0; i < deepest; i++) reached[i] += 1;
  }
  return reached;
}

/** Distinct users doing `event` per ISO week (weeks start on Monday, UTC), week by week. */
function referenceWeeklyUsers(log, event) {
  const weeks = new Map();
  for (const e of log.filter((e) => e.event === event)) {
    const day = Math.floor(e.time / DAY);
    const monday = day - ((day + 3) % 7); // 1970-01-01 was a Thursday
    (weeks.get(monday) ?? weeks.set(monday, new Set()).get(monday)).add(e.user);
  }
  return [...weeks.entries()].sort((a, b) => a[0] - b[0]).map(([, users]) => users.size);
}

/** The numbers of a widget's data table (in its shadow root), row by row. */
async function tableOf(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    return [...root.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
  }, id);
}

/** How many distinct colours a widget's canvas shows (a blank canvas has one). */
async function coloursOf(page, id) {
  return page.evaluate((id) => {
    const canvas = document.getElementById(id).shadowRoot.querySelector('canvas');
    if (!canvas || canvas.width === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  }, id);
}

const whole = (text) => Number(text.replace(/[^\d]/g, ''));

async function storageUsed(page) {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));
}

async function withDemo(fn, { policy = true } = {}) {
  const server = await serve(DIST, 0, policy ? { 'Content-Security-Policy': POLICY } : {});
  const s = await newSession({ initScript: recordViolations });
  try {
    await fn(s, server.url);
    assert.deepEqual(await s.page.evaluate(() => window.__violations), [], 'no CSP violations');
    s.assertClean();
  } finally {
    await s.close();
    await server.close();
  }
}

describe('embedding Favo on a static site', () => {
  it('a map and three charts render from one module script, with the numbers of an independent count', { timeout: 60_000 }, async () => {
    await withDemo(async (s, url) => {
      const { page } = s;
      await page.goto(`${url}/embed-demo/`);
      const log = sampleLog();
      const steps = ['ad_view', 'blog_visit', 'brochure_download', 'demo_request', 'purchase'];
      const expected = referenceFunnel(log, steps, 30 * DAY);
      await expectEventually(page, (id) => document.getElementById(id).shadowRoot?.querySelectorAll('table tbody tr').length ?? 0, 'funnel', steps.length, 'the funnel table', 20_000);
      const funnel = await tableOf(page, 'funnel');
      assert.deepEqual(funnel.map((r) => r[0]), steps, 'steps in the order given');
      assert.deepEqual(funnel.map((r) => whole(r[1])), expected, 'users per step as counted by the reference');
      await waitUntil(page, () => document.getElementById('trend').shadowRoot?.querySelectorAll('table tbody tr').length > 0, null, 'the trend table', 20_000);
      const trend = await tableOf(page, 'trend');
      const weekly = trend.map((r) => whole(r[1])).filter((n) => n > 0);
      assert.deepEqual(weekly, referenceWeeklyUsers(log, 'purchase'), 'buyers per week');
      // An Italian Excel export, read by the viewer's own Windows-1252 decoder.
      await waitUntil(page, () => document.getElementById('italian').shadowRoot?.querySelectorAll('table tbody tr').length > 0, null, 'the Italian funnel', 20_000);
      const italian = await tableOf(page, 'italian');
      const totals = italian.filter((r) => r[0] === 'Tutti');
      const itSteps = ['ad_view', 'blog_visit', 'purchase'];
      assert.deepEqual(totals.map((r) => [r[1], whole(r[2])]), itSteps.map((step, i) => [step, referenceFunnel(italianLog(), itSteps, 14 * DAY)[i]]), 'the export\'s funnel');
      assert.ok(italian.some((r) => r[0] === 'Cantù'), `accented cities read right: ${italian.map((r) => r[0]).join(', ')}`);
      // The trend is in Italian and the funnel in English, on the same page.
      const heads = await page.evaluate(() => ['funnel', 'trend'].map((id) => document.getElementById(id).shadowRoot.querySelector('summary').textContent));
      assert.deepEqual(heads, ['Show data', 'Mostra i dati']);
      await waitUntil(page, () => document.getElementById('map').shadowRoot?.querySelectorAll('.outline li').length > 20, null, 'the map outline', 20_000);
      const outline = await page.evaluate(() => [...document.getElementById('map').shadowRoot.querySelectorAll('.outline li')].map((li) => li.textContent));
      assert.ok(outline.includes('Checkout') && outline.includes('Awareness'), `the map as text: ${outline.join(' | ')}`);
      for (const id of ['map', 'funnel', 'trend', 'italian']) {
        await waitUntil(page, (id) => document.getElementById(id).shadowRoot.querySelector('canvas')?.width > 0, id, `${id} has a sized canvas`);
      }
      await page.waitForTimeout(100);
      for (const id of ['map', 'funnel', 'trend', 'italian']) assert.ok((await coloursOf(page, id)) > 5, `${id} is drawn`);
      assert.deepEqual(await storageUsed(page), { local: 0, session: 0, databases: [] }, 'the host page\'s storage is untouched');
      const wasm = s.requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname).sort();
      assert.deepEqual(wasm, ['/favo-embed-all_bg.wasm'], 'the viewer\'s binary for maps and charts, once, not the editor');
    });
  });

  it('the map pans, zooms, filters and tells what is under the pointer', { timeout: 60_000 }, async () => {
    await withDemo(async (s, url) => {
      const { page } = s;
      await page.goto(`${url}/embed-demo/`);
      const canvas = page.locator('#map canvas');
      await waitUntil(page, () => document.getElementById('map').shadowRoot?.querySelector('canvas')?.width > 0, null, 'the map canvas', 20_000);
      await page.waitForTimeout(100);
      const snapshot = () => page.evaluate(() => document.getElementById('map').shadowRoot.querySelector('canvas').toDataURL());
      const first = await snapshot();
      // Hover a cell: its details, as text.
      const box = await canvas.boundingBox();
      let tip = '';
      for (let y = box.y + 20; y < box.y + box.height && !tip; y += 14) {
        for (let x = box.x + 20; x < box.x + box.width && !tip; x += 14) {
          await page.mouse.move(x, y);
          tip = await page.evaluate(() => {
            const t = document.getElementById('map').shadowRoot.querySelector('.tip');
            return t.hidden ? '' : t.textContent;
          });
        }
      }
      assert.ok(tip.length > 0, 'hovering a cell shows its details');
      // Filter to a phase: the other cells fade.
      await page.locator('#map select.phase').selectOption({ label: 'Action' });
      await page.waitForTimeout(100);
      const filtered = await snapshot();
      assert.notEqual(filtered, first, 'the phase filter redraws the map');
      // Zoom in, drag, zoom to fit.
      await page.locator('#map button.zoom-in').click();
      await page.waitForTimeout(100);
      const zoomed = await snapshot();
      assert.notEqual(zoomed, filtered, 'zoom in');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 4 });
      await page.mouse.up();
      await page.waitForTimeout(100);
      assert.notEqual(await snapshot(), zoomed, 'dragging pans');
      await page.locator('#map button.zoom-fit').click();
      await page.waitForTimeout(100);
      assert.equal(await snapshot(), filtered, 'zoom to fit comes back to the whole map');
    });
  });

  it('two widgets on one page do not interfere', { timeout: 60_000 }, async () => {
    await withDemo(async (s, url) => {
      const { page } = s;
      await page.goto(`${url}/embed-demo/`);
      const rows = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot?.querySelectorAll('table tbody tr').length ?? 0, id);
      await expectEventually(page, (id) => document.getElementById(id).shadowRoot?.querySelectorAll('table tbody tr').length ?? 0, 'funnel', 5, 'the funnel', 20_000);
      await waitUntil(page, () => document.getElementById('trend').shadowRoot?.querySelectorAll('table tbody tr').length > 0, null, 'the trend', 20_000);
      const trendBefore = await tableOf(page, 'trend');
      await page.evaluate(() => document.getElementById('funnel').setAttribute('steps', 'ad_view,purchase'));
      await expectEventually(page, (id) => document.getElementById(id).shadowRoot?.querySelectorAll('table tbody tr').length ?? 0, 'funnel', 2, 'the funnel follows its new steps');
      assert.deepEqual(await tableOf(page, 'trend'), trendBefore, 'the trend is untouched');
      // A broken widget says what is wrong, and only it.
      await page.evaluate(() => document.getElementById('trend').setAttribute('interval', 'fortnight'));
      await waitUntil(page, () => document.getElementById('trend').shadowRoot.querySelector('[role=alert]')?.textContent.includes('fortnight'), null, 'the error names the bad value');
      assert.equal(await rows('funnel'), 2, 'the funnel still stands');
    });
  });

  it('the iframe variant shows its widget and sizes itself to it', { timeout: 60_000 }, async () => {
    await withDemo(async (s, url) => {
      const { page } = s;
      await page.goto(`${url}/embed-demo/iframe.html`);
      await waitUntil(page, () => document.getElementById('map-frame').getBoundingClientRect().height > 300, null, 'the map iframe grows to its content', 20_000);
      await waitUntil(page, () => document.getElementById('funnel-frame').getBoundingClientRect().height > 260, null, 'the funnel iframe grows to its content', 20_000);
      const frame = page.frameLocator('#funnel-frame');
      assert.equal(await frame.locator('table tbody tr').count(), 3, 'the funnel inside the iframe has its steps');
      const wasm = s.requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname).sort();
      assert.deepEqual(wasm, ['/favo-embed-chart_bg.wasm', '/favo-embed_bg.wasm'], 'each iframe loads the binary of its own widget only');
      await page.goto(`${url}/embed.html#view=<b>pie</b>&lang=it`);
      await waitUntil(page, () => !!document.querySelector('favo-frame')?.shadowRoot?.querySelector('[role=alert]'), null, 'an unknown view is refused', 5000);
      const refused = await page.evaluate(() => document.querySelector('favo-frame').shadowRoot.querySelector('[role=alert] p').textContent);
      assert.equal(refused, 'view è map, funnel o trend, non "<b>pie</b>"', 'in the language asked for, the view as text');
    });
  });

  it('a share link opens its map read-only, with a way to make a copy', { timeout: 60_000 }, async () => {
    await withDemo(async (s, url) => {
      const { page } = s;
      // Coded here by Node's own deflate: the link's format, not just Favo's round trip.
      const file = fs.readFileSync(path.join(DIST, 'embed-demo', 'journey.favo.json'));
      const code = '1.' + zlib.deflateRawSync(file).toString('base64url');
      await page.goto(`${url}/embed.html#share=${code}`);
      await waitUntil(page, () => document.querySelector('favo-frame')?.shadowRoot?.querySelector('favo-map')?.shadowRoot?.querySelectorAll('.outline li').length > 0, null, 'the shared map', 20_000);
      const shown = await page.evaluate(() => {
        const map = document.querySelector('favo-frame').shadowRoot.querySelector('favo-map').shadowRoot;
        return {
          cells: [...map.querySelectorAll('.outline li.level-2')].map((li) => li.textContent).sort(),
          copy: map.querySelector('a.make-copy')?.getAttribute('href'),
          editable: map.querySelectorAll('input, textarea, [contenteditable]').length,
        };
      });
      const cells = JSON.parse(file).cells.map((c) => c.label).sort();
      assert.deepEqual(shown.cells, cells, 'every cell of the shared map');
      assert.equal(shown.copy, `index.html#copy=${code}`, '"Make a copy" takes the map to the editor');
      assert.equal(shown.editable, 0, 'read-only');
      assert.deepEqual(await storageUsed(page), { local: 0, session: 0, databases: [] }, 'opening a link stores nothing');
      const wasm = s.requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname);
      assert.deepEqual(wasm, ['/favo-embed_bg.wasm'], 'a map alone loads no chart code');
    });
  });

  it('a crafted link is refused at once and stores nothing', { timeout: 60_000 }, async () => {
    await withDemo(async (s, url) => {
      const { page } = s;
      // 32 MiB of zeros deflate to a code under the length cap: the inflate cap must catch
      // it. Twice as many make a code over the cap, refused unread.
      const zeros = (mib) => '1.' + zlib.deflateRawSync(Buffer.alloc(mib << 20), { level: 9 }).toString('base64url');
      const [bomb, long] = [zeros(32), zeros(64)];
      assert.ok(bomb.length < 64 * 1024 && long.length > 64 * 1024, `the crafted codes are ${bomb.length} and ${long.length} characters`);
      const cases = [[bomb, 'bigger than 8 MiB'], [long, 'too big for a link'], ['1.AAAA!xyz', 'character 7'], ['9.abc', 'version "9"']];
      for (const [code, says] of cases) {
        await page.goto(`${url}/embed.html#share=${code}`);
        const started = Date.now();
        await waitUntil(page, () => !!document.querySelector('favo-frame')?.shadowRoot?.querySelector('favo-map')?.shadowRoot?.querySelector('[role=alert]'), null, 'the link is refused', 5000);
        const took = Date.now() - started;
        const message = await page.evaluate(() => document.querySelector('favo-frame').shadowRoot.querySelector('favo-map').shadowRoot.querySelector('[role=alert]').textContent);
        assert.ok(took < 1000, `refused in ${took} ms`);
        if (process.env.FAVO_SHOW_TIMES) console.log(`${says}: refused in ${took} ms`);
        assert.ok(message.includes(says), `the message says why: ${message}`);
        assert.deepEqual(await storageUsed(page), { local: 0, session: 0, databases: [] });
      }
    });
  });
});
