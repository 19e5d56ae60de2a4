// Touch input in Chromium (pointer events with pointerType "touch"): a tap adds a cell, two
// fingers pan and pinch-zoom. Multi-touch goes through the DevTools protocol, as a
// touchscreen would send it.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, cells, zoom, cellAt, visibleEmptyCells, waitUntil, stageBox } from './harness.mjs';

setup();
const touch = { contextOptions: { hasTouch: true } };

/** Sends one multi-touch event: `points` are [x, y] pairs, one per finger (ids 0, 1, …). */
async function fingers(cdp, type, points) {
  const touchPoints = points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 }));
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
}

/** Moves two fingers from `from` to `to` ([[x, y], [x, y]] each) in `steps` steps. */
async function twoFingerGesture(page, from, to, steps = 12) {
  const cdp = await page.context().newCDPSession(page);
  await fingers(cdp, 'touchStart', from);
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const at = from.map(([x, y], k) => [x + (to[k][0] - x) * t, y + (to[k][1] - y) * t]);
    await fingers(cdp, 'touchMove', at);
  }
  await fingers(cdp, 'touchEnd', []);
  await cdp.detach();
}

describe('touch', () => {
  appTest('a tap on an empty cell adds a cell there', touch, async ({ page }) => {
    const [target] = await visibleEmptyCells(page, { minDistance: 2 });
    const before = (await cells(page)).length;
    await page.touchscreen.tap(target.x, target.y);
    await waitUntil(page, ([q, r]) => window.__favo.cells().some((c) => c.q === q && c.r === r), [target.q, target.r], 'the tap added a cell');
    assert.equal((await cells(page)).length, before + 1);
  });

  appTest('spreading two fingers zooms in around them', touch, async ({ page }) => {
    const box = await stageBox(page);
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const z0 = await zoom(page);
    await twoFingerGesture(page, [[cx - 50, cy], [cx + 50, cy]], [[cx - 100, cy], [cx + 100, cy]]);
    const z1 = await zoom(page);
    assert.ok(Math.abs(z1 / z0 - 2) < 0.1, `zoom doubled with the spread: ${z0} -> ${z1}`);
  });

  appTest('moving two fingers together pans the map with them', touch, async ({ page }) => {
    const box = await stageBox(page);
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const before = await cellAt(page, 0, 0);
    const z0 = await zoom(page);
    await twoFingerGesture(page, [[cx - 60, cy], [cx + 60, cy]], [[cx + 20, cy + 30], [cx + 140, cy + 30]]);
    const after = await cellAt(page, 0, 0);
    assert.ok(Math.abs(after.x - before.x - 80) <= 2 && Math.abs(after.y - before.y - 30) <= 2,
      `the centre cell moved with the fingers: (${before.x}, ${before.y}) -> (${after.x}, ${after.y})`);
    assert.ok(Math.abs((await zoom(page)) / z0 - 1) < 0.01, 'the zoom did not change');
  });
});
