/**
 * What a product hosted by the dashboard's server (casework) uses of it: the signed-in guard, body and
 * query parsing, the host's error codes and handler, and the role names. Hosted code imports only this
 * (`@aware/dashboard/host`), never the dashboard's internals.
 */
export { DashboardError, DashboardErrorCode } from './errors.js';
export { errorHandler } from './http/error-handler.js';
export { requireRole, signedIn } from './http/guard.js';
export { parseWith } from './http/parse.js';
export { nl } from '../i18n/nl.js';
