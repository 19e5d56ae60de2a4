// The outline as an ARIA tree, walked with the keyboard only: Tab lands on one row (roving
// tabindex), the arrows, Home and End move, Right and Left open and close, Enter and Space
// choose a row (selecting on the canvas or opening a persona), Escape hands the keyboard back
// to the canvas; a click on the canvas marks the row, and the rows speak Italian.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, cells, cellLabelled, expectEventually, waitUntil } from './harness.mjs';

setup();

/** What a screen reader is told about a row, or null when the row is not there. */
const rowOf = (page, id) =>
  page.evaluate((id) => {
    const li = document.getElementById(id);
    if (!li) return null;
    const text = [...li.childNodes].filter((n) => !n.classList?.contains('twisty')).map((n) => n.textContent).join('').trim();
    return {
      role: li.getAttribute('role'),
      level: li.getAttribute('aria-level'),
      pos: li.getAttribute('aria-posinset'),
      size: li.getAttribute('aria-setsize'),
      expanded: li.getAttribute('aria-expanded'),
      selected: li.getAttribute('aria-selected'),
      text,
    };
  }, id);

/** The id of the element that has the keyboard. */
const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

/** The rows Tab would land on (the roving tabindex): always exactly one. */
const tabStops = (page) =>
  page.evaluate(() => [...document.querySelectorAll('#outline [role=treeitem]')].filter((li) => li.tabIndex === 0).map((li) => li.id));

/** Presses Tab until a row of the tree has the keyboard; returns its id. */
async function tabIntoTree(page) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('role') === 'treeitem')) return focused(page);
  }
  assert.fail('Tab never reached the outline');
}

/** Presses `key` in the tree and expects the focus on row `id` (and the tab stop with it). */
async function press(page, key, id) {
  await page.keyboard.press(key);
  await expectEventually(page, () => document.activeElement?.id || document.activeElement?.tagName, null, id, `${key} puts the focus on ${id}`);
  assert.deepEqual(await tabStops(page), [id], `after ${key} the tab stop is ${id}`);
}

/** Selects a cell with the mouse and gives it a named touchpoint, as touchpoints.test.mjs does. */
async function addTouchpoint(page, label, name) {
  const cell = await cellLabelled(page, label);
  await page.mouse.click(cell.x, cell.y);
  await page.locator('#add-touchpoint').click();
  await expectEventually(page, (id) => window.__favo.touchpoints().filter((t) => t.cell === id).length, cell.id, 1, 'a touchpoint was added');
  const item = page.locator('#cell-touchpoints li.touchpoint').last();
  await item.locator('summary').click();
  await item.locator('.tp-name').fill(name);
  await item.locator('.tp-name').press('Enter');
  await expectEventually(page, (id) => window.__favo.touchpoints().find((t) => t.cell === id).name, cell.id, name, 'the touchpoint is named');
  return { cell, tp: (await page.evaluate((id) => window.__favo.touchpoints().find((t) => t.cell === id), cell.id)).id };
}

describe('outline', () => {
  appTest('Tab lands on exactly one row; the arrows, Home and End walk the rows', async ({ page }) => {
    // The sample: seven phases, "No phase" (the customer) and the Personas heading at the top.
    assert.deepEqual(await tabStops(page), ['ol-p-1'], 'one tab stop before any focus: the first row');
    assert.equal(await tabIntoTree(page), 'ol-p-1', 'Tab lands on the first row');
    assert.deepEqual(await rowOf(page, 'ol-p-1'), {
      role: 'treeitem', level: '1', pos: '1', size: '9', expanded: 'true', selected: 'false', text: 'Awareness',
    });
    // One more Tab leaves the tree: the rows are one stop, not thirty-six.
    await page.keyboard.press('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'treeitem', 'Tab leaves the tree');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'ol-p-1', 'Shift+Tab comes back to the same row');

    // Down into Awareness' four cells, then on into Discovery; Up comes back.
    await press(page, 'ArrowDown', 'ol-c-2');
    await press(page, 'ArrowDown', 'ol-c-3');
    await press(page, 'ArrowDown', 'ol-c-4');
    await press(page, 'ArrowDown', 'ol-c-5');
    assert.deepEqual(await rowOf(page, 'ol-c-5'), {
      role: 'treeitem', level: '2', pos: '4', size: '4', expanded: null, selected: 'false', text: 'Event',
    }, 'a cell without touchpoints is a leaf at level 2, fourth of four');
    await press(page, 'ArrowDown', 'ol-p-2');
    await press(page, 'ArrowUp', 'ol-c-5');
    // Left on a leaf goes to its parent.
    await press(page, 'ArrowLeft', 'ol-p-1');
    await press(page, 'End', 'ol-personas');
    assert.deepEqual(await rowOf(page, 'ol-personas'), {
      role: 'treeitem', level: '1', pos: '9', size: '9', expanded: null, selected: 'false', text: 'Personas',
    }, 'no personas yet: the heading has nothing to open');
    await press(page, 'ArrowUp', 'ol-c-1');
    assert.equal((await rowOf(page, 'ol-c-1')).text, 'Customer', 'the customer is under "No phase"');
    await press(page, 'Home', 'ol-p-1');
    // Tab leaves and comes back to the row last focused, not the first.
    await press(page, 'ArrowDown', 'ol-c-2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'ol-c-2', 'the tree remembers its row');
  });

  // Rows are keyed on their whole content, so opening or closing one replaced its element and
  // the focus fell to <body>, ending the keyboard walk.
  appTest('Left closes an open phase and Right opens it again, the focus staying on it', async ({ page }) => {
    assert.equal(await tabIntoTree(page), 'ol-p-1');
    await page.keyboard.press('ArrowLeft');
    await expectEventually(page, () => document.getElementById('ol-p-1')?.getAttribute('aria-expanded'), null, 'false', 'Left closes Awareness');
    assert.equal(await rowOf(page, 'ol-c-2'), null, 'its cells are no longer listed');
    assert.equal(await focused(page), 'ol-p-1', 'the focus stays on the closed row, so the walk can go on');
    await press(page, 'ArrowDown', 'ol-p-2');
    await press(page, 'ArrowUp', 'ol-p-1');
    await page.keyboard.press('ArrowRight');
    await expectEventually(page, () => document.getElementById('ol-p-1')?.getAttribute('aria-expanded'), null, 'true', 'Right opens it');
    assert.equal(await focused(page), 'ol-p-1', 'the focus stays on the opened row');
    await press(page, 'ArrowRight', 'ol-c-2');
  });

  appTest('a cell with a touchpoint opens by keyboard to show it at level 3', async ({ page }) => {
    // PR article, the third cell of Awareness: Social post before it has the sample's own.
    const { cell, tp } = await addTouchpoint(page, 'PR article', 'Instagram');
    const cellRow = `ol-c-${cell.id}`;
    const tpRow = `ol-t-${cell.id}-${tp}`;
    assert.equal((await rowOf(page, cellRow)).expanded, 'false', 'the cell now has something to open, closed at first');
    assert.equal(await rowOf(page, tpRow), null, 'its touchpoint is not listed while closed');

    assert.equal(await tabIntoTree(page), 'ol-p-1');
    await press(page, 'ArrowDown', 'ol-c-2');
    await press(page, 'ArrowDown', 'ol-c-3');
    await press(page, 'ArrowDown', cellRow);
    await page.keyboard.press('ArrowRight');
    await expectEventually(page, (id) => document.getElementById(id)?.getAttribute('aria-expanded'), cellRow, 'true', 'Right opens the cell');
    assert.deepEqual(await rowOf(page, tpRow), {
      role: 'treeitem', level: '3', pos: '1', size: '1', expanded: null, selected: 'false', text: 'Instagram · Web · To review',
    }, 'the touchpoint is a leaf at level 3 with its channel and status');
    assert.equal(await focused(page), cellRow, 'the focus stays on the opened cell');
    await press(page, 'ArrowRight', tpRow);
    await press(page, 'ArrowLeft', cellRow);
  });

  appTest('Enter chooses a cell, Space a phase; a canvas click marks the row; Escape returns to the canvas', async ({ page }) => {
    assert.equal(await tabIntoTree(page), 'ol-p-1');
    await press(page, 'ArrowDown', 'ol-c-2');
    await press(page, 'ArrowDown', 'ol-c-3');
    await page.keyboard.press('Enter');
    await expectEventually(page, () => window.__favo.selection(), null, [3], 'Enter selects the cell on the canvas');
    assert.equal((await rowOf(page, 'ol-c-3')).selected, 'true', 'and marks its row');
    assert.equal(await focused(page), 'ol-c-3', 'the keyboard stays in the tree');

    // Space on a phase selects every cell of that phase.
    await press(page, 'Home', 'ol-p-1');
    await page.keyboard.press(' ');
    const awareness = (await cells(page)).filter((c) => c.phase === 'Awareness').map((c) => c.id).sort();
    assert.equal(awareness.length, 4);
    await expectEventually(page, () => window.__favo.selection().sort(), null, awareness, 'Space on Awareness selects its four cells');
    await expectEventually(page, () => [...document.querySelectorAll('#outline [aria-selected=true]')].map((li) => li.id).sort(), null,
      awareness.map((id) => `ol-c-${id}`).sort(), 'their rows are marked');

    // A click on the canvas marks that cell's row, and only it.
    const webinar = await cellLabelled(page, 'Webinar');
    await page.mouse.click(webinar.x, webinar.y);
    await expectEventually(page, () => [...document.querySelectorAll('#outline [aria-selected=true]')].map((li) => li.id), null,
      [`ol-c-${webinar.id}`], 'the clicked cell\'s row is the one selected');

    // Escape in the tree gives the keyboard back to the canvas, where Delete acts on the map.
    await tabIntoTree(page);
    await page.keyboard.press('Escape');
    assert.equal(await focused(page), 'stage', 'Escape focuses the canvas');
    await page.keyboard.press('Delete');
    await expectEventually(page, (id) => window.__favo.cells().some((c) => c.id === id), webinar.id, false, 'Delete on the canvas removed the selected cell');
    await waitUntil(page, (id) => !document.getElementById(id), `ol-c-${webinar.id}`, 'its row left the outline');
  });

  appTest('personas and their steps are rows; Enter on a persona opens it, on a step selects its cell', async ({ page }) => {
    await page.locator('#add-persona').click();
    await page.locator('#persona-name').fill('Giulia');
    await page.locator('#persona-name').press('Enter');
    await page.locator('#path-mode').click();
    for (const label of ['Social post', 'Checkout']) {
      const c = await cellLabelled(page, label);
      await page.mouse.click(c.x, c.y);
    }
    await page.locator('#path-mode').click();
    const [giulia] = await page.evaluate(() => window.__favo.personas());
    assert.equal(giulia.steps.length, 2);
    const pe = `ol-pe-${giulia.id}`;
    assert.deepEqual(await rowOf(page, pe), {
      role: 'treeitem', level: '2', pos: '1', size: '1', expanded: 'true', selected: 'true', text: 'Giulia · Potential',
    }, 'the open persona is a selected row at level 2');
    assert.deepEqual(await rowOf(page, `ol-s-${giulia.id}-1`), {
      role: 'treeitem', level: '3', pos: '2', size: '2', expanded: null, selected: 'false', text: '2. Checkout (+0)',
    }, 'each step is a leaf at level 3 with its as-is score');

    // Close the persona, then find it again in the tree and open it with Enter.
    await page.locator('#persona-list button.persona').click();
    await expectEventually(page, (id) => document.getElementById(id).getAttribute('aria-selected'), pe, 'false', 'closed');
    await tabIntoTree(page);
    await press(page, 'End', `ol-s-${giulia.id}-1`);
    await page.keyboard.press('Enter');
    const checkout = await cellLabelled(page, 'Checkout');
    await expectEventually(page, () => window.__favo.selection(), null, [checkout.id], 'Enter on a step selects its cell');
    await press(page, 'ArrowLeft', pe);
    await page.keyboard.press('Enter');
    await expectEventually(page, () => document.querySelector('#persona-list button.persona').getAttribute('aria-pressed'), null, 'true',
      'Enter on the persona row opens her');
    assert.equal(await page.locator('#persona-name').inputValue(), 'Giulia');
    assert.equal((await rowOf(page, pe)).selected, 'true');
  });

  appTest('phase names follow the language; labels stay as typed', async ({ page }) => {
    await page.locator('#lang').selectOption('it');
    await expectEventually(page, () => document.getElementById('ol-p-1')?.textContent.replace(/^[▾▸]/, ''), null, 'Consapevolezza', 'Awareness in Italian');
    assert.equal((await rowOf(page, 'ol-p-7')).text, 'Pubblico sostegno');
    assert.equal((await rowOf(page, 'ol-p-none')).text, 'Nessuna fase');
    assert.equal(await page.getAttribute('#outline', 'aria-label'), 'Struttura');
    assert.equal((await rowOf(page, 'ol-c-3')).text, 'Social post', 'a cell label is the user\'s text, not translated');
    await page.locator('#lang').selectOption('en');
    await expectEventually(page, () => document.getElementById('ol-p-1')?.textContent.replace(/^[▾▸]/, ''), null, 'Awareness', 'and back to English');
  });
});
