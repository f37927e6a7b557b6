// The <retour-emploi> custom element: attributes in, shadow DOM out, `data-state` on the host (and its
// placeholder) and a `retour-emploi:state` event on every state change. The markup (classes, parts,
// data-*) is the Rust widget's, so both use the same stylesheet (www/widget.css) and look the same.
import css from '../../../www/widget.css';
import { completeGeography } from './decode.js';
import { cachedAnswer, requestAnswer } from './fetch.js';
import { eventCodes, parseRequest } from './request.js';
import {
  attributeSentence, band, classShort, classSpoken, explainer, integratorHint, levelName, measuredRate,
  notCovered, placeName, problemMessage, retryable, ui, unpublishedReason,
} from './text.js';

/** Attributes the element reacts to. */
export const ATTRIBUTES = ['formacode', 'commune', 'proxy', 'lang', 'variant', 'theme', 'timeout', 'cache-ttl'];
const DEFAULT_TIMEOUT_MS = 8000;
const PANEL_ID = 'retour-emploi-explainer';

let sheet;
function adoptStyles(root) {
  try {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(h('style', {}, css));
  }
}

/** Creates an element; strings become text nodes, never markup. */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat(Infinity).filter((child) => child !== undefined && child !== false));
  return element;
}

/** Presentation and network attributes; what is not understood falls back to its default, with a warning. */
function readSettings(element) {
  const get = (name) => element.getAttribute(name);
  const warn = (name, value, expected, fallback) =>
    console.warn(`retour-emploi: ${name}="${value}" is not understood (${expected}); using ${fallback}`);
  const choice = (name, values, fallback, expected) => {
    const value = get(name);
    const found = values.find((v) => v === (value ?? '').trim().toLowerCase());
    if (value !== null && value.trim() && !found) warn(name, value, expected, fallback);
    return found ?? fallback;
  };
  let lang = 'fr';
  const langValue = get('lang');
  if (langValue !== null) {
    const primary = langValue.trim().split(/[-_]/)[0].toLowerCase();
    if (primary === 'en' || primary === 'fr') lang = primary;
    else warn('lang', langValue, 'fr or en', 'French');
  }
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  const timeout = get('timeout');
  if (timeout !== null) {
    const seconds = Number(timeout.trim());
    if (timeout.trim() && seconds > 0 && seconds <= 120) timeoutMs = Math.round(seconds * 1000);
    else warn('timeout', timeout, 'seconds, more than 0 and at most 120', '8 seconds');
  }
  let ttlSeconds;
  const ttl = get('cache-ttl');
  if (ttl !== null) {
    if (/^\s*\+?\d+\s*$/.test(ttl) && Number(ttl) <= 0xffffffff) ttlSeconds = Number(ttl) || undefined;
    else warn('cache-ttl', ttl, 'a whole number of seconds', 'no sessionStorage cache');
  }
  return {
    lang,
    variant: choice('variant', ['full', 'compact', 'badge'], 'full', 'full, compact or badge'),
    theme: choice('theme', ['light', 'dark', 'auto'], 'light', 'light, dark or auto'),
    timeoutMs,
    ttlSeconds,
  };
}

const REASONS = { refused: 'refused', 'not-data': 'not-data', unavailable: 'unavailable', timeout: 'timeout', network: 'network' };

export class RetourEmploi extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #mount;
  #pending; // the fetch this element waits for
  #scheduled = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.#mount = h('div', { class: 'mount' });
    root.append(this.#mount);
  }

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#cancel();
  }

  attributeChangedCallback(name, old, value) {
    if (old !== value && this.isConnected) this.#schedule();
  }

  // Several attributes set in a row make one update.
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#update();
    });
  }

  #cancel() {
    this.#pending?.cancel();
    this.#pending = undefined;
  }

  #update() {
    this.#cancel();
    const settings = readSettings(this);
    const context = { ...settings, ...eventCodes(this.getAttribute('formacode'), this.getAttribute('commune')) };
    try {
      const request = parseRequest(context.formacode, context.commune, this.getAttribute('proxy'), document.baseURI);
      if (request.errors) {
        const lines = request.errors.map((error) => attributeSentence(error, settings.lang));
        this.#show(context, { state: 'error', reason: 'attribute', attribute: request.errors[0][0] },
          errorPanel(ui('attributesTitle', settings.lang), lines));
        return;
      }
      const cached = cachedAnswer(request.url, settings.ttlSeconds);
      if (cached) {
        this.#settle(cached, request, context);
        return;
      }
      this.#show(context, { state: 'loading' }, skeleton(settings));
      const pending = requestAnswer(request.url, settings);
      this.#pending = pending;
      pending.result.then((answer) => {
        // A newer request (or a removal) cancelled this one: its answer is never shown.
        if (this.#pending !== pending) return;
        this.#pending = undefined;
        this.#settle(answer, request, context);
      });
    } catch (error) {
      console.error('retour-emploi: internal error', error);
      this.#show(context, { state: 'error', reason: 'internal' }, errorPanel(ui('errorTitle', settings.lang), [ui('internalError', settings.lang)]));
    }
  }

  #settle(answer, request, context) {
    const { lang, variant } = context;
    if (answer.problem) {
      console.warn(`retour-emploi: ${integratorHint(answer.problem)} (${request.url})`);
      const retry = retryable(answer.problem) && (() => this.#update());
      this.#show(context, { state: 'error', reason: REASONS[answer.problem.kind] },
        errorPanel(ui('errorTitle', lang), [problemMessage(answer.problem, lang)], retry ? ui('retry', lang) : undefined, retry));
      return;
    }
    // Each element completes its own copy: the cached answer stays as the proxy gave it.
    const ranking = completeGeography(structuredClone(answer.ranking), request.commune);
    const demo = ranking.source === 'demo' && h('p', { class: 'demo', part: 'demo' }, ui('demo', lang));
    if (!ranking.headline) {
      this.#show(context, { state: 'not-covered' },
        [demo, h('p', { class: 'panel notice', part: 'not-covered' }, notCovered(lang)), this.#explainer(lang)]);
      return;
    }
    const { level, figure } = ranking.headline;
    this.#show(context, { state: 'ready', level, quintile: figure.quintile }, [
      demo,
      badge(ranking, lang),
      variant !== 'badge' && breakdown(ranking, lang),
      this.#explainer(lang),
    ]);
  }

  #show({ lang, variant, theme, formacode, commune }, detail, body) {
    const widget = h('div', {
      class: 'widget', part: 'widget', 'data-variant': variant, 'data-theme': theme, lang,
      'aria-busy': detail.state === 'loading' && 'true',
    },
    variant === 'full' && h('p', { class: 'title', part: 'title' },
      h('span', { class: 'title-main' }, ui('title', lang)), h('span', { class: 'title-sub' }, ui('subtitle', lang))),
    body);
    this.#mount.replaceChildren(widget);
    this.setAttribute('data-state', detail.state);
    if (this.parentElement?.hasAttribute('data-retour-emploi')) this.parentElement.setAttribute('data-state', detail.state);
    this.dispatchEvent(new CustomEvent('retour-emploi:state', {
      bubbles: true, composed: true, detail: { formacode, commune, level: null, quintile: null, reason: null, attribute: null, ...detail },
    }));
  }

  #explainer(lang) {
    const text = explainer(lang);
    const [heading, measures, outcomes, exclusions, classes, secrecy, source, period] = text;
    const panel = h('div', { id: PANEL_ID, class: 'explainer-panel', part: 'explainer', hidden: true },
      h('p', { class: 'explainer-heading' }, heading), h('p', {}, measures),
      h('ul', {}, outcomes.map((outcome) => h('li', {}, outcome))),
      h('p', {}, exclusions), h('p', {}, classes), h('p', {}, secrecy),
      h('p', { class: 'source' }, source), h('p', { class: 'source' }, period));
    const toggle = (open) => {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
    };
    const button = h('button', {
      type: 'button', class: 'explain-toggle', part: 'explainer-toggle', 'aria-expanded': 'false', 'aria-controls': PANEL_ID,
      click: () => toggle(panel.hidden),
    }, h('span', { class: 'info-icon', 'aria-hidden': 'true' }, 'i'), h('span', { class: 'explain-label' }, ui('explain', lang)));
    return h('div', {
      class: 'explainer',
      keydown: (event) => {
        if (event.key === 'Escape' && !panel.hidden) {
          event.stopPropagation();
          toggle(false);
          button.focus();
        }
      },
    }, button, panel);
  }
}

const pips = (quintile) => h('span', { class: 'pips', 'aria-hidden': 'true' },
  [1, 2, 3, 4, 5].map((n) => h('span', { class: n <= quintile ? 'pip on' : 'pip' })));

function badge(ranking, lang) {
  const headline = ranking.headline;
  const q = headline.figure.quintile;
  const provenance = headline.level === 'bassin' && headline.place.nom
    ? `${levelName('bassin', lang)} ${headline.place.nom}`
    : placeName(headline, lang);
  return h('div', { class: 'badge', part: 'badge', 'data-level': headline.level, 'data-quintile': q },
    h('p', { class: 'badge-class' }, pips(q),
      h('span', { class: 'class-short', 'aria-hidden': 'true' }, classShort(q, lang)),
      h('span', { class: 'sr' }, `${ui('badgeLabel', lang)} ${classSpoken(q, lang)}`)),
    h('p', { class: 'band' }, band(q, lang)),
    headline.figure.rate !== undefined && h('p', { class: 'rate' }, measuredRate(headline.figure.rate, lang)),
    h('p', { class: 'provenance' }, provenance));
}

function breakdown(ranking, lang) {
  const title = ui('breakdown', lang);
  const rows = ranking.levels.map((result) => {
    const q = result.figure?.quintile;
    const status = q ? 'published' : result.why === 'suppressed' ? 'suppressed' : 'unavailable';
    const levelWords = levelName(result.level, lang);
    const name = result.place.nom ? (result.place.nom !== levelWords ? result.place.nom : undefined)
      : result.level !== 'national' ? result.place.code : undefined;
    return h('li', { class: 'row', part: 'row', 'data-level': result.level, 'data-status': status, 'data-quintile': q },
      h('span', { class: 'row-place' }, h('span', { class: 'row-level' }, levelWords), name && h('span', { class: 'row-name' }, name)),
      h('span', { class: 'row-value' }, q
        ? [pips(q), h('span', { class: 'class-short', 'aria-hidden': 'true' }, classShort(q, lang)), h('span', { class: 'sr' }, classSpoken(q, lang))]
        : h('span', { class: 'reason' }, unpublishedReason(result.level, result.why, lang))));
  });
  return h('div', { class: 'breakdown', part: 'breakdown', role: 'group', 'aria-label': title },
    h('p', { class: 'breakdown-title', 'aria-hidden': 'true' }, title),
    h('ul', { class: 'rows', role: 'list' }, rows));
}

function errorPanel(title, lines, retryLabel, retry) {
  return h('div', { class: 'panel error', part: 'error', role: 'alert' },
    h('p', { class: 'error-title' }, title),
    lines.length === 1 ? h('p', { class: 'error-detail' }, lines[0]) : h('ul', { class: 'error-detail' }, lines.map((line) => h('li', {}, line))),
    retry && h('button', { type: 'button', class: 'button', part: 'retry', click: retry }, retryLabel));
}

function skeleton({ lang, variant }) {
  const bone = (width) => h('span', { class: `bone ${width}` });
  return h('div', { class: 'skeleton', part: 'skeleton', role: 'status' },
    h('span', { class: 'sr' }, ui('loading', lang)),
    h('div', { class: 'badge', 'aria-hidden': 'true' },
      h('p', { class: 'badge-class' }, h('span', { class: 'pips' }, [0, 1, 2, 3, 4].map(() => h('span', { class: 'pip' }))), bone('w-class')),
      h('p', { class: 'band' }, bone('w-band')),
      h('p', { class: 'provenance' }, bone('w-place'))),
    variant !== 'badge' && h('div', { class: 'breakdown', 'aria-hidden': 'true' },
      h('p', { class: 'breakdown-title' }, bone('w-title')),
      h('ul', { class: 'rows' }, [0, 1, 2, 3].map(() => h('li', { class: 'row' },
        h('span', { class: 'row-place' }, h('span', { class: 'row-level' }, bone('w-level')), h('span', { class: 'row-name' }, bone('w-name'))),
        h('span', { class: 'row-value' }, bone('w-value')))))),
    h('div', { class: 'explainer', 'aria-hidden': 'true' },
      h('span', { class: 'explain-toggle' }, h('span', { class: 'info-icon' }), h('span', { class: 'explain-label' }, bone('w-explain')))));
}
