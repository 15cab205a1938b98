import { z } from 'zod';
import { AlarmId, CmdId, LIMITS, TimestampMs } from './limits.js';
import { decodeJson, encodeJson, type Decoded } from './decode.js';

const base = { cmdId: CmdId, ts: TimestampMs };

/** The platform has the alarm durably: the pendant stops retrying and confirms to the wearer. */
export const AlarmReceivedCmd = z.object({ type: z.literal('alarm_received'), alarmId: AlarmId, ...base }).strict();
/** An operator has taken the alarm: help is being organised. */
export const OperatorAcknowledgedCmd = z
  .object({ type: z.literal('operator_acknowledged'), alarmId: AlarmId, ...base })
  .strict();
/** Send a location fix now (on `loc` when an alarm is active, else in the next heartbeat, sent at once). */
export const LocateCmd = z.object({ type: z.literal('locate'), ...base }).strict();
/** Change the heartbeat interval. */
export const ConfigCmd = z
  .object({
    type: z.literal('config'),
    hbIntervalS: z.number().int().min(LIMITS.minHeartbeatIntervalS).max(LIMITS.maxHeartbeatIntervalS),
    ...base,
  })
  .strict();
/** Self-test: vibrate and blink so the wearer knows the pendant works; answered with a heartbeat. */
export const TestCmd = z.object({ type: z.literal('test'), ...base }).strict();

/** `aware/v1/d/{id}/cmd`, QoS 1, server to device. */
export const Command = z.discriminatedUnion('type', [
  AlarmReceivedCmd,
  OperatorAcknowledgedCmd,
  LocateCmd,
  ConfigCmd,
  TestCmd,
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];

export function parseCommand(payload: Uint8Array | string): Decoded<Command> {
  return decodeJson(Command, payload);
}

export function encodeCommand(command: Command): string {
  return encodeJson(Command, command);
}
