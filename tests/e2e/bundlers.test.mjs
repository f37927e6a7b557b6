// The npm package in a Vite app and in a webpack 5 app, built from the packed tarball with no special
// configuration, loaded in Chromium (host-pages.md case 13).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { buildFixture } from './support/fixtures.mjs';
import { openPage } from './support/browser.mjs';
import { startStaticServer } from './support/static-server.mjs';
import { useWorld } from './support/suite.mjs';
import { assertReadyFull, problems, readWidget, stateEvents, waitForState } from './support/widget.mjs';

const suite = useWorld();

/** Serves a built site at its own origin, with the proxy relayed at /v1/rank (same origin). */
async function serveBuilt(root) {
  const server = await startStaticServer({ name: 'fixture' });
  server.mounts.push({ prefix: '/v1/rank', handle: suite.world.relays.sameOrigin.handle }, { prefix: '/', dir: root });
  return server;
}

async function checkSite(root, label) {
  const server = await serveBuilt(root);
  try {
    const session = await openPage(suite.browser, `${server.origin}/`);
    try {
      await waitForState(session.page, '#element', 'ready');
      await waitForState(session.page, '#mounted', 'ready');
      assertReadyFull(assert, await readWidget(session.page, '#element'), `${label} element`);
      const mounted = await readWidget(session.page, '#mounted');
      assert.equal(mounted.state, 'ready', `${label} mount()`);
      assert.ok(mounted.badge, `${label} mount() with the compact variant shows a badge`);
      const attributes = await session.page.locator('#mounted retour-emploi').evaluate((el) => ({
        lang: el.getAttribute('lang'), variant: el.getAttribute('variant') }));
      assert.deepEqual(attributes, { lang: 'en', variant: 'compact' }, `${label} mount() options become attributes`);
      const wasm = session.requests.filter((r) => r.url().endsWith('.wasm')).map((r) => new URL(r.url()));
      assert.equal(wasm.length, 1, `${label} one .wasm request`);
      assert.equal(wasm[0].origin, server.origin, `${label} the .wasm is served with the site's bundle`);
      const ready = (await stateEvents(session.page)).filter((event) => event.state === 'ready');
      assert.equal(ready.length, 2);
      assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });

    } finally {
      await session.close();
    }
  } finally {
    await server.close();
  }
}

test('a Vite app (TypeScript, tsc + vite build) renders the widget from the packed npm package', async () => {
  const dir = await buildFixture('vite-app');
  const built = join(dir, 'dist');
  const assets = readdirSync(join(built, 'assets'));
  assert.ok(assets.some((name) => name.endsWith('.wasm')), `vite emitted the .wasm as an asset (${assets.join(', ')})`);
  await checkSite(built, 'vite');
});

test('a webpack 5 app renders the widget from the packed npm package', async () => {
  const dir = await buildFixture('webpack-app');
  const emitted = readdirSync(join(dir, 'dist'));
  assert.ok(emitted.some((name) => name.endsWith('.wasm')), `webpack emitted the .wasm as an asset (${emitted.join(', ')})`);
  assert.ok(readFileSync(join(dir, 'dist', 'main.js'), 'utf8').length > 0);
  await checkSite(dir, 'webpack');
});
