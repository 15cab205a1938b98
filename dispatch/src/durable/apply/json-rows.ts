import type { OutboxRow } from '../writes.js';

/**
 * The bulk statements take their rows as one JSON array (`jsonb_to_recordset`): any number of writes
 * of a kind in one statement, one round trip. Times travel as ISO strings.
 */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function outboxRows(rows: readonly OutboxRow[]): unknown[] {
  return rows.map((r) => ({ topic: r.topic, target: r.target, format: r.format, payload: r.payload, dedupe_key: r.dedupeKey }));
}
