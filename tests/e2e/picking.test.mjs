// Picking lines on the canvas: a click on a link's arrow picks the link (reverse it, Delete
// it, Ctrl+Z), a click mid-leg on a persona's route picks the route and opens the persona,
// and a click on a cell goes back to selecting. Also the persona panel's path tools: "+"
// inserts the next clicked cells at that step, and the emotion chart draws the scores.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, cellAt, cellLabelled, expectEventually, isShown, textOf } from './harness.mjs';

setup();

const links = (page) => page.evaluate(() => window.__favo.links());
const pathOf = (page) => page.evaluate(() => window.__favo.personas()[0].steps.map((s) => s[0]));
const midpoint = (a, b) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/** Links `from` to `to` the keyboard way: select, L, click the target. */
async function link(page, from, to) {
  await page.mouse.click(from.x, from.y);
  await page.keyboard.press('l');
  await page.mouse.click(to.x, to.y);
  await expectEventually(page, () => window.__favo.links().length, null, 1, 'linked');
}

/** Adds a persona named `name` whose path walks the cells labelled `labels`, path mode left after. */
async function personaWalking(page, name, labels) {
  await page.locator('#add-persona').click();
  await page.locator('#persona-name').fill(name);
  await page.locator('#persona-name').press('Enter');
  await page.locator('#path-mode').click();
  for (const label of labels) {
    const c = await cellLabelled(page, label);
    await page.mouse.click(c.x, c.y);
  }
  await page.locator('#path-mode').click();
  await expectEventually(page, () => window.__favo.personas().at(-1).steps.length, null, labels.length, `${name} walks ${labels.length} cells`);
  return Promise.all(labels.map(async (l) => (await cellLabelled(page, l)).id));
}

/** Pixels of the emotion chart's canvas, summarised: size, share of non-white pixels, a hash. */
const chartPixels = (page, color) =>
  page.evaluate((color) => {
    const canvas = document.querySelector('#personas-panel .emotion-chart canvas');
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    let ink = 0, hash = 0, line = 0, lineY = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] + d[i + 1] + d[i + 2] < 3 * 250) ink++;
      hash = (hash * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) | 0;
      if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 30) {
        line++;
        lineY += Math.floor(i / 4 / canvas.width);
      }
    }
    // `curveY`: the mean height (0 at the top) of the pixels in the persona's colour.
    return { width: canvas.width, height: canvas.height, ink: ink / (d.length / 4), hash, line, curveY: line ? lineY / line / canvas.height : null };
  }, color);

describe('picking', () => {
  appTest('a click on an arrow picks its link: reverse it, Delete removes it, Ctrl+Z restores it', async ({ page }) => {
    const customer = await cellAt(page, 0, 0);
    const checkout = await cellLabelled(page, 'Checkout');
    await link(page, customer, checkout);
    const arrow = midpoint(customer, checkout);

    await page.mouse.click(arrow.x, arrow.y);
    await expectEventually(page, () => document.getElementById('picked-link')?.textContent, null, 'Customer → Checkout', 'the picked panel names both ends');
    assert.deepEqual(await page.evaluate(() => window.__favo.selection()), [], 'picking a line selects no cell');
    assert.deepEqual(await links(page), [[customer.id, checkout.id]], 'a pick changes nothing');

    await page.locator('#reverse-link').click();
    await expectEventually(page, () => window.__favo.links(), null, [[checkout.id, customer.id]], 'Reverse turns the link round');
    await expectEventually(page, () => document.getElementById('picked-link')?.textContent, null, 'Checkout → Customer', 'and the panel follows');

    // Pick it again on the canvas (which has the keyboard then) and press Delete.
    await page.mouse.click(arrow.x, arrow.y);
    await expectEventually(page, () => document.getElementById('picked-link')?.textContent, null, 'Checkout → Customer', 'picked again');
    await page.keyboard.press('Delete');
    await expectEventually(page, () => window.__favo.links(), null, [], 'Delete removes the picked link');
    assert.equal(await isShown(page, '#picked'), false, 'the panel goes with it');
    assert.ok(await cellAt(page, 0, 0), 'no cell was deleted');
    assert.equal((await page.evaluate(() => window.__favo.cells())).length, 27);

    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, () => window.__favo.links(), null, [[checkout.id, customer.id]], 'Ctrl+Z restores it');
    await page.keyboard.press('ControlOrMeta+z');
    await expectEventually(page, () => window.__favo.links(), null, [[customer.id, checkout.id]], 'and undoes the reverse');
  });

  appTest('a click mid-leg picks a persona route and opens the persona; Esc or a cell click lets go', async ({ page }) => {
    await personaWalking(page, 'Giulia', ['Social post', 'Webinar', 'Review']);
    // Close her, so that the pick is what opens her.
    await page.locator('#persona-list button.persona').click();
    await expectEventually(page, () => !!document.getElementById('persona-name'), null, false, 'the persona form is closed');

    const [a, b] = [await cellLabelled(page, 'Social post'), await cellLabelled(page, 'Webinar')];
    const leg = midpoint(a, b);
    await page.mouse.click(leg.x, leg.y);
    await expectEventually(page, () => document.getElementById('picked-route')?.textContent, null, 'Giulia · 3 steps', 'the route is picked, named');
    assert.deepEqual(await page.evaluate(() => window.__favo.selection()), [], 'no cell selected');
    assert.equal(await page.getAttribute('#persona-list button.persona', 'aria-pressed'), 'true', 'her persona is open');
    assert.equal(await page.locator('#persona-name').inputValue(), 'Giulia');

    // Esc lets go of the pick.
    await page.keyboard.press('Escape');
    await expectEventually(page, () => !!document.getElementById('picked'), null, false, 'Esc drops the pick');

    // Picked again, then a click on a cell selects the cell and the pick goes.
    await page.mouse.click(leg.x, leg.y);
    await expectEventually(page, () => !!document.getElementById('picked-route'), null, true, 'picked again');
    const customer = await cellAt(page, 0, 0);
    await page.mouse.click(customer.x, customer.y);
    await expectEventually(page, () => window.__favo.selection(), null, [customer.id], 'the click on a cell selects it');
    assert.equal(await isShown(page, '#picked'), false, 'the picked panel is gone');
    assert.equal(await page.evaluate(() => window.__favo.personas()[0].steps.length), 3, 'the route is unchanged');
  });

  appTest('"+" on step 2 inserts the next clicked cells there, one after the other', async ({ page }) => {
    const [social, webinar, review] = await personaWalking(page, 'Marco', ['Social post', 'Webinar', 'Review']);
    const steps = page.locator('#persona-steps li.step');
    await steps.nth(1).locator('button.step-insert').click();
    assert.equal(await page.getAttribute('#path-mode', 'aria-pressed'), 'true', '"+" turns path mode on');
    assert.equal(await steps.nth(1).locator('button.step-insert').getAttribute('aria-pressed'), 'true', 'and shows where steps go');

    const checkout = await cellLabelled(page, 'Checkout');
    await page.mouse.click(checkout.x, checkout.y);
    await expectEventually(page, () => window.__favo.personas()[0].steps.map((s) => s[0]), null,
      [social, checkout.id, webinar, review], 'the click went in as step 2');
    const brochure = await cellLabelled(page, 'Brochure');
    await page.mouse.click(brochure.x, brochure.y);
    await expectEventually(page, () => window.__favo.personas()[0].steps.map((s) => s[0]), null,
      [social, checkout.id, brochure.id, webinar, review], 'the next click went in as step 3');
    assert.deepEqual(await steps.locator('.step-cell').allTextContents(), ['Social post', 'Checkout', 'Brochure', 'Webinar', 'Review']);

    // Leaving path mode ends "insert here": next time clicks append again.
    await page.locator('#path-mode').click();
    await page.locator('#path-mode').click();
    const event = await cellLabelled(page, 'Event');
    await page.mouse.click(event.x, event.y);
    await expectEventually(page, () => window.__favo.personas()[0].steps.map((s) => s[0]).at(-1), null, event.id, 'appended at the end');
    assert.equal((await pathOf(page)).length, 6);
  });

  appTest('the emotion chart draws the path, moves with a score, and its hidden table reads the scores', async ({ page }) => {
    await personaWalking(page, 'Giulia', ['Social post', 'Webinar', 'Review']);
    const color = await page.locator('#persona-color').inputValue();
    const chart = page.locator('#personas-panel .emotion-chart');
    assert.equal(await chart.isVisible(), true, 'the chart is shown with the persona');

    const first = await chartPixels(page, color);
    assert.ok(first.width > 100 && first.height > 100, `the canvas has a size: ${first.width}×${first.height}`);
    assert.ok(first.ink > 0.01, `something is drawn (${(first.ink * 100).toFixed(1)}% of the pixels)`);
    assert.ok(first.line > 50, 'the curve is drawn in the persona\'s colour');

    // As-is only, then Webinar goes from neutral to +2: the curve rises.
    await chart.getByLabel('As-is').check();
    await expectEventually(page, () => document.querySelector('#personas-panel .emotion-chart input[value=as_is]').checked, null, true, 'As-is chosen');
    const flat = await chartPixels(page, color);
    await page.locator('#persona-steps li.step').nth(1).locator('select.step-as-is').selectOption('2');
    await expectEventually(page, () => window.__favo.personas()[0].steps[1][1], null, 2, 'the score is kept');
    let raised;
    for (let i = 0; i < 40; i++) {
      raised = await chartPixels(page, color);
      if (raised.hash !== flat.hash) break;
      await page.waitForTimeout(25);
    }
    assert.notEqual(raised.hash, flat.hash, 'the chart was redrawn');
    assert.ok(raised.curveY < flat.curveY, `the as-is curve moved up: ${flat.curveY.toFixed(3)} → ${raised.curveY.toFixed(3)}`);

    // The table for screen readers says the same.
    await expectEventually(page, () => [...document.querySelectorAll('#personas-panel .emotion-chart tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)), null, [
      ['1', 'Social post', '0 neutral', '0 neutral', ''],
      ['2', 'Webinar', '+2 very positive', '0 neutral', ''],
      ['3', 'Review', '0 neutral', '0 neutral', ''],
    ], 'the hidden table lists the steps with their scores');
    assert.match(await textOf(page, '#personas-panel .emotion-chart caption'), /Giulia/);
  });
});
