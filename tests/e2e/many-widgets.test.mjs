// 40 widgets, 5 distinct (formacode, commune) pairs on one page (host-pages.md case 5).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useWorld } from './support/suite.mjs';
import { problems, stateEvents, waitForAllSettled } from './support/widget.mjs';

const suite = useWorld();

test('40 widgets share one Wasm instance and one request per distinct pair, and all render', async () => {
  const session = await suite.open('/many-widgets.html');
  const states = await waitForAllSettled(session.page, { count: 40 });
  assert.deepEqual(states, Array(40).fill('ready'), 'all 40 render');

  const wasm = session.requests.filter((r) => r.url().endsWith('.wasm'));
  assert.equal(wasm.length, 1, 'the .wasm is fetched once');
  const scripts = session.requests.filter((r) => r.url().endsWith('/retour-emploi.js'));
  assert.equal(scripts.length, 1, 'the script is fetched once');

  const rank = session.requests.filter((r) => r.url().startsWith(`${suite.world.proxy.origin}/v1/rank`));
  const pairs = rank.map((r) => {
    const url = new URL(r.url());
    return `${url.searchParams.get('formacode')}/${url.searchParams.get('codeinseeville')}`;
  });
  assert.equal(new Set(pairs).size, 5, `five distinct pairs asked (${pairs.join(', ')})`);
  assert.equal(pairs.length, 5, `one request per pair (${pairs.join(', ')})`);

  const ready = (await stateEvents(session.page)).filter((event) => event.state === 'ready');
  assert.equal(ready.length, 40, 'one ready event per widget');
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});
