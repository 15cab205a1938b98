import type { AlarmPress, Command, Heartbeat, LocationUpdate, Status } from '@aware/protocol';
import type { DownReason } from './connection.js';

/** What the pendant put on the wire, typed by channel (the payloads are the protocol's types). */
export type SentMessage =
  | { channel: 'hb'; payload: Heartbeat }
  | { channel: 'alarm'; payload: AlarmPress }
  | { channel: 'loc'; payload: LocationUpdate }
  | { channel: 'status'; payload: Status };

/**
 * Everything a driver (CLI, scenario runner, load runner, control API) can observe.
 * Listeners are optional: the pendant works the same without any.
 */
export interface PendantEvents {
  connected: [{ sessionPresent: boolean }];
  disconnected: [{ reason: DownReason }];
  reconnecting: [{ attempt: number; delayMs: number }];
  /** The broker refused the credentials (CONNACK); the pendant has stopped. */
  refused: [{ returnCode: number; message: string }];
  connectError: [{ message: string }];
  sent: [SentMessage];
  /** A valid command arrived on `cmd`. */
  command: [Command];
  /** Something arrived on `cmd` that the protocol rejects; the pendant ignores it. */
  invalidCommand: [{ code: string; message: string }];
  /** The button was pressed; `online` says whether it could be sent at once. */
  pressed: [{ alarmId: string; online: boolean }];
  /** `alarm_received` for a press: the pendant vibrates, the wearer knows help is coming. */
  confirmed: [{ alarmId: string; latencyMs: number; attempts: number }];
  acknowledged: [{ alarmId: string }];
  trailStarted: [{ alarmId: string }];
  trailEnded: [{ alarmId: string }];
  /** The `test` command: vibrate and blink. */
  selfTest: [];
  configChanged: [{ hbIntervalS: number }];
}
