import { encodeJson, Heartbeat, LocationUpdate } from '@aware/protocol';

/** A valid heartbeat (QoS 0 channel); the broker validates it with the protocol schema. */
export function heartbeatPayload(seq: number): Buffer {
  return Buffer.from(encodeJson(Heartbeat, { seq, ts: Date.now(), battery: 87, charging: false, rssi: -71, firmware: 'bench-1.0' }));
}

/** A valid location update (QoS 1 channel); `alarmId` carries the message number for latency matching. */
export function locationPayload(seq: number): Buffer {
  return Buffer.from(
    encodeJson(LocationUpdate, {
      alarmId: `bench${String(seq).padStart(10, '0')}`,
      ts: Date.now(),
      fix: { lat: 52.0907, lon: 5.1214, acc: 12 },
      battery: 80,
    }),
  );
}

/** The message number in a location payload written by `locationPayload`. */
export function locationSeq(payload: Buffer): number {
  const at = payload.indexOf('"alarmId":"bench') + 16;
  return Number(payload.subarray(at, at + 10).toString());
}
