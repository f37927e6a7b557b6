// Debian's Chromium driven by playwright-core, set up for deterministic pages: fixed viewport and scale,
// no animations, fixed locale and time zone, and every console message, page error and request recorded.
import { chromium } from 'playwright-core';

import { instrumentation } from './widget.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  // Same pixels on every run: no font hinting differences, one colour profile.
  '--font-render-hinting=none',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, ignoreDefaultArgs: ['--headless'] });
}

/**
 * Opens a page in a fresh context and records what happens on it.
 * @returns {Promise<{ page, context, consoleMessages, pageErrors, requests, failedRequests, close }>}
 */
export async function openPage(browser, url, { colorScheme = 'light', viewport = { width: 960, height: 900 },
  beforeGoto, waitUntil = 'load' } = {}) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    colorScheme,
    reducedMotion: 'reduce',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  const consoleMessages = [];
  const pageErrors = [];
  const requests = [];
  const failedRequests = [];
  page.on('console', (message) => consoleMessages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('request', (request) => requests.push(request));
  page.on('requestfailed', (request) => failedRequests.push({ url: request.url(), error: request.failure()?.errorText }));
  await page.addInitScript(instrumentation);
  if (beforeGoto) await beforeGoto(page);
  await page.goto(url, { waitUntil });
  return {
    page,
    context,
    consoleMessages,
    pageErrors,
    requests,
    failedRequests,
    /** Requests whose URL contains `fragment`. */
    requestsTo(fragment) { return requests.filter((r) => r.url().includes(fragment)); },
    messages(type) { return consoleMessages.filter((m) => m.type === type).map((m) => m.text); },
    async close() { await context.close(); },
  };
}
