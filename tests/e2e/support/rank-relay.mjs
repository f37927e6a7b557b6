// A relay in front of the reference proxy: the same answers, with the faults of real proxies on demand.
//
// The real proxy binary serves the data; this relay forwards `…/v1/rank?<query>` to it unchanged and can
//   - leave out the CORS headers (a proxy that never heard of CORS),
//   - answer late (a slow proxy; the delay may depend on the arrival order, so that older requests answer
//     after newer ones),
//   - never answer the first request of each distinct query (a proxy that hangs once, then recovers),
//   - hold every answer until the test opens the gate (to look at the loading state for as long as needed).
// Every request is recorded with whether the browser aborted it before the answer.

/**
 * @param {object} options
 * @param {() => string} options.upstream origin of the real proxy
 * @param {boolean} [options.cors] add `Access-Control-Allow-Origin: *`
 * @param {number | ((index: number, url: URL) => number)} [options.delayMs]
 * @param {boolean} [options.hangFirstOfEachQuery]
 */
export function createRankRelay({ upstream, cors = true, delayMs = 0, hangFirstOfEachQuery = false }) {
  const seenQueries = new Set();
  let gate = null;
  let openGate = () => {};
  const relay = {
    cors,
    delayMs,
    hangFirstOfEachQuery,
    /** One entry per request: { query, index, aborted, answered, secFetchMode, origin }. */
    received: [],
    reset() {
      relay.received.length = 0;
      seenQueries.clear();
      relay.openGate();
    },
    /** Until `openGate()`, every answer waits. */
    closeGate() {
      if (!gate) gate = new Promise((resolve) => { openGate = resolve; });
    },
    openGate() {
      openGate();
      gate = null;
    },
    async handle(req, res, url) {
      const entry = { query: url.search, index: relay.received.length, aborted: false, answered: false,
        secFetchMode: req.headers['sec-fetch-mode'], origin: req.headers.origin };
      relay.received.push(entry);
      const gone = new Promise((resolve) => res.on('close', () => {
        entry.aborted = !res.writableFinished;
        resolve();
      }));
      if (req.method === 'OPTIONS') {
        res.writeHead(204, relay.cors ? corsHeaders() : {});
        return res.end();
      }
      const hang = relay.hangFirstOfEachQuery && !seenQueries.has(url.search);
      seenQueries.add(url.search);
      if (hang) {
        return gone; // never answers; the browser gives up (timeout) and closes the connection
      }
      if (gate) await Promise.race([gate, gone]);
      const delay = typeof relay.delayMs === 'function' ? relay.delayMs(entry.index, url) : relay.delayMs;
      if (delay > 0) await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), gone]);
      if (res.destroyed || res.writableEnded) return undefined;
      const answer = await fetch(`${upstream()}/v1/rank${url.search}`);
      const body = Buffer.from(await answer.arrayBuffer());
      if (res.destroyed) return undefined;
      res.writeHead(answer.status, {
        'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        ...(relay.cors ? corsHeaders() : {}),
      });
      res.end(body);
      entry.answered = true;
      return undefined;
    },
  };
  return relay;
}

function corsHeaders() {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, OPTIONS' };
}
