import type { Queryable } from '@aware/db';
import type { Logger } from 'pino';
import type { DispatchConfig } from '../config.js';
import { DispatchErrorCode, messageOf } from '../errors.js';
import { alarmAudience } from '../live/audience.js';
import type { LiveFeed } from '../live/feed.js';
import type { DispatchMetrics } from '../metrics.js';
import { backoffMs } from './backoff.js';
import { claimDue, markDelivered, markFailed, nextDueInMs, type OutboxJob } from './outbox-sql.js';
import { renderBody } from './render.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from './sign.js';

const CLAIM = 20;

export interface OutboxWorkerOptions {
  readonly db: Queryable;
  readonly config: DispatchConfig;
  readonly feed: LiveFeed;
  readonly metrics: DispatchMetrics;
  readonly log: Logger;
}

/**
 * Delivers the outbox: claims due rows, POSTs each to its webhook (JSON or CAP 1.2, signed), and records
 * the result. A failure (network, timeout, non-2xx) is retried with exponential backoff; after
 * `maxAttempts` the row is dead. Every result is a `notification` live event, so a dead letter shows on
 * the consoles of the alarm's region. Woken at once when new rows are committed, else it polls.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly log: Logger;

  constructor(private readonly o: OutboxWorkerOptions) {
    this.log = o.log.child({ component: 'outbox' });
  }

  start(): void {
    this.schedule(0);
  }

  /** New rows were committed: look now. */
  wake(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => (this.running = null));
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const { pollMs, timeoutMs } = this.o.config.outbox;
    let next = pollMs;
    try {
      this.again = false;
      const jobs = await claimDue(this.o.db, CLAIM, timeoutMs * 2 + 5_000);
      await Promise.all(jobs.map((job) => this.deliver(job)));
      const due = jobs.length === CLAIM || this.again ? 0 : await nextDueInMs(this.o.db);
      if (due !== null) next = Math.min(pollMs, due);
    } catch (error) {
      this.log.warn({ err: messageOf(error) }, 'outbox unavailable (database down?); retrying');
    }
    this.schedule(next);
  }

  private async deliver(job: OutboxJob): Promise<void> {
    const { config } = this.o;
    const target = config.webhooks.find((t) => t.name === job.target);
    const attempts = job.attempts + 1;
    if (!target) return this.failed(job, attempts, 'target no longer configured', null, true);
    const { body, contentType } = renderBody(job.format, job.payload, job.id, config.capSender);
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(target.secret, timestamp, body),
          'x-aware-delivery': job.id,
          'x-aware-event': job.topic,
          'user-agent': 'aware-dispatch',
        },
        body,
        signal: AbortSignal.timeout(config.outbox.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      return this.failed(job, attempts, messageOf(error), status, attempts >= config.outbox.maxAttempts);
    }
    await markDelivered(this.o.db, job.id, status);
    this.o.metrics.deliveries.inc({ target: job.target, result: 'delivered' });
    this.announce(job, 'delivered', attempts);
  }

  private async failed(job: OutboxJob, attempts: number, error: string, status: number | null, dead: boolean): Promise<void> {
    const { backoffBaseMs, backoffMaxMs } = this.o.config.outbox;
    await markFailed(this.o.db, job.id, error, status, dead, dead ? 0 : backoffMs(attempts, backoffBaseMs, backoffMaxMs));
    this.o.metrics.deliveries.inc({ target: job.target, result: dead ? 'dead' : 'retrying' });
    const log = dead ? this.log.error.bind(this.log) : this.log.warn.bind(this.log);
    log({ code: DispatchErrorCode.WEBHOOK_FAILED, alarmId: job.alarmId, target: job.target, attempts, err: error }, dead ? 'webhook delivery dead' : 'webhook delivery failed; will retry');
    this.announce(job, dead ? 'dead' : 'retrying', attempts);
  }

  private announce(job: OutboxJob, state: 'delivered' | 'retrying' | 'dead', attempts: number): void {
    if (!job.alarmId) return;
    this.o.feed.publish({ type: 'notification', alarmId: job.alarmId, target: job.target, state, attempts }, alarmAudience(job.payload.alarm, this.o.config.testAlarmsToPolice));
  }
}
