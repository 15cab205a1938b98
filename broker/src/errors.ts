/**
 * Every error the broker raises, defined once: a stable code (never reused for another meaning)
 * and a message. `detail` adds context; it must never contain a secret.
 */
export const BROKER_ERRORS = Object.freeze({
  BRK_ERR_CONFIG: 'invalid broker configuration',
  BRK_ERR_TLS_FILES: 'TLS certificate, key or CA file could not be read',
  BRK_ERR_NOT_AUTHORIZED: 'connection refused: not authorized',
  BRK_ERR_CLIENT_ID: 'connection refused: client id does not belong to the username',
  BRK_ERR_AUTH_BUSY: 'connection refused: too many authentications waiting, retry later',
  BRK_ERR_AUTH_BACKEND: 'connection refused: the device directory is unavailable',
  BRK_ERR_MAX_CONNECTIONS: 'connection refused: the broker is at its connection limit',
  BRK_ERR_PACKET_TOO_LARGE: 'packet larger than the broker accepts',
  BRK_ERR_PUBLISH_FORBIDDEN: 'publish on a topic this client may not publish to',
  BRK_ERR_SUBSCRIBE_FORBIDDEN: 'subscription to a filter this client may not subscribe to',
  BRK_ERR_RATE_LIMITED: 'message rate limit exceeded',
  BRK_ERR_REVOKED: 'device disabled, revoked or its secret rotated',
  BRK_ERR_DIRECTORY_POLL: 'polling the device directory for changes failed',
  BRK_ERR_SUBSCRIBER_BACKLOG: 'a service subscriber is not reading fast enough: QoS 0 deliveries to it are shed',
});
export type BrokerErrorCode = keyof typeof BROKER_ERRORS;

/** CONNACK return codes of MQTT 3.1.1 [MQTT-3.2.2.3]. */
export const CONNACK = Object.freeze({
  IDENTIFIER_REJECTED: 2,
  SERVER_UNAVAILABLE: 3,
  NOT_AUTHORIZED: 5,
});

export class BrokerError extends Error {
  readonly code: BrokerErrorCode;
  /** CONNACK return code when the error refuses a connection (aedes reads `returnCode`). */
  readonly returnCode: number | undefined;

  constructor(code: BrokerErrorCode, detail?: string, returnCode?: number) {
    super(detail ? `${BROKER_ERRORS[code]}: ${detail}` : BROKER_ERRORS[code]);
    this.name = 'BrokerError';
    this.code = code;
    this.returnCode = returnCode;
  }
}

export function isBrokerError(err: unknown, code?: BrokerErrorCode): err is BrokerError {
  return err instanceof BrokerError && (code === undefined || err.code === code);
}
