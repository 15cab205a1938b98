import type { Queryable } from '@aware/db';
import { booleanArray, numberArray, textArray } from './pg-array.js';
import type { QueuedHeartbeat } from './queued-heartbeat.js';

/** One pendant's pending device-state change: its newest heartbeat and when we last heard it at all. */
export interface DeviceStateRow {
  newest: QueuedHeartbeat;
  seenAt: number;
}

/** Folds a heartbeat into the pending row of its pendant: newest (device time, then seq) wins. */
export function mergeNewest(pending: Map<string, DeviceStateRow>, row: QueuedHeartbeat): void {
  const have = pending.get(row.deviceId);
  if (have === undefined) {
    pending.set(row.deviceId, { newest: row, seenAt: row.receivedAt });
    return;
  }
  const a = have.newest.hb;
  const b = row.hb;
  if (b.ts > a.ts || (b.ts === a.ts && b.seq > a.seq)) have.newest = row;
  if (row.receivedAt > have.seenAt) have.seenAt = row.receivedAt;
}

const byDeviceId = (a: DeviceStateRow, b: DeviceStateRow): number =>
  a.newest.deviceId < b.newest.deviceId ? -1 : a.newest.deviceId > b.newest.deviceId ? 1 : 0;

/**
 * The pendants' rows, as arrays (one per column) for `unnest`; times as epoch milliseconds. No position:
 * a pendant's location outside an alarm is kept only in raw telemetry, under its retention (migration
 * 0018); device state is health (seen, battery, signal, firmware).
 */
const UNNEST = `
  SELECT u.device_id, to_timestamp(u.seen / 1000.0) AS seen, to_timestamp(u.t / 1000.0) AS hb_time, u.hb_seq,
         u.battery, u.charging, u.rssi, u.firmware
  FROM unnest($1::text[], $2::float8[], $3::float8[], $4::bigint[], $5::smallint[], $6::boolean[], $7::smallint[], $8::text[])
    AS u(device_id, seen, t, hb_seq, battery, charging, rssi, firmware)`;

/** Column of device_state that each `u` column lands in. */
const TARGET: Record<string, string> = { seen: 'last_seen_at' };

/**
 * Latest wins: values change only for a heartbeat newer (device time, then seq) than the stored one.
 * `src(name)` names an incoming value by its `u` column (`u.seen` in the UPDATE, `EXCLUDED.last_seen_at` on conflict).
 */
function sets(src: (name: string) => string): string {
  const newer = `(d.hb_time IS NULL OR (${src('hb_time')}, ${src('hb_seq')}) > (d.hb_time, d.hb_seq))`;
  const ifNewer = (name: string) => `${TARGET[name] ?? name} = CASE WHEN ${newer} THEN ${src(name)} ELSE d.${TARGET[name] ?? name} END`;
  return [
    `last_seen_at = GREATEST(d.last_seen_at, ${src('seen')})`,
    ...['battery', 'charging', 'rssi', 'firmware'].map(ifNewer),
    ifNewer('hb_seq'),
    ifNewer('hb_time'),
    'updated_at = now()',
  ].join(',\n    ');
}

/**
 * The common case, one statement: every pendant whose stored heartbeat is older than this one (all but
 * a pendant's very first heartbeat, and a heartbeat arriving out of order) gets a plain UPDATE joined on
 * the key (HOT: device_state has no other index).
 */
export const DEVICE_STATE_UPDATE_SQL = `
UPDATE device_state d SET
    last_seen_at = GREATEST(d.last_seen_at, u.seen),
    battery = u.battery, charging = u.charging, rssi = u.rssi, firmware = u.firmware,
    hb_seq = u.hb_seq, hb_time = u.hb_time, updated_at = now()
FROM (${UNNEST}) u
WHERE d.device_id = u.device_id
  AND (d.hb_time IS NULL OR (u.hb_time, u.hb_seq) > (d.hb_time, d.hb_seq))`;

/**
 * When the UPDATE touched fewer rows than it was given (a pendant without a row yet, or a heartbeat
 * older than the stored one): all of them again, inserting the missing rows (joined to devices, so an
 * unknown id can never fail the batch) and, on conflict, applying the same latest-wins rules, under
 * which an older heartbeat only moves `last_seen_at`.
 */
export const DEVICE_STATE_INSERT_SQL = `
INSERT INTO device_state AS d
  (device_id, last_seen_at, hb_time, hb_seq, battery, charging, rssi, firmware)
SELECT u.device_id, u.seen, u.hb_time, u.hb_seq, u.battery, u.charging, u.rssi, u.firmware
FROM (${UNNEST}) u JOIN devices dv ON dv.id = u.device_id
ON CONFLICT (device_id) DO UPDATE SET
    ${sets((name) => `EXCLUDED.${TARGET[name] ?? name}`)}`;

/**
 * Writes the pendants' rows: one UPDATE, and only if some row was not updated, one INSERT of all of
 * them (the rows just updated meet ON CONFLICT and their "newer" test, and stay as they are).
 */
export async function upsertDeviceState(db: Queryable, unsorted: readonly DeviceStateRow[]): Promise<void> {
  const n = unsorted.length;
  if (n === 0) return;
  // In key order the UPDATE's index lookups walk the primary key instead of jumping around it:
  // about 3x cheaper with a million pendants (bench/ingest/plan-check.ts).
  const rows = [...unsorted].sort(byDeviceId);
  const ids = new Array<string>(n);
  const seen = new Array<number>(n);
  const time = new Array<number>(n);
  const seq = new Array<number>(n);
  const battery = new Array<number>(n);
  const charging = new Array<boolean>(n);
  const rssi = new Array<number>(n);
  const firmware = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const { newest, seenAt } = rows[i] as DeviceStateRow;
    const { hb } = newest;
    ids[i] = newest.deviceId;
    seen[i] = seenAt;
    time[i] = hb.ts;
    seq[i] = hb.seq;
    battery[i] = hb.battery;
    charging[i] = hb.charging;
    rssi[i] = hb.rssi;
    firmware[i] = hb.firmware;
  }
  const params = [
    textArray(ids),
    numberArray(seen),
    numberArray(time),
    numberArray(seq),
    numberArray(battery),
    booleanArray(charging),
    numberArray(rssi),
    textArray(firmware),
  ];
  const updated = await db.query(DEVICE_STATE_UPDATE_SQL, params);
  if ((updated.rowCount ?? 0) < n) await db.query(DEVICE_STATE_INSERT_SQL, params);
}
