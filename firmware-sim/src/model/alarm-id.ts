import { randomBytes } from 'node:crypto';

/**
 * A device-generated alarm id, the idempotency key of a press: 16 characters of base64url
 * (96 random bits), within the protocol's alarm-id alphabet and length.
 */
export function newAlarmId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Alarm ids as a firmware with a press counter makes them: `counter-00000001`, `-00000002`, ... from 1
 * for every new pendant object, as a counter kept in RAM restarts on every reboot. Such a pendant sends,
 * after a reboot, keys it has used before (the platform must raise those presses as new alarms).
 */
export function counterAlarmIds(): () => string {
  let n = 0;
  return () => `counter-${String(++n).padStart(8, '0')}`;
}
