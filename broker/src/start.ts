import type { Server } from 'node:net';
import { Aedes, type AedesOptions } from 'aedes';
import type { Logger } from 'pino';
import type { BrokerConfig } from './config.js';
import type { BrokerContext } from './context.js';
import type { DeviceDirectory } from './auth/device-directory.js';
import { CredentialCache } from './auth/credential-cache.js';
import { FailureThrottle } from './auth/failure-throttle.js';
import { ServiceCredentials } from './auth/service-credentials.js';
import { VerifyQueue } from './auth/verify-queue.js';
import { createMetrics } from './metrics.js';
import { localClients } from './aedes-internals.js';
import { stateOf } from './client-state.js';
import { createAuthenticate } from './hooks/authenticate.js';
import { createAuthorizePublish } from './hooks/authorize-publish.js';
import { createAuthorizeSubscribe } from './hooks/authorize-subscribe.js';
import { createAuthorizeForward } from './hooks/authorize-forward.js';
import { installDropFilter } from './drop-rejected.js';
import { useRetainedStore } from './retained-store.js';
import { closeWithReason, trackPresence } from './presence/presence.js';
import { watchRevocations } from './revocation.js';
import { createClusterParts, type ClusterParts } from './cluster/redis.js';
import { Acceptor } from './listeners/acceptor.js';
import { closeServer, listen, type ListenerAddress } from './listeners/listen.js';
import { createTcpListener } from './listeners/tcp.js';
import { createTlsListener } from './listeners/tls.js';
import { createWsListener } from './listeners/ws.js';
import { createMetricsListener } from './listeners/metrics-http.js';

export interface BrokerDeps {
  /** Device lookups, secret verification and change polling (db-directory.ts on @aware/db). */
  readonly devices: DeviceDirectory;
  /** The root logger; the broker logs through a child bound to `service: 'broker'`. */
  readonly logger: Logger;
}

export interface RunningBroker {
  readonly nodeId: string;
  readonly addresses: {
    readonly tcp: ListenerAddress | null;
    readonly tls: ListenerAddress | null;
    readonly ws: (ListenerAddress & { readonly path: string }) | null;
    readonly metrics: ListenerAddress | null;
  };
  /** Closes listeners and every connection (presence reason `broker_shutdown`), then Redis. */
  stop(): Promise<void>;
}

/** Starts one broker node: aedes with the hooks, its listeners, presence, revocation and metrics. */
export async function start(config: BrokerConfig, deps: BrokerDeps): Promise<RunningBroker> {
  const log = deps.logger.child({ service: 'broker', node: config.nodeId });
  let acceptor: Acceptor | null = null;
  let broker: Aedes | null = null;
  const metrics = createMetrics(() => countConnections(broker, acceptor));
  const ctx: BrokerContext = {
    config,
    log,
    metrics,
    devices: deps.devices,
    services: new ServiceCredentials(config.serviceSecrets),
    cache: new CredentialCache(config.auth.cacheSize),
    verifyQueue: new VerifyQueue(config.auth.concurrency, config.auth.queueMax),
    throttle: new FailureThrottle(config.auth.failureDelayMaxMs),
  };

  const cluster: ClusterParts | null = config.redis ? createClusterParts(config.redis.url, config.redis.prefix, log) : null;
  const options: AedesOptions = {
    id: config.nodeId,
    ...(cluster ? { mq: cluster.mq, persistence: cluster.persistence } : {}),
    // a node that stops heartbeating for 3 intervals is dead: other nodes publish its clients' wills
    heartbeatInterval: 15_000,
    // no global delivery queue: with aedes' default (100 messages in flight, the rest in one FIFO) a press
    // waits in that queue behind every heartbeat ahead of it, and a long run of queued messages without
    // subscribers is released recursively until the stack overflows (mqemitter, RangeError under overload).
    // Each client's reading is still paced by its own packets' completion.
    concurrency: 0,
    connectTimeout: config.connectTimeoutMs,
    keepaliveLimit: config.keepaliveMaxS,
    authenticate: createAuthenticate(ctx),
    authorizePublish: createAuthorizePublish(ctx),
    authorizeSubscribe: createAuthorizeSubscribe(ctx),
    authorizeForward: createAuthorizeForward(ctx),
  };
  broker = await Aedes.createBroker(options);
  if (!cluster) useRetainedStore((broker as unknown as { persistence: Parameters<typeof useRetainedStore>[0] }).persistence);
  // aedes emits 'error' for persistence failures; unhandled it would end the process
  (broker as unknown as NodeJS.EventEmitter).on('error', (err: Error) => log.error({ err }, 'broker error'));
  installDropFilter(broker);
  trackPresence(ctx, broker);
  const revocation = watchRevocations(ctx, broker);
  acceptor = new Acceptor(ctx, broker);

  const servers: Server[] = [];
  const open = async <T extends Server>(server: T, port: number, host = config.host): Promise<ListenerAddress> => {
    servers.push(server);
    return listen(server, host, port, config.listenBacklog);
  };
  const ws = config.ws ? createWsListener(config.ws.path, config.maxPacketBytes, acceptor) : null;
  const addresses = {
    tcp: config.tcpPort === null ? null : await open(createTcpListener(acceptor), config.tcpPort),
    tls: config.tls ? await open(createTlsListener(config.tls, ctx, acceptor), config.tls.port) : null,
    ws: ws && config.ws ? { ...(await open(ws.server, config.ws.port)), path: config.ws.path } : null,
    metrics: config.metrics ? await open(createMetricsListener(metrics.registry), config.metrics.port, config.metrics.host) : null,
  };
  log.info({ addresses, cluster: cluster !== null }, 'broker listening');

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    const running = broker!;
    const closing = servers.map(closeServer);
    ws?.wss.close();
    await revocation.stop();
    await Promise.all(
      localClients(running).map((client) => new Promise<void>((resolve) => closeWithReason(client, 'broker_shutdown', resolve))),
    );
    // let the presence publishes of those closes reach the emitter before it closes
    await new Promise((resolve) => setTimeout(resolve, cluster ? 50 : 0));
    await new Promise<void>((resolve) => running.close(() => resolve()));
    for (const server of servers) (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    await Promise.all(closing);
    await cluster?.close();
    ctx.throttle.close();
    log.info('broker stopped');
  };

  return {
    nodeId: config.nodeId,
    addresses,
    stop: () => (stopping ??= stop()),
  };
}

function countConnections(broker: Aedes | null, acceptor: Acceptor | null): Record<'device' | 'service' | 'pending', number> {
  let device = 0;
  let service = 0;
  for (const client of broker ? localClients(broker) : []) {
    const state = stateOf(client);
    if (state?.deviceId) device++;
    else if (state?.service) service++;
  }
  return { device, service, pending: Math.max(0, (acceptor?.open ?? 0) - device - service) };
}
