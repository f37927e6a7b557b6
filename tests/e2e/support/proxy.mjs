// Starts the reference proxy binary (`retour-emploi-proxy --demo`) on 127.0.0.1 for the tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { repoRoot } from './paths.mjs';

/** Where `make test-e2e` builds it (`make proxy-bin`: the dev profile, as the proxy's own tests do). */
export const PROXY_BIN = process.env.RETOUR_EMPLOI_PROXY_BIN
  ?? join(repoRoot, 'target', 'debug', 'retour-emploi-proxy');

/** A port that was free a moment ago (the binary wants an address; it is on loopback, so a clash is rare). */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts the proxy in demo mode, allowing the given page origins (CORS), and waits until it answers.
 * @param {{ allowOrigins: string[] }} options
 */
export async function startProxy({ allowOrigins }) {
  if (!existsSync(PROXY_BIN)) {
    throw new Error(`the proxy binary is missing at ${PROXY_BIN}: run \`make test-e2e\` (it builds it) or set RETOUR_EMPLOI_PROXY_BIN`);
  }
  const port = await freePort();
  const args = ['--demo', '--listen', `127.0.0.1:${port}`];
  for (const origin of allowOrigins) args.push('--allow-origin', origin);
  // Only what we pass configures it: no PORT, RETOUR_EMPLOI_* or France Travail credentials from the caller.
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([name]) => name !== 'PORT' && !name.startsWith('RETOUR_EMPLOI_') && !name.startsWith('FRANCE_TRAVAIL_')));
  const child = spawn(PROXY_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, RUST_LOG: process.env.RUST_LOG ?? 'warn' } });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (exited) throw new Error(`the proxy exited (${JSON.stringify(exited)}) before answering:\n${output}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt === 99) {
      child.kill();
      throw new Error(`the proxy did not answer on ${origin} after 10 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    origin,
    output: () => output,
    async close() {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await done;
    },
  };
}
