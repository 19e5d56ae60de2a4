// Two tabs on the same map: when one saves, the other says so instead of silently
// overwriting it with its own older copy.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, openApp, cells, visibleEmptyCells, addCell, waitUntil } from './harness.mjs';

setup();

describe('two tabs', () => {
  appTest('a change saved in one tab is announced in the other', async (s) => {
    const other = await s.newPage();
    await openApp(other);
    assert.equal(await other.locator('#other-tab').isHidden(), true, 'no warning before any change');
    const [target] = await visibleEmptyCells(s.page, { minDistance: 2 });
    await addCell(s.page, target.q, target.r);
    await waitUntil(other, () => !document.getElementById('other-tab').hidden, null, 'the other tab shows the warning');
    assert.match(await other.locator('#other-tab').innerText(), /another tab/);
    assert.equal(await s.page.locator('#other-tab').isHidden(), true, 'the tab that saved is not warned');
    // Reloading the other tab shows the change.
    await other.locator('#other-tab button').click();
    await waitUntil(other, ([q, r]) => window.__favo?.ready() && window.__favo.cells().some((c) => c.q === q && c.r === r),
      [target.q, target.r], 'after reloading, the other tab has the new cell');
    assert.equal((await cells(other)).length, (await cells(s.page)).length);
  });
});
