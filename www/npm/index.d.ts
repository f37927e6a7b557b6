// Types of the npm package retour-emploi-widget (hand-written: wasm-bindgen's say `any`).

/** Display language. Another value falls back to French, with a console warning. */
export type RetourEmploiLang = 'fr' | 'en';
/** How much the widget shows: everything, badge and breakdown, or the badge alone. */
export type RetourEmploiVariant = 'full' | 'compact' | 'badge';
/** Colours; `auto` follows the visitor's `prefers-color-scheme`. */
export type RetourEmploiTheme = 'light' | 'dark' | 'auto';
/** The widget's state, also in the host's `data-state` attribute. */
export type RetourEmploiState = 'loading' | 'ready' | 'not-covered' | 'error';
/** A geographic level, most local first. */
export type RetourEmploiLevel = 'bassin' | 'departement' | 'region' | 'national';
/** The class of a rate among all trainings: 1 (lowest fifth) to 5 (highest fifth). */
export type RetourEmploiQuintile = 1 | 2 | 3 | 4 | 5;

/** The options of `mount()`: the element's attributes, in camelCase. */
export interface MountOptions {
  /** Formacode of the training: 5 digits, e.g. `'22435'`. */
  formacode: string | number;
  /** INSEE code of the commune (not a postal code): 5 characters, e.g. `'69123'` or `'2A004'`. */
  commune: string | number;
  /**
   * The proxy: a base URL (`https://example.org/v1/rank`, `?formacode=…&codeinseeville=…` is appended) or a
   * template with `{formacode}` and `{commune}` (`/data/{formacode}/{commune}.json`). http(s) or relative.
   */
  proxy: string;
  /** Default `'fr'`. */
  lang?: RetourEmploiLang;
  /** Default `'full'`. */
  variant?: RetourEmploiVariant;
  /** Default `'light'`. */
  theme?: RetourEmploiTheme;
  /** Request timeout in seconds (default 8). */
  timeout?: number | string;
  /** Keep answers in `sessionStorage` for this many seconds (default: only for the page's life). */
  cacheTtl?: number | string;
}

/** Why a widget shows an error: a wrong attribute, an internal error, or what went wrong with the request. */
export type RetourEmploiErrorReason = 'attribute' | 'internal' | 'refused' | 'not-data' | 'unavailable' | 'timeout' | 'network';

/** The `detail` of the `retour-emploi:state` event (bubbles, composed). */
export type RetourEmploiStateDetail =
  | { state: 'loading' | 'not-covered'; formacode: string; commune: string }
  | {
      state: 'ready';
      formacode: string;
      commune: string;
      /** The level the badge shows: the most local one published. */
      level: RetourEmploiLevel;
      /** The badge's class. */
      quintile: RetourEmploiQuintile;
    }
  | {
      state: 'error';
      /** As the page gave them (absent when the attribute is missing). */
      formacode?: string;
      commune?: string;
      reason: RetourEmploiErrorReason;
      /** For `reason: 'attribute'`: the first wrong attribute. */
      attribute?: 'formacode' | 'commune' | 'proxy';
    };

export type RetourEmploiStateEvent = CustomEvent<RetourEmploiStateDetail>;

/**
 * The `<retour-emploi>` element. Attributes: `formacode`, `commune`, `proxy`, `lang`, `variant`, `theme`,
 * `timeout`, `cache-ttl`; changing one updates the widget. Its open shadow root exposes the parts `badge`
 * (`data-level`, `data-quintile`), `breakdown` and four `row` (`data-level`, `data-status`).
 */
export interface RetourEmploiElement extends HTMLElement {
  addEventListener<K extends keyof RetourEmploiElementEventMap>(
    type: K,
    listener: (this: RetourEmploiElement, event: RetourEmploiElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RetourEmploiElementEventMap>(
    type: K,
    listener: (this: RetourEmploiElement, event: RetourEmploiElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export interface RetourEmploiElementEventMap extends HTMLElementEventMap {
  'retour-emploi:state': RetourEmploiStateEvent;
}

/**
 * Loads the WebAssembly module (once per page, shared with any other copy of the widget) and defines
 * `<retour-emploi>`. Calling it again, or after another copy defined the element, does nothing.
 */
export function define(): Promise<void>;

/**
 * Defines the element if needed, then mounts a widget into `target` with `options` and resolves to the
 * `<retour-emploi>` element: `target` itself when it is one, else the one already in it, else a new child.
 * Rejects with an `Error` naming the wrong option.
 */
export function mount(target: Element, options: MountOptions): Promise<RetourEmploiElement>;

declare global {
  interface HTMLElementTagNameMap {
    'retour-emploi': RetourEmploiElement;
  }
  interface HTMLElementEventMap {
    'retour-emploi:state': RetourEmploiStateEvent;
  }
  interface DocumentEventMap {
    'retour-emploi:state': RetourEmploiStateEvent;
  }
  interface WindowEventMap {
    'retour-emploi:state': RetourEmploiStateEvent;
  }
}
