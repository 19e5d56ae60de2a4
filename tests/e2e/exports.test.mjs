// Pictures of the map from the Export menu: PNG at 1× and 3× (whole map or the visible area)
// and SVG, each a real, non-blank picture that carries the map, so importing it brings the
// map back — hostile labels included, and nothing ever runs. A damaged or foreign picture is
// refused with a reason and the map left alone. Printing draws the map into the print sheet,
// and the print stylesheet shows only the sheet or the checklist.

import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { setup, env, appTest, cells, cellLabelled, docOf, relabel, expectEventually, waitUntil, isShown, textOf } from './harness.mjs';

setup();

// ---------------------------------------------------------------------------------------
// PNG files, read and rewritten in node.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BACKGROUND = [0xfb, 0xfa, 0xf7]; // the painter's #fbfaf7

/** The chunks of a PNG, from IHDR to IEND: type, data and stored CRC. */
function pngChunks(png) {
  assert.ok(png.subarray(0, 8).equals(SIGNATURE), 'the file starts with the PNG signature');
  const out = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crc: png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  assert.equal(out[0]?.type, 'IHDR', 'the first chunk is IHDR');
  assert.equal(out.at(-1).type, 'IEND', 'the last chunk is IEND');
  return out;
}

const crcOf = (type, data) => zlib.crc32(data, zlib.crc32(type));

/** A PNG made of `chunks` (each CRC recomputed unless the chunk says `crc`). */
function pngOf(chunks) {
  const parts = [SIGNATURE];
  for (const { type, data, crc } of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc ?? crcOf(type, data), 0);
    parts.push(head, data, tail);
  }
  return Buffer.concat(parts);
}

const sizeOf = (png) => {
  const [ihdr] = pngChunks(png);
  return { width: ihdr.data.readUInt32BE(0), height: ihdr.data.readUInt32BE(4) };
};

const KEYWORD = Buffer.from('favo-map\0', 'latin1');
const isMapChunk = (c) => c.type === 'iTXt' && c.data.subarray(0, KEYWORD.length).equals(KEYWORD);

/** The map JSON in the PNG's `favo-map` iTXt chunk (uncompressed, no language tags). */
function mapJsonOf(png) {
  const found = pngChunks(png).filter(isMapChunk);
  assert.equal(found.length, 1, 'one iTXt chunk with the keyword favo-map');
  const data = found[0].data;
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL
  assert.deepEqual([...data.subarray(KEYWORD.length, KEYWORD.length + 4)], [0, 0, 0, 0], 'stored uncompressed');
  return data.subarray(KEYWORD.length + 4).toString('utf8');
}

/** The PNG with its map chunk's data changed by `edit`; the CRC is recomputed when `fixCrc`. */
function withMapChunk(png, edit, { fixCrc }) {
  return pngOf(pngChunks(png).map((c) => {
    if (!isMapChunk(c)) return c;
    const data = edit(Buffer.from(c.data));
    return { type: c.type, data, crc: fixCrc ? undefined : c.crc };
  }));
}

// ---------------------------------------------------------------------------------------
// Using the Export menu.

/** Opens the Export menu (a <details>) unless it is open. */
async function openExportMenu(page) {
  if (!(await page.evaluate(() => document.getElementById('export-menu').open))) await page.locator('#export').click();
}

/** Chooses `item` in the Export menu and returns the downloaded file's name and bytes. */
async function exportFile(page, item) {
  await openExportMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(item).click()]);
  const bytes = fs.readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes };
}

/** Sets the "visible area only" checkbox of the Export menu. */
async function setVisibleOnly(page, on) {
  await openExportMenu(page);
  await page.locator('#export-visible').setChecked(on);
}

/** Imports a file through the hidden file input, as the Import button's chooser does. */
const importFile = (page, name, mimeType, bytes) => page.setInputFiles('#import-file', { name, mimeType, buffer: bytes });

/**
 * Decodes a PNG in the page and measures it: its decoded size, the share of pixels that are
 * not the background, and the colour of its top-left corner.
 */
const decodePng = (page, png) =>
  page.evaluate(async ([url, bg]) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 24) ink++;
    }
    return { width: canvas.width, height: canvas.height, ink: ink / (canvas.width * canvas.height), corner: [...d.slice(0, 4)] };
  }, ['data:image/png;base64,' + png.toString('base64'), BACKGROUND]);

/** Empties the map (Ctrl+A, Delete), so an import has something to restore. */
async function emptyMap(page) {
  const any = (await cells(page))[0];
  await page.mouse.click(any.x, any.y);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expectEventually(page, () => window.__favo.cells().length, null, 0, 'the map is empty');
}

/** Imports a picture and waits until the map has `expected` (a `docOf` list). */
async function importAndExpect(page, name, mimeType, bytes, expected) {
  await importFile(page, name, mimeType, bytes);
  await expectEventually(page, () => window.__favo.cells().length, null, expected.length, `importing ${name} brings the cells back`);
  assert.deepEqual(docOf(await cells(page)), expected, `${name} holds the same ids, labels, places and phases`);
  assert.equal(await isShown(page, '#error'), false, `no error after importing ${name}`);
}

/** What the SVG holds, read by the browser's XML parser. */
const readSvg = (page, text) =>
  page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const all = [...doc.getElementsByTagName('*')];
    return {
      parses: doc.getElementsByTagName('parsererror').length === 0 && doc.documentElement.localName === 'svg',
      active: all.filter((e) => ['script', 'foreignObject', 'iframe', 'object', 'embed'].includes(e.localName)).map((e) => e.localName),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName} ${a.name}`)),
      links: all.flatMap((e) => [...e.attributes].filter((a) => /href$/i.test(a.name)).map((a) => a.value)),
      metadata: doc.getElementsByTagName('metadata').length,
      cellTitles: [...doc.querySelectorAll('polygon.cell > title')].map((t) => t.textContent).sort(),
    };
  }, text);

/** The tags of an SVG's source text that carry an event-handler attribute. */
const tagsWithHandlers = (text) => (text.match(/<[^>]*>/g) ?? []).filter((tag) => /\son[a-z]+\s*=/i.test(tag));

const labelsOf = async (page) => (await cells(page)).map((c) => c.label).filter((l) => l !== '').sort();

describe('exports', () => {
  appTest('PNG at 1× and 3×: real, not blank, three times the size, with the map inside that imports back', async ({ page }) => {
    const original = docOf(await cells(page));
    const one = await exportFile(page, '#export-png-1x');
    const three = await exportFile(page, '#export-png-3x');
    assert.match(one.name, /^sample-journey@1x\.png$/);
    assert.match(three.name, /^sample-journey@3x\.png$/);

    // Every chunk is intact (a viewer would accept the file) and the map rides in favo-map.
    for (const png of [one.bytes, three.bytes]) {
      for (const c of pngChunks(png)) assert.equal(c.crc, crcOf(c.type, c.data), `chunk ${c.type} has a correct CRC`);
      const map = JSON.parse(mapJsonOf(png));
      assert.equal(map.format, 'favo-map');
      assert.equal(map.cells.length, original.length, 'the embedded map has every cell');
    }
    const [a, b] = [sizeOf(one.bytes), sizeOf(three.bytes)];
    assert.ok(a.width > 200 && a.height > 200, `the 1× picture frames the map: ${a.width}×${a.height}`);
    assert.ok(Math.abs(b.width - 3 * a.width) <= 2 && Math.abs(b.height - 3 * a.height) <= 2,
      `3× is three times 1×: ${a.width}×${a.height} → ${b.width}×${b.height}`);

    // Decoded by the browser: the size it says, the paper colour in the corner, and drawn on.
    for (const [png, size] of [[one.bytes, a], [three.bytes, b]]) {
      const seen = await decodePng(page, png);
      assert.deepEqual([seen.width, seen.height], [size.width, size.height], 'the browser decodes it at its stated size');
      assert.deepEqual(seen.corner, [...BACKGROUND, 255], 'an opaque background in the canvas colour');
      assert.ok(seen.ink > 0.2, `the cells are drawn (${(seen.ink * 100).toFixed(1)}% of the pixels are not background)`);
    }

    // Change the map, import the 3× picture: the original map comes back.
    await emptyMap(page);
    await importAndExpect(page, three.name, 'image/png', three.bytes, original);
  });

  appTest('"visible area only" exports what the canvas shows, at its CSS size', async ({ page }) => {
    await setVisibleOnly(page, true);
    const { bytes } = await exportFile(page, '#export-png-1x');
    const box = await page.locator('#map').boundingBox();
    const { width, height } = sizeOf(bytes);
    assert.ok(Math.abs(width - box.width) <= 1 && Math.abs(height - box.height) <= 1,
      `the picture is the canvas' size: ${width}×${height} for ${box.width}×${box.height}`);
    assert.ok((await decodePng(page, bytes)).ink > 0.1, 'and shows the map');
    // Unchecked again, the whole map is exported (a different size).
    await setVisibleOnly(page, false);
    const whole = sizeOf((await exportFile(page, '#export-png-1x')).bytes);
    assert.notDeepEqual(whole, { width, height }, 'the whole map is framed on its own');
  });

  appTest('SVG: safe to open, every label in it, the map in its metadata; it imports back', async ({ page }) => {
    const original = docOf(await cells(page));
    const { name, bytes } = await exportFile(page, '#export-svg');
    assert.equal(name, 'sample-journey.svg');
    const text = bytes.toString('utf8');
    assert.match(text, /<metadata><favo:map xmlns:favo="urn:favo:map">\{"format":"favo-map"/, 'the map JSON is in <metadata>');
    assert.doesNotMatch(text, /<script/i, 'no script');
    assert.deepEqual(tagsWithHandlers(text), [], 'no event-handler attribute');
    const svg = await readSvg(page, text);
    assert.equal(svg.parses, true, 'well-formed SVG');
    assert.deepEqual([svg.active, svg.handlers, svg.links], [[], [], []], 'nothing that runs or loads');
    assert.equal(svg.metadata, 1);
    assert.deepEqual(svg.cellTitles, await labelsOf(page), 'every cell label is in the picture');

    await emptyMap(page);
    await importAndExpect(page, name, 'image/svg+xml', bytes, original);
  });

  appTest('hostile labels survive PNG and SVG round trips unchanged, and nothing runs', async (s) => {
    const { page } = s;
    const dialogs = [];
    const watch = (p) => p.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    watch(page);
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
    await relabel(page, await cellLabelled(page, 'Webinar'), hostile[0]);
    await relabel(page, await cellLabelled(page, 'Checkout'), hostile[1]);
    const original = docOf(await cells(page));

    const png = await exportFile(page, '#export-png-2x');
    const svg = await exportFile(page, '#export-svg');
    const text = svg.bytes.toString('utf8');
    assert.doesNotMatch(text, /<script/i, 'the label is escaped in the SVG');
    assert.deepEqual(tagsWithHandlers(text), [], 'no tag grew an onerror attribute');
    const read = await readSvg(page, text);
    assert.deepEqual([read.parses, read.active, read.handlers, read.links], [true, [], [], []]);
    for (const label of hostile) assert.ok(read.cellTitles.includes(label), `the SVG shows ${JSON.stringify(label)} as text`);
    assert.ok(JSON.parse(mapJsonOf(png.bytes)).cells.some((c) => c.label === hostile[1]), 'the PNG carries the label as typed');

    // Opened on its own as a document, the SVG runs nothing either.
    const viewer = await s.newPage();
    watch(viewer);
    await viewer.route('**/exported.svg', (route) => route.fulfill({ body: text, contentType: 'image/svg+xml' }));
    await viewer.goto(`${env.url}/exported.svg`);
    assert.equal(await viewer.evaluate(() => document.querySelectorAll('script').length), 0);
    await viewer.close();

    for (const [file, mime] of [[png, 'image/png'], [svg, 'image/svg+xml']]) {
      await emptyMap(page);
      await importAndExpect(page, file.name, mime, file.bytes, original);
      for (const label of hostile) assert.ok(await cellLabelled(page, label), `${JSON.stringify(label)} is back as typed from ${file.name}`);
    }
    await page.waitForTimeout(100); // let any handler that might have been planted fire
    assert.deepEqual(dialogs, [], 'no alert or dialog was opened');
    assert.equal(await page.locator('#outline img, #inspector img, #legend img').count(), 0, 'no <img> came out of a label');
    assert.deepEqual(s.requests.filter((u) => new URL(u).pathname === '/x'), [], 'nothing tried to load "x"');
  });

  appTest('a damaged PNG, a PNG with broken map JSON and a PNG from elsewhere are refused, the map untouched', async (s) => {
    const { page } = s;
    const before = docOf(await cells(page));
    const { bytes } = await exportFile(page, '#export-png-1x');
    const json = mapJsonOf(bytes);

    // One bit flipped inside the map's JSON, the old CRC kept: the checksum catches it.
    const flipped = withMapChunk(bytes, (data) => {
      const at = KEYWORD.length + 4 + Math.floor(json.length / 2);
      data[at] ^= 0x01;
      return data;
    }, { fixCrc: false });
    // JSON that does not parse, under a correct CRC: the map loader says where.
    const broken = withMapChunk(bytes, (data) => {
      const head = data.subarray(0, KEYWORD.length + 4);
      return Buffer.concat([head, Buffer.from(json.replace('"cells":', '"cells"'), 'utf8')]);
    }, { fixCrc: true });
    // The same picture without the map chunk: a PNG from anywhere else.
    const plain = pngOf(pngChunks(bytes).filter((c) => !isMapChunk(c)));
    assert.ok((await decodePng(page, plain)).ink > 0.2, 'the plain PNG is still a fine picture');

    const cases = [
      { name: 'flipped.png', png: flipped, words: /damaged.*chunk iTXt: bad checksum/i },
      { name: 'broken.png', png: broken, words: /map inside this image is damaged/i },
      { name: 'plain.png', png: plain, words: /no Favo map inside/i },
    ];
    for (const { name, png, words } of cases) {
      await importFile(page, name, 'image/png', png);
      await waitUntil(page, (name) => {
        const e = document.getElementById('error');
        return e && !e.hidden && e.textContent.includes(name);
      }, name, `#error tells about ${name}`);
      const message = await textOf(page, '#error');
      assert.match(message, words, `the message says why: ${message}`);
      assert.equal(await page.getAttribute('#error', 'role'), 'alert');
      assert.deepEqual(docOf(await cells(page)), before, `the map is unchanged after ${name}`);
      await page.locator('#error-dismiss').click();
    }
    // The intact picture still opens after all that.
    await emptyMap(page);
    await importAndExpect(page, 'intact.png', 'image/png', bytes, before);
  });

  appTest('printing the map draws it into the print sheet, which print media shows alone', async ({ page }) => {
    const whole = sizeOf((await exportFile(page, '#export-png-1x')).bytes);
    await openExportMenu(page);
    await page.locator('#print-map').click();
    const src = await page.getAttribute('#print-map-image', 'src');
    assert.match(src ?? '', /^data:image\/png;base64,/, 'the sheet holds a PNG of the map');
    const sheet = await decodePng(page, Buffer.from(src.split(',')[1], 'base64'));
    assert.ok(Math.abs(sheet.width - 2 * whole.width) <= 2, `printed at 2×: ${sheet.width} for ${whole.width} at 1×`);
    assert.ok(sheet.ink > 0.2, 'and it is drawn on');

    assert.equal(await isShown(page, '#print-sheet'), false, 'on screen the sheet is hidden');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => document.body.classList.add('print-map'));
    assert.equal(await isShown(page, '.toolbar'), false, 'printing hides the toolbar');
    assert.equal(await isShown(page, '#stage'), false, 'and the live canvas');
    assert.equal(await isShown(page, '#print-map-image'), true, 'and shows the picture of the map');
    assert.equal(await textOf(page, '#print-sheet h1'), 'Sample journey', 'under the map\'s title');
    await page.evaluate(() => document.body.classList.remove('print-map'));
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await isShown(page, '.toolbar'), true, 'back on screen, the app is whole again');
  });

  appTest('printing the checklist shows every touchpoint and makes a PDF', async ({ page }) => {
    // The checklist template: seventeen touchpoints by moment of sale.
    await page.locator('#library-button').click();
    await page.locator('#template').selectOption('checklist');
    await page.locator('#library-create').click();
    await expectEventually(page, () => window.__favo.touchpoints().length, null, 17, 'the checklist map is open');
    const names = (await page.evaluate(() => window.__favo.touchpoints())).map((t) => t.name).sort();

    await openExportMenu(page);
    await page.locator('#print-checklist').click();
    assert.equal(await page.evaluate(() => document.getElementById('checklist-panel').open), true, 'printing opened the checklist');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => document.body.classList.add('print-checklist'));
    assert.equal(await isShown(page, '.toolbar'), false, 'no toolbar on paper');
    assert.equal(await isShown(page, '#stage'), false, 'no canvas on paper');
    assert.equal(await isShown(page, '#outline'), false, 'no outline on paper');
    const printed = await page.evaluate(() =>
      [...document.querySelectorAll('#checklist .check-row .tp')].filter((e) => e.checkVisibility()).map((e) => e.textContent).sort());
    assert.deepEqual(printed, names, 'every touchpoint is on the page');

    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF');
    assert.ok(pdf.length > 10_000 && pdf.length < 5_000_000, `of a sensible size: ${pdf.length} bytes`);
    await page.evaluate(() => document.body.classList.remove('print-checklist'));
  });
});
