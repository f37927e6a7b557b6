// The machine and tool versions a run happened on, for bench/results.md.
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

function version(command, args, pattern = /\S.*/) {
  const out = spawnSync(command, args, { encoding: 'utf8' });
  if (out.error) return 'not installed';
  const text = `${out.stdout}\n${out.stderr}`.split('\n').find((line) => pattern.test(line)) ?? '';
  return (pattern.exec(text)?.[0] ?? text).trim();
}

/** CPU model, cores, RAM, OS, tool versions, date and git commit. */
export function describeMachine(root) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const os = /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
  const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const require = (pkg, dir = root) => {
    try {
      return JSON.parse(readFileSync(`${dir}/node_modules/${pkg}/package.json`, 'utf8')).version;
    } catch {
      return 'not installed';
    }
  };
  return {
    cpu: model,
    cores: cpus().length,
    ramGiB: (totalmem() / 2 ** 30).toFixed(1),
    os,
    kernel: version('uname', ['-r']),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: `${git(['rev-parse', '--short=12', 'HEAD'])}${dirty ? ' (with uncommitted changes)' : ''}`,
    branch: git(['rev-parse', '--abbrev-ref', 'HEAD']),
    versions: {
      rustc: version('rustc', ['--version']),
      chromium: version('chromium', ['--version'], /Chromium [\d.]+/),
      node: process.version,
      nginx: version('nginx', ['-v'], /nginx\/[\d.]+/),
      wrk: version('wrk', ['-v'], /wrk \S+/),
      'wasm-bindgen': version('wasm-bindgen', ['--version']),
      'wasm-opt': version(`${root}/node_modules/.bin/wasm-opt`, ['--version']),
      twiggy: version('twiggy', ['--version']),
      esbuild: require('esbuild'),
      'playwright-core': require('playwright-core'),
      gzip: version('gzip', ['--version'], /gzip [\d.]+/),
      brotli: version('brotli', ['--version']),
    },
  };
}
