// The map library: new maps from each template, maps kept apart from one another, the last
// one reopened after a reload, renaming (from the library and the title field, undoable),
// duplicating, and deleting with an Undo that brings the map back whole.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup,
  appTest,
  cells,
  cellAt,
  docOf,
  waitReady,
  visibleEmptyCells,
  addCell,
  relabel,
  expectEventually,
  isShown,
  textOf,
  openLibrary,
  closeLibrary,
  row,
  createMap,
  openMap,
} from './harness.mjs';

setup();

const personas = (page) => page.evaluate(() => window.__favo.personas());
const clusters = (page) => page.evaluate(() => window.__favo.clusters());
const touchpoints = (page) => page.evaluate(() => window.__favo.touchpoints());
const title = (page) => page.locator('#map-title').inputValue();

/**
 * The library's rows as the user reads them: name, whether it is the open map, cell count;
 * by name (the library lists the most recently saved first), leaving out the map titled
 * `except` if given. Runs in the page.
 */
const listed = (except) =>
  [...document.querySelectorAll('#library-maps li.map')]
    .map((li) => ({
      title: li.querySelector('.open-map').textContent,
      current: li.getAttribute('aria-current') === 'true',
      cells: li.querySelector('.muted').textContent,
    }))
    .filter((m) => m.title !== except)
    .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));

/** Whether the library lists a map titled `title` (runs in the page). */
const isListed = (title) => [...document.querySelectorAll('#library-maps li.map .open-map')].some((b) => b.textContent === title);

/**
 * Waits until the open map, as it is now, has been written to IndexedDB (the autosave waits
 * 250 ms after the last edit): the stored copy of the map last opened has the same title and
 * cells as the screen.
 */
async function waitSaved(page) {
  await expectEventually(
    page,
    () =>
      new Promise((resolve) => {
        const id = localStorage.getItem('favo:last');
        const key = id === 'current' ? id : `map-${id}`;
        const open = indexedDB.open('favo');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('maps').objectStore('maps').get(key);
          get.onerror = () => resolve(false);
          get.onsuccess = () => {
            db.close();
            const doc = get.result && JSON.parse(get.result.json);
            const shown = window.__favo.cells().map((c) => `${c.id}:${c.label}`).sort();
            const stored = doc ? doc.cells.map((c) => `${c.id}:${c.label ?? ''}`).sort() : [];
            resolve(!!doc && doc.title === document.getElementById('map-title').value && JSON.stringify(stored) === JSON.stringify(shown));
          };
        };
      }),
    null,
    true,
    'the open map was saved',
  );
}

/** Adds a cell on a free spot of the open map and labels it. */
async function addLabelled(page, label) {
  const [spot] = await visibleEmptyCells(page, { minDistance: 3 });
  const cell = await addCell(page, spot.q, spot.r);
  await relabel(page, cell, label);
}

describe('library', () => {
  // The untouched sample is never written, so the library listed nothing while it was open
  // and creating a new map lost it for good.
  appTest('the map open at the first start is listed, current, and kept when a new map is made', async ({ page }) => {
    await openLibrary(page);
    await expectEventually(page, listed, null, [{ title: 'Sample journey', current: true, cells: '27 cells' }],
      'the library lists the map on screen');
    await closeLibrary(page);
    await createMap(page, 'ring', 13);
    await openMap(page, 'Sample journey');
    assert.equal((await cells(page)).length, 27, 'the sample can be opened again');
  });

  appTest('each template makes a new map holding what it promises', async ({ page }) => {
    await createMap(page, 'ring', 13);
    assert.equal((await cellAt(page, 0, 0)).label, 'Customer', 'the customer is at the centre');
    assert.deepEqual((await clusters(page)).map((c) => c.size).sort((a, b) => a - b), [1, 12], 'a closed ring of twelve around the customer');
    assert.equal(await title(page), 'The seven phases as a ring');

    await createMap(page, 'checklist', 17);
    assert.deepEqual((await clusters(page)).map((c) => c.name).sort(), ['Post-sale', 'Pre-sale', 'Sale'], 'one named cluster per moment of sale');
    const tps = await touchpoints(page);
    assert.equal(tps.length, 17, 'a touchpoint per cell');
    assert.ok(tps.every((t) => t.status === 'ToReview'), 'all to review');
    assert.ok(tps.some((t) => t.name === 'Call center' && t.channel === 'call_center'), 'with their channels');

    await createMap(page, 'lifecycle', 13);
    assert.deepEqual((await personas(page)).map((p) => [p.name, p.stage]), [
      ['Potential customer', 'Potential'],
      ['New customer', 'New'],
      ['Acquired customer', 'Acquired'],
      ['Partner customer', 'Partner'],
    ], 'one persona per lifecycle stage');
    assert.ok((await personas(page)).every((p) => p.steps.length >= 2), 'each walks the ring');

    await createMap(page, 'blank', 0);
    assert.equal(await title(page), 'New map');
    assert.deepEqual(await personas(page), []);

    // The four new maps are all in the library, the blank one open. (Whether the untouched
    // sample is listed too is the first test's business.)
    await waitSaved(page);
    await openLibrary(page);
    await expectEventually(page, listed, 'Sample journey', [
      { title: 'New map', current: true, cells: '0 cells' },
      { title: 'The four lifecycle stages', current: false, cells: '13 cells' },
      { title: 'The seven phases as a ring', current: false, cells: '13 cells' },
      { title: 'Touchpoint checklist by moment of sale', current: false, cells: '17 cells' },
    ], 'the four maps listed, the new blank one current');
  });

  appTest('two maps stay apart; a reload reopens the map opened last', async ({ page }) => {
    await addLabelled(page, 'Only in the sample');
    const sample = docOf(await cells(page));
    await createMap(page, 'ring', 13);
    await addLabelled(page, 'Only in the ring');
    const ring = docOf(await cells(page));
    assert.equal(ring.length, 14);

    await openMap(page, 'Sample journey');
    assert.deepEqual(docOf(await cells(page)), sample, 'the sample is as it was left, without the ring\'s cell');
    await openMap(page, 'The seven phases as a ring');
    assert.deepEqual(docOf(await cells(page)), ring, 'the ring kept its own cell');

    // A reload opens the ring (the last opened), then the sample once it is opened last.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.equal(await title(page), 'The seven phases as a ring');
    assert.deepEqual(docOf(await cells(page)), ring);
    await openMap(page, 'Sample journey');
    await page.reload();
    await waitReady(page);
    assert.equal(await title(page), 'Sample journey');
    assert.deepEqual(docOf(await cells(page)), sample);
  });

  appTest('rename from the library and from the title field; Ctrl+Z undoes a rename', async ({ page }) => {
    await createMap(page, 'ring', 13);
    await createMap(page, 'checklist', 17);
    await waitSaved(page);

    // Rename the map that is not open, in the library.
    await openLibrary(page);
    const field = row(page, 'The seven phases as a ring').locator('.rename-map');
    await field.fill('Workshop March');
    await field.press('Enter');
    await expectEventually(page, listed, 'Sample journey', [
      { title: 'Touchpoint checklist by moment of sale', current: true, cells: '17 cells' },
      { title: 'Workshop March', current: false, cells: '13 cells' },
    ], 'the library lists the new name');
    // Rename the open map in the library: the toolbar follows.
    const own = row(page, 'Touchpoint checklist by moment of sale').locator('.rename-map');
    await own.fill('Checklist for Giulia');
    await own.press('Enter');
    await expectEventually(page, () => document.getElementById('map-title').value, null, 'Checklist for Giulia', 'the title field shows the new name');
    await closeLibrary(page);

    // Rename in the toolbar; Ctrl+Z on the map takes it back.
    await page.locator('#map-title').fill('Checklist, final');
    await page.locator('#map-title').press('Enter');
    await waitSaved(page);
    await openLibrary(page);
    await expectEventually(page, listed, 'Sample journey', [
      { title: 'Checklist, final', current: true, cells: '17 cells' },
      { title: 'Workshop March', current: false, cells: '13 cells' },
    ], 'the library lists the toolbar\'s name');
    await closeLibrary(page);
    await page.locator('#stage').focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, () => document.getElementById('map-title').value, null, 'Checklist for Giulia', 'undo restores the previous name');

    // Both names are kept across a reload, and the renamed ring opens with its cells.
    await waitSaved(page);
    await page.reload();
    await waitReady(page);
    assert.equal(await title(page), 'Checklist for Giulia');
    await openMap(page, 'Workshop March');
    assert.equal((await cells(page)).length, 13);
    assert.equal((await cellAt(page, 0, 0)).label, 'Customer');
  });

  appTest('Duplicate opens a copy with the same cells; editing the copy leaves the original alone', async ({ page }) => {
    await createMap(page, 'checklist', 17);
    const original = docOf(await cells(page));
    const originalTouchpoints = await touchpoints(page);
    await openLibrary(page);
    await row(page, 'Touchpoint checklist by moment of sale').locator('.duplicate-map').click();
    await expectEventually(page, () => document.getElementById('map-title').value, null, 'Touchpoint checklist by moment of sale (copy)', 'the copy is open');
    assert.deepEqual(docOf(await cells(page)), original, 'with the same cells');
    assert.deepEqual(await touchpoints(page), originalTouchpoints, 'and the same touchpoints');
    await expectEventually(page, listed, 'Sample journey', [
      { title: 'Touchpoint checklist by moment of sale', current: false, cells: '17 cells' },
      { title: 'Touchpoint checklist by moment of sale (copy)', current: true, cells: '17 cells' },
    ], 'both are listed, the copy current');
    await closeLibrary(page);

    await addLabelled(page, 'Only in the copy');
    await openMap(page, 'Touchpoint checklist by moment of sale');
    assert.deepEqual(docOf(await cells(page)), original, 'the original is untouched');
  });

  appTest('deleting the open map is announced, and Undo brings it back whole', async ({ page }) => {
    await addLabelled(page, 'Keep me');
    const sample = docOf(await cells(page));
    await createMap(page, 'ring', 13);
    await openMap(page, 'Sample journey');

    await openLibrary(page);
    await row(page, 'Sample journey').locator('.delete-map').click();
    // Never silent: the list drops it, another map opens, and the alert names it.
    await expectEventually(page, listed, null, [{ title: 'The seven phases as a ring', current: true, cells: '13 cells' }], 'the list no longer has it');
    assert.equal(await title(page), 'The seven phases as a ring', 'the other map opened in its place');
    assert.equal(await isShown(page, '#error'), true, 'an alert is shown');
    assert.match(await textOf(page, '#error'), /Deleted “Sample journey”/);
    await closeLibrary(page);

    await page.locator('#undo-delete').click();
    await expectEventually(page, () => document.getElementById('map-title').value, null, 'Sample journey', 'Undo reopens the map');
    assert.deepEqual(docOf(await cells(page)), sample, 'whole, with its last edit');
    assert.equal(await isShown(page, '#error'), false, 'the alert is gone');
    await openLibrary(page);
    await expectEventually(page, listed, null, [
      { title: 'Sample journey', current: true, cells: '28 cells' },
      { title: 'The seven phases as a ring', current: false, cells: '13 cells' },
    ], 'both maps are listed again');
  });

  // The page's alert sits behind the modal library dialog, so the dialog carries its own Undo.
  appTest('Undo can be clicked right after deleting, with the library still open', async ({ page }) => {
    await createMap(page, 'ring', 13);
    await createMap(page, 'checklist', 17);
    await openLibrary(page);
    await row(page, 'The seven phases as a ring').locator('.delete-map').click();
    await expectEventually(page, isListed, 'The seven phases as a ring', false, 'deleted');
    // The page's alert is behind the modal dialog, so the dialog says it too, with its own Undo.
    assert.match(await textOf(page, '#library-deleted'), /Deleted “The seven phases as a ring”/);
    const hit = await page.evaluate(() => {
      const b = document.getElementById('library-undo').getBoundingClientRect();
      return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2)?.id || null;
    });
    assert.equal(hit, 'library-undo', 'a click on the visible Undo button reaches it');
    await page.locator('#library-undo').click({ timeout: 2000 });
    await expectEventually(page, isListed, 'The seven phases as a ring', true, 'Undo restored the map');
  });

  appTest('a deleted map stays deleted after a reload; deleting the last map leaves a blank one', async ({ page }) => {
    await addLabelled(page, 'Saved sample');
    await createMap(page, 'ring', 13);
    await addLabelled(page, 'Edited just before the delete');
    await openLibrary(page);
    await row(page, 'The seven phases as a ring').locator('.delete-map').click();
    await expectEventually(page, listed, null, [{ title: 'Sample journey', current: true, cells: '28 cells' }], 'only the sample is left, open');
    await page.reload();
    await waitReady(page);
    assert.equal(await title(page), 'Sample journey', 'the reload opens a map that still exists');
    await openLibrary(page);
    await expectEventually(page, listed, null, [{ title: 'Sample journey', current: true, cells: '28 cells' }], 'the deleted map did not come back');

    // The last map: the library is never left empty, a blank map takes its place.
    await row(page, 'Sample journey').locator('.delete-map').click();
    await expectEventually(page, listed, null, [{ title: 'New map', current: true, cells: '0 cells' }], 'a blank map replaces it');
    assert.equal((await cells(page)).length, 0);
    assert.match(await textOf(page, '#error'), /Deleted “Sample journey”/);
  });
});
