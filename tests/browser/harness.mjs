// Shared by the script-tag tests: a static HTTP server on 127.0.0.1 (with per-test pages, headers and
// MIME types) and headless Chromium through playwright-core.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The script-tag build of the tests (make test-widget builds it with the test-only panic trigger). */
export const bundle = path.join(root, 'target/cdn-test');

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.wasm': 'application/wasm' };

/**
 * Starts a server. `routes` maps a URL path to {body, type, headers, delay} or to a file on disk;
 * `mounts` maps a path prefix to a directory, with optional {type overrides, headers}.
 */
export async function serve() {
  const routes = new Map();
  const mounts = [];
  const log = [];
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    log.push(url.pathname + url.search);
    const route = routes.get(url.pathname + url.search) || routes.get(url.pathname);
    try {
      if (route) {
        if (route.delay) await new Promise((r) => setTimeout(r, route.delay));
        response.writeHead(route.status || 200, { 'content-type': route.type || 'text/html; charset=utf-8', ...(route.headers || {}) });
        response.end(route.body);
        return;
      }
      const mount = mounts.find((m) => url.pathname.startsWith(m.prefix));
      if (mount) {
        const relative = decodeURIComponent(url.pathname.slice(mount.prefix.length));
        const file = path.join(mount.dir, relative.endsWith('/') || relative === '' ? relative + 'index.html' : relative);
        const body = await fs.readFile(file);
        const ext = path.extname(file);
        response.writeHead(200, { 'content-type': (mount.types && mount.types[ext]) || types[ext] || 'application/octet-stream', ...(mount.headers || {}) });
        response.end(body);
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    route(pathname, options) { routes.set(pathname, options); },
    mount(prefix, dir, options = {}) { mounts.push({ prefix, dir, ...options }); },
    close() { return new Promise((resolve) => server.close(resolve)); },
  };
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A new page whose console messages and page errors are collected. */
export async function open(chromiumBrowser, url, options = {}) {
  const page = await chromiumBrowser.newPage(options);
  const consoleMessages = [];
  const errors = [];
  page.on('console', (message) => consoleMessages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, consoleMessages, errors };
}

/** Waits until every element matching `selector` has left the loading state. */
export function settled(page, selector = '[data-retour-emploi]') {
  return page.waitForFunction(
    (s) => {
      const all = [...document.querySelectorAll(s)];
      return all.length > 0 && all.every((e) => ['ready', 'not-covered', 'error'].includes(e.getAttribute('data-state')));
    },
    selector,
  );
}

/** The normalized answer of the contract's Lyon example (docs/proxy.md), national class `national`. */
export function lyon(national = 4) {
  return JSON.stringify({
    formacode: '31054',
    commune: { code: '69123', nom: 'Lyon' },
    covered: true,
    levels: [
      { level: 'bassin', code: '8428', nom: 'Lyon Centre', status: 'published', quintile: 4, rate: 0.63, leavers: 212 },
      { level: 'departement', code: '69', nom: 'Rhône', status: 'suppressed' },
      { level: 'region', code: '84', nom: 'Auvergne-Rhône-Alpes', status: 'published', quintile: 3 },
      { level: 'national', code: 'FR', nom: 'France', status: 'published', quintile: national },
    ],
  });
}

/** An upstream answer publishing the national level only, in class `quintile`. */
export function nationalOnly(quintile) {
  return JSON.stringify([{ formacode: '22435', 'taux-bassin': '', 'taux-departemental': '', 'taux-regional': '', 'taux-national': String(quintile / 5) }]);
}

export function page(body, script = '/cdn/retour-emploi.js') {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>test</title>
<script type="module" src="${script}"></script></head><body>${body}</body></html>`;
}
