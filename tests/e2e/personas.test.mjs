// Personas through the UI: create two, give one a stage (with its help text), build her path
// in path mode by clicking cells, score emotions, filter the map to her (other cells fade),
// leave path mode with Esc, and find it all again after a reload, in Italian too.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, canvasPixel, cellLabelled, waitReady, expectEventually, nextFrame } from './harness.mjs';

setup();

const personas = (page) => page.evaluate(() => window.__favo.personas());

const brightness = async (page, x, y) => (await canvasPixel(page, x, y)).reduce((a, b) => a + b, 0);

async function addPersona(page, name) {
  const n = (await personas(page)).length;
  await page.locator('#add-persona').click();
  await expectEventually(page, () => window.__favo.personas().length, null, n + 1, 'a persona was added');
  await page.locator('#persona-name').fill(name);
  await page.locator('#persona-name').press('Enter');
  await expectEventually(page, (n) => window.__favo.personas().at(-1).name, null, name, 'named');
}

async function clickCells(page, labels) {
  for (const label of labels) {
    const c = await cellLabelled(page, label);
    await page.mouse.click(c.x, c.y);
  }
}

describe('personas', () => {
  appTest('two personas, a path with emotions, the filter, Esc, reload and Italian', async ({ page }) => {
    await addPersona(page, 'Giulia');
    await page.locator('#persona-stage').selectOption('new');
    await expectEventually(page, () => /appreciated/.test(document.querySelector('.stage-help').textContent), null, true, 'the stage explains itself');

    await page.locator('#path-mode').click();
    await clickCells(page, ['Social post', 'Webinar', 'Checkout']);
    const ids = await Promise.all(['Social post', 'Webinar', 'Checkout'].map(async (l) => (await cellLabelled(page, l)).id));
    await expectEventually(page, () => window.__favo.personas()[0].steps.map((s) => s[0]), null, ids, 'the path follows the clicks');
    await expectEventually(page, () => window.__favo.selection().length, null, 0, 'path clicks do not select');

    await page.locator('#persona-steps .step').nth(1).locator('.step-as-is').selectOption('-2');
    await page.locator('#persona-steps .step').nth(1).locator('.step-to-be').selectOption('1');
    await page.locator('#persona-steps .step').nth(1).locator('.step-note').fill('Troppo lungo');
    await page.locator('#persona-steps .step').nth(1).locator('.step-note').press('Enter');
    await expectEventually(page, () => window.__favo.personas()[0].steps[1].slice(1), null, [-2, 1, 'Troppo lungo'], 'emotions and note kept');

    // Esc leaves path mode: the next click selects.
    await page.locator('#stage').focus();
    await page.keyboard.press('Escape');
    await expectEventually(page, () => document.getElementById('path-mode').getAttribute('aria-pressed'), null, 'false', 'Esc ended path mode');
    const customer = await cellLabelled(page, 'Customer');
    await page.mouse.click(customer.x, customer.y);
    await expectEventually(page, (id) => window.__favo.selection(), customer.id, [customer.id], 'a click selects again');
    assert.equal((await personas(page))[0].steps.length, 3);

    // A second persona, with her own path.
    await addPersona(page, 'Marco');
    await page.locator('#path-mode').click();
    await clickCells(page, ['Social post', 'Interest']);
    await page.locator('#path-mode').click();
    await expectEventually(page, () => window.__favo.personas()[1].steps.length, null, 2, 'Marco has his path');

    // Filter to Giulia: a cell off her path fades.
    await page.locator('#persona-list button.persona').first().click();
    const off = await cellLabelled(page, 'Review');
    const probe = [off.x, off.y + 25];
    const before = await brightness(page, ...probe);
    await page.locator('#persona-filter').check();
    await nextFrame(page);
    await nextFrame(page);
    const after = await brightness(page, ...probe);
    assert.ok(after > before + 20, `the cell off the path faded: ${before} -> ${after}`);

    // Kept across a reload, and the stage speaks Italian.
    const saved = await personas(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await personas(page), saved);
    await page.locator('#lang').selectOption('it');
    await page.locator('#persona-list button.persona').first().click();
    await expectEventually(page, () => document.querySelector('#persona-stage option:checked').textContent, null, 'Nuovo', 'stage in Italian');
  });
});
