// Touchpoints through the UI: add one to a cell and edit its fields in the inspector, find
// it in the checklist by filter, change its status there, export the checklist CSV with
// formulas defused, and keep it all across a reload.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, appTest, cellLabelled, waitReady, expectEventually } from './harness.mjs';

setup();

const touchpoints = (page) => page.evaluate(() => window.__favo.touchpoints());

async function addTouchpoint(page, label, fields) {
  const cell = await cellLabelled(page, label);
  await page.mouse.click(cell.x, cell.y);
  const before = (await touchpoints(page)).length;
  await page.locator('#add-touchpoint').click();
  await expectEventually(page, () => window.__favo.touchpoints().length, null, before + 1, 'a touchpoint was added');
  const item = page.locator('#cell-touchpoints li.touchpoint').last();
  await item.locator('summary').click();
  await item.locator('.tp-name').fill(fields.name);
  await item.locator('.tp-name').press('Enter');
  if (fields.owner) {
    await item.locator('.tp-owner').fill(fields.owner);
    await item.locator('.tp-owner').press('Enter');
  }
  if (fields.status) await item.locator('.tp-status').selectOption(fields.status);
  if (fields.channel) await item.locator('.tp-channel').selectOption(fields.channel);
  return cell;
}

describe('touchpoints', () => {
  appTest('add and edit touchpoints, filter and edit the checklist, export it as safe CSV', async ({ page }) => {
    const checkout = await addTouchpoint(page, 'Checkout', { name: '=SUM(A1)', owner: 'E-commerce', status: 'missing' });
    await addTouchpoint(page, 'Satisfaction survey', { name: 'Questionnaire', owner: '-5', status: 'ok', channel: 'survey' });
    // Beside the sample's own (one per phase, measured by the sample data).
    const added = () => window.__favo.touchpoints().filter((t) => ['=SUM(A1)', 'Questionnaire'].includes(t.name)).map((t) => [t.name, t.owner, t.status, t.channel]);
    await expectEventually(page, added, null, [
      ['=SUM(A1)', 'E-commerce', 'Missing', 'web'],
      ['Questionnaire', '-5', 'Ok', 'survey'],
    ], 'the fields were saved as typed');
    const first = (await touchpoints(page)).find((t) => t.name === '=SUM(A1)');
    assert.equal(first.cell, checkout.id);

    // The checklist lists both with the sample's seven, grouped by moment; a filter narrows it.
    await page.locator('#checklist-panel summary').click();
    await expectEventually(page, () => document.querySelectorAll('#checklist .check-row').length, null, 9, 'both are listed');
    await page.locator('#filter-status').selectOption('missing');
    await expectEventually(page, () => [...document.querySelectorAll('#checklist .check-row .tp')].map((e) => e.textContent), null, ['=SUM(A1)'], 'only the missing one');
    await page.locator('#filter-status').selectOption('');

    // Edit in place: mark it done from the checklist.
    await page.locator('#checklist .check-row', { hasText: '=SUM(A1)' }).locator('select').selectOption('to_review');
    await expectEventually(page, () => window.__favo.touchpoints().find((t) => t.name === '=SUM(A1)').status, null, 'ToReview', 'the status changed from the checklist');

    // Export: RFC 4180, a BOM for Excel, the formula defused, the plain number kept.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeffMoment,Cell,Phase,Touchpoint'), csv.slice(0, 60));
    assert.match(csv, /,'=SUM\(A1\),/, 'the formula is escaped');
    assert.match(csv, /,-5,/, 'a plain number stays a number');
    assert.doesNotMatch(csv, /,=SUM/, 'no field starts with =');

    // Everything survives a reload.
    const before = await touchpoints(page);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await touchpoints(page), before);
  });
});
