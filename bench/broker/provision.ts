import { writeFile } from 'node:fs/promises';
import pino from 'pino';
import { createDevice } from '@aware/db';
import { ADMIN_URL_ENV, createTestDatabase, findOrStartTestServer, type TestDatabase } from '@aware/db/testing';

export interface BenchPendant {
  readonly id: string;
  readonly secret: string;
}

/**
 * A fresh database with `n` active pendants, each with its own random secret and its own keyed hash
 * (createDevice, the run's DEVICE_SECRET_KEYS: no shared hashes, the broker verifies exactly what it
 * would in production).
 */
export async function provisionPendants(n: number, concurrency = 16): Promise<{ db: TestDatabase; pendants: BenchPendant[]; seconds: number }> {
  const logger = pino({ level: 'warn' });
  if (!process.env[ADMIN_URL_ENV]) {
    const server = await findOrStartTestServer(process.env, logger);
    process.env[ADMIN_URL_ENV] = server.url;
  }
  const db = await createTestDatabase({ poolMax: concurrency, logger });
  const started = performance.now();
  const pendants: BenchPendant[] = new Array(n);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      pendants[i] = await createDevice(db.pool, { id: `bench-${String(i).padStart(6, '0')}` });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // every pendant goes into service at once (setDeviceStatus is one statement per pendant; same effect)
  await db.pool.query(`UPDATE devices SET status = 'active', status_changed_at = now()`);
  return { db, pendants, seconds: (performance.now() - started) / 1000 };
}

export async function writePendants(path: string, pendants: readonly BenchPendant[]): Promise<void> {
  await writeFile(path, JSON.stringify(pendants), { mode: 0o600 });
}
