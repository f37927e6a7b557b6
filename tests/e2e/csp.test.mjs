// A strict Content-Security-Policy, with and without 'wasm-unsafe-eval' (host-pages.md case 1).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useWorld } from './support/suite.mjs';
import { assertReadyFull, cspViolations, problems, readWidget, waitForState } from './support/widget.mjs';

const suite = useWorld();

test('under a strict CSP with wasm-unsafe-eval the widget renders and violates nothing', async () => {
  const session = await suite.open('/csp-strict.html');
  const csp = await session.page.evaluate(() => document.querySelector('meta[http-equiv]') === null);
  assert.ok(csp, 'the policy comes from the response header, not a meta tag');
  await waitForState(session.page, '#snippet', 'ready');
  await waitForState(session.page, '#element', 'ready');
  assertReadyFull(assert, await readWidget(session.page, '#snippet'));
  assert.deepEqual(await cspViolations(session.page), [], 'no inline style, no inline script, no other origin');
  assert.equal(suite.world.relays.sameOrigin.received.length, 2, 'both widgets fetched through the same-origin proxy path');
  // Styles through constructable stylesheets: `style-src 'self'` does not apply to them.
  const adopted = await session.page.locator('#snippet retour-emploi').evaluate((host) => host.shadowRoot.adoptedStyleSheets.length);
  assert.ok(adopted > 0, 'styles come from adopted stylesheets');
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});

test('without wasm-unsafe-eval the placeholder shows a readable fallback and the console names the directive', async () => {
  const session = await suite.open('/csp-no-wasm-eval.html');
  await session.page.waitForFunction(() => {
    const visibleText = (el) => {
      const shadow = el.querySelector('retour-emploi')?.shadowRoot ?? el.shadowRoot;
      return `${el.innerText} ${shadow?.textContent ?? ''}`.trim();
    };
    return visibleText(document.getElementById('snippet')).length > 0
      && visibleText(document.getElementById('element')).length > 0;
  }, null, { timeout: 20_000 });
  const texts = await session.page.evaluate(() => ['snippet', 'element'].map((id) => {
    const el = document.getElementById(id);
    const shadow = el.querySelector('retour-emploi')?.shadowRoot ?? el.shadowRoot;
    return `${el.innerText} ${shadow?.textContent ?? ''}`.replace(/\s+/g, ' ').trim();
  }));
  for (const text of texts) {
    assert.match(text, /WebAssembly|sécurité|security|Content-Security-Policy/i, `a readable fallback, not a blank box: "${text}"`);
  }
  const consoleText = session.consoleMessages.map((m) => m.text).join('\n');
  assert.match(consoleText, /'wasm-unsafe-eval'/, 'the console names the missing source expression');
  assert.match(consoleText, /script-src/, 'the console names the directive');
  assert.deepEqual(session.pageErrors.map(String), [], 'no uncaught exception');
  // The refused .wasm's download is cancelled, not left pending for the page's life.
  await session.page.waitForLoadState('networkidle', { timeout: 10_000 });
});
