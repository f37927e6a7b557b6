// The largest parts of the .wasm a size-conscious build can avoid, measured on this build, with where
// they come from in the source and what would remove them. Data-driven: every number is read from the
// shipped file, the twiggy breakdown or the source tree of this commit.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { dataSegments } from '../../scripts/lib/wasm-file.mjs';

// Byte signatures of tables from Rust's core library, found in the data section.
const TABLES = [
  ['float parsing table (core::num::dec2flt POWER_OF_FIVE_128)', '5ad63b92d653f4ee'],
  ['float printing table (core::num::flt2dec Grisu CACHED_POW10)', 'df451a3d03cf1ae6'],
  ['Unicode case table (core::unicode::conversions LOWERCASE_TABLE)', 'c0000000e0000000'],
];

/** Which data segment holds each known table (a segment may hold several; each is named once). */
function tableSegments(path) {
  const bytes = readFileSync(path);
  const segments = dataSegments(bytes);
  const found = new Map();
  for (const [label, hex] of TABLES) {
    const offset = bytes.indexOf(Buffer.from(hex, 'hex'));
    const segment = segments.find((s) => offset >= s.start && offset < s.start + s.length);
    if (!segment) continue;
    const entry = found.get(segment.index) ?? { segment: segment.index, bytes: segment.length, tables: [] };
    entry.tables.push(label);
    found.set(segment.index, entry);
  }
  return [...found.values()];
}

/** Non-test lines of the Rust sources under `dirs` that match `pattern`: `path:line`. */
function callSites(root, dirs, pattern) {
  const sites = [];
  const walk = (dir) => {
    for (const name of readdirSync(`${root}${dir}`)) {
      const path = `${dir}/${name}`;
      if (statSync(`${root}${path}`).isDirectory()) walk(path);
      else if (name.endsWith('.rs')) {
        const lines = readFileSync(`${root}${path}`, 'utf8').split('\n');
        for (let i = 0; i < lines.length; i++) {
          if (/^\s*#\[cfg\(test\)\]/.test(lines[i])) break; // test modules close the file by convention
          if (pattern.test(lines[i]) && !/^\s*\/\//.test(lines[i])) sites.push(`${path}:${i + 1}`);
        }
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return sites;
}

/** The avoidable parts: [{part, bytes, where, remedy}], largest first. */
export async function avoidableParts(root, shippedWasm, breakdown, strings) {
  const owner = (name) => breakdown.owners.find((o) => o.owner === name)?.size ?? 0;
  const tables = tableSegments(shippedWasm);
  const tableBytes = (word) => tables.filter((t) => t.tables.some((l) => l.includes(word))).reduce((n, t) => n + t.bytes, 0);
  const sources = ['core/src', 'src'];
  const parts = [];

  const floatSites = [
    ...callSites(root, sources, /parse::<f(32|64)>|\.parse::<f64>/),
    ...callSites(root, sources, /format!\("\{v\}"\)|format!\("\{\}", n\.value\)/),
  ];
  parts.push({
    part: 'Float printing and parsing (core::fmt float formatting, core::num dec2flt, their tables)',
    bytes: owner('float printing & parsing (core::fmt, core::num)') + tableBytes('float'),
    where: floatSites.join(', ') || 'no direct call site found in core/src or src (look for `{}` of an f64)',
    remedy: 'Never format an f64 with `{}`/`{:?}` in shipped code (keep the text the source sent in error values); parse the few decimal strings with the JSON parser already linked (serde_json) or, in the widget, js_sys (`parseFloat`), so core::num::dec2flt and flt2dec leave the binary.',
  });
  parts.push({
    part: 'Unicode case mapping (str::to_lowercase and its table)',
    bytes: owner('Unicode tables & case mapping') + tableBytes('Unicode'),
    where: callSites(root, sources, /to_(lower|upper)case\(\)/).join(', '),
    remedy: 'The strings lowered are ASCII keywords or our own labels: `to_ascii_lowercase`/`eq_ignore_ascii_case` (plus the two accented level names matched literally), and the lower-case class labels as constants.',
  });
  parts.push({
    part: 'Debug formatting (`{:?}`, derived Debug reached from shipped code)',
    bytes: owner('Debug formatting (#[derive(Debug)], {:?})'),
    where: callSites(root, sources, /:\?\}/).join(', '),
    remedy: 'Write those messages with Display or a `match` to `&str` (the refusal kind already has names).',
  });
  parts.push({
    part: 'Panic machinery, messages and Rust source paths (panic locations)',
    bytes: owner('panic machinery & messages') + strings.sourcePathBytes,
    where: `${strings.sourcePaths} source paths in the data section (${strings.pathsByCrate.slice(0, 4).map(([c, n]) => `${c} ${n}`).join(', ')})`,
    remedy: 'Fewer panicking paths in our code (no `unwrap`/indexing where a `get` does); the rest (std, yew) needs nightly `-Zlocation-detail=none` / `panic_immediate_abort`, so it stays on stable.',
  });
  const serdeWasmBindgen = owner('serde_wasm_bindgen');
  if (serdeWasmBindgen) {
    parts.push({
      part: 'serde-wasm-bindgen (event detail and mount() options)',
      bytes: serdeWasmBindgen,
      where: callSites(root, ['src'], /serde_wasm_bindgen/).join(', '),
      remedy: 'Build the event detail with js_sys::Object/Reflect and read the few mount() options with Reflect::get; the crate and its serde glue go.',
    });
  }
  const css = readFileSync(`${root}www/widget.css`, 'utf8');
  const minified = (await esbuild.transform(css, { loader: 'css', minify: true })).code;
  // Only when the stylesheet ships as written: its first comment is then in the .wasm. (src/styles.rs
  // compacts it at compile time; what a full minifier would still remove is then a few hundred bytes.)
  const firstComment = /\/\*[\s\S]*?\*\//.exec(css)?.[0] ?? '';
  const shipsAsWritten = firstComment !== '' && readFileSync(shippedWasm).includes(Buffer.from(firstComment));
  if (shipsAsWritten) parts.push({
    part: 'Stylesheet comments and whitespace (www/widget.css is embedded as written)',
    bytes: Buffer.byteLength(css) - Buffer.byteLength(minified),
    where: `src/styles.rs include_str!("../www/widget.css"): ${Buffer.byteLength(css)} bytes, ${gzipSync(css, { level: 9 }).length} gzip; minified ${Buffer.byteLength(minified)}, ${gzipSync(minified, { level: 9 }).length} gzip`,
    remedy: 'Minify the CSS at build time (esbuild --loader=css --minify, already a dev dependency) into OUT_DIR from a build.rs, or commit the minified file next to the source.',
  });
  return parts.filter((p) => p.bytes > 0).sort((a, b) => b.bytes - a.bytes);
}
