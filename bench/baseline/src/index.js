// Plain-JavaScript reference implementation of the retour-emploi widget, for the benchmarks only: the
// same element, attributes, parts, states, event, script-tag auto-mount and JS API as the Rust/Wasm widget.
import { ATTRIBUTES, RetourEmploi } from './element.js';

const TAG = 'retour-emploi';
const mounted = new WeakMap(); // placeholder element → its <retour-emploi>

/** Defines <retour-emploi>; defining twice (two copies of the script) is a no-op. */
export function define() {
  if (!customElements.get(TAG)) customElements.define(TAG, RetourEmploi);
}

/** Mounts a widget into `element` (or configures it, if it is a <retour-emploi>) and returns it. */
export function mount(element, options = {}) {
  define();
  const widget = element.localName === TAG ? element : mounted.get(element) ?? document.createElement(TAG);
  for (const name of ATTRIBUTES) {
    const value = options[name];
    if (value !== undefined && value !== null) widget.setAttribute(name, String(value));
  }
  if (widget !== element && !widget.isConnected) {
    mounted.set(element, widget);
    element.append(widget);
  }
  return widget;
}

function mountPlaceholder(element) {
  if (mounted.has(element)) return;
  const options = {};
  for (const name of ATTRIBUTES) options[name] = element.dataset[name];
  mount(element, options);
}

function mountAll(root) {
  if (root.matches?.('[data-retour-emploi]')) mountPlaceholder(root);
  root.querySelectorAll?.('[data-retour-emploi]').forEach(mountPlaceholder);
}

define();
mountAll(document);
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === 'attributes') mountAll(record.target);
    else record.addedNodes.forEach((node) => node.nodeType === 1 && mountAll(node));
  }
}).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-retour-emploi'] });
