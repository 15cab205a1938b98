import type { Logger } from 'pino';
import { maintainTelemetry, type Pool } from '@aware/db';
import { messageOf } from './errors.js';

/**
 * Data minimisation: raw telemetry (which holds location) is dropped after `retentionDays` by the
 * database's own `telemetry_maintain` (drops daily partitions on plain PostgreSQL, chunks on
 * TimescaleDB, and creates the coming days' partitions). Ingest only runs it: at start and then
 * every `intervalS`. Alarm trails live elsewhere (alarm_trail) and are not touched.
 */
export function startRetention(pool: Pool, retentionDays: number, intervalS: number, logger: Logger): { stop(): Promise<void> } {
  const log = logger.child({ component: 'retention' });
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const actions = await maintainTelemetry(pool, { retentionDays });
        if (actions.length > 0) log.info({ actions, retentionDays }, 'telemetry partitions maintained');
      } catch (err) {
        log.error({ err: messageOf(err) }, 'ING_ERR_RETENTION');
      }
    });
  };
  run();
  const timer = setInterval(run, intervalS * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
