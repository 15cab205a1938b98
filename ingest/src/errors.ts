/**
 * Error codes of the ingest service. Every code is defined once here, with a message template,
 * and never reused for another meaning (fastify's `FST_ERR_*` pattern).
 */
export const IngestErrors = {
  ING_ERR_CONFIG: 'invalid ingest configuration: %s',
  ING_ERR_MQTT_CONNECT: 'cannot connect to the broker at %s: %s',
  ING_ERR_MQTT_SUBSCRIBE: 'the broker refused the subscription to %s',
  ING_ERR_FLUSH: 'writing a batch of %s heartbeats failed: %s',
  ING_ERR_DEVICE_STATE: 'updating device state for %s devices failed: %s',
  ING_ERR_PRESENCE: 'presence event rejected: %s',
  ING_ERR_TECHNICAL: 'technical alarm %s for device %s could not be written: %s',
  ING_ERR_WATCHDOG_LOAD: 'rebuilding watchdog deadlines failed: %s',
  ING_ERR_DEVICE_CONFIG: 'loading device configuration failed: %s',
  ING_ERR_RETENTION: 'telemetry retention maintenance failed: %s',
} as const;

export type IngestErrorCode = keyof typeof IngestErrors;

export class IngestError extends Error {
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, ...args: unknown[]) {
    let i = 0;
    super(IngestErrors[code].replace(/%s/g, () => String(args[i++] ?? '')));
    this.name = 'IngestError';
    this.code = code;
  }
}

/** Message of an unknown thrown value, for log lines and error templates. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
