// Generates proxy/data/communes.tsv: every commune code the proxy knows, with its name, the current commune
// it belongs to, and its France Travail bassin d'emploi (code and display name).
//
// Sources (see data/SOURCES.md):
//   - data/bassins-emploi-bmo-2024.csv: commune code -> bassin (BMO zoning 2024), incl. pre-merger codes
//     and the 45 municipal arrondissements;
//   - the npm package @etalab/decoupage-administratif: commune names, types, chef-lieux of delegated
//     communes, pre-merger codes (`anciensCodes`).
//
// What the table holds, per code (one line each, sorted by code):
//   code, kind, nom, commune (current commune code when it differs), population, bmo, bassin, bassin_nom
// where kind is commune | arrondissement | deleguee | associee | ancienne, and bmo is 1 when the BMO table
// lists the code itself, 0 when the bassin comes from the current commune (a pre-merger code such as the
// pre-1976 Corsican 20004, now 2A004, that the BMO table does not list). Départements and régions are not
// stored: the proxy derives them from the current commune code (core's CommuneCode::departement) and names
// them with core's territories table (generated from the same npm package).
//
// Quirks of the BMO table handled here (never fixed by hand): `reg`/`dep` columns are ignored (no leading
// zeros, `97` for every overseas département); labels are trimmed, their doubled spaces collapsed, and the
// upper-case unaccented ones put in display case with their accents restored from the official names
// ("LYON CENTRE" -> "Lyon Centre", "BESANCON" -> "Besançon"); mixed-case labels ("T1 Paris") are kept;
// bassin 102 carries two labels (Grande-Terre, Îles du Nord): each commune keeps its own.
// Codes of the BMO table that the official geography does not know (a placeholder and two codes of
// communes that left the département of Guadeloupe in 2007) are left out and listed on stderr.
//
// Run: node scripts/generate-geography.mjs         (writes the table)
//      node scripts/generate-geography.mjs --check (fails when the committed table is out of date)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = '@etalab/decoupage-administratif';
const version = require(`${pkg}/package.json`).version;
const communes = require(`${pkg}/data/communes.json`);
const departements = require(`${pkg}/data/departements.json`);
const regions = require(`${pkg}/data/regions.json`);

const root = new URL('../', import.meta.url);
const bmoPath = 'data/bassins-emploi-bmo-2024.csv';
const target = new URL('proxy/data/communes.tsv', root);

// --- the BMO table -------------------------------------------------------------------------------------
const bmo = new Map(); // code -> { bassin, label }
{
  const lines = readFileSync(new URL(bmoPath, root), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift().split(',').map((h) => h.trim());
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${bmoPath}: no column ${name}`);
    return i;
  };
  const [iCode, iBassin, iLabel] = [col('code_commune_insee'), col('code_bassin_BMO'), col('lib_bassin_BMO')];
  for (const [n, line] of lines.entries()) {
    const cells = line.split(',');
    const code = cells[iCode].trim().toUpperCase();
    const bassin = String(Number.parseInt(cells[iBassin].trim(), 10));
    const label = cells[iLabel].replace(/\s+/g, ' ').trim();
    if (!/^(\d{5}|2[AB]\d{3})$/.test(code) || bassin === 'NaN' || label === '') {
      throw new Error(`${bmoPath}:${n + 2}: unreadable row ${JSON.stringify(line)}`);
    }
    if (bmo.has(code) && bmo.get(code).bassin !== bassin) {
      throw new Error(`${bmoPath}: ${code} is in two bassins`);
    }
    bmo.set(code, { bassin, label });
  }
}

// --- display case for upper-case labels -----------------------------------------------------------------
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();

// Accented spellings of the words of official names: folded word -> most frequent spelling.
const spellings = new Map();
for (const { nom } of [...communes, ...departements, ...regions]) {
  for (const word of nom.split(/[\s\-'’]+/)) {
    if (word.length < 2) continue;
    const key = fold(word);
    const counts = spellings.get(key) ?? new Map();
    const form = word[0].toUpperCase() + word.slice(1).toLowerCase();
    counts.set(form, (counts.get(form) ?? 0) + 1);
    spellings.set(key, counts);
  }
}
const accented = (word) => {
  const counts = spellings.get(fold(word));
  if (!counts) return word[0] + word.slice(1).toLowerCase();
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
};

const LOWER = new Set(['DE', 'DU', 'DES', 'ET', 'SUR', 'SOUS', 'EN', 'AUX', 'AU']);
const ARTICLE_AFTER = new Set(['DE', 'SUR', 'SOUS', 'EN']); // "Vallée de la Drôme", "Roche sur Yon"

function displayCase(label) {
  if (/\p{Ll}/u.test(label)) return label; // already mixed case: "T1 Paris", "Brie-Créçois"
  const tokens = label.split(' ');
  const out = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    const prev = i > 0 ? tokens[i - 1].toUpperCase() : null;
    // "PAYS D ARLES", "VALLEE DE L ARVE": an elided article written as a separate letter.
    if ((token === 'D' || token === 'L') && i > 0 && i + 1 < tokens.length) {
      tokens[i + 1] = `${token}'${tokens[i + 1]}`;
      continue;
    }
    out.push(
      token
        .split('-')
        .map((part, j) => casePart(part, i === 0 && j === 0, j === 0 ? prev : null))
        .join('-'),
    );
  }
  return out.join(' ');
}

function casePart(part, first, prev) {
  const elided = /^([DL])['’](.+)$/u.exec(part);
  if (elided) {
    const article = first ? elided[1] : elided[1].toLowerCase();
    return `${article}'${casePart(elided[2], false, null)}`;
  }
  if (!/\p{L}/u.test(part)) return part; // "/", "77"
  if (!first && LOWER.has(part)) return part.toLowerCase();
  if (!first && ['LA', 'LE', 'LES'].includes(part) && prev && ARTICLE_AFTER.has(prev)) return part.toLowerCase();
  if (/[.]/.test(part)) return part.split('.').map((p) => (p ? accented(p) : p)).join('.');
  if (/\p{M}|[À-ÿ]/u.test(part.normalize('NFC')) && fold(part) !== part) {
    return part[0] + part.slice(1).toLowerCase(); // already accented ("ANGÉLY")
  }
  return accented(part);
}

// --- resolve every code ---------------------------------------------------------------------------------
const current = new Map(); // commune-actuelle code -> entry
const arrondissements = new Map();
const delegated = new Map(); // deleguee / associee code -> entry (first seen)
const formerOf = new Map(); // pre-merger code -> current commune code
for (const c of communes) {
  if (c.type === 'commune-actuelle') current.set(c.code, c);
  else if (c.type === 'arrondissement-municipal') arrondissements.set(c.code, c);
  else if (!delegated.has(c.code)) delegated.set(c.code, c);
}
for (const c of current.values()) {
  for (const old of c.anciensCodes ?? []) if (!formerOf.has(old)) formerOf.set(old, c.code);
}

/** The current commune a code belongs to, following chef-lieux; null when unknown. */
function currentCommune(code, seen = new Set()) {
  if (seen.has(code)) return null;
  seen.add(code);
  if (current.has(code)) return code;
  if (arrondissements.has(code)) return arrondissements.get(code).commune;
  if (delegated.has(code)) return currentCommune(delegated.get(code).chefLieu, seen);
  if (formerOf.has(code)) return currentCommune(formerOf.get(code), seen);
  return null;
}

function describe(code) {
  if (current.has(code)) {
    const c = current.get(code);
    return { kind: 'commune', nom: c.nom, population: c.population ?? 0 };
  }
  if (arrondissements.has(code)) {
    const c = arrondissements.get(code);
    return { kind: 'arrondissement', nom: c.nom, population: c.population ?? 0 };
  }
  if (delegated.has(code)) {
    const c = delegated.get(code);
    return { kind: c.type === 'commune-associee' ? 'associee' : 'deleguee', nom: c.nom, population: 0 };
  }
  return { kind: 'ancienne', nom: current.get(currentCommune(code)).nom, population: 0 };
}

const codes = new Set([...bmo.keys(), ...arrondissements.keys(), ...delegated.keys(), ...formerOf.keys()]);
const rows = [];
const unknown = [];
const noBassin = [];
for (const code of [...codes].sort()) {
  const now = currentCommune(code);
  if (now === null) {
    if (bmo.has(code)) unknown.push(code);
    continue;
  }
  const zone = bmo.get(code) ?? bmo.get(now);
  if (!zone) {
    noBassin.push(code);
    continue;
  }
  const { kind, nom, population } = describe(code);
  rows.push([
    code,
    kind,
    nom,
    now === code ? '' : now,
    String(population),
    bmo.has(code) ? '1' : '0',
    zone.bassin,
    displayCase(zone.label),
  ]);
}

for (const row of rows) {
  for (const cell of row) {
    if (/[\t\r\n]/.test(cell)) throw new Error(`a cell holds a tab or a line break: ${JSON.stringify(row)}`);
  }
}

const out = [
  `# @generated by scripts/generate-geography.mjs from ${bmoPath} and ${pkg} ${version} (MIT). Do not edit.`,
  `# ${rows.length} codes. kind: commune | arrondissement | deleguee | associee | ancienne; commune: current`
    + ' commune when it differs; bmo: 1 when the BMO table lists the code itself.',
  ['code', 'kind', 'nom', 'commune', 'population', 'bmo', 'bassin', 'bassin_nom'].join('\t'),
  ...rows.map((row) => row.join('\t')),
  '',
].join('\n');

if (process.argv.includes('--labels')) {
  // Review aid: every bassin label and its display form.
  const seen = new Set();
  for (const { label } of bmo.values()) {
    if (!seen.has(label)) console.log(`${label}\t${displayCase(label)}`);
    seen.add(label);
  }
} else if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing: out of date
  }
  if (committed !== out) {
    console.error('proxy/data/communes.tsv is out of date: run node scripts/generate-geography.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(target, out);
  const inBmo = rows.filter((r) => r[5] === '1').length;
  console.log(`wrote ${rows.length} codes (${inBmo} from the BMO table, ${rows.length - inBmo} pre-merger codes`
    + ` resolved through ${pkg}) in ${new Set(rows.map((r) => r[6])).size} bassins`);
  console.error(`left out, unknown to ${pkg}: ${unknown.join(', ')}`);
  console.error(`left out, no bassin (outside the BMO zoning): ${noBassin.length} codes`);
}
