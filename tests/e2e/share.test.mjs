// Share links: *Copy link* puts the open map in a link to the read-only viewer, and the
// viewer's *Make a copy* (`index.html#copy=CODE`) adds the map to the library as a new map,
// labels as plain text, the fragment gone. A crafted or broken link is refused at once with
// a message and leaves every stored map as it was; a map too big for a link is refused when
// the link is made, with the advice to send the file.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  setup,
  env,
  appTest,
  cells,
  docOf,
  waitReady,
  relabel,
  expectEventually,
  waitUntil,
  isShown,
  textOf,
  openLibrary,
} from './harness.mjs';

setup();

const HOSTILE = '<img src=x onerror="window.__pwned=1">🐝 Perché è già più';

/** Clicks *Copy link* and returns the link the panel shows. */
async function copyLink(page) {
  await page.locator('#copy-link').click();
  await waitUntil(page, () => document.getElementById('share-link')?.value.includes('#share='), null, 'the panel shows the link');
  assert.equal(await isShown(page, '#share-panel'), true, 'the link panel is open');
  return page.locator('#share-link').inputValue();
}

/** The code a share link carries. */
const codeOf = (link) => new URL(link).hash.replace(/^#share=/, '');

/** A code as `share::encode` makes one, around any bytes: raw deflate, base64url, no padding. */
const codeFor = (bytes) => '1.' + zlib.deflateRawSync(bytes, { level: 9 }).toString('base64url');

/**
 * Everything Favo keeps in this browser: each IndexedDB store's keys and values, and
 * localStorage. A refused link must leave it exactly as it was.
 */
const stored = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('favo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const out = { local: { ...localStorage } };
          for (const name of names) {
            const store = tx.objectStore(name);
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => (out[name] = { keys: keys.result, values: JSON.stringify(values.result) });
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );

/** The library's rows: title, cell count and whether it is the open map (runs in the page). */
const listed = () =>
  [...document.querySelectorAll('#library-maps li.map')]
    .map((li) => ({
      title: li.querySelector('.open-map').textContent,
      cells: li.querySelector('.muted').textContent,
      current: li.getAttribute('aria-current') === 'true',
    }))
    .sort((a, b) => Number(a.current) - Number(b.current));

describe('share links', () => {
  appTest(
    'Copy link makes a viewer link; opening its copy adds the map to the library as a new map',
    { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } },
    async ({ page, newPage }) => {
      const first = (await cells(page))[0];
      await relabel(page, first, HOSTILE);
      const original = docOf(await cells(page));
      const title = await page.locator('#map-title').inputValue();

      const link = await copyLink(page);
      assert.ok(link.startsWith(`${env.url}/embed.html#share=1.`), `a link to the viewer beside the app: ${link.slice(0, 80)}…`);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'share-link', 'the link is focused, to copy by hand');
      await waitUntil(page, () => /Link copied/.test(document.getElementById('status').textContent), null, 'the status says the link was copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the clipboard holds the link');
      await page.keyboard.press('Escape');
      assert.equal(await isShown(page, '#share-panel'), false, 'Esc closes the panel');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'copy-link', 'and gives the focus back to the button');
      // A link carries the map as it was: an edit closes the panel rather than show a stale one.
      await copyLink(page);
      await page.locator('#undo').click();
      await expectEventually(page, () => document.getElementById('share-panel').hidden, null, true, 'an edit closes the panel');
      await page.locator('#redo').click();

      // The link, followed in another tab of the same browser: the viewer, then its "Make a copy".
      const other = await newPage();
      await other.goto(link);
      const makeCopy = other.locator('a.make-copy');
      assert.equal(await makeCopy.getAttribute('href'), `index.html#copy=${codeOf(link)}`, 'the viewer offers to copy the map');
      await makeCopy.click();
      await other.waitForURL(/\/index\.html/);
      await waitReady(other);
      await expectEventually(other, () => document.getElementById('map-title').value, null, title, 'the copy is open, under the same title');
      assert.deepEqual(docOf(await cells(other)), original, 'with the same cells, labels, places and phases');
      assert.equal(await other.evaluate(() => window.__pwned), undefined, 'a label is text, never markup');
      assert.equal(await other.evaluate(() => location.hash), '', 'the fragment is gone');
      assert.match(await textOf(other, '#status'), /added to your maps as a new map/);

      await openLibrary(other);
      const count = `${original.length} cells`;
      await expectEventually(
        other,
        listed,
        null,
        [
          { title, cells: count, current: false },
          { title, cells: count, current: true },
        ],
        'the library holds the original and, open, its copy',
      );
      assert.deepEqual(docOf(await cells(page)), original, 'the first tab still shows the original');

      // A reload does not copy the map again: the fragment went with the first copy.
      await other.reload();
      await waitReady(other);
      await openLibrary(other);
      await expectEventually(other, () => document.querySelectorAll('#library-maps li.map').length, null, 2, 'still two maps');
    },
  );

  appTest('a crafted or broken link is refused at once and leaves every map as it was', async ({ page }) => {
    const good = codeOf(await copyLink(page));
    await page.keyboard.press('Escape');
    const before = await stored(page);
    const shown = docOf(await cells(page));

    const cases = [
      { what: '9 MiB of spaces in 12 KB', code: codeFor(Buffer.alloc(9 * 1024 * 1024, 32)), words: /bigger than 8 MB/ },
      { what: '100 MiB of zeros', code: codeFor(Buffer.alloc(100 * 1024 * 1024)), words: /characters long; Favo's links are at most 65536/ },
      { what: 'a cut link', code: good.slice(0, -40), words: /cut short|damaged/ },
      { what: 'another version', code: '7' + good.slice(1), words: /version “7”/ },
      { what: 'a character no code has', code: good.slice(0, 9) + '*' + good.slice(10), words: /character 10 \(“\*”\)/ },
      { what: 'deflated JSON that is not a map', code: codeFor(Buffer.from('{"hello":1}')), words: /its map cannot be opened: it is not a Favo map/ },
    ];
    for (const { what, code, words } of cases) {
      // Pasted into the address bar of the open app: only the fragment changes.
      const ms = await page.evaluate((code) => {
        document.getElementById('error-dismiss').click();
        const t0 = performance.now();
        location.hash = '#copy=' + code;
        return new Promise((resolve) => {
          const check = () => (document.getElementById('error').hidden ? setTimeout(check, 5) : resolve(performance.now() - t0));
          check();
        });
      }, code);
      assert.ok(ms < 1000, `${what}: refused in ${Math.round(ms)} ms`);
      const message = await textOf(page, '#error');
      assert.match(message, /^Could not open the shared map: .* Your maps were not touched\./, `${what}: ${message}`);
      assert.match(message, words, `${what} says why: ${message}`);
      assert.equal(await page.evaluate(() => location.hash), '', `${what}: the fragment is gone`);
      assert.deepEqual(docOf(await cells(page)), shown, `${what}: the open map is unchanged`);
    }
    await page.waitForTimeout(400); // longer than the autosave's delay: a write would have landed
    assert.deepEqual(await stored(page), before, 'nothing stored was written');

    // The same at start, as the viewer's "Make a copy" arrives.
    await page.goto(`${env.url}/index.html#copy=${cases[0].code}`);
    await waitReady(page);
    await waitUntil(page, () => !document.getElementById('error').hidden, null, 'the refusal is shown at start');
    assert.match(await textOf(page, '#error'), /bigger than 8 MB/);
    assert.deepEqual(docOf(await cells(page)), shown, 'the map opened last is open, unchanged');
    await page.waitForTimeout(400); // as above
    assert.deepEqual(await stored(page), before, 'nothing stored was written');
  });

  appTest('a map too big for a link is refused when the link is made, with the advice to send the file', { locale: 'it-IT' }, async ({ page }) => {
    // 3,000 cells labelled with random letters: deflate cannot bring them under a link's length.
    let x = 2026; // xorshift32
    const letter = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return String.fromCharCode(97 + ((x >>> 0) % 26));
    };
    const map = {
      format: 'favo-map',
      version: 1,
      title: 'Troppo grande',
      cells: Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, q: i % 60, r: Math.floor(i / 60), label: Array.from({ length: 40 }, letter).join('') })),
    };
    await page.setInputFiles('#import-file', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(map)) });
    await expectEventually(page, () => window.__favo.cells().length, null, 3000, 'the big map is open');

    await page.locator('#copy-link').click();
    await waitUntil(page, () => !document.getElementById('error').hidden, null, 'the refusal is shown');
    const message = await textOf(page, '#error');
    assert.match(message, /troppo grande per un link \(\d+ caratteri; un link ne porta al massimo 65536\)/, message);
    assert.match(message, /Condividi invece il file della mappa: Esporta, poi «File della mappa \(JSON\)»/, message);
    assert.equal(await isShown(page, '#share-panel'), false, 'no link is shown');
  });
});
