/**
 * Error codes of the wire contract. Every code is defined once here and never reused
 * for another meaning; services add their own codes in their own `errors.ts`.
 */
export const ProtocolErrorCode = {
  TOPIC_FOREIGN: 'PROTO_ERR_TOPIC_FOREIGN',
  TOPIC_VERSION: 'PROTO_ERR_TOPIC_VERSION',
  TOPIC_DEVICE_ID: 'PROTO_ERR_TOPIC_DEVICE_ID',
  TOPIC_CHANNEL: 'PROTO_ERR_TOPIC_CHANNEL',
  TOPIC_WILDCARD: 'PROTO_ERR_TOPIC_WILDCARD',
  PAYLOAD_TOO_LARGE: 'PROTO_ERR_PAYLOAD_TOO_LARGE',
  PAYLOAD_NOT_UTF8: 'PROTO_ERR_PAYLOAD_NOT_UTF8',
  PAYLOAD_NOT_JSON: 'PROTO_ERR_PAYLOAD_NOT_JSON',
  PAYLOAD_INVALID: 'PROTO_ERR_PAYLOAD_INVALID',
  CHANNEL_DIRECTION: 'PROTO_ERR_CHANNEL_DIRECTION',
} as const;
export type ProtocolErrorCode = (typeof ProtocolErrorCode)[keyof typeof ProtocolErrorCode];

export interface ProtocolError {
  ok: false;
  code: ProtocolErrorCode;
  message: string;
}

export function protocolError(code: ProtocolErrorCode, message: string): ProtocolError {
  return { ok: false, code, message };
}
