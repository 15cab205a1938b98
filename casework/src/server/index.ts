/** Casework's server side, for the host that mounts it (dashboard/src/server/app.ts) and its config. */
export type { CaseDeps } from './case-deps.js';
export { loadCommissieConfig, type CommissieConfig } from './config.js';
export { CASEWORK_ERRORS, CaseworkError, CaseworkErrorCode } from './errors.js';
export { caseworkPlugin } from './plugin.js';
