import type { Principal } from '../auth/principal.js';
import type { DurableWriter } from '../durable/writer.js';
import type { AccessEntry } from '../durable/writes.js';
import { controlRoomRoles } from './audience.js';

/**
 * Every dossier card shown goes into the append-only access log: once per console connection and alarm
 * for the live feed, once per request for the alarm detail. Entries are batched (every 200 ms) into one
 * durable write, so the log never slows the fan-out, and they survive a database outage in the journal.
 */
export class AccessLogger {
  private batch: AccessEntry[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly durable: DurableWriter,
    private readonly now: () => number,
  ) {}

  shown(principal: Principal, alarmId: string, clientId: string, ip: string | null, channel: AccessEntry['channel']): void {
    this.batch.push({
      at: this.now(),
      userId: principal.userId,
      username: principal.username,
      organisation: principal.organisation,
      role: controlRoomRoles(principal)[0] ?? principal.roles[0] ?? 'unknown',
      alarmId,
      clientId,
      ip,
      channel,
    });
    this.timer ??= setTimeout(() => this.flush(), 200);
  }

  /** Writes what is batched; resolves when it is durable. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = this.batch;
    this.batch = [];
    return entries.length ? this.durable.write({ kind: 'access_logged', entries }) : Promise.resolve();
  }
}
