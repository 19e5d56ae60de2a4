import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, DIST } from './harness.mjs';
import { serve } from './server.mjs';
const { url, close } = await serve(DIST);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
for (let run = 0; run < 3; run++) {
  const page = await browser.newPage();
  await page.addInitScript(() => { window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); });
  const t0 = Date.now();
  await page.goto(`${url}/embed-demo/big.html`);
  await page.waitForFunction(() => document.getElementById('c').shadowRoot?.querySelector('table tbody tr'), null, { timeout: 60000 });
  console.log(`drawn after ${Date.now() - t0} ms; long tasks: ${JSON.stringify(await page.evaluate(() => window.__tasks))}`);
  await page.close();
}
await browser.close(); await close();
