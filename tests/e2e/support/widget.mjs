// Reading a widget through its public contract (docs/integrating.md §2–4): the host's `data-state`, the
// `retour-emploi:state` events, and the parts in its open shadow root.
//
// A selector may name a `<retour-emploi>` element or a `[data-retour-emploi]` placeholder: the script tag
// mounts a `<retour-emploi>` element into each placeholder, and that element is the host.

/**
 * Installed in every page before its own scripts (browser.mjs does it): records every
 * `retour-emploi:state` event, and finds the host for a selector. An init script, not `eval`, so that it
 * works under a strict Content-Security-Policy too.
 */
export function instrumentation() {
  window.__retourEmploiEvents = [];
  document.addEventListener('retour-emploi:state', (event) => {
    const host = event.target; // retargeted to the host element at document level
    window.__retourEmploiEvents.push({ id: host?.id || host?.parentElement?.id || '', ...event.detail,
      bubbles: event.bubbles, composed: event.composed });
  });
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
  });
  window.__retourEmploiHost = (selector) => {
    const found = document.querySelector(selector);
    if (!found) return null;
    return found.localName === 'retour-emploi' ? found : found.querySelector('retour-emploi');
  };
}

/** The Content-Security-Policy violations the page reported. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

export async function stateEvents(page) {
  return page.evaluate(() => window.__retourEmploiEvents ?? []);
}

/** Waits until the host for `selector` has `data-state` in `states` (a string or an array). */
export async function waitForState(page, selector, states, { timeout = 20_000 } = {}) {
  const wanted = Array.isArray(states) ? states : [states];
  try {
    await page.waitForFunction(
      ([sel, list]) => {
        const host = window.__retourEmploiHost(sel);
        return host && list.includes(host.getAttribute('data-state'));
      },
      [selector, wanted],
      { timeout },
    );
  } catch (error) {
    const seen = await page.evaluate((sel) => window.__retourEmploiHost(sel)?.getAttribute('data-state') ?? 'no host', selector);
    throw new Error(`${selector}: waited for data-state ${wanted.join('|')}, it is ${seen} (${error.message.split('\n')[0]})`);
  }
}

/** Waits until every `<retour-emploi>` of the page has left the loading state; returns their states. */
export async function waitForAllSettled(page, { count, timeout = 30_000 } = {}) {
  await page.waitForFunction(
    (expected) => {
      const hosts = [...document.querySelectorAll('retour-emploi')];
      if (expected !== undefined && hosts.length !== expected) return false;
      return hosts.length > 0 && hosts.every((h) => ['ready', 'not-covered', 'error'].includes(h.getAttribute('data-state')));
    },
    count,
    { timeout },
  );
  return page.$$eval('retour-emploi', (hosts) => hosts.map((h) => h.getAttribute('data-state')));
}

/** What a widget shows, read from its shadow root. */
export async function readWidget(page, selector) {
  return page.evaluate((sel) => {
    const host = window.__retourEmploiHost(sel);
    if (!host) throw new Error(`no <retour-emploi> at ${sel}`);
    const root = host.shadowRoot;
    const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const badge = root?.querySelector('[part~=badge]');
    const rows = [...(root?.querySelectorAll('[part~=breakdown] [part~=row]') ?? [])];
    return {
      tag: host.localName,
      state: host.getAttribute('data-state'),
      hasShadowRoot: Boolean(root),
      text: text(root),
      lightText: text(host),
      badge: badge ? { level: badge.dataset.level, quintile: badge.dataset.quintile, text: text(badge) } : null,
      rows: rows.map((row) => ({ level: row.dataset.level, status: row.dataset.status,
        quintile: row.dataset.quintile, text: text(row) })),
      buttons: [...(root?.querySelectorAll('button') ?? [])].map((b) => text(b)),
    };
  }, selector);
}

/** A Playwright locator for the host element of a selector. */
export function hostLocator(page, selector) {
  return page.locator(`${selector}:is(retour-emploi), ${selector} > retour-emploi`).first();
}

/** The parts contract for a ready `full` widget: a badge and the four levels in order. */
export function assertReadyFull(assert, widget, label = '') {
  assert.equal(widget.state, 'ready', `${label} state`);
  assert.ok(widget.badge, `${label} has a [part~=badge]`);
  assert.match(widget.badge.level ?? '', /^(bassin|departement|region|national)$/, `${label} badge data-level`);
  assert.match(widget.badge.quintile ?? '', /^[1-5]$/, `${label} badge data-quintile`);
  assert.deepEqual(widget.rows.map((r) => r.level), ['bassin', 'departement', 'region', 'national'], `${label} four rows in order`);
  for (const row of widget.rows) {
    assert.match(row.status ?? '', /^(published|suppressed|unavailable)$/, `${label} row ${row.level} data-status`);
    if (row.status === 'published') assert.match(row.quintile ?? '', /^[1-5]$/, `${label} row ${row.level} data-quintile`);
    else assert.equal(row.quintile, undefined, `${label} unpublished row ${row.level} has no data-quintile`);
  }
  const badgeRow = widget.rows.find((r) => r.level === widget.badge.level);
  assert.equal(badgeRow?.status, 'published', `${label} the badge's level is published`);
  assert.equal(badgeRow?.quintile, widget.badge.quintile, `${label} the badge's class is its row's class`);
  const moreLocal = widget.rows.slice(0, widget.rows.indexOf(badgeRow));
  assert.ok(moreLocal.every((r) => r.status !== 'published'), `${label} the badge is the most local published level`);
}

/** Page errors and console errors, for "no page errors" assertions with a readable failure. */
export function problems(session) {
  return {
    pageErrors: session.pageErrors.map((e) => String(e)),
    consoleErrors: session.messages('error'),
  };
}
