export { Pendant } from './pendant.js';
export { PENDANT_DEFAULTS, type PendantOptions } from './pendant-options.js';
export type { PendantEvents, SentMessage } from './pendant-events.js';
export type { PendantSnapshot } from './pendant-snapshot.js';
export { TOWNS, TOWN_NAMES, type Town } from './model/homes.js';
export { readCredentials, type Credential } from './credentials.js';
