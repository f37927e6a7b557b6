// retour-emploi-widget, the npm entry: `define()` and `mount(element, options)`.
//
// The WebAssembly module loads once, on the first call, from next to this file: bundlers (Vite, webpack 5)
// see `new URL(…, import.meta.url)` and emit the .wasm as an asset. Nothing runs at import time and nothing
// is mounted automatically (the script-tag build does that for [data-retour-emploi] placeholders).
// The element class and the registry shared by every copy of the widget on a page (this package, the
// script tag, another version) live in element.js, which the Rust side imports: whichever copy defines
// <retour-emploi> first drives it, and the others' define() is a no-op.
import init, { define as defineElement, mount as mountWidget } from './retour_emploi_widget.js';

const REGISTRY = Symbol.for('retour-emploi');

let loading = null;

/** Loads the module once; a failure (a Content-Security-Policy without 'wasm-unsafe-eval') is explained. */
function load() {
  if (loading) return loading;
  // Fetched here so that a failed start cancels the download instead of leaving it pending.
  const download = new AbortController();
  const wasm = fetch(new URL('retour_emploi_widget_bg.wasm', import.meta.url), { signal: download.signal });
  loading = init({ module_or_path: wasm }).then(
    () => undefined,
    (error) => {
      download.abort();
      loading = null;
      throw explain(error);
    },
  );
  return loading;
}

function explain(error) {
  const message = String(error?.message ?? error);
  if (/Content Security Policy|wasm-unsafe-eval|'unsafe-eval'/i.test(message)) {
    const directive = message.match(/directive:?\s*"([a-z-]+)/i)?.[1] ?? 'script-src';
    return new Error(
      `retour-emploi: this page's Content-Security-Policy blocks WebAssembly: add 'wasm-unsafe-eval' to its ` +
        `${directive} directive (for example: script-src 'self' 'wasm-unsafe-eval'). Browser message: ${message}`,
      { cause: error },
    );
  }
  return new Error(`retour-emploi: the widget could not start: ${message}`, { cause: error });
}

/**
 * Loads the WebAssembly module and defines `<retour-emploi>`. A no-op when this or another copy of the
 * widget already defined it.
 * @returns {Promise<void>}
 */
export async function define() {
  await load();
  if (defineElement()) {
    // This copy drives the element: after a panic, the element's registry restarts it through here.
    globalThis[REGISTRY].restart = defineElement;
  }
}

/**
 * Defines the element if needed and mounts a widget into `target` with `options` (the attributes, in
 * camelCase). Resolves to the `<retour-emploi>` element.
 * @param {Element} target
 * @param {import('./index.js').MountOptions} options
 * @returns {Promise<HTMLElement>}
 */
export async function mount(target, options) {
  await define();
  return mountWidget(target, options);
}
