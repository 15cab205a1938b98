/**
 * A load worker: a child process running one shard. The parent sends `{ type: 'run', plan }`
 * (or `{ type: 'stop' }` to cut the run short); the worker answers with `progress` snapshots
 * every second and one `done` snapshot, then exits.
 */
import { runShard } from './shard.js';
import type { ShardPlan } from './plan.js';
import type { ShardSnapshot } from './stats.js';

export type ToWorker = { type: 'run'; plan: ShardPlan } | { type: 'stop' };
export type FromWorker = { type: 'progress'; snapshot: ShardSnapshot } | { type: 'done'; snapshot: ShardSnapshot } | { type: 'failed'; message: string };

const send = (message: FromWorker, then?: () => void) => process.send?.(message, undefined, {}, () => then?.());
const abort = new AbortController();

process.on('message', (message: ToWorker) => {
  if (message.type === 'stop') abort.abort();
  if (message.type !== 'run') return;
  runShard(message.plan, (snapshot) => send({ type: 'progress', snapshot }), abort.signal).then(
    (snapshot) => {
      send({ type: 'done', snapshot }, () => process.disconnect?.());
    },
    (err: unknown) => {
      send({ type: 'failed', message: String((err as Error)?.message ?? err) }, () => process.disconnect?.());
    },
  );
});
// the parent going away ends the run
process.on('disconnect', () => abort.abort());
process.on('SIGINT', () => abort.abort());
