import type { Queryable } from '@aware/db';
import { TechnicalAlarmNotice, type TechnicalAlarmView, type TechnicalKind } from '@aware/protocol';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import { sees } from '../live/audience.js';
import type { LiveFeed } from '../live/feed.js';

interface OpenTechnical {
  readonly view: TechnicalAlarmView;
  readonly region: string | null;
}

/**
 * Technical alarms (silent pendant, low battery), raised by ingest and announced on
 * `TECHNICAL_ALARM_CHANNEL`: pushed to the Veilig Thuis consoles and device administrators as `technical`
 * live events (never the police board, see audience.ts), and the open ones kept for snapshots.
 */
export class TechnicalBoard {
  private open = new Map<string, OpenTechnical>();

  constructor(
    private readonly feed: LiveFeed,
    private readonly db: Queryable,
    private readonly log: Logger,
  ) {}

  /** A NOTIFY payload from ingest. */
  notice(payload: string): void {
    let parsed;
    try {
      parsed = TechnicalAlarmNotice.safeParse(JSON.parse(payload));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) return void this.log.warn({ payload: payload.slice(0, 200) }, 'unreadable technical alarm notice ignored');
    const { change, technical, region } = parsed.data;
    if (change === 'opened') this.open.set(technical.id, { view: technical, region });
    else this.open.delete(technical.id);
    this.feed.publish({ type: 'technical', change, technical }, { kind: 'technical', region });
  }

  /** Re-reads the open technical alarms (at start and after the listener reconnected). */
  async reload(): Promise<void> {
    const { rows } = await this.db.query<{ id: string; device_id: string; kind: TechnicalKind; opened_at: Date; region: string | null }>(
      `SELECT t.id, t.device_id, t.kind, t.opened_at, coalesce(t.region, d.region) AS region
       FROM technical_alarms t JOIN devices d ON d.id = t.device_id WHERE t.cleared_at IS NULL`,
    );
    this.open = new Map(
      rows.map((r) => [
        r.id,
        { view: { id: r.id, deviceId: r.device_id, kind: r.kind, openedAt: r.opened_at.toISOString(), clearedAt: null }, region: r.region },
      ]),
    );
  }

  visibleTo(principal: Principal): TechnicalAlarmView[] {
    return [...this.open.values()].filter((t) => sees(principal, { kind: 'technical', region: t.region })).map((t) => t.view);
  }
}
