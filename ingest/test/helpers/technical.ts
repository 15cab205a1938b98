import pg from 'pg';
import type { Queryable } from '@aware/db';
import { TECHNICAL_ALARM_CHANNEL, TechnicalAlarmNotice } from '@aware/protocol';

/** Heartbeat interval 5 s (the database's shortest) x K 0.3: silent after 1.5 s. */
export const K = 0.3;
export const SILENT_MS = 5_000 * K;

export interface TechnicalRow {
  id: string;
  kind: string;
  opened_at: Date;
  cleared_at: Date | null;
  client_id: string | null;
  region: string | null;
  detail: Record<string, unknown>;
}

/** The technical alarm rows of a pendant, oldest first, optionally of one kind. */
export async function technicalOf(db: Queryable, deviceId: string, kind?: string): Promise<TechnicalRow[]> {
  const { rows } = await db.query<TechnicalRow>(
    'SELECT * FROM technical_alarms WHERE device_id = $1 AND ($2::text IS NULL OR kind::text = $2) ORDER BY opened_at',
    [deviceId, kind ?? null],
  );
  return rows;
}

/** Collects the committed technical alarm notices (NOTIFY) of a database, as `kind:change` per pendant. */
export async function listenTechnical(url: string): Promise<{ noticesOf(deviceId: string): string[]; end(): Promise<void> }> {
  const notices: TechnicalAlarmNotice[] = [];
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (n) => notices.push(TechnicalAlarmNotice.parse(JSON.parse(n.payload ?? ''))));
  await listener.query(`LISTEN ${TECHNICAL_ALARM_CHANNEL}`);
  return {
    noticesOf: (deviceId) => notices.filter((n) => n.technical.deviceId === deviceId).map((n) => `${n.technical.kind}:${n.change}`),
    end: () => listener.end(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
