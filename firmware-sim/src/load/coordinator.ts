import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SimError } from '../errors.js';
import { shardPlan, type LoadPlan } from './plan.js';
import { runShard } from './shard.js';
import type { ShardSnapshot } from './stats.js';
import type { FromWorker, ToWorker } from './worker-main.js';

const WORKER = fileURLToPath(new URL('./worker-main.ts', import.meta.url));

/**
 * Runs a load plan: `workers: 0` in this process, otherwise one child process per shard (each with
 * its own event loop and its own open-file limit). `onProgress` gets the latest snapshot of every
 * shard once a second; the result is the final snapshot of each.
 */
export async function runLoad(plan: LoadPlan, onProgress: (shards: ShardSnapshot[]) => void, signal: AbortSignal): Promise<ShardSnapshot[]> {
  if (plan.workers === 0) {
    return [await runShard({ ...shardPlan({ ...plan, workers: 1 })[0]!, shard: 0 }, (s) => onProgress([s]), signal)];
  }
  const shards = shardPlan(plan);
  const latest: (ShardSnapshot | undefined)[] = shards.map(() => undefined);
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.connected && c.send({ type: 'stop' } satisfies ToWorker));
  signal.addEventListener('abort', stopAll, { once: true });
  try {
    return await Promise.all(
      shards.map(
        (shard, i) =>
          new Promise<ShardSnapshot>((resolve, reject) => {
            // process.execArgv carries tsx's loader, so the child can run TypeScript too
            const child = fork(WORKER, [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
            children.push(child);
            let done: ShardSnapshot | null = null;
            child.on('message', (message: FromWorker) => {
              if (message.type === 'progress') {
                latest[i] = message.snapshot;
                if (latest.every(Boolean)) onProgress(latest as ShardSnapshot[]);
              } else if (message.type === 'done') {
                done = message.snapshot;
              } else {
                reject(new SimError('SIM_ERR_LOAD_FAILED', `load worker ${i} failed: ${message.message}`));
              }
            });
            child.on('exit', (code) => {
              if (done) resolve(done);
              else reject(new SimError('SIM_ERR_LOAD_FAILED', `load worker ${i} exited (${code}) before reporting`));
            });
            child.send({ type: 'run', plan: shard } satisfies ToWorker);
          }),
      ),
    );
  } finally {
    signal.removeEventListener('abort', stopAll);
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  }
}
