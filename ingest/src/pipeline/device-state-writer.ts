import type { Logger } from 'pino';
import type { Pool } from '@aware/db';
import { messageOf } from '../errors.js';
import type { IngestMetrics } from '../metrics.js';
import { isTransient } from './telemetry-write.js';
import { mergeNewest, upsertDeviceState, type DeviceStateRow } from './device-state-upsert.js';
import type { QueuedHeartbeat } from './queued-heartbeat.js';

/** Largest statement: pendants per UPDATE. */
const MAX_ROWS = 10_000;

/**
 * Device state, written beside telemetry on its own connection: every batch taken off the queue is
 * folded into a map of pending rows (newest heartbeat per pendant), and one write at a time empties
 * it. While a write is running the map keeps absorbing batches, so when the database is slower than
 * the heartbeats arrive, later writes carry one row per pendant for many batches: the state writer
 * never falls behind by more than one write and never needs to shed.
 */
export class DeviceStateWriter {
  private pending = new Map<string, DeviceStateRow>();
  private writing: Promise<void> | undefined;
  private readonly log: Logger;

  constructor(
    private readonly pool: Pool,
    private readonly metrics: IngestMetrics,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'device-state' });
  }

  merge(rows: readonly QueuedHeartbeat[]): void {
    for (const row of rows) mergeNewest(this.pending, row);
    this.writing ??= this.writeAll();
  }

  /** Resolves when everything merged so far is written. */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const rows = [...this.pending.values()];
        this.pending = new Map();
        for (let i = 0; i < rows.length; i += MAX_ROWS) await this.write(rows.slice(i, i + MAX_ROWS));
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write(rows: DeviceStateRow[]): Promise<void> {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await upsertDeviceState(this.pool, rows);
        this.metrics.stateRows.inc(rows.length);
        this.metrics.stateSeconds.observe((performance.now() - started) / 1000);
        return;
      } catch (err) {
        if (isTransient(err) && attempt < 5) {
          await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt).unref());
          continue;
        }
        this.log.error({ err: messageOf(err), code: (err as { code?: string }).code, devices: rows.length }, 'ING_ERR_DEVICE_STATE');
        return;
      }
    }
  }
}
