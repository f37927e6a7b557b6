// Section 4: the reference proxy. Cached throughput and latency with wrk, against nginx serving the same
// JSON from its proxy_cache in front of the same proxy; a cold burst of identical misses against a fake
// France Travail; resident memory; start-up time.
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { freePort, get, residentMemory, runAsync, start, stop, waitForHttp } from './process.mjs';
import { API_BASE_PATH, TOKEN_PATH, startFakeFranceTravail } from './fake-france-travail.mjs';
import { median } from './stats.mjs';

const ROTATE_LUA = fileURLToPath(new URL('../wrk/rotate-pairs.lua', import.meta.url));

/** Starts the proxy on a free port and waits for /healthz; `args` come after --listen. */
export async function startProxy(binary, { args = [], env = {}, logDir, name = 'proxy' }) {
  const port = await freePort();
  const logFile = logDir ? `${logDir}/${name}.log` : undefined;
  const t0 = performance.now();
  const child = start(binary, ['--listen', `127.0.0.1:${port}`, ...args], { env, logFile });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, { child });
  return { child, url, startMs: performance.now() - t0 };
}

/** The arguments and environment of upstream mode against the fake France Travail at `fakeUrl`. */
export function upstreamMode(fakeUrl) {
  return {
    args: ['--upstream', '--token-url', `${fakeUrl}${TOKEN_PATH}?realm=%2Fpartenaire`, '--api-base', `${fakeUrl}${API_BASE_PATH}`],
    env: { FRANCE_TRAVAIL_CLIENT_ID: 'bench-client', FRANCE_TRAVAIL_CLIENT_SECRET: 'bench-secret' },
  };
}

/**
 * Start-up time (process start → /healthz answers) and resident memory at that moment, `runs` times;
 * `mode` is {args, env}.
 */
export async function startupTimes(binary, mode, { runs = 7, logDir, name = 'startup' } = {}) {
  const times = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const proxy = await startProxy(binary, { ...mode, logDir, name: `${name}-${i}` });
    times.push(proxy.startMs);
    rss.push(residentMemory(proxy.child.pid).rssKb);
    await stop(proxy.child);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs, rssKb: median(rss) };
}

/** Asks for every path twice; throws unless the second answer says it came from the proxy's cache. */
export async function warmCache(proxyUrl, paths) {
  for (const path of paths) {
    await get(`${proxyUrl}${path}`);
    const again = await get(`${proxyUrl}${path}`);
    const said = again.headers['x-retour-emploi-cache'];
    if (again.status !== 200 || said !== 'hit') {
      throw new Error(`${path}: the proxy did not answer from its cache the second time (status ${again.status}, x-retour-emploi-cache: ${said})`);
    }
  }
}

/** nginx as the current user, everything in `dir`, caching /v1/rank answers of the proxy at `upstream`. */
export async function startNginx(dir, upstream) {
  mkdirSync(`${dir}/cache`, { recursive: true });
  const port = await freePort();
  const user = process.getuid() === 0 ? `user ${userInfo().username};` : '# runs as the current user';
  writeFileSync(`${dir}/nginx.conf`, `# Written by bench/lib/proxy.mjs: nginx caching the proxy's answers, for comparison.
${user}
worker_processes auto;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=rank:10m max_size=64m inactive=1h use_temp_path=off;
  upstream retour_emploi_proxy { server ${upstream.replace('http://', '')}; keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location /v1/rank {
      proxy_pass http://retour_emploi_proxy;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache rank;
      proxy_cache_key $request_uri;
      proxy_cache_valid 200 10m;
      proxy_cache_lock on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`);
  const child = start('nginx', ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`]);
  const url = `http://127.0.0.1:${port}`;
  // /v1/rank without parameters is refused by the proxy: any answer means nginx is up.
  await waitForHttp(`${url}/v1/rank`, { child, timeoutMs: 10000, accept: () => true });
  return { child, url };
}

/** Fills nginx's cache and checks that it now answers from it, with the proxy's bytes. */
export async function checkNginxCaches(nginxUrl, proxyUrl, paths) {
  for (const path of paths) {
    await get(`${nginxUrl}${path}`);
    const cached = await get(`${nginxUrl}${path}`);
    const direct = await get(`${proxyUrl}${path}`);
    if (cached.headers['x-cache-status'] !== 'HIT') {
      throw new Error(`nginx does not cache ${path} (X-Cache-Status: ${cached.headers['x-cache-status']}, Cache-Control: ${direct.headers['cache-control']})`);
    }
    if (cached.body !== direct.body) throw new Error(`nginx and the proxy answer ${path} differently`);
  }
}

/** One wrk run over the rotating paths; returns the Lua summary (latencies in µs). */
export async function wrk(url, pathsFile, { seconds, threads = 2, connections = 64 }) {
  const out = await runAsync('wrk', ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency', '-s', ROTATE_LUA, url],
    { env: { ...process.env, WRK_PATHS: pathsFile } });
  const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const summary = JSON.parse(line.slice('WRK_JSON '.length));
  summary.requestsPerSecond = summary.requests / (summary.duration_us / 1e6);
  return summary;
}

/**
 * Cached throughput, alternating the targets `rounds` times; each target's reported round is its median
 * round by requests per second.
 */
export async function throughput(targets, pathsFile, { rounds = 3, seconds = 8, warmupSeconds = 2 } = {}) {
  const results = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (const url of Object.values(targets)) await wrk(url, pathsFile, { seconds: warmupSeconds });
  for (let i = 0; i < rounds; i++) {
    const names = Object.keys(targets);
    for (const name of i % 2 ? names.reverse() : names) results[name].push(await wrk(targets[name], pathsFile, { seconds }));
  }
  return Object.fromEntries(Object.entries(results).map(([name, list]) => {
    const sorted = [...list].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
    return [name, { ...sorted[Math.floor(sorted.length / 2)], rounds: list.map((r) => Math.round(r.requestsPerSecond)) }];
  }));
}

/**
 * Cold burst: `concurrency` identical requests for a pair nobody asked for yet, all in flight while the
 * fake France Travail takes `delayMs` to answer; counts the calls that reach it.
 */
export async function coldBurst(binary, { concurrency = 1000, delayMs = 1000, logDir, pair = ['22435', '69123'] } = {}) {
  const fake = await startFakeFranceTravail({ delayMs });
  const proxy = await startProxy(binary, { ...upstreamMode(fake.url), logDir, name: 'proxy-burst' });
  try {
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const url = `${proxy.url}/v1/rank?formacode=${pair[0]}&codeinseeville=${pair[1]}`;
    const t0 = performance.now();
    const answers = Array.from({ length: concurrency }, () => get(url, { agent }).catch((error) => ({ status: `error ${error.code ?? error.message}` })));
    const sentMs = performance.now() - t0;
    const settled = await Promise.all(answers);
    const wallMs = performance.now() - t0;
    const statuses = {};
    for (const a of settled) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    const bodies = new Set(settled.filter((a) => a.status === 200).map((a) => a.body));
    agent.destroy();
    return {
      concurrency, delayMs, sentMs, wallMs, statuses, distinctBodies: bodies.size,
      upstreamRankCalls: fake.calls.rank, upstreamTokenCalls: fake.calls.token,
    };
  } finally {
    await stop(proxy.child);
    await fake.close();
  }
}

/** Resident memory of a running proxy. */
export const proxyMemory = (proxy) => residentMemory(proxy.child.pid);
