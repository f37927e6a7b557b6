// Plain-JavaScript reference implementation of the retour-emploi widget, for the benchmarks only: the
// same element, attributes, parts, states, event, script-tag auto-mount and JS API as the Rust/Wasm widget.
import { ATTRIBUTES, RetourEmploi } from './element.js';

const TAG = 'retour-emploi';
const PLACEHOLDER = '[data-retour-emploi]';
const OPTIONS = { formacode: 'formacode', commune: 'commune', proxy: 'proxy', lang: 'lang', variant: 'variant', theme: 'theme', timeout: 'timeout', cacheTtl: 'cache-ttl' };

/** Defines <retour-emploi>; returns whether this copy defined it (a second copy of the script is a no-op). */
export function define() {
  if (customElements.get(TAG)) return false;
  customElements.define(TAG, RetourEmploi);
  return true;
}

const widgetOf = (element) => (element.localName === TAG ? element : [...element.children].find((child) => child.localName === TAG));

/**
 * Mounts a widget into `element` (or updates the <retour-emploi> it is or holds) and returns it.
 * Throws an Error naming an unknown or ill-typed option.
 */
export function mount(element, options = {}) {
  for (const [name, value] of Object.entries(options)) {
    if (!(name in OPTIONS)) throw new Error(`retour-emploi: mount(): unknown option "${name}" (known: ${Object.keys(OPTIONS).join(', ')})`);
    if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`retour-emploi: mount(): option "${name}" must be a string or a number`);
    }
  }
  define();
  let widget = widgetOf(element);
  if (!widget) {
    widget = document.createElement(TAG);
    element.replaceChildren(widget);
  }
  for (const [name, attribute] of Object.entries(OPTIONS)) {
    const value = options[name];
    if (value !== undefined && value !== null) widget.setAttribute(attribute, String(value));
  }
  return widget;
}

function mountPlaceholder(placeholder) {
  if (placeholder.localName === TAG || widgetOf(placeholder)) return;
  const widget = document.createElement(TAG);
  for (const name of ATTRIBUTES) {
    const value = placeholder.getAttribute(`data-${name}`);
    if (value !== null) widget.setAttribute(name, value);
  }
  placeholder.replaceChildren(widget);
}

/** define(), then mounts into every [data-retour-emploi], now and later, keeping their data-* in sync. */
export function start() {
  const defined = define();
  document.querySelectorAll(PLACEHOLDER).forEach(mountPlaceholder);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const widget = widgetOf(record.target);
        const name = record.attributeName.slice('data-'.length);
        const value = record.target.getAttribute(record.attributeName);
        if (widget && value === null) widget.removeAttribute(name);
        else if (widget) widget.setAttribute(name, value);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(PLACEHOLDER)) mountPlaceholder(node);
        node.querySelectorAll(PLACEHOLDER).forEach(mountPlaceholder);
      }
    }
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ATTRIBUTES.map((name) => `data-${name}`),
  });
  return defined;
}

const STARTED = Symbol.for('retour-emploi.baseline');
if (!globalThis[STARTED]) {
  globalThis[STARTED] = true;
  start();
}
