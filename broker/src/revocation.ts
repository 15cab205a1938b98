import type { Aedes } from 'aedes';
import type { BrokerContext } from './context.js';
import { mayConnect } from './auth/device-directory.js';
import { localClient } from './aedes-internals.js';
import { stateOf } from './client-state.js';
import { closeWithReason } from './presence/presence.js';
import { BrokerError } from './errors.js';

/** Re-read this much before the last poll's database time: a change committed late is not missed. */
const OVERLAP_MS = 5000;

/**
 * Revocation: every `revocationPollMs` (1 s by default) the broker asks the directory which devices
 * changed status or secret since the last poll, and closes the local connection of each that may no
 * longer connect (disabled, revoked) or now has another secret (rotated: a clone with the old secret
 * is cut off). New logins read the status fresh from the database, so they are refused at once.
 * Polling, not LISTEN/NOTIFY: one indexed query a second per node, nothing to lose on a dropped
 * connection, and each node of a cluster watches for itself.
 */
export function watchRevocations(ctx: BrokerContext, broker: Aedes): { stop(): Promise<void> } {
  let since: Date | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> = Promise.resolve();

  const poll = async (): Promise<void> => {
    try {
      const { changes, until } = await ctx.devices.changesSince(since);
      since = new Date(until.getTime() - OVERLAP_MS);
      for (const change of changes) {
        const allowed = mayConnect(change, ctx.config.auth.allowTestStock);
        if (!allowed) ctx.cache.forget(change.id);
        const client = localClient(broker, change.id);
        const state = stateOf(client);
        if (!client || client.closed || !state?.deviceId) continue;
        if (allowed && state.secretHash === change.secretHash) continue;
        ctx.metrics.revocations.inc();
        ctx.log.warn(
          { event: 'security.revoked', code: 'BRK_ERR_REVOKED', deviceId: change.id, status: change.status, rotated: allowed },
          'device disabled, revoked or its secret rotated: disconnected',
        );
        closeWithReason(client, 'revoked');
      }
    } catch (err) {
      ctx.log.error({ err, code: 'BRK_ERR_DIRECTORY_POLL' }, new BrokerError('BRK_ERR_DIRECTORY_POLL').message);
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = poll().finally(schedule);
    }, ctx.config.revocationPollMs);
  };
  inFlight = poll().finally(schedule);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight.catch(() => undefined);
    },
  };
}
