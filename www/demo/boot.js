// Starts the widget that Trunk built from the widget crate, without an inline script (the demo page runs
// under a strict Content-Security-Policy). Trunk writes the hashed names of the wasm-bindgen glue and of
// the .wasm into this script tag's data attributes (Trunk.toml, pattern_script).
const boot = document.getElementById('retour-emploi-boot');

function report(message, error) {
  document.documentElement.dataset.widget = 'failed';
  const note = document.getElementById('boot-error');
  if (note) {
    note.textContent = message;
    note.hidden = false;
  }
  console.error(`retour-emploi demo: ${message}`, error ?? '');
}

try {
  const glue = await import(boot.dataset.js);
  await glue.default({ module_or_path: boot.dataset.wasm });
  // The widget crate defines <retour-emploi> in start() (and mounts [data-retour-emploi] placeholders);
  // an older build defines it in its #[wasm_bindgen(start)] function, run by the line above.
  if (typeof glue.start === 'function') glue.start();
  if (customElements.get('retour-emploi')) {
    document.documentElement.dataset.widget = 'ready';
  } else {
    report('ce build ne contient pas encore le widget : <retour-emploi> n’est pas défini.');
  }
} catch (error) {
  report('le widget n’a pas pu démarrer (voir la console).', error);
}
