import { Redis } from 'ioredis';
import mqemitterRedis from 'mqemitter-redis';
import aedesPersistenceRedis from 'aedes-persistence-redis';
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/** mqemitter-redis' emitter that prefixes every channel; exported by the package but not in its types. */
const { MQEmitterRedisPrefix } = mqemitterRedis as unknown as {
  MQEmitterRedisPrefix: new (prefix: string, opts: { subConn: Redis; pubConn: Redis }) => { readonly state: EventEmitter };
};

export interface ClusterParts {
  /** aedes `mq`: messages cross nodes through Redis pub/sub. */
  readonly mq: unknown;
  /** aedes `persistence`: subscriptions, retained messages, wills and QoS 1 queues of persistent sessions. */
  readonly persistence: ReturnType<typeof aedesPersistenceRedis>;
  close(): Promise<void>;
}

/**
 * Cluster mode: several broker nodes share one Redis. Every key and pub/sub channel carries `prefix`,
 * so one Redis can hold several clusters (and tests can isolate themselves). Redis connection errors
 * are logged; ioredis reconnects by itself.
 */
export function createClusterParts(url: string, prefix: string, log: Logger): ClusterParts {
  const onError = (role: string) => (err: Error) => log.error({ err: { message: err.message }, redis: role }, 'redis connection error');
  const pubConn = new Redis(url);
  const subConn = new Redis(url);
  const dataConn = new Redis(url, { keyPrefix: prefix });
  pubConn.on('error', onError('pub'));
  subConn.on('error', onError('sub'));
  dataConn.on('error', onError('data'));

  const mq = new MQEmitterRedisPrefix(prefix, { subConn, pubConn });
  // mqemitter-redis re-emits every connection error on `state`; without a listener the first one (Redis
  // restarting) would end the process: a Redis restart took every broker of the cluster down with it
  mq.state.on('error', () => undefined);
  const persistence = aedesPersistenceRedis({ conn: dataConn });

  return {
    mq,
    persistence,
    async close() {
      // aedes closes `mq` itself (broker.close); the persistence is ours to destroy
      await Promise.resolve(persistence.destroy()).catch(() => undefined);
      if (dataConn.status !== 'end') dataConn.disconnect();
    },
  };
}
