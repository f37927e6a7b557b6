// Attributes → a request URL, or the list of what is wrong with them (same rules and messages as
// `core::request`, `core::codes` and `core::proxy_url`).

const shorten = (text) => [...text].slice(0, 40).join('');

function formacodeError(raw) {
  const code = raw.trim();
  if (!code) return ['formacode', 'le formacode est manquant', 'formacode is missing'];
  if (/^[0-9]{5}$/.test(code)) return undefined;
  return ['formacode', `un formacode compte 5 chiffres (reçu «\u00a0${code}\u00a0»)`, `a formacode has 5 digits (got "${code}")`];
}

function communeError(raw) {
  const code = raw.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
  if (!code) {
    return ['commune', 'le code INSEE de la commune est manquant', 'the commune’s INSEE code is missing'];
  }
  if (/^(?:[0-9]{5}|2[AB][0-9]{3})$/.test(code)) return undefined;
  const found = raw.trim();
  return ['commune',
    `un code INSEE de commune compte 5 caractères\u00a0: 5 chiffres, ou 2A/2B suivi de 3 chiffres en Corse (reçu «\u00a0${found}\u00a0»\u00a0; un code postal ne convient pas)`,
    `an INSEE commune code has 5 characters: 5 digits, or 2A/2B and 3 digits in Corsica (got "${found}"; a postal code will not do)`];
}

/** The codes as a request uses them when valid (" 2a004 " → "2A004"), else as written (the event's). */
export function eventCodes(formacodeRaw, communeRaw) {
  const formacode = formacodeRaw !== null && !formacodeError(formacodeRaw) ? formacodeRaw.trim() : formacodeRaw;
  const commune = communeRaw !== null && !communeError(communeRaw) ? communeRaw.trim().toUpperCase() : communeRaw;
  return { formacode, commune };
}

const notHttp = (found) => ({
  error: ['proxy', `le proxy doit être une adresse http(s) ou relative (reçu «\u00a0${found}\u00a0»)`,
    `the proxy must be an http(s) URL or a relative one (got "${found}")`],
});

// Returns {url} for a usable proxy address or template, {error} otherwise.
function proxyOf(raw) {
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20\x7f-\x9f]+|[\x00-\x20\x7f-\x9f]+$/g, '');
  if (!url) return { error: ['proxy', 'l’adresse du proxy est manquante', 'proxy is missing'] };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f-\x9f]/.test(url)) return notHttp(shorten(url));
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) return notHttp(`${scheme}:`);
  const hasFormacode = url.includes('{formacode}');
  if (hasFormacode !== url.includes('{commune}')) {
    return {
      error: ['proxy', 'un modèle d’adresse de proxy doit contenir {formacode} et {commune}',
        'a proxy URL template must contain both {formacode} and {commune}'],
    };
  }
  return { url, template: hasFormacode };
}

/**
 * Parses the three attributes into an absolute request URL (relative proxies resolved against `base`):
 * {url, formacode, commune}, or {errors: [[attribute, fr, en], …]}.
 */
export function parseRequest(formacodeRaw, communeRaw, proxyRaw, base) {
  const proxy = proxyOf(proxyRaw ?? '');
  const errors = [formacodeError(formacodeRaw ?? ''), communeError(communeRaw ?? ''), proxy.error].filter(Boolean);
  if (errors.length) return { errors };
  const formacode = formacodeRaw.trim();
  const commune = communeRaw.trim().toUpperCase();
  const relative = requestUrl(proxy, formacode, commune);
  let url;
  try {
    url = new URL(relative, base);
  } catch {
    return { errors: [notHttp(shorten(relative)).error] };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { errors: [notHttp(url.protocol).error] };
  return { formacode, commune, url: url.href };
}

function requestUrl({ url, template }, formacode, commune) {
  if (template) return url.replaceAll('{formacode}', formacode).replaceAll('{commune}', commune);
  const hash = url.indexOf('#');
  const [before, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const joiner = !before.includes('?') ? '?' : /[?&]$/.test(before) ? '' : '&';
  return `${before}${joiner}formacode=${formacode}&codeinseeville=${commune}${fragment}`;
}
