// A "named twin" of the shipped .wasm: the same cargo output through the same wasm-bindgen and wasm-opt
// steps as `make widget`, with the name section kept (wasm-opt -g), so twiggy can say which function is
// which. The twin's code and data sections are compared with the shipped file's to show it is the same
// code.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { run } from './process.mjs';

const CARGO_WASM = 'target/wasm32-unknown-unknown/release/retour_emploi_widget.wasm';

/** The wasm-opt flags `make widget` uses, read from its dry run (`make -n`). */
function wasmOptFlags(root) {
  const dryRun = run('make', ['-n', '-B', 'widget'], { cwd: root });
  const line = dryRun.split('\n').find((l) => /(^|[\s/])wasm-opt\s/.test(l));
  if (!line) return undefined;
  const words = line.slice(line.search(/wasm-opt\s/) + 'wasm-opt'.length).trim().split(/\s+/);
  const flags = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '-o' || word === '--output') {
      i += 1;
    } else if (word.startsWith('-')) {
      flags.push(word);
    } else if (/^(&&|;|\|)/.test(word)) {
      break;
    }
  }
  return flags;
}

/** Builds the twin in `outDir`; returns {path, wasmOpt} or {reason} when it cannot. */
export function namedTwin(root, shippedWasm, outDir) {
  if (!existsSync(`${root}${CARGO_WASM}`)) return { reason: `${CARGO_WASM} not found` };
  const flags = wasmOptFlags(root);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', `${outDir}/bindgen`, `${root}${CARGO_WASM}`]);
  const bindgen = readdirSync(`${outDir}/bindgen`).find((f) => f.endsWith('.wasm'));
  const path = `${outDir}/named.wasm`;
  if (flags) {
    const withoutStrip = flags.filter((f) => !/^--strip/.test(f));
    run(`${root}node_modules/.bin/wasm-opt`, [...withoutStrip, '-g', `${outDir}/bindgen/${bindgen}`, '-o', path]);
    return { path, wasmOpt: [...withoutStrip, '-g'].join(' '), shipped: shippedWasm };
  }
  run('cp', [`${outDir}/bindgen/${bindgen}`, path]);
  return { path, wasmOpt: 'none (make widget runs no wasm-opt)', shipped: shippedWasm };
}
