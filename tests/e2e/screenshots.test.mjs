// Each variant × theme × language looks as its committed reference (tests/e2e/screenshots/), within a small
// tolerance; `UPDATE_SCREENSHOTS=1 make test-e2e` rewrites the references. Every screenshot is also saved
// under tests/e2e/artifacts/screenshots/. The data is a static JSON file: the pictures never depend on the
// demo dataset.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { comparePngs, MAX_DIFFERENT_SHARE, matchReference, saveArtifact } from './support/images.mjs';
import { useWorld } from './support/suite.mjs';
import { problems } from './support/widget.mjs';

const suite = useWorld();
const VARIANTS = ['full', 'compact', 'badge'];

async function openGallery(colorScheme) {
  const session = await suite.open('/gallery.html', { colorScheme, viewport: { width: 960, height: 1200 } });
  await session.page.waitForFunction(() => {
    const hosts = [...document.querySelectorAll('retour-emploi')];
    return hosts.length === 15 && hosts.every((host) => host.getAttribute('data-state') === 'ready');
  }, null, { timeout: 20_000 });
  await session.page.evaluate(() => document.fonts.ready);
  return session;
}

test('each variant, theme and language matches its reference screenshot', async () => {
  const session = await openGallery('light');
  const mismatches = [];
  for (const theme of ['light', 'dark']) {
    for (const lang of ['fr', 'en']) {
      for (const variant of VARIANTS) {
        const id = `g-${variant}-${theme}-${lang}`;
        const shot = await session.page.locator(`#${id}`).screenshot({ animations: 'disabled', caret: 'hide' });
        const mismatch = matchReference(`${variant}-${theme}-${lang}.png`, shot);
        if (mismatch) mismatches.push(mismatch);
      }
    }
  }
  assert.deepEqual(mismatches, []);
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});

test('theme auto looks like light under a light colour scheme and like dark under a dark one', async () => {
  for (const scheme of ['light', 'dark']) {
    const session = await openGallery(scheme);
    for (const variant of VARIANTS) {
      const auto = await session.page.locator(`#g-${variant}-auto-fr`).screenshot({ animations: 'disabled' });
      const explicit = await session.page.locator(`#g-${variant}-${scheme}-fr`).screenshot({ animations: 'disabled' });
      saveArtifact(`screenshots/auto/${variant}-auto-under-${scheme}.png`, auto);
      const result = comparePngs(auto, explicit);
      assert.ok(result.sameSize, `${variant}: same size`);
      assert.ok(result.share <= MAX_DIFFERENT_SHARE, `${variant} auto under ${scheme}: ${result.differentPixels} pixels differ from theme=${scheme}`);
    }
  }
});
