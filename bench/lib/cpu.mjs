// How much CPU other work on the machine used while the benchmark ran. Every second (and at each step)
// the processes that are not this one or its descendants (Chromium, wrk, the proxies, nginx) are read
// from /proc and the CPU time they gained is summed. A foreign process that lives less than a second
// between two scans is missed, so this can only underestimate; the load average, which counts the
// benchmark's own processes too, cannot tell the two apart at all.
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const seen = new Map(); // `${pid}:${start}` → {first, last} CPU ticks of a foreign process
let lastScan = 0; // uptime of the previous scan, in ticks

function scan() {
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * TICKS_PER_SECOND;
  const processes = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After "pid (comm) ": field 3 (state) is [0], ppid [1], utime [11], stime [12], starttime [19].
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), start: Number(fields[19]) });
    } catch {
      // the process exited while we read
    }
  }
  const own = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of processes) {
      if (!own.has(pid) && own.has(p.ppid)) {
        own.add(pid);
        grew = true;
      }
    }
  }
  for (const [pid, p] of processes) {
    if (own.has(pid)) continue;
    const key = `${pid}:${p.start}`;
    const known = seen.get(key);
    if (known) known.last = p.ticks;
    else seen.set(key, { first: lastScan && p.start >= lastScan ? 0 : p.ticks, last: p.ticks });
  }
  lastScan = uptime;
}

const foreignTicks = () => [...seen.values()].reduce((n, p) => n + p.last - p.first, 0);

let timer;
/** Starts scanning every second (the timer does not keep the process alive). */
export function watchForeignCpu() {
  scan();
  timer ??= setInterval(scan, 1000).unref();
}

export function cpuSample() {
  scan();
  return { at: performance.now(), foreign: foreignTicks() };
}

/** Between two samples: seconds elapsed, and the share of the machine's CPUs other work used. */
export function foreignUse(from, to) {
  const seconds = (to.at - from.at) / 1000;
  const foreign = (to.foreign - from.foreign) / TICKS_PER_SECOND;
  return { seconds, foreignCpuSeconds: foreign, share: seconds > 0 ? foreign / (seconds * cpus().length) : 0 };
}
