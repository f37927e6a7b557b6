// Section 1: what a page downloads for one widget, and what the .wasm is made of.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { run } from './process.mjs';
import { dataSegments, sections } from '../../scripts/lib/wasm-file.mjs';

/** Raw, `gzip -9` and `brotli -q 11` sizes of one file (bytes), with the CLI tools a CDN setup uses. */
export function compressedSizes(path) {
  const size = (command) => Number(run('sh', ['-c', `${command} < "$1" | wc -c`, 'sh', path]).trim());
  return {
    file: basename(path),
    raw: statSync(path).size,
    gzip: size('gzip -9 -n -c'),
    brotli: size('brotli -q 11 -c'),
  };
}

/** Sizes of a set of files and their total. */
export function transferSizes(paths) {
  const files = paths.map(compressedSizes);
  const total = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of ['raw', 'gzip', 'brotli']) total[k] += f[k];
  return { files, total };
}

/**
 * Text inside the data section: how many bytes are readable text, and how many are Rust source paths
 * (panic locations, kept even with panic=abort), grouped by the crate they come from.
 */
export function dataStrings(path) {
  const bytes = readFileSync(path);
  const data = Buffer.concat(dataSegments(bytes).map((s) => bytes.subarray(s.start, s.start + s.length))).toString('latin1');
  const text = data.match(/[\x20-\x7e\xa0-\xff]{8,}/g) ?? [];
  const paths = data.match(/[\w./@+-]*?[\w-]+\.rs(?![a-z])/g) ?? [];
  const byCrate = new Map();
  for (const p of paths) {
    const crate = /([A-Za-z_][\w-]*?)-\d+\.\d+\.\d+[^/]*\/src\//.exec(p)?.[1]
      ?? (/\/rustc\/|(^|\/)library\/(core|alloc|std)\//.test(p) ? 'rust std library' : 'this workspace');
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + p.length);
  }
  return {
    dataBytes: data.length,
    textBytes: text.reduce((n, t) => n + t.length, 0),
    sourcePathBytes: paths.reduce((n, p) => n + p.length, 0),
    sourcePaths: paths.length,
    pathsByCrate: [...byCrate].sort((a, b) => b[1] - a[1]),
  };
}

/** The sections of a .wasm and their sizes (custom sections by name): what a name-less build holds. */
export function wasmSections(path) {
  return sections(readFileSync(path)).map(({ name, size }) => ({ name, size }));
}

// Kinds of code that cut across crates and that a size-conscious build can avoid, checked first.
const KINDS = [
  [/flt2dec|dec2flt|<f(32|64) as [^>]*(Display|Debug|FromStr|LowerExp|UpperExp)>|::float::|float_to_decimal/, 'float printing & parsing (core::fmt, core::num)'],
  [/as [\w:[\]]*fmt::Debug>|escape_debug|debug_(tuple|struct|list|map)|Debug(Struct|Tuple|List|Map|Set)/, 'Debug formatting (#[derive(Debug)], {:?})'],
  [/to_(lower|upper)case|unicode::|::conversions::|is_whitespace|::case_ignorable|::cased/, 'Unicode tables & case mapping'],
  [/panicking|panic_fmt|begin_panic|rust_panic|panic_bounds|panic_nounwind|::panic::|PanicPayload|PanicHookInfo/, 'panic machinery & messages'],
  [/^core::ptr::drop_in_place|^core\[[0-9a-f]+\]::ptr::drop_in_place/, 'drop glue (core::ptr::drop_in_place)'],
  [/externref shim|^__wbg|^__wbindgen|^__externref|\bwasm_bindgen::|multivalue shim/, 'wasm-bindgen'],
  [/^(memcpy|memmove|memset|memcmp|bcmp|__multi3|__udivti3|__divti3|__ashlti3|__lshrti3|compiler_builtins)/, 'compiler builtins (memcpy…)'],
  [/__rdl_|^__rust_|^__rg_|dlmalloc|\btalc::/, 'allocator (talc)'],
  [/^import /, 'imports (wasm-bindgen glue names)'],
];

// Which crate (or kind of item) a twiggy item belongs to.
export function ownerOf(name) {
  if (/^data(\[\d+\]| segment)/.test(name)) return 'data segments (strings, CSS, tables)';
  if (/subsection"?$|^custom section '[^']*'$/.test(name)) return 'custom sections (names, producers)';
  if (/^(table|elem|type|global|import|export|memory|code section|custom section|data section)\b/.test(name) && !name.includes('::')) {
    return 'wasm structure (types, imports, exports, tables, headers)';
  }
  for (const [pattern, kind] of KINDS) if (pattern.test(name)) return kind;
  const clean = name.replace(/\[[0-9a-f]{16}\]/g, '');
  // `<Type as Trait>::method`: the type's crate, unless the type is a primitive (then the trait's).
  const impl = /^<&?(?:mut |dyn )?([^<>]*?(?:<.*?>)?) as ([\w:]+)/.exec(clean);
  let path = impl ? impl[1] : clean.replace(/^<+&?(?:mut |dyn )?/, '');
  if (impl && !path.includes('::')) path = impl[2];
  const crate = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(path)?.[1];
  if (!crate) {
    if (/^<(str|char|\[|u8|u16|u32|u64|usize|i\d+|f\d+)/.test(clean)) return 'core & alloc (str, char, slices, numbers)';
    return /^code\[\d+\]$/.test(name) ? 'unnamed functions' : 'other';
  }
  if (crate === 'wasm_bindgen') return 'wasm-bindgen';
  if (['core', 'alloc', 'std'].includes(crate)) return /::fmt::/.test(path) ? 'core::fmt (formatting machinery)' : `${crate}`;
  return crate;
}

/**
 * The functions that keep the most bytes alive (twiggy's dominator tree, flattened): removing one removes
 * everything it alone retains. The function table and the export roots, which retain nearly everything,
 * are left out.
 */
function retainers(namedWasm, total, count) {
  const tree = JSON.parse(run('twiggy', ['dominators', '-f', 'json', '-d', '8', namedWasm]));
  const best = new Map();
  const walk = (node) => {
    if (!/^(<meta root>|table\[|elem\[)|subsection"?$/.test(node.name)) {
      best.set(node.name, Math.max(best.get(node.name) ?? 0, node.retained_size));
    }
    for (const child of node.children ?? []) walk(child);
  };
  for (const item of tree.items) walk(item);
  return [...best].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([name, size]) => ({ name, size, share: size / total }));
}

/**
 * twiggy on a .wasm that still has its name section: the top items, the dominator tree, and the bytes
 * grouped by crate. `namedWasm` must be built exactly like the shipped file, names kept.
 */
export function wasmBreakdown(namedWasm, { top = 20 } = {}) {
  const items = JSON.parse(run('twiggy', ['top', '-f', 'json', namedWasm]));
  const named = items.filter((item) => !/subsection"?$/.test(item.name));
  const total = named.reduce((sum, item) => sum + item.shallow_size, 0);
  const byOwner = new Map();
  for (const item of named) {
    const owner = ownerOf(item.name);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + item.shallow_size);
  }
  const owners = [...byOwner].map(([owner, size]) => ({ owner, size, share: size / total })).sort((a, b) => b.size - a.size);
  return {
    total,
    owners,
    top: named.slice(0, top).map((item) => ({ name: item.name, size: item.shallow_size, share: item.shallow_size / total })),
    retainers: retainers(namedWasm, total, top),
    garbage: run('twiggy', ['garbage', '-n', '10', namedWasm]),
  };
}
