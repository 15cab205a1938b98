/**
 * The words of the SPA for hosted products' modules that render no page (and their unit tests, which run
 * without a browser): the dictionary, translation and the date rule. `kit.ts` re-exports all of it.
 */
export { formatDate, formatDateTime, formatLastDay, lastDayOf } from './i18n/format.js';
export { dynamicKey, translate, useT } from './i18n/i18n.js';
export { nl, type MessageKey } from './i18n/nl.js';
