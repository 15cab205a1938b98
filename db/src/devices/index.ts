export * from './status.js';
export type { Device } from './device-row.js';
export * from './create-device.js';
export * from './rotate-device-secret.js';
export * from './find-device-for-auth.js';
export * from './set-device-status.js';
export * from './list-devices.js';
export * from './upgrade-device-secret-hash.js';
