import type { Logger } from 'pino';
import type { Pool } from '@aware/db';
import type { PresenceEvent } from '@aware/protocol';
import { messageOf } from '../errors.js';

/**
 * Online/offline from the broker's presence events: a pendant's newest event (broker time) wins,
 * an older one arriving late changes nothing. A pendant that never sent a heartbeat gets its row here.
 */
const PRESENCE_UPSERT_SQL = `
INSERT INTO device_state AS d (device_id, last_seen_at, online, online_changed_at)
SELECT u.device_id, u.at, u.online, u.at
FROM unnest($1::text[], $2::boolean[], $3::timestamptz[]) AS u(device_id, online, at)
JOIN devices dv ON dv.id = u.device_id
ON CONFLICT (device_id) DO UPDATE SET
  online = EXCLUDED.online, online_changed_at = EXCLUDED.online_changed_at, updated_at = now()
WHERE d.online_changed_at IS NULL OR EXCLUDED.online_changed_at >= d.online_changed_at`;

/** Coalesces presence events (a reconnect storm) into one statement per interval, latest per pendant. */
export class PresenceWriter {
  private pending = new Map<string, PresenceEvent>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    private readonly pool: Pool,
    private readonly intervalMs: number,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'presence' });
  }

  add(event: PresenceEvent): void {
    const have = this.pending.get(event.deviceId);
    if (have === undefined || event.ts >= have.ts) this.pending.set(event.deviceId, event);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.flush());
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const events = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.pool.query(PRESENCE_UPSERT_SQL, [
        events.map((e) => e.deviceId),
        events.map((e) => e.state === 'online'),
        events.map((e) => new Date(e.ts).toISOString()),
      ]);
    } catch (err) {
      this.log.error({ err: messageOf(err), events: events.length }, 'ING_ERR_PRESENCE');
    }
  }
}
