// Colour-blind and keyboard users (host-pages.md case 12): an axe-core audit of every state, variant,
// theme and language with zero violations, the class as text, and the explainer by keyboard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { until, useWorld } from './support/suite.mjs';
import { problems, readWidget, waitForState } from './support/widget.mjs';

const suite = useWorld();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA, and axe's best practices except those about the page around the widget. */
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'] },
  rules: { region: { enabled: false }, 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } },
  resultTypes: ['violations'],
};

/** Runs axe over every <retour-emploi> of the page (their shadow trees included); returns readable violations. */
async function audit(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (options) => {
    const result = await window.axe.run({ include: [...document.querySelectorAll('retour-emploi')].map((host) => [`#${host.id}`]) }, options);
    return result.violations;
  }, AXE_OPTIONS);
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1).join(' ')}`));
}

async function openEveryState(options) {
  suite.world.relays.slow.closeGate(); // the "loading" widgets stay loading for the audit
  const session = await suite.open('/accessibility.html', options);
  await session.page.waitForFunction(() => [...document.querySelectorAll('retour-emploi')].every((host) => {
    const expected = { loading: 'loading', ready: 'ready', 'ready-fallback': 'ready', 'not-covered': 'not-covered',
      error: 'error', 'error-retry': 'error', 'bad-attributes': 'error' }[host.dataset.case];
    return host.getAttribute('data-state') === expected;
  }), null, { timeout: 30_000 });
  return session;
}

test('every state, variant and theme passes the axe-core audit, in French and in English', async () => {
  const session = await openEveryState();
  assert.deepEqual(await audit(session.page), [], 'French');

  // Each explainer open, too.
  const toggles = session.page.locator('retour-emploi[variant=full][data-case^=ready] [aria-expanded]');
  const count = await toggles.count();
  assert.ok(count >= 4, `the ready full widgets have an explainer toggle (${count})`);
  for (let i = 0; i < count; i += 1) await toggles.nth(i).click();
  assert.deepEqual(await audit(session.page), [], 'French, explainers open');

  await session.page.evaluate(() => {
    for (const host of document.querySelectorAll('retour-emploi')) host.setAttribute('lang', 'en');
  });
  await until(async () => session.page.evaluate(() => [...document.querySelectorAll('retour-emploi[data-case^=ready]')]
    .every((host) => host.getAttribute('data-state') === 'ready' && !/Bassin d.emploi/.test(host.shadowRoot.textContent))),
  { what: 'the widgets to speak English' });
  assert.deepEqual(await audit(session.page), [], 'English');
  assert.deepEqual(session.pageErrors.map(String), []);
});

test('theme auto follows a dark colour scheme and passes the audit', async () => {
  const session = await suite.open('/gallery.html', { colorScheme: 'dark' });
  await session.page.waitForFunction(() => [...document.querySelectorAll('retour-emploi')].every((h) => h.getAttribute('data-state') === 'ready'));
  assert.deepEqual(await audit(session.page), []);
});

test('the class of the badge reads as text, not only as a colour', async () => {
  const session = await suite.open('/gallery.html');
  await waitForState(session.page, '#g-full-light-fr', 'ready');
  const labels = ['faible', 'correct', 'satisfaisant', 'élevé', 'excellent'];
  for (const id of ['#g-full-light-fr', '#g-compact-light-fr', '#g-badge-light-fr']) {
    const widget = await readWidget(session.page, id);
    const quintile = Number(widget.badge.quintile);
    const text = widget.badge.text.toLowerCase();
    assert.match(text, new RegExp(`${quintile}\\s*(/|sur)\\s*5`), `${id}: "${widget.badge.text}" says the class as a number`);
    assert.ok(text.includes(labels[quintile - 1]), `${id}: "${widget.badge.text}" says the class in words`);
  }
});

test('the explainer by keyboard: Tab reaches it, Enter and Space open it, Escape closes it, focus returns', async () => {
  const session = await suite.open('/basic.html');
  await waitForState(session.page, '#snippet', 'ready');
  const focused = () => session.page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const host = active?.getRootNode()?.host;
    return { inWidget: host?.parentElement?.id ?? host?.id ?? null, expanded: active?.getAttribute('aria-expanded') ?? null,
      controls: active?.getAttribute('aria-controls') ?? null, tag: active?.localName ?? null };
  });
  const explainerVisible = (controls) => session.page.evaluate((id) => {
    const panel = document.querySelector('#snippet retour-emploi').shadowRoot.getElementById(id);
    return Boolean(panel) && panel.checkVisibility();
  }, controls);

  let toggle = null;
  for (let press = 0; press < 6 && !toggle; press += 1) {
    await session.page.keyboard.press('Tab');
    const now = await focused();
    assert.equal(now.inWidget, 'snippet', `Tab #${press + 1} stays in the first widget (${JSON.stringify(now)})`);
    if (now.expanded !== null) toggle = now;
  }
  assert.ok(toggle, 'Tab reaches the explainer toggle');
  assert.equal(toggle.expanded, 'false');
  assert.ok(toggle.controls, 'the toggle names the panel it controls (aria-controls)');
  assert.equal(await explainerVisible(toggle.controls), false, 'closed at first');

  for (const key of ['Enter', 'Space']) {
    await session.page.keyboard.press(key);
    assert.equal(await explainerVisible(toggle.controls), true, `${key} opens it`);
    const toggleState = await session.page.locator('#snippet retour-emploi [aria-expanded]').first().getAttribute('aria-expanded');
    assert.equal(toggleState, 'true', `aria-expanded after ${key}`);
    await session.page.keyboard.press('Escape');
    assert.equal(await explainerVisible(toggle.controls), false, `Escape closes it (after ${key})`);
    const after = await focused();
    assert.deepEqual([after.inWidget, after.expanded], ['snippet', 'false'], `focus is back on the toggle (after ${key})`);
  }
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});
