// The <retour-emploi> custom element: attributes in, shadow DOM out (parts and data-* as in the public
// contract), `data-state` on the host and a `retour-emploi:state` event on every state change.
import css from './styles.css';
import { completeGeography } from './decode.js';
import { cachedAnswer, requestAnswer } from './fetch.js';
import { parseRequest } from './request.js';
import {
  attributeSentence, band, classShort, classSpoken, explainer, integratorHint, leavers, levelName,
  measuredRate, notCovered, placeName, problemMessage, retryable, ui, unpublishedReason,
} from './text.js';

export const ATTRIBUTES = ['formacode', 'commune', 'proxy', 'lang', 'variant', 'theme'];

let sheet;
function adoptStyles(root) {
  if ('adoptedStyleSheets' in root) {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
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
  element.append(...children.flat().filter((child) => child !== undefined && child !== false));
  return element;
}

const langOf = (tag) => (/^en(?:[-_]|$)/i.test((tag ?? '').trim()) ? 'en' : 'fr');
const variantOf = (name) => (['compact', 'badge'].includes(name) ? name : 'full');

export class RetourEmploi extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #root;
  #pending; // the fetch this element waits for
  #scheduled = false;
  #explainerOpen = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root);
    this.#root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#explainerOpen) this.#toggleExplainer(false);
    });
  }

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#cancel();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#schedule();
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
    const lang = langOf(this.getAttribute('lang'));
    const variant = variantOf(this.getAttribute('variant'));
    const request = parseRequest(
      this.getAttribute('formacode'), this.getAttribute('commune'), this.getAttribute('proxy'),
    );
    const context = { lang, variant, formacode: request.formacode, commune: request.commune };
    if (request.errors) {
      for (const error of request.errors) console.warn(`retour-emploi: ${attributeSentence(error, 'en')}`);
      this.#show('error', context, this.#badAttributes(request.errors, lang));
      return;
    }
    const cached = cachedAnswer(request.url);
    if (cached) {
      this.#settle(cached, request, context);
      return;
    }
    this.#show('loading', context, this.#skeleton(context));
    const pending = requestAnswer(request.url);
    this.#pending = pending;
    pending.result.then((answer) => {
      // A newer request (or a removal) cancelled this one: its answer is never shown.
      if (this.#pending !== pending) return;
      this.#pending = undefined;
      this.#settle(answer, request, context);
    });
  }

  #settle(answer, request, context) {
    if (answer.problem) {
      console.warn(`retour-emploi: ${integratorHint(answer.problem)} (${request.url})`);
      this.#show('error', context, this.#problem(answer.problem, context.lang));
      return;
    }
    // Each element completes its own copy: the cached answer stays as the proxy gave it.
    const ranking = completeGeography(structuredClone(answer.ranking), request.commune);
    if (!ranking.headline) {
      this.#show('not-covered', context, this.#frame(context, ranking, h('p', { part: 'message' }, notCovered(context.lang))));
      return;
    }
    this.#show('ready', { ...context, headline: ranking.headline }, this.#ready(ranking, context));
  }

  #show(state, { formacode, commune, headline }, content) {
    this.#explainerOpen = false;
    this.#root.replaceChildren(content);
    this.setAttribute('data-state', state);
    const detail = { state, formacode, commune };
    if (headline) Object.assign(detail, { level: headline.level, quintile: headline.figure.quintile });
    this.dispatchEvent(new CustomEvent('retour-emploi:state', { bubbles: true, composed: true, detail }));
  }

  #frame({ lang, variant }, ranking, ...body) {
    return h('section', { part: 'widget', class: `widget ${variant}`, lang, 'aria-label': ui('title', lang) },
      variant === 'badge' ? undefined : h('header', { class: 'head' },
        h('span', { class: 'title' }, ui('title', lang)),
        ranking?.source === 'demo' && h('span', { part: 'demo', class: 'demo' }, ui('demo', lang))),
      body);
  }

  #ready(ranking, { lang, variant }) {
    const { level, figure } = ranking.headline;
    const where = level === 'bassin' && ranking.headline.place.nom
      ? `${levelName(level, lang)} ${ranking.headline.place.nom}`
      : placeName(ranking.headline, lang);
    const badge = h('div', { part: 'badge', class: `badge q${figure.quintile}`, 'data-level': level, 'data-quintile': figure.quintile },
      h('span', { class: 'meter', 'aria-hidden': 'true' }, [1, 2, 3, 4, 5].map((n) => h('i', { class: n <= figure.quintile ? 'on' : undefined }))),
      h('span', { class: 'class', 'aria-hidden': 'true' }, classShort(figure.quintile, lang)),
      h('span', { class: 'sr' }, classSpoken(figure.quintile, lang)),
      h('span', { class: 'band' }, band(figure.quintile, lang)),
      figure.rate !== undefined && h('span', { class: 'rate' }, measuredRate(figure.rate, lang)),
      h('span', { class: 'where' }, where));
    if (variant === 'badge') return this.#frame({ lang, variant }, ranking, badge);
    const rows = ranking.levels.map((result) => {
      const published = result.figure;
      return h('li', {
        part: 'row', class: 'row',
        'data-level': result.level,
        'data-status': published ? 'published' : result.why === 'suppressed' ? 'suppressed' : 'unavailable',
        'data-quintile': published?.quintile,
      },
      h('span', { class: 'level' }, levelName(result.level, lang)),
      h('span', { class: 'name' }, placeName(result, lang)),
      published
        ? h('span', { class: `value q${published.quintile}` }, classShort(published.quintile, lang),
          published.leavers !== undefined && h('small', {}, ` · ${leavers(published.leavers, lang)}`))
        : h('span', { class: 'value none' }, unpublishedReason(result.level, result.why, lang)));
    });
    const breakdown = h('ul', { part: 'breakdown', class: 'breakdown', 'aria-label': ui('breakdown', lang) }, rows);
    return this.#frame({ lang, variant }, ranking, badge, breakdown, variant === 'full' && this.#explainer(lang));
  }

  #explainer(lang) {
    const button = h('button', {
      type: 'button', part: 'explain-button', class: 'explain', 'aria-expanded': 'false', 'aria-controls': 'explainer',
      click: () => this.#toggleExplainer(!this.#explainerOpen),
    }, ui('explain', lang));
    const [heading, measures, outcomes, ...rest] = explainer(lang);
    const panel = h('div', { id: 'explainer', part: 'explainer', class: 'explainer', hidden: true, tabindex: '-1' },
      h('h3', {}, heading), h('p', {}, measures), h('ul', {}, outcomes.map((text) => h('li', {}, text))),
      rest.map((text) => h('p', {}, text)));
    return h('div', { class: 'about' }, button, panel);
  }

  #toggleExplainer(open) {
    const button = this.#root.querySelector('.explain');
    const panel = this.#root.querySelector('.explainer');
    if (!button || !panel) return;
    this.#explainerOpen = open;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    (open ? panel : button).focus();
  }

  #skeleton(context) {
    const bar = (cls) => h('span', { class: `bone ${cls}` });
    const rows = context.variant === 'badge' ? undefined : h('ul', { class: 'breakdown' },
      [0, 1, 2, 3].map(() => h('li', { class: 'row' }, bar('level'), bar('name'), bar('value'))));
    return this.#frame(context, undefined,
      h('div', { class: 'badge skeleton', 'aria-busy': 'true' }, bar('meter'), bar('class'), bar('band'),
        h('span', { class: 'sr' }, ui('loading', context.lang))),
      rows);
  }

  #problem(problem, lang) {
    return this.#frame({ lang, variant: 'full' }, undefined,
      h('div', { part: 'error', class: 'error', role: 'alert' },
        h('p', {}, problemMessage(problem, lang)),
        retryable(problem) && h('button', { type: 'button', part: 'retry', class: 'retry', click: () => this.#update() }, ui('retry', lang))));
  }

  #badAttributes(errors, lang) {
    return this.#frame({ lang, variant: 'full' }, undefined,
      h('div', { part: 'error', class: 'error', role: 'alert' },
        h('p', {}, ui('badIntro', lang)),
        h('ul', {}, errors.map((error) => h('li', { 'data-attribute': error[0] }, attributeSentence(error, lang))))));
  }
}
