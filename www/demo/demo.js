// The demo page's pickers: a training and a commune, chosen by name or by code through the proxy's
// /v1/formacodes and /v1/communes endpoints (native <datalist> comboboxes: keyboard and screen-reader
// friendly), then shown by the main <retour-emploi> element. The choice is kept in the address (shareable).

const widget = document.getElementById('widget');
const form = document.getElementById('picker');
const formation = document.getElementById('formation');
const commune = document.getElementById('commune');
const picked = document.getElementById('picked');
const snippet = document.getElementById('snippet');
const stateEvent = document.getElementById('state-event');
const settings = ['lang', 'variant', 'theme'].map((id) => document.getElementById(id));

async function search(endpoint, q, limit = 8) {
  try {
    const response = await fetch(`${endpoint}?q=${encodeURIComponent(q)}&limit=${limit}`);
    return response.ok ? await response.json() : [];
  } catch {
    return [];
  }
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.label = label;
  element.textContent = label;
  return element;
}

const labels = {
  formation: (t) => t.libelle,
  commune: (c) => `${c.nom} (${c.departement.code}) · bassin ${c.bassin.nom}`,
};

function suggestions(input, list, endpoint, label) {
  let timer;
  let latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      const asked = ++latest;
      const items = await search(endpoint, q);
      if (asked !== latest) return; // an older answer arriving late
      list.replaceChildren(...items.map((item) => option(item.code, label(item))));
    }, 150);
  });
}

suggestions(formation, document.getElementById('formation-options'), '/v1/formacodes', labels.formation);
suggestions(commune, document.getElementById('commune-options'), '/v1/communes', labels.commune);

// A name typed without picking a suggestion: take the best match. Text that is a code, or an attempt at
// one (digits, or 2A/2B and digits: "6912", "97", "2B"), is passed on as typed (2a → 2A), so that the
// widget says what is wrong with it instead of showing another place. A name that matches nothing is
// said here, and the widget keeps what it shows.
const CODE_ATTEMPT = /^[\s\d]*$|^\s*2[AB][\s\d]*$/i;

async function resolve(text, endpoint) {
  const value = text.trim();
  if (CODE_ATTEMPT.test(value)) return { code: value.toUpperCase() };
  const [best] = await search(endpoint, value, 1);
  return best ? { code: best.code } : { unmatched: value };
}

// What a code is, in words: "Coiffure", "Lyon (69, Rhône)", "Alfortville (94, Val-de-Marne), ancienne commune".
async function describe(code, endpoint) {
  const [found] = code ? await search(endpoint, code, 1) : [];
  if (!found || found.code !== code) return null;
  if (found.libelle) return found.libelle;
  const place = `${found.nom} (${found.departement.code}, ${found.departement.nom})`;
  // Pre-merger codes stand for a town that is now part of another: say so (75001 is not Paris 1er).
  const kind = { ancienne: 'ancienne commune', deleguee: 'commune déléguée', associee: 'commune associée' }[found.type];
  return kind ? `${place}, ${kind}` : place;
}

async function describePick(formacode, communeCode) {
  const [training, place] = await Promise.all([
    describe(formacode, '/v1/formacodes'),
    describe(communeCode, '/v1/communes'),
  ]);
  const shown = (code, words) => (code ? `${code}${words ? ` · ${words}` : ''}` : '(aucune)');
  picked.textContent = `Formation ${shown(formacode, training)}, commune ${shown(communeCode, place)}.`;
}

function show(formacode, communeCode) {
  widget.setAttribute('formacode', formacode);
  widget.setAttribute('commune', communeCode);
  for (const select of settings) widget.setAttribute(select.id, select.value);
  describePick(formacode, communeCode);
  const attributes = [
    ['formacode', formacode],
    ['commune', communeCode],
    ['proxy', 'https://votre-proxy.example/v1/rank'],
    ...settings.map((s) => [s.id, s.value]),
  ];
  snippet.textContent = `<script type="module" src="https://votre-cdn.example/retour-emploi.js"></script>\n`
    + `<retour-emploi ${attributes.map(([k, v]) => `${k}="${v}"`).join(' ')}></retour-emploi>`;
  const address = new URL(window.location.href);
  address.searchParams.set('formacode', formacode);
  address.searchParams.set('commune', communeCode);
  for (const select of settings) address.searchParams.set(select.id, select.value);
  window.history.replaceState(null, '', address);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const [training, place] = await Promise.all([
    resolve(formation.value, '/v1/formacodes'),
    resolve(commune.value, '/v1/communes'),
  ]);
  const unmatched = [
    training.unmatched && `aucune formation ne correspond à «\u00a0${training.unmatched}\u00a0» (essayez un mot de l’intitulé, ou le formacode)`,
    place.unmatched && `aucune commune ne correspond à «\u00a0${place.unmatched}\u00a0» (essayez le nom seul, par exemple «\u00a0Saint-Denis\u00a0», ou le code INSEE)`,
  ].filter(Boolean);
  if (unmatched.length) {
    picked.textContent = `Rien n’a changé\u00a0: ${unmatched.join('\u00a0; ')}.`;
    return;
  }
  formation.value = training.code;
  commune.value = place.code;
  show(training.code, place.code);
});

for (const select of settings) {
  // Shown at once, and kept in the snippet and the address (the training and commune shown stay).
  select.addEventListener('change', () => show(widget.getAttribute('formacode'), widget.getAttribute('commune')));
}

widget.addEventListener('retour-emploi:state', (event) => {
  // The event's detail as a page's script receives it (the values are the contract's codes).
  stateEvent.textContent = JSON.stringify(event.detail);
});

// Start from the address, else from the element's own attributes.
const params = new URLSearchParams(window.location.search);
for (const select of settings) {
  const value = params.get(select.id);
  if (value && [...select.options].some((o) => o.value === value)) select.value = value;
}
formation.value = params.get('formacode') ?? widget.getAttribute('formacode');
commune.value = params.get('commune') ?? widget.getAttribute('commune');
show(formation.value, commune.value);
