/**
 * Error codes of `@aware/dispatch`. Every code is defined once here with its message and HTTP status, and
 * never reused for another meaning (a test checks they are unique and prefixed). HTTP routes answer with
 * `ErrorBody` (`@aware/protocol`): `{ code, message, statusCode }`. Callers branch on `code`, never on text.
 */
export const DispatchErrorCode = {
  CONFIG_INVALID: 'DSP_ERR_CONFIG_INVALID',
  UNAUTHENTICATED: 'DSP_ERR_UNAUTHENTICATED',
  FORBIDDEN: 'DSP_ERR_FORBIDDEN',
  ORIGIN_REFUSED: 'DSP_ERR_ORIGIN_REFUSED',
  BODY_INVALID: 'DSP_ERR_BODY_INVALID',
  QUERY_INVALID: 'DSP_ERR_QUERY_INVALID',
  ALARM_NOT_FOUND: 'DSP_ERR_ALARM_NOT_FOUND',
  ALARM_STATE: 'DSP_ERR_ALARM_STATE',
  PHOTO_NOT_FOUND: 'DSP_ERR_PHOTO_NOT_FOUND',
  TECHNICAL_NOT_FOUND: 'DSP_ERR_TECHNICAL_NOT_FOUND',
  TECHNICAL_STATE: 'DSP_ERR_TECHNICAL_STATE',
  NOT_DURABLE: 'DSP_ERR_NOT_DURABLE',
  DATABASE_UNAVAILABLE: 'DSP_ERR_DATABASE_UNAVAILABLE',
  JOURNAL_CORRUPT: 'DSP_ERR_JOURNAL_CORRUPT',
  JOURNAL_WRITE: 'DSP_ERR_JOURNAL_WRITE',
  MQTT_SUBSCRIBE: 'DSP_ERR_MQTT_SUBSCRIBE',
  MQTT_SUBSCRIBE_TIMEOUT: 'DSP_ERR_MQTT_SUBSCRIBE_TIMEOUT',
  NO_ACTIVE_NODE: 'DSP_ERR_NO_ACTIVE_NODE',
  LEASE_LOST: 'DSP_ERR_LEASE_LOST',
  WEBHOOK_FAILED: 'DSP_ERR_WEBHOOK_FAILED',
  INTERNAL: 'DSP_ERR_INTERNAL',
} as const;
export type DispatchErrorCode = (typeof DispatchErrorCode)[keyof typeof DispatchErrorCode];

interface ErrorDefinition {
  readonly message: string;
  /** HTTP status when the error reaches a route; 500 for errors that never should. */
  readonly statusCode: number;
}

export const DISPATCH_ERRORS: Readonly<Record<DispatchErrorCode, ErrorDefinition>> = Object.freeze({
  DSP_ERR_CONFIG_INVALID: { message: 'dispatch configuration is invalid', statusCode: 500 },
  DSP_ERR_UNAUTHENTICATED: { message: 'sign in first: no valid session', statusCode: 401 },
  DSP_ERR_FORBIDDEN: { message: 'your role or organisation may not do this', statusCode: 403 },
  DSP_ERR_ORIGIN_REFUSED: { message: 'this origin may not open the live feed', statusCode: 403 },
  DSP_ERR_BODY_INVALID: { message: 'the request body is invalid', statusCode: 400 },
  DSP_ERR_QUERY_INVALID: { message: 'the query string is invalid', statusCode: 400 },
  // Also for an alarm outside the caller's region: its existence is need-to-know as well.
  DSP_ERR_ALARM_NOT_FOUND: { message: 'no such alarm', statusCode: 404 },
  DSP_ERR_ALARM_STATE: { message: 'the alarm is not in a state that allows this action', statusCode: 409 },
  // Also when no open alarm of the client is visible to the caller: a photo is shown only during an alarm.
  DSP_ERR_PHOTO_NOT_FOUND: { message: 'no photo to show', statusCode: 404 },
  // Also for one outside the caller's region, and for one no longer on the board (resolved, or recovered untaken).
  DSP_ERR_TECHNICAL_NOT_FOUND: { message: 'no such technical alarm on the board', statusCode: 404 },
  DSP_ERR_TECHNICAL_STATE: { message: 'the technical alarm was already taken or resolved', statusCode: 409 },
  DSP_ERR_NOT_DURABLE: { message: 'the change could not be stored (database and journal both failed)', statusCode: 503 },
  DSP_ERR_DATABASE_UNAVAILABLE: { message: 'the database is unavailable; try again', statusCode: 503 },
  DSP_ERR_JOURNAL_CORRUPT: { message: 'a journal line failed its checksum and was set aside', statusCode: 500 },
  DSP_ERR_JOURNAL_WRITE: { message: 'the local alarm journal could not be written', statusCode: 500 },
  DSP_ERR_MQTT_SUBSCRIBE: { message: 'the broker refused a subscription dispatch needs', statusCode: 500 },
  DSP_ERR_MQTT_SUBSCRIBE_TIMEOUT: { message: 'the broker did not acknowledge the subscription in time', statusCode: 500 },
  // A standby relays consoles and alarm actions to the active node; during a takeover there is none for a few seconds.
  DSP_ERR_NO_ACTIVE_NODE: { message: 'no dispatch node is active right now; try again in a few seconds', statusCode: 503 },
  DSP_ERR_LEASE_LOST: { message: 'this dispatch node lost its lease; another node handles alarms now', statusCode: 503 },
  DSP_ERR_WEBHOOK_FAILED: { message: 'a webhook delivery failed', statusCode: 502 },
  DSP_ERR_INTERNAL: { message: 'internal error', statusCode: 500 },
});

export class DispatchError extends Error {
  override readonly name = 'DispatchError';
  readonly code: DispatchErrorCode;
  readonly statusCode: number;

  constructor(code: DispatchErrorCode, detail?: string, options?: { cause?: unknown }) {
    const def = DISPATCH_ERRORS[code];
    super(detail ? `${def.message}: ${detail}` : def.message, { cause: options?.cause });
    this.code = code;
    this.statusCode = def.statusCode;
  }
}

export function isDispatchError(error: unknown, code?: DispatchErrorCode): error is DispatchError {
  return error instanceof DispatchError && (code === undefined || error.code === code);
}

/** Message of an unknown thrown value, for log lines. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
