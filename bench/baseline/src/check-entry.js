// Entry point used by bench/baseline/check.mjs only (not part of the widget bundle).
export { completeGeography, decodeResponse } from './decode.js';
export { band, classShort, percent, problemMessage } from './text.js';
