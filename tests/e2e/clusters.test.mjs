// Naming a cluster of touching cells from the inspector: the whole cluster takes the name,
// undo and redo take it back and forth, and it survives a reload.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, cellLabelled, waitReady, expectEventually } from './harness.mjs';

setup();

describe('clusters', () => {
  appTest('name the cluster of the selected cell', async ({ page }) => {
    const webinar = await cellLabelled(page, 'Webinar');
    await page.mouse.click(webinar.x, webinar.y);
    const field = page.locator('#cluster-name');
    await field.fill('Il giro completo');
    await field.press('Enter');
    // The sample's ring is one cluster of 26 touching cells; the customer stands alone.
    await expectEventually(page, () => window.__favo.clusters().map((c) => [c.name, c.size]), null,
      [[null, 1], ['Il giro completo', 26]].sort(), 'the ring took the name', 5000).catch(async () => {
      const got = await page.evaluate(() => window.__favo.clusters());
      assert.fail(`clusters: ${JSON.stringify(got)}`);
    });
    const checkout = await cellLabelled(page, 'Checkout');
    await page.mouse.click(checkout.x, checkout.y);
    await expectEventually(page, () => document.getElementById('cluster-name').value, null, 'Il giro completo', 'any member shows the name');

    await page.locator('#stage').focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, () => window.__favo.clusters().filter((c) => c.name).length, null, 0, 'undo takes the name back');
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expectEventually(page, () => window.__favo.clusters().filter((c) => c.name).length, null, 1, 'redo restores it');

    await page.reload();
    await waitReady(page);
    await expectEventually(page, () => window.__favo.clusters().filter((c) => c.name).map((c) => c.name), null, ['Il giro completo'], 'kept across a reload');
  });
});
