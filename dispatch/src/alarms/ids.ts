import { createHash, randomBytes } from 'node:crypto';

/**
 * The alarm id is derived from the press that opened it: a UUID (version 8, RFC 9562 "custom") built
 * from SHA-256 of device id and press key, and, for a pendant reusing a key (alarms/repeat.ts), the
 * alarm that key was last seen on. A redelivered press (after a crash, before it was durable) therefore
 * opens the *same* alarm id in the new process (which remembers the same previous alarm from the
 * database), and replays and inserts are idempotent on the primary key.
 */
export function alarmIdFor(deviceId: string, pressKey: string, previousAlarmId: string | null = null): string {
  const after = previousAlarmId === null ? '' : `\0after\0${previousAlarmId}`;
  const h = createHash('sha256').update(`aware-alarm\0${deviceId}\0${pressKey}${after}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The press key of a press whose payload could not be read (no usable `alarmId`): `inv_` and 40 hex of
 * SHA-256 over device id, server receive time (ms) and the raw bytes. Deterministic for one delivery;
 * a broker redelivery of the same bytes within the same process is matched by `InvalidPressMemo`
 * (dup flag + same bytes), and one after a dispatch restart attaches to the device's open alarm as an
 * extra press (a press count one too high, never a second alarm while the first is open).
 * Stored in `alarm_presses.device_alarm_id` (it matches the alarm-id alphabet) so replays stay idempotent;
 * the alarm itself keeps `device_alarm_id` NULL.
 */
export function invalidPressKey(deviceId: string, receivedAt: number, payload: Uint8Array): string {
  const h = createHash('sha256').update(`aware-invalid\0${deviceId}\0${receivedAt}\0`).update(payload).digest('hex');
  return `inv_${h.slice(0, 40)}`;
}

/** A server-generated command id (`cmdId` of downlinks). */
export function newCmdId(): string {
  return randomBytes(12).toString('base64url');
}

/** Fingerprint of a payload, to recognise a redelivered unreadable press. */
export function payloadHash(payload: Uint8Array): string {
  return createHash('sha256').update(payload).digest('base64url');
}
