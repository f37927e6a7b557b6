// The servers an end-to-end test (or a person trying the example pages) needs, all on 127.0.0.1:
//   site   the host pages (www/examples), the CDN build in two places of the site, the npm package, and
//          same-origin relays to the proxy (plain, slow, hanging once);
//   cdn    a second origin: the CDN build with CORS, and a relay to the proxy *without* CORS headers;
//   proxy  the reference proxy binary in demo mode, allowing the site's origin.
// Run `node tests/e2e/support/world.mjs` to start them and browse the examples by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { cdnDir, cdnTestBuildDir, examplesDir, npmPackageDir } from './paths.mjs';
import { startProxy } from './proxy.mjs';
import { createRankRelay } from './rank-relay.mjs';
import { startStaticServer } from './static-server.mjs';

/** Response headers of each example page (CSP…), kept next to the pages. */
export function examplePageHeaders() {
  return JSON.parse(readFileSync(join(examplesDir, 'headers.json'), 'utf8')).pages;
}

export async function startWorld() {
  const site = await startStaticServer({ name: 'site' });
  const cdn = await startStaticServer({ name: 'cdn' });
  const proxy = await startProxy({ allowOrigins: [site.origin] });
  const upstream = () => proxy.origin;
  const relays = {
    sameOrigin: createRankRelay({ upstream }),
    slow: createRankRelay({ upstream, delayMs: 1500 }),
    hangOnce: createRankRelay({ upstream, hangFirstOfEachQuery: true }),
    noCors: createRankRelay({ upstream, cors: false }),
  };
  const pageHeaders = examplePageHeaders();
  const origins = { SITE_ORIGIN: site.origin, CDN_ORIGIN: cdn.origin, PROXY_ORIGIN: proxy.origin };
  site.mounts.push(
    { prefix: '/v1/rank', handle: relays.sameOrigin.handle },
    { prefix: '/slow/v1/rank', handle: relays.slow.handle },
    { prefix: '/hang-once/v1/rank', handle: relays.hangOnce.handle },
    { prefix: '/dist/cdn/', dir: cdnDir },
    { prefix: '/assets/vendor/retour-emploi/', dir: cdnDir },
    { prefix: '/wrong-mime/', dir: cdnDir, mime: { '.wasm': 'application/octet-stream' } },
    { prefix: '/npm/retour-emploi-widget/', dir: npmPackageDir },
    { prefix: '/test-build/', dir: cdnTestBuildDir },
    { prefix: '/', dir: examplesDir, substitute: origins, headers: (path) => pageHeaders[path] ?? {} },
  );
  cdn.mounts.push(
    { prefix: '/retour-emploi/', dir: cdnDir, cors: true },
    { prefix: '/no-cors/v1/rank', handle: relays.noCors.handle },
  );
  return {
    site,
    cdn,
    proxy,
    relays,
    /** Forgets what earlier tests did: request logs, relay counters, gates and hang-once memory. */
    reset() {
      site.clearLog();
      cdn.clearLog();
      for (const relay of Object.values(relays)) relay.reset();
      relays.slow.delayMs = 1500;
    },
    async close() {
      for (const relay of Object.values(relays)) relay.openGate();
      await Promise.all([site.close(), cdn.close(), proxy.close()]);
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const world = await startWorld();
  console.log(`example pages: ${world.site.origin}/`);
  console.log(`second origin: ${world.cdn.origin}/  proxy (demo): ${world.proxy.origin}/v1/rank`);
  console.log('Ctrl-C to stop');
  const stop = async () => { await world.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
