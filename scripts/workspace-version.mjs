// The project's single version: `[workspace.package] version` in Cargo.toml.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The string value of `key = "…"` in the `[section]` of a TOML file (enough for Cargo manifests). */
export function tomlString(text, section, key) {
  let current = '';
  for (const line of text.split('\n')) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*$/);
    if (header) {
      current = header[1].trim();
      continue;
    }
    const entry = line.match(/^\s*([\w.-]+)\s*=\s*"([^"]*)"/);
    if (entry && current === section && entry[1] === key) return entry[2];
  }
  return undefined;
}

export function workspaceVersion() {
  const version = tomlString(readFileSync(join(repoRoot, 'Cargo.toml'), 'utf8'), 'workspace.package', 'version');
  if (!version) throw new Error('Cargo.toml has no [workspace.package] version');
  return version;
}
