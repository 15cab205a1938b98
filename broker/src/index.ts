export { start, type BrokerDeps, type RunningBroker } from './start.js';
export { loadConfig, BrokerEnv, type BrokerConfig } from './config.js';
export { BROKER_ERRORS, BrokerError, type BrokerErrorCode } from './errors.js';
export type { DeviceDirectory, DeviceLogin, DeviceChange, DeviceStatus } from './auth/device-directory.js';
export { SERVICE_ROLES } from './acl/service-roles.js';
export { dbDeviceDirectory } from './auth/db-directory.js';
