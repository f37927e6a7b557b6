// Fetching through the proxy: one fetch per distinct URL on the page (shared by every widget asking for
// it), answers kept for the page's life, a timeout that aborts, and an abort when the last widget waiting
// for a fetch goes away.
import { decodeResponse } from './decode.js';

/** How long a proxy may take to answer. */
export const TIMEOUT_MS = 8000;

const answers = new Map(); // url → {ranking} (successful answers only: failures are retried)
const inFlight = new Map(); // url → {result, controller, waiting}

/** A settled answer already on the page, if any. */
export const cachedAnswer = (url) => answers.get(url);

/** Starts (or joins) the fetch of `url`: {result: Promise<{ranking}|{problem}>, cancel()}. */
export function requestAnswer(url) {
  let entry = inFlight.get(url);
  if (!entry) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort('timeout'), TIMEOUT_MS);
    entry = { controller, waiting: 0 };
    entry.result = load(url, controller.signal).then((answer) => {
      clearTimeout(timer);
      if (inFlight.get(url) === entry) inFlight.delete(url);
      if (answer.ranking) answers.set(url, answer);
      return answer;
    });
    inFlight.set(url, entry);
  }
  entry.waiting++;
  let cancelled = false;
  return {
    result: entry.result,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      if (--entry.waiting === 0 && inFlight.get(url) === entry) {
        inFlight.delete(url);
        entry.controller.abort('cancelled');
      }
    },
  };
}

async function load(url, signal) {
  try {
    const response = await fetch(url, { signal });
    const body = await response.text();
    return decodeResponse(response.status, response.headers.get('content-type'), body);
  } catch {
    return { problem: { kind: signal.reason === 'timeout' ? 'timeout' : 'network' } };
  }
}
