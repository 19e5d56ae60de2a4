// Data kept with its map: what a user accepts is charted again after a reload, read with the
// settings and columns chosen in the preview; each map has its own, and another map's never
// shows; a dropped file is not replaced by them; Remove goes back to the sample; a purged map
// takes its data along; a database made before datasets keeps its maps; a full disk is told
// and loses nothing.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup,
  appTest,
  openApp,
  waitReady,
  expectEventually,
  cells,
  openLibrary,
  closeLibrary,
  row,
  createMap,
  openMap,
  REPO,
} from './harness.mjs';

const env = setup();

/** The funnel's data table as [step, users] pairs. */
const funnelRows = () => [...document.querySelectorAll('#funnel-table tbody tr')].map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent));

// Every date reads both ways; the days between visit and purchase tell which way was used:
// as dd/mm only a converts within the 14-day window, as mm/dd b and c do.
const VISITS = Buffer.from([
  'user,event,page,time',
  'a,visit,home,02/01/2024 10:00',
  'a,buy,cart,05/01/2024 10:00',
  'b,visit,home,01/03/2024 10:00',
  'b,buy,cart,01/04/2024 10:00',
  'c,visit,home,01/05/2024 10:00',
  'c,buy,cart,01/06/2024 10:00',
  'd,visit,home,01/07/2024 10:00',
].join('\n') + '\n');
const PAGES = { 'dd/mm/yyyy': [['home', '4'], ['cart', '1']], 'mm/dd/yyyy': [['home', '4'], ['cart', '2']] };

const SIGNUPS = Buffer.from('user,event,time\na,signup,2024-05-01 10:00\na,pay,2024-05-02 10:00\nb,signup,2024-05-03 10:00\n');
const SIGNUP_ROWS = [['signup', '2'], ['pay', '1']];
const SIGNUPS_KEPT = `Kept with this map in this browser (${SIGNUPS.length} B)`;

async function upload(page, name, buffer) {
  await page.locator('#data-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/** Uploads a file, accepts the preview as detected, and waits for its funnel. */
async function useData(page, name, buffer, rows) {
  await upload(page, name, buffer);
  await page.locator('#data-use').click();
  await expectEventually(page, funnelRows, null, rows, `the funnel of ${name}`);
}

/** Waits until the charts show the sample log. */
async function sampleCharted(page) {
  await expectEventually(page, () => /^sample-events\.csv:/.test(document.getElementById('data-summary').textContent), null, true, 'the sample is charted');
  // Seven steps on the sample map (its phases' events), the five most frequent elsewhere.
  await expectEventually(page, () => [5, 7].includes(document.querySelectorAll('#funnel-table tbody tr').length), null, true, 'the sample funnel');
}

const keptShown = () => document.getElementById('data-kept')?.textContent ?? null;

/** The datasets store as [key, record] pairs, each Blob read back as text. Runs in the page. */
const storedDatasets = () =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('favo');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const store = db.transaction('datasets').objectStore('datasets');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = async () => {
        db.close();
        const records = await Promise.all(values.result.map(async (r) => ({ ...r, isBlob: r.blob instanceof Blob, blob: await r.blob.text() })));
        resolve(keys.result.map((k, i) => [k, records[i]]));
      };
    };
  });

/** The IndexedDB key of the open map (as `storage.rs` makes it). Runs in the page. */
const openMapKey = () => {
  const id = localStorage.getItem('favo:last');
  return id === 'current' ? id : `map-${id}`;
};

describe('datasets', () => {
  appTest('accepted data is charted again after a reload, read with the settings and columns chosen', { open: false }, async ({ page }) => {
    await openApp(page, '?charts');
    await sampleCharted(page);
    await upload(page, 'visits.csv', VISITS);
    await page.locator('#data-preview').waitFor();
    const detected = await page.locator('#preview-dates').inputValue();
    const other = detected === 'dd/mm/yyyy' ? 'mm/dd/yyyy' : 'dd/mm/yyyy';
    await page.locator('#preview-dates').selectOption(other);
    // The time column's kind tells the order it was read in, and the menu keeps the choice.
    const timeFormat = () => document.querySelector('#preview-table thead tr:nth-child(2) td:nth-child(4) span[title]')?.title;
    await expectEventually(page, timeFormat, null, `date (${other})`, 'read again with the other date order');
    assert.equal(await page.locator('#preview-dates').inputValue(), other, 'the date menu shows the order chosen, not the one detected');
    await page.locator('#role-event').selectOption('2');
    await page.locator('#data-use').click();
    await expectEventually(page, funnelRows, null, PAGES[other], 'pages as steps, dates in the order chosen');
    await expectEventually(page, keptShown, null, `Kept with this map in this browser (${VISITS.length} B)`, 'the bar says it is kept');

    const [[key, record]] = await page.evaluate(storedDatasets);
    assert.equal(key, await page.evaluate(openMapKey), 'kept under the open map');
    assert.deepEqual(
      { name: record.name, isBlob: record.isBlob, blob: record.blob, bytes: record.bytes, settings: JSON.parse(record.settings).dates, columns: JSON.parse(record.columns) },
      { name: 'visits.csv', isBlob: true, blob: VISITS.toString(), bytes: VISITS.length, settings: other, columns: { kind: 'events', user: 0, event: 2, time: 3 } },
      'the file itself, as a Blob, with its settings and columns',
    );

    await page.reload();
    await waitReady(page);
    await expectEventually(page, funnelRows, null, PAGES[other], 'the same funnel after a reload');
    assert.match(await page.locator('#data-summary').textContent(), /^visits\.csv: 7 events, 4 users$/);
    assert.equal(await page.locator('#data-preview').count(), 0, 'no preview for kept data');
    assert.equal(await page.evaluate(keptShown), `Kept with this map in this browser (${VISITS.length} B)`);
  });

  appTest('each map charts its own data, and never another map\'s', { open: false }, async ({ page }) => {
    await openApp(page, '?charts');
    await sampleCharted(page);
    await useData(page, 'signups.csv', SIGNUPS, SIGNUP_ROWS);
    await expectEventually(page, keptShown, null, SIGNUPS_KEPT, 'kept with the sample map');

    // Every painted frame from here on, with the map it belongs to.
    await page.evaluate(() => {
      window.__frames = [];
      const tick = () => {
        const steps = [...document.querySelectorAll('#funnel-table tbody tr')].map((tr) => tr.cells[0].textContent);
        window.__frames.push({ title: document.getElementById('map-title').value, steps });
        if (!window.__stopFrames) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await createMap(page, 'ring', 13);
    await sampleCharted(page);
    assert.equal(await page.evaluate(keptShown), null, 'the new map keeps nothing');
    const frames = await page.evaluate(() => {
      window.__stopFrames = true;
      return window.__frames;
    });
    const leaked = frames.filter((f) => f.title !== 'Sample journey' && f.steps.includes('signup'));
    assert.deepEqual(leaked, [], `the sample map's data never showed on the new map (${frames.length} frames)`);

    await openMap(page, 'Sample journey');
    await expectEventually(page, funnelRows, null, SIGNUP_ROWS, 'its own data again');
    await expectEventually(page, keptShown, null, SIGNUPS_KEPT, 'and the bar says so');
    await openMap(page, 'The seven phases as a ring');
    await sampleCharted(page);
  });

  appTest('Remove goes back to the sample, after a reload too (in Italian)', { open: false, locale: 'it-IT' }, async ({ page }) => {
    await openApp(page, '?charts');
    await sampleCharted(page);
    await useData(page, 'signups.csv', SIGNUPS, SIGNUP_ROWS);
    await expectEventually(page, keptShown, null, `Conservati con questa mappa in questo browser (${SIGNUPS.length} B)`, 'kept');
    assert.equal(await page.locator('#data-remove').textContent(), 'Rimuovi');
    await page.locator('#data-remove').click();
    await sampleCharted(page);
    await expectEventually(page, keptShown, null, null, 'nothing kept');
    assert.equal(await page.locator('#data-remove').count(), 0, 'nothing to remove');
    assert.deepEqual(await page.evaluate(storedDatasets), [], 'the store is empty');
    await page.reload();
    await waitReady(page);
    await sampleCharted(page);
    assert.equal(await page.evaluate(keptShown), null);
  });

  // Opening the charts started the map's own data, which replaced the file being read.
  appTest('a file dropped on the page with the charts closed is previewed, and kept once used', async ({ page }) => {
    await page.evaluate((text) => {
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, cancelable: true }));
    }, SIGNUPS.toString());
    await page.locator('#data-preview').waitFor();
    await page.locator('#data-use').click();
    await expectEventually(page, funnelRows, null, SIGNUP_ROWS, 'the dropped file is charted');
    await expectEventually(page, keptShown, null, SIGNUPS_KEPT, 'and kept');
  });

  appTest('a deleted map keeps its data until it is purged at the next start', { open: false }, async ({ page }) => {
    await openApp(page, '?charts');
    await createMap(page, 'ring', 13);
    await sampleCharted(page);
    await useData(page, 'signups.csv', SIGNUPS, SIGNUP_ROWS);
    await expectEventually(page, keptShown, null, SIGNUPS_KEPT, 'kept with the ring');
    const ring = await page.evaluate(openMapKey);

    await openLibrary(page);
    await row(page, 'The seven phases as a ring').locator('.delete-map').click();
    await expectEventually(page, () => document.getElementById('map-title').value, null, 'Sample journey', 'the other map opens');
    await sampleCharted(page);
    assert.deepEqual((await page.evaluate(storedDatasets)).map(([k]) => k), [ring], 'kept while Undo can bring the map back');

    await page.reload();
    await waitReady(page);
    await expectEventually(page, storedDatasets, null, [], 'purged with the map');
  });

  appTest('a database made before datasets opens with its maps, and keeps data from then on', { open: false }, async ({ page }) => {
    const giulia = fs.readFileSync(path.join(REPO, 'crates/favo-core/tests/fixtures/map-v5.json'), 'utf8');
    const clusters = fs.readFileSync(path.join(REPO, 'crates/favo-core/tests/fixtures/map-v4.json'), 'utf8');
    // A page of the app's origin without the app, to write the database as version 1 did:
    // one store, a record per map (as dumped from a build of that version).
    await page.route(`${env.url}/blank.html`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
    await page.goto(`${env.url}/blank.html`);
    await page.evaluate(
      ({ giulia, clusters }) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('favo', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('maps');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('maps', 'readwrite');
            tx.objectStore('maps').put({ stamp: 2, json: giulia, title: "Giulia's path", cells: 3, deleted: false }, 'map-old');
            tx.objectStore('maps').put({ stamp: 1, json: clusters, title: 'Named clusters', cells: 3, deleted: false }, 'current');
            tx.oncomplete = () => {
              db.close();
              localStorage.setItem('favo:last', 'old');
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { giulia, clusters },
    );

    await openApp(page, '?charts');
    assert.equal(await page.locator('#map-title').inputValue(), "Giulia's path", 'the map opened last opens');
    assert.deepEqual((await cells(page)).map((c) => c.label).sort(), ['Pagamento', 'Post social', 'Webinar']);
    await openLibrary(page);
    await expectEventually(page, () => [...document.querySelectorAll('#library-maps .open-map')].map((b) => b.textContent).sort(), null, ["Giulia's path", 'Named clusters'], 'both maps are listed');
    await closeLibrary(page);
    const schema = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const open = indexedDB.open('favo');
          open.onsuccess = () => {
            resolve({ version: open.result.version, stores: [...open.result.objectStoreNames] });
            open.result.close();
          };
        }),
    );
    assert.deepEqual(schema, { version: 2, stores: ['datasets', 'maps'] });

    await sampleCharted(page);
    await useData(page, 'signups.csv', SIGNUPS, SIGNUP_ROWS);
    await expectEventually(page, keptShown, null, SIGNUPS_KEPT, 'data is kept in the upgraded database');
    await openMap(page, 'Named clusters');
    await sampleCharted(page);
  });

  appTest('a full disk is told: the data is charted for the session, and the map and the data kept before stay', { open: false }, async ({ page, context }) => {
    const users = 20_000;
    const lines = ['user,event,time'];
    for (let i = 0; i < users; i++) {
      lines.push(`user${i},visit,2024-05-01 10:00`);
      if (i % 2 === 0) lines.push(`user${i},buy,2024-05-02 10:00`);
    }
    const big = Buffer.from(lines.join('\n') + '\n');
    // Room for the map and the small file, not for the big one. Chromium reads the quota
    // when the database is opened, so it is set before the app starts.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(env.url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: big.length / 2 });
    try {
      await openApp(page, '?charts');
      await sampleCharted(page);
      await useData(page, 'signups.csv', SIGNUPS, SIGNUP_ROWS);
      await expectEventually(page, keptShown, null, SIGNUPS_KEPT, 'the small file is kept');

      await upload(page, 'big.csv', big);
      await page.locator('#data-use').click();
      const numbers = () => [...document.querySelectorAll('#funnel-table tbody tr')].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent.replace(/\D/g, '')]);
      await expectEventually(page, numbers, null, [['visit', String(users)], ['buy', String(users / 2)]], 'the big file is charted');
      await expectEventually(page, () => document.getElementById('data-kept-error')?.textContent ?? null, null,
        'This data could not be kept with the map (the browser did not store it: its storage is full, or the disk failed): it is charted until the page is closed.',
        'the user is told');
      assert.equal(await page.getAttribute('#data-kept-error', 'role'), 'alert');
      assert.equal(await page.evaluate(keptShown), null, 'not said to be kept');

      await page.reload();
      await waitReady(page);
      assert.equal(await page.locator('#map-title').inputValue(), 'Sample journey', 'the map is whole');
      assert.equal((await cells(page)).length, 27);
      await expectEventually(page, funnelRows, null, SIGNUP_ROWS, 'the data kept before is charted');
      assert.equal(await page.evaluate(keptShown), SIGNUPS_KEPT);
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    }
  });
});
