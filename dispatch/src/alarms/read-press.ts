import { parseUplink, salvageAlarmPress } from '@aware/protocol';
import type { DispatchContext } from '../context.js';
import type { FixRow, PressRow } from '../durable/writes.js';
import type { IncomingMessage } from '../mqtt/incoming.js';
import { payloadHash } from './ids.js';

/** A press as the alarm path uses it, whether its payload was valid or only partly readable. */
export interface ReadPress {
  readonly row: PressRow;
  readonly fix: FixRow | null;
  readonly battery: number | null;
  /** The payload passed validation. */
  readonly valid: boolean;
  /** A test press the wearer made on purpose (only believed from a valid payload: a damaged one is real). */
  readonly test: boolean;
  /** `row.key` is the pendant's own alarm id (it can be confirmed with it), not a derived `inv_` key. */
  readonly pendantKey: boolean;
  /**
   * What makes two copies the same press: the device's press time when it could be read, else the raw
   * bytes. A key seen before with another identity is a reused key (alarms/repeat.ts).
   */
  readonly identity: string;
}

/**
 * Reads a press. A valid payload is used as it is. An invalid one keeps what can be read of it
 * (`salvageAlarmPress`): with a readable alarm id it is confirmed with that id, so the pendant can match
 * the confirmation and stop resending, and its copies join one alarm; without one it gets a derived key
 * (`InvalidPressMemo`). Either way the alarm is flagged `invalidPayload`.
 */
export function readPress(ctx: DispatchContext, msg: IncomingMessage): { press: ReadPress; problem: { code: string; message: string } | null } {
  const { deviceId, receivedAt } = msg;
  const decoded = parseUplink('alarm', msg.payload);
  const fields = decoded.ok ? decoded.value : (salvageAlarmPress(msg.payload) ?? {});
  const key = fields.alarmId ?? ctx.invalidPresses.keyFor(deviceId, msg.payload, msg.dup, receivedAt);
  const pressedAt = fields.ts ?? receivedAt;
  const press: ReadPress = {
    row: { key, pressedAt, receivedAt, attempt: fields.attempt ?? null },
    fix: fields.fix ? { lat: fields.fix.lat, lon: fields.fix.lon, acc: fields.fix.acc, fixAt: fields.fix.ts ?? pressedAt } : null,
    battery: fields.battery ?? null,
    valid: decoded.ok,
    test: decoded.ok && decoded.value.test === true,
    pendantKey: fields.alarmId !== undefined,
    identity: pressIdentity(fields.ts ?? null, msg.payload),
  };
  return { press, problem: decoded.ok ? null : { code: decoded.code, message: decoded.message } };
}

/** See `ReadPress.identity`; also used for presses read back from the database (press time known). */
export function pressIdentity(pressedAt: number | null, payload?: Uint8Array): string {
  return pressedAt !== null ? `ts:${pressedAt}` : `raw:${payload ? payloadHash(payload) : ''}`;
}
