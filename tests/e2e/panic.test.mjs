// A Rust panic in one widget (host-pages.md case 11), with the test build's `data-test-panic` trigger.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useWorld } from './support/suite.mjs';
import { assertReadyFull, readWidget, waitForState } from './support/widget.mjs';

const suite = useWorld();

test('a panic ends in a visible error and a console message; the other widgets keep working', async () => {
  const session = await suite.open('/panic.html');
  await waitForState(session.page, '#panicking', 'error');
  const panicking = await readWidget(session.page, '#panicking');
  assert.ok(panicking.text.length > 20, `the panicking widget says something (${panicking.text})`);
  assert.doesNotMatch(panicking.text, /unreachable/i);
  const errors = session.messages('error');
  assert.ok(errors.some((text) => /retour-emploi/.test(text) && /panic/i.test(text) && /data-test-panic/.test(text)),
    `the console carries the panic message (${JSON.stringify(errors)})`);

  await waitForState(session.page, '#before', 'ready');
  await waitForState(session.page, '#after', 'ready');
  for (const id of ['#before', '#after']) {
    const widget = await readWidget(session.page, id);
    assert.ok(widget.badge, `${id} shows its badge`);
  }
  await session.page.click('#add');
  await waitForState(session.page, '#added', 'ready');
  assert.ok((await readWidget(session.page, '#added')).badge, 'a widget added after the panic renders');

  await session.page.locator('#before').evaluate((el) => el.setAttribute('variant', 'full'));
  await waitForState(session.page, '#before', 'ready');
  assertReadyFull(assert, await readWidget(session.page, '#before'), 'an attribute change after the panic');
  // The trap of the aborting instance may surface once as an uncaught RuntimeError; nothing else may, and
  // it must not cascade (a dead instance called again and again).
  const pageErrors = session.pageErrors.map(String);
  assert.ok(pageErrors.length <= 1 && pageErrors.every((text) => /RuntimeError: unreachable/.test(text)),
    `at most the one trap of the panic reaches the page (${JSON.stringify(pageErrors)})`);
});
