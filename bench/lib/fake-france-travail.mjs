// A fake France Travail for the cold-burst benchmark: the OAuth2 client-credentials token endpoint and the
// rank endpoint, speaking the real formats, answering after a fixed delay, and counting every call.
//
//   POST /connexion/oauth2/access_token?realm=%2Fpartenaire  → {"access_token", "token_type", "expires_in"}
//   GET  /partenaire/retouralemploisuiteformation/v1/rank?formacode=…&codeinseeville=…  (Bearer token)
//   GET  /calls → {"token": n, "rank": n, "unauthorized": n}
import http from 'node:http';
import { randomBytes } from 'node:crypto';

export const TOKEN_PATH = '/connexion/oauth2/access_token';
export const API_BASE_PATH = '/partenaire/retouralemploisuiteformation/v1';

// France Travail's answer for a pair: scores 0.2..1 as strings, "" where nothing is published (the
// département never, as the reference implementation did), varying with the pair but always the same
// for a given pair. The national level is always published.
function rank(formacode, commune) {
  let hash = 2166136261;
  for (const c of `${formacode}/${commune}`) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  const score = (bits) => ['0.2', '0.4', '0.6', '0.8', '1'][bits % 5];
  return {
    formacode,
    'codeinsee-bassin': String(1000 + (hash % 9000)),
    'taux-bassin': hash % 3 === 0 ? '' : score(hash >>> 2),
    'taux-departemental': '',
    'taux-regional': hash % 7 === 0 ? '' : score(hash >>> 5),
    'taux-national': score(hash >>> 9),
  };
}

/** Starts the fake on 127.0.0.1:`port` (0 for any); resolves with {url, calls, close()}. */
export function startFakeFranceTravail({ port = 0, delayMs = 1000 } = {}) {
  const calls = { token: 0, rank: 0, unauthorized: 0 };
  const tokens = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://fake');
    const json = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'POST' && url.pathname === TOKEN_PATH) {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        calls.token += 1;
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'client_credentials' || !form.get('client_id') || !form.get('client_secret')) {
          json(400, { error: 'invalid_request', error_description: 'client credentials expected' });
          return;
        }
        const token = randomBytes(16).toString('hex');
        tokens.add(token);
        json(200, { access_token: token, scope: form.get('scope') ?? '', token_type: 'Bearer', expires_in: 1499 });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === `${API_BASE_PATH}/rank`) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !tokens.has(token)) {
        calls.unauthorized += 1;
        json(401, { message: 'invalid token' });
        return;
      }
      calls.rank += 1;
      const formacode = url.searchParams.get('formacode') ?? '';
      const commune = url.searchParams.get('codeinseeville') ?? '';
      setTimeout(() => json(200, [rank(formacode, commune)]), delayMs);
      return;
    }
    if (url.pathname === '/calls') {
      json(200, calls);
      return;
    }
    json(404, { message: 'not found' });
  });
  server.keepAliveTimeout = 60000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({ url, calls, close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }) });
    });
  });
}
