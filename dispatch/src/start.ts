import { hostname } from 'node:os';
import Fastify, { LogController } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import { Authenticator } from './auth/authenticator.js';
import { systemClock, type Clock } from './clock.js';
import type { DispatchConfig } from './config.js';
import type { DispatchContext } from './context.js';
import { startEngine, type Engine, type EngineFailure } from './engine.js';
import { DispatchError, DispatchErrorCode, messageOf } from './errors.js';
import { dispatchPlugin } from './http/plugin.js';
import { LeaderRelay } from './http/relay.js';
import { DbListener } from './db-listener.js';
import { directRequestGuard } from './http/direct-guard.js';

/** The channel of migration 0019: a user whose sign-in changed (payload: her id). */
const SESSION_CHANNEL = 'aware_sessions';
import type { DispatchServices } from './http/services.js';
import { Lease, type LeaderView } from './lease/lease.js';
import { replayLeftoverJournal } from './lease/leftover-journal.js';
import { createMetrics } from './metrics.js';
import { NodeLink } from './mqtt/node-link.js';

export interface DispatchDeps {
  /** The platform database (`@aware/db` createPool). Dispatch does not end it. */
  readonly pool: pg.Pool;
  /** The root logger; dispatch logs through a child bound to `service: 'dispatch'`. */
  readonly logger: Logger;
  readonly clock?: Clock;
}

export type DispatchRole = 'active' | 'standby';

export interface RunningDispatch {
  /** `http://host:port` of the HTTP server (live feed, alarm routes, /metrics, /healthz). */
  readonly address: string;
  /** The parts the HTTP plugin needs, to mount `dispatchPlugin` in another server (the dashboard). */
  readonly services: DispatchServices;
  /** The active engine's context; throws DSP_ERR_NO_ACTIVE_NODE on a standby. */
  readonly context: DispatchContext;
  readonly role: DispatchRole;
  /** Resolves when this node is (or becomes) the active one. */
  whenActive(): Promise<void>;
  /** Stops taking deliveries, makes pending writes durable, releases the lease, closes everything (bounded). */
  stop(): Promise<void>;
}

/**
 * One dispatch node. Every node serves the console (live feed, alarm routes); exactly one, the holder of
 * the database lease (lease/lease.ts), runs the alarm engine (engine.ts): the press session, escalation
 * timers, the outbox. The others relay consoles and alarm actions to it (http/relay.ts) and take the lease
 * when it stops renewing, as long as they reach a broker themselves (mqtt/node-link.ts).
 *
 * A node that loses the lease, is fenced by the database, or whose press session stays down longer than
 * DISPATCH_BROKER_LOSS_MS stops its engine and goes on as a standby (giving the lease up in the last
 * case). A journal it kept while active is replayed into the database before it may become active again.
 */
export async function start(config: DispatchConfig, deps: DispatchDeps): Promise<RunningDispatch> {
  const log = deps.logger.child({ service: 'dispatch', instance: config.instance });
  const clock = deps.clock ?? systemClock;
  const { pool } = deps;
  const metrics = createMetrics();
  let engine: Engine | null = null;
  const activeWaiters: (() => void)[] = [];
  let selfUrl = '';
  let stopped = false;

  const noEngine = (): never => {
    throw new DispatchError(DispatchErrorCode.NO_ACTIVE_NODE, 'this node is a standby');
  };
  const nodeLink = new NodeLink(config.mqtt, config.instance, log.child({ component: 'node-link' }));
  let journalPending = true;
  // created once the HTTP listener's address (the URL in the lease row) is known
  let lease: Lease | null = null;
  const leaderView = (): LeaderView => lease?.leaderView ?? { instance: null, url: null, epoch: 0 };
  const relay = new LeaderRelay({
    leader: leaderView,
    self: () => selfUrl,
    secret: config.mqtt.password,
    maxBufferedBytes: config.live.maxBufferedBytes,
    timeoutMs: 5_000,
    metrics,
    log,
  });
  const services: DispatchServices = {
    config,
    get ctx() {
      return engine?.context ?? noEngine();
    },
    get technical() {
      return engine?.technical ?? noEngine();
    },
    get accessLog() {
      return engine?.accessLog ?? noEngine();
    },
    auth: new Authenticator(pool, config.sessionCacheMs, clock),
    db: pool,
    active: () => engine !== null,
    relay,
  };

  // Every node forgets a user's cached sessions the moment her sign-in changes (migration 0019), and the
  // active node rechecks her open consoles (a standby's consoles are piped to the active node's feed).
  const sessions = new DbListener(
    pool,
    {
      [SESSION_CHANNEL]: (userId) => {
        services.auth.forgetUser(userId);
        engine?.context.feed.recheckUser(userId);
      },
    },
    async () => services.auth.forgetAll(),
    log.child({ component: 'sessions' }),
  );
  await sessions.start();

  // Leadership changes run one after another.
  let transitions: Promise<void> = Promise.resolve();
  const serially = (what: string, fn: () => Promise<void>) => {
    transitions = transitions.then(fn).catch((error: unknown) => log.error({ err: messageOf(error) }, `${what} failed`));
    return transitions;
  };
  const becomeActive = async (): Promise<void> => {
    if (engine || stopped || !lease?.isHolder) return;
    try {
      const started = await startEngine(config, { pool, log, clock, metrics, lease, peers: nodeLink, onFatal: (reason) => void stepDown(reason) });
      if (lease.epoch !== started.epoch || stopped) return void (await started.stop(config.stopTimeoutMs, true));
      engine = started;
      metrics.leader.set(1);
      metrics.takeovers.inc();
      for (const w of activeWaiters.splice(0)) w();
    } catch (error) {
      log.error({ err: messageOf(error) }, 'alarm engine did not start: giving the lease up');
      await lease?.release();
    }
  };
  const stepDown = (reason: 'lost' | EngineFailure | 'stop') =>
    serially('step-down', async () => {
      if (reason === 'fenced') lease?.fenced();
      if (reason === 'cut_off') lease?.abandon('cut off from the database while another node reaches it');
      const running = engine;
      if (!running) return;
      engine = null;
      metrics.leader.set(0);
      metrics.stepDowns.inc({ reason });
      log.warn({ reason, epoch: running.epoch }, reason === 'stop' ? 'stopping the alarm engine' : 'no longer the active node: alarm engine stops');
      await running.stop(config.stopTimeoutMs, reason === 'stop');
      if (reason === 'broker_lost' || reason === 'stop') await lease?.release();
      if (reason !== 'stop') void replayJournal();
    });

  // one replay at a time (at start, and after each step-down)
  let replaying: Promise<void> | null = null;
  const replayJournal = (): Promise<void> =>
    (replaying ??= (async () => {
      journalPending = true;
      try {
        await replayLeftoverJournal({ pool, journalDir: config.journalDir, timeoutMs: config.db.writeTimeoutMs, probeMs: config.db.probeMs, log, stopped: () => stopped });
      } finally {
        journalPending = false;
        replaying = null;
      }
    })());

  const app = Fastify({ loggerInstance: log.child({ component: 'http' }), logController: new LogController({ disableRequestLogging: true }), bodyLimit: 64 * 1024 });
  app.get('/healthz', async () => ({
    ok: true,
    instance: config.instance,
    role: engine ? 'active' : 'standby',
    epoch: lease?.epoch ?? null,
    leader: leaderView().url,
    // the connection this node needs now: the press session when active, its own link when standby
    broker: engine ? engine.press.subscribed : nodeLink.connected,
    durable: engine?.context.durable.mode ?? null,
    openAlarms: engine?.context.store.openCount ?? null,
    consoles: engine?.context.feed.consoles ?? 0,
  }));
  if (config.metrics) {
    app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  }
  app.addHook('onRequest', directRequestGuard(relay, config.live.allowedOrigins));
  await app.register(dispatchPlugin, services);
  const address = await app.listen({ host: config.http.host, port: config.http.port });
  selfUrl = config.advertiseUrl ?? advertised(config.http.host, address);
  const held = new Lease({
    pool,
    instance: config.instance,
    url: selfUrl,
    ...config.lease,
    log,
    eligible: () => !stopped && !journalPending && nodeLink.connected,
  });
  lease = held;
  held.on('acquired', () => void serially('takeover', becomeActive));
  held.on('lost', () => void stepDown('lost'));
  // standbys tell the active node whether they reach the database (see engine.ts, notCutOff)
  held.on('polled', (reachable) => nodeLink.beacon('standby', reachable));

  // A journal of an earlier run is replayed before this node may become active; then the first attempt.
  const leftover = replayJournal();
  await Promise.race([leftover, new Promise((resolve) => setTimeout(resolve, config.db.startupWaitMs))]);
  if (!journalPending) await waitFor(() => nodeLink.connected, 5_000);
  if (await held.start()) await transitions;
  log.info({ address, advertised: selfUrl, role: engine ? 'active' : 'standby', leader: leaderView().instance }, 'dispatch started');

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    stopped = true;
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, config.stopTimeoutMs).unref());
    await Promise.race([
      (async () => {
        await app.close();
        await stepDown('stop');
        await held.stop();
        await sessions.stop();
      })(),
      deadline,
    ]);
    nodeLink.end();
    log.info('dispatch stopped');
  };
  return {
    address,
    services,
    get context() {
      return engine?.context ?? noEngine();
    },
    get role() {
      return engine ? 'active' : 'standby';
    },
    whenActive: () => (engine ? Promise.resolve() : new Promise<void>((resolve) => activeWaiters.push(resolve))),
    stop: () => (stopping ??= stop()),
  };
}

/** http://{host}:{port} other nodes can reach: a wildcard listener is named by this machine's host name. */
function advertised(host: string, address: string): string {
  const port = new URL(address).port;
  const name = host === '0.0.0.0' || host === '::' ? hostname() : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

async function waitFor(ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
