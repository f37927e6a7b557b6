#!/usr/bin/env node
// Assembles the npm package `retour-emploi-widget` in dist/npm/package and packs it into
// dist/npm/retour-emploi-widget-<version>.tgz.
//
//   node scripts/build-npm-package.mjs <wasm-pack output dir>
//
// Inputs: the wasm-pack `--target web` output (the wasm-bindgen glue, the optimised .wasm, its snippets),
// the package files in www/npm (package.json without a version, the entry module, the types, the README)
// and the widget's shared JavaScript from www/ that the entry imports. The version is Cargo's.
// Before packing, every relative import of every module in the package must resolve inside the package,
// and every file the `exports` map names must exist: a package that would fail in a bundler is not packed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { repoRoot, workspaceVersion } from './workspace-version.mjs';

const wasmPackOut = process.argv[2];
if (!wasmPackOut || !existsSync(wasmPackOut)) {
  console.error('usage: build-npm-package.mjs <wasm-pack output dir> (run by `make dist`)');
  process.exit(2);
}

const BINDGEN_NAME = 'retour_emploi_widget';
/** Modules of www/ shared with the CDN build (the entry imports them). */
const SHARED_MODULES = JSON.parse(readFileSync(join(repoRoot, 'www', 'npm', 'shared-modules.json'), 'utf8')).modules;

const npmDir = join(repoRoot, 'dist', 'npm');
const packageDir = join(npmDir, 'package');
rmSync(npmDir, { recursive: true, force: true });
mkdirSync(packageDir, { recursive: true });

// The wasm-bindgen glue and the .wasm; wasm-bindgen's own declaration files are replaced by index.d.ts.
for (const name of [`${BINDGEN_NAME}.js`, `${BINDGEN_NAME}_bg.wasm`]) {
  cpSync(join(wasmPackOut, name), join(packageDir, name));
}
if (existsSync(join(wasmPackOut, 'snippets'))) {
  cpSync(join(wasmPackOut, 'snippets'), join(packageDir, 'snippets'), { recursive: true });
}
for (const name of ['index.js', 'index.d.ts', 'README.md']) {
  cpSync(join(repoRoot, 'www', 'npm', name), join(packageDir, name));
}
for (const module of SHARED_MODULES) {
  cpSync(join(repoRoot, 'www', module), join(packageDir, module));
}
if (existsSync(join(repoRoot, 'LICENSE'))) cpSync(join(repoRoot, 'LICENSE'), join(packageDir, 'LICENSE'));

const template = JSON.parse(readFileSync(join(repoRoot, 'www', 'npm', 'package.json'), 'utf8'));
const version = workspaceVersion();
const { name, ...rest } = template;
writeFileSync(join(packageDir, 'package.json'), `${JSON.stringify({ name, version, ...rest }, null, 2)}\n`);

checkPackage(packageDir, template);

execFileSync('npm', ['pack', '--pack-destination', npmDir, '--loglevel=error'], { cwd: packageDir, stdio: ['ignore', 'ignore', 'inherit'] });
const tarball = join(npmDir, `${name}-${version}.tgz`);
if (!existsSync(tarball)) {
  console.error(`build-npm-package: npm pack did not produce ${relative(repoRoot, tarball)}`);
  process.exit(1);
}
console.log(`build-npm-package: ${relative(repoRoot, tarball)} (${statSync(tarball).size} bytes)`);

/** Fails the build when a relative import or an export target does not exist in the package. */
function checkPackage(dir, manifest) {
  const problems = [];
  const modules = walk(dir).filter((file) => file.endsWith('.js'));
  for (const file of modules) {
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/\bimport\s+(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/g),
      ...source.matchAll(/\bexport\s+[^'"]*?\sfrom\s+['"](\.[^'"]+)['"]/g),
      ...source.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
      ...source.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g),
    ].map((match) => match[1]);
    for (const specifier of specifiers) {
      if (!existsSync(join(dirname(file), specifier))) {
        problems.push(`${relative(dir, file)} refers to ${specifier}, which is not in the package`);
      }
    }
  }
  const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of [...targets, manifest.main, manifest.types]) {
    if (!existsSync(join(dir, target))) problems.push(`package.json names ${target}, which is not in the package`);
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`build-npm-package: ${problem}`);
    process.exit(1);
  }
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}
