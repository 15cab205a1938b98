import type { Queryable } from '@aware/db';
import { TechnicalAlarmNotice, technicalOnBoard, type TechnicalAlarmView, type TechnicalChange } from '@aware/protocol';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import { sees } from '../live/audience.js';
import type { LiveFeed } from '../live/feed.js';
import { loadOnBoard, type TechnicalRow } from './technical-sql.js';

interface OnBoard {
  readonly view: TechnicalAlarmView;
  readonly region: string | null;
}

/** The view as the live feed carries it: the operator's note stays in the history (device administrators see the feed too). */
function forFeed(view: TechnicalAlarmView): TechnicalAlarmView {
  return view.handling?.note ? { ...view, handling: { ...view.handling, note: null } } : view;
}

/**
 * Technical alarms (silent pendant, low battery) on the Veilig Thuis board. Ingest raises and clears them
 * and announces it on `TECHNICAL_ALARM_CHANNEL`; operators take and resolve them (technical-actions.ts).
 * Every change is pushed to the Veilig Thuis consoles and device administrators as a `technical` live
 * event (never the police board, see audience.ts); what is on the board (technicalOnBoard) is kept for snapshots.
 */
export class TechnicalBoard {
  private onBoard = new Map<string, OnBoard>();

  constructor(
    private readonly feed: LiveFeed,
    private readonly db: Queryable,
    private readonly log: Logger,
  ) {}

  /** A NOTIFY payload from ingest: the pendant's condition began or ended. */
  notice(payload: string): void {
    let parsed;
    try {
      parsed = TechnicalAlarmNotice.safeParse(JSON.parse(payload));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) return void this.log.warn({ payload: payload.slice(0, 200) }, 'unreadable technical alarm notice ignored');
    const { change, technical, region } = parsed.data;
    // ingest knows nothing of the operators' handling: keep what the board has
    const known = this.onBoard.get(technical.id)?.view;
    const view = change === 'cleared' && known ? { ...known, clearedAt: technical.clearedAt } : technical;
    this.apply(change, view, region);
  }

  /** An operator took or resolved one (the row as now stored). */
  handled(change: 'acknowledged' | 'resolved', row: TechnicalRow): TechnicalAlarmView {
    const view = forFeed(row.view);
    this.apply(change, view, row.region);
    return view;
  }

  /** The technical alarm if it is on the board and `principal` sees it. */
  find(principal: Principal, id: string): OnBoard | undefined {
    const entry = this.onBoard.get(id);
    return entry && sees(principal, { kind: 'technical', region: entry.region }) ? entry : undefined;
  }

  /** Re-reads the board (at start and after the listener reconnected). */
  async reload(): Promise<void> {
    const rows = await loadOnBoard(this.db);
    this.onBoard = new Map(rows.map((r) => [r.view.id, { view: forFeed(r.view), region: r.region }]));
  }

  visibleTo(principal: Principal): TechnicalAlarmView[] {
    return [...this.onBoard.values()].filter((t) => sees(principal, { kind: 'technical', region: t.region })).map((t) => t.view);
  }

  private apply(change: TechnicalChange, view: TechnicalAlarmView, region: string | null): void {
    if (technicalOnBoard(view)) this.onBoard.set(view.id, { view, region });
    else this.onBoard.delete(view.id);
    this.feed.publish({ type: 'technical', change, technical: view }, { kind: 'technical', region });
  }
}
