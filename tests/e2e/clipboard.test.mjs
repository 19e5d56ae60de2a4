// Copy, cut, paste and duplicate. The app answers the browser's own clipboard events; the
// test sends them as the browser does (a ClipboardEvent carrying a DataTransfer), since
// headless Chromium has no system clipboard to go through.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, openApp, cells, cellLabelled, expectEventually } from './harness.mjs';

setup();

/** Fires `copy` or `cut` on the map and returns what it put on the clipboard. */
const copyFrom = (page, type = 'copy') =>
  page.evaluate((type) => {
    const data = new DataTransfer();
    document.getElementById('stage').dispatchEvent(new ClipboardEvent(type, { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  }, type);

/** Fires `paste` on the map with `text` on the clipboard. */
const pasteInto = (page, text) =>
  page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.getElementById('stage').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);

describe('clipboard', () => {
  appTest('copy two cells with their link, paste them here and in another tab; paste text; duplicate; cut', async (s) => {
    const { page } = s;
    const a = await cellLabelled(page, 'Checkout');
    const b = await cellLabelled(page, 'Store visit');
    await page.mouse.click(a.x, a.y);
    await page.keyboard.press('l');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.down('Shift');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.up('Shift');
    await expectEventually(page, () => window.__favo.selection().length, null, 2, 'two cells selected');

    const text = await copyFrom(page);
    const copied = JSON.parse(text);
    assert.equal(copied.format, 'favo-map', 'the clipboard holds a Favo map');
    assert.deepEqual(copied.cells.map((c) => c.label).sort(), ['Checkout', 'Store visit']);
    assert.equal(copied.links.length, 1);

    const n = (await cells(page)).length;
    await pasteInto(page, text);
    await expectEventually(page, () => window.__favo.cells().length, null, n + 2, 'two cells pasted');
    await expectEventually(page, () => window.__favo.links().length, null, 2, 'with their link');
    const pasted = await page.evaluate(() => window.__favo.selection());
    assert.equal(pasted.length, 2, 'the pasted cells are selected');

    // Another tab (another map, same format) takes the same clipboard.
    const other = await s.newPage();
    await openApp(other);
    // (It may already hold the first paste, if that was saved before it opened.)
    const m = (await cells(other)).length;
    const checkouts = (await cells(other)).filter((c) => c.label === 'Checkout').length;
    await pasteInto(other, text);
    await expectEventually(other, (n) => window.__favo.cells().filter((c) => c.label === 'Checkout').length, null, checkouts + 1, 'pasted in the other tab');
    assert.equal((await cells(other)).length, m + 2);

    // Plain text: a cell per line.
    await pasteInto(page, 'Fiera di Milano\nNewsletter\n');
    await expectEventually(page, () => window.__favo.cells().filter((c) => ['Fiera di Milano', 'Newsletter'].includes(c.label)).length, null, 2, 'lines became cells');

    // Ctrl+D duplicates the selection beside it; cut removes and copies.
    const before = (await cells(page)).length;
    await page.keyboard.press('ControlOrMeta+d');
    await expectEventually(page, () => window.__favo.cells().length, null, before + 2, 'duplicated');
    const cut = await copyFrom(page, 'cut');
    assert.equal(JSON.parse(cut).cells.length, 2);
    await expectEventually(page, () => window.__favo.cells().length, null, before, 'cut removed them');
  });
});
