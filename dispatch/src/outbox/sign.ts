import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. Each delivery carries `X-Aware-Timestamp` (Unix seconds) and
 * `X-Aware-Signature: sha256=<hex>`, the HMAC-SHA256 with the target's secret over
 * `<timestamp>.<raw body>`. A receiver recomputes it, compares in constant time, and refuses timestamps
 * more than a few minutes old (replay).
 */
export const SIGNATURE_HEADER = 'x-aware-signature';
export const TIMESTAMP_HEADER = 'x-aware-timestamp';

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** For receivers (and tests): is `signature` right for this body and timestamp? */
export function verifySignature(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
