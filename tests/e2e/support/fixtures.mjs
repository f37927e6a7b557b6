// Building the bundler fixtures (tests/fixtures/*-app) against the packed npm tarball.
//
// Each fixture is copied to target/e2e/<name>; its pinned dev tools are installed with `npm ci` from the
// committed lockfile (only when the lockfile changed: the install is kept between runs), then the tarball
// of dist/npm is installed with `npm install --no-save`, and the fixture's `npm run build` runs.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { fixturesDir, npmDir, workDir } from './paths.mjs';

const run = promisify(execFile);

/** The tarball `make dist` packed (exactly one). */
export function packedTarball() {
  const tarballs = existsSync(npmDir) ? readdirSync(npmDir).filter((name) => name.endsWith('.tgz')) : [];
  if (tarballs.length !== 1) {
    throw new Error(`expected one tarball in dist/npm, found ${tarballs.length}: run \`make dist\``);
  }
  return join(npmDir, tarballs[0]);
}

async function npm(args, cwd) {
  try {
    return await run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
  }
}

/** Copies, installs and builds a fixture; returns its folder under target/e2e. */
export async function buildFixture(name) {
  const source = join(fixturesDir, name);
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (entry !== 'node_modules') rmSync(join(dir, entry), { recursive: true, force: true });
  }
  for (const entry of readdirSync(source)) {
    if (entry !== 'node_modules' && entry !== 'dist') cpSync(join(source, entry), join(dir, entry), { recursive: true });
  }
  const installed = join(dir, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(join(dir, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs
      || !sameTools(dir)) {
    await npm(['ci', '--prefer-offline'], dir);
  }
  await npm(['install', '--no-save', '--prefer-offline', packedTarball()], dir);
  await npm(['run', 'build'], dir);
  return dir;
}

/** Whether node_modules holds the versions the fixture's package.json pins (a copy may be stale). */
function sameTools(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return Object.entries(manifest.devDependencies ?? {}).every(([pkg, version]) => {
    const installed = join(dir, 'node_modules', pkg, 'package.json');
    return existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === version;
  });
}
