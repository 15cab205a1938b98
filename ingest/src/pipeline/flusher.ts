import type { Logger } from 'pino';
import type { Pool } from '@aware/db';
import { messageOf } from '../errors.js';
import type { IngestMetrics } from '../metrics.js';
import type { BoundedQueue } from './bounded-queue.js';
import type { DeviceStateWriter } from './device-state-writer.js';
import type { QueuedHeartbeat } from './queued-heartbeat.js';
import { encodeTelemetry } from './telemetry-copy.js';
import { isTransient, writeTelemetry } from './telemetry-write.js';

export interface FlusherOptions {
  batchMaxRows: number;
  flushIntervalMs: number;
  /** Batches written at the same time (each on its own connection); 2 lets encoding overlap a COPY. */
  maxInFlight?: number;
  /** Tries per batch for a transient database failure before its rows count as lost. */
  maxAttempts?: number;
  /** Called when a batch's telemetry is committed (benchmarks measure latency with it). */
  onCommitted?: (rows: readonly QueuedHeartbeat[], committedAt: number) => void;
}

const byDeviceId = (a: QueuedHeartbeat, b: QueuedHeartbeat): number =>
  a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Takes batches off the queue and writes them with COPY: as soon as `batchMaxRows` are waiting, or
 * when the oldest waiting row is `flushIntervalMs` old, whichever comes first. At most `maxInFlight`
 * batches are being written, so the queue (bounded) is the only buffer: while the database is slow it
 * fills, and the receiver sheds. Each batch is also handed to the device-state writer.
 */
export class Flusher {
  private inFlight = 0;
  private readonly writes = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly rateTimer: NodeJS.Timeout;
  private rowsThisSecond = 0;
  private stopping = false;
  private readonly maxInFlight: number;
  private readonly log: Logger;

  constructor(
    private readonly queue: BoundedQueue<QueuedHeartbeat>,
    private readonly pool: Pool,
    /** Receives every batch for device state (always in the service; absent to measure COPY alone). */
    private readonly state: DeviceStateWriter | undefined,
    private readonly options: FlusherOptions,
    private readonly metrics: IngestMetrics,
    logger: Logger,
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.log = logger.child({ component: 'flusher' });
    this.rateTimer = setInterval(() => {
      this.metrics.rowsPerSecond.set(this.rowsThisSecond);
      this.rowsThisSecond = 0;
    }, 1000);
    this.rateTimer.unref();
  }

  /** Something was queued. Cheap: called for every accepted heartbeat. */
  notify(): void {
    if (this.inFlight >= this.maxInFlight) return;
    if (this.queue.size >= this.options.batchMaxRows) this.kick();
    else if (this.timer === undefined) this.arm();
  }

  /** Writes everything still queued (at shutdown), then the device state; no timer is armed after it. */
  async drain(): Promise<void> {
    this.stopping = true;
    this.clearTimer();
    clearInterval(this.rateTimer);
    while (this.writes.size > 0 || this.queue.size > 0) {
      while (this.queue.size > 0 && this.inFlight < this.maxInFlight) this.kick();
      await Promise.race(this.writes);
    }
    await this.state?.drain();
  }

  private arm(): void {
    const oldest = this.queue.peek();
    if (oldest === undefined || this.stopping) return;
    const delay = Math.max(0, oldest.receivedAt + this.options.flushIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private kick(): void {
    this.clearTimer();
    if (this.inFlight >= this.maxInFlight || this.queue.size === 0) return;
    const rows = this.queue.take(this.options.batchMaxRows);
    this.inFlight++;
    this.state?.merge(rows);
    const write = this.write(rows).finally(() => {
      this.inFlight--;
      this.writes.delete(write);
      if (this.stopping) return;
      if (this.queue.size >= this.options.batchMaxRows) this.kick();
      else if (this.queue.size > 0 && this.timer === undefined) this.arm();
    });
    this.writes.add(write);
  }

  private async write(rows: QueuedHeartbeat[]): Promise<void> {
    const started = performance.now();
    // In (device_id) order the telemetry index takes the batch in runs instead of one page per row.
    // Stable: a pendant's rows keep their arrival order.
    const encoded = encodeTelemetry([...rows].sort(byDeviceId));
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await writeTelemetry(this.pool, encoded);
        break;
      } catch (err) {
        if (isTransient(err) && attempt < maxAttempts && !this.stopping) {
          this.log.warn({ err: messageOf(err), attempt, rows: rows.length }, 'ING_ERR_FLUSH: retrying batch');
          await sleep(Math.min(4000, 250 * 2 ** (attempt - 1)));
          continue;
        }
        this.metrics.flushErrors.inc();
        this.metrics.rowsLost.inc(rows.length);
        this.log.error({ err: messageOf(err), code: (err as { code?: string }).code, rows: rows.length }, 'ING_ERR_FLUSH: batch given up');
        return;
      }
    }
    this.metrics.rowsWritten.inc(rows.length);
    this.rowsThisSecond += rows.length;
    this.metrics.batchSize.observe(rows.length);
    this.metrics.flushSeconds.observe((performance.now() - started) / 1000);
    this.options.onCommitted?.(rows, Date.now());
  }
}
