// A "named twin" of the shipped .wasm: the cargo output `make widget` just packed, packed again by the
// same script (scripts/build-cdn --optimize) with BUILD_CDN_KEEP_NAMES=1, which only adds `-g` to
// wasm-opt so the name section survives. twiggy can then say which function is which; the report
// compares the twin's code and data sections with the shipped file's to show it is the same code.
import { existsSync, rmSync } from 'node:fs';
import { run } from './process.mjs';

const CARGO_WASM = 'target/wasm32-unknown-unknown/release/retour_emploi_widget.wasm';

/** Builds the twin under `outDir`; returns {path} or {reason} when it cannot. */
export function namedTwin(root, outDir) {
  if (!existsSync(`${root}${CARGO_WASM}`)) return { reason: `${CARGO_WASM} not found (run make widget)` };
  rmSync(outDir, { recursive: true, force: true });
  run(`${root}scripts/build-cdn`, [CARGO_WASM, `${outDir}/work`, `${outDir}/cdn`, '--optimize'], {
    cwd: root,
    env: { ...process.env, BUILD_CDN_KEEP_NAMES: '1' },
  });
  return { path: `${outDir}/cdn/retour-emploi_bg.wasm`, how: 'BUILD_CDN_KEEP_NAMES=1 scripts/build-cdn … --optimize (wasm-opt -Oz … -g)' };
}
