// Fairness gate run by `make bench` before measuring: the reference widget must read every shared case
// of tests/cases/upstream-responses.json the way the contract says, or comparing against it means nothing.
// Exits non-zero, naming the case, when it does not.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from './build.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(`${tmpdir()}/baseline-check-`);
try {
  await bundle('check-entry.js', `${dir}/check.mjs`, { minify: false });
  const { decodeResponse, completeGeography, problemMessage, classShort, band, percent } = await import(pathToFileURL(`${dir}/check.mjs`));
  const { cases } = JSON.parse(readFileSync(`${root}tests/cases/upstream-responses.json`, 'utf8'));
  const failures = [];
  for (const c of cases) {
    const answer = decodeResponse(c.status, c.content_type, c.body);
    const { expect } = c;
    let state = 'error';
    let levels;
    let badge;
    if (answer.ranking) {
      const ranking = completeGeography(answer.ranking, '69123');
      state = ranking.headline ? 'ready' : 'not-covered';
      levels = ranking.levels.map((l) => l.figure?.quintile ?? '-');
      badge = ranking.headline && [ranking.headline.level, ranking.headline.figure.quintile];
    }
    const wrong = [];
    if (state !== expect.state) wrong.push(`state ${state}, expected ${expect.state}`);
    if (expect.levels && JSON.stringify(levels) !== JSON.stringify(expect.levels)) {
      wrong.push(`levels ${JSON.stringify(levels)}, expected ${JSON.stringify(expect.levels)}`);
    }
    if (expect.badge_level && JSON.stringify(badge) !== JSON.stringify([expect.badge_level, expect.badge_quintile])) {
      wrong.push(`badge ${JSON.stringify(badge)}`);
    }
    if (expect.says && !answer.problem) wrong.push('no problem reported');
    if (answer.problem) problemMessage(answer.problem, 'fr');
    if (wrong.length) failures.push(`${c.name}: ${wrong.join('; ')}`);
  }
  const typography = [
    [classShort(4, 'fr'), '4 / 5 · Élevé'],
    [band(4, 'fr'), 'entre 60\u202F% et 68\u202F%'],
    [band(1, 'fr'), 'moins de 43\u202F%'],
    [band(5, 'en'), '68% or more'],
    [percent(0.635, 'fr'), '63,5\u202F%'],
  ];
  for (const [got, want] of typography) if (got !== want) failures.push(`text ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  if (failures.length) {
    console.error(`bench/baseline does not follow the contract:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`baseline: ${cases.length} shared cases and French typography read as the contract says`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
