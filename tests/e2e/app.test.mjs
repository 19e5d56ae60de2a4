// End-to-end tests of Favo in Debian's Chromium, through real mouse and keyboard input.
// Run: npm test (node --test) from tests/e2e, after `trunk build --release`.
// The app's state is read through its read-only `window.__favo` test hook.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup,
  appTest,
  env,
  waitReady,
  cells,
  selection,
  zoom,
  screenOf,
  cellAt,
  hexDistance,
  cellById,
  cellLabelled,
  docOf,
  byId,
  stageBox,
  cellPitch,
  visibleEmptyCells,
  expectEventually,
  waitUntil,
  nextFrame,
  addCell,
  drag,
  relabel,
  textOf,
  isShown,
  ARTIFACTS,
} from './harness.mjs';

setup();

// ---------------------------------------------------------------------------------------
// Small helpers specific to these scenarios.

const PHASES_EN = ['Awareness', 'Discovery', 'Interest', 'Consideration', 'Action', 'Usage', 'Advocacy'];

/** Cells that have a phase (the sample's activities), in id order. */
async function activities(page) {
  return (await cells(page)).filter((c) => c.phase !== null && !(c.q === 0 && c.r === 0)).sort(byId);
}

/** Clicks a cell to select it (which also gives the stage the keyboard). */
async function select(page, cell) {
  await page.mouse.click(cell.x, cell.y);
  await expectEventually(page, () => window.__favo.selection(), null, [cell.id], `clicking "${cell.label}" selects it`);
}

/** Whether every cell centre is inside the stage's box. */
async function cellsOutsideStage(page) {
  const box = await stageBox(page);
  return (await cells(page)).filter(
    (c) => c.x < box.x || c.x > box.x + box.width || c.y < box.y || c.y > box.y + box.height,
  );
}

/** Clicks #export and returns the downloaded file's path and parsed JSON. */
async function exportMap(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export').then(() => page.click('#export-json'))]);
  const file = await download.path();
  assert.ok(file, 'the export downloads a file');
  const text = fs.readFileSync(file, 'utf8');
  let json;
  assert.doesNotThrow(() => (json = JSON.parse(text)), 'the exported file is JSON');
  return { file, text, json, name: download.suggestedFilename() };
}

/** Ctrl+A, Delete: empties the map (the stage must have the keyboard). */
async function deleteEverything(page) {
  const any = (await cells(page))[0];
  await page.mouse.click(any.x, any.y);
  await page.keyboard.press('ControlOrMeta+a');
  const n = (await cells(page)).length;
  await expectEventually(page, () => window.__favo.selection().length, null, n, 'Ctrl+A selects every cell');
  await page.keyboard.press('Delete');
  await expectEventually(page, () => window.__favo.cells().length, null, 0, 'Delete removes them all');
}

/** The document part of the exported file's cells, comparable with `docOf(cells)`. */
const fileCells = (json) =>
  json.cells.map(({ id, label, q, r }) => ({ id, label: label ?? '', q, r })).sort(byId);
const uiCells = (list) => docOf(list).map(({ id, label, q, r }) => ({ id, label, q, r }));

// ---------------------------------------------------------------------------------------

describe('a. opening the app', () => {
  appTest('shows the sample map around "Customer", with the seven phases in the legend', async ({ page }) => {
    const list = await cells(page);
    assert.ok(list.length >= 20 && list.length <= 30, `a workshop-sized sample, got ${list.length} cells`);
    assert.equal((await cellAt(page, 0, 0))?.label, 'Customer', 'the centre cell is "Customer"');
    assert.equal(new Set(list.map((c) => `${c.q},${c.r}`)).size, list.length, 'one cell per position');
    assert.deepEqual(await cellsOutsideStage(page), [], 'the whole sample is on screen');
    const legend = await page.locator('#legend li').allTextContents();
    assert.equal(legend.length, 7, `seven phases in the legend: ${JSON.stringify(legend)}`);
    for (const name of PHASES_EN) {
      assert.ok(legend.some((t) => t.includes(name)), `the legend lists ${name}`);
    }
    assert.equal(await isShown(page, '#error'), false, 'no error is shown');
    assert.equal(await isShown(page, '#save-error'), false, 'no save error is shown');
  });

  appTest('speaks Italian to an Italian browser', { locale: 'it-IT' }, async ({ page }) => {
    assert.equal((await cellAt(page, 0, 0))?.label, 'Cliente', 'the centre cell is "Cliente"');
    const legend = await page.locator('#legend li').allTextContents();
    assert.equal(legend.length, 7, `seven phases in the legend: ${JSON.stringify(legend)}`);
    assert.ok(legend.some((t) => t.includes('Consapevolezza')), `the legend shows Consapevolezza: ${legend}`);
    assert.ok(!legend.some((t) => t.includes('Awareness')), 'and no English phase names');
  });

  appTest('the language menu switches to Italian, and the choice is remembered', async ({ page }) => {
    await page.selectOption('select#lang', 'it');
    await waitUntil(page, () => [...document.querySelectorAll('#legend li')].some((li) => li.textContent.includes('Consapevolezza')),
      null, 'the legend is in Italian');
    const phases = new Set((await cells(page)).map((c) => c.phase).filter(Boolean));
    assert.ok(phases.has('Consapevolezza') && !phases.has('Awareness'), `phase names are Italian: ${[...phases]}`);
    await page.reload();
    await waitReady(page);
    assert.equal(await page.inputValue('select#lang'), 'it', 'the menu still says Italian after a reload');
    const legend = await page.locator('#legend li').allTextContents();
    assert.ok(legend.some((t) => t.includes('Consapevolezza')), `the legend is still Italian: ${legend}`);
  });
});

describe('b. adding cells', () => {
  appTest('clicking three empty cells adds three cells exactly there', async ({ page }) => {
    const before = await cells(page);
    let free = await visibleEmptyCells(page, { minDistance: 4 });
    // The brief's far-away row first (q = 6..8, r = 0) when it is on screen.
    const preferred = free.filter((c) => c.r === 0 && c.q >= 6 && c.q <= 8);
    const targets = (preferred.length === 3 ? preferred : free).slice(0, 3);
    assert.equal(targets.length, 3, 'three empty cells are on screen');
    for (const t of targets) {
      await page.mouse.click(t.x, t.y);
    }
    await expectEventually(page, () => window.__favo.cells().length, null, before.length + 3, 'three more cells');
    const after = await cells(page);
    for (const t of targets) {
      const c = after.find((c) => c.q === t.q && c.r === t.r);
      assert.ok(c, `a new cell at (${t.q}, ${t.r})`);
      assert.ok(!before.some((b) => b.id === c.id), 'with a new id');
    }
    assert.deepEqual(
      docOf(after.filter((c) => before.some((b) => b.id === c.id))),
      docOf(before),
      'the cells that were there are untouched',
    );
  });
});

describe('c. labelling by keyboard', () => {
  appTest('Enter edits the selected cell, Enter keeps the text, Escape cancels, double-click edits', async ({ page }) => {
    // A new, empty cell, labelled by keyboard.
    const [spot] = await visibleEmptyCells(page, { minDistance: 4 });
    const added = await addCell(page, spot.q, spot.r);
    await select(page, added);
    await page.keyboard.press('Enter');
    const editor = page.locator('#label-editor');
    await editor.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'label-editor', 'the editor has the focus');
    const box = await editor.boundingBox();
    assert.ok(
      added.x >= box.x && added.x <= box.x + box.width && Math.abs(added.y - (box.y + box.height / 2)) < (await cellPitch(page)),
      `the editor ${JSON.stringify(box)} is over the cell at ${added.x},${added.y}`,
    );
    await page.keyboard.type('Webinar gratuito');
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });
    await expectEventually(page, (id) => window.__favo.cells().find((c) => c.id === id)?.label, added.id, 'Webinar gratuito',
      'Enter keeps the typed label');

    // An existing label: the editor shows it, and Escape leaves it as it was.
    const [first, second] = await activities(page);
    await select(page, first);
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'visible' });
    assert.equal(await editor.inputValue(), first.label, 'the editor starts with the current label');
    await page.keyboard.type(' changed');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await nextFrame(page);
    assert.equal((await cellById(page, first.id)).label, first.label, 'Escape cancels the edit');

    // Replacing an existing label with the keyboard only.
    await relabel(page, await cellById(page, first.id), 'Webinar gratuito 2');

    // Double-click opens the editor too.
    await page.mouse.dblclick(second.x, second.y);
    await editor.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'label-editor', 'double-click focuses the editor');
    assert.equal(await editor.inputValue(), second.label);
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    assert.equal((await cellById(page, second.id)).label, second.label);
  });
});

describe('d. dragging cells', () => {
  appTest('a cell dropped on an empty cell moves there; a drop on a taken cell is refused', async ({ page }) => {
    const [a, b, c] = await activities(page);
    const count = (await cells(page)).length;
    const [dest] = await visibleEmptyCells(page, { minDistance: 4 });
    await drag(page, a, dest);
    await expectEventually(page, (id) => { const c = window.__favo.cells().find((c) => c.id === id); return c && [c.q, c.r, c.label]; },
      a.id, [dest.q, dest.r, a.label], 'the same cell is now where it was dropped');
    assert.equal(await cellAt(page, a.q, a.r), undefined, 'its old place is empty');
    assert.equal((await cells(page)).length, count, 'no cell was added or lost');

    const statusBefore = await textOf(page, '#status');
    await drag(page, b, c);
    await waitUntil(page, (before) => {
      const t = document.querySelector('#status')?.textContent.trim() ?? '';
      return t !== '' && t !== before;
    }, statusBefore, '#status tells that the drop was refused');
    assert.equal(await page.getAttribute('#status', 'role'), 'status');
    const [b2, c2] = [await cellById(page, b.id), await cellById(page, c.id)];
    assert.deepEqual([b2.q, b2.r], [b.q, b.r], 'the dragged cell stayed where it was');
    assert.deepEqual([c2.q, c2.r, c2.label], [c.q, c.r, c.label], 'the cell under the drop is untouched');
    assert.equal((await cells(page)).length, count);
  });
});

describe('e. saving in the browser', () => {
  appTest('edits survive a reload', async (s) => {
    const { page } = s;
    const free = await visibleEmptyCells(page, { minDistance: 4 });
    const added = await addCell(page, free[0].q, free[0].r);
    await relabel(page, added, 'Newsletter');
    const [a, b] = await activities(page);
    await drag(page, a, free[1]);
    await expectEventually(page, (id) => { const c = window.__favo.cells().find((c) => c.id === id); return [c.q, c.r]; },
      a.id, [free[1].q, free[1].r], 'dragged');
    await select(page, b);
    await page.keyboard.press('Delete');
    await waitUntil(page, (id) => !window.__favo.cells().some((c) => c.id === id), b.id, 'Delete removes the cell');
    const before = docOf(await cells(page));

    await page.reload();
    await waitReady(page);
    assert.deepEqual(docOf(await cells(page)), before, 'the same cells, labels and places after a reload');
  });

  appTest('an edit made just before a reload survives it', async ({ page }) => {
    const free = await visibleEmptyCells(page, { minDistance: 4 });
    await addCell(page, free[0].q, free[0].r);
    await page.reload(); // no wait at all
    await waitReady(page);
    assert.ok(await cellAt(page, free[0].q, free[0].r), 'the cell added just before the reload is there');

    // The same with a label typed and committed right before reloading.
    const cell = await cellAt(page, free[0].q, free[0].r);
    await select(page, cell);
    await page.keyboard.press('Enter');
    await page.locator('#label-editor').waitFor({ state: 'visible' });
    await page.keyboard.type('Last words');
    await page.keyboard.press('Enter');
    await page.reload();
    await waitReady(page);
    assert.equal((await cellById(page, cell.id))?.label, 'Last words', 'the label committed just before the reload is there');
  });

  appTest('an edit whose write is still under way when the page goes survives it', async ({ page }) => {
    // Another connection keeps a write transaction on the maps' store busy, so the app's
    // own write waits behind it: the page leaves with the edit sent to IndexedDB but not
    // in it (a slow disk, a busy browser).
    await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('favo');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const store = open.result.transaction(['maps'], 'readwrite').objectStore('maps');
        const spin = () => { store.get('nothing').onsuccess = spin; };
        spin();
        resolve();
      };
    }));
    const free = await visibleEmptyCells(page, { minDistance: 4 });
    await addCell(page, free[0].q, free[0].r);
    await page.waitForTimeout(600); // past the autosave's quiet time: the write has started
    await page.reload();
    await waitReady(page);
    assert.ok(await cellAt(page, free[0].q, free[0].r), 'the cell whose write never finished is there');
  });
});

describe('f. undo and redo', () => {
  appTest('Ctrl+Z / Ctrl+Shift+Z and the buttons undo and redo; one drag is one step', async ({ page }) => {
    const n = (await cells(page)).length;
    const free = await visibleEmptyCells(page, { minDistance: 4 });
    const added = await addCell(page, free[0].q, free[0].r);
    const here = ([q, r]) => window.__favo.cells().find((c) => c.q === q && c.r === r)?.id ?? null;
    const spot = [free[0].q, free[0].r];

    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, here, spot, null, 'Ctrl+Z removes the added cell');
    assert.equal((await cells(page)).length, n);
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expectEventually(page, here, spot, added.id, 'Ctrl+Shift+Z brings it back');

    await page.click('#undo');
    await expectEventually(page, here, spot, null, 'the Undo button removes it');
    await page.click('#redo');
    await expectEventually(page, here, spot, added.id, 'the Redo button brings it back');
    assert.equal((await cells(page)).length, n + 1);

    // A drag across several cells is one undo step.
    const [a] = await activities(page);
    const dest = free[free.length - 1];
    await drag(page, a, dest, { steps: 20 });
    await expectEventually(page, (id) => { const c = window.__favo.cells().find((c) => c.id === id); return [c.q, c.r]; },
      a.id, [dest.q, dest.r], 'the drag moved the cell');
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, (id) => { const c = window.__favo.cells().find((c) => c.id === id); return [c.q, c.r]; },
      a.id, [a.q, a.r], 'one Ctrl+Z puts the dragged cell back at its start');
    assert.equal(await page.evaluate(here, spot), added.id, 'and undoes nothing else');
  });
});

describe('g. selection and delete', () => {
  appTest('shift-click two cells, Delete removes both, one undo restores both', async ({ page }) => {
    const [a, , b] = await activities(page);
    const n = (await cells(page)).length;
    await page.keyboard.down('Shift');
    await page.mouse.click(a.x, a.y);
    await page.mouse.click(b.x, b.y);
    await page.keyboard.up('Shift');
    await expectEventually(page, () => window.__favo.selection().slice().sort(), null, [a.id, b.id].sort(), 'both are selected');
    await page.keyboard.press('Delete');
    await expectEventually(page, () => window.__favo.cells().length, null, n - 2, 'Delete removes both');
    assert.equal(await cellById(page, a.id), undefined);
    assert.equal(await cellById(page, b.id), undefined);
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, () => window.__favo.cells().length, null, n, 'one Ctrl+Z restores both');
    for (const c of [a, b]) {
      const back = await cellById(page, c.id);
      assert.deepEqual([back?.q, back?.r, back?.label, back?.phase], [c.q, c.r, c.label, c.phase]);
    }
  });

  /** Box-selects from an empty cell at the top left to the map's centre; checks the result. */
  async function boxSelect(page, withShift) {
    const free = await visibleEmptyCells(page);
    const start = free.reduce((m, c) => (c.x + c.y < m.x + m.y ? c : m));
    const centre = await screenOf(page, 0, 0);
    const end = { x: centre.x + 3, y: centre.y + 3 };
    if (withShift) await page.keyboard.down('Shift');
    await drag(page, start, end, { steps: 10 });
    if (withShift) await page.keyboard.up('Shift');
    await nextFrame(page);
    const pitch = await cellPitch(page);
    const [x0, x1] = [Math.min(start.x, end.x), Math.max(start.x, end.x)];
    const [y0, y1] = [Math.min(start.y, end.y), Math.max(start.y, end.y)];
    const list = await cells(page);
    // Cells well inside the box must be selected, cells well outside must not; cells on the
    // edge may go either way (centre-in-box or touching-box rules are both fine).
    const inside = list.filter((c) => c.x > x0 + pitch && c.x < x1 - pitch && c.y > y0 + pitch && c.y < y1 - pitch);
    const surely = list.filter((c) => c.x >= x0 && c.x <= x1 && c.y >= y0 && c.y <= y1);
    const outside = list.filter((c) => c.x < x0 - pitch || c.x > x1 + pitch || c.y < y0 - pitch || c.y > y1 + pitch);
    const sel = await selection(page);
    assert.ok(surely.length >= 3, `the box holds several cells (${surely.length})`);
    assert.ok(outside.length >= 3, 'and leaves several out');
    for (const c of [...inside, ...surely.filter((c) => c.q === 0 && c.r === 0)]) {
      assert.ok(sel.includes(c.id), `"${c.label}" (${c.q}, ${c.r}) inside the box is selected`);
    }
    for (const c of outside) assert.ok(!sel.includes(c.id), `"${c.label}" outside the box is not selected`);
    assert.ok(sel.length >= 3, `several cells selected: ${sel.length}`);
    return { n: list.length };
  }

  appTest('Shift+drag on empty space box-selects the cells in the box', async ({ page }) => {
    const n = (await cells(page)).length;
    await boxSelect(page, true);
    assert.equal((await cells(page)).length, n, 'box selecting adds no cell');
  });

  appTest('the select-area tool box-selects with a plain drag', async ({ page }) => {
    assert.equal(await page.getAttribute('#tool-select', 'aria-pressed'), 'false');
    await page.click('#tool-select');
    assert.equal(await page.getAttribute('#tool-select', 'aria-pressed'), 'true');
    await boxSelect(page, false);
    await page.click('#tool-select');
    assert.equal(await page.getAttribute('#tool-select', 'aria-pressed'), 'false');
  });
});

describe('h. export and import', () => {
  appTest('Export downloads a Favo map that Import brings back', async ({ page }) => {
    const free = await visibleEmptyCells(page, { minDistance: 4 });
    const added = await addCell(page, free[0].q, free[0].r);
    await relabel(page, added, 'Exported cell');
    const before = await cells(page);

    const { file, json, name } = await exportMap(page);
    assert.equal(json.format, 'favo-map');
    assert.equal(json.version, 5, 'the current map format');
    assert.deepEqual(fileCells(json), uiCells(before), `the file ${name} holds the map's cells`);
    for (const c of before) {
      const f = json.cells.find((x) => x.id === c.id);
      assert.equal(f.phase == null, c.phase === null, `"${c.label}" keeps whether it has a phase`);
    }

    await deleteEverything(page);
    await page.setInputFiles('#import-file', file);
    await expectEventually(page, () => window.__favo.cells().length, null, before.length, 'Import brings the cells back');
    assert.deepEqual(docOf(await cells(page)), docOf(before), 'with the same ids, labels, places and phases');
    assert.equal(await isShown(page, '#error'), false, 'no error');
  });

  appTest('the Import button opens a file chooser that imports the chosen map', async ({ page }) => {
    const before = await cells(page);
    const { file } = await exportMap(page);
    await deleteEverything(page);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import')]);
    await chooser.setFiles(file);
    await expectEventually(page, () => window.__favo.cells().length, null, before.length, 'the chosen map is shown');
    assert.deepEqual(docOf(await cells(page)), docOf(before));
  });

  appTest('dropping a map file on the page imports it', async ({ page }) => {
    const before = await cells(page);
    const { text } = await exportMap(page);
    await deleteEverything(page);
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'journey.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('#stage', 'dragover', { dataTransfer });
    await page.dispatchEvent('#stage', 'drop', { dataTransfer });
    await expectEventually(page, () => window.__favo.cells().length, null, before.length, 'the dropped map is shown');
    assert.deepEqual(docOf(await cells(page)), docOf(before));
  });
});

describe('i. importing a broken file', () => {
  appTest('says what is wrong and leaves the map as it was', async (s) => {
    const { page } = s;
    s.allow(/truncated|not a Favo map|newer Favo|import/i);
    const before = docOf(await cells(page));
    const { text } = await exportMap(page);
    const cases = [
      { name: 'cut.json', content: text.slice(0, Math.floor(text.length * 0.6)), words: /truncated/i },
      { name: 'hello.json', content: '{"hello":1}', words: /not a Favo map/i },
      { name: 'future.json', content: '{"format":"favo-map","version":999,"title":"x","cells":[]}', words: /newer Favo/i },
    ];
    assert.equal(await isShown(page, '#error'), false, 'no error before');
    for (const { name, content, words } of cases) {
      await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(content) });
      await waitUntil(page, (name) => {
        const e = document.querySelector('#error');
        return e && e.offsetParent !== null && e.textContent.includes(name);
      }, name, `#error shows a message about ${name}`);
      const message = await textOf(page, '#error');
      assert.match(message, words, `the message says why: ${message}`);
      assert.equal(await page.getAttribute('#error', 'role'), 'alert');
      assert.deepEqual(docOf(await cells(page)), before, `the map is unchanged after ${name}`);
    }
  });
});

describe('j. when saving fails', () => {
  const breakStorage = () => {
    const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    IDBFactory.prototype.open = function () {
      throw quota();
    };
    Storage.prototype.setItem = function () {
      throw quota();
    };
  };
  appTest('the user is told, keeps the map in the tab and can still export it', { initScript: breakStorage }, async (s) => {
    const { page } = s;
    s.allow(/quota|indexeddb|localstorage|sav/i);
    const free = await visibleEmptyCells(page, { minDistance: 4 });
    const added = await addCell(page, free[0].q, free[0].r);
    await page.locator('#save-error').waitFor({ state: 'visible' });
    const message = await textOf(page, '#save-error');
    assert.ok(message.length > 0, 'the save error says something');
    assert.equal(await page.getAttribute('#save-error', 'role'), 'alert');
    assert.ok(await cellAt(page, free[0].q, free[0].r), 'the new cell is still on the map');
    const { json } = await exportMap(page);
    assert.equal(json.format, 'favo-map');
    assert.ok(
      json.cells.some((c) => c.id === added.id && c.q === free[0].q && c.r === free[0].r),
      'the export holds the cell that could not be saved',
    );
    assert.deepEqual(fileCells(json), uiCells(await cells(page)));
  });
});

describe('k. drawing', () => {
  appTest('the honeycomb is drawn (screenshot in artifacts/honeycomb.png)', async ({ page }) => {
    await nextFrame(page);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'honeycomb.png');
    await page.locator('#stage').screenshot({ path: shot });
    assert.ok(fs.statSync(shot).size > 1000, 'the screenshot was written');
    const stats = await page.evaluate(() => {
      const canvas = document.querySelector('canvas#map');
      const { width, height } = canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
      const px = (i) => (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
      const bg = px(0);
      const colours = new Set();
      let differ = 0;
      for (let i = 0; i < data.length; i += 4) {
        const p = px(i);
        if (p !== bg) differ++;
        if (colours.size < 1000) colours.add(p);
      }
      return { width, height, colours: colours.size, differ: differ / (width * height) };
    });
    assert.ok(stats.width > 100 && stats.height > 100, `the canvas has a size: ${stats.width}×${stats.height}`);
    assert.ok(stats.colours >= 3, `at least 3 colours, got ${stats.colours}`);
    assert.ok(stats.differ > 0.05, `more than 5% of the canvas is drawn, got ${(stats.differ * 100).toFixed(1)}%`);
  });
});

describe('l. zoom and pan', () => {
  appTest('+, - and 0 zoom in, out and to fit; so do the buttons', async ({ page }) => {
    const customer = await cellAt(page, 0, 0);
    await select(page, customer);
    const z0 = await zoom(page);
    await page.keyboard.press('+');
    await waitUntil(page, (z) => window.__favo.zoom() > z, z0, '+ zooms in');
    const z1 = await zoom(page);
    await page.keyboard.press('-');
    await waitUntil(page, (z) => window.__favo.zoom() < z, z1, '- zooms out');

    // Zoom in until part of the map is off screen; then 0 brings all of it back.
    for (let i = 0; i < 20 && (await cellsOutsideStage(page)).length === 0; i++) {
      const z = await zoom(page);
      await page.keyboard.press('+');
      await waitUntil(page, (z) => window.__favo.zoom() > z, z, '+ zooms in');
    }
    assert.ok((await cellsOutsideStage(page)).length > 0, 'zoomed in, part of the map is off screen');
    await page.keyboard.press('0');
    await expectEventually(page, () => {
      const s = document.querySelector('#stage').getBoundingClientRect();
      return window.__favo.cells().filter((c) => c.x < s.left || c.x > s.right || c.y < s.top || c.y > s.bottom).length;
    }, null, 0, '0 fits the whole map on screen');

    const zb = await zoom(page);
    await page.click('#zoom-in');
    await waitUntil(page, (z) => window.__favo.zoom() > z, zb, 'the Zoom in button zooms in');
    const zc = await zoom(page);
    await page.click('#zoom-out');
    await waitUntil(page, (z) => window.__favo.zoom() < z, zc, 'the Zoom out button zooms out');
    await page.click('#zoom-in');
    await page.click('#zoom-in');
    await page.click('#zoom-in');
    await page.click('#zoom-fit');
    await expectEventually(page, () => {
      const s = document.querySelector('#stage').getBoundingClientRect();
      return window.__favo.cells().filter((c) => c.x < s.left || c.x > s.right || c.y < s.top || c.y > s.bottom).length;
    }, null, 0, 'the Zoom to fit button fits the whole map');
  });

  appTest('the wheel zooms about the pointer', async ({ page }) => {
    const [a] = await activities(page);
    await page.mouse.move(a.x, a.y);
    const z0 = await zoom(page);
    await page.mouse.wheel(0, -300);
    await waitUntil(page, (z) => window.__favo.zoom() > z, z0, 'wheel up zooms in');
    const after = await cellById(page, a.id);
    assert.ok(Math.abs(after.x - a.x) <= 2 && Math.abs(after.y - a.y) <= 2,
      `the cell under the pointer stays under it: ${a.x},${a.y} → ${after.x},${after.y}`);
    const z1 = await zoom(page);
    await page.mouse.wheel(0, 300);
    await waitUntil(page, (z) => window.__favo.zoom() < z, z1, 'wheel down zooms out');
  });

  appTest('dragging empty space pans the map', async ({ page }) => {
    const n = (await cells(page)).length;
    const customer = await cellAt(page, 0, 0);
    const [start] = (await visibleEmptyCells(page)).sort((m, k) => m.d - k.d); // nearest the centre
    const delta = { x: 90, y: 55 };
    await drag(page, start, { x: start.x + delta.x, y: start.y + delta.y }, { steps: 10 });
    await nextFrame(page);
    const moved = await cellById(page, customer.id);
    assert.ok(
      Math.abs(moved.x - customer.x - delta.x) <= 2 && Math.abs(moved.y - customer.y - delta.y) <= 2,
      `the map moved with the pointer: (${customer.x}, ${customer.y}) → (${moved.x}, ${moved.y})`,
    );
    assert.deepEqual([moved.q, moved.r], [0, 0], 'panning moves the view, not the cells');
    assert.equal((await cells(page)).length, n, 'a pan adds no cell');
  });
});

describe('m. phases', () => {
  appTest('choosing a phase in the inspector changes the selected cell', async ({ page }) => {
    const cell = (await activities(page)).find((c) => c.phase !== 'Action');
    await select(page, cell);
    await page.locator('#inspector').waitFor({ state: 'visible' });
    await page.selectOption('select#phase-select', { label: 'Action' });
    await expectEventually(page, (id) => window.__favo.cells().find((c) => c.id === id).phase, cell.id, 'Action',
      'the cell is now in Action');
    const labels = await page.locator('select#phase-select option').allTextContents();
    assert.ok(PHASES_EN.every((p) => labels.some((l) => l.trim() === p)), `every phase is offered: ${labels}`);
    const none = labels.find((l) => /no phase/i.test(l));
    assert.ok(none, 'a "no phase" option is offered');
    await page.selectOption('select#phase-select', { label: none.trim() });
    await expectEventually(page, (id) => window.__favo.cells().find((c) => c.id === id).phase, cell.id, null,
      '"No phase" takes the phase away');
  });
});

describe('n. hostile input', () => {
  appTest('a label that looks like HTML is shown as text, never run', async (s) => {
    const { page } = s;
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const [spot] = await visibleEmptyCells(page, { minDistance: 4 });
    const added = await addCell(page, spot.q, spot.r);
    await relabel(page, added, hostile);
    await waitUntil(page, (t) => document.querySelector('#outline')?.textContent.includes(t), hostile,
      'the outline shows the label as text');
    await nextFrame(page);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'the onerror handler never ran');
    assert.equal(await page.locator('#outline img, #legend img, #inspector img').count(), 0, 'no <img> was made from it');
    assert.deepEqual(s.requests.filter((u) => new URL(u).pathname === '/x'), [], 'nothing tried to load "x"');
  });
});

describe('o. moving with the keyboard', () => {
  appTest('arrow keys move the selected cell; Ctrl+Z moves it back', async ({ page }) => {
    const customer = await cellAt(page, 0, 0);
    assert.equal(await cellAt(page, 1, 0), undefined, 'the cell right of the centre is free');
    await select(page, customer);
    const where = (id) => { const c = window.__favo.cells().find((c) => c.id === id); return [c.q, c.r]; };
    await page.keyboard.press('ArrowRight');
    await expectEventually(page, where, customer.id, [1, 0], 'ArrowRight moves the cell one to the right');
    await page.keyboard.press('ArrowLeft');
    await expectEventually(page, where, customer.id, [0, 0], 'ArrowLeft moves it back');
    await page.keyboard.press('ArrowRight');
    await expectEventually(page, where, customer.id, [1, 0], 'ArrowRight again');
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, where, customer.id, [0, 0], 'Ctrl+Z undoes the move');
    assert.deepEqual(await selection(page), [customer.id], 'the cell stays selected');
  });
});

describe('p. adding cells from the keyboard', () => {
  appTest('N adds a cell beside the selected one and opens its label; repeated, it builds a chain', async ({ page }) => {
    const customer = await cellAt(page, 0, 0);
    await select(page, customer);
    const before = (await cells(page)).length;
    for (const label of ['Primo passo', 'Secondo passo']) {
      await page.keyboard.press('n');
      await waitUntil(page, () => document.activeElement?.id === 'label-editor', null, 'the label editor opens on the new cell');
      await page.keyboard.type(label);
      await page.keyboard.press('Enter');
      await waitUntil(page, (l) => window.__favo.cells().some((c) => c.label === l), label, `a cell is labelled "${label}"`);
    }
    const all = await cells(page);
    assert.equal(all.length, before + 2);
    const first = all.find((c) => c.label === 'Primo passo');
    const second = all.find((c) => c.label === 'Secondo passo');
    assert.equal(hexDistance(customer, first), 1, 'the first is beside the customer');
    assert.equal(hexDistance(first, second), 1, 'the second is beside the first');
  });
});
