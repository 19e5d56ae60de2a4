// The help dialog: `?` on the map opens it with every shortcut, Esc closes it and the map
// has the keyboard again; in Italian it speaks Italian.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, cellAt, waitUntil } from './harness.mjs';

setup();

describe('help', () => {
  appTest('? opens the shortcuts, Esc closes them', async ({ page }) => {
    const customer = await cellAt(page, 0, 0);
    await page.mouse.click(customer.x, customer.y);
    await page.keyboard.press('?');
    await waitUntil(page, () => document.getElementById('help').open, null, 'the dialog opened');
    const text = await page.locator('#help').innerText();
    for (const key of ['N', 'Enter', 'Delete', 'Ctrl+Z', 'L', 'Alt+drag', '?']) assert.ok(text.includes(key), `lists ${key}`);
    await page.keyboard.press('Escape');
    await waitUntil(page, () => !document.getElementById('help').open, null, 'Esc closed it');
    await page.locator('#stage').focus();
    await page.keyboard.press('Delete');
    await waitUntil(page, (id) => !window.__favo.cells().some((c) => c.id === id), customer.id, 'the map has the keyboard again');
  });

  appTest('the help speaks Italian', { locale: 'it-IT' }, async ({ page }) => {
    await page.locator('#help-button').click();
    await waitUntil(page, () => document.getElementById('help').open, null, 'the button opens it');
    assert.match(await page.locator('#help h2').innerText(), /Tastiera e mouse/);
  });
});
