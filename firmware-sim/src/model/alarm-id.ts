import { randomBytes } from 'node:crypto';

/**
 * A device-generated alarm id, the idempotency key of a press: 16 characters of base64url
 * (96 random bits), within the protocol's alarm-id alphabet and length.
 */
export function newAlarmId(): string {
  return randomBytes(12).toString('base64url');
}
