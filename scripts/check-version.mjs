#!/usr/bin/env node
// One version for everything we ship: the `[workspace.package] version` of Cargo.toml.
//
// Checks that every crate of the workspace inherits it (`version.workspace = true`), that the npm package
// template carries no version of its own (the build writes Cargo's), and, when `make dist` has run, that the
// built package and its tarball carry Cargo's version. Exits 1 with a message naming each mismatch.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot as root, tomlString } from './workspace-version.mjs';

const problems = [];

const workspaceManifest = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = tomlString(workspaceManifest, 'workspace.package', 'version');
if (!version) {
  console.error('check-version: Cargo.toml has no [workspace.package] version');
  process.exit(1);
}
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  problems.push(`Cargo.toml [workspace.package] version "${version}" is not semver (MAJOR.MINOR.PATCH[-pre])`);
}

// Every member crate inherits the workspace version.
const members = [...workspaceManifest.matchAll(/members\s*=\s*\[([^\]]*)\]/g)]
  .flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((s) => s[1]));
for (const manifest of ['Cargo.toml', ...members.map((member) => join(member, 'Cargo.toml'))]) {
  const text = readFileSync(join(root, manifest), 'utf8');
  const packageSection = text.split(/^\[/m).find((section) => section.startsWith('package]'));
  if (packageSection && !/^version\.workspace\s*=\s*true/m.test(packageSection)) {
    problems.push(`${manifest}: [package] must say \`version.workspace = true\` (one version for the project)`);
  }
}

const template = JSON.parse(readFileSync(join(root, 'www', 'npm', 'package.json'), 'utf8'));
if ('version' in template) {
  problems.push('www/npm/package.json must not carry a version: `make dist` writes the one from Cargo.toml');
}

const built = join(root, 'dist', 'npm', 'package', 'package.json');
if (existsSync(built)) {
  const pkg = JSON.parse(readFileSync(built, 'utf8'));
  if (pkg.version !== version) {
    problems.push(`dist/npm/package/package.json has version ${pkg.version}, Cargo.toml says ${version}: run \`make dist\``);
  }
  const tarballs = readdirSync(join(root, 'dist', 'npm')).filter((name) => name.endsWith('.tgz'));
  const expected = `${template.name}-${version}.tgz`;
  if (!tarballs.includes(expected)) {
    problems.push(`dist/npm has no ${expected} (found: ${tarballs.join(', ') || 'none'}): run \`make dist\``);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`check-version: ${problem}`);
  process.exit(1);
}
console.log(`check-version: ${template.name} ${version}, one version for the crates and the npm package`);
