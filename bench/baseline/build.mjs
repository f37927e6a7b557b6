// Builds the plain-JavaScript reference widget the way a careful team would ship it: one ES module,
// bundled and minified by esbuild (the workspace's, which also minifies the widget's JS), with the
// widget's own stylesheet (www/widget.css, same markup) minified into the JS. The département and région names come from the table `core` is generated with
// (core/src/territories/generated.rs), so both widgets carry the same data.
//
//   node bench/baseline/build.mjs [OUT_DIR]      (default bench/work/baseline)
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const root = here('../../');

/** Reads the département and région tables out of core's generated Rust source. */
export function territoriesModule() {
  const rust = readFileSync(`${root}core/src/territories/generated.rs`, 'utf8');
  const str = '("(?:[^"\\\\]|\\\\.)*")';
  const departements = {};
  for (const m of rust.matchAll(new RegExp(`Departement\\s*\\{\\s*code:\\s*${str},\\s*nom:\\s*${str},\\s*region:\\s*${str}`, 'g'))) {
    departements[JSON.parse(m[1])] = [JSON.parse(m[2]), JSON.parse(m[3])];
  }
  const regions = {};
  for (const m of rust.matchAll(new RegExp(`Region\\s*\\{\\s*code:\\s*${str},\\s*nom:\\s*${str}`, 'g'))) {
    regions[JSON.parse(m[1])] = JSON.parse(m[2]);
  }
  if (Object.keys(departements).length < 100 || Object.keys(regions).length < 18) {
    throw new Error('core/src/territories/generated.rs: could not read the département and région tables');
  }
  return `const D = ${JSON.stringify(departements)};
const R = ${JSON.stringify(regions)};
export const FRANCE = { code: 'FR', nom: 'France' };
export const departement = (code) => (Object.hasOwn(D, code) ? { code, nom: D[code][0], region: D[code][1] } : undefined);
export const region = (code) => (Object.hasOwn(R, code) ? { code, nom: R[code] } : undefined);
`;
}

/** esbuild plugin: the territories module and minified CSS as text. */
export const baselinePlugin = {
  name: 'retour-emploi-baseline',
  setup(build) {
    build.onResolve({ filter: /\/territories\.js$/ }, () => ({ path: 'territories', namespace: 'core-table' }));
    build.onLoad({ filter: /.*/, namespace: 'core-table' }, () => ({ contents: territoriesModule(), loader: 'js' }));
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await esbuild.transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
};

/** Bundles `entry` (a file of src/) to `outfile`. */
export function bundle(entry, outfile, { minify = true } = {}) {
  return esbuild.build({
    entryPoints: [here(`src/${entry}`)],
    outfile,
    bundle: true,
    minify,
    format: 'esm',
    target: ['chrome111', 'firefox115', 'safari16.4'],
    legalComments: 'none',
    charset: 'utf8',
    plugins: [baselinePlugin],
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? `${root}bench/work/baseline`;
  mkdirSync(out, { recursive: true });
  await bundle('index.js', `${out}/retour-emploi.js`);
  console.log(`built ${out}/retour-emploi.js`);
}
