#!/usr/bin/env node
// Gives the functions a wasm-bindgen module imports from its glue short names, in the .wasm and in the
// glue alike: `__wbg_createElement_8c9931a732ee2fea` becomes `c`. wasm-bindgen names every import after
// the JS function it calls plus a 16-digit hash, which the browser downloads twice (the .wasm's import
// section and the glue's import object) and which compresses badly: about 4.5 kB of the script-tag
// build, gzipped. binaryen's `--minify-imports` only renames Emscripten's `env` imports, hence this.
//
//   node scripts/shorten-imports.mjs WASM GLUE_JS      rewrites both files in place
//
// The glue is rewritten by exact name. Anything unexpected (an import the glue does not define exactly
// once, an import kind the binary format does not define) stops the build with a message rather than
// shipping a broken widget, and the result is compiled and its imports checked before it is written.
import { readFileSync, writeFileSync } from 'node:fs';
import { imports, withImports } from './lib/wasm-file.mjs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node scripts/shorten-imports.mjs WASM GLUE_JS');
  process.exit(2);
}
const fail = (message) => {
  console.error(`shorten-imports: ${message}`);
  process.exit(1);
};

// a … z, A … Z, then two letters, and so on: valid JS property names, as short as they can be.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
function shortName(index) {
  let text = '';
  do {
    text = LETTERS[index % LETTERS.length] + text;
    index = Math.floor(index / LETTERS.length) - 1;
  } while (index >= 0);
  return text;
}

const bytes = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
let entries;
try {
  entries = imports(bytes);
} catch (error) {
  fail(`${wasmPath}: ${error.message}`);
}

// Only the glue's functions: wasm-bindgen's own names start so; anything else is left as it is.
const renamed = new Map();
const shortened = entries.map((entry) => {
  if (entry.kind !== 0 || !/^__wbg_|^__wbindgen_/.test(entry.field)) return entry;
  if (!renamed.has(entry.field)) renamed.set(entry.field, shortName(renamed.size));
  return { ...entry, field: renamed.get(entry.field) };
});
if (renamed.size === 0) fail(`${wasmPath}: no wasm-bindgen import to rename (already shortened?)`);

// Each import is a key of the object the glue's `__wbg_get_imports()` builds: `name: function(…) {…}`.
for (const [long, short] of renamed) {
  const key = new RegExp(`\\b${long}(?=\\s*:)`, 'g');
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) fail(`${gluePath}: the import ${long} is defined ${found} times in the glue (expected once)`);
  glue = glue.replace(key, short);
}

const output = withImports(bytes, shortened);
try {
  const names = WebAssembly.Module.imports(new WebAssembly.Module(output)).map((i) => i.name);
  const expected = shortened.map((e) => e.field);
  if (names.join() !== expected.join()) fail('the rewritten module does not import what was written');
} catch (error) {
  fail(`the rewritten module does not compile: ${error.message}`);
}
writeFileSync(wasmPath, output);
writeFileSync(gluePath, glue);
console.log(`shorten-imports: ${renamed.size} imports renamed, ${bytes.length - output.length} bytes fewer in the .wasm`);
