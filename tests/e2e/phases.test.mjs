// Editing phases in the legend: rename (kept in both languages), recolour, remove (its cells
// go to no phase, one undo brings both back), add and reorder.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, cells, expectEventually } from './harness.mjs';

setup();

const row = (page, i) => page.locator('#legend li').nth(i);

describe('phases', () => {
  appTest('rename, recolour, remove with undo, add and reorder from the legend', async ({ page }) => {
    await page.locator('#edit-phases').click();
    // Rename Interest (the third phase); the name sticks in Italian too.
    const name = row(page, 2).locator('.phase-name-input');
    await name.fill('Shortlist');
    await name.press('Enter');
    await expectEventually(page, () => window.__favo.cells().filter((c) => c.phase === 'Shortlist').length, null, 4, 'its cells are in "Shortlist"');

    // Recolour it.
    await row(page, 2).locator('.phase-color').evaluate((el) => {
      el.value = '#123456';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await expectEventually(page, () => document.querySelector('#legend li:nth-child(3) .phase-color').value, null, '#123456', 'the colour changed');

    // Remove Usage: its cells keep no phase; one undo restores both.
    const usage = (await cells(page)).filter((c) => c.phase === 'Usage').map((c) => c.id);
    assert.ok(usage.length > 0);
    await row(page, 5).locator('.remove-phase').click();
    await expectEventually(page, () => document.querySelectorAll('#legend li').length, null, 6, 'six phases left');
    const orphaned = (await cells(page)).filter((c) => usage.includes(c.id));
    assert.ok(orphaned.every((c) => c.phase === null), 'the Usage cells have no phase');
    await page.locator('#stage').focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, (ids) => window.__favo.cells().filter((c) => ids.includes(c.id)).every((c) => c.phase === 'Usage'), usage, true, 'undo restores the phase of every cell');

    // Add a phase and move it up.
    await page.locator('#add-phase').click();
    await expectEventually(page, () => document.querySelectorAll('#legend li').length, null, 8, 'a phase was added');
    await row(page, 7).locator('.move-up').click();
    await expectEventually(page, () => document.querySelector('#legend li:nth-child(7) .phase-name-input').value, null, 'New phase', 'it moved up one place');

    // Done, then Italian: renamed stays, defaults follow the language.
    await page.locator('#edit-phases').click();
    await page.locator('#lang').selectOption('it');
    await expectEventually(page, () => [...document.querySelectorAll('#legend li')].map((li) => li.textContent.trim()).slice(0, 4), null,
      ['Consapevolezza', 'Scoperta', 'Shortlist', 'Riflessione'], 'the legend speaks Italian but keeps the new name');
  });
});
