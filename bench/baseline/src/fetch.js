// Fetching through the proxy: one fetch per distinct URL on the page (shared by every widget asking for
// it), answers kept for the page's life (and in sessionStorage when `cache-ttl` asks for it), a timeout
// that aborts, and an abort when the last widget waiting for a fetch goes away.
import { decodeResponse } from './decode.js';

const answers = new Map(); // url → {ranking} (successful answers only: failures are retried)
const inFlight = new Map(); // url → {result, controller, waiting}
const STORAGE_PREFIX = 'retour-emploi:v1:';

function storage() {
  try {
    return window.sessionStorage; // throws when storage is disabled: then there is no cache
  } catch {
    return undefined;
  }
}

/** A settled answer on the page, or in sessionStorage younger than `ttlSeconds` (re-decoded). */
export function cachedAnswer(url, ttlSeconds) {
  const settled = answers.get(url);
  if (settled || !ttlSeconds) return settled;
  const store = storage();
  const text = store?.getItem(STORAGE_PREFIX + url);
  if (!text) return undefined;
  const [savedAt, status, contentType, ...body] = text.split('\n');
  const age = Date.now() - Number(savedAt);
  if (!(age >= 0 && age < ttlSeconds * 1000)) {
    store.removeItem(STORAGE_PREFIX + url);
    return undefined;
  }
  const answer = decodeResponse(Number(status), contentType || undefined, body.join('\n'));
  if (answer.ranking) answers.set(url, answer);
  return answer.ranking ? answer : undefined;
}

/** Starts (or joins) the fetch of `url`: {result: Promise<{ranking}|{problem}>, cancel()}. */
export function requestAnswer(url, { timeoutMs, ttlSeconds }) {
  let entry = inFlight.get(url);
  if (!entry) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort('timeout'), timeoutMs);
    entry = { controller, waiting: 0 };
    entry.result = load(url, controller.signal, ttlSeconds).then((answer) => {
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

async function load(url, signal, ttlSeconds) {
  try {
    const response = await fetch(url, { signal });
    const body = await response.text();
    const contentType = response.headers.get('content-type');
    const answer = decodeResponse(response.status, contentType, body);
    if (answer.ranking && ttlSeconds) {
      try {
        const type = (contentType ?? '').replace(/\n/g, ' ');
        storage()?.setItem(STORAGE_PREFIX + url, `${Date.now()}\n${response.status}\n${type}\n${body}`);
      } catch {
        // a full storage only means no cache
      }
    }
    return answer;
  } catch {
    return { problem: { kind: signal.reason === 'timeout' ? 'timeout' : 'network' } };
  }
}
