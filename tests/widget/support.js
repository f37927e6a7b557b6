// Browser-side helpers of the widget tests: a fetch stub at the browser boundary (the widget's real
// fetch code runs; only window.fetch answers), console capture, and waiting for widget states.

const routes = new Map();
const counts = new Map();
const aborts = new Map();
let total = 0;
const realFetch = window.fetch.bind(window);

function key(url) {
  return new URL(url, document.baseURI).href;
}

window.fetch = (input, init) => {
  const request = input instanceof Request ? input : new Request(input, init);
  const url = request.url;
  const route = routes.get(url);
  if (!route) return realFetch(input, init);
  total += 1;
  counts.set(url, (counts.get(url) || 0) + 1);
  if (request.mode === 'no-cors') return Promise.reject(new TypeError('the widget must never use no-cors'));
  const signal = request.signal;
  return new Promise((resolve, reject) => {
    const abort = () => {
      aborts.set(url, (aborts.get(url) || 0) + 1);
      clearTimeout(timer);
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      if (route.network) return reject(new TypeError('Failed to fetch'));
      resolve(new Response(route.body, { status: route.status, headers: { 'content-type': route.contentType } }));
    }, route.delay);
  });
};

export function stub(url, status, contentType, body, delay) {
  routes.set(key(url), { status, contentType, body, delay, network: false });
}

export function stubNetworkFailure(url) {
  routes.set(key(url), { status: 0, contentType: '', body: '', delay: 0, network: true });
}

export function requestsTo(url) {
  return counts.get(key(url)) || 0;
}

export function abortsOf(url) {
  return aborts.get(key(url)) || 0;
}

export function totalRequests() {
  return total;
}

const logged = [];
for (const level of ['warn', 'error']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    logged.push(`${level}: ${args.map(String).join(' ')}`);
    original(...args);
  };
}

export function consoleMessages() {
  return logged.join('\n');
}

/** Resolves once the element's data-state is `state` (now or at a later retour-emploi:state event). */
export function waitForState(element, state) {
  return new Promise((resolve) => {
    if (element.getAttribute('data-state') === state) return resolve();
    const listener = (event) => {
      if (event.detail.state === state) {
        element.removeEventListener('retour-emploi:state', listener);
        resolve();
      }
    };
    element.addEventListener('retour-emploi:state', listener);
  });
}

/** Resolves once the element has left the loading state. */
export function waitForSettled(element) {
  return new Promise((resolve) => {
    const settled = () => ['ready', 'not-covered', 'error'].includes(element.getAttribute('data-state'));
    if (settled()) return resolve();
    const listener = () => {
      if (settled()) {
        element.removeEventListener('retour-emploi:state', listener);
        resolve();
      }
    };
    element.addEventListener('retour-emploi:state', listener);
  });
}

/** Every state event the element dispatches from now on, as {state, ...detail}. */
export function recordEvents(element) {
  const seen = [];
  element.addEventListener('retour-emploi:state', (event) => seen.push(event.detail));
  return seen;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function pressKey(target, key) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
}
