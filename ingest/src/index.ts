/** @aware/ingest: heartbeats into telemetry, device state, the missed-heartbeat watchdog, fleet health. */
export { start, type IngestDeps, type RunningIngest } from './start.js';
export { configFromEnv, ingestConfig, ENV_VARS, IngestConfigSchema, type IngestConfig, type IngestConfigInput } from './config.js';
export { IngestError, IngestErrors, type IngestErrorCode } from './errors.js';
export { createMetrics, type IngestMetrics } from './metrics.js';
export { fleetSummary, type FleetSummaryOptions } from './health/fleet-summary.js';
export { healthTimeline, MAX_TIMELINE_HOURS } from './health/health-timeline.js';
export { DEVICE_CHANGED_CHANNEL } from './devices/device-config-sync.js';
export { SUBSCRIPTIONS } from './broker-subscription.js';
export type { QueuedHeartbeat } from './pipeline/queued-heartbeat.js';
