/**
 * Ingest under test, in its own process (as in production): the real start() on the bench database
 * and broker, with a commit hook that records publish-to-committed latency of every row. Driven over
 * IPC by run.ts.
 */
import pino from 'pino';
import pg from 'pg';
import { ingestConfig, start, type IngestConfigInput, type RunningIngest } from '@aware/ingest';
import { Histogram } from './histogram.js';

type Command = { cmd: 'start'; databaseUrl: string; config: IngestConfigInput } | { cmd: 'report' } | { cmd: 'reset' } | { cmd: 'exit' };

const histogram = new Histogram();
const perSecond = new Map<number, number>();
let committed = 0;
let ingest: RunningIngest | undefined;
let pool: pg.Pool | undefined;

/** A metric's total over its label sets, or over those `only` keeps. */
async function value(
  metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> },
  only: (labels: Record<string, unknown>) => boolean = () => true,
): Promise<number> {
  return (await metric.get()).values.reduce((sum, v) => (only(v.labels) ? sum + v.value : sum), 0);
}

process.on('message', (message: Command) => {
  void (async () => {
    if (message.cmd === 'start') {
      // idle connections are kept, so the bench can account the CPU of their server processes per step
      pool = new pg.Pool({ connectionString: message.databaseUrl, max: 10, application_name: 'aware-ingest-bench', idleTimeoutMillis: 0 });
      ingest = await start(ingestConfig(message.config), {
        pool,
        logger: pino({ level: 'warn' }, pino.destination(2)),
        onCommitted(rows, at) {
          committed += rows.length;
          const second = Math.floor(at / 1000);
          perSecond.set(second, (perSecond.get(second) ?? 0) + rows.length);
          for (const row of rows) histogram.record(at - row.hb.ts);
        },
      });
      process.send?.({ event: 'started', stats: ingest.stats() });
    } else if (message.cmd === 'reset') {
      histogram.reset();
      perSecond.clear();
      committed = 0;
      process.send?.({ event: 'reset' });
    } else if (message.cmd === 'report') {
      const m = ingest!.metrics;
      process.send?.({
        event: 'report',
        committed,
        received: await value(m.received),
        shed: await value(m.shed),
        shedBusy: await value(m.shed, (labels) => labels['reason'] === 'busy'),
        invalid: await value(m.invalid),
        lost: await value(m.rowsLost),
        perSecond: [...perSecond.entries()],
        histogram: histogram.toJSON(),
        batch: (await m.batchSize.get()).values,
      });
    } else {
      await ingest?.stop();
      await pool?.end();
      process.exit(0);
    }
  })().catch((err: Error) => {
    process.send?.({ event: 'error', message: err.message });
  });
});
process.send?.({ event: 'ready' });
