// Hostile host CSS cannot change the widget, and the widget's styles never reach the host page
// (host-pages.md case 6).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { comparePngs, MAX_DIFFERENT_SHARE, saveArtifact } from './support/images.mjs';
import { useWorld } from './support/suite.mjs';
import { problems, waitForState } from './support/widget.mjs';

const suite = useWorld();

test('hostile global CSS does not change how the widget looks', async () => {
  const session = await suite.open('/hostile-css.html');
  await waitForState(session.page, '#element', 'ready');
  await waitForState(session.page, '#snippet', 'ready');
  const element = session.page.locator('#element');
  const hostile = await element.screenshot({ animations: 'disabled' });
  await session.page.evaluate(() => { document.getElementById('hostile').disabled = true; });
  const clean = await element.screenshot({ animations: 'disabled' });
  saveArtifact('host-css/with-hostile-css.png', hostile);
  saveArtifact('host-css/without-hostile-css.png', clean);
  const result = comparePngs(hostile, clean);
  assert.ok(result.sameSize, `same size with and without the hostile CSS (${result.width}×${result.height} vs ${result.expectedSize})`);
  if (result.share > MAX_DIFFERENT_SHARE) saveArtifact('host-css/diff.png', result.diff);
  assert.ok(result.share <= MAX_DIFFERENT_SHARE, `${result.differentPixels} pixels differ (see tests/e2e/artifacts/host-css/)`);
  assert.deepEqual(problems(session), { pageErrors: [], consoleErrors: [] });
});

test("the widget's styles never reach the host page", async () => {
  const probes = ['#probe-text', '#probe-span', '#probe-button', 'body', 'h1'];
  // Sizes depend on the content around (the widget's own box); every other property is compared.
  const layoutDependent = /^(width|height|block-size|inline-size|min-block-size|min-inline-size|perspective-origin|transform-origin)$/;
  const styleOf = (page) => page.evaluate(([selectors, skip]) => selectors.map((selector) => {
    const style = getComputedStyle(document.querySelector(selector));
    const names = [...style].filter((name) => !new RegExp(skip).test(name));
    return [selector, Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]))];
  }), [probes, layoutDependent.source]);

  const withWidget = await suite.open('/hostile-css.html');
  await waitForState(withWidget.page, '#element', 'ready');
  const stylesWith = await styleOf(withWidget.page);
  const documentSheets = await withWidget.page.evaluate(() => ({
    adopted: document.adoptedStyleSheets.length,
    styleElements: document.querySelectorAll('style').length,
    links: document.querySelectorAll('link[rel=stylesheet]').length,
  }));
  assert.deepEqual(documentSheets, { adopted: 0, styleElements: 0, links: 2 }, 'the widget adds no stylesheet to the document');

  const withoutWidget = await suite.open('/hostile-css.html', {
    beforeGoto: (page) => page.route('**/retour-emploi.js', (route) => route.abort()),
  });
  const stylesWithout = await styleOf(withoutWidget.page);
  assert.deepEqual(stylesWith, stylesWithout, 'every computed style of the host page is the same with and without the widget');
});
