// Sections 2 and 3: time to badge for one widget, and 100 widgets on one page, in headless Chromium.
//
// Every load happens in a new browser context: an empty HTTP cache and an empty code cache, which is
// what a first-time visitor has. The pages and both widgets are served by the same server (the reference
// proxy with --assets, which also answers /v1/rank from its cache), so the only difference between two
// loads is the widget's code.
import { writeFileSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { median, percentile } from './stats.mjs';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/**
 * Installed in every page before any of its scripts: records when the first badge with a class appears
 * in a shadow root (`badge`), when `expect` hosts are `data-state=ready` (`allReady`), and every Wasm
 * instance created. Times are `performance.now()`, i.e. milliseconds since navigation start.
 */
function instrumentPage() {
  const expected = Number(new URLSearchParams(location.search).get('expect')) || 1;
  const bench = {
    badge: null, allReady: null, hosts: new Set(), ready: new Set(), wasmInstances: 0, wasmMemories: [], wasmReady: null,
  };
  Object.defineProperty(window, '__bench', { value: bench });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadowAndWatch(init) {
    const root = attachShadow.call(this, init);
    bench.hosts.add(this);
    new MutationObserver(() => {
      if (bench.badge === null && root.querySelector('[part~="badge"][data-quintile]')) bench.badge = performance.now();
    }).observe(root, { childList: true, subtree: true, attributes: true });
    return root;
  };
  new MutationObserver((records) => {
    for (const { target } of records) {
      if (bench.hosts.has(target) && target.getAttribute('data-state') === 'ready') bench.ready.add(target);
    }
    if (bench.allReady === null && bench.ready.size >= expected) bench.allReady = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });

  const counted = (result) => {
    bench.wasmInstances += 1;
    bench.wasmReady ??= performance.now();
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    const memory = Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
    if (memory) bench.wasmMemories.push(memory);
    return result;
  };
  const { instantiate, instantiateStreaming, Instance } = WebAssembly;
  WebAssembly.instantiate = function countedInstantiate(...args) {
    return instantiate.apply(this, args).then(counted);
  };
  WebAssembly.instantiateStreaming = function countedInstantiateStreaming(...args) {
    return instantiateStreaming.apply(this, args).then(counted);
  };
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args, newTarget) {
      return counted(Reflect.construct(target, args, newTarget));
    },
  });
}

/** Writes the bench pages into `dir` (served at the site root). `impls`: {name: script path}. */
export function writePages(dir, impls, pairs, proxyPath) {
  mkdirSync(dir, { recursive: true });
  const page = (title, script, widgets) => `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body>
<main>
<h1>Formation : ${title}</h1>
<p>Une page de formation qui affiche le taux de retour à l’emploi.</p>
${widgets.map(([formacode, commune]) => `<div data-retour-emploi data-formacode="${formacode}" data-commune="${commune}" data-proxy="${proxyPath}"></div>`).join('\n')}
</main>
<script type="module" src="${script}"></script>
</body>
</html>
`;
  const many = Array.from({ length: 100 }, (_, i) => pairs[i % pairs.length]);
  for (const [name, script] of Object.entries(impls)) {
    writeFileSync(`${dir}/one-${name}.html`, page(`un widget (${name})`, script, [pairs[0]]));
    writeFileSync(`${dir}/many-${name}.html`, page(`100 widgets (${name})`, script, many));
  }
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** One load in a fresh context: waits for `expect` ready widgets and returns what the page recorded. */
async function load(browser, url, { expect, heap = false, timeoutMs = 30000 }) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(instrumentPage);
    const page = await context.newPage();
    let rankRequests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/v1/rank')) rankRequests += 1;
    });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}?expect=${expect}`);
    try {
      await page.waitForFunction(() => window.__bench.allReady !== null && window.__bench.badge !== null, null, { timeout: timeoutMs, polling: 50 });
    } catch {
      const states = await page.evaluate(() => [...window.__bench.hosts].map((h) => h.getAttribute('data-state')));
      throw new Error(`${url}: ${expect} widget(s) not ready after ${timeoutMs} ms (states: ${JSON.stringify(states.slice(0, 5))}…, page errors: ${errors.join('; ') || 'none'})`);
    }
    const result = await page.evaluate(() => {
      const b = window.__bench;
      const resource = (suffix) => performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(suffix));
      const script = resource('retour-emploi.js');
      const wasm = resource('.wasm');
      const rank = resource('/v1/rank');
      return {
        badge: b.badge,
        allReady: b.allReady,
        wasmInstances: b.wasmInstances,
        wasmMemoryBytes: b.wasmMemories.reduce((n, m) => n + m.buffer.byteLength, 0),
        scriptLoaded: script?.responseEnd,
        wasmLoaded: wasm?.responseEnd,
        wasmReady: b.wasmReady ?? undefined,
        rankStart: rank?.startTime,
        rankLoaded: rank?.responseEnd,
        domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
      };
    });
    result.rankRequests = rankRequests;
    result.pageErrors = errors;
    if (heap) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      result.jsHeapBytes = usage.usedSize;
    }
    return result;
  } finally {
    await context.close();
  }
}

const summarize = (values) => ({ median: median(values), p90: percentile(values, 90), min: Math.min(...values), max: Math.max(...values), n: values.length });

/** Alternates the implementations, `rounds` loads each after `warmup` discarded loads each. */
async function alternate(browser, urls, rounds, warmup, options) {
  const names = Object.keys(urls);
  const results = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < warmup + rounds; i++) {
    const order = i % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const result = await load(browser, urls[name], options);
      if (i >= warmup) results[name].push(result);
    }
  }
  return results;
}

/** Section 2: one widget, `rounds` first visits per implementation. */
export async function timeToBadge(browser, site, names, { rounds = 25, warmup = 2 } = {}) {
  const urls = Object.fromEntries(names.map((name) => [name, `${site}/one-${name}.html`]));
  const raw = await alternate(browser, urls, rounds, warmup, { expect: 1 });
  return Object.fromEntries(names.map((name) => {
    const loads = raw[name];
    const pick = (key) => loads.map((l) => l[key]).filter((v) => v !== undefined && v !== null);
    return [name, {
      badge: summarize(pick('badge')),
      scriptLoaded: median(pick('scriptLoaded')),
      wasmLoaded: pick('wasmLoaded').length ? median(pick('wasmLoaded')) : undefined,
      wasmReady: pick('wasmReady').length ? median(pick('wasmReady')) : undefined,
      rankStart: median(pick('rankStart')),
      rankLoaded: median(pick('rankLoaded')),
      domContentLoaded: median(pick('domContentLoaded')),
      wasmInstances: Math.max(...pick('wasmInstances')),
      pageErrors: loads.flatMap((l) => l.pageErrors),
    }];
  }));
}

/** Section 3: 100 widgets, 10 distinct pairs, on one page. */
export async function manyWidgets(browser, site, names, { rounds = 5, warmup = 1 } = {}) {
  const urls = Object.fromEntries(names.map((name) => [name, `${site}/many-${name}.html`]));
  const raw = await alternate(browser, urls, rounds, warmup, { expect: 100, heap: true });
  return Object.fromEntries(names.map((name) => {
    const loads = raw[name];
    const pick = (key) => loads.map((l) => l[key]);
    return [name, {
      allReady: summarize(pick('allReady')),
      jsHeapBytes: median(pick('jsHeapBytes')),
      wasmMemoryBytes: median(pick('wasmMemoryBytes')),
      wasmInstances: { min: Math.min(...pick('wasmInstances')), max: Math.max(...pick('wasmInstances')) },
      rankRequests: { min: Math.min(...pick('rankRequests')), max: Math.max(...pick('rankRequests')) },
      pageErrors: loads.flatMap((l) => l.pageErrors),
    }];
  }));
}

/**
 * What the browser actually downloads for the widget on the one-widget page (everything but the page
 * itself and the data): [{path, bytes (Buffer, decoded)}]. This catches every file, snippets included.
 */
export async function downloadedAssets(browser, site, name) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const responses = [];
    page.on('response', (response) => responses.push(response));
    await page.goto(`${site}/one-${name}.html?expect=1`);
    await page.waitForFunction(() => document.querySelector('[data-state=ready]'), null, { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    const assets = [];
    for (const response of responses) {
      const path = new URL(response.url()).pathname;
      const type = response.request().resourceType();
      if (type === 'document' || path.endsWith('/v1/rank') || path.endsWith('favicon.ico')) continue;
      assets.push({ path, type, bytes: await response.body() });
    }
    return assets;
  } finally {
    await context.close();
  }
}
