/** @aware/dispatch: the alarm engine. */
export { start, type DispatchDeps, type RunningDispatch } from './start.js';
export { loadConfig, type DispatchConfig } from './config.js';
export { dispatchPlugin } from './http/plugin.js';
export type { DispatchServices } from './http/services.js';
export { Authenticator } from './auth/authenticator.js';
export { DISPATCH_ERRORS, DispatchError, DispatchErrorCode, isDispatchError } from './errors.js';
export { WebhookTarget } from './outbox/targets.js';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verifySignature } from './outbox/sign.js';
export { CLOSE_RESYNC } from './live/console-session.js';
