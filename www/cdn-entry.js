// Entry of the script-tag build (dist/cdn/retour-emploi.js):
//
//   <script type="module" src="https://…/retour-emploi.js"></script>
//   <div data-retour-emploi data-formacode="22435" data-commune="69123" data-proxy="https://…/rank"></div>
//
// Starts once per page, whatever the number of copies; loads retour-emploi_bg.wasm from next to this script
// (not next to the page); defines <retour-emploi> and mounts a widget into every [data-retour-emploi]
// element, now and later. When WebAssembly cannot start (a Content-Security-Policy without
// 'wasm-unsafe-eval', say), every placeholder says so in words and the console names the fix.

import init, { start } from 'retour-emploi-glue';

const STARTED = Symbol.for('retour-emploi.script');
const REGISTRY = Symbol.for('retour-emploi');

const FALLBACK = {
  fr: {
    csp: 'Le taux de retour à l’emploi ne peut pas s’afficher sur cette page\u00a0: sa politique de sécurité (Content-Security-Policy) bloque WebAssembly.',
    other: 'Le taux de retour à l’emploi n’a pas pu être chargé sur cette page.',
  },
  en: {
    csp: 'The rate of return to employment cannot be shown on this page: its Content-Security-Policy blocks WebAssembly.',
    other: 'The rate of return to employment could not be loaded on this page.',
  },
};

function cannotStart(error) {
  const message = String((error && error.message) || error);
  const csp = /Content Security Policy|wasm-unsafe-eval|'unsafe-eval'/i.test(message);
  if (csp) {
    const directive = (message.match(/directive:?\s*"([a-z-]+)/i) || [])[1] || 'script-src';
    console.error(
      `retour-emploi: this page's Content-Security-Policy blocks WebAssembly: add 'wasm-unsafe-eval' to its ` +
        `${directive} directive (for example: script-src 'self' 'wasm-unsafe-eval'). Browser message: ${message}`,
    );
  } else {
    console.error('retour-emploi: the widget could not start:', error);
  }
  const show = () => {
    for (const element of document.querySelectorAll('[data-retour-emploi], retour-emploi')) {
      if (element.localName === 'retour-emploi' && element.parentElement?.hasAttribute('data-retour-emploi')) continue;
      const lang = (element.getAttribute('data-lang') || element.getAttribute('lang') || '').slice(0, 2).toLowerCase();
      const words = FALLBACK[lang] || FALLBACK.fr;
      element.textContent = csp ? words.csp : words.other;
      element.setAttribute('data-state', 'error');
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, { once: true });
  else show();
}

async function boot() {
  // Fetched here, not by the glue, so that a start that fails (a CSP refusing WebAssembly rejects before
  // the body is read) can cancel the download instead of leaving it pending for the page's life.
  const download = new AbortController();
  try {
    const wasm = fetch(new URL('retour-emploi_bg.wasm', import.meta.url), { signal: download.signal });
    await init({ module_or_path: wasm });
  } catch (error) {
    download.abort();
    cannotStart(error);
    return;
  }
  // When this copy drives the element, a panic moves the widgets to a fresh instance by calling start()
  // again (see www/element.js).
  if (start()) globalThis[REGISTRY].restart = start;
}

if (!globalThis[STARTED]) {
  Object.defineProperty(globalThis, STARTED, { value: true });
  boot();
}
