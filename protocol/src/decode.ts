import type { z } from 'zod';
import { compiledCheck } from '#compiled-check';
import { LIMITS } from './limits.js';
import { ProtocolErrorCode, protocolError, type ProtocolError } from './errors.js';

export type Decoded<T> = { ok: true; value: T } | (ProtocolError & { issues?: string[] });

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

export function byteLength(payload: Uint8Array | string): number {
  return typeof payload === 'string' ? encoder.encode(payload).byteLength : payload.byteLength;
}

/**
 * Size check, strict UTF-8 decode, JSON parse and schema validation, in that order,
 * each failure with its own code. Never throws. Where the schema allows (compiled-check.ts), a valid
 * payload passes a compiled check instead of zod's parse; an invalid one always gets zod's verdict.
 */
export function decodeJson<T>(schema: z.ZodType<T>, payload: Uint8Array | string): Decoded<T> {
  if (byteLength(payload) > LIMITS.maxPayloadBytes) {
    return protocolError(ProtocolErrorCode.PAYLOAD_TOO_LARGE, `payload exceeds ${LIMITS.maxPayloadBytes} bytes`);
  }
  let text: string;
  if (typeof payload === 'string') {
    text = payload;
  } else {
    try {
      text = utf8.decode(payload);
    } catch {
      return protocolError(ProtocolErrorCode.PAYLOAD_NOT_UTF8, 'payload is not valid UTF-8');
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return protocolError(ProtocolErrorCode.PAYLOAD_NOT_JSON, 'payload is not JSON');
  }
  if (compiledCheck(schema)?.(json)) return { ok: true, value: json as T };
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ...protocolError(ProtocolErrorCode.PAYLOAD_INVALID, issues.join('; ')), issues };
  }
  return { ok: true, value: result.data };
}

/**
 * Makes the schemas' compiled checks now, when protocol/ loads: code generation takes tens of
 * milliseconds, which the first alarm after a start must not wait for.
 */
export function prepareDecoding(...schemas: z.ZodType[]): void {
  for (const schema of schemas) compiledCheck(schema);
}

/** Serialises a message, refusing one that would break the size limit. */
export function encodeJson<T>(schema: z.ZodType<T>, value: T): string {
  const parsed = schema.parse(value);
  const text = JSON.stringify(parsed);
  if (byteLength(text) > LIMITS.maxPayloadBytes) {
    throw new Error(`${ProtocolErrorCode.PAYLOAD_TOO_LARGE}: encoded message exceeds ${LIMITS.maxPayloadBytes} bytes`);
  }
  return text;
}
