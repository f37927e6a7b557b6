// Comparing screenshots: pixelmatch over PNGs, with the images and a diff saved as test artefacts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

import { artifactsDir, screenshotsDir } from './paths.mjs';

/** Per-pixel colour threshold (pixelmatch's, 0..1) and the share of pixels allowed to differ. */
export const PIXEL_THRESHOLD = 0.1;
export const MAX_DIFFERENT_SHARE = 0.002;

/**
 * Compares two PNG buffers. Returns { sameSize, width, height, differentPixels, share, diff (PNG buffer) }.
 */
export function comparePngs(actualBuffer, expectedBuffer) {
  const actual = PNG.sync.read(actualBuffer);
  const expected = PNG.sync.read(expectedBuffer);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return { sameSize: false, width: actual.width, height: actual.height,
      expectedSize: `${expected.width}×${expected.height}`, differentPixels: Infinity, share: 1, diff: null };
  }
  const { width, height } = actual;
  const diff = new PNG({ width, height });
  const differentPixels = pixelmatch(actual.data, expected.data, diff.data, width, height, { threshold: PIXEL_THRESHOLD });
  return { sameSize: true, width, height, differentPixels, share: differentPixels / (width * height),
    diff: PNG.sync.write(diff) };
}

export function saveArtifact(name, buffer) {
  const path = join(artifactsDir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, buffer);
  return path;
}

/**
 * Compares a screenshot with its committed reference in tests/e2e/screenshots/<name>. The screenshot is
 * always saved under tests/e2e/artifacts/; with UPDATE_SCREENSHOTS=1 it becomes the new reference.
 * Returns a message describing the mismatch, or null when it matches.
 */
export function matchReference(name, buffer) {
  saveArtifact(`screenshots/${name}`, buffer);
  const reference = join(screenshotsDir, name);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(dirname(reference), { recursive: true });
    writeFileSync(reference, buffer);
    return null;
  }
  if (!existsSync(reference)) {
    return `no reference ${reference}: run UPDATE_SCREENSHOTS=1 make test-e2e, look at the images, commit them`;
  }
  const result = comparePngs(buffer, readFileSync(reference));
  if (!result.sameSize) {
    return `${name}: ${result.width}×${result.height}, the reference is ${result.expectedSize}`;
  }
  if (result.share > MAX_DIFFERENT_SHARE) {
    const diffPath = saveArtifact(`screenshots/${name.replace(/\.png$/, '.diff.png')}`, result.diff);
    return `${name}: ${result.differentPixels} pixels differ (${(result.share * 100).toFixed(2)} %, at most ${MAX_DIFFERENT_SHARE * 100} %); diff in ${diffPath}`;
  }
  return null;
}
