// The <retour-emploi> custom element: a thin class that forwards its lifecycle callbacks to the hooks of the
// Wasm instance that currently drives the element. Everything else (rendering, fetching, state) is Rust.
//
// One registry per page, under a symbol every copy of this file agrees on, so that:
// - the element is defined once even when the code is loaded twice (script tag twice, CDN + npm package):
//   the second copy's defineElement() is a no-op;
// - after a Rust panic, which leaves a Wasm instance unusable (panic = abort), the live elements move to a
//   fresh instance of the same module: the loader's `restart` (an export call, which wasm-bindgen routes to
//   a fresh instance once the panic hook has scheduled a re-initialisation) installs new hooks, and every
//   live element is connected again.

const KEY = Symbol.for('retour-emploi');
const TAG = 'retour-emploi';

/** Attributes the element reacts to (documented in the README). */
const OBSERVED = ['formacode', 'commune', 'proxy', 'lang', 'variant', 'theme', 'timeout', 'cache-ttl'];

function registry() {
  let r = globalThis[KEY];
  if (!r) {
    r = {
      hooks: null, // { connected(el), attributeChanged(el, name, old, value), disconnected(el), crashed(el) }
      restart: null, // set by the loader (CDN entry, npm entry): calls an export of the glue
      broken: false, // a panic left the current instance unusable; recovery is scheduled
      live: new Set(), // connected elements
      crashed: new Set(), // elements whose code panicked
      observer: null, // the auto-mount MutationObserver of the current instance
    };
    Object.defineProperty(globalThis, KEY, { value: r, configurable: true });
  }
  return r;
}

function forward(name, ...args) {
  const r = registry();
  if (r.broken || !r.hooks) return; // recovery connects every live element again
  try {
    r.hooks[name](...args);
  } catch (error) {
    // A panic during this call: the console already has its message and recovery is scheduled.
    if (!r.broken) throw error;
  }
}

/**
 * Defines <retour-emploi> with these hooks, unless another copy of the code already drives it.
 * Returns whether these hooks are now the current ones.
 */
export function defineElement(hooks) {
  const r = registry();
  if (r.hooks && !r.broken) return false;
  r.hooks = hooks;
  r.broken = false;
  const defined = customElements.get(TAG);
  if (!defined) {
    customElements.define(
      TAG,
      class RetourEmploiElement extends HTMLElement {
        static retourEmploi = true;
        static get observedAttributes() {
          return OBSERVED;
        }
        connectedCallback() {
          registry().live.add(this);
          forward('connected', this);
        }
        disconnectedCallback() {
          registry().live.delete(this);
          registry().crashed.delete(this);
          forward('disconnected', this);
        }
        attributeChangedCallback(name, old, value) {
          if (old !== value) forward('attributeChanged', this, name, old, value);
        }
      },
    );
  } else if (!defined.retourEmploi) {
    console.error(`retour-emploi: another script already defined <${TAG}>; the widget cannot render.`);
  }
  return true;
}

/** The auto-mount observer of the current instance; the previous one (of a dead instance) stops. */
export function adoptObserver(observer) {
  const r = registry();
  if (r.observer && r.observer !== observer) r.observer.disconnect();
  r.observer = observer;
}

/** Whether a loader registered a restart (the Rust panic hook then schedules a fresh instance). */
export function canRestart() {
  return typeof registry().restart === 'function';
}

/**
 * Called by the Rust panic hook, inside the panicking instance: only plain DOM work here, and recovery
 * once the trap has unwound.
 */
export function reportPanic(element, notice) {
  const r = registry();
  if (element) {
    r.crashed.add(element);
    showNotice(element, notice);
  }
  if (r.broken) return;
  r.broken = true;
  setTimeout(() => recover(notice), 0);
}

function showNotice(element, notice) {
  const root = element.shadowRoot;
  if (!root) return;
  const box = document.createElement('p');
  box.className = 'panel error';
  box.setAttribute('part', 'error');
  box.setAttribute('role', 'alert');
  box.textContent = notice;
  root.replaceChildren(box);
  element.setAttribute('data-state', 'error');
  const placeholder = element.parentElement;
  if (placeholder && placeholder.hasAttribute('data-retour-emploi')) placeholder.setAttribute('data-state', 'error');
}

function recover(notice) {
  const r = registry();
  if (r.observer) r.observer.disconnect();
  r.observer = null;
  const live = [...r.live];
  // The dead instance's DOM and event listeners go with its content.
  for (const el of live) if (!r.crashed.has(el) && el.shadowRoot) el.shadowRoot.replaceChildren();
  if (typeof r.restart !== 'function') {
    console.error('retour-emploi: the widget cannot restart after this error (no loader registered a restart); reload the page.');
    for (const el of live) showNotice(el, notice);
    return;
  }
  try {
    r.restart();
  } catch (error) {
    console.error('retour-emploi: restart after an internal error failed:', error);
  }
  if (r.broken || !r.hooks) {
    for (const el of live) showNotice(el, notice);
    return;
  }
  for (const el of live) {
    if (!el.isConnected) continue;
    if (r.crashed.has(el)) r.hooks.crashed(el);
    else r.hooks.connected(el);
  }
  r.crashed.clear();
}

/**
 * `fetch(url, {signal})` for the Rust side, with its rejection marked as handled here: a request sent
 * before any Rust code waits on it (see `src/fetch.rs`) must not end in an "unhandled rejection" when
 * it is aborted or fails first, and marking it from Rust would take a Rust closure.
 */
export function fetchQuietly(url, signal) {
  const request = fetch(url, { signal });
  request.catch(() => {});
  return request;
}
