// The built app under the strict Content-Security-Policy of the embed issue: no inline
// script or style, no eval; wasm allowed. The editor, the charts (their worker and the
// sample) and an edit run without a single violation.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newSession, waitReady, expectEventually, DIST } from './harness.mjs';
import { serve } from './server.mjs';

setup();

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** In the page: every CSP violation, as "directive blocked-uri". */
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
}

describe('content security policy', () => {
  it('the app and its charts run under the strict policy with no violation', { timeout: 60_000 }, async () => {
    const server = await serve(DIST, 0, { 'Content-Security-Policy': POLICY });
    const s = await newSession({ initScript: recordViolations });
    try {
      const { page } = s;
      const response = await page.goto(`${server.url}/?charts`);
      assert.equal(response.headers()['content-security-policy'], POLICY, 'served with the policy');
      await waitReady(page);
      await expectEventually(page, () => document.querySelectorAll('#funnel-table tbody tr').length, null, 7, 'the sample charted by the worker', 15_000);
      // Styles set by the app (swatches, the chart's height, the tint's scale) and an edit.
      await page.locator('#tint-by').selectOption('count');
      await page.keyboard.press('Control+a');
      const swatch = await page.locator('#legend .swatch').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(swatch, 'rgba(0, 0, 0, 0)', 'the phase swatch has its colour');
      const height = await page.locator('#funnel-chart').evaluate((el) => el.getBoundingClientRect().height);
      assert.equal(height, 300, 'the chart has its height');
      assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violations');
      s.assertClean();
    } finally {
      await s.close();
      await server.close();
    }
  });
});
