// Where things are in the repository, for the end-to-end tests.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const examplesDir = join(repoRoot, 'www', 'examples');
export const cdnDir = join(repoRoot, 'dist', 'cdn');
/** The script-tag build with the `test-panic` feature (never shipped), from `make widget-test-build`. */
export const cdnTestBuildDir = join(repoRoot, 'target', 'cdn-test');
export const npmDir = join(repoRoot, 'dist', 'npm');
/** The unpacked npm package, as `npm pack` packs it. */
export const npmPackageDir = join(npmDir, 'package');
export const fixturesDir = join(repoRoot, 'tests', 'fixtures');
export const artifactsDir = join(repoRoot, 'tests', 'e2e', 'artifacts');
export const screenshotsDir = join(repoRoot, 'tests', 'e2e', 'screenshots');
/** Scratch space for builds made by the tests (bundler fixtures), inside the gitignored target/. */
export const workDir = join(repoRoot, 'target', 'e2e');
