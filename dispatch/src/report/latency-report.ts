import type { Queryable } from '@aware/db';
import type { AlarmLatencyReport, Organisation } from '@aware/protocol';

interface Row {
  id: string;
  device_id: string;
  region: string | null;
  received_at: Date;
  to_console: number | null;
  to_confirm: number | null;
  to_ack: number | null;
  escalated: boolean;
  acknowledged_by: Organisation | null;
}

/**
 * Per alarm (test pendants excluded), from the moment the press reached the platform: to the first
 * console, to the pendant's confirmation, to an operator's acknowledgement, whether it escalated and which
 * organisation acknowledged it; and the share of all alarms in the range acknowledged within 60 s and 180 s
 * (the measure alarm-receiving centres are held to: 97.5 % and 99 % in the UK telecare audit).
 * `region` null: every region.
 */
const SQL = `
SELECT a.id, a.device_id, a.region, a.received_at,
       extract(epoch FROM a.first_console_at - a.received_at) * 1000 AS to_console,
       extract(epoch FROM a.confirmed_at - a.received_at) * 1000 AS to_confirm,
       extract(epoch FROM a.acknowledged_at - a.received_at) * 1000 AS to_ack,
       a.escalated_at IS NOT NULL AS escalated, u.organisation AS acknowledged_by
FROM alarms a LEFT JOIN users u ON u.id = a.acknowledged_by
WHERE a.received_at >= $1 AND a.received_at < $2 AND NOT a.is_test AND ($3::text IS NULL OR a.region = $3)
ORDER BY a.received_at
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
    escalated: r.escalated,
    acknowledgedBy: r.acknowledged_by,
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
      acknowledgedWithin60sShare: share(60_000),
      acknowledgedWithin180sShare: share(180_000),
    },
  };
}
