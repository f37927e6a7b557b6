// The npm package as `make dist` packs it: manifest, contents, version and types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';

import { workspaceVersion } from '../../scripts/workspace-version.mjs';
import { packedTarball } from './support/fixtures.mjs';
import { npmPackageDir } from './support/paths.mjs';

const manifest = JSON.parse(readFileSync(join(npmPackageDir, 'package.json'), 'utf8'));

test('the package carries the crate version and is named after it', () => {
  assert.equal(manifest.name, 'retour-emploi-widget');
  assert.equal(manifest.version, workspaceVersion());
  assert.equal(basename(packedTarball()), `retour-emploi-widget-${workspaceVersion()}.tgz`);
});

test('the package is an ES module with an exports map that gives the types first', () => {
  assert.equal(manifest.type, 'module');
  const root = manifest.exports['.'];
  assert.deepEqual(Object.keys(root), ['types', 'default'], 'types must come first for TypeScript');
  assert.equal(root.types, './index.d.ts');
  assert.equal(root.default, './index.js');
});

test('the tarball holds the entry, the glue, the .wasm, the types, the README, and nothing else', (t) => {
  const tarball = packedTarball();
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n')
    .map((path) => path.replace(/^package\//, '')).sort();
  for (const required of ['package.json', 'README.md', 'index.js', 'index.d.ts', 'retour_emploi_widget.js', 'retour_emploi_widget_bg.wasm']) {
    assert.ok(files.includes(required), `${required} is in the tarball (${files.join(', ')})`);
  }
  const unexpected = files.filter((path) => !/^(package\.json|README\.md|LICENSE|[\w-]+\.(js|d\.ts)|retour_emploi_widget_bg\.wasm|snippets\/.+\.js)$/.test(path));
  assert.deepEqual(unexpected, [], 'no stray file in the package');

  const wasm = readFileSync(join(npmPackageDir, 'retour_emploi_widget_bg.wasm'));
  const js = files.filter((path) => path.endsWith('.js')).map((path) => readFileSync(join(npmPackageDir, path)));
  const gzip = gzipSync(Buffer.concat([wasm, ...js]), { level: 9 }).length;
  t.diagnostic(`tarball ${statSync(tarball).size} B; .wasm ${wasm.length} B; JS + .wasm gzip ${gzip} B`);
});

test('the README tells npm users how to install, define, mount, and set up Vite and webpack', () => {
  const readme = readFileSync(join(npmPackageDir, 'README.md'), 'utf8');
  for (const needle of ['npm install retour-emploi-widget', 'define()', 'mount(', 'Vite', 'webpack', 'Content-Security-Policy', 'retour-emploi:state']) {
    assert.ok(readme.includes(needle), `the README mentions ${needle}`);
  }
});

test('the types declare define, mount, the options, the element and the state event', () => {
  const types = readFileSync(join(npmPackageDir, 'index.d.ts'), 'utf8');
  for (const needle of ['export function define', 'export function mount', 'export interface MountOptions',
    'RetourEmploiElement', 'RetourEmploiStateDetail', "'retour-emploi': RetourEmploiElement", "'retour-emploi:state'"]) {
    assert.ok(types.includes(needle), `index.d.ts declares ${needle}`);
  }
});
