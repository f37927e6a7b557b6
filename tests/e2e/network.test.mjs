// What the network does to a widget: fast attribute changes against a slow proxy, removal while
// loading, a proxy without CORS headers, a proxy that hangs then recovers (host-pages.md cases 7–10).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { until, useWorld } from './support/suite.mjs';
import { assertReadyFull, problems, readWidget, stateEvents, waitForState } from './support/widget.mjs';

const suite = useWorld();

const COMMUNES = ['69123', '75056', '13055', '31555', '06088', '44109', '67482', '34172', '33063', '59350'];
const LAST = COMMUNES.at(-1);

test('commune changed ten times against a slow proxy: only the last answer is ever shown, older requests are aborted', async () => {
  const relay = suite.world.relays.slow;
  // Older requests answer later than newer ones: a widget that shows whatever arrives last shows a stale answer.
  relay.delayMs = (index) => Math.max(300, 2600 - 230 * index);
  const session = await suite.open('/fast-changes.html');
  await waitForState(session.page, '#element', 'ready');
  await until(() => relay.received.length === 1 && relay.received[0].answered, { what: 'the first answer' });
  relay.reset();
  relay.delayMs = (index) => Math.max(300, 2600 - 230 * index);

  await session.page.click('#change');
  await until(() => relay.received.some((entry) => entry.query.includes(`codeinseeville=${LAST}`)), { what: 'the last request' });
  await waitForState(session.page, '#element', 'ready');
  // Let every request settle (answered or aborted) before looking for a stale answer.
  await until(() => relay.received.every((entry) => entry.aborted || entry.answered), { what: 'every request settled', attempts: 400 });

  const widget = await readWidget(session.page, '#element');
  assertReadyFull(assert, widget);
  const host = await session.page.locator('#element').evaluate((el) => el.getAttribute('commune'));
  assert.equal(host, LAST);
  const ready = (await stateEvents(session.page)).filter((event) => event.state === 'ready');
  const afterClick = ready.slice(1);
  assert.deepEqual(afterClick.map((event) => event.commune), [LAST], 'after the changes, one ready event, for the last commune');

  const older = relay.received.filter((entry) => !entry.query.includes(`codeinseeville=${LAST}`));
  assert.ok(older.every((entry) => entry.aborted), `every older request still in flight was aborted (${JSON.stringify(older)})`);
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});

test('removed while loading: the request is aborted, nothing fails, and putting it back renders it', async () => {
  const relay = suite.world.relays.slow;
  relay.delayMs = 0;
  relay.closeGate();
  const session = await suite.open('/removal.html');
  await waitForState(session.page, '#element', 'loading');
  await until(() => relay.received.length === 1, { what: 'the request to reach the proxy' });

  await session.page.click('#remove');
  await until(() => relay.received[0].aborted, { what: 'the request of the removed widget to be aborted' });
  const eventsAtRemoval = (await stateEvents(session.page)).length;
  relay.openGate();

  await session.page.click('#reinsert');
  await waitForState(session.page, '#element', 'ready');
  assertReadyFull(assert, await readWidget(session.page, '#element'));
  const events = await stateEvents(session.page);
  const whileRemoved = events.slice(eventsAtRemoval).filter((event) => event.state !== 'loading');
  assert.deepEqual(whileRemoved.map((event) => event.state), ['ready'], 'the only outcome is the re-inserted widget\'s');

  const eventsBeforeChurn = (await stateEvents(session.page)).length;
  await session.page.click('#churn');
  await session.page.waitForFunction(() => document.getElementById('status').value === 'done');
  // The last insertion renders again: a fresh ready event, after the churn's.
  await session.page.waitForFunction((before) => {
    const events = window.__retourEmploiEvents;
    return events.length > before && events.at(-1).state === 'ready' && document.getElementById('element').getAttribute('data-state') === 'ready';
  }, eventsBeforeChurn);
  assertReadyFull(assert, await readWidget(session.page, '#element'));
  await until(() => relay.received.every((entry) => entry.aborted || entry.answered), { what: 'no request left hanging' });
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});

test('a proxy without CORS headers: the widget says the proxy refused the cross-origin request, and never uses no-cors', async () => {
  const session = await suite.open('/no-cors.html');
  await waitForState(session.page, '#snippet', 'error');
  const widget = await readWidget(session.page, '#snippet');
  assert.match(widget.text, /CORS/, `the message names the cause (${widget.text})`);
  assert.ok(widget.buttons.length >= 1, 'a retry is offered');
  const hints = session.consoleMessages.filter((m) => /retour-emploi/i.test(m.text) && /CORS|Access-Control-Allow-Origin/.test(m.text));
  assert.ok(hints.length >= 1, `a console hint from the widget names CORS (${JSON.stringify(session.consoleMessages)})`);
  const received = suite.world.relays.noCors.received;
  assert.ok(received.length >= 1, 'the request reached the proxy');
  assert.deepEqual([...new Set(received.map((entry) => entry.secFetchMode))], ['cors'], 'every request in cors mode');
  assert.deepEqual(session.pageErrors.map(String), []);
  const events = (await stateEvents(session.page)).filter((event) => event.state === 'error');
  assert.equal(events.length, 1, 'one error event');
});

test('a proxy that hangs: "took too long" with a retry, and the retry renders once it answers', async () => {
  const session = await suite.open('/slow-proxy.html');
  await waitForState(session.page, '#snippet', 'error', { timeout: 40_000 });
  const widget = await readWidget(session.page, '#snippet');
  assert.match(widget.text, /trop de temps/, `the message says it took too long (${widget.text})`);
  const relay = suite.world.relays.hangOnce;
  assert.equal(relay.received.length, 1);
  await until(() => relay.received[0].aborted, { what: 'the timed-out request to be aborted' });

  const retry = session.page.locator('#snippet retour-emploi').getByRole('button', { name: /réessayer/i });
  await retry.click();
  await waitForState(session.page, '#snippet', 'ready');
  assertReadyFull(assert, await readWidget(session.page, '#snippet'));
  assert.equal(relay.received.length, 2, 'the retry sent one new request');
  assert.ok(relay.received[1].answered);
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});
