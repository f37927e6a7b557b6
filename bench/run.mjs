// `make bench`: measures the widget and the reference proxy side by side with their references, prints
// one table and writes bench/results.md. Expects the widget (make widget → dist/cdn) and the proxy
// (cargo build --profile proxy -p retour-emploi-proxy) to be built; `make bench` does both first.
//
//   node bench/run.mjs [--quick]     --quick: fewer rounds, for trying the script out (not for results)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundle } from './baseline/build.mjs';
import { describeMachine } from './lib/machine.mjs';
import { get, run, stopAll } from './lib/process.mjs';
import { dataStrings, transferSizes, wasmBreakdown, wasmSections } from './lib/sizes.mjs';
import { downloadedAssets, launch, manyWidgets, timeToBadge, writePages } from './lib/browser.mjs';
import { checkNginxCaches, coldBurst, proxyMemory, startNginx, startProxy, startupTimes, throughput, upstreamMode, warmCache } from './lib/proxy.mjs';
import { startFakeFranceTravail } from './lib/fake-france-travail.mjs';
import { namedTwin } from './lib/twin.mjs';
import { cpuSample, foreignUse, watchForeignCpu } from './lib/cpu.mjs';
import { avoidableParts } from './lib/avoidable.mjs';
import { writeReport } from './lib/report.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const work = `${root}bench/work`;
const quick = process.argv.includes('--quick');
const PLAN = quick
  ? { badgeRounds: 5, manyRounds: 2, wrkRounds: 1, wrkSeconds: 3, startupRuns: 3, burst: 200 }
  : { badgeRounds: 25, manyRounds: 5, wrkRounds: 3, wrkSeconds: 8, startupRuns: 7, burst: 1000 };
const CDN = `${root}dist/cdn`;
const PROXY_BINARY = `${root}target/proxy/retour-emploi-proxy`;
const IMPLS = { ours: 'ours/retour-emploi.js', baseline: 'baseline/retour-emploi.js' };
// Communes of the shared cases (Lyon, Ajaccio, Saint-Denis de La Réunion, Paris 1er) and other large towns.
const COMMUNES = ['69123', '2A004', '97411', '75101', '13055', '33063', '59350', '31555', '44109', '67482'];

const t0 = performance.now();
// Other work on the machine skews timings: each step records how much CPU the rest of the machine used.
const steps = [];
let current;
const endStep = () => {
  if (!current) return;
  const use = foreignUse(current.from, cpuSample());
  steps.push({ name: current.name, seconds: use.seconds, foreignShare: use.share });
  if (use.share > 0.1) console.warn(`bench: other work used ${(use.share * 100).toFixed(0)} % of the CPUs during "${current.name}"`);
};
const step = (text) => {
  endStep();
  current = { name: text.replace(/:.*/, ''), from: cpuSample() };
  console.log(`\x1b[1mbench:\x1b[0m ${text} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
};

function need(path, how) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${how}`);
}

/** 10 (formacode, commune) pairs the proxy publishes a rate for, one per commune, deterministic. */
async function choosePairs(proxyUrl) {
  const formacodes = run('sh', ['-c', 'tail -n +2 data/formacodes-v13-selection.csv | cut -d, -f1'], { cwd: root }).split('\n').filter(Boolean);
  const pairs = [];
  let tried = 0;
  for (const commune of COMMUNES) {
    for (const formacode of formacodes.slice(tried)) {
      tried += 1;
      const answer = await get(`${proxyUrl}/v1/rank?formacode=${formacode}&codeinseeville=${commune}`);
      if (answer.status === 200 && JSON.parse(answer.body).levels?.some((l) => l.status === 'published')) {
        pairs.push([formacode, commune]);
        break;
      }
    }
  }
  if (pairs.length < COMMUNES.length) throw new Error(`the proxy publishes a rate for only ${pairs.length} of the candidate pairs`);
  return pairs;
}

let fake; // the fake France Travail of sections 2 to 4, in this process
let nginxDir; // nginx's config, cache and pid file (a temporary directory)

async function main() {
  need(`${CDN}/retour-emploi.js`, 'run `make widget` first');
  need(PROXY_BINARY, 'run `cargo build --profile proxy -p retour-emploi-proxy` first');
  rmSync(`${work}/site`, { recursive: true, force: true });
  mkdirSync(`${work}/logs`, { recursive: true });
  // Timings mean little while something else runs: give other work up to three minutes to finish.
  for (let waited = 0; loadavg()[0] > 1 && waited < 180; waited += 15) {
    if (waited === 0) console.log(`bench: waiting for the machine to calm down (1-minute load ${loadavg()[0].toFixed(2)}), at most 3 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 15000));
  }
  watchForeignCpu();
  const loadBefore = loadavg();
  const machine = describeMachine(root);
  step(`machine: ${machine.cpu}, ${machine.cores} cores, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  if (loadBefore[0] > 1) console.warn('bench: the machine is busy (1-minute load above 1): timings will be noisy');

  step('checking the plain-JS reference against the shared cases');
  run('node', [`${root}bench/baseline/check.mjs`], { stdio: 'inherit' });

  step('building the site: the CDN build, the plain-JS reference, the pages');
  cpSync(CDN, `${work}/site/ours`, { recursive: true });
  await bundle('index.js', `${work}/site/baseline/retour-emploi.js`);
  // Both widgets' files get .br / .gz siblings, as a CDN or a static host with precompression serves them.
  run('node', [`${root}scripts/precompress.mjs`, `${work}/site/ours`, `${work}/site/baseline`], { stdio: 'inherit' });

  // One proxy for sections 2 to 4: upstream mode against a fake France Travail (in this process), serving
  // the pages and both widgets (--assets) and answering /v1/rank from its cache once warmed.
  fake = await startFakeFranceTravail({ delayMs: 20 });
  const mode = upstreamMode(fake.url);
  const proxy = await startProxy(PROXY_BINARY, {
    args: [...mode.args, '--assets', `${work}/site`], env: mode.env, logDir: `${work}/logs`, name: 'proxy',
  });
  const memoryAtStart = proxyMemory(proxy);
  const pairs = await choosePairs(proxy.url);
  const paths = pairs.map(([f, c]) => `/v1/rank?formacode=${f}&codeinseeville=${c}`);
  writeFileSync(`${work}/paths.txt`, `${paths.join('\n')}\n`);
  await warmCache(proxy.url, paths);
  const memoryWarm = proxyMemory(proxy);
  writePages(`${work}/site`, IMPLS, pairs, '/v1/rank');
  step(`proxy started: upstream mode, fake France Travail, ${proxy.url}; pairs: ${pairs.map((p) => p.join('/')).join(', ')}`);

  const browser = await launch();
  const results = { machine, plan: PLAN, pairs, quick };
  try {
    step('1. transfer sizes');
    results.sizes = {};
    for (const name of Object.keys(IMPLS)) {
      const assets = await downloadedAssets(browser, proxy.url, name);
      const dir = `${work}/downloads/${name}`;
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const files = assets.map(({ path, bytes }) => {
        const file = `${dir}/${path.split('/').pop()}`;
        writeFileSync(file, bytes);
        return file;
      });
      results.sizes[name] = { ...transferSizes(files), assets: assets.map((a) => ({ path: a.path, type: a.type })) };
    }
    const shippedWasm = readdirSync(CDN).filter((f) => f.endsWith('.wasm')).map((f) => `${CDN}/${f}`)[0];
    results.wasm = { file: shippedWasm.slice(root.length), sections: wasmSections(shippedWasm), data: dataStrings(shippedWasm) };
    const twin = namedTwin(root, `${work}/named`);
    if (twin.path) {
      results.wasm.twin = { ...twin, sections: wasmSections(twin.path), breakdown: wasmBreakdown(twin.path) };
      results.wasm.avoidable = await avoidableParts(root, shippedWasm, results.wasm.twin.breakdown, results.wasm.data);
    } else {
      results.wasm.twin = twin;
    }

    step(`2. time to badge: ${PLAN.badgeRounds} first visits each, alternating`);
    results.badge = await timeToBadge(browser, proxy.url, Object.keys(IMPLS), { rounds: PLAN.badgeRounds });

    step(`3. 100 widgets: ${PLAN.manyRounds} loads each, alternating`);
    results.many = await manyWidgets(browser, proxy.url, Object.keys(IMPLS), { rounds: PLAN.manyRounds });
  } finally {
    await browser.close();
  }

  step('4. proxy throughput: cached answers, proxy vs nginx proxy_cache');
  nginxDir = mkdtempSync(`${tmpdir()}/retour-emploi-nginx-`);
  const nginx = await startNginx(nginxDir, proxy.url);
  cpSync(`${nginxDir}/nginx.conf`, `${work}/nginx.conf`); // for reading after the run
  await checkNginxCaches(nginx.url, proxy.url, paths);
  // The proxy logs a line per request by default; a second one with RUST_LOG=warn shows what that costs.
  const quiet = await startProxy(PROXY_BINARY, { args: mode.args, env: { ...mode.env, RUST_LOG: 'warn' }, logDir: `${work}/logs`, name: 'proxy-quiet' });
  await warmCache(quiet.url, paths);
  results.throughput = await throughput({ proxy: proxy.url, quiet: quiet.url, nginx: nginx.url }, `${work}/paths.txt`,
    { rounds: PLAN.wrkRounds, seconds: PLAN.wrkSeconds });
  results.memory = { atStart: memoryAtStart, warm: memoryWarm, afterLoad: proxyMemory(proxy) };

  step(`4. proxy cold burst: ${PLAN.burst} identical misses`);
  results.burst = await coldBurst(PROXY_BINARY, { concurrency: PLAN.burst, logDir: `${work}/logs` });

  step('4. proxy start-up: time and memory, demo and upstream modes');
  await stopAll();
  await fake.close();
  fake = undefined;
  results.startup = {
    demo: await startupTimes(PROXY_BINARY, { args: ['--demo'] }, { runs: PLAN.startupRuns, logDir: `${work}/logs`, name: 'startup-demo' }),
    upstream: await startupTimes(PROXY_BINARY, upstreamMode('http://127.0.0.1:9'), { runs: PLAN.startupRuns, logDir: `${work}/logs`, name: 'startup-upstream' }),
  };

  endStep();
  current = undefined;
  results.loadAfter = loadavg();
  results.steps = steps;
  results.loadBefore = loadBefore;
  results.runSeconds = (performance.now() - t0) / 1000;
  const table = writeReport(results, `${root}bench/results.md`, quick ? `${work}/results-quick.md` : undefined);
  console.log(`\n${table}\n`);
  step(quick ? `quick run: wrote ${work}/results-quick.md (bench/results.md untouched)` : 'wrote bench/results.md');
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
  await fake?.close();
  if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
}
