import type { Logger } from 'pino';
import type { Pool } from '@aware/db';
import type { TechnicalAlarmNotice, TechnicalKind } from '@aware/protocol';
import type { DeviceTrack } from '../devices/device-track.js';
import { messageOf } from '../errors.js';
import type { IngestMetrics } from '../metrics.js';
import { isTransient } from '../pipeline/telemetry-write.js';
import { clearTechnicalAlarm, openTechnicalAlarm } from './technical-sql.js';

type Change = 'opened' | 'cleared';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Writes technical alarm changes, in order per pendant (an open is always written before the clear
 * that follows it), each in its own transaction with its NOTIFY. The caller has already set
 * `track.open[kind]`; this only makes the database agree. A transient database failure is retried
 * until it succeeds or ingest stops: a silent pendant must not be forgotten because of a hiccup.
 */
export class TechnicalAlarms {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly log: Logger;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    private readonly metrics: IngestMetrics,
    logger: Logger,
    private readonly onNotice?: (notice: TechnicalAlarmNotice) => void,
  ) {
    this.log = logger.child({ component: 'technical-alarms' });
  }

  open(track: DeviceTrack, kind: TechnicalKind, at: number, detail: Record<string, unknown>): void {
    this.enqueue(track, kind, 'opened', at, detail);
  }

  clear(track: DeviceTrack, kind: TechnicalKind, at: number, detail: Record<string, unknown>): void {
    this.enqueue(track, kind, 'cleared', at, detail);
  }

  /** Resolves when every queued change has been written (or given up). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  async stop(): Promise<void> {
    await this.idle();
    this.stopped = true;
  }

  private enqueue(track: DeviceTrack, kind: TechnicalKind, change: Change, at: number, detail: Record<string, unknown>): void {
    const previous = this.chains.get(track.id) ?? Promise.resolve();
    const next = previous.then(() => this.write(track, kind, change, at, detail));
    this.chains.set(track.id, next);
    void next.finally(() => {
      if (this.chains.get(track.id) === next) this.chains.delete(track.id);
    });
  }

  private async write(track: DeviceTrack, kind: TechnicalKind, change: Change, at: number, detail: Record<string, unknown>): Promise<void> {
    const log = this.log.child({ deviceId: track.id, kind, change });
    for (let attempt = 1; ; attempt++) {
      try {
        const notice = await this.writeOnce(track, kind, change, at, detail);
        if (notice) {
          this.metrics.technical.inc({ kind, change });
          log.info({ technicalAlarmId: notice.technical.id }, `technical alarm ${change}`);
          this.onNotice?.(notice);
        }
        return;
      } catch (err) {
        if (this.stopped || !isTransient(err)) {
          log.error({ err: messageOf(err), code: (err as { code?: string }).code }, 'ING_ERR_TECHNICAL');
          return;
        }
        log.warn({ err: messageOf(err), attempt }, 'technical alarm write failed, retrying');
        await sleep(Math.min(30_000, 250 * 2 ** attempt));
      }
    }
  }

  private async writeOnce(
    track: DeviceTrack,
    kind: TechnicalKind,
    change: Change,
    at: number,
    detail: Record<string, unknown>,
  ): Promise<TechnicalAlarmNotice | null> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const notice =
        change === 'opened'
          ? await openTechnicalAlarm(client, track.id, kind, at, detail)
          : await clearTechnicalAlarm(client, track.id, kind, at, detail);
      await client.query('COMMIT');
      // null: already open, already cleared, or (open) the pendant is no longer with a client; the
      // in-memory flag then settles with the pendant's next heartbeat or configuration change.
      return notice;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  }
}
