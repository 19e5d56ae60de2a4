// Shared helpers for Favo's end-to-end tests: one static server on dist/ and one Chromium per
// test file; a fresh browser context (so an empty IndexedDB) per test; console errors, page
// errors and any request that leaves 127.0.0.1 are collected and fail the test.

import { before, after, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..', '..');
export const DIST = path.resolve(process.env.FAVO_DIST || path.join(REPO, 'dist'));
export const ARTIFACTS = path.join(here, 'artifacts');
export const CHROMIUM = process.env.FAVO_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** The server and browser shared by one test file; filled in by `setup()`'s before hook. */
export const env = { url: '', browser: null, server: null };

/** Registers the before/after hooks that start the server on dist/ and launch Chromium. */
export function setup() {
  before(async () => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) {
      throw new Error(`${DIST}/index.html is missing: build the app first (trunk build --release) or set FAVO_DIST`);
    }
    env.server = await serve(DIST);
    env.url = env.server.url;
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** True for a URL the app may load: this machine's loopback, data: and blob:. */
export function isLocalUrl(u) {
  if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return true;
  try {
    const { hostname, protocol } = new URL(u);
    return (protocol === 'http:' || protocol === 'https:' || protocol === 'ws:') && hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/**
 * A fresh context and page, with everything that would make a user unhappy collected:
 * console errors, uncaught page errors, and requests that leave 127.0.0.1 (those are
 * also aborted). `allow` takes regexps of console errors this test expects.
 */
export async function newSession({ locale = 'en-US', initScript, viewport, contextOptions = {} } = {}) {
  const context = await env.browser.newContext({
    locale,
    acceptDownloads: true,
    viewport: viewport ?? { width: 1280, height: 800 },
    ...contextOptions,
  });
  context.setDefaultTimeout(10_000);
  if (initScript) await context.addInitScript(initScript);
  const s = {
    context,
    page: null,
    consoleErrors: [],
    pageErrors: [],
    foreignRequests: [],
    requests: [],
    allowed: [],
    allow(...patterns) {
      s.allowed.push(...patterns);
    },
    async newPage() {
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error') s.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => s.pageErrors.push(String(err?.stack || err)));
      return page;
    },
    /** Fails the test if anything went wrong that the test did not expect. */
    assertClean() {
      const unexpected = s.consoleErrors.filter((t) => !s.allowed.some((re) => re.test(t)));
      assert.deepEqual(s.foreignRequests, [], 'requests left 127.0.0.1');
      assert.deepEqual(s.pageErrors, [], 'uncaught errors in the page');
      assert.deepEqual(unexpected, [], 'console errors');
    },
    async close() {
      await context.close().catch(() => {});
    },
  };
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (isLocalUrl(u)) return route.continue();
    s.foreignRequests.push(u);
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    const u = req.url();
    s.requests.push(u);
    if (!isLocalUrl(u) && !s.foreignRequests.includes(u)) s.foreignRequests.push(u);
  });
  s.page = await s.newPage();
  return s;
}

/** Waits until the app has loaded its map and painted it. */
export async function waitReady(page, timeout = 15_000) {
  await page.waitForFunction(() => window.__favo && window.__favo.ready(), null, { timeout });
}

/** Opens the app (optionally with a query string such as `?bench=100`) and waits until ready. */
export async function openApp(page, query = '') {
  await page.goto(env.url + '/' + query);
  await waitReady(page);
}

/**
 * `it()` with a fresh session: the test gets `{page, context, ...}` with the app open
 * (unless `open: false`), is failed on unexpected console/page errors or foreign requests,
 * leaves a screenshot in artifacts/failures/ when it fails, and always closes its context.
 */
export function appTest(name, opts, fn) {
  if (typeof opts === 'function') [fn, opts] = [opts, {}];
  const { open = true, timeout = 45_000, ...sessionOpts } = opts;
  return it(name, { timeout }, async () => {
    const s = await newSession(sessionOpts);
    try {
      if (open) await openApp(s.page);
      await fn(s);
      s.assertClean();
    } catch (err) {
      try {
        const dir = path.join(ARTIFACTS, 'failures');
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80) + '.png');
        await s.page.screenshot({ path: file, timeout: 3000 });
        if (s.consoleErrors.length || s.pageErrors.length) {
          err.message += `\n  console errors: ${JSON.stringify(s.consoleErrors)}\n  page errors: ${JSON.stringify(s.pageErrors)}`;
        }
      } catch {}
      throw err;
    } finally {
      await s.close();
    }
  });
}

// ---------------------------------------------------------------------------------------
// Reading the app's state through the `window.__favo` test hook.

export const cells = (page) => page.evaluate(() => window.__favo.cells());
export const selection = (page) => page.evaluate(() => window.__favo.selection());
export const zoom = (page) => page.evaluate(() => window.__favo.zoom());
export const screenOf = (page, q, r) => page.evaluate(([q, r]) => window.__favo.screenOf(q, r), [q, r]);

/** The document part of a cell (what is saved): no screen position. */
export const essence = ({ id, label, q, r, phase }) => ({ id, label, q, r, phase });
export const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const docOf = (list) => list.map(essence).sort(byId);

export async function cellAt(page, q, r) {
  return (await cells(page)).find((c) => c.q === q && c.r === r);
}

export async function cellLabelled(page, label) {
  const found = (await cells(page)).filter((c) => c.label === label);
  assert.equal(found.length, 1, `exactly one cell labelled ${JSON.stringify(label)}`);
  return found[0];
}

export async function cellById(page, id) {
  return (await cells(page)).find((c) => c.id === id);
}

export function hexDistance(a, b) {
  const dq = a.q - b.q;
  const dr = a.r - b.r;
  return (Math.abs(dq) + Math.abs(dr) + Math.abs(dq + dr)) / 2;
}

/** The stage's box in page CSS px. */
export async function stageBox(page) {
  const box = await page.locator('#stage').boundingBox();
  assert.ok(box, '#stage is laid out');
  return box;
}

/** Distance between neighbouring cell centres on screen, in CSS px (the zoom made visible). */
export async function cellPitch(page) {
  const [a, b] = await Promise.all([screenOf(page, 0, 0), screenOf(page, 1, 0)]);
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/**
 * Empty cell positions whose whole hexagon is on screen inside the stage, with their
 * screen centres, farthest from the map's centre first.
 */
export async function visibleEmptyCells(page, { minDistance = 0, range = 14 } = {}) {
  const box = await stageBox(page);
  return page.evaluate(
    ({ box, minDistance, range }) => {
      const f = window.__favo;
      const taken = new Set(f.cells().map((c) => `${c.q},${c.r}`));
      const a = f.screenOf(0, 0);
      const b = f.screenOf(1, 0);
      const margin = Math.hypot(b.x - a.x, b.y - a.y) * 0.6 + 4;
      const out = [];
      for (let q = -range; q <= range; q++) {
        for (let r = -range; r <= range; r++) {
          if (taken.has(`${q},${r}`)) continue;
          const d = (Math.abs(q) + Math.abs(r) + Math.abs(q + r)) / 2;
          if (d < minDistance) continue;
          const { x, y } = f.screenOf(q, r);
          if (x < box.x + margin || x > box.x + box.width - margin) continue;
          if (y < box.y + margin || y > box.y + box.height - margin) continue;
          out.push({ q, r, x, y, d });
        }
      }
      return out.sort((m, n) => n.d - m.d || m.q - n.q || m.r - n.r);
    },
    { box, minDistance, range },
  );
}

/**
 * Polls `fn(arg)` in the page (as `waitForFunction` would, every ~25 ms) until it
 * deep-equals `expected`; on timeout, fails with a diff of the last value.
 */
export async function expectEventually(page, fn, arg, expected, message, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let actual;
  for (;;) {
    actual = await page.evaluate(fn, arg);
    if (isDeepStrictEqual(actual, expected) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.deepEqual(actual, expected, message);
}

/** Waits until `fn(arg)` in the page is truthy; fails with `message` on timeout. */
export async function waitUntil(page, fn, arg, message, timeout = 5000) {
  try {
    await page.waitForFunction(fn, arg, { timeout });
  } catch (err) {
    if (/Timeout/i.test(String(err))) assert.fail(`${message} (waited ${timeout} ms)`);
    throw err;
  }
}

/** Resolves after the page has painted the next frame. */
export function nextFrame(page) {
  return page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

// ---------------------------------------------------------------------------------------
// Doing things the way a user does.

/** Clicks the centre of a cell position (occupied or not). */
export async function clickCell(page, q, r, options) {
  const { x, y } = await screenOf(page, q, r);
  await page.mouse.click(x, y, options);
}

/** Clicks an empty position and waits until a cell has appeared there. Returns the cell. */
export async function addCell(page, q, r) {
  assert.equal(await cellAt(page, q, r), undefined, `(${q}, ${r}) is empty before the click`);
  await clickCell(page, q, r);
  await waitUntil(
    page,
    ([q, r]) => window.__favo.cells().some((c) => c.q === q && c.r === r),
    [q, r],
    `a click on empty (${q}, ${r}) adds a cell there`,
  );
  return cellAt(page, q, r);
}

/** Presses the mouse at `from`, moves to `to` in several steps and releases. */
export async function drag(page, from, to, { steps = 8, button = 'left' } = {}) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down({ button });
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    await page.mouse.move(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
  }
  await page.mouse.up({ button });
}

/** Clicks the cell, presses Enter, types `text` (replacing whatever was there) and Enter. */
export async function relabel(page, cell, text) {
  await page.mouse.click(cell.x, cell.y);
  await waitUntil(page, (id) => window.__favo.selection().includes(id), cell.id, 'clicking a cell selects it');
  await page.keyboard.press('Enter');
  const editor = page.locator('#label-editor');
  await editor.waitFor({ state: 'visible' });
  await editor.press('ControlOrMeta+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await editor.waitFor({ state: 'detached' });
  await expectEventually(
    page,
    (id) => window.__favo.cells().find((c) => c.id === id)?.label,
    cell.id,
    text,
    `the cell is labelled ${JSON.stringify(text)}`,
  );
}

/** Reads the text of an element, '' when it is missing. */
export function textOf(page, selector) {
  return page.evaluate((sel) => document.querySelector(sel)?.textContent?.trim() ?? '', selector);
}

/** Whether an element is shown to the user (present, not hidden, with a box). */
export function isShown(page, selector) {
  return page.locator(selector).isVisible();
}

/** `newSession()` under the name the test plan uses: a fresh context and page, watched. */
export const newPage = newSession;

/** The static canvas' pixel under a page position, as [r, g, b]. */
export function canvasPixel(page, x, y) {
  return page.evaluate(([x, y]) => {
    const canvas = document.getElementById('map');
    const box = canvas.getBoundingClientRect();
    const k = canvas.width / box.width;
    const d = canvas.getContext('2d').getImageData(Math.round((x - box.left) * k), Math.round((y - box.top) * k), 1, 1).data;
    return [d[0], d[1], d[2]];
  }, [x, y]);
}

// ---------------------------------------------------------------------------------------
// The map library, as a user works it.

/** Opens the library dialog and waits until its list has loaded. */
export async function openLibrary(page) {
  await page.locator('#library-button').click();
  await expectEventually(page, () => document.getElementById('library').open, null, true, 'the library dialog opens');
  await expectEventually(page, () => document.querySelector('#library-maps li:not(.map)') === null, null, true, 'the list has loaded');
}

/** Closes the library dialog with Escape, as a user does. */
export async function closeLibrary(page) {
  await page.keyboard.press('Escape');
  await expectEventually(page, () => document.getElementById('library').open, null, false, 'the library dialog closes');
}

/** The library row of the map titled exactly `name`. */
export const row = (page, name) => {
  const exactly = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('#library-maps li.map').filter({ has: page.locator('.open-map', { hasText: exactly }) });
};

/** Creates a map from `template` in the library; waits until it is open with `cellCount` cells. */
export async function createMap(page, template, cellCount) {
  await openLibrary(page);
  await page.locator('#template').selectOption(template);
  await page.locator('#library-create').click();
  await expectEventually(page, () => document.getElementById('library').open, null, false, 'Create closes the library');
  await expectEventually(page, () => window.__favo.cells().length, null, cellCount, `the ${template} map is open with ${cellCount} cells`);
}

/** Opens the map titled `name` from the library. */
export async function openMap(page, name) {
  await openLibrary(page);
  await row(page, name).locator('.open-map').click();
  await expectEventually(page, () => document.getElementById('map-title').value, null, name, `"${name}" is open`);
}
