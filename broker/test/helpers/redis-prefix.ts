import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env['AWARE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key and channel prefix no other test run uses, and a way to delete everything under it. */
export function uniqueRedisPrefix(): { prefix: string; cleanup(): Promise<void> } {
  const prefix = `aware:test:broker:${randomBytes(6).toString('hex')}:`;
  return {
    prefix,
    async cleanup() {
      const redis = new Redis(REDIS_URL);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
