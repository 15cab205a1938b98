import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TECHNICAL_ALARM_CHANNEL } from '@aware/protocol';
import type pg from 'pg';
import type { Logger } from 'pino';
import { AlarmStore } from './alarms/alarm-store.js';
import { escalate } from './alarms/escalate.js';
import { Escalation } from './alarms/escalation.js';
import { InvalidPressMemo } from './alarms/invalid-press-memo.js';
import type { Clock } from './clock.js';
import type { DispatchConfig } from './config.js';
import type { DispatchContext } from './context.js';
import { DbListener } from './db-listener.js';
import { DIRECTORY_CHANNEL, Directory } from './directory/directory.js';
import { publishAlarm } from './alarms/publish.js';
import { Journal } from './durable/journal.js';
import { DurableWriter, type RejectedWrite } from './durable/writer.js';
import type { DurableWrite } from './durable/writes.js';
import { DispatchErrorCode } from './errors.js';
import type { Lease } from './lease/lease.js';
import { DISPATCH_CHANNEL, JOURNAL_REPLAYED } from './lease/leftover-journal.js';
import { AccessLogger } from './live/access-logger.js';
import { LiveFeed } from './live/feed.js';
import type { DispatchMetrics } from './metrics.js';
import type { Delivery } from './mqtt/deferred-ack.js';
import { Downlink } from './mqtt/downlink.js';
import { PressSession } from './mqtt/press-session.js';
import { routeDelivery } from './mqtt/route.js';
import { OutboxWorker } from './outbox/worker.js';
import { TechnicalBoard } from './technical/technical-board.js';
import { loadDatabaseState, warmUp } from './warm-up.js';

export interface EngineDeps {
  readonly pool: pg.Pool;
  readonly log: Logger;
  readonly clock: Clock;
  readonly metrics: DispatchMetrics;
  readonly lease: Lease;
  /** Whether another dispatch node reaches the database (their beacons, mqtt/node-link.ts). */
  readonly peers: { peerReachedDbSince(since: number): boolean };
  /** The engine cannot go on (fenced, cut off from the database, its broker unreachable too long): the node stops it. */
  readonly onFatal: (reason: EngineFailure) => void;
}

export type EngineFailure = 'fenced' | 'cut_off' | 'broker_lost';

/** What the HTTP routes of the active node use. */
export interface Engine {
  readonly epoch: number;
  readonly context: DispatchContext;
  readonly technical: TechnicalBoard;
  readonly accessLog: AccessLogger;
  readonly press: PressSession;
  /**
   * Closes the consoles and the press session and makes what is pending durable, within `timeoutMs`.
   * `graceful` (a clean stop): pending writes first, so their presses are still acknowledged; otherwise the
   * press session first, so the next holder gets what was not.
   */
  stop(timeoutMs: number, graceful: boolean): Promise<void>;
}

/** One quick query: does this node reach the database right now? */
async function reachesDatabase(pool: pg.Pool, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([pool.query('SELECT 1').then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Live-feed sequence numbers of an epoch start at epoch * 2^33: a resume from an earlier holder gets a snapshot. */
const SEQ_PER_EPOCH = 2 ** 33;

/**
 * The active node's alarm engine, started when the node takes the lease (epoch `lease.epoch`): memory
 * warmed from the database (and the local journal) before the first press is taken, the press session,
 * escalation timers, the outbox worker, the live feed. Every database write is fenced with the epoch.
 *
 * A delivery is handled while the lease is valid, or while the database is unreachable for the lease
 * (a database outage must not stop alarms) and the press session has stayed up since the lease was last
 * valid: another node that took the lease would have taken the session from us first. Otherwise the
 * delivery waits for the next renewal: handled if it succeeds, left unacknowledged if the lease is lost.
 */
export async function startEngine(config: DispatchConfig, deps: EngineDeps): Promise<Engine> {
  const { pool, clock, metrics, lease } = deps;
  const epoch = lease.epoch!;
  const log = deps.log.child({ epoch });
  const feed = new LiveFeed(config.live.bufferEvents, epoch * SEQ_PER_EPOCH);
  const store = new AlarmStore();
  const journal = await Journal.open<DurableWrite>(config.journalDir);
  const rejected = await Journal.open<RejectedWrite>(join(config.journalDir, 'rejected'));
  const outbox = new OutboxWorker({ db: pool, config, feed, metrics, log });
  // Since when (performance.now) writes go to the journal; null while the database takes them.
  let outageSince: number | null = null;
  const durable = new DurableWriter({
    pool,
    journal,
    rejected,
    writeTimeoutMs: config.db.writeTimeoutMs,
    probeMs: config.db.probeMs,
    maxInFlight: config.db.maxInFlight,
    logger: log,
    fenceEpoch: epoch,
    onFenced: () => deps.onFatal('fenced'),
    onApplied: (writes) => {
      if (writes.some((w) => 'outbox' in w && w.outbox.length > 0)) outbox.wake();
    },
    onModeChange: (mode) => {
      metrics.durableMode.set({ db: 0, journal: 1, switching: 2 }[mode]);
      if (mode === 'journal') outageSince ??= performance.now();
      if (mode === 'db') outageSince = null;
    },
    beforeJournalConfirm: () => notCutOff(),
  });
  /**
   * Presses are confirmed from the journal only during a database outage, not when this node alone is
   * cut off from the database: then the standby, which reaches it, takes over, and presses confirmed
   * here would be known only to this node's journal until the link heals. So the first journaled
   * confirmation of an outage waits until the standbys had time to say (three lease reads); if one
   * reaches the database and this node still does not, this node stops (its unconfirmed presses stay
   * unacknowledged in the broker, for the new active node).
   */
  const witnessMs = config.lease.pollMs * 3;
  let cutOff = false;
  const notCutOff = async (): Promise<void> => {
    const since = outageSince ?? performance.now();
    for (;;) {
      if (cutOff) return new Promise<never>(() => undefined);
      if (deps.peers.peerReachedDbSince(since)) {
        if (await reachesDatabase(pool, config.lease.renewMs)) return;
        if (!cutOff) {
          cutOff = true;
          log.error({ code: DispatchErrorCode.LEASE_LOST }, 'another dispatch node reaches the database and this one does not: stopping, the other takes over');
          deps.onFatal('cut_off');
        }
        return new Promise<never>(() => undefined);
      }
      if (performance.now() - since >= witnessMs) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  // a card that changes during an alarm (a record restricted, an order added) reaches the consoles at once
  const directory = new Directory(pool, log, config.directoryRefreshMs, (entry) => {
    if (!entry.assignment) return;
    for (const alarm of store.updateDossier(entry.assignment.clientId, entry.assignment.dossier)) {
      if (alarm.state !== 'resolved') publishAlarm(context, alarm, 'dossier', null);
    }
  });

  // from here to the press session's first SUBACK: the takeover's own share (metrics, log)
  const started = performance.now();
  let takingPressesLogged = false;
  const mayHandle = (): boolean => lease.validNow() || (lease.unreachable && lease.isHolder && press.subscribed);
  const whenMayHandle = async (): Promise<void> => {
    while (!mayHandle()) {
      if (!lease.isHolder) return new Promise<never>(() => undefined); // lost: never handled here
      await lease.settled();
    }
  };
  const handle = (delivery: Delivery): Promise<void> | undefined =>
    mayHandle() ? routeDelivery(context, delivery) : whenMayHandle().then(() => routeDelivery(context, delivery));
  const press = new PressSession({
    config: config.mqtt,
    log: log.child({ component: 'mqtt' }),
    metrics,
    handle,
    mayConnect: async () => {
      if (!lease.validNow()) await lease.settled();
      return lease.validNow();
    },
    onSubscribed: () => {
      if (takingPressesLogged) return;
      takingPressesLogged = true;
      metrics.takeoverSeconds.set((performance.now() - started) / 1000);
      log.info({ ms: Math.round(performance.now() - started), openAlarms: store.openCount }, 'active: taking presses');
    },
  });
  const context: DispatchContext = {
    config,
    log,
    clock,
    directory,
    store,
    invalidPresses: new InvalidPressMemo(),
    feed,
    durable,
    downlink: new Downlink(press.client, log),
    escalation: new Escalation(config.escalationMs, () => clock.now(), (alarmId) => escalate(context, alarmId)),
    metrics,
  };
  const technical = new TechnicalBoard(feed, pool, log);
  // true once the open alarms are in memory; false while start-up had to go on without the database
  let databaseStateLoaded = true;
  const listener = new DbListener(
    pool,
    {
      [DIRECTORY_CHANNEL]: (p) => directory.changed(p),
      [TECHNICAL_ALARM_CHANNEL]: (p) => technical.notice(p),
      // another node replayed a journal it kept while it was active: its alarms are in the database now
      [DISPATCH_CHANNEL]: (p) => {
        if (p === JOURNAL_REPLAYED) void loadDatabaseState(context, pool).catch((err: unknown) => log.warn({ err }, 'reading replayed alarms failed'));
      },
    },
    async () => {
      await directory.reload();
      await technical.reload();
      if (!databaseStateLoaded) {
        await loadDatabaseState(context, pool);
        databaseStateLoaded = true;
        log.info({ openAlarms: store.openCount }, 'database back: open alarms loaded');
      }
    },
    log,
  );

  await listener.start();
  databaseStateLoaded = await warmUp(context, pool, journal, () => (listener.connected ? Promise.resolve() : directory.reload()), config.db.startupWaitMs);
  await durable.start();
  press.open();
  outbox.start();
  directory.startPeriodicReload();
  const pruner = setInterval(() => store.prunePresses(clock.now() - config.dedupeWindowMs), 60_000);
  pruner.unref();
  // an active node without its press session gives the lease up: another node may reach a broker
  const brokerWatch = setInterval(() => {
    const since = press.downSince;
    if (since !== null && performance.now() - since > config.brokerLossMs) deps.onFatal('broker_lost');
  }, 100);
  brokerWatch.unref();
  log.info({ openAlarms: store.openCount, devices: directory.size, durable: durable.mode }, 'alarm engine started');

  const accessLog = new AccessLogger(durable, () => clock.now());
  let stopping: Promise<void> | null = null;
  const stop = async (timeoutMs: number, graceful: boolean): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(100, deadline - Date.now());
    const bounded = (work: Promise<unknown>, ms: number) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
    clearInterval(pruner);
    clearInterval(brokerWatch);
    context.escalation.stop();
    feed.closeConsoles();
    // Not a clean stop (the lease went elsewhere, or this node is cut off): let go of the press session
    // first, so what was not acknowledged goes to the next holder now; what is pending here will not be.
    if (!graceful) await press.end(1_000);
    await bounded(accessLog.flush(), Math.min(graceful ? 5_000 : 500, left()));
    await durable.flush(Math.min(graceful ? 5_000 : 500, left()));
    if (graceful) await press.end(Math.min(2_000, left()));
    durable.stop();
    directory.stop();
    await bounded(outbox.stop(), left());
    await bounded(listener.stop(), left());
    await journal.close();
    await rejected.close();
    log.info('alarm engine stopped');
  };
  return { epoch, context, technical, accessLog, press, stop: (timeoutMs, graceful) => (stopping ??= stop(timeoutMs, graceful)) };
}
