// The summary table and bench/results.md.
import { writeFileSync } from 'node:fs';
import { kB, ms, int } from './stats.mjs';

const GZIP_TARGET = 90_000; // bytes: "≤ 90 KB gzip", counted as 90 000 bytes (the stricter reading)
const BADGE_RATIO_TARGET = 1.3;

const yes = (ok) => (ok ? 'yes' : '**no**');
// A symbol without its hash suffix and crate disambiguators, escaped for a table cell.
const symbol = (name) => `\`${name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '').replace(/\|/g, '\\|').slice(0, 110)}\``;
const times = (a, b) => `${(a / b).toFixed(2)}×`;
const us = (micro) => (micro >= 1000 ? `${(micro / 1000).toFixed(2)} ms` : `${Math.round(micro)} µs`);
const MiB = (kb) => `${(kb / 1024).toFixed(1)} MiB`;

function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}

/** The one table: every measure, ours against its reference. */
export function summaryTable(r) {
  const s = r.sizes;
  const b = r.badge;
  const m = r.many;
  const t = r.throughput;
  const badgeRatio = b.ours.badge.median / b.baseline.badge.median;
  const rows = [
    ['Download for one widget, gzip -9 (JS + wasm + CSS)', kB(s.ours.total.gzip), kB(s.baseline.total.gzip), times(s.ours.total.gzip, s.baseline.total.gzip), '≤ 90 kB', yes(s.ours.total.gzip <= GZIP_TARGET)],
    ['Download for one widget, brotli -q 11', kB(s.ours.total.brotli), kB(s.baseline.total.brotli), times(s.ours.total.brotli, s.baseline.total.brotli), '', ''],
    ['Download for one widget, uncompressed', kB(s.ours.total.raw), kB(s.baseline.total.raw), times(s.ours.total.raw, s.baseline.total.raw), '', ''],
    [`Time to badge, first visit, median of ${b.ours.badge.n}`, ms(b.ours.badge.median), ms(b.baseline.badge.median), times(b.ours.badge.median, b.baseline.badge.median), `≤ ${BADGE_RATIO_TARGET}×`, yes(badgeRatio <= BADGE_RATIO_TARGET)],
    ['Time to badge, p90', ms(b.ours.badge.p90), ms(b.baseline.badge.p90), times(b.ours.badge.p90, b.baseline.badge.p90), '', ''],
    [`100 widgets: all ready, median of ${m.ours.allReady.n}`, ms(m.ours.allReady.median), ms(m.baseline.allReady.median), times(m.ours.allReady.median, m.baseline.allReady.median), '', ''],
    ['100 widgets: JS heap after GC', kB(m.ours.jsHeapBytes), kB(m.baseline.jsHeapBytes), times(m.ours.jsHeapBytes, m.baseline.jsHeapBytes), '', ''],
    ['100 widgets: Wasm linear memory', kB(m.ours.wasmMemoryBytes), kB(m.baseline.wasmMemoryBytes), '', '', ''],
    ['100 widgets: Wasm instances', range(m.ours.wasmInstances), range(m.baseline.wasmInstances), '', '= 1', yes(m.ours.wasmInstances.min === 1 && m.ours.wasmInstances.max === 1)],
    ['100 widgets: requests to /v1/rank', range(m.ours.rankRequests), range(m.baseline.rankRequests), '', '= 10', yes(m.ours.rankRequests.min === 10 && m.ours.rankRequests.max === 10)],
    ['Proxy vs nginx proxy_cache: cached req/s', int(t.proxy.requestsPerSecond), int(t.nginx.requestsPerSecond), times(t.proxy.requestsPerSecond, t.nginx.requestsPerSecond), '', ''],
    ['Proxy (RUST_LOG=warn) vs nginx: cached req/s', int(t.quiet.requestsPerSecond), int(t.nginx.requestsPerSecond), times(t.quiet.requestsPerSecond, t.nginx.requestsPerSecond), '', ''],
    ['Proxy vs nginx: latency p50 / p99', `${us(t.proxy.p50_us)} / ${us(t.proxy.p99_us)}`, `${us(t.nginx.p50_us)} / ${us(t.nginx.p99_us)}`, times(t.proxy.p99_us, t.nginx.p99_us), '', ''],
    [`Proxy: upstream calls for ${int(r.burst.concurrency)} identical cold misses`, String(r.burst.upstreamRankCalls), '', '', '= 1', yes(r.burst.upstreamRankCalls === 1)],
    ['Proxy: resident memory (VmRSS), started / after wrk', `${MiB(r.memory.atStart.rssKb)} / ${MiB(r.memory.afterLoad.rssKb)}`, '', '', '', ''],
    [`Proxy: start-up to /healthz, median of ${r.startup.upstream.runs}, upstream / demo mode`, `${ms(r.startup.upstream.median)} / ${ms(r.startup.demo.median)}`, '', '', '', ''],
  ];
  return table(['Measure', 'retour-emploi', 'reference', 'ratio', 'target', 'met'], rows);
}

const range = ({ min, max }) => (min === max ? String(min) : `${min}–${max}`);

function sizeSection(r) {
  const rows = [];
  for (const [name, label] of [['ours', 'retour-emploi (CDN build)'], ['baseline', 'plain-JS reference']]) {
    for (const f of r.sizes[name].files) rows.push([label, f.file, int(f.raw), int(f.gzip), int(f.brotli)]);
    const t = r.sizes[name].total;
    rows.push([label, '**total**', int(t.raw), int(t.gzip), int(t.brotli)]);
  }
  const w = r.wasm;
  const out = [
    '## 1. Transfer size',
    '',
    'Method: the one-widget page is loaded in Chromium and every response it receives is kept, except the page',
    'itself and the data (`/v1/rank`): that is exactly what a page downloads for one widget (JS, `.wasm`, CSS',
    'and any snippet). Each file is compressed with `gzip -9 -n` and `brotli -q 11`, as a CDN serving',
    'pre-compressed files would; sizes in bytes (1 kB = 1000 bytes).',
    'The reference is `bench/baseline/`: the same element in plain JavaScript (same attributes, parts, `data-*`,',
    'states, event, auto-mount, decoding, secrecy rule, French texts and territory names), minified by esbuild.',
    '',
    table(['build', 'file', 'raw', 'gzip -9', 'brotli -q 11'], rows),
    '',
    `### What the .wasm is made of (\`${w.file}\`)`,
    '',
    'Sections of the shipped file:',
    '',
    table(['section', 'bytes'], w.sections.map((s) => [s.name, int(s.size)])),
    '',
    `Data section: ${int(w.data.dataBytes)} bytes, of which ${int(w.data.textBytes)} are readable text; ${int(w.data.sourcePathBytes)} bytes are ${w.data.sourcePaths} Rust source paths (panic locations)` +
      (w.data.pathsByCrate.length ? `: ${w.data.pathsByCrate.map(([c, n]) => `${c} ${int(n)}`).join(', ')}.` : '.'),
    '',
  ];
  if (w.twin.breakdown) {
    const code = (sections) => sections.find((s) => s.name === 'code')?.size ?? 0;
    const data = (sections) => sections.find((s) => s.name === 'data')?.size ?? 0;
    const br = w.twin.breakdown;
    out.push(
      `twiggy ran on a *named twin*: the same cargo output packed by the same script, \`${w.twin.how}\`, which`,
      `keeps the name section. Its code section is ${int(code(w.twin.sections))} bytes against ${int(code(w.sections))} shipped, and its data section`,
      `${int(data(w.twin.sections))} against ${int(data(w.sections))}, so the names below describe the shipped code. Sizes are uncompressed bytes.`,
      '',
      'Largest avoidable parts (uncompressed bytes in this build; "where" is read from the source of this commit):',
      '',
      table(['part', 'bytes', 'where', 'what would remove it'], (w.avoidable ?? []).map((p) => [p.part, int(p.bytes), p.where, p.remedy])),
      '',
      'By crate (or kind of item):',
      '',
      table(['owner', 'bytes', 'share'], br.owners.slice(0, 18).map((o) => [o.owner, int(o.size), `${(o.share * 100).toFixed(1)} %`])),
      '',
      '`twiggy top` (largest items):',
      '',
      table(['item', 'bytes', 'share'], br.top.map((t) => [symbol(t.name), int(t.size), `${(t.share * 100).toFixed(1)} %`])),
      '',
      'Largest retainers (`twiggy dominators`, flattened: the bytes each function alone keeps alive, itself included):',
      '',
      table(['function', 'retained bytes', 'share'], br.retainers.map((t) => [symbol(t.name), int(t.size), `${(t.share * 100).toFixed(1)} %`])),
      '',
      '`twiggy garbage` (unreachable items):',
      '',
      '```',
      br.garbage.trimEnd(),
      '```',
      '',
    );
  } else {
    out.push(`No twiggy breakdown: ${w.twin.reason}.`, '');
  }
  return out.join('\n');
}

function badgeSection(r) {
  const row = (name, label) => {
    const x = r.badge[name];
    return [label, ms(x.badge.median), ms(x.badge.p90), ms(x.badge.min), ms(x.badge.max), ms(x.scriptLoaded),
      x.wasmLoaded === undefined ? '—' : ms(x.wasmLoaded), x.wasmReady === undefined ? '—' : ms(x.wasmReady), ms(x.rankStart), ms(x.rankLoaded)];
  };
  return [
    '## 2. Time to badge',
    '',
    'Method: headless Chromium (playwright-core, `/usr/bin/chromium --headless=new --no-sandbox',
    '--disable-background-networking --disable-component-update --disable-sync --no-first-run`). The page',
    '(`bench/work/site/one-*.html`: a heading, a paragraph, one `[data-retour-emploi]` placeholder and the',
    'module script tag) is served on 127.0.0.1 by the reference proxy (`--assets`, upstream mode against the fake',
    'France Travail of section 4), which also answers `/v1/rank` from its cache (warmed before); both widgets\' files',
    'have brotli and gzip siblings (`scripts/precompress.mjs`), served as they are, as a CDN would. Each load is a **first visit**: a new',
    'browser context, so an empty HTTP cache and an empty compiled-code cache, and no cache-busting is needed',
    '(the wasm URL is derived from the script URL, so a query string would not reach it anyway). A script',
    'installed before the page\'s own (`addInitScript`) wraps `attachShadow` and watches every shadow root with',
    'a MutationObserver; the time is `performance.now()` (ms since navigation start) when a',
    '`[part~=badge][data-quintile]` first exists. Ours and the reference alternate, after 2 discarded warm-up',
    'loads each. The last five columns are medians of where the time goes: Resource Timing `responseEnd` of the',
    'script and the `.wasm`, the moment `WebAssembly.instantiate(Streaming)` resolved (compiled and instantiated),',
    'and the `startTime` / `responseEnd` of the `/v1/rank` request.',
    '',
    table(['build', 'median', 'p90', 'min', 'max', 'JS loaded', 'wasm loaded', 'wasm instantiated', 'data requested', 'data received'],
      [row('ours', 'retour-emploi'), row('baseline', 'plain-JS reference')]),
    '',
    `Page errors: ${[...r.badge.ours.pageErrors, ...r.badge.baseline.pageErrors].length || 'none'}.`,
    '',
  ].join('\n');
}

function manySection(r) {
  const row = (name, label) => {
    const x = r.many[name];
    return [label, ms(x.allReady.median), ms(x.allReady.p90), kB(x.jsHeapBytes), kB(x.wasmMemoryBytes), range(x.wasmInstances), range(x.rankRequests)];
  };
  return [
    '## 3. One hundred widgets',
    '',
    `Method: the same set-up, a page with 100 placeholders over 10 distinct (formacode, commune) pairs`,
    `(${r.pairs.map((p) => p.join('/')).join(', ')}: formacodes of \`data/formacodes-v13-selection.csv\` with 10 communes, each checked to publish a rate).`,
    'Time: `performance.now()` when the 100th shadow-root host has `data-state=ready` (MutationObserver). JS',
    'heap: CDP `HeapProfiler.collectGarbage` then `Runtime.getHeapUsage` (used size), after all are ready. Wasm',
    'memory: the `byteLength` of the linear memory of every Wasm instance, which lives outside the JS heap. Wasm',
    'instances: `WebAssembly.instantiate`, `instantiateStreaming` and `new WebAssembly.Instance` wrapped by the',
    `init script. Requests: every request to \`/v1/rank\` seen by Playwright. Median of ${r.many.ours.allReady.n} loads each, alternating.`,
    '',
    table(['build', 'all ready, median', 'p90', 'JS heap', 'Wasm memory', 'Wasm instances', '/v1/rank requests'],
      [row('ours', 'retour-emploi'), row('baseline', 'plain-JS reference')]),
    '',
  ].join('\n');
}

function proxySection(r) {
  const t = r.throughput;
  const row = (name, label) => {
    const x = t[name];
    const errors = Object.values(x.errors).reduce((a, b) => a + b, 0);
    return [label, int(x.requestsPerSecond), us(x.p50_us), us(x.p90_us), us(x.p99_us), us(x.p999_us), us(x.max_us), int(errors), x.rounds.map(int).join(', ')];
  };
  const burst = r.burst;
  return [
    '## 4. Reference proxy',
    '',
    'Build: `cargo build --profile proxy -p retour-emploi-proxy`.',
    '',
    'The proxy of sections 2 to 4 runs in upstream mode (`--upstream --token-url … --api-base …`) against a fake',
    'France Travail (`bench/lib/fake-france-travail.mjs`, in the bench process: the OAuth2 client-credentials',
    'token endpoint and the rank endpoint in the real formats, counting calls), so its answers come from its own',
    'cache: each pair is asked twice before anything is timed and the second answer must say',
    '`x-retour-emploi-cache: hit`.',
    '',
    `Cached throughput. Method: \`wrk -t2 -c64 -d${r.plan.wrkSeconds}s --latency\` on loopback with \`bench/wrk/rotate-pairs.lua\`, which`,
    'rotates over the 10 cached pairs (nginx is checked to answer `HIT` with the proxy\'s bytes for each first).',
    'The reference is nginx (Debian) in front of the same proxy process, serving the same JSON',
    'from its `proxy_cache` (run as the current user from a temporary directory, on an ephemeral port; its config is\ncopied to `bench/work/nginx.conf`: `worker_processes auto`, access',
    `log off). Both run on the same ${r.machine.cores} cores as wrk. ${r.plan.wrkRounds} round(s) each, alternating, after a 2 s warm-up each; the`,
    'row is each server\'s median round (all rounds\' req/s in the last column).',
    '',
    table(['server', 'req/s', 'p50', 'p90', 'p99', 'p99.9', 'max', 'errors', 'rounds (req/s)'],
      [row('proxy', 'retour-emploi-proxy (its cache), default log level'), row('quiet', 'retour-emploi-proxy, RUST_LOG=warn'), row('nginx', 'nginx proxy_cache, access_log off')]),
    '',
    'By default the proxy logs one line per request (tower-http trace at INFO, to stderr, written to a file by',
    'the kernel here); the second row is the same binary and cache with `RUST_LOG=warn`, to show what that',
    'line costs. nginx runs with its access log off.',
    '',
    `Cold burst. Method: a new proxy in upstream mode (empty cache) and a new fake France Travail that answers`,
    `after ${burst.delayMs} ms. ${int(burst.concurrency)} identical requests for one pair`,
    `never asked before are opened at once (Node, one connection each; all were sent ${ms(burst.sentMs)} after the first).`,
    '',
    table(['measure', 'value'], [
      ['upstream rank calls', String(burst.upstreamRankCalls)],
      ['upstream token calls', String(burst.upstreamTokenCalls)],
      ['answers by status', Object.entries(burst.statuses).map(([s, n]) => `${s}: ${int(n)}`).join(', ')],
      ['distinct bodies among the 200s', String(burst.distinctBodies)],
      ['time until all answered', ms(burst.wallMs)],
    ]),
    '',
    'Resident memory: VmRSS and its peak VmHWM from `/proc/PID/status` of the proxy of sections 2 to 4 (upstream',
    'mode; it holds the full geography, every commune with its bassin, département and région, for the names):',
    '',
    table(['when', 'VmRSS', 'VmHWM'], [
      ['just started (/healthz answers)', MiB(r.memory.atStart.rssKb), MiB(r.memory.atStart.peakKb)],
      ['after the 10 answers are cached', MiB(r.memory.warm.rssKb), MiB(r.memory.warm.peakKb)],
      ['after the browser loads and the wrk rounds', MiB(r.memory.afterLoad.rssKb), MiB(r.memory.afterLoad.peakKb)],
    ]),
    '',
    'Start-up. Method: time from `spawn` of the proxy to the first 200 from `/healthz` (polled every',
    `millisecond), ${r.startup.demo.runs} runs per mode with nothing else running; VmRSS read at that moment.`,
    '',
    table(['mode', 'median', 'min', 'max', 'VmRSS at /healthz'], [
      ['upstream (`--upstream`, geography for the names)', ms(r.startup.upstream.median), ms(r.startup.upstream.min), ms(r.startup.upstream.max), MiB(r.startup.upstream.rssKb)],
      ['demo (`--demo`, geography and the synthetic dataset)', ms(r.startup.demo.median), ms(r.startup.demo.min), ms(r.startup.demo.max), MiB(r.startup.demo.rssKb)],
    ]),
    '',
  ].join('\n');
}

function machineSection(r) {
  const m = r.machine;
  return [
    '## Machine',
    '',
    table(['', ''], [
      ['CPU', `${m.cpu}, ${m.cores} cores`],
      ['RAM', `${m.ramGiB} GiB`],
      ['OS', `${m.os}, Linux ${m.kernel}`],
      ['load average (1, 5, 15 min) before / after', `${r.loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${r.loadAfter.map((l) => l.toFixed(2)).join(' ')}`],
      ['CPU used by other work during each step (share of all cores; the benchmark\'s own processes excluded, a lower bound)',
        r.steps.map((s) => `${s.name} (${s.seconds.toFixed(0)} s): ${(s.foreignShare * 100).toFixed(0)} %`).join('; ')],
      ['date', m.date],
      ['git commit', `${m.commit} (${m.branch})`],
      ['run time of bench/run.mjs', `${r.runSeconds.toFixed(0)} s`],
      ...Object.entries(m.versions).map(([tool, v]) => [tool, v]),
    ]),
    '',
  ].join('\n');
}

/** Writes the report (to `quickPath` instead when given) and returns the summary table. */
export function writeReport(r, path, quickPath) {
  const summary = summaryTable(r);
  const text = [
    '# Benchmarks',
    '',
    `Written by \`make bench\` (\`bench/run.mjs\`) on ${r.machine.date}, commit ${r.machine.commit}. Do not edit by hand;`,
    'how to run and read it: [docs/benchmarks.md](../docs/benchmarks.md).',
    r.quick ? '\n**Quick run (`--quick`): fewer rounds, not for comparison.**\n' : '',
    '"reference" is the plain-JavaScript widget of `bench/baseline/` for the widget rows, and nginx\'s',
    '`proxy_cache` for the proxy rows. Ratios are retour-emploi / reference.',
    '',
    summary,
    '',
    machineSection(r),
    sizeSection(r),
    badgeSection(r),
    manySection(r),
    proxySection(r),
  ].join('\n');
  writeFileSync(quickPath ?? path, text);
  return summary;
}
