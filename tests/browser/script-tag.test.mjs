// The script-tag build in real Chromium: host pages of tests/cases/host-pages.md, the static JSON
// example, the panic case, and an accessibility audit.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, open, settled, lyon, nationalOnly, page, root, bundle } from './harness.mjs';

let server;
let chromiumBrowser;

before(async () => {
  server = await serve();
  server.mount('/cdn/', bundle);
  server.mount('/dist/cdn/', bundle);
  server.mount('/assets/vendor/retour-emploi/', bundle);
  server.mount('/copy-b/', bundle);
  server.mount('/octet/', bundle, { types: { '.wasm': 'application/octet-stream' } });
  server.mount('/www/', path.join(root, 'www'));
  for (let q = 1; q <= 5; q += 1) {
    server.route(`/data/22435/1000${q}.json`, { type: 'application/json', body: nationalOnly(q) });
  }
  server.route('/data/31054/69123.json', { type: 'application/json', body: lyon(4) });
  server.route('/data/31054/35238.json', { type: 'application/json', body: lyon(2) });
  chromiumBrowser = await browser();
});

after(async () => {
  await chromiumBrowser?.close();
  await server?.close();
});

const placeholder = (commune, extra = '') =>
  `<div data-retour-emploi data-formacode="31054" data-commune="${commune}" data-proxy="/data/{formacode}/{commune}.json" ${extra}></div>`;

test('the static JSON example page renders its badges and breakdown', async () => {
  const { page: tab, errors } = await open(chromiumBrowser, `${server.origin}/www/examples/static-json/`);
  await settled(tab);
  const states = await tab.$$eval('[data-retour-emploi]', (all) => all.map((e) => e.dataset.state));
  assert.deepEqual(states, ['ready', 'ready', 'ready']);
  const first = await tab.$eval('[data-retour-emploi] retour-emploi', (e) => ({
    badge: e.shadowRoot.querySelector('[part~=badge] .class-short').textContent,
    rows: [...e.shadowRoot.querySelectorAll('[part~=breakdown] [part~=row]')].map((r) => `${r.dataset.level}:${r.dataset.status}`),
  }));
  assert.equal(first.badge, '4 / 5 · Élevé');
  assert.deepEqual(first.rows, ['bassin:published', 'departement:suppressed', 'region:published', 'national:published']);
  assert.deepEqual(errors, []);
  await tab.close();
});

test('a panic shows an error in its widget, logs it, and the other widgets keep working', async () => {
  server.route('/panic.html', { body: page(placeholder('69123') + placeholder('69123', 'data-lang="en"')) });
  const { page: tab, consoleMessages } = await open(chromiumBrowser, `${server.origin}/panic.html`);
  await settled(tab);
  await tab.evaluate(() => {
    const crashing = document.createElement('retour-emploi');
    crashing.id = 'crashing';
    for (const [name, value] of [['formacode', '31054'], ['commune', '69123'], ['proxy', '/data/{formacode}/{commune}.json'], ['data-test-panic', '']]) {
      crashing.setAttribute(name, value);
    }
    document.body.append(crashing);
  });
  await tab.waitForFunction(() => document.getElementById('crashing').dataset.state === 'error');
  const crashed = await tab.$eval('#crashing', (e) => e.shadowRoot.querySelector('[part~=error]').textContent);
  assert.match(crashed, /erreur interne/);
  assert.ok(consoleMessages.some((m) => m.type === 'error' && m.text.includes('internal error (Rust panic)') && m.text.includes('test panic requested')));
  // The others were moved to a fresh instance: they render, and still follow their attributes.
  await settled(tab);
  await tab.evaluate(() => document.querySelector('[data-retour-emploi]').setAttribute('data-commune', '35238'));
  await tab.waitForFunction(() => {
    const widget = document.querySelector('[data-retour-emploi] retour-emploi');
    const national = widget.shadowRoot.querySelector('[data-level=national] .class-short');
    return widget.dataset.state === 'ready' && national && national.textContent === '2 / 5 · Correct';
  });
  const english = await tab.$eval('[data-lang=en] retour-emploi', (e) => e.shadowRoot.querySelector('[part~=badge] .class-short').textContent);
  assert.equal(english, '4 / 5 · High');
  // Its state is kept: the crashed widget still says what happened.
  assert.equal(await tab.$eval('#crashing', (e) => e.dataset.state), 'error');
  await tab.close();
});

test('without wasm-unsafe-eval in its CSP, the page says so and the console names the directive', async () => {
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
  server.route('/csp-blocked.html', { body: page(placeholder('69123')), headers: { 'content-security-policy': csp } });
  const { page: tab, consoleMessages } = await open(chromiumBrowser, `${server.origin}/csp-blocked.html`);
  await tab.waitForFunction(() => document.querySelector('[data-retour-emploi]').dataset.state === 'error');
  const text = await tab.$eval('[data-retour-emploi]', (e) => e.textContent);
  assert.match(text, /Content-Security-Policy/);
  const hint = consoleMessages.find((m) => m.type === 'error' && m.text.includes("'wasm-unsafe-eval'"));
  assert.ok(hint, JSON.stringify(consoleMessages));
  assert.match(hint.text, /script-src directive/);
  await tab.close();
});

test('a strict CSP with wasm-unsafe-eval renders, styles included', async () => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";
  server.route('/csp-strict.html', { body: page(placeholder('69123')), headers: { 'content-security-policy': csp } });
  const { page: tab, consoleMessages } = await open(chromiumBrowser, `${server.origin}/csp-strict.html`);
  await settled(tab);
  const style = await tab.$eval('[data-retour-emploi] retour-emploi', (e) => {
    const badge = e.shadowRoot.querySelector('[part~=badge] .badge-class');
    return getComputedStyle(badge).fontWeight;
  });
  assert.equal(style, '700');
  assert.ok(!consoleMessages.some((m) => /Content Security Policy/i.test(m.text)), JSON.stringify(consoleMessages));
  await tab.close();
});

test('a .wasm served as application/octet-stream still works, with one warning', async () => {
  server.route('/octet.html', { body: page(placeholder('69123'), '/octet/retour-emploi.js') });
  const { page: tab, consoleMessages } = await open(chromiumBrowser, `${server.origin}/octet.html`);
  await settled(tab);
  assert.equal(await tab.$eval('[data-retour-emploi]', (e) => e.dataset.state), 'ready');
  const warnings = consoleMessages.filter((m) => m.type === 'warning');
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0].text, /MIME/);
  await tab.close();
});

test('the .wasm is fetched next to the script, and two copies of the script define the element once', async () => {
  server.route('/pages/deep/two-copies.html', {
    body: page(placeholder('69123'), '/assets/vendor/retour-emploi/retour-emploi.js').replace(
      '</head>',
      '<script type="module" src="/copy-b/retour-emploi.js"></script></head>',
    ),
  });
  const { page: tab, errors } = await open(chromiumBrowser, `${server.origin}/pages/deep/two-copies.html`);
  await settled(tab);
  assert.ok(server.log.includes('/assets/vendor/retour-emploi/retour-emploi_bg.wasm'));
  assert.ok(!server.log.some((p) => p.startsWith('/pages/deep/') && p.endsWith('.wasm')));
  assert.deepEqual(errors, []);
  assert.equal(await tab.$$eval('[data-retour-emploi] retour-emploi', (all) => all.length), 1);
  await tab.close();
});

test('forty widgets for five distinct pairs send five requests and all render', async () => {
  const widgets = [];
  for (let i = 0; i < 40; i += 1) {
    widgets.push(`<div data-retour-emploi data-formacode="22435" data-commune="1000${(i % 5) + 1}" data-proxy="/data/{formacode}/{commune}.json" data-variant="badge"></div>`);
  }
  server.route('/many.html', { body: page(widgets.join('')) });
  const before = server.log.length;
  const { page: tab } = await open(chromiumBrowser, `${server.origin}/many.html`);
  await settled(tab);
  const states = await tab.$$eval('[data-retour-emploi]', (all) => all.map((e) => e.dataset.state));
  assert.equal(states.filter((s) => s === 'ready').length, 40);
  const dataRequests = server.log.slice(before).filter((p) => p.startsWith('/data/'));
  assert.equal(dataRequests.length, 5, dataRequests.join(' '));
  await tab.close();
});

for (const scheme of ['light', 'dark']) {
  test(`an accessibility audit finds no violation (${scheme} theme)`, async () => {
    const body = [
      placeholder('69123', `data-theme="${scheme}"`),
      `<div data-retour-emploi data-formacode="22435" data-commune="10002" data-proxy="/data/{formacode}/{commune}.json" data-theme="${scheme}" data-variant="compact"></div>`,
      `<div data-retour-emploi data-formacode="2243" data-commune="69123" data-proxy="/data/{formacode}/{commune}.json" data-theme="${scheme}"></div>`,
    ].join('');
    server.route(`/a11y-${scheme}.html`, { body: page(body) });
    const { page: tab } = await open(chromiumBrowser, `${server.origin}/a11y-${scheme}.html`);
    await settled(tab);
    // Open the explainer so its text is audited too.
    await tab.$eval('[data-retour-emploi] retour-emploi', (e) => e.shadowRoot.querySelector('[part~=explainer-toggle]').click());
    await tab.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
    const violations = await tab.evaluate(async () => {
      const result = await window.axe.run('retour-emploi', { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
    await tab.close();
  });
}

test('the loading skeleton has the size of the answer it waits for (no jump)', async () => {
  // France Travail's own format: no exact rate, no demo label; bassin, région and national published.
  const upstream = JSON.stringify([{ formacode: '22435', 'codeinsee-bassin': '5313', 'taux-bassin': '0.6', 'taux-departemental': '', 'taux-regional': '0.4', 'taux-national': '0.6' }]);
  for (const variant of ['full', 'compact', 'badge']) {
    const url = `/slow/${variant}/22435/35238.json`;
    // Long enough for the loading state to be seen on a busy machine.
    server.route(url, { type: 'application/json', body: upstream, delay: 2000 });
    const widget = (width) =>
      `<div style="width:${width}px" data-retour-emploi data-formacode="22435" data-commune="35238" data-variant="${variant}" data-proxy="/slow/${variant}/{formacode}/{commune}.json"></div>`;
    server.route(`/jump-${variant}.html`, { body: page(widget(340) + widget(640)) });
    const { page: tab } = await open(chromiumBrowser, `${server.origin}/jump-${variant}.html`);
    const heights = () => tab.$$eval('retour-emploi', (all) => all.map((e) => e.getBoundingClientRect().height));
    // Both widgets mounted and loading (every() alone would also hold before they exist).
    await tab.waitForFunction(() => {
      const all = [...document.querySelectorAll('retour-emploi')];
      return all.length === 2 && all.every((e) => e.dataset.state === 'loading');
    });
    const loading = await heights();
    await settled(tab);
    const ready = await heights();
    for (const [i, height] of ready.entries()) {
      assert.ok(Math.abs(height - loading[i]) <= 1, `${variant} #${i}: ${loading[i]} px loading, ${height} px ready`);
    }
    await tab.close();
  }
});
