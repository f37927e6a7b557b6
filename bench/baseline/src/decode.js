// Reading what a proxy answers, and the statistical-secrecy rule: the same behaviour as the Rust `core`
// crate (decode.rs, number.rs, quintile.rs, ranking.rs, suppression.rs), written the way a careful JS
// developer would, so that the size and speed comparison is fair. Not shipped.
import { departement, region, FRANCE } from './territories.js';

export const LEVELS = ['bassin', 'departement', 'region', 'national'];
const UPSTREAM_KEYS = ['taux-bassin', 'taux-departemental', 'taux-regional', 'taux-national'];
const BASSIN_CODE_KEY = 'codeinsee-bassin';

/** Lower bounds of classes 2..5, as fractions. */
export const CUT_POINTS = [0.43, 0.53, 0.6, 0.68];
/** Figures over this many leavers or fewer are never published locally (nationally: fewer). */
export const THRESHOLD = 60;
const EPSILON = 1e-9;

const ABSENT = 'absent';
const BLANK = 'blank';

/** Statistical secrecy: national published at 60 leavers and more, local levels above 60. */
export const publishes = (level, leavers) =>
  level === 'national' ? leavers >= THRESHOLD : leavers > THRESHOLD;

// Numbers as sources write them: JSON numbers or strings, decimal comma, stray spaces, optional `%`.
// Returns {value, percent}, or {not: 'absent' | 'blank' | 'unreadable'}.
function readNumber(value) {
  if (value === undefined || value === null) return { not: ABSENT };
  if (typeof value === 'number') return Number.isFinite(value) ? { value, percent: false } : { not: 'unreadable' };
  if (typeof value !== 'string') return { not: 'unreadable' };
  const compact = value.replace(/\s/g, '');
  if (!compact) return { not: BLANK };
  const percent = compact.endsWith('%');
  const digits = percent ? compact.slice(0, -1) : compact;
  // Plain decimal notation only: no exponent, no "Infinity", one decimal separator at most.
  if (!/^[+-]?[0-9]*[.,]?[0-9]*$/.test(digits) || !/[0-9]/.test(digits)) return { not: 'unreadable' };
  const number = Number(digits.replace(',', '.'));
  return Number.isFinite(number) ? { value: number, percent } : { not: 'unreadable' };
}

function readCount(value) {
  const n = readNumber(value);
  if (n.not) return n;
  const v = n.value;
  return n.percent || v < 0 || !Number.isInteger(v) || v > 0xffffffff ? { not: 'unreadable' } : { value: v };
}

function readText(value) {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() || undefined;
}

/** A rate as a source wrote it: a fraction, or a percentage (`63`, `"63 %"`); `undefined` if impossible. */
function rateFromSource({ value, percent }) {
  if (value < 0) return undefined;
  if (percent || value > 1) return value > 100 + EPSILON ? undefined : Math.min(value / 100, 1);
  return value;
}

/** The class (1..5) of a raw rate, lower bound inclusive. */
export const classOfRate = (rate) => CUT_POINTS.filter((cut) => rate >= cut - EPSILON).length + 1;

function classOfScore(score) {
  for (let n = 1; n <= 5; n++) if (Math.abs(score - n / 5) < EPSILON) return n;
  return undefined;
}

// A level: {level, place: {code, nom}, figure: {quintile, rate, leavers}} when published, else
// {level, place, why: 'suppressed' | 'not-published' | 'missing' | 'invalid'}.
const unpublished = (why) => ({ why });

function upstreamStatus(raw) {
  const n = readNumber(raw);
  if (n.not === ABSENT) return unpublished('missing');
  if (n.not === BLANK) return unpublished('not-published');
  if (n.not) return unpublished('invalid');
  const score = n.percent ? undefined : classOfScore(n.value);
  if (score) return { figure: { quintile: score } };
  const rate = rateFromSource(n);
  return rate === undefined ? unpublished('invalid') : { figure: { quintile: classOfRate(rate), rate } };
}

function decodeUpstream(object) {
  const bassin = readText(object[BASSIN_CODE_KEY]);
  const levels = LEVELS.map((level, i) => ({
    level,
    place: { code: level === 'bassin' ? bassin : undefined },
    ...upstreamStatus(object[UPSTREAM_KEYS[i]]),
  }));
  return ranking(formacodeOf(object.formacode), undefined, undefined, levels, true);
}

function normalizedStatus(object) {
  const declared = typeof object.status === 'string' ? object.status.trim().toLowerCase() : undefined;
  if (declared === 'suppressed') return unpublished('suppressed');
  if (declared === 'unavailable') return unpublished('not-published');
  if (declared !== undefined && declared !== 'published') return unpublished('invalid');
  let quintile;
  const q = readNumber(object.quintile);
  if (!q.not) {
    if (q.percent || !Number.isInteger(q.value) || q.value < 1 || q.value > 5) return unpublished('invalid');
    quintile = q.value;
  } else if (q.not !== ABSENT && q.not !== BLANK) return unpublished('invalid');
  let rate;
  const r = readNumber(object.rate);
  if (!r.not) {
    rate = rateFromSource(r);
    if (rate === undefined) return unpublished('invalid');
  } else if (r.not !== ABSENT && r.not !== BLANK) return unpublished('invalid');
  // A count that cannot be read cannot be checked against the secrecy rule: nothing is published.
  const leavers = readCount(object.leavers);
  if (leavers.not && leavers.not !== ABSENT) return unpublished('invalid');
  quintile ??= rate === undefined ? undefined : classOfRate(rate);
  return quintile ? { figure: { quintile, rate, leavers: leavers.value } } : unpublished('missing');
}

function levelName(text) {
  const name = String(text).trim().toLowerCase();
  return { département: 'departement', région: 'region' }[name] ?? (LEVELS.includes(name) ? name : undefined);
}

const placeOf = (object) => ({ code: readText(object?.code), nom: readText(object?.nom) });

function decodeNormalized(object) {
  const levels = [];
  for (const item of Array.isArray(object.levels) ? object.levels : []) {
    const level = isObject(item) && typeof item.level === 'string' ? levelName(item.level) : undefined;
    if (level) levels.push({ level, place: placeOf(item), ...normalizedStatus(item) });
  }
  const commune = isObject(object.commune) ? placeOf(object.commune) : undefined;
  return ranking(formacodeOf(object.formacode), commune, readText(object.source), levels, object.covered !== false);
}

/** Builds the four levels and applies the secrecy rule, whatever the source claimed. */
function ranking(formacode, commune, source, given, covered) {
  const levels = LEVELS.map(
    (level) => given.find((l) => l.level === level) ?? { level, place: {}, why: 'missing' },
  );
  for (const l of levels) {
    if (l.figure?.leavers !== undefined && !publishes(l.level, l.figure.leavers)) {
      delete l.figure;
      l.why = 'suppressed';
    }
  }
  if (levels[3].why === 'suppressed' || !covered) {
    for (const l of levels) {
      if (l.figure) {
        delete l.figure;
        l.why = 'suppressed';
      }
    }
  }
  return { formacode, commune, source, levels, headline: levels.find((l) => l.figure) };
}

function formacodeOf(value) {
  const text = readText(value);
  return text && /^[0-9]{5}$/.test(text) ? text : undefined;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// Problems: {kind: 'refused', refusal, status, detail} | {kind: 'not-data'} |
// {kind: 'unavailable', status} | {kind: 'timeout'} | {kind: 'network'}.
const ERROR_CODES = [
  'invalid-parameter', 'unknown-commune', 'upstream-refused', 'upstream-unavailable', 'upstream-timeout', 'not-found',
];

function refusalOf(object) {
  const message = readText(object.message);
  if (ERROR_CODES.includes(object.error) && typeof object.message === 'string') {
    const refusal =
      object.error === 'unknown-commune' ? 'unknown-commune'
      : object.error === 'upstream-refused' ? classify(object.parameter, object.message)
      : 'unspecified';
    return { refusal, detail: object.message };
  }
  if ('source' in object && 'message' in object) {
    return { refusal: classify(readText(object.source), message ?? ''), detail: message };
  }
  return undefined;
}

function classify(source, message) {
  const text = message.toLowerCase();
  if (/missing|manquant|obligatoire/.test(text)) return 'missing-parameter';
  if (/nostats|statisti/.test(text)) return 'no-statistics';
  if (/notfound|inconnu|unknown|not found/.test(text)) {
    return typeof source === 'string' && source.toLowerCase() === 'formacode' ? 'unknown-formacode' : 'unknown-commune';
  }
  return 'unspecified';
}

function parseJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** An HTTP answer → {ranking} or {problem}. */
export function decodeResponse(status, contentType, body) {
  if (status >= 200 && status < 300) {
    const essence = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (essence === 'text/html' || essence === 'application/xhtml+xml') return { problem: { kind: 'not-data' } };
    return decodeBody(body);
  }
  const parsed = parseJson(body)?.value;
  if (status >= 400 && status < 500) {
    const found = isObject(parsed) ? refusalOf(parsed) : undefined;
    const detail = body.trim().slice(0, 200) || undefined;
    return { problem: { kind: 'refused', status, ...(found ?? { refusal: 'unspecified', detail }) } };
  }
  if (status >= 500 && status < 600) {
    const timeout = status === 504 || (isObject(parsed) && parsed.error === 'upstream-timeout');
    return { problem: timeout ? { kind: 'timeout' } : { kind: 'unavailable', status } };
  }
  return { problem: { kind: 'not-data' } };
}

function decodeBody(body) {
  const parsed = parseJson(body.replace(/^\uFEFF+/, ''));
  if (!parsed) return { problem: { kind: 'not-data' } };
  const value = parsed.value;
  if (Array.isArray(value)) {
    const object = value.find(isObject);
    return { ranking: object ? decodeUpstream(object) : ranking(undefined, undefined, undefined, [], true) };
  }
  if (isObject(value)) {
    if ('levels' in value || 'covered' in value) return { ranking: decodeNormalized(value) };
    if (BASSIN_CODE_KEY in value || UPSTREAM_KEYS.some((k) => k in value)) return { ranking: decodeUpstream(value) };
    const found = refusalOf(value);
    if (found) return { problem: { kind: 'refused', status: 200, ...found } };
  }
  return { problem: { kind: 'not-data' } };
}

/** Fills what the requested commune tells and the source left out (département, région, France). */
export function completeGeography(result, commune) {
  result.commune ??= {};
  result.commune.code ??= commune;
  const fill = (place, code, nom) => {
    if (place.code === undefined || place.code === code) {
      place.code ??= code;
      place.nom ??= nom;
    }
  };
  const dep = departement(departementOf(commune));
  if (dep) {
    fill(result.levels[1].place, dep.code, dep.nom);
    const reg = region(dep.region);
    if (reg) fill(result.levels[2].place, reg.code, reg.nom);
  }
  fill(result.levels[3].place, FRANCE.code, FRANCE.nom);
  return result;
}

function departementOf(commune) {
  const dep = commune.slice(0, /^9[78]/.test(commune) ? 3 : 2);
  return dep === '20' || dep === '00' ? undefined : dep;
}
