// A small static HTTP server for the end-to-end tests and the example pages.
//
// It listens on 127.0.0.1 only, on an ephemeral port, and is configured by an ordered list of mounts:
//   { prefix: '/dist/cdn/', dir: '/abs/path', cors: true, mime: { '.wasm': 'application/octet-stream' },
//     headers: (relativePath) => ({ 'Content-Security-Policy': '…' }), substitute: { SITE_ORIGIN: '…' } }
//   { prefix: '/v1/rank', handle: async (req, res, url) => { … } }
// The first mount whose prefix matches serves the request. Every request is recorded in `server.log`
// (method, path, status, whether the client went away before the answer), so tests can count them.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/** The types a static host serves by default (the `.wasm` one matters: streaming instantiation needs it). */
export const DEFAULT_MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts a server. `mounts` is the ordered route table (see above); it can be changed after start
 * (`server.mounts.push(…)`), which the tests use to add the bundler fixtures once they are built.
 */
export async function startStaticServer({ mounts = [], name = 'static' } = {}) {
  const log = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const entry = { method: req.method, path: url.pathname, query: url.search, status: 0, aborted: false,
      headers: { ...req.headers }, at: Date.now() };
    log.push(entry);
    res.on('close', () => { entry.aborted = !res.writableFinished; });
    const originalWriteHead = res.writeHead.bind(res);
    res.writeHead = (status, ...rest) => { entry.status = status; return originalWriteHead(status, ...rest); };
    route(instance.mounts, req, res, url).catch((error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      res.end(`static server error: ${error.message}`);
    });
  });
  // Keep-alive sockets would keep `close()` waiting; the tests open and close many pages.
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const instance = {
    name,
    port,
    origin: `http://127.0.0.1:${port}`,
    mounts,
    log,
    /** Requests whose path starts with `prefix` (optionally filtered further). */
    requests(prefix, filter = () => true) {
      return log.filter((entry) => entry.path.startsWith(prefix) && filter(entry));
    },
    clearLog() { log.length = 0; },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return instance;
}

async function route(mounts, req, res, url) {
  const mount = mounts.find((m) => url.pathname === m.prefix || url.pathname.startsWith(m.prefix));
  if (url.pathname === '/favicon.ico' && (!mount || mount.handle)) {
    // Chromium asks every origin for one, and logs a console error on a 404: keep that noise out.
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    return res.end();
  }
  if (!mount) {
    return notFound(res, url.pathname);
  }
  if (mount.handle) {
    return mount.handle(req, res, url);
  }
  return serveFile(mount, req, res, url);
}

async function serveFile(mount, req, res, url) {
  if (req.method === 'OPTIONS' && mount.cors) {
    res.writeHead(204, corsHeaders());
    return res.end();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    return res.end();
  }
  let relative = decodeURIComponent(url.pathname.slice(mount.prefix.length));
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const path = normalize(join(mount.dir, relative));
  if (!path.startsWith(normalize(mount.dir + sep)) && path !== normalize(mount.dir)) {
    return notFound(res, url.pathname);
  }
  let info;
  try {
    info = await stat(path);
  } catch {
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'no-store' }); // see route()
      return res.end();
    }
    return notFound(res, url.pathname);
  }
  if (info.isDirectory()) {
    res.writeHead(301, { Location: `${url.pathname}/` });
    return res.end();
  }
  const extension = extname(path);
  const mime = { ...DEFAULT_MIME, ...(mount.mime ?? {}) };
  let body = await readFile(path);
  if (mount.substitute && (extension === '.html' || extension === '.js')) {
    body = Buffer.from(substitute(body.toString('utf8'), mount.substitute));
  }
  if (mount.delayMs) {
    await new Promise((resolve) => setTimeout(resolve, mount.delayMs));
  }
  const headers = {
    'Content-Type': mime[extension] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    ...(mount.cors ? corsHeaders() : {}),
    ...(mount.headers ? mount.headers(relative) : {}),
  };
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Replaces `{{NAME}}` placeholders (the origins, which are only known once the servers listen). */
export function substitute(text, values) {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (match, key) => (key in values ? values[key] : match));
}

export function corsHeaders() {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS' };
}

function notFound(res, path) {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`not found: ${path}`);
}
