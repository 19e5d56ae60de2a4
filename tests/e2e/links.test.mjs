// Links between cells, made and removed through the UI: L then a click, Alt+drag, the
// inspector's remove button, undo; a link is drawn as an arrow on the canvas.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, canvasPixel, cellAt, cellLabelled, waitUntil, expectEventually, nextFrame } from './harness.mjs';

setup();

const links = (page) => page.evaluate(() => window.__favo.links());

describe('links', () => {
  appTest('L then a click links two cells, drawn as an arrow, listed and removable in the inspector', async ({ page }) => {
    const customer = await cellAt(page, 0, 0);
    const checkout = await cellLabelled(page, 'Checkout');
    const mid = { x: (customer.x + checkout.x) / 2, y: (customer.y + checkout.y) / 2 };
    const before = await canvasPixel(page, mid.x, mid.y);

    await page.mouse.click(customer.x, customer.y);
    await page.keyboard.press('l');
    await waitUntil(page, () => /leads to|Click the cell/i.test(document.getElementById('status').textContent), null, 'the status says what to do');
    await page.mouse.click(checkout.x, checkout.y);
    await expectEventually(page, () => window.__favo.links(), null, [[customer.id, checkout.id]], 'the link is made');
    await expectEventually(page, () => window.__favo.selection(), null, [customer.id], 'the click picked the target, it did not select it');

    await nextFrame(page);
    const after = await canvasPixel(page, mid.x, mid.y);
    assert.notDeepEqual(after, before, 'an arrow is drawn between the two cells');
    assert.ok(after.every((c) => c < 120), `the arrow is dark: ${after}`);

    const item = page.locator('#cell-links li');
    await expectEventually(page, () => document.querySelectorAll('#cell-links li').length, null, 1, 'the inspector lists the link');
    assert.match(await item.innerText(), /Leads to\s+Checkout/);
    await item.locator('button.unlink').click();
    await expectEventually(page, () => window.__favo.links(), null, [], 'the link is removed');
    await page.locator('#stage').focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, () => window.__favo.links(), null, [[customer.id, checkout.id]], 'undo brings it back');
  });

  appTest('Alt+drag from one cell to another links them; Esc leaves link mode', async ({ page }) => {
    const webinar = await cellLabelled(page, 'Webinar');
    const brochure = await cellLabelled(page, 'Brochure');
    await page.keyboard.down('Alt');
    await page.mouse.move(webinar.x, webinar.y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) {
      await page.mouse.move(webinar.x + ((brochure.x - webinar.x) * i) / 8, webinar.y + ((brochure.y - webinar.y) * i) / 8);
    }
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await expectEventually(page, () => window.__favo.links(), null, [[webinar.id, brochure.id]], 'Alt+drag made the link');
    const moved = await cellLabelled(page, 'Webinar');
    assert.deepEqual([moved.q, moved.r], [webinar.q, webinar.r], 'the cell did not move');

    await page.mouse.click(brochure.x, brochure.y);
    await page.keyboard.press('l');
    await page.keyboard.press('Escape');
    await page.mouse.click(webinar.x, webinar.y);
    await expectEventually(page, () => window.__favo.links().length, null, 1, 'after Esc a click selects, it does not link');
    await expectEventually(page, () => window.__favo.selection(), null, [webinar.id], 'the click selected the cell');
  });

  appTest('deleting a cell removes its links and one undo restores both', async ({ page }) => {
    const a = await cellLabelled(page, 'Review');
    const b = await cellLabelled(page, 'Awareness');
    await page.mouse.click(a.x, a.y);
    await page.keyboard.press('l');
    await page.mouse.click(b.x, b.y);
    await expectEventually(page, () => window.__favo.links(), null, [[a.id, b.id]], 'linked');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.press('Delete');
    await expectEventually(page, () => window.__favo.links(), null, [], 'the link went with the cell');
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, () => window.__favo.links(), null, [[a.id, b.id]], 'one undo restores cell and link');
    assert.ok(await cellLabelled(page, 'Awareness'));
  });
});
