// Charts in the browser: the sample log on first open; an Italian Excel export uploaded and
// read with no setting touched; pasted spreadsheet cells; changing the window and the step
// order; exports that are not blank; and a broken file that leaves the chart as it was.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, appTest, openApp, expectEventually } from './harness.mjs';

setup();

/** Windows-1252 bytes of `text` (ASCII, accents of Latin-1, and the euro sign at 0x80). */
function cp1252(text) {
  return Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
}

// Four users; u2 buys 23 days after their visit, outside the default 14-day window.
const ITALIAN = cp1252([
  'utente;evento;data;città;importo (€)',
  'u1;visita;01/03/2024 10:00;Forlì;0',
  'u1;carrello;01/03/2024 10:05;Forlì;0',
  'u1;acquisto;01/03/2024 10:10;Forlì;1.234,50',
  'u2;visita;02/03/2024 09:00;Città di Castello;0',
  'u2;carrello;02/03/2024 12:00;Città di Castello;0',
  'u2;acquisto;25/03/2024 09:00;Città di Castello;99,90',
  'u3;visita;03/03/2024 08:00;Forlì;0',
  'u3;carrello;03/03/2024 08:30;Forlì;0',
  'u4;visita;04/03/2024 18:45;Milano;0',
].join('\r\n') + '\r\n');

/** The funnel's data table as [step, users] pairs. */
const funnelRows = () => [...document.querySelectorAll('#funnel-table tbody tr')].map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent));

async function upload(page, name, buffer, mimeType = 'text/csv') {
  await page.locator('#data-file').setInputFiles({ name, mimeType, buffer });
}

async function useItalian(page) {
  await upload(page, 'export.csv', ITALIAN);
  await page.locator('#data-preview').waitFor();
  await page.locator('#data-use').click();
  await expectEventually(page, funnelRows, null, [['visita', '4'], ['carrello', '3'], ['acquisto', '1']], 'the funnel of the upload');
}

describe('charts', () => {
  appTest('the sample log is charted when the charts open, funnel and trend', { open: false }, async ({ page }) => {
    await openApp(page, '?charts');
    // The sample map measures one event per phase: the first funnel walks them in order.
    const steps = ['ad_view', 'blog_visit', 'brochure_download', 'demo_request', 'purchase', 'product_registration', 'review_posted'];
    await expectEventually(page, () => [...document.querySelectorAll('#funnel-table tbody tr')].map((tr) => tr.cells[0].textContent), null, steps, 'the phases\' events');
    const users = (await page.evaluate(funnelRows)).map(([, n]) => Number(n.replace(/[^0-9]/g, '')));
    assert.ok(users[0] > 0, `people started: ${users}`);
    await expectEventually(page, () => document.querySelectorAll('#trend-table tbody tr').length > 30, null, true, 'a trend per day');
    assert.match(await page.locator('#data-summary').textContent(), /sample-events\.csv: [\d.,]+ events, [\d.,]+ users/);
  });

  appTest('an Italian Excel export reads with no setting touched', async ({ page }) => {
    await page.locator('#charts-toggle').click();
    await upload(page, 'export.csv', ITALIAN);
    await page.locator('#data-preview').waitFor();
    assert.equal(await page.locator('#preview-encoding').inputValue(), 'windows-1252');
    assert.equal(await page.locator('#preview-delimiter').inputValue(), ';');
    assert.equal(await page.locator('#preview-decimal').inputValue(), ',');
    assert.equal(await page.locator('#preview-dates').inputValue(), 'dd/mm/yyyy');
    assert.equal(await page.locator('#preview-kind-4').inputValue(), 'number', '1.234,50 is a number');
    const header = await page.locator('#preview-table thead tr').first().textContent();
    assert.ok(header.includes('città') && header.includes('importo (€)'), header);
    assert.equal(await page.locator('#role-user').inputValue(), '0');
    await page.locator('#data-use').click();
    await expectEventually(page, funnelRows, null, [['visita', '4'], ['carrello', '3'], ['acquisto', '1']], 'the funnel of the upload');
    const options = await page.locator('#funnel-breakdown option').allTextContents();
    assert.ok(options.includes('importo (€)'), options.join('|'));
  });

  appTest('pasted spreadsheet cells become data', async ({ page }) => {
    await page.locator('#charts-toggle').click();
    await page.locator('#data-paste').click();
    const tsv = ['user\tevent\ttime', 'a\tsignup\t2024-05-01 10:00', 'a\tpay\t2024-05-02 10:00', 'b\tsignup\t2024-05-03 10:00'].join('\n');
    await page.locator('#data-paste-text').fill(tsv);
    await page.locator('#data-paste-read').click();
    await page.locator('#data-preview').waitFor();
    assert.equal(await page.locator('#preview-delimiter').inputValue(), '\t');
    await page.locator('#data-use').click();
    await expectEventually(page, funnelRows, null, [['signup', '2'], ['pay', '1']], 'two signed up, one paid');
  });

  appTest('a longer window and another step order change the numbers', async ({ page }) => {
    await page.locator('#charts-toggle').click();
    await useItalian(page);
    await page.locator('#funnel-window').fill('30');
    await page.locator('#funnel-window').press('Enter');
    await expectEventually(page, funnelRows, null, [['visita', '4'], ['carrello', '3'], ['acquisto', '2']], 'u2 buys within 30 days');
    // Buying before the basket: nobody put something in the basket after buying.
    await page.locator('#funnel-steps li').nth(2).getByRole('button', { name: /up acquisto/i }).click();
    await expectEventually(page, funnelRows, null, [['visita', '4'], ['acquisto', '2'], ['carrello', '0']], 'the steps are drawn in the order given');
    await page.locator('#funnel-order').selectOption('any');
    await expectEventually(page, funnelRows, null, [['visita', '4'], ['acquisto', '3'], ['carrello', '2']], 'in any order');
  });

  appTest('charts export as PNG, SVG and CSV, none blank', async ({ page }) => {
    await page.locator('#charts-toggle').click();
    await useItalian(page);
    const inked = await page.evaluate(() => {
      const c = document.getElementById('funnel-chart');
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200)) n++;
      return n;
    });
    assert.ok(inked > 2000, `the canvas has ${inked} inked pixels`);
    const save = async (id) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(id).click()]);
      return fs.readFileSync(await download.path());
    };
    const png = await save('#funnel-png');
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
    assert.ok(png.length > 3000, `${png.length} bytes`);
    const svg = (await save('#funnel-svg')).toString('utf8');
    assert.ok(svg.includes('<svg') && svg.includes('visita') && svg.includes('acquisto'), svg.slice(0, 200));
    assert.ok((svg.match(/<rect/g) || []).length >= 3, 'bars in the SVG');
    const csv = (await save('#funnel-csv')).toString('utf8');
    assert.match(csv, /visita[;,]4/);
    const trend = (await save('#trend-svg')).toString('utf8');
    assert.ok(trend.includes('<polyline') || trend.includes('<path'), 'lines in the trend SVG');
  });

  appTest('a broken file shows where it is wrong and the chart stays', async ({ page }) => {
    await page.locator('#charts-toggle').click();
    await useItalian(page);
    const before = await page.locator('#data-summary').textContent();
    await upload(page, 'broken.csv', Buffer.from('user,event,time\n"u1,visit,2024-01-01\nu2,visit,2024-01-02\n'));
    await page.locator('#data-error').waitFor();
    const error = await page.locator('#data-error').textContent();
    assert.match(error, /broken\.csv/);
    assert.match(error, /line 2/i, error);
    assert.deepEqual(await page.evaluate(funnelRows), [['visita', '4'], ['carrello', '3'], ['acquisto', '1']], 'the previous chart');
    assert.equal(await page.locator('#data-summary').textContent(), before);
    // A label that looks like markup stays text.
    await upload(page, 'x.csv', Buffer.from('user,event,time\nu1,<img src=x onerror=alert(1)>,2024-01-01\n'));
    await page.locator('#data-use').click();
    await expectEventually(page, funnelRows, null, [['<img src=x onerror=alert(1)>', '1']], 'the event name as text');
    assert.equal(await page.locator('#funnel-card img').count(), 0, 'no element made from it');
  });

  appTest('cancelling a long load stops it and keeps the data in use', async ({ page }) => {
    await page.locator('#charts-toggle').click();
    await useItalian(page);
    // About 80 MB: long enough to still be reading when Cancel is pressed.
    const row = 'u000001,page_view,2024-03-01T10:00:00Z,web,consumer\n';
    const file = path.join(os.tmpdir(), `favo-cancel-${process.pid}.csv`);
    fs.writeFileSync(file, 'user,event,time,channel,segment\n' + row.repeat(Math.ceil(80e6 / row.length)));
    try {
      await page.locator('#data-file').setInputFiles(file);
      await page.locator('#data-cancel').click();
      await expectEventually(page, () => document.getElementById('data-progress') === null, null, true, 'the progress bar is gone');
      assert.equal(await page.locator('#data-preview').count(), 0, 'no preview comes');
      assert.deepEqual(await page.evaluate(funnelRows), [['visita', '4'], ['carrello', '3'], ['acquisto', '1']], 'the chart is as it was');
      assert.match(await page.locator('#data-summary').textContent(), /^export\.csv/);
      // Nothing arrives later from the stopped load either.
      await page.waitForTimeout(1500);
      assert.equal(await page.locator('#data-preview').count(), 0);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
