import { join } from 'node:path';
import { TECHNICAL_ALARM_CHANNEL } from '@aware/protocol';
import Fastify, { LogController } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import { AlarmStore } from './alarms/alarm-store.js';
import { escalate } from './alarms/escalate.js';
import { Escalation } from './alarms/escalation.js';
import { InvalidPressMemo } from './alarms/invalid-press-memo.js';
import { Authenticator } from './auth/authenticator.js';
import { systemClock, type Clock } from './clock.js';
import type { DispatchConfig } from './config.js';
import type { DispatchContext } from './context.js';
import { DbListener } from './db-listener.js';
import { DIRECTORY_CHANNEL, Directory } from './directory/directory.js';
import { Journal } from './durable/journal.js';
import { DurableWriter, type RejectedWrite } from './durable/writer.js';
import type { DurableWrite } from './durable/writes.js';
import { dispatchPlugin } from './http/plugin.js';
import type { DispatchServices } from './http/services.js';
import { AccessLogger } from './live/access-logger.js';
import { LiveFeed } from './live/feed.js';
import { createMetrics } from './metrics.js';
import { connectBroker } from './mqtt/broker-link.js';
import { Downlink } from './mqtt/downlink.js';
import { routeDelivery } from './mqtt/route.js';
import { OutboxWorker } from './outbox/worker.js';
import { TechnicalBoard } from './technical/technical-board.js';
import { loadDatabaseState, warmUp } from './warm-up.js';

export interface DispatchDeps {
  /** The platform database (`@aware/db` createPool). Dispatch does not end it. */
  readonly pool: pg.Pool;
  /** The root logger; dispatch logs through a child bound to `service: 'dispatch'`. */
  readonly logger: Logger;
  readonly clock?: Clock;
}

export interface RunningDispatch {
  /** `http://host:port` of the HTTP server (live feed, alarm routes, /metrics, /healthz). */
  readonly address: string;
  /** The parts the HTTP plugin needs, to mount `dispatchPlugin` in another server (the dashboard). */
  readonly services: DispatchServices;
  readonly context: DispatchContext;
  /** Stops taking deliveries, makes pending writes durable (so they are acknowledged), closes everything. */
  stop(): Promise<void>;
}

/**
 * Starts dispatch: memory warmed from the database (and an earlier run's journal) before the first
 * broker delivery is taken; then the broker session, the HTTP server, the outbox worker.
 */
export async function start(config: DispatchConfig, deps: DispatchDeps): Promise<RunningDispatch> {
  const log = deps.logger.child({ service: 'dispatch' });
  const clock = deps.clock ?? systemClock;
  const { pool } = deps;
  const metrics = createMetrics();
  const feed = new LiveFeed(config.live.bufferEvents);
  const store = new AlarmStore();
  const journal = await Journal.open<DurableWrite>(config.journalDir);
  const rejected = await Journal.open<RejectedWrite>(join(config.journalDir, 'rejected'));
  const outbox = new OutboxWorker({ db: pool, config, feed, metrics, log });
  const durable = new DurableWriter({
    pool,
    journal,
    rejected,
    writeTimeoutMs: config.db.writeTimeoutMs,
    probeMs: config.db.probeMs,
    maxInFlight: config.db.maxInFlight,
    logger: log,
    onApplied: (writes) => {
      if (writes.some((w) => 'outbox' in w && w.outbox.length > 0)) outbox.wake();
    },
    onModeChange: (mode) => metrics.durableMode.set({ db: 0, journal: 1, switching: 2 }[mode]),
  });
  const directory = new Directory(pool, log, config.directoryRefreshMs, (entry) => {
    if (entry.assignment) store.updateDossier(entry.assignment.clientId, entry.assignment.dossier);
  });
  const mqtt = connectBroker(config.mqtt, log.child({ component: 'mqtt' }), (delivery) => routeDelivery(context, delivery));
  const context: DispatchContext = {
    config,
    log,
    clock,
    directory,
    store,
    invalidPresses: new InvalidPressMemo(),
    feed,
    durable,
    downlink: new Downlink(mqtt, log),
    escalation: new Escalation(config.escalationMs, () => clock.now(), (alarmId) => escalate(context, alarmId)),
    metrics,
  };
  const technical = new TechnicalBoard(feed, pool, log);
  const listener = new DbListener(
    pool,
    { [DIRECTORY_CHANNEL]: (p) => directory.changed(p), [TECHNICAL_ALARM_CHANNEL]: (p) => technical.notice(p) },
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
  const accessLog = new AccessLogger(durable, () => clock.now());
  const services: DispatchServices = { ctx: context, auth: new Authenticator(pool, config.sessionCacheMs, clock), technical, accessLog, db: pool };

  // true once the open alarms are in memory; false while start-up had to go on without the database
  let databaseStateLoaded = true;
  await listener.start();
  databaseStateLoaded = await warmUp(context, pool, journal, () => (listener.connected ? Promise.resolve() : directory.reload()), config.db.startupWaitMs);
  await durable.start();
  mqtt.connect();

  const app = Fastify({ loggerInstance: log.child({ component: 'http' }), logController: new LogController({ disableRequestLogging: true }), bodyLimit: 64 * 1024 });
  app.get('/healthz', async () => ({ ok: true, durable: durable.mode, broker: mqtt.connected, openAlarms: store.openCount, consoles: feed.consoles }));
  if (config.metrics) {
    app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  }
  await app.register(dispatchPlugin, services);
  const address = await app.listen({ host: config.http.host, port: config.http.port });

  outbox.start();
  directory.startPeriodicReload();
  const pruner = setInterval(() => store.prunePresses(clock.now() - config.dedupeWindowMs), 60_000);
  pruner.unref();
  log.info({ address, openAlarms: store.openCount, devices: directory.size, durable: durable.mode }, 'dispatch started');

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    clearInterval(pruner);
    await app.close();
    await accessLog.flush();
    await durable.flush(5_000);
    await new Promise<void>((resolve) => mqtt.end(false, {}, () => resolve()));
    context.escalation.stop();
    durable.stop();
    directory.stop();
    await outbox.stop();
    await listener.stop();
    await journal.close();
    await rejected.close();
    log.info('dispatch stopped');
  };
  return { address, services, context, stop: () => (stopping ??= stop()) };
}
