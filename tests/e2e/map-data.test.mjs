// The honeycomb meets the data: uploaded counts on the measured cells, the map tinted by a
// metric with its legend, and a funnel step and its cells picked from either side.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { setup, appTest, expectEventually, nextFrame, cellLabelled, canvasPixel, zoom } from './harness.mjs';

setup();

// The sample map measures ad_view on "Social post", blog_visit on "Blog article" and
// purchase on "Checkout" (one touchpoint per phase). page_view measures nothing.
const LOG = [
  'user,event,time',
  'u1,ad_view,2024-03-01T10:00:00Z',
  'u2,ad_view,2024-03-01T11:00:00Z',
  'u3,ad_view,2024-03-02T09:00:00Z',
  'u1,blog_visit,2024-03-01T10:30:00Z',
  'u2,blog_visit,2024-03-03T10:00:00Z',
  'u1,purchase,2024-03-04T10:00:00Z',
  'u4,page_view,2024-03-04T12:00:00Z',
].join('\n') + '\n';

const mapData = (page) => page.evaluate(() => window.__favo.mapData());
const funnelRows = () => [...document.querySelectorAll('#funnel-table tbody tr')].map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent));

async function useLog(page) {
  await page.locator('#charts-toggle').click();
  await page.locator('#data-file').setInputFiles({ name: 'log.csv', mimeType: 'text/csv', buffer: Buffer.from(LOG) });
  await page.locator('#data-preview').waitFor();
  await page.locator('#data-use').click();
  // The first funnel follows the map: its measured events in phase order.
  await expectEventually(page, funnelRows, null, [['ad_view', '3'], ['blog_visit', '2'], ['purchase', '1']], 'the funnel in phase order');
  // The charts took room from the map: frame it again.
  await page.locator('#zoom-fit').click();
  await nextFrame(page);
}

/** The fill of a cell's lower left, away from its label, badges and outline. */
async function fillOf(page, label) {
  await nextFrame(page); // the state is read before the canvas shows it
  const c = await cellLabelled(page, label);
  const r = 48 * (await zoom(page));
  const hex = (rgb) => '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
  return hex(await canvasPixel(page, c.x - 0.55 * r, c.y + 0.5 * r));
}

const hexToRgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const near = (a, b) => hexToRgb(a).every((v, i) => Math.abs(v - hexToRgb(b)[i]) <= 3);

describe('map data', () => {
  appTest('the map badges show the counts of the uploaded data', async ({ page }) => {
    await useLog(page);
    await expectEventually(page, () => window.__favo.mapData().counts, null, { 'Social post': 3, 'Blog article': 2, 'Checkout': 1 }, 'counts on the measured cells');
    assert.match(await page.locator('#map-data-measured').textContent(), /^3 cells measured/);
    // The touchpoint says it too, in the inspector.
    const checkout = await cellLabelled(page, 'Checkout');
    await page.mouse.click(checkout.x, checkout.y);
    await expectEventually(page, () => document.querySelector('.tp-event-count')?.textContent, null, 'in the data: 1', 'the touchpoint\'s count');
  });

  appTest('tinting by count and by conversion colours the cells, with a legend', async ({ page }) => {
    await useLog(page);
    const phaseColour = await fillOf(page, 'Social post');
    await page.locator('#tint-by').selectOption('count');
    await expectEventually(page, () => [document.getElementById('tint-low')?.textContent, document.getElementById('tint-high')?.textContent], null, ['1', '3'], 'the legend spans the counts');
    await expectEventually(page, () => window.__favo.mapData().tint?.['Social post'], null, [3, 1], 'the most counted cell is at the top of the scale');
    assert.ok(near(await fillOf(page, 'Social post'), '#4a8fd6'), `${await fillOf(page, 'Social post')} is the deep end (was ${phaseColour})`);
    assert.ok(near(await fillOf(page, 'Checkout'), '#eef4fb'), 'the least counted is the pale end');
    assert.ok(near(await fillOf(page, 'Customer'), '#dedede'), 'a cell without data is grey');

    await page.locator('#tint-by').selectOption('conversion');
    await expectEventually(page, () => window.__favo.mapData().tint?.['Discovery']?.[0].toFixed(3), null, '0.667', 'two of the three who saw an ad read the blog');
    const tint = (await mapData(page)).tint;
    assert.deepEqual(tint['Awareness'], [1, 1], 'the first measured phase is the base');
    assert.equal(tint['Checkout'][0], 0.5, 'one of the two blog readers bought');
    assert.equal(tint['Store visit'][0], 0.5, 'every cell of the phase');
    assert.equal(await page.locator('#tint-high').textContent(), '100.0%');

    await page.locator('#tint-by').selectOption('none');
    await expectEventually(page, () => window.__favo.mapData().tint, null, null, 'back to phases');
    assert.equal(await fillOf(page, 'Social post'), phaseColour);
  });

  appTest('a funnel step and its cells are picked together, from the chart or the map', async ({ page }) => {
    await useLog(page);
    const step = (name) => page.locator('#funnel-steps button.step-pick', { hasText: name });
    await step('blog_visit').click();
    await expectEventually(page, () => window.__favo.mapData().highlighted, null, ['Blog article'], 'the step\'s cell is outlined');
    assert.equal(await step('blog_visit').getAttribute('aria-pressed'), 'true');
    await step('blog_visit').click();
    await expectEventually(page, () => window.__favo.mapData().highlighted, null, [], 'clicked again, let go');

    // A click on the chart picks the bar's step: the middle of three is blog_visit.
    const chart = await page.locator('#funnel-chart').boundingBox();
    await page.locator('#funnel-chart').click({ position: { x: chart.width * 0.55, y: chart.height * 0.6 } });
    await expectEventually(page, () => window.__favo.mapData().highlighted, null, ['Blog article'], 'picked on the chart');

    // Selecting a measured cell on the map picks its step in the funnel.
    const checkout = await cellLabelled(page, 'Checkout');
    await page.mouse.click(checkout.x, checkout.y);
    await expectEventually(page, (sel) => document.querySelector(sel)?.textContent, '#funnel-steps button.step-pick[aria-pressed="true"]', 'purchase', 'the cell\'s step is picked');
    assert.deepEqual((await mapData(page)).highlighted, ['Checkout']);
    const customer = await cellLabelled(page, 'Customer');
    await page.mouse.click(customer.x, customer.y);
    await expectEventually(page, () => window.__favo.mapData().highlighted, null, [], 'a cell without a step lets go');
  });
});
