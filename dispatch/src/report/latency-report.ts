import type { Queryable } from '@aware/db';
import type { AlarmLatencyReport } from '@aware/protocol';

interface Row {
  id: string;
  device_id: string;
  region: string | null;
  received_at: Date;
  to_console: number | null;
  to_confirm: number | null;
  to_ack: number | null;
}

/**
 * Per alarm (test pendants excluded), from the moment the press reached the platform: to the first
 * console, to the pendant's confirmation, to an operator's acknowledgement; and the share of all alarms
 * in the range acknowledged within 30 s and 60 s (the measure alarm-receiving centres are held to).
 * `region` null: every region.
 */
const SQL = `
SELECT id, device_id, region, received_at,
       extract(epoch FROM first_console_at - received_at) * 1000 AS to_console,
       extract(epoch FROM confirmed_at - received_at) * 1000 AS to_confirm,
       extract(epoch FROM acknowledged_at - received_at) * 1000 AS to_ack
FROM alarms
WHERE received_at >= $1 AND received_at < $2 AND NOT is_test AND ($3::text IS NULL OR region = $3)
ORDER BY received_at
LIMIT 50000`;

export async function latencyReport(db: Queryable, from: Date, to: Date, region: string | null): Promise<AlarmLatencyReport> {
  const { rows } = await db.query<Row>(SQL, [from, to, region]);
  const num = (v: number | string | null) => (v === null ? null : Math.max(0, Number(v)));
  const alarms = rows.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    region: r.region,
    receivedAt: r.received_at.toISOString(),
    pressToConsoleMs: num(r.to_console),
    pressToConfirmationMs: num(r.to_confirm),
    pressToAcknowledgeMs: num(r.to_ack),
  }));
  const acked = alarms.flatMap((a) => (a.pressToAcknowledgeMs === null ? [] : [a.pressToAcknowledgeMs]));
  const share = (limitMs: number) => (alarms.length ? acked.filter((ms) => ms <= limitMs).length / alarms.length : null);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    alarms,
    summary: {
      alarms: alarms.length,
      acknowledged: acked.length,
      acknowledgedWithin30sShare: share(30_000),
      acknowledgedWithin60sShare: share(60_000),
    },
  };
}
