declare module 'aedes-persistence-redis' {
  import type { Redis, RedisOptions } from 'ioredis';

  interface AedesPersistenceRedisOptions extends RedisOptions {
    /** An existing connection to use instead of opening one. */
    conn?: Redis;
    /** Most offline messages delivered on CONNECT (default 1000). */
    maxSessionDelivery?: number;
    packetTTL?: (packet: unknown) => number;
  }

  interface AedesPersistenceRedis {
    setup(broker: unknown): Promise<void>;
    destroy(cb?: () => void): unknown;
  }

  export default function aedesPersistenceRedis(opts?: AedesPersistenceRedisOptions): AedesPersistenceRedis;
}
