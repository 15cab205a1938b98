import { TELEMETRY_PATH_ENV } from './provided-context.js';
import type { TelemetryPath } from './template-database.js';

/**
 * The telemetry path of this test run's server (set by the global setup): tests of one path run only
 * where it exists (`describe.runIf(telemetryPath() === 'partitioned')`), the promises both keep on both.
 */
export function telemetryPath(): TelemetryPath {
  const path = process.env[TELEMETRY_PATH_ENV];
  if (path === 'partitioned' || path === 'hypertable' || path === 'hypertable-apache') return path;
  throw new Error(`${TELEMETRY_PATH_ENV} is not set: run the tests through vitest's global setup`);
}
