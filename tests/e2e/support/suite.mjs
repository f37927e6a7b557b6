// Shared set-up of a test file: the servers (world.mjs) and one Chromium, started once per file, reset
// between tests; pages opened through `open()` are closed after each test.
import { after, afterEach, before, beforeEach } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { launchBrowser, openPage } from './browser.mjs';
import { startWorld } from './world.mjs';

export function useWorld() {
  const state = { world: null, browser: null, sessions: [] };
  before(async () => {
    state.world = await startWorld();
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.world?.close();
  });
  beforeEach(() => state.world.reset());
  afterEach(async () => {
    await Promise.all(state.sessions.map((session) => session.close()));
    state.sessions.length = 0;
  });
  return {
    get world() { return state.world; },
    get browser() { return state.browser; },
    /** Opens a page of the site (`path` like `/basic.html`) and records what happens on it. */
    async open(path, options) {
      const session = await openPage(state.browser, `${state.world.site.origin}${path}`, options);
      state.sessions.push(session);
      return session;
    },
  };
}

/** Polls a condition of the test process (server-side counters), bounded in count. */
export async function until(condition, { what = 'condition', attempts = 200, intervalMs = 50 } = {}) {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return;
    await sleep(intervalMs);
  }
  throw new Error(`gave up waiting for ${what}`);
}
