// The script tag, however a host serves it: same origin, a sub-folder, another origin, the wrong MIME type,
// included twice, next to the npm package, pasted into a WordPress post (host-pages.md cases 2, 3, 4).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useWorld } from './support/suite.mjs';
import { assertReadyFull, problems, readWidget, stateEvents, waitForAllSettled, waitForState } from './support/widget.mjs';

const suite = useWorld();

function wasmRequests(session) {
  return session.requests.filter((r) => new URL(r.url()).pathname.endsWith('.wasm')).map((r) => r.url());
}

function assertClean(session) {
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] }, 'no page error, no console error');
}

test('the snippet renders in its placeholder and as an element, and says so with data-state and events', async () => {
  const session = await suite.open('/basic.html');
  await waitForState(session.page, '#snippet', 'ready');
  await waitForState(session.page, '#element', 'ready');

  const snippet = await readWidget(session.page, '#snippet');
  assert.equal(snippet.tag, 'retour-emploi', 'the placeholder holds a <retour-emploi> element');
  assert.ok(snippet.hasShadowRoot, 'open shadow root');
  assertReadyFull(assert, snippet, '#snippet');

  const element = await readWidget(session.page, '#element');
  assert.equal(element.state, 'ready');
  assert.ok(element.badge, 'the compact variant has a badge');

  const events = await stateEvents(session.page);
  for (const [id, formacode, commune, widget] of [['snippet', '22448', '69123', snippet], ['element', '31054', '75056', element]]) {
    const mine = events.filter((event) => event.id === id);
    const ready = mine.filter((event) => event.state === 'ready');
    assert.equal(ready.length, 1, `${id}: one ready event (${JSON.stringify(mine)})`);
    assert.equal(ready[0].formacode, formacode);
    assert.equal(ready[0].commune, commune);
    assert.equal(ready[0].level, widget.badge.level, `${id}: the event's level is the badge's`);
    assert.equal(String(ready[0].quintile), widget.badge.quintile, `${id}: the event's quintile is the badge's`);
    assert.ok(ready[0].bubbles && ready[0].composed, `${id}: the event bubbles and is composed`);
  }
  assert.deepEqual(wasmRequests(session), [`${suite.world.site.origin}/dist/cdn/retour-emploi_bg.wasm`]);
  assertClean(session);
});

test('a script in a sub-folder fetches its .wasm from that folder, not next to the page', async () => {
  const session = await suite.open('/subfolder-script.html');
  await waitForState(session.page, '#snippet', 'ready');
  assertReadyFull(assert, await readWidget(session.page, '#snippet'));
  assert.deepEqual(wasmRequests(session), [`${suite.world.site.origin}/assets/vendor/retour-emploi/retour-emploi_bg.wasm`]);
  assert.deepEqual(suite.world.site.log.filter((entry) => entry.status === 404).map((entry) => entry.path), [], 'nothing missing');
  assertClean(session);
});

test('a script from another origin fetches its .wasm from that origin', async () => {
  const session = await suite.open('/cross-origin-script.html');
  await waitForState(session.page, '#snippet', 'ready');
  assertReadyFull(assert, await readWidget(session.page, '#snippet'));
  assert.deepEqual(wasmRequests(session), [`${suite.world.cdn.origin}/retour-emploi/retour-emploi_bg.wasm`]);
  assert.equal(suite.world.site.requests('/', (entry) => entry.path.endsWith('.wasm')).length, 0, 'no .wasm asked of the page origin');
  assertClean(session);
});

test('a .wasm served as application/octet-stream still starts, with one console warning', async () => {
  const session = await suite.open('/wrong-mime.html');
  await waitForState(session.page, '#snippet', 'ready');
  await waitForState(session.page, '#element', 'ready');
  assertReadyFull(assert, await readWidget(session.page, '#snippet'));
  const served = suite.world.site.requests('/wrong-mime/', (entry) => entry.path.endsWith('.wasm'));
  assert.ok(served.length >= 1, 'the .wasm was fetched from the misconfigured folder');
  const warnings = session.messages('warning');
  assert.equal(warnings.length, 1, `one console warning (${JSON.stringify(warnings)})`);
  assert.match(warnings[0], /application\/wasm/, 'the warning names the MIME type to serve');
  assertClean(session);
});

test('the script included twice, from two paths: one definition, no exception, every widget renders', async () => {
  const session = await suite.open('/two-script-tags.html');
  const states = await waitForAllSettled(session.page, { count: 3 });
  assert.deepEqual(states, ['ready', 'ready', 'ready']);
  assertReadyFull(assert, await readWidget(session.page, '#first'));
  assertReadyFull(assert, await readWidget(session.page, '#second'));
  assertReadyFull(assert, await readWidget(session.page, '#element'));
  const readyEvents = (await stateEvents(session.page)).filter((event) => event.state === 'ready');
  assert.equal(readyEvents.length, 3, `one ready event per widget, not one per copy (${JSON.stringify(readyEvents)})`);
  assertClean(session);
});

test('the CDN script and the npm package on one page: one definition, every widget renders', async () => {
  const session = await suite.open('/cdn-and-npm.html');
  const states = await waitForAllSettled(session.page, { count: 3 });
  assert.deepEqual(states, ['ready', 'ready', 'ready']);
  const fromNpm = await readWidget(session.page, '#from-npm');
  assertReadyFull(assert, fromNpm, 'mounted by the npm copy');
  assert.ok(session.requestsTo('/npm/retour-emploi-widget/').length > 0, 'the npm copy was loaded');
  assertClean(session);
});

test('a WordPress post: theme CSS, the snippet mangled by the editor, ?ver= on the script', async () => {
  const session = await suite.open('/wordpress/formation-couvreur.html');
  await waitForState(session.page, '#snippet', 'ready');
  const widget = await readWidget(session.page, '#snippet');
  assertReadyFull(assert, widget);
  const box = await session.page.locator('#snippet > retour-emploi').boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, `the widget is visible in the post (${JSON.stringify(box)})`);
  assert.deepEqual(wasmRequests(session), [`${suite.world.site.origin}/assets/vendor/retour-emploi/retour-emploi_bg.wasm`]);
  assertClean(session);
});
