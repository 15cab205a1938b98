import type { Queryable } from '@aware/db';
import type { TechnicalAlarmView, TechnicalKind, TechnicalResolution } from '@aware/protocol';

/** A technical alarm as read from the database, with the region that routes it. */
export interface TechnicalRow {
  readonly view: TechnicalAlarmView;
  readonly region: string | null;
  readonly clientId: string | null;
}

interface Row {
  id: string;
  device_id: string;
  kind: TechnicalKind;
  opened_at: Date;
  cleared_at: Date | null;
  region: string | null;
  client_id: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: TechnicalResolution | null;
  resolution_note: string | null;
}

const SELECT = `
SELECT t.id, t.device_id, t.kind, t.opened_at, t.cleared_at, coalesce(t.region, d.region) AS region, t.client_id,
       t.acknowledged_at, ua.display_name AS acknowledged_by, t.resolved_at, ur.display_name AS resolved_by,
       t.resolution, t.resolution_note
FROM technical_alarms t
JOIN devices d ON d.id = t.device_id
LEFT JOIN users ua ON ua.id = t.acknowledged_by
LEFT JOIN users ur ON ur.id = t.resolved_by`;

function toRow(r: Row): TechnicalRow {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    region: r.region,
    clientId: r.client_id,
    view: {
      id: r.id,
      deviceId: r.device_id,
      kind: r.kind,
      openedAt: r.opened_at.toISOString(),
      clearedAt: iso(r.cleared_at),
      handling:
        r.acknowledged_at === null
          ? null
          : {
              acknowledgedAt: r.acknowledged_at.toISOString(),
              acknowledgedBy: r.acknowledged_by ?? '?',
              resolvedAt: iso(r.resolved_at),
              resolvedBy: r.resolved_by,
              resolution: r.resolution,
              note: r.resolution_note,
            },
    },
  };
}

/** The technical alarms on the Veilig Thuis board (technicalOnBoard, as SQL; index technical_alarms_on_board). */
export async function loadOnBoard(db: Queryable): Promise<TechnicalRow[]> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE t.resolved_at IS NULL AND (t.cleared_at IS NULL OR t.acknowledged_at IS NOT NULL) ORDER BY t.opened_at`);
  return rows.map(toRow);
}

/** Every technical alarm opened since `from`, newest first (the history; at most 2,000). */
export async function loadHistory(db: Queryable, from: Date): Promise<TechnicalRow[]> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE t.opened_at >= $1 ORDER BY t.opened_at DESC LIMIT 2000`, [from]);
  return rows.map(toRow);
}

/** Takes a technical alarm nobody took yet; null when it was taken, resolved or does not exist. */
export async function acknowledgeTechnical(db: Queryable, id: string, userId: string, at: Date): Promise<TechnicalRow | null> {
  const { rowCount } = await db.query(
    `UPDATE technical_alarms SET acknowledged_at = $3, acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL AND resolved_at IS NULL`,
    [id, userId, at],
  );
  return rowCount ? loadOne(db, id) : null;
}

/** Records what was done (taking the alarm too, if nobody had); null when it was resolved already or does not exist. */
export async function resolveTechnical(
  db: Queryable,
  id: string,
  userId: string,
  at: Date,
  resolution: TechnicalResolution,
  note: string | null,
): Promise<TechnicalRow | null> {
  const { rowCount } = await db.query(
    `UPDATE technical_alarms
     SET acknowledged_at = coalesce(acknowledged_at, $3), acknowledged_by = coalesce(acknowledged_by, $2),
         resolved_at = greatest($3, coalesce(acknowledged_at, $3)), resolved_by = $2, resolution = $4, resolution_note = $5
     WHERE id = $1 AND resolved_at IS NULL`,
    [id, userId, at, resolution, note],
  );
  return rowCount ? loadOne(db, id) : null;
}

export async function loadOne(db: Queryable, id: string): Promise<TechnicalRow | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE t.id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}
