#!/usr/bin/env node
// Writes a `.br` (brotli quality 11) and a `.gz` (gzip -9) sibling next to every text and Wasm file of a
// built site, as a CDN or `nginx gzip_static` setup expects; the proxy's `--assets` serves them as they
// are instead of compressing on every request.
//
//   node scripts/precompress.mjs DIR...
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|txt|csv)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node scripts/precompress.mjs DIR...');
  process.exit(2);
}
for (const dir of dirs) {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`precompress: ${dir}: no such directory`);
    process.exit(1);
  }
  let count = 0;
  for (const path of files(dir)) {
    const data = readFileSync(path);
    const variants = {
      br: brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }),
      gz: gzipSync(data, { level: 9 }),
    };
    for (const [ext, compressed] of Object.entries(variants)) {
      // A sibling that is not smaller would only cost the visitor a decompression.
      if (compressed.length < data.length) writeFileSync(`${path}.${ext}`, compressed);
    }
    count += 1;
  }
  console.log(`precompress: ${count} files of ${dir} have .br and .gz siblings`);
}
