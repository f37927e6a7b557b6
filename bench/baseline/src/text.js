// Every text the widget shows, in French and English, with French typography (decimal comma, U+202F
// narrow no-break space before % and between digit groups): the same texts as `core::display`,
// `core::problem` and the attribute errors of `core`.
import { CUT_POINTS, THRESHOLD } from './decode.js';

const NNBSP = '\u202F';
const pick = (lang, fr, en) => (lang === 'en' ? en : fr);

const LABELS = {
  fr: ['Faible', 'Correct', 'Satisfaisant', 'Élevé', 'Excellent'],
  en: ['Low', 'Fair', 'Good', 'High', 'Excellent'],
};
export const classLabel = (q, lang) => LABELS[lang][q - 1];
export const classShort = (q, lang) => `${q} / 5 · ${classLabel(q, lang)}`;
export const classSpoken = (q, lang) =>
  `${q} ${pick(lang, 'sur', 'out of')} 5, ${classLabel(q, lang).toLowerCase()}`;

function groupThousands(n, lang) {
  return String(n).replace(/\B(?=(\d{3})+$)/g, pick(lang, NNBSP, ','));
}

/** `63,5 %` / `63.5%`: at most one decimal. */
export function percent(fraction, lang) {
  const tenths = Math.round(fraction * 1000);
  const decimal = tenths % 10;
  const text = groupThousands(Math.trunc(tenths / 10), lang) + (decimal ? pick(lang, ',', '.') + decimal : '');
  return text + pick(lang, `${NNBSP}%`, '%');
}

export const leavers = (n, lang) => `${groupThousands(n, lang)} ${pick(lang, 'sortants de formation', 'leavers')}`;

/** `entre 60 % et 68 %`, `moins de 43 %`, `68 % ou plus`. */
export function band(q, lang) {
  const lo = CUT_POINTS[q - 2];
  const hi = CUT_POINTS[q - 1];
  if (lo !== undefined && hi !== undefined) {
    return `${pick(lang, 'entre', 'between')} ${percent(lo, lang)} ${pick(lang, 'et', 'and')} ${percent(hi, lang)}`;
  }
  if (hi !== undefined) return `${pick(lang, 'moins de', 'below')} ${percent(hi, lang)}`;
  return `${percent(lo, lang)} ${pick(lang, 'ou plus', 'or more')}`;
}

export const levelName = (level, lang) =>
  ({
    bassin: pick(lang, 'Bassin d’emploi', 'Employment area'),
    departement: 'Département',
    region: pick(lang, 'Région', 'Region'),
    national: 'France',
  })[level];

/** A level's territory: its name, else the level's name and code, else the level's name. */
export function placeName({ level, place }, lang) {
  if (place.nom) return place.nom;
  if (place.code && level !== 'national') return `${levelName(level, lang)} ${place.code}`;
  return levelName(level, lang);
}

export function unpublishedReason(level, why, lang) {
  if (why === 'suppressed') {
    return level === 'national'
      ? pick(lang, `non publié\u00a0: moins de ${THRESHOLD} sortants (secret statistique)`,
        `not published: fewer than ${THRESHOLD} leavers (statistical secrecy)`)
      : pick(lang, `non publié\u00a0: ${THRESHOLD} sortants ou moins (secret statistique)`,
        `not published: ${THRESHOLD} leavers or fewer (statistical secrecy)`);
  }
  if (why === 'not-published') return pick(lang, 'non publié', 'not published');
  return pick(lang, 'non disponible', 'not available');
}

export const notCovered = (lang) =>
  pick(lang,
    `Taux non déterminé\u00a0: trop peu de personnes ont suivi cette formation (moins de ${THRESHOLD} sortants au niveau national) pour publier un résultat.`,
    `Rate not determined: too few people took this training (fewer than ${THRESHOLD} leavers nationally) to publish a result.`);

const REFUSALS = {
  'unknown-commune': ['Commune inconnue\u00a0: ce code INSEE n’est pas reconnu.', 'Unknown commune: the commune code is unknown.'],
  'unknown-formacode': ['Formation inconnue\u00a0: ce formacode n’est pas reconnu.', 'Unknown training: the formacode is unknown.'],
  'no-statistics': ['Aucune statistique n’est disponible pour cette commune.', 'No statistics are available for this commune.'],
  'missing-parameter': ['La demande est arrivée incomplète au service (paramètre manquant).',
    'The request was refused: it reached the service without all its parameters.'],
};

/** What a visitor reads when the data could not be shown. */
export function problemMessage(problem, lang) {
  switch (problem.kind) {
    case 'refused': {
      const known = REFUSALS[problem.refusal];
      if (known) return pick(lang, ...known);
      return pick(lang, `La demande a été refusée par le service (erreur ${problem.status}).`,
        `The request was refused by the service (error ${problem.status}).`);
    }
    case 'not-data':
      return pick(lang, 'Le proxy n’a pas répondu avec des données (page HTML ou réponse illisible).',
        'The proxy did not answer with data (an HTML page or an unreadable answer).');
    case 'unavailable':
      return pick(lang, `Service momentanément indisponible (erreur ${problem.status}). Réessayez dans un instant.`,
        `Service unavailable (error ${problem.status}). Please retry in a moment.`);
    case 'timeout':
      return pick(lang, 'Le service a mis trop de temps à répondre.', 'The service took too long to answer.');
    default:
      return pick(lang,
        'Impossible de joindre le service de données\u00a0: il est hors ligne ou refuse les requêtes de ce site (CORS).',
        'The data service could not be reached: it is offline or refused this site’s cross-origin request (CORS).');
  }
}

/** What the integrator can do about it (console only). */
export function integratorHint(problem) {
  switch (problem.kind) {
    case 'refused':
      return problem.refusal === 'missing-parameter'
        ? 'the proxy answered that a parameter is missing: make sure it passes the formacode and codeinseeville query parameters on'
        : problem.refusal === 'unspecified' && problem.detail
          ? `the proxy refused the request with HTTP ${problem.status}: ${problem.detail}`
          : `the proxy refused the request with HTTP ${problem.status} (${problem.refusal})${problem.detail ? `: ${problem.detail}` : ''}`;
    case 'not-data':
      return 'the proxy URL answered something that is not retour-emploi data (HTML or unreadable JSON): check the `proxy` attribute points at the proxy endpoint, not at a web page';
    case 'unavailable':
      return `the proxy answered HTTP ${problem.status}: the proxy or France Travail is failing; the widget offers a retry`;
    case 'timeout':
      return 'no answer before the timeout: the proxy is slow or down; the widget offers a retry';
    default:
      return 'the request failed before any answer: the proxy is unreachable, or it does not send CORS headers (Access-Control-Allow-Origin) for this page’s origin, or the page’s Content-Security-Policy connect-src does not allow it';
  }
}

export const retryable = (problem) => ['unavailable', 'timeout', 'network'].includes(problem.kind);

/** Attribute errors: [attribute, fr, en]. */
export function attributeSentence([attribute, fr, en], lang) {
  return pick(lang, `attribut ${attribute}\u00a0: ${fr}`, `attribute ${attribute}: ${en}`);
}

/** The exact rate, when a source gives one. */
export const measuredRate = (rate, lang) => `${pick(lang, 'Taux mesuré\u00A0:', 'Measured rate:')} ${percent(rate, lang)}`;

/** The explainer: [heading, measures, [three outcomes], exclusions, classes, secrecy, source, period]. */
export function explainer(lang) {
  const lowest = `${classLabel(1, lang).toLowerCase()}, ${band(1, lang)}`;
  const highest = `${classLabel(5, lang).toLowerCase()}, ${band(5, lang)}`;
  return lang === 'en'
    ? [
      'What this rate measures',
      'Among job seekers registered with France Travail who finished a training course in this field, the share who, within six months of the end of the course:',
      ['found salaried work of one month or more;', 'or got a subsidised contract;', 'or started their own business.'],
      'Jobs with private-household employers, public employers or employers abroad, and temp missions of unknown length, do not count.',
      `The rate is published in five classes, from 1 (${lowest}) to 5 (${highest}).`,
      `Statistical secrecy: a training taken by fewer than ${THRESHOLD} leavers in all of France is not published; in an employment area, a département or a region, the rate is published only above ${THRESHOLD} leavers. The rate shown is the one of the nearest area that publishes one.`,
      'Source: France Travail, La Bonne Formation service (rate of return to employment after training).',
      'Period: people who left training since January 2013, situation six months after the end of the course.',
    ]
    : [
      'Ce que mesure ce taux',
      'Parmi les demandeurs d’emploi inscrits à France Travail qui ont terminé une formation de ce domaine, la part de ceux qui, dans les six mois suivant la fin de la formation\u00A0:',
      ['ont retrouvé un emploi salarié d’au moins un mois\u00A0;', 'ou ont signé un contrat aidé\u00A0;', 'ou ont créé leur entreprise.'],
      'Ne sont pas comptés les emplois chez un particulier employeur, dans la fonction publique ou à l’étranger, ni les missions d’intérim de durée inconnue.',
      `Le taux est publié en cinq classes, de 1 (${lowest}) à 5 (${highest}).`,
      `Secret statistique\u00A0: une formation suivie par moins de ${THRESHOLD} sortants dans toute la France n’est pas publiée\u00A0; dans un bassin d’emploi, un département ou une région, le taux n’est publié qu’au-delà de ${THRESHOLD} sortants. Le taux affiché est celui du territoire le plus proche qui en publie un.`,
      'Source\u00A0: France Travail, service La Bonne Formation (taux de retour à l’emploi suite formation).',
      'Période\u00A0: sorties de formation depuis janvier 2013, situation observée six mois après la fin de la formation.',
    ];
}

const UI = {
  title: ['Taux de retour à l’emploi', 'Rate of return to employment'],
  subtitle: ['six mois après la formation', 'six months after training'],
  loading: ['Chargement du taux de retour à l’emploi…', 'Loading the rate of return to employment…'],
  breakdown: ['Par territoire', 'By area'],
  explain: ['Comment lire ce taux\u202F?', 'How to read this rate?'],
  demo: ['Données de démonstration', 'Demo data'],
  errorTitle: ['Le taux de retour à l’emploi n’a pas pu être affiché.', 'The rate of return to employment could not be shown.'],
  attributesTitle: ['Ce widget est mal configuré\u00A0:', 'This widget is misconfigured:'],
  retry: ['Réessayer', 'Retry'],
  internalError: ['Le widget a rencontré une erreur interne et s’est arrêté. Rechargez la page pour réessayer.',
    'The widget hit an internal error and stopped. Reload the page to try again.'],
  badgeLabel: ['Taux de retour à l’emploi\u00A0:', 'Rate of return to employment:'],
};
/** Words of the widget's own interface (not about the data). */
export const ui = (key, lang) => UI[key][lang === 'en' ? 1 : 0];
