// Starting and stopping the servers a benchmark needs. Every process started here is stopped by its own
// id when the run ends, even on failure.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { closeSync, openSync } from 'node:fs';
import http from 'node:http';

const started = new Set();

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running process; its output goes straight to the file `logFile` (the kernel writes it,
 * not this process, so logging costs the child what it would cost in production), or is dropped.
 */
export function start(command, args, { env, logFile, cwd } = {}) {
  const fd = logFile ? openSync(logFile, 'w') : 'ignore';
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    cwd,
    stdio: ['ignore', fd, fd],
  });
  if (logFile) closeSync(fd);
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Stops one process started by `start` and waits for it to exit. */
export async function stop(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Stops every process still running (on exit). */
export async function stopAll() {
  await Promise.all([...started].map((child) => stop(child)));
}

/** Runs a command to completion and returns its standard output (throws, with stderr, on failure). */
export function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
}

/** Runs a command to completion without blocking the event loop; resolves with its standard output. */
export function runAsync(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** One GET: {status, headers, body}. */
export function get(url, { agent, headers } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Waits until `url` answers 2xx (or a status `accept` takes); resolves with the time it took (ms). */
export async function waitForHttp(url, { timeoutMs = 30000, everyMs = 1, child, accept = (s) => s >= 200 && s < 300 } = {}) {
  const t0 = performance.now();
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${child.spawnfile} exited with code ${child.exitCode} before ${url} answered`);
    try {
      const res = await get(url, { agent: false });
      if (accept(res.status)) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resident memory of a process (kB): current (VmRSS) and peak (VmHWM). */
export function residentMemory(pid) {
  const status = run('cat', [`/proc/${pid}/status`]);
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
}
