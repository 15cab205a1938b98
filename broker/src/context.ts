import type { Logger } from 'pino';
import type { BrokerConfig } from './config.js';
import type { BrokerMetrics } from './metrics.js';
import type { DeviceDirectory } from './auth/device-directory.js';
import type { ServiceCredentials } from './auth/service-credentials.js';
import type { CredentialCache } from './auth/credential-cache.js';
import type { VerifyQueue } from './auth/verify-queue.js';
import type { FailureThrottle } from './auth/failure-throttle.js';

/** Everything the hooks share, built once per broker in start.ts. */
export interface BrokerContext {
  readonly config: BrokerConfig;
  readonly log: Logger;
  readonly metrics: BrokerMetrics;
  readonly devices: DeviceDirectory;
  readonly services: ServiceCredentials;
  readonly cache: CredentialCache;
  readonly verifyQueue: VerifyQueue;
  readonly throttle: FailureThrottle;
}
